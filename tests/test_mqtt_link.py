"""The MQTT link's own connection loop (unit edge cases; a real broker's restarts and absence are in
tests/faults/test_faults.py and tests/test_mqtt_protocols.py)."""

from __future__ import annotations

import asyncio

import pytest

from pwkit.bridge import mqtt as link_module
from pwkit.bridge.config import MqttConfig
from pwkit.bridge.mqtt import Inbound, MqttLink


def test_an_unforeseen_error_while_connecting_is_followed_by_another_attempt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever a connection attempt raises, the link tries again with backoff: it never stops for good."""
    monkeypatch.setattr(link_module, "RECONNECT_MIN", 0.01)

    async def go() -> None:
        link = MqttLink(
            MqttConfig(url="mqtt://127.0.0.1:1"),
            will_topic="p/s",
            will_payload="x",
            subscriptions=[],
            loop=asyncio.get_running_loop(),
            inbox=asyncio.Queue[Inbound](),
        )
        attempts: list[int] = []

        def reconnect() -> None:
            attempts.append(1)
            raise RuntimeError("nobody foresaw this")

        link._client.reconnect = reconnect  # type: ignore[method-assign]
        link.start()
        await asyncio.sleep(0.3)
        link._stopping = True
        assert len(attempts) >= 3, attempts
        assert link.connect_failures == len(attempts)

    asyncio.run(go())
