from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.grid_compliance import GridCompliance
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.diagnostic import Diagnostic


T = TypeVar("T", bound="Powerwall")


@_attrs_define
class Powerwall:
    """One battery.

    Attributes:
        package_part_number (str): Part number, e.g. `1092170-03-E` (AC Powerwall 2).
        package_serial_number (str): Serial number (the topic key of its readings).
        type_ (str): Open set: `ACPW`, `acpw`, …
        grid_state (GridCompliance | str): The battery's view of the grid; `""` when the battery does not report it
            (this broke Home Assistant).
        grid_reconnection_time_seconds (float): Seconds until the battery reconnects to the grid.
        under_phase_detection (bool): Whether phase detection runs on this battery.
        updating (bool): Whether its firmware is being updated.
        commissioning_diagnostic (Diagnostic): A diagnostic (self-test) with its checks.
        update_diagnostic (Diagnostic): A diagnostic (self-test) with its checks.
        Type (str | Unset): The pack type; `""` on every recording so far.
        bc_type (None | str | Unset): Battery controller type; null in every recording.
        in_config (bool | Unset): Whether the battery is in the site's configuration.
    """

    package_part_number: str
    package_serial_number: str
    type_: str
    grid_state: GridCompliance | str
    grid_reconnection_time_seconds: float
    under_phase_detection: bool
    updating: bool
    commissioning_diagnostic: Diagnostic
    update_diagnostic: Diagnostic
    Type: str | Unset = UNSET
    bc_type: None | str | Unset = UNSET
    in_config: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        package_part_number = self.package_part_number

        package_serial_number = self.package_serial_number

        type_ = self.type_

        grid_state: str
        if isinstance(self.grid_state, GridCompliance):
            grid_state = self.grid_state.value
        else:
            grid_state = self.grid_state

        grid_reconnection_time_seconds = self.grid_reconnection_time_seconds

        under_phase_detection = self.under_phase_detection

        updating = self.updating

        commissioning_diagnostic = self.commissioning_diagnostic.to_dict()

        update_diagnostic = self.update_diagnostic.to_dict()

        Type = self.Type

        bc_type: None | str | Unset
        if isinstance(self.bc_type, Unset):
            bc_type = UNSET
        else:
            bc_type = self.bc_type

        in_config = self.in_config

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "PackagePartNumber": package_part_number,
                "PackageSerialNumber": package_serial_number,
                "type": type_,
                "grid_state": grid_state,
                "grid_reconnection_time_seconds": grid_reconnection_time_seconds,
                "under_phase_detection": under_phase_detection,
                "updating": updating,
                "commissioning_diagnostic": commissioning_diagnostic,
                "update_diagnostic": update_diagnostic,
            }
        )
        if Type is not UNSET:
            field_dict["Type"] = Type
        if bc_type is not UNSET:
            field_dict["bc_type"] = bc_type
        if in_config is not UNSET:
            field_dict["in_config"] = in_config

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.diagnostic import Diagnostic

        d = dict(src_dict)
        package_part_number = d.pop("PackagePartNumber")

        package_serial_number = d.pop("PackageSerialNumber")

        type_ = d.pop("type")

        def _parse_grid_state(data: object) -> GridCompliance | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                grid_state_type_0 = GridCompliance(data)

                return grid_state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GridCompliance | str, data)

        grid_state = _parse_grid_state(d.pop("grid_state"))

        grid_reconnection_time_seconds = d.pop("grid_reconnection_time_seconds")

        under_phase_detection = d.pop("under_phase_detection")

        updating = d.pop("updating")

        commissioning_diagnostic = Diagnostic.from_dict(
            d.pop("commissioning_diagnostic")
        )

        update_diagnostic = Diagnostic.from_dict(d.pop("update_diagnostic"))

        Type = d.pop("Type", UNSET)

        def _parse_bc_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bc_type = _parse_bc_type(d.pop("bc_type", UNSET))

        in_config = d.pop("in_config", UNSET)

        powerwall = cls(
            package_part_number=package_part_number,
            package_serial_number=package_serial_number,
            type_=type_,
            grid_state=grid_state,
            grid_reconnection_time_seconds=grid_reconnection_time_seconds,
            under_phase_detection=under_phase_detection,
            updating=updating,
            commissioning_diagnostic=commissioning_diagnostic,
            update_diagnostic=update_diagnostic,
            Type=Type,
            bc_type=bc_type,
            in_config=in_config,
        )

        powerwall.additional_properties = d
        return powerwall

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
