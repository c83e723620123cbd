from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PowerwallsStatus")


@_attrs_define
class PowerwallsStatus:
    """Flags of the battery subsystem.

    Attributes:
        enumerating (bool): Whether the gateway is discovering its batteries.
        updating (bool): Whether battery firmware is being updated.
        checking_if_offgrid (bool): Whether the gateway is checking for an off-grid state.
        running_phase_detection (bool): Whether phase detection runs.
        phase_detection_last_error (str): The last phase detection error; `""` without one.
        bubble_shedding (bool): Whether loads are being shed off grid (inferred from the name).
        on_grid_check_error (str): The last on-grid check error; `""` without one.
        grid_qualifying (bool): Whether the grid is being qualified before reconnection.
        grid_code_validating (bool): Whether the grid code is being validated.
        is_on_grid (bool | Unset): Whether the site is on grid.
        phase_detection_not_available (bool | Unset): Whether this hardware cannot detect phases.
    """

    enumerating: bool
    updating: bool
    checking_if_offgrid: bool
    running_phase_detection: bool
    phase_detection_last_error: str
    bubble_shedding: bool
    on_grid_check_error: str
    grid_qualifying: bool
    grid_code_validating: bool
    is_on_grid: bool | Unset = UNSET
    phase_detection_not_available: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enumerating = self.enumerating

        updating = self.updating

        checking_if_offgrid = self.checking_if_offgrid

        running_phase_detection = self.running_phase_detection

        phase_detection_last_error = self.phase_detection_last_error

        bubble_shedding = self.bubble_shedding

        on_grid_check_error = self.on_grid_check_error

        grid_qualifying = self.grid_qualifying

        grid_code_validating = self.grid_code_validating

        is_on_grid = self.is_on_grid

        phase_detection_not_available = self.phase_detection_not_available

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "enumerating": enumerating,
                "updating": updating,
                "checking_if_offgrid": checking_if_offgrid,
                "running_phase_detection": running_phase_detection,
                "phase_detection_last_error": phase_detection_last_error,
                "bubble_shedding": bubble_shedding,
                "on_grid_check_error": on_grid_check_error,
                "grid_qualifying": grid_qualifying,
                "grid_code_validating": grid_code_validating,
            }
        )
        if is_on_grid is not UNSET:
            field_dict["is_on_grid"] = is_on_grid
        if phase_detection_not_available is not UNSET:
            field_dict["phase_detection_not_available"] = phase_detection_not_available

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        enumerating = d.pop("enumerating")

        updating = d.pop("updating")

        checking_if_offgrid = d.pop("checking_if_offgrid")

        running_phase_detection = d.pop("running_phase_detection")

        phase_detection_last_error = d.pop("phase_detection_last_error")

        bubble_shedding = d.pop("bubble_shedding")

        on_grid_check_error = d.pop("on_grid_check_error")

        grid_qualifying = d.pop("grid_qualifying")

        grid_code_validating = d.pop("grid_code_validating")

        is_on_grid = d.pop("is_on_grid", UNSET)

        phase_detection_not_available = d.pop("phase_detection_not_available", UNSET)

        powerwalls_status = cls(
            enumerating=enumerating,
            updating=updating,
            checking_if_offgrid=checking_if_offgrid,
            running_phase_detection=running_phase_detection,
            phase_detection_last_error=phase_detection_last_error,
            bubble_shedding=bubble_shedding,
            on_grid_check_error=on_grid_check_error,
            grid_qualifying=grid_qualifying,
            grid_code_validating=grid_code_validating,
            is_on_grid=is_on_grid,
            phase_detection_not_available=phase_detection_not_available,
        )

        powerwalls_status.additional_properties = d
        return powerwalls_status

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
