from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.operation_mode import OperationMode
from ..types import UNSET, Unset

T = TypeVar("T", bound="OperationRequest")


@_attrs_define
class OperationRequest:
    """What `POST /api/operation` takes. Since about firmware 1.21 the mode is
    `real_mode` (pypowerwall and tesla_powerwall send it); a body with the
    older `mode` alone is answered
    `500 "RealMode must be either self_consumption or backup"` (FACTS).

        Attributes:
            backup_reserve_percent (float): Gateway scale (API ≈ 5 + 0.95 × app).
            real_mode (OperationMode | Unset): Open set. `self_consumption` (the app's "Self-powered"), `backup`,
                `autonomous` (time-based control); `scheduler` (aggregation) and
                `site_control` are also seen.
            mode (OperationMode | Unset): Open set. `self_consumption` (the app's "Self-powered"), `backup`,
                `autonomous` (time-based control); `scheduler` (aggregation) and
                `site_control` are also seen.
            max_pv_export_power_k_w (float | None | Unset): Export limit of the solar inverters.
    """

    backup_reserve_percent: float
    real_mode: OperationMode | Unset = UNSET
    mode: OperationMode | Unset = UNSET
    max_pv_export_power_k_w: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        backup_reserve_percent = self.backup_reserve_percent

        real_mode: str | Unset = UNSET
        if not isinstance(self.real_mode, Unset):
            real_mode = self.real_mode.value

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value

        max_pv_export_power_k_w: float | None | Unset
        if isinstance(self.max_pv_export_power_k_w, Unset):
            max_pv_export_power_k_w = UNSET
        else:
            max_pv_export_power_k_w = self.max_pv_export_power_k_w

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
        if max_pv_export_power_k_w is not UNSET:
            field_dict["max_pv_export_power_kW"] = max_pv_export_power_k_w

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

        def _parse_max_pv_export_power_k_w(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        max_pv_export_power_k_w = _parse_max_pv_export_power_k_w(
            d.pop("max_pv_export_power_kW", UNSET)
        )

        operation_request = cls(
            backup_reserve_percent=backup_reserve_percent,
            real_mode=real_mode,
            mode=mode,
            max_pv_export_power_k_w=max_pv_export_power_k_w,
        )

        operation_request.additional_properties = d
        return operation_request

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
