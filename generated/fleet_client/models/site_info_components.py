from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.export_rule import ExportRule
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.site_info_components_gateways_item import (
        SiteInfoComponentsGatewaysItem,
    )


T = TypeVar("T", bound="SiteInfoComponents")


@_attrs_define
class SiteInfoComponents:
    """
    Attributes:
        solar (bool | Unset):
        battery (bool | Unset):
        grid (bool | Unset):
        storm_mode_capable (bool | Unset):
        off_grid_vehicle_charging_reserve_supported (bool | Unset):
        disallow_charge_from_grid_with_solar_installed (bool | Unset): Absent means charging from the grid is allowed
            (pypowerwall).
        customer_preferred_export_rule (ExportRule | Unset): What may be exported to the grid (open set).
        non_export_configured (bool | Unset): true means nothing is exported (an older way of saying never).
        gateways (list[SiteInfoComponentsGatewaysItem] | Unset):
    """

    solar: bool | Unset = UNSET
    battery: bool | Unset = UNSET
    grid: bool | Unset = UNSET
    storm_mode_capable: bool | Unset = UNSET
    off_grid_vehicle_charging_reserve_supported: bool | Unset = UNSET
    disallow_charge_from_grid_with_solar_installed: bool | Unset = UNSET
    customer_preferred_export_rule: ExportRule | Unset = UNSET
    non_export_configured: bool | Unset = UNSET
    gateways: list[SiteInfoComponentsGatewaysItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        solar = self.solar

        battery = self.battery

        grid = self.grid

        storm_mode_capable = self.storm_mode_capable

        off_grid_vehicle_charging_reserve_supported = (
            self.off_grid_vehicle_charging_reserve_supported
        )

        disallow_charge_from_grid_with_solar_installed = (
            self.disallow_charge_from_grid_with_solar_installed
        )

        customer_preferred_export_rule: str | Unset = UNSET
        if not isinstance(self.customer_preferred_export_rule, Unset):
            customer_preferred_export_rule = self.customer_preferred_export_rule.value

        non_export_configured = self.non_export_configured

        gateways: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.gateways, Unset):
            gateways = []
            for gateways_item_data in self.gateways:
                gateways_item = gateways_item_data.to_dict()
                gateways.append(gateways_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if solar is not UNSET:
            field_dict["solar"] = solar
        if battery is not UNSET:
            field_dict["battery"] = battery
        if grid is not UNSET:
            field_dict["grid"] = grid
        if storm_mode_capable is not UNSET:
            field_dict["storm_mode_capable"] = storm_mode_capable
        if off_grid_vehicle_charging_reserve_supported is not UNSET:
            field_dict["off_grid_vehicle_charging_reserve_supported"] = (
                off_grid_vehicle_charging_reserve_supported
            )
        if disallow_charge_from_grid_with_solar_installed is not UNSET:
            field_dict["disallow_charge_from_grid_with_solar_installed"] = (
                disallow_charge_from_grid_with_solar_installed
            )
        if customer_preferred_export_rule is not UNSET:
            field_dict["customer_preferred_export_rule"] = (
                customer_preferred_export_rule
            )
        if non_export_configured is not UNSET:
            field_dict["non_export_configured"] = non_export_configured
        if gateways is not UNSET:
            field_dict["gateways"] = gateways

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.site_info_components_gateways_item import (
            SiteInfoComponentsGatewaysItem,
        )

        d = dict(src_dict)
        solar = d.pop("solar", UNSET)

        battery = d.pop("battery", UNSET)

        grid = d.pop("grid", UNSET)

        storm_mode_capable = d.pop("storm_mode_capable", UNSET)

        off_grid_vehicle_charging_reserve_supported = d.pop(
            "off_grid_vehicle_charging_reserve_supported", UNSET
        )

        disallow_charge_from_grid_with_solar_installed = d.pop(
            "disallow_charge_from_grid_with_solar_installed", UNSET
        )

        _customer_preferred_export_rule = d.pop("customer_preferred_export_rule", UNSET)
        customer_preferred_export_rule: ExportRule | Unset
        if isinstance(_customer_preferred_export_rule, Unset):
            customer_preferred_export_rule = UNSET
        else:
            customer_preferred_export_rule = ExportRule(_customer_preferred_export_rule)

        non_export_configured = d.pop("non_export_configured", UNSET)

        _gateways = d.pop("gateways", UNSET)
        gateways: list[SiteInfoComponentsGatewaysItem] | Unset = UNSET
        if _gateways is not UNSET:
            gateways = []
            for gateways_item_data in _gateways:
                gateways_item = SiteInfoComponentsGatewaysItem.from_dict(
                    gateways_item_data
                )

                gateways.append(gateways_item)

        site_info_components = cls(
            solar=solar,
            battery=battery,
            grid=grid,
            storm_mode_capable=storm_mode_capable,
            off_grid_vehicle_charging_reserve_supported=off_grid_vehicle_charging_reserve_supported,
            disallow_charge_from_grid_with_solar_installed=disallow_charge_from_grid_with_solar_installed,
            customer_preferred_export_rule=customer_preferred_export_rule,
            non_export_configured=non_export_configured,
            gateways=gateways,
        )

        site_info_components.additional_properties = d
        return site_info_components

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
