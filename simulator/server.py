"""Serving simulated gateways over real HTTPS (HTTP/2 and HTTP/1.1), and the loopback control API.

Each site listens on its own port with its own CA and certificate, like a
real gateway. "Offline" closes the listening socket, so clients see a refused
connection, not an error answer.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import re
import socket
import ssl
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from hypercorn.asyncio import serve
from hypercorn.config import Config

from pwkit.codegen import paths
from pwkit.codegen.recordings import load_dir
from pwkit.codegen.verify import Spec

from . import certs, stamps, tedapi
from .fleet import FLEET_NAMES, FleetApp, FleetSite
from .gateway import (
    AuthPolicy,
    Credentials,
    DropConnection,
    GatewayApp,
    Receive,
    RecordingStore,
    Scope,
    Send,
    read_body,
    serve_lifespan,
)
from .profiles import DEFAULT_FIRMWARE, PROFILES
from .site import Clock, Site, SiteConfig

log = logging.getLogger("pwkit.simulator")
# How long going offline (or stopping) waits for answers in flight before it drops every connection.
STOP_GRACE = 0.5
# Seconds an idle keep-alive connection stays open (a real gateway's idle timeout is not published: inferred).
KEEP_ALIVE_TIMEOUT = 30


@dataclass
class SimulatorOptions:
    host: str = "127.0.0.1"
    port: int = 8443
    sites: int = 1
    # The first site's number: several simulator processes (`--first-site 500 --sites 500`) serve one set of
    # distinct gateways (serials, DINs, seeds) when one process's core is not enough for a thousand.
    first_site: int = 0
    firmware: str = DEFAULT_FIRMWARE
    email: str = "demo@example.com"
    customer_password: str = "powerwall"
    installer_password: str | None = None
    speed: float = 1.0
    seed: int = 0
    strict_sni: bool = False
    latency_ms: float = 0.0
    session_ttl: float = 3600.0
    lockout_attempts: int = 5
    lockout_window: float = 60.0
    lockout_seconds: float = 30.0
    toggle_window: float = 60.0
    control_port: int = 0
    state_dir: Path | None = None
    fleet: bool = False  # also serve Tesla's Fleet API (cloud) for the same sites
    fleet_port: int = 0
    # The full password on the gateway's QR sticker: TEDAPI's Wi-Fi (basic) password.
    gateway_password: str = "SIMULATED-QR-PASSWORD"

    def __repr__(self) -> str:  # never show the passwords
        shown = {k: v for k, v in asdict(self).items() if "password" not in k}
        return f"SimulatorOptions({shown})"


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def check_sni(sslobj: ssl.SSLObject, name: str | None, context: ssl.SSLContext) -> int | None:
    """The gateway aborts the handshake for any SNI name but its own (or none, or an IP)."""
    if name is None or name in certs.GATEWAY_NAMES or _is_ip(name):
        return None
    return ssl.ALERT_DESCRIPTION_UNRECOGNIZED_NAME


class _GatewayConfig(Config):
    strict_sni = False

    def create_ssl_context(self) -> ssl.SSLContext | None:
        context = super().create_ssl_context()
        if context is not None and self.strict_sni:
            context.sni_callback = check_sni
        return context


class _QuietDrops(logging.Filter):
    """A dropped connection is an injected fault, not a server error worth a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], DropConnection))


def _quiet_departures(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """The event loop's report of an error nobody awaited, without the noise of clients that went away.

    When a connection whose client left (an HTTP/2 stream reset, a GOAWAY, a body cut short) is still open as
    the gateway stops or goes offline, its task is cancelled; Python 3.11's asyncio streams then report
    "Exception in callback StreamReaderProtocol…: CancelledError" (and gather's "exception was never
    retrieved") with a traceback on the console, although nothing went wrong. Those are said at debug level;
    any other error keeps asyncio's own report.
    """
    exc = context.get("exception")
    gone = isinstance(exc, asyncio.CancelledError | asyncio.InvalidStateError | ConnectionError | ssl.SSLError)
    if gone or (isinstance(exc, AttributeError) and "_get_extra_info" in str(exc)):
        log.debug("a connection ended as its client went away: %s (%r)", context.get("message"), exc)
        return
    loop.default_exception_handler(context)


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.setblocking(False)
    return sock


# The gateway serial of the recordings; `--sites N` gives each further site one of its own, so that N
# simulated gateways are N gateways to a client (their DINs, and the ids a bridge derives, differ).
RECORDED_SERIAL = "TG121048001F3G"


def site_serial(index: int) -> str:
    """Site 0 keeps the recorded serial; site N gets another of the same length (protobuf lengths hold)."""
    return RECORDED_SERIAL if index == 0 else f"TG1210480{index:05d}"


class SiteIdentity:
    """ASGI wrapper: every answer of site N carries its own serial (and so its own DIN) instead of the recorded one."""

    def __init__(self, app: Any, index: int) -> None:
        self.app, self.index = app, index
        self.serial = site_serial(index).encode()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if self.index == 0 or scope.get("type") != "http":
            await self.app(scope, receive, send)
            return

        async def rewritten(message: Any) -> None:
            if message.get("type") == "http.response.body" and message.get("body"):
                message = {**message, "body": message["body"].replace(RECORDED_SERIAL.encode(), self.serial)}
            await send(message)

        await self.app(scope, receive, rewritten)


@dataclass
class SimulatedGateway:
    index: int
    app: GatewayApp
    certificate: certs.GatewayCertificate
    cert_dir: Path
    host: str
    port: int
    strict_sni: bool
    online: bool = False
    _shutdown: asyncio.Event = field(default_factory=asyncio.Event)
    _task: asyncio.Task[None] | None = None
    _back_online: asyncio.Task[None] | None = None
    asgi: Any = None  # what this listener serves, when not the gateway app itself (TEDAPI profiles)
    access_point: SimulatedGateway | None = None  # TEDAPI: the gateway's own Wi-Fi, a listener of its own

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"https://{host}:{self.port}"

    def describe(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "url": self.url,
            "port": self.port,
            "online": self.online,
            "firmware": self.app.profile.version,
            "fingerprint": self.certificate.fingerprint,
            "ca": str(self.cert_dir / "ca.pem"),
            "strict_sni": self.strict_sni,
            **({"access_point": self.access_point.url, "din": self.app.tedapi.din} if self.access_point else {}),
        }

    def state(self) -> dict[str, Any]:
        site = self.app.site
        site.update()
        return {
            "sim_time": site.t,
            "mode": site.mode,
            "reserve": site.reserve,
            "staged": site.staged,
            "soe": site.soe,
            "grid_status": site.grid_state,
            "grid_outage": site.grid_outage,
            "grid_faults": len(site.grid_faults),
            "sitemaster_running": site.sitemaster_running,
            "flows": asdict(site.flows),
            "counters": asdict(site.counters),
            "sessions": len(self.app.sessions),
        }

    async def start(self, sock: socket.socket | None = None) -> None:
        sock = sock or _listen(self.host, self.port)
        self.port = sock.getsockname()[1]
        config = _GatewayConfig()
        # Hypercorn owns the socket from here and closes it when it stops serving.
        config.bind = [f"fd://{sock.detach()}"]
        config.certfile = str(self.cert_dir / "cert.pem")
        config.keyfile = str(self.cert_dir / "key.pem")
        config.strict_sni = self.strict_sni
        config.accesslog = None
        config.errorlog = log
        config.keep_alive_timeout = KEEP_ALIVE_TIMEOUT
        config.graceful_timeout = 1.0  # going offline should not wait for clients
        # Hypercorn closes a connection after 1000 requests by default; the gateway does not.
        config.keep_alive_max_requests = 2**31
        self._shutdown = asyncio.Event()
        stamps.install()  # freshness stamps: when each stamped answer's last byte is written
        self._task = asyncio.create_task(
            serve(SiteIdentity(self.asgi or self.app, self.index), config, shutdown_trigger=self._shutdown.wait)
        )
        self.online = True

    async def stop(self) -> None:
        """Stop listening and drop every connection at once, as a gateway falling off the network would.

        Hypercorn closes idle keep-alive connections with a TLS shutdown that waits for the client's
        reply (30 s), and its serve() waits for every connection to end: a client holding an idle
        connection would keep the gateway "online" that long. After a short grace for answers in
        flight, the connections still open are aborted.
        """
        if self._task is not None:
            self._shutdown.set()
            done, _ = await asyncio.wait({self._task}, timeout=STOP_GRACE)
            if not done:
                for transport in self._connections():
                    transport.abort()
                done, _ = await asyncio.wait({self._task}, timeout=STOP_GRACE)
            if not done:
                self._task.cancel()
            try:
                await self._task
            except (ssl.SSLError, OSError, asyncio.CancelledError, asyncio.InvalidStateError) as exc:
                # A client still talking while TLS closes: the listener is closed all the same. (Hypercorn's
                # serve() raises InvalidStateError when its graceful wait for connections is cut short.)
                log.debug("gateway %d stopped with open connections: %r", self.index, exc)
            self._task = None
        self.online = False

    def _connections(self) -> list[asyncio.Transport]:
        """The transports of the connections open on this gateway's port.

        Hypercorn keeps no list it shares: each connection is a task running its ``_server_callback``
        (reader, writer), so the writers are found there, and kept only when they are on this port.
        """
        found: list[asyncio.Transport] = []
        for task in asyncio.all_tasks():
            coro = task.get_coro()
            frame = getattr(coro, "cr_frame", None)
            if frame is None or not getattr(coro, "__qualname__", "").endswith("_server_callback"):
                continue
            writer = frame.f_locals.get("writer")
            transport = getattr(writer, "transport", None)
            if not isinstance(transport, asyncio.Transport):
                continue
            try:
                local = transport.get_extra_info("sockname")
            except AttributeError:  # a TLS connection its client already left: asyncio dropped its SSL state
                continue
            if isinstance(local, tuple) and len(local) >= 2 and local[1] == self.port:
                found.append(transport)
        return found

    async def go_offline(self, seconds: float | None) -> None:
        await self.stop()
        if seconds:
            self._back_online = asyncio.create_task(self._return_after(seconds))

    async def _return_after(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        await self.start()

    async def go_online(self) -> None:
        if self._back_online is not None:
            self._back_online.cancel()
            self._back_online = None
        if not self.online:
            await self.start()


class Simulator:
    def __init__(self, options: SimulatorOptions) -> None:
        if options.firmware not in PROFILES:
            raise ValueError(f"unknown firmware {options.firmware!r}; known: {', '.join(PROFILES)}")
        if options.sites < 1:
            raise ValueError("--sites must be at least 1")
        self.options = options
        self.gateways: list[SimulatedGateway] = []
        self.control_url = ""
        self.fleet: FleetApp | None = None
        self._fleet_shutdown = asyncio.Event()
        self._fleet_task: asyncio.Task[None] | None = None
        self._temp: tempfile.TemporaryDirectory[str] | None = None
        self._control_shutdown = asyncio.Event()
        self._control_task: asyncio.Task[None] | None = None
        logging.getLogger("pwkit.simulator").addFilter(_QuietDrops())

    @property
    def state_dir(self) -> Path:
        if self.options.state_dir is not None:
            return self.options.state_dir
        if self._temp is None:
            self._temp = tempfile.TemporaryDirectory(prefix="pwkit-simulate-")
        return Path(self._temp.name)

    def build_app(self, index: int, spec: Spec, store: RecordingStore) -> GatewayApp:
        o = self.options
        seed = o.seed + index
        site = Site(SiteConfig(seed=seed), Clock(speed=o.speed))
        app = GatewayApp(
            spec=spec,
            recordings=store,
            profile=PROFILES[o.firmware],
            site=site,
            credentials=Credentials(o.email, o.customer_password, o.installer_password),
            policy=AuthPolicy(
                o.session_ttl, o.lockout_attempts, o.lockout_window, o.lockout_seconds, toggle_window=o.toggle_window
            ),
            seed=seed,
        )
        app.faults.latency_ms = o.latency_ms
        return app

    def _certificate(self, directory: Path, names: tuple[str, ...] = ("localhost",)) -> certs.GatewayCertificate:
        files = [directory / n for n in ("ca.pem", "cert.pem", "key.pem")]
        if all(f.exists() for f in files):
            ca, chain, key = (f.read_bytes() for f in files)
            return certs.GatewayCertificate(ca, chain.removesuffix(ca), key)
        certificate = certs.generate(extra_names=names)
        certificate.write(directory)
        return certificate

    async def start(self) -> None:
        asyncio.get_running_loop().set_exception_handler(_quiet_departures)
        o = self.options
        spec = Spec.load(paths.OPENAPI)
        store = RecordingStore(load_dir(paths.RECORDINGS))
        for index in range(o.first_site, o.first_site + o.sites):
            cert_dir = self.state_dir / f"site-{index}"
            gateway = SimulatedGateway(
                index=index,
                app=self.build_app(index, spec, store),
                certificate=self._certificate(cert_dir),
                cert_dir=cert_dir,
                host=o.host,
                port=o.port + index - o.first_site if o.port else 0,
                strict_sni=o.strict_sni,
            )
            tedapi.attach(gateway, o.gateway_password)
            await gateway.start()
            if gateway.access_point is not None:
                await gateway.access_point.start()
            self.gateways.append(gateway)
        if o.fleet:
            await self._start_fleet()
        sock = _listen("127.0.0.1", o.control_port)
        self.control_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        config = Config()
        config.bind = [f"fd://{sock.detach()}"]
        config.accesslog = None
        config.errorlog = log
        self._control_task = asyncio.create_task(
            serve(ControlApp(self), config, shutdown_trigger=self._control_shutdown.wait)  # type: ignore[arg-type]
        )
        (self.state_dir / "sites.json").write_text(json.dumps(self.describe(), indent=2) + "\n")

    async def _start_fleet(self) -> None:
        """Tesla's Fleet API for the same sites, on its own port with its own certificate."""
        o = self.options
        sites = [
            FleetSite(
                energy_site_id=100000 + g.index,
                din=str(g.app._template("/api/status").get("din", "")).replace(RECORDED_SERIAL, site_serial(g.index)),
                site=g.app.site,
                firmware=g.app.profile.version,
            )
            for g in self.gateways
        ]
        for gateway, fleet_site in zip(self.gateways, sites, strict=True):
            tedapi.attach_fleet(gateway, fleet_site)
        self.fleet = FleetApp(sites)
        cert_dir = self.state_dir / "fleet"
        # Tesla's host names too, so a public client whose URLs are fixed can be pointed here by address alone.
        self._certificate(cert_dir, FLEET_NAMES)
        sock = _listen(o.host, o.fleet_port)
        host = f"[{o.host}]" if ":" in o.host else o.host
        self.fleet.base_url = f"https://{host}:{sock.getsockname()[1]}"
        config = Config()
        config.bind = [f"fd://{sock.detach()}"]
        config.certfile = str(cert_dir / "cert.pem")
        config.keyfile = str(cert_dir / "key.pem")
        config.accesslog = None
        config.errorlog = log
        config.graceful_timeout = 1.0
        # Not hypercorn's 5 s, which equals httpx's keep-alive expiry: a client that idled ~5 s (a Retry-After
        # wait) sent its next command on a connection the server was closing, and met a ReadError that Tesla's
        # cloud (behind load balancers idling for a minute or more; not published: inferred) does not cause.
        config.keep_alive_timeout = KEEP_ALIVE_TIMEOUT
        self._fleet_task = asyncio.create_task(
            serve(self.fleet, config, shutdown_trigger=self._fleet_shutdown.wait)  # type: ignore[arg-type]
        )

    def describe(self) -> dict[str, Any]:
        described: dict[str, Any] = {"control": self.control_url, "sites": [g.describe() for g in self.gateways]}
        if self.fleet is not None:
            # The first refresh token is for the person who started the simulator (it prints it too).
            described["fleet"] = {
                **self.fleet.describe(),
                "ca": str(self.state_dir / "fleet" / "ca.pem"),
                "refresh_token": self.fleet.initial_refresh_token,
            }
        return described

    async def stop(self) -> None:
        for gateway in self.gateways:
            await gateway.stop()
            if gateway.access_point is not None:
                await gateway.access_point.stop()
        if self._fleet_task is not None:
            self._fleet_shutdown.set()
            await self._fleet_task
        if self._control_task is not None:
            self._control_shutdown.set()
            await self._control_task
        if self._temp is not None:
            self._temp.cleanup()


class ControlApp:
    """The loopback-only control API: faults, stats, time, the toggle switch, grid outages. JSON in, JSON out."""

    ROUTE = re.compile(r"^/sites/(\d+)(?:/([a-z-]+))?$")

    def __init__(self, simulator: Simulator) -> None:
        self.simulator = simulator

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await serve_lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        body = await read_body(receive)
        try:
            status, result = await self.handle(scope["method"], scope["path"], json.loads(body or b"{}"))
        except (ValueError, TypeError, KeyError) as exc:
            status, result = 400, {"error": f"bad request: {exc}"}
        payload = json.dumps(result).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": payload})

    async def handle(self, method: str, path: str, data: dict[str, Any]) -> tuple[int, Any]:
        sim = self.simulator
        if path in ("/", "/sites"):
            return 200, sim.describe()
        fleet = re.match(r"^/fleet(?:/([a-z-]+))?$", path)
        if fleet:
            if sim.fleet is None:
                return 404, {"error": "the Fleet API is not served; start with --fleet"}
            return sim.fleet.control(method, fleet.group(1), data)
        match = self.ROUTE.match(path)
        if not match or int(match.group(1)) >= len(sim.gateways):
            return 404, {"error": f"no such control resource {path}; see GET /sites"}
        gateway = sim.gateways[int(match.group(1))]
        app, action = gateway.app, match.group(2)
        if action in tedapi.CONTROL_ACTIONS:
            return await tedapi.control(gateway, method, action, data)
        if action is None:
            return 200, {**gateway.describe(), "state": gateway.state(), "faults": asdict(app.faults)}
        if action == "stats":
            if method == "DELETE":
                app.stats = type(app.stats)()
            return 200, {**app.stats.to_json(), "stamps_written": dict(stamps.written)}
        if action == "state":
            return 200, gateway.state()
        if action == "faults":
            if method == "DELETE":
                app.faults = type(app.faults)()
            else:
                for key, value in data.items():
                    if key == "overrides" or not hasattr(app.faults, key):
                        raise KeyError(key)
                    if key == "error_on" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                        raise TypeError('error_on is a list of "METHOD /path" or "/path"')
                    setattr(app.faults, key, type(getattr(app.faults, key))(value))
            return 200, asdict(app.faults)
        if action == "override" and method == "POST":
            app.faults.overrides[str(data["path"])] = {
                "set": data.get("set", {}),
                "delete": data.get("delete", []),
                "stamp": data.get("stamp"),
            }
            return 200, app.faults.overrides
        if action == "override" and method == "DELETE":
            app.faults.overrides.clear()
            return 200, {}
        if action == "expire-sessions" and method == "POST":
            role = data.get("role")
            return 200, {"expired": app.expire_sessions(str(role) if role else None)}
        if action == "lockout" and method == "POST":
            app.lock_out(float(data.get("seconds", app.policy.lockout_seconds)))
            return 200, {"locked_for": float(data.get("seconds", app.policy.lockout_seconds))}
        if action == "offline" and method == "POST":
            seconds = data.get("seconds")
            await gateway.go_offline(float(seconds) if seconds else None)
            return 200, gateway.describe()
        if action == "online" and method == "POST":
            await gateway.go_online()
            return 200, gateway.describe()
        if action == "toggle-switch" and method == "POST":
            # The owner switches a Powerwall off and on: it counts only inside toggle/start's window.
            if not app.switch_toggled():
                return 409, {
                    "error": "no toggle window is open: POST /api/auth/toggle/start on the gateway first "
                    f"(the window lasts {app.policy.toggle_window:g} simulated seconds)"
                }
            return 200, {"toggled": True, "sim_time": app.site.t}
        if action == "grid-outage" and method in ("POST", "DELETE"):
            # The utility's grid goes away (POST) or comes back (DELETE): the site islands by itself.
            app.site.set_grid_outage(method == "POST")
            return 200, gateway.state()
        if action == "advance" and method == "POST":
            app.site.clock.advance(float(data["seconds"]))
            return 200, gateway.state()
        return 404, {"error": f"unknown control action {method} {path}"}
