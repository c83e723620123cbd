from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SolarPowerwallPvsStatus")


@_attrs_define
class SolarPowerwallPvsStatus:
    """The string switch (inferred; vitals `PVS_*`).

    Attributes:
        state (str | Unset): Open set (vitals `PVS_State`): `PVS_Active`, …
        disabled (bool | Unset): Whether the switch is disabled.
        enable_output (bool | Unset): Whether the output is enabled (vitals `PVS_EnableOutput`).
        v_ll (float | Unset): Line-to-line voltage (vitals `PVS_vLL`).
        self_test_state (str | Unset): Open set (vitals `PVS_SelfTestState`): `PVS_SelfTestOff`, …
    """

    state: str | Unset = UNSET
    disabled: bool | Unset = UNSET
    enable_output: bool | Unset = UNSET
    v_ll: float | Unset = UNSET
    self_test_state: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        state = self.state

        disabled = self.disabled

        enable_output = self.enable_output

        v_ll = self.v_ll

        self_test_state = self.self_test_state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if state is not UNSET:
            field_dict["state"] = state
        if disabled is not UNSET:
            field_dict["disabled"] = disabled
        if enable_output is not UNSET:
            field_dict["enable_output"] = enable_output
        if v_ll is not UNSET:
            field_dict["v_ll"] = v_ll
        if self_test_state is not UNSET:
            field_dict["self_test_state"] = self_test_state

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        state = d.pop("state", UNSET)

        disabled = d.pop("disabled", UNSET)

        enable_output = d.pop("enable_output", UNSET)

        v_ll = d.pop("v_ll", UNSET)

        self_test_state = d.pop("self_test_state", UNSET)

        solar_powerwall_pvs_status = cls(
            state=state,
            disabled=disabled,
            enable_output=enable_output,
            v_ll=v_ll,
            self_test_state=self_test_state,
        )

        solar_powerwall_pvs_status.additional_properties = d
        return solar_powerwall_pvs_status

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
