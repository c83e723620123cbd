"""The vitals protobuf (``GET /api/devices/vitals``) and the flat map users know.

The community clients decode ``DevicesWithVitals`` into a map keyed by device
id (``TEPOD--…``); each device maps vital name → value, plus ``Parent``,
``partNumber``, ``serialNumber``, ``manufacturer``, ``firmwareVersion``,
``lastCommunicationTime`` and ``alerts``. :func:`encode_flat` goes the other
way, so a decoded example can be served as the wire format again.

Decoding flattens straight from the message: ``MessageToDict`` (upb backend)
is about four times slower on the repository's example (``make bench``,
"Vitals decode") and quotes int64 values as strings.
"""

from __future__ import annotations

from typing import Any

from powerwall_client import tesla_pb2

# Flat-map key → the Device field (a StringValue) it comes from.
STRING_FIELDS = {
    "Parent": "componentParentDin",
    "partNumber": "partNumber",
    "serialNumber": "serialNumber",
    "manufacturer": "manufacturer",
    "firmwareVersion": "firmwareVersion",
}


FlatVitals = dict[str, dict[str, Any]]


def decode_flat(payload: bytes) -> FlatVitals:
    """Decode a ``DevicesWithVitals`` body into the flat map keyed by device id."""
    message = tesla_pb2.DevicesWithVitals.FromString(payload)
    flat: FlatVitals = {}
    for entry in message.devices:
        values: dict[str, Any] = {}
        din = ""
        if entry.device:
            device = entry.device[0].device
            din = device.din.value
            for key, field in STRING_FIELDS.items():
                if device.HasField(field):
                    values[key] = getattr(device, field).value
            if device.HasField("lastCommunicationTime"):
                values["lastCommunicationTime"] = str(device.lastCommunicationTime.seconds)
        for vital in entry.vitals:
            kind = vital.WhichOneof("value")
            values[vital.name] = getattr(vital, kind) if kind else None
        if entry.alerts:
            values["alerts"] = list(entry.alerts)
        flat[din] = values
    return flat


def encode_flat(flat: FlatVitals) -> bytes:
    """Encode a flat vitals map as the gateway's ``DevicesWithVitals`` protobuf."""
    message = tesla_pb2.DevicesWithVitals()
    for din, values in flat.items():
        entry = message.devices.add()
        device = entry.device.add().device
        device.din.value = din
        for key, value in values.items():
            if key in STRING_FIELDS:
                getattr(device, STRING_FIELDS[key]).value = str(value)
            elif key == "lastCommunicationTime":
                device.lastCommunicationTime.seconds = int(value)
            elif key == "alerts":
                entry.alerts.extend(str(alert) for alert in value)
            else:
                vital = entry.vitals.add(name=key)
                # bool before int: a bool is an int in Python.
                if isinstance(value, bool):
                    vital.boolValue = value
                elif isinstance(value, int):
                    vital.intValue = value
                elif isinstance(value, float):
                    vital.floatValue = value
                else:
                    vital.stringValue = str(value)
    return message.SerializeToString(deterministic=True)
