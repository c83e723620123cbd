from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SolarPowerwallPvacStatusStringVitalsItem")


@_attrs_define
class SolarPowerwallPvacStatusStringVitalsItem:
    """One PV string.

    Attributes:
        string_id (int | Unset): The string's number from 1 (inferred).
        connected (bool | Unset): Whether the string is connected.
        measured_voltage (float | Unset): The string's voltage.
        current (float | Unset): The string's current.
        measured_power (float | Unset): The string's power.
    """

    string_id: int | Unset = UNSET
    connected: bool | Unset = UNSET
    measured_voltage: float | Unset = UNSET
    current: float | Unset = UNSET
    measured_power: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        string_id = self.string_id

        connected = self.connected

        measured_voltage = self.measured_voltage

        current = self.current

        measured_power = self.measured_power

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if string_id is not UNSET:
            field_dict["string_id"] = string_id
        if connected is not UNSET:
            field_dict["connected"] = connected
        if measured_voltage is not UNSET:
            field_dict["measured_voltage"] = measured_voltage
        if current is not UNSET:
            field_dict["current"] = current
        if measured_power is not UNSET:
            field_dict["measured_power"] = measured_power

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        string_id = d.pop("string_id", UNSET)

        connected = d.pop("connected", UNSET)

        measured_voltage = d.pop("measured_voltage", UNSET)

        current = d.pop("current", UNSET)

        measured_power = d.pop("measured_power", UNSET)

        solar_powerwall_pvac_status_string_vitals_item = cls(
            string_id=string_id,
            connected=connected,
            measured_voltage=measured_voltage,
            current=current,
            measured_power=measured_power,
        )

        solar_powerwall_pvac_status_string_vitals_item.additional_properties = d
        return solar_powerwall_pvac_status_string_vitals_item

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
