"""The gateway's REST API (``/api/…``): the poll groups of the spec's ``x-pwkit-poll`` markers.

Manners are the connection's (:class:`pwkit.client.connection.Gateway`: bounded
concurrency, login backoff, rate-limit cooldown). This source decides what the
answers mean for the gateway as a whole: a whole cycle unanswered several times
in a row marks it offline; an endpoint the firmware does not serve (404) is
dropped from the plan and its availability says so.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Protocol

from powerwall_client.pwkit_operations import OPERATIONS, POLL_GROUPS, find
from pwkit.client.connection import Gateway
from pwkit.client.errors import (
    AuthRefused,
    GatewayError,
    NotServed,
    RateLimited,
    SitemasterStopped,
    TlsMismatch,
    Unreachable,
)

from . import Sink

log = logging.getLogger("pwkit.bridge")
GROUPS = ("fast", "normal", "slow")
OFFLINE_ERRORS = (Unreachable, RateLimited, AuthRefused, TlsMismatch)
# A poll's outcomes that show the gateway's readings are being read: a reading (behind the login), or the
# gateway saying it has none (a stopped sitemaster, an endpoint this firmware does not serve).
ALIVE = ("read", "answered")
FAILING = ("failed", "unreachable")
# The three endpoints a Powerwall 3 (and a gateway on restricted firmware) still serves after a customer
# login (HA PR #169137, evcc #31849): when these answer and /api/status is 404, REST is "restricted".
RESTRICTED = ("/api/meters/aggregates", "/api/system_status/soe", "/api/system_status/grid_status")


def poll_plan(poll: dict[str, float]) -> dict[str, tuple[float, list[str]]]:
    """Poll group → (interval, API paths), from the spec's x-pwkit-poll markers."""
    plan = {}
    for group in GROUPS:
        interval = poll.get(group, POLL_GROUPS.get(group, 60.0))
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


def _without_endpoint(text: str, path: str) -> str:
    """An error of the whole gateway without the endpoint that met it (``GET /api/…: ConnectError`` → ``ConnectError``):
    whichever endpoint came last in a cycle, a gateway that stays unreachable keeps one offline reason."""
    for method in ("GET", "POST"):
        text = text.replace(f"{method} {path}: ", "", 1)
    return text


class RestSink(Sink, Protocol):
    """The worker as the REST source needs it: the gateway's health is REST's to judge."""

    @property
    def health(self) -> Any: ...

    @property
    def offline_after(self) -> int: ...

    def set_available(self, available: bool, why: str = "") -> None: ...

    def publish_health(self) -> None: ...

    def check_storage(self) -> None:
        """Whether what the bridge keeps (session, pins) can be saved: said on health."""
        ...

    def count_failure(self, what: str, exc: BaseException) -> None: ...

    @property
    def start_window(self) -> asyncio.Semaphore:
        """The bridge-wide bound on first poll cycles in flight: a thousand gateways do not start at once."""
        ...


class RestSource:
    name = "rest"

    def __init__(self, sink: RestSink, gateway: Gateway, plan: dict[str, tuple[float, list[str]]]) -> None:
        self.sink = sink
        self.gateway = gateway
        self.plan = plan
        self.cycles: dict[str, int] = {group: 0 for group in plan}
        self.late: dict[str, int] = {group: 0 for group in plan}
        # Why each endpoint failed in its last cycle: the gateway's offline reason is chosen from them per cycle.
        self._why: dict[str, str] = {}
        self.why = "the gateway's REST API (always read)"
        # Every group's first cycle is over (answered or not): the other sources start then (GatewayWorker.run).
        self.started = asyncio.Event()
        self._first_cycles = 0
        # When a cycle last marked the gateway offline: a reading older than that (read by a slower group's cycle
        # that started before, and ended after, retrying its other endpoints) does not mark it online again.
        self._offline_at = float("-inf")

    @property
    def restricted(self) -> bool:
        """Only the restricted set answers (a Powerwall 3, or REST narrowed by firmware): TEDAPI has the rest."""
        unserved = self.sink.health.unserved
        return "/api/status" in unserved or "/api/system_status" in unserved

    def info(self) -> dict[str, Any]:
        unserved = sorted(self.sink.health.unserved)
        return {
            "transport": "restricted" if self.restricted else "full",
            "why": self.why + (f"; not served: {', '.join(unserved)}" if unserved else ""),
            "poll": {group: {"interval": interval, "paths": paths} for group, (interval, paths) in self.plan.items()},
        }

    async def run(self) -> None:
        await asyncio.gather(*(self._loop(group, interval, paths) for group, (interval, paths) in self.plan.items()))

    async def _loop(self, group: str, interval: float, paths: list[str]) -> None:
        clock = self.sink.clock
        async with self.sink.start_window:  # the first cycle (the login with it) waits its turn
            started = clock.monotonic()
            await self.cycle(paths)
        self._first_cycles += 1
        if self._first_cycles >= len(self.plan):
            self.started.set()
        while True:
            took = clock.monotonic() - started
            self.cycles[group] += 1
            if took > interval:
                self.late[group] += 1  # the next cycle starts late: the gateway or the bridge is too slow
            await clock.sleep(max(0.0, interval - took))
            started = clock.monotonic()
            await self.cycle(paths)

    async def cycle(self, paths: list[str]) -> None:
        health = self.sink.health
        polled = [path for path in paths if path not in health.unserved]
        timed = await asyncio.gather(*(self._timed_poll(path) for path in polled))
        outcomes = [outcome for outcome, _ in timed]
        self.sink.check_storage()
        if not outcomes:
            return
        alive_at = max((at for outcome, at in timed if outcome in ALIVE), default=None)
        if alive_at is not None:
            if alive_at < self._offline_at:
                return  # every reading of this cycle predates the offline verdict: it stands
            health.failed_cycles = 0
            self.sink.set_available(True)
        elif any(outcome in FAILING for outcome in outcomes):
            # Available means its readings are being read: not that /api/status (no login) answers, and not
            # errors (500, 503, HTML, 403 after login) on every reading. Offline only when a whole cycle fails,
            # several cycles in a row: one endpoint resetting mid-answer must not flap availability.
            health.failed_cycles += 1
            if health.failed_cycles >= self.sink.offline_after:
                # One reason while the cause lasts: the current one as long as an endpoint still fails with it
                # (an endpoint without login and one behind a blocked login fail with different words).
                reasons = [self._why[path] for path in polled if path in self._why]
                current = health.offline_reason
                self._offline_at = self.sink.clock.monotonic()
                self.sink.set_available(False, current if current in reasons else next(iter(reasons), "no answer"))

    async def _timed_poll(self, path: str) -> tuple[str, float]:
        """The poll's outcome and when it came."""
        outcome = await self.poll(path)
        return outcome, self.sink.clock.monotonic()

    async def poll(self, path: str) -> str:
        """Read one endpoint and publish it. Never raises. The outcome: "read" (a reading behind the login),
        "answered without login" (/api/status), "answered" (the gateway says it has no such reading now),
        "failed" (an error answer) or "unreachable" (no answer, refused login, rate limit, TLS)."""
        self._why.pop(path, None)
        try:
            return await self._poll(path)
        except Exception as exc:  # a reading nobody foresaw: this reading fails, the others go on
            self.sink.count_failure(path, exc)
            self.sink.note_error(path, f"{type(exc).__name__}: {exc}"[:300])
            return "failed"

    async def _poll(self, path: str) -> str:
        sink, health = self.sink, self.sink.health
        try:
            if path == "/api/devices/vitals":
                body: Any = await self.gateway.vitals()
            else:
                body = await self.gateway.get_json(path)
        except SitemasterStopped as exc:
            health.sitemaster_stopped = True
            sink.serves(path, False)
            sink.note_error(path, str(exc))
            return "answered"
        except NotServed:
            log.warning("%s: %s is not served by this firmware; no longer polling it", self.gateway.url, path)
            health.unserved.add(path)
            sink.serves(path, False)
            sink.publish_health()
            return "answered"
        except OFFLINE_ERRORS as exc:
            health.login = _login_state(exc, health.login)
            # Said once, as the gateway's offline_reason, not once per endpoint: without the endpoint, so that
            # every poll of a gateway that stays down gives the same reason (health changes when the cause does).
            self._why[path] = _without_endpoint(str(exc), path)
            return "unreachable"
        except GatewayError as exc:
            if health.errors.get(path) != str(exc):
                log.warning("%s: %s failed: %s", self.gateway.url, path, exc)
            sink.note_error(path, str(exc))
            self._why[path] = f"no reading answers; {path}: {exc}"
            return "failed"
        sink.serves(path, True)
        operation = find("GET", path)
        behind_login = operation is None or operation.needs_login
        if health.login != "logged in" and behind_login:  # /api/status and registration need no login
            health.login = "logged in"
            sink.publish_health()
        if health.errors.pop(path, None) is not None or (
            path in ("/api/sitemaster", "/api/meters/aggregates") and health.sitemaster_stopped
        ):
            health.sitemaster_stopped = False
            sink.publish_health()
        await sink.room()
        sink.publish(path, body, source=self.name)
        return "read" if behind_login else "answered without login"
