"""One simulated gateway as an ASGI app: the API of ``spec/openapi.yaml``, answered as a real gateway would.

Readings come from the living :class:`~pwkit.simulator.site.Site`, shaped on
the recorded answers so that unknown-to-us fields stay in place; everything
else replays ``spec/recordings/``. The spec drives the generic behaviour:
``405`` for undeclared methods, ``401`` for operations with security,
``502`` for ``x-pwkit-requires-sitemaster`` while stopped, ``404`` after
``x-pwkit-removed-in``.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import copy
import json
import random
import secrets
import time
import urllib.parse
from collections import Counter, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from http.cookies import SimpleCookie
from typing import Any

from powerwall_client import tesla_pb2
from pwkit.codegen.recordings import Recording
from pwkit.codegen.verify import Operation, Spec

from . import stamps
from .profiles import FirmwareProfile, version_tuple
from .site import Site

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

MAX_BODY = 64 * 1024
RATE_LIMITED = {"code": 429, "error": "Api Limit reached for this endpoint", "message": "API Limit Reached"}
BAD_CREDENTIALS = {"code": 401, "error": "bad credentials", "message": "Login Error"}
# Recorded word for word in the seed repository's issues (2019–2021) and two clients' reviews (2023).
NO_RIGHTS = {"code": 403, "error": "Unable to POST to resource", "message": "User does not have adequate access rights"}
# Recorded since 1.50.1 (seed repository issue #34, pypowerwall issue #165): the installer's
# password alone is not enough, the owner must prove physical access with the toggle.
NEEDS_PHYSICAL_ACCESS = {
    "code": 401,
    "error": "roles [Provider_Engineer] require physical access",
    "message": "Login Error",
}
# Seen since about 1.21 when a client posted the old `mode` (FACTS, "Who may write"); the message is inferred.
REAL_MODE_REQUIRED = {
    "code": 500,
    "error": "RealMode must be either self_consumption or backup",
    "message": "Unable to POST to resource",
}
# `autonomous` (time-based control) came after that message was recorded; the gateway accepts it.
REAL_MODES = ("self_consumption", "backup", "autonomous")
ISLAND_MODES = {"intentional_reconnect_failsafe": "off", "backup": "on"}
BASE_HEADERS = [(b"cache-control", b"no-cache, no-store"), (b"x-content-type-options", b"nosniff")]


class DropConnection(Exception):
    """Raised after the response has started, so the server cuts the connection mid-answer."""


@dataclass
class Credentials:
    email: str = "demo@example.com"
    customer_password: str = "powerwall"
    installer_password: str | None = None

    def __repr__(self) -> str:  # never show a password
        return f"Credentials(email={self.email!r}, customer_password=***, installer_password=***)"


@dataclass
class AuthPolicy:
    session_ttl: float = 3600.0
    lockout_attempts: int = 5
    lockout_window: float = 60.0
    lockout_seconds: float = 30.0
    # Simulated seconds the owner has to switch a Powerwall off and on after toggle/start, and
    # how long the confirmed toggle then stays good for toggle/login (both inferred: "a short window").
    toggle_window: float = 60.0
    toggle_grace: float = 60.0


@dataclass
class Toggle:
    """The physical-access proof: a window opened by toggle/start, closed by the clock, used by toggle/login."""

    opened_at: float | None = None
    switched_at: float | None = None

    def open(self, now: float, policy: AuthPolicy) -> bool:
        return self.opened_at is not None and now <= self.opened_at + policy.toggle_window

    def confirmed(self, now: float, policy: AuthPolicy) -> bool:
        return self.switched_at is not None and now <= self.switched_at + policy.toggle_grace


@dataclass
class Faults:
    """What the control endpoint injects. All off by default."""

    latency_ms: float = 0.0
    jitter_ms: float = 0.0
    error_rate: float = 0.0
    error_status: int = 500
    # An error aimed at chosen requests, not left to chance: the next `error_next` requests that match one of
    # `error_on` ("METHOD /path" or "/path" for any method; empty: every /api/ request) are answered
    # `error_status`, before `error_rate` is drawn. Evidence that a gateway answers 5xx on a write:
    # `503 "current config mode is busy"` (FACTS, Errors seen).
    error_next: int = 0
    error_on: list[str] = field(default_factory=list)
    drop_rate: float = 0.0
    # A gateway serves few requests at once and queues the rest (FACTS: parallel polling has overloaded
    # gateways). How many at once is not on record: the figure a bench sets is inferred. 0 = no limit.
    max_parallel: int = 0
    # path → {"set": {"a.b": value}, "delete": ["a.c"]}, applied to JSON answers
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class Stats:
    requests: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    logins_ok: int = 0
    logins_failed: int = 0
    logins_refused: int = 0
    # Who each request was served as: "METHOD /path as customer|installer|anonymous" → count. What the
    # tests read to prove reads go out under the customer's session and writes under the installer's.
    roles: Counter[str] = field(default_factory=Counter)
    injected: int = 0  # answers replaced by an injected error (error_rate, error_next)
    dropped: int = 0  # connections dropped after the answer was decided (drop_rate)
    # Each write the gateway carried out (not refused, not an injected fault): when, what, with which body.
    # `at` is on the monotonic clock every process of one machine shares, so a client can tell late from on time.
    executed: list[dict[str, Any]] = field(default_factory=list)
    in_flight: int = 0  # arrived, not yet answered
    peak_in_flight: int = 0
    in_service: int = 0  # being served (at most max_parallel)
    peak_in_service: int = 0

    def to_json(self) -> dict[str, Any]:
        # Not dataclasses.asdict: it rebuilds a Counter from (key, value) pairs, counting the pairs.
        return {
            "requests": dict(self.requests),
            "requests_total": sum(self.requests.values()),
            "statuses": dict(self.statuses),
            "logins_ok": self.logins_ok,
            "logins_failed": self.logins_failed,
            "logins_refused": self.logins_refused,
            "roles": dict(self.roles),
            "injected": self.injected,
            "dropped": self.dropped,
            "executed": self.executed,
            "peak_in_flight": self.peak_in_flight,
            "peak_in_service": self.peak_in_service,
        }


@dataclass
class Session:
    token: str
    role: str
    expires: float


@dataclass
class Answer:
    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)

    @classmethod
    def of_json(cls, status: int, value: Any, headers: list[tuple[bytes, bytes]] | None = None) -> Answer:
        return cls(status, json.dumps(value).encode(), "application/json", headers or [])

    @classmethod
    def error(cls, status: int, error: str, message: str) -> Answer:
        return cls.of_json(status, {"code": status, "error": error, "message": message})


# The samples mask what identifies a home (`<<METER_SERIAL>>` in bodies, `METER_SERIAL` in
# paths). A gateway never answers with placeholders, so the simulator serves plausible values,
# the same in bodies and paths.
PLACEHOLDER_VALUES = {
    "METER_SERIAL": "VAH4810AB0231",
    "GATEWAY_TSN": "TG121048001F3G",
    "BATTERY_SERIAL": "TG1210480013PQ",
    "IP_ADDR": "192.168.1.50",
    "MAC_ADDR": "02:00:5e:10:00:01",
    "WIFI_SSID": "HomeNetwork",
    "INSTALLER_PHONE": "5555550100",
    "INSTALLER_EMAIL": "installer@example.com",
    "CUSTOMER_ID": "ZZ-0000000",
    "COUNTRY_CODE": "GB",
    "COMPANY_NAME": "Example Solar Ltd",
    "YOUR SITE NAME": "Home Energy Gateway",
}


def unmask(recording: Recording) -> Recording:
    body, path = recording.body, recording.path
    for name, value in PLACEHOLDER_VALUES.items():
        body = body.replace(f"<<{name}>>".encode(), value.encode())
        path = path.replace(name, value)
    return replace(recording, body=body, path=path)


class RecordingStore:
    """The recordings a gateway replays, found by firmware, sitemaster state, method and path."""

    def __init__(self, recordings: list[Recording]) -> None:
        self._exact: dict[tuple[str | None, str | None, str, str], Recording] = {}
        self._any: dict[tuple[str, str], Recording] = {}
        for rec in map(unmask, recordings):
            self._exact[(rec.firmware, rec.sitemaster, rec.method, rec.path)] = rec
            if rec.status < 300:
                self._any[(rec.method, rec.path)] = rec

    def find(self, firmware: str, running: bool, method: str, path: str) -> Recording | None:
        found = self._find(firmware, running, method, path)
        quoted = urllib.parse.quote(path, safe="/")
        if found is None and quoted != path:
            # ASGI hands the path percent-decoded (`SolarEdge Technologies`); recordings keep it as sent
            # (`SolarEdge%20Technologies`).
            found = self._find(firmware, running, method, quoted)
        return found

    def _find(self, firmware: str, running: bool, method: str, path: str) -> Recording | None:
        state, other = ("running", "stopped") if running else ("stopped", "running")
        for key in ((firmware, state), (firmware, other), (firmware, None)):
            found = self._exact.get((*key, method, path))
            if found is not None:
                return found
        return self._any.get((method, path))

    def template(self, firmware: str, running: bool, path: str) -> Any:
        """The JSON body a living reading is shaped on (a deep copy)."""
        rec = self.find(firmware, running, "GET", path)
        if rec is None or rec.status != 200:
            rec = self.find(firmware, True, "GET", path)
        return copy.deepcopy(rec.json()) if rec is not None else {}


Handler = Callable[["GatewayApp", "Request"], Answer]


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    operation: Operation
    session: Session | None = None

    def json_body(self) -> Any:
        content_type = self.headers.get("content-type", "")
        if "application/x-www-form-urlencoded" in content_type:
            return {k: v[0] for k, v in urllib.parse.parse_qs(self.body.decode("utf-8", "replace")).items()}
        return json.loads(self.body or b"null")


class GatewayApp:
    def __init__(
        self,
        *,
        spec: Spec,
        recordings: RecordingStore,
        profile: FirmwareProfile,
        site: Site,
        credentials: Credentials | None = None,
        policy: AuthPolicy | None = None,
        seed: int = 0,
    ) -> None:
        self.spec = spec
        self.recordings = recordings
        self.profile = profile
        self.site = site
        self.credentials = credentials or Credentials()
        self.policy = policy or AuthPolicy()
        self.faults = Faults()
        self.stats = Stats()
        self.sessions: dict[str, Session] = {}
        self.toggle = Toggle()
        self.locked_until = 0.0
        self._failures: deque[float] = deque()
        self._random = random.Random(seed)
        self._parallel: tuple[int, asyncio.Semaphore] | None = None
        self.tedapi: Any = None  # simulator/tedapi.py's Tedapi, for profiles that have TEDAPI

    # ------------------------------------------------------------------- ASGI
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await serve_lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        body = await read_body(receive)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        answer = await self.answer(scope["method"], scope["path"], headers, body, send)
        await _send(send, answer)

    async def answer(self, method: str, path: str, headers: dict[str, str], body: bytes, send: Send) -> Answer:
        faults = self.faults
        stats = self.stats
        stats.in_flight += 1
        stats.peak_in_flight = max(stats.peak_in_flight, stats.in_flight)
        try:
            async with self._served():  # beyond max_parallel, requests wait their turn
                stats.in_service += 1
                stats.peak_in_service = max(stats.peak_in_service, stats.in_service)
                if faults.latency_ms or faults.jitter_ms:
                    await asyncio.sleep((faults.latency_ms + self._random.uniform(0, faults.jitter_ms)) / 1000.0)
                operation, known = self.spec.match(method, path)
                endpoint = operation.endpoint if operation else f"{method} {path}"
                stats.requests[endpoint] += 1
                injected = self._injected_fault(method, path)
                answer = injected or self._route(method, path, headers, body, operation, known)
                stats.in_service -= 1
        finally:
            stats.in_flight -= 1
        stats.statuses[str(answer.status)] += 1
        if injected is None and answer.status < 300 and operation is not None and _is_write(operation, path):
            stats.executed.append({"at": time.monotonic(), "endpoint": endpoint, "body": _json_or_none(body)})
        if injected is not None:
            stats.injected += 1
        if faults.drop_rate and self._random.random() < faults.drop_rate:
            stats.dropped += 1
            await send({"type": "http.response.start", "status": answer.status, "headers": []})
            raise DropConnection(endpoint)
        return answer

    def _served(self) -> asyncio.Semaphore | contextlib.nullcontext[None]:
        limit = self.faults.max_parallel
        if limit <= 0:
            return contextlib.nullcontext()
        if self._parallel is None or self._parallel[0] != limit:
            self._parallel = (limit, asyncio.Semaphore(limit))
        return self._parallel[1]

    def _injected_fault(self, method: str, path: str) -> Answer | None:
        if not path.startswith("/api/"):
            return None
        faults = self.faults
        aimed = faults.error_next > 0 and (
            not faults.error_on or path in faults.error_on or f"{method} {path}" in faults.error_on
        )
        if aimed:
            faults.error_next -= 1
        if aimed or (faults.error_rate and self._random.random() < faults.error_rate):
            status = faults.error_status
            if status == 502:
                return Answer(502)
            if status == 429:
                return Answer.of_json(429, RATE_LIMITED)
            return Answer.error(status, "injected fault", "Simulated gateway error")
        return None

    # ---------------------------------------------------------------- routing
    def _route(
        self,
        method: str,
        path: str,
        headers: dict[str, str],
        body: bytes,
        operation: Operation | None,
        known: str | None,
    ) -> Answer:
        if operation is None:
            if known is not None:
                allowed = ", ".join(m.upper() for m in self.spec.document["paths"][known] if m != "parameters")
                answer = Answer.error(405, "method not allowed", f"{method} is not allowed on {known}")
                answer.headers.append((b"allow", allowed.encode()))
                return answer
            return Answer.error(404, "not found", f"{path} is not an endpoint of this gateway")
        definition = operation.definition
        removed_in = definition.get("x-pwkit-removed-in")
        if removed_in and self.profile.version_tuple >= version_tuple(str(removed_in)):
            return Answer.error(404, "not found", f"removed in firmware {removed_in}")
        added_in = definition.get("x-pwkit-added-in")
        if added_in and self.profile.version_tuple < version_tuple(str(added_in)):
            return Answer.error(404, "not found", f"{path} is not an endpoint of this gateway")
        request = Request(method, path, headers, body, operation)
        if definition.get("security", self.spec.document.get("security")):
            request.session = self._session(headers)
            if request.session is None:
                return Answer.error(401, "bad token", "Authentication required")
        self.stats.roles[f"{operation.endpoint} as {request.session.role if request.session else 'anonymous'}"] += 1
        if definition.get("x-pwkit-requires-sitemaster") and not self.site.sitemaster_running:
            return Answer(502)
        handler = HANDLERS.get(operation.endpoint)
        answer = handler(self, request) if handler else self._replay(request)
        override = self.faults.overrides.get(path)
        if override and answer.content_type == "application/json" and answer.status < 300:
            body = _apply_override(json.loads(answer.body), override)
            if override.get("stamp"):
                # The time on the shared monotonic clock, for freshness measurements; stamps.written says
                # when this answer's last byte was written (the stamp is taken before the server sends it).
                now = time.monotonic()
                body = _apply_override(body, {"set": {override["stamp"]: now}})
                stamps.stamped(json.dumps(now))
            answer.body = json.dumps(body).encode()
        return answer

    def _replay(self, request: Request) -> Answer:
        self.site.update()
        rec = self.recordings.find(self.profile.recordings, self.site.sitemaster_running, request.method, request.path)
        if rec is None:
            definition = request.operation.definition
            if "undocumented" in definition.get("tags", []) or "x-pwkit-inferred" in definition:
                # The honest minimum the spec promises for an operation with no recorded answer.
                return Answer.of_json(200, {})
            return Answer.error(404, "not found", f"no such resource: {request.path}")
        return Answer(rec.status, rec.body, rec.content_type)

    # ------------------------------------------------------------------- auth
    def _session(self, headers: dict[str, str]) -> Session | None:
        token = None
        authorization = headers.get("authorization", "")
        if authorization.lower().startswith("bearer "):
            token = authorization[7:].strip()
        elif "cookie" in headers:
            cookie: SimpleCookie = SimpleCookie()
            cookie.load(headers["cookie"])
            if "AuthCookie" in cookie:
                token = cookie["AuthCookie"].value
        session = self.sessions.get(token or "")
        if session is not None and session.expires <= time.monotonic():
            del self.sessions[session.token]
            return None
        return session

    def login(self, request: Request) -> Answer:
        return self._login(request, via_toggle=False)

    def _login(self, request: Request, *, via_toggle: bool) -> Answer:
        now = time.monotonic()
        if now < self.locked_until:
            self.stats.logins_refused += 1
            return Answer.of_json(429, RATE_LIMITED)
        try:
            body = request.json_body()
        except ValueError:
            return Answer.error(400, "bad request", "The login body is not JSON or a form")
        if not isinstance(body, dict):
            return Answer.error(400, "bad request", "The login body must be an object")
        role = self._check_credentials(body)
        if role is None or (via_toggle and role != "installer"):
            self.stats.logins_failed += 1
            self._failures.append(now)
            while self._failures and self._failures[0] < now - self.policy.lockout_window:
                self._failures.popleft()
            if len(self._failures) >= self.policy.lockout_attempts:
                self.locked_until = now + self.policy.lockout_seconds
                self._failures.clear()
            return Answer.of_json(401, BAD_CREDENTIALS)
        if role == "installer":
            # The right password is not enough since 1.50.1: only a toggle confirmed moments ago
            # lets the installer in, once. Not counted towards the lockout: the password was right.
            self.site.update()
            if not self.toggle.confirmed(self.site.t, self.policy):
                self.stats.logins_refused += 1
                return Answer.of_json(401, NEEDS_PHYSICAL_ACCESS)
            self.toggle = Toggle()
        self.stats.logins_ok += 1
        token = base64.b64encode(secrets.token_bytes(64)).decode()
        self.sessions[token] = Session(token, role, now + self.policy.session_ttl)
        user = {
            "email": str(body.get("email") or ""),
            "firstname": "Tesla",
            "lastname": "Energy",
            "roles": ["Home_Owner"] if role == "customer" else ["Provider_Engineer"],
            "token": token,
            "provider": "Basic",
            "loginTime": self.site.clock.datetime().isoformat(),
        }
        record = base64.b64encode(json.dumps({k: v for k, v in user.items() if k != "token"}).encode()).decode()
        cookies = [
            (b"set-cookie", f"AuthCookie={token}; Path=/; HttpOnly; Secure".encode()),
            (b"set-cookie", f"UserRecord={record}; Path=/; Secure".encode()),
        ]
        return Answer.of_json(200, user, cookies)

    def _check_credentials(self, body: dict[str, Any]) -> str | None:
        username, password = body.get("username"), body.get("password")
        # Home Assistant logs in with the password alone (e-mail ""), and the gateway lets it in
        # (seed README: the e-mail "can be left as an empty string"). A different e-mail is refused.
        email = str(body.get("email") or "")
        creds = self.credentials
        if username == "customer" and password == creds.customer_password:
            return "customer" if not email or email.lower() == creds.email.lower() else None
        if username == "installer" and creds.installer_password and password == creds.installer_password:
            return "installer"
        return None

    # ------------------------------------------------------ the physical toggle
    # The bodies of these calls are not public (FACTS): every shape here is inferred and marked so
    # in the spec. Windows run on the simulated clock, so tests advance time instead of sleeping.
    def toggle_supported(self, request: Request) -> Answer:
        return Answer.of_json(200, {"toggle_auth_supported": True})

    def toggle_start(self, request: Request) -> Answer:
        self.site.update()
        self.toggle = Toggle(opened_at=self.site.t)
        return Answer.of_json(
            200, {"toggle_auth_started": True, "toggle_timeout_seconds": round(self.policy.toggle_window)}
        )

    def switch_toggled(self) -> bool:
        """The owner switched a Powerwall off and on (the control API's toggle-switch)."""
        self.site.update()
        if not self.toggle.open(self.site.t, self.policy):
            return False
        self.toggle.switched_at = self.site.t
        return True

    def toggle_login(self, request: Request) -> Answer:
        return self._login(request, via_toggle=True)

    def toggle_logout(self, request: Request) -> Answer:
        session = self._session(request.headers)
        if session is not None and session.role == "installer":
            del self.sessions[session.token]
        self.toggle = Toggle()
        return Answer(204)

    def logout(self, request: Request) -> Answer:
        session = self._session(request.headers)
        if session is not None:
            del self.sessions[session.token]
        return Answer(204)

    def expire_sessions(self, role: str | None = None) -> int:
        """End every session, or only those of ``role`` (``customer`` or ``installer``)."""
        ended = [t for t, s in self.sessions.items() if role is None or s.role == role]
        for token in ended:
            del self.sessions[token]
        return len(ended)

    def lock_out(self, seconds: float) -> None:
        self.locked_until = time.monotonic() + seconds

    # --------------------------------------------------------------- readings
    def _template(self, path: str) -> Any:
        return self.recordings.template(self.profile.recordings, self.site.sitemaster_running, path)

    def aggregates(self, request: Request) -> Answer:
        site = self.site
        site.update()
        body = self._template("/api/meters/aggregates")
        f, k, stamp = site.flows, site.counters, site.timestamp()
        voltage, frequency = site.voltage(), site.frequency()
        meters = {
            "site": (f.grid, k.site_imported, k.site_exported),
            "battery": (f.battery, k.battery_imported, k.battery_exported),
            "load": (f.load, k.load_imported, 0.0),
            "solar": (f.solar, None, k.solar_exported),
        }
        for name, (power, imported, exported) in meters.items():
            meter = body.get(name)
            if not isinstance(meter, dict):
                continue
            reactive = float(meter.get("instant_reactive_power", 0.0))
            current = power / voltage
            meter.update(
                last_communication_time=stamp,
                instant_power=round(power, 2),
                instant_apparent_power=(power**2 + reactive**2) ** 0.5,
                energy_exported=exported,
                instant_average_voltage=voltage,
                instant_average_current=current,
                instant_total_current=current,
            )
            if imported is not None:
                meter["energy_imported"] = imported
            # One site, one frequency: every meter measures the same wires (never 50 next to 60 Hz).
            meter["frequency"] = frequency if name != "site" or site.grid_present() else 0.0
            if name == "site" and not site.grid_present():
                meter.update(instant_average_voltage=0.0, instant_average_current=0.0, instant_total_current=0.0)
            if self.profile.phase_energy_time:
                meter["last_phase_energy_communication_time"] = "0001-01-01T00:00:00Z"
        return Answer.of_json(200, body)

    def soe(self, request: Request) -> Answer:
        self.site.update()
        return Answer.of_json(200, {"percentage": self.site.soe})

    def grid_status(self, request: Request) -> Answer:
        self.site.update()
        return Answer.of_json(200, {"grid_status": self.site.grid_state, "grid_services_active": False})

    def system_status(self, request: Request) -> Answer:
        site = self.site
        site.update()
        body = self._template("/api/system_status")
        body.update(
            nominal_energy_remaining=round(site.remaining_wh),
            nominal_full_pack_energy=site.config.capacity_wh,
            system_island_state=site.grid_state,
            grid_faults=site.grid_faults,
        )
        for block in body.get("battery_blocks") or []:
            block.update(
                p_out=round(site.flows.battery, 1),
                nominal_energy_remaining=round(site.remaining_wh),
                nominal_full_pack_energy=site.config.capacity_wh,
                energy_charged=round(site.counters.battery_imported),
                energy_discharged=round(site.counters.battery_exported),
                off_grid=site.islanded,
                f_out=site.frequency(),
                v_out=site.voltage(),
            )
        return Answer.of_json(200, body)

    def meter_detail(self, request: Request) -> Answer:
        """``/api/meters/site|solar``: the recorded meter's shape, its Cached_readings following the aggregates."""
        location = request.path.rsplit("/", 1)[-1]
        site = self.site
        site.update()
        f, k = site.flows, site.counters
        power, imported, exported = {
            "site": (f.grid, k.site_imported, k.site_exported),
            "solar": (f.solar, 0.0, k.solar_exported),
        }[location]
        body = self._template(request.path)
        present = location != "site" or site.grid_present()
        voltage, frequency, stamp = (
            (site.voltage(), site.frequency(), site.timestamp()) if present else (0.0, 0.0, site.timestamp())
        )
        for meter in body if isinstance(body, list) else []:
            readings = meter.get("Cached_readings")
            if not isinstance(readings, dict):
                continue
            reactive = float(readings.get("instant_reactive_power", 0.0))
            legs = [key for key in ("real_power_a", "real_power_b") if key in readings]
            readings.update(
                last_communication_time=stamp,
                instant_power=round(power, 2),
                instant_apparent_power=(power**2 + reactive**2) ** 0.5,
                frequency=frequency,
                energy_exported=exported,
                energy_imported=imported,
                instant_average_voltage=voltage,
                v_l1n=voltage / 2,
                last_phase_voltage_communication_time=stamp,
                last_phase_power_communication_time=stamp,
            )
            if "v_l2n" in readings:
                readings["v_l2n"] = voltage / 2
            for leg in legs:  # a split-phase site: the legs share the power
                readings[leg] = round(power / len(legs), 2)
        return Answer.of_json(200, body)

    def meter_without_data(self, request: Request) -> Answer:
        # The Go client's author notes that /api/meters/battery and /api/meters/load answer
        # without data (FACTS); an empty list is the inferred form of that.
        return Answer.of_json(200, [])

    def grid_faults(self, request: Request) -> Answer:
        self.site.update()
        return Answer.of_json(200, self.site.grid_faults)

    def solar_powerwall(self, request: Request) -> Answer:
        """``/api/solar_powerwall`` (since 23.44): the Powerwall+ inverter, its strings and alerts.

        pypowerwall reads ``pvac_status.string_vitals[]`` (connected, measured_voltage, current,
        measured_power) and the ``pvac_alerts``/``pvs_alerts`` maps; the rest is inferred from the
        same device's vitals (PVAC_*/PVS_* of the 21.39.1 recording).
        """
        site = self.site
        site.update()
        strings = site.strings()
        solar, voltage, frequency = site.flows.solar, site.voltage(), site.frequency()
        body = {
            "pvac_status": {
                "state": "PVAC_Active",
                "disabled": False,
                "disabled_reasons": [],
                "grid_state": "Grid_Compliant",
                "inv_state": "INV_Grid_Connected",
                "v_out": round(voltage, 1),
                "f_out": round(frequency, 3),
                "p_out": round(sum(s.power for s in strings), 1),
                "q_out": 20.0,
                "i_out": round(solar / voltage, 2),
                "string_vitals": [
                    {
                        "string_id": index + 1,
                        "connected": s.connected,
                        "measured_voltage": s.voltage,
                        "current": s.current,
                        "measured_power": s.power,
                    }
                    for index, s in enumerate(strings)
                ],
            },
            "pvs_status": {
                "state": "PVS_Active",
                "disabled": False,
                "enable_output": True,
                "v_ll": round(voltage, 1),
                "self_test_state": "PVS_SelfTestOff",
            },
            "pv_power_limit": site.config.solar_peak_w,
            "power_status_setpoint": "on",
            "pvac_alerts": {"PVAC_a024_PVACrx_Command_mia": False, "PVAC_a025_PVS_Status_mia": False},
            "pvs_alerts": {f"PVS_a0{17 + i}_MciString{s.name}": not s.connected for i, s in enumerate(strings)},
        }
        return Answer.of_json(200, body)

    def solar_powerwall_power_status(self, request: Request) -> Answer:
        """The seed's ``/solar_powerwall/power_status``: only its path is public; the body is inferred."""
        site = self.site
        site.update()
        return Answer.of_json(200, {"power_status_setpoint": "on", "pout": round(site.flows.solar, 1)})

    def vitals(self, request: Request) -> Answer:
        """The recorded vitals, their readings following the site: power, voltage, frequency, temperature, strings."""
        rec = self.recordings.find(self.profile.recordings, self.site.sitemaster_running, "GET", request.path)
        if rec is None:
            return Answer.error(404, "not found", "no vitals recorded")
        site = self.site
        site.update()
        return Answer(200, living_vitals(rec.body, site, self.profile.git_hash[:14]), rec.content_type)

    def site_info(self, request: Request) -> Answer:
        body = self._template("/api/site_info")
        if self.profile.measured_frequency:
            body["measured_frequency"] = self.site.frequency()
        else:
            body.pop("measured_frequency", None)
        return Answer.of_json(200, body)

    def status(self, request: Request) -> Answer:
        self.site.update()
        body = self._template("/api/status")
        uptime = 200_000.0 + self.site.t
        hours, rest = divmod(uptime, 3600)
        minutes, seconds = divmod(rest, 60)
        body.update(
            version=f"{self.profile.version} {self.profile.git_hash[:8]}",
            git_hash=self.profile.git_hash,
            up_time_seconds=f"{int(hours)}h{int(minutes)}m{seconds:.9f}s",
        )
        return Answer.of_json(200, body)

    def sitemaster(self, request: Request) -> Answer:
        return Answer.of_json(200, self._template("/api/sitemaster"))

    # --------------------------------------------------------------- commands
    def get_operation(self, request: Request) -> Answer:
        body = self._template("/api/operation")
        body.pop("mode", None)
        body.pop("real_mode", None)
        body = {self.profile.mode_field: self.site.mode, **body}
        body["backup_reserve_percent"] = self.site.reserve
        return Answer.of_json(200, body)

    def _may(self, request: Request, allowed_for_customer: bool) -> bool:
        return allowed_for_customer or (request.session is not None and request.session.role != "customer")

    def post_operation(self, request: Request) -> Answer:
        # A customer login has been refused here on every firmware since at least 2019.
        if not self._may(request, allowed_for_customer=False):
            return Answer.of_json(403, NO_RIGHTS)
        try:
            body = request.json_body()
        except ValueError:
            return Answer.error(400, "bad request", "The body is not JSON")
        if not isinstance(body, dict):
            return Answer.error(400, "bad request", "The body must be an object")
        reserve = body.get("backup_reserve_percent")
        if isinstance(reserve, bool) or not isinstance(reserve, int | float) or not 0 <= reserve <= 100:
            return Answer.error(400, "invalid backup_reserve_percent", "backup_reserve_percent must be from 0 to 100")
        field = self.profile.mode_field
        mode = body.get(field)
        if field == "real_mode" and mode not in REAL_MODES:
            # Since ~1.21 a body without a valid `real_mode` (the old `mode`, too) gets this 500.
            return Answer.of_json(500, REAL_MODE_REQUIRED)
        if not isinstance(mode, str) or not mode:
            return Answer.error(400, "invalid mode", f"{field} must be a non-empty string")
        self.site.stage_operation(str(mode), float(reserve))
        return Answer.of_json(200, {field: mode, "backup_reserve_percent": reserve})

    def config_completed(self, request: Request) -> Answer:
        self.site.commit()
        if self.profile.config_completed_body:
            # 21.39.1 answered 200 with the gateway's status (the repository's recording).
            return self.status(request)
        return Answer(202)

    def islanding(self, request: Request) -> Answer:
        if not self._may(request, self.profile.customer_can_island):
            return Answer.of_json(403, NO_RIGHTS)
        try:
            body = request.json_body()
        except ValueError:
            return Answer.error(400, "bad request", "The body is not JSON")
        mode = body.get("island_mode") if isinstance(body, dict) else None
        if mode not in ISLAND_MODES:
            return Answer.error(400, "invalid island_mode", f"island_mode must be one of {', '.join(ISLAND_MODES)}")
        if ISLAND_MODES[mode] == "off":
            self.site.go_off_grid()
        else:
            self.site.go_on_grid()
        return Answer.of_json(200, {"island_mode": mode})

    def sitemaster_run(self, request: Request) -> Answer:
        self.site.set_sitemaster(True)
        return Answer(202)

    def sitemaster_stop(self, request: Request) -> Answer:
        # Not documented. Chosen: stopping the power flow is a commissioning step of the installer
        # wizard, so only an installer session may; running it again is allowed to every login
        # (it restores normal operation, and tesla_powerwall offers it to customers).
        if not self._may(request, allowed_for_customer=False):
            return Answer.of_json(403, NO_RIGHTS)
        self.site.set_sitemaster(False)
        return Answer(202)


HANDLERS: dict[str, Handler] = {
    "POST /api/login/Basic": GatewayApp.login,
    "GET /api/logout": GatewayApp.logout,
    "GET /api/meters/aggregates": GatewayApp.aggregates,
    "GET /api/system_status/soe": GatewayApp.soe,
    "GET /api/system_status/grid_status": GatewayApp.grid_status,
    "GET /api/system_status": GatewayApp.system_status,
    "GET /api/site_info": GatewayApp.site_info,
    "GET /api/status": GatewayApp.status,
    "GET /api/sitemaster": GatewayApp.sitemaster,
    "GET /api/operation": GatewayApp.get_operation,
    "POST /api/operation": GatewayApp.post_operation,
    "GET /api/config/completed": GatewayApp.config_completed,
    "POST /api/v2/islanding/mode": GatewayApp.islanding,
    "GET /api/sitemaster/run": GatewayApp.sitemaster_run,
    "GET /api/sitemaster/stop": GatewayApp.sitemaster_stop,
    "GET /api/meters/site": GatewayApp.meter_detail,
    "GET /api/meters/solar": GatewayApp.meter_detail,
    "GET /api/meters/battery": GatewayApp.meter_without_data,
    "GET /api/meters/load": GatewayApp.meter_without_data,
    "GET /api/system_status/grid_faults": GatewayApp.grid_faults,
    "GET /api/solar_powerwall": GatewayApp.solar_powerwall,
    "GET /api/solar_powerwall/power_status": GatewayApp.solar_powerwall_power_status,
    "GET /api/solar_powerwall/{pvi}/power_status": GatewayApp.solar_powerwall_power_status,
    "GET /api/devices/vitals": GatewayApp.vitals,
    "GET /api/auth/toggle/supported": GatewayApp.toggle_supported,
    "POST /api/auth/toggle/start": GatewayApp.toggle_start,
    "POST /api/auth/toggle/login": GatewayApp.toggle_login,
    "DELETE /api/auth/toggle/login": GatewayApp.toggle_logout,
}


RECORDED_FIRMWARE_HASH = "7759c368f4e963"  # 21.39.1, as the recorded vitals carry it


def living_vitals(recorded: bytes, site: Site, firmware_hash: str) -> bytes:
    """The recorded ``DevicesWithVitals`` with its readings set from the site at this moment."""
    message = tesla_pb2.DevicesWithVitals.FromString(recorded)
    voltage, frequency, flows = site.voltage(), site.frequency(), site.flows
    strings = {s.name: s for s in site.strings()}
    pods = sum(1 for d in message.devices if d.device and d.device[0].device.din.value.startswith("TEPOD"))
    share = site.remaining_wh / max(pods, 1)
    stamp = int(site.clock.datetime(site.t).timestamp())
    values: dict[str, float | bool] = {
        # battery inverters (TEPINV): kW out, the site's voltage and frequency
        "PINV_Pout": round(flows.battery / 1000.0 / max(pods, 1), 3),
        "PINV_Fout": round(frequency, 3),
        "PINV_PllFrequency": round(frequency, 3),
        "PINV_Vout": round(voltage, 1),
        "PINV_VSplit1": round(voltage / 2, 1),
        "PINV_VSplit2": round(voltage / 2, 1),
        # battery pods (TEPOD)
        "POD_nom_energy_remaining": round(share),
        # solar inverter (PVAC/PVS)
        "PVAC_Pout": round(flows.solar, 1),
        "PVAC_Fout": round(frequency, 3),
        "PVAC_Vout": round(voltage, 1),
        "PVAC_VL1Ground": round(voltage / 2, 1),
        "PVAC_VL2Ground": round(voltage / 2, 1),
        "PVAC_Iout": round(flows.solar / voltage, 2),
        "PVS_vLL": round(voltage, 1),
        # site controller (TESYNC): island sensing on both sides, the site meter's legs
        "ISLAND_FreqL1_Main": round(frequency, 3) if site.grid_present() else 0.0,
        "ISLAND_FreqL2_Main": round(frequency, 3) if site.grid_present() else 0.0,
        "ISLAND_FreqL1_Load": round(frequency, 3),
        "ISLAND_FreqL2_Load": round(frequency, 3),
        "ISLAND_VL1N_Main": round(voltage / 2, 1) if site.grid_present() else 0.0,
        "ISLAND_VL2N_Main": round(voltage / 2, 1) if site.grid_present() else 0.0,
        "ISLAND_VL1N_Load": round(voltage / 2, 1),
        "ISLAND_VL2N_Load": round(voltage / 2, 1),
        "ISLAND_GridConnected": not site.islanded,
        "METER_X_VL1N": round(voltage / 2, 2),
        "METER_X_VL2N": round(voltage / 2, 2),
        "METER_X_CTA_InstRealPower": round(flows.grid / 2, 1),
        "METER_X_CTB_InstRealPower": round(flows.grid / 2, 1),
        "METER_X_LifetimeEnergyImport": round(site.counters.site_imported),
        "METER_X_LifetimeEnergyExport": round(site.counters.site_exported),
        "NEURIO_CT0_InstRealPower": round(flows.solar, 1),
        # thermal controllers (TETHC)
        "THC_AmbientTemp": site.ambient_temperature(),
    }
    for name, s in strings.items():
        values[f"PVAC_PVMeasuredPower_{name}"] = s.power
        values[f"PVAC_PVMeasuredVoltage_{name}"] = s.voltage
        values[f"PVAC_PVCurrent_{name}"] = s.current
        values[f"PVS_String{name}_Connected"] = s.connected
    for entry in message.devices:
        for connected in entry.device:
            device = connected.device
            device.lastCommunicationTime.seconds = stamp
            if device.firmwareVersion.value == RECORDED_FIRMWARE_HASH:  # the gateway's own, not the PVS's
                device.firmwareVersion.value = firmware_hash
        for vital in entry.vitals:
            if vital.name not in values:
                continue
            value = values[vital.name]
            if isinstance(value, bool):
                vital.boolValue = value
            else:
                vital.floatValue = float(value)
    return message.SerializeToString()


def _is_write(operation: Operation, path: str) -> bool:
    """A request that changes the gateway's state (logins and the toggle, tagged auth, do not count)."""
    if path == "/api/login/Basic" or "auth" in operation.definition.get("tags", []):
        return False
    return operation.method.upper() != "GET" or bool(operation.definition.get("x-pwkit-side-effect"))


def _json_or_none(body: bytes) -> Any:
    try:
        return json.loads(body) if body else None
    except ValueError:
        return None


def _apply_override(body: Any, override: dict[str, Any]) -> Any:
    for dotted, value in override.get("set", {}).items():
        *parents, last = dotted.split(".")
        node = body
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node.setdefault(key, {})
        node[int(last) if isinstance(node, list) else last] = value
    for dotted in override.get("delete", []):
        *parents, last = dotted.split(".")
        node = body
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if isinstance(node, dict):
            node.pop(last, None)
        else:
            node.pop(int(last))
    return body


async def serve_lifespan(receive: Receive, send: Send) -> None:
    """An ASGI app with nothing to set up or tear down."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


async def read_body(receive: Receive) -> bytes:
    chunks, size = [], 0
    while True:
        message = await receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size <= MAX_BODY:
            chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


async def _send(send: Send, answer: Answer) -> None:
    headers = [*BASE_HEADERS, *answer.headers, (b"content-length", str(len(answer.body)).encode())]
    if answer.content_type:
        headers.append((b"content-type", answer.content_type.encode()))
    await send({"type": "http.response.start", "status": answer.status, "headers": headers})
    await send({"type": "http.response.body", "body": answer.body})
