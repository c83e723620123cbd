"""The peer, side by side: pwkit's bridge and pypowerwall-server's MQTT publisher on the same simulator.

`make bench` runs this after the other benchmarks (section "peer" of
BENCHMARKS.md). pypowerwall-server (PyPI, pinned below) is installed once into
build/peer-venv; its MQTT publisher is switched on by MQTT_HOST, and its
entry point `pypowerwall-server` (app.main:cli) also serves its HTTP API, as
its users run it. Both poll one simulated gateway at their default intervals
(pwkit: fast 5 s, normal 60 s, slow 3600 s; the peer: PW_CACHE_EXPIRE 5 s)
for the same period, each publishing to the same private mosquitto under
its own prefix, at the same time. What each publishes differs: pwkit every
reading of the local API on change (plus a refresh every 5 minutes), the
peer about 30 summary values on every poll. The figures are per gateway:
messages per hour, CPU (share of one core) and resident memory, with the
ratios pwkit / peer measured in the same run.

    .venv/bin/python -m tests.bench.peer_bench [SECONDS]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pwkit.codegen import paths

from ..brokers import Mosquitto, Observer, RunningBridge, free_port
from ..simulators import EMAIL, PASSWORD, RunningSimulator
from . import report, stop_cleanly_on_sigterm

PEER = "pypowerwall-server==0.13.0"
# Its MQTT publisher imports aiomqtt, which it does not require: it asks for it in its log, so it is installed too.
PEER_EXTRAS = ("aiomqtt>=2.3.0",)
PEER_VENV = paths.REPO / "build" / "peer-venv"


def peer_executable() -> Path:
    """pypowerwall-server's entry point, installed from PyPI into a venv of its own on first use."""
    executable = PEER_VENV / "bin" / "pypowerwall-server"
    marker = PEER_VENV / f".installed-{PEER}-aiomqtt"
    if not marker.exists():
        print(f"  installing {PEER} into {PEER_VENV} (once)…", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run([str(PEER_VENV / "bin" / "pip"), "install", "--quiet", PEER, *PEER_EXTRAS], check=True)
        marker.touch()
    return executable


def run(seconds: float = 300.0) -> dict[str, Any]:
    executable = peer_executable()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sim = RunningSimulator(root / "sim", "--speed", "60")  # values move as over an hour per minute
        broker = Mosquitto(root / "mqtt")
        observer = Observer(broker, ["#"])
        bridge = RunningBridge(
            root / "bridge",
            f'[mqtt]\nurl = "{broker.url}"\n[[gateway]]\nurl = "{sim.url}"\nname = "gw"\nemail = "{EMAIL}"\n',
            env={"PWKIT_PASSWORD": PASSWORD},
        )
        (root / "peer").mkdir()
        peer_log = (root / "peer" / "log").open("w")
        peer = subprocess.Popen(
            [str(executable)],
            cwd=root / "peer",
            stdout=peer_log,
            stderr=subprocess.STDOUT,
            env={
                "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                "HOME": str(root / "peer"),
                "PW_HOST": sim.url.removeprefix("https://"),
                "PW_PASSWORD": PASSWORD,
                "PW_EMAIL": EMAIL,
                "PW_TIMEZONE": "UTC",
                "PW_AUTH_PATH": str(root / "peer"),
                "PW_PORT": str(free_port()),
                "PW_BIND_ADDRESS": "127.0.0.1",
                "MQTT_HOST": "127.0.0.1",
                "MQTT_PORT": str(broker.port),
                "MQTT_TOPIC_PREFIX": "pypowerwall",
            },
        )
        try:
            observer.wait_for("pwkit/gw/availability", lambda m: m.text == "online", timeout=60)
            try:
                observer.wait_for("pypowerwall/#", timeout=90)
            except AssertionError:
                peer_log.flush()
                log = (root / "peer" / "log").read_text()[-3000:]
                raise AssertionError(f"{PEER} published nothing:\n{log}") from None
            time.sleep(10)  # both past their start-up (first full publication, discovery)
            start = len(observer.messages)
            usage0 = {name: report.process_usage(p.pid) for name, p in (("pwkit", bridge.process), ("peer", peer))}
            began = time.monotonic()
            time.sleep(seconds)
            took = time.monotonic() - began
            usage1 = {name: report.process_usage(p.pid) for name, p in (("pwkit", bridge.process), ("peer", peer))}
            window = observer.messages[start:]
        finally:
            peer.terminate()
            try:
                peer.wait(15)
            except subprocess.TimeoutExpired:
                peer.kill()
            peer_log.close()
            bridge.stop()
            observer.close()
            broker.stop()
            sim.stop()
    counts = {
        "pwkit": sum(1 for m in window if m.topic.startswith("pwkit/")),
        "peer": sum(1 for m in window if m.topic.startswith("pypowerwall/")),
    }
    figures: dict[str, Any] = {"seconds": took, "gateways": 1}
    for name in ("pwkit", "peer"):
        figures[name] = {
            "messages_per_hour": counts[name] * 3600 / took,
            "cpu_percent_of_a_core": (usage1[name][0] - usage0[name][0]) * 100 / took,
            "rss_mib": usage1[name][1] / 2**20,
        }
    for key in ("messages_per_hour", "cpu_percent_of_a_core", "rss_mib"):
        figures[f"{key}_ratio"] = figures["pwkit"][key] / max(figures["peer"][key], 1e-9)
    return figures


def summary(r: dict[str, Any]) -> list[str]:
    p, q = r["pwkit"], r["peer"]
    return [
        f"| Messages per hour per gateway | {p['messages_per_hour']:,.0f} | {q['messages_per_hour']:,.0f} "
        f"| {r['messages_per_hour_ratio']:.2f} |",
        f"| CPU per gateway (% of one core) | {p['cpu_percent_of_a_core']:.2f} | {q['cpu_percent_of_a_core']:.2f} "
        f"| {r['cpu_percent_of_a_core_ratio']:.2f} |",
        f"| Resident memory (MiB) | {p['rss_mib']:.0f} | {q['rss_mib']:.0f} | {r['rss_mib_ratio']:.2f} |",
    ]


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 300.0  # one refresh interval of pwkit
    print(f"… the peer side by side: pwkit bridge and {PEER}, {seconds:.0f} s", file=sys.stderr, flush=True)
    result = run(seconds)
    rows = summary(result)
    print("\n".join(rows))
    report.write_section(
        "peer",
        "\n".join(
            [
                "## Against the peer: pypowerwall-server's MQTT publisher",
                "",
                f"Measured by `make bench` (`.venv/bin/python -m tests.bench.peer_bench {seconds:.0f}`) on "
                f"{report.machine()}: both poll one simulated gateway (`pwkit simulate --speed 60`) at their "
                f"default intervals for the same {result['seconds']:.0f} s, at the same time, publishing to one "
                f"private mosquitto. The peer is `{PEER}` from PyPI, its entry point `pypowerwall-server` "
                "(its HTTP API included, as its users run it) with MQTT_HOST set.",
                "pwkit publishes every reading of the local API on change and all again every 5 minutes; the "
                "peer publishes about 30 summary values on every poll. Ratio = pwkit / peer.",
                "",
                "| Per gateway | pwkit bridge | pypowerwall-server | Ratio |",
                "| --- | --- | --- | --- |",
                *rows,
            ]
        ),
    )


if __name__ == "__main__":
    stop_cleanly_on_sigterm()
    main()
