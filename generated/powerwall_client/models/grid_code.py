from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.grid_code_option_grid_customizable_points_item import (
        GridCodeOptionGridCustomizablePointsItem,
    )


T = TypeVar("T", bound="GridCode")


@_attrs_define
class GridCode:
    """
    Attributes:
        grid_code (str): The grid code's name, e.g. `60Hz_240V_s_UL1741SA:2016_California`.
        grid_voltage_setting (float): Nominal grid voltage, V.
        grid_freq_setting (float): Nominal grid frequency, Hz.
        grid_phase_setting (str): Open set: `Single`, `Split`, `Three`.
        country (str): e.g. `United States`.
        state (str): State or province, e.g. `California`.
        region (str | Unset): The region of the grid code, e.g. `UL1741SA` (a grid standard).
        grid_customizable_points (list[GridCodeOptionGridCustomizablePointsItem] | Unset): The settings an installer may
            change.
        distributor (str | Unset): The distribution network operator; `*` for any.
        utility (str | Unset): The utility, e.g. `Pacific Gas and Electric Company`.
        retailer (str | Unset): The energy retailer; `*` for any.
    """

    grid_code: str
    grid_voltage_setting: float
    grid_freq_setting: float
    grid_phase_setting: str
    country: str
    state: str
    region: str | Unset = UNSET
    grid_customizable_points: list[GridCodeOptionGridCustomizablePointsItem] | Unset = (
        UNSET
    )
    distributor: str | Unset = UNSET
    utility: str | Unset = UNSET
    retailer: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        grid_code = self.grid_code

        grid_voltage_setting = self.grid_voltage_setting

        grid_freq_setting = self.grid_freq_setting

        grid_phase_setting = self.grid_phase_setting

        country = self.country

        state = self.state

        region = self.region

        grid_customizable_points: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.grid_customizable_points, Unset):
            grid_customizable_points = []
            for grid_customizable_points_item_data in self.grid_customizable_points:
                grid_customizable_points_item = (
                    grid_customizable_points_item_data.to_dict()
                )
                grid_customizable_points.append(grid_customizable_points_item)

        distributor = self.distributor

        utility = self.utility

        retailer = self.retailer

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "grid_code": grid_code,
                "grid_voltage_setting": grid_voltage_setting,
                "grid_freq_setting": grid_freq_setting,
                "grid_phase_setting": grid_phase_setting,
                "country": country,
                "state": state,
            }
        )
        if region is not UNSET:
            field_dict["region"] = region
        if grid_customizable_points is not UNSET:
            field_dict["grid_customizable_points"] = grid_customizable_points
        if distributor is not UNSET:
            field_dict["distributor"] = distributor
        if utility is not UNSET:
            field_dict["utility"] = utility
        if retailer is not UNSET:
            field_dict["retailer"] = retailer

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.grid_code_option_grid_customizable_points_item import (
            GridCodeOptionGridCustomizablePointsItem,
        )

        d = dict(src_dict)
        grid_code = d.pop("grid_code")

        grid_voltage_setting = d.pop("grid_voltage_setting")

        grid_freq_setting = d.pop("grid_freq_setting")

        grid_phase_setting = d.pop("grid_phase_setting")

        country = d.pop("country")

        state = d.pop("state")

        region = d.pop("region", UNSET)

        _grid_customizable_points = d.pop("grid_customizable_points", UNSET)
        grid_customizable_points: (
            list[GridCodeOptionGridCustomizablePointsItem] | Unset
        ) = UNSET
        if _grid_customizable_points is not UNSET:
            grid_customizable_points = []
            for grid_customizable_points_item_data in _grid_customizable_points:
                grid_customizable_points_item = (
                    GridCodeOptionGridCustomizablePointsItem.from_dict(
                        grid_customizable_points_item_data
                    )
                )

                grid_customizable_points.append(grid_customizable_points_item)

        distributor = d.pop("distributor", UNSET)

        utility = d.pop("utility", UNSET)

        retailer = d.pop("retailer", UNSET)

        grid_code = cls(
            grid_code=grid_code,
            grid_voltage_setting=grid_voltage_setting,
            grid_freq_setting=grid_freq_setting,
            grid_phase_setting=grid_phase_setting,
            country=country,
            state=state,
            region=region,
            grid_customizable_points=grid_customizable_points,
            distributor=distributor,
            utility=utility,
            retailer=retailer,
        )

        grid_code.additional_properties = d
        return grid_code

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
