"""`make bench`: run every benchmark, print a table and write BENCHMARKS.md (the soak is `make soak`).

Each figure is a median of several runs; ratios are measured side by side in
the same run, because this machine is shared and noisy.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pwkit.codegen import paths

from . import bridge_bench, codegen_time, report, simulator_throughput, vitals_decode


@dataclass(frozen=True)
class Bench:
    title: str
    module: str
    run: Callable[[], dict[str, Any]]
    summary: Callable[[dict[str, Any]], str]
    method: str = ""


def _poll_cycle_summary(r: dict[str, Any]) -> str:
    limited, unlimited = r["limited"], r["unlimited"]
    fast = limited["bridge_fast"]
    return (
        f"limited gateway: fast group {fast['ms']:.0f} ms = {limited['fast_over_latency']:.1f}× one request "
        f"({r['fast_requests']} requests; the gateway served {fast['peak']['in_service']} at a time, held "
        f"{fast['peak']['in_flight']}); Home Assistant's readings: bridge {limited['bridge_ha_readings']['ms']:.0f} ms "
        f"({r['bridge_requests_for_ha_readings']} requests) vs Home Assistant {limited['home_assistant']['ms']:.0f} ms "
        f"({r['ha_requests']} requests, 1 at a time): {limited['ha_over_bridge']:.2f}×. Unlimited model, same run: "
        f"fast group {unlimited['bridge_fast']['ms']:.0f} ms = {unlimited['fast_over_latency']:.1f}× one request; "
        f"Home Assistant {unlimited['ha_over_bridge']:.2f}× the bridge"
    )


BENCHES = (
    Bench(
        "Simulator throughput: GET /api/meters/aggregates, keep-alive HTTPS, server on one core",
        "simulator_throughput",
        simulator_throughput.run,
        lambda r: (
            f"{r['requests_per_second_median']:.0f} requests/s (runs {r['runs']}; server CPU "
            f"{r['server_cpu_share_median']:.2f} of a core; {r['connections']} connections)"
        ),
        "simulator pinned to one core, a lean asyncio HTTP/1.1 client on the other; 8 keep-alive connections for "
        "4 s, 3 runs; answers counted by the client, server CPU from /proc",
    ),
    Bench(
        "Vitals decode per payload, against the upb MessageToDict baseline in the same run",
        "vitals_decode",
        vitals_decode.run,
        lambda r: (
            f"{r['decode_flat_us_median']:.1f} µs vs {r['message_to_dict_us_median']:.1f} µs: "
            f"{r['speedup']:.0f}× faster ({r['payload_bytes']} B payload, {r['protobuf_backend']} backend)"
        ),
        "timeit, 7 repeats of 500 decodes of the recorded vitals body, each decoder in the same process; medians",
    ),
    Bench(
        f"Bridge poll cycle against a gateway that serves {bridge_bench.GATEWAY_MAX_PARALLEL} request at a time "
        f"(inferred) at {bridge_bench.GATEWAY_LATENCY_MS} ms per request (FACTS), against Home Assistant's "
        "sequential polling by tesla_powerwall, same run",
        "bridge_bench",
        lambda: bridge_bench.poll_cycle(),
        _poll_cycle_summary,
        "simulator over HTTPS with a fixed per-request latency and a semaphore of max_parallel in its request path; "
        "medians of 5 cycles through pwkit's connection layer (concurrency bound as configured) and of 5 runs of "
        "Home Assistant's _fetch_powerwall_data call sequence via tesla_powerwall unmodified; peaks counted by "
        "the simulator",
    ),
    Bench(
        "Bridge CPU per 1,000 published messages (real bridge, broker and simulator; every value every poll)",
        "bridge_bench",
        lambda: bridge_bench.cpu_per_message(),
        lambda r: (
            f"{r['cpu_ms_per_1000_messages']:.0f} ms CPU per 1,000 messages ({r['messages']} messages, "
            f"{r['cpu_seconds']:.2f} s CPU in {r['seconds']:.0f} s); RSS {r['rss_mib']:.0f} MiB"
        ),
        "the bridge process's CPU time (/proc) over 20 s after start-up, divided by the messages a subscriber to "
        "pwkit/# received meanwhile; simulator at 600× speed, refresh every 1 s, so every value every poll",
    ),
    Bench(
        f"Freshness: the simulator sending a changed value → a subscriber holding it, the {bridge_bench.LATENCY_MS} ms "
        "gateway latency excluded (target p99 < 5 ms)",
        "bridge_bench",
        lambda: bridge_bench.freshness(),
        lambda r: (
            f"median {r['median_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, max {r['max_ms']:.1f} ms "
            f"({r['samples']} samples)"
        ),
        "the simulator writes its monotonic send time into a served value (site/sent_at) on every answer; a "
        "subscriber's monotonic receive time minus it, over 150 fast polls (0.25 s), the first 5 left out",
    ),
    Bench(
        "Scale: one bridge, 1 / 10 / 100 simulated gateways, 5 s fast interval (simulator on the same 2 cores), "
        "steady state",
        "bridge_bench",
        lambda: bridge_bench.scale(),
        lambda r: "; ".join(
            f"{n}: {v['cpu_percent_of_a_core']:.1f}% of a core ({v['cpu_percent_per_gateway']:.2f}% per gateway), "
            f"RSS {v['rss_mib']:.0f} MiB, late fast cycles {v['late_fast_cycles']}/{v['fast_cycles']}, "
            f"{v['gateways_available']} online"
            for n, v in r.items()
        ),
        "from the first stats report with every gateway past two fast cycles, a 60 s window (one normal poll "
        "included): the bridge process's CPU time (/proc) over wall time; cycles counted from its stats reports",
    ),
    Bench(
        "Messages per simulated day: on-change with default deadbands and a 300 s refresh, against "
        "publish-every-poll; misses of an independent detector",
        "bridge_bench",
        lambda: bridge_bench.traffic(),
        lambda r: (
            f"{r['messages_on_change']} vs {r['messages_every_poll']}: {r['reduction']:.1f}× fewer "
            f"({r['refreshes']} refreshes fired); a subscriber held a value outside tolerance "
            f"{r['missed']} times in {r['checks']} checks"
        ),
        "one ManualClock drives the site and both bridges' timers through 24 simulated hours (5 s steps, every poll "
        "group at its interval); after each poll every served leaf is compared with what the subscriber holds, "
        "against tolerances stated in the bench (not the deadband table)",
    ),
    Bench(
        "pwkit codegen wall time (client + protobuf module)",
        "codegen_time",
        codegen_time.run,
        lambda r: f"{r['seconds_median']:.2f} s (runs {r['runs']})",
        "3 full renders of generated/ into a temporary folder (both clients, protoc, the reading tables); wall "
        "time, median",
    ),
)


def main() -> None:
    rows = []
    failed = 0
    load_at_start = os.getloadavg()[0]
    for bench in BENCHES:
        print(f"… {bench.title}", file=sys.stderr, flush=True)
        try:
            summary = bench.summary(bench.run())
        except Exception as error:  # one broken step must not lose the figures of the others
            failed += 1
            summary = f"**failed in this run**: {type(error).__name__}: {str(error)[:200]}"
            traceback.print_exc()
        rows.append((bench, summary))
        print(f"  {summary}", flush=True)
    lines = [
        "## Benchmarks",
        "",
        f"Measured by `make bench` on {report.measured_on(load_at_start)}.",
        "The machine is shared, so absolute times are noisy: read the ratios, each measured side by side",
        "within one run. Figures are medians of several runs.",
        "",
        "| What | Figure | Method | Command |",
        "| --- | --- | --- | --- |",
    ]
    for bench, summary in rows:
        lines.append(
            f"| {bench.title} | {summary} | {bench.method} | `.venv/bin/python -m tests.bench.{bench.module}` |"
        )
    report.write_section("bench", "\n".join(lines))
    print(f"Wrote {paths.REPO / 'BENCHMARKS.md'}", file=sys.stderr)
    if failed:
        sys.exit(f"{failed} benchmark(s) failed; their rows say so in BENCHMARKS.md")


if __name__ == "__main__":
    main()
