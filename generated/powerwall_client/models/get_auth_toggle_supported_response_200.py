from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GetAuthToggleSupportedResponse200")


@_attrs_define
class GetAuthToggleSupportedResponse200:
    """Whether this gateway offers the physical-toggle proof for installer logins.

    Attributes:
        toggle_auth_supported (bool): `true`: an installer login needs the toggle (toggle/start, switch, toggle/login).
    """

    toggle_auth_supported: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        toggle_auth_supported = self.toggle_auth_supported

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "toggle_auth_supported": toggle_auth_supported,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        toggle_auth_supported = d.pop("toggle_auth_supported")

        get_auth_toggle_supported_response_200 = cls(
            toggle_auth_supported=toggle_auth_supported,
        )

        get_auth_toggle_supported_response_200.additional_properties = d
        return get_auth_toggle_supported_response_200

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
