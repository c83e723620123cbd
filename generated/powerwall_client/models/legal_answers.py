from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LegalAnswers")


@_attrs_define
class LegalAnswers:
    """The legal notices' answers, as `POST /api/customer/registration/legal` takes and returns them (the seed names the
    fields; their values are not shown).

        Attributes:
            marketing (bool | None | Unset): Whether the customer accepts marketing (inferred boolean).
            privacy_notice (bool | None | Unset): Whether the privacy notice is accepted (inferred boolean).
            limited_warranty (bool | None | Unset): Whether the limited warranty is accepted (inferred boolean).
            grid_services (bool | None | Unset): Whether grid services are accepted (inferred boolean).
    """

    marketing: bool | None | Unset = UNSET
    privacy_notice: bool | None | Unset = UNSET
    limited_warranty: bool | None | Unset = UNSET
    grid_services: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        marketing: bool | None | Unset
        if isinstance(self.marketing, Unset):
            marketing = UNSET
        else:
            marketing = self.marketing

        privacy_notice: bool | None | Unset
        if isinstance(self.privacy_notice, Unset):
            privacy_notice = UNSET
        else:
            privacy_notice = self.privacy_notice

        limited_warranty: bool | None | Unset
        if isinstance(self.limited_warranty, Unset):
            limited_warranty = UNSET
        else:
            limited_warranty = self.limited_warranty

        grid_services: bool | None | Unset
        if isinstance(self.grid_services, Unset):
            grid_services = UNSET
        else:
            grid_services = self.grid_services

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if marketing is not UNSET:
            field_dict["marketing"] = marketing
        if privacy_notice is not UNSET:
            field_dict["privacy_notice"] = privacy_notice
        if limited_warranty is not UNSET:
            field_dict["limited_warranty"] = limited_warranty
        if grid_services is not UNSET:
            field_dict["grid_services"] = grid_services

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_marketing(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        marketing = _parse_marketing(d.pop("marketing", UNSET))

        def _parse_privacy_notice(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        privacy_notice = _parse_privacy_notice(d.pop("privacy_notice", UNSET))

        def _parse_limited_warranty(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        limited_warranty = _parse_limited_warranty(d.pop("limited_warranty", UNSET))

        def _parse_grid_services(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        grid_services = _parse_grid_services(d.pop("grid_services", UNSET))

        legal_answers = cls(
            marketing=marketing,
            privacy_notice=privacy_notice,
            limited_warranty=limited_warranty,
            grid_services=grid_services,
        )

        legal_answers.additional_properties = d
        return legal_answers

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
