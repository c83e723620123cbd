"""The bridge's figures: poll cycle at 150 ms latency, CPU per 1,000 messages, messages per simulated hour."""

from __future__ import annotations

import asyncio
import json
import re
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from powerwall_client.pwkit_operations import OPERATIONS, POLL_GROUPS
from pwkit.bridge.config import BridgeConfig, BridgeSettings, GatewayConfig
from pwkit.bridge.service import BridgeService
from pwkit.bridge.topics import reading_topic
from pwkit.client.clock import ManualClock
from pwkit.client.connection import ConnectionOptions, Gateway

from ..brokers import Mosquitto, Observer, RunningBridge
from ..simulators import EMAIL, PASSWORD, RunningSimulator, login, make_app
from .report import process_usage

LATENCY_MS = 150
CYCLES = 5


# The gateway model of the poll-cycle bench. Latency: FACTS, "meters/aggregates averages about 145 ms"
# (applied to every endpoint: inferred, vitals is faster, composite calls slower). Parallelism: FACTS says
# only that "aggressive or parallel polling has overloaded gateways"; how many requests one serves at
# once is not on record, so the limit of 1 is inferred, and the unlimited model is shown beside it.
GATEWAY_LATENCY_MS = 145
GATEWAY_MAX_PARALLEL = 1
# Home Assistant's powerwall integration (homeassistant/components/powerwall/__init__.py,
# _fetch_powerwall_data): these tesla_powerwall calls, awaited one after another on one keep-alive session.
HA_CALLS = (
    "get_backup_reserve_percentage",  # GET /api/operation
    "get_charge",  # GET /api/system_status/soe
    "get_sitemaster",  # GET /api/sitemaster
    "get_meters",  # GET /api/meters/aggregates
    "is_grid_services_active",  # GET /api/system_status/grid_status
    "get_grid_status",  # GET /api/system_status/grid_status
    "get_batteries",  # GET /api/system_status
)
HA_PATHS = (
    "/api/operation",
    "/api/system_status/soe",
    "/api/sitemaster",
    "/api/meters/aggregates",
    "/api/system_status/grid_status",
    "/api/system_status",
)


def poll_cycle() -> dict[str, Any]:
    """Cycle times against a gateway that serves a limited number of requests at once, same run.

    For each gateway model: the bridge's fast group through the connection layer (its concurrency
    bound), the readings Home Assistant fetches fetched the bridge's way, and Home Assistant's own
    sequence run by tesla_powerwall unmodified. The simulator reports how many requests it held and
    served at once.
    """
    fast = [op.path for op in OPERATIONS if op.is_reading and op.poll == "fast"]
    concurrency = BridgeConfig().max_concurrency
    results: dict[str, Any] = {
        "latency_ms": GATEWAY_LATENCY_MS,
        "concurrency": concurrency,
        "fast_requests": len(fast),
        "ha_requests": len(HA_CALLS),
        "bridge_requests_for_ha_readings": len(HA_PATHS),
    }
    with tempfile.TemporaryDirectory() as tmp:
        sim = RunningSimulator(Path(tmp) / "sim", "--latency-ms", str(GATEWAY_LATENCY_MS))
        try:
            for model, limit in (("limited", GATEWAY_MAX_PARALLEL), ("unlimited", 0)):
                sim.control("POST", "/sites/0/faults", {"max_parallel": limit})
                results[model] = _cycles(sim, fast, concurrency, Path(tmp) / model)
                results[model]["max_parallel"] = limit
        finally:
            sim.stop()
    return results


def _cycles(sim: RunningSimulator, fast: list[str], concurrency: int, state: Path) -> dict[str, Any]:
    from tesla_powerwall import Powerwall

    def peaks() -> dict[str, int]:
        stats = sim.stats()
        sim.control("DELETE", "/sites/0/stats")
        return {"in_flight": stats["peak_in_flight"], "in_service": stats["peak_in_service"]}

    async def measure() -> dict[str, Any]:
        options = ConnectionOptions(state_dir=state, max_concurrency=concurrency)
        out: dict[str, Any] = {}
        async with Gateway(sim.url, password=PASSWORD, email=EMAIL, options=options) as gw:
            await gw.login()
            await asyncio.gather(*(gw.get_json(p) for p in HA_PATHS))  # connections up
            peaks()
            for name, paths in (("bridge_fast", fast), ("bridge_ha_readings", list(HA_PATHS))):
                times = []
                for _ in range(CYCLES):
                    started = time.perf_counter()
                    await asyncio.gather(*(gw.get_json(p) for p in paths))
                    times.append(time.perf_counter() - started)
                out[name] = {"ms": statistics.median(times) * 1000, "peak": peaks()}
        powerwall = Powerwall(sim.url, verify_ssl=False)
        try:
            await powerwall.login(PASSWORD, EMAIL)
            await powerwall.get_charge()
            peaks()
            times = []
            for _ in range(CYCLES):
                started = time.perf_counter()
                for call in HA_CALLS:
                    await getattr(powerwall, call)()
                times.append(time.perf_counter() - started)
            out["home_assistant"] = {"ms": statistics.median(times) * 1000, "peak": peaks()}
        finally:
            await powerwall.close()
        return out

    result = asyncio.run(measure())
    result["ha_over_bridge"] = result["home_assistant"]["ms"] / result["bridge_ha_readings"]["ms"]
    result["fast_over_latency"] = result["bridge_fast"]["ms"] / GATEWAY_LATENCY_MS
    return result


def cpu_per_message(seconds: float = 20.0) -> dict[str, Any]:
    """The bridge process's CPU time per 1,000 messages it publishes, and its resident memory.

    Every value is published on every poll (refresh_interval = 1 s, the fast interval), so the
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
refresh_interval = 1
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


class _SubscriberLink:
    """Where the bridge's publishes go in the traffic count: counted, and held as a subscriber would hold them."""

    knows_retain_flag = True

    def __init__(self) -> None:
        self.count = 0
        self.held: dict[str, str] = {}

    def publish(self, topic: str, payload: Any, **kwargs: Any) -> None:
        self.count += 1
        self.held[topic] = payload.decode() if isinstance(payload, bytes) else str(payload)


# What a subscriber accepts as "holding the value", stated apart from the publisher's deadband table
# (pwkit.bridge.publisher.DEFAULT_DEADBANDS) and never read from it: a number within this absolute
# distance of what the gateway served at that instant, else a miss. Keys match the leaf's last level.
TOLERANCE: tuple[tuple[str, float], ...] = (
    (r"(?i)energy", 10.0),  # Wh: counters and stores; 10 Wh is what an energy dashboard resolves
    (r"(?i)freq|^f_|_f$", 0.05),  # Hz
    (r"(?i)voltage|^v_|^vl|_v$", 1.0),  # V
    (r"(?i)current$|^i_|_i$", 0.2),  # A
    (r"(?i)power|^p_|^q_|reactive|apparent", 20.0),  # W, VAr, per phase too; 20 W is lamp noise
    (r"(?i)percentage$|^soe$", 0.1),  # %
)
# Values that move every poll by design (timestamps, uptimes) are held stale for at most this long:
# one refresh interval plus one slow poll.
STALE_PATTERN = r"(?i)time$|timestamp|up_time|Time$"


def _served_leaves(value: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    """Every scalar a gateway answer holds, under the topic the README documents for it."""
    from pwkit.bridge.topics import item_key, topic_safe

    if isinstance(value, dict):
        for key, child in value.items():
            yield from _served_leaves(child, f"{prefix}/{topic_safe(str(key))}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _served_leaves(child, f"{prefix}/{item_key(child, index)}")
    else:
        yield prefix, value


READINGS = [op.path for op in OPERATIONS if op.is_reading and op.poll and "{" not in op.path]


class MissDetector:
    """At every instant, every value the simulator served against what a subscriber holds."""

    def __init__(self, link: _SubscriberLink, stale_limit: float) -> None:
        self.link = link
        self.stale_limit = stale_limit
        self.checks = 0
        self.misses: Counter[str] = Counter()
        self._served_at: dict[tuple[str, str], float] = {}
        self._rules = [(re.compile(p), t) for p, t in TOLERANCE]
        self._stale = re.compile(STALE_PATTERN)

    def tolerance(self, topic: str) -> float:
        key = topic.rsplit("/", 1)[-1]
        return next((t for pattern, t in self._rules if pattern.search(key)), 0.0)

    def check(self, now: float, base: str, body: Any) -> None:
        from pwkit.bridge.topics import owned_below

        # A value inside another reading's path is that reading's topic (TOPICS.md: one topic, one payload kind).
        owned = [f"{base}/{sub}" for sub in owned_below("/api/" + base.split("/", 2)[2], READINGS)]
        for topic, value in _served_leaves(body, base):
            if any(topic == o or topic.startswith(o + "/") for o in owned):
                continue
            text = json.dumps(value) if not isinstance(value, str) else (value or '""')
            self._served_at[(topic, text)] = now
            self.checks += 1
            held = self.link.held.get(topic)
            if held is None:
                self.misses[topic] += 1
            elif self._stale.search(topic.rsplit("/", 1)[-1]):
                if now - self._served_at.get((topic, held), float("-inf")) > self.stale_limit:
                    self.misses[topic] += 1
            elif isinstance(value, int | float) and not isinstance(value, bool):
                try:
                    if abs(float(json.loads(held)) - value) > self.tolerance(topic):
                        self.misses[topic] += 1
                except (ValueError, TypeError):
                    self.misses[topic] += 1
            elif held != text:
                self.misses[topic] += 1


def traffic(hours: float = 24.0, *, deadbands: dict[str, float | str] | None = None) -> dict[str, Any]:
    """Messages over simulated time with on-change publishing, against publishing every poll.

    One :class:`~pwkit.client.clock.ManualClock` drives the bridges' refresh timers and the
    simulated site alike, so the 300 s refresh fires as often as in a real day.
    """
    app = make_app(speed=0.0, seed=3)
    return asyncio.run(_traffic(app, login(app)["Authorization"], hours, deadbands or {}))


async def _traffic(app: Any, token: str, hours: float, deadbands: dict[str, float | str]) -> dict[str, Any]:
    clock = ManualClock()
    config = BridgeConfig(
        gateway=[GatewayConfig(url="https://powerwall", password="-")], bridge=BridgeSettings(deadbands=deadbands)
    )
    on_change, every_poll = BridgeService(config, clock=clock), BridgeService(config, clock=clock)
    every_poll.publisher.refresh_interval = 0.0  # a full refresh on every poll is publish-every-poll
    sinks = {"on_change": _SubscriberLink(), "every_poll": _SubscriberLink()}
    on_change.link, every_poll.link = sinks["on_change"], sinks["every_poll"]  # type: ignore[assignment]
    for service in (on_change, every_poll):
        service.workers[0].id = "bench"
    groups = {
        g: [op.path for op in OPERATIONS if op.is_reading and op.poll == g and "{" not in op.path] for g in POLL_GROUPS
    }
    step = POLL_GROUPS["fast"]
    detector = MissDetector(sinks["on_change"], on_change.publisher.refresh_interval + max(POLL_GROUPS.values()))
    # The periodic full publication is the bridge's own timer, on the same manual clock.
    refresher = asyncio.create_task(on_change._refresh())

    async def no_send(message: dict[str, Any]) -> None:
        return None

    for tick in range(int(hours * 3600 / step)):
        now = tick * step
        await clock.advance_to(now)
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
                detector.check(now, reading_topic("pwkit", "bench", path), body)
    refresher.cancel()
    refreshes = on_change.publisher.refreshes
    return {
        "simulated_hours": hours,
        "messages_on_change": sinks["on_change"].count,
        "messages_every_poll": sinks["every_poll"].count,
        "reduction": sinks["every_poll"].count / max(1, sinks["on_change"].count),
        "refreshes": refreshes,
        "checks": detector.checks,
        "missed": sum(detector.misses.values()),
        "missed_topics": dict(detector.misses.most_common(5)),
    }


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
        config = _bridge_config(broker, [sim.site()], "fast = 0.25\nnormal = 60\nslow = 3600")
        bridge = RunningBridge(root / "bridge", config, env={"PWKIT_PASSWORD": PASSWORD})
        try:
            deadline = time.monotonic() + 30 + samples * 0.35
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


def scale(counts: tuple[int, ...] = (1, 10, 100), seconds: float = 60.0) -> dict[str, Any]:
    """One bridge with N simulated gateways at the default 5 s fast interval: CPU, memory, late cycles.

    The window starts once every gateway has answered two fast cycles (start-up, with its logins,
    discovery and first slow poll, is not steady state) and lasts 60 s, so it holds one normal poll.
    Cycles and late cycles are counted within the window, from the bridge's stats reports.
    """
    results = {}
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            sim = RunningSimulator(root / "sim", "--sites", str(count))
            broker = Mosquitto(root / "mqtt")
            observer = Observer(broker, ["pwkit/bridge/stats"])
            config = _bridge_config(broker, sim.description["sites"], "fast = 5\nnormal = 60\nslow = 3600")
            bridge = RunningBridge(root / "bridge", config, env={"PWKIT_PASSWORD": PASSWORD})

            def settled(message: Any, count: int = count) -> bool:
                gateways = json.loads(message.payload)["gateways"].values()
                return len(gateways) == count and all(g["available"] and g["cycles"]["fast"] >= 2 for g in gateways)

            try:
                first = observer.wait_for("pwkit/bridge/stats", settled, timeout=180)
                cpu0, _ = process_usage(bridge.process.pid)
                wall0 = time.monotonic()
                time.sleep(seconds)
                cpu1, rss = process_usage(bridge.process.pid)
                wall = time.monotonic() - wall0
                # The first stats report after the window (one comes every stats_interval, 10 s).
                last = observer.wait_for("pwkit/bridge/stats", lambda m, end=wall0 + wall: m.at >= end, timeout=60)
            finally:
                bridge.stop()
                observer.close()
                broker.stop()
                sim.stop()
        before, after = (json.loads(m.payload)["gateways"] for m in (first, last))
        cpu_share = (cpu1 - cpu0) / wall
        results[str(count)] = {
            "cpu_percent_of_a_core": cpu_share * 100,
            "cpu_percent_per_gateway": cpu_share * 100 / count,
            "rss_mib": rss / 2**20,
            "window_seconds": round(wall),
            "fast_cycles": sum(g["cycles"]["fast"] - before[k]["cycles"]["fast"] for k, g in after.items()),
            "late_fast_cycles": sum(
                g["late_cycles"]["fast"] - before[k]["late_cycles"]["fast"] for k, g in after.items()
            ),
            "gateways_available": sum(1 for g in after.values() if g["available"]),
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
