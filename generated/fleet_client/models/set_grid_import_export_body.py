from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.export_rule import ExportRule
from ..types import UNSET, Unset

T = TypeVar("T", bound="SetGridImportExportBody")


@_attrs_define
class SetGridImportExportBody:
    """
    Attributes:
        disallow_charge_from_grid_with_solar_installed (bool | Unset): true = the battery does not charge from the grid.
        customer_preferred_export_rule (ExportRule | Unset): What may be exported to the grid (open set).
    """

    disallow_charge_from_grid_with_solar_installed: bool | Unset = UNSET
    customer_preferred_export_rule: ExportRule | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        disallow_charge_from_grid_with_solar_installed = (
            self.disallow_charge_from_grid_with_solar_installed
        )

        customer_preferred_export_rule: str | Unset = UNSET
        if not isinstance(self.customer_preferred_export_rule, Unset):
            customer_preferred_export_rule = self.customer_preferred_export_rule.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if disallow_charge_from_grid_with_solar_installed is not UNSET:
            field_dict["disallow_charge_from_grid_with_solar_installed"] = (
                disallow_charge_from_grid_with_solar_installed
            )
        if customer_preferred_export_rule is not UNSET:
            field_dict["customer_preferred_export_rule"] = (
                customer_preferred_export_rule
            )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        disallow_charge_from_grid_with_solar_installed = d.pop(
            "disallow_charge_from_grid_with_solar_installed", UNSET
        )

        _customer_preferred_export_rule = d.pop("customer_preferred_export_rule", UNSET)
        customer_preferred_export_rule: ExportRule | Unset
        if isinstance(_customer_preferred_export_rule, Unset):
            customer_preferred_export_rule = UNSET
        else:
            customer_preferred_export_rule = ExportRule(_customer_preferred_export_rule)

        set_grid_import_export_body = cls(
            disallow_charge_from_grid_with_solar_installed=disallow_charge_from_grid_with_solar_installed,
            customer_preferred_export_rule=customer_preferred_export_rule,
        )

        set_grid_import_export_body.additional_properties = d
        return set_grid_import_export_body

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
