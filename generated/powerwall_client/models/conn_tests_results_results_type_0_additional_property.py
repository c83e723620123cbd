from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConnTestsResultsResultsType0AdditionalProperty")


@_attrs_define
class ConnTestsResultsResultsType0AdditionalProperty:
    """One test's result.

    Attributes:
        pass_ (bool | Unset): Whether the test passed.
        error (str | Unset): Why it failed; `""` when it passed.
    """

    pass_: bool | Unset = UNSET
    error: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pass_ = self.pass_

        error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if pass_ is not UNSET:
            field_dict["pass"] = pass_
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        pass_ = d.pop("pass", UNSET)

        error = d.pop("error", UNSET)

        conn_tests_results_results_type_0_additional_property = cls(
            pass_=pass_,
            error=error,
        )

        conn_tests_results_results_type_0_additional_property.additional_properties = d
        return conn_tests_results_results_type_0_additional_property

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
