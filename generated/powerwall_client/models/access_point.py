from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AccessPoint")


@_attrs_define
class AccessPoint:
    """A Wi-Fi network in reach.

    Attributes:
        ssid (str): The network's name.
        bssid (str | Unset): The access point's MAC address.
        channel (int | Unset): The Wi-Fi channel.
        signal_strength (float | Unset): Signal strength, percent (inferred: 35–75 in the sample).
        security_type (str | Unset): Open set: `NONE`, `WPA2_Personal`, …
    """

    ssid: str
    bssid: str | Unset = UNSET
    channel: int | Unset = UNSET
    signal_strength: float | Unset = UNSET
    security_type: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ssid = self.ssid

        bssid = self.bssid

        channel = self.channel

        signal_strength = self.signal_strength

        security_type = self.security_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ssid": ssid,
            }
        )
        if bssid is not UNSET:
            field_dict["bssid"] = bssid
        if channel is not UNSET:
            field_dict["channel"] = channel
        if signal_strength is not UNSET:
            field_dict["signal_strength"] = signal_strength
        if security_type is not UNSET:
            field_dict["security_type"] = security_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ssid = d.pop("ssid")

        bssid = d.pop("bssid", UNSET)

        channel = d.pop("channel", UNSET)

        signal_strength = d.pop("signal_strength", UNSET)

        security_type = d.pop("security_type", UNSET)

        access_point = cls(
            ssid=ssid,
            bssid=bssid,
            channel=channel,
            signal_strength=signal_strength,
            security_type=security_type,
        )

        access_point.additional_properties = d
        return access_point

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
