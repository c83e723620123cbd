"""The gateway's HTTP/1.1 keep-alive connections through aiohttp, behind httpx's transport interface.

Every poll of every gateway is a request, so what a request costs the bridge is most of what a gateway costs
it. Measured against the simulator over HTTPS, one request at a time, in this process's CPU time
(``python -m tests.bench.http_cost``): a poll through httpx's own HTTP/2 transport (httpcore, h2, hpack,
anyio) took about three times the CPU it takes through aiohttp, whose HTTP parser is compiled. httpx stays
the interface (the generated client, the policy in :mod:`.connection`, every caller's ``httpx.Request`` and
``httpx.Response``); only the wire underneath changes. The gateway speaks HTTP/1.1 as well as HTTP/2
(FACTS), and Home Assistant's integration polls it over one aiohttp keep-alive connection.

aiohttp's failures are raised as the httpx ones the callers handle, by what happened (refused or unverified
connection; the gateway closed it or cut the body short; a reset), with aiohttp's words kept.
"""

from __future__ import annotations

import asyncio.sslproto
import ssl
from typing import Any

import aiohttp
import httpx

# asyncio's TLS gives every connection a read buffer of SSLProtocol.max_size (256 KiB), allocated zeroed when it
# opens. A gateway's fast group at once, 100 gateways in one process, two connections each (`python -m
# tests.bench.http_cost`): 604 KiB a gateway with it, 155 KiB with 32 KiB, 124 KiB with 16 KiB (httpx's HTTP/2,
# one connection: 66 KiB). A TLS record holds at most 16 KiB of data, so 16 KiB still takes a whole record at
# a read; a longer answer is read in more turns of the same loop (asyncio's _do_read__copied). Process-wide,
# as the attribute is; never raised if set lower.
SSL_READ_BUFFER = 16 * 1024
asyncio.sslproto.SSLProtocol.max_size = min(asyncio.sslproto.SSLProtocol.max_size, SSL_READ_BUFFER)

# By what happened, most specific first: the first match decides.
_FAILURES: tuple[tuple[type[BaseException], type[httpx.TransportError]], ...] = (
    (aiohttp.ConnectionTimeoutError, httpx.ConnectTimeout),  # a ServerTimeoutError: the connect phase's limit
    (aiohttp.ServerTimeoutError, httpx.ReadTimeout),
    (aiohttp.ClientConnectorError, httpx.ConnectError),  # refused, unreachable, TLS refused or unverified
    (aiohttp.ServerDisconnectedError, httpx.RemoteProtocolError),  # closed before or while answering
    (aiohttp.ClientPayloadError, httpx.RemoteProtocolError),  # a body cut short or badly framed
    (aiohttp.ClientResponseError, httpx.RemoteProtocolError),  # not an HTTP answer
    (aiohttp.ClientOSError, httpx.ReadError),  # reset by the peer, and other socket errors
    (aiohttp.ClientError, httpx.NetworkError),
    (OSError, httpx.NetworkError),
)


class AiohttpTransport(httpx.AsyncBaseTransport):
    """One gateway's connections: at most ``max_connections``, idle ones closed after ``keepalive_expiry`` s.

    Only the wire: no cookies (the caller's session carries the login), no redirects, no decompression (httpx
    decodes the body as it does for its own transports), no time limit of its own (the caller bounds the whole
    request). The session is made on first use, in the event loop that uses it.
    """

    def __init__(self, verify: ssl.SSLContext, *, max_connections: int, keepalive_expiry: float) -> None:
        self._context = verify
        self._max_connections = max_connections
        self._keepalive_expiry = keepalive_expiry
        self._session: aiohttp.ClientSession | None = None

    def _open(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(
            ssl=self._context,
            limit=self._max_connections,
            keepalive_timeout=self._keepalive_expiry,
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),
            auto_decompress=False,
            timeout=aiohttp.ClientTimeout(total=None),
            skip_auto_headers=("User-Agent", "Accept-Encoding"),  # httpx's own headers are sent as they are
        )
        return self._session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        session = self._session or self._open()
        timeouts: dict[str, Any] = request.extensions.get("timeout", {})
        try:
            async with session.request(
                request.method,
                str(request.url),
                headers=request.headers.multi_items(),
                data=request.content or None,
                allow_redirects=False,
                server_hostname=request.extensions.get("sni_hostname"),
                timeout=aiohttp.ClientTimeout(total=None, sock_connect=timeouts.get("connect")),
            ) as answer:
                content = await answer.read()
                status, headers = answer.status, answer.raw_headers
        except (aiohttp.ClientError, OSError) as exc:
            for failure, raised in _FAILURES:
                if isinstance(exc, failure):
                    raise raised(str(exc) or type(exc).__name__, request=request) from exc
            raise  # pragma: no cover - OSError and ClientError are the last rows
        return httpx.Response(
            status, headers=headers, content=content, request=request, extensions={"http_version": b"HTTP/1.1"}
        )

    async def aclose(self) -> None:
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()
