"""The generated client parses every real answer, and keeps parsing when firmware drifts."""

from __future__ import annotations

import copy
import importlib
import re
import typing
from collections.abc import Callable
from types import ModuleType
from typing import Any

import httpx
import pytest

from powerwall_client import AuthenticatedClient
from powerwall_client.models import GridStatus, MetersAggregates, Operation, OperationMode
from powerwall_client.types import Response
from pwkit.codegen.recordings import Recording
from pwkit.codegen.verify import Spec

from .conftest import all_recordings, find_recording, recording_id

RECORDINGS = all_recordings()


def endpoint_module(spec: Spec, recording: Recording) -> tuple[ModuleType, dict[str, str]]:
    """The generated module of the recording's operation, and its path parameters."""
    operation, _ = spec.match(recording.method, recording.path)
    assert operation is not None
    tag = operation.definition["tags"][0]
    module = importlib.import_module(f"powerwall_client.api.{tag}.{operation.definition['operationId']}")
    names = re.findall(r"\{([^}]+)\}", operation.template)
    values = re.fullmatch(Spec._pattern(operation.template).pattern.replace("[^/]+", "([^/]+)"), recording.path)
    assert values is not None
    return module, dict(zip(names, values.groups(), strict=True))


def replaying(recording: Recording) -> AuthenticatedClient:
    """A client whose transport answers every request with ``recording``."""

    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"content-type": recording.content_type} if recording.content_type else {}
        return httpx.Response(recording.status, headers=headers, content=recording.body)

    return AuthenticatedClient(
        base_url="https://powerwall", token="t", httpx_args={"transport": httpx.MockTransport(handler)}
    )


# Request bodies for the recorded POSTs, as the bridge would send them.
REQUEST_EXAMPLES = {
    "login_basic": {"username": "customer", "email": "a@example.com", "password": "x", "force_sm_off": False},
    "post_operation": {"mode": "self_consumption", "backup_reserve_percent": 24.6},
    "post_islanding_mode": {"island_mode": "backup"},
    # the samples' password.change.request.json, masked
    "post_password_change": {
        "old_password": "<<OLD_PASSWORD>>",
        "new_password": "<<NEW_PASSWORD>>",
        "toggled_pw": False,
    },
}


def call(spec: Spec, recording: Recording) -> Response[Any]:
    module, params = endpoint_module(spec, recording)
    sync_detailed: Callable[..., Response[Any]] = module.sync_detailed
    kwargs: dict[str, Any] = {"client": replaying(recording), **params}
    body_type = typing.get_type_hints(sync_detailed).get("body")
    if body_type is not None:
        example = REQUEST_EXAMPLES.get(module.__name__.rsplit(".", 1)[1])
        kwargs["body"] = body_type.from_dict(example) if example is not None else None
    return sync_detailed(**kwargs)


JSON_RECORDINGS = [r for r in RECORDINGS if r.is_json and r.body]


@pytest.mark.parametrize("recording", JSON_RECORDINGS, ids=recording_id)
def test_generated_client_parses_every_recorded_json_answer(spec: Spec, recording: Recording) -> None:
    response = call(spec, recording)
    assert response.status_code == recording.status
    assert response.parsed is not None
    if hasattr(response.parsed, "to_dict"):
        # Nothing is lost: the typed model serialises back to the gateway's JSON.
        assert response.parsed.to_dict() == recording.json()


def test_the_vitals_answer_arrives_as_a_file(spec: Spec) -> None:
    vitals = next(r for r in RECORDINGS if r.path == "/api/devices/vitals")
    response = call(spec, vitals)
    assert response.parsed is not None
    assert response.parsed.payload.read() == vitals.body


# ----------------------------------------------------------------- firmware drift


def aggregates() -> dict[str, Any]:
    body = find_recording("GET", "/api/meters/aggregates").json()
    assert isinstance(body, dict)
    return body


def test_an_added_field_is_kept_not_rejected() -> None:
    body = aggregates()
    body["site"]["instant_phase_balance"] = 0.97
    body["pv_string_a"] = {"instant_power": 120}
    model = MetersAggregates.from_dict(copy.deepcopy(body))
    assert model.site.additional_properties["instant_phase_balance"] == 0.97
    assert model.to_dict() == body


def test_a_removed_optional_field_is_simply_unset() -> None:
    body = aggregates()
    del body["site"]["num_meters_aggregated"]
    del body["site"]["last_phase_voltage_communication_time"]
    model = MetersAggregates.from_dict(body)
    assert not model.site.num_meters_aggregated
    assert model.site.instant_power == 537


def test_a_new_enum_value_passes_through() -> None:
    from powerwall_client.models import GetSystemStatusGridStatusResponse200 as GridStatusAnswer

    answer = GridStatusAnswer.from_dict({"grid_status": "SystemWaitForGridPolice", "grid_services_active": False})
    assert answer.grid_status == "SystemWaitForGridPolice"
    assert not answer.grid_status.is_known
    assert GridStatus.SYSTEMGRIDCONNECTED.is_known
    assert answer.to_dict()["grid_status"] == "SystemWaitForGridPolice"


def test_an_unknown_mode_in_real_mode_parses() -> None:
    operation = Operation.from_dict({"real_mode": "grid_charging", "backup_reserve_percent": 20})
    assert operation.real_mode == "grid_charging"
    assert isinstance(operation.real_mode, OperationMode)


def test_a_drifted_recording_still_parses_through_the_generated_endpoint(spec: Spec) -> None:
    recording = find_recording("GET", "/api/system_status")
    body = recording.json()
    body["system_island_state"] = "SystemIslandedSomewhereNew"
    body["battery_blocks"][0]["cell_temperature"] = 21.5
    del body["battery_blocks"][0]["wobble_detected"]
    response = call(spec, recording.with_json(body))
    assert response.parsed is not None
    assert response.parsed.to_dict() == body
