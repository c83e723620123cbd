"""Contains all the data models used in inputs/outputs"""

from .calendar_history import CalendarHistory
from .calendar_history_time_series_item import CalendarHistoryTimeSeriesItem
from .command_answer import CommandAnswer
from .error import Error
from .export_rule import ExportRule
from .get_calendar_history_response_200 import GetCalendarHistoryResponse200
from .get_live_status_response_200 import GetLiveStatusResponse200
from .get_products_response_200 import GetProductsResponse200
from .get_site_info_response_200 import GetSiteInfoResponse200
from .live_status import LiveStatus
from .live_status_wall_connectors_item import LiveStatusWallConnectorsItem
from .product import Product
from .product_components import ProductComponents
from .product_components_wall_connectors_item import ProductComponentsWallConnectorsItem
from .product_features import ProductFeatures
from .real_mode import RealMode
from .refresh_token_request import RefreshTokenRequest
from .refresh_token_response_400 import RefreshTokenResponse400
from .refresh_token_response_401 import RefreshTokenResponse401
from .set_backup_reserve_body import SetBackupReserveBody
from .set_backup_reserve_response_200 import SetBackupReserveResponse200
from .set_grid_import_export_body import SetGridImportExportBody
from .set_grid_import_export_response_200 import SetGridImportExportResponse200
from .set_off_grid_vehicle_charging_reserve_body import (
    SetOffGridVehicleChargingReserveBody,
)
from .set_off_grid_vehicle_charging_reserve_response_200 import (
    SetOffGridVehicleChargingReserveResponse200,
)
from .set_operation_body import SetOperationBody
from .set_operation_response_200 import SetOperationResponse200
from .set_storm_mode_body import SetStormModeBody
from .set_storm_mode_response_200 import SetStormModeResponse200
from .set_time_of_use_settings_body import SetTimeOfUseSettingsBody
from .set_time_of_use_settings_body_tou_settings import (
    SetTimeOfUseSettingsBodyTouSettings,
)
from .set_time_of_use_settings_body_tou_settings_tariff_content_v2 import (
    SetTimeOfUseSettingsBodyTouSettingsTariffContentV2,
)
from .set_time_of_use_settings_response_200 import SetTimeOfUseSettingsResponse200
from .site_info import SiteInfo
from .site_info_components import SiteInfoComponents
from .site_info_components_gateways_item import SiteInfoComponentsGatewaysItem
from .site_info_tariff_content_v2_type_0 import SiteInfoTariffContentV2Type0
from .site_info_user_settings import SiteInfoUserSettings
from .token_response import TokenResponse

__all__ = (
    "CalendarHistory",
    "CalendarHistoryTimeSeriesItem",
    "CommandAnswer",
    "Error",
    "ExportRule",
    "GetCalendarHistoryResponse200",
    "GetLiveStatusResponse200",
    "GetProductsResponse200",
    "GetSiteInfoResponse200",
    "LiveStatus",
    "LiveStatusWallConnectorsItem",
    "Product",
    "ProductComponents",
    "ProductComponentsWallConnectorsItem",
    "ProductFeatures",
    "RealMode",
    "RefreshTokenRequest",
    "RefreshTokenResponse400",
    "RefreshTokenResponse401",
    "SetBackupReserveBody",
    "SetBackupReserveResponse200",
    "SetGridImportExportBody",
    "SetGridImportExportResponse200",
    "SetOffGridVehicleChargingReserveBody",
    "SetOffGridVehicleChargingReserveResponse200",
    "SetOperationBody",
    "SetOperationResponse200",
    "SetStormModeBody",
    "SetStormModeResponse200",
    "SetTimeOfUseSettingsBody",
    "SetTimeOfUseSettingsBodyTouSettings",
    "SetTimeOfUseSettingsBodyTouSettingsTariffContentV2",
    "SetTimeOfUseSettingsResponse200",
    "SiteInfo",
    "SiteInfoComponents",
    "SiteInfoComponentsGatewaysItem",
    "SiteInfoTariffContentV2Type0",
    "SiteInfoUserSettings",
    "TokenResponse",
)
