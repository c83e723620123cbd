"""The bridge: gateways polled into MQTT topics, commands from MQTT carried out safely.

The core only routes: readings from :class:`GatewayWorker` go through the
:class:`~.publisher.Publisher` to MQTT; messages from MQTT go to the command
executor of their gateway. One reading travels
``connection → JSON → topics.leaves → publisher.changes → mqtt.publish``.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import re
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from typing import Any

from powerwall_client.pwkit_operations import OPERATIONS, POLL_GROUPS
from pwkit.client.clock import REAL, Clock
from pwkit.client.connection import PRIORITY, ConnectionOptions, Gateway
from pwkit.client.errors import (
    AuthRefused,
    GatewayError,
    NotServed,
    RateLimited,
    SitemasterStopped,
    TlsMismatch,
    Unreachable,
)
from pwkit.client.fleet import FleetError, FleetOptions, FleetRateLimited, FleetSession, FleetSite
from pwkit.client.store import StateFile, default_state_dir

from . import commands, routes
from .commands import Command, CommandError
from .config import BridgeConfig, GatewayConfig
from .discovery import Discovery
from .mqtt import Inbound, MqttLink
from .publisher import Deadbands, Publisher
from .topics import dumps, item_key, leaves, owned_below, reading_topic, topic_problem, topic_safe, without_owned
from .units import rounded, unit_of

log = logging.getLogger("pwkit.bridge")
GROUPS = ("fast", "normal", "slow")
OFFLINE_ERRORS = (Unreachable, RateLimited, AuthRefused, TlsMismatch)
# The state topics a command's control shows (Home Assistant discovery reads the same ones).
CONTROL_STATE: dict[str, tuple[str, ...]] = {
    "mode": ("operation/mode",),
    "reserve": ("operation/backup_reserve_percent", "operation/backup_reserve_percent_app"),
    "island": ("system_status/grid_status/grid_status",),
    "sitemaster": ("sitemaster/running",),
    "grid_charging": ("fleet/grid_charging",),
    "export": ("fleet/export",),
    "storm_watch": ("fleet/storm_watch",),
}
MAX_CORRELATION = 128  # bytes of MQTT 5 correlation data echoed back; more is refused
MAX_RESPONSE_TOPIC = 256  # bytes
RESTART_BACKOFF = (1.0, 30.0)  # a supervised task that fails is restarted after 1 s, doubling to 30 s
# Seconds after a Fleet command until the gateway is read again (the cloud relays it to the gateway).
FLEET_SETTLE = 3.0


def poll_plan(config: BridgeConfig) -> dict[str, tuple[float, list[str]]]:
    """Poll group → (interval, API paths), from the spec's x-pwkit-poll markers."""
    plan = {}
    for group in GROUPS:
        interval = config.poll.get(group, POLL_GROUPS.get(group, 60.0))
        paths = [op.path for op in OPERATIONS if op.is_reading and op.poll == group and "{" not in op.path]
        plan[group] = (interval, paths)
    return plan


def _login_state(exc: Exception, current: str) -> str:
    """What the login looks like after an error that marks the gateway offline."""
    if isinstance(exc, AuthRefused):
        return "refused"
    if isinstance(exc, RateLimited):
        return "rate limited"
    return current


@dataclass
class Health:
    available: bool | None = None
    # Why the whole gateway is offline (unreachable, TLS, login, lockout): said once, not once per endpoint.
    offline_reason: str = ""
    sitemaster_stopped: bool = False
    errors: dict[str, str] = field(default_factory=dict)
    unserved: set[str] = field(default_factory=set)
    login: str = "not yet"  # "logged in", "refused", "rate limited", "not yet"
    command_route: str = "local"
    last_error: str | None = None
    # Whole poll cycles in a row in which no reading of the gateway came back.
    failed_cycles: int = 0

    def to_json(self) -> str:
        return dumps(
            {
                "availability": {True: "online", False: "offline", None: "unknown"}[self.available],
                "offline_reason": self.offline_reason or None,
                "sitemaster_stopped": self.sitemaster_stopped,
                "errors": self.errors,
                "not_served": sorted(self.unserved),
                "login": self.login,
                "command_route": self.command_route,
                "last_error": self.last_error,
            }
        )


class GatewayWorker:
    """One gateway: its poll loops, its availability and its command executor."""

    def __init__(self, service: BridgeService, config: GatewayConfig, gateway: Gateway) -> None:
        self.service = service
        self.config = config
        self.gateway = gateway
        self.id = topic_safe(config.name) if config.name else ""
        self.firmware: str | None = None
        self.health = Health()
        self.offline_why = ""
        self._pending: dict[str, Command] = {}
        self._wake = asyncio.Event()
        self.cycles: dict[str, int] = {group: 0 for group in GROUPS}
        self.late: dict[str, int] = {group: 0 for group in GROUPS}
        self.expired = 0
        self._last_command = float("-inf")
        self.batteries: list[str] = []  # serials, in the gateway's order: discovery shows one set per battery
        self._serving: dict[str, bool] = {}  # API path → last published per-reading availability
        self.din: str | None = None
        self.fleet: FleetSite | None = None
        if service.fleet_session is not None:
            self.fleet = FleetSite(service.fleet_session, din=None, site_id=config.fleet_site_id)
        self.routes: dict[str, tuple[str | None, str | None]] = {}
        self._fleet_error: str | None = "not read yet"

    @property
    def role(self) -> str:
        """The local login's role: what the gateway lets it write."""
        installer = self.config.username == "installer" or self.gateway.has_installer_session
        return "installer" if installer else "customer"

    def plan_routes(self) -> None:
        """Each enabled command's route (or why it has none), logged once at start."""
        setting = self.service.config.command_route
        self.routes = {
            name: routes.choose(name, setting, self.role, self.fleet is not None, self.gateway.url)
            for name in self.config.allow_commands
        }
        self.health.command_route = ", ".join(f"{n}: {r or 'none'}" for n, (r, _) in self.routes.items()) or "none"
        for name, (route, why) in self.routes.items():
            if route:
                log.info("%s (%s): command %s runs over %s", self.gateway.url, self.id, name, route)
            else:
                log.warning("%s (%s): command %s cannot run: %s", self.gateway.url, self.id, name, why)

    @property
    def base(self) -> str:
        return f"{self.service.prefix}/{self.id}"

    @property
    def enabled_commands(self) -> list[str]:
        return list(self.config.allow_commands)

    async def identify(self, timeout: float = 10.0) -> None:
        """The gateway id: the configured name, else the gateway's serial, else its address."""
        try:
            body = await asyncio.wait_for(self.gateway.get_json("/api/status"), timeout)
            if not isinstance(body, dict):
                raise ValueError(f"/api/status answered a JSON {type(body).__name__}, not an object")
            self.firmware = str(body.get("version", "")).split(" ")[0] or None
            din = str(body.get("din") or "")
            self.din = din or None
            if self.fleet is not None:
                self.fleet.din = self.din
            if not self.id and "--" in din:
                self.id = topic_safe(din.rsplit("--", 1)[1])
        except Exception as exc:  # whatever the gateway answers, the bridge starts
            log.warning("%s: cannot identify the gateway yet (%s)", self.gateway.url, exc)
        if not self.id:
            self.id = topic_safe(self.gateway.host.replace(".", "_").replace(":", "_"))
            log.warning('%s: using %r as its id; set name = "…" to choose a stable one', self.gateway.url, self.id)

    # ------------------------------------------------------------------ polling
    async def run(self) -> None:
        loops = [
            self.service.supervise(f"poll {group}", self, functools.partial(self._poll_loop, group, interval, paths))
            for group, (interval, paths) in self.service.plan.items()
        ]
        if self.fleet is not None:
            slow = self.service.plan["slow"][0]
            loops.append(self.service.supervise("fleet", self, functools.partial(self._fleet_loop, slow)))
        await asyncio.gather(*loops, self.service.supervise("executor", self, self._executor))

    async def _fleet_loop(self, interval: float) -> None:
        """The cloud's settings (grid charging, export rule, storm watch) at the slow interval."""
        while True:
            await self.poll_fleet()
            await asyncio.sleep(interval)

    async def poll_fleet(self) -> None:
        assert self.fleet is not None
        try:
            info = await self.fleet.site_info()
        except FleetError as exc:
            error = str(exc)
            if error != self._fleet_error:
                log.warning("%s (%s): Fleet API readings: %s; local readings go on", self.gateway.url, self.id, exc)
            self._fleet_status(error)
            return
        self._fleet_status(None)
        found = [(f"{self.base}/fleet/{key}", value) for key, value in routes.fleet_readings(info).items()]
        for topic, text in self.service.publisher.changes(f"{self.base}/fleet", found):
            if self.service.link is not None:
                self.service.link.publish(topic, text, retain=True)

    def _fleet_status(self, error: str | None) -> None:
        if error == self._fleet_error:
            return
        self._fleet_error = error
        status = {"available": error is None, "error": error}
        self.service.publish_retained(f"{self.base}/fleet/status", json.dumps(status))

    async def _poll_loop(self, group: str, interval: float, paths: list[str]) -> None:
        while True:
            started = self.service.clock.monotonic()
            await self.cycle(paths)
            took = self.service.clock.monotonic() - started
            self.cycles[group] += 1
            if took > interval:
                self.late[group] += 1  # the next cycle starts late: the gateway or the bridge is too slow
            await self.service.clock.sleep(max(0.0, interval - took))

    async def cycle(self, paths: list[str]) -> None:
        outcomes = await asyncio.gather(*(self.poll(path) for path in paths if path not in self.health.unserved))
        if not outcomes:
            return
        if any(outcome == "answered" for outcome in outcomes):
            self.health.failed_cycles = 0
            self._set_available(True)
        elif all(outcome == "unreachable" for outcome in outcomes):
            # Offline only when the whole gateway fails, several cycles in a row: one endpoint
            # resetting mid-answer must not flap availability (and re-publish everything each time).
            self.health.failed_cycles += 1
            if self.health.failed_cycles >= self.service.config.bridge.offline_after:
                self._set_available(False, self.offline_why or "no answer")

    async def poll(self, path: str) -> str:
        """Read one endpoint and publish it: "answered", "unreachable" or "failed". Never raises."""
        try:
            return await self._poll(path)
        except Exception as exc:  # a reading nobody foresaw: this reading fails, the others go on
            self.service.count_failure(self, path, exc)
            self._note_error(path, f"{type(exc).__name__}: {exc}"[:300])
            return "failed"

    async def _poll(self, path: str) -> str:
        try:
            if path == "/api/devices/vitals":
                body: Any = await self.gateway.vitals()
            else:
                body = await self.gateway.get_json(path)
        except SitemasterStopped as exc:
            self.health.sitemaster_stopped = True
            self._serves(path, False)
            self._note_error(path, str(exc))
            return "answered"
        except NotServed:
            log.warning("%s: %s is not served by this firmware; no longer polling it", self.gateway.url, path)
            self.health.unserved.add(path)
            self._serves(path, False)
            self._publish_health()
            return "answered"
        except OFFLINE_ERRORS as exc:
            self.health.login = _login_state(exc, self.health.login)
            self.offline_why = str(exc)  # said once, as the gateway's offline_reason, not once per endpoint
            return "unreachable"
        except GatewayError as exc:
            if self.health.errors.get(path) != str(exc):
                log.warning("%s: %s failed: %s", self.gateway.url, path, exc)
            self._note_error(path, str(exc))
            return "answered"
        self._serves(path, True)
        if self.health.login != "logged in" and path != "/api/status":  # every other reading needs the login
            self.health.login = "logged in"
            self._publish_health()
        if self.health.errors.pop(path, None) is not None or (
            path in ("/api/sitemaster", "/api/meters/aggregates") and self.health.sitemaster_stopped
        ):
            self.health.sitemaster_stopped = False
            self._publish_health()
        self.service.publish_reading(self, path, body)
        return "answered"

    def _serves(self, path: str, serving: bool) -> None:
        """Per-reading availability: Home Assistant shows a reading the gateway stopped serving as unavailable."""
        if self._serving.get(path) == serving:
            return
        self._serving[path] = serving
        from .discovery import reading_availability_topic

        self.service.publish_retained(reading_availability_topic(self.base, path), "online" if serving else "offline")

    def _note_error(self, path: str, message: str) -> None:
        if self.health.errors.get(path) != message:
            self.health.errors[path] = message
            self.health.last_error = f"{path}: {message}"
            self._publish_health()

    def _set_available(self, available: bool, why: str = "") -> None:
        if self.health.available == available:
            if not available and why != self.health.offline_reason:
                self.health.offline_reason = why  # still offline, for another reason
                self._publish_health()
            return
        # A recovery publishes only what changed meanwhile: the broker kept every retained value.
        # (After a broker reconnection everything is sent again, as the broker may have lost them.)
        self.health.offline_reason = "" if available else why
        self.health.available = available
        if available:
            log.info("%s (%s): answering; marked online", self.gateway.url, self.id)
        else:
            log.error("%s (%s): %s; marked offline, retrying at the next poll", self.gateway.url, self.id, why)
        self.service.publish_retained(f"{self.base}/availability", "online" if available else "offline")
        self._publish_health()

    def _publish_health(self) -> None:
        self.service.publish_retained(f"{self.base}/health", self.health.to_json())

    # ----------------------------------------------------------------- commands
    def refused(self, command: Command, error: str) -> None:
        """A command of this gateway was refused: the diagnostics say why, and a control that was moved
        shows the real state again at once (once per burst: not while a newer command of it waits)."""
        last = f"{command.name} = {command.value}: {error}"
        if self.health.last_error != last:
            self.health.last_error = last
            self._publish_health()
        if command.name not in self._pending:
            self.service.show_real_state(self, command.name)

    def submit(self, command: Command) -> None:
        refusal = self._refusal(command)
        if refusal:
            self.service.answer(self, command, refusal)
            self.refused(command, refusal)
            return
        superseded = self._pending.pop(command.name, None)
        if superseded is not None:
            # Not a refusal: the newer command decides what the control shows.
            self.service.answer(self, superseded, f"superseded by a newer {command.name} command before it ran")
        self._pending[command.name] = command
        self._wake.set()

    def _refusal(self, command: Command) -> str | None:
        if command.name not in self.config.allow_commands:
            return f"the {command.name} command is not enabled for this gateway (allow_commands / --allow-commands)"
        route, why = self.routes.get(command.name, (None, "no route planned yet"))
        if route is None:
            return f"{command.name} has no route: {why}"
        if command.name == "island" and command.value == "off_grid" and not self.config.allow_island:
            return "going off-grid is separately opt-in (allow_island = true / --allow-island)"
        if command.name == "sitemaster" and command.value == "stop" and not self.config.allow_sitemaster_stop:
            return (
                "stopping the sitemaster is separately opt-in (allow_sitemaster_stop = true / --allow-sitemaster-stop)"
            )
        if self.health.available is False and route != "fleet":
            return "the gateway is offline; commands are never queued to run later"
        return None

    async def _executor(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self._pending:
                wait = self._last_command + self.service.config.command_interval - self.service.clock.monotonic()
                if wait > 0:
                    await self.service.clock.sleep(wait)  # newer values for the same command coalesce meanwhile
                name = next(iter(self._pending))
                command = self._pending.pop(name)
                await self._execute(command)

    async def _execute(self, command: Command) -> None:
        limit = self.service.config.bridge.command_max_age
        age = command.age()
        if age > limit:
            self.expired += 1
            log.warning(
                "%s (%s): %s = %s expired after %.1f s; not run",
                self.gateway.url,
                self.id,
                command.name,
                command.value,
                age,
            )
            self.service.answer(
                self, command, f"expired: {age:.1f} s old when its turn came (limit {limit:g} s, command_max_age)"
            )
            return
        self._last_command = self.service.clock.monotonic()
        route = self.routes[command.name][0]
        if self.health.available is False and route != "fleet":
            refusal = "the gateway is offline; commands are never queued to run later"
            self.service.answer(self, command, refusal)
            self.refused(command, refusal)
            return
        log.info("%s (%s): executing %s = %s over %s", self.gateway.url, self.id, command.name, command.value, route)
        token = PRIORITY.set(True)
        scale = self.service.config.reserve_scale
        try:
            if route == "fleet":
                assert self.fleet is not None
                try:
                    await routes.execute_fleet(self.fleet, command, scale)
                except FleetRateLimited as exc:
                    raise CommandError(f"Tesla's cloud: {exc}") from exc
                except FleetError as exc:
                    raise CommandError(f"Tesla's cloud did not carry it out: {exc}") from exc
            else:
                await commands.execute(self.gateway, command, reserve_scale=scale)
        except CommandError as exc:
            log.error("%s (%s): %s = %s failed: %s", self.gateway.url, self.id, command.name, command.value, exc)
            self.service.answer(self, command, str(exc), route=route)
            self.refused(command, str(exc))
            if route == "local-installer" and self.role != "installer":
                # The installer session ended: the next commands go the way that is left (or say what is missing).
                self.plan_routes()
                self.service.publish_info()
            return
        finally:
            PRIORITY.reset(token)
        self.service.answer(self, command, None, route=route)
        await self.cycle(list(commands.AFFECTS[command.name]))
        if route == "fleet":
            # The cloud passes the change on to the gateway a moment later: read both again then.
            await asyncio.sleep(FLEET_SETTLE)
            await self.cycle(list(commands.AFFECTS[command.name]))
            await self.poll_fleet()


class BridgeService:
    def __init__(
        self,
        config: BridgeConfig,
        *,
        on_connected: list[Callable[[], Awaitable[None]]] | None = None,
        clock: Clock = REAL,
    ) -> None:
        self.config = config
        # One clock for every timer: polls, refresh, command interval, and the connections' backoffs.
        self.clock = clock
        self.prefix = config.mqtt.prefix
        self.plan = poll_plan(config)
        readings = [path for _, paths in self.plan.values() for path in paths]
        self._owned = {path: owned_below(path, readings) for path in readings}
        self._answers: dict[str, Any] = {}
        self.publisher = Publisher(Deadbands.with_overrides(config.deadbands), config.refresh_interval, clock=clock)
        options = ConnectionOptions(
            max_concurrency=config.max_concurrency,
            state_dir=config.state_dir,
            rate_limit_cooldown=config.rate_limit_cooldown,
            timeout=config.request_timeout,
            clock=clock,
        )
        self.fleet_session: FleetSession | None = None
        if config.fleet_account is not None:
            f = config.fleet_account
            assert f.client_id is not None
            self.fleet_session = FleetSession(
                FleetOptions(
                    url=f.url,
                    client_id=f.client_id,
                    refresh_token=f.refresh_token,
                    auth_url=f.auth_url,
                    ca=f.ca,
                    state_file=(config.state_dir or default_state_dir()) / "fleet-tokens.json",
                    command_interval=max(1.0, config.command_interval),
                    timeout=max(config.request_timeout, 10.0),
                )
            )
        self.workers = [
            GatewayWorker(
                self,
                g,
                Gateway(g.url, password=g.password, email=g.email, username=g.username, tls=g.tls, options=options),
            )
            for g in config.gateways
        ]
        self.link: MqttLink | None = None
        self.on_connected = on_connected or []
        self.discovery: Discovery | None = None
        if config.mqtt.discovery:
            state_dir = config.state_dir or default_state_dir()
            self.discovery = Discovery(self, StateFile(state_dir / "discovery.json"))
            self.on_connected.append(self.discovery.on_connected)
        self._command_topic = re.compile(rf"^{re.escape(self.prefix)}/([^/]+)/set/([^/]+)$")
        # MQTT 3.1.1 has no noLocal: our own clearing of a command topic comes back to us.
        self._clearing: Counter[str] = Counter()
        # Supervised tasks that failed and were restarted, and readings that failed unforeseen: by name.
        self.failures: Counter[str] = Counter()
        self.refused_response_topics = 0
        self._probes: set[asyncio.Task[None]] = set()

    # --------------------------------------------------------------- supervision
    async def supervise(self, name: str, worker: GatewayWorker | None, run: Callable[[], Awaitable[None]]) -> None:
        """Run a long-lived task for ever: a failure is logged, counted, shown on health, and it restarts."""
        delay = RESTART_BACKOFF[0]
        while True:
            started = self.clock.monotonic()
            try:
                await run()
                return
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self.count_failure(worker, name, exc)
                if worker is not None:
                    worker._note_error(name, f"{type(exc).__name__}: {exc}"[:300] + "; restarted")
            if self.clock.monotonic() - started > 60:
                delay = RESTART_BACKOFF[0]  # it ran a good while: a fresh failure, not a crash loop
            await self.clock.sleep(delay)
            delay = min(delay * 2, RESTART_BACKOFF[1])

    def count_failure(self, worker: GatewayWorker | None, what: str, exc: BaseException) -> None:
        where = f"{worker.gateway.url} ({worker.id})" if worker is not None else "bridge"
        key = f"{worker.id}: {what}" if worker is not None else what
        first = key not in self.failures
        self.failures[key] += 1
        if first or self.failures[key] % 100 == 0:
            log.error(
                "%s: %s failed (%s, %d times); it goes on",
                where,
                what,
                type(exc).__name__,
                self.failures[key],
                exc_info=exc if first else None,
            )

    @property
    def state_topic(self) -> str:
        return f"{self.prefix}/bridge/state"

    # ------------------------------------------------------------------- output
    def publish_retained(self, topic: str, text: str) -> None:
        self.publisher.remember(topic, text)
        if self.link is not None:
            self.link.publish(topic, text, retain=True)

    def publish_reading(self, worker: GatewayWorker, path: str, body: Any) -> None:
        base = reading_topic(self.prefix, worker.id, path)
        found = list(leaves(body, base))
        gone = self.publisher.vanished(base, [topic for topic, _ in found], self.config.bridge.vanish_grace)
        if gone and self.link is not None:
            log.info("%s (%s): %d values of %s are gone; cleared", worker.gateway.url, worker.id, len(gone), path)
            for topic in gone:
                self.link.publish(topic, b"", retain=True)
        if path == "/api/operation" and isinstance(body, dict):
            # One name for the mode whatever field the firmware uses, and the reserve as the app shows it.
            mode = body.get("real_mode") or body.get("mode")
            if mode is not None:
                found.append((f"{base}/mode", mode))
            reserve = body.get("backup_reserve_percent")
            if isinstance(reserve, int | float):
                found.append((f"{base}/backup_reserve_percent_app", commands.gateway_to_app_reserve(reserve)))
        if path == "/api/system_status" and isinstance(body, dict) and isinstance(body.get("battery_blocks"), list):
            serials = [item_key(block, index) for index, block in enumerate(body["battery_blocks"])]
            if serials != worker.batteries:
                worker.batteries = serials
                if self.discovery is not None and self.link is not None:
                    # One set of entities per battery, as the native integration; only this gateway's device
                    # changes (all of them would be N² work for N gateways, each finding its batteries).
                    self.discovery.publish([worker])
        # The derived mode replaces a firmware's own `mode` field on the same topic (one value per topic).
        found = without_owned(found, base, self._owned.get(path, ()))
        found = [(topic, rounded(value, unit_of(topic))) for topic, value in found]
        changes = self.publisher.changes(base, found)
        self._answers[base] = body  # for the periodic refresh, which sends the newest whole answer
        if self.link is None or not (changes or base not in self.publisher.published or not found):
            return
        # The whole answer goes out with any change, and on its own for answers without leaves ([]).
        whole = dumps(body)
        if not changes and self.publisher.published.get(base) == whole:
            return
        for topic, text in changes:
            self.link.publish(topic, text, retain=True)
        self.publisher.remember(base, whole)
        self.link.publish(base, whole, retain=True)

    def answer(
        self,
        worker: GatewayWorker | None,
        command: Command,
        error: str | None,
        gateway_id: str | None = None,
        *,
        route: str | None = None,
    ) -> None:
        gid = worker.id if worker else gateway_id
        text = dumps(command.answer(error, route))
        if self.link is None:
            return
        self.link.publish(f"{self.prefix}/{gid}/response/{command.name}", text)
        if command.response_topic and self.response_topic_problem(str(gid), command.response_topic) is None:
            self.link.publish(command.response_topic, text, correlation=command.correlation)

    def show_real_state(self, worker: GatewayWorker, command: str) -> None:
        """A refused control shows its real state again at once (it was never changed), not where the user set it."""
        assert self.link is not None
        for leaf in CONTROL_STATE.get(command, ()):
            topic = f"{self.prefix}/{worker.id}/{leaf}"
            text = self.publisher.published.get(topic)
            if text is not None:
                self.link.publish(topic, text, retain=True)

    def response_topic_problem(self, gateway_id: str, topic: str) -> str | None:
        """Why an MQTT 5 response topic is not honoured, or None.

        A response topic is untrusted: honoured only under PREFIX/<this gateway>/response/, where
        nothing reads commands, bridge state or discovery, and only as a plain topic.
        """
        namespace = f"{self.prefix}/{gateway_id}/response/"
        problem = topic_problem(topic)
        if problem is not None:
            return problem
        if len(topic.encode()) > MAX_RESPONSE_TOPIC:
            return f"response topic over {MAX_RESPONSE_TOPIC} bytes"
        if not topic.startswith(namespace) or len(topic) == len(namespace):
            return f"response topics are honoured only under {namespace}…"
        return None

    def info(self) -> str:
        return json.dumps(
            {
                "version": version("powerwall-kit"),
                "gateways": [
                    {
                        "id": w.id,
                        "url": w.gateway.url,
                        "firmware": w.firmware,
                        "commands": w.enabled_commands,
                        "routes": {name: route for name, (route, _) in w.routes.items()},
                        "fleet": w.fleet is not None,
                        "allow_island": w.config.allow_island,
                        "allow_sitemaster_stop": w.config.allow_sitemaster_stop,
                    }
                    for w in self.workers
                ],
                "poll": {
                    group: {"interval": interval, "paths": paths} for group, (interval, paths) in self.plan.items()
                },
                "refresh_interval": self.publisher.refresh_interval,
                "reserve_scale": self.config.reserve_scale,
                "command_route": self.config.command_route,
            }
        )

    # -------------------------------------------------------------------- input
    async def _route(self, inbox: asyncio.Queue[Inbound]) -> None:
        while True:
            message = await inbox.get()
            try:
                await self._handle(message)
            except Exception:
                # One bad message or hook must not silence the bridge: say so, and go on.
                log.exception("failed to handle %s; the bridge keeps running", message.topic or "a (re)connection")

    async def _handle(self, message: Inbound) -> None:
        if message.topic is None:
            await self._connected()
            return
        match = self._command_topic.match(message.topic)
        if match:
            self._command(match.group(1), match.group(2), message)
        elif self.discovery is not None and message.topic == f"{self.config.mqtt.discovery_prefix}/status":
            self.discovery.on_home_assistant(message.payload)

    def publish_info(self) -> None:
        if self.link is not None:
            self.link.publish(f"{self.prefix}/bridge/info", self.info(), retain=True)

    async def _connected(self) -> None:
        """A (re)connection: the broker may have lost everything retained, so send it all again."""
        assert self.link is not None
        self.link.publish(self.state_topic, "online", retain=True)
        self.publish_info()
        for hook in self.on_connected:
            await hook()
        self.republish_state()

    def republish_state(self) -> None:
        """Every retained value again: after a reconnection, or when Home Assistant restarted."""
        assert self.link is not None
        for topic, text in list(self.publisher.published.items()):
            self.link.publish(topic, text, retain=True)

    def _command(self, gateway_id: str, name: str, message: Inbound) -> None:
        assert self.link is not None and message.topic is not None
        worker = next((w for w in self.workers if w.id == gateway_id), None)
        if worker is None:
            # Another bridge's gateway (one broker, several bridges): its bridge answers, not this one.
            log.debug("ignored %s: not a gateway of this bridge", message.topic)
            return
        if not message.payload and self._clearing[message.topic] > 0:
            self._clearing[message.topic] -= 1  # the echo of our own clearing (MQTT 3.1.1)
            return
        if message.retain:
            if not message.payload:
                return  # the broker telling us a retained command was cleared
            log.warning("refused a retained command on %s and cleared it", message.topic)
            refused = Command(name, None, None, message.response_topic, message.correlation)
            self.answer(
                worker,
                refused,
                "retained command messages are never executed (they would run again on every reconnect); cleared",
                gateway_id,
            )
            if not self.link.knows_retain_flag:
                self._clearing[message.topic] += 1  # MQTT 3.1.1 echoes our clearing back: not a command
            self.link.publish(message.topic, b"", retain=True)
            return
        try:
            command = commands.parse(
                name,
                message.payload,
                response_topic=message.response_topic,
                correlation=message.correlation,
                received=message.received or None,
            )
        except CommandError as exc:
            log.warning("refused %s: %s", message.topic, exc)
            partial = exc.command or Command(name, None)
            self.answer(worker, partial, str(exc), gateway_id)
            return
        refusal = self._property_refusal(worker, command)
        if refusal is not None:
            self.refused_response_topics += 1
            log.warning("refused %s: %s", message.topic, refusal)
            self.answer(worker, command, refusal)
            return
        if not self.link.knows_retain_flag:
            # MQTT 3.1.1 hides the retain flag of live messages: ask the broker before running it.
            task = asyncio.create_task(self._unless_retained(worker, command, message))
            self._probes.add(task)
            task.add_done_callback(self._probes.discard)
            return
        worker.submit(command)

    def _property_refusal(self, worker: GatewayWorker, command: Command) -> str | None:
        """MQTT 5 properties are untrusted input: a refused one refuses the command."""
        if command.correlation is not None and len(command.correlation) > MAX_CORRELATION:
            return f"correlation data of {len(command.correlation)} bytes is over the limit of {MAX_CORRELATION}"
        if command.response_topic is not None:
            problem = self.response_topic_problem(worker.id, command.response_topic)
            if problem is not None:
                return f"response topic {command.response_topic[:80]!r} refused: {problem}"
        return None

    async def _unless_retained(self, worker: GatewayWorker, command: Command, message: Inbound) -> None:
        """MQTT 3.1.1: run a command only if the broker holds no retained copy of it."""
        assert self.link is not None and message.topic is not None
        try:
            copies = await self.link.retained_copies(message.topic)
        except Exception as exc:
            self.count_failure(worker, "retained-command check", exc)
            copies = None
        if copies is None:
            self.answer(worker, command, "could not ask the broker whether this command was retained; not run")
            return
        if copies:
            self._clearing[message.topic] += 1
            self.link.publish(message.topic, b"", retain=True)
        if message.payload in copies:
            log.warning("refused a retained command on %s and cleared it", message.topic)
            self.answer(
                worker,
                command,
                "retained command messages are never executed (they would run again on every reconnect); cleared",
            )
            return
        worker.submit(command)

    def stats(self) -> str:
        assert self.link is not None
        return dumps(
            {
                "messages_published": self.link.published,
                "publish_denied": self.link.denied,
                "publish_unacknowledged": self.link.overdue(),
                "not_published": dict(self.link.rejected),
                "failures": dict(self.failures),
                "refused_response_topics": self.refused_response_topics,
                "gateways": {
                    w.id: {
                        "cycles": w.cycles,
                        "late_cycles": w.late,
                        "available": w.health.available,
                        "logins": w.gateway.logins,
                        "expired_commands": w.expired,
                    }
                    for w in self.workers
                },
            }
        )

    async def _refresh(self) -> None:
        """Every value again at each refresh interval, whatever its poll group (slow readings included)."""
        interval = self.publisher.refresh_interval
        if interval <= 0:
            return  # every poll publishes everything
        while True:
            await self.clock.sleep(interval)
            if self.link is not None:
                for base, body in self._answers.items():
                    self.publisher.latest[base] = json.dumps(body)
                for topic, text in self.publisher.refresh():
                    self.link.publish(topic, text, retain=True)

    async def _report(self) -> None:
        """Counters for operators and benchmarks on PREFIX/bridge/stats, not retained."""
        while True:
            await self.clock.sleep(self.config.bridge.stats_interval)
            if self.link is not None:
                self.link.publish(f"{self.prefix}/bridge/stats", self.stats())

    # ---------------------------------------------------------------- lifecycle
    async def run(self, stop: asyncio.Event) -> None:
        await asyncio.gather(*(w.identify() for w in self.workers))
        for worker in self.workers:
            worker.plan_routes()
        ids = [w.id for w in self.workers]
        if len(ids) != len(set(ids)):
            raise ValueError(f"two gateways have the same id {ids}; give each a name")
        inbox: asyncio.Queue[Inbound] = asyncio.Queue()
        self.link = MqttLink(
            self.config.mqtt,
            will_topic=self.state_topic,
            will_payload="offline",
            # Only this bridge's gateways: two bridges on one broker never answer each other's commands.
            subscriptions=[f"{self.prefix}/{w.id}/set/+" for w in self.workers]
            + [f"{self.config.mqtt.discovery_prefix}/status"],
            loop=asyncio.get_running_loop(),
            inbox=inbox,
        )
        self.link.start()
        tasks = [asyncio.create_task(w.run()) for w in self.workers]
        tasks.append(asyncio.create_task(self.supervise("router", None, lambda: self._route(inbox))))
        tasks.append(asyncio.create_task(self.supervise("reporter", None, self._report)))
        tasks.append(asyncio.create_task(self.supervise("refresher", None, self._refresh)))
        try:
            await stop.wait()
        finally:
            for task in [*tasks, *self._probes]:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            last_words = [(self.state_topic, "offline")]
            await asyncio.to_thread(self.link.stop, last_words)
            for worker in self.workers:
                await worker.gateway.aclose()
            if self.fleet_session is not None:
                await self.fleet_session.aclose()
