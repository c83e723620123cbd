from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.conn_tests_results_results_type_0 import ConnTestsResultsResultsType0


T = TypeVar("T", bound="ConnTestsResults")


@_attrs_define
class ConnTestsResults:
    """The seeds' answer of `POST /api/system/networks/conn_tests`: null results while the test runs.

    Attributes:
        results (ConnTestsResultsResultsType0 | None): Test name (`Config Syncer Test`, `Hermes Status Test`, …) → its
            result; null while the test runs.
        timestamp (str): When the tests ended (RFC 3339 with nanoseconds); `0001-01-01T00:00:00Z` while running.
    """

    results: ConnTestsResultsResultsType0 | None
    timestamp: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.conn_tests_results_results_type_0 import (
            ConnTestsResultsResultsType0,
        )

        results: dict[str, Any] | None
        if isinstance(self.results, ConnTestsResultsResultsType0):
            results = self.results.to_dict()
        else:
            results = self.results

        timestamp = self.timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "results": results,
                "timestamp": timestamp,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.conn_tests_results_results_type_0 import (
            ConnTestsResultsResultsType0,
        )

        d = dict(src_dict)

        def _parse_results(data: object) -> ConnTestsResultsResultsType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                results_type_0 = ConnTestsResultsResultsType0.from_dict(data)

                return results_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConnTestsResultsResultsType0 | None, data)

        results = _parse_results(d.pop("results"))

        timestamp = d.pop("timestamp")

        conn_tests_results = cls(
            results=results,
            timestamp=timestamp,
        )

        conn_tests_results.additional_properties = d
        return conn_tests_results

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
