"""Home Assistant discovery payloads, checked against Home Assistant's documented keys, classes and units."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from pwkit.bridge.config import GatewayConfig
from pwkit.bridge.discovery import config_topic, device_config, removal

# From Home Assistant's MQTT and sensor documentation, written down as a table.
REQUIRED = {
    "sensor": {"state_topic"},
    "binary_sensor": {"state_topic"},
    "select": {"command_topic", "options"},
    "number": {"command_topic"},
    "switch": {"command_topic"},
    "button": {"command_topic"},
}
DEVICE_CLASS_UNITS = {
    "power": {"W", "kW"},
    "energy": {"Wh", "kWh", "MWh"},
    "energy_storage": {"Wh", "kWh", "MWh"},
    "battery": {"%"},
    "frequency": {"Hz", "kHz"},
    "voltage": {"V", "mV"},
    "current": {"A", "mA"},
}
BINARY_DEVICE_CLASSES = {"running", "connectivity", "problem", "power"}
STATE_CLASSES = {"measurement", "total", "total_increasing"}
# Energy must not be `measurement` (Home Assistant warns); stored energy must be `measurement`.
STATE_CLASS_OF = {"energy": {"total", "total_increasing"}, "energy_storage": {"measurement"}}
ENTITY_CATEGORIES = {"diagnostic", "config"}


@dataclass
class FakeGateway:
    url: str = "https://192.168.1.50"


@dataclass
class Worker:
    """What discovery reads of a gateway worker."""

    id: str
    config: GatewayConfig
    firmware: str | None = "21.39.1"
    gateway: FakeGateway = field(default_factory=FakeGateway)


def worker(commands: tuple[str, ...] = (), **flags: bool) -> Worker:
    return Worker("home", GatewayConfig(url="https://192.168.1.50", password="x", allow_commands=commands, **flags))


def check(payload: dict[str, Any]) -> None:
    for key in ("dev", "o", "cmps"):
        assert key in payload
    assert payload["dev"]["ids"] and payload["dev"]["name"] and payload["o"]["name"] == "pwkit"
    assert payload["availability_mode"] == "all"
    assert [a["topic"] for a in payload["availability"]] == ["pwkit/bridge/state", "pwkit/home/availability"]
    unique_ids = [c["unique_id"] for c in payload["cmps"].values()]
    assert len(unique_ids) == len(set(unique_ids))
    for key, component in payload["cmps"].items():
        platform = component["p"]
        assert platform in REQUIRED, key
        assert REQUIRED[platform] <= set(component), (key, REQUIRED[platform] - set(component))
        device_class = component.get("device_class")
        if platform == "sensor" and device_class:
            assert component["unit_of_measurement"] in DEVICE_CLASS_UNITS[device_class], key
            assert component["state_class"] in STATE_CLASS_OF.get(device_class, STATE_CLASSES), key
        if platform == "binary_sensor" and device_class:
            assert device_class in BINARY_DEVICE_CLASSES, key
        if "state_class" in component:
            assert component["state_class"] in STATE_CLASSES, key
        if "entity_category" in component:
            assert component["entity_category"] in ENTITY_CATEGORIES, key


@pytest.mark.parametrize(
    "gateway",
    [
        worker(),
        worker(("mode", "reserve")),
        worker(("mode", "reserve", "island", "sitemaster"), allow_island=True, allow_sitemaster_stop=True),
    ],
    ids=["read-only", "mode-reserve", "everything"],
)
def test_every_discovery_payload_keeps_home_assistants_rules(gateway: Worker) -> None:
    check(device_config("pwkit", gateway))


def test_the_sensors_users_expect_are_there() -> None:
    components = device_config("pwkit", worker())["cmps"]
    expected = {
        "soe", "solar_power", "home_power", "grid_power", "battery_power", "grid_imported", "grid_exported",
        "grid_status", "operation_mode", "backup_reserve", "backup_reserve_app", "capacity", "remaining",
        "frequency", "voltage", "sitemaster_running", "connected_to_tesla", "firmware",
    }  # fmt: skip
    assert expected <= set(components)
    assert components["soe"]["state_topic"] == "pwkit/home/system_status/soe/percentage"
    assert components["frequency"]["enabled_by_default"] is False
    assert components["firmware"]["entity_category"] == "diagnostic"
    assert all(c["p"] in ("sensor", "binary_sensor") for c in components.values())  # no controls unless enabled


def test_controls_follow_the_enabled_commands() -> None:
    some = device_config("pwkit", worker(("mode", "reserve", "sitemaster")))["cmps"]
    assert some["mode"]["command_topic"] == "pwkit/home/set/mode"
    assert some["reserve"]["p"] == "number" and (some["reserve"]["min"], some["reserve"]["max"]) == (0, 100)
    assert "sitemaster_run" in some and "sitemaster_stop" not in some and "off_grid" not in some
    everything = device_config(
        "pwkit", worker(("island", "sitemaster"), allow_island=True, allow_sitemaster_stop=True)
    )["cmps"]
    assert {"off_grid", "sitemaster_run", "sitemaster_stop"} <= set(everything)
    assert "mode" not in everything


def test_a_disabled_control_is_removed_by_its_platform_alone() -> None:
    before = device_config("pwkit", worker(("mode", "reserve")))
    after = device_config("pwkit", worker(("mode",)))
    gone = removal(before, after)
    assert gone is not None and gone["cmps"]["reserve"] == {"p": "number"}
    assert removal(after, after) is None


def test_the_app_scale_reserve_control_shows_the_app_scale() -> None:
    payload = device_config("pwkit", worker(("reserve",)), reserve_scale="app")
    assert payload["cmps"]["reserve"]["state_topic"].endswith("backup_reserve_percent_app")


def test_the_config_topic_is_device_based_and_safe() -> None:
    assert config_topic("homeassistant", "TG12.3") == "homeassistant/device/pwkit_TG12_3/config"
