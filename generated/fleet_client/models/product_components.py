from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.product_components_wall_connectors_item import (
        ProductComponentsWallConnectorsItem,
    )


T = TypeVar("T", bound="ProductComponents")


@_attrs_define
class ProductComponents:
    """
    Attributes:
        battery (bool | Unset):
        battery_type (str | Unset):
        solar (bool | Unset):
        solar_type (str | Unset):
        grid (bool | Unset):
        load_meter (bool | Unset):
        market_type (str | Unset):
        wall_connectors (list[ProductComponentsWallConnectorsItem] | Unset):
    """

    battery: bool | Unset = UNSET
    battery_type: str | Unset = UNSET
    solar: bool | Unset = UNSET
    solar_type: str | Unset = UNSET
    grid: bool | Unset = UNSET
    load_meter: bool | Unset = UNSET
    market_type: str | Unset = UNSET
    wall_connectors: list[ProductComponentsWallConnectorsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        battery = self.battery

        battery_type = self.battery_type

        solar = self.solar

        solar_type = self.solar_type

        grid = self.grid

        load_meter = self.load_meter

        market_type = self.market_type

        wall_connectors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.wall_connectors, Unset):
            wall_connectors = []
            for wall_connectors_item_data in self.wall_connectors:
                wall_connectors_item = wall_connectors_item_data.to_dict()
                wall_connectors.append(wall_connectors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if battery is not UNSET:
            field_dict["battery"] = battery
        if battery_type is not UNSET:
            field_dict["battery_type"] = battery_type
        if solar is not UNSET:
            field_dict["solar"] = solar
        if solar_type is not UNSET:
            field_dict["solar_type"] = solar_type
        if grid is not UNSET:
            field_dict["grid"] = grid
        if load_meter is not UNSET:
            field_dict["load_meter"] = load_meter
        if market_type is not UNSET:
            field_dict["market_type"] = market_type
        if wall_connectors is not UNSET:
            field_dict["wall_connectors"] = wall_connectors

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.product_components_wall_connectors_item import (
            ProductComponentsWallConnectorsItem,
        )

        d = dict(src_dict)
        battery = d.pop("battery", UNSET)

        battery_type = d.pop("battery_type", UNSET)

        solar = d.pop("solar", UNSET)

        solar_type = d.pop("solar_type", UNSET)

        grid = d.pop("grid", UNSET)

        load_meter = d.pop("load_meter", UNSET)

        market_type = d.pop("market_type", UNSET)

        _wall_connectors = d.pop("wall_connectors", UNSET)
        wall_connectors: list[ProductComponentsWallConnectorsItem] | Unset = UNSET
        if _wall_connectors is not UNSET:
            wall_connectors = []
            for wall_connectors_item_data in _wall_connectors:
                wall_connectors_item = ProductComponentsWallConnectorsItem.from_dict(
                    wall_connectors_item_data
                )

                wall_connectors.append(wall_connectors_item)

        product_components = cls(
            battery=battery,
            battery_type=battery_type,
            solar=solar,
            solar_type=solar_type,
            grid=grid,
            load_meter=load_meter,
            market_type=market_type,
            wall_connectors=wall_connectors,
        )

        product_components.additional_properties = d
        return product_components

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
