from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Installer")


@_attrs_define
class Installer:
    """The installer and the installation. The seeds' 1.x answers lack `email` and `verified_config`.

    Attributes:
        company (str): The installer company.
        customer_id (str): The installer's id at Tesla, e.g. `AN-0000059`.
        phone (str): The installer's phone.
        email (str | Unset): The installer's e-mail (not in the seeds' first 1.x example).
        location (str | Unset): Where the gateway is installed, e.g. `Outdoor`.
        mounting (str | Unset): How it is mounted, e.g. `Floor`.
        wiring (str | Unset): How it is wired, e.g. `Side`.
        backup_configuration (str | Unset): What is backed up, e.g. `Partial Home`.
        solar_installation (str | Unset): The solar installation, e.g. `Existing`.
        solar_installation_type (str | Unset): The solar installation's kind, e.g. `PV Panel`.
        has_cellular_modem_to_wifi (bool | Unset): Whether a cellular-to-Wi-Fi modem is installed.
        run_sitemaster (bool | Unset): Whether the sitemaster should run; absent while it is stopped (21.39.1).
        verified_config (bool | Unset): Whether the installer verified the configuration (not in the seeds' 1.x
            examples).
        installation_types (list[str] | Unset): e.g. `["Residential"]`.
        installer_id (str | Unset): The installer's id.
    """

    company: str
    customer_id: str
    phone: str
    email: str | Unset = UNSET
    location: str | Unset = UNSET
    mounting: str | Unset = UNSET
    wiring: str | Unset = UNSET
    backup_configuration: str | Unset = UNSET
    solar_installation: str | Unset = UNSET
    solar_installation_type: str | Unset = UNSET
    has_cellular_modem_to_wifi: bool | Unset = UNSET
    run_sitemaster: bool | Unset = UNSET
    verified_config: bool | Unset = UNSET
    installation_types: list[str] | Unset = UNSET
    installer_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        company = self.company

        customer_id = self.customer_id

        phone = self.phone

        email = self.email

        location = self.location

        mounting = self.mounting

        wiring = self.wiring

        backup_configuration = self.backup_configuration

        solar_installation = self.solar_installation

        solar_installation_type = self.solar_installation_type

        has_cellular_modem_to_wifi = self.has_cellular_modem_to_wifi

        run_sitemaster = self.run_sitemaster

        verified_config = self.verified_config

        installation_types: list[str] | Unset = UNSET
        if not isinstance(self.installation_types, Unset):
            installation_types = self.installation_types

        installer_id = self.installer_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "company": company,
                "customer_id": customer_id,
                "phone": phone,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if location is not UNSET:
            field_dict["location"] = location
        if mounting is not UNSET:
            field_dict["mounting"] = mounting
        if wiring is not UNSET:
            field_dict["wiring"] = wiring
        if backup_configuration is not UNSET:
            field_dict["backup_configuration"] = backup_configuration
        if solar_installation is not UNSET:
            field_dict["solar_installation"] = solar_installation
        if solar_installation_type is not UNSET:
            field_dict["solar_installation_type"] = solar_installation_type
        if has_cellular_modem_to_wifi is not UNSET:
            field_dict["has_cellular_modem_to_wifi"] = has_cellular_modem_to_wifi
        if run_sitemaster is not UNSET:
            field_dict["run_sitemaster"] = run_sitemaster
        if verified_config is not UNSET:
            field_dict["verified_config"] = verified_config
        if installation_types is not UNSET:
            field_dict["installation_types"] = installation_types
        if installer_id is not UNSET:
            field_dict["installer_id"] = installer_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        company = d.pop("company")

        customer_id = d.pop("customer_id")

        phone = d.pop("phone")

        email = d.pop("email", UNSET)

        location = d.pop("location", UNSET)

        mounting = d.pop("mounting", UNSET)

        wiring = d.pop("wiring", UNSET)

        backup_configuration = d.pop("backup_configuration", UNSET)

        solar_installation = d.pop("solar_installation", UNSET)

        solar_installation_type = d.pop("solar_installation_type", UNSET)

        has_cellular_modem_to_wifi = d.pop("has_cellular_modem_to_wifi", UNSET)

        run_sitemaster = d.pop("run_sitemaster", UNSET)

        verified_config = d.pop("verified_config", UNSET)

        installation_types = cast(list[str], d.pop("installation_types", UNSET))

        installer_id = d.pop("installer_id", UNSET)

        installer = cls(
            company=company,
            customer_id=customer_id,
            phone=phone,
            email=email,
            location=location,
            mounting=mounting,
            wiring=wiring,
            backup_configuration=backup_configuration,
            solar_installation=solar_installation,
            solar_installation_type=solar_installation_type,
            has_cellular_modem_to_wifi=has_cellular_modem_to_wifi,
            run_sitemaster=run_sitemaster,
            verified_config=verified_config,
            installation_types=installation_types,
            installer_id=installer_id,
        )

        installer.additional_properties = d
        return installer

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
