"""The bridge's figures: poll cycle at 150 ms latency, CPU per 1,000 messages, messages per simulated hour."""

from __future__ import annotations

import asyncio
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from powerwall_client.pwkit_operations import OPERATIONS, POLL_GROUPS
from pwkit.bridge.config import BridgeConfig, GatewayConfig
from pwkit.bridge.service import BridgeService
from pwkit.client.connection import ConnectionOptions, Gateway

from ..brokers import Mosquitto, Observer, RunningBridge
from ..simulators import EMAIL, PASSWORD, RunningSimulator, login, make_app
from .report import process_usage

LATENCY_MS = 150
CYCLES = 5


def poll_cycle() -> dict[str, Any]:
    """One fast cycle (the bridge's concurrency bound) against the same requests one after another."""
    fast = [op.path for op in OPERATIONS if op.is_reading and op.poll == "fast"]
    with tempfile.TemporaryDirectory() as tmp:
        sim = RunningSimulator(Path(tmp) / "sim", "--latency-ms", str(LATENCY_MS))
        try:

            async def measure() -> tuple[list[float], list[float]]:
                options = ConnectionOptions(
                    state_dir=Path(tmp) / "state", max_concurrency=BridgeConfig().max_concurrency
                )
                async with Gateway(sim.url, password=PASSWORD, email=EMAIL, options=options) as gw:
                    await gw.login()
                    await asyncio.gather(*(gw.get_json(p) for p in fast))  # connections up
                    cycles, sequential = [], []
                    for _ in range(CYCLES):
                        started = time.perf_counter()
                        await asyncio.gather(*(gw.get_json(p) for p in fast))
                        cycles.append(time.perf_counter() - started)
                        started = time.perf_counter()
                        for path in fast:
                            await gw.get_json(path)
                        sequential.append(time.perf_counter() - started)
                    return cycles, sequential

            cycles, sequential = asyncio.run(measure())
        finally:
            sim.stop()
    cycle, seq = statistics.median(cycles), statistics.median(sequential)
    return {
        "fast_endpoints": len(fast),
        "concurrency": BridgeConfig().max_concurrency,
        "cycle_ms_median": cycle * 1000,
        "sequential_ms_median": seq * 1000,
        "cycle_over_latency": cycle * 1000 / LATENCY_MS,
        "sequential_over_cycle": seq / cycle,
    }


def cpu_per_message(seconds: float = 20.0) -> dict[str, Any]:
    """The bridge process's CPU time per 1,000 messages it publishes, and its resident memory.

    Every value is published on every poll (refresh_interval = 0), so the
    figure is dominated by publishing, not by waiting for changes.
    """
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sim = RunningSimulator(root / "sim", "--speed", "600")  # values change every poll
        broker = Mosquitto(root / "mqtt")
        observer = Observer(broker, ["pwkit/#"])
        body = f"""
[mqtt]
url = "{broker.url}"
[bridge]
refresh_interval = 0
[bridge.poll]
fast = 1
normal = 5
slow = 30
[[gateway]]
url = "{sim.url}"
name = "bench"
email = "{EMAIL}"
"""
        bridge = RunningBridge(root / "bridge", body, env={"PWKIT_PASSWORD": PASSWORD})
        try:
            observer.wait_for("pwkit/bench/availability", lambda m: m.text == "online", timeout=30)
            time.sleep(3)  # past start-up
            cpu0, _ = process_usage(bridge.process.pid)
            count0 = len(observer.messages)
            time.sleep(seconds)
            cpu1, rss = process_usage(bridge.process.pid)
            messages = len(observer.messages) - count0
        finally:
            bridge.stop()
            observer.close()
            broker.stop()
            sim.stop()
    return {
        "messages": messages,
        "seconds": seconds,
        "cpu_seconds": cpu1 - cpu0,
        "cpu_ms_per_1000_messages": (cpu1 - cpu0) * 1000 / max(messages, 1) * 1000,
        "rss_mib": rss / 2**20,
    }


class _CountingLink:
    """Where the bridge's publishes go in the traffic count: counted, not sent."""

    knows_retain_flag = True

    def __init__(self) -> None:
        self.count = 0

    def publish(self, topic: str, payload: Any, **kwargs: Any) -> None:
        self.count += 1


def traffic(hours: float = 24.0) -> dict[str, Any]:
    """Messages over simulated time with on-change publishing, against publishing every poll."""
    app = make_app(speed=0.0, seed=3)
    return asyncio.run(_traffic(app, login(app)["Authorization"], hours))


async def _traffic(app: Any, token: str, hours: float) -> dict[str, Any]:
    config = BridgeConfig(gateway=[GatewayConfig(url="https://powerwall", password="-")])
    on_change, every_poll = BridgeService(config), BridgeService(config)
    every_poll.publisher.refresh_interval = 0.0  # a full refresh on every poll is publish-every-poll
    sinks = {"on_change": _CountingLink(), "every_poll": _CountingLink()}
    on_change.link, every_poll.link = sinks["on_change"], sinks["every_poll"]  # type: ignore[assignment]
    for service in (on_change, every_poll):
        service.workers[0].id = "bench"
    groups = {
        g: [op.path for op in OPERATIONS if op.is_reading and op.poll == g and "{" not in op.path] for g in POLL_GROUPS
    }
    step = POLL_GROUPS["fast"]
    missed = 0
    last: dict[str, float] = {}

    async def no_send(message: dict[str, Any]) -> None:
        return None

    for tick in range(int(hours * 3600 / step)):
        now = tick * step
        app.site.clock.advance(step)
        for group, interval in POLL_GROUPS.items():
            if now % interval:
                continue
            for path in groups[group]:
                # The simulator's own request handling, without the network: a day takes seconds.
                answer = await app.answer("GET", path, {"authorization": token}, b"", no_send)
                if answer.status != 200 or answer.content_type != "application/json":
                    continue
                body = json.loads(answer.body)
                for service in (on_change, every_poll):
                    service.publish_reading(service.workers[0], path, body)
                missed += _missed_changes(on_change, path, body, last)
    return {
        "simulated_hours": hours,
        "messages_on_change": sinks["on_change"].count,
        "messages_every_poll": sinks["every_poll"].count,
        "reduction": sinks["every_poll"].count / max(1, sinks["on_change"].count),
        "changes_beyond_deadband_missed": missed,
    }


def _missed_changes(service: BridgeService, path: str, body: Any, last: dict[str, float]) -> int:
    """Numbers that moved past their deadband since last published, yet are not what is published now."""
    from pwkit.bridge.topics import leaves, payload, reading_topic

    missed = 0
    for topic, value in leaves(body, reading_topic("pwkit", "bench", path)):
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        deadband = service.publisher.deadbands.of(topic)
        if deadband == "refresh":
            continue
        previous = last.get(topic)
        if (previous is None or abs(value - previous) >= float(deadband)) and service.publisher.published.get(
            topic
        ) != payload(value):
            missed += 1
        if service.publisher.published.get(topic) == payload(value):
            last[topic] = float(value)
    return missed


def _bridge_config(broker: Mosquitto, sites: list[dict[str, Any]], poll: str, refresh: float = 300) -> str:
    gateways = "".join(
        f'\n[[gateway]]\nurl = "{site["url"]}"\nname = "g{site["index"]}"\nemail = "{EMAIL}"\nca = "{site["ca"]}"\n'
        for site in sites
    )
    return f'[mqtt]\nurl = "{broker.url}"\n[bridge]\nrefresh_interval = {refresh}\n[bridge.poll]\n{poll}\n{gateways}'


def freshness(samples: int = 150) -> dict[str, Any]:
    """From the simulator sending a changed value to a subscriber holding it, the gateway latency excluded.

    The simulator stamps the value with its send time on the monotonic clock,
    which every process of one machine shares.
    """
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sim = RunningSimulator(root / "sim", "--latency-ms", str(LATENCY_MS))
        broker = Mosquitto(root / "mqtt")
        topic = "pwkit/g0/meters/aggregates/site/sent_at"
        observer = Observer(broker, [topic])
        sim.control("POST", "/sites/0/override", {"path": "/api/meters/aggregates", "stamp": "site.sent_at"})
        config = _bridge_config(broker, [sim.site()], "fast = 0.2\nnormal = 60\nslow = 3600")
        bridge = RunningBridge(root / "bridge", config, env={"PWKIT_PASSWORD": PASSWORD})
        try:
            deadline = time.monotonic() + 30 + samples * 0.3
            while len(observer.on(topic)) < samples + 5 and time.monotonic() < deadline:
                time.sleep(0.2)
            delays = [(m.at - float(m.text)) * 1000 for m in observer.on(topic)[5:]]
        finally:
            bridge.stop()
            observer.close()
            broker.stop()
            sim.stop()
    delays.sort()
    return {
        "samples": len(delays),
        "median_ms": statistics.median(delays),
        "p99_ms": delays[min(len(delays) - 1, int(len(delays) * 0.99))],
        "max_ms": delays[-1],
        "gateway_latency_ms": LATENCY_MS,
    }


def scale(counts: tuple[int, ...] = (1, 10, 100), warmup: float = 15.0, seconds: float = 30.0) -> dict[str, Any]:
    """One bridge with N simulated gateways at the default 5 s fast interval: CPU, memory, late cycles."""
    results = {}
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            sim = RunningSimulator(root / "sim", "--sites", str(count))
            broker = Mosquitto(root / "mqtt")
            observer = Observer(broker, ["pwkit/bridge/stats"])
            config = _bridge_config(broker, sim.description["sites"], "fast = 5\nnormal = 60\nslow = 3600")
            bridge = RunningBridge(root / "bridge", config, env={"PWKIT_PASSWORD": PASSWORD})
            try:
                time.sleep(warmup)
                cpu0, _ = process_usage(bridge.process.pid)
                wall0 = time.monotonic()
                time.sleep(seconds)
                cpu1, rss = process_usage(bridge.process.pid)
                wall = time.monotonic() - wall0
                recent = wall0 + seconds - 10
                report = observer.wait_for("pwkit/bridge/stats", lambda m, recent=recent: m.at >= recent, timeout=15)
                stats = json.loads(report.payload)["gateways"]
            finally:
                bridge.stop()
                observer.close()
                broker.stop()
                sim.stop()
        cpu_share = (cpu1 - cpu0) / wall
        results[str(count)] = {
            "cpu_percent_of_a_core": cpu_share * 100,
            "cpu_percent_per_gateway": cpu_share * 100 / count,
            "rss_mib": rss / 2**20,
            "fast_cycles": sum(g["cycles"]["fast"] for g in stats.values()),
            "late_fast_cycles": sum(g["late_cycles"]["fast"] for g in stats.values()),
            "gateways_available": sum(1 for g in stats.values() if g["available"]),
        }
    return results


def run() -> dict[str, Any]:
    return {
        "poll_cycle": poll_cycle(),
        "freshness": freshness(),
        "cpu": cpu_per_message(),
        "scale": scale(),
        "traffic": traffic(),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
