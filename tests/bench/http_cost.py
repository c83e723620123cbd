"""CPU per poll of the client's two wires, same run: HTTP/1.1 through aiohttp (the default) and HTTP/2 through
httpx's own transport (httpcore, h2), each read through ``Gateway.get_json`` as the bridge polls.

One simulator over HTTPS (real TLS, its own process); one ``Gateway`` per wire, logged in once, certificate pinned
as on first use. Rounds of ``PER_ROUND`` polls of the fast group's three readings, one request at a time,
interleaved between the wires so that a shared machine's load moves both alike; each round is timed in this
process's CPU time (the simulator's is not counted). The figure is each wire's median round, per request.

    .venv/bin/python -m tests.bench.http_cost
"""

from __future__ import annotations

import asyncio
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from pwkit.client import ConnectionOptions, Gateway

from ..simulators import EMAIL, PASSWORD, RunningSimulator

PATHS = ("/api/meters/aggregates", "/api/system_status/soe", "/api/system_status/grid_status")
PER_ROUND, ROUNDS = 60, 9
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


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        sim = RunningSimulator(Path(tmp) / "sim")
        try:
            rounds = asyncio.run(_measure(sim.url, Path(tmp) / "state"))
        finally:
            sim.stop()
    per_request = {name: statistics.median(values) * 1e6 for name, values in rounds.items()}
    h1, h2 = per_request["HTTP/1.1, aiohttp"], per_request["HTTP/2, httpx"]
    return {"per_request_us": per_request, "rounds": ROUNDS, "per_round": PER_ROUND, "http2_over_aiohttp": h2 / h1}


def summary(result: dict[str, Any]) -> str:
    us = result["per_request_us"]
    return (
        f"HTTP/1.1 through aiohttp {us['HTTP/1.1, aiohttp']:.0f} µs, HTTP/2 through httpx {us['HTTP/2, httpx']:.0f} µs "
        f"per poll: {result['http2_over_aiohttp']:.1f}× less CPU"
    )


def main() -> None:
    result = run()
    print(summary(result))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
