from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.meter_readings_data import MeterReadingsData


T = TypeVar("T", bound="MeterReadings")


@_attrs_define
class MeterReadings:
    """The raw readings of one meter (a Neurio), as the meter reports them.

    Attributes:
        error (str): Why the meter could not be read; `""` when it answered.
        data (MeterReadingsData): What the meter reported.
    """

    error: str
    data: MeterReadingsData
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.meter_readings_data import MeterReadingsData

        d = dict(src_dict)
        error = d.pop("error")

        data = MeterReadingsData.from_dict(d.pop("data"))

        meter_readings = cls(
            error=error,
            data=data,
        )

        meter_readings.additional_properties = d
        return meter_readings

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
