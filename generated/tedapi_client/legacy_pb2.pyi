from . import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Message(_message.Message):
    __slots__ = ("message", "tail")
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    TAIL_FIELD_NUMBER: _ClassVar[int]
    message: MessageEnvelope
    tail: _common_pb2.Tail
    def __init__(self, message: _Optional[_Union[MessageEnvelope, _Mapping]] = ..., tail: _Optional[_Union[_common_pb2.Tail, _Mapping]] = ...) -> None: ...

class MessageEnvelope(_message.Message):
    __slots__ = ("deliveryChannel", "sender", "recipient", "firmware", "config", "payload")
    DELIVERYCHANNEL_FIELD_NUMBER: _ClassVar[int]
    SENDER_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_FIELD_NUMBER: _ClassVar[int]
    FIRMWARE_FIELD_NUMBER: _ClassVar[int]
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    deliveryChannel: _common_pb2.DeliveryChannel
    sender: _common_pb2.Participant
    recipient: _common_pb2.Participant
    firmware: FirmwareType
    config: ConfigType
    payload: QueryType
    def __init__(self, deliveryChannel: _Optional[_Union[_common_pb2.DeliveryChannel, str]] = ..., sender: _Optional[_Union[_common_pb2.Participant, _Mapping]] = ..., recipient: _Optional[_Union[_common_pb2.Participant, _Mapping]] = ..., firmware: _Optional[_Union[FirmwareType, _Mapping]] = ..., config: _Optional[_Union[ConfigType, _Mapping]] = ..., payload: _Optional[_Union[QueryType, _Mapping]] = ...) -> None: ...

class FirmwareType(_message.Message):
    __slots__ = ("request", "system")
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    SYSTEM_FIELD_NUMBER: _ClassVar[int]
    request: str
    system: FirmwarePayload
    def __init__(self, request: _Optional[str] = ..., system: _Optional[_Union[FirmwarePayload, _Mapping]] = ...) -> None: ...

class FirmwarePayload(_message.Message):
    __slots__ = ("gateway", "din", "version", "systemUpdate", "deviceType", "wireless", "installedFirmwareSignature", "offlineFirmwareSignature")
    GATEWAY_FIELD_NUMBER: _ClassVar[int]
    DIN_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    SYSTEMUPDATE_FIELD_NUMBER: _ClassVar[int]
    DEVICETYPE_FIELD_NUMBER: _ClassVar[int]
    WIRELESS_FIELD_NUMBER: _ClassVar[int]
    INSTALLEDFIRMWARESIGNATURE_FIELD_NUMBER: _ClassVar[int]
    OFFLINEFIRMWARESIGNATURE_FIELD_NUMBER: _ClassVar[int]
    gateway: EcuId
    din: str
    version: FirmwareVersion
    systemUpdate: SystemUpdate
    deviceType: int
    wireless: DeviceArray
    installedFirmwareSignature: bytes
    offlineFirmwareSignature: bytes
    def __init__(self, gateway: _Optional[_Union[EcuId, _Mapping]] = ..., din: _Optional[str] = ..., version: _Optional[_Union[FirmwareVersion, _Mapping]] = ..., systemUpdate: _Optional[_Union[SystemUpdate, _Mapping]] = ..., deviceType: _Optional[int] = ..., wireless: _Optional[_Union[DeviceArray, _Mapping]] = ..., installedFirmwareSignature: _Optional[bytes] = ..., offlineFirmwareSignature: _Optional[bytes] = ...) -> None: ...

class EcuId(_message.Message):
    __slots__ = ("partNumber", "serialNumber")
    PARTNUMBER_FIELD_NUMBER: _ClassVar[int]
    SERIALNUMBER_FIELD_NUMBER: _ClassVar[int]
    partNumber: str
    serialNumber: str
    def __init__(self, partNumber: _Optional[str] = ..., serialNumber: _Optional[str] = ...) -> None: ...

class FirmwareVersion(_message.Message):
    __slots__ = ("text", "githash")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    GITHASH_FIELD_NUMBER: _ClassVar[int]
    text: str
    githash: bytes
    def __init__(self, text: _Optional[str] = ..., githash: _Optional[bytes] = ...) -> None: ...

class SystemUpdate(_message.Message):
    __slots__ = ("handshakeResult", "updateStatus", "serverStagedVersion", "totalBytes", "bytesOffset", "estimatedBytesPerSecond", "lastHandshakeTimestamp", "lastUpdateResult", "serverStagedPackages", "isSideloading")
    HANDSHAKERESULT_FIELD_NUMBER: _ClassVar[int]
    UPDATESTATUS_FIELD_NUMBER: _ClassVar[int]
    SERVERSTAGEDVERSION_FIELD_NUMBER: _ClassVar[int]
    TOTALBYTES_FIELD_NUMBER: _ClassVar[int]
    BYTESOFFSET_FIELD_NUMBER: _ClassVar[int]
    ESTIMATEDBYTESPERSECOND_FIELD_NUMBER: _ClassVar[int]
    LASTHANDSHAKETIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    LASTUPDATERESULT_FIELD_NUMBER: _ClassVar[int]
    SERVERSTAGEDPACKAGES_FIELD_NUMBER: _ClassVar[int]
    ISSIDELOADING_FIELD_NUMBER: _ClassVar[int]
    handshakeResult: int
    updateStatus: int
    serverStagedVersion: FirmwareVersion
    totalBytes: int
    bytesOffset: int
    estimatedBytesPerSecond: int
    lastHandshakeTimestamp: int
    lastUpdateResult: int
    serverStagedPackages: _containers.RepeatedCompositeFieldContainer[ServerStagedPackage]
    isSideloading: bool
    def __init__(self, handshakeResult: _Optional[int] = ..., updateStatus: _Optional[int] = ..., serverStagedVersion: _Optional[_Union[FirmwareVersion, _Mapping]] = ..., totalBytes: _Optional[int] = ..., bytesOffset: _Optional[int] = ..., estimatedBytesPerSecond: _Optional[int] = ..., lastHandshakeTimestamp: _Optional[int] = ..., lastUpdateResult: _Optional[int] = ..., serverStagedPackages: _Optional[_Iterable[_Union[ServerStagedPackage, _Mapping]]] = ..., isSideloading: _Optional[bool] = ...) -> None: ...

class ServerStagedPackage(_message.Message):
    __slots__ = ("downloadUrl", "packageId", "packageSignature", "serverStagedVersion")
    DOWNLOADURL_FIELD_NUMBER: _ClassVar[int]
    PACKAGEID_FIELD_NUMBER: _ClassVar[int]
    PACKAGESIGNATURE_FIELD_NUMBER: _ClassVar[int]
    SERVERSTAGEDVERSION_FIELD_NUMBER: _ClassVar[int]
    downloadUrl: str
    packageId: int
    packageSignature: bytes
    serverStagedVersion: FirmwareVersion
    def __init__(self, downloadUrl: _Optional[str] = ..., packageId: _Optional[int] = ..., packageSignature: _Optional[bytes] = ..., serverStagedVersion: _Optional[_Union[FirmwareVersion, _Mapping]] = ...) -> None: ...

class DeviceArray(_message.Message):
    __slots__ = ("device",)
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    device: _containers.RepeatedCompositeFieldContainer[DeviceInfo]
    def __init__(self, device: _Optional[_Iterable[_Union[DeviceInfo, _Mapping]]] = ...) -> None: ...

class DeviceInfo(_message.Message):
    __slots__ = ("company", "model", "fcc_id", "ic")
    COMPANY_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    FCC_ID_FIELD_NUMBER: _ClassVar[int]
    IC_FIELD_NUMBER: _ClassVar[int]
    company: _common_pb2.StringValue
    model: _common_pb2.StringValue
    fcc_id: _common_pb2.StringValue
    ic: _common_pb2.StringValue
    def __init__(self, company: _Optional[_Union[_common_pb2.StringValue, _Mapping]] = ..., model: _Optional[_Union[_common_pb2.StringValue, _Mapping]] = ..., fcc_id: _Optional[_Union[_common_pb2.StringValue, _Mapping]] = ..., ic: _Optional[_Union[_common_pb2.StringValue, _Mapping]] = ...) -> None: ...

class ConfigType(_message.Message):
    __slots__ = ("send", "recv")
    SEND_FIELD_NUMBER: _ClassVar[int]
    RECV_FIELD_NUMBER: _ClassVar[int]
    send: PayloadConfigSend
    recv: PayloadConfigRecv
    def __init__(self, send: _Optional[_Union[PayloadConfigSend, _Mapping]] = ..., recv: _Optional[_Union[PayloadConfigRecv, _Mapping]] = ...) -> None: ...

class PayloadConfigSend(_message.Message):
    __slots__ = ("num", "file")
    NUM_FIELD_NUMBER: _ClassVar[int]
    FILE_FIELD_NUMBER: _ClassVar[int]
    num: int
    file: str
    def __init__(self, num: _Optional[int] = ..., file: _Optional[str] = ...) -> None: ...

class PayloadConfigRecv(_message.Message):
    __slots__ = ("file", "code")
    FILE_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    file: ConfigString
    code: bytes
    def __init__(self, file: _Optional[_Union[ConfigString, _Mapping]] = ..., code: _Optional[bytes] = ...) -> None: ...

class ConfigString(_message.Message):
    __slots__ = ("name", "text")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    name: str
    text: str
    def __init__(self, name: _Optional[str] = ..., text: _Optional[str] = ...) -> None: ...

class QueryType(_message.Message):
    __slots__ = ("send", "recv")
    SEND_FIELD_NUMBER: _ClassVar[int]
    RECV_FIELD_NUMBER: _ClassVar[int]
    send: PayloadQuerySend
    recv: PayloadQueryRecv
    def __init__(self, send: _Optional[_Union[PayloadQuerySend, _Mapping]] = ..., recv: _Optional[_Union[PayloadQueryRecv, _Mapping]] = ...) -> None: ...

class PayloadQuerySend(_message.Message):
    __slots__ = ("num", "payload", "code", "b")
    NUM_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    B_FIELD_NUMBER: _ClassVar[int]
    num: int
    payload: PayloadString
    code: bytes
    b: _common_pb2.StringValue
    def __init__(self, num: _Optional[int] = ..., payload: _Optional[_Union[PayloadString, _Mapping]] = ..., code: _Optional[bytes] = ..., b: _Optional[_Union[_common_pb2.StringValue, _Mapping]] = ...) -> None: ...

class PayloadString(_message.Message):
    __slots__ = ("value", "text")
    VALUE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    value: int
    text: str
    def __init__(self, value: _Optional[int] = ..., text: _Optional[str] = ...) -> None: ...

class PayloadQueryRecv(_message.Message):
    __slots__ = ("value", "text", "errors")
    VALUE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    value: int
    text: str
    errors: _containers.RepeatedCompositeFieldContainer[QueryError]
    def __init__(self, value: _Optional[int] = ..., text: _Optional[str] = ..., errors: _Optional[_Iterable[_Union[QueryError, _Mapping]]] = ...) -> None: ...

class QueryError(_message.Message):
    __slots__ = ("path", "code", "message")
    PATH_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    path: _containers.RepeatedScalarFieldContainer[str]
    code: int
    message: str
    def __init__(self, path: _Optional[_Iterable[str]] = ..., code: _Optional[int] = ..., message: _Optional[str] = ...) -> None: ...
