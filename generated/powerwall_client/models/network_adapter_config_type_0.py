from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.network_interface import NetworkInterface
from ..types import UNSET, Unset

T = TypeVar("T", bound="NetworkAdapterConfigType0")


@_attrs_define
class NetworkAdapterConfigType0:
    """The network it joins, as `GET /api/system/networks` lists it; null for adapters without one.

    Attributes:
        network_name (str | Unset): The network's name, e.g. a Wi-Fi SSID.
        interface (NetworkInterface | str | Unset): The kind of interface.
        security_type (str | Unset): Open set: `NONE`, `WEP`, `WPA2_Personal`, …
        dhcp (bool | None | Unset): Whether the address comes from DHCP; null for cellular.
        enabled (bool | Unset): Whether the network is turned on.
    """

    network_name: str | Unset = UNSET
    interface: NetworkInterface | str | Unset = UNSET
    security_type: str | Unset = UNSET
    dhcp: bool | None | Unset = UNSET
    enabled: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        network_name = self.network_name

        interface: str | Unset
        if isinstance(self.interface, Unset):
            interface = UNSET
        elif isinstance(self.interface, NetworkInterface):
            interface = self.interface.value
        else:
            interface = self.interface

        security_type = self.security_type

        dhcp: bool | None | Unset
        if isinstance(self.dhcp, Unset):
            dhcp = UNSET
        else:
            dhcp = self.dhcp

        enabled = self.enabled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if network_name is not UNSET:
            field_dict["network_name"] = network_name
        if interface is not UNSET:
            field_dict["interface"] = interface
        if security_type is not UNSET:
            field_dict["security_type"] = security_type
        if dhcp is not UNSET:
            field_dict["dhcp"] = dhcp
        if enabled is not UNSET:
            field_dict["enabled"] = enabled

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        network_name = d.pop("network_name", UNSET)

        def _parse_interface(data: object) -> NetworkInterface | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                interface_type_0 = NetworkInterface(data)

                return interface_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NetworkInterface | str | Unset, data)

        interface = _parse_interface(d.pop("interface", UNSET))

        security_type = d.pop("security_type", UNSET)

        def _parse_dhcp(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        dhcp = _parse_dhcp(d.pop("dhcp", UNSET))

        enabled = d.pop("enabled", UNSET)

        network_adapter_config_type_0 = cls(
            network_name=network_name,
            interface=interface,
            security_type=security_type,
            dhcp=dhcp,
            enabled=enabled,
        )

        network_adapter_config_type_0.additional_properties = d
        return network_adapter_config_type_0

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
