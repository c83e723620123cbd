from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SystemTestingMeterResultsType0ItemItem")


@_attrs_define
class SystemTestingMeterResultsType0ItemItem:
    """One CT's measurement.

    Attributes:
        power (float | Unset): Power the CT measured, W.
        ct (int | Unset): The CT input, from 1.
        serial (str | Unset): The meter's serial.
        type_ (str | Unset): What the CT measures, e.g. `site`.
    """

    power: float | Unset = UNSET
    ct: int | Unset = UNSET
    serial: str | Unset = UNSET
    type_: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        power = self.power

        ct = self.ct

        serial = self.serial

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if power is not UNSET:
            field_dict["Power"] = power
        if ct is not UNSET:
            field_dict["CT"] = ct
        if serial is not UNSET:
            field_dict["Serial"] = serial
        if type_ is not UNSET:
            field_dict["Type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        power = d.pop("Power", UNSET)

        ct = d.pop("CT", UNSET)

        serial = d.pop("Serial", UNSET)

        type_ = d.pop("Type", UNSET)

        system_testing_meter_results_type_0_item_item = cls(
            power=power,
            ct=ct,
            serial=serial,
            type_=type_,
        )

        system_testing_meter_results_type_0_item_item.additional_properties = d
        return system_testing_meter_results_type_0_item_item

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
