from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.grid_status import GridStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.battery_block import BatteryBlock
    from ..models.grid_fault import GridFault


T = TypeVar("T", bound="SystemStatus")


@_attrs_define
class SystemStatus:
    """Battery capacity, limits and the battery packs.

    Attributes:
        nominal_full_pack_energy (float): Capacity of all batteries when full, Wh; falls as they age.
        nominal_energy_remaining (float): Energy left in all batteries, Wh.
        system_island_state (GridStatus | str): On or off grid, as `grid_status` says it.
        available_blocks (int): How many battery packs are available.
        battery_blocks (list[BatteryBlock]): One entry per battery pack.
        command_source (str | Unset): Who sets the battery's power now, e.g. `Configuration`.
        battery_target_power (float | Unset): The power the batteries are asked for, W (inferred from the name: 0 on
            21.39.1, 914.55 in the samples; its sign is not documented).
        battery_target_reactive_power (float | Unset): The reactive power the batteries are asked for, VAr.
        max_power_energy_remaining (float | Unset): Energy available at maximum power, Wh (inferred from the name; 0 in
            every recording).
        max_power_energy_to_be_charged (float | Unset): Energy that can be charged at maximum power, Wh (inferred from
            the name; 0 in every recording).
        max_charge_power (float | Unset): Maximum sustained charging power, W.
        max_discharge_power (float | Unset): Maximum sustained discharging power, W.
        max_apparent_power (float | Unset): Maximum apparent power of the inverters, VA.
        instantaneous_max_discharge_power (float | Unset): Maximum discharging power right now, W.
        instantaneous_max_charge_power (float | Unset): Maximum charging power right now, W.
        grid_services_power (float | Unset): Power committed to grid services, W (0 without them).
        ffr_power_availability_high (float | Unset): Power available for fast frequency response upwards, W (inferred
            from the name).
        ffr_power_availability_low (float | Unset): Power available for fast frequency response downwards, W (inferred
            from the name).
        load_charge_constraint (float | Unset): A limit on charging from the load side, W (inferred from the name; 0 in
            every recording).
        max_sustained_ramp_rate (float | Unset): Maximum sustained ramp rate, in the gateway's own unit (1250000 and
            1450000 seen; not documented).
        grid_faults (list[GridFault] | Unset): Recent grid faults (as `system_status/grid_faults`).
        can_reboot (str | Unset): `Yes`, or why not (`Power flow is too high`).
        smart_inv_delta_p (float | Unset): Smart-inverter real power adjustment, W (inferred from the name; 0 in every
            recording).
        smart_inv_delta_q (float | Unset): Smart-inverter reactive power adjustment, VAr (inferred from the name; 0 in
            every recording).
        last_toggle_timestamp (str | Unset): When the power flow last changed state (RFC 3339 with nanoseconds)
            (inferred from the name).
        solar_real_power_limit (float | Unset): A limit on solar power, W (−1 in every recording; inferred: no limit).
        score (float | Unset): An internal score (10000 in every recording; not documented).
        blocks_controlled (int | Unset): How many battery packs this gateway controls.
        primary (bool | Unset): Whether this gateway is the primary one of the site.
        auxiliary_load (float | Unset): The gateway's own auxiliary load, W (inferred from the name; 0 in every
            recording).
        all_enable_lines_high (bool | Unset): Whether every battery's enable line is up (inferred from the name).
        inverter_nominal_usable_power (float | Unset): Nominal usable inverter power, W.
        expected_energy_remaining (float | Unset): Expected energy remaining, Wh (inferred from the name; 0 in every
            recording).
    """

    nominal_full_pack_energy: float
    nominal_energy_remaining: float
    system_island_state: GridStatus | str
    available_blocks: int
    battery_blocks: list[BatteryBlock]
    command_source: str | Unset = UNSET
    battery_target_power: float | Unset = UNSET
    battery_target_reactive_power: float | Unset = UNSET
    max_power_energy_remaining: float | Unset = UNSET
    max_power_energy_to_be_charged: float | Unset = UNSET
    max_charge_power: float | Unset = UNSET
    max_discharge_power: float | Unset = UNSET
    max_apparent_power: float | Unset = UNSET
    instantaneous_max_discharge_power: float | Unset = UNSET
    instantaneous_max_charge_power: float | Unset = UNSET
    grid_services_power: float | Unset = UNSET
    ffr_power_availability_high: float | Unset = UNSET
    ffr_power_availability_low: float | Unset = UNSET
    load_charge_constraint: float | Unset = UNSET
    max_sustained_ramp_rate: float | Unset = UNSET
    grid_faults: list[GridFault] | Unset = UNSET
    can_reboot: str | Unset = UNSET
    smart_inv_delta_p: float | Unset = UNSET
    smart_inv_delta_q: float | Unset = UNSET
    last_toggle_timestamp: str | Unset = UNSET
    solar_real_power_limit: float | Unset = UNSET
    score: float | Unset = UNSET
    blocks_controlled: int | Unset = UNSET
    primary: bool | Unset = UNSET
    auxiliary_load: float | Unset = UNSET
    all_enable_lines_high: bool | Unset = UNSET
    inverter_nominal_usable_power: float | Unset = UNSET
    expected_energy_remaining: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        nominal_full_pack_energy = self.nominal_full_pack_energy

        nominal_energy_remaining = self.nominal_energy_remaining

        system_island_state: str
        if isinstance(self.system_island_state, GridStatus):
            system_island_state = self.system_island_state.value
        else:
            system_island_state = self.system_island_state

        available_blocks = self.available_blocks

        battery_blocks = []
        for battery_blocks_item_data in self.battery_blocks:
            battery_blocks_item = battery_blocks_item_data.to_dict()
            battery_blocks.append(battery_blocks_item)

        command_source = self.command_source

        battery_target_power = self.battery_target_power

        battery_target_reactive_power = self.battery_target_reactive_power

        max_power_energy_remaining = self.max_power_energy_remaining

        max_power_energy_to_be_charged = self.max_power_energy_to_be_charged

        max_charge_power = self.max_charge_power

        max_discharge_power = self.max_discharge_power

        max_apparent_power = self.max_apparent_power

        instantaneous_max_discharge_power = self.instantaneous_max_discharge_power

        instantaneous_max_charge_power = self.instantaneous_max_charge_power

        grid_services_power = self.grid_services_power

        ffr_power_availability_high = self.ffr_power_availability_high

        ffr_power_availability_low = self.ffr_power_availability_low

        load_charge_constraint = self.load_charge_constraint

        max_sustained_ramp_rate = self.max_sustained_ramp_rate

        grid_faults: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.grid_faults, Unset):
            grid_faults = []
            for grid_faults_item_data in self.grid_faults:
                grid_faults_item = grid_faults_item_data.to_dict()
                grid_faults.append(grid_faults_item)

        can_reboot = self.can_reboot

        smart_inv_delta_p = self.smart_inv_delta_p

        smart_inv_delta_q = self.smart_inv_delta_q

        last_toggle_timestamp = self.last_toggle_timestamp

        solar_real_power_limit = self.solar_real_power_limit

        score = self.score

        blocks_controlled = self.blocks_controlled

        primary = self.primary

        auxiliary_load = self.auxiliary_load

        all_enable_lines_high = self.all_enable_lines_high

        inverter_nominal_usable_power = self.inverter_nominal_usable_power

        expected_energy_remaining = self.expected_energy_remaining

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "nominal_full_pack_energy": nominal_full_pack_energy,
                "nominal_energy_remaining": nominal_energy_remaining,
                "system_island_state": system_island_state,
                "available_blocks": available_blocks,
                "battery_blocks": battery_blocks,
            }
        )
        if command_source is not UNSET:
            field_dict["command_source"] = command_source
        if battery_target_power is not UNSET:
            field_dict["battery_target_power"] = battery_target_power
        if battery_target_reactive_power is not UNSET:
            field_dict["battery_target_reactive_power"] = battery_target_reactive_power
        if max_power_energy_remaining is not UNSET:
            field_dict["max_power_energy_remaining"] = max_power_energy_remaining
        if max_power_energy_to_be_charged is not UNSET:
            field_dict["max_power_energy_to_be_charged"] = (
                max_power_energy_to_be_charged
            )
        if max_charge_power is not UNSET:
            field_dict["max_charge_power"] = max_charge_power
        if max_discharge_power is not UNSET:
            field_dict["max_discharge_power"] = max_discharge_power
        if max_apparent_power is not UNSET:
            field_dict["max_apparent_power"] = max_apparent_power
        if instantaneous_max_discharge_power is not UNSET:
            field_dict["instantaneous_max_discharge_power"] = (
                instantaneous_max_discharge_power
            )
        if instantaneous_max_charge_power is not UNSET:
            field_dict["instantaneous_max_charge_power"] = (
                instantaneous_max_charge_power
            )
        if grid_services_power is not UNSET:
            field_dict["grid_services_power"] = grid_services_power
        if ffr_power_availability_high is not UNSET:
            field_dict["ffr_power_availability_high"] = ffr_power_availability_high
        if ffr_power_availability_low is not UNSET:
            field_dict["ffr_power_availability_low"] = ffr_power_availability_low
        if load_charge_constraint is not UNSET:
            field_dict["load_charge_constraint"] = load_charge_constraint
        if max_sustained_ramp_rate is not UNSET:
            field_dict["max_sustained_ramp_rate"] = max_sustained_ramp_rate
        if grid_faults is not UNSET:
            field_dict["grid_faults"] = grid_faults
        if can_reboot is not UNSET:
            field_dict["can_reboot"] = can_reboot
        if smart_inv_delta_p is not UNSET:
            field_dict["smart_inv_delta_p"] = smart_inv_delta_p
        if smart_inv_delta_q is not UNSET:
            field_dict["smart_inv_delta_q"] = smart_inv_delta_q
        if last_toggle_timestamp is not UNSET:
            field_dict["last_toggle_timestamp"] = last_toggle_timestamp
        if solar_real_power_limit is not UNSET:
            field_dict["solar_real_power_limit"] = solar_real_power_limit
        if score is not UNSET:
            field_dict["score"] = score
        if blocks_controlled is not UNSET:
            field_dict["blocks_controlled"] = blocks_controlled
        if primary is not UNSET:
            field_dict["primary"] = primary
        if auxiliary_load is not UNSET:
            field_dict["auxiliary_load"] = auxiliary_load
        if all_enable_lines_high is not UNSET:
            field_dict["all_enable_lines_high"] = all_enable_lines_high
        if inverter_nominal_usable_power is not UNSET:
            field_dict["inverter_nominal_usable_power"] = inverter_nominal_usable_power
        if expected_energy_remaining is not UNSET:
            field_dict["expected_energy_remaining"] = expected_energy_remaining

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.battery_block import BatteryBlock
        from ..models.grid_fault import GridFault

        d = dict(src_dict)
        nominal_full_pack_energy = d.pop("nominal_full_pack_energy")

        nominal_energy_remaining = d.pop("nominal_energy_remaining")

        def _parse_system_island_state(data: object) -> GridStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                system_island_state_type_0 = GridStatus(data)

                return system_island_state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GridStatus | str, data)

        system_island_state = _parse_system_island_state(d.pop("system_island_state"))

        available_blocks = d.pop("available_blocks")

        battery_blocks = []
        _battery_blocks = d.pop("battery_blocks")
        for battery_blocks_item_data in _battery_blocks:
            battery_blocks_item = BatteryBlock.from_dict(battery_blocks_item_data)

            battery_blocks.append(battery_blocks_item)

        command_source = d.pop("command_source", UNSET)

        battery_target_power = d.pop("battery_target_power", UNSET)

        battery_target_reactive_power = d.pop("battery_target_reactive_power", UNSET)

        max_power_energy_remaining = d.pop("max_power_energy_remaining", UNSET)

        max_power_energy_to_be_charged = d.pop("max_power_energy_to_be_charged", UNSET)

        max_charge_power = d.pop("max_charge_power", UNSET)

        max_discharge_power = d.pop("max_discharge_power", UNSET)

        max_apparent_power = d.pop("max_apparent_power", UNSET)

        instantaneous_max_discharge_power = d.pop(
            "instantaneous_max_discharge_power", UNSET
        )

        instantaneous_max_charge_power = d.pop("instantaneous_max_charge_power", UNSET)

        grid_services_power = d.pop("grid_services_power", UNSET)

        ffr_power_availability_high = d.pop("ffr_power_availability_high", UNSET)

        ffr_power_availability_low = d.pop("ffr_power_availability_low", UNSET)

        load_charge_constraint = d.pop("load_charge_constraint", UNSET)

        max_sustained_ramp_rate = d.pop("max_sustained_ramp_rate", UNSET)

        _grid_faults = d.pop("grid_faults", UNSET)
        grid_faults: list[GridFault] | Unset = UNSET
        if _grid_faults is not UNSET:
            grid_faults = []
            for grid_faults_item_data in _grid_faults:
                grid_faults_item = GridFault.from_dict(grid_faults_item_data)

                grid_faults.append(grid_faults_item)

        can_reboot = d.pop("can_reboot", UNSET)

        smart_inv_delta_p = d.pop("smart_inv_delta_p", UNSET)

        smart_inv_delta_q = d.pop("smart_inv_delta_q", UNSET)

        last_toggle_timestamp = d.pop("last_toggle_timestamp", UNSET)

        solar_real_power_limit = d.pop("solar_real_power_limit", UNSET)

        score = d.pop("score", UNSET)

        blocks_controlled = d.pop("blocks_controlled", UNSET)

        primary = d.pop("primary", UNSET)

        auxiliary_load = d.pop("auxiliary_load", UNSET)

        all_enable_lines_high = d.pop("all_enable_lines_high", UNSET)

        inverter_nominal_usable_power = d.pop("inverter_nominal_usable_power", UNSET)

        expected_energy_remaining = d.pop("expected_energy_remaining", UNSET)

        system_status = cls(
            nominal_full_pack_energy=nominal_full_pack_energy,
            nominal_energy_remaining=nominal_energy_remaining,
            system_island_state=system_island_state,
            available_blocks=available_blocks,
            battery_blocks=battery_blocks,
            command_source=command_source,
            battery_target_power=battery_target_power,
            battery_target_reactive_power=battery_target_reactive_power,
            max_power_energy_remaining=max_power_energy_remaining,
            max_power_energy_to_be_charged=max_power_energy_to_be_charged,
            max_charge_power=max_charge_power,
            max_discharge_power=max_discharge_power,
            max_apparent_power=max_apparent_power,
            instantaneous_max_discharge_power=instantaneous_max_discharge_power,
            instantaneous_max_charge_power=instantaneous_max_charge_power,
            grid_services_power=grid_services_power,
            ffr_power_availability_high=ffr_power_availability_high,
            ffr_power_availability_low=ffr_power_availability_low,
            load_charge_constraint=load_charge_constraint,
            max_sustained_ramp_rate=max_sustained_ramp_rate,
            grid_faults=grid_faults,
            can_reboot=can_reboot,
            smart_inv_delta_p=smart_inv_delta_p,
            smart_inv_delta_q=smart_inv_delta_q,
            last_toggle_timestamp=last_toggle_timestamp,
            solar_real_power_limit=solar_real_power_limit,
            score=score,
            blocks_controlled=blocks_controlled,
            primary=primary,
            auxiliary_load=auxiliary_load,
            all_enable_lines_high=all_enable_lines_high,
            inverter_nominal_usable_power=inverter_nominal_usable_power,
            expected_energy_remaining=expected_energy_remaining,
        )

        system_status.additional_properties = d
        return system_status

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
