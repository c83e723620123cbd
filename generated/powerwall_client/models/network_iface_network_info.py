from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.network_interface import NetworkInterface
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.network_iface_network_info_ip_networks_item import (
        NetworkIfaceNetworkInfoIpNetworksItem,
    )


T = TypeVar("T", bound="NetworkIfaceNetworkInfo")


@_attrs_define
class NetworkIfaceNetworkInfo:
    """The interface's live state.

    Attributes:
        network_name (str | Unset): The network's name.
        ip_networks (list[NetworkIfaceNetworkInfoIpNetworksItem] | Unset): Its addresses.
        gateway (str | Unset): The default gateway's address.
        interface (NetworkInterface | str | Unset): The kind of interface.
        state (str | Unset): Open set: `DeviceStateReady` (every recording), …
        state_reason (str | Unset): Why it is in that state, e.g. `DeviceStateReasonNone`.
        signal_strength (float | Unset): Wi-Fi or cellular signal strength, percent (inferred: 49–85 in the recordings).
        hw_address (str | Unset): The MAC address.
    """

    network_name: str | Unset = UNSET
    ip_networks: list[NetworkIfaceNetworkInfoIpNetworksItem] | Unset = UNSET
    gateway: str | Unset = UNSET
    interface: NetworkInterface | str | Unset = UNSET
    state: str | Unset = UNSET
    state_reason: str | Unset = UNSET
    signal_strength: float | Unset = UNSET
    hw_address: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        network_name = self.network_name

        ip_networks: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.ip_networks, Unset):
            ip_networks = []
            for ip_networks_item_data in self.ip_networks:
                ip_networks_item = ip_networks_item_data.to_dict()
                ip_networks.append(ip_networks_item)

        gateway = self.gateway

        interface: str | Unset
        if isinstance(self.interface, Unset):
            interface = UNSET
        elif isinstance(self.interface, NetworkInterface):
            interface = self.interface.value
        else:
            interface = self.interface

        state = self.state

        state_reason = self.state_reason

        signal_strength = self.signal_strength

        hw_address = self.hw_address

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if network_name is not UNSET:
            field_dict["network_name"] = network_name
        if ip_networks is not UNSET:
            field_dict["ip_networks"] = ip_networks
        if gateway is not UNSET:
            field_dict["gateway"] = gateway
        if interface is not UNSET:
            field_dict["interface"] = interface
        if state is not UNSET:
            field_dict["state"] = state
        if state_reason is not UNSET:
            field_dict["state_reason"] = state_reason
        if signal_strength is not UNSET:
            field_dict["signal_strength"] = signal_strength
        if hw_address is not UNSET:
            field_dict["hw_address"] = hw_address

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.network_iface_network_info_ip_networks_item import (
            NetworkIfaceNetworkInfoIpNetworksItem,
        )

        d = dict(src_dict)
        network_name = d.pop("network_name", UNSET)

        _ip_networks = d.pop("ip_networks", UNSET)
        ip_networks: list[NetworkIfaceNetworkInfoIpNetworksItem] | Unset = UNSET
        if _ip_networks is not UNSET:
            ip_networks = []
            for ip_networks_item_data in _ip_networks:
                ip_networks_item = NetworkIfaceNetworkInfoIpNetworksItem.from_dict(
                    ip_networks_item_data
                )

                ip_networks.append(ip_networks_item)

        gateway = d.pop("gateway", UNSET)

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

        state = d.pop("state", UNSET)

        state_reason = d.pop("state_reason", UNSET)

        signal_strength = d.pop("signal_strength", UNSET)

        hw_address = d.pop("hw_address", UNSET)

        network_iface_network_info = cls(
            network_name=network_name,
            ip_networks=ip_networks,
            gateway=gateway,
            interface=interface,
            state=state,
            state_reason=state_reason,
            signal_strength=signal_strength,
            hw_address=hw_address,
        )

        network_iface_network_info.additional_properties = d
        return network_iface_network_info

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
