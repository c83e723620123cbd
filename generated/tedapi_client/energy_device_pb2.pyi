import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf import wrappers_pb2 as _wrappers_pb2
from . import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ExternalAuthType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EXTERNAL_AUTH_TYPE_INVALID: _ClassVar[ExternalAuthType]
    EXTERNAL_AUTH_TYPE_PRESENCE: _ClassVar[ExternalAuthType]
    EXTERNAL_AUTH_TYPE_MTLS: _ClassVar[ExternalAuthType]
    EXTERNAL_AUTH_TYPE_HERMES_COMMAND: _ClassVar[ExternalAuthType]

class AuthorizedKeyType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AUTHORIZED_KEY_TYPE_INVALID: _ClassVar[AuthorizedKeyType]
    AUTHORIZED_KEY_TYPE_RSA: _ClassVar[AuthorizedKeyType]
    AUTHORIZED_KEY_TYPE_ECC: _ClassVar[AuthorizedKeyType]

class AuthorizedState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AUTHORIZED_STATE_INVALID: _ClassVar[AuthorizedState]
    AUTHORIZED_STATE_PENDING_VERIFICATION: _ClassVar[AuthorizedState]
    AUTHORIZED_STATE_PENDING_VERIFICATION_TIMEOUT: _ClassVar[AuthorizedState]
    AUTHORIZED_STATE_VERIFIED: _ClassVar[AuthorizedState]
    AUTHORIZED_STATE_REMOVED: _ClassVar[AuthorizedState]

class AuthorizationRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AUTHORIZATION_ROLE_INVALID: _ClassVar[AuthorizationRole]
    AUTHORIZATION_ROLE_CUSTOMER: _ClassVar[AuthorizationRole]
    AUTHORIZATION_ROLE_VEHICLE: _ClassVar[AuthorizationRole]

class AuthorizedVerificationType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AUTHORIZED_VERIFICATION_TYPE_INVALID: _ClassVar[AuthorizedVerificationType]
    AUTHORIZED_VERIFICATION_TYPE_PRESENCE_PROOF: _ClassVar[AuthorizedVerificationType]
    AUTHORIZED_VERIFICATION_TYPE_BLE: _ClassVar[AuthorizedVerificationType]
    AUTHORIZED_VERIFICATION_TYPE_SIGNED: _ClassVar[AuthorizedVerificationType]
    AUTHORIZED_VERIFICATION_TYPE_HERMES_COMMAND: _ClassVar[AuthorizedVerificationType]

class FileStoreAPIDomain(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FILE_STORE_API_DOMAIN_INVALID: _ClassVar[FileStoreAPIDomain]
    FILE_STORE_API_DOMAIN_CONFIG_JSON: _ClassVar[FileStoreAPIDomain]
    FILE_STORE_API_DOMAIN_GRID_CODE_REGIONS_CSV: _ClassVar[FileStoreAPIDomain]
    FILE_STORE_API_DOMAIN_CERTIFIED_INSTALLERS_CSV: _ClassVar[FileStoreAPIDomain]
    FILE_STORE_API_DOMAIN_SUPERCHARGER_FILES: _ClassVar[FileStoreAPIDomain]
    FILE_STORE_API_DOMAIN_OPTICASTER_FILES: _ClassVar[FileStoreAPIDomain]
    FILE_STORE_API_DOMAIN_WALLBOX_CONFIG: _ClassVar[FileStoreAPIDomain]
    FILE_STORE_API_DOMAIN_OCPP_CSMS_ROOT_CA: _ClassVar[FileStoreAPIDomain]

class GraphQLQueryFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GRAPH_QL_QUERY_FORMAT_INVALID: _ClassVar[GraphQLQueryFormat]
    GRAPH_QL_QUERY_FORMAT_RAW: _ClassVar[GraphQLQueryFormat]
    GRAPH_QL_QUERY_FORMAT_SIGNED_SHA256_ECDSA_ASN1: _ClassVar[GraphQLQueryFormat]

class GraphQLStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GRAPH_QL_STATUS_INVALID: _ClassVar[GraphQLStatus]
    GRAPH_QL_STATUS_SUCCESS: _ClassVar[GraphQLStatus]
    GRAPH_QL_STATUS_ERROR_PARTIAL: _ClassVar[GraphQLStatus]
    GRAPH_QL_STATUS_ERROR_FULL: _ClassVar[GraphQLStatus]

class GraphQLErrorCode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GRAPH_QL_ERROR_CODE_INVALID: _ClassVar[GraphQLErrorCode]
    GRAPH_QL_ERROR_CODE_FIELD_NOT_FOUND: _ClassVar[GraphQLErrorCode]
    GRAPH_QL_ERROR_CODE_UNAUTHORIZED: _ClassVar[GraphQLErrorCode]
    GRAPH_QL_ERROR_CODE_RESOLVER_PROCESS_UNRESPONSIVE: _ClassVar[GraphQLErrorCode]
    GRAPH_QL_ERROR_CODE_RESPONSE_TOO_BIG: _ClassVar[GraphQLErrorCode]
EXTERNAL_AUTH_TYPE_INVALID: ExternalAuthType
EXTERNAL_AUTH_TYPE_PRESENCE: ExternalAuthType
EXTERNAL_AUTH_TYPE_MTLS: ExternalAuthType
EXTERNAL_AUTH_TYPE_HERMES_COMMAND: ExternalAuthType
AUTHORIZED_KEY_TYPE_INVALID: AuthorizedKeyType
AUTHORIZED_KEY_TYPE_RSA: AuthorizedKeyType
AUTHORIZED_KEY_TYPE_ECC: AuthorizedKeyType
AUTHORIZED_STATE_INVALID: AuthorizedState
AUTHORIZED_STATE_PENDING_VERIFICATION: AuthorizedState
AUTHORIZED_STATE_PENDING_VERIFICATION_TIMEOUT: AuthorizedState
AUTHORIZED_STATE_VERIFIED: AuthorizedState
AUTHORIZED_STATE_REMOVED: AuthorizedState
AUTHORIZATION_ROLE_INVALID: AuthorizationRole
AUTHORIZATION_ROLE_CUSTOMER: AuthorizationRole
AUTHORIZATION_ROLE_VEHICLE: AuthorizationRole
AUTHORIZED_VERIFICATION_TYPE_INVALID: AuthorizedVerificationType
AUTHORIZED_VERIFICATION_TYPE_PRESENCE_PROOF: AuthorizedVerificationType
AUTHORIZED_VERIFICATION_TYPE_BLE: AuthorizedVerificationType
AUTHORIZED_VERIFICATION_TYPE_SIGNED: AuthorizedVerificationType
AUTHORIZED_VERIFICATION_TYPE_HERMES_COMMAND: AuthorizedVerificationType
FILE_STORE_API_DOMAIN_INVALID: FileStoreAPIDomain
FILE_STORE_API_DOMAIN_CONFIG_JSON: FileStoreAPIDomain
FILE_STORE_API_DOMAIN_GRID_CODE_REGIONS_CSV: FileStoreAPIDomain
FILE_STORE_API_DOMAIN_CERTIFIED_INSTALLERS_CSV: FileStoreAPIDomain
FILE_STORE_API_DOMAIN_SUPERCHARGER_FILES: FileStoreAPIDomain
FILE_STORE_API_DOMAIN_OPTICASTER_FILES: FileStoreAPIDomain
FILE_STORE_API_DOMAIN_WALLBOX_CONFIG: FileStoreAPIDomain
FILE_STORE_API_DOMAIN_OCPP_CSMS_ROOT_CA: FileStoreAPIDomain
GRAPH_QL_QUERY_FORMAT_INVALID: GraphQLQueryFormat
GRAPH_QL_QUERY_FORMAT_RAW: GraphQLQueryFormat
GRAPH_QL_QUERY_FORMAT_SIGNED_SHA256_ECDSA_ASN1: GraphQLQueryFormat
GRAPH_QL_STATUS_INVALID: GraphQLStatus
GRAPH_QL_STATUS_SUCCESS: GraphQLStatus
GRAPH_QL_STATUS_ERROR_PARTIAL: GraphQLStatus
GRAPH_QL_STATUS_ERROR_FULL: GraphQLStatus
GRAPH_QL_ERROR_CODE_INVALID: GraphQLErrorCode
GRAPH_QL_ERROR_CODE_FIELD_NOT_FOUND: GraphQLErrorCode
GRAPH_QL_ERROR_CODE_UNAUTHORIZED: GraphQLErrorCode
GRAPH_QL_ERROR_CODE_RESOLVER_PROCESS_UNRESPONSIVE: GraphQLErrorCode
GRAPH_QL_ERROR_CODE_RESPONSE_TOO_BIG: GraphQLErrorCode

class Message(_message.Message):
    __slots__ = ("message", "tail")
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    TAIL_FIELD_NUMBER: _ClassVar[int]
    message: MessageEnvelope
    tail: _common_pb2.Tail
    def __init__(self, message: _Optional[_Union[MessageEnvelope, _Mapping]] = ..., tail: _Optional[_Union[_common_pb2.Tail, _Mapping]] = ...) -> None: ...

class MessageEnvelope(_message.Message):
    __slots__ = ("deliveryChannel", "sender", "recipient", "common", "teg", "wc", "neuriometer", "energysitenet", "authorization", "filestore", "graphql", "supercharger")
    DELIVERYCHANNEL_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_FIELD_NUMBER: _ClassVar[int]
    COMMON_FIELD_NUMBER: _ClassVar[int]
    TEG_FIELD_NUMBER: _ClassVar[int]
    WC_FIELD_NUMBER: _ClassVar[int]
    NEURIOMETER_FIELD_NUMBER: _ClassVar[int]
    ENERGYSITENET_FIELD_NUMBER: _ClassVar[int]
    AUTHORIZATION_FIELD_NUMBER: _ClassVar[int]
    FILESTORE_FIELD_NUMBER: _ClassVar[int]
    GRAPHQL_FIELD_NUMBER: _ClassVar[int]
    SUPERCHARGER_FIELD_NUMBER: _ClassVar[int]
    deliveryChannel: _common_pb2.DeliveryChannel
    sender: _common_pb2.Participant
    recipient: _common_pb2.Participant
    common: CommonMessages
    teg: TEGMessages
    wc: OpaqueMessages
    neuriometer: OpaqueMessages
    energysitenet: OpaqueMessages
    authorization: AuthorizationMessages
    filestore: FileStoreMessages
    graphql: GraphQLMessages
    supercharger: OpaqueMessages
    def __init__(self, deliveryChannel: _Optional[_Union[_common_pb2.DeliveryChannel, str]] = ..., sender: _Optional[_Union[_common_pb2.Participant, _Mapping]] = ..., recipient: _Optional[_Union[_common_pb2.Participant, _Mapping]] = ..., common: _Optional[_Union[CommonMessages, _Mapping]] = ..., teg: _Optional[_Union[TEGMessages, _Mapping]] = ..., wc: _Optional[_Union[OpaqueMessages, _Mapping]] = ..., neuriometer: _Optional[_Union[OpaqueMessages, _Mapping]] = ..., energysitenet: _Optional[_Union[OpaqueMessages, _Mapping]] = ..., authorization: _Optional[_Union[AuthorizationMessages, _Mapping]] = ..., filestore: _Optional[_Union[FileStoreMessages, _Mapping]] = ..., graphql: _Optional[_Union[GraphQLMessages, _Mapping]] = ..., supercharger: _Optional[_Union[OpaqueMessages, _Mapping]] = ...) -> None: ...

class OpaqueMessages(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class AuthEnvelope(_message.Message):
    __slots__ = ("payload", "externalAuth")
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    EXTERNALAUTH_FIELD_NUMBER: _ClassVar[int]
    payload: bytes
    externalAuth: ExternalAuth
    def __init__(self, payload: _Optional[bytes] = ..., externalAuth: _Optional[_Union[ExternalAuth, _Mapping]] = ...) -> None: ...

class ExternalAuth(_message.Message):
    __slots__ = ("type",)
    TYPE_FIELD_NUMBER: _ClassVar[int]
    type: ExternalAuthType
    def __init__(self, type: _Optional[_Union[ExternalAuthType, str]] = ...) -> None: ...

class CommonMessages(_message.Message):
    __slots__ = ("errorResponse", "getSystemInfoRequest", "getSystemInfoResponse")
    ERRORRESPONSE_FIELD_NUMBER: _ClassVar[int]
    GETSYSTEMINFOREQUEST_FIELD_NUMBER: _ClassVar[int]
    GETSYSTEMINFORESPONSE_FIELD_NUMBER: _ClassVar[int]
    errorResponse: ErrorResponse
    getSystemInfoRequest: CommonAPIGetSystemInfoRequest
    getSystemInfoResponse: CommonAPIGetSystemInfoResponse
    def __init__(self, errorResponse: _Optional[_Union[ErrorResponse, _Mapping]] = ..., getSystemInfoRequest: _Optional[_Union[CommonAPIGetSystemInfoRequest, _Mapping]] = ..., getSystemInfoResponse: _Optional[_Union[CommonAPIGetSystemInfoResponse, _Mapping]] = ...) -> None: ...

class ErrorResponse(_message.Message):
    __slots__ = ("status",)
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: Status
    def __init__(self, status: _Optional[_Union[Status, _Mapping]] = ...) -> None: ...

class Status(_message.Message):
    __slots__ = ("code", "message", "details")
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    code: int
    message: str
    details: _containers.RepeatedCompositeFieldContainer[AnyDetail]
    def __init__(self, code: _Optional[int] = ..., message: _Optional[str] = ..., details: _Optional[_Iterable[_Union[AnyDetail, _Mapping]]] = ...) -> None: ...

class AnyDetail(_message.Message):
    __slots__ = ("type_url", "value")
    TYPE_URL_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    type_url: str
    value: bytes
    def __init__(self, type_url: _Optional[str] = ..., value: _Optional[bytes] = ...) -> None: ...

class CommonAPIGetSystemInfoRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class CommonAPIGetSystemInfoResponse(_message.Message):
    __slots__ = ("deviceId", "din", "firmwareVersion", "deviceType", "installedFirmwareSignature", "offlineFirmwareSignature")
    DEVICEID_FIELD_NUMBER: _ClassVar[int]
    DIN_FIELD_NUMBER: _ClassVar[int]
    FIRMWAREVERSION_FIELD_NUMBER: _ClassVar[int]
    DEVICETYPE_FIELD_NUMBER: _ClassVar[int]
    INSTALLEDFIRMWARESIGNATURE_FIELD_NUMBER: _ClassVar[int]
    OFFLINEFIRMWARESIGNATURE_FIELD_NUMBER: _ClassVar[int]
    deviceId: EcuId
    din: str
    firmwareVersion: FirmwareVersion
    deviceType: int
    installedFirmwareSignature: bytes
    offlineFirmwareSignature: bytes
    def __init__(self, deviceId: _Optional[_Union[EcuId, _Mapping]] = ..., din: _Optional[str] = ..., firmwareVersion: _Optional[_Union[FirmwareVersion, _Mapping]] = ..., deviceType: _Optional[int] = ..., installedFirmwareSignature: _Optional[bytes] = ..., offlineFirmwareSignature: _Optional[bytes] = ...) -> None: ...

class EcuId(_message.Message):
    __slots__ = ("partNumber", "serialNumber")
    PARTNUMBER_FIELD_NUMBER: _ClassVar[int]
    SERIALNUMBER_FIELD_NUMBER: _ClassVar[int]
    partNumber: str
    serialNumber: str
    def __init__(self, partNumber: _Optional[str] = ..., serialNumber: _Optional[str] = ...) -> None: ...

class FirmwareVersion(_message.Message):
    __slots__ = ("version", "githash")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    GITHASH_FIELD_NUMBER: _ClassVar[int]
    version: str
    githash: bytes
    def __init__(self, version: _Optional[str] = ..., githash: _Optional[bytes] = ...) -> None: ...

class TEGMessages(_message.Message):
    __slots__ = ("setIslandModeRequest", "setIslandModeResponse", "dispatch_battery_power_request", "dispatch_battery_power_response", "schedule_manual_backup_event_request", "schedule_manual_backup_event_response", "cancel_manual_backup_event_request", "cancel_manual_backup_event_response", "get_backup_events_request", "get_backup_events_response")
    SETISLANDMODEREQUEST_FIELD_NUMBER: _ClassVar[int]
    SETISLANDMODERESPONSE_FIELD_NUMBER: _ClassVar[int]
    DISPATCH_BATTERY_POWER_REQUEST_FIELD_NUMBER: _ClassVar[int]
    DISPATCH_BATTERY_POWER_RESPONSE_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_MANUAL_BACKUP_EVENT_REQUEST_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_MANUAL_BACKUP_EVENT_RESPONSE_FIELD_NUMBER: _ClassVar[int]
    CANCEL_MANUAL_BACKUP_EVENT_REQUEST_FIELD_NUMBER: _ClassVar[int]
    CANCEL_MANUAL_BACKUP_EVENT_RESPONSE_FIELD_NUMBER: _ClassVar[int]
    GET_BACKUP_EVENTS_REQUEST_FIELD_NUMBER: _ClassVar[int]
    GET_BACKUP_EVENTS_RESPONSE_FIELD_NUMBER: _ClassVar[int]
    setIslandModeRequest: TEGAPISetIslandModeRequest
    setIslandModeResponse: TEGAPISetIslandModeResponse
    dispatch_battery_power_request: TEGAPIDispatchBatteryPowerRequest
    dispatch_battery_power_response: TEGAPIDispatchBatteryPowerResponse
    schedule_manual_backup_event_request: TEGAPIScheduleManualBackupEventRequest
    schedule_manual_backup_event_response: TEGAPIScheduleManualBackupEventResponse
    cancel_manual_backup_event_request: TEGAPICancelManualBackupEventRequest
    cancel_manual_backup_event_response: TEGAPICancelManualBackupEventResponse
    get_backup_events_request: TEGAPIGetBackupEventsRequest
    get_backup_events_response: TEGAPIGetBackupEventsResponse
    def __init__(self, setIslandModeRequest: _Optional[_Union[TEGAPISetIslandModeRequest, _Mapping]] = ..., setIslandModeResponse: _Optional[_Union[TEGAPISetIslandModeResponse, _Mapping]] = ..., dispatch_battery_power_request: _Optional[_Union[TEGAPIDispatchBatteryPowerRequest, _Mapping]] = ..., dispatch_battery_power_response: _Optional[_Union[TEGAPIDispatchBatteryPowerResponse, _Mapping]] = ..., schedule_manual_backup_event_request: _Optional[_Union[TEGAPIScheduleManualBackupEventRequest, _Mapping]] = ..., schedule_manual_backup_event_response: _Optional[_Union[TEGAPIScheduleManualBackupEventResponse, _Mapping]] = ..., cancel_manual_backup_event_request: _Optional[_Union[TEGAPICancelManualBackupEventRequest, _Mapping]] = ..., cancel_manual_backup_event_response: _Optional[_Union[TEGAPICancelManualBackupEventResponse, _Mapping]] = ..., get_backup_events_request: _Optional[_Union[TEGAPIGetBackupEventsRequest, _Mapping]] = ..., get_backup_events_response: _Optional[_Union[TEGAPIGetBackupEventsResponse, _Mapping]] = ...) -> None: ...

class TEGAPISetIslandModeRequest(_message.Message):
    __slots__ = ("mode", "force")
    MODE_FIELD_NUMBER: _ClassVar[int]
    FORCE_FIELD_NUMBER: _ClassVar[int]
    mode: int
    force: bool
    def __init__(self, mode: _Optional[int] = ..., force: _Optional[bool] = ...) -> None: ...

class TEGAPISetIslandModeResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: int
    def __init__(self, result: _Optional[int] = ...) -> None: ...

class TEGAPIDispatchBatteryPowerRequest(_message.Message):
    __slots__ = ("resume_device_mode", "real_power")
    class ResumeDeviceOperatingMode(_message.Message):
        __slots__ = ()
        def __init__(self) -> None: ...
    class RealPowerCommand(_message.Message):
        __slots__ = ("power_watts", "duration_seconds")
        POWER_WATTS_FIELD_NUMBER: _ClassVar[int]
        DURATION_SECONDS_FIELD_NUMBER: _ClassVar[int]
        power_watts: float
        duration_seconds: int
        def __init__(self, power_watts: _Optional[float] = ..., duration_seconds: _Optional[int] = ...) -> None: ...
    RESUME_DEVICE_MODE_FIELD_NUMBER: _ClassVar[int]
    REAL_POWER_FIELD_NUMBER: _ClassVar[int]
    resume_device_mode: TEGAPIDispatchBatteryPowerRequest.ResumeDeviceOperatingMode
    real_power: TEGAPIDispatchBatteryPowerRequest.RealPowerCommand
    def __init__(self, resume_device_mode: _Optional[_Union[TEGAPIDispatchBatteryPowerRequest.ResumeDeviceOperatingMode, _Mapping]] = ..., real_power: _Optional[_Union[TEGAPIDispatchBatteryPowerRequest.RealPowerCommand, _Mapping]] = ...) -> None: ...

class TEGAPIDispatchBatteryPowerResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ControlEventSchedulingInfo(_message.Message):
    __slots__ = ("start_time", "duration_seconds", "priority")
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    DURATION_SECONDS_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    start_time: _timestamp_pb2.Timestamp
    duration_seconds: int
    priority: int
    def __init__(self, start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., duration_seconds: _Optional[int] = ..., priority: _Optional[int] = ...) -> None: ...

class TEGAPIScheduleManualBackupEventRequest(_message.Message):
    __slots__ = ("scheduling_info",)
    SCHEDULING_INFO_FIELD_NUMBER: _ClassVar[int]
    scheduling_info: ControlEventSchedulingInfo
    def __init__(self, scheduling_info: _Optional[_Union[ControlEventSchedulingInfo, _Mapping]] = ...) -> None: ...

class TEGAPIScheduleManualBackupEventResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class TEGAPICancelManualBackupEventRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class TEGAPICancelManualBackupEventResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class TEGAPIGetBackupEventsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class TEGAPIGetBackupEventsResponse(_message.Message):
    __slots__ = ("manual_backup_event", "backup_events")
    MANUAL_BACKUP_EVENT_FIELD_NUMBER: _ClassVar[int]
    BACKUP_EVENTS_FIELD_NUMBER: _ClassVar[int]
    manual_backup_event: ManualBackupEvent
    backup_events: _containers.RepeatedCompositeFieldContainer[BackupEvent]
    def __init__(self, manual_backup_event: _Optional[_Union[ManualBackupEvent, _Mapping]] = ..., backup_events: _Optional[_Iterable[_Union[BackupEvent, _Mapping]]] = ...) -> None: ...

class ManualBackupEvent(_message.Message):
    __slots__ = ("scheduling_info",)
    SCHEDULING_INFO_FIELD_NUMBER: _ClassVar[int]
    scheduling_info: ControlEventSchedulingInfo
    def __init__(self, scheduling_info: _Optional[_Union[ControlEventSchedulingInfo, _Mapping]] = ...) -> None: ...

class BackupEvent(_message.Message):
    __slots__ = ("id", "name", "scheduling_info")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SCHEDULING_INFO_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    scheduling_info: ControlEventSchedulingInfo
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., scheduling_info: _Optional[_Union[ControlEventSchedulingInfo, _Mapping]] = ...) -> None: ...

class AuthorizationMessages(_message.Message):
    __slots__ = ("addAuthorizedClientRequest", "addAuthorizedClientResponse", "removeAuthorizedClientRequest", "removeAuthorizedClientResponse", "listAuthorizedClientsRequest", "listAuthorizedClientsResponse")
    ADDAUTHORIZEDCLIENTREQUEST_FIELD_NUMBER: _ClassVar[int]
    ADDAUTHORIZEDCLIENTRESPONSE_FIELD_NUMBER: _ClassVar[int]
    REMOVEAUTHORIZEDCLIENTREQUEST_FIELD_NUMBER: _ClassVar[int]
    REMOVEAUTHORIZEDCLIENTRESPONSE_FIELD_NUMBER: _ClassVar[int]
    LISTAUTHORIZEDCLIENTSREQUEST_FIELD_NUMBER: _ClassVar[int]
    LISTAUTHORIZEDCLIENTSRESPONSE_FIELD_NUMBER: _ClassVar[int]
    addAuthorizedClientRequest: AuthorizationAPIAddAuthorizedClientRequest
    addAuthorizedClientResponse: AuthorizationAPIAddAuthorizedClientResponse
    removeAuthorizedClientRequest: AuthorizationAPIRemoveAuthorizedClientRequest
    removeAuthorizedClientResponse: AuthorizationAPIRemoveAuthorizedClientResponse
    listAuthorizedClientsRequest: AuthorizationAPIListAuthorizedClientsRequest
    listAuthorizedClientsResponse: AuthorizationAPIListAuthorizedClientsResponse
    def __init__(self, addAuthorizedClientRequest: _Optional[_Union[AuthorizationAPIAddAuthorizedClientRequest, _Mapping]] = ..., addAuthorizedClientResponse: _Optional[_Union[AuthorizationAPIAddAuthorizedClientResponse, _Mapping]] = ..., removeAuthorizedClientRequest: _Optional[_Union[AuthorizationAPIRemoveAuthorizedClientRequest, _Mapping]] = ..., removeAuthorizedClientResponse: _Optional[_Union[AuthorizationAPIRemoveAuthorizedClientResponse, _Mapping]] = ..., listAuthorizedClientsRequest: _Optional[_Union[AuthorizationAPIListAuthorizedClientsRequest, _Mapping]] = ..., listAuthorizedClientsResponse: _Optional[_Union[AuthorizationAPIListAuthorizedClientsResponse, _Mapping]] = ...) -> None: ...

class AuthorizationAPIAddAuthorizedClientRequest(_message.Message):
    __slots__ = ("type", "description", "keyType", "publicKey")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    KEYTYPE_FIELD_NUMBER: _ClassVar[int]
    PUBLICKEY_FIELD_NUMBER: _ClassVar[int]
    type: _common_pb2.AuthorizedClientType
    description: str
    keyType: AuthorizedKeyType
    publicKey: bytes
    def __init__(self, type: _Optional[_Union[_common_pb2.AuthorizedClientType, str]] = ..., description: _Optional[str] = ..., keyType: _Optional[_Union[AuthorizedKeyType, str]] = ..., publicKey: _Optional[bytes] = ...) -> None: ...

class AuthorizationAPIAddAuthorizedClientResponse(_message.Message):
    __slots__ = ("client",)
    CLIENT_FIELD_NUMBER: _ClassVar[int]
    client: AuthorizationRecord
    def __init__(self, client: _Optional[_Union[AuthorizationRecord, _Mapping]] = ...) -> None: ...

class AuthorizationAPIRemoveAuthorizedClientRequest(_message.Message):
    __slots__ = ("publicKey",)
    PUBLICKEY_FIELD_NUMBER: _ClassVar[int]
    publicKey: bytes
    def __init__(self, publicKey: _Optional[bytes] = ...) -> None: ...

class AuthorizationAPIRemoveAuthorizedClientResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class AuthorizationAPIListAuthorizedClientsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class AuthorizationAPIListAuthorizedClientsResponse(_message.Message):
    __slots__ = ("clients", "enableLineSwitchOff")
    CLIENTS_FIELD_NUMBER: _ClassVar[int]
    ENABLELINESWITCHOFF_FIELD_NUMBER: _ClassVar[int]
    clients: _containers.RepeatedCompositeFieldContainer[AuthorizationRecord]
    enableLineSwitchOff: bool
    def __init__(self, clients: _Optional[_Iterable[_Union[AuthorizationRecord, _Mapping]]] = ..., enableLineSwitchOff: _Optional[bool] = ...) -> None: ...

class AuthorizationRecord(_message.Message):
    __slots__ = ("type", "description", "keyType", "publicKey", "roles", "state", "verification", "addedTime", "identifier", "authorizedByPublicKey")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    KEYTYPE_FIELD_NUMBER: _ClassVar[int]
    PUBLICKEY_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    VERIFICATION_FIELD_NUMBER: _ClassVar[int]
    ADDEDTIME_FIELD_NUMBER: _ClassVar[int]
    IDENTIFIER_FIELD_NUMBER: _ClassVar[int]
    AUTHORIZEDBYPUBLICKEY_FIELD_NUMBER: _ClassVar[int]
    type: _common_pb2.AuthorizedClientType
    description: str
    keyType: AuthorizedKeyType
    publicKey: bytes
    roles: _containers.RepeatedScalarFieldContainer[AuthorizationRole]
    state: AuthorizedState
    verification: AuthorizedVerificationType
    addedTime: _timestamp_pb2.Timestamp
    identifier: str
    authorizedByPublicKey: bytes
    def __init__(self, type: _Optional[_Union[_common_pb2.AuthorizedClientType, str]] = ..., description: _Optional[str] = ..., keyType: _Optional[_Union[AuthorizedKeyType, str]] = ..., publicKey: _Optional[bytes] = ..., roles: _Optional[_Iterable[_Union[AuthorizationRole, str]]] = ..., state: _Optional[_Union[AuthorizedState, str]] = ..., verification: _Optional[_Union[AuthorizedVerificationType, str]] = ..., addedTime: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., identifier: _Optional[str] = ..., authorizedByPublicKey: _Optional[bytes] = ...) -> None: ...

class FileStoreMessages(_message.Message):
    __slots__ = ("readFileRequest", "readFileResponse", "forceWriteFileRequest", "forceWriteFileResponse", "updateFileRequest", "updateFileResponse")
    READFILEREQUEST_FIELD_NUMBER: _ClassVar[int]
    READFILERESPONSE_FIELD_NUMBER: _ClassVar[int]
    FORCEWRITEFILEREQUEST_FIELD_NUMBER: _ClassVar[int]
    FORCEWRITEFILERESPONSE_FIELD_NUMBER: _ClassVar[int]
    UPDATEFILEREQUEST_FIELD_NUMBER: _ClassVar[int]
    UPDATEFILERESPONSE_FIELD_NUMBER: _ClassVar[int]
    readFileRequest: FileStoreAPIReadFileRequest
    readFileResponse: FileStoreAPIReadFileResponse
    forceWriteFileRequest: FileStoreAPIForceWriteFileRequest
    forceWriteFileResponse: FileStoreAPIForceWriteFileResponse
    updateFileRequest: FileStoreAPIUpdateFileRequest
    updateFileResponse: FileStoreAPIUpdateFileResponse
    def __init__(self, readFileRequest: _Optional[_Union[FileStoreAPIReadFileRequest, _Mapping]] = ..., readFileResponse: _Optional[_Union[FileStoreAPIReadFileResponse, _Mapping]] = ..., forceWriteFileRequest: _Optional[_Union[FileStoreAPIForceWriteFileRequest, _Mapping]] = ..., forceWriteFileResponse: _Optional[_Union[FileStoreAPIForceWriteFileResponse, _Mapping]] = ..., updateFileRequest: _Optional[_Union[FileStoreAPIUpdateFileRequest, _Mapping]] = ..., updateFileResponse: _Optional[_Union[FileStoreAPIUpdateFileResponse, _Mapping]] = ...) -> None: ...

class FileStoreAPIFile(_message.Message):
    __slots__ = ("name", "blob")
    NAME_FIELD_NUMBER: _ClassVar[int]
    BLOB_FIELD_NUMBER: _ClassVar[int]
    name: str
    blob: bytes
    def __init__(self, name: _Optional[str] = ..., blob: _Optional[bytes] = ...) -> None: ...

class FileStoreAPIReadFileRequest(_message.Message):
    __slots__ = ("domain", "name", "ifDifferentHash")
    DOMAIN_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    IFDIFFERENTHASH_FIELD_NUMBER: _ClassVar[int]
    domain: FileStoreAPIDomain
    name: str
    ifDifferentHash: bytes
    def __init__(self, domain: _Optional[_Union[FileStoreAPIDomain, str]] = ..., name: _Optional[str] = ..., ifDifferentHash: _Optional[bytes] = ...) -> None: ...

class FileStoreAPIReadFileResponse(_message.Message):
    __slots__ = ("file", "hash")
    FILE_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    file: FileStoreAPIFile
    hash: bytes
    def __init__(self, file: _Optional[_Union[FileStoreAPIFile, _Mapping]] = ..., hash: _Optional[bytes] = ...) -> None: ...

class FileStoreAPIUpdateFileRequest(_message.Message):
    __slots__ = ("domain", "file", "hash")
    DOMAIN_FIELD_NUMBER: _ClassVar[int]
    FILE_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    domain: FileStoreAPIDomain
    file: FileStoreAPIFile
    hash: bytes
    def __init__(self, domain: _Optional[_Union[FileStoreAPIDomain, str]] = ..., file: _Optional[_Union[FileStoreAPIFile, _Mapping]] = ..., hash: _Optional[bytes] = ...) -> None: ...

class FileStoreAPIUpdateFileResponse(_message.Message):
    __slots__ = ("file", "hash")
    FILE_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    file: FileStoreAPIFile
    hash: bytes
    def __init__(self, file: _Optional[_Union[FileStoreAPIFile, _Mapping]] = ..., hash: _Optional[bytes] = ...) -> None: ...

class FileStoreAPIForceWriteFileRequest(_message.Message):
    __slots__ = ("domain", "file")
    DOMAIN_FIELD_NUMBER: _ClassVar[int]
    FILE_FIELD_NUMBER: _ClassVar[int]
    domain: FileStoreAPIDomain
    file: FileStoreAPIFile
    def __init__(self, domain: _Optional[_Union[FileStoreAPIDomain, str]] = ..., file: _Optional[_Union[FileStoreAPIFile, _Mapping]] = ...) -> None: ...

class FileStoreAPIForceWriteFileResponse(_message.Message):
    __slots__ = ("hash",)
    HASH_FIELD_NUMBER: _ClassVar[int]
    hash: bytes
    def __init__(self, hash: _Optional[bytes] = ...) -> None: ...

class GraphQLMessages(_message.Message):
    __slots__ = ("queryRequest", "queryResponse")
    QUERYREQUEST_FIELD_NUMBER: _ClassVar[int]
    QUERYRESPONSE_FIELD_NUMBER: _ClassVar[int]
    queryRequest: GraphQLAPIQueryRequest
    queryResponse: GraphQLAPIQueryResponse
    def __init__(self, queryRequest: _Optional[_Union[GraphQLAPIQueryRequest, _Mapping]] = ..., queryResponse: _Optional[_Union[GraphQLAPIQueryResponse, _Mapping]] = ...) -> None: ...

class GraphQLAPIQueryRequest(_message.Message):
    __slots__ = ("format", "query", "signature", "variablesJson")
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    VARIABLESJSON_FIELD_NUMBER: _ClassVar[int]
    format: GraphQLQueryFormat
    query: bytes
    signature: bytes
    variablesJson: _wrappers_pb2.StringValue
    def __init__(self, format: _Optional[_Union[GraphQLQueryFormat, str]] = ..., query: _Optional[bytes] = ..., signature: _Optional[bytes] = ..., variablesJson: _Optional[_Union[_wrappers_pb2.StringValue, _Mapping]] = ...) -> None: ...

class SignedGraphQLQuery(_message.Message):
    __slots__ = ("version", "query")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    version: int
    query: bytes
    def __init__(self, version: _Optional[int] = ..., query: _Optional[bytes] = ...) -> None: ...

class GraphQLAPIQueryResponse(_message.Message):
    __slots__ = ("status", "data", "errors")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    status: GraphQLStatus
    data: str
    errors: _containers.RepeatedCompositeFieldContainer[GraphQLError]
    def __init__(self, status: _Optional[_Union[GraphQLStatus, str]] = ..., data: _Optional[str] = ..., errors: _Optional[_Iterable[_Union[GraphQLError, _Mapping]]] = ...) -> None: ...

class GraphQLError(_message.Message):
    __slots__ = ("path", "code", "message")
    PATH_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    path: _containers.RepeatedScalarFieldContainer[str]
    code: GraphQLErrorCode
    message: str
    def __init__(self, path: _Optional[_Iterable[str]] = ..., code: _Optional[_Union[GraphQLErrorCode, str]] = ..., message: _Optional[str] = ...) -> None: ...
