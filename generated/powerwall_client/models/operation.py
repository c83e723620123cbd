from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.operation_mode import OperationMode
from ..types import UNSET, Unset

T = TypeVar("T", bound="Operation")


@_attrs_define
class Operation:
    """The operation mode and backup reserve.

    Attributes:
        backup_reserve_percent (float): The backup reserve, percent on the gateway's scale (API ≈ 5 + 0.95 × app).
        real_mode (OperationMode | str | Unset): The operation mode (firmware 21.x and later).
        mode (OperationMode | str | Unset): The mode's name on firmware before 21.x.
        freq_shift_load_shed_soe (float | Unset): State of energy below which loads are shed by shifting the frequency,
            percent (inferred from the name).
        freq_shift_load_shed_delta_f (float | Unset): The frequency shift used to shed loads, Hz (inferred from the
            name).
    """

    backup_reserve_percent: float
    real_mode: OperationMode | str | Unset = UNSET
    mode: OperationMode | str | Unset = UNSET
    freq_shift_load_shed_soe: float | Unset = UNSET
    freq_shift_load_shed_delta_f: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        backup_reserve_percent = self.backup_reserve_percent

        real_mode: str | Unset
        if isinstance(self.real_mode, Unset):
            real_mode = UNSET
        elif isinstance(self.real_mode, OperationMode):
            real_mode = self.real_mode.value
        else:
            real_mode = self.real_mode

        mode: str | Unset
        if isinstance(self.mode, Unset):
            mode = UNSET
        elif isinstance(self.mode, OperationMode):
            mode = self.mode.value
        else:
            mode = self.mode

        freq_shift_load_shed_soe = self.freq_shift_load_shed_soe

        freq_shift_load_shed_delta_f = self.freq_shift_load_shed_delta_f

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "backup_reserve_percent": backup_reserve_percent,
            }
        )
        if real_mode is not UNSET:
            field_dict["real_mode"] = real_mode
        if mode is not UNSET:
            field_dict["mode"] = mode
        if freq_shift_load_shed_soe is not UNSET:
            field_dict["freq_shift_load_shed_soe"] = freq_shift_load_shed_soe
        if freq_shift_load_shed_delta_f is not UNSET:
            field_dict["freq_shift_load_shed_delta_f"] = freq_shift_load_shed_delta_f

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        backup_reserve_percent = d.pop("backup_reserve_percent")

        def _parse_real_mode(data: object) -> OperationMode | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                real_mode_type_0 = OperationMode(data)

                return real_mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(OperationMode | str | Unset, data)

        real_mode = _parse_real_mode(d.pop("real_mode", UNSET))

        def _parse_mode(data: object) -> OperationMode | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                mode_type_0 = OperationMode(data)

                return mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(OperationMode | str | Unset, data)

        mode = _parse_mode(d.pop("mode", UNSET))

        freq_shift_load_shed_soe = d.pop("freq_shift_load_shed_soe", UNSET)

        freq_shift_load_shed_delta_f = d.pop("freq_shift_load_shed_delta_f", UNSET)

        operation = cls(
            backup_reserve_percent=backup_reserve_percent,
            real_mode=real_mode,
            mode=mode,
            freq_shift_load_shed_soe=freq_shift_load_shed_soe,
            freq_shift_load_shed_delta_f=freq_shift_load_shed_delta_f,
        )

        operation.additional_properties = d
        return operation

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
