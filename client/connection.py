"""One well-mannered connection to one gateway, under the generated client.

Every request of the generated ``powerwall_client`` operations, and of the raw
layer (:meth:`Gateway.get_json`), passes through one policy:

- **TLS** as :mod:`.tls` decides (pin on first use by default), SNI chosen
  so any address works;
- **login** lazily, one at a time: concurrent callers share the login in
  flight; the session is kept in a 0600 file so a restart does not log in
  again;
- **401/403 on a read**: log in again once and retry once, then fail. A 401 or
  403 on a *fresh session that never worked* is not followed by another login:
  a 401 backs off like a refused login, a 403 is :class:`~.errors.NotPermitted`.
  **403 on a write**: :class:`~.errors.NotPermitted` at once, no retry;
- **429**: no request at all to this gateway until the cooldown ends
  (``Retry-After`` in seconds or as an HTTP date, clamped to 1 s … 1 h);
- **every failed login** (401, 403, 429, 5xx, 200 without a token, no answer)
  backs off (30 s, doubling, up to 30 min): no login storm, whatever the cause;
- **bounded concurrency**, an overall deadline per request (connect to last
  byte: a gateway dripping its answer cannot hold a slot), HTTP/1.1 keep-alive
  connections through aiohttp (:mod:`.aio_transport`; ``http2=True`` for httpx's
  own HTTP/2), and retries with backoff only for idempotent reads on connection
  errors;
- **an installer session**, when one is held, carries the writes (every
  request but a plain read: ``POST /api/operation``, ``GET
  /api/config/completed``, …); reads keep the customer session. See
  :meth:`Gateway.start_toggle` for how to obtain one.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import email.utils
import json
import logging
import math
import threading
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import h2.connection
import httpx

from powerwall_client import Client
from powerwall_client.pwkit_operations import OperationInfo, find

from .aio_transport import AiohttpTransport
from .clock import REAL, Clock
from .errors import (
    AuthRefused,
    InstallerSessionEnded,
    NotPermitted,
    NotServed,
    RateLimited,
    SitemasterStopped,
    ToggleRequired,
    UnexpectedAnswer,
    Unreachable,
)
from .redact import register as redact_secret
from .store import StateFile, default_state_dir
from .tls import TlsOptions, TlsTrust
from .vitals import FlatVitals, decode_flat

log = logging.getLogger("pwkit.gateway")
# These libraries log raw headers (Authorization, Set-Cookie: AuthCookie=…) at DEBUG. A user who
# turns on debug logging must not leak the session token, so they never log below INFO.
for _noisy in ("hpack", "httpcore", "h2"):
    logging.getLogger(_noisy).setLevel(max(logging.getLogger(_noisy).level, logging.INFO))
T = TypeVar("T")
# h2 remembers how each of the last MAX_CLOSED_STREAMS (65,536) streams of a connection was closed, in an
# OrderedDict of about 110 bytes a request whose table doubles at 1,365, 2,730, 5,461 … entries. A gateway
# polled about four times a second (fast poll 1 s) passes 65,536 in under five hours: 7.5 MiB per connection,
# then 11 MiB once entries are replaced (flat from 100,000 to 130,000 requests; tests/bench/h2_streams.py).
# Every gateway's table doubles at about the same time: the real-time soak's RSS steps at about 5, 11 and
# 22 minutes (tests/bench/soak_trace.py). The record only decides how a frame arriving on an already closed
# stream is treated; a connection of ours has at most max_concurrency + 1 streams open, so the last 100
# cover any frame a peer can still send about one over a TCP connection (for an older one h2 ends the
# connection as a protocol error). Process-wide: h2 has no per-connection setting; never raised if lower.
H2_CLOSED_STREAMS_KEPT = 100
h2.connection.H2Connection.MAX_CLOSED_STREAMS = min(
    h2.connection.H2Connection.MAX_CLOSED_STREAMS, H2_CLOSED_STREAMS_KEPT
)
LOGIN_PATH = "/api/login/Basic"
TOGGLE_START_PATH = "/api/auth/toggle/start"
TOGGLE_LOGIN_PATH = "/api/auth/toggle/login"
TOGGLE_SUPPORTED_PATH = "/api/auth/toggle/supported"
# The gateway's word for "the installer's password is right, but nobody toggled a Powerwall yet".
PHYSICAL_ACCESS = "require physical access"
SECRET_KEYS = ("token", "password")
# Deeper JSON than any gateway answer (about 6 levels) is refused before it can exhaust the stack.
MAX_JSON_DEPTH = 64
RETRY_AFTER_RANGE = (1.0, 3600.0)
KEEPALIVE_EXPIRY = 20.0  # seconds an idle connection is kept for reuse (see _inner)
# Set by a caller whose requests must not queue behind polling (a command): they use a slot of their own.
PRIORITY: contextvars.ContextVar[bool] = contextvars.ContextVar("pwkit_priority", default=False)


@dataclass
class ConnectionOptions:
    max_concurrency: int = 2
    timeout: float = 10.0
    read_retries: int = 2
    retry_backoff: float = 0.5
    # When a 429 carries no Retry-After: lockouts last roughly 10 to 30 minutes.
    rate_limit_cooldown: float = 600.0
    login_backoff: float = 30.0
    login_backoff_max: float = 1800.0
    # HTTP/2 through httpx's own transport (one connection, multiplexed); by default HTTP/1.1 keep-alive
    # connections through aiohttp, a fraction of its CPU per request (client/aio_transport.py).
    http2: bool = False
    state_dir: Path | None = None
    keep_session: bool = True
    # Every timer of this connection (cooldowns, backoffs) reads this clock; tests and benches simulate it.
    clock: Clock = field(default=REAL, repr=False)


@dataclass(frozen=True)
class Credentials:
    password: str = field(repr=False)
    email: str = ""
    username: str = "customer"

    def __repr__(self) -> str:
        return f"Credentials(username={self.username!r}, email={self.email!r}, password=***)"


def redact(text: str) -> str:
    """A body with every token and password value replaced, for messages and logs."""
    try:
        data = json.loads(text)
    except ValueError:
        return text
    return json.dumps(_redact(data))


def _redact(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: ("***" if k in SECRET_KEYS else _redact(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact(v) for v in value]
    return value


@dataclass(frozen=True)
class ToggleWindow:
    """The window :meth:`Gateway.start_toggle` opened: the owner switches a Powerwall off and on inside it."""

    opened_at: float  # time.monotonic() when the gateway answered
    seconds: float | None  # how long it lasts, when the gateway said

    @property
    def remaining(self) -> float | None:
        """Seconds left in the window (None: the gateway did not say how long it lasts)."""
        if self.seconds is None:
            return None
        return max(0.0, self.opened_at + self.seconds - time.monotonic())


class _PolicyTransport(httpx.AsyncBaseTransport):
    def __init__(self, gateway: Gateway) -> None:
        self.gateway = gateway

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.gateway.send(request)


class _SyncPolicyTransport(httpx.BaseTransport):
    """The same policy for synchronous callers, run on the gateway's own event loop thread."""

    def __init__(self, gateway: Gateway) -> None:
        self.gateway = gateway

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        copy = httpx.Request(
            request.method, request.url, headers=request.headers, content=body, extensions=request.extensions
        )
        response = self.gateway.run(self.gateway.send(copy))
        return httpx.Response(response.status_code, headers=response.headers, content=response.content)


class _LoopThread:
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="pwkit-gateway", daemon=True)
        self.thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


MAX_PARSED_URLS = 64  # a gateway's parsed URLs kept (its polled paths are about a dozen)


def parsed_url(parsed: dict[str, httpx.URL], url: str) -> httpx.URL:
    """``url`` parsed once and kept in ``parsed``: httpx checks every character of a URL given as text (about
    40 µs), and the bridge asks a gateway for the same few URLs every few seconds."""
    found = parsed.get(url)
    if found is None:
        found = httpx.URL(url)
        if len(parsed) < MAX_PARSED_URLS:
            parsed[url] = found
    return found


async def read_whole(transport: httpx.AsyncBaseTransport, request: httpx.Request, timeout: float) -> httpx.Response:
    """One request, read to its end under one deadline (``TimeoutError`` past it).

    httpx's timeouts are per read: a gateway dripping one byte a second would hold a concurrency slot forever.
    """
    async with asyncio.timeout(timeout):
        response = await transport.handle_async_request(request)
        try:
            await response.aread()
        finally:
            await response.aclose()
    return response


class Gateway:
    """A connection to one gateway. Use ``async with`` (async code) or ``with`` (sync code).

    ``gateway.client`` is a generated ``powerwall_client.Client`` whose every
    call goes through this connection, e.g.
    ``get_system_status_soe.sync(client=gateway.client)``.
    """

    def __init__(
        self,
        url: str,
        *,
        password: str,
        email: str = "",
        username: str = "customer",
        tls: TlsOptions | None = None,
        options: ConnectionOptions | None = None,
        password_source: str = "",
    ) -> None:
        parts = urlsplit(url if "://" in url else f"https://{url}")
        if parts.scheme != "https" or not parts.hostname:
            raise ValueError(f"not a gateway address: {url!r} (expected https://HOST[:PORT])")
        self.host = parts.hostname
        self.port = parts.port or 443
        host = f"[{self.host}]" if ":" in self.host else self.host
        self.url = f"https://{host}" + (f":{self.port}" if parts.port else "")
        self.credentials = Credentials(password, email, username)
        redact_secret(password)
        # Where the password came from (PWKIT_PASSWORD, --password, a file…): named when the gateway refuses it.
        self.password_source = password_source
        # Why the gateway refused the password at the last login (401/403), or None.
        self.password_refused: str | None = None
        self._stored_at: float | None = None  # when the session loaded from the last run was saved
        self.options = options or ConnectionOptions()
        self.clock = self.options.clock
        state_dir = self.options.state_dir or default_state_dir()
        self.trust = TlsTrust(
            self.url,
            self.host,
            self.port,
            tls or TlsOptions(),
            StateFile(state_dir / "pins.json"),
            self.options.timeout,
        )
        self._sessions = StateFile(state_dir / "sessions.json")
        self._session_unsaved: str | None = None
        self._token: str | None = None
        self._installer_token: str | None = None
        self._transport: httpx.AsyncBaseTransport | None = None
        self._urls: dict[str, httpx.URL] = {}
        self._semaphore: asyncio.Semaphore | None = None
        self._priority_semaphore: asyncio.Semaphore | None = None
        # Reads that found no gateway to connect to (refused, no route, connect timeout), counted, and the last
        # one's words: a read that waited for its turn while one of them happened is not sent (see send).
        self._connects_failed = 0
        self._connect_failure = ""
        self._login_lock: asyncio.Lock | None = None
        self._blocked_until = 0.0
        self._blocked_for = 0.0  # the whole of the gateway's last limit (429)
        self._blocked_detail = ""
        self._login_blocked_until = 0.0
        self._login_backoff = 0.0  # the whole of the last login backoff
        self._login_failures = 0
        self._login_failure = ""
        # Whether the current session has had one request accepted: a 401 on a session that never
        # worked is the gateway refusing what it just granted, and logging in again would storm.
        self._token_proven = True
        self._thread: _LoopThread | None = None
        self.logins = 0
        self.client = Client(base_url=self.url)
        self.client.set_async_httpx_client(httpx.AsyncClient(base_url=self.url, transport=_PolicyTransport(self)))
        self.client.set_httpx_client(httpx.Client(base_url=self.url, transport=_SyncPolicyTransport(self)))
        if self.options.keep_session:
            saved = self._sessions.get(self.trust.key)
            if isinstance(saved, dict) and saved.get("username") == username and usable_token(saved.get("token")):
                self._token = saved.get("token")
                redact_secret(self._token)
                stored_at = saved.get("saved_at")
                self._stored_at = float(stored_at) if isinstance(stored_at, int | float) else 0.0
            installer = self._sessions.get(self._installer_key)
            if isinstance(installer, dict) and usable_token(installer.get("token")):
                self._installer_token = installer["token"]
                redact_secret(self._installer_token)

    def __repr__(self) -> str:
        return f"Gateway({self.url!r}, {self.credentials!r})"

    def _save_session(self, key: str, value: Any) -> None:
        """Keep a session on disk for the next run. A failed save (disk full, read-only, a sessions.tmp that
        cannot be created) keeps the session in memory: logging in again for every request would storm."""
        problem = self._sessions.try_update({key: value})
        if problem != self._session_unsaved:
            if problem is not None:
                log.warning("%s: %s; the session is kept in memory (a restart logs in again)", self.url, problem)
            self._session_unsaved = problem

    @property
    def storage_problem(self) -> str | None:
        """Why this connection's state (session, certificate pin) is not on disk, or None."""
        problems = [p for p in (self._session_unsaved, self.trust.unsaved) if p]
        return "; ".join(problems) or None

    # ---------------------------------------------------------- lifecycle
    async def __aenter__(self) -> Gateway:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._transport is not None:
            await self._transport.aclose()
            self._transport = None

    def __enter__(self) -> Gateway:
        self._thread = _LoopThread()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._thread is not None:
            self._thread.run(self.aclose())
            self._thread.stop()
            self._thread = None

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine of this gateway from synchronous code (inside ``with Gateway(...)``)."""
        if self._thread is None:
            coroutine.close()
            raise RuntimeError("synchronous calls need `with Gateway(...) as gateway:`; in async code use `async with`")
        return self._thread.run(coroutine)

    # ------------------------------------------------------------ raw layer
    async def request(self, method: str, path: str, *, json_body: Any = None, raw: bool = False) -> httpx.Response:
        """One request through the policy. With ``raw`` every HTTP answer is returned, not raised."""
        content = json.dumps(json_body).encode() if json_body is not None else None
        headers = {"Content-Type": "application/json"} if content is not None else {}
        request = httpx.Request(method, parsed_url(self._urls, self.url + path), headers=headers, content=content)
        if raw:
            request.extensions["pwkit_raw"] = True
        return await self.send(request)

    async def get_json(self, path: str) -> Any:
        """The JSON answer of a GET: dicts in, dicts out, for recording and flattening.

        An answer that is not JSON, or nests absurdly deep, is an :class:`UnexpectedAnswer`.
        """
        response = await self.request("GET", path)
        return parse_json(response.content, self.url, f"GET {path}", response.status_code)

    async def vitals(self) -> FlatVitals:
        response = await self.request("GET", "/api/devices/vitals")
        try:
            return decode_flat(response.content)
        except Exception as exc:  # protobuf raises its own DecodeError, and more on garbage
            shown = response.content[:60].decode("utf-8", "replace")
            raise UnexpectedAnswer(
                self.url, response.status_code, shown, "GET /api/devices/vitals: not a vitals protobuf"
            ) from exc

    async def login(self) -> None:
        """Log in now (normally it happens on the first call that needs it)."""
        await self._ensure_session(force=True)

    async def check_password(self, fresh_for: float = 60.0) -> str | None:
        """At start-up: is the password still right, although the session kept from the last run works?

        A kept session hides a wrong password (changed on the gateway, mistyped in a new configuration)
        until it expires, maybe days later, and then nothing can be read. So one login, once: without a
        kept session the first request logs in anyway, so this never adds a login a start-up would not
        make. Not made when the kept session was saved less than ``fresh_for`` seconds ago (a restart
        loop logs in at most once a minute this way). A refusal is a failed login like any other (the
        login backoff follows; no retry), and the kept session goes on carrying the reads; a 429 (the
        gateway's limit, honoured) or no answer is not retried either. Returns the warning logged, or None.
        """
        stored_at, self._stored_at = self._stored_at, None
        if stored_at is None or self._token is None or self.clock.time() - stored_at < fresh_for:
            return None
        # A failure is said by the login itself; the kept session still carries the reads.
        with contextlib.suppress(AuthRefused, RateLimited, Unreachable, UnexpectedAnswer):
            await self._ensure_session(force=True)
        if self.password_refused is None:
            return None
        warning = (
            f"{self.url}: the gateway refused the password {self._password_named()} ({self.password_refused}); "
            "the session kept from the last run still works, so readings go on until it expires, then stop: "
            "fix the password"
        )
        log.warning("%s", warning)
        return warning

    def _password_named(self) -> str:
        return f"from {self.password_source}" if self.password_source else "given"

    # ---------------------------------------------------- installer session
    # Writing mode and reserve locally needs the installer role, and since firmware 1.50.1 the
    # installer gets in only after the owner proves physical access:
    #
    #     window = await gateway.start_toggle()          # POST /api/auth/toggle/start
    #     ...the owner switches a Powerwall off and on within window.remaining seconds...
    #     await gateway.login_installer(installer_password)   # POST /api/auth/toggle/login
    #
    # The installer session is then kept like the customer's (0600 sessions.json, across
    # restarts) and carries every write of this Gateway; reads keep the customer session.
    # end_installer_session() ends it. The toggle endpoints' bodies are not public: what is
    # parsed here is the least that works (see spec/openapi.yaml, x-pwkit-inferred).

    @property
    def _installer_key(self) -> str:
        return f"{self.trust.key} installer"

    def reload_installer_session(self) -> bool:
        """Pick up an installer session another process saved since (``pwkit login --installer`` while the
        bridge runs). True when this connection now holds a session it did not hold before."""
        if not self.options.keep_session:
            return False
        saved = self._sessions.get(self._installer_key)
        token = saved.get("token") if isinstance(saved, dict) else None
        if not isinstance(token, str) or not token or token == self._installer_token:
            return False
        redact_secret(token)
        self._installer_token = token
        log.info("%s: found a new installer session in %s; writes now use it", self.url, self._sessions.path)
        return True

    @property
    def has_installer_session(self) -> bool:
        """Whether writes go out under an installer session."""
        return self._installer_token is not None

    async def toggle_supported(self) -> bool:
        """Whether the gateway offers the physical toggle (``GET /api/auth/toggle/supported``)."""
        body = (await self.request("GET", TOGGLE_SUPPORTED_PATH)).json()
        return bool(isinstance(body, dict) and body.get("toggle_auth_supported"))

    async def start_toggle(self) -> ToggleWindow:
        """Open the window in which the owner switches a Powerwall off and on. Not retried."""
        request, response = await self._raw("POST", TOGGLE_START_PATH)
        if response.status_code >= 300:
            self._checked(request, response, None, strict=True)
            raise UnexpectedAnswer(self.url, response.status_code, redact(response.text), "toggle start")
        try:
            seconds = response.json().get("toggle_timeout_seconds")
        except (ValueError, AttributeError):
            seconds = None
        window = float(seconds) if isinstance(seconds, int | float) and not isinstance(seconds, bool) else None
        log.info("%s: toggle window open%s", self.url, f" for {window:.0f} s" if window else "")
        return ToggleWindow(time.monotonic(), window)

    async def login_installer(self, password: str, *, email: str = "") -> None:
        """Log in as installer once the toggle is done (``POST /api/auth/toggle/login``).

        Raises :class:`~.errors.ToggleRequired` while the gateway still waits for the toggle
        (ask the owner, then call again: one call per user action, never a loop),
        :class:`~.errors.AuthRefused` for a wrong password, :class:`~.errors.RateLimited` on 429.
        """
        body = {"username": "installer", "email": email, "password": password, "force_sm_off": False}
        request, response = await self._raw("POST", TOGGLE_LOGIN_PATH, body)
        self.logins += 1
        if response.status_code == 200:
            token = (
                response.json().get("token")
                if response.headers.get("content-type", "").startswith("application/json")
                else None
            )
            if not isinstance(token, str) or not token:
                raise UnexpectedAnswer(self.url, 200, redact(response.text), "the installer login answered no token")
            redact_secret(token)
            self._installer_token = token
            if self.options.keep_session:
                self._save_session(
                    self._installer_key, {"token": token, "username": "installer", "saved_at": self.clock.time()}
                )
            log.info("%s: logged in as installer; writes now use the installer session", self.url)
            return
        if response.status_code == 401 and PHYSICAL_ACCESS in response.text:
            raise ToggleRequired(
                self.url,
                "the gateway still waits for the physical toggle: start it (toggle/start), switch a Powerwall "
                "off and on within the window, then log in again",
            )
        if response.status_code in (401, 403):
            raise AuthRefused(
                self.url, f"installer login refused ({response.status_code}): check the installer password"
            )
        self._checked(request, response, None, strict=True)
        raise UnexpectedAnswer(self.url, response.status_code, redact(response.text), "installer login")

    async def _raw(self, method: str, path: str, body: Any = None) -> tuple[httpx.Request, httpx.Response]:
        content = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if content is not None else {}
        request = httpx.Request(method, self.url + path, headers=headers, content=content)
        request.extensions["pwkit_raw"] = True
        return request, await self.send(request)

    async def end_installer_session(self) -> None:
        """End the installer session on the gateway (``DELETE /api/auth/toggle/login``) and forget it."""
        token, self._installer_token = self._installer_token, None
        if self.options.keep_session:
            self._save_session(self._installer_key, None)
        if token is None:
            return
        request = httpx.Request("DELETE", self.url + TOGGLE_LOGIN_PATH)
        async with self._limit():
            response = await self._transmit(request, token, idempotent=False)
        if response.status_code >= 300 and response.status_code != 401:
            self._checked(request, response, None)
        log.info("%s: installer session ended", self.url)

    def _forget_installer(self, token: str) -> None:
        if self._installer_token == token:
            self._installer_token = None
            if self.options.keep_session:
                self._save_session(self._installer_key, None)

    # --------------------------------------------------------------- policy
    async def send(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        operation = find(request.method, path)
        needs_login = operation.needs_login if operation else path != LOGIN_PATH
        idempotent = request.method == "GET" and not (operation and operation.side_effect)
        self._check_blocked()
        await request.aread()
        installer = self._installer_token if needs_login and not idempotent else None
        if installer is not None:
            return await self._send_as_installer(request, operation, installer)
        response: httpx.Response | None = None
        for attempt in (1, 2):
            token = await self._ensure_session() if needs_login else None
            failed_before = self._connects_failed
            async with self._limit():
                self._check_blocked()
                if idempotent and self._connects_failed != failed_before:
                    # The gateway took no connection while this read waited: one request at a time, a dead
                    # gateway's cycle would otherwise spend every read's retries in turn before it is offline.
                    raise Unreachable(self.url, f"{request.method} {path}: {self._connect_failure}")
                response = await self._transmit(request, token, idempotent)
            if needs_login and response.status_code in (401, 403):
                if response.status_code == 403 and not idempotent:
                    raise self._not_permitted(request, operation)
                if not self._token_proven and token == self._token:
                    # No request of this session ever worked: logging in again would only repeat this.
                    # A 403 is a missing right; a 401 is the gateway refusing what it just granted.
                    if response.status_code == 403:
                        raise self._not_permitted(request, operation)
                    self._forget(token)
                    raise self._login_failed(f"{request.method} {path} refused (401) right after logging in")
                if attempt == 1:
                    # Said once per refused session: the requests that were in flight with it retry quietly.
                    first = token is not None and self._token == token
                    log.log(
                        logging.WARNING if first else logging.DEBUG,
                        "%s: %s %s answered %d: logging in again once",
                        self.url,
                        request.method,
                        path,
                        response.status_code,
                    )
                    self._forget(token)
                    continue
                if response.status_code == 403:
                    raise self._not_permitted(request, operation)
                raise AuthRefused(
                    self.url, f"{request.method} {path}: refused ({response.status_code}) after logging in again"
                )
            if needs_login and token == self._token:
                self._token_proven = True
            break
        assert response is not None
        return self._checked(request, response, operation)

    async def _send_as_installer(
        self, request: httpx.Request, operation: OperationInfo | None, token: str
    ) -> httpx.Response:
        """A write under the installer session: never retried, never re-logged-in (that needs the toggle)."""
        async with self._limit():
            self._check_blocked()
            response = await self._transmit(request, token, idempotent=False)
        if response.status_code == 401:
            self._forget_installer(token)
            raise InstallerSessionEnded(
                self.url,
                f"{request.method} {request.url.path}: the installer session has ended (401); a new one needs "
                "the physical toggle again (pwkit login --installer). Not retried.",
            )
        return self._checked(request, response, operation)

    def _limit(self) -> asyncio.Semaphore:
        if PRIORITY.get():
            # One extra slot for commands: slow or dripping reads holding every polling slot cannot delay them.
            if self._priority_semaphore is None:
                self._priority_semaphore = asyncio.Semaphore(1)
            return self._priority_semaphore
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self.options.max_concurrency)
        return self._semaphore

    def _check_blocked(self) -> None:
        if self.clock.monotonic() < self._blocked_until:
            detail = self._blocked_detail or "waiting out the gateway's limit"
            raise RateLimited(self.url, self._blocked_until, detail, clock=self.clock, period=self._blocked_for)

    async def _inner(self) -> httpx.AsyncBaseTransport:
        if self._transport is None:
            context = await asyncio.to_thread(self.trust.context)
            # A connection is kept idle for less than a server keeps it: reusing one the server has just
            # closed loses the request ("Server disconnected"), and a login or a write is not retried. The
            # simulator closes after 30 s idle; a real gateway's idle timeout is not published (inferred).
            connections = self.options.max_concurrency + 2
            if self.options.http2:
                self._transport = httpx.AsyncHTTPTransport(
                    verify=context,
                    http2=True,
                    limits=httpx.Limits(max_connections=connections, keepalive_expiry=KEEPALIVE_EXPIRY),
                )
            else:
                self._transport = AiohttpTransport(
                    context, max_connections=connections, keepalive_expiry=KEEPALIVE_EXPIRY
                )
        return self._transport

    async def _transmit(self, request: httpx.Request, token: str | None, idempotent: bool) -> httpx.Response:
        transport = await self._inner()
        if token is not None:
            request.headers["Authorization"] = f"Bearer {token}"
        if self.trust.server_name:
            request.extensions["sni_hostname"] = self.trust.server_name
        request.extensions["timeout"] = httpx.Timeout(self.options.timeout).as_dict()
        attempts = 1 + (self.options.read_retries if idempotent else 0)
        failure: Exception | None = None
        for attempt in range(attempts):
            started = time.perf_counter()
            try:
                response = await read_whole(transport, request, self.options.timeout)
            except TimeoutError:
                failure = httpx.ReadTimeout(f"no complete answer within {self.options.timeout:g} s")
            except httpx.ConnectError as exc:
                if "CERTIFICATE_VERIFY_FAILED" in str(exc) and self.trust.fingerprint is not None:
                    if await asyncio.to_thread(self.trust.repinned):
                        # Re-pinned while we run (`pwkit pin URL --reset`): trust the pins file as it is now.
                        # The retry builds its context from the file, so a second mismatch is reported, not retried.
                        log.info("%s: re-pinned in %s; using the new pin", self.url, self.trust.pins.path)
                        await self.aclose()
                        return await self._transmit(request, token, idempotent)
                    raise await asyncio.to_thread(self.trust.mismatch) from exc
                failure = exc
            except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                failure = exc
            else:
                log.debug(
                    "%s: %s %s → %d in %.0f ms",
                    self.url,
                    request.method,
                    request.url.path,
                    response.status_code,
                    (time.perf_counter() - started) * 1000,
                )
                return response
            if attempt + 1 < attempts:
                delay = self.options.retry_backoff * 2**attempt
                log.info(
                    "%s: %s %s failed (%s); retrying in %.1f s",
                    self.url,
                    request.method,
                    request.url.path,
                    _why(failure),
                    delay,
                )
                await self.clock.sleep(delay)
        retried = (
            " (reads are retried; this was the last try)" if attempts > 1 else " (not retried: not an idempotent read)"
        )
        if idempotent and isinstance(failure, httpx.ConnectError | httpx.ConnectTimeout):
            self._connects_failed += 1
            self._connect_failure = f"{_why(failure)}{retried}"  # the same words: one offline reason, not two
        raise Unreachable(self.url, f"{request.method} {request.url.path}: {_why(failure)}{retried}") from failure

    # ---------------------------------------------------------------- login
    async def _ensure_session(self, force: bool = False) -> str:
        if self._token is not None and not force:
            return self._token
        if self._login_lock is None:
            self._login_lock = asyncio.Lock()
        stale = self._token
        async with self._login_lock:
            # Another caller may have logged in while this one waited: share that login.
            if self._token is not None and (not force or self._token != stale):
                return self._token
            if self.clock.monotonic() < self._login_blocked_until:
                # The same text until the backoff ends (no countdown): health changes only when something does.
                raise AuthRefused(
                    self.url,
                    f"the last login failed ({self._login_failure}); not trying again for "
                    f"{self._login_backoff:.0f} s from then",
                    self._login_blocked_until,
                )
            self._check_blocked()
            self._token = await self._login()
            return self._token

    async def _login(self) -> str:
        c = self.credentials
        body = {"username": c.username, "email": c.email, "password": c.password, "force_sm_off": False}
        request = httpx.Request(
            "POST",
            self.url + LOGIN_PATH,
            headers={"Content-Type": "application/json"},
            content=json.dumps(body).encode(),
        )
        self.logins += 1
        self.password_refused = None
        try:
            async with self._limit():
                response = await self._transmit(request, None, idempotent=False)
        except Unreachable as exc:
            # No answer is a failed login too (no second one until the backoff ends); the error stays Unreachable.
            self._login_failed(f"login as {c.username} got no answer ({exc})")
            raise
        token = None
        if response.status_code == 200:
            try:
                answer = parse_json(response.content, self.url, "login", 200)
            except UnexpectedAnswer:
                answer = None
            token = answer.get("token") if isinstance(answer, dict) else None
        if isinstance(token, str) and token and not usable_token(token):
            raise self._login_failed(
                f"login as {c.username} answered a token that cannot be sent back (control characters or "
                "non-ASCII in it)"
            )
        if isinstance(token, str) and token:
            redact_secret(token)
            self._login_failures = 0
            self.password_refused = None
            self._token_proven = False
            if self.options.keep_session:
                self._save_session(
                    self.trust.key, {"token": token, "username": c.username, "saved_at": self.clock.time()}
                )
            log.info("%s: logged in as %s", self.url, c.username)
            return token
        if response.status_code == 429:
            try:
                self._checked(request, response, None)  # blocks every request until the gateway's limit ends
            except RateLimited:
                # A short Retry-After must not skip the login backoff (10 logins a minute): the longer one wins.
                self._login_failed(f"login as {c.username} rate-limited (429)")
                self._login_blocked_until = max(self._login_blocked_until, self._blocked_until)
                self._login_backoff = max(self._login_backoff, self._blocked_for)
                raise
        if response.status_code in (401, 403):
            self.password_refused = f"login as {c.username} answered {response.status_code}"
            raise self._login_failed(
                f"login as {c.username} refused ({response.status_code}): check the password and e-mail"
            )
        what = "answered no token" if response.status_code == 200 else f"answered {response.status_code}"
        raise self._login_failed(f"login as {c.username} {what}: {redact(response.text)[:200]}")

    def _login_failed(self, why: str) -> AuthRefused:
        """One backoff for every way a login can fail: no second login until it ends."""
        self._login_failures += 1
        if self.password_refused and self.password_source:
            why = f"{why} (the password {self._password_named()})"
        self._login_failure = why.removeprefix(f"{self.url}: ")[:200]
        backoff = min(self.options.login_backoff * 2 ** (self._login_failures - 1), self.options.login_backoff_max)
        self._login_blocked_until = self.clock.monotonic() + backoff
        self._login_backoff = backoff
        log.error("%s: %s. No new login for %.0f s.", self.url, why, backoff)
        return AuthRefused(self.url, f"{why}; no new login for {backoff:.0f} s", self._login_blocked_until)

    def _forget(self, token: str | None) -> None:
        """Drop a session the gateway refused, unless another caller already replaced it."""
        if token is not None and self._token == token:
            self._token = None
            if self.options.keep_session:
                self._save_session(self.trust.key, None)

    # -------------------------------------------------------------- answers
    def _not_permitted(self, request: httpx.Request, operation: OperationInfo | None) -> NotPermitted:
        what = operation.operation_id.replace("_", " ") if operation else f"{request.method} {request.url.path}"
        return NotPermitted(
            self.url,
            f"this login ({self.credentials.username}) lacks the right to {what} (403); recent firmware "
            "refuses some changes to customer logins. Not retried.",
        )

    def _checked(
        self,
        request: httpx.Request,
        response: httpx.Response,
        operation: OperationInfo | None,
        *,
        strict: bool = False,
    ) -> httpx.Response:
        """Raise for an error answer; a ``pwkit_raw`` request gets every answer back unless ``strict``."""
        raw = bool(request.extensions.get("pwkit_raw")) and not strict
        status = response.status_code
        if status == 429:
            retry_after = _retry_after(response) or self.options.rate_limit_cooldown
            self._blocked_until = self.clock.monotonic() + retry_after
            self._blocked_for, self._blocked_detail = retry_after, redact(response.text)[:200]
            log.error("%s: rate-limited (429); no requests for %.0f s", self.url, retry_after)
            if not raw:
                raise RateLimited(
                    self.url, self._blocked_until, self._blocked_detail, clock=self.clock, period=retry_after
                )
        if raw or status < 400:
            return response
        where = f"{request.method} {request.url.path}"
        if status == 502 and not response.content.strip():
            raise SitemasterStopped(self.url, f"{where}: the sitemaster is stopped (502), so there are no readings")
        if status == 404:
            raise NotServed(self.url, 404, redact(response.text), f"{where} is not served by this firmware")
        if status == 403:
            raise self._not_permitted(request, operation)
        raise UnexpectedAnswer(self.url, status, redact(response.text), where)


def usable_token(token: Any) -> bool:
    """Whether a session token can travel in an Authorization header: printable ASCII only. One with CR or LF
    would fail every request (or split the header), and would never be dropped."""
    return isinstance(token, str) and bool(token) and all(0x21 <= ord(c) <= 0x7E for c in token)


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delay-seconds or an HTTP date, clamped to 1 s … 1 h.

    None when absent or unreadable (the caller's cooldown applies).
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    if math.isnan(seconds):
        return None
    low, high = RETRY_AFTER_RANGE
    return min(high, max(low, seconds))


def _retry_after(response: httpx.Response) -> float | None:
    return retry_after(response.headers.get("retry-after"))


def _too_deep(value: Any, limit: int) -> bool:
    """Whether lists and objects nest deeper than ``limit`` (iterative: deep input cannot blow the stack)."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        for child in children:
            if isinstance(child, dict | list):
                if depth + 1 > limit:
                    return True
                stack.append((child, depth + 1))
    return False


def parse_json(content: bytes, gateway: str, what: str, status: int = 200) -> Any:
    """A JSON answer, or :class:`UnexpectedAnswer` (HTML, truncated, absurdly deep)."""
    try:
        value = json.loads(content)
    except RecursionError:
        raise UnexpectedAnswer(gateway, status, "(nested too deep to read)", f"{what}: refused") from None
    except ValueError as exc:
        shown = content[:80].decode("utf-8", "replace")
        raise UnexpectedAnswer(gateway, status, redact(shown), f"{what}: not JSON ({exc})") from None
    if _too_deep(value, MAX_JSON_DEPTH):
        raise UnexpectedAnswer(gateway, status, f"(JSON nested over {MAX_JSON_DEPTH} levels)", f"{what}: refused")
    return value


def _why(exc: Exception | None) -> str:
    if exc is None:
        return "no answer"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
