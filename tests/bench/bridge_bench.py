"""The bridge's figures: poll cycle at 150 ms latency, CPU per 1,000 messages, messages per simulated hour.

One bridge with 1 to 1,000 gateways: tests/bench/gateways.py."""

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
from pwkit.client.clock import ManualClock

from ..brokers import Mosquitto, Observer, RunningBridge
from ..simulators import EMAIL, PASSWORD, RunningSimulator, login, make_app
from . import stop_cleanly_on_sigterm
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
        out: dict[str, Any] = {}
        # The bridge's own poll cycle (GatewayWorker.cycle: the body of its poll loop, publishing included), on
        # the gateway connection the bridge makes from its configuration; the link counts what it would publish.
        config = BridgeConfig(
            gateway=[GatewayConfig(url=sim.url, password=PASSWORD, email=EMAIL, name="bench")],
            bridge=BridgeSettings(state_dir=state, max_concurrency=concurrency),
        )
        service = BridgeService(config)
        service.link = _SubscriberLink()  # type: ignore[assignment]
        worker = service.workers[0]
        worker.id = "bench"
        async with worker.gateway as gw:
            assert gw.options.max_concurrency == concurrency
            await gw.login()
            await worker.cycle(list(HA_PATHS))  # connections up, first publication over
            await worker.cycle(fast)
            peaks()
            for name, paths in (("bridge_fast", fast), ("bridge_ha_readings", list(HA_PATHS))):
                times = []
                for _ in range(CYCLES):
                    started = time.perf_counter()
                    await worker.cycle(paths)
                    times.append(time.perf_counter() - started)
                out[name] = {"ms": statistics.median(times) * 1000, "peak": peaks()}
            # A cycle whose polls failed (logged, and gone on) would time requests without their publishing.
            if service.failures:
                raise RuntimeError(f"the bridge's polls failed during the bench: {dict(service.failures)}")
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
    # Against a gateway serving one request at a time, a cycle of n requests takes at least n × the latency by
    # construction: what the bridge adds over that floor is its own cost (parsing, change detection, publishing).
    served_one_at_a_time = result["bridge_fast"]["peak"]["in_service"] <= 1
    result["fast_floor_ms"] = len(fast) * GATEWAY_LATENCY_MS if served_one_at_a_time else GATEWAY_LATENCY_MS
    result["fast_over_floor_ms"] = result["bridge_fast"]["ms"] - result["fast_floor_ms"]
    return result


def cpu_per_message(seconds: float = 60.0, refresh: float = 20.0) -> dict[str, Any]:
    """The bridge process's CPU time per 1,000 messages at the defaults a user runs, and the refresh apart.

    At the defaults (poll intervals, deadbands, a 300 s refresh that does not fire in the window) with the
    simulator at real speed, the CPU includes the polling and the change detection that publish nothing:
    it is what a message costs a user. The periodic refresh is measured apart: the same window again with
    ``refresh_interval = refresh``; the extra CPU and messages over the refreshes that fired are one
    refresh's cost.
    """
    base = _cpu_window(seconds, None)
    refreshing = _cpu_window(seconds, refresh)
    refreshes = max(1, int(seconds // refresh))
    return {
        **base,
        "cpu_ms_per_1000_messages": base["cpu_seconds"] * 1000 / max(base["messages"], 1) * 1000,
        "refresh_interval": refresh,
        "refreshes": refreshes,
        "refresh_messages": (refreshing["messages"] - base["messages"]) / refreshes,
        "refresh_cpu_ms": (refreshing["cpu_seconds"] - base["cpu_seconds"]) * 1000 / refreshes,
    }


def _cpu_window(seconds: float, refresh: float | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sim = RunningSimulator(root / "sim")
        broker = Mosquitto(root / "mqtt")
        observer = Observer(broker, ["pwkit/#"])
        setting = f"[bridge]\nrefresh_interval = {refresh}\n" if refresh else ""
        body = f"""
[mqtt]
url = "{broker.url}"
{setting}
[[gateway]]
url = "{sim.url}"
name = "bench"
email = "{EMAIL}"
"""
        bridge = RunningBridge(root / "bridge", body, env={"PWKIT_PASSWORD": PASSWORD})
        try:
            observer.wait_for("pwkit/bench/availability", lambda m: m.text == "online", timeout=30)
            # Past start-up: the first publication of every value (and the slow group's first poll) is over.
            time.sleep(5)
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
    return {"messages": messages, "seconds": seconds, "cpu_seconds": cpu1 - cpu0, "rss_mib": rss / 2**20}


class _SubscriberLink:
    """Where the bridge's publishes go in the traffic count: every one counted; held as a subscriber joining
    at that instant would hold them, that is only what the broker retains (Home Assistant after its restart).
    A reading published without retain is never held, and shows as a miss."""

    knows_retain_flag = True

    def __init__(self) -> None:
        self.count = 0
        self.not_retained = 0
        self.held: dict[str, str] = {}

    async def room(self) -> None:
        """A count has room for every message: the bridge never waits for it (MqttLink.room waits for paho's)."""

    def publish(self, topic: str, payload: Any, retain: bool = False, **kwargs: Any) -> None:
        self.count += 1
        text = payload.decode() if isinstance(payload, bytes) else str(payload)
        if not retain:
            self.not_retained += 1
            return
        if text:
            self.held[topic] = text
        else:
            self.held.pop(topic, None)  # an empty retained message clears the topic


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


# The detector's own topic mapping, written from the README's rule and never imported from the bridge
# (pwkit.bridge.topics), so a topic the bridge mis-keys is a miss here: PREFIX/<gateway>/<API path without
# /api/>/<key>/<key>…; a list item by its serial, else by its index; characters MQTT forbids become "_".
SERIAL_KEYS = ("PackageSerialNumber", "serial", "din", "device_serial", "serial_number")
FORBIDDEN = re.compile("[/+#\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _level(key: str) -> str:
    return FORBIDDEN.sub("_", key) or "_"


def _served_leaves(value: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    """Every scalar a gateway answer holds, under the topic the README documents for it."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _served_leaves(child, f"{prefix}/{_level(str(key))}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            serial = next(
                (
                    child[k]
                    for k in SERIAL_KEYS
                    if isinstance(child, dict) and isinstance(child.get(k), str) and child[k]
                ),
                None,
            )
            yield from _served_leaves(child, f"{prefix}/{_level(serial) if serial else index}")
    else:
        yield prefix, value


def _reading_topic(prefix: str, gateway: str, path: str) -> str:
    return f"{prefix}/{gateway}/{path.removeprefix('/api/').strip('/')}"


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
        # A value inside another reading's path is that reading's topic (TOPICS.md: one topic, one payload kind).
        path = "/api/" + base.split("/", 2)[2]
        owned = [_reading_topic("pwkit", "bench", other) for other in READINGS if other.startswith(path + "/")]
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
        # As after bridge/state said online: before that, a bridge keeps its values for the announcement
        # (BridgeService.live), and this loop has no announcement (without it, 0 messages were counted).
        service._announced = True
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
                detector.check(now, _reading_topic("pwkit", "bench", path), body)
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
        "not_retained": sinks["on_change"].not_retained,
        "missed_topics": dict(detector.misses.most_common(5)),
    }


def _bridge_config(broker: Mosquitto, sites: list[dict[str, Any]], poll: str, refresh: float = 300) -> str:
    gateways = "".join(
        f'\n[[gateway]]\nurl = "{site["url"]}"\nname = "g{site["index"]}"\nemail = "{EMAIL}"\nca = "{site["ca"]}"\n'
        for site in sites
    )
    return f'[mqtt]\nurl = "{broker.url}"\n[bridge]\nrefresh_interval = {refresh}\n[bridge.poll]\n{poll}\n{gateways}'


def freshness(samples: int = 150) -> dict[str, Any]:
    """From the answer's last byte leaving the simulator to a subscriber holding the value it carried, the
    gateway latency excluded (it passes before the answer is built).

    The simulator stamps a served value (site/sent_at) with the time on the monotonic clock, which every process
    of one machine shares, and records when the last byte of that answer was written to its socket
    (simulator/stamps.py): the delay is the subscriber's receipt minus that write. Until December 2026 the
    delay was counted from the stamp itself, which is taken as the answer is built, before the simulator's
    HTTP/2 server writes it behind the other answers of the cycle: 1.5–3 ms of the simulator's own time
    (more under load) were counted as the bridge's. The delay from the stamp is still reported beside it
    (``from_stamp``), and the simulator's part (``stamp_to_last_byte``).

    Percentiles: the delays sorted; the median is statistics.median, p99 the value at index int(0.99 × n)
    (nearest rank: the 149th of 150), max the largest.
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
            received = observer.on(topic)[5 : samples + 5]
            written = sim.stats()["stamps_written"]
        finally:
            bridge.stop()
            observer.close()
            broker.stop()
            sim.stop()
    # The bridge publishes the served number's text unchanged: it is the key of its write time.
    timed = [(m.at, float(m.text), written[m.text]) for m in received if m.text in written]
    delays = sorted((at - last_byte) * 1000 for at, _, last_byte in timed)
    from_stamp = sorted((at - stamp) * 1000 for at, stamp, _ in timed)
    simulator = sorted((last_byte - stamp) * 1000 for _, stamp, last_byte in timed)
    return {
        "samples": len(delays),
        "unmatched": len(received) - len(timed),
        **_percentiles(delays),
        "from_stamp": _percentiles(from_stamp),
        "stamp_to_last_byte": _percentiles(simulator),
        "gateway_latency_ms": LATENCY_MS,
    }


def _percentiles(values: list[float]) -> dict[str, float]:
    """Of sorted values: statistics.median, p99 at index int(0.99 × n) (nearest rank), and the largest."""
    return {
        "median_ms": statistics.median(values),
        "p99_ms": values[min(len(values) - 1, int(len(values) * 0.99))],
        "max_ms": values[-1],
    }


def run() -> dict[str, Any]:
    return {
        "poll_cycle": poll_cycle(),
        "freshness": freshness(),
        "cpu": cpu_per_message(),
        "traffic": traffic(),
    }


if __name__ == "__main__":
    stop_cleanly_on_sigterm()
    print(json.dumps(run(), indent=2))
