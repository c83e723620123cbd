"""Home Assistant's export and grid-charging controls show the gateway's own state with only a paired key (issue 24).

`pwkit simulate` (pw2-26.x), a key paired with `pwkit pair`, a real mosquitto, `pwkit bridge` with no Fleet API:
the controls' state comes from config.json read over TEDAPI (v1r), and follows a command made over local-v1r.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from .test_bridge_tedapi import Site, pair_over_wifi

pytestmark = pytest.mark.slow


def test_export_and_grid_charging_controls_have_a_state_without_the_cloud(tmp_path: Path) -> None:
    site = Site(
        tmp_path,
        "pw2-26.x",
        sticker=False,
        before=pair_over_wifi,
        extra='allow_commands = ["export", "grid_charging"]\n',
    )
    try:
        discovery = site.observer.wait_for(
            "homeassistant/device/+/config", lambda m: '"export"' in m.text and "command_topic" in m.text, timeout=60
        )
        controls = json.loads(discovery.payload)["cmps"]
        export, charging = controls["export"]["state_topic"], controls["grid_charging"]["state_topic"]
        # The simulated gateway's config.json: export pv_only, grid charging allowed (no disallow flag).
        site.observer.wait_for(export, lambda m: m.text == "pv_only", timeout=40)
        site.observer.wait_for(charging, lambda m: m.text == "on", timeout=40)
        site.info_when(lambda g: g["routes"].get("export") == "local-v1r")
        for command, value, topic in (("export", "never", export), ("grid_charging", "off", charging)):
            transaction = f"{command}-{time.monotonic_ns()}"
            site.observer.publish(f"pwkit/home/set/{command}", json.dumps({"value": value, "transaction": transaction}))
            answer = json.loads(
                site.wait(f"response/{command}", lambda m, t=transaction: t in m.text, timeout=60).payload
            )
            assert answer["status"] == "ok" and answer["verified"] is True, answer
            # config.json is read again after the command: the control shows the gateway's new state.
            site.observer.wait_for(topic, lambda m, v=value: m.text == v, timeout=30)
        assert site.observer.on("pwkit/home/fleet/#") == []  # nothing came from a cloud
    finally:
        site.close()
