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

from . import (
    bridge_bench,
    codegen_time,
    freshness_profile,
    gateways,
    http_cost,
    report,
    simulator_throughput,
    stop_cleanly_on_sigterm,
    tedapi_decode,
    tedapi_rate,
    vitals_decode,
)


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
        f"limited gateway: fast group {fast['ms']:.0f} ms, {limited['fast_over_floor_ms']:.0f} ms over the "
        f"{limited['fast_floor_ms']:.0f} ms floor of requests × latency "
        f"({r['fast_requests']} requests; the gateway served {fast['peak']['in_service']} at a time, held "
        f"{fast['peak']['in_flight']}); Home Assistant's readings: bridge {limited['bridge_ha_readings']['ms']:.0f} ms "
        f"({r['bridge_requests_for_ha_readings']} requests) vs Home Assistant {limited['home_assistant']['ms']:.0f} ms "
        f"({r['ha_requests']} requests, 1 at a time): {limited['ha_over_bridge']:.2f}×. Unlimited model, same run: "
        f"fast group {unlimited['bridge_fast']['ms']:.0f} ms, {unlimited['fast_over_floor_ms']:.0f} ms over one "
        "request's latency; "
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
        "Vitals decode per payload, against the upb MessageToDict baseline and pypowerwall's decode, same run",
        "vitals_decode",
        vitals_decode.run,
        lambda r: (
            f"{r['decode_flat_us']:.0f} µs vs MessageToDict {r['message_to_dict_us']:.0f} µs "
            f"({r['speedup']:.1f}× faster) and pypowerwall {r['pypowerwall_us']:.0f} µs "
            f"({r['speedup_vs_pypowerwall']:.1f}×); {r['payload_bytes']} B payload, {r['protobuf_backend']} backend"
        ),
        "timeit on this process's CPU time, 60 interleaved rounds of 20 decodes of the recorded vitals body per "
        "decoder (pypowerwall 0.22.2's PyPowerwallLocal.vitals fed the same body); fastest round",
    ),
    Bench(
        "TEDAPI answer decode per answer (protobuf envelope, gzip, JSON payload), against MessageToDict + json.loads "
        "of the payload and pypowerwall's decode, same run",
        "tedapi_decode",
        tedapi_decode.run,
        tedapi_decode.summary,
        "timeit on this process's CPU time, 30 interleaved rounds of 100 decodes per decoder of each recorded TEDAPI "
        "answer (spec/recordings/tedapi) as the Wi-Fi answer's bytes, plain and gzip; pypowerwall 0.22.2's "
        "decompress_response, _parse_legacy_response and _decode_json (firmware: _parse_system_info) fed the same "
        "bytes; the three decode the same data (asserted); fastest round; the schema check apart (tedapi_check)",
    ),
    Bench(
        "CPU per poll of the gateway's connection: HTTP/1.1 through aiohttp (the default) against HTTP/2 through "
        "httpx's own transport, same run",
        "http_cost",
        http_cost.run,
        http_cost.summary,
        "one simulator over HTTPS in its own process; one Gateway per wire, logged in and connected before timing; "
        f"{http_cost.ROUNDS} interleaved rounds of {http_cost.PER_ROUND} Gateway.get_json polls of the fast group's "
        "three readings, one at a time, in this process's CPU time; each wire's median round, per poll",
    ),
    Bench(
        f"Bridge poll cycle against a gateway that serves {bridge_bench.GATEWAY_MAX_PARALLEL} request at a time "
        f"(inferred) at {bridge_bench.GATEWAY_LATENCY_MS} ms per request (FACTS), against Home Assistant's "
        "sequential polling by tesla_powerwall, same run",
        "bridge_bench",
        lambda: bridge_bench.poll_cycle(),
        _poll_cycle_summary,
        "simulator over HTTPS with a fixed per-request latency and a semaphore of max_parallel in its request path; "
        "medians of 5 runs of the bridge's own poll cycle (GatewayWorker.cycle, publishing included, concurrency "
        "bound as configured) and of 5 runs of Home Assistant's _fetch_powerwall_data call sequence via "
        "tesla_powerwall unmodified; peaks counted by the simulator. Against one request at a time a cycle is "
        "requests × latency by construction: the figure that measures the bridge is what it adds over that floor",
    ),
    Bench(
        "Bridge CPU per 1,000 published messages at the defaults (real bridge, broker and simulator), polling "
        "and change detection included; the periodic refresh apart",
        "bridge_bench",
        lambda: bridge_bench.cpu_per_message(),
        lambda r: (
            f"{r['cpu_ms_per_1000_messages']:.0f} ms CPU per 1,000 messages ({r['messages']} messages, "
            f"{r['cpu_seconds']:.2f} s CPU in {r['seconds']:.0f} s); RSS {r['rss_mib']:.0f} MiB. One refresh: "
            f"{r['refresh_messages']:.0f} messages, {r['refresh_cpu_ms']:.0f} ms CPU"
        ),
        "one run: the bridge process's CPU time (/proc) over 60 s after start-up at the default settings "
        "(simulator at real speed), divided by the messages a subscriber to pwkit/# received meanwhile; the "
        "refresh: the same window with refresh_interval = 20, the extra CPU and messages per refresh fired. At the "
        "defaults few values change in a minute (about 50 messages), so the first figure is mostly the cost of "
        "polling spread over few messages, not of publishing",
    ),
    Bench(
        f"Freshness: an answer's last byte leaving the simulator → a subscriber holding its value, the "
        f"{bridge_bench.LATENCY_MS} ms gateway latency excluded (target p99 < 5 ms)",
        "bridge_bench",
        lambda: bridge_bench.freshness(),
        lambda r: (
            f"median {r['median_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, max {r['max_ms']:.1f} ms "
            f"({r['samples']} samples): target {'met' if r['p99_ms'] < 5 else 'MISSED'}. Counted from the stamp "
            f"as before: median {r['from_stamp']['median_ms']:.1f} ms, p99 {r['from_stamp']['p99_ms']:.1f} ms; "
            f"the simulator's own time, stamp → last byte: median {r['stamp_to_last_byte']['median_ms']:.1f} ms, "
            f"p99 {r['stamp_to_last_byte']['p99_ms']:.1f} ms"
        ),
        "one run: the simulator writes its monotonic time into a served value (site/sent_at) as it builds each answer "
        "and records when that answer's last byte went to its socket (simulator/stamps.py); a subscriber's monotonic "
        "receive time minus that write, over 150 fast polls (0.25 s), the first 5 left out; median = "
        "statistics.median, p99 = the sorted delays at index int(0.99 n) (the 149th of 150), max the largest. "
        "Rows before December 2026 counted from the stamp, which precedes the simulator's own send (its HTTP/2 send "
        "task runs after the cycle's other answers): still shown",
    ),
    Bench(
        "Freshness, where the time goes: each step from an answer's body to the broker, per answer (fast group), "
        "against the per-value code before it, same run",
        "freshness_profile",
        lambda: freshness_profile.run(compare=True),
        lambda r: "; ".join(
            f"{stage} {min(r['now_us'][stage], r['now_us_again'][stage]):.0f} µs (before {r['before_us'][stage]:.0f})"
            for stage in freshness_profile.STAGES
        ),
        "one run, in-process: the fast group's answers of one simulated gateway (its site 1 s further each round) "
        "through "
        "parse_json, leaves, rounding, Publisher.changes, MqttLink.publish (real paho, real mosquitto) and a "
        "subscriber's receipt; perf_counter per step, the median over that run's answers after the first tenth (the "
        "lower of two passes for now); 'before' "
        "patches in the per-value code it replaced (JSON encoder per value, unit and deadband per value, pattern scan, "
        "each key made safe per split)",
    ),
    Bench(
        "Scale: one bridge, 1 / 10 / 100 / 1,000 simulated gateways at the default intervals, REST and TEDAPI "
        "(goals at 1,000: CPU per gateway within 20 % of 10's, under one core, RSS < 300 MB, 0 late fast cycles, "
        "start-up < 60 s)",
        "gateways",
        gateways.run,
        gateways.summary,
        "one run per count: simulators in their own processes (500 sites each, Powerwall 2 firmware 25.x, TEDAPI on "
        "each access point), one bridge at its defaults; start-up: bridge started → the last gateway's first "
        "meters/aggregates reading at a subscriber; CPU: the bridge process's CPU time (/proc) over a 60 s window "
        "(120 s at 1,000) from the first stats report with every gateway past two fast cycles, over wall time; RSS "
        "at the window's end; cycles from the bridge's stats reports",
    ),
    Bench(
        "Messages per simulated day: on-change with default deadbands and a 300 s refresh, against "
        "publish-every-poll; misses of an independent detector",
        "bridge_bench",
        lambda: bridge_bench.traffic(),
        lambda r: (
            f"{r['messages_on_change']} vs {r['messages_every_poll']}: {r['reduction']:.1f}× fewer "
            f"({r['refreshes']} refreshes fired); a subscriber held a value outside tolerance "
            f"{r['missed']} times in {r['checks']} checks; {r['not_retained']} readings published unretained"
        ),
        "one run: one ManualClock drives the site and both bridges' timers through 24 simulated hours (5 s "
        "steps, every poll group at its interval); after each poll every served leaf is compared with what a "
        "subscriber joining at that instant holds (only retained messages), under the detector's own topic "
        "mapping (not the bridge's), against tolerances stated in the bench (not the deadband table). Not "
        "covered: the vitals (protobuf, about 234 values a read) and the Fleet readings are not served in this "
        "loop, and a value that leaves its answer is not checked for being cleared",
    ),
    Bench(
        "TEDAPI requests per hour per gateway at the default poll budget (peers: about 240–360 an hour)",
        "tedapi_rate",
        tedapi_rate.run,
        lambda r: "; ".join(
            f"{profile}: {v['per_hour']:.0f} per hour ({v['requests']} in {v['seconds']:.0f} s)"
            for profile, v in r.items()
        ),
        "one run per profile: the real bridge (REST and TEDAPI, basic on the access point, default intervals) "
        "against the simulator; the simulator's TEDAPI request counts over 240 s after the first minute, scaled to "
        "an hour",
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
        'within one run. A method that says "median" gives the median of several runs; one that says "one run"',
        "is a single run.",
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
    stop_cleanly_on_sigterm()
    main()
