"""The bridge: gateways polled into MQTT topics, commands from MQTT carried out safely.

The core only routes: readings from :class:`GatewayWorker` go through the
:class:`~.publisher.Publisher` to MQTT; messages from MQTT go to the command
executor of their gateway. One reading travels
``connection → JSON → topics.leaves → publisher.changes → mqtt.publish``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import re
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pwkit.client.clock import REAL, Clock
from pwkit.client.connection import PRIORITY, ConnectionOptions, Gateway
from pwkit.client.errors import NotServed
from pwkit.client.fleet import (
    FleetNotSaved,
    FleetOptions,
    FleetRateLimited,
    FleetSession,
    FleetSite,
    FleetUnavailable,
)
from pwkit.client.redact import bounded, scrub
from pwkit.client.redact import register as redact_secret
from pwkit.client.store import StateFile, default_state_dir
from pwkit.client.tedapi_keys import default_key_path
from pwkit.client.tedapi_transport import TedapiOptions

from . import commands, pwkit_version, routes
from .channel import TedapiChannel
from .commands import Command, CommandError
from .config import BridgeConfig, GatewayConfig
from .control import KEY_ERRORS, Reader, V1rControl, config_settings, expectation, read_back
from .counters import CounterGuard
from .discovery import Discovery
from .heap import collector_stats
from .mqtt import Inbound, MqttLink
from .publisher import Deadbands, Publisher
from .sources import Source
from .sources.fleet import FleetSource
from .sources.rest import RestSource, poll_plan
from .sources.tedapi import TedapiSettings, TedapiSource
from .topics import dumps, item_key, leaves, owned_below, reading_topic, topic_problem, topic_safe, without_owned
from .units import rounded

log = logging.getLogger("pwkit.bridge")
# The state topics a command's control shows (Home Assistant discovery reads the same ones).
CONTROL_STATE: dict[str, tuple[str, ...]] = {
    "mode": ("operation/mode",),
    "reserve": ("operation/backup_reserve_percent", "operation/backup_reserve_percent_app"),
    "island": ("system_status/grid_status/grid_status",),
    "sitemaster": ("sitemaster/running",),
    "grid_charging": ("settings/grid_charging", "fleet/grid_charging"),
    "export": ("settings/export", "fleet/export"),
    "storm_watch": ("fleet/storm_watch",),
}
MAX_CORRELATION = 128  # bytes of MQTT 5 correlation data echoed back; more is refused
MAX_RESPONSE_TOPIC = 256  # bytes
MAX_LEAVES = 2000  # values of one answer published as topics (the largest polled answer on record has ~300)
REFUSAL_LOG_BURST = 10  # refused commands logged per minute; every one is answered
ANSWER_EXPIRY = 60  # seconds a broker keeps an answer for a client that is away (MQTT 5 message expiry)
RESTART_BACKOFF = (1.0, 30.0)  # a supervised task that fails is restarted after 1 s, doubling to 30 s
# Seconds after a Fleet command until the gateway is read again (the cloud relays it to the gateway).
FLEET_SETTLE = 3.0
CLOUD_READ = ("export", "grid_charging", "storm_watch")  # settings whose topics come from the cloud's site_info
KEY_WATCH_INTERVAL = 2.0  # seconds between two looks at the paired key's file (a stat, no request)


def discovery_state(state_dir: Path, bridge_id: str) -> Path:
    """This bridge's discovery state: what it announced, so it removes only its own devices.

    Several bridges share one state directory by default; with one shared file each deleted the other's
    devices at start-up. The file of earlier versions (discovery.json) goes to the first bridge that starts.
    """
    own = state_dir / f"discovery-{bridge_id}.json"
    legacy = state_dir / "discovery.json"
    if not own.exists() and legacy.exists():
        with contextlib.suppress(OSError):  # another bridge took it first, or the directory is read-only
            os.rename(legacy, own)
    return own


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
    fleet: str | None = None  # why the Fleet API route cannot be used now (None: it can, or is not configured)
    # Whole poll cycles in a row in which no reading of the gateway came back.
    failed_cycles: int = 0
    # Lifetime counters read lower than before: topic → {"read", "held"} (counters.CounterGuard).
    counters_held: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Why state the bridge keeps (session, certificate pin, discovery, ids) is not on disk, or None.
    storage: str | None = None

    def to_json(self) -> str:
        return dumps(
            {
                "availability": {True: "online", False: "offline", None: "unknown"}[self.available],
                "offline_reason": bounded(self.offline_reason) or None,
                "sitemaster_stopped": self.sitemaster_stopped,
                "errors": {path: bounded(self.errors[path]) for path in sorted(self.errors)},
                "not_served": sorted(self.unserved),
                "login": self.login,
                "command_route": self.command_route,
                "last_error": bounded(self.last_error) if self.last_error else None,
                "fleet": bounded(self.fleet) if self.fleet else None,
                "counters_held": self.counters_held,
                "storage": bounded(self.storage) if self.storage else None,
            }
        )


class BridgeError(Exception):
    """The bridge cannot run as configured; the message is one line saying what to change."""


class GatewayWorker:
    """One gateway: its poll loops, its availability and its command executor."""

    def __init__(self, service: BridgeService, config: GatewayConfig, gateway: Gateway) -> None:
        self.service = service
        self.config = config
        self.gateway = gateway
        self.id = topic_safe(config.name) if config.name else ""
        self.firmware: str | None = None
        self.health = Health()
        self._health_sent: tuple[str, str] | None = None
        self._pending: dict[str, Command] = {}
        self._wake = asyncio.Event()
        self.expired = 0
        self._last_command = float("-inf")
        self.batteries: list[str] = []  # serials, in the gateway's order: discovery shows one set per battery
        self._serving: dict[str, bool] = {}  # API path → last published per-reading availability
        self.din: str | None = None
        self.why_no_id: str | None = None  # why the gateway has no id yet (bridge/info says it)
        self.fleet: FleetSite | None = None
        # Where the readings come from (sources/): REST always; Fleet with an account; TEDAPI as detected.
        self.rest = RestSource(self, gateway, service.plan)
        self.fleet_source: FleetSource | None = None
        if service.fleet_session is not None:
            self.fleet = FleetSite(service.fleet_session, din=None, site_id=config.fleet_site_id)
            clean = service.fleet_session.clean
            self.fleet_source = FleetSource(self, self.fleet, service.config.fleet.interval, clean)
        self.tedapi: TedapiSource | None = None
        self.tedapi_firmware: str | None = None
        self.channel = TedapiChannel()  # this gateway's TEDAPI, one request at a time: polls and commands alike
        self.settings_from: str | None = None  # where settings/ comes from: "tedapi" (config.json) or "fleet"
        if config.tedapi != "off":
            redact_secret(config.tedapi_password)  # the sticker password: masked in every log line and error text
            settings = TedapiSettings(
                mode=config.tedapi,
                access_point=config.tedapi_url,
                password=config.tedapi_password,
                key=config.tedapi_key,
                intervals=dict(config.tedapi_poll),
                state_dir=service.config.state_dir,
                timeout=service.config.request_timeout,
                tls=config.tls,
                vanish_grace=service.config.bridge.vanish_grace,
            )
            self.tedapi = TedapiSource(self, gateway, settings, connect=service.tedapi_connect, channel=self.channel)
        self.routes: dict[str, tuple[str | None, str | None]] = {}
        self.route_order: dict[str, list[str]] = {}  # each command's routes in the order tried
        # The local-v1r route: a key paired with `pwkit pair`; the file is watched, so pairing needs no restart.
        self.v1r: V1rControl | None = None
        if config.tedapi != "off":
            key_path = config.tedapi_key or default_key_path(service.config.state_dir)
            options = TedapiOptions(
                timeout=service.config.request_timeout, state_dir=service.config.state_dir, clock=service.clock
            )
            self.v1r = V1rControl(gateway, key_path, options, self.channel)
        self._planned_for: tuple[str, str | None] | None = None  # (role, firmware) the routes were planned for

    @property
    def role(self) -> str:
        """The local login's role: what the gateway lets it write."""
        installer = self.config.username == "installer" or self.gateway.has_installer_session
        return "installer" if installer else "customer"

    def plan_routes(self) -> None:
        """Each enabled command's routes (or why it has none), logged at start and whenever they change."""
        setting = self.service.config.command_route
        v1r = self.v1r.unavailable() if self.v1r is not None else "TEDAPI is off for this gateway (tedapi = off)"
        before = dict(self.routes)
        self.routes, self.route_order = {}, {}
        for name in map(str, self.config.allow_commands):
            order, why = routes.plan(
                name,
                setting,
                self.role,
                self.fleet is not None,
                self.gateway.url,
                self.firmware,
                v1r,
                powerwall3=self.rest_restricted,
            )
            self.route_order[name] = order
            self.routes[name] = (order[0], None) if order else (None, why or "no route")
        self._planned_for = (self.role, self.firmware)
        command_route = ", ".join(f"{n}: {r or 'none'}" for n, (r, _) in self.routes.items()) or "none"
        if command_route != self.health.command_route:
            self.health.command_route = command_route
            self._publish_health()
        for name, (route, why) in self.routes.items():
            if before.get(name) == (route, why):
                continue
            if route:
                log.info("%s (%s): command %s runs over %s", self.gateway.url, self.id, name, route)
            else:
                log.warning("%s (%s): command %s cannot run: %s", self.gateway.url, self.id, name, why)

    def route_notes(self) -> dict[str, str]:
        """What bridge/info says beside the routes: storm_watch's cloud-only nature, the paired key's state."""
        notes: dict[str, str] = {n: text for n, text in routes.NO_LOCAL.items() if n in self.config.allow_commands}
        if self.v1r is not None:
            problem = self.v1r.unavailable() or self.v1r.problem
            notes["local-v1r"] = (
                f"{problem}; {routes.pair_setup(self.gateway.url, self.firmware, self.rest_restricted)}"
                if problem
                else f"paired key {self.v1r.key_path}"
            )
        return notes

    async def watch_key(self) -> None:
        """Notice `pwkit pair` (a key file appearing or changing) or its removal while running: routes follow."""
        if self.v1r is None:
            return
        v1r = self.v1r
        first = True
        while True:
            if v1r.key_changed() or first:
                if v1r.stamp.exists:
                    problem = await v1r.probe()
                    if problem:
                        log.warning(
                            "%s (%s): the paired key at %s: %s", self.gateway.url, self.id, v1r.key_path, problem
                        )
                    else:
                        log.info(
                            "%s (%s): paired key at %s works: local-v1r route ready",
                            self.gateway.url,
                            self.id,
                            v1r.key_path,
                        )
                elif not first:
                    log.warning("%s (%s): the paired key at %s is gone", self.gateway.url, self.id, v1r.key_path)
                if not first and self.tedapi is not None:
                    self.tedapi.redetect()  # its transport may change too (v1r first in auto)
                first = False
                self.plan_routes()
                self.service.publish_info()
                if self.service.discovery is not None and self.service.live:
                    self.service.discovery.publish([self])  # controls with a route now (or no longer)
            await self.service.clock.sleep(KEY_WATCH_INTERVAL)

    @property
    def base(self) -> str:
        return f"{self.service.prefix}/{self.id}"

    @property
    def enabled_commands(self) -> list[str]:
        return list(self.config.allow_commands)

    async def identify(self, timeout: float = 10.0) -> bool:
        """The gateway id: the configured name, else the gateway's serial, else the id it had last time.

        True when the id is known. The id never depends on whether the gateway answered at start-up: a
        gateway never identified and down now has no id yet (nothing is published for it) until it answers.
        The serial is the DIN's, from ``/api/status``, or from TEDAPI on a gateway that does not serve it (a
        Powerwall 3): the same id either way.
        """
        try:
            body = await asyncio.wait_for(self.gateway.get_json("/api/status"), timeout)
            if not isinstance(body, dict):
                raise ValueError(f"/api/status answered a JSON {type(body).__name__}, not an object")
        except Exception as exc:  # whatever the gateway answers, the bridge starts
            din, problem = None, str(exc)
            if isinstance(exc, NotServed) and (
                not self.config.name or (self.fleet is not None and self.tedapi is not None)
            ):
                # No /api/status (a Powerwall 3): its DIN over TEDAPI names it, and, named or not, is what
                # finds its site among the Fleet account's sites (no fleet_site_id needed).
                din, problem = await self._din_over_tedapi(timeout)
            if din is None:
                return self._unidentified(problem)
            body = {"din": din}
        self.firmware = str(body.get("version", "")).split(" ")[0] or None
        din = str(body.get("din") or "")
        self.din = din or None
        if self.fleet is not None:
            self.fleet.din = self.din
        if not self.id:
            if din:
                self.id = topic_safe(din.rsplit("--", 1)[-1])
            else:  # it answers, but without a DIN: its address is the only stable name it has
                self.id = topic_safe(self.gateway.host.replace(".", "_").replace(":", "_"))
                log.warning(
                    '%s: the gateway gives no DIN; using %r as its id; set name = "…" to choose one',
                    self.gateway.url,
                    self.id,
                )
        if not self.config.name:
            self.service.remember_id(self.gateway.url, self.id)
        self.why_no_id = None
        return True

    async def _din_over_tedapi(self, timeout: float) -> tuple[str | None, str]:
        """The DIN of a gateway whose REST serves no /api/status, over TEDAPI; else None and why not."""
        missing = "no /api/status on this gateway (a Powerwall 3?)"
        if self.tedapi is None:
            return None, f'{missing} and no TEDAPI configured: set name = "…" or tedapi (--tedapi)'
        try:  # each transport tried has the request timeout: bound the whole
            din, how = await asyncio.wait_for(self.tedapi.read_din(), timeout * 3)
        except TimeoutError:
            return None, f"{missing} and TEDAPI did not read its DIN within {timeout * 3:g} s"
        if din is None:
            return None, f'{missing} and TEDAPI did not read its DIN ({how}); set name = "…" or fix its TEDAPI access'
        log.info("%s: %s; its DIN read over TEDAPI (%s)", self.gateway.url, missing, how)
        return din, how

    def _unidentified(self, problem: str) -> bool:
        """No answer says who the gateway is: the id of last time, if any; log (and bridge/info) say why."""
        if not self.id:
            self.id = self.service.known_ids.get(self.gateway.url) or ""
        if self.id and not self.config.name:
            log.warning(
                "%s: cannot identify the gateway yet (%s); using its id of last time, %r",
                self.gateway.url,
                problem,
                self.id,
            )
        elif not self.id:
            log.warning(
                "%s: cannot identify the gateway yet (%s); publishing nothing for it until it answers%s",
                self.gateway.url,
                problem,
                "" if "name =" in problem else ' (or set name = "…")',
            )
            if problem != self.why_no_id:
                self.why_no_id = problem
                self.service.publish_info()
        else:
            log.warning("%s: cannot identify the gateway yet (%s)", self.gateway.url, problem)
        return bool(self.id)

    async def wait_identity(self) -> None:
        """Ask again, with backoff, until the gateway says who it is."""
        delay = 2.0
        while not await self.identify():
            await self.service.clock.sleep(delay)
            delay = min(delay * 2, 60.0)

    # ------------------------------------------------------------------ sources
    @property
    def sources(self) -> list[Source]:
        return [s for s in (self.rest, self.tedapi, self.fleet_source) if s is not None]

    async def run(self) -> None:
        if not self.id:
            await self.wait_identity()
            if not self.service.join(self):
                return
        # A wrong password behind a session kept from the last run: said now, not when the session expires.
        # Inside the start window: a thousand gateways restarted at once must not log in all at once.
        async with self.start_window:
            await self.gateway.check_password()
        loops = [self.service.supervise(source.name, self, self._after_rest(source)) for source in self.sources]
        loops.append(self.service.supervise("paired key", self, self.watch_key))
        await asyncio.gather(*loops, self.service.supervise("executor", self, self._executor))

    def _after_rest(self, source: Source) -> Callable[[], Awaitable[None]]:
        """The source's loop; TEDAPI's and the cloud's once REST's first cycles are over: a thousand TEDAPI
        detections at once (several transports tried each, on the gateway's own request bound) held the start
        window's REST cycles behind them, and the last gateway's first reading came minutes late."""
        if source is self.rest:
            return source.run

        async def run() -> None:
            await self.rest.started.wait()
            await source.run()

        return run

    # What the sources hand their readings to (sources.Sink).
    @property
    def label(self) -> str:
        return f"{self.gateway.url} ({self.id})"

    @property
    def start_window(self) -> asyncio.Semaphore:
        return self.service.start_window

    @property
    def clock(self) -> Clock:
        return self.service.clock

    @property
    def offline_after(self) -> int:
        return self.service.config.bridge.offline_after

    def check_storage(self) -> None:
        """Say on health when what the bridge keeps cannot be saved (it is kept in memory meanwhile)."""
        problems = [p for p in (self.gateway.storage_problem, self.service.storage_problem) if p]
        # What it means first: a long state path may be cut by the bound on published texts.
        storage = "kept in memory, lost at a restart: " + "; ".join(problems) if problems else None
        if storage != self.health.storage:
            if storage:
                log.warning("%s (%s): %s", self.gateway.url, self.id, storage)
            else:
                log.info("%s (%s): the state directory is writable again", self.gateway.url, self.id)
            self.health.storage = storage
            self._publish_health()

    async def room(self) -> None:
        if self.service.link is not None:
            await self.service.link.room()

    def publish(self, path: str, body: Any, *, source: str) -> None:
        if path == "/api/status" and isinstance(body, dict):
            firmware = str(body.get("version") or "").split(" ")[0] or None
            if firmware and firmware != self.firmware:  # learnt late (the gateway was down at start), or upgraded
                self.firmware = firmware  # TEDAPI is detected again (sources/tedapi.py watches it)
                self.replan_if_changed()
        if path == "tedapi/firmware":
            self._learn_din(((body.get("system") or {}).get("din")) if isinstance(body, dict) else None)
            version = ((body.get("system") or {}).get("version") or {}).get("text") if isinstance(body, dict) else None
            if version and version != self.tedapi_firmware:
                self.tedapi_firmware = str(version)
                if self.firmware is None and self.service.discovery is not None and self.service.live:
                    self.service.discovery.publish([self])  # the device shows the firmware REST does not give
        self.service.publish_reading(self, path, body)
        if path == "tedapi/config":
            self.publish_settings("tedapi", config_settings(body))

    def _learn_din(self, din: Any) -> None:
        """A DIN TEDAPI read later (its firmware query): the Fleet site is then found by it, when it was not
        known at start-up (a named Powerwall 3 whose TEDAPI did not answer then)."""
        if self.din is None and isinstance(din, str) and din:
            self.din = din
            if self.fleet is not None and self.fleet.din is None:
                self.fleet.din = din

    @property
    def rest_restricted(self) -> bool:
        return self.rest.restricted

    @property
    def tedapi_read(self) -> bool:
        """Whether TEDAPI is read for this gateway (a transport answered): its Home Assistant entities exist."""
        return self.tedapi is not None and self.tedapi.reading

    @property
    def tedapi_units(self) -> dict[str, str]:
        """Battery unit serial → kind, from TEDAPI: each its own Home Assistant device."""
        return self.tedapi.units if self.tedapi is not None else {}

    @property
    def tedapi_strings(self) -> list[str]:
        return list(self.tedapi.strings) if self.tedapi is not None else []

    def devices_changed(self) -> None:
        if self.service.discovery is not None and self.service.live:
            self.service.discovery.publish([self])
        self.service.publish_info()

    def info_changed(self) -> None:
        self.service.publish_info()

    def fleet_changed(self, error: str | None) -> None:
        if self.health.fleet != error:
            self.health.fleet = error
            self._publish_health()

    def publish_values(self, group: str, values: dict[str, Any], *, grace: float | None = None) -> None:
        self.service.publish_values(self, group, values, grace=grace)
        if group == "fleet":
            self.publish_settings("fleet", {k: values[k] for k in ("export", "grid_charging") if k in values})

    def publish_settings(self, source: str, values: dict[str, Any]) -> None:
        """``settings/export`` and ``settings/grid_charging``, the controls' state: from config.json while it is
        read over TEDAPI (the gateway's own word, no cloud needed), else from the cloud's site_info."""
        if source == "fleet" and self.settings_from == "tedapi" and self.tedapi_read:
            return  # the cloud lags the gateway (it relays a change later): the gateway's word stands
        self.settings_from = source
        if values:
            self.service.publish_values(self, "settings", values)

    def publish_value(self, topic: str, text: str) -> None:
        self.service.publish_retained(f"{self.base}/{topic}", text)

    def serves(self, path: str, serving: bool) -> None:
        self._serves(path, serving)

    def note_error(self, path: str, message: str | None) -> None:
        if message is None:
            if self.health.errors.pop(path, None) is not None:
                self._publish_health()
            return
        self._note_error(path, message)

    def set_available(self, available: bool, why: str = "") -> None:
        self._set_available(available, why)

    def publish_health(self) -> None:
        self._publish_health()

    def count_failure(self, what: str, exc: BaseException) -> None:
        self.service.count_failure(self, what, exc)

    async def cycle(self, paths: list[str]) -> None:
        """Read these REST paths now (after a command)."""
        await self.rest.cycle(paths)

    def _serves(self, path: str, serving: bool) -> None:
        """Per-reading availability: Home Assistant shows a reading the gateway stopped serving as unavailable."""
        if self._serving.get(path) == serving:
            return
        self._serving[path] = serving
        if path in ("/api/status", "/api/system_status") and not serving:
            self.devices_changed()  # restricted REST (a Powerwall 3): the entities come from TEDAPI instead
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
        sent = (f"{self.base}/health", self.health.to_json())
        if sent != self._health_sent:  # unchanged health is not sent again (the publisher keeps it for reconnects)
            self._health_sent = sent
            self.service.publish_retained(*sent)

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

    def replan_if_changed(self) -> None:
        """Routes follow what changed while the bridge runs: a new installer session (``pwkit login --installer``
        meanwhile), the firmware learnt late. Checked at each command: no restart needed."""
        found = self.gateway.reload_installer_session()
        if found or self._planned_for != (self.role, self.firmware):
            self.plan_routes()
            self.service.publish_info()
            if self.service.discovery is not None and self.service.live:
                self.service.discovery.publish([self])

    def submit(self, command: Command) -> None:
        self.replan_if_changed()
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
                try:
                    await self._execute(command)
                except Exception as exc:  # every command gets an answer, whatever went wrong
                    self.service.count_failure(self, f"command {command.name}", exc)
                    error = f"not carried out: the bridge failed ({type(exc).__name__}: {exc})"[:300]
                    self.service.answer(self, command, error)
                    self.refused(command, error)

    async def _execute(self, command: Command) -> None:
        limit = self.service.config.bridge.command_max_age
        age = command.age(self.service.clock)
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
        first, why = self.routes.get(command.name, (None, "no route planned yet"))
        order = self.route_order.get(command.name) or []
        if first is None or not order:
            refusal = f"{command.name} has no route: {why or 'none planned'}"
            self.service.answer(self, command, refusal)
            self.refused(command, refusal)
            return
        if self.health.available is False and first != "fleet":
            refusal = "the gateway is offline; commands are never queued to run later"
            self.service.answer(self, command, refusal)
            self.refused(command, refusal)
            return
        scale = self.service.config.reserve_scale
        note: str | None = None
        route = first
        for index, route in enumerate(order):
            log.info(
                "%s (%s): executing %s = %s over %s", self.gateway.url, self.id, command.name, command.value, route
            )
            try:
                await self._write(command, route, scale)
            except KEY_ERRORS as exc:
                # Nothing was written: the next configured route takes it, and the answer says why.
                refused = f"the paired key was refused: run pwkit pair {self.gateway.url} (the gateway said: {exc})"
                log.warning("%s (%s): %s = %s: %s", self.gateway.url, self.id, command.name, command.value, refused)
                self.service.publish_info()
                if index + 1 < len(order):
                    note = f"carried out over {order[index + 1]} instead of {route}; {refused}"
                    continue
                error = f"no other route is configured for {command.name}; {refused}"
                self.service.answer(self, command, error, route=route)
                self.refused(command, error)
                return
            except CommandError as exc:
                log.error("%s (%s): %s = %s failed: %s", self.gateway.url, self.id, command.name, command.value, exc)
                self.service.answer(self, command, str(exc), route=route, note=note)
                self.refused(command, str(exc))
                if route.startswith("local-installer") and self.role != "installer":
                    # The installer session ended: the next commands go the way that is left (or say what is missing).
                    self.plan_routes()
                    self.service.publish_info()
                return
            break
        seen, what = await self._read_back(command, route, scale)
        if seen:
            self.service.answer(self, command, None, route=route, verified=True, note=note)
        else:
            limit = self.service.config.bridge.verify_timeout
            if seen is None:
                # Not one read answered: whether the write took effect is unknown, and the answer says so.
                error = f"accepted, but its effect could not be read back within {limit:g} s: {what}"
            else:
                error = f"accepted but not applied after {limit:g} s: {what}"
            log.error(
                "%s (%s): %s = %s over %s: %s", self.gateway.url, self.id, command.name, command.value, route, error
            )
            self.service.answer(self, command, error, route=route, verified=False, note=note)
            self.refused(command, error)
        await self._refresh(command, route)

    async def _write(self, command: Command, route: str, scale: str) -> None:
        """One write over ``route``; never repeated here (the stale-hash case of local-v1r is its own one retry)."""
        token = PRIORITY.set(True)
        try:
            if route == "fleet":
                assert self.fleet is not None and self.fleet_source is not None
                rule = routes.reserve_rule_refusal(command, scale, self.fleet_source.firmware or self.firmware)
                if rule:
                    raise CommandError(rule)
                try:
                    await routes.execute_fleet(self.fleet, command, scale)
                except FleetRateLimited as exc:
                    raise CommandError(f"Tesla's cloud: {self.fleet_source.text(exc)}") from exc
                except Exception as exc:  # every command gets an answer, whatever the cloud sent
                    text = self.fleet_source.text(exc)
                    if isinstance(exc, FleetUnavailable | FleetNotSaved):
                        self.fleet_source.status(text)  # at once, not at the next cloud read
                    raise CommandError(f"Tesla's cloud did not carry it out: {text}") from exc
            elif route == routes.V1R:
                assert self.v1r is not None
                await self.v1r.execute(command, scale)
            else:
                await commands.execute(self.gateway, command, reserve_scale=scale)
        finally:
            PRIORITY.reset(token)

    def _readers(self, command: Command, route: str) -> list[tuple[str, Reader]]:
        """Where the effect of ``command`` over ``route`` is read back, best first."""
        name = command.name
        gateway, v1r, fleet = self.gateway, self.v1r, self.fleet

        def rest(path: str) -> Reader:
            return lambda: gateway.get_json(path)

        async def config() -> Any:
            assert v1r is not None
            return await v1r.read_config()

        async def manual() -> Any:
            assert v1r is not None
            return await v1r.read_manual_backup()

        async def site() -> Any:
            assert fleet is not None
            return await fleet.site_info()

        keyed = v1r is not None and v1r.stamp.exists and not v1r.problem
        local_config: list[tuple[str, Reader]] = [("config", config)] if keyed else []
        cloud: list[tuple[str, Reader]] = [("site_info", site)] if fleet is not None else []
        if name in ("mode", "reserve"):
            if route == routes.V1R:
                return [("config", config)]
            operation: list[tuple[str, Reader]] = (
                [] if self.rest_restricted else [("rest_operation", rest("/api/operation"))]
            )
            return operation + (cloud if route == "fleet" else local_config)
        if name in ("export", "grid_charging"):
            return [("config", config)] if route == routes.V1R else cloud + local_config
        if name == "storm_watch":
            return cloud
        if name == "island":
            return [("grid_status", rest("/api/system_status/grid_status"))]
        if name == "sitemaster":
            return [("sitemaster", rest("/api/sitemaster"))]
        if name == "backup_event":
            return [("backup_events", manual)]
        return []

    async def _read_back(self, command: Command, route: str, scale: str) -> tuple[bool | None, str]:
        readers = self._readers(command, route)
        if not readers:
            return None, "the bridge has no way to read it back"
        cloud = route == "fleet"
        # The command's own reads take its slot, as its write did: behind a gateway's polls (one at a time by
        # default), a read-back that met one 5xx waited out its verify_timeout and a command carried out was
        # answered error (the fault suite's 5 % random 5xx row).
        token = PRIORITY.set(True)
        try:
            return await read_back(
                readers,
                expectation(command, scale),
                clock=self.service.clock,
                deadline=self.service.config.bridge.verify_timeout,
                first=1.0 if cloud else 0.2,  # the cloud passes a command on to the gateway a moment later
                every=3.0 if cloud else 1.0,
            )
        finally:
            PRIORITY.reset(token)

    async def _refresh(self, command: Command, route: str) -> None:
        """The readings a command touches, read again: the topics show the real state, applied or not."""
        await self.cycle(list(commands.AFFECTS[command.name]))
        if self.tedapi is not None and command.name in ("mode", "reserve", "export", "grid_charging"):
            self.tedapi.read_config_soon()
        if self.fleet_source is not None and (route == "fleet" or command.name in CLOUD_READ):
            await self.fleet_source.poll()


# Publications of a refresh (or a republication) awaiting the broker's acknowledgement before it waits for some.
REFRESH_WINDOW = 200
# First poll cycles in flight at once, bridge-wide (a gateway's identify, and the first cycle of each of its poll
# groups, login included, each take one). Unbounded, a thousand gateways started together were a thundering
# herd: a thousand TLS handshakes and logins in the same second, identify timing out at 10 s and backing off.
# Later cycles are bounded per gateway only (max_concurrency): the window spreads their phases already.
START_WINDOW = 24
INFO_INTERVAL = 1.0  # seconds: bridge/info at most this often (a burst of changes goes out once, at its end)
# ...and at most this share of the bridge's time: each bridge/info describes every gateway, so its cost grows with
# them (about 75 ms at 1,000 gateways), and a thousand gateways joining kept it going out every INFO_INTERVAL: 8.5 %
# of the start-up's samples (py-spy, `python -m tests.bench.gateways 1000`). The gap after one is its cost times this.
INFO_COST_FACTOR = 50


class BridgeService:
    def __init__(
        self,
        config: BridgeConfig,
        *,
        on_connected: list[Callable[[], Awaitable[None]]] | None = None,
        clock: Clock = REAL,
        tedapi_connect: Any = None,
    ) -> None:
        self.config = config
        self.tedapi_connect = tedapi_connect  # (transport, url) → Tedapi client; None: the real transports
        self.id = config.bridge_id
        redact_secret(config.mqtt.password)
        # One clock for every timer: polls, refresh, command interval, and the connections' backoffs.
        self.clock = clock
        self.prefix = config.mqtt.prefix
        self.plan = poll_plan(config.poll)
        readings = [path for _, paths in self.plan.values() for path in paths]
        self._owned = {path: owned_below(path, readings) for path in readings}
        # Each answer's newest whole text, for the periodic refresh: text, not the parsed answer, which took
        # five times the memory (tracemalloc: most of a gateway's resident memory, hundreds of KiB each).
        self._answers: dict[str, str] = {}
        self.start_window = asyncio.Semaphore(START_WINDOW)
        self.counters = CounterGuard(clock=clock)
        self.publisher = Publisher(
            Deadbands.with_overrides(config.deadbands),
            config.refresh_interval,
            clock=clock,
            shared_levels=len(config.mqtt.prefix.split("/")) + 1,  # PREFIX/<gw>/…: the rest is the same everywhere
        )
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
            if f.interval < 300:
                log.warning(
                    "fleet.interval = %g s reads Tesla's cloud more often than its per-site limit of one data "
                    "request per 5 minutes, and every request is billed",
                    f.interval,
                )
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
                    clock=clock,
                )
            )
        self.workers = [
            GatewayWorker(
                self,
                g,
                Gateway(
                    g.url,
                    password=g.password,
                    email=g.email,
                    username=g.username,
                    tls=g.tls,
                    options=options,
                    password_source=g.password_source,
                ),
            )
            for g in config.gateways
        ]
        self.link: MqttLink | None = None
        self.on_connected = on_connected or []
        self.discovery: Discovery | None = None
        if config.mqtt.discovery:
            state_dir = config.state_dir or default_state_dir()
            self.discovery = Discovery(self, StateFile(discovery_state(state_dir, self.id)))
            self.on_connected.append(self.discovery.on_connected)
        self._command_topic = re.compile(rf"^{re.escape(self.prefix)}/([^/]+)/set/([^/]+)$")
        # MQTT 3.1.1 has no noLocal: our own clearing of a command topic comes back to us.
        self._clearing: Counter[str] = Counter()
        # Supervised tasks that failed and were restarted, and readings that failed unforeseen: by name.
        self.failures: Counter[str] = Counter()
        self.refused_response_topics = 0
        self._probes: set[asyncio.Task[None]] = set()
        self._ids = StateFile((config.state_dir or default_state_dir()) / "gateway-ids.json")
        self._announced = False  # bridge/state said online: readings may follow
        self._info_sent = float("-inf")  # when bridge/info last went out (time.monotonic)
        self._info_gap = INFO_INTERVAL  # seconds before the next may go out: INFO_INTERVAL, or more where it is dear
        self._info_later: asyncio.TimerHandle | None = None
        self._refusal_window: list[float] = [float("-inf"), 0, 0]  # minute started, lines logged, lines left out

    # ------------------------------------------------------------------ identity
    @property
    def known_ids(self) -> dict[str, str]:
        """Gateway address → the id it had last time (the state directory's gateway-ids.json)."""
        saved = self._ids.load()
        return {url: gid for url, gid in saved.items() if isinstance(gid, str) and gid}

    def remember_id(self, url: str, gateway_id: str) -> None:
        if self.known_ids.get(url) == gateway_id:
            return
        problem = self._ids.try_update({url: gateway_id})
        if problem is not None:
            log.warning("%s: %s; a restart while it is down waits for it again", url, problem)

    @property
    def storage_problem(self) -> str | None:
        """Why the bridge's own state (discovery) is not on disk, or None."""
        return self.discovery.unsaved if self.discovery is not None else None

    def join(self, worker: GatewayWorker) -> bool:
        """A gateway identified after start-up: its commands, its device and its place in bridge/info."""
        other = next((w for w in self.workers if w is not worker and w.id == worker.id), None)
        if other is not None:
            log.error(
                '%s has the same id %r as %s; it is not bridged: give each its own name = "…"',
                worker.gateway.url,
                worker.id,
                other.gateway.url,
            )
            worker.id = ""
            return False
        worker.plan_routes()
        if self.link is not None:
            self.link.subscribe(f"{self.prefix}/{worker.id}/set/+")
            if self.discovery is not None and self._announced:
                self.discovery.publish([worker])
        self.publish_info()
        return True

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
    def bridge_base(self) -> str:
        """This bridge's own topics (state, info, stats): several bridges on one broker never share them."""
        return f"{self.prefix}/bridge/{self.id}"

    @property
    def state_topic(self) -> str:
        return f"{self.bridge_base}/state"

    # ------------------------------------------------------------------- output
    @property
    def live(self) -> bool:
        """Whether values go out as they come: only after bridge/state said online. Before, they are kept,
        and the announcement sends each once (readings follow `online`, and nothing is sent twice)."""
        return self.link is not None and self._announced

    def publish_retained(self, topic: str, text: str) -> None:
        text = scrub(text)  # health and status carry error texts, which can echo a request
        self.publisher.remember(topic, text)
        if self.live:
            assert self.link is not None
            self.link.publish(topic, text, retain=True)

    def publish_reading(self, worker: GatewayWorker, path: str, body: Any) -> None:
        base = reading_topic(self.prefix, worker.id, path)
        found = leaves(body, base, MAX_LEAVES)
        capped = f"{path} (values)"  # its own key: the reading's error is cleared at each good answer
        if len(found) > MAX_LEAVES:
            # A gateway answering megabytes must not become tens of thousands of retained messages.
            found = found[:MAX_LEAVES]
            worker._note_error(
                capped,
                f"the answer has more than {MAX_LEAVES} values; only the first {MAX_LEAVES} are published as "
                "topics (the whole answer is on its own topic)",
            )
        elif worker.health.errors.pop(capped, None) is not None:
            worker._publish_health()
        gone = self.publisher.vanished(base, [topic for topic, _ in found], self.config.bridge.vanish_grace)
        if gone and self.live:
            assert self.link is not None
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
                if self.discovery is not None and self.live:
                    # One set of entities per battery, as the native integration; only this gateway's device
                    # changes (all of them would be N² work for N gateways, each finding its batteries).
                    self.discovery.publish([worker])
        # The derived mode replaces a firmware's own `mode` field on the same topic (one value per topic).
        found = without_owned(found, base, self._owned.get(path, ()))
        found = self._guarded(worker, found)
        body = self.counters.guarded_body(body, base, self._answers.get(base))  # nor the whole answer's JSON
        changes = self.publisher.changes(base, found)
        whole = dumps(body)
        self._answers[base] = whole  # for the periodic refresh, which sends the newest whole answer
        if not (changes or base not in self.publisher.published or not found):
            return
        # The whole answer goes out with any change, and on its own for answers without leaves ([]).
        if not changes and self.publisher.published.get(base) == whole:
            return
        self.publisher.remember(base, whole)
        if not self.live:
            return  # sent with everything else when bridge/state says online
        assert self.link is not None
        for topic, text in changes:
            self.link.publish(topic, text, retain=True)
        self.link.publish(base, whole, retain=True)

    def publish_values(
        self, worker: GatewayWorker, group: str, values: dict[str, Any], *, grace: float | None = None
    ) -> None:
        """Values a source derived, below ``<gw>/<group>/``: rounded, guarded, on change; vanished ones cleared."""
        base = f"{self.prefix}/{worker.id}/{group}"
        found = self._guarded(worker, [(f"{base}/{key}", value) for key, value in values.items()])
        limit = self.config.bridge.vanish_grace if grace is None else grace
        gone = self.publisher.vanished(base, [topic for topic, _ in found], limit)
        changes = self.publisher.changes(base, found)
        if not self.live:
            return  # sent with everything else when bridge/state says online
        assert self.link is not None
        for topic in gone:
            self.link.publish(topic, b"", retain=True)
        for topic, text in changes:
            self.link.publish(topic, text, retain=True)

    def _guarded(self, worker: GatewayWorker, found: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        """Each value rounded to its unit; and lifetime counters never go backwards on MQTT: a drop is held at
        the last good value and flagged. One rule lookup per value serves both."""
        rule, counters = self.publisher.rule, self.counters
        cut = len(self.prefix) + len(worker.id) + 2  # PREFIX/<gw>/: what follows names the rule (shared_levels)
        out = []
        for topic, value in found:
            if isinstance(value, int | float) and not isinstance(value, bool):  # nothing else is rounded or held
                unit, _, counter = rule(topic, topic[cut:])
                value = rounded(value, unit)
                if counter:
                    value = counters.check(topic, value, counter)
            out.append((topic, value))
        held = self.counters.held_below(f"{self.prefix}/{worker.id}/")
        if held != worker.health.counters_held:
            for topic in sorted(set(held) - set(worker.health.counters_held)):
                log.warning(
                    "%s: the lifetime counter %s went backwards (read %s, last good %s); held at its last good "
                    "value so that energy dashboards count no false consumption",
                    worker.label,
                    topic,
                    held[topic]["read"],
                    held[topic]["held"],
                )
            worker.health.counters_held = held
            worker.publish_health()
        return out

    def answer(
        self,
        worker: GatewayWorker | None,
        command: Command,
        error: str | None,
        gateway_id: str | None = None,
        *,
        route: str | None = None,
        verified: bool | None = None,
        note: str | None = None,
    ) -> None:
        gid = worker.id if worker else gateway_id
        text = dumps(
            command.answer(bounded(error) if error else None, route, verified, bounded(note) if note else None)
        )
        if self.link is None:
            return
        self.link.publish(f"{self.prefix}/{gid}/response/{command.name}", text, expiry=ANSWER_EXPIRY)
        if command.response_topic and self.response_topic_problem(str(gid), command.response_topic) is None:
            correlation = command.correlation
            if correlation is not None and len(correlation) > MAX_CORRELATION:
                correlation = None  # refused for its size: not echoed back either
            self.link.publish(command.response_topic, text, correlation=correlation, expiry=ANSWER_EXPIRY)

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
                "version": pwkit_version(),
                "bridge": self.id,
                "gateways": [
                    {
                        "id": w.id,
                        "url": w.gateway.url,
                        "firmware": w.firmware or w.tedapi_firmware,
                        "commands": w.enabled_commands,
                        "routes": {name: route for name, (route, _) in w.routes.items()},
                        "route_order": dict(w.route_order),
                        "route_notes": w.route_notes(),
                        "fleet": w.fleet is not None,
                        "allow_island": w.config.allow_island,
                        "allow_sitemaster_stop": w.config.allow_sitemaster_stop,
                        "sources": {source.name: source.info() for source in w.sources},
                    }
                    for w in self.workers
                    if w.id
                ],
                # Gateways not identified yet (nothing is published for them), and why.
                "unidentified": [
                    {"url": w.gateway.url, "why": scrub(w.why_no_id or "not answered yet")}
                    for w in self.workers
                    if not w.id
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

    def publish_info(self, *, announcing: bool = False) -> None:
        """bridge/info now, or once the gap after the last one is over (INFO_INTERVAL, or INFO_COST_FACTOR times
        what the last one took): it describes every gateway, and each of a thousand gateways joining asked for it
        (O(N²): about 75 ms a time at 1,000)."""
        if self.link is None or not (self.live or announcing):
            return
        now = time.monotonic()
        try:
            loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:  # outside the bridge's loop (a tool, a test): nothing to wait with
            loop = None
        if announcing or loop is None or now - self._info_sent >= self._info_gap:
            self._info_sent = now
            self.link.publish(f"{self.bridge_base}/info", self.info(), retain=True)
            self._info_gap = max(INFO_INTERVAL, (time.monotonic() - now) * INFO_COST_FACTOR)
        elif self._info_later is None:

            def later() -> None:
                self._info_later = None
                self.publish_info()

            self._info_later = loop.call_later(self._info_sent + self._info_gap - now, later)

    async def _connected(self) -> None:
        """A (re)connection: the broker may have lost everything retained, so send it all again."""
        assert self.link is not None
        self.link.publish(self.state_topic, "online", retain=True)
        self.publish_info(announcing=True)
        for hook in self.on_connected:
            await hook()
        self._announced = True
        await self.republish_state()

    async def republish_state(self) -> None:
        """Every retained value again: after a reconnection, or when Home Assistant restarted."""
        await self._publish_windowed(self.publisher.published.items())

    async def _publish_windowed(self, messages: Iterable[tuple[str, str]]) -> None:
        """Publish ``messages`` (retained) a window at a time: queued all at once, a refresh of many gateways
        held every message (and its paho bookkeeping) in memory until acknowledged, raising the RSS at each
        refresh (tracemalloc: tests/bench/soak_trace.py), and past paho's queue limit dropped the rest."""
        for topic, text in messages:
            if self.link is None:
                return
            self.link.publish(topic, text, retain=True)
            if getattr(self.link, "backlog", 0) >= REFRESH_WINDOW:
                await self.link.drain(REFRESH_WINDOW // 2)

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
            self.log_refusal("refused a retained command on %s and cleared it", message.topic)
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
                received=self._arrival(message.received),
            )
        except CommandError as exc:
            self.log_refusal("refused %s: %s", message.topic, exc)
            partial = exc.command or Command(name, None)
            self.answer(worker, partial, str(exc), gateway_id)
            return
        refusal = self._property_refusal(worker, command)
        if refusal is not None:
            self.refused_response_topics += 1
            self.log_refusal("refused %s: %s", message.topic, refusal)
            self.answer(worker, command, refusal)
            return
        if not self.link.knows_retain_flag:
            # MQTT 3.1.1 hides the retain flag of live messages: ask the broker before running it.
            task = asyncio.create_task(self._unless_retained(worker, command, message))
            self._probes.add(task)
            task.add_done_callback(self._probes.discard)
            return
        worker.submit(command)

    def log_refusal(self, message: str, *args: Any) -> None:
        """A refused command, logged; a flood of them is not (each is still answered): at most
        REFUSAL_LOG_BURST lines a minute, then one line saying how many were left out."""
        now = self.clock.monotonic()
        if now - self._refusal_window[0] >= 60.0:
            if self._refusal_window[2]:
                log.warning("%d more refused commands in the last minute were not logged", self._refusal_window[2])
            self._refusal_window = [now, 0, 0]
        if self._refusal_window[1] < REFUSAL_LOG_BURST:
            self._refusal_window[1] += 1
            log.warning(message, *args)
        else:
            self._refusal_window[2] += 1

    def _arrival(self, stamped: float) -> float:
        """When a command arrived, on the bridge's clock.

        The MQTT link stamps arrival on the machine's monotonic clock, in its own thread (a burst waits
        in the inbox); the time it waited there is carried over to the bridge's clock, which the age
        check reads (the same clock in production, a simulated one in tests).
        """
        now = self.clock.monotonic()
        if not stamped:
            return now
        return now - max(0.0, time.monotonic() - stamped)

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
            self.log_refusal("refused a retained command on %s and cleared it", message.topic)
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
                "answers_waited_for_the_broker": self.link.room_waits,
                "not_published": dict(self.link.rejected),
                "failures": dict(self.failures),
                "refused_response_topics": self.refused_response_topics,
                "garbage_collector": collector_stats(),
                "gateways": {
                    w.id: {
                        "cycles": w.rest.cycles,
                        "late_cycles": w.rest.late,
                        "available": w.health.available,
                        "logins": w.gateway.logins,
                        "expired_commands": w.expired,
                    }
                    for w in self.workers
                    if w.id
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
                for base, whole in self._answers.items():  # as published: NaN is null, never bare NaN
                    self.publisher.stage(base, whole)
                await self._publish_windowed(self.publisher.refresh())

    async def _report(self) -> None:
        """Counters for operators and benchmarks on PREFIX/bridge/ID/stats, not retained."""
        while True:
            await self.clock.sleep(self.config.bridge.stats_interval)
            if self.live:
                assert self.link is not None
                self.link.publish(f"{self.bridge_base}/stats", self.stats())

    # ---------------------------------------------------------------- lifecycle
    async def _identify(self, worker: GatewayWorker) -> bool:
        async with self.start_window:
            return await worker.identify()

    async def run(self, stop: asyncio.Event) -> None:
        await asyncio.gather(*(self._identify(w) for w in self.workers))
        ready = [w for w in self.workers if w.id]
        for worker in ready:
            worker.plan_routes()
        ids = [w.id for w in ready]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            urls = [w.gateway.url for w in ready if w.id in duplicates]
            raise BridgeError(
                f"gateways {', '.join(urls)} have the same id {duplicates[0]!r}; "
                'give each its own name = "…" in its [[gateway]] section'
            )
        inbox: asyncio.Queue[Inbound] = asyncio.Queue()
        self.link = MqttLink(
            self.config.mqtt,
            will_topic=self.state_topic,
            will_payload="offline",
            # Only this bridge's gateways: two bridges on one broker never answer each other's commands.
            subscriptions=[f"{self.prefix}/{w.id}/set/+" for w in ready]
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
            if self._info_later is not None:
                self._info_later.cancel()
            for task in [*tasks, *self._probes]:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            if self.discovery is not None:
                self.discovery.flush()
            last_words = [(self.state_topic, "offline")]
            await asyncio.to_thread(self.link.stop, last_words)
            for worker in self.workers:
                if worker.tedapi is not None:
                    await worker.tedapi.aclose()
                await worker.gateway.aclose()
            if self.fleet_session is not None:
                await self.fleet_session.aclose()
