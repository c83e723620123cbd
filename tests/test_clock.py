"""The one injectable clock: simulated time drives the publisher's refresh and the sleepers, in order."""

from __future__ import annotations

import asyncio
from pathlib import Path

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
    from pwkit.bridge.config import BridgeConfig, GatewayConfig
    from pwkit.bridge.service import BridgeService

    clock = ManualClock()
    service = BridgeService(BridgeConfig(gateway=[GatewayConfig(url="https://powerwall", password="-")]), clock=clock)
    sent: list[tuple[str, str]] = []

    class Link:
        def publish(self, topic: str, payload: str, **kwargs: object) -> None:
            sent.append((topic, payload))

    service.link = Link()  # type: ignore[assignment]
    leaves = [("pwkit/g/meters/aggregates/site/instant_power", 1000.0)]
    assert service.publisher.changes("g", leaves) == [(leaves[0][0], "1000.0")]  # first value always goes out
    assert service.publisher.changes("g", leaves) == []  # unchanged

    async def run() -> None:
        timer = asyncio.create_task(service._refresh())
        await clock.advance(299.0)
        assert sent == []  # refresh not due
        await clock.advance(1.0)
        assert (leaves[0][0], "1000.0") in sent  # the refresh, 300 simulated seconds on
        timer.cancel()

    asyncio.run(run())


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


class _Link:
    knows_retain_flag = True

    def __init__(self) -> None:
        self.topics: list[str] = []

    def publish(self, topic: str, payload: object, **kwargs: object) -> None:
        self.topics.append(topic)


def test_home_assistant_coming_online_gets_discovery_after_a_random_one_to_three_seconds(tmp_path: Path) -> None:
    """The delay runs on the bridge's clock: simulated here, so the test bets on no machine's speed."""
    from pwkit.bridge.config import BridgeConfig, BridgeSettings, GatewayConfig
    from pwkit.bridge.service import BridgeService

    clock = ManualClock()
    config = BridgeConfig(
        gateway=[GatewayConfig(url="https://gw", password="-", name="home")],
        bridge=BridgeSettings(state_dir=tmp_path),
    )
    service = BridgeService(config, clock=clock)
    link = _Link()
    service.link = link  # type: ignore[assignment]
    assert service.discovery is not None

    async def main() -> tuple[list[str], list[str]]:
        service.discovery.on_home_assistant(b"online")  # type: ignore[union-attr]
        await clock.advance(0.999)
        early = list(link.topics)
        await clock.advance(2.002)
        return early, list(link.topics)

    for _ in range(5):  # several random draws, each one inside the window
        link.topics.clear()
        early, late = asyncio.run(main())
        assert early == []  # nothing before one second
        assert "homeassistant/device/pwkit_home/config" in late  # everything by three
