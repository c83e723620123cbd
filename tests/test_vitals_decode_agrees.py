"""decode_flat reads each vital with as few protobuf calls as it can; this checks that shortcut against the plain
reading (WhichOneof, then the member) on every vitals recording in the repository, on the simulator's living
vitals, on edge cases one by one and on random messages, including fields a newer firmware might add.

The reference below is decode_flat as it was before the shortcut (commit dee0c6d), kept verbatim in its logic.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from powerwall_client import tesla_pb2
from pwkit.client.vitals import STRING_FIELDS, FlatVitals, decode_flat
from pwkit.codegen import paths
from pwkit.codegen.recordings import load_dir

from .tedapi_wire import double, ld, vint


def reference(payload: bytes) -> FlatVitals:
    """Each field asked for plainly: which member the oneof holds, then that member."""
    flat: FlatVitals = {}
    for entry in tesla_pb2.DevicesWithVitals.FromString(payload).devices:
        values: dict[str, Any] = {}
        din = ""
        if entry.device:
            device = entry.device[0].device
            din = device.din.value
            for key, field in STRING_FIELDS.items():
                text = getattr(device, field).value
                if text or device.HasField(field):  # type: ignore[arg-type]
                    values[key] = text
            if device.HasField("lastCommunicationTime"):
                values["lastCommunicationTime"] = str(device.lastCommunicationTime.seconds)
        for vital in entry.vitals:
            kind = vital.WhichOneof("value")
            values[vital.name] = getattr(vital, kind) if kind else None
        if entry.alerts:
            values["alerts"] = list(entry.alerts)
        flat[din] = values
    return flat


def same(payload: bytes) -> None:
    """Equal maps, in the same key order, with values of the same types (0.0 is not False, nor -0.0 0.0)."""
    got, want = decode_flat(payload), reference(payload)
    assert list(got) == list(want)
    for din in want:
        assert list(got[din]) == list(want[din]), din
        for key, value in want[din].items():
            mine = got[din][key]
            assert type(mine) is type(value), (din, key, mine, value)
            if isinstance(value, float):
                assert (math.isnan(mine) and math.isnan(value)) or (
                    mine == value and math.copysign(1, mine) == math.copysign(1, value)
                ), (din, key, mine, value)
            else:
                assert mine == value, (din, key, mine, value)


def vitals_recordings() -> list[Any]:
    found = [r for r in load_dir(paths.RECORDINGS) if r.path == "/api/devices/vitals" and r.status == 200]
    assert found, "no vitals recording in the repository"
    return found


@pytest.mark.parametrize("recording", vitals_recordings(), ids=lambda r: f"{r.firmware}-{r.path}")
def test_every_recorded_vitals_body_decodes_as_before(recording: Any) -> None:
    same(recording.body)


def test_the_simulators_living_vitals_decode_as_before() -> None:
    from simulator.gateway import living_vitals
    from simulator.site import Site

    site = Site()
    for recording in vitals_recordings():
        for _ in range(6):
            site.clock.advance(4 * 3600)  # later in the day: other powers, temperatures, string states
            site.update()
            same(living_vitals(recording.body, site, "0123456789abcd"))


def message(*vitals: tesla_pb2.DeviceVital) -> bytes:
    payload = tesla_pb2.DevicesWithVitals()
    entry = payload.devices.add()
    entry.device.add().device.din.value = "TEPOD--1"
    entry.vitals.extend(vitals)
    return payload.SerializeToString()


def on_the_wire(*vital_fields: bytes) -> bytes:
    """One device "D" with one vital made of these fields as written, in this order (repeats included)."""
    entry = ld(1, ld(1, ld(1, ld(1, "D")))) + ld(2, *vital_fields)
    return ld(1, entry)


V = tesla_pb2.DeviceVital
EDGE_CASES = {
    "zero float": message(V(name="a", floatValue=0.0)),
    "negative zero": message(V(name="a", floatValue=-0.0)),
    "nan": message(V(name="a", floatValue=math.nan)),
    "infinities": message(V(name="a", floatValue=math.inf), V(name="b", floatValue=-math.inf)),
    "smallest float": message(V(name="a", floatValue=5e-324)),
    "zero int": message(V(name="a", intValue=0)),
    "int64 extremes": message(V(name="a", intValue=-(2**63)), V(name="b", intValue=2**63 - 1)),
    "false and true": message(V(name="a", boolValue=False), V(name="b", boolValue=True)),
    "empty string": message(V(name="a", stringValue="")),
    "unset member": message(V(name="a")),
    "no name": message(V(floatValue=1.5), V(intValue=2)),
    "the same name twice, float then bool": message(V(name="a", floatValue=1.0), V(name="a", boolValue=False)),
    "the same name twice, zero then float": message(V(name="a", intValue=0), V(name="a", floatValue=2.0)),
    "no device": tesla_pb2.DevicesWithVitals(
        devices=[tesla_pb2.SiteControllerConnectedDeviceWithVitals(vitals=[V(name="a", floatValue=1.0)])]
    ).SerializeToString(),
    "empty": b"",
    # The oneof holds the member written last: a non-zero float followed by another member is not a float.
    "float, then string": on_the_wire(ld(1, "a"), double(4, 3.0), ld(5, "s")),
    "float, then zero int": on_the_wire(ld(1, "a"), double(4, 3.0), vint(3, 0)),
    "float, then false": on_the_wire(ld(1, "a"), double(4, 3.0), vint(6, 0)),
    "string, then float": on_the_wire(ld(1, "a"), ld(5, "s"), double(4, 3.0)),
    "float, then zero float": on_the_wire(ld(1, "a"), double(4, 3.0), double(4, 0.0)),
    "value before name": on_the_wire(double(4, 3.0), ld(1, "a")),
    "an unknown field inside the vital": on_the_wire(ld(1, "a"), double(4, 3.0), ld(9, "new")),
}


@pytest.mark.parametrize("payload", EDGE_CASES.values(), ids=EDGE_CASES.keys())
def test_edge_cases_decode_as_before(payload: bytes) -> None:
    same(payload)


def test_a_later_member_on_the_wire_replaces_a_non_zero_float() -> None:
    # What reading the float first relies on: a non-zero float followed by a string reads as the string.
    assert decode_flat(EDGE_CASES["float, then string"]) == {"D": {"a": "s"}}
    assert decode_flat(EDGE_CASES["float, then zero int"]) == {"D": {"a": 0}}


vital_values = st.one_of(
    st.builds(V, name=st.text(max_size=8), floatValue=st.floats(allow_nan=True, allow_infinity=True)),
    st.builds(V, name=st.text(max_size=8), intValue=st.integers(-(2**63), 2**63 - 1)),
    st.builds(V, name=st.text(max_size=8), boolValue=st.booleans()),
    st.builds(V, name=st.text(max_size=8), stringValue=st.text(max_size=8)),
    st.builds(V, name=st.text(max_size=8)),
)


@st.composite
def payloads(draw: st.DrawFn) -> bytes:
    message = tesla_pb2.DevicesWithVitals()
    for _ in range(draw(st.integers(0, 4))):
        entry = message.devices.add()
        if draw(st.booleans()):
            device = entry.device.add().device
            device.din.value = draw(st.text(max_size=12))
            for field in STRING_FIELDS.values():
                choice = draw(st.sampled_from(["absent", "empty", "text"]))
                if choice == "empty":
                    getattr(device, field).SetInParent()
                elif choice == "text":
                    getattr(device, field).value = draw(st.text(min_size=1, max_size=8))
            if draw(st.booleans()):
                device.lastCommunicationTime.seconds = draw(st.integers(0, 2**40))
        entry.vitals.extend(draw(st.lists(vital_values, max_size=12)))
        entry.alerts.extend(draw(st.lists(st.text(max_size=8), max_size=3)))
    data = message.SerializeToString()
    if draw(st.booleans()):
        data += bytes([15 << 3 | 2, 3]) + b"new"  # a field a newer firmware adds
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payloads())
def test_random_messages_decode_as_before(payload: bytes) -> None:
    same(payload)
