from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.meter_detail_connection_https_conf import (
        MeterDetailConnectionHttpsConf,
    )


T = TypeVar("T", bound="MeterDetailConnection")


@_attrs_define
class MeterDetailConnection:
    """How the gateway reaches the meter.

    Attributes:
        ip_address (str | Unset): The meter's address or host name, e.g. `PWRview-12345`.
        port (int | Unset): The TCP port.
        short_id (str | Unset): The short id printed on the meter.
        device_serial (str | Unset): The meter's serial.
        neurio_connected (bool | Unset): Whether the gateway reaches the Neurio meter.
        https_conf (MeterDetailConnectionHttpsConf | Unset): TLS settings of the link; `{}` in every recording.
    """

    ip_address: str | Unset = UNSET
    port: int | Unset = UNSET
    short_id: str | Unset = UNSET
    device_serial: str | Unset = UNSET
    neurio_connected: bool | Unset = UNSET
    https_conf: MeterDetailConnectionHttpsConf | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ip_address = self.ip_address

        port = self.port

        short_id = self.short_id

        device_serial = self.device_serial

        neurio_connected = self.neurio_connected

        https_conf: dict[str, Any] | Unset = UNSET
        if not isinstance(self.https_conf, Unset):
            https_conf = self.https_conf.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if ip_address is not UNSET:
            field_dict["ip_address"] = ip_address
        if port is not UNSET:
            field_dict["port"] = port
        if short_id is not UNSET:
            field_dict["short_id"] = short_id
        if device_serial is not UNSET:
            field_dict["device_serial"] = device_serial
        if neurio_connected is not UNSET:
            field_dict["neurio_connected"] = neurio_connected
        if https_conf is not UNSET:
            field_dict["https_conf"] = https_conf

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.meter_detail_connection_https_conf import (
            MeterDetailConnectionHttpsConf,
        )

        d = dict(src_dict)
        ip_address = d.pop("ip_address", UNSET)

        port = d.pop("port", UNSET)

        short_id = d.pop("short_id", UNSET)

        device_serial = d.pop("device_serial", UNSET)

        neurio_connected = d.pop("neurio_connected", UNSET)

        _https_conf = d.pop("https_conf", UNSET)
        https_conf: MeterDetailConnectionHttpsConf | Unset
        if isinstance(_https_conf, Unset):
            https_conf = UNSET
        else:
            https_conf = MeterDetailConnectionHttpsConf.from_dict(_https_conf)

        meter_detail_connection = cls(
            ip_address=ip_address,
            port=port,
            short_id=short_id,
            device_serial=device_serial,
            neurio_connected=neurio_connected,
            https_conf=https_conf,
        )

        meter_detail_connection.additional_properties = d
        return meter_detail_connection

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
