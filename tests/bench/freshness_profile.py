"""Where the freshness milliseconds go, from an answer's last byte to the broker: each stage timed in-process.

The fast group's answers of one simulated gateway (its site moved 1 s between answers, so values change)
are captured first; each is then taken through the bridge's own steps, timed one by one:

- parse: the body to Python (``parse_json``, as ``Gateway.get_json``);
- split: one leaf per scalar (``topics.leaves``, ``without_owned``);
- round: each value's unit and precision (``rounded``);
- deadband: what changed enough, and its payload text (``Publisher.changes``);
- paho queue: ``MqttLink.publish`` of each change and the whole answer (a real paho client, real mosquitto);
- socket + broker: from the last publish call to a subscriber holding that message.

``--compare`` runs the same answers through the per-value code as it was before (a JSON encoder per value,
the unit and deadband worked out for every value, the pattern scan behind an lru_cache, each key made safe
again on every split), in the same run, and
prints the ratio per stage.

    .venv/bin/python -m tests.bench.freshness_profile --compare
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import json
import re
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from powerwall_client import pwkit_readings
from powerwall_client.pwkit_operations import OPERATIONS
from pwkit.bridge import publisher as publisher_module
from pwkit.bridge import topics
from pwkit.bridge.config import BridgeConfig, GatewayConfig, MqttConfig
from pwkit.bridge.mqtt import Inbound, MqttLink
from pwkit.bridge.publisher import Publisher
from pwkit.bridge.service import BridgeService
from pwkit.bridge.topics import leaves, reading_topic, without_owned
from pwkit.bridge.units import rounded
from pwkit.client.connection import parse_json

from ..brokers import Mosquitto, Observer
from ..simulators import login, make_app

STAGES = ("parse", "split", "round", "deadband", "paho queue", "socket + broker")


def capture(answers: int) -> list[tuple[str, bytes]]:
    """``answers`` rounds of the fast group's JSON answers, the simulated site 1 s further each round."""
    app = make_app(speed=0.0, seed=0)
    token = login(app)["Authorization"]
    fast = [op.path for op in OPERATIONS if op.is_reading and op.poll == "fast" and "{" not in op.path]

    async def no_send(message: dict[str, Any]) -> None:
        return None

    async def go() -> list[tuple[str, bytes]]:
        out = []
        for _ in range(answers):
            app.site.clock.advance(1.0)
            for path in fast:
                answer = await app.answer("GET", path, {"authorization": token}, b"", no_send)
                if answer.status == 200 and answer.content_type == "application/json":
                    out.append((path, answer.body))
        return out

    return asyncio.run(go())


@contextlib.contextmanager
def before() -> Iterator[None]:
    """The per-value code before this change: json.dumps per value, unit and deadband per value, the scan."""
    scan = [
        (re.compile("^" + re.sub(r"<[^>]+>", "[^/]+", re.escape(r.topic)) + "$"), r) for r in pwkit_readings.READINGS
    ]

    @functools.lru_cache(maxsize=16384)
    def find(topic: str) -> pwkit_readings.ReadingInfo | None:
        return next((r for pattern, r in scan if pattern.match(topic)), None)

    def payload(value: Any) -> str:
        return (value or '""') if isinstance(value, str) else topics.dumps(value)

    def rule(self: Publisher, topic: str) -> tuple[str, float | str]:
        from pwkit.bridge.units import unit_of

        return unit_of(topic), self.deadbands.of(topic)

    saved = pwkit_readings.find, topics.payload, publisher_module.Publisher.rule, topics.topic_safe
    pwkit_readings.find, topics.payload = find, payload
    publisher_module.Publisher.rule = rule  # type: ignore[method-assign]
    topics.topic_safe = topics._safe_level.__wrapped__  # each key made safe on every split
    try:
        yield
    finally:
        pwkit_readings.find, topics.payload, publisher_module.Publisher.rule, topics.topic_safe = saved  # type: ignore[method-assign]


def profile(bodies: list[tuple[str, bytes]], broker: Mosquitto, observer: Observer) -> dict[str, float]:
    """Median µs per answer of each stage, through a fresh bridge (its publisher) and a real paho link."""
    config = BridgeConfig(gateway=[GatewayConfig(url="https://gw", password="-")])
    service = BridgeService(config)
    base_of = {path: reading_topic("pwkit", "bench", path) for path, _ in bodies}
    owned = service._owned
    times: dict[str, list[float]] = {stage: [] for stage in STAGES}

    async def go() -> None:
        link = MqttLink(
            MqttConfig(url=broker.url),
            will_topic="pwkit/bridge/state",
            will_payload="offline",
            subscriptions=[],
            loop=asyncio.get_running_loop(),
            inbox=asyncio.Queue[Inbound](),
        )
        link.start()
        while not link.connected:
            await asyncio.sleep(0.05)
        rule = service.publisher.rule
        for path, body in bodies:
            t0 = time.perf_counter()
            value = parse_json(body, "https://gw", f"GET {path}", 200)
            t1 = time.perf_counter()
            base = base_of[path]
            found = without_owned(list(leaves(value, base)), base, owned.get(path, ()))
            t2 = time.perf_counter()
            found = [(topic, rounded(v, rule(topic)[0])) for topic, v in found]
            t3 = time.perf_counter()
            changes = service.publisher.changes(base, found)
            t4 = time.perf_counter()
            for topic, text in changes:
                link.publish(topic, text, retain=True)
            whole = topics.dumps(value)
            link.publish(base, whole, retain=True)
            t5 = time.perf_counter()
            sent = time.monotonic()
            deadline = sent + 2
            while time.monotonic() < deadline and not any(
                m.topic == base and m.at >= sent - 0.001 for m in observer.messages[-5:]
            ):
                await asyncio.sleep(0.0002)
            arrived = max((m.at for m in observer.messages[-5:] if m.topic == base), default=deadline)
            spans = (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, arrived - sent)
            for stage, seconds in zip(STAGES, spans, strict=True):
                times[stage].append(seconds * 1e6)
        await asyncio.to_thread(link.stop, [])

    asyncio.run(go())
    skip = len(times["parse"]) // 10  # the first answers publish everything: not the steady state
    return {stage: statistics.median(values[skip:]) for stage, values in times.items()}


def run(answers: int = 200, compare: bool = False) -> dict[str, Any]:
    bodies = capture(answers)
    with tempfile.TemporaryDirectory() as tmp:
        broker = Mosquitto(Path(tmp) / "mqtt")
        observer = Observer(broker, ["pwkit/bench/#"])
        try:
            result: dict[str, Any] = {"answers": len(bodies), "now_us": profile(bodies, broker, observer)}
            if compare:
                with before():
                    result["before_us"] = profile(bodies, broker, observer)
                result["now_us_again"] = profile(bodies, broker, observer)  # load drifts: after, before, after
        finally:
            observer.close()
            broker.stop()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--answers", type=int, default=200, help="rounds of the fast group's answers")
    parser.add_argument("--compare", action="store_true", help="also the per-value code before, same run")
    args = parser.parse_args()
    r = run(args.answers, args.compare)
    print(f"{r['answers']} answers; median µs per answer")
    columns = ["now_us"] + (["before_us", "now_us_again"] if args.compare else [])
    print(f"{'stage':<16}" + "".join(f"{c:>14}" for c in columns) + ("   before/now" if args.compare else ""))
    for stage in STAGES:
        row = "".join(f"{r[c][stage]:14.1f}" for c in columns)
        if args.compare:
            now = min(r["now_us"][stage], r["now_us_again"][stage])
            row += f"   {r['before_us'][stage] / max(now, 1e-9):8.2f}×"
        print(f"{stage:<16}{row}")
    print(json.dumps(r))


if __name__ == "__main__":
    main()
