"""A simulated day of normal use over the Fleet API route, compressed 1000×: how many calls, how many refreshes.

    .venv/bin/python -m tests.bench.fleet_day

The bridge runs as users run it, against `pwkit simulate --fleet`, at its
defaults with every interval divided by 1000: the cloud's settings read every
15 minutes (fleet.interval's default of 900 s; 0.9 s here), the
gateway's readings hourly (they never reach the cloud), Tesla's 8-hour access
token (28.8 s), and four commands in the day (mode and reserve, twice each;
each read back once from the cloud). It prints what the simulated cloud
counted.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from tests.brokers import Mosquitto, Observer, RunningBridge
from tests.simulators import EMAIL, RunningSimulator

SCALE = 1000.0
DAY = 86400.0 / SCALE
HOUR = 3600.0 / SCALE
CLOUD_READS = 900.0 / SCALE  # fleet.interval's default
TOKEN_LIFE = 28800.0 / SCALE
COMMANDS = [(0.15, "mode", "backup"), (0.4, "reserve", 43), (0.65, "mode", "self_consumption"), (0.9, "reserve", 24)]


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="pwkit-fleet-day-") as tmp:
        root = Path(tmp)
        sim = RunningSimulator(root / "sim", "--fleet")
        broker = Mosquitto(root / "mqtt")
        observer = Observer(broker, ["#"])
        bridge = None
        try:
            sim.control("POST", "/fleet/faults", {"token_ttl": TOKEN_LIFE})
            f = sim.fleet
            config = f"""
[mqtt]
url = "{broker.url}"
discovery = false
[bridge]
command_interval = 0.2
[bridge.poll]
fast = {HOUR}
normal = {HOUR}
slow = {HOUR}
[fleet]
interval = {CLOUD_READS}
client_id = "{f["client_id"]}"
url = "{f["url"]}"
auth_url = "{f["url"]}"
ca = "{f["ca"]}"
[[gateway]]
url = "{sim.url}"
name = "home"
email = "{EMAIL}"
ca = "{sim.ca}"
allow_commands = ["mode", "reserve"]
"""
            token = sim.control("POST", "/fleet/refresh-token")["refresh_token"]
            sim.control("DELETE", "/fleet/stats")
            started = time.monotonic()
            bridge = RunningBridge(
                root / "bridge", config, env={"PWKIT_PASSWORD": "powerwall", "PWKIT_FLEET_REFRESH_TOKEN": token}
            )
            answers = []
            for index, (at, command, value) in enumerate(COMMANDS):
                time.sleep(max(0.0, started + at * DAY - time.monotonic()))
                transaction = f"day-{index}"
                observer.publish(f"pwkit/home/set/{command}", json.dumps({"value": value, "transaction": transaction}))
                reply = observer.wait_for(
                    f"pwkit/home/response/{command}",
                    lambda m, t=transaction: json.loads(m.payload).get("transaction") == t,  # type: ignore[misc]
                    timeout=60,
                )
                answers.append(json.loads(reply.payload))
            time.sleep(max(0.0, started + DAY - time.monotonic()))
            stats = sim.fleet_stats()
        finally:
            if bridge is not None:
                bridge.stop()
            observer.close()
            broker.stop()
            sim.stop()
    print(
        f"One simulated day ({DAY:.1f} s real, ×{SCALE:g}): cloud reads every 15 min (the default), "
        "token life 8 h, four commands"
    )
    for answer in answers:
        print(f"  {answer['command']} = {answer['requested']}: {answer['status']} via {answer['route']}")
    for endpoint, count in sorted(stats["requests"].items()):
        print(f"  {count:4d}  {endpoint}")
    api = sum(n for e, n in stats["requests"].items() if "/oauth2/" not in e)
    data = sum(n for e, n in stats["requests"].items() if e.startswith("GET "))
    print(
        f"Fleet API calls: {api} ({data} data requests, {api - data} commands); token refreshes: "
        f"{stats['token_refreshes']}; statuses: {stats['statuses']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
