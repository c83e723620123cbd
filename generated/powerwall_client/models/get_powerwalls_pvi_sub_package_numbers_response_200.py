from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GetPowerwallsPviSubPackageNumbersResponse200")


@_attrs_define
class GetPowerwallsPviSubPackageNumbersResponse200:
    """
    Attributes:
        pvi_sub_package_numbers (list[None | str]): One entry per battery; null where the battery has no solar inverter.
    """

    pvi_sub_package_numbers: list[None | str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pvi_sub_package_numbers = []
        for pvi_sub_package_numbers_item_data in self.pvi_sub_package_numbers:
            pvi_sub_package_numbers_item: None | str
            pvi_sub_package_numbers_item = pvi_sub_package_numbers_item_data
            pvi_sub_package_numbers.append(pvi_sub_package_numbers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pvi_sub_package_numbers": pvi_sub_package_numbers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        pvi_sub_package_numbers = []
        _pvi_sub_package_numbers = d.pop("pvi_sub_package_numbers")
        for pvi_sub_package_numbers_item_data in _pvi_sub_package_numbers:

            def _parse_pvi_sub_package_numbers_item(data: object) -> None | str:
                if data is None:
                    return data
                return cast(None | str, data)

            pvi_sub_package_numbers_item = _parse_pvi_sub_package_numbers_item(
                pvi_sub_package_numbers_item_data
            )

            pvi_sub_package_numbers.append(pvi_sub_package_numbers_item)

        get_powerwalls_pvi_sub_package_numbers_response_200 = cls(
            pvi_sub_package_numbers=pvi_sub_package_numbers,
        )

        get_powerwalls_pvi_sub_package_numbers_response_200.additional_properties = d
        return get_powerwalls_pvi_sub_package_numbers_response_200

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
