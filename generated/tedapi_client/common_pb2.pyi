from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DeliveryChannel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DELIVERY_CHANNEL_INVALID: _ClassVar[DeliveryChannel]
    DELIVERY_CHANNEL_LOCAL_HTTPS: _ClassVar[DeliveryChannel]
    DELIVERY_CHANNEL_HERMES_COMMAND: _ClassVar[DeliveryChannel]
    DELIVERY_CHANNEL_BLE: _ClassVar[DeliveryChannel]

class LocalParticipant(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LOCAL_PARTICIPANT_INVALID: _ClassVar[LocalParticipant]
    LOCAL_PARTICIPANT_INSTALLER: _ClassVar[LocalParticipant]
    LOCAL_PARTICIPANT_CUSTOMER: _ClassVar[LocalParticipant]

class TeslaService(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TESLA_SERVICE_INVALID: _ClassVar[TeslaService]
    TESLA_SERVICE_COMMAND: _ClassVar[TeslaService]

class AuthorizedClientType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AUTHORIZED_CLIENT_TYPE_INVALID: _ClassVar[AuthorizedClientType]
    AUTHORIZED_CLIENT_TYPE_CUSTOMER_MOBILE_APP: _ClassVar[AuthorizedClientType]
    AUTHORIZED_CLIENT_TYPE_VEHICLE: _ClassVar[AuthorizedClientType]
DELIVERY_CHANNEL_INVALID: DeliveryChannel
DELIVERY_CHANNEL_LOCAL_HTTPS: DeliveryChannel
DELIVERY_CHANNEL_HERMES_COMMAND: DeliveryChannel
DELIVERY_CHANNEL_BLE: DeliveryChannel
LOCAL_PARTICIPANT_INVALID: LocalParticipant
LOCAL_PARTICIPANT_INSTALLER: LocalParticipant
LOCAL_PARTICIPANT_CUSTOMER: LocalParticipant
TESLA_SERVICE_INVALID: TeslaService
TESLA_SERVICE_COMMAND: TeslaService
AUTHORIZED_CLIENT_TYPE_INVALID: AuthorizedClientType
AUTHORIZED_CLIENT_TYPE_CUSTOMER_MOBILE_APP: AuthorizedClientType
AUTHORIZED_CLIENT_TYPE_VEHICLE: AuthorizedClientType

class Participant(_message.Message):
    __slots__ = ("din", "teslaService", "local", "authorizedClient", "proxiedDevice")
    DIN_FIELD_NUMBER: _ClassVar[int]
    TESLASERVICE_FIELD_NUMBER: _ClassVar[int]
    LOCAL_FIELD_NUMBER: _ClassVar[int]
    AUTHORIZEDCLIENT_FIELD_NUMBER: _ClassVar[int]
    PROXIEDDEVICE_FIELD_NUMBER: _ClassVar[int]
    din: str
    teslaService: TeslaService
    local: LocalParticipant
    authorizedClient: AuthorizedClientType
    proxiedDevice: ProxiedDevice
    def __init__(self, din: _Optional[str] = ..., teslaService: _Optional[_Union[TeslaService, str]] = ..., local: _Optional[_Union[LocalParticipant, str]] = ..., authorizedClient: _Optional[_Union[AuthorizedClientType, str]] = ..., proxiedDevice: _Optional[_Union[ProxiedDevice, _Mapping]] = ...) -> None: ...

class ProxiedDevice(_message.Message):
    __slots__ = ("proxyDin", "targetDin")
    PROXYDIN_FIELD_NUMBER: _ClassVar[int]
    TARGETDIN_FIELD_NUMBER: _ClassVar[int]
    proxyDin: str
    targetDin: str
    def __init__(self, proxyDin: _Optional[str] = ..., targetDin: _Optional[str] = ...) -> None: ...

class Tail(_message.Message):
    __slots__ = ("value",)
    VALUE_FIELD_NUMBER: _ClassVar[int]
    value: int
    def __init__(self, value: _Optional[int] = ...) -> None: ...

class StringValue(_message.Message):
    __slots__ = ("value",)
    VALUE_FIELD_NUMBER: _ClassVar[int]
    value: str
    def __init__(self, value: _Optional[str] = ...) -> None: ...
