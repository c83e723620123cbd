"""Home Assistant MQTT discovery: one device per gateway, its entities described as a table.

One retained config per gateway on ``<discovery prefix>/device/<id>/config``
(device-based discovery) carries ``dev``, ``o`` and ``cmps``. Availability
combines the bridge's state and the gateway's (``availability_mode: all``).
Controls appear only for the commands enabled in the bridge's configuration;
a control that is disabled, or a gateway that is gone, is removed by an empty
retained config.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from typing import Any

SUPPORT_URL = "https://github.com/powerwall-kit/powerwall-kit"
KWH = "{{ (value | float / 1000) | round(3) }}"


@dataclass(frozen=True)
class Entity:
    """One Home Assistant entity: its platform, the reading it shows, and how."""

    key: str
    platform: str
    name: str
    state: str  # topic under <prefix>/<gw>/
    options: dict[str, Any] = field(default_factory=dict)
    command: str | None = None  # the command it sends, if a control
    needs: Callable[[Any], bool] = lambda worker: True


def _power(key: str, meter: str, name: str) -> Entity:
    return Entity(
        key,
        "sensor",
        name,
        f"meters/aggregates/{meter}/instant_power",
        {"device_class": "power", "state_class": "measurement", "unit_of_measurement": "W"},
    )


def _energy(key: str, meter: str, field_name: str, name: str) -> Entity:
    return Entity(
        key,
        "sensor",
        name,
        f"meters/aggregates/{meter}/{field_name}",
        {
            "device_class": "energy",
            "state_class": "total_increasing",
            "unit_of_measurement": "kWh",
            "value_template": KWH,
            "suggested_display_precision": 1,
        },
    )


DIAGNOSTIC = {"entity_category": "diagnostic"}
DISABLED = {"enabled_by_default": False}

SENSORS: tuple[Entity, ...] = (
    Entity(
        "soe",
        "sensor",
        "State of charge",
        "system_status/soe/percentage",
        {
            "device_class": "battery",
            "state_class": "measurement",
            "unit_of_measurement": "%",
            "suggested_display_precision": 1,
        },
    ),
    _power("solar_power", "solar", "Solar power"),
    _power("home_power", "load", "Home power"),
    _power("grid_power", "site", "Grid power"),
    _power("battery_power", "battery", "Battery power"),
    _energy("grid_imported", "site", "energy_imported", "Grid energy imported"),
    _energy("grid_exported", "site", "energy_exported", "Grid energy exported"),
    _energy("battery_imported", "battery", "energy_imported", "Battery energy charged"),
    _energy("battery_exported", "battery", "energy_exported", "Battery energy discharged"),
    _energy("solar_exported", "solar", "energy_exported", "Solar energy produced"),
    _energy("home_imported", "load", "energy_imported", "Home energy consumed"),
    Entity(
        "grid_status",
        "sensor",
        "Grid status",
        "system_status/grid_status/grid_status",
        {"icon": "mdi:transmission-tower"},
    ),
    Entity("operation_mode", "sensor", "Operation mode", "operation/mode", {"icon": "mdi:home-battery"}),
    Entity(
        "backup_reserve",
        "sensor",
        "Backup reserve",
        "operation/backup_reserve_percent",
        {"unit_of_measurement": "%", "state_class": "measurement", "icon": "mdi:battery-lock"},
    ),
    Entity(
        "backup_reserve_app",
        "sensor",
        "Backup reserve (app scale)",
        "operation/backup_reserve_percent_app",
        {"unit_of_measurement": "%", "state_class": "measurement", "icon": "mdi:battery-lock"},
    ),
    Entity(
        "capacity",
        "sensor",
        "Battery capacity",
        "system_status/nominal_full_pack_energy",
        {
            "device_class": "energy_storage",
            "state_class": "measurement",
            "unit_of_measurement": "kWh",
            "value_template": KWH,
        },
    ),
    Entity(
        "remaining",
        "sensor",
        "Battery energy remaining",
        "system_status/nominal_energy_remaining",
        {
            "device_class": "energy_storage",
            "state_class": "measurement",
            "unit_of_measurement": "kWh",
            "value_template": KWH,
        },
    ),
    Entity(
        "frequency",
        "sensor",
        "Grid frequency",
        "meters/aggregates/battery/frequency",
        {"device_class": "frequency", "state_class": "measurement", "unit_of_measurement": "Hz", **DISABLED},
    ),
    Entity(
        "voltage",
        "sensor",
        "Grid voltage",
        "meters/aggregates/site/instant_average_voltage",
        {"device_class": "voltage", "state_class": "measurement", "unit_of_measurement": "V", **DISABLED},
    ),
    Entity(
        "sitemaster_running",
        "binary_sensor",
        "Sitemaster running",
        "sitemaster/running",
        {"device_class": "running", "payload_on": "true", "payload_off": "false", **DIAGNOSTIC},
    ),
    Entity(
        "connected_to_tesla",
        "binary_sensor",
        "Connected to Tesla",
        "sitemaster/connected_to_tesla",
        {"device_class": "connectivity", "payload_on": "true", "payload_off": "false", **DIAGNOSTIC},
    ),
    Entity("firmware", "sensor", "Firmware version", "status/version", {"icon": "mdi:chip", **DIAGNOSTIC}),
)

OFF_GRID = "{{ 'off_grid' if value in ['SystemIslandedActive', 'SystemTransitionToIsland'] else 'on_grid' }}"

CONTROLS: tuple[Entity, ...] = (
    Entity(
        "mode",
        "select",
        "Operation mode",
        "operation/mode",
        {"options": ["self_consumption", "backup", "autonomous"], "icon": "mdi:home-battery"},
        command="mode",
    ),
    Entity(
        "reserve",
        "number",
        "Backup reserve",
        "operation/backup_reserve_percent",
        {"min": 0, "max": 100, "step": 1, "unit_of_measurement": "%", "mode": "slider", "icon": "mdi:battery-lock"},
        command="reserve",
    ),
    Entity(
        "off_grid",
        "switch",
        "Off-grid",
        "system_status/grid_status/grid_status",
        {
            "payload_on": "off_grid",
            "payload_off": "on_grid",
            "value_template": OFF_GRID,
            "state_on": "off_grid",
            "state_off": "on_grid",
            "icon": "mdi:transmission-tower-off",
        },
        command="island",
        needs=lambda worker: worker.config.allow_island,
    ),
    Entity(
        "sitemaster_run",
        "button",
        "Start sitemaster",
        "",
        {"payload_press": "run", **DIAGNOSTIC},
        command="sitemaster",
    ),
    Entity(
        "sitemaster_stop",
        "button",
        "Stop sitemaster",
        "",
        {"payload_press": "stop", **DIAGNOSTIC},
        command="sitemaster",
        needs=lambda worker: worker.config.allow_sitemaster_stop,
    ),
)


def node_id(gateway_id: str) -> str:
    return "pwkit_" + re.sub(r"[^a-zA-Z0-9_-]", "_", gateway_id)


def config_topic(discovery_prefix: str, gateway_id: str) -> str:
    return f"{discovery_prefix}/device/{node_id(gateway_id)}/config"


def enabled_controls(worker: Any) -> list[Entity]:
    return [c for c in CONTROLS if c.command in worker.config.allow_commands and c.needs(worker)]


def device_config(prefix: str, worker: Any, *, reserve_scale: str = "gateway") -> dict[str, Any]:
    """The discovery payload of one gateway (``worker``: its id, firmware, configuration)."""
    node = node_id(worker.id)
    base = f"{prefix}/{worker.id}"
    components: dict[str, Any] = {}
    for entity in (*SENSORS, *enabled_controls(worker)):
        component: dict[str, Any] = {
            "p": entity.platform,
            "name": entity.name,
            "unique_id": f"{node}_{entity.key}",
            **entity.options,
        }
        if entity.state:
            component["state_topic"] = f"{base}/{entity.state}"
        if entity.key == "reserve" and reserve_scale == "app":
            component["state_topic"] = f"{base}/operation/backup_reserve_percent_app"
        if entity.command:
            component["command_topic"] = f"{base}/set/{entity.command}"
        components[entity.key] = component
    return {
        "dev": {
            "ids": [node],
            "name": f"Powerwall {worker.id}",
            "mf": "Tesla",
            "mdl": "Powerwall 2 (Tesla Energy Gateway)",
            "sw": worker.firmware or "unknown",
            "cu": worker.gateway.url,
        },
        "o": {"name": "pwkit", "sw": version("powerwall-kit"), "url": SUPPORT_URL},
        "availability": [
            {"topic": f"{prefix}/bridge/state"},
            {"topic": f"{base}/availability"},
        ],
        "availability_mode": "all",
        "qos": 1,
        "cmps": components,
    }


def removal(previous: dict[str, Any], current: dict[str, Any]) -> dict[str, Any] | None:
    """A config that removes the components ``previous`` had and ``current`` lacks (only ``p`` kept), or None."""
    gone = {key: {"p": c["p"]} for key, c in previous.get("cmps", {}).items() if key not in current.get("cmps", {})}
    if not gone:
        return None
    return {**current, "cmps": {**current["cmps"], **gone}}


class Discovery:
    """Publishes discovery for every gateway: on connection, and when Home Assistant comes online."""

    def __init__(self, service: Any, store: Any) -> None:
        self.service = service
        self.store = store  # StateFile of the configs last announced, so removals survive restarts
        self._pending: Any = None

    @property
    def prefix(self) -> str:
        return str(self.service.config.mqtt.discovery_prefix)

    async def on_connected(self) -> None:
        self.publish_all()

    def on_home_assistant(self, payload: bytes) -> None:
        """Home Assistant announced itself: re-send discovery after a short random delay, then the states."""
        if payload.strip() != b"online":
            return
        if self._pending is not None and not self._pending.done():
            self._pending.cancel()

        async def later() -> None:
            await asyncio.sleep(random.uniform(1.0, 3.0))  # many devices answer the same birth message
            self.publish_all()
            self.service.republish_state()

        self._pending = asyncio.get_running_loop().create_task(later())

    def publish_all(self) -> None:
        link = self.service.link
        previous = self.store.load()
        current_ids = set()
        for worker in self.service.workers:
            current_ids.add(worker.id)
            config = device_config(self.service.prefix, worker, reserve_scale=self.service.config.reserve_scale)
            topic = config_topic(self.prefix, worker.id)
            gone = removal(previous.get(worker.id, {}), config)
            if gone is not None:
                link.publish(topic, json.dumps(gone), retain=True)
            link.publish(topic, json.dumps(config), retain=True)
            self.store.put(worker.id, config)
        for gateway_id in set(previous) - current_ids:
            link.publish(config_topic(self.prefix, gateway_id), b"", retain=True)  # removes the device
            self.store.put(gateway_id, None)
