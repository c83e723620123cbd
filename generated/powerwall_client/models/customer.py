from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Customer")


@_attrs_define
class Customer:
    """The customer's registration answers.

    Attributes:
        registered (bool): Whether the system is registered.
        privacy_notice (bool | None): Whether the privacy notice was accepted; null when not asked.
        limited_warranty (bool | None): Whether the limited warranty was accepted; null when not asked.
        marketing (bool | None | Unset): Whether the customer accepted marketing; null when not asked.
        grid_services (bool | None | Unset): Whether grid services were accepted; null when not asked.
        emailed_registration (bool | Unset): Whether the registration was sent by e-mail.
        city (str | Unset): The site's city.
        state (str | Unset): The site's state or province.
        zip_ (str | Unset): The site's postcode.
        country (str | Unset): The site's country code, e.g. `US`.
    """

    registered: bool
    privacy_notice: bool | None
    limited_warranty: bool | None
    marketing: bool | None | Unset = UNSET
    grid_services: bool | None | Unset = UNSET
    emailed_registration: bool | Unset = UNSET
    city: str | Unset = UNSET
    state: str | Unset = UNSET
    zip_: str | Unset = UNSET
    country: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        registered = self.registered

        privacy_notice: bool | None
        privacy_notice = self.privacy_notice

        limited_warranty: bool | None
        limited_warranty = self.limited_warranty

        marketing: bool | None | Unset
        if isinstance(self.marketing, Unset):
            marketing = UNSET
        else:
            marketing = self.marketing

        grid_services: bool | None | Unset
        if isinstance(self.grid_services, Unset):
            grid_services = UNSET
        else:
            grid_services = self.grid_services

        emailed_registration = self.emailed_registration

        city = self.city

        state = self.state

        zip_ = self.zip_

        country = self.country

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "registered": registered,
                "privacy_notice": privacy_notice,
                "limited_warranty": limited_warranty,
            }
        )
        if marketing is not UNSET:
            field_dict["marketing"] = marketing
        if grid_services is not UNSET:
            field_dict["grid_services"] = grid_services
        if emailed_registration is not UNSET:
            field_dict["emailed_registration"] = emailed_registration
        if city is not UNSET:
            field_dict["city"] = city
        if state is not UNSET:
            field_dict["state"] = state
        if zip_ is not UNSET:
            field_dict["zip"] = zip_
        if country is not UNSET:
            field_dict["country"] = country

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        registered = d.pop("registered")

        def _parse_privacy_notice(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        privacy_notice = _parse_privacy_notice(d.pop("privacy_notice"))

        def _parse_limited_warranty(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        limited_warranty = _parse_limited_warranty(d.pop("limited_warranty"))

        def _parse_marketing(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        marketing = _parse_marketing(d.pop("marketing", UNSET))

        def _parse_grid_services(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        grid_services = _parse_grid_services(d.pop("grid_services", UNSET))

        emailed_registration = d.pop("emailed_registration", UNSET)

        city = d.pop("city", UNSET)

        state = d.pop("state", UNSET)

        zip_ = d.pop("zip", UNSET)

        country = d.pop("country", UNSET)

        customer = cls(
            registered=registered,
            privacy_notice=privacy_notice,
            limited_warranty=limited_warranty,
            marketing=marketing,
            grid_services=grid_services,
            emailed_registration=emailed_registration,
            city=city,
            state=state,
            zip_=zip_,
            country=country,
        )

        customer.additional_properties = d
        return customer

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
