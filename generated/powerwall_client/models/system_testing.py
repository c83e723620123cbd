from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.system_testing_meter_results_type_0_item_item import (
        SystemTestingMeterResultsType0ItemItem,
    )


T = TypeVar("T", bound="SystemTesting")


@_attrs_define
class SystemTesting:
    """The last commissioning self-test. The seeds show a short form (`running`, `hysteresis`, `error`, `errors`, `tests`)
    and a full one.

        Attributes:
            running (bool): Whether the test runs now.
            hysteresis (float): The tolerance of the test as a fraction (0.05 = 5 %) (inferred from the seed's value).
            error (str): Why the test failed; `""` without an error.
            errors (list[Any] | None): Errors of the test; null without any.
            tests (list[Any] | None): The tests run; null in every recording.
            status (str | Unset): Open set: `TestNotRun`, `TestPassed`, …
            charge_tests (list[float] | None | Unset): The battery powers the test stepped through, W (the seed: 0, −1000,
                −2000, −1000, 0).
            meter_results (list[list[SystemTestingMeterResultsType0ItemItem]] | None | Unset): What each CT measured at each
                step of `charge_tests`.
            inverter_results (list[Any] | None | Unset): Inverter results; null in every recording.
    """

    running: bool
    hysteresis: float
    error: str
    errors: list[Any] | None
    tests: list[Any] | None
    status: str | Unset = UNSET
    charge_tests: list[float] | None | Unset = UNSET
    meter_results: list[list[SystemTestingMeterResultsType0ItemItem]] | None | Unset = (
        UNSET
    )
    inverter_results: list[Any] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        running = self.running

        hysteresis = self.hysteresis

        error = self.error

        errors: list[Any] | None
        if isinstance(self.errors, list):
            errors = self.errors

        else:
            errors = self.errors

        tests: list[Any] | None
        if isinstance(self.tests, list):
            tests = self.tests

        else:
            tests = self.tests

        status = self.status

        charge_tests: list[float] | None | Unset
        if isinstance(self.charge_tests, Unset):
            charge_tests = UNSET
        elif isinstance(self.charge_tests, list):
            charge_tests = self.charge_tests

        else:
            charge_tests = self.charge_tests

        meter_results: list[list[dict[str, Any]]] | None | Unset
        if isinstance(self.meter_results, Unset):
            meter_results = UNSET
        elif isinstance(self.meter_results, list):
            meter_results = []
            for meter_results_type_0_item_data in self.meter_results:
                meter_results_type_0_item = []
                for (
                    meter_results_type_0_item_item_data
                ) in meter_results_type_0_item_data:
                    meter_results_type_0_item_item = (
                        meter_results_type_0_item_item_data.to_dict()
                    )
                    meter_results_type_0_item.append(meter_results_type_0_item_item)

                meter_results.append(meter_results_type_0_item)

        else:
            meter_results = self.meter_results

        inverter_results: list[Any] | None | Unset
        if isinstance(self.inverter_results, Unset):
            inverter_results = UNSET
        elif isinstance(self.inverter_results, list):
            inverter_results = self.inverter_results

        else:
            inverter_results = self.inverter_results

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "running": running,
                "hysteresis": hysteresis,
                "error": error,
                "errors": errors,
                "tests": tests,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status
        if charge_tests is not UNSET:
            field_dict["charge_tests"] = charge_tests
        if meter_results is not UNSET:
            field_dict["meter_results"] = meter_results
        if inverter_results is not UNSET:
            field_dict["inverter_results"] = inverter_results

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.system_testing_meter_results_type_0_item_item import (
            SystemTestingMeterResultsType0ItemItem,
        )

        d = dict(src_dict)
        running = d.pop("running")

        hysteresis = d.pop("hysteresis")

        error = d.pop("error")

        def _parse_errors(data: object) -> list[Any] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                errors_type_0 = cast(list[Any], data)

                return errors_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Any] | None, data)

        errors = _parse_errors(d.pop("errors"))

        def _parse_tests(data: object) -> list[Any] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tests_type_0 = cast(list[Any], data)

                return tests_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Any] | None, data)

        tests = _parse_tests(d.pop("tests"))

        status = d.pop("status", UNSET)

        def _parse_charge_tests(data: object) -> list[float] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                charge_tests_type_0 = cast(list[float], data)

                return charge_tests_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float] | None | Unset, data)

        charge_tests = _parse_charge_tests(d.pop("charge_tests", UNSET))

        def _parse_meter_results(
            data: object,
        ) -> list[list[SystemTestingMeterResultsType0ItemItem]] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                meter_results_type_0 = []
                _meter_results_type_0 = data
                for meter_results_type_0_item_data in _meter_results_type_0:
                    meter_results_type_0_item = []
                    _meter_results_type_0_item = meter_results_type_0_item_data
                    for (
                        meter_results_type_0_item_item_data
                    ) in _meter_results_type_0_item:
                        meter_results_type_0_item_item = (
                            SystemTestingMeterResultsType0ItemItem.from_dict(
                                meter_results_type_0_item_item_data
                            )
                        )

                        meter_results_type_0_item.append(meter_results_type_0_item_item)

                    meter_results_type_0.append(meter_results_type_0_item)

                return meter_results_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                list[list[SystemTestingMeterResultsType0ItemItem]] | None | Unset, data
            )

        meter_results = _parse_meter_results(d.pop("meter_results", UNSET))

        def _parse_inverter_results(data: object) -> list[Any] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                inverter_results_type_0 = cast(list[Any], data)

                return inverter_results_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Any] | None | Unset, data)

        inverter_results = _parse_inverter_results(d.pop("inverter_results", UNSET))

        system_testing = cls(
            running=running,
            hysteresis=hysteresis,
            error=error,
            errors=errors,
            tests=tests,
            status=status,
            charge_tests=charge_tests,
            meter_results=meter_results,
            inverter_results=inverter_results,
        )

        system_testing.additional_properties = d
        return system_testing

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
