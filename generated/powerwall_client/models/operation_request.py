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
    """
    Attributes:
        mode (OperationMode): Open set. `self_consumption` (the app's "Self-powered"), `backup`,
            `autonomous` (time-based control); `scheduler` (aggregation) and
            `site_control` are also seen.
        backup_reserve_percent (float): Gateway scale (API ≈ 5 + 0.95 × app).
        max_pv_export_power_k_w (float | None | Unset):
    """

    mode: OperationMode
    backup_reserve_percent: float
    max_pv_export_power_k_w: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mode = self.mode.value

        backup_reserve_percent = self.backup_reserve_percent

        max_pv_export_power_k_w: float | None | Unset
        if isinstance(self.max_pv_export_power_k_w, Unset):
            max_pv_export_power_k_w = UNSET
        else:
            max_pv_export_power_k_w = self.max_pv_export_power_k_w

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "mode": mode,
                "backup_reserve_percent": backup_reserve_percent,
            }
        )
        if max_pv_export_power_k_w is not UNSET:
            field_dict["max_pv_export_power_kW"] = max_pv_export_power_k_w

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        mode = OperationMode(d.pop("mode"))

        backup_reserve_percent = d.pop("backup_reserve_percent")

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
            mode=mode,
            backup_reserve_percent=backup_reserve_percent,
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
