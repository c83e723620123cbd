from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SiteInfoComponentsGatewaysItem")


@_attrs_define
class SiteInfoComponentsGatewaysItem:
    """
    Attributes:
        din (str | Unset):
        serial_number (str | Unset):
        part_number (str | Unset):
        firmware_version (None | str | Unset):
        is_active (bool | Unset):
    """

    din: str | Unset = UNSET
    serial_number: str | Unset = UNSET
    part_number: str | Unset = UNSET
    firmware_version: None | str | Unset = UNSET
    is_active: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        din = self.din

        serial_number = self.serial_number

        part_number = self.part_number

        firmware_version: None | str | Unset
        if isinstance(self.firmware_version, Unset):
            firmware_version = UNSET
        else:
            firmware_version = self.firmware_version

        is_active = self.is_active

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if din is not UNSET:
            field_dict["din"] = din
        if serial_number is not UNSET:
            field_dict["serial_number"] = serial_number
        if part_number is not UNSET:
            field_dict["part_number"] = part_number
        if firmware_version is not UNSET:
            field_dict["firmware_version"] = firmware_version
        if is_active is not UNSET:
            field_dict["is_active"] = is_active

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        din = d.pop("din", UNSET)

        serial_number = d.pop("serial_number", UNSET)

        part_number = d.pop("part_number", UNSET)

        def _parse_firmware_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        firmware_version = _parse_firmware_version(d.pop("firmware_version", UNSET))

        is_active = d.pop("is_active", UNSET)

        site_info_components_gateways_item = cls(
            din=din,
            serial_number=serial_number,
            part_number=part_number,
            firmware_version=firmware_version,
            is_active=is_active,
        )

        site_info_components_gateways_item.additional_properties = d
        return site_info_components_gateways_item

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
