from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PasswordChange")


@_attrs_define
class PasswordChange:
    """The request of `POST /api/password/change` (the samples).

    Attributes:
        old_password (str): The current password.
        new_password (str): The new password.
        toggled_pw (bool | Unset): Whether the change follows the physical toggle (inferred from the name; false in the
            sample).
    """

    old_password: str
    new_password: str
    toggled_pw: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        old_password = self.old_password

        new_password = self.new_password

        toggled_pw = self.toggled_pw

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "old_password": old_password,
                "new_password": new_password,
            }
        )
        if toggled_pw is not UNSET:
            field_dict["toggled_pw"] = toggled_pw

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        old_password = d.pop("old_password")

        new_password = d.pop("new_password")

        toggled_pw = d.pop("toggled_pw", UNSET)

        password_change = cls(
            old_password=old_password,
            new_password=new_password,
            toggled_pw=toggled_pw,
        )

        password_change.additional_properties = d
        return password_change

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
