"""The vitals protobuf (``GET /api/devices/vitals``) and the flat map users know.

The community clients decode ``DevicesWithVitals`` into a map keyed by device
id (``TEPOD--…``); each device maps vital name → value, plus ``Parent``,
``partNumber``, ``serialNumber``, ``manufacturer``, ``firmwareVersion``,
``lastCommunicationTime`` and ``alerts``. :func:`encode_flat` goes the other
way, so a decoded example can be served as the wire format again.

Decoding flattens straight from the message, each field read once:
``MessageToDict`` (upb backend) is about 5.6 times slower on the repository's
example (``make bench``, "Vitals decode") and quotes int64 values as strings.
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


_STRING_ITEMS = tuple(STRING_FIELDS.items())
# The unbound method: no bound-method object made per vital.
_which_value = tesla_pb2.DeviceVital.WhichOneof


def decode_flat(payload: bytes) -> FlatVitals:
    """Decode a ``DevicesWithVitals`` body into the flat map keyed by device id.

    Every access to a message field costs a wrapper object in the upb backend, so each is made once: a
    StringValue's presence is asked only when its text is empty, and a vital's float member is read
    first (a non-zero one answers which member is set).
    """
    flat: FlatVitals = {}
    for entry in tesla_pb2.DevicesWithVitals.FromString(payload).devices:
        values: dict[str, Any] = {}
        din = ""
        devices = entry.device
        if devices:
            device = devices[0].device
            din = device.din.value
            has = device.HasField
            for key, field in _STRING_ITEMS:
                text = getattr(device, field).value
                if text or has(field):
                    values[key] = text
            if has("lastCommunicationTime"):
                values["lastCommunicationTime"] = str(device.lastCommunicationTime.seconds)
        for vital in entry.vitals:
            # Most vitals are floats, and a non-zero float can only be the oneof's member: two reads
            # instead of three (WhichOneof, then the member). Zero, bools, strings and unset ask which.
            number = vital.floatValue
            if number:
                values[vital.name] = number
            else:
                kind = _which_value(vital, "value")
                values[vital.name] = getattr(vital, kind) if kind else None
        alerts = entry.alerts
        if alerts:
            values["alerts"] = list(alerts)
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
