"""The decoded TEDAPI answers: schemas, recordings, verify, masking, record, models and readings."""

from __future__ import annotations

import asyncio
import copy
import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pwkit.codegen import paths, tedapi_recordings
from pwkit.codegen.record import record_tedapi, tedapi_requests
from pwkit.codegen.recordings import load_dir as load_rest
from pwkit.codegen.tedapi_recordings import AnswerSpec, TedapiRecording, TedapiVerifier, mask
from tedapi_client import models, pwkit_readings, queries

RECORDINGS = tedapi_recordings.load_dir(tedapi_recordings.RECORDINGS)
ANSWERS = AnswerSpec.load()
VERIFIER = TedapiVerifier(ANSWERS)


def verify(directory: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pwkit.cli", "verify", str(directory), "--json"],
        capture_output=True,
        text=True,
        cwd=paths.REPO,
        timeout=120,
    )


def name(recording: TedapiRecording) -> str:
    return Path(recording.file or "").name


def test_there_are_attributed_recordings_of_pw2_and_pw3_for_three_answers() -> None:
    assert len(RECORDINGS) >= 7
    assert {r.answer for r in RECORDINGS} >= {"config", "device_controller", "components"}
    devices = " ".join(r.device or "" for r in RECORDINGS)
    assert "Powerwall 2" in devices and "Powerwall 3" in devices
    for recording in RECORDINGS:
        assert recording.source and recording.source.startswith("https://github.com/"), name(recording)
        assert recording.licence and recording.note, name(recording)


@pytest.mark.parametrize("recording", RECORDINGS, ids=name)
def test_verify_passes_each_tedapi_recording(recording: TedapiRecording, tmp_path: Path) -> None:
    shutil.copy(recording.file or "", tmp_path)
    result = verify(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []


def test_a_drifted_answer_gets_the_rest_findings_and_exit_1(tmp_path: Path) -> None:
    original = next(r for r in RECORDINGS if name(r) == "device_controller.pp192-jemcats-pw2.json")
    body = copy.deepcopy(original.body)
    body["control"]["systemStatus"]["nominalFullPackEnergyWh"] = "27400"
    body["control"]["islanding"]["customerIslandMode"] = "STORM_WATCH"
    body["control"]["newBlock"] = {"x": 1}
    drifted = TedapiRecording(**{**original.__dict__, "body": body})
    tedapi_recordings.write(drifted, tmp_path)
    result = verify(tmp_path)
    assert result.returncode == 1
    found = {(f["field"], f["kind"]) for f in json.loads(result.stdout)}
    assert found == {
        ("control.systemStatus.nominalFullPackEnergyWh", "type-mismatch"),
        ("control.islanding.customerIslandMode", "unknown-enum-value"),
        ("control.newBlock", "unknown-field"),
    }
    assert all(f["endpoint"] == "TEDAPI query device_controller_basic (V2024_06)" for f in json.loads(result.stdout))


def test_an_unknown_answer_or_query_name_is_an_unknown_endpoint() -> None:
    recording = RECORDINGS[0]
    kinds = [f.kind for f in VERIFIER.check(TedapiRecording(**{**recording.__dict__, "answer": "battery_art"}))]
    assert kinds == ["unknown-endpoint"]
    renamed = TedapiRecording(**{**recording.__dict__, "kind": "query", "name": "NoSuchQuery", "version": "V2026_06"})
    assert [f.kind for f in VERIFIER.check(renamed)] == ["unknown-endpoint"]


def _nulled(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _nulled(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_nulled(v) for v in node]
    return None


@pytest.mark.parametrize("recording", RECORDINGS, ids=name)
def test_a_disabled_unit_answering_nulls_everywhere_is_no_drift(recording: TedapiRecording) -> None:
    nulled = TedapiRecording(**{**recording.__dict__, "body": _nulled(recording.body)})
    assert VERIFIER.check(nulled) == []
    assert models.parse(recording.answer, nulled.body).to_dict() == nulled.body


@pytest.mark.parametrize("answer", list(ANSWERS.answers))
def test_every_answer_accepts_an_empty_object_and_a_missing_unit(answer: str) -> None:
    empty = TedapiRecording(kind="config", name="x", answer=answer, body={})
    assert VERIFIER.check(empty) == []
    assert models.parse(answer, {}).to_dict() == {}


def test_models_keep_unknown_fields_and_unknown_enum_values() -> None:
    body = {
        "control": {
            "islanding": {"customerIslandMode": "STORM_WATCH", "gridOK": None, "brandNew": 7},
            "meterAggregates": [{"location": "HEAT_PUMP", "realPowerW": 12.5}],
        },
        "newTop": [1, 2],
    }
    parsed = models.parse("device_controller", body)
    assert isinstance(parsed, models.DeviceController)
    assert parsed.control is not None and parsed.control.islanding is not None
    assert parsed.control.islanding.customerIslandMode == "STORM_WATCH"
    assert parsed.control.islanding.additional_properties == {"brandNew": 7}
    assert parsed.additional_properties == {"newTop": [1, 2]}
    assert parsed.to_dict() == body


def test_a_non_object_answer_is_a_clear_type_error() -> None:
    with pytest.raises(TypeError, match="JSON object"):
        models.parse("components", [])  # type: ignore[arg-type]
    with pytest.raises(KeyError, match="known: config"):
        models.parse("battery_art", {})


def test_masking_removes_dins_serials_vins_site_name_and_secrets() -> None:
    body = {
        "vin": "1232100-00-E--TG123456789012",
        "site_info": {"site_name": "Our Cottage", "address": "1 Main St"},
        "battery_blocks": [
            {"vin": "1707000-21-K--TG124300003JZH", "battery_expansions": [{"din": "1807000-10-B--TG125035000A5E"}]}
        ],
        "meters": [
            {
                "connection": {
                    "device_serial": "VAH1234AB1234",
                    "ip_address": "192.168.1.50",
                    "https_conf": {"client_key": "-----BEGIN PRIVATE KEY-----abc"},
                }
            }
        ],
        "credentials": [{"username": "installer", "password": "hunter2hunter2"}],
    }
    status = {
        "control": {"batteryBlocks": [{"din": "2012170-25-E#TG123456789099"}]},
        "esCan": {"bus": {"THC": [{"packageSerialNumber": "TG123456789099"}]}},
        "components": {"hvp": [{"serialNumber": "TG9ABC12345"}]},
    }
    masked = mask(
        [
            TedapiRecording(kind="config", name="config.json", answer="config", body=body),
            TedapiRecording(kind="query", name="DeviceControllerQuery", answer="device_controller", body=status),
        ]
    )
    text = json.dumps([m.body for m in masked])
    for secret in (
        "TG123456789012",
        "TG124300003JZH",
        "TG125035000A5E",
        "Our Cottage",
        "1 Main St",
        "VAH1234AB1234",
        "192.168.1.50",
        "PRIVATE KEY",
        "hunter2",
        "TG123456789099",
        "TG9ABC12345",
    ):
        assert secret not in text, secret
    # One serial, one placeholder: the DIN with `#` and the THC serial become the same.
    thc = masked[1].body["esCan"]["bus"]["THC"][0]["packageSerialNumber"]
    assert masked[1].body["control"]["batteryBlocks"][0]["din"].endswith(thc)
    assert masked[0].body["vin"].startswith("1232100-00-E--<<")  # the part number stays: it names the model


def test_the_rest_loader_leaves_tedapi_recordings_alone() -> None:
    assert not [r for r in load_rest(paths.RECORDINGS) if "/tedapi/" in (r.source or "")]


def _fake_gateway(calls: list[tuple[str, str, Any]]) -> Any:
    def transport(kind: str, name: str, variables: dict[str, Any] | None) -> bytes | dict[str, Any]:
        calls.append((kind, name, variables))
        if kind == "config":
            return gzip.compress(
                json.dumps({"vin": "1707000-11-J--TG1234567890AB", "site_info": {"site_name": "Home"}}).encode()
            )
        if kind == "firmware":
            return {"system": {"din": "1707000-11-J--TG1234567890AB", "version": {"text": "25.42.2 1a2b3c4d"}}}
        if name == "ComplianceQuery":
            raise TimeoutError("no answer in 10 s")
        if name == "DeviceControllerQuery":
            return {"control": {"systemStatus": {"nominalFullPackEnergyWh": 13500, "nominalEnergyRemainingWh": None}}}
        return json.dumps(
            {"components": {"bms": [{"signals": [{"name": "BMS_nominalFullPackEnergy", "value": 14.2}]}]}}
        ).encode()

    return transport


def test_record_tedapi_writes_masked_answers_that_verify(tmp_path: Path) -> None:
    calls: list[tuple[str, str, Any]] = []
    lines: list[str] = []
    result = asyncio.run(
        record_tedapi(_fake_gateway(calls), tmp_path, version="V2026_06", pause=0, progress=lines.append)
    )
    assert [(k, n) for k, n, _ in calls] == [(k, n) for k, n, _, _ in tedapi_requests("V2026_06")]
    assert [n for k, n, _ in calls if k == "query"] == ["ComplianceQuery", "DeviceControllerQuery", "PW3Query"]
    assert result.firmware == "25.42.2"
    assert result.skipped == ["TEDAPI query ComplianceQuery: no answer in 10 s"]
    assert len(result.written) == 4
    text = " ".join(p.read_text() for p in result.written)
    assert "TG1234567890AB" not in text and '"Home"' not in text
    recorded = tedapi_recordings.load_dir(tmp_path)
    assert {r.firmware for r in recorded} == {"25.42.2"}
    assert verify(tmp_path).returncode == 0


def test_every_leaf_has_a_description_and_every_number_a_unit() -> None:
    from pwkit.codegen.describe import UNITS

    missing: list[str] = []

    def walk(node: Any, pointer: str) -> None:
        if not isinstance(node, dict):
            return
        if "properties" in node:
            for key, child in node["properties"].items():
                here = f"{pointer}/{key}"
                resolved = ANSWERS.spec.resolve(child)
                leaf = not (resolved.get("properties") or resolved.get("type") in ("array",) or "$ref" in child)
                described = child.get("description") or resolved.get("description")
                if (leaf or resolved.get("type") == "array") and not described:
                    missing.append(f"{here}: no description")
                if resolved.get("type") in ("number", "integer"):
                    unit = resolved.get("x-pwkit-unit")
                    if unit not in UNITS and not resolved.get("x-pwkit-unit-from"):
                        missing.append(f"{here}: no unit")
                walk(resolved, here)
        if isinstance(node.get("items"), dict):
            walk(ANSWERS.spec.resolve(node["items"]), pointer + "[]")

    for answer, ref in ANSWERS.answers.items():
        walk(ANSWERS.spec.resolve(ref), answer)
    for group, signals in ANSWERS.signal_units.items():
        for signal, facts in signals.items():
            if facts.get("unit") is not None and facts["unit"] not in UNITS:
                missing.append(f"{group}.{signal}: unit {facts['unit']!r} is not in UNITS")
    assert missing == []


def test_tedapi_readings_carry_their_units_for_the_bridge() -> None:
    assert pwkit_readings.unit("tedapi/components/components/pch/0/PCH_PvVoltageA") == "V"
    assert pwkit_readings.unit("tedapi/device_controller/control/systemStatus/nominalFullPackEnergyWh") == "Wh"
    meter = pwkit_readings.find("tedapi/device_controller/control/meterAggregates/2/realPowerW")
    assert meter is not None and meter.unit == "W"
    assert not [r for r in pwkit_readings.READINGS if "password" in r.topic or "credentials" in r.topic]
    topics = (paths.GENERATED / "TOPICS.md").read_text()
    assert "## TEDAPI readings" in topics and "`PREFIX/GW/tedapi/components`" in topics


def test_each_query_with_an_answer_names_a_schema_that_exists() -> None:
    for query in queries.QUERIES:
        assert query.answers is None or query.answers in ANSWERS.answers, query.name


@pytest.mark.parametrize("recording", RECORDINGS, ids=name)
def test_the_clients_schema_check_accepts_each_recording_and_its_nulled_twin(recording: TedapiRecording) -> None:
    from pwkit.client import tedapi_schemas

    tedapi_schemas.check(recording.answer, recording.body, "https://gw", "test")
    tedapi_schemas.check(recording.answer, _nulled(recording.body), "https://gw", "test")


def test_the_clients_schema_check_refuses_a_number_where_an_object_belongs() -> None:
    from pwkit.client import tedapi_schemas
    from pwkit.client.errors import SchemaMismatch

    with pytest.raises(SchemaMismatch, match="control"):
        tedapi_schemas.check("device_controller", {"control": 5}, "https://gw", "DeviceControllerQuery")
