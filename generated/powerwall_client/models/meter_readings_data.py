from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.meter_readings_data_cts_item import MeterReadingsDataCtsItem


T = TypeVar("T", bound="MeterReadingsData")


@_attrs_define
class MeterReadingsData:
    """What the meter reported.

    Attributes:
        firmware_version (str): The meter's firmware, e.g. `Tesla-0.0.7`.
        cts (list[MeterReadingsDataCtsItem]): One entry per CT input.
        ip (str | Unset): The meter's host name, e.g. `Neurio-12345`.
        sensor_id (str | Unset): The meter's sensor id (hex).
        f_hz (float | Unset): Grid frequency, Hz.
    """

    firmware_version: str
    cts: list[MeterReadingsDataCtsItem]
    ip: str | Unset = UNSET
    sensor_id: str | Unset = UNSET
    f_hz: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        firmware_version = self.firmware_version

        cts = []
        for cts_item_data in self.cts:
            cts_item = cts_item_data.to_dict()
            cts.append(cts_item)

        ip = self.ip

        sensor_id = self.sensor_id

        f_hz = self.f_hz

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "firmwareVersion": firmware_version,
                "cts": cts,
            }
        )
        if ip is not UNSET:
            field_dict["IP"] = ip
        if sensor_id is not UNSET:
            field_dict["sensorId"] = sensor_id
        if f_hz is not UNSET:
            field_dict["f_Hz"] = f_hz

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.meter_readings_data_cts_item import MeterReadingsDataCtsItem

        d = dict(src_dict)
        firmware_version = d.pop("firmwareVersion")

        cts = []
        _cts = d.pop("cts")
        for cts_item_data in _cts:
            cts_item = MeterReadingsDataCtsItem.from_dict(cts_item_data)

            cts.append(cts_item)

        ip = d.pop("IP", UNSET)

        sensor_id = d.pop("sensorId", UNSET)

        f_hz = d.pop("f_Hz", UNSET)

        meter_readings_data = cls(
            firmware_version=firmware_version,
            cts=cts,
            ip=ip,
            sensor_id=sensor_id,
            f_hz=f_hz,
        )

        meter_readings_data.additional_properties = d
        return meter_readings_data

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
