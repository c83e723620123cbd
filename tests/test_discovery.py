"""Home Assistant discovery payloads: what a real Home Assistant does not check for us.

Units, device classes, state classes and options are checked by a real Home Assistant
(`make test-ha`, tests/ha). Here: which entities exist for which configuration, that names and
unique ids never collide, the availability each entity follows, and removals."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest

from pwkit.bridge.config import BridgeConfig, GatewayConfig
from pwkit.bridge.discovery import Discovery, config_topic, device_config, removal
from pwkit.client.store import StateFile


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
    batteries: list[str] = field(default_factory=list)


def worker(commands: tuple[str, ...] = (), **flags: bool) -> Worker:
    return Worker("home", GatewayConfig(url="https://192.168.1.50", password="x", allow_commands=commands, **flags))


VARIANTS = [
    worker(),
    worker(("mode", "reserve")),
    worker(("mode", "reserve", "island", "sitemaster"), allow_island=True, allow_sitemaster_stop=True),
]
IDS = ["read-only", "mode-reserve", "everything"]


@pytest.mark.parametrize("gateway", VARIANTS, ids=IDS)
def test_no_two_entities_share_a_name_or_a_unique_id(gateway: Worker) -> None:
    gateway.batteries = ["TG1", "TG2"]
    components = device_config("pwkit", gateway)["cmps"].values()
    names = [c["name"] for c in components]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    unique_ids = [c["unique_id"] for c in components]
    assert len(unique_ids) == len(set(unique_ids))


def test_the_sensors_users_expect_are_there() -> None:
    components = device_config("pwkit", worker())["cmps"]
    expected = {
        "soe", "solar_power", "home_power", "grid_power", "battery_power", "grid_imported", "grid_exported",
        "grid_status", "grid_connected", "grid_services_active", "charging", "operation_mode", "backup_reserve",
        "backup_reserve_app", "capacity", "remaining", "grid_frequency", "grid_voltage", "grid_current",
        "sitemaster_running", "connected_to_tesla", "firmware", "gateway_reachable", "login", "command_route",
        "last_error", "command_answer",
    }  # fmt: skip
    assert expected <= set(components)
    assert components["soe"]["state_topic"] == "pwkit/home/system_status/soe/percentage"
    assert components["grid_frequency"]["enabled_by_default"] is False
    assert components["firmware"]["entity_category"] == "diagnostic"
    controls = ("select", "number", "switch", "button")
    assert not any(c["p"] in controls for c in components.values())  # no controls unless enabled


def test_a_control_replaces_the_reading_it_shows() -> None:
    read_only = device_config("pwkit", worker())["cmps"]
    assert {"operation_mode", "backup_reserve"} <= set(read_only)
    controlled = device_config("pwkit", worker(("mode", "reserve")))["cmps"]
    assert "operation_mode" not in controlled and "backup_reserve" not in controlled
    assert controlled["mode"]["name"] == "Operation mode" and controlled["reserve"]["name"] == "Backup reserve"


def test_every_battery_gets_its_own_readings() -> None:
    gateway = worker()
    gateway.batteries = ["TG1210480013PQ", "TG2"]
    components = device_config("pwkit", gateway)["cmps"]
    first = components["battery_TG1210480013PQ_capacity"]
    assert first["state_topic"] == "pwkit/home/system_status/battery_blocks/TG1210480013PQ/nominal_full_pack_energy"
    assert first["name"] == "Battery 1 capacity"
    assert components["battery_TG2_grid_state"]["name"] == "Battery 2 grid state"


def test_a_reading_follows_its_own_availability_and_health_only_the_bridges() -> None:
    components = device_config("pwkit", worker(("sitemaster",)))["cmps"]
    topics = [a["topic"] for a in components["soe"]["availability"]]
    assert topics == ["pwkit/bridge/state", "pwkit/home/availability", "pwkit/home/availability/system_status/soe"]
    grid = [a["topic"] for a in components["grid_status"]["availability"]]
    assert grid[-1] == "pwkit/home/availability/system_status/grid_status"
    # Saying that the gateway is unreachable is the point of these: they must not go unavailable with it.
    for key in ("gateway_reachable", "login", "last_error", "command_answer"):
        assert [a["topic"] for a in components[key]["availability"]] == ["pwkit/bridge/state"], key
    assert "availability" not in components["sitemaster_run"]  # the device's: bridge and gateway


def availability_topics(config: dict[str, object]) -> set[str]:
    out = {a["topic"] for a in config["availability"]}  # type: ignore[attr-defined]
    for component in config["cmps"].values():  # type: ignore[attr-defined]
        out |= {a["topic"] for a in component.get("availability", [])}
    return out


def test_a_gateway_whose_tedapi_is_not_read_has_no_entity_waiting_for_tedapi() -> None:
    """TEDAPI on (the default, auto) but not read (21.39.1 serves the vitals over REST): with availability_mode
    all, an entity following availability/tedapi/… would stay unavailable for ever."""
    gateway = worker(("mode", "reserve"))
    gateway.tedapi = object()  # type: ignore[attr-defined]  # the source exists; no transport answered
    gateway.tedapi_read = False  # type: ignore[attr-defined]
    config = device_config("pwkit", gateway)
    assert not [t for t in availability_topics(config) if "/tedapi" in t]
    assert not [c for c in config["cmps"].values() if "/tedapi/" in c.get("state_topic", "")]
    gateway.tedapi_read = True  # type: ignore[attr-defined]  # once it answers, its entities follow its queries
    shown = device_config("pwkit", gateway)
    assert "pwkit/home/availability/tedapi/device_controller" in availability_topics(shown)
    assert "island_state" in shown["cmps"]


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


def test_every_sensor_shows_the_unit_the_spec_gives_its_reading() -> None:
    # The spec's x-pwkit-unit (generated into pwkit_readings) is the one source of units; energy
    # counters the gateway gives in Wh are shown in kWh. Topics the bridge derives are not in the spec.
    from powerwall_client.pwkit_readings import find

    gateway = worker()
    gateway.batteries = ["TG1"]
    checked = 0
    for key, component in device_config("pwkit", gateway)["cmps"].items():
        if component["p"] != "sensor" or key in ("backup_reserve_app", "login", "command_route", "last_error"):
            continue
        reading = find(component["state_topic"].removeprefix("pwkit/home/"))
        assert reading is not None, key
        spec_unit = {"Wh": "kWh", "1": None}.get(reading.unit or "", reading.unit)
        assert component.get("unit_of_measurement") == spec_unit, (key, reading.unit)
        checked += 1
    assert checked > 30


def test_controls_appear_only_for_commands_that_have_a_route() -> None:
    w = worker(("mode", "reserve", "export", "storm_watch"))
    w.routes = {  # type: ignore[attr-defined]
        "mode": (None, "needs the installer role or the Fleet API"),
        "reserve": ("local-installer", None),
        "export": ("fleet", None),
        "storm_watch": (None, "offered only by Tesla's cloud"),
    }
    payload = device_config("pwkit", w)
    controls = {k for k, c in payload["cmps"].items() if "command_topic" in c}
    assert controls == {"reserve", "export"}
    export = payload["cmps"]["export"]
    assert export["options"] == ["Solar only", "Solar and battery", "Never"]  # readable, as the mode select
    assert '"pv_only": "Solar only"' in export["value_template"]
    assert '"Never": "never"' in export["command_template"]
    assert payload["cmps"]["export"]["state_topic"] == "pwkit/home/settings/export"


class RecordingLink:
    def __init__(self) -> None:
        self.published: list[tuple[str, object]] = []

    def publish(self, topic: str, payload: object, **kwargs: object) -> None:
        self.published.append((topic, payload))


def discovery_of(workers: list[Worker], state: Path) -> tuple[Discovery, RecordingLink]:
    link = RecordingLink()
    service = SimpleNamespace(link=link, workers=workers, prefix="pwkit", config=BridgeConfig())
    return Discovery(service, StateFile(state)), link


def test_a_gateway_finding_its_batteries_republishes_its_own_device_only(tmp_path: Path) -> None:
    """With 100 gateways each finding its batteries, republishing every device each time was N² work."""
    workers = [Worker(f"g{n}", worker().config) for n in range(100)]
    discovery, link = discovery_of(workers, tmp_path / "discovery.json")
    discovery.publish_all()
    assert len(link.published) == 100
    link.published.clear()
    workers[7].batteries = ["TG1", "TG2"]
    discovery.publish([workers[7]])
    assert [topic for topic, _ in link.published] == [config_topic("homeassistant", "g7")]
    assert "TG2" in str(link.published[0][1])
    # The state file keeps only what a removal needs, so it stays small however many gateways there are.
    assert (tmp_path / "discovery.json").stat().st_size < 100 * 4000


def test_a_battery_gone_while_the_bridge_was_down_is_removed_after_a_restart(tmp_path: Path) -> None:
    gateway = Worker("home", worker().config, batteries=["TG1", "TG2"])
    discovery_of([gateway], tmp_path / "discovery.json")[0].publish_all()
    gateway.batteries = ["TG1"]
    discovery, link = discovery_of([gateway], tmp_path / "discovery.json")  # a new process, the same state
    discovery.publish_all()
    removed, current = (json.loads(str(payload)) for _, payload in link.published)
    gone = set(removed["cmps"]) - set(current["cmps"])
    assert gone and all("TG2" in key.upper() for key in gone)
    assert all(removed["cmps"][key] == {"p": "sensor"} for key in gone)


def test_a_gateway_no_longer_configured_is_removed_from_home_assistant(tmp_path: Path) -> None:
    discovery_of([worker(), Worker("cabin", worker().config)], tmp_path / "d.json")[0].publish_all()
    discovery, link = discovery_of([worker()], tmp_path / "d.json")
    discovery.publish_all()
    assert (config_topic("homeassistant", "cabin"), b"") in link.published


def test_the_command_answer_event_carries_verified_and_a_manual_backup_has_its_controls() -> None:
    components = device_config("pwkit", worker(("backup_event",)))["cmps"]
    template = components["command_answer"]["value_template"]
    assert '"verified": value_json.verified' in template and '"note": value_json.note' in template
    assert components["backup_event"]["p"] == "number" and components["backup_event"]["max"] == 1440
    assert components["backup_event"]["command_topic"] == "pwkit/home/set/backup_event"
    assert components["backup_event_cancel"]["payload_press"] == "cancel"
