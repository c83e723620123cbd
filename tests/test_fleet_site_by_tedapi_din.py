"""A named Powerwall 3 with a Fleet account finds its energy site by the DIN read over TEDAPI (issue 24).

A Powerwall 3's REST serves no /api/status: its DIN comes only from TEDAPI. `pwkit simulate --firmware pw3-26.x
--fleet` (the cloud's products list gives the site's gateway_id, a DIN of the same serial), a real mosquitto and
`pwkit bridge` with a name, the Fleet API and no fleet_site_id: the cloud's readings and commands work.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from .brokers import Mosquitto, Observer, RunningBridge
from .simulators import EMAIL, RunningSimulator
from .test_routes import fleet_section

pytestmark = pytest.mark.slow
PASSWORD = "Gw-Fleet-Din-5150"


def test_a_named_powerwall_3_needs_no_fleet_site_id(tmp_path: Path) -> None:
    sim = RunningSimulator(tmp_path / "sim", "--firmware", "pw3-26.x", "--fleet", "--customer-password", PASSWORD)
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["#"])
    token = sim.control("POST", "/fleet/refresh-token")["refresh_token"]
    config = f"""
[mqtt]
url = "{broker.url}"
discovery = false
[bridge]
id = "b1"
verify_timeout = 8
{fleet_section(sim)}
[[gateway]]
url = "{sim.url}"
name = "home"
email = "{EMAIL}"
allow_commands = ["storm_watch"]
"""
    bridge = RunningBridge(tmp_path / "b", config, env={"PWKIT_PASSWORD": PASSWORD, "PWKIT_FLEET_REFRESH_TOKEN": token})
    try:
        status = observer.wait_for("pwkit/home/fleet/status", lambda m: '"available": true' in m.text, timeout=60)
        assert json.loads(status.payload) == {"available": True, "error": None}
        observer.wait_for("pwkit/home/fleet/export", timeout=30)  # the cloud's readings of this site
        transaction = f"t{time.monotonic_ns()}"
        observer.publish("pwkit/home/set/storm_watch", json.dumps({"value": "on", "transaction": transaction}))
        answer = json.loads(
            observer.wait_for("pwkit/home/response/storm_watch", lambda m: transaction in m.text, timeout=60).payload
        )
        assert answer["status"] == "ok" and answer["route"] == "fleet" and answer["verified"] is True, answer
        assert "read over TEDAPI" in bridge.log()
    finally:
        bridge.stop()
        observer.close()
        broker.stop()
        sim.stop()
