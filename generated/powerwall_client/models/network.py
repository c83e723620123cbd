from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.network_interface import NetworkInterface
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.network_extra_ips_item import NetworkExtraIpsItem
    from ..models.network_iface_network_info import NetworkIfaceNetworkInfo


T = TypeVar("T", bound="Network")


@_attrs_define
class Network:
    """One configured network.

    Attributes:
        network_name (str): The network's name: `ethernet_tesla_internal_default`, a Wi-Fi SSID, …
        interface (NetworkInterface | str): The kind of interface.
        dhcp (bool | None): Whether the address comes from DHCP; null for cellular.
        enabled (bool): Whether the network is turned on.
        active (bool): Whether the network is up.
        primary (bool): Whether it is the route to the internet.
        last_tesla_connected (bool): Whether Tesla's servers were reached over it at the last check.
        last_internet_connected (bool): Whether the internet was reached over it at the last check.
        security_type (str | Unset): Open set: `NONE`, `WEP`, `WPA2_Personal`, …
        username (str | Unset): A login for the network (inferred from the name).
        extra_ips (list[NetworkExtraIpsItem] | Unset): Extra addresses on this interface.
        iface_network_info (NetworkIfaceNetworkInfo | Unset): The interface's live state.
    """

    network_name: str
    interface: NetworkInterface | str
    dhcp: bool | None
    enabled: bool
    active: bool
    primary: bool
    last_tesla_connected: bool
    last_internet_connected: bool
    security_type: str | Unset = UNSET
    username: str | Unset = UNSET
    extra_ips: list[NetworkExtraIpsItem] | Unset = UNSET
    iface_network_info: NetworkIfaceNetworkInfo | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        network_name = self.network_name

        interface: str
        if isinstance(self.interface, NetworkInterface):
            interface = self.interface.value
        else:
            interface = self.interface

        dhcp: bool | None
        dhcp = self.dhcp

        enabled = self.enabled

        active = self.active

        primary = self.primary

        last_tesla_connected = self.last_tesla_connected

        last_internet_connected = self.last_internet_connected

        security_type = self.security_type

        username = self.username

        extra_ips: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.extra_ips, Unset):
            extra_ips = []
            for extra_ips_item_data in self.extra_ips:
                extra_ips_item = extra_ips_item_data.to_dict()
                extra_ips.append(extra_ips_item)

        iface_network_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.iface_network_info, Unset):
            iface_network_info = self.iface_network_info.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "network_name": network_name,
                "interface": interface,
                "dhcp": dhcp,
                "enabled": enabled,
                "active": active,
                "primary": primary,
                "lastTeslaConnected": last_tesla_connected,
                "lastInternetConnected": last_internet_connected,
            }
        )
        if security_type is not UNSET:
            field_dict["security_type"] = security_type
        if username is not UNSET:
            field_dict["username"] = username
        if extra_ips is not UNSET:
            field_dict["extra_ips"] = extra_ips
        if iface_network_info is not UNSET:
            field_dict["iface_network_info"] = iface_network_info

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.network_extra_ips_item import NetworkExtraIpsItem
        from ..models.network_iface_network_info import NetworkIfaceNetworkInfo

        d = dict(src_dict)
        network_name = d.pop("network_name")

        def _parse_interface(data: object) -> NetworkInterface | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                interface_type_0 = NetworkInterface(data)

                return interface_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NetworkInterface | str, data)

        interface = _parse_interface(d.pop("interface"))

        def _parse_dhcp(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        dhcp = _parse_dhcp(d.pop("dhcp"))

        enabled = d.pop("enabled")

        active = d.pop("active")

        primary = d.pop("primary")

        last_tesla_connected = d.pop("lastTeslaConnected")

        last_internet_connected = d.pop("lastInternetConnected")

        security_type = d.pop("security_type", UNSET)

        username = d.pop("username", UNSET)

        _extra_ips = d.pop("extra_ips", UNSET)
        extra_ips: list[NetworkExtraIpsItem] | Unset = UNSET
        if _extra_ips is not UNSET:
            extra_ips = []
            for extra_ips_item_data in _extra_ips:
                extra_ips_item = NetworkExtraIpsItem.from_dict(extra_ips_item_data)

                extra_ips.append(extra_ips_item)

        _iface_network_info = d.pop("iface_network_info", UNSET)
        iface_network_info: NetworkIfaceNetworkInfo | Unset
        if isinstance(_iface_network_info, Unset):
            iface_network_info = UNSET
        else:
            iface_network_info = NetworkIfaceNetworkInfo.from_dict(_iface_network_info)

        network = cls(
            network_name=network_name,
            interface=interface,
            dhcp=dhcp,
            enabled=enabled,
            active=active,
            primary=primary,
            last_tesla_connected=last_tesla_connected,
            last_internet_connected=last_internet_connected,
            security_type=security_type,
            username=username,
            extra_ips=extra_ips,
            iface_network_info=iface_network_info,
        )

        network.additional_properties = d
        return network

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
