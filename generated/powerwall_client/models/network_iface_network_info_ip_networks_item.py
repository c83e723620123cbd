from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="NetworkIfaceNetworkInfoIpNetworksItem")


@_attrs_define
class NetworkIfaceNetworkInfoIpNetworksItem:
    """
    Attributes:
        ip (str | Unset): The address.
        mask (str | Unset): The netmask, e.g. `255.255.255.0`.
    """

    ip: str | Unset = UNSET
    mask: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ip = self.ip

        mask = self.mask

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if ip is not UNSET:
            field_dict["ip"] = ip
        if mask is not UNSET:
            field_dict["mask"] = mask

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ip = d.pop("ip", UNSET)

        mask = d.pop("mask", UNSET)

        network_iface_network_info_ip_networks_item = cls(
            ip=ip,
            mask=mask,
        )

        network_iface_network_info_ip_networks_item.additional_properties = d
        return network_iface_network_info_ip_networks_item

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
