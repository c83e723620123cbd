from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.update_info_status import UpdateInfoStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateStatusInfo")


@_attrs_define
class UpdateStatusInfo:
    """Details of the state.

    Attributes:
        status (list[str | UpdateInfoStatus] | Unset): e.g. `["nonactionable"]`: nothing to do.
    """

    status: list[str | UpdateInfoStatus] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: list[str] | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = []
            for status_item_data in self.status:
                status_item: str
                if isinstance(status_item_data, UpdateInfoStatus):
                    status_item = status_item_data.value
                else:
                    status_item = status_item_data
                status.append(status_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _status = d.pop("status", UNSET)
        status: list[str | UpdateInfoStatus] | Unset = UNSET
        if _status is not UNSET:
            status = []
            for status_item_data in _status:

                def _parse_status_item(data: object) -> str | UpdateInfoStatus:
                    try:
                        if not isinstance(data, str):
                            raise TypeError()
                        status_item_type_0 = UpdateInfoStatus(data)

                        return status_item_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    return cast(str | UpdateInfoStatus, data)

                status_item = _parse_status_item(status_item_data)

                status.append(status_item)

        update_status_info = cls(
            status=status,
        )

        update_status_info.additional_properties = d
        return update_status_info

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
