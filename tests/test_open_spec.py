"""The spec itself stays open where the gateway is open, and says what every reading means.

Validated with stock tools that know nothing of pwkit's generator templates:
openapi-core and schemathesis's response validation.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import httpx
import pytest
import schemathesis
from openapi_core import OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
from openapi_core.validation.response.exceptions import InvalidData
from requests import PreparedRequest, Request, Response

from pwkit.codegen import describe, paths
from pwkit.codegen.verify import Spec, Verifier

from .conftest import find_recording

# The share of response leaf properties with a description (and, if numeric, an x-pwkit-unit).
COVERAGE_TARGET = 0.95


@pytest.fixture(scope="module")
def openapi_core_spec() -> OpenAPI:
    return OpenAPI.from_file_path(str(paths.OPENAPI))


@pytest.fixture(scope="module")
def st_schema() -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_path(str(paths.OPENAPI))


def _openapi_core_validate(spec: OpenAPI, path: str, body: Any) -> None:
    prepared: PreparedRequest = Request("GET", f"https://powerwall{path}").prepare()
    response = Response()
    response.status_code = 200
    response.headers["Content-Type"] = "application/json"
    response._content = json.dumps(body).encode()
    spec.validate_response(RequestsOpenAPIRequest(prepared), RequestsOpenAPIResponse(response))


def _schemathesis_validate(schema: schemathesis.BaseSchema, path: str, body: Any) -> None:
    response = httpx.Response(
        200,
        headers={"content-type": "application/json"},
        content=json.dumps(body).encode(),
        request=httpx.Request("GET", f"https://powerwall{path}"),
    )
    response.elapsed = timedelta(milliseconds=1)
    schema[path]["GET"].validate_response(response)


def _grid_status_unknown() -> dict[str, Any]:
    return {"grid_status": "SystemWaitForGridPolice", "grid_services_active": False}


def _disabled_battery_pack() -> dict[str, Any]:
    """system_status with its second pack disabled: nulls for its readings, "" for its states."""
    body = find_recording("GET", "/api/system_status").json()
    pack = dict(body["battery_blocks"][0])
    for key in ("p_out", "q_out", "v_out", "f_out", "i_out", "energy_charged", "energy_discharged"):
        pack[key] = None
    pack["nominal_energy_remaining"] = pack["nominal_full_pack_energy"] = None
    pack["pinv_state"] = pack["pinv_grid_state"] = pack["OpSeqState"] = ""
    body["battery_blocks"] = [body["battery_blocks"][0], pack]
    return body


def _powerwall_with_empty_grid_state() -> dict[str, Any]:
    """The empty battery GridState that broke Home Assistant's setup."""
    body = find_recording("GET", "/api/powerwalls").json()
    body["powerwalls"][0]["grid_state"] = ""
    return body


CASES = [
    pytest.param("/api/system_status/grid_status", _grid_status_unknown, id="unknown-enum-value"),
    pytest.param("/api/system_status", _disabled_battery_pack, id="null-in-a-disabled-pack"),
    pytest.param("/api/powerwalls", _powerwall_with_empty_grid_state, id="empty-state"),
]


@pytest.mark.parametrize(("path", "body"), CASES)
def test_openapi_core_accepts_what_a_drifted_gateway_answers(openapi_core_spec: OpenAPI, path: str, body: Any) -> None:
    _openapi_core_validate(openapi_core_spec, path, body())


@pytest.mark.parametrize(("path", "body"), CASES)
def test_schemathesis_accepts_what_a_drifted_gateway_answers(
    st_schema: schemathesis.BaseSchema, path: str, body: Any
) -> None:
    _schemathesis_validate(st_schema, path, body())


def test_the_stock_validators_still_reject_a_wrong_type(
    openapi_core_spec: OpenAPI, st_schema: schemathesis.BaseSchema
) -> None:
    """The tests above can fail: openness is for strings, not for anything at all."""
    body = {"grid_status": 42, "grid_services_active": False}
    with pytest.raises(InvalidData):
        _openapi_core_validate(openapi_core_spec, "/api/system_status/grid_status", body)
    with pytest.raises(AssertionError):
        _schemathesis_validate(st_schema, "/api/system_status/grid_status", body)


def test_verify_still_reports_an_unknown_value_of_an_open_set(spec: Spec) -> None:
    recording = find_recording("GET", "/api/system_status/grid_status").with_json(_grid_status_unknown())
    found = [(f.field, f.kind) for f in Verifier(spec).check(recording)]
    assert found == [("grid_status", "unknown-enum-value")]


def test_every_string_set_of_the_spec_is_open(spec: Spec) -> None:
    """A gateway string set is only ever used as `anyOf: [{$ref: <Set>}, {type: string}]`."""
    schemas = spec.document["components"]["schemas"]
    sets = {f"#/components/schemas/{n}" for n, s in schemas.items() if s.get("type") == "string" and s.get("enum")}
    assert len(sets) >= 10
    closed: list[str] = []

    def walk(node: Any, where: str, open_context: bool) -> None:
        if isinstance(node, dict):
            if node.get("$ref") in sets and not open_context:
                closed.append(where)
            for key, child in node.items():
                opened = key == "anyOf" and describe.open_set_values(spec, node) is not None
                walk(child, f"{where}/{key}", opened)
        elif isinstance(node, list):
            for index, child in enumerate(node):
                walk(child, f"{where}/{index}", open_context)

    walk(spec.document["paths"], "#/paths", False)
    walk(schemas, "#/components/schemas", False)
    # Request bodies (and their echoes) stay closed: a client sends only a known mode, and
    # what a gateway does with another one is not recorded.
    assert [c for c in closed if "OperationRequest" not in c and "IslandingMode" not in c] == []
    for name in sets:
        assert "Open set" in schemas[name.rsplit("/", 1)[-1]]["description"], name


def test_every_reading_has_a_meaning_and_a_unit(spec: Spec) -> None:
    figure = describe.coverage(spec)
    print(f"\ndescription and unit coverage: {figure.line()}")
    missing = [leaf.pointer for leaf in describe.response_leaves(spec) if not leaf.complete]
    assert figure.ratio >= COVERAGE_TARGET, f"{figure.line()}; incomplete, e.g.: {missing[:20]}"


def test_units_are_from_the_documented_list(spec: Spec) -> None:
    for leaf in describe.response_leaves(spec):
        if leaf.facts.unit is not None:
            assert leaf.facts.unit in describe.UNITS, (leaf.pointer, leaf.facts.unit)
            assert leaf.facts.numeric, f"{leaf.pointer}: a unit on a non-numeric value"


def test_the_generated_reading_table_gives_each_topic_its_unit_from_the_spec() -> None:
    from powerwall_client import pwkit_readings

    assert pwkit_readings.unit("meters/aggregates/site/instant_power") == "W"
    assert pwkit_readings.unit("meters/aggregates/battery/energy_imported") == "Wh"
    assert pwkit_readings.unit("meters/readings/OBB3172012345/data/cts/0/eExp_Ws") == "Ws"
    assert pwkit_readings.unit("system_status/battery_blocks/TG1234567/p_out") == "W"
    assert pwkit_readings.unit("system_status/soe/percentage") == "%"
    sign = pwkit_readings.find("meters/aggregates/battery/instant_power")
    assert sign is not None and "battery + = discharging" in sign.description
    assert pwkit_readings.find("no/such/topic") is None


def test_every_value_row_of_the_topic_reference_has_a_meaning() -> None:
    rows = [line for line in (paths.GENERATED / "TOPICS.md").read_text().splitlines() if line.startswith("| `…/")]
    assert len(rows) > 500
    empty = [row for row in rows if not row.rstrip().removesuffix("|").rsplit(" | ", 1)[-1].strip()]
    assert empty == []
