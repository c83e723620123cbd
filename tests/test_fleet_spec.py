"""spec/fleet-energy.yaml: a valid description, its example answers conform, and the generated client reads them."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import httpx
import pytest
import schemathesis
import yaml
from openapi_spec_validator import validate

from fleet_client.models.get_site_info_response_200 import GetSiteInfoResponse200
from fleet_client.models.real_mode import RealMode
from pwkit.codegen import paths
from pwkit.codegen.recordings import Recording, load_dir
from pwkit.codegen.verify import Spec

RECORDINGS = load_dir(paths.FLEET_RECORDINGS)


def test_the_fleet_spec_is_valid_openapi() -> None:
    validate(yaml.safe_load(paths.FLEET_SPEC.read_text()))


def test_every_inferred_shape_says_why() -> None:
    def walk(node: object) -> list[str]:
        if isinstance(node, dict):
            found = [str(node["x-pwkit-inferred"])] if "x-pwkit-inferred" in node else []
            return found + [x for v in node.values() for x in walk(v)]
        if isinstance(node, list):
            return [x for v in node for x in walk(v)]
        return []

    reasons = walk(yaml.safe_load(paths.FLEET_SPEC.read_text()))
    assert reasons and all(len(r) > 40 for r in reasons)


@pytest.mark.parametrize("recording", RECORDINGS, ids=lambda r: r.endpoint)
def test_fleet_recording_conforms_to_the_fleet_spec(recording: Recording) -> None:
    spec = Spec.load(paths.FLEET_SPEC)
    operation, _ = spec.match(recording.method, recording.path)
    assert operation is not None, f"{recording.endpoint} is not in the fleet spec"
    assert spec.response_for(operation, recording.status) is not None
    schema = schemathesis.openapi.from_path(str(paths.FLEET_SPEC))
    response = httpx.Response(
        recording.status,
        headers={"content-type": recording.content_type or ""},
        content=recording.body,
        request=httpx.Request(recording.method, f"https://fleet-api.example{recording.path}"),
    )
    response.elapsed = timedelta(milliseconds=1)
    schema[operation.template][recording.method].validate_response(response)


def test_the_generated_fleet_client_reads_the_documented_site_info_and_keeps_unknown_values() -> None:
    recording = next(r for r in RECORDINGS if r.path.endswith("/site_info"))
    body = json.loads(recording.body)
    parsed = GetSiteInfoResponse200.from_dict(body)
    assert parsed.response.default_real_mode == RealMode.SELF_CONSUMPTION
    assert parsed.response.backup_reserve_percent == 20
    body["response"]["default_real_mode"] = "some_future_mode"
    drifted = GetSiteInfoResponse200.from_dict(body)
    assert str(drifted.response.default_real_mode) == "some_future_mode"


@pytest.mark.parametrize(
    "body",
    [
        {"response": None},
        {"response": {"code": 200, "message": "Updated"}},
        {"response": {"Code": 200, "Message": "Updated"}},
        {"response": {}},
        {"response": {"result": True, "reason": ""}},
    ],
    ids=["null", "current", "capitalized", "empty", "pre-2025"],
)
def test_the_generated_client_parses_every_command_answer_shape_without_a_type_error(body: dict[str, Any]) -> None:
    from fleet_client.models.set_operation_response_200 import SetOperationResponse200

    parsed = SetOperationResponse200.from_dict(body)
    if body["response"] is None:
        assert parsed.response is None
    else:
        assert parsed.response is not None and parsed.to_dict()["response"] == body["response"]


def test_the_generated_client_reads_a_null_site_info_and_a_null_products_list() -> None:
    from fleet_client.models.get_products_response_200 import GetProductsResponse200

    assert GetSiteInfoResponse200.from_dict({"response": None}).response is None
    assert GetProductsResponse200.from_dict({"response": None}).response is None
