from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ct_type import CtType
from ..types import UNSET, Unset

T = TypeVar("T", bound="MeterCt")


@_attrs_define
class MeterCt:
    """One measuring role of a meter and which of its CT inputs serve it.

    Attributes:
        type_ (CtType | str): What these CTs measure.
        valid (list[bool]): One flag per CT input; true where the input serves this role.
        inverted (list[bool]): One flag per CT input; true where the input is wired reversed and its sign flipped.
        real_power_scale_factor (float | Unset): Factor applied to the CTs' real power (inferred from the name; 1 or 2
            in the recordings).
    """

    type_: CtType | str
    valid: list[bool]
    inverted: list[bool]
    real_power_scale_factor: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str
        if isinstance(self.type_, CtType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        valid = self.valid

        inverted = self.inverted

        real_power_scale_factor = self.real_power_scale_factor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "valid": valid,
                "inverted": inverted,
            }
        )
        if real_power_scale_factor is not UNSET:
            field_dict["real_power_scale_factor"] = real_power_scale_factor

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_type_(data: object) -> CtType | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                type_type_0 = CtType(data)

                return type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CtType | str, data)

        type_ = _parse_type_(d.pop("type"))

        valid = cast(list[bool], d.pop("valid"))

        inverted = cast(list[bool], d.pop("inverted"))

        real_power_scale_factor = d.pop("real_power_scale_factor", UNSET)

        meter_ct = cls(
            type_=type_,
            valid=valid,
            inverted=inverted,
            real_power_scale_factor=real_power_scale_factor,
        )

        meter_ct.additional_properties = d
        return meter_ct

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
