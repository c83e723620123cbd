from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GridFault")


@_attrs_define
class GridFault:
    """One grid fault or warning a battery inverter raised.

    Attributes:
        timestamp (int): When it happened: milliseconds since the Unix epoch.
        alert_name (str): e.g. `PINV_a006_vfCheckUnderFrequency`.
        alert_is_fault (bool): true for a fault, false for a warning.
        decoded_alert (str | Unset): JSON inside a string: a list of `{name, value, units?}`, e.g. the frequency that
            tripped it.
        alert_raw (int | Unset): The alert as the inverter encoded it.
        git_hash (str | Unset): The firmware revision that raised it.
        site_uid (str | Unset): The site's id.
        ecu_type (str | Unset): The device that raised it, e.g. `TEPINV` (a battery inverter).
        ecu_package_part_number (str | Unset): Part number of that device.
        ecu_package_serial_number (str | Unset): Serial number of that device.
    """

    timestamp: int
    alert_name: str
    alert_is_fault: bool
    decoded_alert: str | Unset = UNSET
    alert_raw: int | Unset = UNSET
    git_hash: str | Unset = UNSET
    site_uid: str | Unset = UNSET
    ecu_type: str | Unset = UNSET
    ecu_package_part_number: str | Unset = UNSET
    ecu_package_serial_number: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        timestamp = self.timestamp

        alert_name = self.alert_name

        alert_is_fault = self.alert_is_fault

        decoded_alert = self.decoded_alert

        alert_raw = self.alert_raw

        git_hash = self.git_hash

        site_uid = self.site_uid

        ecu_type = self.ecu_type

        ecu_package_part_number = self.ecu_package_part_number

        ecu_package_serial_number = self.ecu_package_serial_number

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "timestamp": timestamp,
                "alert_name": alert_name,
                "alert_is_fault": alert_is_fault,
            }
        )
        if decoded_alert is not UNSET:
            field_dict["decoded_alert"] = decoded_alert
        if alert_raw is not UNSET:
            field_dict["alert_raw"] = alert_raw
        if git_hash is not UNSET:
            field_dict["git_hash"] = git_hash
        if site_uid is not UNSET:
            field_dict["site_uid"] = site_uid
        if ecu_type is not UNSET:
            field_dict["ecu_type"] = ecu_type
        if ecu_package_part_number is not UNSET:
            field_dict["ecu_package_part_number"] = ecu_package_part_number
        if ecu_package_serial_number is not UNSET:
            field_dict["ecu_package_serial_number"] = ecu_package_serial_number

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        timestamp = d.pop("timestamp")

        alert_name = d.pop("alert_name")

        alert_is_fault = d.pop("alert_is_fault")

        decoded_alert = d.pop("decoded_alert", UNSET)

        alert_raw = d.pop("alert_raw", UNSET)

        git_hash = d.pop("git_hash", UNSET)

        site_uid = d.pop("site_uid", UNSET)

        ecu_type = d.pop("ecu_type", UNSET)

        ecu_package_part_number = d.pop("ecu_package_part_number", UNSET)

        ecu_package_serial_number = d.pop("ecu_package_serial_number", UNSET)

        grid_fault = cls(
            timestamp=timestamp,
            alert_name=alert_name,
            alert_is_fault=alert_is_fault,
            decoded_alert=decoded_alert,
            alert_raw=alert_raw,
            git_hash=git_hash,
            site_uid=site_uid,
            ecu_type=ecu_type,
            ecu_package_part_number=ecu_package_part_number,
            ecu_package_serial_number=ecu_package_serial_number,
        )

        grid_fault.additional_properties = d
        return grid_fault

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
