from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GetInstallerCompaniesResponse200Item")


@_attrs_define
class GetInstallerCompaniesResponse200Item:
    """
    Attributes:
        company (str): The installer company.
        customer_id (str): The company's id at Tesla, e.g. `AN-0000059`.
        country (str | Unset): ISO 3166 alpha-2.
    """

    company: str
    customer_id: str
    country: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        company = self.company

        customer_id = self.customer_id

        country = self.country

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "company": company,
                "customer_id": customer_id,
            }
        )
        if country is not UNSET:
            field_dict["country"] = country

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        company = d.pop("company")

        customer_id = d.pop("customer_id")

        country = d.pop("country", UNSET)

        get_installer_companies_response_200_item = cls(
            company=company,
            customer_id=customer_id,
            country=country,
        )

        get_installer_companies_response_200_item.additional_properties = d
        return get_installer_companies_response_200_item

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
