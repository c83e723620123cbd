"""The vitals protobuf: tesla.proto's module round-trips the community's decoded example."""

from __future__ import annotations

import json
from typing import Any

from powerwall_client import tesla_pb2
from pwkit.client.vitals import decode_flat, encode_flat
from pwkit.codegen import paths
from pwkit.codegen.recordings import load_dir

from .conftest import DATA


def example() -> dict[str, dict[str, Any]]:
    flat = json.loads((DATA / "api-devices-vitals.json").read_text())
    assert isinstance(flat, dict)
    return flat


def test_devices_with_vitals_round_trips_the_decoded_example() -> None:
    payload = encode_flat(example())
    message = tesla_pb2.DevicesWithVitals.FromString(payload)
    assert len(message.devices) == len(example())
    assert message.SerializeToString(deterministic=True) == payload
    assert decode_flat(payload) == example()


def test_vital_values_keep_their_types() -> None:
    flat = decode_flat(encode_flat(example()))
    pod = flat["TEPOD--1081100-10-U--SSSSSSSSSSS"]
    assert pod["POD_nom_full_pack_energy"] == 13990.0
    assert pod["POD_ActiveHeating"] is False
    assert pod["POD_state"] == "POD_ACTIVE"
    assert flat["TETHC--2012170-25-E--44444444444444"]["Parent"] == "STSTSM--1232100-00-E--TTTTTTTTTTTTTT"


def test_int_vitals_and_alerts_survive() -> None:
    flat = {"TEPOD--1--A": {"POD_cycles": 412, "alerts": ["POD_w041_overTemp"], "lastCommunicationTime": "1639168200"}}
    assert decode_flat(encode_flat(flat)) == flat


def test_the_recorded_vitals_body_is_the_example_on_the_wire() -> None:
    recorded = next(r for r in load_dir(paths.RECORDINGS / "misc") if r.path == "/api/devices/vitals")
    assert recorded.content_type == "application/octet-stream"
    assert decode_flat(recorded.body) == example()


def test_unknown_protobuf_fields_from_newer_firmware_are_ignored() -> None:
    payload = encode_flat(example())
    # Field 15 (length-delimited) is not in tesla.proto: a newer firmware's addition.
    extra = bytes([15 << 3 | 2, 3]) + b"new"
    assert decode_flat(payload + extra) == example()


def test_an_empty_but_present_device_field_is_kept_and_an_absent_one_left_out() -> None:
    message = tesla_pb2.DevicesWithVitals()
    entry = message.devices.add()
    device = entry.device.add().device
    device.din.value = "TEPOD--1"
    device.partNumber.SetInParent()  # present, empty text
    entry.vitals.add(name="PINV_Fout", floatValue=50.0)
    entry.vitals.add(name="unset")
    assert decode_flat(message.SerializeToString()) == {
        "TEPOD--1": {"partNumber": "", "PINV_Fout": 50.0, "unset": None}
    }
