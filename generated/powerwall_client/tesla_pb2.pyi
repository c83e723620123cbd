import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DevicesWithVitals(_message.Message):
    __slots__ = ("devices",)
    DEVICES_FIELD_NUMBER: _ClassVar[int]
    devices: _containers.RepeatedCompositeFieldContainer[SiteControllerConnectedDeviceWithVitals]
    def __init__(self, devices: _Optional[_Iterable[_Union[SiteControllerConnectedDeviceWithVitals, _Mapping]]] = ...) -> None: ...

class SiteControllerConnectedDeviceWithVitals(_message.Message):
    __slots__ = ("device", "vitals", "alerts")
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    VITALS_FIELD_NUMBER: _ClassVar[int]
    ALERTS_FIELD_NUMBER: _ClassVar[int]
    device: _containers.RepeatedCompositeFieldContainer[SiteControllerConnectedDevice]
    vitals: _containers.RepeatedCompositeFieldContainer[DeviceVital]
    alerts: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, device: _Optional[_Iterable[_Union[SiteControllerConnectedDevice, _Mapping]]] = ..., vitals: _Optional[_Iterable[_Union[DeviceVital, _Mapping]]] = ..., alerts: _Optional[_Iterable[str]] = ...) -> None: ...

class SiteControllerConnectedDevice(_message.Message):
    __slots__ = ("device",)
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    device: Device
    def __init__(self, device: _Optional[_Union[Device, _Mapping]] = ...) -> None: ...

class Device(_message.Message):
    __slots__ = ("din", "partNumber", "serialNumber", "manufacturer", "siteLabel", "componentParentDin", "firmwareVersion", "firstCommunicationTime", "lastCommunicationTime", "connectionParameters", "deviceAttributes")
    DIN_FIELD_NUMBER: _ClassVar[int]
    PARTNUMBER_FIELD_NUMBER: _ClassVar[int]
    SERIALNUMBER_FIELD_NUMBER: _ClassVar[int]
    MANUFACTURER_FIELD_NUMBER: _ClassVar[int]
    SITELABEL_FIELD_NUMBER: _ClassVar[int]
    COMPONENTPARENTDIN_FIELD_NUMBER: _ClassVar[int]
    FIRMWAREVERSION_FIELD_NUMBER: _ClassVar[int]
    FIRSTCOMMUNICATIONTIME_FIELD_NUMBER: _ClassVar[int]
    LASTCOMMUNICATIONTIME_FIELD_NUMBER: _ClassVar[int]
    CONNECTIONPARAMETERS_FIELD_NUMBER: _ClassVar[int]
    DEVICEATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    din: StringValue
    partNumber: StringValue
    serialNumber: StringValue
    manufacturer: StringValue
    siteLabel: StringValue
    componentParentDin: StringValue
    firmwareVersion: StringValue
    firstCommunicationTime: _timestamp_pb2.Timestamp
    lastCommunicationTime: _timestamp_pb2.Timestamp
    connectionParameters: ConnectionParameters
    deviceAttributes: _containers.RepeatedCompositeFieldContainer[DeviceAttributes]
    def __init__(self, din: _Optional[_Union[StringValue, _Mapping]] = ..., partNumber: _Optional[_Union[StringValue, _Mapping]] = ..., serialNumber: _Optional[_Union[StringValue, _Mapping]] = ..., manufacturer: _Optional[_Union[StringValue, _Mapping]] = ..., siteLabel: _Optional[_Union[StringValue, _Mapping]] = ..., componentParentDin: _Optional[_Union[StringValue, _Mapping]] = ..., firmwareVersion: _Optional[_Union[StringValue, _Mapping]] = ..., firstCommunicationTime: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., lastCommunicationTime: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., connectionParameters: _Optional[_Union[ConnectionParameters, _Mapping]] = ..., deviceAttributes: _Optional[_Iterable[_Union[DeviceAttributes, _Mapping]]] = ...) -> None: ...

class DeviceVital(_message.Message):
    __slots__ = ("name", "intValue", "floatValue", "stringValue", "boolValue")
    NAME_FIELD_NUMBER: _ClassVar[int]
    INTVALUE_FIELD_NUMBER: _ClassVar[int]
    FLOATVALUE_FIELD_NUMBER: _ClassVar[int]
    STRINGVALUE_FIELD_NUMBER: _ClassVar[int]
    BOOLVALUE_FIELD_NUMBER: _ClassVar[int]
    name: str
    intValue: int
    floatValue: float
    stringValue: str
    boolValue: bool
    def __init__(self, name: _Optional[str] = ..., intValue: _Optional[int] = ..., floatValue: _Optional[float] = ..., stringValue: _Optional[str] = ..., boolValue: _Optional[bool] = ...) -> None: ...

class StringValue(_message.Message):
    __slots__ = ("value",)
    VALUE_FIELD_NUMBER: _ClassVar[int]
    value: str
    def __init__(self, value: _Optional[str] = ...) -> None: ...

class UInt32Value(_message.Message):
    __slots__ = ("value",)
    VALUE_FIELD_NUMBER: _ClassVar[int]
    value: int
    def __init__(self, value: _Optional[int] = ...) -> None: ...

class ConnectionParameters(_message.Message):
    __slots__ = ("ipAddress", "serialPort", "serialBaud", "modbusId")
    IPADDRESS_FIELD_NUMBER: _ClassVar[int]
    SERIALPORT_FIELD_NUMBER: _ClassVar[int]
    SERIALBAUD_FIELD_NUMBER: _ClassVar[int]
    MODBUSID_FIELD_NUMBER: _ClassVar[int]
    ipAddress: str
    serialPort: str
    serialBaud: str
    modbusId: int
    def __init__(self, ipAddress: _Optional[str] = ..., serialPort: _Optional[str] = ..., serialBaud: _Optional[str] = ..., modbusId: _Optional[int] = ...) -> None: ...

class TeslaHardwareId(_message.Message):
    __slots__ = ("pcbaId", "assemblyId", "usageId")
    PCBAID_FIELD_NUMBER: _ClassVar[int]
    ASSEMBLYID_FIELD_NUMBER: _ClassVar[int]
    USAGEID_FIELD_NUMBER: _ClassVar[int]
    pcbaId: UInt32Value
    assemblyId: UInt32Value
    usageId: UInt32Value
    def __init__(self, pcbaId: _Optional[_Union[UInt32Value, _Mapping]] = ..., assemblyId: _Optional[_Union[UInt32Value, _Mapping]] = ..., usageId: _Optional[_Union[UInt32Value, _Mapping]] = ...) -> None: ...

class TeslaEnergyEcuAttributes(_message.Message):
    __slots__ = ("ecuType", "hardwareId")
    ECUTYPE_FIELD_NUMBER: _ClassVar[int]
    HARDWAREID_FIELD_NUMBER: _ClassVar[int]
    ecuType: int
    hardwareId: TeslaHardwareId
    def __init__(self, ecuType: _Optional[int] = ..., hardwareId: _Optional[_Union[TeslaHardwareId, _Mapping]] = ...) -> None: ...

class GeneratorAttributes(_message.Message):
    __slots__ = ("nameplateRealPowerW", "nameplateApparentPowerVa")
    NAMEPLATEREALPOWERW_FIELD_NUMBER: _ClassVar[int]
    NAMEPLATEAPPARENTPOWERVA_FIELD_NUMBER: _ClassVar[int]
    nameplateRealPowerW: int
    nameplateApparentPowerVa: int
    def __init__(self, nameplateRealPowerW: _Optional[int] = ..., nameplateApparentPowerVa: _Optional[int] = ...) -> None: ...

class PVInverterAttributes(_message.Message):
    __slots__ = ("nameplateRealPowerW",)
    NAMEPLATEREALPOWERW_FIELD_NUMBER: _ClassVar[int]
    nameplateRealPowerW: int
    def __init__(self, nameplateRealPowerW: _Optional[int] = ...) -> None: ...

class MeterAttributes(_message.Message):
    __slots__ = ("meterLocation",)
    METERLOCATION_FIELD_NUMBER: _ClassVar[int]
    meterLocation: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, meterLocation: _Optional[_Iterable[int]] = ...) -> None: ...

class DeviceAttributes(_message.Message):
    __slots__ = ("teslaEnergyEcuAttributes", "generatorAttributes", "pvInverterAttributes", "meterAttributes")
    TESLAENERGYECUATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    GENERATORATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    PVINVERTERATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    METERATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    teslaEnergyEcuAttributes: TeslaEnergyEcuAttributes
    generatorAttributes: GeneratorAttributes
    pvInverterAttributes: PVInverterAttributes
    meterAttributes: MeterAttributes
    def __init__(self, teslaEnergyEcuAttributes: _Optional[_Union[TeslaEnergyEcuAttributes, _Mapping]] = ..., generatorAttributes: _Optional[_Union[GeneratorAttributes, _Mapping]] = ..., pvInverterAttributes: _Optional[_Union[PVInverterAttributes, _Mapping]] = ..., meterAttributes: _Optional[_Union[MeterAttributes, _Mapping]] = ...) -> None: ...
