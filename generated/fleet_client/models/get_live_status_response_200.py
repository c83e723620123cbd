from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.live_status import LiveStatus


T = TypeVar("T", bound="GetLiveStatusResponse200")


@_attrs_define
class GetLiveStatusResponse200:
    """
    Attributes:
        response (LiveStatus | Unset):
    """

    response: LiveStatus | Unset = UNSET
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
        from ..models.live_status import LiveStatus

        d = dict(src_dict)
        _response = d.pop("response", UNSET)
        response: LiveStatus | Unset
        if isinstance(_response, Unset):
            response = UNSET
        else:
            response = LiveStatus.from_dict(_response)

        get_live_status_response_200 = cls(
            response=response,
        )

        get_live_status_response_200.additional_properties = d
        return get_live_status_response_200

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
