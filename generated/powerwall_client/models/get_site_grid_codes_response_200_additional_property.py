from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.get_site_grid_codes_response_200_additional_property_additional_property import (
        GetSiteGridCodesResponse200AdditionalPropertyAdditionalProperty,
    )


T = TypeVar("T", bound="GetSiteGridCodesResponse200AdditionalProperty")


@_attrs_define
class GetSiteGridCodesResponse200AdditionalProperty:
    additional_properties: dict[
        str, GetSiteGridCodesResponse200AdditionalPropertyAdditionalProperty
    ] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.get_site_grid_codes_response_200_additional_property_additional_property import (
            GetSiteGridCodesResponse200AdditionalPropertyAdditionalProperty,
        )

        d = dict(src_dict)
        get_site_grid_codes_response_200_additional_property = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = GetSiteGridCodesResponse200AdditionalPropertyAdditionalProperty.from_dict(
                prop_dict
            )

            additional_properties[prop_name] = additional_property

        get_site_grid_codes_response_200_additional_property.additional_properties = (
            additional_properties
        )
        return get_site_grid_codes_response_200_additional_property

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(
        self, key: str
    ) -> GetSiteGridCodesResponse200AdditionalPropertyAdditionalProperty:
        return self.additional_properties[key]

    def __setitem__(
        self,
        key: str,
        value: GetSiteGridCodesResponse200AdditionalPropertyAdditionalProperty,
    ) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
