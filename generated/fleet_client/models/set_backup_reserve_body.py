from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SetBackupReserveBody")


@_attrs_define
class SetBackupReserveBody:
    """
    Attributes:
        backup_reserve_percent (int): The reserve as the Tesla app shows it (pypowerwall sends an int). Since firmware
            25.18.4 the cloud refuses 81–99 in some modes: only at most 80, or 100 (evcc #22743, pypowerwall #200).
    """

    backup_reserve_percent: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        backup_reserve_percent = self.backup_reserve_percent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "backup_reserve_percent": backup_reserve_percent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        backup_reserve_percent = d.pop("backup_reserve_percent")

        set_backup_reserve_body = cls(
            backup_reserve_percent=backup_reserve_percent,
        )

        set_backup_reserve_body.additional_properties = d
        return set_backup_reserve_body

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
