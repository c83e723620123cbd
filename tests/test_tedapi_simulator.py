"""The simulated gateway's TEDAPI, in process: transports, keys, queries, FileStore, TEG, faults, bad input.

Requests are built from the public field numbers with our own wire writer; the
signature with ``cryptography``. The third-party clients, over real HTTPS, are in
``test_tedapi_third_party.py``.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import json
import math
import time
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pwkit.simulator import wire
from pwkit.simulator.keys import PENDING, REMOVED, TIMED_OUT, VERIFIED, grpc_command
from pwkit.simulator.tedapi import MAX_TEDAPI_BODY, NOT_VERIFIED, Tedapi

from .simulators import EMAIL, PASSWORD
from .tedapi_helpers import (
    BASIC,
    OCTETS,
    Key,
    answer_envelope,
    config_request,
    envelope,
    fault,
    make_tedapi,
    message,
    query_request,
    query_text,
    request,
    v1r,
)

# ------------------------------------------------------------------ listeners and transports


def test_din_over_wifi_basic_and_403_for_a_wrong_password() -> None:
    tedapi = make_tedapi("pw2-24.x")
    ok = request(tedapi, "access_point", "GET", "/tedapi/din", headers=BASIC)
    assert (ok.status_code, ok.text) == (200, tedapi.din)
    wrong = {"Authorization": "Basic " + base64.b64encode(b"Tesla_Energy_Device:nope").decode()}
    refused = request(tedapi, "access_point", "GET", "/tedapi/din", headers=wrong)
    assert refused.status_code == 403 and "QR sticker" in refused.text


def test_basic_is_on_the_lan_before_25_10_and_only_on_the_access_point_after() -> None:
    assert request(make_tedapi("pw2-24.x"), "lan", "GET", "/tedapi/din", headers=BASIC).status_code == 200
    after = request(make_tedapi("pw2-25.x"), "lan", "GET", "/tedapi/din", headers=BASIC)
    assert after.status_code == 404 and "access point" in after.text


def test_answers_on_the_access_point_are_gzip_from_25_42_2() -> None:
    tedapi = make_tedapi("pw2-25.x")
    response = request(
        tedapi, "access_point", "POST", "/tedapi/v1", message(config_request(tedapi.din)), OCTETS | BASIC
    )
    assert response.content[:2] == b"\x1f\x8b"
    env = answer_envelope(gzip.decompress(response.content))
    config = env.message(15)
    assert config is not None
    recv = config.message(2)
    assert recv is not None and len(recv.raw(2)) == 32  # the hash
    file = recv.message(1)
    assert file is not None and json.loads(file.raw(100))["vin"] == tedapi.din


def test_a_powerwall_3_answers_only_three_rest_paths() -> None:
    tedapi = make_tedapi("pw3-26.x")
    assert request(tedapi, "lan", "GET", "/api/status").status_code == 404
    assert request(tedapi, "lan", "GET", "/api/site_info").status_code == 404
    assert request(tedapi, "lan", "GET", "/").status_code == 404  # no web portal
    login = request(
        tedapi,
        "lan",
        "POST",
        "/api/login/Basic",
        json.dumps({"username": "customer", "email": EMAIL, "password": PASSWORD}).encode(),
        {"Content-Type": "application/json"},
    )
    token = {"Authorization": f"Bearer {login.json()['token']}"}
    for path in ("/api/meters/aggregates", "/api/system_status/soe", "/api/system_status/grid_status"):
        assert request(tedapi, "lan", "GET", path, headers=token).status_code == 200, path


def test_bearer_with_an_auth_envelope_reads_the_config_and_refuses_without_presence() -> None:
    tedapi = make_tedapi("pw3-26.x")
    login = request(
        tedapi,
        "lan",
        "POST",
        "/api/login/Basic",
        json.dumps({"username": "customer", "email": EMAIL, "password": PASSWORD}).encode(),
        {"Content-Type": "application/json"},
    )
    headers = OCTETS | {"Authorization": f"Bearer {login.json()['token']}"}
    env = config_request(tedapi.din)
    with_presence = wire.encode([(1, env), (2, wire.message((1, 1)))])
    ok = request(tedapi, "lan", "POST", "/tedapi/v1", with_presence, headers)
    assert ok.status_code == 200
    inner = wire.decode(ok.content).message(1)
    assert inner is not None and inner.has(15)
    refused = request(tedapi, "lan", "POST", "/tedapi/v1", wire.encode([(1, env)]), headers)
    assert refused.status_code == 403 and "PRESENCE" in refused.text
    bad_token = request(tedapi, "lan", "POST", "/tedapi/v1", with_presence, OCTETS | {"Authorization": "Bearer x"})
    assert bad_token.status_code == 401


# ------------------------------------------------------------------ queries


def test_a_known_signed_query_is_answered_and_any_other_text_refused() -> None:
    tedapi = make_tedapi("pw2-24.x")
    ok = request(
        tedapi,
        "lan",
        "POST",
        "/tedapi/v1",
        message(query_request(tedapi.din, "device_controller_basic")),
        OCTETS | BASIC,
    )
    status = json.loads(query_text(answer_envelope(ok.content)))
    assert status["control"]["systemStatus"]["nominalFullPackEnergyWh"] == round(tedapi.site.config.capacity_wh)
    forged = query_request(
        tedapi.din, "device_controller_basic", text="query DeviceControllerQuery { control { alerts { active } } }"
    )
    refused = answer_envelope(request(tedapi, "lan", "POST", "/tedapi/v1", message(forged), OCTETS | BASIC).content)
    response = refused.message(16).message(2)  # type: ignore[union-attr]
    assert response is not None and response.number(1) == 3  # status error
    error = response.message(3)
    assert error is not None and "signature" in error.text(3)
    assert error.number(2) == 2  # GraphQLErrorCode UNAUTHORIZED


def test_a_query_a_gateway_cannot_resolve_answers_partly_with_its_error() -> None:
    """A Powerwall 2 asked for Powerwall 3 components: status 2 (partial), the data it has, and why the rest is not."""
    tedapi = make_tedapi("pw2-24.x")
    env = query_request(tedapi.din, "components")
    answer = answer_envelope(request(tedapi, "lan", "POST", "/tedapi/v1", message(env), OCTETS | BASIC).content)
    response = answer.message(16).message(2)  # type: ignore[union-attr]
    assert response is not None and response.number(1) == 2  # partial, not an error
    assert json.loads(response.text(2)) == {}
    error = response.message(3)
    assert error is not None and "Powerwall 3" in error.text(3)
    assert error.number(2) == 1  # GraphQLErrorCode FIELD_NOT_FOUND: a code the spec's enum knows


def test_the_variables_choose_which_signals_come_back() -> None:
    tedapi = make_tedapi("pw3-26.x")
    variables = json.dumps(
        {"bmsComponentsFilter": {"types": ["PW3BMS"]}, "bmsSignalNames": ["BMS_nominalEnergyRemaining", "NoSuchSignal"]}
    )
    env = query_request(tedapi.din, "components", variables=variables)
    answer = json.loads(
        query_text(
            answer_envelope(request(tedapi, "access_point", "POST", "/tedapi/v1", message(env), OCTETS | BASIC).content)
        )
    )
    bms = answer["components"]["bms"]
    assert len(bms) == 3  # the leader and two DC expansions
    assert all([s["name"] for s in pack["signals"]] == ["BMS_nominalEnergyRemaining"] for pack in bms)
    assert answer["components"]["pch"] == [{"signals": [], "activeAlerts": []}]  # no pch signals asked for


def test_rotated_query_signing_keys_refuse_every_query() -> None:
    tedapi = make_tedapi("pw2-24.x")
    tedapi.faults.queries_rotated = True
    env = answer_envelope(
        request(
            tedapi,
            "lan",
            "POST",
            "/tedapi/v1",
            message(query_request(tedapi.din, "device_controller_basic")),
            OCTETS | BASIC,
        ).content
    )
    response = env.message(16).message(2)  # type: ignore[union-attr]
    assert response is not None and response.number(1) == 3 and not response.has(2)


# ------------------------------------------------------------------ one living site


def test_one_living_site_in_rest_and_tedapi() -> None:
    tedapi = make_tedapi("pw3-26.x")
    tedapi.site.clock.advance(6 * 3600)  # noon: the sun is up
    login = request(
        tedapi,
        "lan",
        "POST",
        "/api/login/Basic",
        json.dumps({"username": "customer", "email": EMAIL, "password": PASSWORD}).encode(),
        {"Content-Type": "application/json"},
    )
    token = {"Authorization": f"Bearer {login.json()['token']}"}
    aggregates = request(tedapi, "lan", "GET", "/api/meters/aggregates", headers=token).json()
    env = query_request(tedapi.din, "device_controller_basic")
    status = json.loads(
        query_text(
            answer_envelope(request(tedapi, "access_point", "POST", "/tedapi/v1", message(env), OCTETS | BASIC).content)
        )
    )
    by_location = {m["location"].lower(): m["realPowerW"] for m in status["control"]["meterAggregates"]}
    assert {by_location.pop(extra) for extra in ("solar_rgm", "generator", "conductor")} == {0}
    assert by_location == {name: aggregates[name]["instant_power"] for name in ("site", "battery", "load", "solar")}
    components = json.loads(
        query_text(
            answer_envelope(
                request(
                    tedapi,
                    "access_point",
                    "POST",
                    "/tedapi/v1",
                    message(query_request(tedapi.din, "components")),
                    OCTETS | BASIC,
                ).content
            )
        )
    )
    packs_wh = sum(
        s["value"] * 1000
        for pack in components["components"]["bms"]
        for s in pack["signals"]
        if s["name"] == "BMS_nominalEnergyRemaining"
    )
    assert packs_wh == pytest.approx(status["control"]["systemStatus"]["nominalEnergyRemainingWh"], abs=2)
    signals = {s["name"]: s for s in components["components"]["pch"][0]["signals"]}
    strings_w = sum(signals[f"PCH_PvVoltage{n}"]["value"] * signals[f"PCH_PvCurrent{n}"]["value"] for n in "ABCDEF")
    assert aggregates["solar"]["instant_power"] > 1000
    assert strings_w == pytest.approx(aggregates["solar"]["instant_power"], rel=0.01)
    assert "SystemConnectedToGrid" in status["control"]["alerts"]["active"]
    # On grid, as both public captures (PW2 and PW3) answer.
    assert status["control"]["islanding"]["customerIslandMode"] == "BACKUP"


# ------------------------------------------------------------------ v1r and the keys


def register(tedapi: Tedapi, key: Key) -> int:
    status, body = grpc_command(
        tedapi.keys,
        {
            "command_type": "grpc_command",
            "command_properties": {
                "identifier_type": 1,
                "message": {
                    "authorization": {
                        "add_authorized_client_request": {
                            "key_type": 1,
                            "public_key": key.b64(),
                            "authorized_client_type": 1,
                            "description": "test",
                        }
                    }
                },
            },
        },
    )
    assert status == 200, body
    return int(
        body["response"]["message"]["Payload"]["Authorization"]["Message"]["AddAuthorizedClientResponse"]["Client"][
            "State"
        ]
    )


def power_cycle(tedapi: Tedapi, off_seconds: float) -> None:
    tedapi.keys.switch(False)
    tedapi.site.clock.advance(off_seconds)
    tedapi.keys.switch(True)


def test_an_unknown_key_is_unknown_key_id() -> None:
    tedapi = make_tedapi()
    assert fault(v1r(tedapi, Key(), config_request(tedapi.din))) == 3


def test_a_key_is_pending_until_the_switch_is_off_15_s_then_on_and_a_flick_is_ignored() -> None:
    tedapi, key = make_tedapi(), Key()
    assert register(tedapi, key) == PENDING
    assert v1r(tedapi, key, config_request(tedapi.din)).raw(10) == NOT_VERIFIED
    power_cycle(tedapi, 2)  # a flick
    assert tedapi.keys.state_of(key.public_der) == PENDING
    power_cycle(tedapi, 16)
    assert tedapi.keys.state_of(key.public_der) == VERIFIED
    answer = v1r(tedapi, key, config_request(tedapi.din))
    env = wire.decode(answer.raw(10))
    assert json.loads(env.message(15).message(2).message(1).raw(100))["vin"] == tedapi.din  # type: ignore[union-attr]


def test_the_window_closes_after_10_minutes_and_timed_out_is_terminal_until_registered_again() -> None:
    tedapi, key = make_tedapi(), Key()
    register(tedapi, key)
    tedapi.site.clock.advance(601)
    power_cycle(tedapi, 16)
    assert tedapi.keys.state_of(key.public_der) == TIMED_OUT
    assert v1r(tedapi, key, config_request(tedapi.din)).raw(10) == NOT_VERIFIED
    assert register(tedapi, key) == PENDING
    power_cycle(tedapi, 16)
    assert tedapi.keys.state_of(key.public_der) == VERIFIED


def verified(tedapi: Tedapi) -> Key:
    key = Key()
    register(tedapi, key)
    power_cycle(tedapi, 16)
    return key


def test_a_tampered_signature_an_expired_message_and_a_replay_are_refused() -> None:
    tedapi = make_tedapi()
    key = verified(tedapi)
    assert fault(v1r(tedapi, key, config_request(tedapi.din), tamper=True)) == 5
    assert fault(v1r(tedapi, key, config_request(tedapi.din), expires_at=math.ceil(time.time()) - 1)) == 17
    replay = key.routable(config_request(tedapi.din), tedapi.din, expires_at=math.ceil(time.time()) - 30)
    response = request(tedapi, "lan", "POST", "/tedapi/v1r", replay, OCTETS)
    assert fault(wire.decode(response.content)) == 17


def test_v1r_answers_timeout_for_a_follower_which_answers_over_wifi() -> None:
    tedapi = make_tedapi("pw3-26.x-follower")
    key = verified(tedapi)
    follower = tedapi.model.followers[0]
    assert fault(v1r(tedapi, key, query_request(follower, "components"))) == 2
    over_wifi = request(
        tedapi,
        "access_point",
        "POST",
        f"/tedapi/device/{follower}/v1",
        message(query_request(follower, "components")),
        OCTETS | BASIC,
    )
    assert "bms" in json.loads(query_text(answer_envelope(over_wifi.content)))["components"]


def test_a_removed_key_is_unknown_and_listed_as_removed() -> None:
    tedapi = make_tedapi()
    key = verified(tedapi)
    listed = v1r(tedapi, key, envelope(tedapi.din, (12, wire.message((5, b""))), sender_local=False))
    clients = wire.decode(listed.raw(10)).message(12).message(6).messages(1)  # type: ignore[union-attr]
    assert [(c.raw(4), c.number(6)) for c in clients] == [(key.public_der, VERIFIED)]
    v1r(
        tedapi,
        key,
        envelope(tedapi.din, (12, wire.message((3, wire.message((1, key.public_der))))), sender_local=False),
    )
    assert tedapi.keys.state_of(key.public_der) == REMOVED
    assert fault(v1r(tedapi, key, config_request(tedapi.din))) == 3


# ------------------------------------------------------------------ FileStore, TEG, backup events


def read_config(tedapi: Tedapi, key: Key) -> tuple[dict[str, object], bytes]:
    env = wire.decode(v1r(tedapi, key, config_request(tedapi.din)).raw(10))
    recv = env.message(15).message(2)  # type: ignore[union-attr]
    assert recv is not None
    return json.loads(recv.message(1).raw(100)), recv.raw(2)  # type: ignore[union-attr]


def update(tedapi: Tedapi, key: Key, config: dict[str, object], digest: bytes) -> wire.Fields:
    request_ = wire.message((1, 1), (2, wire.message((1, "config.json"), (100, json.dumps(config)))), (3, digest))
    return wire.decode(
        v1r(tedapi, key, envelope(tedapi.din, (15, wire.message((5, request_))), sender_local=False)).raw(10)
    )


def test_a_config_update_changes_the_living_site_and_a_stale_hash_is_refused() -> None:
    tedapi = make_tedapi()
    key = verified(tedapi)
    config, digest = read_config(tedapi, key)
    config["default_real_mode"] = "backup"
    config["site_info"] = {
        **config["site_info"],
        "backup_reserve_percent": 90,
        "customer_preferred_export_rule": "never",
    }  # type: ignore[dict-item]
    config["disallow_charge_from_grid_with_solar_installed"] = True
    answer = update(tedapi, key, config, digest)
    assert answer.message(15).has(6)  # type: ignore[union-attr]
    site = tedapi.site
    assert (site.mode, site.reserve, tedapi.export_rule, tedapi.grid_charging) == ("backup", 90.0, "never", False)
    stale = update(tedapi, key, config, digest)
    assert not stale.has(15)
    error = stale.message(4).message(1).message(1)  # type: ignore[union-attr]  # common.error_response.status
    assert error is not None and "stale hash" in error.text(2)
    assert tedapi.site.mode == "backup"


def test_a_write_acknowledged_but_not_applied() -> None:
    tedapi = make_tedapi()
    key = verified(tedapi)
    tedapi.faults.write_not_applied = True
    config, digest = read_config(tedapi, key)
    config["default_real_mode"] = "backup"
    assert update(tedapi, key, config, digest).message(15).has(6)  # type: ignore[union-attr]
    assert tedapi.site.mode == "self_consumption"


def test_island_mode_6_with_force_opens_the_contactor_and_1_reconnects() -> None:
    tedapi = make_tedapi()
    key = verified(tedapi)
    island = envelope(tedapi.din, (5, wire.message((3, wire.message((1, 6), (2, True))))), sender_local=False)
    answer = wire.decode(v1r(tedapi, key, island).raw(10))
    assert answer.message(5).message(4).number(1) == 1  # type: ignore[union-attr]
    tedapi.site.clock.advance(10)
    tedapi.site.update()
    assert tedapi.site.grid_state == "SystemIslandedActive"
    status = json.loads(
        wire.decode(v1r(tedapi, key, query_request(tedapi.din, "device_controller_basic")).raw(10))
        .message(16)
        .message(2)
        .text(2)
    )  # type: ignore[union-attr]
    assert status["control"]["islanding"]["contactorClosed"] is False
    assert "SystemIslandedActive" in status["control"]["alerts"]["active"]
    v1r(tedapi, key, envelope(tedapi.din, (5, wire.message((3, wire.message((1, 1))))), sender_local=False))
    tedapi.site.clock.advance(10)
    tedapi.site.update()
    assert tedapi.site.grid_state == "SystemGridConnected"


def test_manual_backup_events_are_scheduled_listed_and_cancelled() -> None:
    tedapi = make_tedapi()
    key = verified(tedapi)
    schedule = wire.message((1, wire.message((1, wire.message((1, 1_800_000_000))), (2, 3600))))
    v1r(tedapi, key, envelope(tedapi.din, (5, wire.message((45, schedule))), sender_local=False))
    listed = wire.decode(
        v1r(tedapi, key, envelope(tedapi.din, (5, wire.message((49, b""))), sender_local=False)).raw(10)
    )
    events = listed.message(5).message(50).messages(1)  # type: ignore[union-attr]
    assert [e.message(1).number(2) for e in events] == [3600]  # type: ignore[union-attr]
    v1r(tedapi, key, envelope(tedapi.din, (5, wire.message((47, b""))), sender_local=False))
    assert tedapi.backup_events == []


# ------------------------------------------------------------------ faults and bad input


@pytest.mark.parametrize("status", [429, 503])
def test_a_busy_gateway_answers_429_or_503(status: int) -> None:
    tedapi = make_tedapi("pw2-24.x")
    tedapi.faults.busy_status = status
    assert request(tedapi, "lan", "GET", "/tedapi/din", headers=BASIC).status_code == status


def test_gzip_garbage_is_served_when_injected() -> None:
    tedapi = make_tedapi("pw2-24.x")
    tedapi.faults.gzip_garbage = True
    body = request(tedapi, "lan", "GET", "/tedapi/din", headers=BASIC).content
    assert body[:2] == b"\x1f\x8b"
    with pytest.raises((OSError, EOFError, zlib.error)):
        gzip.decompress(body)


def test_bad_input_gets_a_clear_error() -> None:
    tedapi = make_tedapi("pw2-24.x")
    whole = message(config_request(tedapi.din))
    truncated = request(tedapi, "lan", "POST", "/tedapi/v1", whole[:-3], OCTETS | BASIC)
    assert truncated.status_code == 400 and "truncated" in truncated.text
    wrong_type = request(tedapi, "lan", "POST", "/tedapi/v1", whole, {"Content-Type": "application/json"} | BASIC)
    assert wrong_type.status_code == 415 and "Content-Type" in wrong_type.text
    oversized = request(tedapi, "lan", "POST", "/tedapi/v1", b"\x00" * (MAX_TEDAPI_BODY + 1), OCTETS | BASIC)
    assert oversized.status_code == 413
    v1r_garbage = request(make_tedapi(), "lan", "POST", "/tedapi/v1r", b"\xff\xff\xff", OCTETS)
    assert v1r_garbage.status_code == 400 and "RoutableMessage" in v1r_garbage.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=512))
def test_the_wire_reader_raises_only_its_own_error(data: bytes) -> None:
    try:
        fields = wire.decode(data)
        for number in list(fields.values):
            with contextlib.suppress(wire.WireError):
                fields.message(number)
    except wire.WireError as exc:
        assert str(exc)


_FUZZ = make_tedapi("pw3-26.x")
_FUZZ_KEY = verified(_FUZZ)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=300), st.sampled_from(["/tedapi/v1", "/tedapi/v1r"]), st.booleans())
def test_the_tedapi_parser_never_crashes(data: bytes, path: str, signed: bool) -> None:
    """Any bytes, signed by a verified key or not, get an answer: never a 500, never an exception."""
    body = _FUZZ_KEY.routable(data, _FUZZ.din) if signed and path.endswith("v1r") else data
    response = request(_FUZZ, "access_point", "POST", path, body, OCTETS | BASIC)
    assert response.status_code in (200, 400, 404), response.text
    if response.status_code != 200:
        assert response.text.startswith("TEDAPI: ")


# ------------------------------------------------------------------ the spec's protos read our answers


def test_the_answers_parse_with_the_specs_generated_protobuf_modules() -> None:
    """The simulator writes with its own wire writer; the spec's generated modules (an independent
    parser, from spec/tedapi/*.proto) must read the same messages."""
    from tedapi_client import energy_device_pb2, legacy_pb2, routable_pb2

    tedapi = make_tedapi("pw3-26.x")
    basic = request(tedapi, "access_point", "POST", "/tedapi/v1", message(config_request(tedapi.din)), OCTETS | BASIC)
    legacy = legacy_pb2.Message.FromString(gzip.decompress(basic.content))
    assert json.loads(legacy.message.config.recv.file.text)["vin"] == tedapi.din
    assert legacy.message.sender.din == tedapi.din and legacy.tail.value == 1

    query = request(
        tedapi, "access_point", "POST", "/tedapi/v1", message(query_request(tedapi.din, "components")), OCTETS | BASIC
    )
    recv = legacy_pb2.Message.FromString(gzip.decompress(query.content)).message.payload.recv
    assert "components" in json.loads(recv.text)

    key = verified(tedapi)
    routable = routable_pb2.RoutableMessage.FromString(
        request(
            tedapi, "lan", "POST", "/tedapi/v1r", key.routable(config_request(tedapi.din), tedapi.din), OCTETS
        ).content
    )
    assert routable.signed_message_status.message_fault == routable_pb2.MESSAGEFAULT_ERROR_NONE
    env = energy_device_pb2.MessageEnvelope.FromString(routable.protobuf_message_as_bytes)
    read = env.filestore.readFileResponse
    assert json.loads(read.file.blob)["vin"] == tedapi.din and len(read.hash) == 32

    unknown = routable_pb2.RoutableMessage.FromString(
        request(
            tedapi, "lan", "POST", "/tedapi/v1r", Key().routable(config_request(tedapi.din), tedapi.din), OCTETS
        ).content
    )
    assert unknown.signed_message_status.message_fault == routable_pb2.MESSAGEFAULT_ERROR_UNKNOWN_KEY_ID


def test_simulate_help_lists_every_control_route_and_the_tedapi_profiles() -> None:
    import inspect
    import re

    from click.testing import CliRunner

    from pwkit.cli.simulate import simulate
    from pwkit.simulator import server, tedapi

    text = CliRunner().invoke(simulate, ["--help"], terminal_width=200).output
    actions = set(re.findall(r'action == "([a-z-]+)"', inspect.getsource(server.ControlApp.handle)))
    actions |= set(tedapi.CONTROL_ACTIONS)
    assert sorted(a for a in actions if f"/sites/N/{a}" not in text) == []
    for profile in ("pw2-24.x", "pw2-25.x", "pw2-26.x", "pw3-26.x", "pw3-26.x-follower"):
        assert profile in text


@pytest.mark.parametrize("firmware", ["pw2-24.x", "pw2-25.x", "pw2-26.x", "pw3-26.x", "pw3-26.x-follower"])
@pytest.mark.parametrize("islanded", [False, True])
def test_the_answers_are_valid_for_the_specs_answer_schemas(firmware: str, islanded: bool) -> None:
    from jsonschema import Draft202012Validator

    from tedapi_client import queries, schemas

    tedapi = make_tedapi(firmware)
    tedapi.site.clock.advance(6 * 3600)
    if islanded:
        tedapi.site.go_off_grid()
        tedapi.site.clock.advance(10)
    tedapi.site.update()
    documents = {
        "config": tedapi.config(),
        "device_controller": tedapi.model.device_controller(
            queries.get("device_controller_full", "V2024_06").variables(), full=True
        ),
    }
    if firmware.startswith("pw3"):
        documents["components"] = tedapi.model.components(tedapi.din, queries.get("components", "V2024_06").variables())
    for answer, document in documents.items():
        schema = schemas.schema(answer)
        assert schema is not None, answer
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in Draft202012Validator(schema).iter_errors(document)]
        assert errors == [], f"{answer}: {errors[:5]}"


def test_a_key_registered_over_wifi_is_pending_until_the_switch_then_reads_over_v1r() -> None:
    """The Wi-Fi route (thin evidence: one public script): addAuthorizedClientRequest in an AuthEnvelope
    with PRESENCE, sent with the sticker password to the access point. The AuthEnvelope and the Wi-Fi
    Message are the same bytes (externalAuth{type 1} = tail{value 1})."""
    tedapi, key = make_tedapi("pw3-26.x"), Key()
    add = wire.message((1, 1), (2, "pwkit"), (3, 1), (4, key.public_der))
    body = message(envelope(tedapi.din, (12, wire.message((1, add)))))
    answer = answer_envelope(request(tedapi, "access_point", "POST", "/tedapi/v1", body, OCTETS | BASIC).content)
    record = answer.message(12).message(2).message(1)  # type: ignore[union-attr]
    assert record is not None and (record.raw(4), record.number(6)) == (key.public_der, PENDING)
    power_cycle(tedapi, 16)
    assert read_config(tedapi, key)[0]["vin"] == tedapi.din


def test_the_compliance_query_answers_each_pack_of_the_asked_powerwall_3_with_its_selected_signals() -> None:
    """Battery health (ComplianceQuery, V2026_06): its selection set, one bms entry per pack (the leader with its
    two DC expansions; a follower its own), the discharge total growing with the site's lifetime discharge."""
    tedapi = make_tedapi("pw3-26.x-follower")

    def ask(din: str) -> dict[str, dict[str, list[dict[str, list[dict[str, float]]]]]]:
        answer = request(
            tedapi,
            "access_point",
            "POST",
            "/tedapi/v1",
            message(query_request(din, "ComplianceQuery", "V2026_06")),
            OCTETS | BASIC,
        )
        return json.loads(query_text(answer_envelope(answer.content)))

    leader = ask(tedapi.din)["components"]["bms"]
    assert len(leader) == 3
    signals = {s["name"]: s["value"] for s in leader[0]["signals"]}
    assert set(signals) >= {"BMS_kwhDischargeTotal", "BMS_LOG_numFullBattCycles", "BMS_nominalFullPackEnergy"}
    assert signals["BMS_nominalFullPackEnergy"] == 13.5  # kWh, as the components answer gives it
    assert signals["BMS_kwhDischargeTotal"] > 0 and signals["BMS_LOG_numFullBattCycles"] >= 0
    assert all(set(s) == {"name", "value"} for s in leader[0]["signals"])  # what the query selects, no more
    assert len(ask(tedapi.model.followers[0])["components"]["bms"]) == 1
