from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.operation_mode import OperationMode
from ..types import UNSET, Unset

T = TypeVar("T", bound="Operation")


@_attrs_define
class Operation:
    """
    Attributes:
        backup_reserve_percent (float): Gateway scale (API ≈ 5 + 0.95 × app).
        real_mode (OperationMode | Unset): Open set. `self_consumption` (the app's "Self-powered"), `backup`,
            `autonomous` (time-based control); `scheduler` (aggregation) and
            `site_control` are also seen.
        mode (OperationMode | Unset): Open set. `self_consumption` (the app's "Self-powered"), `backup`,
            `autonomous` (time-based control); `scheduler` (aggregation) and
            `site_control` are also seen.
        freq_shift_load_shed_soe (float | Unset):
        freq_shift_load_shed_delta_f (float | Unset):
    """

    backup_reserve_percent: float
    real_mode: OperationMode | Unset = UNSET
    mode: OperationMode | Unset = UNSET
    freq_shift_load_shed_soe: float | Unset = UNSET
    freq_shift_load_shed_delta_f: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        backup_reserve_percent = self.backup_reserve_percent

        real_mode: str | Unset = UNSET
        if not isinstance(self.real_mode, Unset):
            real_mode = self.real_mode.value

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value

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

        _real_mode = d.pop("real_mode", UNSET)
        real_mode: OperationMode | Unset
        if isinstance(_real_mode, Unset):
            real_mode = UNSET
        else:
            real_mode = OperationMode(_real_mode)

        _mode = d.pop("mode", UNSET)
        mode: OperationMode | Unset
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = OperationMode(_mode)

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
