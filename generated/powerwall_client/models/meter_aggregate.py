from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MeterAggregate")


@_attrs_define
class MeterAggregate:
    """One aggregate meter of `meters/aggregates` (site, battery, load,
    solar, …), or the cached readings of one meter. W, VAr, VA, Hz, Wh,
    V, A. Sign of `instant_power` by meter: `site` + = importing from the
    grid, − = exporting; `battery` + = discharging, − = charging; `load`
    + = the home's consumption (never negative); `solar` + = production
    (a few W negative at night).

        Attributes:
            last_communication_time (str): When the meter last answered: RFC 3339 with nanoseconds; `0001-01-01T00:00:00Z`
                when never.
            instant_power (float): Real power, W. Sign by meter: site + = importing from the grid, − = exporting to it;
                battery + = discharging, − = charging; load + = the home's consumption (never negative); solar + = production (a
                few W negative at night). The seed's words.
            instant_reactive_power (float): Reactive power, VAr; both signs occur in the recordings (the sign convention is
                not documented).
            instant_apparent_power (float): Apparent power, VA; never negative (√(P² + Q²) on 21.39.1).
            frequency (float): Grid frequency, Hz; 0 where the meter does not measure it (site and load on 21.39.1).
            energy_exported (float): Lifetime energy out of the site through this meter, Wh; only grows. site: exported to
                the grid; battery: discharged (equals `energy_discharged` of system_status on 21.39.1); solar: produced.
            energy_imported (float): Lifetime energy into the site through this meter, Wh; only grows. site: imported from
                the grid; battery: charged (equals `energy_charged` on 21.39.1); load: consumed by the home.
            instant_average_voltage (float): Average phase voltage, V.
            instant_total_current (float): Total current over the phases, A; its sign is not documented (as
                `instant_average_current`).
            i_a_current (float): Current of phase A, A; 0 where the meter does not measure phases.
            i_b_current (float): Current of phase B, A; 0 where the meter does not measure phases.
            i_c_current (float): Current of phase C, A; 0 where the meter does not measure phases.
            instant_average_current (float | Unset): Average current, A; its sign is not documented (21.39.1: site +537 W
                with +8.2 A, battery +10 W with −0.2 A).
            last_phase_voltage_communication_time (str | Unset): When per-phase voltages last arrived (RFC 3339);
                `0001-01-01T00:00:00Z` when never.
            last_phase_power_communication_time (str | Unset): When per-phase powers last arrived (RFC 3339);
                `0001-01-01T00:00:00Z` when never.
            last_phase_energy_communication_time (str | Unset): When per-phase energies last arrived (RFC 3339). Since
                firmware 21.44.
            timeout (int | Unset): How long the meter may stay silent before it counts as lost, ns (a Go duration;
                1500000000 = 1.5 s; exceeds int32: 60000000000 seen).
            num_meters_aggregated (int | Unset): How many meters this aggregate adds up.
            v_l1n (float | Unset): Voltage of line 1 to neutral, V.
            v_l2n (float | Unset): Voltage of line 2 to neutral, V.
            v_l3n (float | Unset): Voltage of line 3 to neutral, V.
            real_power_a (float | Unset): Real power of phase A, W; signed as `instant_power`.
            real_power_b (float | Unset): Real power of phase B, W; signed as `instant_power`.
            real_power_c (float | Unset): Real power of phase C, W; signed as `instant_power`.
            reactive_power_a (float | Unset): Reactive power of phase A, VAr.
            reactive_power_b (float | Unset): Reactive power of phase B, VAr.
            reactive_power_c (float | Unset): Reactive power of phase C, VAr.
            energy_exported_a (float | Unset): Lifetime energy exported on phase A, Wh; only grows.
            energy_exported_b (float | Unset): Lifetime energy exported on phase B, Wh; only grows.
            energy_exported_c (float | Unset): Lifetime energy exported on phase C, Wh; only grows.
            energy_imported_a (float | Unset): Lifetime energy imported on phase A, Wh; only grows.
            energy_imported_b (float | Unset): Lifetime energy imported on phase B, Wh; only grows.
            energy_imported_c (float | Unset): Lifetime energy imported on phase C, Wh; only grows.
            serial_number (str | Unset): The meter's serial (meters/site and meters/solar).
            version (str | Unset): The meter's firmware, e.g. `1.7.1-Tesla` (meters/site and meters/solar).
    """

    last_communication_time: str
    instant_power: float
    instant_reactive_power: float
    instant_apparent_power: float
    frequency: float
    energy_exported: float
    energy_imported: float
    instant_average_voltage: float
    instant_total_current: float
    i_a_current: float
    i_b_current: float
    i_c_current: float
    instant_average_current: float | Unset = UNSET
    last_phase_voltage_communication_time: str | Unset = UNSET
    last_phase_power_communication_time: str | Unset = UNSET
    last_phase_energy_communication_time: str | Unset = UNSET
    timeout: int | Unset = UNSET
    num_meters_aggregated: int | Unset = UNSET
    v_l1n: float | Unset = UNSET
    v_l2n: float | Unset = UNSET
    v_l3n: float | Unset = UNSET
    real_power_a: float | Unset = UNSET
    real_power_b: float | Unset = UNSET
    real_power_c: float | Unset = UNSET
    reactive_power_a: float | Unset = UNSET
    reactive_power_b: float | Unset = UNSET
    reactive_power_c: float | Unset = UNSET
    energy_exported_a: float | Unset = UNSET
    energy_exported_b: float | Unset = UNSET
    energy_exported_c: float | Unset = UNSET
    energy_imported_a: float | Unset = UNSET
    energy_imported_b: float | Unset = UNSET
    energy_imported_c: float | Unset = UNSET
    serial_number: str | Unset = UNSET
    version: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        last_communication_time = self.last_communication_time

        instant_power = self.instant_power

        instant_reactive_power = self.instant_reactive_power

        instant_apparent_power = self.instant_apparent_power

        frequency = self.frequency

        energy_exported = self.energy_exported

        energy_imported = self.energy_imported

        instant_average_voltage = self.instant_average_voltage

        instant_total_current = self.instant_total_current

        i_a_current = self.i_a_current

        i_b_current = self.i_b_current

        i_c_current = self.i_c_current

        instant_average_current = self.instant_average_current

        last_phase_voltage_communication_time = (
            self.last_phase_voltage_communication_time
        )

        last_phase_power_communication_time = self.last_phase_power_communication_time

        last_phase_energy_communication_time = self.last_phase_energy_communication_time

        timeout = self.timeout

        num_meters_aggregated = self.num_meters_aggregated

        v_l1n = self.v_l1n

        v_l2n = self.v_l2n

        v_l3n = self.v_l3n

        real_power_a = self.real_power_a

        real_power_b = self.real_power_b

        real_power_c = self.real_power_c

        reactive_power_a = self.reactive_power_a

        reactive_power_b = self.reactive_power_b

        reactive_power_c = self.reactive_power_c

        energy_exported_a = self.energy_exported_a

        energy_exported_b = self.energy_exported_b

        energy_exported_c = self.energy_exported_c

        energy_imported_a = self.energy_imported_a

        energy_imported_b = self.energy_imported_b

        energy_imported_c = self.energy_imported_c

        serial_number = self.serial_number

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "last_communication_time": last_communication_time,
                "instant_power": instant_power,
                "instant_reactive_power": instant_reactive_power,
                "instant_apparent_power": instant_apparent_power,
                "frequency": frequency,
                "energy_exported": energy_exported,
                "energy_imported": energy_imported,
                "instant_average_voltage": instant_average_voltage,
                "instant_total_current": instant_total_current,
                "i_a_current": i_a_current,
                "i_b_current": i_b_current,
                "i_c_current": i_c_current,
            }
        )
        if instant_average_current is not UNSET:
            field_dict["instant_average_current"] = instant_average_current
        if last_phase_voltage_communication_time is not UNSET:
            field_dict["last_phase_voltage_communication_time"] = (
                last_phase_voltage_communication_time
            )
        if last_phase_power_communication_time is not UNSET:
            field_dict["last_phase_power_communication_time"] = (
                last_phase_power_communication_time
            )
        if last_phase_energy_communication_time is not UNSET:
            field_dict["last_phase_energy_communication_time"] = (
                last_phase_energy_communication_time
            )
        if timeout is not UNSET:
            field_dict["timeout"] = timeout
        if num_meters_aggregated is not UNSET:
            field_dict["num_meters_aggregated"] = num_meters_aggregated
        if v_l1n is not UNSET:
            field_dict["v_l1n"] = v_l1n
        if v_l2n is not UNSET:
            field_dict["v_l2n"] = v_l2n
        if v_l3n is not UNSET:
            field_dict["v_l3n"] = v_l3n
        if real_power_a is not UNSET:
            field_dict["real_power_a"] = real_power_a
        if real_power_b is not UNSET:
            field_dict["real_power_b"] = real_power_b
        if real_power_c is not UNSET:
            field_dict["real_power_c"] = real_power_c
        if reactive_power_a is not UNSET:
            field_dict["reactive_power_a"] = reactive_power_a
        if reactive_power_b is not UNSET:
            field_dict["reactive_power_b"] = reactive_power_b
        if reactive_power_c is not UNSET:
            field_dict["reactive_power_c"] = reactive_power_c
        if energy_exported_a is not UNSET:
            field_dict["energy_exported_a"] = energy_exported_a
        if energy_exported_b is not UNSET:
            field_dict["energy_exported_b"] = energy_exported_b
        if energy_exported_c is not UNSET:
            field_dict["energy_exported_c"] = energy_exported_c
        if energy_imported_a is not UNSET:
            field_dict["energy_imported_a"] = energy_imported_a
        if energy_imported_b is not UNSET:
            field_dict["energy_imported_b"] = energy_imported_b
        if energy_imported_c is not UNSET:
            field_dict["energy_imported_c"] = energy_imported_c
        if serial_number is not UNSET:
            field_dict["serial_number"] = serial_number
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        last_communication_time = d.pop("last_communication_time")

        instant_power = d.pop("instant_power")

        instant_reactive_power = d.pop("instant_reactive_power")

        instant_apparent_power = d.pop("instant_apparent_power")

        frequency = d.pop("frequency")

        energy_exported = d.pop("energy_exported")

        energy_imported = d.pop("energy_imported")

        instant_average_voltage = d.pop("instant_average_voltage")

        instant_total_current = d.pop("instant_total_current")

        i_a_current = d.pop("i_a_current")

        i_b_current = d.pop("i_b_current")

        i_c_current = d.pop("i_c_current")

        instant_average_current = d.pop("instant_average_current", UNSET)

        last_phase_voltage_communication_time = d.pop(
            "last_phase_voltage_communication_time", UNSET
        )

        last_phase_power_communication_time = d.pop(
            "last_phase_power_communication_time", UNSET
        )

        last_phase_energy_communication_time = d.pop(
            "last_phase_energy_communication_time", UNSET
        )

        timeout = d.pop("timeout", UNSET)

        num_meters_aggregated = d.pop("num_meters_aggregated", UNSET)

        v_l1n = d.pop("v_l1n", UNSET)

        v_l2n = d.pop("v_l2n", UNSET)

        v_l3n = d.pop("v_l3n", UNSET)

        real_power_a = d.pop("real_power_a", UNSET)

        real_power_b = d.pop("real_power_b", UNSET)

        real_power_c = d.pop("real_power_c", UNSET)

        reactive_power_a = d.pop("reactive_power_a", UNSET)

        reactive_power_b = d.pop("reactive_power_b", UNSET)

        reactive_power_c = d.pop("reactive_power_c", UNSET)

        energy_exported_a = d.pop("energy_exported_a", UNSET)

        energy_exported_b = d.pop("energy_exported_b", UNSET)

        energy_exported_c = d.pop("energy_exported_c", UNSET)

        energy_imported_a = d.pop("energy_imported_a", UNSET)

        energy_imported_b = d.pop("energy_imported_b", UNSET)

        energy_imported_c = d.pop("energy_imported_c", UNSET)

        serial_number = d.pop("serial_number", UNSET)

        version = d.pop("version", UNSET)

        meter_aggregate = cls(
            last_communication_time=last_communication_time,
            instant_power=instant_power,
            instant_reactive_power=instant_reactive_power,
            instant_apparent_power=instant_apparent_power,
            frequency=frequency,
            energy_exported=energy_exported,
            energy_imported=energy_imported,
            instant_average_voltage=instant_average_voltage,
            instant_total_current=instant_total_current,
            i_a_current=i_a_current,
            i_b_current=i_b_current,
            i_c_current=i_c_current,
            instant_average_current=instant_average_current,
            last_phase_voltage_communication_time=last_phase_voltage_communication_time,
            last_phase_power_communication_time=last_phase_power_communication_time,
            last_phase_energy_communication_time=last_phase_energy_communication_time,
            timeout=timeout,
            num_meters_aggregated=num_meters_aggregated,
            v_l1n=v_l1n,
            v_l2n=v_l2n,
            v_l3n=v_l3n,
            real_power_a=real_power_a,
            real_power_b=real_power_b,
            real_power_c=real_power_c,
            reactive_power_a=reactive_power_a,
            reactive_power_b=reactive_power_b,
            reactive_power_c=reactive_power_c,
            energy_exported_a=energy_exported_a,
            energy_exported_b=energy_exported_b,
            energy_exported_c=energy_exported_c,
            energy_imported_a=energy_imported_a,
            energy_imported_b=energy_imported_b,
            energy_imported_c=energy_imported_c,
            serial_number=serial_number,
            version=version,
        )

        meter_aggregate.additional_properties = d
        return meter_aggregate

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
