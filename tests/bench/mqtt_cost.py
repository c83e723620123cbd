"""What one publication costs the bridge's process, through its MQTT link to a real mosquitto: QoS 1, as the
bridge publishes every reading, against QoS 0 on the same link (paho's own ``publish``), in the same run.

A gateway's start-up publishes about 770 topics (one simulated Powerwall 2 on firmware 25.x with TEDAPI, the
gateways bench's set-up: its first 70 s counted by a subscriber to ``#``), so a thousand gateways starting
publish about 770,000. This bench publishes ``MESSAGES`` retained readings (short topics, short texts, as a
reading's) as the start-up does, ``room()`` before each answer's worth, and waits until the broker has them
all. The figure is the process's CPU time (user + system) per publication, the link's event loop, paho's
packets and the PUBACKs included; the lowest of ``RUNS`` passes of each.

    .venv/bin/python -m tests.bench.mqtt_cost
"""

from __future__ import annotations

import asyncio
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.brokers import Mosquitto, connected_link

from . import stop_cleanly_on_sigterm

MESSAGES, ANSWER, RUNS = 20_000, 50, 3
STARTUP_TOPICS = 770  # a gateway's start-up publications (see the module's docstring)


async def _pass(broker: Mosquitto, qos: int, messages: int) -> float:
    link = await connected_link(broker, f"cost-{qos}")
    client = link._client  # QoS 0 is paho's own publish on the same connection: the link always asks for QoS 1
    started = time.process_time()
    for first in range(0, messages, ANSWER):
        await link.room()
        for n in range(first, first + ANSWER):
            topic, text = f"pwkit/g{n % 1000}/meters/site/v{n // 1000}", f"{n * 0.1:.1f}"
            if qos:
                link.publish(topic, text, retain=True)
            else:
                client.publish(topic, text, qos=0, retain=True)
        await asyncio.sleep(0)
    while link.backlog or client._out_packet:
        await asyncio.sleep(0.001)
    spent = time.process_time() - started
    link.stop([])
    await asyncio.sleep(0.1)
    return spent / messages


def run(messages: int = MESSAGES) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        broker = Mosquitto(Path(tmp) / "mqtt")
        try:
            qos1 = min(asyncio.run(_pass(broker, 1, messages)) for _ in range(RUNS))
            qos0 = min(asyncio.run(_pass(broker, 0, messages)) for _ in range(RUNS))
        finally:
            broker.stop()
    return {
        "messages": messages,
        "qos1_us_per_publication": qos1 * 1e6,
        "qos0_us_per_publication": qos0 * 1e6,
        "qos1_over_qos0": qos1 / qos0,
        "startup_cpu_s_for_1000_gateways_qos1": qos1 * STARTUP_TOPICS * 1000,
        "startup_cpu_s_for_1000_gateways_qos0": qos0 * STARTUP_TOPICS * 1000,
    }


if __name__ == "__main__":
    stop_cleanly_on_sigterm()
    result = run()
    print(json.dumps(result))
    print(
        f"QoS 1: {result['qos1_us_per_publication']:.1f} µs a publication, QoS 0: "
        f"{result['qos0_us_per_publication']:.1f} µs ({result['qos1_over_qos0']:.1f}×); "
        f"a thousand gateways' start-up ({STARTUP_TOPICS} topics each): "
        f"{result['startup_cpu_s_for_1000_gateways_qos1']:.0f} s of CPU at QoS 1, "
        f"{result['startup_cpu_s_for_1000_gateways_qos0']:.0f} s at QoS 0"
    )
