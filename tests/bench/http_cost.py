"""CPU per poll of the client's two wires, same run: HTTP/1.1 through aiohttp (the default) and HTTP/2 through
httpx's own transport (httpcore, h2), each read through ``Gateway.get_json`` as the bridge polls.

One simulator over HTTPS (real TLS, its own process); one ``Gateway`` per wire, logged in once, certificate pinned
as on first use. Rounds of ``PER_ROUND`` polls of the fast group's three readings, one request at a time,
interleaved between the wires so that a shared machine's load moves both alike; each round is timed in this
process's CPU time (the simulator's is not counted). The figure is each wire's median round, per request.

Memory: in a fresh process per wire, ``GATEWAYS`` gateways (one login, shared) each read the fast group's three
readings at once at the client's default concurrency (2: two HTTP/1.1 connections, or one HTTP/2 connection);
the resident memory that adds, per gateway.

    .venv/bin/python -m tests.bench.http_cost
"""

from __future__ import annotations

import asyncio
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pwkit.client import ConnectionOptions, Gateway

from ..simulators import EMAIL, PASSWORD, RunningSimulator

PATHS = ("/api/meters/aggregates", "/api/system_status/soe", "/api/system_status/grid_status")
PER_ROUND, ROUNDS = 60, 9
GATEWAYS = 100
WIRES = {"HTTP/1.1, aiohttp": False, "HTTP/2, httpx": True}


async def _measure(url: str, state: Path) -> dict[str, list[float]]:
    gateways = {
        name: Gateway(url, password=PASSWORD, email=EMAIL, options=ConnectionOptions(state_dir=state, http2=http2))
        for name, http2 in WIRES.items()
    }
    rounds: dict[str, list[float]] = {name: [] for name in gateways}
    try:
        for gateway in gateways.values():  # login, pin and connections before any timing
            for path in PATHS:
                await gateway.get_json(path)
        for _ in range(ROUNDS):
            for name, gateway in gateways.items():
                started = time.process_time()
                for index in range(PER_ROUND):
                    await gateway.get_json(PATHS[index % len(PATHS)])
                rounds[name].append((time.process_time() - started) / PER_ROUND)
    finally:
        for gateway in gateways.values():
            await gateway.aclose()
    return rounds


def _resident_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


async def _memory(url: str, state: Path, http2: bool) -> float:
    options = ConnectionOptions(state_dir=state, http2=http2)
    gateways = [Gateway(url, password=PASSWORD, email=EMAIL, options=options) for _ in range(GATEWAYS)]
    try:
        await gateways[0].get_json(PATHS[0])  # the login (kept in the state folder) and the pin, once
        gc.collect()
        before = _resident_mib()
        for gateway in gateways:
            await asyncio.gather(*(gateway.get_json(path) for path in PATHS))
        gc.collect()
        return (_resident_mib() - before) * 1024 / GATEWAYS
    finally:
        for gateway in gateways:
            await gateway.aclose()


def _memory_child(wire: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sim = RunningSimulator(Path(tmp) / "sim")
        try:
            print(json.dumps(asyncio.run(_memory(sim.url, Path(tmp) / "state", WIRES[wire]))))
        finally:
            sim.stop()


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        sim = RunningSimulator(Path(tmp) / "sim")
        try:
            rounds = asyncio.run(_measure(sim.url, Path(tmp) / "state"))
        finally:
            sim.stop()
    per_request = {name: statistics.median(values) * 1e6 for name, values in rounds.items()}
    h1, h2 = per_request["HTTP/1.1, aiohttp"], per_request["HTTP/2, httpx"]
    memory = {}
    for wire in WIRES:  # a process each: what one wire leaves allocated must not count for the other
        child = [sys.executable, "-m", "tests.bench.http_cost", "--memory-of", wire]
        done = subprocess.run(child, capture_output=True, text=True, check=True)
        memory[wire] = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "per_request_us": per_request,
        "rounds": ROUNDS,
        "per_round": PER_ROUND,
        "http2_over_aiohttp": h2 / h1,
        "kib_per_gateway": memory,
        "gateways": GATEWAYS,
    }


def summary(result: dict[str, Any]) -> str:
    us = result["per_request_us"]
    return (
        f"HTTP/1.1 through aiohttp {us['HTTP/1.1, aiohttp']:.0f} µs, HTTP/2 through httpx {us['HTTP/2, httpx']:.0f} µs "
        f"per poll: {result['http2_over_aiohttp']:.1f}× less CPU. Memory per gateway (its fast group at once): "
        f"{result['kib_per_gateway']['HTTP/1.1, aiohttp']:.0f} KiB over two HTTP/1.1 connections, "
        f"{result['kib_per_gateway']['HTTP/2, httpx']:.0f} KiB over one HTTP/2 connection"
    )


def main() -> None:
    if sys.argv[1:2] == ["--memory-of"]:
        _memory_child(sys.argv[2])
        return
    result = run()
    print(summary(result))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
