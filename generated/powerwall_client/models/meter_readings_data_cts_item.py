from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MeterReadingsDataCtsItem")


@_attrs_define
class MeterReadingsDataCtsItem:
    """
    Attributes:
        ct (int): The CT input, from 1.
        v_v (float): Voltage at this CT, V.
        p_w (float): Real power through this CT, W; both signs occur in the seeds' example, and the sign convention is
            not documented (a CT's `inverted` flag in `GET /api/meters` flips it).
        q_var (float): Reactive power through this CT, VAr.
        e_exp_ws (float): Lifetime energy exported through this CT in watt-seconds (not Wh: divide by 3600 for Wh); only
            grows.
        e_imp_ws (float): Lifetime energy imported through this CT in watt-seconds (not Wh: divide by 3600 for Wh); only
            grows.
        i_a (float | Unset): Current through this CT, A.
    """

    ct: int
    v_v: float
    p_w: float
    q_var: float
    e_exp_ws: float
    e_imp_ws: float
    i_a: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ct = self.ct

        v_v = self.v_v

        p_w = self.p_w

        q_var = self.q_var

        e_exp_ws = self.e_exp_ws

        e_imp_ws = self.e_imp_ws

        i_a = self.i_a

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ct": ct,
                "v_V": v_v,
                "p_W": p_w,
                "q_VAR": q_var,
                "eExp_Ws": e_exp_ws,
                "eImp_Ws": e_imp_ws,
            }
        )
        if i_a is not UNSET:
            field_dict["i_A"] = i_a

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ct = d.pop("ct")

        v_v = d.pop("v_V")

        p_w = d.pop("p_W")

        q_var = d.pop("q_VAR")

        e_exp_ws = d.pop("eExp_Ws")

        e_imp_ws = d.pop("eImp_Ws")

        i_a = d.pop("i_A", UNSET)

        meter_readings_data_cts_item = cls(
            ct=ct,
            v_v=v_v,
            p_w=p_w,
            q_var=q_var,
            e_exp_ws=e_exp_ws,
            e_imp_ws=e_imp_ws,
            i_a=i_a,
        )

        meter_readings_data_cts_item.additional_properties = d
        return meter_readings_data_cts_item

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
