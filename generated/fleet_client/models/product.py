from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Product")


@_attrs_define
class Product:
    """A vehicle or an energy site; only energy sites have energy_site_id.

    Attributes:
        energy_site_id (int | Unset):
        resource_type (str | Unset): battery, solar, … (open set)
        site_name (None | str | Unset):
        id (Any | Unset): A number for a vehicle, a string (STE…) for an energy site.
        gateway_id (str | Unset): The gateway's DIN, e.g. 1112345-00-E--TG0123456789.
        energy_left (float | Unset):
        total_pack_energy (float | Unset):
        percentage_charged (float | Unset):
        battery_power (float | Unset):
    """

    energy_site_id: int | Unset = UNSET
    resource_type: str | Unset = UNSET
    site_name: None | str | Unset = UNSET
    id: Any | Unset = UNSET
    gateway_id: str | Unset = UNSET
    energy_left: float | Unset = UNSET
    total_pack_energy: float | Unset = UNSET
    percentage_charged: float | Unset = UNSET
    battery_power: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        energy_site_id = self.energy_site_id

        resource_type = self.resource_type

        site_name: None | str | Unset
        if isinstance(self.site_name, Unset):
            site_name = UNSET
        else:
            site_name = self.site_name

        id = self.id

        gateway_id = self.gateway_id

        energy_left = self.energy_left

        total_pack_energy = self.total_pack_energy

        percentage_charged = self.percentage_charged

        battery_power = self.battery_power

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if energy_site_id is not UNSET:
            field_dict["energy_site_id"] = energy_site_id
        if resource_type is not UNSET:
            field_dict["resource_type"] = resource_type
        if site_name is not UNSET:
            field_dict["site_name"] = site_name
        if id is not UNSET:
            field_dict["id"] = id
        if gateway_id is not UNSET:
            field_dict["gateway_id"] = gateway_id
        if energy_left is not UNSET:
            field_dict["energy_left"] = energy_left
        if total_pack_energy is not UNSET:
            field_dict["total_pack_energy"] = total_pack_energy
        if percentage_charged is not UNSET:
            field_dict["percentage_charged"] = percentage_charged
        if battery_power is not UNSET:
            field_dict["battery_power"] = battery_power

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        energy_site_id = d.pop("energy_site_id", UNSET)

        resource_type = d.pop("resource_type", UNSET)

        def _parse_site_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        site_name = _parse_site_name(d.pop("site_name", UNSET))

        id = d.pop("id", UNSET)

        gateway_id = d.pop("gateway_id", UNSET)

        energy_left = d.pop("energy_left", UNSET)

        total_pack_energy = d.pop("total_pack_energy", UNSET)

        percentage_charged = d.pop("percentage_charged", UNSET)

        battery_power = d.pop("battery_power", UNSET)

        product = cls(
            energy_site_id=energy_site_id,
            resource_type=resource_type,
            site_name=site_name,
            id=id,
            gateway_id=gateway_id,
            energy_left=energy_left,
            total_pack_energy=total_pack_energy,
            percentage_charged=percentage_charged,
            battery_power=battery_power,
        )

        product.additional_properties = d
        return product

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
