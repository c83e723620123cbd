"""The gateway's wire (client/aio_transport.py): what a broken answer becomes, and what a connection holds.

The policy above it (retries, offline, messages) handles httpx's errors; each way a gateway can fail on the wire
must arrive as the httpx error that names it, never as aiohttp's own (which nothing above would catch).
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import pytest

from pwkit.client.aio_transport import SSL_READ_BUFFER, AiohttpTransport

from .simulators import RunningSimulator

Serve = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


def _get(url: str, context: ssl.SSLContext | None = None) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = AiohttpTransport(context or ssl.create_default_context(), max_connections=2, keepalive_expiry=5)
        try:
            response = await transport.handle_async_request(httpx.Request("GET", url))
            await response.aread()
            return response
        finally:
            await transport.aclose()

    return asyncio.run(go())


def _served(serve: Serve) -> httpx.Response:
    """A GET against a plain-TCP server that answers with ``serve``, on a port of its own."""

    async def go() -> httpx.Response:
        server = await asyncio.start_server(serve, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        transport = AiohttpTransport(ssl.create_default_context(), max_connections=2, keepalive_expiry=5)
        try:
            response = await transport.handle_async_request(httpx.Request("GET", f"http://127.0.0.1:{port}/x"))
            await response.aread()
            return response
        finally:
            await transport.aclose()
            server.close()

    return asyncio.run(go())


def _answering(raw: bytes) -> Serve:
    """A server that reads the request, writes ``raw`` (nothing when empty) and closes."""

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(raw)
        await writer.drain()
        writer.close()

    return serve


_truncated = _answering(b'HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: application/json\r\n\r\n{"a": 1')
_silent_close = _answering(b"")
_not_http = _answering(b"SSH-2.0-OpenSSH_9.2\r\n\r\n")


async def _reset(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.readuntil(b"\r\n\r\n")
    writer.transport.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
    writer.transport.abort()  # RST, not FIN


@pytest.mark.parametrize(
    ("serve", "raised"),
    [
        (_truncated, httpx.RemoteProtocolError),
        (_silent_close, httpx.RemoteProtocolError),
        (_not_http, httpx.RemoteProtocolError),
        (_reset, httpx.TransportError),
    ],
    ids=["body cut short", "closed without answering", "not HTTP", "reset"],
)
def test_a_broken_answer_is_the_httpx_error_that_names_it(serve: Serve, raised: type[Exception]) -> None:
    with pytest.raises(raised) as caught:
        _served(serve)
    assert str(caught.value)  # aiohttp's words kept, for the log and the health topic


def test_a_refused_connection_is_a_connect_error() -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with pytest.raises(httpx.ConnectError):
        _get(f"https://127.0.0.1:{port}/api/status")


def test_a_connection_not_accepted_in_time_is_a_connect_timeout() -> None:
    """A listener whose queue is full drops new connections' SYNs: the connect phase's own limit ends it, and the
    error says it was the connect (the policy and the log tell it from a gateway that stopped answering)."""
    with socket.socket() as full:
        full.bind(("127.0.0.1", 0))
        full.listen(0)
        port = full.getsockname()[1]
        queued: list[socket.socket] = []
        try:
            while len(queued) < 8:  # filled when a connection is no longer accepted (Linux: backlog + 1)
                try:
                    queued.append(socket.create_connection(("127.0.0.1", port), timeout=0.5))
                except TimeoutError:
                    break
            else:
                pytest.fail("the listener's queue never filled")

            async def go() -> None:
                transport = AiohttpTransport(ssl.create_default_context(), max_connections=1, keepalive_expiry=5)
                request = httpx.Request("GET", f"https://127.0.0.1:{port}/api/status")
                request.extensions["timeout"] = httpx.Timeout(5.0, connect=0.3).as_dict()
                try:
                    await asyncio.wait_for(transport.handle_async_request(request), 5)
                finally:
                    await transport.aclose()

            with pytest.raises(httpx.ConnectTimeout):
                asyncio.run(go())
        finally:
            for connection in queued:
                connection.close()


def test_an_unverified_certificate_is_a_connect_error_that_says_so(tmp_path: Path) -> None:
    """The policy tells a changed certificate from an unreachable gateway by these words."""
    sim = RunningSimulator(tmp_path / "sim")
    try:
        with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            _get(sim.url + "/api/status")  # the system's CAs: the gateway's own CA is not among them
        ok = _get(sim.url + "/api/status", ssl.create_default_context(cafile=sim.site()["ca"]))
        assert ok.status_code == 200 and ok.json()["din"]
    finally:
        sim.stop()


def test_a_connection_holds_a_read_buffer_of_one_tls_record_not_asyncios_256_kib(tmp_path: Path) -> None:
    """Every gateway keeps two or three connections open: asyncio's 256 KiB each was most of a gateway's memory."""
    sim = RunningSimulator(tmp_path / "sim")

    async def go() -> int:
        context = ssl.create_default_context(cafile=sim.site()["ca"])
        context.check_hostname = False
        transport = AiohttpTransport(context, max_connections=2, keepalive_expiry=5)
        try:
            response = await transport.handle_async_request(httpx.Request("GET", sim.url + "/api/status"))
            assert response.status_code == 200
            session = transport._session
            assert session is not None
            [[(protocol, _)]] = session.connector._conns.values()  # type: ignore[union-attr]
            tls = protocol.transport._ssl_protocol  # asyncio's SSLProtocol under aiohttp's connection
            return len(tls._ssl_buffer)
        finally:
            await transport.aclose()

    try:
        assert asyncio.run(go()) <= SSL_READ_BUFFER == 16 * 1024
    finally:
        sim.stop()
