"""Contains all the data models used in inputs/outputs"""

from .access_point import AccessPoint
from .battery_block import BatteryBlock
from .check_status import CheckStatus
from .conn_tests_results import ConnTestsResults
from .conn_tests_results_results_type_0 import ConnTestsResultsResultsType0
from .conn_tests_results_results_type_0_additional_property import (
    ConnTestsResultsResultsType0AdditionalProperty,
)
from .ct_type import CtType
from .customer import Customer
from .customer_registration import CustomerRegistration
from .diagnostic import Diagnostic
from .diagnostic_check import DiagnosticCheck
from .diagnostic_check_checks_type_0_item import DiagnosticCheckChecksType0Item
from .diagnostic_check_debug_type_0 import DiagnosticCheckDebugType0
from .diagnostic_check_results_type_0 import DiagnosticCheckResultsType0
from .error import Error
from .gateway_status import GatewayStatus
from .get_auth_toggle_supported_response_200 import GetAuthToggleSupportedResponse200
from .get_autoconfig_status_response_200 import GetAutoconfigStatusResponse200
from .get_config_response_200 import GetConfigResponse200
from .get_generators_response_200 import GetGeneratorsResponse200
from .get_generators_response_200_generators_item import (
    GetGeneratorsResponse200GeneratorsItem,
)
from .get_installer_companies_response_200_item import (
    GetInstallerCompaniesResponse200Item,
)
from .get_legal_radio_response_200_item import GetLegalRadioResponse200Item
from .get_meter_ct_config_response_200 import GetMeterCtConfigResponse200
from .get_meters_readings_response_200 import GetMetersReadingsResponse200
from .get_meters_status_response_200 import GetMetersStatusResponse200
from .get_networks_client_protocols_response_200 import (
    GetNetworksClientProtocolsResponse200,
)
from .get_powerwalls_pvi_sub_package_numbers_response_200 import (
    GetPowerwallsPviSubPackageNumbersResponse200,
)
from .get_site_grid_codes_response_200 import GetSiteGridCodesResponse200
from .get_site_grid_codes_response_200_additional_property import (
    GetSiteGridCodesResponse200AdditionalProperty,
)
from .get_site_grid_codes_response_200_additional_property_additional_property import (
    GetSiteGridCodesResponse200AdditionalPropertyAdditionalProperty,
)
from .get_site_grid_regions_response_200 import GetSiteGridRegionsResponse200
from .get_site_grid_regions_response_200_grid_code_settings import (
    GetSiteGridRegionsResponse200GridCodeSettings,
)
from .get_site_name_response_200 import GetSiteNameResponse200
from .get_synchrometer_ct_voltage_references_options_response_200 import (
    GetSynchrometerCtVoltageReferencesOptionsResponse200,
)
from .get_synchrometer_ct_voltage_references_response_200 import (
    GetSynchrometerCtVoltageReferencesResponse200,
)
from .get_system_networks_ping_test_response_200 import (
    GetSystemNetworksPingTestResponse200,
)
from .get_system_networks_ping_test_response_200_error import (
    GetSystemNetworksPingTestResponse200Error,
)
from .get_system_status_grid_status_response_200 import (
    GetSystemStatusGridStatusResponse200,
)
from .get_system_status_soe_response_200 import GetSystemStatusSoeResponse200
from .get_troubleshooting_problems_response_200 import (
    GetTroubleshootingProblemsResponse200,
)
from .grid_code import GridCode
from .grid_code_option import GridCodeOption
from .grid_code_option_grid_customizable_points_item import (
    GridCodeOptionGridCustomizablePointsItem,
)
from .grid_compliance import GridCompliance
from .grid_fault import GridFault
from .grid_status import GridStatus
from .installer import Installer
from .island_mode import IslandMode
from .islanding_mode import IslandingMode
from .legal_answers import LegalAnswers
from .login_request import LoginRequest
from .login_response import LoginResponse
from .meter import Meter
from .meter_aggregate import MeterAggregate
from .meter_ct import MeterCt
from .meter_detail import MeterDetail
from .meter_detail_connection import MeterDetailConnection
from .meter_detail_connection_https_conf import MeterDetailConnectionHttpsConf
from .meter_readings import MeterReadings
from .meter_readings_data import MeterReadingsData
from .meter_readings_data_cts_item import MeterReadingsDataCtsItem
from .meters_aggregates import MetersAggregates
from .network import Network
from .network_adapter import NetworkAdapter
from .network_adapter_config_type_0 import NetworkAdapterConfigType0
from .network_config import NetworkConfig
from .network_connect import NetworkConnect
from .network_extra_ips_item import NetworkExtraIpsItem
from .network_iface_network_info import NetworkIfaceNetworkInfo
from .network_iface_network_info_ip_networks_item import (
    NetworkIfaceNetworkInfoIpNetworksItem,
)
from .network_interface import NetworkInterface
from .operation import Operation
from .operation_mode import OperationMode
from .operation_request import OperationRequest
from .password_change import PasswordChange
from .post_auth_toggle_start_response_200 import PostAuthToggleStartResponse200
from .post_logging_body import PostLoggingBody
from .post_meter_verify_body import PostMeterVerifyBody
from .post_password_change_response_200 import PostPasswordChangeResponse200
from .powerwall import Powerwall
from .powerwalls import Powerwalls
from .powerwalls_status import PowerwallsStatus
from .powerwalls_sync_type_0 import PowerwallsSyncType0
from .site_info import SiteInfo
from .sitemaster import Sitemaster
from .sitemaster_status import SitemasterStatus
from .solar import Solar
from .solar_model import SolarModel
from .solar_powerwall import SolarPowerwall
from .solar_powerwall_power_status import SolarPowerwallPowerStatus
from .solar_powerwall_pvac_alerts import SolarPowerwallPvacAlerts
from .solar_powerwall_pvac_status import SolarPowerwallPvacStatus
from .solar_powerwall_pvac_status_string_vitals_item import (
    SolarPowerwallPvacStatusStringVitalsItem,
)
from .solar_powerwall_pvs_alerts import SolarPowerwallPvsAlerts
from .solar_powerwall_pvs_status import SolarPowerwallPvsStatus
from .system_status import SystemStatus
from .system_testing import SystemTesting
from .system_testing_meter_results_type_0_item_item import (
    SystemTestingMeterResultsType0ItemItem,
)
from .update_info_status import UpdateInfoStatus
from .update_state import UpdateState
from .update_status import UpdateStatus
from .update_status_info import UpdateStatusInfo

__all__ = (
    "AccessPoint",
    "BatteryBlock",
    "CheckStatus",
    "ConnTestsResults",
    "ConnTestsResultsResultsType0",
    "ConnTestsResultsResultsType0AdditionalProperty",
    "CtType",
    "Customer",
    "CustomerRegistration",
    "Diagnostic",
    "DiagnosticCheck",
    "DiagnosticCheckChecksType0Item",
    "DiagnosticCheckDebugType0",
    "DiagnosticCheckResultsType0",
    "Error",
    "GatewayStatus",
    "GetAuthToggleSupportedResponse200",
    "GetAutoconfigStatusResponse200",
    "GetConfigResponse200",
    "GetGeneratorsResponse200",
    "GetGeneratorsResponse200GeneratorsItem",
    "GetInstallerCompaniesResponse200Item",
    "GetLegalRadioResponse200Item",
    "GetMeterCtConfigResponse200",
    "GetMetersReadingsResponse200",
    "GetMetersStatusResponse200",
    "GetNetworksClientProtocolsResponse200",
    "GetPowerwallsPviSubPackageNumbersResponse200",
    "GetSiteGridCodesResponse200",
    "GetSiteGridCodesResponse200AdditionalProperty",
    "GetSiteGridCodesResponse200AdditionalPropertyAdditionalProperty",
    "GetSiteGridRegionsResponse200",
    "GetSiteGridRegionsResponse200GridCodeSettings",
    "GetSiteNameResponse200",
    "GetSynchrometerCtVoltageReferencesOptionsResponse200",
    "GetSynchrometerCtVoltageReferencesResponse200",
    "GetSystemNetworksPingTestResponse200",
    "GetSystemNetworksPingTestResponse200Error",
    "GetSystemStatusGridStatusResponse200",
    "GetSystemStatusSoeResponse200",
    "GetTroubleshootingProblemsResponse200",
    "GridCode",
    "GridCodeOption",
    "GridCodeOptionGridCustomizablePointsItem",
    "GridCompliance",
    "GridFault",
    "GridStatus",
    "Installer",
    "IslandMode",
    "IslandingMode",
    "LegalAnswers",
    "LoginRequest",
    "LoginResponse",
    "Meter",
    "MeterAggregate",
    "MeterCt",
    "MeterDetail",
    "MeterDetailConnection",
    "MeterDetailConnectionHttpsConf",
    "MeterReadings",
    "MeterReadingsData",
    "MeterReadingsDataCtsItem",
    "MetersAggregates",
    "Network",
    "NetworkAdapter",
    "NetworkAdapterConfigType0",
    "NetworkConfig",
    "NetworkConnect",
    "NetworkExtraIpsItem",
    "NetworkIfaceNetworkInfo",
    "NetworkIfaceNetworkInfoIpNetworksItem",
    "NetworkInterface",
    "Operation",
    "OperationMode",
    "OperationRequest",
    "PasswordChange",
    "PostAuthToggleStartResponse200",
    "PostLoggingBody",
    "PostMeterVerifyBody",
    "PostPasswordChangeResponse200",
    "Powerwall",
    "Powerwalls",
    "PowerwallsStatus",
    "PowerwallsSyncType0",
    "SiteInfo",
    "Sitemaster",
    "SitemasterStatus",
    "Solar",
    "SolarModel",
    "SolarPowerwall",
    "SolarPowerwallPowerStatus",
    "SolarPowerwallPvacAlerts",
    "SolarPowerwallPvacStatus",
    "SolarPowerwallPvacStatusStringVitalsItem",
    "SolarPowerwallPvsAlerts",
    "SolarPowerwallPvsStatus",
    "SystemStatus",
    "SystemTesting",
    "SystemTestingMeterResultsType0ItemItem",
    "UpdateInfoStatus",
    "UpdateState",
    "UpdateStatus",
    "UpdateStatusInfo",
)
