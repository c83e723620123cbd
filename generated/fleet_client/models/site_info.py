from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.real_mode import RealMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.site_info_components import SiteInfoComponents
    from ..models.site_info_tariff_content_v2_type_0 import SiteInfoTariffContentV2Type0
    from ..models.site_info_user_settings import SiteInfoUserSettings


T = TypeVar("T", bound="SiteInfo")


@_attrs_define
class SiteInfo:
    """
    Attributes:
        id (str | Unset):
        site_name (None | str | Unset):
        backup_reserve_percent (float | Unset): The reserve as the Tesla app shows it.
        default_real_mode (RealMode | Unset): self_consumption, backup, autonomous (open set).
        installation_date (str | Unset):
        version (None | str | Unset):
        battery_count (int | Unset):
        nameplate_power (float | Unset):
        nameplate_energy (float | Unset):
        installation_time_zone (str | Unset):
        tariff_content_v2 (None | SiteInfoTariffContentV2Type0 | Unset): The time-of-use tariff (what
            time_of_use_settings writes).
        off_grid_vehicle_charging_reserve_percent (float | Unset):
        user_settings (SiteInfoUserSettings | Unset):
        components (SiteInfoComponents | Unset):
    """

    id: str | Unset = UNSET
    site_name: None | str | Unset = UNSET
    backup_reserve_percent: float | Unset = UNSET
    default_real_mode: RealMode | Unset = UNSET
    installation_date: str | Unset = UNSET
    version: None | str | Unset = UNSET
    battery_count: int | Unset = UNSET
    nameplate_power: float | Unset = UNSET
    nameplate_energy: float | Unset = UNSET
    installation_time_zone: str | Unset = UNSET
    tariff_content_v2: None | SiteInfoTariffContentV2Type0 | Unset = UNSET
    off_grid_vehicle_charging_reserve_percent: float | Unset = UNSET
    user_settings: SiteInfoUserSettings | Unset = UNSET
    components: SiteInfoComponents | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.site_info_tariff_content_v2_type_0 import (
            SiteInfoTariffContentV2Type0,
        )

        id = self.id

        site_name: None | str | Unset
        if isinstance(self.site_name, Unset):
            site_name = UNSET
        else:
            site_name = self.site_name

        backup_reserve_percent = self.backup_reserve_percent

        default_real_mode: str | Unset = UNSET
        if not isinstance(self.default_real_mode, Unset):
            default_real_mode = self.default_real_mode.value

        installation_date = self.installation_date

        version: None | str | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        else:
            version = self.version

        battery_count = self.battery_count

        nameplate_power = self.nameplate_power

        nameplate_energy = self.nameplate_energy

        installation_time_zone = self.installation_time_zone

        tariff_content_v2: dict[str, Any] | None | Unset
        if isinstance(self.tariff_content_v2, Unset):
            tariff_content_v2 = UNSET
        elif isinstance(self.tariff_content_v2, SiteInfoTariffContentV2Type0):
            tariff_content_v2 = self.tariff_content_v2.to_dict()
        else:
            tariff_content_v2 = self.tariff_content_v2

        off_grid_vehicle_charging_reserve_percent = (
            self.off_grid_vehicle_charging_reserve_percent
        )

        user_settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.user_settings, Unset):
            user_settings = self.user_settings.to_dict()

        components: dict[str, Any] | Unset = UNSET
        if not isinstance(self.components, Unset):
            components = self.components.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if site_name is not UNSET:
            field_dict["site_name"] = site_name
        if backup_reserve_percent is not UNSET:
            field_dict["backup_reserve_percent"] = backup_reserve_percent
        if default_real_mode is not UNSET:
            field_dict["default_real_mode"] = default_real_mode
        if installation_date is not UNSET:
            field_dict["installation_date"] = installation_date
        if version is not UNSET:
            field_dict["version"] = version
        if battery_count is not UNSET:
            field_dict["battery_count"] = battery_count
        if nameplate_power is not UNSET:
            field_dict["nameplate_power"] = nameplate_power
        if nameplate_energy is not UNSET:
            field_dict["nameplate_energy"] = nameplate_energy
        if installation_time_zone is not UNSET:
            field_dict["installation_time_zone"] = installation_time_zone
        if tariff_content_v2 is not UNSET:
            field_dict["tariff_content_v2"] = tariff_content_v2
        if off_grid_vehicle_charging_reserve_percent is not UNSET:
            field_dict["off_grid_vehicle_charging_reserve_percent"] = (
                off_grid_vehicle_charging_reserve_percent
            )
        if user_settings is not UNSET:
            field_dict["user_settings"] = user_settings
        if components is not UNSET:
            field_dict["components"] = components

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.site_info_components import SiteInfoComponents
        from ..models.site_info_tariff_content_v2_type_0 import (
            SiteInfoTariffContentV2Type0,
        )
        from ..models.site_info_user_settings import SiteInfoUserSettings

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        def _parse_site_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        site_name = _parse_site_name(d.pop("site_name", UNSET))

        backup_reserve_percent = d.pop("backup_reserve_percent", UNSET)

        _default_real_mode = d.pop("default_real_mode", UNSET)
        default_real_mode: RealMode | Unset
        if isinstance(_default_real_mode, Unset):
            default_real_mode = UNSET
        else:
            default_real_mode = RealMode(_default_real_mode)

        installation_date = d.pop("installation_date", UNSET)

        def _parse_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        version = _parse_version(d.pop("version", UNSET))

        battery_count = d.pop("battery_count", UNSET)

        nameplate_power = d.pop("nameplate_power", UNSET)

        nameplate_energy = d.pop("nameplate_energy", UNSET)

        installation_time_zone = d.pop("installation_time_zone", UNSET)

        def _parse_tariff_content_v2(
            data: object,
        ) -> None | SiteInfoTariffContentV2Type0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tariff_content_v2_type_0 = SiteInfoTariffContentV2Type0.from_dict(data)

                return tariff_content_v2_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SiteInfoTariffContentV2Type0 | Unset, data)

        tariff_content_v2 = _parse_tariff_content_v2(d.pop("tariff_content_v2", UNSET))

        off_grid_vehicle_charging_reserve_percent = d.pop(
            "off_grid_vehicle_charging_reserve_percent", UNSET
        )

        _user_settings = d.pop("user_settings", UNSET)
        user_settings: SiteInfoUserSettings | Unset
        if isinstance(_user_settings, Unset):
            user_settings = UNSET
        else:
            user_settings = SiteInfoUserSettings.from_dict(_user_settings)

        _components = d.pop("components", UNSET)
        components: SiteInfoComponents | Unset
        if isinstance(_components, Unset):
            components = UNSET
        else:
            components = SiteInfoComponents.from_dict(_components)

        site_info = cls(
            id=id,
            site_name=site_name,
            backup_reserve_percent=backup_reserve_percent,
            default_real_mode=default_real_mode,
            installation_date=installation_date,
            version=version,
            battery_count=battery_count,
            nameplate_power=nameplate_power,
            nameplate_energy=nameplate_energy,
            installation_time_zone=installation_time_zone,
            tariff_content_v2=tariff_content_v2,
            off_grid_vehicle_charging_reserve_percent=off_grid_vehicle_charging_reserve_percent,
            user_settings=user_settings,
            components=components,
        )

        site_info.additional_properties = d
        return site_info

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
