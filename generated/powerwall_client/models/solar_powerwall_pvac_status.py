from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.solar_powerwall_pvac_status_string_vitals_item import (
        SolarPowerwallPvacStatusStringVitalsItem,
    )


T = TypeVar("T", bound="SolarPowerwallPvacStatus")


@_attrs_define
class SolarPowerwallPvacStatus:
    """The solar inverter.

    Attributes:
        state (str | Unset): Open set (inferred from vitals `PVAC_State`): `PVAC_Active`, `PVAC_Standby`, …
        disabled (bool | Unset): Whether the inverter is disabled (inferred).
        disabled_reasons (list[str] | Unset): Why it is disabled (inferred).
        grid_state (str | Unset): Open set (vitals `PVAC_GridState`): `Grid_Compliant`, …
        inv_state (str | Unset): Open set (vitals `PVAC_InvState`): `INV_Grid_Connected`, …
        v_out (float | Unset): Output voltage (inferred; vitals `PVAC_Vout`).
        f_out (float | Unset): Output frequency (inferred; vitals `PVAC_Fout`).
        p_out (float | Unset): Output real power: the sum of the strings (inferred; vitals `PVAC_Pout`).
        q_out (float | Unset): Output reactive power (inferred; vitals `PVAC_Qout`).
        i_out (float | Unset): Output current (inferred; vitals `PVAC_Iout`).
        string_vitals (list[SolarPowerwallPvacStatusStringVitalsItem] | Unset): One entry per PV string (pypowerwall
            names them A, B, C, D, A1, …).
    """

    state: str | Unset = UNSET
    disabled: bool | Unset = UNSET
    disabled_reasons: list[str] | Unset = UNSET
    grid_state: str | Unset = UNSET
    inv_state: str | Unset = UNSET
    v_out: float | Unset = UNSET
    f_out: float | Unset = UNSET
    p_out: float | Unset = UNSET
    q_out: float | Unset = UNSET
    i_out: float | Unset = UNSET
    string_vitals: list[SolarPowerwallPvacStatusStringVitalsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        state = self.state

        disabled = self.disabled

        disabled_reasons: list[str] | Unset = UNSET
        if not isinstance(self.disabled_reasons, Unset):
            disabled_reasons = self.disabled_reasons

        grid_state = self.grid_state

        inv_state = self.inv_state

        v_out = self.v_out

        f_out = self.f_out

        p_out = self.p_out

        q_out = self.q_out

        i_out = self.i_out

        string_vitals: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.string_vitals, Unset):
            string_vitals = []
            for string_vitals_item_data in self.string_vitals:
                string_vitals_item = string_vitals_item_data.to_dict()
                string_vitals.append(string_vitals_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if state is not UNSET:
            field_dict["state"] = state
        if disabled is not UNSET:
            field_dict["disabled"] = disabled
        if disabled_reasons is not UNSET:
            field_dict["disabled_reasons"] = disabled_reasons
        if grid_state is not UNSET:
            field_dict["grid_state"] = grid_state
        if inv_state is not UNSET:
            field_dict["inv_state"] = inv_state
        if v_out is not UNSET:
            field_dict["v_out"] = v_out
        if f_out is not UNSET:
            field_dict["f_out"] = f_out
        if p_out is not UNSET:
            field_dict["p_out"] = p_out
        if q_out is not UNSET:
            field_dict["q_out"] = q_out
        if i_out is not UNSET:
            field_dict["i_out"] = i_out
        if string_vitals is not UNSET:
            field_dict["string_vitals"] = string_vitals

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.solar_powerwall_pvac_status_string_vitals_item import (
            SolarPowerwallPvacStatusStringVitalsItem,
        )

        d = dict(src_dict)
        state = d.pop("state", UNSET)

        disabled = d.pop("disabled", UNSET)

        disabled_reasons = cast(list[str], d.pop("disabled_reasons", UNSET))

        grid_state = d.pop("grid_state", UNSET)

        inv_state = d.pop("inv_state", UNSET)

        v_out = d.pop("v_out", UNSET)

        f_out = d.pop("f_out", UNSET)

        p_out = d.pop("p_out", UNSET)

        q_out = d.pop("q_out", UNSET)

        i_out = d.pop("i_out", UNSET)

        _string_vitals = d.pop("string_vitals", UNSET)
        string_vitals: list[SolarPowerwallPvacStatusStringVitalsItem] | Unset = UNSET
        if _string_vitals is not UNSET:
            string_vitals = []
            for string_vitals_item_data in _string_vitals:
                string_vitals_item = SolarPowerwallPvacStatusStringVitalsItem.from_dict(
                    string_vitals_item_data
                )

                string_vitals.append(string_vitals_item)

        solar_powerwall_pvac_status = cls(
            state=state,
            disabled=disabled,
            disabled_reasons=disabled_reasons,
            grid_state=grid_state,
            inv_state=inv_state,
            v_out=v_out,
            f_out=f_out,
            p_out=p_out,
            q_out=q_out,
            i_out=i_out,
            string_vitals=string_vitals,
        )

        solar_powerwall_pvac_status.additional_properties = d
        return solar_powerwall_pvac_status

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
