from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.system_testing_meter_results_type_0_item_item import (
        SystemTestingMeterResultsType0ItemItem,
    )


T = TypeVar("T", bound="SystemTesting")


@_attrs_define
class SystemTesting:
    """
    Attributes:
        running (bool):
        status (str): e.g. `TestNotRun`, `TestPassed`.
        charge_tests (list[float] | None):
        meter_results (list[list[SystemTestingMeterResultsType0ItemItem]] | None):
        inverter_results (list[Any] | None):
        hysteresis (float):
        error (str):
        errors (list[Any] | None):
        tests (list[Any] | None):
    """

    running: bool
    status: str
    charge_tests: list[float] | None
    meter_results: list[list[SystemTestingMeterResultsType0ItemItem]] | None
    inverter_results: list[Any] | None
    hysteresis: float
    error: str
    errors: list[Any] | None
    tests: list[Any] | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        running = self.running

        status = self.status

        charge_tests: list[float] | None
        if isinstance(self.charge_tests, list):
            charge_tests = self.charge_tests

        else:
            charge_tests = self.charge_tests

        meter_results: list[list[dict[str, Any]]] | None
        if isinstance(self.meter_results, list):
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

        inverter_results: list[Any] | None
        if isinstance(self.inverter_results, list):
            inverter_results = self.inverter_results

        else:
            inverter_results = self.inverter_results

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "running": running,
                "status": status,
                "charge_tests": charge_tests,
                "meter_results": meter_results,
                "inverter_results": inverter_results,
                "hysteresis": hysteresis,
                "error": error,
                "errors": errors,
                "tests": tests,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.system_testing_meter_results_type_0_item_item import (
            SystemTestingMeterResultsType0ItemItem,
        )

        d = dict(src_dict)
        running = d.pop("running")

        status = d.pop("status")

        def _parse_charge_tests(data: object) -> list[float] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                charge_tests_type_0 = cast(list[float], data)

                return charge_tests_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float] | None, data)

        charge_tests = _parse_charge_tests(d.pop("charge_tests"))

        def _parse_meter_results(
            data: object,
        ) -> list[list[SystemTestingMeterResultsType0ItemItem]] | None:
            if data is None:
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
            return cast(list[list[SystemTestingMeterResultsType0ItemItem]] | None, data)

        meter_results = _parse_meter_results(d.pop("meter_results"))

        def _parse_inverter_results(data: object) -> list[Any] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                inverter_results_type_0 = cast(list[Any], data)

                return inverter_results_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Any] | None, data)

        inverter_results = _parse_inverter_results(d.pop("inverter_results"))

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

        system_testing = cls(
            running=running,
            status=status,
            charge_tests=charge_tests,
            meter_results=meter_results,
            inverter_results=inverter_results,
            hysteresis=hysteresis,
            error=error,
            errors=errors,
            tests=tests,
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
