from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SolarModel")


@_attrs_define
class SolarModel:
    """An inverter model of one brand.

    Attributes:
        brand (str): The brand.
        model (str): The model.
        power_rating_watts (float): Its rated power, W.
        description (str | Unset): The model, for people.
    """

    brand: str
    model: str
    power_rating_watts: float
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        brand = self.brand

        model = self.model

        power_rating_watts = self.power_rating_watts

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "brand": brand,
                "model": model,
                "power_rating_watts": power_rating_watts,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        brand = d.pop("brand")

        model = d.pop("model")

        power_rating_watts = d.pop("power_rating_watts")

        description = d.pop("description", UNSET)

        solar_model = cls(
            brand=brand,
            model=model,
            power_rating_watts=power_rating_watts,
            description=description,
        )

        solar_model.additional_properties = d
        return solar_model

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
