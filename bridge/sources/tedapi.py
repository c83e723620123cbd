"""TEDAPI, the gateway's second local API: per-pack, PV string, inverter, temperature, alert and island readings.

**Which transport** (:meth:`TedapiSource.detect`, at start-up and again after a
firmware change or a lost transport): ``--tedapi auto`` tries, in order, v1r
(a key paired with ``pwkit pair`` exists), basic on the gateway's own address
(firmware before 25.10), basic on the access point (the sticker password is
given), then bearer (a customer login and ``AuthEnvelope``); the first that
reads the DIN and answers a query wins, and ``bridge/info`` says which and why
the others were not used. On firmware before 23.44 auto stays off: the REST
vitals carry the same readings (23.44 removed them). A fixed ``--tedapi basic|bearer|v1r`` uses
only that.

**The poll budget** (never harm the gateway):
- one request at a time per gateway: one loop reads one query after the other,
  and every request (the commands' too) takes its turn on the gateway's
  :class:`~pwkit.bridge.channel.TedapiChannel`, a waiting command first;
- each query has its interval (:data:`QUERY_INTERVALS`; the owner may only
  lengthen it, ``tedapi_poll``);
- a ``429``/``503`` pauses every TEDAPI request to this gateway for 300 s
  (the client's pause; REST readings go on meanwhile);
- an error doubles that query's interval, up to :data:`MAX_SLOWDOWN` times; a
  success halves it back.

**Truthful availability**: ``availability/tedapi/<query>`` is online while the
query is answered, and goes offline when it is refused, paused, or the
transport is lost; each battery unit has ``availability/tedapi/units/<serial>``,
offline as soon as a read no longer names it, and the unit is forgotten (its
Home Assistant device removed) after the bridge's vanish grace.

**Followers** (more Powerwall 3s behind a leader, config.json's other
``battery_blocks``): v1r reaches only the leader (its ``TIMEOUT`` for a
follower's DIN), so a follower's components are read over the access point's
basic path, as pypowerwall does (``get_pw3_vitals``: a follower over its Wi-Fi
session, the leader over v1r); over basic the leader's own client reaches it.
Each follower is two more queries in the same loop (one request at a time per
gateway): its components every :data:`QUERY_INTERVALS` ``components`` seconds
and its packs' health (Compliance) hourly, slowed down on errors like the
others, published under ``tedapi/followers/<serial>/components`` and ``…/compliance``.
Its packs are units of their own; its strings are ``strings/<serial>_<A–F>``.
When it cannot be read, ``availability/tedapi/followers/<serial>/components``
and its units' availability go offline, ``bridge/info`` says why, and the
leader's readings go on; its units stay (unavailable) while config.json lists it.

**Alerts**: each alert's ``tedapi/alerts/<name>`` appears (``on``) when first
seen, reads ``off`` as soon as it ends, and is cleared after the vanish grace
unless it comes back meanwhile (as a unit that disappears).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pwkit.client.connection import Gateway
from pwkit.client.errors import (
    AccessPointUnreachable,
    AuthRefused,
    FollowerNotReachable,
    GatewayError,
    KeyFileError,
    KeyPendingVerification,
    QueryRefused,
    QuerySigningKeysRotated,
    RateLimited,
    UnknownKey,
    Unreachable,
)
from pwkit.client.tedapi import ROTATED, Tedapi
from pwkit.client.tedapi_keys import default_key_path, load_key
from pwkit.client.tedapi_transport import WIFI_URL, TedapiOptions
from pwkit.client.tls import TlsOptions

from ..channel import TedapiChannel
from . import Sink
from . import tedapi_readings as meaning

log = logging.getLogger("pwkit.bridge")

# Seconds between two reads of each query, at least. DeviceController carries the live status (islanding,
# meters, alerts, a PW2's packs and strings); components a PW3's; config, compliance and firmware barely change.
# pypowerwall's proxy reads TEDAPI at most every 5 s per query (its cache) and config every 5 min; we read
# live data at a third of that rate: 4 requests a minute at most for a PW3, 2 for a PW2.
QUERY_INTERVALS: dict[str, float] = {
    "device_controller": 15.0,
    "components": 30.0,
    "config": 300.0,
    "compliance": 3600.0,
    "firmware": 3600.0,
}
# Signals asked of a Powerwall 3 beyond the captured query's defaults (the variables are the client's choice; the
# signature covers only the query text): the temperatures pypowerwall 0.22.2 asks for (queries EXTRA_SIGNAL_NAMES).
EXTRA_SIGNALS = {
    "pchSignalNames": ("PCH_AmbientTemp", "PCH_heatsinkTemp"),
    "hvpSignalNames": ("HVP_PackTempMax", "HVP_PackTempMin", "HVP_ShuntTemperature"),
    "bmsSignalNames": ("BMS_LOG_tempOutOfBounds", "BMS_LOG_tempOutOfBoundsCharge"),
}
MAX_SLOWDOWN = 8  # an erring query is read at most 8x less often
RETRY_DETECTION = 600.0  # seconds before a gateway that offered no TEDAPI transport is asked again
ROTATED_PAUSE = 3600.0  # every query refused: Tesla rotated the signing keys; asking often does not help
SIGNED_QUERIES = ("device_controller", "components", "compliance")  # Tesla-signed GraphQL; config/firmware are not
DERIVED_GROUPS = ("site", "island", "meters", "strings", "inverters", "units", "battery_health")
TRANSPORT_LOST = (AccessPointUnreachable, Unreachable, UnknownKey, KeyPendingVerification, AuthRefused)
FIRST_FIRMWARE_WITHOUT_VITALS = (23, 44)  # the REST vitals answer 404 from 23.44 on (FACTS, firmware drift)


def firmware_tuple(version: str | None) -> tuple[int, ...] | None:
    numbers = re.findall(r"\d+", (version or "").split(" ")[0])
    return tuple(int(n) for n in numbers[:3]) if numbers else None


class TedapiSink(Sink, Protocol):
    @property
    def firmware(self) -> str | None: ...

    @property
    def rest_restricted(self) -> bool:
        """Whether the gateway's REST answers only the restricted set (a Powerwall 3)."""
        ...

    def info_changed(self) -> None:
        """What bridge/info says about this source changed (a transport chosen or lost)."""
        ...

    def devices_changed(self) -> None:
        """The battery units or PV strings changed (``units``, ``strings``): Home Assistant devices follow."""
        ...

    def count_failure(self, what: str, exc: BaseException) -> None: ...


@dataclass
class TedapiSettings:
    """The gateway's TEDAPI settings (from GatewayConfig)."""

    mode: str = "auto"  # off | auto | basic | bearer | v1r
    access_point: str = WIFI_URL
    password: str = field(default="", repr=False)
    key: Path | None = None
    intervals: dict[str, float] = field(default_factory=dict)
    state_dir: Path | None = None
    timeout: float = 10.0
    tls: TlsOptions | None = None
    vanish_grace: float = 600.0


@dataclass
class Query:
    name: str
    interval: float
    slowdown: int = 1
    due: float = 0.0
    ok: bool | None = None

    @property
    def path(self) -> str:
        return f"tedapi/{self.name}"


@dataclass
class Follower:
    """A follower Powerwall 3: its DIN, its two queries (``followers/<serial>/components`` and ``…/compliance``),
    why it is not read, its units (in its components answer's order)."""

    din: str
    query: Query
    health: Query
    why: str | None = None  # None while its components are answered
    via: str | None = None  # "basic at <url>" once chosen
    units: list[str] = field(default_factory=list)

    @property
    def serial(self) -> str:
        return self.query.name.split("/")[1]

    @property
    def queries(self) -> tuple[Query, Query]:
        return self.query, self.health


Connect = Callable[[str, str], Tedapi]  # (transport, url) → client; tests and benches may give their own


class TedapiSource:
    name = "tedapi"

    def __init__(
        self,
        sink: TedapiSink,
        gateway: Gateway,
        settings: TedapiSettings,
        connect: Connect | None = None,
        channel: TedapiChannel | None = None,
    ) -> None:
        self.sink = sink
        self.channel = channel or TedapiChannel()  # shared with the gateway's commands (control.py)
        self.gateway = gateway
        self.settings = settings
        self.connect = connect or self._connect
        self.client: Tedapi | None = None
        self.transport: str | None = None
        self.why = "not detected yet"
        # Whether TEDAPI is read for this gateway: a transport answered (it stays so while a lost transport is
        # detected again, so that its entities show unavailable rather than vanish). Home Assistant gets TEDAPI
        # entities only then: one following a query never read would stay unavailable for ever.
        self.reading = False
        self.tried: dict[str, str] = {}
        self.queries = {
            name: Query(name, max(interval, settings.intervals.get(name, interval)))
            for name, interval in QUERY_INTERVALS.items()
        }
        self.requests = 0  # TEDAPI reads asked of the gateway (answered or not)
        self.paused_until = 0.0
        self._detected_for: str | None = None
        self._retry_detection_at = 0.0
        # After a transport that worked is lost, the wait before asking again: it doubles with each detection
        # that finds nothing, up to RETRY_DETECTION (an access point that drops for a minute is found again
        # within a minute or two, not ten; one that stays away is asked every ten minutes). None: never lost.
        self._lost_wait: float | None = None
        self._expansions: list[str] = []
        self._units: dict[str, str] = {}  # serial → kind, as Home Assistant shows them
        self.strings: list[str] = []  # the PV strings the gateway reports (A–F)
        self._unit_seen: dict[str, float] = {}
        self._alerts: dict[str, bool] = {}  # every alert name seen → active now
        self._values: dict[str, dict[str, Any]] = {}  # query → its derived values (merged for publication)
        self._alert_sources: dict[str, set[str]] = {}  # query → the alerts it names
        self._groups: set[str] = set()  # derived groups published so far
        self._pw3 = False
        self._firmware_seen: str | None = None
        self._refused: set[str] = set()  # signed queries refused since a signed query was last answered
        self._redetect = False
        self.din: str | None = None  # the leader's DIN, as the chosen transport read it
        self.followers: dict[str, Follower] = {}  # DIN → follower, from config.json
        self._wifi: Tedapi | None = None  # the access point's basic client: followers of a leader not on basic
        self._leader_packs: list[str] = []  # the leader's packs in its components answer's order (for Compliance)
        self._alert_ended: dict[str, float] = {}  # alert → when it ended (cleared after the vanish grace)

    # ------------------------------------------------------------------ info
    def info(self) -> dict[str, Any]:
        return {
            "transport": self.transport,
            "why": self.why,
            "tried": self.tried,
            "poll": {
                q.name: {"interval": q.interval, "slowdown": q.slowdown}
                for q in self.queries.values()
                if self._wanted(q.name)
            },
            "paused_for": max(0.0, round(self.paused_until - self.sink.clock.monotonic(), 1)) or None,
            "requests": self.requests,
            "followers": {
                f.serial: {"din": f.din, "via": f.via, "reachable": f.query.ok, "why": f.why}
                for f in self.followers.values()
            },
        }

    @property
    def units(self) -> dict[str, str]:
        return dict(self._units)

    def redetect(self) -> None:
        """Choose the transport again at the next turn (a key was paired or removed)."""
        self._redetect = True
        self._retry_detection_at = 0.0

    def read_config_soon(self) -> None:
        """Read config.json at the next turn (a command changed it): its readings show the real state."""
        self.queries["config"].due = 0.0

    # ------------------------------------------------------------------ detection
    def _connect(self, transport: str, url: str) -> Tedapi:
        options = TedapiOptions(timeout=self.settings.timeout, state_dir=self.settings.state_dir, clock=self.sink.clock)
        if transport == "basic":
            return Tedapi.wifi(url, password=self.settings.password, tls=self.settings.tls, options=options)
        if transport == "bearer":
            return Tedapi.bearer(self.gateway, options=options)
        key = load_key(self.settings.key or default_key_path(self.settings.state_dir))
        return Tedapi.v1r(self.gateway, key, options=options)

    def candidates(self) -> list[tuple[str, str]]:
        """(transport, URL) in the order to try, with why the others are not tried recorded in ``tried``."""
        mode, s = self.settings.mode, self.settings
        if mode == "basic":
            return [("basic", s.access_point)]
        if mode in ("bearer", "v1r"):
            return [(mode, self.gateway.url)]
        out: list[tuple[str, str]] = []
        key = s.key or default_key_path(s.state_dir)
        if key.exists():
            out.append(("v1r", self.gateway.url))
        else:
            self.tried["v1r"] = f"no paired key at {key} (pwkit pair {self.gateway.url})"
        if s.password:
            out.append(("basic", self.gateway.url))
            if s.access_point.rstrip("/") != self.gateway.url.rstrip("/"):
                out.append(("basic", s.access_point))
        else:
            self.tried["basic"] = "no sticker password (PWKIT_TEDAPI_PASSWORD or tedapi_password_file)"
        out.append(("bearer", self.gateway.url))
        return out

    async def detect(self) -> None:
        """Choose the transport this gateway answers, or none (and say why)."""
        await self._drop_client()
        self.tried = {}
        firmware = self.sink.firmware
        self._detected_for = firmware
        version = firmware_tuple(firmware)
        if self.settings.mode == "auto" and version is not None and version[:2] < FIRST_FIRMWARE_WITHOUT_VITALS:
            self.why = f"firmware {firmware} still serves the vitals over REST (TEDAPI is read from 23.44 on)"
            self.transport = None
            self._set_reading(False)
            self.sink.info_changed()
            return
        for transport, url in self.candidates():
            try:
                client = self.connect(transport, url)
            except (KeyFileError, ValueError) as exc:
                self.tried[f"{transport} {url}"] = str(exc)
                continue
            try:
                self.requests += 1
                async with self.channel.turn():
                    din = await client.din()
                self.requests += 1
                async with self.channel.turn():
                    answer = await client.device_controller()
            except RateLimited as exc:
                self._pause(exc.retry_at, str(exc))
                self.tried[f"{transport} {url}"] = str(exc)
                await self._close(client)
                break
            except Exception as exc:  # whatever this transport says, the next one is tried
                self.tried[f"{transport} {url}"] = _short(exc)
                await self._close(client)
                continue
            self.client, self.transport, self.din = client, transport, din
            self._lost_wait = None
            restricted = self.sink.rest_restricted
            self.why = (
                f"{transport} at {url} answered"
                + (f" (after {', '.join(self.tried)} did not)" if self.tried else "")
                + ("; REST is restricted (Powerwall 3): TEDAPI has the rest" if restricted else "")
            )
            log.info("%s: TEDAPI over %s (%s)", self.sink.label, transport, self.why)
            now = self.sink.clock.monotonic()
            for query in [*self.queries.values(), *(q for f in self.followers.values() for q in f.queries)]:
                query.due = now
            self.queries["config"].due = now - 1  # first: it says which units are DC expansions
            await self.sink.room()
            self._handle("device_controller", answer.data, answer.errors)
            self.queries["device_controller"].due = now + self.queries["device_controller"].interval
            self._set_reading(True)
            self.sink.info_changed()
            return
        self.transport = None
        self.why = "no TEDAPI transport answered: " + "; ".join(f"{k}: {v}" for k, v in self.tried.items())
        wait = RETRY_DETECTION
        if self._lost_wait is not None:
            self._lost_wait = wait = min(RETRY_DETECTION, self._lost_wait * 2)
        log.warning("%s: %s; REST readings go on, TEDAPI asked again in %.0f s", self.sink.label, self.why, wait)
        self._retry_detection_at = self.sink.clock.monotonic() + wait
        self.sink.info_changed()

    def _set_reading(self, reading: bool) -> None:
        if reading != self.reading:
            self.reading = reading
            self.sink.devices_changed()  # the TEDAPI entities appear (or go, after a downgrade)

    async def read_din(self) -> tuple[str | None, str]:
        """The gateway's DIN over the first transport that reads it, and what was tried: who a gateway is
        when its REST serves no ``/api/status`` (a Powerwall 3). One ``GET /tedapi/din`` per transport tried;
        the client is closed again (detection chooses the transport to poll with)."""
        kept, self.tried = self.tried, {}
        candidates = self.candidates()  # says in ``tried`` why a transport is not tried at all
        tried, self.tried = self.tried, kept
        for transport, url in candidates:
            try:
                client = self.connect(transport, url)
            except (KeyFileError, ValueError) as exc:
                tried[f"{transport} {url}"] = str(exc)
                continue
            try:
                self.requests += 1
                async with self.channel.turn():
                    din = await client.din()
                return din, f"{transport} at {url}"
            except RateLimited as exc:
                tried[f"{transport} {url}"] = str(exc)
                break  # asking the next transport of a gateway that said "slow down" would not help it
            except Exception as exc:  # whatever this transport says, the next one is tried
                tried[f"{transport} {url}"] = _short(exc)
            finally:
                await self._close(client)
        return None, "; ".join(f"{k}: {v}" for k, v in tried.items())

    async def aclose(self) -> None:
        """At the bridge's end: the access point's connection is this source's own (the others are REST's)."""
        await self._drop_client()

    async def _drop_client(self) -> None:
        if self.client is not None:
            await self._close(self.client)
        self.client = None
        await self._drop_wifi()

    async def _drop_wifi(self) -> None:
        if self._wifi is not None:
            await self._close(self._wifi)
        self._wifi = None

    async def _close(self, client: Tedapi) -> None:
        # Bearer and v1r ride the REST connection: closing them would close REST's too.
        if client.transport.name == "wifi":
            await client.aclose()

    # ------------------------------------------------------------------ polling
    def _wanted(self, name: str) -> bool:
        if name in ("components", "compliance"):
            # The Powerwall 3 queries (its components; its packs' health): a PW3 (restricted REST, or a config
            # naming one, or DC expansions) has them.
            return self.sink.rest_restricted or bool(self._expansions) or self._pw3
        return True

    async def run(self) -> None:
        clock = self.sink.clock
        while True:
            now = clock.monotonic()
            if now < self.paused_until:
                await clock.sleep(min(self.paused_until - now, 5.0))
                continue
            if self.client is None or self.sink.firmware != self._detected_for or self._redetect:
                self._redetect = False
                if self.client is None and now < self._retry_detection_at and self.sink.firmware == self._detected_for:
                    await clock.sleep(min(self._retry_detection_at - now, 5.0))
                    continue
                if self.client is not None:
                    log.info("%s: firmware changed to %s; TEDAPI detected again", self.sink.label, self.sink.firmware)
                await self.detect()
                if self.client is None and self.transport is None and self._retry_detection_at <= now:
                    # Off by firmware (vitals over REST): ask again only when the firmware changes.
                    self._retry_detection_at = float("inf")
                continue
            due = [q for q in self.queries.values() if self._wanted(q.name)]
            due += [q for f in self.followers.values() for q in f.queries]
            query = min(due, key=lambda q: q.due)
            if query.due > now:
                await clock.sleep(min(query.due - now, 5.0))
                continue
            if query.name in self.queries:
                await self.read(query)
            else:
                await self.read_follower(next(f for f in self.followers.values() if query in f.queries), query)

    async def read(self, query: Query) -> None:
        """One request, one query; what it means for the budget and the readings. Never raises."""
        client = self.client
        assert client is not None
        clock = self.sink.clock
        self.requests += 1
        errors: list[dict[str, Any]] = []
        try:
            body: Any
            async with self.channel.turn():
                if query.name == "device_controller":
                    answer = await client.device_controller()
                    body, errors = answer.data, answer.errors
                elif query.name == "components":
                    answer = await client.components(_components_variables(client))
                    body, errors = answer.data, answer.errors
                elif query.name == "compliance":
                    answer = await client.compliance()
                    body, errors = answer.data, answer.errors
                elif query.name == "config":
                    body = (await client.config()).data
                else:
                    firmware = await client.firmware()
                    body = {
                        "system": {
                            "din": firmware.din,
                            "version": {"text": firmware.version, "githash": firmware.githash},
                            "gateway": {"partNumber": firmware.part_number, "serialNumber": firmware.serial_number},
                            "deviceType": firmware.device_type,
                        }
                    }
        except RateLimited as exc:
            self._pause(exc.retry_at, str(exc))
            return
        except QuerySigningKeysRotated as exc:
            self._every_query_failed(str(exc))
            for q in self.queries.values():
                q.due = clock.monotonic() + ROTATED_PAUSE
            return
        except TRANSPORT_LOST as exc:
            self._every_query_failed(_short(exc))
            log.warning("%s: TEDAPI over %s lost (%s); detected again", self.sink.label, self.transport, _short(exc))
            await self._drop_client()
            self.why = f"{self.transport} lost: {_short(exc)}"
            self.transport = None
            # Asked again after four of the fastest query's intervals, whichever query met the loss (an hourly
            # one meeting it would otherwise leave TEDAPI away for ten minutes).
            fastest = min(q.interval for q in self.queries.values() if self._wanted(q.name))
            self._lost_wait = min(RETRY_DETECTION, fastest * 4)
            self._retry_detection_at = clock.monotonic() + self._lost_wait
            self.sink.info_changed()
            return
        except QueryRefused as exc:
            self._failed(query, _short(exc))
            self._refused.add(query.name)
            if "device_controller" in self._refused:
                # The client names a rotation only when nothing was ever answered; here every signed query that
                # was answered before is refused now: the same conclusion, after a firmware update.
                self.sink.note_error("tedapi", f"every signed query is refused: {ROTATED}")
            return
        except (FollowerNotReachable, GatewayError) as exc:
            self._failed(query, _short(exc))
            return
        except Exception as exc:  # an answer nobody foresaw: this query slows down, the others go on
            self.sink.count_failure(query.path, exc)
            self._failed(query, f"{type(exc).__name__}: {exc}"[:300])
            return
        if query.name in SIGNED_QUERIES:
            self._refused.clear()  # one signed query answered: the signing keys still hold
        query.slowdown = max(1, query.slowdown // 2)
        query.due = clock.monotonic() + query.interval * query.slowdown
        await self.sink.room()
        self._handle(query.name, body, errors)

    def _follower_client(self) -> tuple[Tedapi | None, str]:
        """The client that reaches followers, and how (or None and why not)."""
        if self.transport == "basic" and self.client is not None:
            return self.client, "the leader's basic client"
        if not self.settings.password:
            return None, (
                f"{self.transport} reaches only the leader; a follower is read over the access point's basic path: "
                "give the sticker password (PWKIT_TEDAPI_PASSWORD or tedapi_password_file)"
            )
        if self._wifi is None:
            try:
                self._wifi = self.connect("basic", self.settings.access_point)
            except (KeyFileError, ValueError) as exc:
                return None, _short(exc)
        return self._wifi, f"basic at {self.settings.access_point}"

    async def read_follower(self, follower: Follower, query: Query) -> None:
        """One follower query (its components or its packs' health): one request (none while no path reaches
        it). Never raises."""
        client, via = self._follower_client()
        if client is None:
            self._follower_failed(follower, query, via, slowest=True)
            return
        follower.via = via
        self.requests += 1
        try:
            async with self.channel.turn():  # through the leader's access point: the same gateway's turn
                if query is follower.health:
                    answer = await client.query("compliance", din=follower.din)
                else:
                    answer = await client.components(_components_variables(client), din=follower.din)
        except RateLimited as exc:
            self._pause(exc.retry_at, str(exc))
            self._follower_failed(follower, query, str(exc))
            return
        except Exception as exc:  # whatever the follower's path says, the leader's readings go on
            self._follower_failed(follower, query, _short(exc))
            if client is self._wifi and isinstance(exc, TRANSPORT_LOST):
                await self._drop_wifi()  # connected afresh next time (the access point comes and goes)
            return
        query.slowdown = max(1, query.slowdown // 2)
        query.due = self.sink.clock.monotonic() + query.interval * query.slowdown
        first = query.ok is not True
        if query is follower.query:
            if follower.why is not None:
                log.info("%s: follower %s answers again (%s)", self.sink.label, follower.serial, via)
            follower.why = None
        await self.sink.room()
        self._handle(query.name, answer.data, answer.errors)
        if first:
            self.sink.info_changed()  # bridge/info says it is reachable, and how

    def _follower_failed(self, follower: Follower, query: Query, why: str, *, slowest: bool = False) -> None:
        if query is follower.health:  # its health is not its readings: said on health, the unit stays available
            self._failed(query, why)
            return
        if follower.why is None:
            log.warning(
                "%s: follower %s not read: %s; the leader's readings go on", self.sink.label, follower.serial, why
            )
        follower.why = why
        if slowest:  # nothing to try until the settings change: ask rarely, say why
            query.slowdown = MAX_SLOWDOWN
            query.due = self.sink.clock.monotonic() + query.interval * MAX_SLOWDOWN
            query.ok = False
            self.sink.serves(query.path, False)
            self.sink.note_error(query.path, why)
        else:
            self._failed(query, why)
        self._units_availability()
        self.sink.info_changed()

    def _pause(self, until: float, why: str) -> None:
        self.paused_until = max(self.paused_until, until)
        for query in [*self.queries.values(), *(q for f in self.followers.values() for q in f.queries)]:
            query.due = max(query.due, self.paused_until)
            if query.ok:
                query.ok = False
                self.sink.serves(query.path, False)
        self.sink.note_error("tedapi", f"paused: {why}")
        self.sink.info_changed()

    def _failed(self, query: Query, message: str) -> None:
        query.slowdown = min(MAX_SLOWDOWN, query.slowdown * 2)
        query.due = self.sink.clock.monotonic() + query.interval * query.slowdown
        if query.ok is not False:
            log.warning(
                "%s: TEDAPI %s failed: %s; read %dx less often", self.sink.label, query.name, message, query.slowdown
            )
        query.ok = False
        self.sink.serves(query.path, False)
        self.sink.note_error(query.path, message)

    def _every_query_failed(self, message: str) -> None:
        for query in self.queries.values():
            if query.ok is not False and self._wanted(query.name):
                query.ok = False
                self.sink.serves(query.path, False)
        for follower in self.followers.values():
            follower.why = follower.why or message
            for query in follower.queries:
                if query.ok is not False:
                    query.ok = False
                    self.sink.serves(query.path, False)
        self._units_availability()
        self.sink.note_error("tedapi", message)

    # ------------------------------------------------------------------ answers
    def _handle(self, name: str, body: Any, errors: list[dict[str, Any]]) -> None:
        follower = next((f for f in self.followers.values() if name in (f.query.name, f.health.name)), None)
        query = (follower.query if name == follower.query.name else follower.health) if follower else self.queries[name]
        body = meaning.without_secrets(body)
        # The full DeviceController answer has components too (``components.msa``): flattened alike, its topics are
        # the spec's (``…/components/msa/<i>/THC_AmbientTemp``), not ``…/signals/<j>/value``.
        if name in ("components", "compliance", "device_controller") or follower is not None:
            body = meaning.flatten_components(body)
        if query.ok is not True:
            query.ok = True
            self.sink.serves(query.path, True)
        if "device_controller" not in self._refused:
            self.sink.note_error("tedapi", None)  # a pause or a lost transport is over
        detail = "; ".join(str(e.get("message") or e) for e in errors)[:300]
        self.sink.note_error(query.path, f"partial answer: {detail}" if errors else None)
        self.sink.publish(query.path, body, source=self.name)
        if name == "firmware":
            version = str(((body.get("system") or {}).get("version") or {}).get("text") or "")
            if self._firmware_seen and version and version != self._firmware_seen:
                log.info("%s: TEDAPI firmware %s → %s; detected again", self.sink.label, self._firmware_seen, version)
                self._redetect = True
            self._firmware_seen = version or self._firmware_seen
            return
        if name == "config":
            self._expansions = meaning.expansions_of(body)
            self._pw3 = any(
                "Powerwall3" in str(b.get("type")) for b in body.get("battery_blocks") or [] if isinstance(b, dict)
            )
            self._set_followers(meaning.followers_of(body, self.din))
            return
        if follower is not None and query is follower.health:
            values = meaning.from_compliance(body, follower.units)
        elif follower is not None:
            values = meaning.as_follower(meaning.from_components(body, self._expansions), follower.serial)
            follower.units = meaning.units_in(values)
            self._alerts_from(meaning.component_alerts(body), name)
        elif name == "device_controller":
            values = meaning.from_device_controller(body)
            self._alerts_from(meaning.device_controller_alerts(body), "site")
        elif name == "components":
            values = meaning.from_components(body, self._expansions)
            self._leader_packs = meaning.units_in(values)
            self._alerts_from(meaning.component_alerts(body), "components")
        elif name == "compliance":
            values = meaning.from_compliance(body, self._leader_packs)
        else:
            return
        self._values[name] = values
        self._publish(name, values)

    def _set_followers(self, dins: list[str]) -> None:
        """The followers config.json lists now: a new one is read at once; one no longer listed is dropped (its
        units vanish and are forgotten after the grace, as any unit that disappears)."""
        now = self.sink.clock.monotonic()
        changed = False
        for din in dins:
            if din not in self.followers:
                serial = re.sub(r"[^A-Za-z0-9_.-]", "_", din.rsplit("--", 1)[-1])
                self.followers[din] = Follower(
                    din,
                    Query(f"followers/{serial}/components", self.queries["components"].interval, due=now),
                    # After its components (which name its packs for the health answer), as the leader's.
                    Query(f"followers/{serial}/compliance", self.queries["compliance"].interval, due=now + 1),
                )
                log.info("%s: follower Powerwall 3 %s found in config.json", self.sink.label, serial)
                changed = True
        for din in [d for d in self.followers if d not in dins]:
            gone = self.followers.pop(din)
            for query in gone.queries:
                self._values.pop(query.name, None)
                self._alert_sources.pop(query.name, None)
                self.sink.serves(query.path, False)
            changed = True
            self._publish(gone.query.name, {})
        if changed:
            self.sink.info_changed()

    def _alerts_from(self, names: list[str], where: str) -> None:
        """The active list, and each alert's own topic: ``on`` while active, ``off`` as soon as it ends, gone
        after the vanish grace (an alert that ended long ago is no state anyone needs retained)."""
        self._alert_sources[where] = set(names)
        active = set().union(*self._alert_sources.values())
        now = self.sink.clock.monotonic()
        values: dict[str, Any] = {"active": sorted(active)}
        for name in active:
            self._alerts[name] = True
            self._alert_ended.pop(name, None)
        for name in list(self._alerts):
            if name in active:
                values[_level(name)] = "on"
                continue
            ended = self._alert_ended.setdefault(name, now)
            if now - ended > self.settings.vanish_grace:
                del self._alerts[name], self._alert_ended[name]  # its topic is cleared below (not in values)
                continue
            self._alerts[name] = False
            values[_level(name)] = "off"
        # grace 0: a topic left out of ``values`` (an alert past its grace) is cleared at once.
        self.sink.publish_values("tedapi/alerts", values, grace=0.0)

    def _publish(self, name: str, values: dict[str, Any]) -> None:
        """Every query's newest derived values, merged, per group: a value no query names any more is cleared
        after the grace (the publisher's rule), so a unit that disappears goes as batteries do on REST."""
        merged: dict[str, Any] = {}
        for latest in self._values.values():
            merged.update(latest)
        parts: dict[str, dict[str, Any]] = {}
        for key, value in merged.items():  # one pass, not one per group: this runs at every answer
            group, _, rest = key.partition("/")
            parts.setdefault(group, {})[rest] = value
        for group in DERIVED_GROUPS:
            part = parts.get(group, {})
            if part or group in self._groups:
                self._groups.add(group)
                self.sink.publish_values(f"tedapi/{group}", part)
        present = {serial: str(merged.get(f"units/{serial}/kind", "battery")) for serial in meaning.units_in(merged)}
        strings = sorted({k.split("/")[1] for k in merged if k.startswith("strings/")})
        changed = self._track_units(present, self.sink.clock.monotonic()) or strings != self.strings
        self.strings = strings
        if changed:
            self.sink.devices_changed()

    def _unreachable_units(self) -> set[str]:
        """The units of followers that do not answer now: known, but unavailable."""
        return {serial for f in self.followers.values() if f.why is not None for serial in f.units}

    def _units_availability(self) -> None:
        unreachable = self._unreachable_units()
        for serial in self._units:
            if serial in unreachable:
                self.sink.serves(f"tedapi/units/{serial}", False)

    def _track_units(self, present: dict[str, str], now: float) -> bool:
        """Whether the units Home Assistant shows changed (a new one; a kind now known; one gone for the grace)."""
        changed = False
        unreachable = self._unreachable_units()
        for serial, kind in present.items():
            self._unit_seen[serial] = now
            if self._units.get(serial) != kind:
                self._units[serial] = kind
                changed = True
            self.sink.serves(f"tedapi/units/{serial}", serial not in unreachable)
        for serial in list(self._units):
            if serial in present:
                continue
            self.sink.serves(f"tedapi/units/{serial}", False)
            if now - self._unit_seen.get(serial, now) > self.settings.vanish_grace:
                log.info("%s: battery unit %s gone for the grace period; forgotten", self.sink.label, serial)
                del self._units[serial]
                self._unit_seen.pop(serial, None)
                changed = True
        return changed


def _components_variables(client: Tedapi) -> dict[str, Any] | None:
    """The components query's default variables plus :data:`EXTRA_SIGNALS` (None: the query takes none)."""
    variables = client.signed_query("components").variables()
    if not variables:
        return None
    for key, names in EXTRA_SIGNALS.items():
        listed = variables.get(key)
        if isinstance(listed, list):
            variables[key] = list(dict.fromkeys([*listed, *names]))
    return variables


def _level(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)[:128] or "_"


def _short(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]
