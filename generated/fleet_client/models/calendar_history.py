from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.calendar_history_time_series_item import CalendarHistoryTimeSeriesItem


T = TypeVar("T", bound="CalendarHistory")


@_attrs_define
class CalendarHistory:
    """
    Attributes:
        serial_number (str | Unset):
        period (str | Unset):
        installation_time_zone (str | Unset):
        time_series (list[CalendarHistoryTimeSeriesItem] | Unset):
    """

    serial_number: str | Unset = UNSET
    period: str | Unset = UNSET
    installation_time_zone: str | Unset = UNSET
    time_series: list[CalendarHistoryTimeSeriesItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        serial_number = self.serial_number

        period = self.period

        installation_time_zone = self.installation_time_zone

        time_series: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.time_series, Unset):
            time_series = []
            for time_series_item_data in self.time_series:
                time_series_item = time_series_item_data.to_dict()
                time_series.append(time_series_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if serial_number is not UNSET:
            field_dict["serial_number"] = serial_number
        if period is not UNSET:
            field_dict["period"] = period
        if installation_time_zone is not UNSET:
            field_dict["installation_time_zone"] = installation_time_zone
        if time_series is not UNSET:
            field_dict["time_series"] = time_series

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.calendar_history_time_series_item import (
            CalendarHistoryTimeSeriesItem,
        )

        d = dict(src_dict)
        serial_number = d.pop("serial_number", UNSET)

        period = d.pop("period", UNSET)

        installation_time_zone = d.pop("installation_time_zone", UNSET)

        _time_series = d.pop("time_series", UNSET)
        time_series: list[CalendarHistoryTimeSeriesItem] | Unset = UNSET
        if _time_series is not UNSET:
            time_series = []
            for time_series_item_data in _time_series:
                time_series_item = CalendarHistoryTimeSeriesItem.from_dict(
                    time_series_item_data
                )

                time_series.append(time_series_item)

        calendar_history = cls(
            serial_number=serial_number,
            period=period,
            installation_time_zone=installation_time_zone,
            time_series=time_series,
        )

        calendar_history.additional_properties = d
        return calendar_history

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
