from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.set_backup_reserve_response_200_response import (
        SetBackupReserveResponse200Response,
    )


T = TypeVar("T", bound="SetBackupReserveResponse200")


@_attrs_define
class SetBackupReserveResponse200:
    """
    Attributes:
        response (SetBackupReserveResponse200Response | Unset):
    """

    response: SetBackupReserveResponse200Response | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        response: dict[str, Any] | Unset = UNSET
        if not isinstance(self.response, Unset):
            response = self.response.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if response is not UNSET:
            field_dict["response"] = response

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.set_backup_reserve_response_200_response import (
            SetBackupReserveResponse200Response,
        )

        d = dict(src_dict)
        _response = d.pop("response", UNSET)
        response: SetBackupReserveResponse200Response | Unset
        if isinstance(_response, Unset):
            response = UNSET
        else:
            response = SetBackupReserveResponse200Response.from_dict(_response)

        set_backup_reserve_response_200 = cls(
            response=response,
        )

        set_backup_reserve_response_200.additional_properties = d
        return set_backup_reserve_response_200

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
