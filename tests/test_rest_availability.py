"""The REST source's verdict on a gateway's availability when poll groups overlap (unit edge case; the end-to-end
evidence is tests/test_state_and_availability.py and tests/test_repin.py, which met this race under load)."""

from __future__ import annotations

import asyncio
from typing import Any

from pwkit.bridge.service import Health
from pwkit.bridge.sources.rest import RestSource
from pwkit.client.clock import ManualClock
from pwkit.client.errors import Unreachable

GATEWAY = "https://gw"


class FakeGateway:
    """Answers the test's script: a reading, or a wait then an unreachable gateway."""

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self.down_after: dict[str, float] = {}  # path → seconds it takes to fail

    async def get_json(self, path: str) -> Any:
        if path in self.down_after:
            await self.clock.sleep(self.down_after[path])
            raise Unreachable(GATEWAY, "cannot reach the gateway: ConnectError")
        return {"instant_power": 1.0}

    async def vitals(self) -> Any:
        return await self.get_json("/api/devices/vitals")


class FakeSink:
    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self.label = "gw"
        self.health = Health()
        self.offline_after = 1
        self.verdicts: list[bool] = []
        self.start_window = asyncio.Semaphore(1)

    def set_available(self, available: bool, why: str = "") -> None:
        if self.health.available != available:
            self.verdicts.append(available)
        self.health.available = available

    async def room(self) -> None:
        pass

    def publish(self, path: str, body: Any, *, source: str) -> None:
        pass

    def serves(self, path: str, serving: bool) -> None:
        pass

    def note_error(self, path: str, message: str | None) -> None:
        pass

    def publish_health(self) -> None:
        pass

    def check_storage(self) -> None:
        pass

    def count_failure(self, what: str, exc: BaseException) -> None:
        pass


def test_a_slow_cycle_with_a_reading_from_before_the_outage_does_not_mark_the_gateway_online_again() -> None:
    """The normal group read one endpoint, then the gateway went away while its other endpoint was still being
    retried; the fast group marked the gateway offline meanwhile. When the normal cycle ends, its old reading
    must not flip availability back to online (CI saw online published from a gateway that answered nothing)."""

    async def go() -> None:
        clock = ManualClock()
        sink = FakeSink(clock)
        gateway = FakeGateway(clock)
        source = RestSource(sink, gateway, {})  # type: ignore[arg-type]
        gateway.down_after["/api/meters/site"] = 3.0  # retried for 3 s, then unreachable
        normal = asyncio.create_task(source.cycle(["/api/meters/aggregates", "/api/meters/site"]))
        await clock.settle()
        assert sink.verdicts == []
        await clock.advance(1.0)
        gateway.down_after["/api/meters/aggregates"] = 0.5  # the gateway is gone now
        fast = asyncio.create_task(source.cycle(["/api/meters/aggregates"]))
        await clock.settle()
        await clock.advance(0.5)
        await clock.settle()
        await fast
        assert sink.verdicts == [False]
        await clock.advance(2.0)
        await clock.settle()
        await normal
        assert sink.verdicts == [False], "a reading from before the outage marked the gateway online again"
        del gateway.down_after["/api/meters/aggregates"]
        await source.cycle(["/api/meters/aggregates"])  # a reading after the verdict: online again
        assert sink.verdicts == [False, True]

    asyncio.run(go())
