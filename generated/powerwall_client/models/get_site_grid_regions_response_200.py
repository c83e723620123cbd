from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.get_site_grid_regions_response_200_grid_code_settings import (
        GetSiteGridRegionsResponse200GridCodeSettings,
    )


T = TypeVar("T", bound="GetSiteGridRegionsResponse200")


@_attrs_define
class GetSiteGridRegionsResponse200:
    """
    Attributes:
        regions (str): CSV with header `grid_code,country,state,distributor,utility,retailer,standard`.
        grid_code_settings (GetSiteGridRegionsResponse200GridCodeSettings | Unset): Grid code → its settings, with the
            points an installer may customise.
    """

    regions: str
    grid_code_settings: GetSiteGridRegionsResponse200GridCodeSettings | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        regions = self.regions

        grid_code_settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.grid_code_settings, Unset):
            grid_code_settings = self.grid_code_settings.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "regions": regions,
            }
        )
        if grid_code_settings is not UNSET:
            field_dict["grid_code_settings"] = grid_code_settings

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.get_site_grid_regions_response_200_grid_code_settings import (
            GetSiteGridRegionsResponse200GridCodeSettings,
        )

        d = dict(src_dict)
        regions = d.pop("regions")

        _grid_code_settings = d.pop("grid_code_settings", UNSET)
        grid_code_settings: GetSiteGridRegionsResponse200GridCodeSettings | Unset
        if isinstance(_grid_code_settings, Unset):
            grid_code_settings = UNSET
        else:
            grid_code_settings = (
                GetSiteGridRegionsResponse200GridCodeSettings.from_dict(
                    _grid_code_settings
                )
            )

        get_site_grid_regions_response_200 = cls(
            regions=regions,
            grid_code_settings=grid_code_settings,
        )

        get_site_grid_regions_response_200.additional_properties = d
        return get_site_grid_regions_response_200

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
