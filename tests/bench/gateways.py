"""One bridge, N simulated gateways at the default intervals, REST and TEDAPI: CPU, RSS, late cycles, start-up.

    .venv/bin/python -m tests.bench.gateways [N ...] [--seconds S] [--rest-only]

For each N: the simulators (``pwkit simulate --sites``, at most SITES_PER_SIMULATOR sites a process, each
process its own sites' serials) serve Powerwall 2 firmware 25.x with TEDAPI on each site's access point;
one ``pwkit bridge`` polls them all at its defaults (REST 5 / 60 / 3600 s, TEDAPI's own budget, basic auth
on the access point) and publishes to a private mosquitto. Measured on the bridge process alone:

- start-up: from starting the bridge to the first reading of the last gateway (its
  ``meters/aggregates/site/instant_power``, as a subscriber receives it);
- CPU: the bridge process's CPU time (/proc: user + system) over a window of wall time, starting once every
  gateway has two fast cycles behind it; per gateway is that divided by N. CPU time, unlike wall time, is
  hardly moved by the other processes of a shared machine;
- the start-up's CPU: the bridge's CPU time from its start to the last gateway's first reading, and how many
  ``bridge/info`` publications went out meanwhile (each describes every gateway);
- RSS at the window's end, and the late fast cycles (a cycle that took longer than its interval) and fast
  cycles of all gateways within the window, from the bridge's own stats reports, as are the garbage
  collector's full collections (scans of the whole heap) within the window.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from tests.brokers import Mosquitto, RunningBridge
from tests.simulators import EMAIL, RunningSimulator

from . import stop_cleanly_on_sigterm
from .report import process_usage

COUNTS = (1, 10, 100, 1000)
SITES_PER_SIMULATOR = 500  # one simulator process serves ~1,300 small answers a second on a core
PASSWORD = "Pw-12345"
STICKER = "SIMULATED-QR-PASSWORD"  # the simulator's default sticker password
FIRMWARE = "pw2-25.x"
FIRST_READING = "meters/aggregates/site/instant_power"


class Watcher:
    """A subscriber that keeps only what the bench needs: each gateway's first reading, and the stats reports."""

    def __init__(self, broker: Mosquitto) -> None:
        self.first: dict[str, float] = {}
        self.infos: list[float] = []  # when each bridge/info came (its payload is not kept: 1,000 gateways' worth)
        self.stats: list[tuple[float, dict[str, Any]]] = []
        self.lock = threading.Lock()
        self.client = mqtt.Client(callback_api_version=CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv5)
        subscribed = threading.Event()
        self.client.on_message = self._record
        self.client.on_subscribe = lambda *args: subscribed.set()
        self.client.on_connect = lambda client, *args: client.subscribe(
            [(f"pwkit/+/{FIRST_READING}", 0), ("pwkit/bridge/+/stats", 0), ("pwkit/bridge/+/info", 0)]
        )
        self.client.connect("127.0.0.1", broker.port)
        self.client.loop_start()
        if not subscribed.wait(10):
            raise RuntimeError("the watcher could not subscribe")

    def _record(self, client: Any, userdata: Any, message: mqtt.MQTTMessage) -> None:
        now = time.monotonic()
        if message.topic.endswith("/info"):
            self.infos.append(now)
        elif message.topic.endswith("/stats"):
            with self.lock:
                self.stats.append((now, json.loads(message.payload)))
        else:
            self.first.setdefault(message.topic.split("/")[1], now)

    def stats_after(self, at: float, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                found = [s for t, s in self.stats if t >= at]
            if found:
                return found[0]
            time.sleep(0.2)
        raise TimeoutError("no stats report from the bridge")

    def close(self) -> None:
        self.client.loop_stop()
        self.client.disconnect()


def _config(broker: Mosquitto, sites: list[dict[str, Any]], tedapi: bool) -> str:
    gateways = "".join(
        f'\n[[gateway]]\nurl = "{s["url"]}"\nname = "g{s["index"]}"\nemail = "{EMAIL}"\nca = "{s["ca"]}"\n'
        + (f'tedapi_url = "{s["access_point"]}"\n' if tedapi else 'tedapi = "off"\n')
        for s in sites
    )
    return f'[mqtt]\nurl = "{broker.url}"\n{gateways}'


def measure(count: int, seconds: float, root: Path, *, tedapi: bool = True) -> dict[str, Any]:
    sims: list[RunningSimulator] = []
    broker = watcher = bridge = None
    try:
        for first in range(0, count, SITES_PER_SIMULATOR):
            sites = min(SITES_PER_SIMULATOR, count - first)
            sims.append(
                RunningSimulator(
                    root / f"sim{first}",
                    *("--sites", str(sites), "--first-site", str(first)),
                    *("--firmware", FIRMWARE, "--customer-password", PASSWORD),
                )
            )
        described = []
        for sim in sims:
            for position, site in enumerate(sim.description["sites"]):
                if tedapi:
                    site["access_point"] = sim.control("GET", f"/sites/{position}/tedapi")["access_point"]["url"]
                described.append(site)
        broker = Mosquitto(root / "mqtt")
        watcher = Watcher(broker)
        started = time.monotonic()
        bridge = RunningBridge(
            root / "bridge",
            _config(broker, described, tedapi),
            env={"PWKIT_PASSWORD": PASSWORD, "PWKIT_TEDAPI_PASSWORD": STICKER},
        )
        deadline = started + 90 + count * 0.09  # 3 minutes at 1,000: three times the goal of 60 s
        while len(watcher.first) < count and time.monotonic() < deadline and bridge.alive():
            time.sleep(0.2)
        startup_cpu, _ = process_usage(bridge.process.pid)  # within 0.2 s of the last first reading
        reached = len(watcher.first)  # by the deadline (more may come later: counted here, not then)
        startup = max(watcher.first.values()) - started if reached == count else None
        infos = sum(1 for at in list(watcher.infos) if at <= started + (startup or 0)) if startup else None

        def settled(stats: dict[str, Any]) -> bool:
            gateways = stats["gateways"].values()
            return len(gateways) == count and all(g["cycles"]["fast"] >= 2 for g in gateways)

        while time.monotonic() < deadline and not any(settled(s) for _, s in list(watcher.stats)):
            time.sleep(0.5)
        before = watcher.stats_after(time.monotonic(), 30)
        cpu0, _ = process_usage(bridge.process.pid)
        wall0 = time.monotonic()
        time.sleep(seconds)
        cpu1, rss = process_usage(bridge.process.pid)
        wall = time.monotonic() - wall0
        after = watcher.stats_after(wall0 + wall, 30)
    finally:
        for thing in (bridge, watcher, broker, *sims):
            if thing is not None:
                thing.close() if isinstance(thing, Watcher) else thing.stop()
    first_cycles, last_cycles = before["gateways"], after["gateways"]
    share = (cpu1 - cpu0) / wall
    return {
        "gateways": count,
        "simulators": len(sims),
        "tedapi": tedapi,
        "startup_to_last_first_reading_s": startup,
        "first_readings": reached,
        "startup_cpu_s": startup_cpu if startup is not None else None,
        "startup_info_publications": infos,
        "cpu_percent_of_a_core": share * 100,
        "cpu_percent_per_gateway": share * 100 / count,
        "rss_mib": rss / 2**20,
        "window_seconds": round(wall),
        "fast_cycles": sum(g["cycles"]["fast"] - first_cycles[k]["cycles"]["fast"] for k, g in last_cycles.items()),
        "late_fast_cycles": sum(
            g["late_cycles"]["fast"] - first_cycles[k]["late_cycles"]["fast"] for k, g in last_cycles.items()
        ),
        "gateways_available": sum(1 for g in last_cycles.values() if g["available"]),
        # Whole-heap scans by the garbage collector within the window (bridge/heap.py).
        "full_collections": after["garbage_collector"]["collections"][2]
        - before["garbage_collector"]["collections"][2],
        "load_average": os.getloadavg()[0],
    }


def run(counts: tuple[int, ...] = COUNTS, seconds: float = 60.0, last_seconds: float = 120.0) -> dict[str, Any]:
    """Each count in turn; the largest (1,000) with a window of ``last_seconds`` (it holds two normal polls)."""
    results = {}
    for count in counts:
        root = Path(tempfile.mkdtemp(prefix=f"pwkit-gateways-{count}-"))
        try:
            results[str(count)] = measure(count, last_seconds if count >= 1000 else seconds, root)
        finally:
            shutil.rmtree(root, ignore_errors=True)
    return results


def summary(results: dict[str, Any]) -> str:
    parts = []
    for n, v in results.items():
        startup = v["startup_to_last_first_reading_s"]
        parts.append(
            f"{n}: {v['cpu_percent_of_a_core']:.1f}% of a core ({v['cpu_percent_per_gateway']:.3f}% per gateway), "
            f"RSS {v['rss_mib']:.0f} MiB, late fast cycles {v['late_fast_cycles']}/{v['fast_cycles']}, "
            f"{v['gateways_available']} online, {v['full_collections']} full collections, "
            "start-up to the last first reading "
            + (
                f"{startup:.0f} s ({v['startup_cpu_s']:.0f} s of CPU, {v['startup_info_publications']} bridge/info)"
                if startup is not None
                else f"not reached ({v['first_readings']} of {n})"
            )
        )
    return "; ".join(parts)


if __name__ == "__main__":
    stop_cleanly_on_sigterm()
    parser = argparse.ArgumentParser()
    parser.add_argument("counts", nargs="*", type=int, default=list(COUNTS))
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--rest-only", action="store_true")
    args = parser.parse_args()
    out = {}
    for n in args.counts:
        directory = Path(tempfile.mkdtemp(prefix=f"pwkit-gateways-{n}-"))
        try:
            out[str(n)] = measure(n, args.seconds, directory, tedapi=not args.rest_only)
        finally:
            shutil.rmtree(directory, ignore_errors=True)
        print(json.dumps(out[str(n)]), flush=True)
    print(summary(out))
