from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LoginRequest")


@_attrs_define
class LoginRequest:
    """
    Attributes:
        username (str): `customer` (the home owner) or `installer` (needs the physical toggle since 1.50.1). Example:
            customer.
        password (str): Default for customers was the last 5 characters of the gateway serial; newer firmware forces a
            change.
        email (str | Unset): The Tesla account e-mail.
        force_sm_off (bool | Unset):  Default: False.
    """

    username: str
    password: str
    email: str | Unset = UNSET
    force_sm_off: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        username = self.username

        password = self.password

        email = self.email

        force_sm_off = self.force_sm_off

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "username": username,
                "password": password,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if force_sm_off is not UNSET:
            field_dict["force_sm_off"] = force_sm_off

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        username = d.pop("username")

        password = d.pop("password")

        email = d.pop("email", UNSET)

        force_sm_off = d.pop("force_sm_off", UNSET)

        login_request = cls(
            username=username,
            password=password,
            email=email,
            force_sm_off=force_sm_off,
        )

        login_request.additional_properties = d
        return login_request

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
