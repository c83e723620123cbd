from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.results_and_a_timestamp_the_seeds_older_firmware_results_type_0 import (
        ResultsAndATimestampTheSeedsOlderFirmwareResultsType0,
    )


T = TypeVar("T", bound="ResultsAndATimestampTheSeedsOlderFirmware")


@_attrs_define
class ResultsAndATimestampTheSeedsOlderFirmware:
    """The seeds' answer of `POST /api/system/networks/conn_tests`: null results while the test runs.

    Attributes:
        results (None | ResultsAndATimestampTheSeedsOlderFirmwareResultsType0): Test name (`Config Syncer Test`, `Hermes
            Status Test`, …) → its result; null while the test runs.
        timestamp (str): When the tests ended (RFC 3339 with nanoseconds); `0001-01-01T00:00:00Z` while running.
    """

    results: None | ResultsAndATimestampTheSeedsOlderFirmwareResultsType0
    timestamp: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.results_and_a_timestamp_the_seeds_older_firmware_results_type_0 import (
            ResultsAndATimestampTheSeedsOlderFirmwareResultsType0,
        )

        results: dict[str, Any] | None
        if isinstance(
            self.results, ResultsAndATimestampTheSeedsOlderFirmwareResultsType0
        ):
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
        from ..models.results_and_a_timestamp_the_seeds_older_firmware_results_type_0 import (
            ResultsAndATimestampTheSeedsOlderFirmwareResultsType0,
        )

        d = dict(src_dict)

        def _parse_results(
            data: object,
        ) -> None | ResultsAndATimestampTheSeedsOlderFirmwareResultsType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                results_type_0 = (
                    ResultsAndATimestampTheSeedsOlderFirmwareResultsType0.from_dict(
                        data
                    )
                )

                return results_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                None | ResultsAndATimestampTheSeedsOlderFirmwareResultsType0, data
            )

        results = _parse_results(d.pop("results"))

        timestamp = d.pop("timestamp")

        results_and_a_timestamp_the_seeds_older_firmware = cls(
            results=results,
            timestamp=timestamp,
        )

        results_and_a_timestamp_the_seeds_older_firmware.additional_properties = d
        return results_and_a_timestamp_the_seeds_older_firmware

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
