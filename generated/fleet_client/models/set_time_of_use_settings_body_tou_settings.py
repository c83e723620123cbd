from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.set_time_of_use_settings_body_tou_settings_tariff_content_v2 import (
        SetTimeOfUseSettingsBodyTouSettingsTariffContentV2,
    )


T = TypeVar("T", bound="SetTimeOfUseSettingsBodyTouSettings")


@_attrs_define
class SetTimeOfUseSettingsBodyTouSettings:
    """
    Attributes:
        tariff_content_v2 (SetTimeOfUseSettingsBodyTouSettingsTariffContentV2 | Unset):
    """

    tariff_content_v2: SetTimeOfUseSettingsBodyTouSettingsTariffContentV2 | Unset = (
        UNSET
    )
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tariff_content_v2: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tariff_content_v2, Unset):
            tariff_content_v2 = self.tariff_content_v2.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if tariff_content_v2 is not UNSET:
            field_dict["tariff_content_v2"] = tariff_content_v2

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.set_time_of_use_settings_body_tou_settings_tariff_content_v2 import (
            SetTimeOfUseSettingsBodyTouSettingsTariffContentV2,
        )

        d = dict(src_dict)
        _tariff_content_v2 = d.pop("tariff_content_v2", UNSET)
        tariff_content_v2: SetTimeOfUseSettingsBodyTouSettingsTariffContentV2 | Unset
        if isinstance(_tariff_content_v2, Unset):
            tariff_content_v2 = UNSET
        else:
            tariff_content_v2 = (
                SetTimeOfUseSettingsBodyTouSettingsTariffContentV2.from_dict(
                    _tariff_content_v2
                )
            )

        set_time_of_use_settings_body_tou_settings = cls(
            tariff_content_v2=tariff_content_v2,
        )

        set_time_of_use_settings_body_tou_settings.additional_properties = d
        return set_time_of_use_settings_body_tou_settings

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
