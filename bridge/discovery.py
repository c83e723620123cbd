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
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from powerwall_client import pwkit_readings

from . import pwkit_version

SAVE_DELAY = 1.0  # seconds: the discovery state's changes are written together, at most once in this time
# ... or, once a write takes longer, SAVE_SHARE times that write: writing takes at most 1/SAVE_SHARE of the
# event loop. A thousand gateways' state is about 4 MB, read and rewritten whole: once a second while they joined
# it was 7 % of the bridge's start-up (py-spy).
SAVE_SHARE = 50
SUPPORT_URL = "https://github.com/powerwall-kit/powerwall-kit"
KWH = "{{ (value | float / 1000) | round(3) }}"
# Shown digits per unit (Home Assistant's suggested_display_precision): what a reading is worth.
PRECISION = {"W": 0, "kWh": 1, "%": 1, "V": 1, "Hz": 2, "A": 1}
# The meters of /api/meters/aggregates under the names a household uses for them.
METERS = {"site": "Grid", "load": "Home", "solar": "Solar", "battery": "Battery"}


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
    replaced_by: str | None = None  # a reading left out when this command's control shows it (one entity)


def _measure(unit: str, device_class: str | None = None, **extra: Any) -> dict[str, Any]:
    options: dict[str, Any] = {"state_class": "measurement", "unit_of_measurement": unit}
    if device_class:
        options["device_class"] = device_class
    if unit in PRECISION:
        options["suggested_display_precision"] = PRECISION[unit]
    return {**options, **extra}


def _kwh(device_class: str, state_class: str, **extra: Any) -> dict[str, Any]:
    """A gateway's Wh counter shown in kWh."""
    return {
        "device_class": device_class,
        "state_class": state_class,
        "unit_of_measurement": "kWh",
        "value_template": KWH,
        "suggested_display_precision": PRECISION["kWh"],
        **extra,
    }


# The spec's units (x-pwkit-unit) as Home Assistant writes them; a Wh counter is shown in kWh.
HA_UNITS = {
    "W": "W",
    "kW": "kW",
    "VA": "VA",
    "VAr": "var",
    "V": "V",
    "A": "A",
    "Hz": "Hz",
    "%": "%",
    "kWh": "kWh",
    "°C": "°C",
}


def units_from_spec(entities: Iterable[Entity]) -> tuple[Entity, ...]:
    """Each reading's unit from the spec (generated reading table), not from this module.

    The units written in the tables below stay only for topics the spec does not describe (the
    bridge's derived ones); a spec unit Home Assistant has no word for leaves the entity as it is.
    """
    out = []
    for entity in entities:
        unit = pwkit_readings.unit(entity.state) if entity.state else None
        options = dict(entity.options)
        if unit is not None and "unit_of_measurement" in options:
            if unit == "Wh":
                options.update(unit_of_measurement="kWh", value_template=options.get("value_template", KWH))
            elif unit in HA_UNITS:
                options["unit_of_measurement"] = HA_UNITS[unit]
        out.append(replace(entity, options=options))
    return tuple(out)


def _lookup(mapping: dict[str, str], missing: str) -> str:
    """A template that maps the payload through ``mapping`` (a JSON object is a Jinja dict literal)."""
    return "{{ " + json.dumps(mapping) + ".get(value, " + missing + ") }}"


def _readable(names: dict[str, str]) -> dict[str, Any]:
    """An enum sensor with readable states. A value the firmware adds later shows as unknown (a new
    value must not break the entity), and the gateway's own word is always an attribute."""
    return {
        "device_class": "enum",
        "options": list(names.values()),
        "value_template": _lookup(names, "'None'"),
        "json_attributes_template": '{{ {"gateway_value": value} | tojson }}',
    }


DIAGNOSTIC: dict[str, Any] = {"entity_category": "diagnostic"}
DISABLED: dict[str, Any] = {"enabled_by_default": False}
ON_OFF: dict[str, Any] = {"payload_on": "true", "payload_off": "false"}

GRID_STATUS = {
    "SystemGridConnected": "Connected",
    "SystemIslandedActive": "Off-grid",
    "SystemIslandedReady": "Ready to go off-grid",
    "SystemTransitionToIsland": "Going off-grid",
    "SystemTransitionToGrid": "Reconnecting to grid",
    "SystemMicroGridFaulted": "Microgrid faulted",
    "SystemWaitForUser": "Waiting for user",
}
# The Tesla app's names for the modes the bridge can set.
MODE_NAMES = {"self_consumption": "Self-powered", "backup": "Backup-only", "autonomous": "Time-based control"}
# The export rules (customer_preferred_export_rule) in words, as the mode select shows its modes.
EXPORT_NAMES = {"pv_only": "Solar only", "battery_ok": "Solar and battery", "never": "Never"}
BATTERY_GRID_STATE = {"Grid_Compliant": "Compliant", "Grid_Qualifying": "Qualifying", "Grid_Uncompliant": "Uncompliant"}


def _meter_entities() -> list[Entity]:
    out = []
    for meter, label in METERS.items():
        base = f"meters/aggregates/{meter}"
        key = {"site": "grid", "load": "home"}.get(meter, meter)
        # Existing unique ids kept (grid_power, …) so that users' entities survive upgrades.
        out.append(Entity(f"{key}_power", "sensor", f"{label} power", f"{base}/instant_power", _measure("W", "power")))
        out += [
            Entity(
                f"{key}_frequency",
                "sensor",
                f"{label} frequency",
                f"{base}/frequency",
                _measure("Hz", "frequency", **DISABLED),
            ),
            Entity(
                f"{key}_voltage",
                "sensor",
                f"{label} voltage",
                f"{base}/instant_average_voltage",
                _measure("V", "voltage", **DISABLED),
            ),
            Entity(
                f"{key}_current",
                "sensor",
                f"{label} current",
                f"{base}/instant_total_current",
                _measure("A", "current", **DISABLED),
            ),
        ]
    return out


def _energy(key: str, meter: str, field_name: str, name: str, **extra: Any) -> Entity:
    return Entity(
        key, "sensor", name, f"meters/aggregates/{meter}/{field_name}", _kwh("energy", "total_increasing", **extra)
    )


SENSORS: tuple[Entity, ...] = (
    Entity(
        "soe",
        "sensor",
        "State of charge",
        "system_status/soe/percentage",
        _measure("%", "battery", value_template="{{ value | float | round(1) }}"),
    ),
    *_meter_entities(),
    _energy("grid_imported", "site", "energy_imported", "Grid energy imported"),
    _energy("grid_exported", "site", "energy_exported", "Grid energy exported"),
    _energy("battery_imported", "battery", "energy_imported", "Battery energy charged"),
    _energy("battery_exported", "battery", "energy_exported", "Battery energy discharged"),
    _energy("solar_exported", "solar", "energy_exported", "Solar energy produced"),
    _energy("solar_imported", "solar", "energy_imported", "Solar energy consumed", **DISABLED),
    _energy("home_imported", "load", "energy_imported", "Home energy consumed"),
    _energy("home_exported", "load", "energy_exported", "Home energy returned", **DISABLED),
    Entity(
        "grid_status",
        "sensor",
        "Grid status",
        "system_status/grid_status/grid_status",
        {**_readable(GRID_STATUS), "icon": "mdi:transmission-tower"},
    ),
    Entity(
        "grid_connected",
        "binary_sensor",
        "Grid connected",
        "system_status/grid_status/grid_status",
        {"device_class": "power", "value_template": "{{ 'ON' if value == 'SystemGridConnected' else 'OFF' }}"},
    ),
    Entity(
        "grid_services_active",
        "binary_sensor",
        "Grid services active",
        "system_status/grid_status/grid_services_active",
        {"device_class": "power", **ON_OFF},
    ),
    Entity(
        "charging",
        "binary_sensor",
        "Charging",
        "meters/aggregates/battery/instant_power",
        # The battery meter is negative while charging; a trickle under 100 W is not charging.
        {"device_class": "battery_charging", "value_template": "{{ 'ON' if value | float(0) < -100 else 'OFF' }}"},
    ),
    Entity(
        "operation_mode",
        "sensor",
        "Operation mode",
        "operation/mode",
        {**_readable(MODE_NAMES), "icon": "mdi:home-battery"},
        replaced_by="mode",
    ),
    Entity(
        "backup_reserve",
        "sensor",
        "Backup reserve",
        "operation/backup_reserve_percent",
        _measure("%", icon="mdi:battery-lock"),
        replaced_by="reserve",
    ),
    Entity(
        "backup_reserve_app",
        "sensor",
        "Backup reserve as the app shows it",
        "operation/backup_reserve_percent_app",
        _measure("%", icon="mdi:battery-lock", **DISABLED),
    ),
    Entity(
        "capacity",
        "sensor",
        "Battery capacity",
        "system_status/nominal_full_pack_energy",
        _kwh("energy_storage", "measurement"),
    ),
    Entity(
        "remaining",
        "sensor",
        "Battery energy remaining",
        "system_status/nominal_energy_remaining",
        _kwh("energy_storage", "measurement"),
    ),
    Entity(
        "sitemaster_running",
        "binary_sensor",
        "Sitemaster running",
        "sitemaster/running",
        {"device_class": "running", **ON_OFF, **DIAGNOSTIC},
    ),
    Entity(
        "connected_to_tesla",
        "binary_sensor",
        "Connected to Tesla",
        "sitemaster/connected_to_tesla",
        {"device_class": "connectivity", **ON_OFF, **DIAGNOSTIC},
    ),
    Entity(
        "firmware",
        "sensor",
        "Firmware version",
        "status/version",
        # "21.39.1 7759c368": the version as the app shows it; the build hash as an attribute.
        {
            "icon": "mdi:chip",
            "value_template": "{{ value.split(' ')[0] }}",
            "json_attributes_template": '{{ {"build": value} | tojson }}',
            **DIAGNOSTIC,
        },
    ),
)
SENSORS = units_from_spec(SENSORS)

# The bridge's own view of the gateway (from <gw>/availability and <gw>/health): these stay
# available while the gateway is not, since saying so is their purpose.
HEALTH: tuple[Entity, ...] = (
    Entity(
        "gateway_reachable",
        "binary_sensor",
        "Gateway reachable",
        "availability",
        {"device_class": "connectivity", "payload_on": "online", "payload_off": "offline", **DIAGNOSTIC},
    ),
    Entity(
        "login",
        "sensor",
        "Login",
        "health",
        {"value_template": "{{ value_json.login }}", "icon": "mdi:account-key", **DIAGNOSTIC},
    ),
    Entity(
        "command_route",
        "sensor",
        "Command route",
        "health",
        {"value_template": "{{ value_json.command_route }}", "icon": "mdi:routes", **DIAGNOSTIC},
    ),
    Entity(
        "last_error",
        "sensor",
        "Last error",
        "health",
        {"value_template": "{{ (value_json.last_error or 'none')[:255] }}", "icon": "mdi:alert-circle", **DIAGNOSTIC},
    ),
    Entity(
        "command_answer",
        "event",
        "Command answer",
        "response/+",
        {
            "event_types": ["ok", "error"],
            "value_template": (
                # The answer names the command's value `requested` (an answer must never parse as a command).
                # `verified`: the bridge read the effect back (true), did not see it (false), wrote nothing (null).
                '{{ {"event_type": value_json.status, "command": value_json.command, "value": value_json.requested,'
                ' "error": value_json.error, "transaction": value_json.transaction, "route": value_json.route,'
                ' "verified": value_json.verified, "note": value_json.note} | tojson }}'
            ),
            "icon": "mdi:console-line",
        },
    ),
)

OFF_GRID = "{{ 'off_grid' if value in ['SystemIslandedActive', 'SystemTransitionToIsland'] else 'on_grid' }}"

CONTROLS: tuple[Entity, ...] = (
    Entity(
        "mode",
        "select",
        "Operation mode",
        "operation/mode",
        {
            "options": list(MODE_NAMES.values()),
            "value_template": _lookup(MODE_NAMES, "'None'"),
            "command_template": _lookup({v: k for k, v in MODE_NAMES.items()}, "value"),
            "json_attributes_template": '{{ {"gateway_value": value} | tojson }}',
            "icon": "mdi:home-battery",
        },
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
        "Off-grid operation",
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
    # A route over a paired key (local-v1r) or Tesla's cloud; their state is settings/ (config.json, else the cloud).
    Entity(
        "grid_charging",
        "switch",
        "Charge from the grid",
        "settings/grid_charging",
        {
            "payload_on": "on",
            "payload_off": "off",
            "state_on": "on",
            "state_off": "off",
            "icon": "mdi:transmission-tower-import",
        },
        command="grid_charging",
    ),
    Entity(
        "export",
        "select",
        "Export to the grid",
        "settings/export",
        {
            "options": list(EXPORT_NAMES.values()),
            "value_template": _lookup(EXPORT_NAMES, "'None'"),
            "command_template": _lookup({v: k for k, v in EXPORT_NAMES.items()}, "value"),
            "json_attributes_template": '{{ {"gateway_value": value} | tojson }}',
            "icon": "mdi:transmission-tower-export",
        },
        command="export",
    ),
    Entity(
        "storm_watch",
        "switch",
        "Storm watch",
        "fleet/storm_watch",
        {
            "payload_on": "on",
            "payload_off": "off",
            "state_on": "on",
            "state_off": "off",
            "icon": "mdi:weather-lightning",
        },
        command="storm_watch",
    ),
    # TEG's manual backup events, over a paired key: hold the battery full for the minutes given, or cancel.
    Entity(
        "backup_event",
        "number",
        "Manual backup for (minutes)",
        "",
        {"min": 1, "max": 1440, "step": 1, "mode": "box", "unit_of_measurement": "min", "icon": "mdi:battery-clock"},
        command="backup_event",
    ),
    Entity(
        "backup_event_cancel",
        "button",
        "Cancel manual backup",
        "",
        {"payload_press": "cancel", "icon": "mdi:battery-clock-outline"},
        command="backup_event",
    ),
)
CONTROLS = units_from_spec(CONTROLS)

# Per battery, as the native integration shows them (system_status.battery_blocks[], by serial).
BATTERY_FIELDS: tuple[tuple[str, str, str, dict[str, Any]], ...] = (
    ("capacity", "capacity", "nominal_full_pack_energy", _kwh("energy_storage", "measurement")),
    ("remaining", "energy remaining", "nominal_energy_remaining", _kwh("energy_storage", "measurement")),
    ("power", "power", "p_out", _measure("W", "power")),
    ("voltage", "voltage", "v_out", _measure("V", "voltage")),
    ("frequency", "frequency", "f_out", _measure("Hz", "frequency", **DISABLED)),
    ("current", "current", "i_out", _measure("A", "current", **DISABLED)),
    ("charged", "energy charged", "energy_charged", _kwh("energy", "total_increasing")),
    ("discharged", "energy discharged", "energy_discharged", _kwh("energy", "total_increasing")),
    ("grid_state", "grid state", "pinv_grid_state", _readable(BATTERY_GRID_STATE)),
)


def battery_entities(serials: list[str]) -> list[Entity]:
    out = []
    for number, serial in enumerate(serials, 1):
        for key, label, field_name, options in BATTERY_FIELDS:
            out.append(
                Entity(
                    f"battery_{serial}_{key}",
                    "sensor",
                    f"Battery {number} {label}",
                    f"system_status/battery_blocks/{serial}/{field_name}",
                    {**options, **DIAGNOSTIC},
                )
            )
    return list(units_from_spec(out))


# ------------------------------------------------------------------ TEDAPI (sources/tedapi.py)
# On a gateway whose REST API is restricted (a Powerwall 3) these readings come from TEDAPI instead: the same
# entity (same unique id), another state topic. The entity set of the native integration's PW2 stays whole.
TEDAPI_SUBSTITUTES: dict[str, str] = {
    "capacity": "tedapi/site/full_pack_energy",
    "remaining": "tedapi/site/energy_remaining",
    "backup_reserve": "tedapi/config/site_info/backup_reserve_percent",
    "operation_mode": "tedapi/config/default_real_mode",
    "firmware": "tedapi/firmware/system/version/text",
}
# The derived groups' availability: the query they come from.
TEDAPI_GROUP_READING = {
    "site": "tedapi/device_controller",
    "island": "tedapi/device_controller",
    "meters": "tedapi/device_controller",
    "alerts": "tedapi/device_controller",
    "strings": "tedapi/components",
    "inverters": "tedapi/components",
    "battery_health": "tedapi/compliance",
}
ISLAND_STATES = {"on_grid": "On grid", "off_grid": "Off grid"}

TEDAPI_SENSORS: tuple[Entity, ...] = (
    Entity(
        "active_alerts",
        "sensor",
        "Active alerts",
        "tedapi/alerts/active",
        {
            "value_template": "{{ value_json | length }}",
            "json_attributes_template": '{{ {"alerts": value_json} | tojson }}',
            "state_class": "measurement",
            "icon": "mdi:alert",
        },
    ),
    Entity(
        "island_state",
        "sensor",
        "Island state",
        "tedapi/island/state",
        {**_readable(ISLAND_STATES), "icon": "mdi:transmission-tower-off"},
    ),
    Entity(
        "contactor_closed",
        "binary_sensor",
        "Grid contactor closed",
        "tedapi/island/contactor_closed",
        {"device_class": "power", **ON_OFF, **DIAGNOSTIC},
    ),
    Entity(
        "grid_ok",
        "binary_sensor",
        "Grid OK",
        "tedapi/island/grid_ok",
        {"device_class": "power", **ON_OFF, **DIAGNOSTIC},
    ),
    Entity(
        "microgrid_ok",
        "binary_sensor",
        "Microgrid OK",
        "tedapi/island/microgrid_ok",
        {"device_class": "power", **ON_OFF, **DIAGNOSTIC},
    ),
)


def string_entities(strings: list[str]) -> list[Entity]:
    out = []
    for name in strings:
        base = f"tedapi/strings/{name}"
        out += [
            Entity(
                f"pv_string_{name}_power", "sensor", f"PV string {name} power", f"{base}/power", _measure("W", "power")
            ),
            Entity(
                f"pv_string_{name}_voltage",
                "sensor",
                f"PV string {name} voltage",
                f"{base}/voltage",
                _measure("V", "voltage", **DIAGNOSTIC),
            ),
            Entity(
                f"pv_string_{name}_current",
                "sensor",
                f"PV string {name} current",
                f"{base}/current",
                _measure("A", "current", **DIAGNOSTIC),
            ),
            Entity(
                f"pv_string_{name}_state",
                "sensor",
                f"PV string {name} state",
                f"{base}/state",
                {"icon": "mdi:solar-panel", **DIAGNOSTIC},
            ),
        ]
    return out


# Per battery unit (a PW2's pack, a PW3, a DC expansion), on the unit's own device: (key, label, leaf, options).
# A Powerwall 2 reports its inverter's power and grid state per pack (esCan PINV) and its ambient temperature
# (THC, in the full DeviceController answer); a Powerwall 3 and its expansions their pack temperatures and state
# (HVP) and their health (Compliance).
PW2_ONLY = {"power", "grid_state", "temperature_ambient"}
PW3_ONLY = {"temperature_max", "temperature_min", "health_capacity", "health_cycles", "health_discharged"}
UNIT_FIELDS: tuple[tuple[str, str, str, dict[str, Any]], ...] = (
    ("remaining", "Energy remaining", "energy_remaining", _kwh("energy_storage", "measurement")),
    ("capacity", "Full pack energy", "full_pack_energy", _kwh("energy_storage", "measurement")),
    ("power", "Power", "power", _measure("W", "power")),
    ("temperature_ambient", "Temperature (ambient)", "temperature_ambient", _measure("°C", "temperature")),
    ("temperature_max", "Temperature (max)", "temperature_max", _measure("°C", "temperature")),
    ("temperature_min", "Temperature (min)", "temperature_min", _measure("°C", "temperature")),
    ("state", "State", "state", {"icon": "mdi:battery-heart-variant"}),
    ("grid_state", "Grid state", "grid_state", {"icon": "mdi:transmission-tower"}),
    (
        "alerts",
        "Alerts",
        "alerts",
        {
            "value_template": "{{ value_json | length }}",
            "json_attributes_template": '{{ {"alerts": value_json} | tojson }}',
            "icon": "mdi:alert",
        },
    ),
)
HEALTH_FIELDS: tuple[tuple[str, str, str, dict[str, Any]], ...] = (
    ("health_capacity", "Health: full pack energy", "full_pack_energy", _kwh("energy_storage", "measurement")),
    (
        "health_cycles",
        "Health: full cycles",
        "full_cycles",
        {"state_class": "total_increasing", "icon": "mdi:battery-sync"},
    ),
    (
        "health_discharged",
        "Health: energy discharged (lifetime)",
        "energy_discharged_total",
        _kwh("energy", "total_increasing"),
    ),
)


def unit_device_id(gateway_id: str, serial: str) -> str:
    """The discovery id of a battery unit's own device: ``<gw>@<serial>``."""
    return f"{gateway_id}@{serial}"


def unit_config(prefix: str, worker: Any, serial: str, kind: str, *, bridge_state: str) -> dict[str, Any]:
    """One battery unit (a PW2 pack, a PW3, a DC expansion) as its own device, ``via_device`` the gateway."""
    gateway_node = node_id(worker.id)
    node = node_id(unit_device_id(worker.id, serial))
    base = f"{prefix}/{worker.id}"
    available = [
        {"topic": bridge_state},
        {"topic": f"{base}/availability"},
        {"topic": reading_availability_topic(base, f"tedapi/units/{serial}")},
    ]
    components: dict[str, Any] = {}
    skip = PW3_ONLY if kind == "Powerwall 2" else PW2_ONLY
    for key, label, leaf, options in UNIT_FIELDS:
        if key in skip:
            continue
        component = {"p": "sensor", "name": label, "unique_id": f"{node}_{key}", **options, **DIAGNOSTIC}
        component["state_topic"] = f"{base}/tedapi/units/{serial}/{leaf}"
        if "json_attributes_template" in component:
            component["json_attributes_topic"] = component["state_topic"]
        components[key] = component
    for key, label, leaf, options in HEALTH_FIELDS:
        if key in skip:
            continue
        component = {"p": "sensor", "name": label, "unique_id": f"{node}_{key}", **options, **DIAGNOSTIC}
        component["state_topic"] = f"{base}/tedapi/battery_health/{serial}/{leaf}"
        component["availability"] = [
            *available[:2],
            {"topic": reading_availability_topic(base, "tedapi/compliance")},
        ]
        components[key] = component
    return {
        "dev": {
            "ids": [node],
            "name": f"{kind} {serial}",
            "mf": "Tesla",
            "mdl": kind,
            "sn": serial,
            "via_device": gateway_node,
        },
        "o": {"name": "pwkit", "sw": pwkit_version(), "url": SUPPORT_URL},
        "availability": available,
        "availability_mode": "all",
        "qos": 1,
        "cmps": components,
    }


def node_id(gateway_id: str) -> str:
    return "pwkit_" + re.sub(r"[^a-zA-Z0-9_-]", "_", gateway_id)


def config_topic(discovery_prefix: str, gateway_id: str) -> str:
    return f"{discovery_prefix}/device/{node_id(gateway_id)}/config"


def enabled_controls(worker: Any) -> list[Entity]:
    """Controls of the enabled commands that have a route (a command without one would only ever be refused)."""
    routes = getattr(worker, "routes", None)  # None: routes not planned (every enabled command shown)
    return [
        c
        for c in CONTROLS
        if c.command in worker.config.allow_commands
        and c.needs(worker)
        and (routes is None or routes.get(c.command, (None,))[0])
    ]


def _polled_paths() -> list[str]:
    from powerwall_client.pwkit_operations import OPERATIONS

    paths = {op.path.removeprefix("/api/") for op in OPERATIONS if op.is_reading and "{" not in op.path}
    return sorted(paths, key=len, reverse=True)


def reading_of(state: str) -> str | None:
    """The API reading (``system_status/soe``) a state topic (``system_status/soe/percentage``) comes from."""
    if state.startswith("tedapi/"):
        levels = state.split("/")
        return TEDAPI_GROUP_READING.get(levels[1], "/".join(levels[:2])) if len(levels) > 1 else None
    for path in _POLLED:
        if state == path or state.startswith(path + "/"):
            return path
    return None


_POLLED = _polled_paths()


def reading_availability_topic(base: str, path: str) -> str:
    """``pwkit/<gw>/availability/system_status/soe``: online while the gateway serves that reading."""
    return f"{base}/availability/{path.removeprefix('/api/').strip('/')}"


def device_config(
    prefix: str, worker: Any, *, reserve_scale: str = "gateway", bridge_state: str | None = None
) -> dict[str, Any]:
    """The discovery payload of one gateway (``worker``: its id, firmware, batteries, configuration).

    ``bridge_state`` is the state topic of the bridge that serves it (PREFIX/bridge/ID/state): with
    several bridges on one broker, a device follows only its own bridge.
    """
    node = node_id(worker.id)
    base = f"{prefix}/{worker.id}"
    controls = enabled_controls(worker)
    shown = {c.command for c in controls}
    bridge_state = bridge_state or f"{prefix}/bridge/state"
    bridge_and_gateway = [{"topic": bridge_state}, {"topic": f"{base}/availability"}]
    components: dict[str, Any] = {}
    # Configured is not enough: with no TEDAPI answer (firmware that serves the vitals over REST, no transport)
    # an entity following availability/tedapi/… would stay unavailable for ever (availability_mode: all).
    tedapi = bool(getattr(worker, "tedapi_read", False))
    restricted = bool(getattr(worker, "rest_restricted", False))
    unserved = set(getattr(getattr(worker, "health", None), "unserved", ()) or ())
    sensors = []
    for entity in SENSORS:
        if entity.replaced_by in shown:
            continue
        if restricted and tedapi and entity.key in TEDAPI_SUBSTITUTES:
            entity = replace(entity, state=TEDAPI_SUBSTITUTES[entity.key])
        elif restricted and entity.state and f"/api/{reading_of(entity.state)}" in unserved:
            continue  # a reading this firmware does not serve and TEDAPI does not replace: no entity at all
        sensors.append(entity)
    entities = [
        *sensors,
        *battery_entities(list(getattr(worker, "batteries", []))),
        *((*TEDAPI_SENSORS, *string_entities(list(getattr(worker, "tedapi_strings", [])))) if tedapi else ()),
        *controls,
    ]
    for entity in (*entities, *HEALTH):
        component: dict[str, Any] = {
            "p": entity.platform,
            "name": entity.name,
            "unique_id": f"{node}_{entity.key}",
            **entity.options,
        }
        if entity.state:
            component["state_topic"] = f"{base}/{entity.state}"
            if "json_attributes_template" in component:
                component["json_attributes_topic"] = component["state_topic"]
        if entity.key == "reserve" and reserve_scale == "app":
            component["state_topic"] = f"{base}/operation/backup_reserve_percent_app"
        if entity.command:
            component["command_topic"] = f"{base}/set/{entity.command}"
        reading = reading_of(entity.state) if entity in entities else None
        if entity in HEALTH:
            component["availability"] = [{"topic": bridge_state}]
        elif reading is not None:
            # Unavailable, not stale, while the gateway stops serving this reading (502, 404).
            component["availability"] = [*bridge_and_gateway, {"topic": reading_availability_topic(base, reading)}]
        components[entity.key] = component
    return {
        "dev": {
            "ids": [node],
            "name": f"Powerwall {worker.id}",
            "mf": "Tesla",
            "mdl": "Powerwall 3" if restricted else "Powerwall 2 (Tesla Energy Gateway)",
            "sw": worker.firmware or getattr(worker, "tedapi_firmware", None) or "unknown",
            "cu": worker.gateway.url,
        },
        "o": {"name": "pwkit", "sw": pwkit_version(), "url": SUPPORT_URL},
        "availability": bridge_and_gateway,
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
        self.store = store  # StateFile of the components last announced, so removals survive restarts
        self._pending: Any = None
        self.unsaved: str | None = None  # why the state could not be saved, or None
        self._announced: dict[str, Any] | None = None  # the store's content, read once and kept up to date
        self._to_save: dict[str, Any] = {}  # changes not on disk yet
        self._save_handle: asyncio.TimerHandle | None = None
        self._save_delay = SAVE_DELAY

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
            await self.service.clock.sleep(random.uniform(1.0, 3.0))  # many devices answer the same birth message
            self.publish_all()
            await self.service.republish_state()

        self._pending = asyncio.get_running_loop().create_task(later())

    def publish_all(self) -> None:
        """Every gateway's device, and the removal of devices no longer configured."""
        self.publish(self.service.workers, remove_unconfigured=True)

    def publish(self, workers: Iterable[Any], *, remove_unconfigured: bool = False) -> None:
        """These gateways' devices. The state file is read and written once, however many gateways there are:
        with one rewrite per gateway, a bridge of 100 gateways spent minutes in JSON and its polls timed out."""
        link = self.service.link
        if self._announced is None:
            self._announced = self.store.load()
        previous = self._announced
        changes: dict[str, Any] = {}
        for worker in workers:
            if not worker.id:
                continue  # not identified yet: announced when it is
            config = device_config(
                self.service.prefix,
                worker,
                reserve_scale=self.service.config.reserve_scale,
                bridge_state=getattr(self.service, "state_topic", None),
            )
            topic = config_topic(self.prefix, worker.id)
            gone = removal(previous.get(worker.id, {}), config)
            if gone is not None:
                link.publish(topic, json.dumps(gone), retain=True)
            link.publish(topic, json.dumps(config), retain=True)
            # Only what a later removal needs: 2 KB a gateway, not 40.
            changes[worker.id] = {"cmps": {key: {"p": c["p"]} for key, c in config["cmps"].items()}}
            units = dict(getattr(worker, "tedapi_units", {}) or {})
            for serial, kind in units.items():
                unit_id = unit_device_id(worker.id, serial)
                unit = unit_config(
                    self.service.prefix,
                    worker,
                    serial,
                    kind,
                    bridge_state=getattr(self.service, "state_topic", None) or f"{self.service.prefix}/bridge/state",
                )
                link.publish(config_topic(self.prefix, unit_id), json.dumps(unit), retain=True)
                changes[unit_id] = {"cmps": {key: {"p": c["p"]} for key, c in unit["cmps"].items()}}
            for known in previous:
                if known.startswith(f"{worker.id}@") and known.split("@", 1)[1] not in units:
                    link.publish(config_topic(self.prefix, known), b"", retain=True)  # a unit gone: its device goes
                    changes[known] = None
        if remove_unconfigured:
            configured = {w.id for w in self.service.workers} | {
                unit_device_id(w.id, serial) for w in self.service.workers for serial in getattr(w, "tedapi_units", {})
            }
            for gateway_id in set(previous) - configured:
                link.publish(config_topic(self.prefix, gateway_id), b"", retain=True)  # removes the device
                changes[gateway_id] = None
        changed = {key: value for key, value in changes.items() if previous.get(key) != value}
        for key, value in changed.items():
            if value is None:
                previous.pop(key, None)
            else:
                previous[key] = value
        if changed:
            self._save(changed)

    def _save(self, changes: dict[str, Any]) -> None:
        """Onto disk now, or (in the bridge's event loop) once a second at most, less often when a write is slow
        (SAVE_SHARE): a thousand gateways joining one after another rewrote the whole file, megabytes, a thousand
        times (O(N²); 30 % of the CPU of 100 gateways' first minute, cProfile)."""
        self._to_save.update(changes)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.flush()
            return
        if self._save_handle is None:
            self._save_handle = loop.call_later(self._save_delay, self.flush)

    def flush(self) -> None:
        """What is not on disk yet, written now (at the delay's end, and when the bridge stops)."""
        if self._save_handle is not None:
            self._save_handle.cancel()
            self._save_handle = None
        if not self._to_save:
            return
        changes, self._to_save = self._to_save, {}
        # A failed save must not stop the bridge's reconnection (the states follow discovery): said on health.
        started = time.perf_counter()
        self.unsaved = self.store.try_update(changes)
        self._save_delay = max(SAVE_DELAY, (time.perf_counter() - started) * SAVE_SHARE)
        if self.unsaved is not None:
            self._to_save = {**changes, **self._to_save}  # tried again with the next change
