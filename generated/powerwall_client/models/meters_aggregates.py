from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.meter_aggregate import MeterAggregate


T = TypeVar("T", bound="MetersAggregates")


@_attrs_define
class MetersAggregates:
    """The four meters of the app, and three more the seed calls unknown (always 0 there).

    Attributes:
        site (MeterAggregate): One aggregate meter of `meters/aggregates` (site, battery, load,
            solar, …), or the cached readings of one meter. W, VAr, VA, Hz, Wh,
            V, A. Sign of `instant_power` by meter: `site` + = importing from the
            grid, − = exporting; `battery` + = discharging, − = charging; `load`
            + = the home's consumption (never negative); `solar` + = production
            (a few W negative at night).
        battery (MeterAggregate): One aggregate meter of `meters/aggregates` (site, battery, load,
            solar, …), or the cached readings of one meter. W, VAr, VA, Hz, Wh,
            V, A. Sign of `instant_power` by meter: `site` + = importing from the
            grid, − = exporting; `battery` + = discharging, − = charging; `load`
            + = the home's consumption (never negative); `solar` + = production
            (a few W negative at night).
        load (MeterAggregate): One aggregate meter of `meters/aggregates` (site, battery, load,
            solar, …), or the cached readings of one meter. W, VAr, VA, Hz, Wh,
            V, A. Sign of `instant_power` by meter: `site` + = importing from the
            grid, − = exporting; `battery` + = discharging, − = charging; `load`
            + = the home's consumption (never negative); `solar` + = production
            (a few W negative at night).
        solar (MeterAggregate): One aggregate meter of `meters/aggregates` (site, battery, load,
            solar, …), or the cached readings of one meter. W, VAr, VA, Hz, Wh,
            V, A. Sign of `instant_power` by meter: `site` + = importing from the
            grid, − = exporting; `battery` + = discharging, − = charging; `load`
            + = the home's consumption (never negative); `solar` + = production
            (a few W negative at night).
        busway (MeterAggregate | Unset): One aggregate meter of `meters/aggregates` (site, battery, load,
            solar, …), or the cached readings of one meter. W, VAr, VA, Hz, Wh,
            V, A. Sign of `instant_power` by meter: `site` + = importing from the
            grid, − = exporting; `battery` + = discharging, − = charging; `load`
            + = the home's consumption (never negative); `solar` + = production
            (a few W negative at night).
        frequency (MeterAggregate | Unset): One aggregate meter of `meters/aggregates` (site, battery, load,
            solar, …), or the cached readings of one meter. W, VAr, VA, Hz, Wh,
            V, A. Sign of `instant_power` by meter: `site` + = importing from the
            grid, − = exporting; `battery` + = discharging, − = charging; `load`
            + = the home's consumption (never negative); `solar` + = production
            (a few W negative at night).
        generator (MeterAggregate | Unset): One aggregate meter of `meters/aggregates` (site, battery, load,
            solar, …), or the cached readings of one meter. W, VAr, VA, Hz, Wh,
            V, A. Sign of `instant_power` by meter: `site` + = importing from the
            grid, − = exporting; `battery` + = discharging, − = charging; `load`
            + = the home's consumption (never negative); `solar` + = production
            (a few W negative at night).
    """

    site: MeterAggregate
    battery: MeterAggregate
    load: MeterAggregate
    solar: MeterAggregate
    busway: MeterAggregate | Unset = UNSET
    frequency: MeterAggregate | Unset = UNSET
    generator: MeterAggregate | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        site = self.site.to_dict()

        battery = self.battery.to_dict()

        load = self.load.to_dict()

        solar = self.solar.to_dict()

        busway: dict[str, Any] | Unset = UNSET
        if not isinstance(self.busway, Unset):
            busway = self.busway.to_dict()

        frequency: dict[str, Any] | Unset = UNSET
        if not isinstance(self.frequency, Unset):
            frequency = self.frequency.to_dict()

        generator: dict[str, Any] | Unset = UNSET
        if not isinstance(self.generator, Unset):
            generator = self.generator.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "site": site,
                "battery": battery,
                "load": load,
                "solar": solar,
            }
        )
        if busway is not UNSET:
            field_dict["busway"] = busway
        if frequency is not UNSET:
            field_dict["frequency"] = frequency
        if generator is not UNSET:
            field_dict["generator"] = generator

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.meter_aggregate import MeterAggregate

        d = dict(src_dict)
        site = MeterAggregate.from_dict(d.pop("site"))

        battery = MeterAggregate.from_dict(d.pop("battery"))

        load = MeterAggregate.from_dict(d.pop("load"))

        solar = MeterAggregate.from_dict(d.pop("solar"))

        _busway = d.pop("busway", UNSET)
        busway: MeterAggregate | Unset
        if isinstance(_busway, Unset):
            busway = UNSET
        else:
            busway = MeterAggregate.from_dict(_busway)

        _frequency = d.pop("frequency", UNSET)
        frequency: MeterAggregate | Unset
        if isinstance(_frequency, Unset):
            frequency = UNSET
        else:
            frequency = MeterAggregate.from_dict(_frequency)

        _generator = d.pop("generator", UNSET)
        generator: MeterAggregate | Unset
        if isinstance(_generator, Unset):
            generator = UNSET
        else:
            generator = MeterAggregate.from_dict(_generator)

        meters_aggregates = cls(
            site=site,
            battery=battery,
            load=load,
            solar=solar,
            busway=busway,
            frequency=frequency,
            generator=generator,
        )

        meters_aggregates.additional_properties = d
        return meters_aggregates

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
