"""From decoded TEDAPI answers to what they mean: per battery unit, per PV string, inverter, islanding, alerts.

Two kinds of topics come from TEDAPI (both below ``<gw>/tedapi/``):

- each answer as the gateway gives it (``tedapi/device_controller/…``,
  ``tedapi/components/components/pch/0/PCH_PvVoltageA``, …), the topics and
  units of ``generated/TOPICS.md`` (spec/tedapi/schemas/answers.yaml), with the
  components' signal lists flattened to one value per signal name, as the spec says;
- the meanings a household wants, the same whatever the hardware (a PW2's
  ``esCan.bus.POD[]`` and a PW3's ``components.bms[]`` are both "a battery
  unit's energy"): ``tedapi/units/<serial>/…``, ``tedapi/strings/<A–F>/…``,
  ``tedapi/inverters/<serial>/…``, ``tedapi/island/…``, ``tedapi/meters/…``,
  ``tedapi/site/…``, ``tedapi/alerts/…``, ``tedapi/battery_health/<serial>/…``.
  Each value carries the spec unit of the leaf it comes from, converted to the
  bridge's units (kWh → Wh, kW → W); its last level names that unit for the
  bridge's rounding and deadbands (``energy…`` Wh, ``power`` W, ``voltage`` V,
  ``current`` A; temperatures °C, rounded to 0.1 here).

Every function here takes whatever the firmware sent: missing, null or odd
values give fewer topics, never an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

# Keys that never reach MQTT: config.json's local accounts (x-pwkit-no-topic) and anything named like a secret.
SECRET_KEYS = re.compile(r"(?i)password|secret|token|credential|private")


def without_secrets(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_secrets(v) for k, v in value.items() if not SECRET_KEYS.search(str(k))}
    if isinstance(value, list):
        return [without_secrets(v) for v in value]
    return value


def signal_value(signal: Mapping[str, Any]) -> Any:
    """A component signal's value: the number, else its text, else its boolean."""
    for key in ("value", "textValue", "boolValue"):
        value = signal.get(key)
        if value is not None:
            return value
    return None


def flatten_components(body: Any) -> Any:
    """``components.<group>[].signals[{name, value, …}]`` → one key per signal name (the spec's topic shape).

    ``activeAlerts`` become ``alerts`` (a list of names); other keys stay.
    """
    if isinstance(body, dict):
        out: dict[str, Any] = {}
        for key, value in body.items():
            if key == "components" and isinstance(value, dict):
                out[key] = {group: _flat_group(items) for group, items in value.items()}
            else:
                out[key] = flatten_components(value) if isinstance(value, dict) else value
        return out
    return body


def _flat_group(items: Any) -> Any:
    if not isinstance(items, list):
        return items
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        flat = {k: v for k, v in item.items() if k not in ("signals", "activeAlerts")}
        for signal in item.get("signals") or []:
            if isinstance(signal, dict) and isinstance(signal.get("name"), str):
                flat[signal["name"]] = signal_value(signal)
        alerts = _alert_names(item.get("activeAlerts"))
        if alerts or "activeAlerts" in item:
            flat["alerts"] = alerts
        out.append(flat)
    return out


def _alert_names(alerts: Any) -> list[str]:
    names = []
    for alert in alerts or []:
        name = alert.get("name") if isinstance(alert, dict) else alert
        if isinstance(name, str) and name:
            names.append(name)
    return names


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _dig(body: Any, *keys: str | int) -> Any:
    for key in keys:
        if isinstance(key, int):
            body = body[key] if isinstance(body, list) and len(body) > key else None
        else:
            body = body.get(key) if isinstance(body, dict) else None
    return body


def _put(out: dict[str, Any], key: str, value: Any, scale: float = 1.0, decimals: int | None = None) -> None:
    number = _number(value)
    if number is not None:
        number *= scale
        out[key] = round(number, decimals) if decimals is not None else number
    elif isinstance(value, str | bool) and scale == 1.0:
        out[key] = value


def _serial(item: Any, index: int, prefix: str) -> str:
    if isinstance(item, dict):
        for key in ("packageSerialNumber", "serialNumber", "serial", "din"):
            value = item.get(key)
            if isinstance(value, str) and value:
                return re.sub(r"[^A-Za-z0-9_.-]", "_", value.rsplit("--", 1)[-1])
    return f"{prefix}{index}"


# ---------------------------------------------------------------- DeviceController (PW2 packs, site, island)
def from_device_controller(body: Any) -> dict[str, Any]:
    """Site, island, meters, alerts; on a Powerwall 2 also its units, strings and inverter (esCan bus)."""
    out: dict[str, Any] = {}
    control = _dig(body, "control")
    status = _dig(control, "systemStatus")
    _put(out, "site/energy_remaining", _dig(status, "nominalEnergyRemainingWh"))
    _put(out, "site/full_pack_energy", _dig(status, "nominalFullPackEnergyWh"))
    remaining, full = (
        _number(_dig(status, "nominalEnergyRemainingWh")),
        _number(_dig(status, "nominalFullPackEnergyWh")),
    )
    if remaining is not None and full:
        out["site/percentage"] = round(100.0 * remaining / full, 1)
    island = _dig(control, "islanding")
    if isinstance(island, dict):
        _put(out, "island/contactor_closed", island.get("contactorClosed"))
        _put(out, "island/grid_ok", island.get("gridOK"))
        _put(out, "island/microgrid_ok", island.get("microGridOK"))
        _put(out, "island/mode", island.get("customerIslandMode"))
        if isinstance(island.get("contactorClosed"), bool):
            out["island/state"] = "on_grid" if island["contactorClosed"] else "off_grid"
    for aggregate in _dig(control, "meterAggregates") or []:
        location = aggregate.get("location") if isinstance(aggregate, dict) else None
        if isinstance(location, str) and location:
            _put(out, f"meters/{location.lower()}/power", aggregate.get("realPowerW"))
    shutdown = _dig(control, "siteShutdown", "isShutDown")
    _put(out, "site/shut_down", shutdown)
    bus = _dig(body, "esCan", "bus")
    if isinstance(bus, dict):
        out.update(_pw2_bus(bus, _thc_temperatures(_dig(body, "components", "msa"))))
    return out


def _thc_temperatures(msa: Any) -> dict[str, Any]:
    """Each Powerwall 2's ambient temperature (°C) by its serial, from the full query's ``components.msa``.

    The signal comes only in the answer to the DeviceController query with variables (``msaComp`` names TETHC,
    ``msaSignals`` THC_AmbientTemp); its components carry the serial of the esCan THC they are, as pypowerwall's
    ``temps()`` joins them. Accepts the answer as sent (a signal list) or flattened (one key per signal).
    """
    out: dict[str, Any] = {}
    for item in msa if isinstance(msa, list) else []:
        serial = item.get("serialNumber") if isinstance(item, dict) else None
        if not isinstance(serial, str) or not serial:
            continue
        value = item.get("THC_AmbientTemp")
        for signal in item.get("signals") or []:
            if isinstance(signal, dict) and signal.get("name") == "THC_AmbientTemp":
                value = signal_value(signal)
        if _number(value) is not None:
            out[serial] = value
    return out


def _pw2_bus(bus: dict[str, Any], temperatures: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    pods = [p for p in bus.get("POD") or [] if isinstance(p, dict)]
    inverters = [p for p in bus.get("PINV") or [] if isinstance(p, dict)]
    thcs = [p for p in bus.get("THC") or [] if isinstance(p, dict)]
    for index, pod in enumerate(pods):
        if _dig(pod, "POD_EnergyStatus", "isMIA") is True:
            continue  # a unit that does not answer reads zeros: not its energy
        unit = f"units/{_serial(pod, index, 'pod')}"
        out[f"{unit}/kind"] = "Powerwall 2"
        _put(out, f"{unit}/energy_remaining", _dig(pod, "POD_EnergyStatus", "POD_nom_energy_remaining"))
        _put(out, f"{unit}/full_pack_energy", _dig(pod, "POD_EnergyStatus", "POD_nom_full_pack_energy"))
        alerts = _alert_names(_dig(pod, "alerts", "active"))
        pinv = inverters[index] if index < len(inverters) else {}
        if _dig(pinv, "PINV_Status", "isMIA") is not True:
            _put(out, f"{unit}/power", _dig(pinv, "PINV_Status", "PINV_Pout"), 1000.0, 0)  # kW → W
            _put(out, f"{unit}/state", _dig(pinv, "PINV_Status", "PINV_State"))
            _put(out, f"{unit}/grid_state", _dig(pinv, "PINV_Status", "PINV_GridState"))
            _put(out, f"{unit}/voltage", _dig(pinv, "PINV_Status", "PINV_Vout"))
            alerts += _alert_names(_dig(pinv, "alerts", "active"))
        thc = thcs[index] if index < len(thcs) else {}
        alerts += _alert_names(_dig(thc, "alerts", "active"))
        # Joined by serial: the unit's own (when its POD names one; the query text asks none of a real POD), else
        # that of the THC paired with it, as its alerts are.
        for key in (pod.get("packageSerialNumber"), thc.get("packageSerialNumber")):
            if isinstance(key, str) and key in temperatures:
                _put(out, f"{unit}/temperature_ambient", temperatures[key], decimals=1)
                break
        out[f"{unit}/alerts"] = sorted(set(alerts))
    for index, pvac in enumerate(p for p in bus.get("PVAC") or [] if isinstance(p, dict)):
        if _dig(pvac, "PVAC_Status", "isMIA") is True:
            continue
        inverter = f"inverters/{_serial(pvac, index, 'pvac')}"
        _put(out, f"{inverter}/power", _dig(pvac, "PVAC_Status", "PVAC_Pout"))
        _put(out, f"{inverter}/state", _dig(pvac, "PVAC_Status", "PVAC_State"))
        _put(out, f"{inverter}/voltage", _dig(pvac, "PVAC_Status", "PVAC_Vout"))
        _put(out, f"{inverter}/frequency", _dig(pvac, "PVAC_Status", "PVAC_Fout"))
        logging_ = _dig(pvac, "PVAC_Logging") or {}
        pvs = next((p for p in bus.get("PVS") or [] if isinstance(p, dict)), {})
        for name in "ABCD":
            voltage, current = logging_.get(f"PVAC_PVMeasuredVoltage_{name}"), logging_.get(f"PVAC_PVCurrent_{name}")
            if voltage is None and current is None:
                continue
            out.update(_string(name, voltage, current, _dig(pvs, "PVS_Status", f"PVS_String{name}_Connected")))
    return out


def _string(name: str, voltage: Any, current: Any, state: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    _put(out, f"strings/{name}/voltage", voltage)
    _put(out, f"strings/{name}/current", current)
    v, i = _number(voltage), _number(current)
    if v is not None and i is not None:
        out[f"strings/{name}/power"] = round(v * i)
    if isinstance(state, bool):
        out[f"strings/{name}/state"] = "connected" if state else "disconnected"
    elif isinstance(state, str):
        out[f"strings/{name}/state"] = state
    return out


def device_controller_alerts(body: Any) -> list[str]:
    return _alert_names(_dig(body, "control", "alerts", "active"))


# ---------------------------------------------------------------- Powerwall 3 components
def from_components(body: Any, expansions: Iterable[str] = ()) -> dict[str, Any]:
    """One Powerwall 3's inverter and strings (``pch``), packs (``bms`` with ``hvp``'s serials), alerts.

    ``expansions``: the DC expansions' DINs from config.json, so a pack that is an expansion says so.
    """
    out: dict[str, Any] = {}
    flat = flatten_components(body)
    groups = _dig(flat, "components") or {}
    if not isinstance(groups, dict):
        return out
    expansion_serials = {din.rsplit("--", 1)[-1] for din in expansions}
    for index, pch in enumerate(p for p in groups.get("pch") or [] if isinstance(p, dict)):
        inverter = f"inverters/{_serial(pch, index, 'pch')}"
        _put(out, f"{inverter}/power", pch.get("PCH_AcRealPowerAB", pch.get("PCH_AcRealPowerSum")))
        _put(out, f"{inverter}/state", pch.get("PCH_State"))
        _put(out, f"{inverter}/voltage", pch.get("PCH_AcVoltageAB"))
        _put(out, f"{inverter}/frequency", pch.get("PCH_AcFrequency"))
        _put(out, f"{inverter}/solar_power", pch.get("PCH_SlowPvPowerSum"))
        _put(out, f"{inverter}/battery_power", pch.get("PCH_BatteryPower"))
        _put(out, f"{inverter}/temperature_ambient", pch.get("PCH_AmbientTemp"), decimals=1)
        _put(out, f"{inverter}/temperature_heatsink", pch.get("PCH_heatsinkTemp"), decimals=1)
        out[f"{inverter}/alerts"] = sorted(set(pch.get("alerts") or []))
        for name in "ABCDEF":
            voltage, current = pch.get(f"PCH_PvVoltage{name}"), pch.get(f"PCH_PvCurrent{name}")
            state = pch.get(f"PCH_PvState_{name}")
            if voltage is None and current is None and state is None:
                continue
            out.update(_string(name, voltage, current, state))
    hvps = [h for h in groups.get("hvp") or [] if isinstance(h, dict)]
    for index, bms in enumerate(b for b in groups.get("bms") or [] if isinstance(b, dict)):
        hvp = hvps[index] if index < len(hvps) else {}
        serial = _serial(bms, index, "") if _serial(bms, index, "") != str(index) else _serial(hvp, index, "pack")
        unit = f"units/{serial}"
        out[f"{unit}/kind"] = "DC expansion" if serial in expansion_serials else "Powerwall 3"
        _put(out, f"{unit}/energy_remaining", bms.get("BMS_nominalEnergyRemaining"), 1000.0, 0)  # kWh → Wh
        _put(out, f"{unit}/full_pack_energy", bms.get("BMS_nominalFullPackEnergy"), 1000.0, 0)
        _put(out, f"{unit}/state", hvp.get("HVP_State"))
        _put(out, f"{unit}/temperature_max", hvp.get("HVP_PackTempMax"), decimals=1)
        _put(out, f"{unit}/temperature_min", hvp.get("HVP_PackTempMin"), decimals=1)
        out[f"{unit}/alerts"] = sorted(set((bms.get("alerts") or []) + (hvp.get("alerts") or [])))
    return out


def component_alerts(body: Any) -> list[str]:
    groups = _dig(flatten_components(body), "components") or {}
    names: list[str] = []
    for items in groups.values() if isinstance(groups, dict) else []:
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                names += [a for a in item.get("alerts") or [] if isinstance(a, str)]
    return names


# ---------------------------------------------------------------- Compliance (battery health)
def from_compliance(body: Any, serials: Iterable[str] = ()) -> dict[str, Any]:
    """Per pack: capacity (full pack energy), full cycles, discharge totals.

    The query selects no serial (``bms{signals{name value}}``): ``serials`` names the packs in the order of the
    leader's components answer (its ``bms``/``hvp``, the same ``PW3BMS`` filter). That the two answers list the
    packs in one order is inferred (no decoded Compliance answer is published); a pack beyond them is ``pack<N>``.
    """
    out: dict[str, Any] = {}
    known = list(serials)
    groups = _dig(flatten_components(body), "components") or {}
    if not isinstance(groups, dict):
        return out
    for index, bms in enumerate(b for b in (groups.get("bms") or []) if isinstance(b, dict)):
        named = _serial(bms, index, "pack")
        health = f"battery_health/{known[index] if named == f'pack{index}' and index < len(known) else named}"
        _put(out, f"{health}/full_pack_energy", bms.get("BMS_nominalFullPackEnergy"), 1000.0, 0)
        _put(out, f"{health}/energy_discharged_total", bms.get("BMS_kwhDischargeTotal"), 1000.0, 0)
        _put(out, f"{health}/charge_discharged_total", bms.get("BMS_LOG_ahDischargeTotal"))
        _put(out, f"{health}/full_cycles", bms.get("BMS_LOG_numFullBattCycles"))
        _put(out, f"{health}/capacity_average", bms.get("BMS_LOG_cacAvg"))
    return out


def expansions_of(config: Any) -> list[str]:
    """The DC expansions' DINs in config.json (``battery_blocks[].battery_expansions[].din``)."""
    dins = []
    for block in _dig(config, "battery_blocks") or []:
        for expansion in _dig(block, "battery_expansions") or []:
            din = _dig(expansion, "din")
            if isinstance(din, str) and din:
                dins.append(din)
    return dins


def followers_of(config: Any, leader_din: str | None) -> list[str]:
    """The follower Powerwall 3s' DINs in config.json: battery blocks of a Powerwall 3 kind other than the leader
    (pypowerwall's get_pw3_vitals reads each ``battery_blocks[].vin`` whose type names Powerwall3 this way)."""
    dins = []
    for block in _dig(config, "battery_blocks") or []:
        vin, kind = _dig(block, "vin"), _dig(block, "type")
        if isinstance(vin, str) and vin and vin != leader_din and "Powerwall3" in str(kind):
            dins.append(vin)
    return dins


def as_follower(values: Mapping[str, Any], serial: str) -> dict[str, Any]:
    """A follower's derived values, named so that they never meet the leader's: its PV strings become
    ``strings/<serial>_<A–F>`` and an inverter known only by its index (``pch0``) takes the follower's serial."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        levels = key.split("/")
        if levels[0] == "strings" and len(levels) > 2:
            levels[1] = f"{serial}_{levels[1]}"
        elif levels[0] == "inverters" and len(levels) > 2 and re.fullmatch(r"pch\d+", levels[1]):
            levels[1] = serial if levels[1] == "pch0" else f"{serial}_{levels[1]}"
        out["/".join(levels)] = value
    return out


def units_in(values: Mapping[str, Any]) -> list[str]:
    """The battery units (serials) a set of derived values names, in order."""
    return list(dict.fromkeys(k.split("/")[1] for k in values if k.startswith("units/")))
