from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.network_adapter_config_type_0 import NetworkAdapterConfigType0


T = TypeVar("T", bound="NetworkAdapter")


@_attrs_define
class NetworkAdapter:
    """One network adapter of the gateway, as the seeds show `GET /api/networks` (`can0`, `eth0`, `rpine0`, `wifi0`,
    `wifi1`).

        Attributes:
            id (int): The adapter's index (Linux ifindex, inferred).
            name (str): The adapter, as the seeds describe them: `eth0` Ethernet, `wifi0` the home Wi-Fi, `wifi1` the
                gateway's own access point (TEG-XXXX), `rpine0` cellular (seems), `can0` unknown (a CAN bus?).
            connected (bool): Whether the adapter is connected.
            is_dhcp (bool): Whether its address comes from DHCP.
            ip_address (str): Its address; `""` without one.
            subnet (str): Its netmask, e.g. `255.255.255.0`; `""` without one.
            config (NetworkAdapterConfigType0 | None): The network it joins, as `GET /api/system/networks` lists it; null
                for adapters without one.
    """

    id: int
    name: str
    connected: bool
    is_dhcp: bool
    ip_address: str
    subnet: str
    config: NetworkAdapterConfigType0 | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.network_adapter_config_type_0 import NetworkAdapterConfigType0

        id = self.id

        name = self.name

        connected = self.connected

        is_dhcp = self.is_dhcp

        ip_address = self.ip_address

        subnet = self.subnet

        config: dict[str, Any] | None
        if isinstance(self.config, NetworkAdapterConfigType0):
            config = self.config.to_dict()
        else:
            config = self.config

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "connected": connected,
                "is_dhcp": is_dhcp,
                "ip_address": ip_address,
                "subnet": subnet,
                "config": config,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.network_adapter_config_type_0 import NetworkAdapterConfigType0

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        connected = d.pop("connected")

        is_dhcp = d.pop("is_dhcp")

        ip_address = d.pop("ip_address")

        subnet = d.pop("subnet")

        def _parse_config(data: object) -> NetworkAdapterConfigType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                config_type_0 = NetworkAdapterConfigType0.from_dict(data)

                return config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NetworkAdapterConfigType0 | None, data)

        config = _parse_config(d.pop("config"))

        network_adapter = cls(
            id=id,
            name=name,
            connected=connected,
            is_dhcp=is_dhcp,
            ip_address=ip_address,
            subnet=subnet,
            config=config,
        )

        network_adapter.additional_properties = d
        return network_adapter

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
