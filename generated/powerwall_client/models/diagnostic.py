from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.diagnostic_check import DiagnosticCheck


T = TypeVar("T", bound="Diagnostic")


@_attrs_define
class Diagnostic:
    """A diagnostic (self-test) with its checks.

    Attributes:
        name (str): e.g. `Commissioning`, `Firmware Update`.
        category (str): Open set: `InternalComms`, `Network`, `Metering`, …
        disruptive (bool): Whether running it interrupts the power flow.
        checks (list[DiagnosticCheck] | None): Its checks, in order.
        inputs (Any | Unset): Its inputs; null in every recording.
        alert (bool | Unset): Whether it raises an alert.
    """

    name: str
    category: str
    disruptive: bool
    checks: list[DiagnosticCheck] | None
    inputs: Any | Unset = UNSET
    alert: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        category = self.category

        disruptive = self.disruptive

        checks: list[dict[str, Any]] | None
        if isinstance(self.checks, list):
            checks = []
            for checks_type_0_item_data in self.checks:
                checks_type_0_item = checks_type_0_item_data.to_dict()
                checks.append(checks_type_0_item)

        else:
            checks = self.checks

        inputs = self.inputs

        alert = self.alert

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "category": category,
                "disruptive": disruptive,
                "checks": checks,
            }
        )
        if inputs is not UNSET:
            field_dict["inputs"] = inputs
        if alert is not UNSET:
            field_dict["alert"] = alert

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.diagnostic_check import DiagnosticCheck

        d = dict(src_dict)
        name = d.pop("name")

        category = d.pop("category")

        disruptive = d.pop("disruptive")

        def _parse_checks(data: object) -> list[DiagnosticCheck] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                checks_type_0 = []
                _checks_type_0 = data
                for checks_type_0_item_data in _checks_type_0:
                    checks_type_0_item = DiagnosticCheck.from_dict(
                        checks_type_0_item_data
                    )

                    checks_type_0.append(checks_type_0_item)

                return checks_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[DiagnosticCheck] | None, data)

        checks = _parse_checks(d.pop("checks"))

        inputs = d.pop("inputs", UNSET)

        alert = d.pop("alert", UNSET)

        diagnostic = cls(
            name=name,
            category=category,
            disruptive=disruptive,
            checks=checks,
            inputs=inputs,
            alert=alert,
        )

        diagnostic.additional_properties = d
        return diagnostic

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
