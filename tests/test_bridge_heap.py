"""The bridge process's garbage collector: tuned by `pwkit bridge` (bridge/heap.py) and shown on its stats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pwkit.bridge.heap import THRESHOLDS

from .brokers import Mosquitto, Observer, RunningBridge
from .simulators import RunningSimulator
from .test_hardening import PASSWORD, bridge_config


@pytest.mark.slow
def test_the_bridge_process_runs_with_the_tuned_collector_and_reports_it(tmp_path: Path) -> None:
    """At a thousand gateways the default thresholds scanned the whole heap every second (a third of the
    bridge's CPU, half its cycles late); the stats report lets an operator see the collector at work."""
    sim = RunningSimulator(tmp_path / "sim", "--customer-password", PASSWORD)
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["pwkit/bridge/+/stats"])
    bridge = RunningBridge(
        tmp_path / "bridge",
        bridge_config(broker.url, sim.url, "home"),
        "--stats-interval",
        "1",
        env={"PWKIT_PASSWORD": PASSWORD},
    )
    try:
        stats = observer.wait_for("pwkit/bridge/+/stats", lambda m: True, timeout=40)
        collector = json.loads(stats.payload)["garbage_collector"]
        assert collector["thresholds"] == list(THRESHOLDS)
        young, middle, oldest = collector["collections"]
        assert young >= middle >= 0 and oldest >= 0
    finally:
        bridge.stop()
        observer.close()
        broker.stop()
        sim.stop()
