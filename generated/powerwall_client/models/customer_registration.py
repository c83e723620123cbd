from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CustomerRegistration")


@_attrs_define
class CustomerRegistration:
    """Where the registration stands.

    Attributes:
        privacy_notice (bool | None): Whether the privacy notice was accepted; null when not asked.
        limited_warranty (bool | None): Whether the limited warranty was accepted; null when not asked.
        grid_services (bool | None): Whether grid services were accepted; null when not asked.
        marketing (bool | None): Whether the customer accepted marketing; null when not asked.
        registered (bool): Whether the system is registered.
        timed_out_registration (bool): Whether the registration timed out.
        emailed_registration (bool | Unset): Whether the registration was sent by e-mail (the older seed's second
            example).
        skipped_registration (bool | Unset): Whether the registration was skipped (the older seed's second example).
    """

    privacy_notice: bool | None
    limited_warranty: bool | None
    grid_services: bool | None
    marketing: bool | None
    registered: bool
    timed_out_registration: bool
    emailed_registration: bool | Unset = UNSET
    skipped_registration: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        privacy_notice: bool | None
        privacy_notice = self.privacy_notice

        limited_warranty: bool | None
        limited_warranty = self.limited_warranty

        grid_services: bool | None
        grid_services = self.grid_services

        marketing: bool | None
        marketing = self.marketing

        registered = self.registered

        timed_out_registration = self.timed_out_registration

        emailed_registration = self.emailed_registration

        skipped_registration = self.skipped_registration

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "privacy_notice": privacy_notice,
                "limited_warranty": limited_warranty,
                "grid_services": grid_services,
                "marketing": marketing,
                "registered": registered,
                "timed_out_registration": timed_out_registration,
            }
        )
        if emailed_registration is not UNSET:
            field_dict["emailed_registration"] = emailed_registration
        if skipped_registration is not UNSET:
            field_dict["skipped_registration"] = skipped_registration

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

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

        def _parse_grid_services(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        grid_services = _parse_grid_services(d.pop("grid_services"))

        def _parse_marketing(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        marketing = _parse_marketing(d.pop("marketing"))

        registered = d.pop("registered")

        timed_out_registration = d.pop("timed_out_registration")

        emailed_registration = d.pop("emailed_registration", UNSET)

        skipped_registration = d.pop("skipped_registration", UNSET)

        customer_registration = cls(
            privacy_notice=privacy_notice,
            limited_warranty=limited_warranty,
            grid_services=grid_services,
            marketing=marketing,
            registered=registered,
            timed_out_registration=timed_out_registration,
            emailed_registration=emailed_registration,
            skipped_registration=skipped_registration,
        )

        customer_registration.additional_properties = d
        return customer_registration

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
