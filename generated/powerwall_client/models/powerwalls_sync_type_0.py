from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.diagnostic import Diagnostic


T = TypeVar("T", bound="PowerwallsSyncType0")


@_attrs_define
class PowerwallsSyncType0:
    """The synchronizer; null without one.

    Attributes:
        updating (bool | Unset): Whether its firmware is being updated.
        commissioning_diagnostic (Diagnostic | Unset): A diagnostic (self-test) with its checks.
        update_diagnostic (Diagnostic | Unset): A diagnostic (self-test) with its checks.
    """

    updating: bool | Unset = UNSET
    commissioning_diagnostic: Diagnostic | Unset = UNSET
    update_diagnostic: Diagnostic | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        updating = self.updating

        commissioning_diagnostic: dict[str, Any] | Unset = UNSET
        if not isinstance(self.commissioning_diagnostic, Unset):
            commissioning_diagnostic = self.commissioning_diagnostic.to_dict()

        update_diagnostic: dict[str, Any] | Unset = UNSET
        if not isinstance(self.update_diagnostic, Unset):
            update_diagnostic = self.update_diagnostic.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if updating is not UNSET:
            field_dict["updating"] = updating
        if commissioning_diagnostic is not UNSET:
            field_dict["commissioning_diagnostic"] = commissioning_diagnostic
        if update_diagnostic is not UNSET:
            field_dict["update_diagnostic"] = update_diagnostic

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.diagnostic import Diagnostic

        d = dict(src_dict)
        updating = d.pop("updating", UNSET)

        _commissioning_diagnostic = d.pop("commissioning_diagnostic", UNSET)
        commissioning_diagnostic: Diagnostic | Unset
        if isinstance(_commissioning_diagnostic, Unset):
            commissioning_diagnostic = UNSET
        else:
            commissioning_diagnostic = Diagnostic.from_dict(_commissioning_diagnostic)

        _update_diagnostic = d.pop("update_diagnostic", UNSET)
        update_diagnostic: Diagnostic | Unset
        if isinstance(_update_diagnostic, Unset):
            update_diagnostic = UNSET
        else:
            update_diagnostic = Diagnostic.from_dict(_update_diagnostic)

        powerwalls_sync_type_0 = cls(
            updating=updating,
            commissioning_diagnostic=commissioning_diagnostic,
            update_diagnostic=update_diagnostic,
        )

        powerwalls_sync_type_0.additional_properties = d
        return powerwalls_sync_type_0

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
