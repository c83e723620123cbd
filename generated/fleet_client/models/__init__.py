"""Contains all the data models used in inputs/outputs"""

from .error import Error
from .export_rule import ExportRule
from .get_live_status_response_200 import GetLiveStatusResponse200
from .get_products_response_200 import GetProductsResponse200
from .get_site_info_response_200 import GetSiteInfoResponse200
from .live_status import LiveStatus
from .product import Product
from .real_mode import RealMode
from .refresh_token_request import RefreshTokenRequest
from .refresh_token_response_400 import RefreshTokenResponse400
from .refresh_token_response_401 import RefreshTokenResponse401
from .set_backup_reserve_body import SetBackupReserveBody
from .set_backup_reserve_response_200 import SetBackupReserveResponse200
from .set_backup_reserve_response_200_response import (
    SetBackupReserveResponse200Response,
)
from .set_grid_import_export_body import SetGridImportExportBody
from .set_grid_import_export_response_200 import SetGridImportExportResponse200
from .set_grid_import_export_response_200_response import (
    SetGridImportExportResponse200Response,
)
from .set_off_grid_vehicle_charging_reserve_body import (
    SetOffGridVehicleChargingReserveBody,
)
from .set_off_grid_vehicle_charging_reserve_response_200 import (
    SetOffGridVehicleChargingReserveResponse200,
)
from .set_off_grid_vehicle_charging_reserve_response_200_response import (
    SetOffGridVehicleChargingReserveResponse200Response,
)
from .set_operation_body import SetOperationBody
from .set_operation_response_200 import SetOperationResponse200
from .set_operation_response_200_response import SetOperationResponse200Response
from .set_storm_mode_body import SetStormModeBody
from .set_storm_mode_response_200 import SetStormModeResponse200
from .set_storm_mode_response_200_response import SetStormModeResponse200Response
from .site_info import SiteInfo
from .site_info_components import SiteInfoComponents
from .site_info_components_gateways_item import SiteInfoComponentsGatewaysItem
from .site_info_user_settings import SiteInfoUserSettings
from .token_response import TokenResponse

__all__ = (
    "Error",
    "ExportRule",
    "GetLiveStatusResponse200",
    "GetProductsResponse200",
    "GetSiteInfoResponse200",
    "LiveStatus",
    "Product",
    "RealMode",
    "RefreshTokenRequest",
    "RefreshTokenResponse400",
    "RefreshTokenResponse401",
    "SetBackupReserveBody",
    "SetBackupReserveResponse200",
    "SetBackupReserveResponse200Response",
    "SetGridImportExportBody",
    "SetGridImportExportResponse200",
    "SetGridImportExportResponse200Response",
    "SetOffGridVehicleChargingReserveBody",
    "SetOffGridVehicleChargingReserveResponse200",
    "SetOffGridVehicleChargingReserveResponse200Response",
    "SetOperationBody",
    "SetOperationResponse200",
    "SetOperationResponse200Response",
    "SetStormModeBody",
    "SetStormModeResponse200",
    "SetStormModeResponse200Response",
    "SiteInfo",
    "SiteInfoComponents",
    "SiteInfoComponentsGatewaysItem",
    "SiteInfoUserSettings",
    "TokenResponse",
)
