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
    """One battery pack (a Powerwall) with its inverter. A pack that is
    disabled or missing answers `null` for its power, voltage, frequency,
    current and energy fields and `""` for its states.

        Attributes:
            package_part_number (str): Part number of the pack, e.g. `3012170-05-B` (Powerwall 2).
            package_serial_number (str): Serial number of the pack (the topic key of its readings).
            nominal_energy_remaining (float | None): Energy left in this pack, Wh; null when disabled or missing.
            nominal_full_pack_energy (float | None): Capacity of this pack when full, Wh (falls as it ages); null when
                disabled or missing.
            p_out (float | None): Real power out of the pack, W; positive = discharging, negative = charging; null when
                disabled or missing.
            type_ (str | Unset): The pack type; `""` on every recording so far.
            disabled_reasons (list[str] | Unset): Why the pack is disabled; empty while it works.
            pinv_state (str | Unset): State of the pack's inverter, e.g. `PINV_GridFollowing`; `""` when the pack is
                disabled or missing.
            pinv_grid_state (GridCompliance | str | Unset): The inverter's view of the grid; `""` when the pack is disabled
                or missing.
            q_out (float | None | Unset): Reactive power out of the pack's inverter, VAr; null when disabled or missing.
            v_out (float | None | Unset): AC voltage at the pack's inverter, V; null when disabled or missing.
            f_out (float | None | Unset): AC frequency at the pack's inverter, Hz; null when disabled or missing.
            i_out (float | None | Unset): AC current out of the pack's inverter, A; same sign as `p_out` (inferred from the
                21.39.1 recording: p_out −10 W, i_out −0.2 A); null when disabled or missing.
            energy_charged (float | None | Unset): Lifetime energy into the pack, Wh; only grows; null when disabled or
                missing.
            energy_discharged (float | None | Unset): Lifetime energy out of the pack, Wh; only grows; null when disabled or
                missing.
            off_grid (bool | Unset): Whether the pack runs off grid.
            vf_mode (bool | Unset): Whether the inverter forms the grid (voltage-frequency mode), as off grid (inferred from
                the name).
            wobble_detected (bool | Unset): Whether the inverter detected grid instability ("wobble") (inferred from the
                name).
            charge_power_clamped (bool | Unset): Whether charging power is limited (inferred from the name).
            backup_ready (bool | Unset): Whether the pack can take over in an outage.
            op_seq_state (str | Unset): Operating sequence state, e.g. `Active`; `""` when the pack is disabled or missing.
            version (str | Unset): Firmware hash of the pack.
    """

    package_part_number: str
    package_serial_number: str
    nominal_energy_remaining: float | None
    nominal_full_pack_energy: float | None
    p_out: float | None
    type_: str | Unset = UNSET
    disabled_reasons: list[str] | Unset = UNSET
    pinv_state: str | Unset = UNSET
    pinv_grid_state: GridCompliance | str | Unset = UNSET
    q_out: float | None | Unset = UNSET
    v_out: float | None | Unset = UNSET
    f_out: float | None | Unset = UNSET
    i_out: float | None | Unset = UNSET
    energy_charged: float | None | Unset = UNSET
    energy_discharged: float | None | Unset = UNSET
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

        nominal_energy_remaining: float | None
        nominal_energy_remaining = self.nominal_energy_remaining

        nominal_full_pack_energy: float | None
        nominal_full_pack_energy = self.nominal_full_pack_energy

        p_out: float | None
        p_out = self.p_out

        type_ = self.type_

        disabled_reasons: list[str] | Unset = UNSET
        if not isinstance(self.disabled_reasons, Unset):
            disabled_reasons = self.disabled_reasons

        pinv_state = self.pinv_state

        pinv_grid_state: str | Unset
        if isinstance(self.pinv_grid_state, Unset):
            pinv_grid_state = UNSET
        elif isinstance(self.pinv_grid_state, GridCompliance):
            pinv_grid_state = self.pinv_grid_state.value
        else:
            pinv_grid_state = self.pinv_grid_state

        q_out: float | None | Unset
        if isinstance(self.q_out, Unset):
            q_out = UNSET
        else:
            q_out = self.q_out

        v_out: float | None | Unset
        if isinstance(self.v_out, Unset):
            v_out = UNSET
        else:
            v_out = self.v_out

        f_out: float | None | Unset
        if isinstance(self.f_out, Unset):
            f_out = UNSET
        else:
            f_out = self.f_out

        i_out: float | None | Unset
        if isinstance(self.i_out, Unset):
            i_out = UNSET
        else:
            i_out = self.i_out

        energy_charged: float | None | Unset
        if isinstance(self.energy_charged, Unset):
            energy_charged = UNSET
        else:
            energy_charged = self.energy_charged

        energy_discharged: float | None | Unset
        if isinstance(self.energy_discharged, Unset):
            energy_discharged = UNSET
        else:
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

        def _parse_nominal_energy_remaining(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        nominal_energy_remaining = _parse_nominal_energy_remaining(
            d.pop("nominal_energy_remaining")
        )

        def _parse_nominal_full_pack_energy(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        nominal_full_pack_energy = _parse_nominal_full_pack_energy(
            d.pop("nominal_full_pack_energy")
        )

        def _parse_p_out(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        p_out = _parse_p_out(d.pop("p_out"))

        type_ = d.pop("Type", UNSET)

        disabled_reasons = cast(list[str], d.pop("disabled_reasons", UNSET))

        pinv_state = d.pop("pinv_state", UNSET)

        def _parse_pinv_grid_state(data: object) -> GridCompliance | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                pinv_grid_state_type_0 = GridCompliance(data)

                return pinv_grid_state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GridCompliance | str | Unset, data)

        pinv_grid_state = _parse_pinv_grid_state(d.pop("pinv_grid_state", UNSET))

        def _parse_q_out(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        q_out = _parse_q_out(d.pop("q_out", UNSET))

        def _parse_v_out(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        v_out = _parse_v_out(d.pop("v_out", UNSET))

        def _parse_f_out(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        f_out = _parse_f_out(d.pop("f_out", UNSET))

        def _parse_i_out(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        i_out = _parse_i_out(d.pop("i_out", UNSET))

        def _parse_energy_charged(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        energy_charged = _parse_energy_charged(d.pop("energy_charged", UNSET))

        def _parse_energy_discharged(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        energy_discharged = _parse_energy_discharged(d.pop("energy_discharged", UNSET))

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
