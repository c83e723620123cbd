from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GatewayStatus")


@_attrs_define
class GatewayStatus:
    """The gateway's identity and uptime.

    Attributes:
        start_time (str): When the gateway started; not ISO: `2021-12-10 16:38:39 +0800`.
        up_time_seconds (str): Uptime as a Go duration, despite the name: `55h46m11.021029341s`.
        is_new (bool): Whether the gateway is not commissioned yet (inferred from the name).
        version (str): Firmware, e.g. `21.39.1 7759c368` (`1.40.2` on old firmware).
        git_hash (str): The firmware's source revision.
        din (str | Unset): Gateway DIN, `<part number>--<serial>`.
        commission_count (int | Unset): How many times the gateway was commissioned.
        device_type (str | Unset): Open set, e.g. `teg` (a Tesla Energy Gateway).
        sync_type (str | Unset): Open set, e.g. `v2.1` (inferred: the synchronizer generation).
        leader (str | Unset): The leading gateway of a multi-gateway site (inferred from the name).
        followers (list[Any] | None | Unset): The following gateways of a multi-gateway site (inferred from the name);
            may be null.
        cellular_disabled (bool | Unset): Whether the cellular link is turned off.
    """

    start_time: str
    up_time_seconds: str
    is_new: bool
    version: str
    git_hash: str
    din: str | Unset = UNSET
    commission_count: int | Unset = UNSET
    device_type: str | Unset = UNSET
    sync_type: str | Unset = UNSET
    leader: str | Unset = UNSET
    followers: list[Any] | None | Unset = UNSET
    cellular_disabled: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        start_time = self.start_time

        up_time_seconds = self.up_time_seconds

        is_new = self.is_new

        version = self.version

        git_hash = self.git_hash

        din = self.din

        commission_count = self.commission_count

        device_type = self.device_type

        sync_type = self.sync_type

        leader = self.leader

        followers: list[Any] | None | Unset
        if isinstance(self.followers, Unset):
            followers = UNSET
        elif isinstance(self.followers, list):
            followers = self.followers

        else:
            followers = self.followers

        cellular_disabled = self.cellular_disabled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "start_time": start_time,
                "up_time_seconds": up_time_seconds,
                "is_new": is_new,
                "version": version,
                "git_hash": git_hash,
            }
        )
        if din is not UNSET:
            field_dict["din"] = din
        if commission_count is not UNSET:
            field_dict["commission_count"] = commission_count
        if device_type is not UNSET:
            field_dict["device_type"] = device_type
        if sync_type is not UNSET:
            field_dict["sync_type"] = sync_type
        if leader is not UNSET:
            field_dict["leader"] = leader
        if followers is not UNSET:
            field_dict["followers"] = followers
        if cellular_disabled is not UNSET:
            field_dict["cellular_disabled"] = cellular_disabled

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        start_time = d.pop("start_time")

        up_time_seconds = d.pop("up_time_seconds")

        is_new = d.pop("is_new")

        version = d.pop("version")

        git_hash = d.pop("git_hash")

        din = d.pop("din", UNSET)

        commission_count = d.pop("commission_count", UNSET)

        device_type = d.pop("device_type", UNSET)

        sync_type = d.pop("sync_type", UNSET)

        leader = d.pop("leader", UNSET)

        def _parse_followers(data: object) -> list[Any] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                followers_type_0 = cast(list[Any], data)

                return followers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Any] | None | Unset, data)

        followers = _parse_followers(d.pop("followers", UNSET))

        cellular_disabled = d.pop("cellular_disabled", UNSET)

        gateway_status = cls(
            start_time=start_time,
            up_time_seconds=up_time_seconds,
            is_new=is_new,
            version=version,
            git_hash=git_hash,
            din=din,
            commission_count=commission_count,
            device_type=device_type,
            sync_type=sync_type,
            leader=leader,
            followers=followers,
            cellular_disabled=cellular_disabled,
        )

        gateway_status.additional_properties = d
        return gateway_status

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
