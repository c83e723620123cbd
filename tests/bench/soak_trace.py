"""Where a soak's memory goes: the real bridge process under tracemalloc, snapshots diffed across refreshes.

The real-time soak's set-up (10 simulated gateways at 60× speed, fast poll 1 s, a real mosquitto), with the
full refresh every ``--refresh`` seconds instead of 300 so that many refreshes fit in a few minutes. A
``sitecustomize`` module (written to a temporary folder put first on the bridge's PYTHONPATH) starts
tracemalloc in the bridge and writes a snapshot every ``--every`` seconds; the top growing allocation sites
between the first snapshot after warm-up and the last are printed, with RSS at each snapshot.

    .venv/bin/python -m tests.bench.soak_trace --minutes 4 --refresh 30
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import textwrap
import time
import tracemalloc
from pathlib import Path
from typing import Any

from ..brokers import Mosquitto, RunningBridge
from ..simulators import PASSWORD, RunningSimulator
from .bridge_bench import _bridge_config
from .report import process_usage

SITECUSTOMIZE = """
import ctypes, gc, json, os, threading, time, tracemalloc
from collections import Counter
_dir = os.environ.get("PWKIT_TRACE_DIR")


def _mallinfo():
    # glibc's own view: what malloc holds from the system (arena, mmap) against what is in use.
    try:
        class M(ctypes.Structure):
            _fields_ = [(n, ctypes.c_size_t) for n in (
                "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                "keepcost")]
        f = ctypes.CDLL(None).mallinfo2
        f.restype = M
        m = f()
        return {n: getattr(m, n) for n, _ in M._fields_}
    except Exception as e:
        return {"error": repr(e)}


def _smaps():
    out = {}
    for line in open("/proc/self/smaps_rollup").read().splitlines()[1:]:
        k, v = line.split(":", 1)
        out[k] = int(v.split()[0])
    return out


def _h2():
    # Each live HTTP/2 connection: (closed streams kept, its limit).
    try:
        import h2.connection
    except ImportError:
        return []
    return [[len(o._closed_streams), o._closed_streams._size_limit]
            for o in gc.get_objects() if isinstance(o, h2.connection.H2Connection)]


def _h2_keep(limit):
    # The bridge as before pwkit limited h2's record: h2's limit put back once pwkit's client has lowered it.
    import h2.connection
    while h2.connection.H2Connection.MAX_CLOSED_STREAMS == limit:
        time.sleep(0.002)
    h2.connection.H2Connection.MAX_CLOSED_STREAMS = limit


if _dir:
    if os.environ.get("PWKIT_TRACE_H2_KEEP"):
        threading.Thread(target=_h2_keep, args=(int(os.environ["PWKIT_TRACE_H2_KEEP"]),), daemon=True).start()
    _trace = os.environ.get("PWKIT_TRACE_OFF") != "1"
    if _trace:
        tracemalloc.start(int(os.environ.get("PWKIT_TRACE_FRAMES", "6")))
    def _dump():
        n = 0
        started = time.monotonic()
        while True:
            time.sleep(float(os.environ["PWKIT_TRACE_EVERY"]))
            if _trace:
                tracemalloc.take_snapshot().dump(os.path.join(_dir, f"{n:04d}.snap"))
            types = Counter(type(o).__name__ for o in gc.get_objects())
            stats = {
                "t": time.monotonic() - started,
                "traced": tracemalloc.get_traced_memory() if _trace else None,
                "tracemalloc_overhead": tracemalloc.get_tracemalloc_memory() if _trace else None,
                "mallinfo": _mallinfo(),
                "smaps": _smaps(),
                "gc_objects": sum(types.values()),
                "types": dict(types.most_common(60)),
                "threads": threading.active_count(),
                "h2": _h2(),
            }
            with open(os.path.join(_dir, f"{n:04d}.json"), "w") as f:
                json.dump(stats, f)
            n += 1
    threading.Thread(target=_dump, daemon=True).start()
"""


def run(
    minutes: float,
    refresh: float,
    every: float,
    gateways: int = 10,
    top: int = 15,
    keep: Path | None = None,
    trace: bool = True,
    extra_env: dict[str, str] | None = None,
) -> list[str]:
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        hook, snaps = root / "hook", (keep or root / "snaps")
        hook.mkdir()
        snaps.mkdir(parents=True, exist_ok=True)
        (hook / "sitecustomize.py").write_text(textwrap.dedent(SITECUSTOMIZE))
        sim = RunningSimulator(root / "sim", "--sites", str(gateways), "--speed", "60")
        broker = Mosquitto(root / "mqtt")
        config = _bridge_config(broker, sim.description["sites"], "fast = 1\nnormal = 10\nslow = 60", refresh)
        env = {
            "PWKIT_PASSWORD": PASSWORD,
            "PWKIT_TRACE_DIR": str(snaps),
            "PWKIT_TRACE_EVERY": str(every),
            "PWKIT_TRACE_OFF": "0" if trace else "1",
            "PYTHONPATH": os.pathsep.join([str(hook), os.environ.get("PYTHONPATH", "")]),
            **(extra_env or {}),
        }
        bridge = RunningBridge(root / "bridge", config, env=env)
        rss: list[tuple[float, float]] = []
        try:
            started = time.monotonic()
            while time.monotonic() - started < minutes * 60:
                time.sleep(every)
                rss.append(((time.monotonic() - started) / 60, process_usage(bridge.process.pid)[1] / 2**20))
                print(f"  {rss[-1][0]:5.1f} min: RSS {rss[-1][1]:.1f} MiB", flush=True)
        finally:
            bridge.stop()
            broker.stop()
            sim.stop()
        lines += describe(snaps, every, refresh, top)
    return lines


def h2_kept(stats: dict[str, Any]) -> str:
    conns = stats.get("h2") or []
    if not conns:
        return "-"
    return f"{sum(kept for kept, _ in conns)} in {len(conns)} ({max(limit for _, limit in conns)})"


def describe(snaps: Path, every: float, refresh: float, top: int = 15) -> list[str]:
    """Per snapshot: RSS and its anonymous part, Python's traced heap, glibc's in-use and free bytes, objects."""
    lines = [f"refresh every {refresh:.0f} s, a snapshot every {every:.0f} s"]
    lines.append(
        "    min   RSS  anon  traced  tm-own  malloc-used  malloc-free  mmap  gc-objects  h2 closed kept (limit)"
        "  (MiB but objects)"
    )
    stats = [json.loads(path.read_text()) for path in sorted(snaps.glob("*.json"))]
    mib = 2**20
    for s in stats:
        m, sm = s["mallinfo"], s["smaps"]
        traced = s["traced"][0] / mib if s["traced"] else float("nan")
        own = s["tracemalloc_overhead"] / mib if s["tracemalloc_overhead"] else float("nan")
        lines.append(
            f"  {s['t'] / 60:5.1f} {sm['Rss'] / 1024:5.1f} {sm['Anonymous'] / 1024:5.1f} {traced:7.2f} {own:7.2f}"
            f" {m.get('uordblks', 0) / mib:12.2f} {m.get('fordblks', 0) / mib:12.2f} {m.get('hblkhd', 0) / mib:5.1f}"
            f" {s['gc_objects']:11d}  {h2_kept(s)}"
        )
    if len(stats) >= 3:
        first, last = stats[1]["types"], stats[-1]["types"]
        grown = sorted(((last.get(k, 0) - first.get(k, 0), k) for k in set(first) | set(last)), reverse=True)[:12]
        lines.append("  object counts, snapshot #1 → last: " + ", ".join(f"{k} {d:+d}" for d, k in grown if d))
    files = sorted(snaps.glob("*.snap"))
    if len(files) < 3:
        return [*lines, f"  {len(files)} tracemalloc snapshots: no diff"]
    first_snap, last_snap = tracemalloc.Snapshot.load(str(files[1])), tracemalloc.Snapshot.load(str(files[-1]))
    lines.append(f"  top growing allocation sites, snapshot #1 → #{len(files) - 1}:")
    for stat in last_snap.compare_to(first_snap, "traceback")[:top]:
        frames = [frame.strip() for frame in stat.traceback.format() if frame.strip().startswith("File")]
        where = " <- ".join(reversed(frames[-4:]))
        lines.append(f"{stat.size_diff / 1024:+9.1f} KiB {stat.count_diff:+7d} blocks  {where}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=4.0)
    parser.add_argument("--refresh", type=float, default=30.0, help="the bridge's refresh_interval, seconds")
    parser.add_argument("--every", type=float, default=20.0, help="seconds between snapshots")
    parser.add_argument("--gateways", type=int, default=10)
    parser.add_argument("--keep", type=Path, help="keep the snapshots in this folder (describe them again with --show)")
    parser.add_argument("--show", type=Path, help="only describe a kept folder")
    parser.add_argument("--no-trace", action="store_true", help="RSS, malloc and object counts without tracemalloc")
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for the bridge, e.g. MALLOC_ARENA_MAX=2")
    args = parser.parse_args()
    if args.show:
        print("\n".join(describe(args.show, args.every, args.refresh)))
        return
    extra = dict(item.split("=", 1) for item in args.env)
    print(
        "\n".join(run(args.minutes, args.refresh, args.every, args.gateways, 15, args.keep, not args.no_trace, extra))
    )


if __name__ == "__main__":
    main()
