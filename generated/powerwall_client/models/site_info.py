from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.grid_code import GridCode


T = TypeVar("T", bound="SiteInfo")


@_attrs_define
class SiteInfo:
    """Site name, capacity and grid code. Firmware 20.x and later nest the
    grid code in an object; the seeds (1.x) show it flat: `grid_code` a
    string and its settings beside it.

        Attributes:
            site_name (str): The site's name, as set in the app.
            timezone (str): IANA time zone, e.g. `America/Los_Angeles`.
            max_site_meter_power_k_w (float): Import limit at the site meter, kW (1000000000 in the seeds and recordings;
                inferred: no limit).
            min_site_meter_power_k_w (float): Export limit at the site meter, kW, negative (−1000000000 in the seeds and
                recordings; inferred: no limit).
            nominal_system_energy_k_wh (float): Nominal energy of all batteries, kWh; 13.5 per Powerwall 2.
            nominal_system_power_k_w (float): Nominal power of all batteries, kW.
            grid_code (GridCode | str): The grid code.
            measured_frequency (float | Unset): Measured grid frequency, Hz. Removed in firmware 21.44.
            max_system_energy_k_wh (float | Unset): Maximum energy of all batteries, kWh (not in the seeds' 1.x example).
            max_system_power_k_w (float | Unset): Maximum power of all batteries, kW (not in the seeds' 1.x example).
            grid_voltage_setting (float | Unset): Nominal grid voltage, V (flat shape, firmware 1.x).
            grid_freq_setting (float | Unset): Nominal grid frequency, Hz (flat shape, firmware 1.x).
            grid_phase_setting (str | Unset): Open set: `Single`, `Split`, `Three` (flat shape, firmware 1.x).
            country (str | Unset): e.g. `United States` (flat shape, firmware 1.x).
            state (str | Unset): State or province (flat shape, firmware 1.x).
            distributor (str | Unset): The distribution network operator; `*` for any (flat shape, firmware 1.x).
            utility (str | Unset): The utility (flat shape, firmware 1.x).
            retailer (str | Unset): The energy retailer; `*` for any (flat shape, firmware 1.x).
            region (str | Unset): The standard the code follows, e.g. `UL1741SA` (flat shape, firmware 1.x).
    """

    site_name: str
    timezone: str
    max_site_meter_power_k_w: float
    min_site_meter_power_k_w: float
    nominal_system_energy_k_wh: float
    nominal_system_power_k_w: float
    grid_code: GridCode | str
    measured_frequency: float | Unset = UNSET
    max_system_energy_k_wh: float | Unset = UNSET
    max_system_power_k_w: float | Unset = UNSET
    grid_voltage_setting: float | Unset = UNSET
    grid_freq_setting: float | Unset = UNSET
    grid_phase_setting: str | Unset = UNSET
    country: str | Unset = UNSET
    state: str | Unset = UNSET
    distributor: str | Unset = UNSET
    utility: str | Unset = UNSET
    retailer: str | Unset = UNSET
    region: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.grid_code import GridCode

        site_name = self.site_name

        timezone = self.timezone

        max_site_meter_power_k_w = self.max_site_meter_power_k_w

        min_site_meter_power_k_w = self.min_site_meter_power_k_w

        nominal_system_energy_k_wh = self.nominal_system_energy_k_wh

        nominal_system_power_k_w = self.nominal_system_power_k_w

        grid_code: dict[str, Any] | str
        if isinstance(self.grid_code, GridCode):
            grid_code = self.grid_code.to_dict()
        else:
            grid_code = self.grid_code

        measured_frequency = self.measured_frequency

        max_system_energy_k_wh = self.max_system_energy_k_wh

        max_system_power_k_w = self.max_system_power_k_w

        grid_voltage_setting = self.grid_voltage_setting

        grid_freq_setting = self.grid_freq_setting

        grid_phase_setting = self.grid_phase_setting

        country = self.country

        state = self.state

        distributor = self.distributor

        utility = self.utility

        retailer = self.retailer

        region = self.region

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
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
        if max_system_energy_k_wh is not UNSET:
            field_dict["max_system_energy_kWh"] = max_system_energy_k_wh
        if max_system_power_k_w is not UNSET:
            field_dict["max_system_power_kW"] = max_system_power_k_w
        if grid_voltage_setting is not UNSET:
            field_dict["grid_voltage_setting"] = grid_voltage_setting
        if grid_freq_setting is not UNSET:
            field_dict["grid_freq_setting"] = grid_freq_setting
        if grid_phase_setting is not UNSET:
            field_dict["grid_phase_setting"] = grid_phase_setting
        if country is not UNSET:
            field_dict["country"] = country
        if state is not UNSET:
            field_dict["state"] = state
        if distributor is not UNSET:
            field_dict["distributor"] = distributor
        if utility is not UNSET:
            field_dict["utility"] = utility
        if retailer is not UNSET:
            field_dict["retailer"] = retailer
        if region is not UNSET:
            field_dict["region"] = region

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.grid_code import GridCode

        d = dict(src_dict)
        site_name = d.pop("site_name")

        timezone = d.pop("timezone")

        max_site_meter_power_k_w = d.pop("max_site_meter_power_kW")

        min_site_meter_power_k_w = d.pop("min_site_meter_power_kW")

        nominal_system_energy_k_wh = d.pop("nominal_system_energy_kWh")

        nominal_system_power_k_w = d.pop("nominal_system_power_kW")

        def _parse_grid_code(data: object) -> GridCode | str:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                grid_code_type_0 = GridCode.from_dict(data)

                return grid_code_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GridCode | str, data)

        grid_code = _parse_grid_code(d.pop("grid_code"))

        measured_frequency = d.pop("measured_frequency", UNSET)

        max_system_energy_k_wh = d.pop("max_system_energy_kWh", UNSET)

        max_system_power_k_w = d.pop("max_system_power_kW", UNSET)

        grid_voltage_setting = d.pop("grid_voltage_setting", UNSET)

        grid_freq_setting = d.pop("grid_freq_setting", UNSET)

        grid_phase_setting = d.pop("grid_phase_setting", UNSET)

        country = d.pop("country", UNSET)

        state = d.pop("state", UNSET)

        distributor = d.pop("distributor", UNSET)

        utility = d.pop("utility", UNSET)

        retailer = d.pop("retailer", UNSET)

        region = d.pop("region", UNSET)

        site_info = cls(
            site_name=site_name,
            timezone=timezone,
            max_site_meter_power_k_w=max_site_meter_power_k_w,
            min_site_meter_power_k_w=min_site_meter_power_k_w,
            nominal_system_energy_k_wh=nominal_system_energy_k_wh,
            nominal_system_power_k_w=nominal_system_power_k_w,
            grid_code=grid_code,
            measured_frequency=measured_frequency,
            max_system_energy_k_wh=max_system_energy_k_wh,
            max_system_power_k_w=max_system_power_k_w,
            grid_voltage_setting=grid_voltage_setting,
            grid_freq_setting=grid_freq_setting,
            grid_phase_setting=grid_phase_setting,
            country=country,
            state=state,
            distributor=distributor,
            utility=utility,
            retailer=retailer,
            region=region,
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
