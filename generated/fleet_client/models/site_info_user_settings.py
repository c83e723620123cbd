from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SiteInfoUserSettings")


@_attrs_define
class SiteInfoUserSettings:
    """
    Attributes:
        storm_mode_enabled (bool | Unset):
    """

    storm_mode_enabled: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        storm_mode_enabled = self.storm_mode_enabled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if storm_mode_enabled is not UNSET:
            field_dict["storm_mode_enabled"] = storm_mode_enabled

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        storm_mode_enabled = d.pop("storm_mode_enabled", UNSET)

        site_info_user_settings = cls(
            storm_mode_enabled=storm_mode_enabled,
        )

        site_info_user_settings.additional_properties = d
        return site_info_user_settings

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
