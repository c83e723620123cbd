from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ct_type import CtType

if TYPE_CHECKING:
    from ..models.meter_aggregate import MeterAggregate
    from ..models.meter_detail_connection import MeterDetailConnection


T = TypeVar("T", bound="MeterDetail")


@_attrs_define
class MeterDetail:
    """One meter with its configuration and cached readings (meters/site, meters/solar).

    Attributes:
        id (int): The meter's index on the gateway.
        location (CtType | str): What the meter measures.
        type_ (str): Open set, e.g. `neurio_tcp`.
        cts (list[bool]): One flag per CT input; true where it is used.
        inverted (list[bool]): One flag per CT input; true where its sign is flipped.
        connection (MeterDetailConnection): How the gateway reaches the meter.
        cached_readings (MeterAggregate): One aggregate meter of `meters/aggregates` (site, battery, load,
            solar, …), or the cached readings of one meter. W, VAr, VA, Hz, Wh,
            V, A. Sign of `instant_power` by meter: `site` + = importing from the
            grid, − = exporting; `battery` + = discharging, − = charging; `load`
            + = the home's consumption (never negative); `solar` + = production
            (a few W negative at night).
    """

    id: int
    location: CtType | str
    type_: str
    cts: list[bool]
    inverted: list[bool]
    connection: MeterDetailConnection
    cached_readings: MeterAggregate
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        location: str
        if isinstance(self.location, CtType):
            location = self.location.value
        else:
            location = self.location

        type_ = self.type_

        cts = self.cts

        inverted = self.inverted

        connection = self.connection.to_dict()

        cached_readings = self.cached_readings.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "location": location,
                "type": type_,
                "cts": cts,
                "inverted": inverted,
                "connection": connection,
                "Cached_readings": cached_readings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.meter_aggregate import MeterAggregate
        from ..models.meter_detail_connection import MeterDetailConnection

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_location(data: object) -> CtType | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                location_type_0 = CtType(data)

                return location_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CtType | str, data)

        location = _parse_location(d.pop("location"))

        type_ = d.pop("type")

        cts = cast(list[bool], d.pop("cts"))

        inverted = cast(list[bool], d.pop("inverted"))

        connection = MeterDetailConnection.from_dict(d.pop("connection"))

        cached_readings = MeterAggregate.from_dict(d.pop("Cached_readings"))

        meter_detail = cls(
            id=id,
            location=location,
            type_=type_,
            cts=cts,
            inverted=inverted,
            connection=connection,
            cached_readings=cached_readings,
        )

        meter_detail.additional_properties = d
        return meter_detail

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
