from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GetLegalRadioResponse200Item")


@_attrs_define
class GetLegalRadioResponse200Item:
    """One radio module.

    Attributes:
        manufacturer (str): e.g. `Telit` (cellular), `Redpine` (Wi-Fi).
        model (str): e.g. `HE910-D`.
        fcc_id (str | Unset): The FCC id (USA).
        ic_id (str | Unset): The IC id (Canada).
    """

    manufacturer: str
    model: str
    fcc_id: str | Unset = UNSET
    ic_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        manufacturer = self.manufacturer

        model = self.model

        fcc_id = self.fcc_id

        ic_id = self.ic_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "manufacturer": manufacturer,
                "model": model,
            }
        )
        if fcc_id is not UNSET:
            field_dict["fcc_id"] = fcc_id
        if ic_id is not UNSET:
            field_dict["ic_id"] = ic_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        manufacturer = d.pop("manufacturer")

        model = d.pop("model")

        fcc_id = d.pop("fcc_id", UNSET)

        ic_id = d.pop("ic_id", UNSET)

        get_legal_radio_response_200_item = cls(
            manufacturer=manufacturer,
            model=model,
            fcc_id=fcc_id,
            ic_id=ic_id,
        )

        get_legal_radio_response_200_item.additional_properties = d
        return get_legal_radio_response_200_item

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
