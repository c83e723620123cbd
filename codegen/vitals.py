"""The vitals protobuf (``GET /api/devices/vitals``) and the flat map users know.

The community clients decode ``DevicesWithVitals`` into a map keyed by device
id (``TEPOD--…``); each device maps vital name → value, plus ``Parent``,
``partNumber``, ``serialNumber``, ``manufacturer``, ``firmwareVersion``,
``lastCommunicationTime`` and ``alerts``. :func:`encode_flat` goes the other
way, so a decoded example can be served as the wire format again.
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


def encode_flat(flat: dict[str, dict[str, Any]]) -> bytes:
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
