from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LoginResponse")


@_attrs_define
class LoginResponse:
    """
    Attributes:
        email (None | str): The user's e-mail; null when the login gave none.
        firstname (str): The user's first name (`Tesla` for the installer).
        lastname (str): The user's last name (`Energy` for the installer).
        roles (list[str]): e.g. `Home_Owner`, `Provider_Engineer`.
        token (str): The session token; the same as the `AuthCookie` cookie.
        provider (str): `Basic`.
        login_time (str | Unset): RFC 3339 with fractional seconds.
    """

    email: None | str
    firstname: str
    lastname: str
    roles: list[str]
    token: str
    provider: str
    login_time: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email: None | str
        email = self.email

        firstname = self.firstname

        lastname = self.lastname

        roles = self.roles

        token = self.token

        provider = self.provider

        login_time = self.login_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email": email,
                "firstname": firstname,
                "lastname": lastname,
                "roles": roles,
                "token": token,
                "provider": provider,
            }
        )
        if login_time is not UNSET:
            field_dict["loginTime"] = login_time

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))

        firstname = d.pop("firstname")

        lastname = d.pop("lastname")

        roles = cast(list[str], d.pop("roles"))

        token = d.pop("token")

        provider = d.pop("provider")

        login_time = d.pop("loginTime", UNSET)

        login_response = cls(
            email=email,
            firstname=firstname,
            lastname=lastname,
            roles=roles,
            token=token,
            provider=provider,
            login_time=login_time,
        )

        login_response.additional_properties = d
        return login_response

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
