"""A running bridge notices `pwkit pin URL --reset` and recovers without a restart."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .brokers import Mosquitto, Observer, RunningBridge, free_port
from .simulators import EMAIL, PASSWORD, RunningSimulator

pytestmark = pytest.mark.slow


def test_a_running_bridge_follows_a_re_pin_without_a_restart(tmp_path: Path) -> None:
    port = free_port()
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["pwkit/#"])
    original = RunningSimulator(tmp_path / "a", "--port", str(port))
    config = f"""
[mqtt]
url = "{broker.url}"
discovery = false
[bridge.poll]
fast = 0.5
normal = 1
slow = 2
[[gateway]]
url = "https://127.0.0.1:{port}"
name = "gw"
email = "{EMAIL}"
"""
    bridge = RunningBridge(tmp_path / "bridge", config, env={"PWKIT_PASSWORD": PASSWORD})
    replacement = None
    try:
        observer.wait_for("pwkit/gw/availability", lambda m: m.text == "online", timeout=30)
        original.stop()
        replacement = RunningSimulator(tmp_path / "b", "--port", str(port))  # a replaced gateway: another certificate
        offline = observer.wait_for("pwkit/gw/availability", lambda m: m.text == "offline", timeout=30)
        health = observer.wait_for(
            "pwkit/gw/health", lambda m: "certificate" in (json.loads(m.payload)["offline_reason"] or ""), timeout=30
        )
        # The TLS message is said once for the gateway, not once per endpoint.
        assert not any("certificate" in error for error in json.loads(health.payload)["errors"].values())
        state = tmp_path / "bridge" / "state"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pwkit.cli",
                "pin",
                f"https://127.0.0.1:{port}",
                "--reset",
                "--state-dir",
                str(state),
            ],
            check=True,
            capture_output=True,
            timeout=30,
        )
        observer.wait_for("pwkit/gw/availability", lambda m: m.at > offline.at and m.text == "online", timeout=30)
        assert bridge.alive()
        assert replacement.stats()["logins_ok"] >= 1  # the password went only to the certificate pinned by the user
    finally:
        bridge.stop()
        observer.close()
        broker.stop()
        original.stop()
        if replacement is not None:
            replacement.stop()
