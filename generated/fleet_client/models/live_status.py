from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.live_status_wall_connectors_item import LiveStatusWallConnectorsItem


T = TypeVar("T", bound="LiveStatus")


@_attrs_define
class LiveStatus:
    """
    Attributes:
        solar_power (float | Unset):
        energy_left (float | Unset):
        total_pack_energy (float | Unset):
        percentage_charged (float | Unset): The state of charge on the app's scale.
        backup_capable (bool | Unset):
        battery_power (float | Unset):
        load_power (float | Unset):
        grid_status (str | Unset): Active, Inactive, … (open set)
        grid_services_active (bool | Unset):
        grid_power (float | Unset):
        grid_services_power (float | Unset):
        generator_power (float | Unset):
        island_status (str | Unset): on_grid, off_grid, … (open set)
        storm_mode_active (bool | Unset):
        wall_connectors (list[LiveStatusWallConnectorsItem] | Unset):
        timestamp (str | Unset):
    """

    solar_power: float | Unset = UNSET
    energy_left: float | Unset = UNSET
    total_pack_energy: float | Unset = UNSET
    percentage_charged: float | Unset = UNSET
    backup_capable: bool | Unset = UNSET
    battery_power: float | Unset = UNSET
    load_power: float | Unset = UNSET
    grid_status: str | Unset = UNSET
    grid_services_active: bool | Unset = UNSET
    grid_power: float | Unset = UNSET
    grid_services_power: float | Unset = UNSET
    generator_power: float | Unset = UNSET
    island_status: str | Unset = UNSET
    storm_mode_active: bool | Unset = UNSET
    wall_connectors: list[LiveStatusWallConnectorsItem] | Unset = UNSET
    timestamp: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        solar_power = self.solar_power

        energy_left = self.energy_left

        total_pack_energy = self.total_pack_energy

        percentage_charged = self.percentage_charged

        backup_capable = self.backup_capable

        battery_power = self.battery_power

        load_power = self.load_power

        grid_status = self.grid_status

        grid_services_active = self.grid_services_active

        grid_power = self.grid_power

        grid_services_power = self.grid_services_power

        generator_power = self.generator_power

        island_status = self.island_status

        storm_mode_active = self.storm_mode_active

        wall_connectors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.wall_connectors, Unset):
            wall_connectors = []
            for wall_connectors_item_data in self.wall_connectors:
                wall_connectors_item = wall_connectors_item_data.to_dict()
                wall_connectors.append(wall_connectors_item)

        timestamp = self.timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if solar_power is not UNSET:
            field_dict["solar_power"] = solar_power
        if energy_left is not UNSET:
            field_dict["energy_left"] = energy_left
        if total_pack_energy is not UNSET:
            field_dict["total_pack_energy"] = total_pack_energy
        if percentage_charged is not UNSET:
            field_dict["percentage_charged"] = percentage_charged
        if backup_capable is not UNSET:
            field_dict["backup_capable"] = backup_capable
        if battery_power is not UNSET:
            field_dict["battery_power"] = battery_power
        if load_power is not UNSET:
            field_dict["load_power"] = load_power
        if grid_status is not UNSET:
            field_dict["grid_status"] = grid_status
        if grid_services_active is not UNSET:
            field_dict["grid_services_active"] = grid_services_active
        if grid_power is not UNSET:
            field_dict["grid_power"] = grid_power
        if grid_services_power is not UNSET:
            field_dict["grid_services_power"] = grid_services_power
        if generator_power is not UNSET:
            field_dict["generator_power"] = generator_power
        if island_status is not UNSET:
            field_dict["island_status"] = island_status
        if storm_mode_active is not UNSET:
            field_dict["storm_mode_active"] = storm_mode_active
        if wall_connectors is not UNSET:
            field_dict["wall_connectors"] = wall_connectors
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.live_status_wall_connectors_item import (
            LiveStatusWallConnectorsItem,
        )

        d = dict(src_dict)
        solar_power = d.pop("solar_power", UNSET)

        energy_left = d.pop("energy_left", UNSET)

        total_pack_energy = d.pop("total_pack_energy", UNSET)

        percentage_charged = d.pop("percentage_charged", UNSET)

        backup_capable = d.pop("backup_capable", UNSET)

        battery_power = d.pop("battery_power", UNSET)

        load_power = d.pop("load_power", UNSET)

        grid_status = d.pop("grid_status", UNSET)

        grid_services_active = d.pop("grid_services_active", UNSET)

        grid_power = d.pop("grid_power", UNSET)

        grid_services_power = d.pop("grid_services_power", UNSET)

        generator_power = d.pop("generator_power", UNSET)

        island_status = d.pop("island_status", UNSET)

        storm_mode_active = d.pop("storm_mode_active", UNSET)

        _wall_connectors = d.pop("wall_connectors", UNSET)
        wall_connectors: list[LiveStatusWallConnectorsItem] | Unset = UNSET
        if _wall_connectors is not UNSET:
            wall_connectors = []
            for wall_connectors_item_data in _wall_connectors:
                wall_connectors_item = LiveStatusWallConnectorsItem.from_dict(
                    wall_connectors_item_data
                )

                wall_connectors.append(wall_connectors_item)

        timestamp = d.pop("timestamp", UNSET)

        live_status = cls(
            solar_power=solar_power,
            energy_left=energy_left,
            total_pack_energy=total_pack_energy,
            percentage_charged=percentage_charged,
            backup_capable=backup_capable,
            battery_power=battery_power,
            load_power=load_power,
            grid_status=grid_status,
            grid_services_active=grid_services_active,
            grid_power=grid_power,
            grid_services_power=grid_services_power,
            generator_power=generator_power,
            island_status=island_status,
            storm_mode_active=storm_mode_active,
            wall_connectors=wall_connectors,
            timestamp=timestamp,
        )

        live_status.additional_properties = d
        return live_status

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
