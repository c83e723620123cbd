from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.powerwall import Powerwall
    from ..models.powerwalls_sync_type_0 import PowerwallsSyncType0


T = TypeVar("T", bound="Powerwalls")


@_attrs_define
class Powerwalls:
    """
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
        powerwalls (list[Powerwall]): One entry per battery.
        is_on_grid (bool | Unset): Whether the site is on grid.
        phase_detection_not_available (bool | Unset): Whether this hardware cannot detect phases.
        gateway_din (str | Unset): The gateway's DIN.
        has_sync (bool | Unset): Whether a synchronizer is present.
        phase_detection_attempt (int | Unset): How many times phase detection was tried.
        sync (None | PowerwallsSyncType0 | Unset): The synchronizer; null without one.
        msa (Any | Unset): Not documented; null in every recording.
        states (Any | Unset): Not documented; null in every recording.
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
    powerwalls: list[Powerwall]
    is_on_grid: bool | Unset = UNSET
    phase_detection_not_available: bool | Unset = UNSET
    gateway_din: str | Unset = UNSET
    has_sync: bool | Unset = UNSET
    phase_detection_attempt: int | Unset = UNSET
    sync: None | PowerwallsSyncType0 | Unset = UNSET
    msa: Any | Unset = UNSET
    states: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.powerwalls_sync_type_0 import PowerwallsSyncType0

        enumerating = self.enumerating

        updating = self.updating

        checking_if_offgrid = self.checking_if_offgrid

        running_phase_detection = self.running_phase_detection

        phase_detection_last_error = self.phase_detection_last_error

        bubble_shedding = self.bubble_shedding

        on_grid_check_error = self.on_grid_check_error

        grid_qualifying = self.grid_qualifying

        grid_code_validating = self.grid_code_validating

        powerwalls = []
        for powerwalls_item_data in self.powerwalls:
            powerwalls_item = powerwalls_item_data.to_dict()
            powerwalls.append(powerwalls_item)

        is_on_grid = self.is_on_grid

        phase_detection_not_available = self.phase_detection_not_available

        gateway_din = self.gateway_din

        has_sync = self.has_sync

        phase_detection_attempt = self.phase_detection_attempt

        sync: dict[str, Any] | None | Unset
        if isinstance(self.sync, Unset):
            sync = UNSET
        elif isinstance(self.sync, PowerwallsSyncType0):
            sync = self.sync.to_dict()
        else:
            sync = self.sync

        msa = self.msa

        states = self.states

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
                "powerwalls": powerwalls,
            }
        )
        if is_on_grid is not UNSET:
            field_dict["is_on_grid"] = is_on_grid
        if phase_detection_not_available is not UNSET:
            field_dict["phase_detection_not_available"] = phase_detection_not_available
        if gateway_din is not UNSET:
            field_dict["gateway_din"] = gateway_din
        if has_sync is not UNSET:
            field_dict["has_sync"] = has_sync
        if phase_detection_attempt is not UNSET:
            field_dict["phase_detection_attempt"] = phase_detection_attempt
        if sync is not UNSET:
            field_dict["sync"] = sync
        if msa is not UNSET:
            field_dict["msa"] = msa
        if states is not UNSET:
            field_dict["states"] = states

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.powerwall import Powerwall
        from ..models.powerwalls_sync_type_0 import PowerwallsSyncType0

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

        powerwalls = []
        _powerwalls = d.pop("powerwalls")
        for powerwalls_item_data in _powerwalls:
            powerwalls_item = Powerwall.from_dict(powerwalls_item_data)

            powerwalls.append(powerwalls_item)

        is_on_grid = d.pop("is_on_grid", UNSET)

        phase_detection_not_available = d.pop("phase_detection_not_available", UNSET)

        gateway_din = d.pop("gateway_din", UNSET)

        has_sync = d.pop("has_sync", UNSET)

        phase_detection_attempt = d.pop("phase_detection_attempt", UNSET)

        def _parse_sync(data: object) -> None | PowerwallsSyncType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sync_type_0 = PowerwallsSyncType0.from_dict(data)

                return sync_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PowerwallsSyncType0 | Unset, data)

        sync = _parse_sync(d.pop("sync", UNSET))

        msa = d.pop("msa", UNSET)

        states = d.pop("states", UNSET)

        powerwalls = cls(
            enumerating=enumerating,
            updating=updating,
            checking_if_offgrid=checking_if_offgrid,
            running_phase_detection=running_phase_detection,
            phase_detection_last_error=phase_detection_last_error,
            bubble_shedding=bubble_shedding,
            on_grid_check_error=on_grid_check_error,
            grid_qualifying=grid_qualifying,
            grid_code_validating=grid_code_validating,
            powerwalls=powerwalls,
            is_on_grid=is_on_grid,
            phase_detection_not_available=phase_detection_not_available,
            gateway_din=gateway_din,
            has_sync=has_sync,
            phase_detection_attempt=phase_detection_attempt,
            sync=sync,
            msa=msa,
            states=states,
        )

        powerwalls.additional_properties = d
        return powerwalls

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
