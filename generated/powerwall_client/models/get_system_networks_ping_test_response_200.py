from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.get_system_networks_ping_test_response_200_error import (
        GetSystemNetworksPingTestResponse200Error,
    )


T = TypeVar("T", bound="GetSystemNetworksPingTestResponse200")


@_attrs_define
class GetSystemNetworksPingTestResponse200:
    """
    Attributes:
        error (GetSystemNetworksPingTestResponse200Error | Unset): The last ping test's error; `{}` without one
            (21.39.1).
    """

    error: GetSystemNetworksPingTestResponse200Error | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if error is not UNSET:
            field_dict["Error"] = error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.get_system_networks_ping_test_response_200_error import (
            GetSystemNetworksPingTestResponse200Error,
        )

        d = dict(src_dict)
        _error = d.pop("Error", UNSET)
        error: GetSystemNetworksPingTestResponse200Error | Unset
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = GetSystemNetworksPingTestResponse200Error.from_dict(_error)

        get_system_networks_ping_test_response_200 = cls(
            error=error,
        )

        get_system_networks_ping_test_response_200.additional_properties = d
        return get_system_networks_ping_test_response_200

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
