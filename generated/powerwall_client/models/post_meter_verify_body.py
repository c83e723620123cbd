from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PostMeterVerifyBody")


@_attrs_define
class PostMeterVerifyBody:
    """
    Attributes:
        short_id (str): The short id printed on the meter.
        serial (str): The meter's serial (the seeds' example pads it with spaces).
    """

    short_id: str
    serial: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        short_id = self.short_id

        serial = self.serial

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "short_id": short_id,
                "serial": serial,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        short_id = d.pop("short_id")

        serial = d.pop("serial")

        post_meter_verify_body = cls(
            short_id=short_id,
            serial=serial,
        )

        post_meter_verify_body.additional_properties = d
        return post_meter_verify_body

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
