from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.set_time_of_use_settings_body_tou_settings import (
        SetTimeOfUseSettingsBodyTouSettings,
    )


T = TypeVar("T", bound="SetTimeOfUseSettingsBody")


@_attrs_define
class SetTimeOfUseSettingsBody:
    """
    Attributes:
        tou_settings (SetTimeOfUseSettingsBodyTouSettings):
    """

    tou_settings: SetTimeOfUseSettingsBodyTouSettings
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tou_settings = self.tou_settings.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tou_settings": tou_settings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.set_time_of_use_settings_body_tou_settings import (
            SetTimeOfUseSettingsBodyTouSettings,
        )

        d = dict(src_dict)
        tou_settings = SetTimeOfUseSettingsBodyTouSettings.from_dict(
            d.pop("tou_settings")
        )

        set_time_of_use_settings_body = cls(
            tou_settings=tou_settings,
        )

        set_time_of_use_settings_body.additional_properties = d
        return set_time_of_use_settings_body

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
