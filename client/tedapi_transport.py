"""The three ways into TEDAPI, behind one small interface: envelope bytes in, answering envelope bytes out.

- :class:`WifiBasic`: ``https://192.168.91.1`` (or any URL), HTTP Basic
  ``Tesla_Energy_Device:<the full sticker password>``, a ``Message`` with a tail.
  Since firmware 25.10 only from the gateway's own access point.
- :class:`Bearer`: a customer login's token (the REST connection's login
  machinery, :class:`~.connection.Gateway`) and an ``AuthEnvelope`` with
  ``externalAuth.type = PRESENCE``.
- :class:`V1r`: a customer login plus an RSA-4096 signed ``RoutableMessage``
  (``/tedapi/v1r``), signed for the leader's DIN, expiring 12 s after signing.

Manners, the same for all three (:class:`_Manners`): one request at a time
per gateway; an overall deadline on every call; a ``429`` or ``503`` pauses
this gateway's TEDAPI for 300 s on the project's clock (pypowerwall's
figure), so a busy gateway never meets a storm; TLS pinned as for REST.
No secret (password, token, key) is ever logged or put in an error.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import logging
import math
import time
import uuid
import weakref
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

import httpx

from tedapi_client import routable_pb2

from . import tedapi_wire as wire
from .aio_transport import AiohttpTransport
from .clock import REAL, Clock
from .connection import KEEPALIVE_EXPIRY, Gateway, parsed_url, read_whole
from .errors import (
    AccessPointUnreachable,
    AuthRefused,
    FollowerNotReachable,
    KeyPendingVerification,
    MessageExpired,
    NotPermitted,
    RateLimited,
    SignedMessageRefused,
    TedapiError,
    TedapiRateLimited,
    TedapiWrongPassword,
    UnexpectedAnswer,
    UnknownKey,
    Unreachable,
)
from .store import StateFile, default_state_dir
from .tedapi_keys import SigningKey
from .tls import TlsOptions, TlsTrust

log = logging.getLogger("pwkit.tedapi")

WIFI_URL = "https://192.168.91.1"
BASIC_USER = "Tesla_Energy_Device"
BUSY_STATUSES = (429, 503)
BUSY_PAUSE = 300.0  # seconds: pypowerwall's pause after a 429/503 (shared FACTS "Endpoints")
V1R_LIFETIME = 12  # seconds a signed message lives (pypowerwall; FACTS)
NOT_VERIFIED = b"authorization not verified"  # "v1r: client authorization not verified" (pypowerwall #274)
LEGACY_TYPE = "application/octet-string"  # what pypowerwall sends to /tedapi/v1 (FACTS)
V1R_TYPE = "application/octet-stream"
ACCESS_POINT_HINT = (
    "the Wi-Fi path (TEDAPI basic) did not answer. Since firmware 25.10 it is reachable only from the gateway's "
    "own Wi-Fi access point (TEG-xxx, or TeslaPW_xxx on a Powerwall 3) at 192.168.91.1, not routed from your "
    "LAN: connect this machine to that access point, or use v1r on the LAN (pwkit pair)"
)
PAIR_HINT = "register this key with `pwkit pair URL` (then switch the Powerwall off ~15 s and on, within ~10 min)"


@dataclass
class TedapiOptions:
    timeout: float = 10.0
    busy_pause: float = BUSY_PAUSE
    state_dir: Path | None = None
    clock: Clock = field(default=REAL, repr=False)


class Transport(Protocol):
    """One way into one gateway's TEDAPI."""

    name: str  # "wifi", "bearer" or "v1r"
    url: str
    signed: bool  # whether envelopes speak as the registered key (v1r)

    async def din(self) -> str:
        """The gateway's DIN (``GET /tedapi/din``)."""
        ...

    async def exchange(self, envelope: bytes, *, leader_din: str, recipient: str, what: str) -> bytes:
        """Send one envelope; the answering envelope's bytes (ungzipped, size-checked)."""
        ...

    async def aclose(self) -> None: ...


class _Manners:
    """One request at a time, a deadline on each, and the 300 s pause after a 429/503."""

    def __init__(self, url: str, options: TedapiOptions) -> None:
        self.url = url
        self.options = options
        self.clock = options.clock
        self._lock: asyncio.Lock | None = None
        self._paused_until = 0.0
        self.requests = 0

    @contextlib.asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        if self._lock is None:
            self._lock = asyncio.Lock()
        self.check_paused()
        async with self._lock:
            self.check_paused()
            self.requests += 1
            yield

    def check_paused(self) -> None:
        if self.clock.monotonic() < self._paused_until:
            raise TedapiRateLimited(
                self.url, self._paused_until, "TEDAPI paused after the gateway said it is busy", clock=self.clock
            )

    def busy(self, status: int, what: str) -> TedapiRateLimited:
        self._paused_until = self.clock.monotonic() + self.options.busy_pause
        log.error(
            "%s: %s answered %d (busy); no TEDAPI request for %.0f s", self.url, what, status, self.options.busy_pause
        )
        return TedapiRateLimited(self.url, self._paused_until, f"{what} answered {status}", clock=self.clock)

    def pause_from(self, exc: RateLimited) -> TedapiRateLimited:
        """A 429 the REST connection saw on a TEDAPI request: TEDAPI pauses as for its own."""
        self._paused_until = max(self._paused_until, self.clock.monotonic() + self.options.busy_pause, exc.retry_at)
        return TedapiRateLimited(self.url, self._paused_until, "the gateway rate-limited us (429)", clock=self.clock)


def _normalise_url(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url if "://" in url else f"https://{url}")
    if parts.scheme != "https" or not parts.hostname:
        raise ValueError(f"not a gateway address: {url!r} (expected https://HOST[:PORT])")
    host = parts.hostname
    shown = f"[{host}]" if ":" in host else host
    return f"https://{shown}" + (f":{parts.port}" if parts.port else ""), host, parts.port or 443


# ------------------------------------------------------------------ Wi-Fi basic
class WifiBasic:
    """TEDAPI over the gateway's own access point: HTTP Basic with the full sticker password."""

    name = "wifi"
    signed = False

    def __init__(
        self,
        url: str = WIFI_URL,
        *,
        password: str,
        tls: TlsOptions | None = None,
        options: TedapiOptions | None = None,
    ) -> None:
        if not password:
            raise ValueError("the Wi-Fi path needs the full password printed on the gateway's QR sticker")
        self.url, self.host, self.port = _normalise_url(url)
        self.options = options or TedapiOptions()
        self.manners = _Manners(self.url, self.options)
        state_dir = self.options.state_dir or default_state_dir()
        self.trust = TlsTrust(
            self.url,
            self.host,
            self.port,
            tls or TlsOptions(),
            StateFile(state_dir / "pins.json"),
            self.options.timeout,
        )
        self._authorization = "Basic " + base64.b64encode(f"{BASIC_USER}:{password}".encode()).decode("ascii")
        self._transport: AiohttpTransport | None = None
        self._urls: dict[str, httpx.URL] = {}

    def __repr__(self) -> str:
        return f"WifiBasic({self.url!r}, password=***)"

    async def aclose(self) -> None:
        if self._transport is not None:
            await self._transport.aclose()
            self._transport = None

    async def _inner(self) -> AiohttpTransport:
        if self._transport is None:
            try:
                context = await asyncio.to_thread(self.trust.context)
            except Unreachable as exc:
                raise AccessPointUnreachable(self.url, f"{ACCESS_POINT_HINT} ({exc})") from None
            # Kept open between polls as the REST connection is (KEEPALIVE_EXPIRY, 20 s): httpx's default of
            # 5 s closed it between two DeviceController reads (15 s apart), so every read paid a TCP connect and
            # a TLS handshake on both sides (pypowerwall's requests session keeps its connection too). One
            # connection: the manners' lock sends one request at a time. Through aiohttp, as the REST polls go:
            # about a third of httpx's CPU per request (python -m tests.bench.http_cost).
            self._transport = AiohttpTransport(context, max_connections=1, keepalive_expiry=KEEPALIVE_EXPIRY)
        return self._transport

    async def _send(self, method: str, path: str, content: bytes | None, what: str) -> bytes:
        async with self.manners.turn():
            transport = await self._inner()
            headers = {"Authorization": self._authorization}
            if content is not None:
                headers["Content-Type"] = LEGACY_TYPE
            request = httpx.Request(method, parsed_url(self._urls, self.url + path), headers=headers, content=content)
            if self.trust.server_name:
                request.extensions["sni_hostname"] = self.trust.server_name
            request.extensions["timeout"] = httpx.Timeout(self.options.timeout).as_dict()
            started = time.perf_counter()
            try:
                response = await read_whole(transport, request, self.options.timeout)
            except TimeoutError:
                raise AccessPointUnreachable(
                    self.url, f"{what}: no complete answer within {self.options.timeout:g} s; {ACCESS_POINT_HINT}"
                ) from None
            except httpx.ConnectError as exc:
                if "CERTIFICATE_VERIFY_FAILED" in str(exc) and self.trust.fingerprint is not None:
                    raise await asyncio.to_thread(self.trust.mismatch) from None
                raise AccessPointUnreachable(self.url, f"{what}: {ACCESS_POINT_HINT} ({type(exc).__name__})") from None
            except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                raise AccessPointUnreachable(self.url, f"{what}: {ACCESS_POINT_HINT} ({type(exc).__name__})") from None
            log.debug(
                "%s: %s %s → %d in %.0f ms",
                self.url,
                method,
                path,
                response.status_code,
                (time.perf_counter() - started) * 1000,
            )
            status = response.status_code
            if status in BUSY_STATUSES:
                raise self.manners.busy(status, what)
            if status in (401, 403):
                raise TedapiWrongPassword(
                    self.url,
                    f"{what}: the Wi-Fi path refused the password ({status}). It is the FULL password on the QR "
                    "sticker (not the customer login's last 5 characters)",
                )
            if status == 404:
                raise AccessPointUnreachable(
                    self.url, f"{what}: this address does not serve TEDAPI basic (404); {ACCESS_POINT_HINT}"
                )
            if status != 200:
                raise UnexpectedAnswer(self.url, status, _shown(response.content), what)
            return wire.body(response.content, self.url, what)

    async def din(self) -> str:
        text = await self._send("GET", "/tedapi/din", None, "GET /tedapi/din")
        return wire.checked_din(text.decode("utf-8", "replace"), self.url, "the gateway's DIN")

    async def exchange(self, envelope: bytes, *, leader_din: str, recipient: str, what: str) -> bytes:
        answer = await self._send("POST", "/tedapi/v1", wire.legacy_message(envelope), what)
        return wire.outer_payload(answer, self.url, what)


# ------------------------------------------------------------------ through the REST connection
# One set of manners per REST connection: a bearer and a v1r client of the same gateway take turns and share
# the 300 s pause.
_SHARED: weakref.WeakKeyDictionary[Gateway, _Manners] = weakref.WeakKeyDictionary()


class _OverGateway:
    """Bearer and v1r both ride the REST connection: its login, TLS pin, deadline and 401 re-login."""

    name = "bearer"
    signed = False

    def __init__(self, gateway: Gateway, options: TedapiOptions | None = None) -> None:
        self.gateway = gateway
        self.url = gateway.url
        self.options = options or TedapiOptions(timeout=gateway.options.timeout, clock=gateway.clock)
        if gateway not in _SHARED:
            _SHARED[gateway] = _Manners(self.url, self.options)
        self.manners = _SHARED[gateway]
        self._urls: dict[str, httpx.URL] = {}

    async def aclose(self) -> None:
        await self.gateway.aclose()

    async def _send(self, method: str, path: str, content: bytes | None, content_type: str, what: str) -> bytes:
        async with self.manners.turn():
            headers = {"Content-Type": content_type} if content is not None else {}
            request = httpx.Request(method, parsed_url(self._urls, self.url + path), headers=headers, content=content)
            request.extensions["pwkit_raw"] = True
            try:
                async with asyncio.timeout(self.options.timeout * 3):  # a login may come first
                    response = await self.gateway.send(request)
            except TimeoutError:
                raise Unreachable(self.url, f"{what}: no answer within {self.options.timeout * 3:g} s") from None
            except RateLimited as exc:
                raise self.manners.pause_from(exc) from None
            except NotPermitted:
                raise AuthRefused(
                    self.url, f"{what}: the gateway refused this customer session for TEDAPI (403)"
                ) from None
            status = response.status_code
            if status in BUSY_STATUSES:
                raise self.manners.busy(status, what)
            if status == 404:
                raise TedapiError(self.url, f"{what}: this firmware does not serve {path} on this address (404)")
            if status != 200:
                raise UnexpectedAnswer(self.url, status, _shown(response.content), what)
            return wire.body(response.content, self.url, what)

    async def din(self) -> str:
        text = await self._send("GET", "/tedapi/din", None, "", "GET /tedapi/din")
        return wire.checked_din(text.decode("utf-8", "replace"), self.url, "the gateway's DIN")


class Bearer(_OverGateway):
    """TEDAPI with a customer login's token and an ``AuthEnvelope`` (``externalAuth.type = PRESENCE``)."""

    name = "bearer"
    signed = False

    def __repr__(self) -> str:
        return f"Bearer({self.url!r})"

    async def exchange(self, envelope: bytes, *, leader_din: str, recipient: str, what: str) -> bytes:
        answer = await self._send("POST", "/tedapi/v1", wire.auth_envelope(envelope), LEGACY_TYPE, what)
        return wire.outer_payload(answer, self.url, what)


class V1r(_OverGateway):
    """TEDAPI on the LAN with a registered, verified RSA-4096 key: each envelope signed for the leader's DIN."""

    name = "v1r"
    signed = True

    def __init__(self, gateway: Gateway, key: SigningKey, options: TedapiOptions | None = None) -> None:
        super().__init__(gateway, options)
        self.key = key

    def __repr__(self) -> str:
        return f"V1r({self.url!r}, key sha256:{self.key.fingerprint[:16]}…)"

    def signed_message(self, envelope: bytes, leader_din: str) -> bytes:
        """The RoutableMessage for ``envelope``: a fresh uuid, expiring V1R_LIFETIME s from now (the clock's)."""
        expires_at = math.ceil(self.options.clock.time()) + V1R_LIFETIME
        routable = routable_pb2.RoutableMessage()
        routable.to_destination.domain = routable_pb2.DOMAIN_ENERGY_DEVICE
        routable.protobuf_message_as_bytes = envelope
        routable.signature_data.signer_identity.public_key = self.key.public_der
        routable.signature_data.rsa_data.expires_at = expires_at
        routable.signature_data.rsa_data.signature = self.key.sign(leader_din, expires_at, envelope)
        routable.uuid = str(uuid.uuid4()).encode()
        return routable.SerializeToString()

    async def exchange(self, envelope: bytes, *, leader_din: str, recipient: str, what: str) -> bytes:
        answer = await self._send("POST", "/tedapi/v1r", self.signed_message(envelope, leader_din), V1R_TYPE, what)
        routable = wire.parse(routable_pb2.RoutableMessage, answer, self.url, what)
        fault = routable.signed_message_status.message_fault
        if fault != routable_pb2.MESSAGEFAULT_ERROR_NONE:
            raise self._fault(fault, recipient, leader_din, what)
        inner = routable.protobuf_message_as_bytes
        if NOT_VERIFIED in answer.lower() or NOT_VERIFIED in inner.lower():
            raise KeyPendingVerification(
                self.url,
                f"{what}: the key (sha256 {self.key.fingerprint[:16]}…) is registered but not verified. Within about "
                "10 minutes of registering, switch the Powerwall off for about 15 s, then back on (a 2 s flick is "
                "ignored); past the window, register the same key again (`pwkit pair`)",
            )
        if not inner:
            raise UnknownKey(
                self.url,
                f"{what}: the gateway answered with no data, as it does for a key it does not accept (sha256 "
                f"{self.key.fingerprint[:16]}…); {PAIR_HINT}",
            )
        return inner

    def _fault(self, fault: int, recipient: str, leader_din: str, what: str) -> SignedMessageRefused:
        try:
            name = routable_pb2.MessageFault_E.Name(fault)
        except ValueError:
            name = f"fault {fault}"
        short = name.removeprefix("MESSAGEFAULT_ERROR_")
        key = f"sha256 {self.key.fingerprint[:16]}…"
        if fault == routable_pb2.MESSAGEFAULT_ERROR_UNKNOWN_KEY_ID:
            return UnknownKey(
                self.url, f"{what}: the gateway does not know this key ({key}; {short}); {PAIR_HINT}", fault, name
            )
        if fault == routable_pb2.MESSAGEFAULT_ERROR_TIMEOUT and recipient != leader_din:
            return FollowerNotReachable(
                self.url,
                f"{what}: {recipient} is a follower; v1r reaches only the leader ({leader_din}). Read followers "
                "over the Wi-Fi path (the leader's access point)",
                fault,
                name,
            )
        if fault == routable_pb2.MESSAGEFAULT_ERROR_TIME_EXPIRED:
            return MessageExpired(
                self.url,
                f"{what}: the gateway took the signed message as expired ({short}); signatures live "
                f"{V1R_LIFETIME} s, so this machine's clock is probably off: check NTP",
                fault,
                name,
            )
        return SignedMessageRefused(self.url, f"{what}: the gateway refused the signed message ({short})", fault, name)


def _shown(content: bytes) -> str:
    """An error answer's start, as text: the gateway's own words, never our request (which holds no secret)."""
    return content[:200].decode("utf-8", "replace").strip()
