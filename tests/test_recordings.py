"""Every real recording validates against the spec, with schemathesis's response validation.

The same engine later validates the simulator's live answers, so the spec is
held to one standard for both.
"""

from __future__ import annotations

import json
from datetime import timedelta

import httpx
import pytest
import schemathesis

from pwkit.codegen import paths
from pwkit.codegen.recordings import Recording
from pwkit.codegen.verify import Spec

from .conftest import all_recordings, recording_id

RECORDINGS = all_recordings()


@pytest.fixture(scope="module")
def st_schema() -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_path(str(paths.OPENAPI))


def as_httpx(recording: Recording) -> httpx.Response:
    headers = {"content-type": recording.content_type} if recording.content_type else {}
    response = httpx.Response(
        recording.status,
        headers=headers,
        content=recording.body,
        request=httpx.Request(recording.method, f"https://powerwall{recording.path}"),
    )
    response.elapsed = timedelta(milliseconds=1)
    return response


@pytest.mark.parametrize("recording", RECORDINGS, ids=recording_id)
def test_recording_conforms_to_the_spec(recording: Recording, spec: Spec, st_schema: schemathesis.BaseSchema) -> None:
    operation, _ = spec.match(recording.method, recording.path)
    assert operation is not None, f"{recording.endpoint} is not in the spec"
    # schemathesis skips statuses the spec does not document: check that first.
    assert spec.response_for(operation, recording.status) is not None, recording.status
    st_schema[operation.template][recording.method].validate_response(as_httpx(recording))


def test_a_broken_recording_fails_schemathesis_validation(spec: Spec, st_schema: schemathesis.BaseSchema) -> None:
    """The conformance test above can fail: a wrong type is caught."""
    soe = next(r for r in RECORDINGS if r.path == "/api/system_status/soe" and r.status == 200)
    broken = soe.with_json({"percentage": "69%"})
    with pytest.raises(AssertionError):
        st_schema["/api/system_status/soe"]["GET"].validate_response(as_httpx(broken))


def test_both_gateway_states_of_21_39_1_are_recorded() -> None:
    states = {(r.firmware, r.sitemaster) for r in RECORDINGS}
    assert {("21.39.1", "running"), ("21.39.1", "stopped")} <= states


def test_stopped_sitemaster_readings_are_recorded_as_empty_502s() -> None:
    stopped = {r.path: r for r in RECORDINGS if r.sitemaster == "stopped" and r.status == 502}
    assert set(stopped) == {
        "/api/meters/aggregates",
        "/api/system_status",
        "/api/system_status/soe",
        "/api/system_status/grid_status",
        "/api/system_status/grid_faults",
    }
    assert all(r.body == b"" for r in stopped.values())


def test_recordings_carry_no_secrets() -> None:
    for recording in RECORDINGS:
        if recording.is_json and recording.body:
            text = json.dumps(recording.json())
            for key in ("token", "password"):
                for value in _values_of(recording.json(), key):
                    assert value.startswith("<<") and value.endswith(">>"), (recording.source, key, text[:80])


def _values_of(node: object, key: str) -> list[str]:
    if isinstance(node, dict):
        found = [v for k, v in node.items() if k == key and isinstance(v, str)]
        return found + [x for v in node.values() for x in _values_of(v, key)]
    if isinstance(node, list):
        return [x for v in node for x in _values_of(v, key)]
    return []
