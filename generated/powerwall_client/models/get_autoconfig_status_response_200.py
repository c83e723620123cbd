from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GetAutoconfigStatusResponse200")


@_attrs_define
class GetAutoconfigStatusResponse200:
    """
    Attributes:
        status (str): e.g. `not_applicable`.
        running (bool): Whether automatic configuration runs.
        retry_possible (bool | Unset): Whether it can be retried.
        have_registered (bool | Unset): Whether the registration step is done.
        have_timezone (bool | Unset): Whether the time zone is set.
        have_gridcode (bool | Unset): Whether the grid code is set.
        grid_availability (str | Unset): Whether the grid is present, as the gateway words it (open set; `""` when
            unknown).
    """

    status: str
    running: bool
    retry_possible: bool | Unset = UNSET
    have_registered: bool | Unset = UNSET
    have_timezone: bool | Unset = UNSET
    have_gridcode: bool | Unset = UNSET
    grid_availability: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        running = self.running

        retry_possible = self.retry_possible

        have_registered = self.have_registered

        have_timezone = self.have_timezone

        have_gridcode = self.have_gridcode

        grid_availability = self.grid_availability

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "running": running,
            }
        )
        if retry_possible is not UNSET:
            field_dict["retry_possible"] = retry_possible
        if have_registered is not UNSET:
            field_dict["have_registered"] = have_registered
        if have_timezone is not UNSET:
            field_dict["have_timezone"] = have_timezone
        if have_gridcode is not UNSET:
            field_dict["have_gridcode"] = have_gridcode
        if grid_availability is not UNSET:
            field_dict["grid_availability"] = grid_availability

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        status = d.pop("status")

        running = d.pop("running")

        retry_possible = d.pop("retry_possible", UNSET)

        have_registered = d.pop("have_registered", UNSET)

        have_timezone = d.pop("have_timezone", UNSET)

        have_gridcode = d.pop("have_gridcode", UNSET)

        grid_availability = d.pop("grid_availability", UNSET)

        get_autoconfig_status_response_200 = cls(
            status=status,
            running=running,
            retry_possible=retry_possible,
            have_registered=have_registered,
            have_timezone=have_timezone,
            have_gridcode=have_gridcode,
            grid_availability=grid_availability,
        )

        get_autoconfig_status_response_200.additional_properties = d
        return get_autoconfig_status_response_200

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
