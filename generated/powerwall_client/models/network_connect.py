from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.network_interface import NetworkInterface
from ..types import UNSET, Unset

T = TypeVar("T", bound="NetworkConnect")


@_attrs_define
class NetworkConnect:
    """What the web app posts to join a network (the samples: both spellings of name and security type).

    Attributes:
        networkName (str | Unset): The network's name (SSID).
        network_name (str | Unset): The network's name (SSID) again.
        interface (NetworkInterface | str | Unset): The kind of interface.
        username (str | Unset): The login of an enterprise Wi-Fi; `""` without one.
        password (str | Unset): The Wi-Fi password (a secret).
        securityType (str | Unset): Open set: `NONE`, `WEP`, `WPA2_Personal`, …
        security_type (str | Unset): The security type again.
        dns_servers (list[str] | Unset): DNS servers to use; `[]` for the ones DHCP gives.
    """

    networkName: str | Unset = UNSET
    network_name: str | Unset = UNSET
    interface: NetworkInterface | str | Unset = UNSET
    username: str | Unset = UNSET
    password: str | Unset = UNSET
    securityType: str | Unset = UNSET
    security_type: str | Unset = UNSET
    dns_servers: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        networkName = self.networkName

        network_name = self.network_name

        interface: str | Unset
        if isinstance(self.interface, Unset):
            interface = UNSET
        elif isinstance(self.interface, NetworkInterface):
            interface = self.interface.value
        else:
            interface = self.interface

        username = self.username

        password = self.password

        securityType = self.securityType

        security_type = self.security_type

        dns_servers: list[str] | Unset = UNSET
        if not isinstance(self.dns_servers, Unset):
            dns_servers = self.dns_servers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if networkName is not UNSET:
            field_dict["networkName"] = networkName
        if network_name is not UNSET:
            field_dict["network_name"] = network_name
        if interface is not UNSET:
            field_dict["interface"] = interface
        if username is not UNSET:
            field_dict["username"] = username
        if password is not UNSET:
            field_dict["password"] = password
        if securityType is not UNSET:
            field_dict["securityType"] = securityType
        if security_type is not UNSET:
            field_dict["security_type"] = security_type
        if dns_servers is not UNSET:
            field_dict["dns_servers"] = dns_servers

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        networkName = d.pop("networkName", UNSET)

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

        username = d.pop("username", UNSET)

        password = d.pop("password", UNSET)

        securityType = d.pop("securityType", UNSET)

        security_type = d.pop("security_type", UNSET)

        dns_servers = cast(list[str], d.pop("dns_servers", UNSET))

        network_connect = cls(
            networkName=networkName,
            network_name=network_name,
            interface=interface,
            username=username,
            password=password,
            securityType=securityType,
            security_type=security_type,
            dns_servers=dns_servers,
        )

        network_connect.additional_properties = d
        return network_connect

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
