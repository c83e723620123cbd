from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Solar")


@_attrs_define
class Solar:
    """A solar inverter as configured on the gateway.

    Attributes:
        brand (str): e.g. `SolarEdge Technologies`.
        model (str): e.g. `SE5000 (240V) w/ -ER-US or A-US`.
        power_rating_watts (float): Its rated power, W.
    """

    brand: str
    model: str
    power_rating_watts: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        brand = self.brand

        model = self.model

        power_rating_watts = self.power_rating_watts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "brand": brand,
                "model": model,
                "power_rating_watts": power_rating_watts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        brand = d.pop("brand")

        model = d.pop("model")

        power_rating_watts = d.pop("power_rating_watts")

        solar = cls(
            brand=brand,
            model=model,
            power_rating_watts=power_rating_watts,
        )

        solar.additional_properties = d
        return solar

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
