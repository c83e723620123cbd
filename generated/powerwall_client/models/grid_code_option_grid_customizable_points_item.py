from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GridCodeOptionGridCustomizablePointsItem")


@_attrs_define
class GridCodeOptionGridCustomizablePointsItem:
    """
    Attributes:
        name (str): The setting's name.
        units (str | Unset): The setting's unit, as the gateway writes it (`s`, `Hz`, `V_pu` per-unit voltage, …).
        min_ (float | Unset): The lowest allowed value, in `units`.
        max_ (float | Unset): The highest allowed value, in `units`.
        file_value (float | Unset): The grid code's own value, in `units`.
        override (float | None | Unset): The installer's value, in `units`; null without one.
        value (float | Unset): The value in effect, in `units`.
    """

    name: str
    units: str | Unset = UNSET
    min_: float | Unset = UNSET
    max_: float | Unset = UNSET
    file_value: float | Unset = UNSET
    override: float | None | Unset = UNSET
    value: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        units = self.units

        min_ = self.min_

        max_ = self.max_

        file_value = self.file_value

        override: float | None | Unset
        if isinstance(self.override, Unset):
            override = UNSET
        else:
            override = self.override

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if units is not UNSET:
            field_dict["units"] = units
        if min_ is not UNSET:
            field_dict["min"] = min_
        if max_ is not UNSET:
            field_dict["max"] = max_
        if file_value is not UNSET:
            field_dict["file_value"] = file_value
        if override is not UNSET:
            field_dict["override"] = override
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        units = d.pop("units", UNSET)

        min_ = d.pop("min", UNSET)

        max_ = d.pop("max", UNSET)

        file_value = d.pop("file_value", UNSET)

        def _parse_override(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        override = _parse_override(d.pop("override", UNSET))

        value = d.pop("value", UNSET)

        grid_code_option_grid_customizable_points_item = cls(
            name=name,
            units=units,
            min_=min_,
            max_=max_,
            file_value=file_value,
            override=override,
            value=value,
        )

        grid_code_option_grid_customizable_points_item.additional_properties = d
        return grid_code_option_grid_customizable_points_item

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
