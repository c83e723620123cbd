"""The one injectable clock: simulated time drives the publisher's refresh and the sleepers, in order."""

from __future__ import annotations

import asyncio

from pwkit.bridge.publisher import Publisher
from pwkit.client.clock import REAL, Clock, ManualClock


def test_the_real_clock_is_the_default_everywhere() -> None:
    from pwkit.bridge.config import BridgeConfig, GatewayConfig
    from pwkit.bridge.service import BridgeService

    service = BridgeService(BridgeConfig(gateway=[GatewayConfig(url="https://gw", password="-")]))
    assert service.clock is REAL
    assert service.publisher.clock is REAL
    assert service.workers[0].gateway.clock is REAL
    assert isinstance(ManualClock(), Clock)


def test_publisher_refresh_fires_on_simulated_time_not_real_time() -> None:
    clock = ManualClock()
    publisher = Publisher(refresh_interval=300.0, clock=clock)
    leaves = [("pwkit/g/meters/aggregates/site/instant_power", 1000.0)]
    assert publisher.changes("g", leaves) == [(leaves[0][0], "1000.0")]  # first value always goes out
    asyncio.run(clock.advance(299.0))
    assert publisher.changes("g", leaves) == []  # unchanged, refresh not due
    asyncio.run(clock.advance(1.0))
    assert publisher.changes("g", leaves) == [(leaves[0][0], "1000.0")]  # the refresh, 300 simulated seconds on


def test_manual_clock_wakes_sleepers_in_order_at_their_own_instant() -> None:
    clock = ManualClock()
    woke: list[tuple[str, float]] = []

    async def sleeper(name: str, seconds: float) -> None:
        await clock.sleep(seconds)
        woke.append((name, clock.monotonic()))

    async def main() -> None:
        tasks = [asyncio.create_task(sleeper("late", 10)), asyncio.create_task(sleeper("early", 2))]
        await clock.advance(5)
        assert woke == [("early", 2.0)]
        assert clock.monotonic() == 5.0
        await clock.advance(5)
        await asyncio.gather(*tasks)

    asyncio.run(main())
    assert woke == [("early", 2.0), ("late", 10.0)]
