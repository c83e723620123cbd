"""The soak: one bridge, 10 simulated gateways, 30 minutes; its resident memory sampled every minute.

`make soak` runs the simulated week (`tests.bench.soak_week`) and then this, and writes their section of
BENCHMARKS.md (not CI: it is long). ``PWKIT_SOAK_MINUTES`` shortens this one for a trial run.
It plateaus when the last third of the run grows less than 2 % (and 2 MiB) over its first sample.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from ..brokers import Mosquitto, Observer, RunningBridge
from ..simulators import PASSWORD, RunningSimulator
from . import report, stop_cleanly_on_sigterm
from .bridge_bench import _bridge_config
from .report import process_usage

GATEWAYS = 10


def plateau(samples: list[tuple[float, float]], duration: float) -> dict[str, Any]:
    """The plateau rule on (time, RSS MiB) samples over ``duration`` (same unit as the times).

    It plateaus when the last third grows less than 2 % (and 2 MiB) over its first sample.
    """
    tail = [rss for at, rss in samples if at >= duration * 2 / 3] or [samples[-1][1]]
    growth = tail[-1] - tail[0]
    return {
        "rss_first_mib": samples[0][1],
        "rss_last_mib": samples[-1][1],
        "last_third_growth_mib": growth,
        "plateau": growth < max(2.0, 0.02 * tail[0]),
    }


def run(minutes: float | None = None, every: float = 60.0) -> dict[str, Any]:
    minutes = minutes if minutes is not None else float(os.environ.get("PWKIT_SOAK_MINUTES", "30"))
    samples: list[tuple[float, float]] = []  # (minutes since start, RSS MiB)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        # 60× speed: readings move as on a live site, so the bridge publishes all the time.
        sim = RunningSimulator(root / "sim", "--sites", str(GATEWAYS), "--speed", "60")
        broker = Mosquitto(root / "mqtt")
        observer = Observer(broker, ["pwkit/bridge/+/stats"])
        config = _bridge_config(broker, sim.description["sites"], "fast = 1\nnormal = 10\nslow = 60")
        bridge = RunningBridge(root / "bridge", config, env={"PWKIT_PASSWORD": PASSWORD})
        try:
            started = time.monotonic()
            time.sleep(min(every, minutes * 60))  # the first sample after a minute of work, not at exec
            while (elapsed := time.monotonic() - started) <= minutes * 60:
                _, rss = process_usage(bridge.process.pid)
                samples.append((elapsed / 60, rss / 2**20))
                print(f"  soak {elapsed / 60:5.1f} min: RSS {rss / 2**20:.1f} MiB", flush=True)
                time.sleep(min(every, max(0.0, minutes * 60 - elapsed)) or every)
            stats = json.loads(observer.wait_for("pwkit/bridge/+/stats", timeout=15).payload)
        finally:
            bridge.stop()
            observer.close()
            broker.stop()
            sim.stop()
    return {
        "gateways": GATEWAYS,
        "minutes": minutes,
        "rss_mib": [round(rss, 1) for _, rss in samples],
        **plateau(samples, minutes),
        "messages_published": stats.get("messages_published"),
        "gateways_available": sum(1 for g in stats["gateways"].values() if g["available"]),
    }


def main() -> None:
    """`make soak`: the simulated week, then the real-time soak; writes their section of BENCHMARKS.md.

    ``PWKIT_SOAK_DAYS`` shortens the week (0 skips it), ``PWKIT_SOAK_MINUTES`` the real-time run (0 skips it).
    """
    from . import soak_week

    load_at_start = os.getloadavg()[0]
    lines = ["## Soak", ""]
    results: dict[str, Any] = {}
    if float(os.environ.get("PWKIT_SOAK_DAYS", "7")) > 0:
        w = results["week"] = soak_week.run()
        lines += [
            "**A simulated week** (`.venv/bin/python -m tests.bench.soak_week`): one bridge, "
            f"{w['gateways']} simulated gateways, every poll group at its default interval and the 300 s full "
            f"refresh, all on one simulated clock: {w['simulated_days']:g} days in {w['wall_seconds'] / 60:.0f} "
            "minutes. The bridge's own code runs "
            "unchanged; its publications go to a counting sink (paho and the broker are the real-time run's). Resident "
            "memory read from /proc every simulated hour; it plateaus when the last third grows less than 2 % "
            "(and 2 MiB).",
            "",
            f"RSS {w['rss_first_mib']:.0f} → {w['rss_last_mib']:.0f} MiB; last third "
            f"{w['last_third_growth_mib']:+.1f} MiB: **{'plateaus' if w['plateau'] else 'still growing'}**; "
            f"{w['messages_published']} messages, {w['refreshes']} refreshes. The rule's break experiment: "
            "`.venv/bin/python -m tests.bench.breaks.figures` "
            "(a publisher that keeps every publication must be caught).",
            "",
        ]
    minutes = float(os.environ.get("PWKIT_SOAK_MINUTES", "30"))
    if minutes > 0:
        r = results["real_time"] = run(minutes)
        lines += [
            f"**Real time** (`.venv/bin/python -m tests.bench.soak`): one bridge, {r['gateways']} simulated gateways "
            "(fast poll 1 s, the site at 60× speed), a real mosquitto, its resident memory read from /proc every "
            f"minute for {r['minutes']:.0f} minutes; the same rule.",
            "",
            f"RSS {r['rss_first_mib']:.0f} → {r['rss_last_mib']:.0f} MiB; last third "
            f"{r['last_third_growth_mib']:+.1f} MiB: **{'plateaus' if r['plateau'] else 'still growing'}**; "
            f"{r['messages_published']} messages published, {r['gateways_available']} of {r['gateways']} gateways "
            f"online at the end. Samples (MiB): {', '.join(f'{v:.0f}' for v in r['rss_mib'])}.",
            "",
        ]
    lines.append(f"Measured by `make soak` on {report.measured_on(load_at_start)}.")
    report.write_section("soak", "\n".join(lines))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    stop_cleanly_on_sigterm()
    main()
