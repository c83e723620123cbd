"""The bridge's own work per answer, in-process: ``BridgeService.publish_reading`` for each of the fast group's
answers, from the parsed body to the (topic, text) pairs handed to MQTT.

The answers are the fast group's of one simulated gateway, its site 1 s further each round
(``freshness_profile.capture``); the link is a stand-in that only counts, so paho and the broker are apart (they
are the freshness profile's "paho queue" and "socket + broker"). A fresh bridge takes them all in order; the
figure per reading is the median over the answers after the first tenth (the first publish everything),
and the lowest of ``RUNS`` passes.

    .venv/bin/python -m tests.bench.publish_cost
"""

from __future__ import annotations

import json
import statistics
import time
from typing import Any

from pwkit.bridge.config import BridgeConfig, GatewayConfig
from pwkit.bridge.service import BridgeService
from pwkit.client.connection import parse_json

from .freshness_profile import capture

ANSWERS, RUNS = 300, 5


class CountingLink:
    """Stands in for the MQTT link: publications are counted, not sent."""

    def __init__(self) -> None:
        self.published = 0

    def publish(self, topic: str, text: str | bytes, retain: bool = False, **_: Any) -> bool:
        self.published += 1
        return True


def _pass(answers: list[tuple[str, Any]]) -> tuple[dict[str, float], int]:
    service = BridgeService(BridgeConfig(gateway=[GatewayConfig(url="https://gw", password="-")]))
    link = CountingLink()
    service.link, service._announced = link, True  # type: ignore[assignment]
    worker = service.workers[0]
    took: dict[str, list[float]] = {}
    for path, body in answers:
        started = time.perf_counter()
        service.publish_reading(worker, path, body)
        took.setdefault(path, []).append((time.perf_counter() - started) * 1e6)
    return {path: statistics.median(values[len(values) // 10 :]) for path, values in took.items()}, link.published


def run(answers: int = ANSWERS) -> dict[str, Any]:
    parsed = [(path, parse_json(body, "https://gw", f"GET {path}", 200)) for path, body in capture(answers)]
    passes = [_pass(parsed) for _ in range(RUNS)]
    per_answer = {path: min(p[0][path] for p in passes) for path in passes[0][0]}
    return {"answers": len(parsed), "runs": RUNS, "publish_reading_us": per_answer, "messages": passes[0][1]}


def summary(result: dict[str, Any]) -> str:
    return "; ".join(f"{path} {us:.0f} µs" for path, us in result["publish_reading_us"].items())


def main() -> None:
    result = run()
    print(summary(result))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
