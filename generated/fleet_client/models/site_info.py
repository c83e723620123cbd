from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.real_mode import RealMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.site_info_components import SiteInfoComponents
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
        version (str | Unset):
        battery_count (int | Unset):
        off_grid_vehicle_charging_reserve_percent (float | Unset):
        user_settings (SiteInfoUserSettings | Unset):
        components (SiteInfoComponents | Unset):
    """

    id: str | Unset = UNSET
    site_name: None | str | Unset = UNSET
    backup_reserve_percent: float | Unset = UNSET
    default_real_mode: RealMode | Unset = UNSET
    installation_date: str | Unset = UNSET
    version: str | Unset = UNSET
    battery_count: int | Unset = UNSET
    off_grid_vehicle_charging_reserve_percent: float | Unset = UNSET
    user_settings: SiteInfoUserSettings | Unset = UNSET
    components: SiteInfoComponents | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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

        version = self.version

        battery_count = self.battery_count

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

        version = d.pop("version", UNSET)

        battery_count = d.pop("battery_count", UNSET)

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
