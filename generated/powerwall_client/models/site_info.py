from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.grid_code import GridCode


T = TypeVar("T", bound="SiteInfo")


@_attrs_define
class SiteInfo:
    """
    Attributes:
        max_system_energy_k_wh (float):
        max_system_power_k_w (float):
        site_name (str):
        timezone (str):
        max_site_meter_power_k_w (float):
        min_site_meter_power_k_w (float):
        nominal_system_energy_k_wh (float): kWh; 13.5 per Powerwall 2.
        nominal_system_power_k_w (float):
        grid_code (GridCode):
        measured_frequency (float | Unset): Hz. Removed in firmware 21.44.
    """

    max_system_energy_k_wh: float
    max_system_power_k_w: float
    site_name: str
    timezone: str
    max_site_meter_power_k_w: float
    min_site_meter_power_k_w: float
    nominal_system_energy_k_wh: float
    nominal_system_power_k_w: float
    grid_code: GridCode
    measured_frequency: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        max_system_energy_k_wh = self.max_system_energy_k_wh

        max_system_power_k_w = self.max_system_power_k_w

        site_name = self.site_name

        timezone = self.timezone

        max_site_meter_power_k_w = self.max_site_meter_power_k_w

        min_site_meter_power_k_w = self.min_site_meter_power_k_w

        nominal_system_energy_k_wh = self.nominal_system_energy_k_wh

        nominal_system_power_k_w = self.nominal_system_power_k_w

        grid_code = self.grid_code.to_dict()

        measured_frequency = self.measured_frequency

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "max_system_energy_kWh": max_system_energy_k_wh,
                "max_system_power_kW": max_system_power_k_w,
                "site_name": site_name,
                "timezone": timezone,
                "max_site_meter_power_kW": max_site_meter_power_k_w,
                "min_site_meter_power_kW": min_site_meter_power_k_w,
                "nominal_system_energy_kWh": nominal_system_energy_k_wh,
                "nominal_system_power_kW": nominal_system_power_k_w,
                "grid_code": grid_code,
            }
        )
        if measured_frequency is not UNSET:
            field_dict["measured_frequency"] = measured_frequency

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.grid_code import GridCode

        d = dict(src_dict)
        max_system_energy_k_wh = d.pop("max_system_energy_kWh")

        max_system_power_k_w = d.pop("max_system_power_kW")

        site_name = d.pop("site_name")

        timezone = d.pop("timezone")

        max_site_meter_power_k_w = d.pop("max_site_meter_power_kW")

        min_site_meter_power_k_w = d.pop("min_site_meter_power_kW")

        nominal_system_energy_k_wh = d.pop("nominal_system_energy_kWh")

        nominal_system_power_k_w = d.pop("nominal_system_power_kW")

        grid_code = GridCode.from_dict(d.pop("grid_code"))

        measured_frequency = d.pop("measured_frequency", UNSET)

        site_info = cls(
            max_system_energy_k_wh=max_system_energy_k_wh,
            max_system_power_k_w=max_system_power_k_w,
            site_name=site_name,
            timezone=timezone,
            max_site_meter_power_k_w=max_site_meter_power_k_w,
            min_site_meter_power_k_w=min_site_meter_power_k_w,
            nominal_system_energy_k_wh=nominal_system_energy_k_wh,
            nominal_system_power_k_w=nominal_system_power_k_w,
            grid_code=grid_code,
            measured_frequency=measured_frequency,
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
