from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sitemaster_status import SitemasterStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="Sitemaster")


@_attrs_define
class Sitemaster:
    """The site controller and the link to Tesla.

    Attributes:
        running (bool): Whether the site controller runs (no readings while it is stopped).
        connected_to_tesla (bool): Whether the gateway reaches Tesla's servers.
        status (SitemasterStatus | str | Unset): Whether the site controller is up.
        uptime (str | Unset): Old firmware only, oddly formatted: `802459s,` (seconds) while running, `log:` while
            stopped.
        power_supply_mode (bool | Unset): Whether the gateway runs in power-supply mode (inferred from the name).
        can_reboot (str | Unset): `Yes`, or empty while stopped.
    """

    running: bool
    connected_to_tesla: bool
    status: SitemasterStatus | str | Unset = UNSET
    uptime: str | Unset = UNSET
    power_supply_mode: bool | Unset = UNSET
    can_reboot: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        running = self.running

        connected_to_tesla = self.connected_to_tesla

        status: str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, SitemasterStatus):
            status = self.status.value
        else:
            status = self.status

        uptime = self.uptime

        power_supply_mode = self.power_supply_mode

        can_reboot = self.can_reboot

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "running": running,
                "connected_to_tesla": connected_to_tesla,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status
        if uptime is not UNSET:
            field_dict["uptime"] = uptime
        if power_supply_mode is not UNSET:
            field_dict["power_supply_mode"] = power_supply_mode
        if can_reboot is not UNSET:
            field_dict["can_reboot"] = can_reboot

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        running = d.pop("running")

        connected_to_tesla = d.pop("connected_to_tesla")

        def _parse_status(data: object) -> SitemasterStatus | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = SitemasterStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(SitemasterStatus | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        uptime = d.pop("uptime", UNSET)

        power_supply_mode = d.pop("power_supply_mode", UNSET)

        can_reboot = d.pop("can_reboot", UNSET)

        sitemaster = cls(
            running=running,
            connected_to_tesla=connected_to_tesla,
            status=status,
            uptime=uptime,
            power_supply_mode=power_supply_mode,
            can_reboot=can_reboot,
        )

        sitemaster.additional_properties = d
        return sitemaster

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
