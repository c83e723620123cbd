from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.get_generators_response_200_generators_item import (
        GetGeneratorsResponse200GeneratorsItem,
    )


T = TypeVar("T", bound="GetGeneratorsResponse200")


@_attrs_define
class GetGeneratorsResponse200:
    """
    Attributes:
        disconnect_type (str): `None` without a generator.
        generators (list[GetGeneratorsResponse200GeneratorsItem]): The configured generators; `[]` without one (no
            recording shows one).
    """

    disconnect_type: str
    generators: list[GetGeneratorsResponse200GeneratorsItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        disconnect_type = self.disconnect_type

        generators = []
        for generators_item_data in self.generators:
            generators_item = generators_item_data.to_dict()
            generators.append(generators_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "disconnect_type": disconnect_type,
                "generators": generators,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.get_generators_response_200_generators_item import (
            GetGeneratorsResponse200GeneratorsItem,
        )

        d = dict(src_dict)
        disconnect_type = d.pop("disconnect_type")

        generators = []
        _generators = d.pop("generators")
        for generators_item_data in _generators:
            generators_item = GetGeneratorsResponse200GeneratorsItem.from_dict(
                generators_item_data
            )

            generators.append(generators_item)

        get_generators_response_200 = cls(
            disconnect_type=disconnect_type,
            generators=generators,
        )

        get_generators_response_200.additional_properties = d
        return get_generators_response_200

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
