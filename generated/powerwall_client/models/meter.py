from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.meter_ct import MeterCt


T = TypeVar("T", bound="Meter")


@_attrs_define
class Meter:
    """One configured meter (a Neurio or a synchrometer).

    Attributes:
        serial (str): The meter's serial (the topic key of its readings).
        short_id (str): The short id printed on the meter (Neurio).
        cts (list[MeterCt]): The meter's measuring roles.
        type_ (str | Unset): Open set: `synchrometerX`, `synchrometerY`, `neurio_tcp`, …
        connected (bool | Unset): Whether the gateway reaches the meter.
        ip_address (str | Unset): The meter's address or host name (Neurio).
        mac (str | Unset): The meter's MAC address (Neurio).
    """

    serial: str
    short_id: str
    cts: list[MeterCt]
    type_: str | Unset = UNSET
    connected: bool | Unset = UNSET
    ip_address: str | Unset = UNSET
    mac: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        serial = self.serial

        short_id = self.short_id

        cts = []
        for cts_item_data in self.cts:
            cts_item = cts_item_data.to_dict()
            cts.append(cts_item)

        type_ = self.type_

        connected = self.connected

        ip_address = self.ip_address

        mac = self.mac

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "serial": serial,
                "short_id": short_id,
                "cts": cts,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if connected is not UNSET:
            field_dict["connected"] = connected
        if ip_address is not UNSET:
            field_dict["ip_address"] = ip_address
        if mac is not UNSET:
            field_dict["mac"] = mac

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.meter_ct import MeterCt

        d = dict(src_dict)
        serial = d.pop("serial")

        short_id = d.pop("short_id")

        cts = []
        _cts = d.pop("cts")
        for cts_item_data in _cts:
            cts_item = MeterCt.from_dict(cts_item_data)

            cts.append(cts_item)

        type_ = d.pop("type", UNSET)

        connected = d.pop("connected", UNSET)

        ip_address = d.pop("ip_address", UNSET)

        mac = d.pop("mac", UNSET)

        meter = cls(
            serial=serial,
            short_id=short_id,
            cts=cts,
            type_=type_,
            connected=connected,
            ip_address=ip_address,
            mac=mac,
        )

        meter.additional_properties = d
        return meter

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
