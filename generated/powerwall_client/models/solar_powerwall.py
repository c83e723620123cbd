from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.solar_powerwall_pvac_alerts import SolarPowerwallPvacAlerts
    from ..models.solar_powerwall_pvac_status import SolarPowerwallPvacStatus
    from ..models.solar_powerwall_pvs_alerts import SolarPowerwallPvsAlerts
    from ..models.solar_powerwall_pvs_status import SolarPowerwallPvsStatus


T = TypeVar("T", bound="SolarPowerwall")


@_attrs_define
class SolarPowerwall:
    """The Powerwall+ solar inverter (PVAC), its string switch (PVS) and their alerts.

    Attributes:
        pvac_status (SolarPowerwallPvacStatus | Unset): The solar inverter.
        pvs_status (SolarPowerwallPvsStatus | Unset): The string switch (inferred; vitals `PVS_*`).
        pv_power_limit (float | Unset): The inverter's power limit (inferred).
        power_status_setpoint (str | Unset): `on` or `off` (vitals `PVI-PowerStatusSetpoint`; open set).
        pvac_alerts (SolarPowerwallPvacAlerts | Unset): The inverter's alerts, alert name → whether it is active (names
            are an open set).
        pvs_alerts (SolarPowerwallPvsAlerts | Unset): The string switch's alerts, alert name → whether it is active
            (names are an open set).
    """

    pvac_status: SolarPowerwallPvacStatus | Unset = UNSET
    pvs_status: SolarPowerwallPvsStatus | Unset = UNSET
    pv_power_limit: float | Unset = UNSET
    power_status_setpoint: str | Unset = UNSET
    pvac_alerts: SolarPowerwallPvacAlerts | Unset = UNSET
    pvs_alerts: SolarPowerwallPvsAlerts | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pvac_status: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pvac_status, Unset):
            pvac_status = self.pvac_status.to_dict()

        pvs_status: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pvs_status, Unset):
            pvs_status = self.pvs_status.to_dict()

        pv_power_limit = self.pv_power_limit

        power_status_setpoint = self.power_status_setpoint

        pvac_alerts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pvac_alerts, Unset):
            pvac_alerts = self.pvac_alerts.to_dict()

        pvs_alerts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pvs_alerts, Unset):
            pvs_alerts = self.pvs_alerts.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if pvac_status is not UNSET:
            field_dict["pvac_status"] = pvac_status
        if pvs_status is not UNSET:
            field_dict["pvs_status"] = pvs_status
        if pv_power_limit is not UNSET:
            field_dict["pv_power_limit"] = pv_power_limit
        if power_status_setpoint is not UNSET:
            field_dict["power_status_setpoint"] = power_status_setpoint
        if pvac_alerts is not UNSET:
            field_dict["pvac_alerts"] = pvac_alerts
        if pvs_alerts is not UNSET:
            field_dict["pvs_alerts"] = pvs_alerts

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.solar_powerwall_pvac_alerts import SolarPowerwallPvacAlerts
        from ..models.solar_powerwall_pvac_status import SolarPowerwallPvacStatus
        from ..models.solar_powerwall_pvs_alerts import SolarPowerwallPvsAlerts
        from ..models.solar_powerwall_pvs_status import SolarPowerwallPvsStatus

        d = dict(src_dict)
        _pvac_status = d.pop("pvac_status", UNSET)
        pvac_status: SolarPowerwallPvacStatus | Unset
        if isinstance(_pvac_status, Unset):
            pvac_status = UNSET
        else:
            pvac_status = SolarPowerwallPvacStatus.from_dict(_pvac_status)

        _pvs_status = d.pop("pvs_status", UNSET)
        pvs_status: SolarPowerwallPvsStatus | Unset
        if isinstance(_pvs_status, Unset):
            pvs_status = UNSET
        else:
            pvs_status = SolarPowerwallPvsStatus.from_dict(_pvs_status)

        pv_power_limit = d.pop("pv_power_limit", UNSET)

        power_status_setpoint = d.pop("power_status_setpoint", UNSET)

        _pvac_alerts = d.pop("pvac_alerts", UNSET)
        pvac_alerts: SolarPowerwallPvacAlerts | Unset
        if isinstance(_pvac_alerts, Unset):
            pvac_alerts = UNSET
        else:
            pvac_alerts = SolarPowerwallPvacAlerts.from_dict(_pvac_alerts)

        _pvs_alerts = d.pop("pvs_alerts", UNSET)
        pvs_alerts: SolarPowerwallPvsAlerts | Unset
        if isinstance(_pvs_alerts, Unset):
            pvs_alerts = UNSET
        else:
            pvs_alerts = SolarPowerwallPvsAlerts.from_dict(_pvs_alerts)

        solar_powerwall = cls(
            pvac_status=pvac_status,
            pvs_status=pvs_status,
            pv_power_limit=pv_power_limit,
            power_status_setpoint=power_status_setpoint,
            pvac_alerts=pvac_alerts,
            pvs_alerts=pvs_alerts,
        )

        solar_powerwall.additional_properties = d
        return solar_powerwall

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
