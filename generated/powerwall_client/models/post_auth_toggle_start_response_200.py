from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PostAuthToggleStartResponse200")


@_attrs_define
class PostAuthToggleStartResponse200:
    """Inferred (no public answer): the window the toggle must happen in.

    Attributes:
        toggle_auth_started (bool | Unset): `true`: the window is open.
        toggle_timeout_seconds (int | Unset): How long the owner has to switch a Powerwall off and on.
    """

    toggle_auth_started: bool | Unset = UNSET
    toggle_timeout_seconds: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        toggle_auth_started = self.toggle_auth_started

        toggle_timeout_seconds = self.toggle_timeout_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if toggle_auth_started is not UNSET:
            field_dict["toggle_auth_started"] = toggle_auth_started
        if toggle_timeout_seconds is not UNSET:
            field_dict["toggle_timeout_seconds"] = toggle_timeout_seconds

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        toggle_auth_started = d.pop("toggle_auth_started", UNSET)

        toggle_timeout_seconds = d.pop("toggle_timeout_seconds", UNSET)

        post_auth_toggle_start_response_200 = cls(
            toggle_auth_started=toggle_auth_started,
            toggle_timeout_seconds=toggle_timeout_seconds,
        )

        post_auth_toggle_start_response_200.additional_properties = d
        return post_auth_toggle_start_response_200

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
