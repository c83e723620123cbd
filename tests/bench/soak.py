"""The soak: one bridge, 10 simulated gateways, 30 minutes; its resident memory sampled every minute.

`make soak` runs it and writes its section of BENCHMARKS.md (not CI: it is long).
``PWKIT_SOAK_MINUTES`` shortens it for a trial run.
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
from . import report
from .bridge_bench import _bridge_config
from .report import process_usage

GATEWAYS = 10


def run(minutes: float | None = None, every: float = 60.0) -> dict[str, Any]:
    minutes = minutes if minutes is not None else float(os.environ.get("PWKIT_SOAK_MINUTES", "30"))
    samples: list[tuple[float, float]] = []  # (minutes since start, RSS MiB)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        # 60× speed: readings move as on a live site, so the bridge publishes all the time.
        sim = RunningSimulator(root / "sim", "--sites", str(GATEWAYS), "--speed", "60")
        broker = Mosquitto(root / "mqtt")
        observer = Observer(broker, ["pwkit/bridge/stats"])
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
            stats = json.loads(observer.wait_for("pwkit/bridge/stats", timeout=15).payload)
        finally:
            bridge.stop()
            observer.close()
            broker.stop()
            sim.stop()
    tail = [rss for at, rss in samples if at >= minutes * 2 / 3] or [samples[-1][1]]
    growth = tail[-1] - tail[0]
    return {
        "gateways": GATEWAYS,
        "minutes": minutes,
        "rss_mib": [round(rss, 1) for _, rss in samples],
        "rss_first_mib": samples[0][1],
        "rss_last_mib": samples[-1][1],
        "last_third_growth_mib": growth,
        "plateau": growth < max(2.0, 0.02 * tail[0]),
        "messages_published": stats.get("messages_published"),
        "gateways_available": sum(1 for g in stats["gateways"].values() if g["available"]),
    }


def main() -> None:
    """`make soak`: run the soak and write its section of BENCHMARKS.md."""
    load_at_start = os.getloadavg()[0]
    r = run()
    report.write_section(
        "soak",
        "\n".join(
            [
                "## Soak",
                "",
                f"Measured by `make soak` (`.venv/bin/python -m tests.bench.soak`) on "
                f"{report.measured_on(load_at_start)}.",
                f"One bridge, {r['gateways']} simulated gateways (fast poll 1 s, the site at 60× speed), its resident "
                f"memory read from /proc every minute for {r['minutes']:.0f} minutes. It plateaus when the last third "
                "grows less than 2 % (and 2 MiB).",
                "",
                f"RSS {r['rss_first_mib']:.0f} → {r['rss_last_mib']:.0f} MiB; last third "
                f"{r['last_third_growth_mib']:+.1f} MiB: **{'plateaus' if r['plateau'] else 'still growing'}**; "
                f"{r['messages_published']} messages published, {r['gateways_available']} of {r['gateways']} gateways "
                f"online at the end. Samples (MiB): {', '.join(f'{v:.0f}' for v in r['rss_mib'])}.",
            ]
        ),
    )
    print(json.dumps(r, indent=2))


if __name__ == "__main__":
    main()
