"""Simulator requests/second on GET /api/meters/aggregates over keep-alive HTTPS, the server on one core.

The load comes from a lean asyncio HTTP/1.1 keep-alive client on the other
core, so that the client is not what is measured.
"""

from __future__ import annotations

import asyncio
import json
import os
import ssl
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from ..simulators import EMAIL, PASSWORD, RunningSimulator
from .report import process_usage

CONNECTIONS = 8
SECONDS = 4.0
RUNS = 3
PATH = "/api/meters/aggregates"


async def _connection(host: str, port: int, context: ssl.SSLContext, token: str, stop_at: float) -> int:
    reader, writer = await asyncio.open_connection(host, port, ssl=context, server_hostname="powerwall")
    request = f"GET {PATH} HTTP/1.1\r\nHost: powerwall\r\nAuthorization: Bearer {token}\r\n\r\n".encode()
    done = 0
    while time.perf_counter() < stop_at:
        writer.write(request)
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:  # the server closed the connection: reconnect, as clients do
            writer.close()
            reader, writer = await asyncio.open_connection(host, port, ssl=context, server_hostname="powerwall")
            continue
        if not head.startswith(b"HTTP/1.1 200"):
            raise RuntimeError(head.decode(errors="replace"))
        length = next(
            int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")
        )
        await reader.readexactly(length)
        done += 1
    writer.close()
    return done


async def _load(host: str, port: int, context: ssl.SSLContext, token: str) -> float:
    started = time.perf_counter()
    counts = await asyncio.gather(
        *(_connection(host, port, context, token, started + SECONDS) for _ in range(CONNECTIONS))
    )
    return sum(counts) / (time.perf_counter() - started)


def run() -> dict[str, object]:
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        simulator = RunningSimulator(Path(tmp))
        try:
            server_core, client_core = 0, min(1, cores - 1)
            os.sched_setaffinity(simulator.process.pid, {server_core})
            for thread in Path(f"/proc/{simulator.process.pid}/task").iterdir():
                os.sched_setaffinity(int(thread.name), {server_core})
            os.sched_setaffinity(0, {client_core})
            context = ssl.create_default_context(cafile=simulator.ca)
            login = httpx.post(
                simulator.url + "/api/login/Basic",
                json={"username": "customer", "email": EMAIL, "password": PASSWORD},
                verify=context,
            )
            token = login.json()["token"]
            port = simulator.site()["port"]
            rates, cpu = [], []
            for _ in range(RUNS):
                cpu_before, wall_before = process_usage(simulator.process.pid)[0], time.perf_counter()
                rates.append(asyncio.run(_load("127.0.0.1", port, context, token)))
                cpu.append((process_usage(simulator.process.pid)[0] - cpu_before) / (time.perf_counter() - wall_before))
        finally:
            os.sched_setaffinity(0, set(range(cores)))
            simulator.stop()
    return {
        "requests_per_second_median": statistics.median(rates),
        "runs": [round(r) for r in rates],
        "server_cpu_share_median": statistics.median(cpu),
        "connections": CONNECTIONS,
        "seconds_per_run": SECONDS,
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
