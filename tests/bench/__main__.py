"""`make bench`: run every benchmark, print a table and write BENCHMARKS.md.

Each figure is a median of several runs; ratios are measured side by side in
the same run, because this machine is shared and noisy.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pwkit.codegen import paths

from . import codegen_time, simulator_throughput, vitals_decode


@dataclass(frozen=True)
class Bench:
    title: str
    module: str
    run: Callable[[], dict[str, Any]]
    summary: Callable[[dict[str, Any]], str]


BENCHES = (
    Bench(
        "Simulator throughput: GET /api/meters/aggregates, keep-alive HTTPS, server on one core",
        "simulator_throughput",
        simulator_throughput.run,
        lambda r: (
            f"{r['requests_per_second_median']:.0f} requests/s (runs {r['runs']}; server CPU "
            f"{r['server_cpu_share_median']:.2f} of a core; {r['connections']} connections)"
        ),
    ),
    Bench(
        "Vitals decode per payload, against the upb MessageToDict baseline in the same run",
        "vitals_decode",
        vitals_decode.run,
        lambda r: (
            f"{r['decode_flat_us_median']:.1f} µs vs {r['message_to_dict_us_median']:.1f} µs: "
            f"{r['speedup']:.0f}× faster ({r['payload_bytes']} B payload, {r['protobuf_backend']} backend)"
        ),
    ),
    Bench(
        "pwkit codegen wall time (client + protobuf module)",
        "codegen_time",
        codegen_time.run,
        lambda r: f"{r['seconds_median']:.2f} s (runs {r['runs']})",
    ),
)


def main() -> None:
    cores = os.cpu_count()
    rows = []
    for bench in BENCHES:
        print(f"… {bench.title}", file=sys.stderr, flush=True)
        result = bench.run()
        rows.append((bench, bench.summary(result)))
        print(f"  {rows[-1][1]}", flush=True)
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` on {dt.date.today().isoformat()}: {cores} cores, "
        f"Python {platform.python_version()}, {platform.machine()}.",
        "Figures are medians of several runs; ratios are measured side by side in the same run.",
        "",
        "| What | Figure | Command |",
        "| --- | --- | --- |",
    ]
    for bench, summary in rows:
        lines.append(f"| {bench.title} | {summary} | `.venv/bin/python -m tests.bench.{bench.module}` |")
    (paths.REPO / "BENCHMARKS.md").write_text("\n".join(lines) + "\n")
    print(f"Wrote {paths.REPO / 'BENCHMARKS.md'}", file=sys.stderr)


if __name__ == "__main__":
    main()
