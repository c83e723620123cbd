from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.island_mode import IslandMode

T = TypeVar("T", bound="IslandingMode")


@_attrs_define
class IslandingMode:
    """
    Attributes:
        island_mode (IslandMode): Open set. `intentional_reconnect_failsafe`: go off grid. `backup`: go
            back on grid.
    """

    island_mode: IslandMode
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        island_mode = self.island_mode.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "island_mode": island_mode,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        island_mode = IslandMode(d.pop("island_mode"))

        islanding_mode = cls(
            island_mode=island_mode,
        )

        islanding_mode.additional_properties = d
        return islanding_mode

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
