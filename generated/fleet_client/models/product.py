from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.product_components import ProductComponents
    from ..models.product_features import ProductFeatures


T = TypeVar("T", bound="Product")


@_attrs_define
class Product:
    """A vehicle or an energy site; only energy sites have energy_site_id. The energy fields follow a real answer
    (bogosj/tesla's products_test.go); Home Assistant's tesla_fleet setup reads product["components"]["battery"].

        Attributes:
            asset_site_id (str | Unset):
            warp_site_number (str | Unset):
            battery_type (str | Unset):
            backup_capable (bool | Unset):
            storm_mode_enabled (bool | None | Unset):
            components (ProductComponents | Unset):
            features (ProductFeatures | Unset):
            energy_site_id (int | Unset):
            resource_type (str | Unset): battery, solar, … (open set)
            site_name (None | str | Unset):
            id (Any | Unset): A number for a vehicle, a string (STE…) for an energy site.
            gateway_id (str | Unset): The gateway's DIN as the cloud knows it, e.g. 9999999-01-D--TG11111111111F (a real
                answer in bogosj/tesla's products_test.go); not always the DIN the local API's /api/status shows: match on the
                serial, the part after "--".
            energy_left (float | Unset):
            total_pack_energy (float | Unset):
            percentage_charged (float | Unset): The state of charge on the app's scale (the gateway's less its 5 % reserve).
            battery_power (float | Unset):
    """

    asset_site_id: str | Unset = UNSET
    warp_site_number: str | Unset = UNSET
    battery_type: str | Unset = UNSET
    backup_capable: bool | Unset = UNSET
    storm_mode_enabled: bool | None | Unset = UNSET
    components: ProductComponents | Unset = UNSET
    features: ProductFeatures | Unset = UNSET
    energy_site_id: int | Unset = UNSET
    resource_type: str | Unset = UNSET
    site_name: None | str | Unset = UNSET
    id: Any | Unset = UNSET
    gateway_id: str | Unset = UNSET
    energy_left: float | Unset = UNSET
    total_pack_energy: float | Unset = UNSET
    percentage_charged: float | Unset = UNSET
    battery_power: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        asset_site_id = self.asset_site_id

        warp_site_number = self.warp_site_number

        battery_type = self.battery_type

        backup_capable = self.backup_capable

        storm_mode_enabled: bool | None | Unset
        if isinstance(self.storm_mode_enabled, Unset):
            storm_mode_enabled = UNSET
        else:
            storm_mode_enabled = self.storm_mode_enabled

        components: dict[str, Any] | Unset = UNSET
        if not isinstance(self.components, Unset):
            components = self.components.to_dict()

        features: dict[str, Any] | Unset = UNSET
        if not isinstance(self.features, Unset):
            features = self.features.to_dict()

        energy_site_id = self.energy_site_id

        resource_type = self.resource_type

        site_name: None | str | Unset
        if isinstance(self.site_name, Unset):
            site_name = UNSET
        else:
            site_name = self.site_name

        id = self.id

        gateway_id = self.gateway_id

        energy_left = self.energy_left

        total_pack_energy = self.total_pack_energy

        percentage_charged = self.percentage_charged

        battery_power = self.battery_power

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if asset_site_id is not UNSET:
            field_dict["asset_site_id"] = asset_site_id
        if warp_site_number is not UNSET:
            field_dict["warp_site_number"] = warp_site_number
        if battery_type is not UNSET:
            field_dict["battery_type"] = battery_type
        if backup_capable is not UNSET:
            field_dict["backup_capable"] = backup_capable
        if storm_mode_enabled is not UNSET:
            field_dict["storm_mode_enabled"] = storm_mode_enabled
        if components is not UNSET:
            field_dict["components"] = components
        if features is not UNSET:
            field_dict["features"] = features
        if energy_site_id is not UNSET:
            field_dict["energy_site_id"] = energy_site_id
        if resource_type is not UNSET:
            field_dict["resource_type"] = resource_type
        if site_name is not UNSET:
            field_dict["site_name"] = site_name
        if id is not UNSET:
            field_dict["id"] = id
        if gateway_id is not UNSET:
            field_dict["gateway_id"] = gateway_id
        if energy_left is not UNSET:
            field_dict["energy_left"] = energy_left
        if total_pack_energy is not UNSET:
            field_dict["total_pack_energy"] = total_pack_energy
        if percentage_charged is not UNSET:
            field_dict["percentage_charged"] = percentage_charged
        if battery_power is not UNSET:
            field_dict["battery_power"] = battery_power

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.product_components import ProductComponents
        from ..models.product_features import ProductFeatures

        d = dict(src_dict)
        asset_site_id = d.pop("asset_site_id", UNSET)

        warp_site_number = d.pop("warp_site_number", UNSET)

        battery_type = d.pop("battery_type", UNSET)

        backup_capable = d.pop("backup_capable", UNSET)

        def _parse_storm_mode_enabled(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        storm_mode_enabled = _parse_storm_mode_enabled(
            d.pop("storm_mode_enabled", UNSET)
        )

        _components = d.pop("components", UNSET)
        components: ProductComponents | Unset
        if isinstance(_components, Unset):
            components = UNSET
        else:
            components = ProductComponents.from_dict(_components)

        _features = d.pop("features", UNSET)
        features: ProductFeatures | Unset
        if isinstance(_features, Unset):
            features = UNSET
        else:
            features = ProductFeatures.from_dict(_features)

        energy_site_id = d.pop("energy_site_id", UNSET)

        resource_type = d.pop("resource_type", UNSET)

        def _parse_site_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        site_name = _parse_site_name(d.pop("site_name", UNSET))

        id = d.pop("id", UNSET)

        gateway_id = d.pop("gateway_id", UNSET)

        energy_left = d.pop("energy_left", UNSET)

        total_pack_energy = d.pop("total_pack_energy", UNSET)

        percentage_charged = d.pop("percentage_charged", UNSET)

        battery_power = d.pop("battery_power", UNSET)

        product = cls(
            asset_site_id=asset_site_id,
            warp_site_number=warp_site_number,
            battery_type=battery_type,
            backup_capable=backup_capable,
            storm_mode_enabled=storm_mode_enabled,
            components=components,
            features=features,
            energy_site_id=energy_site_id,
            resource_type=resource_type,
            site_name=site_name,
            id=id,
            gateway_id=gateway_id,
            energy_left=energy_left,
            total_pack_energy=total_pack_energy,
            percentage_charged=percentage_charged,
            battery_power=battery_power,
        )

        product.additional_properties = d
        return product

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
