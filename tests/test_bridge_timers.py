"""The bridge's own timers and thresholds on the simulated clock: counted, never bet on a machine's speed.

A stand-in gateway (the unit's edge cases: which call came when) behind a real :class:`BridgeService`
and :class:`GatewayWorker`; the end-to-end behaviour against the simulator is in test_bridge.py.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from pwkit.bridge.commands import Command
from pwkit.bridge.config import BridgeConfig, BridgeSettings, GatewayConfig
from pwkit.bridge.service import BridgeService, GatewayWorker
from pwkit.client.clock import ManualClock
from pwkit.client.errors import Unreachable


class StandInGateway:
    """Answers reads from a dict and journals every write with the simulated instant it came at."""

    url = "https://gw"
    host = "gw"
    has_installer_session = True
    storage_problem: str | None = None  # what it keeps is always saved

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self.down = False
        self.operation: dict[str, Any] = {"real_mode": "self_consumption", "backup_reserve_percent": 20}
        self.writes: list[tuple[float, str, Any]] = []

    async def get_json(self, path: str) -> Any:
        if self.down:
            raise Unreachable(self.url, "connection refused")
        if path == "/api/operation":
            return dict(self.operation)
        return {"ok": True}

    async def vitals(self) -> Any:
        return {}

    def reload_installer_session(self) -> bool:
        return False  # no other process saves a session here

    async def request(self, method: str, path: str, json_body: Any = None) -> Any:
        if self.down:
            raise Unreachable(self.url, "connection refused")
        if method == "POST" and path == "/api/operation":
            self.writes.append((self.clock.monotonic(), path, json_body))
            self.operation = dict(json_body)
        return {}


class Link:
    knows_retain_flag = True

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, bool]] = []

    def publish(self, topic: str, payload: Any, retain: bool = False, **kwargs: Any) -> None:
        text = payload.decode() if isinstance(payload, bytes) else str(payload)
        self.sent.append((topic, text, retain))

    def availability(self) -> list[str]:
        return [text for topic, text, _ in self.sent if topic == "pwkit/home/availability"]

    async def room(self) -> None:
        """A broker that is never behind."""


def service(tmp_path: Path, **settings: Any) -> tuple[BridgeService, GatewayWorker, StandInGateway, Link]:
    clock = ManualClock()
    config = BridgeConfig(
        gateway=[GatewayConfig(url="https://gw", password="-", name="home", allow_commands=["reserve", "mode"])],
        bridge=BridgeSettings(state_dir=tmp_path, **settings),
    )
    bridge = BridgeService(config, clock=clock)
    link = Link()
    bridge.link = link  # type: ignore[assignment]
    bridge._announced = True  # as after bridge/state said online: values go out as they come
    worker = bridge.workers[0]
    worker.id = "home"
    gateway = StandInGateway(clock)
    worker.gateway = gateway  # type: ignore[assignment]
    worker.rest.gateway = gateway  # type: ignore[assignment]  # the REST source reads through it
    worker.plan_routes()
    return bridge, worker, gateway, link


# ------------------------------------------------------------------ availability hysteresis


def test_one_or_two_failed_cycles_do_not_mark_the_gateway_offline_the_third_does(tmp_path: Path) -> None:
    _, worker, gateway, link = service(tmp_path)  # offline_after = 3, the default

    async def main() -> None:
        await worker.cycle(["/api/meters/aggregates", "/api/system_status/soe"])
        assert link.availability() == ["online"]
        gateway.down = True
        await worker.cycle(["/api/meters/aggregates", "/api/system_status/soe"])
        await worker.cycle(["/api/meters/aggregates", "/api/system_status/soe"])
        assert link.availability() == ["online"]  # two whole cycles failed: no flap yet
        gateway.down = False
        await worker.cycle(["/api/meters/aggregates"])  # one answer resets the count
        gateway.down = True
        for _ in range(2):
            await worker.cycle(["/api/meters/aggregates"])
        assert link.availability() == ["online"]
        await worker.cycle(["/api/meters/aggregates"])
        assert link.availability() == ["online", "offline"]  # the third in a row
        gateway.down = False
        await worker.cycle(["/api/meters/aggregates"])
        assert link.availability() == ["online", "offline", "online"]  # back at the first answer

    asyncio.run(main())


# --------------------------------------------------------------------- command interval


def test_commands_are_spaced_by_the_command_interval_on_the_bridges_clock(tmp_path: Path) -> None:
    bridge, worker, gateway, _ = service(tmp_path, command_interval=5.0)
    clock = bridge.clock
    assert isinstance(clock, ManualClock)

    def submit(name: str, value: Any) -> None:
        worker.submit(Command(name, value, received=clock.monotonic()))

    async def main() -> None:
        executor = asyncio.create_task(worker._executor())
        submit("reserve", 30)
        await clock.advance(0)
        assert [w[0] for w in gateway.writes] == [0.0]  # the first runs at once
        await clock.advance(1)
        submit("reserve", 31)
        await clock.advance(3.9)  # t = 4.9
        assert len(gateway.writes) == 1  # not before the interval has passed
        await clock.advance(0.1)  # t = 5
        assert [w[0] for w in gateway.writes] == [0.0, 5.0]
        # A burst over 12 simulated seconds: one write per interval at most, the latest value wins.
        for step in range(12):
            submit("reserve", 40 + step)
            await clock.advance(1)
        await clock.advance(10)
        times = [w[0] for w in gateway.writes]
        assert all(b - a >= 5.0 for a, b in itertools.pairwise(times)), times
        assert len(times) == 5, times  # t = 0, 5, 10, 15, 20: each an interval after the last
        assert gateway.operation["backup_reserve_percent"] == 51
        executor.cancel()

    asyncio.run(main())


# ------------------------------------------------------------------------ command age


@pytest.mark.parametrize(("waited", "runs"), [(29.0, True), (31.0, False)])
def test_a_command_older_than_command_max_age_when_its_turn_comes_is_expired_not_run(
    tmp_path: Path, waited: float, runs: bool
) -> None:
    bridge, worker, gateway, link = service(tmp_path)  # command_max_age = 30, the default
    clock = bridge.clock
    assert isinstance(clock, ManualClock)

    async def main() -> None:
        await clock.advance(100)
        # Sent by its client `waited` simulated seconds ago (the payload's "sent", the client's own clock).
        command = Command("reserve", 33, "t1", received=clock.monotonic(), sent=clock.time() - waited)
        running = asyncio.create_task(worker._execute(command))
        while not running.done():  # a write is read back on the bridge's clock: let simulated time pass
            await clock.advance(0.5)
        await running

    asyncio.run(main())
    answers = [json.loads(text) for topic, text, _ in link.sent if topic == "pwkit/home/response/reserve"]
    assert [a["status"] for a in answers] == ["ok" if runs else "error"]
    assert bool(gateway.writes) is runs
    if not runs:
        assert answers[0]["error"].startswith("expired: 31.0 s old")


def test_a_command_that_waited_in_the_bridge_past_command_max_age_is_expired(tmp_path: Path) -> None:
    bridge, worker, gateway, link = service(tmp_path, command_max_age=10.0)
    clock = bridge.clock
    assert isinstance(clock, ManualClock)

    async def main() -> None:
        command = Command("reserve", 34, "t2", received=clock.monotonic())
        await clock.advance(10.5)  # no sender stamp: its age is counted from arrival, on the bridge's clock
        running = asyncio.create_task(worker._execute(command))
        while not running.done():  # a write is read back on the bridge's clock: let simulated time pass
            await clock.advance(0.5)
        await running

    asyncio.run(main())
    assert gateway.writes == []
    assert "expired" in json.loads(link.sent[-1][1])["error"]


# ------------------------------------------------------------------ settle and read-back


class SlowGateway(StandInGateway):
    """A write acknowledged at once whose effect shows ``applies_after`` simulated seconds later (None: never,
    as a gateway that acknowledged and did not apply); every read of the operation journaled with its instant."""

    def __init__(self, clock: ManualClock, applies_after: float | None) -> None:
        super().__init__(clock)
        self.applies_after = applies_after
        self.reads: list[float] = []
        self.reads_before_write = 0
        self._pending: tuple[float, dict[str, Any]] | None = None

    async def get_json(self, path: str) -> Any:
        if path == "/api/operation":
            self.reads.append(self.clock.monotonic())
            if self._pending is not None and self.clock.monotonic() >= self._pending[0]:
                self.operation = self._pending[1]
        return await super().get_json(path)

    async def request(self, method: str, path: str, json_body: Any = None) -> Any:
        if method == "POST" and path == "/api/operation":
            self.writes.append((self.clock.monotonic(), path, json_body))
            self.reads_before_write = len(self.reads)  # the command's own read of what to merge its change into
            if self.applies_after is not None:
                self._pending = (self.clock.monotonic() + self.applies_after, dict(json_body))
        return {}


def read_back_run(tmp_path: Path, applies_after: float | None) -> tuple[float, list[float], float, dict[str, Any]]:
    """One reserve command through the worker on the simulated clock, stepped by 0.05 s: (write at, reads of the
    operation after it, when the answer went out, the answer)."""
    bridge, worker, _, link = service(tmp_path, verify_timeout=5.0)
    clock = bridge.clock
    assert isinstance(clock, ManualClock)
    gateway = SlowGateway(clock, applies_after)
    worker.gateway = gateway  # type: ignore[assignment]
    worker.rest.gateway = gateway  # type: ignore[assignment]
    answered: list[tuple[float, int]] = []  # when, and how many reads had been made by then
    publish = link.publish

    def timed(topic: str, payload: Any, retain: bool = False, **kwargs: Any) -> None:
        if "/response/" in topic:
            answered.append((clock.monotonic(), len(gateway.reads)))
        publish(topic, payload, retain, **kwargs)

    link.publish = timed  # type: ignore[method-assign]

    async def main() -> None:
        await clock.advance(100)
        running = asyncio.create_task(worker._execute(Command("reserve", 37, "t3", received=clock.monotonic())))
        for _ in range(400):  # 20 simulated seconds at most
            if running.done():
                break
            await clock.advance(0.05)
        assert running.done(), "no answer within 20 simulated seconds"
        await running

    asyncio.run(main())
    assert len(gateway.writes) == 1 and answered, (gateway.writes, answered)
    wrote = gateway.writes[0][0]
    # The read-back's reads: after the write's, up to the answer (the refresh after it reads again).
    reads = [round(t - wrote, 2) for t in gateway.reads[gateway.reads_before_write : answered[0][1]]]
    answers = [json.loads(text) for topic, text, _ in link.sent if topic == "pwkit/home/response/reserve"]
    assert len(answers) == 1, answers
    return wrote, reads, round(answered[0][0] - wrote, 2), answers[0]


def test_a_write_never_applied_is_read_back_after_the_settle_delay_every_second_until_verify_timeout(
    tmp_path: Path,
) -> None:
    _, reads, answered, answer = read_back_run(tmp_path, applies_after=None)
    # The first read after the local settle delay (0.2 s), then one a second while time is left; the answer
    # at the deadline itself.
    assert reads == [0.2, 1.2, 2.2, 3.2, 4.2], reads
    assert answered == 5.0
    assert answer["status"] == "error" and answer["verified"] is False
    assert answer["error"].startswith("accepted but not applied after 5 s: "), answer


def test_a_write_applied_late_is_answered_ok_at_the_first_read_that_sees_it(tmp_path: Path) -> None:
    _, reads, answered, answer = read_back_run(tmp_path, applies_after=2.5)
    assert reads == [0.2, 1.2, 2.2, 3.2], reads  # not before the settle delay; seen at the read after 2.5 s
    assert answered == 3.2
    assert answer["status"] == "ok" and answer["verified"] is True
