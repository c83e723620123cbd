"""The world of `make test-ha`: the simulator, a private mosquitto, the bridge and a real Home Assistant."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.brokers import Mosquitto, Observer, RunningBridge
from tests.simulators import EMAIL, INSTALLER_PASSWORD, RunningSimulator, installer_session

from .homeassistant import HomeAssistant, build_root

PASSWORD = "Gw-Secret-8317"
BRIDGE_CONFIG = """
[mqtt]
url = "{broker}"
prefix = "pwkit"

[bridge]
refresh_interval = 60
command_interval = 0.3
rate_limit_cooldown = 3
[bridge.poll]
fast = 0.5
normal = 1
slow = 2

[[gateway]]
url = "{sim}"
name = "home"
email = "{email}"
allow_commands = ["mode", "reserve", "island", "sitemaster"]
allow_island = true
allow_sitemaster_stop = true
"""


@dataclass
class World:
    sim: RunningSimulator
    broker: Mosquitto
    observer: Observer
    bridge: RunningBridge
    ha: HomeAssistant
    root: Any

    def start_bridge(self) -> None:
        config = BRIDGE_CONFIG.format(broker=self.broker.url, sim=self.sim.url, email=EMAIL)
        self.bridge = RunningBridge(self.root / "bridge", config, env={"PWKIT_PASSWORD": PASSWORD})

    def discovery(self) -> dict[str, Any]:
        """The device config the bridge announced last."""
        message = self.observer.wait_for("homeassistant/device/pwkit_home/config", lambda m: bool(m.payload))
        latest = self.observer.latest("homeassistant/device/pwkit_home/config")
        assert latest is not None
        return json.loads((latest if latest.payload else message).payload)  # type: ignore[no-any-return]

    def entity_ids(self) -> dict[str, str]:
        """Our unique id → Home Assistant's entity id, from its entity registry."""
        entries = self.ha.ws("config/entity_registry/list")
        return {e["unique_id"]: e["entity_id"] for e in entries if e["platform"] == "mqtt"}

    def entity(self, key: str) -> str:
        return self.entity_ids()[f"pwkit_home_{key}"]


@pytest.fixture(scope="session")
def ha_root() -> Any:
    return build_root()


@pytest.fixture(scope="module")
def world(ha_root: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("ha-world")
    sim = RunningSimulator(root / "sim", "--customer-password", PASSWORD, "--installer-password", INSTALLER_PASSWORD)
    broker = Mosquitto(root / "mqtt")
    observer = Observer(broker, ["pwkit/#", "homeassistant/#"])
    ha = HomeAssistant(ha_root, "world")
    world = World(sim, broker, observer, None, ha, root)  # type: ignore[arg-type]
    try:
        ha.start()
        ha.onboard()
        ha.add_mqtt(broker.port)
        # Mode, reserve and stopping the sitemaster need the installer role, as on a real gateway: the
        # session comes through the physical toggle and is kept where the bridge finds it.
        installer_session(sim, root / "bridge" / "state", PASSWORD)
        world.start_bridge()
        observer.wait_for("pwkit/home/availability", lambda m: m.text == "online", timeout=30)
        yield world
    finally:
        if world.bridge is not None:
            world.bridge.stop()
        ha.stop()
        if ha.log_path.exists():  # kept beside the other logs of this run, for a failure's reader
            shutil.copy(ha.log_path, root / "home-assistant.log")
        ha.remove()
        observer.close()
        broker.stop()
        sim.stop()
