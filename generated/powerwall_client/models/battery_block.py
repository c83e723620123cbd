from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.grid_compliance import GridCompliance
from ..types import UNSET, Unset

T = TypeVar("T", bound="BatteryBlock")


@_attrs_define
class BatteryBlock:
    """
    Attributes:
        package_part_number (str):
        package_serial_number (str):
        nominal_energy_remaining (float): Wh.
        nominal_full_pack_energy (float): Wh.
        p_out (float): W; positive = discharging.
        type_ (str | Unset):
        disabled_reasons (list[str] | Unset):
        pinv_state (str | Unset): e.g. `PINV_GridFollowing`.
        pinv_grid_state (GridCompliance | Unset): Open set, of a battery inverter's view of the grid.
        q_out (float | Unset): VAr.
        v_out (float | Unset): V.
        f_out (float | Unset): Hz.
        i_out (float | Unset): A.
        energy_charged (float | Unset): Lifetime Wh.
        energy_discharged (float | Unset): Lifetime Wh.
        off_grid (bool | Unset):
        vf_mode (bool | Unset):
        wobble_detected (bool | Unset):
        charge_power_clamped (bool | Unset):
        backup_ready (bool | Unset):
        op_seq_state (str | Unset):
        version (str | Unset):
    """

    package_part_number: str
    package_serial_number: str
    nominal_energy_remaining: float
    nominal_full_pack_energy: float
    p_out: float
    type_: str | Unset = UNSET
    disabled_reasons: list[str] | Unset = UNSET
    pinv_state: str | Unset = UNSET
    pinv_grid_state: GridCompliance | Unset = UNSET
    q_out: float | Unset = UNSET
    v_out: float | Unset = UNSET
    f_out: float | Unset = UNSET
    i_out: float | Unset = UNSET
    energy_charged: float | Unset = UNSET
    energy_discharged: float | Unset = UNSET
    off_grid: bool | Unset = UNSET
    vf_mode: bool | Unset = UNSET
    wobble_detected: bool | Unset = UNSET
    charge_power_clamped: bool | Unset = UNSET
    backup_ready: bool | Unset = UNSET
    op_seq_state: str | Unset = UNSET
    version: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        package_part_number = self.package_part_number

        package_serial_number = self.package_serial_number

        nominal_energy_remaining = self.nominal_energy_remaining

        nominal_full_pack_energy = self.nominal_full_pack_energy

        p_out = self.p_out

        type_ = self.type_

        disabled_reasons: list[str] | Unset = UNSET
        if not isinstance(self.disabled_reasons, Unset):
            disabled_reasons = self.disabled_reasons

        pinv_state = self.pinv_state

        pinv_grid_state: str | Unset = UNSET
        if not isinstance(self.pinv_grid_state, Unset):
            pinv_grid_state = self.pinv_grid_state.value

        q_out = self.q_out

        v_out = self.v_out

        f_out = self.f_out

        i_out = self.i_out

        energy_charged = self.energy_charged

        energy_discharged = self.energy_discharged

        off_grid = self.off_grid

        vf_mode = self.vf_mode

        wobble_detected = self.wobble_detected

        charge_power_clamped = self.charge_power_clamped

        backup_ready = self.backup_ready

        op_seq_state = self.op_seq_state

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "PackagePartNumber": package_part_number,
                "PackageSerialNumber": package_serial_number,
                "nominal_energy_remaining": nominal_energy_remaining,
                "nominal_full_pack_energy": nominal_full_pack_energy,
                "p_out": p_out,
            }
        )
        if type_ is not UNSET:
            field_dict["Type"] = type_
        if disabled_reasons is not UNSET:
            field_dict["disabled_reasons"] = disabled_reasons
        if pinv_state is not UNSET:
            field_dict["pinv_state"] = pinv_state
        if pinv_grid_state is not UNSET:
            field_dict["pinv_grid_state"] = pinv_grid_state
        if q_out is not UNSET:
            field_dict["q_out"] = q_out
        if v_out is not UNSET:
            field_dict["v_out"] = v_out
        if f_out is not UNSET:
            field_dict["f_out"] = f_out
        if i_out is not UNSET:
            field_dict["i_out"] = i_out
        if energy_charged is not UNSET:
            field_dict["energy_charged"] = energy_charged
        if energy_discharged is not UNSET:
            field_dict["energy_discharged"] = energy_discharged
        if off_grid is not UNSET:
            field_dict["off_grid"] = off_grid
        if vf_mode is not UNSET:
            field_dict["vf_mode"] = vf_mode
        if wobble_detected is not UNSET:
            field_dict["wobble_detected"] = wobble_detected
        if charge_power_clamped is not UNSET:
            field_dict["charge_power_clamped"] = charge_power_clamped
        if backup_ready is not UNSET:
            field_dict["backup_ready"] = backup_ready
        if op_seq_state is not UNSET:
            field_dict["OpSeqState"] = op_seq_state
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        package_part_number = d.pop("PackagePartNumber")

        package_serial_number = d.pop("PackageSerialNumber")

        nominal_energy_remaining = d.pop("nominal_energy_remaining")

        nominal_full_pack_energy = d.pop("nominal_full_pack_energy")

        p_out = d.pop("p_out")

        type_ = d.pop("Type", UNSET)

        disabled_reasons = cast(list[str], d.pop("disabled_reasons", UNSET))

        pinv_state = d.pop("pinv_state", UNSET)

        _pinv_grid_state = d.pop("pinv_grid_state", UNSET)
        pinv_grid_state: GridCompliance | Unset
        if isinstance(_pinv_grid_state, Unset):
            pinv_grid_state = UNSET
        else:
            pinv_grid_state = GridCompliance(_pinv_grid_state)

        q_out = d.pop("q_out", UNSET)

        v_out = d.pop("v_out", UNSET)

        f_out = d.pop("f_out", UNSET)

        i_out = d.pop("i_out", UNSET)

        energy_charged = d.pop("energy_charged", UNSET)

        energy_discharged = d.pop("energy_discharged", UNSET)

        off_grid = d.pop("off_grid", UNSET)

        vf_mode = d.pop("vf_mode", UNSET)

        wobble_detected = d.pop("wobble_detected", UNSET)

        charge_power_clamped = d.pop("charge_power_clamped", UNSET)

        backup_ready = d.pop("backup_ready", UNSET)

        op_seq_state = d.pop("OpSeqState", UNSET)

        version = d.pop("version", UNSET)

        battery_block = cls(
            package_part_number=package_part_number,
            package_serial_number=package_serial_number,
            nominal_energy_remaining=nominal_energy_remaining,
            nominal_full_pack_energy=nominal_full_pack_energy,
            p_out=p_out,
            type_=type_,
            disabled_reasons=disabled_reasons,
            pinv_state=pinv_state,
            pinv_grid_state=pinv_grid_state,
            q_out=q_out,
            v_out=v_out,
            f_out=f_out,
            i_out=i_out,
            energy_charged=energy_charged,
            energy_discharged=energy_discharged,
            off_grid=off_grid,
            vf_mode=vf_mode,
            wobble_detected=wobble_detected,
            charge_power_clamped=charge_power_clamped,
            backup_ready=backup_ready,
            op_seq_state=op_seq_state,
            version=version,
        )

        battery_block.additional_properties = d
        return battery_block

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
