from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.grid_status import GridStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="GetSystemStatusGridStatusResponse200")


@_attrs_define
class GetSystemStatusGridStatusResponse200:
    """
    Attributes:
        grid_status (GridStatus | str): On grid (`SystemGridConnected`), off grid (`SystemIslandedActive`), or on the
            way between.
        grid_services_active (bool | Unset): Whether the batteries serve the grid operator now.
    """

    grid_status: GridStatus | str
    grid_services_active: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        grid_status: str
        if isinstance(self.grid_status, GridStatus):
            grid_status = self.grid_status.value
        else:
            grid_status = self.grid_status

        grid_services_active = self.grid_services_active

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "grid_status": grid_status,
            }
        )
        if grid_services_active is not UNSET:
            field_dict["grid_services_active"] = grid_services_active

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_grid_status(data: object) -> GridStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                grid_status_type_0 = GridStatus(data)

                return grid_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GridStatus | str, data)

        grid_status = _parse_grid_status(d.pop("grid_status"))

        grid_services_active = d.pop("grid_services_active", UNSET)

        get_system_status_grid_status_response_200 = cls(
            grid_status=grid_status,
            grid_services_active=grid_services_active,
        )

        get_system_status_grid_status_response_200.additional_properties = d
        return get_system_status_grid_status_response_200

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
