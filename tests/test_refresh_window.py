"""A full refresh is handed to the MQTT link a window at a time, never all at once (memory, paho's queue)."""

from __future__ import annotations

import asyncio

from pwkit.bridge.config import BridgeConfig, GatewayConfig
from pwkit.bridge.service import REFRESH_WINDOW, BridgeService
from pwkit.client.clock import ManualClock


class SlowBroker:
    """A link whose broker acknowledges only while the bridge waits for it (drain)."""

    def __init__(self) -> None:
        self.backlog = 0
        self.most_waiting = 0
        self.sent: list[str] = []
        self.drains = 0

    def publish(self, topic: str, payload: str, **kwargs: object) -> bool:
        self.sent.append(topic)
        self.backlog += 1
        self.most_waiting = max(self.most_waiting, self.backlog)
        return True

    async def drain(self, below: int, timeout: float = 10.0) -> None:
        self.drains += 1
        self.backlog = below - 1


def test_a_refresh_of_many_values_waits_for_the_broker_a_window_at_a_time() -> None:
    clock = ManualClock()
    service = BridgeService(BridgeConfig(gateway=[GatewayConfig(url="https://gw", password="-")]), clock=clock)
    link = SlowBroker()
    service.link = link  # type: ignore[assignment]
    values = [(f"pwkit/g/meters/aggregates/site/v{i}", float(i)) for i in range(5 * REFRESH_WINDOW)]
    service.publisher.changes("g", values)

    async def run() -> None:
        timer = asyncio.create_task(service._refresh())
        await clock.advance(service.publisher.refresh_interval)
        for _ in range(50):
            await asyncio.sleep(0)
        timer.cancel()

    asyncio.run(run())
    assert sorted(link.sent) == sorted(topic for topic, _ in values)  # every value, once
    assert link.most_waiting <= REFRESH_WINDOW
    assert link.drains >= 5
