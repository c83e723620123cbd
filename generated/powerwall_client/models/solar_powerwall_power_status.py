from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SolarPowerwallPowerStatus")


@_attrs_define
class SolarPowerwallPowerStatus:
    """Inferred (no public answer): the solar inverter's power setpoint and output.

    Attributes:
        power_status_setpoint (str | Unset): `on` or `off` (open set).
        pout (float | Unset): Output real power.
    """

    power_status_setpoint: str | Unset = UNSET
    pout: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        power_status_setpoint = self.power_status_setpoint

        pout = self.pout

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if power_status_setpoint is not UNSET:
            field_dict["power_status_setpoint"] = power_status_setpoint
        if pout is not UNSET:
            field_dict["pout"] = pout

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        power_status_setpoint = d.pop("power_status_setpoint", UNSET)

        pout = d.pop("pout", UNSET)

        solar_powerwall_power_status = cls(
            power_status_setpoint=power_status_setpoint,
            pout=pout,
        )

        solar_powerwall_power_status.additional_properties = d
        return solar_powerwall_power_status

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
