"""The simulated-week soak: one bridge, 10 simulated gateways, seven days of simulated time in minutes.

One :class:`~pwkit.client.clock.ManualClock` drives the bridge's timers (the 300 s full refresh included) and
every simulated site, as `tests.bench.bridge_bench.traffic` does for a day: each poll group is read at its
default interval through the simulator's own request handling (no network), and the bridge's
``publish_reading`` and refresh run unchanged. Publications go to a counting sink, not to paho (the real-time
soak, `tests.bench.soak`, keeps the broker). The process's resident memory and the bytes tracemalloc sees
are sampled every simulated hour; the plateau rule is the real-time soak's (:func:`tests.bench.soak.plateau`).

``PWKIT_SOAK_DAYS`` shortens it, ``PWKIT_SOAK_GATEWAYS`` changes the count; ``PWKIT_SOAK_TRACE=1`` adds
tracemalloc's top growing allocation sites between the first and the last third (slower).
"""

from __future__ import annotations

import asyncio
import json
import os
import time
import tracemalloc
from typing import Any

from powerwall_client.pwkit_operations import OPERATIONS, POLL_GROUPS
from pwkit.bridge.config import BridgeConfig, GatewayConfig
from pwkit.bridge.service import BridgeService
from pwkit.client.clock import ManualClock
from pwkit.client.vitals import decode_flat

from ..simulators import login, make_app
from . import stop_cleanly_on_sigterm
from .report import process_usage

GATEWAYS = 10
SAMPLE_EVERY = 3600.0  # simulated seconds between two samples


class CountingLink:
    """Where the bridge's publications go: counted, as a broker would receive them, and dropped."""

    knows_retain_flag = True

    def __init__(self) -> None:
        self.count = 0

    def publish(self, topic: str, payload: Any, **kwargs: Any) -> bool:
        self.count += 1
        return True


def run(days: float | None = None, *, gateways: int | None = None, trace: bool | None = None) -> dict[str, Any]:
    days = days if days is not None else float(os.environ.get("PWKIT_SOAK_DAYS", "7"))
    gateways = gateways if gateways is not None else int(os.environ.get("PWKIT_SOAK_GATEWAYS", str(GATEWAYS)))
    trace = trace if trace is not None else os.environ.get("PWKIT_SOAK_TRACE") == "1"
    apps = [make_app(speed=0.0, seed=index) for index in range(gateways)]
    tokens = [login(app)["Authorization"] for app in apps]
    return asyncio.run(_run(days, apps, tokens, trace))


async def _run(days: float, apps: list[Any], tokens: list[str], trace: bool) -> dict[str, Any]:
    from .soak import plateau

    gateways = len(apps)
    clock = ManualClock()
    config = BridgeConfig(gateway=[GatewayConfig(url=f"https://gw{i}", password="-") for i in range(gateways)])
    service = BridgeService(config, clock=clock)
    link = CountingLink()
    service.link = link  # type: ignore[assignment]
    for index, worker in enumerate(service.workers):
        worker.id = f"g{index}"
    groups = {
        g: [op.path for op in OPERATIONS if op.is_reading and op.poll == g and "{" not in op.path] for g in POLL_GROUPS
    }
    step = min(POLL_GROUPS.values())
    # Every simulated hour, as the real-time soak's every minute; a short trial run still gets 6 samples.
    every = max(step, min(SAMPLE_EVERY, days * 86400 / 6 // step * step))
    refresher = asyncio.create_task(service._refresh())

    async def no_send(message: dict[str, Any]) -> None:
        return None

    if trace:
        tracemalloc.start(8)
    samples: list[tuple[float, float, float]] = []  # (simulated hours, RSS MiB, traced MiB)
    snapshots: list[tracemalloc.Snapshot] = []
    wall0 = time.monotonic()
    ticks = int(days * 86400 / step)
    for tick in range(ticks + 1):
        now = tick * step
        await clock.advance_to(now)
        for app in apps:
            app.site.clock.advance(step)
        for group, interval in POLL_GROUPS.items():
            if now % interval:
                continue
            for app, token, worker in zip(apps, tokens, service.workers, strict=True):
                for path in groups[group]:
                    answer = await app.answer("GET", path, {"authorization": token}, b"", no_send)
                    if answer.status != 200:
                        continue
                    if path == "/api/devices/vitals":
                        body: Any = decode_flat(answer.body)
                    elif answer.content_type == "application/json":
                        body = json.loads(answer.body)
                    else:
                        continue
                    service.publish_reading(worker, path, body)
        if now % every == 0 and now > 0:
            _, rss = process_usage(os.getpid())
            traced = tracemalloc.get_traced_memory()[0] if trace else 0
            samples.append((now / 3600, rss / 2**20, traced / 2**20))
            if now % 86400 == 0:
                print(f"  soak day {now / 86400:.0f}: RSS {rss / 2**20:.1f} MiB", flush=True)
            if trace and len(snapshots) == 0 and now >= days * 86400 / 3:
                snapshots.append(tracemalloc.take_snapshot())
    if trace:
        snapshots.append(tracemalloc.take_snapshot())
        tracemalloc.stop()
    refresher.cancel()
    rss_samples = [(hours, rss) for hours, rss, _ in samples]
    verdict = plateau(rss_samples, days * 24)
    result: dict[str, Any] = {
        "gateways": gateways,
        "simulated_days": days,
        "wall_seconds": round(time.monotonic() - wall0, 1),
        "rss_mib": [round(rss, 1) for _, rss in rss_samples],
        "traced_mib": [round(traced, 2) for _, _, traced in samples] if trace else None,
        "refreshes": service.publisher.refreshes,
        "messages_published": link.count,
        **verdict,
    }
    if trace and len(snapshots) == 2:
        result["top_growth"] = [
            f"{stat.size_diff / 1024:+.1f} KiB {stat.count_diff:+d} blocks {stat.traceback.format()[-1].strip()}"
            for stat in snapshots[1].compare_to(snapshots[0], "lineno")[:10]
        ]
    return result


if __name__ == "__main__":
    stop_cleanly_on_sigterm()
    print(json.dumps(run(), indent=2))
