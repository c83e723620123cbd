"""TEDAPI requests per hour per gateway at the default poll budget: the real bridge against the simulator.

    .venv/bin/python -m tests.bench.tedapi_rate [SECONDS]

For each profile the bridge polls a simulated gateway (REST and TEDAPI, basic on the access point) at its
defaults; after the first minute (start-up detection left out) the simulator's own TEDAPI request counts are
taken over SECONDS (240 by default) and scaled to an hour. The peers poll at about 240–360 an hour
(powerwall3mqtt every 30 s by default; pypowerwall's proxy as often as its clients ask, with a 5 s cache).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.brokers import Mosquitto, RunningBridge
from tests.simulators import EMAIL, RunningSimulator

from . import stop_cleanly_on_sigterm

PROFILES = ("pw2-25.x", "pw3-26.x")
PASSWORD = "Pw-12345"
STICKER = "SIMULATED-QR-PASSWORD"  # the simulator's default sticker password


def rate(profile: str, seconds: float, root: Path) -> dict[str, Any]:
    sim = RunningSimulator(root / "sim", "--firmware", profile, "--customer-password", PASSWORD)
    broker = Mosquitto(root / "mqtt")
    access_point = sim.control("GET", "/sites/0/tedapi")["access_point"]["url"]
    config = (
        f'[mqtt]\nurl = "{broker.url}"\n[[gateway]]\nurl = "{sim.url}"\nname = "home"\nemail = "{EMAIL}"\n'
        f'tedapi_url = "{access_point}"\n'
    )
    bridge = RunningBridge(root / "b", config, env={"PWKIT_PASSWORD": PASSWORD, "PWKIT_TEDAPI_PASSWORD": STICKER})

    def count() -> tuple[int, dict[str, int]]:
        requests: dict[str, int] = sim.control("GET", "/sites/0/tedapi")["requests"]
        return sum(requests.values()), requests

    try:
        time.sleep(60)
        before, _ = count()
        started = time.monotonic()
        time.sleep(seconds)
        after, by_endpoint = count()
        took = time.monotonic() - started
    finally:
        bridge.stop()
        broker.stop()
        sim.stop()
    return {"requests": after - before, "seconds": took, "per_hour": 3600 * (after - before) / took, **by_endpoint}


def run(seconds: float = 240.0) -> dict[str, dict[str, Any]]:
    root = Path(tempfile.mkdtemp(prefix="pwkit-tedapi-rate-"))
    try:
        return {profile: rate(profile, seconds, root / profile) for profile in PROFILES}
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    stop_cleanly_on_sigterm()
    for profile, figures in run(float(sys.argv[1]) if len(sys.argv) > 1 else 240.0).items():
        print(
            f"{profile}: {figures['requests']} TEDAPI requests in {figures['seconds']:.0f} s = "
            f"{figures['per_hour']:.0f} per hour"
        )
