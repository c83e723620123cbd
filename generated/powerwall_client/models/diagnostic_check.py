from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.check_status import CheckStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.diagnostic_check_checks_type_0_item import (
        DiagnosticCheckChecksType0Item,
    )
    from ..models.diagnostic_check_debug_type_0 import DiagnosticCheckDebugType0
    from ..models.diagnostic_check_results_type_0 import DiagnosticCheckResultsType0


T = TypeVar("T", bound="DiagnosticCheck")


@_attrs_define
class DiagnosticCheck:
    """One check of a diagnostic.

    Attributes:
        name (str): e.g. `CAN connectivity`, `Grid code`.
        status (CheckStatus | str): Where the check stands.
        start_time (None | str | Unset): When it started (RFC 3339); null before.
        end_time (None | str | Unset): When it ended (RFC 3339); null before.
        message (str | Unset): What it found, for people.
        progress (float | Unset): How far it is, percent (inferred from the name).
        results (DiagnosticCheckResultsType0 | None | Unset): Its results; null before it ran. An open map: the 21.39.1
            recording with the sitemaster stopped has `/etc/commit`, `SYNC.git_hash`, `readyForFWUpdate`.
        debug (DiagnosticCheckDebugType0 | None | Unset): Debug details; null without any. An open map.
        checks (list[DiagnosticCheckChecksType0Item] | None | Unset): Nested checks (never seen non-null).
    """

    name: str
    status: CheckStatus | str
    start_time: None | str | Unset = UNSET
    end_time: None | str | Unset = UNSET
    message: str | Unset = UNSET
    progress: float | Unset = UNSET
    results: DiagnosticCheckResultsType0 | None | Unset = UNSET
    debug: DiagnosticCheckDebugType0 | None | Unset = UNSET
    checks: list[DiagnosticCheckChecksType0Item] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.diagnostic_check_debug_type_0 import DiagnosticCheckDebugType0
        from ..models.diagnostic_check_results_type_0 import DiagnosticCheckResultsType0

        name = self.name

        status: str
        if isinstance(self.status, CheckStatus):
            status = self.status.value
        else:
            status = self.status

        start_time: None | str | Unset
        if isinstance(self.start_time, Unset):
            start_time = UNSET
        else:
            start_time = self.start_time

        end_time: None | str | Unset
        if isinstance(self.end_time, Unset):
            end_time = UNSET
        else:
            end_time = self.end_time

        message = self.message

        progress = self.progress

        results: dict[str, Any] | None | Unset
        if isinstance(self.results, Unset):
            results = UNSET
        elif isinstance(self.results, DiagnosticCheckResultsType0):
            results = self.results.to_dict()
        else:
            results = self.results

        debug: dict[str, Any] | None | Unset
        if isinstance(self.debug, Unset):
            debug = UNSET
        elif isinstance(self.debug, DiagnosticCheckDebugType0):
            debug = self.debug.to_dict()
        else:
            debug = self.debug

        checks: list[dict[str, Any]] | None | Unset
        if isinstance(self.checks, Unset):
            checks = UNSET
        elif isinstance(self.checks, list):
            checks = []
            for checks_type_0_item_data in self.checks:
                checks_type_0_item = checks_type_0_item_data.to_dict()
                checks.append(checks_type_0_item)

        else:
            checks = self.checks

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "status": status,
            }
        )
        if start_time is not UNSET:
            field_dict["start_time"] = start_time
        if end_time is not UNSET:
            field_dict["end_time"] = end_time
        if message is not UNSET:
            field_dict["message"] = message
        if progress is not UNSET:
            field_dict["progress"] = progress
        if results is not UNSET:
            field_dict["results"] = results
        if debug is not UNSET:
            field_dict["debug"] = debug
        if checks is not UNSET:
            field_dict["checks"] = checks

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.diagnostic_check_checks_type_0_item import (
            DiagnosticCheckChecksType0Item,
        )
        from ..models.diagnostic_check_debug_type_0 import DiagnosticCheckDebugType0
        from ..models.diagnostic_check_results_type_0 import DiagnosticCheckResultsType0

        d = dict(src_dict)
        name = d.pop("name")

        def _parse_status(data: object) -> CheckStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = CheckStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CheckStatus | str, data)

        status = _parse_status(d.pop("status"))

        def _parse_start_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        start_time = _parse_start_time(d.pop("start_time", UNSET))

        def _parse_end_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        end_time = _parse_end_time(d.pop("end_time", UNSET))

        message = d.pop("message", UNSET)

        progress = d.pop("progress", UNSET)

        def _parse_results(data: object) -> DiagnosticCheckResultsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                results_type_0 = DiagnosticCheckResultsType0.from_dict(data)

                return results_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DiagnosticCheckResultsType0 | None | Unset, data)

        results = _parse_results(d.pop("results", UNSET))

        def _parse_debug(data: object) -> DiagnosticCheckDebugType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                debug_type_0 = DiagnosticCheckDebugType0.from_dict(data)

                return debug_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DiagnosticCheckDebugType0 | None | Unset, data)

        debug = _parse_debug(d.pop("debug", UNSET))

        def _parse_checks(
            data: object,
        ) -> list[DiagnosticCheckChecksType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                checks_type_0 = []
                _checks_type_0 = data
                for checks_type_0_item_data in _checks_type_0:
                    checks_type_0_item = DiagnosticCheckChecksType0Item.from_dict(
                        checks_type_0_item_data
                    )

                    checks_type_0.append(checks_type_0_item)

                return checks_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[DiagnosticCheckChecksType0Item] | None | Unset, data)

        checks = _parse_checks(d.pop("checks", UNSET))

        diagnostic_check = cls(
            name=name,
            status=status,
            start_time=start_time,
            end_time=end_time,
            message=message,
            progress=progress,
            results=results,
            debug=debug,
            checks=checks,
        )

        diagnostic_check.additional_properties = d
        return diagnostic_check

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
