"""The every-poll TEDAPI check (compiled) and the reference validator give the same verdicts.

The bridge checks each decoded TEDAPI answer against spec/tedapi/schemas/ with a compiled check
(fastjsonschema, 3-23x faster than jsonschema per recorded answer); jsonschema (draft 2020-12, the spec's own
dialect) only words the error. An answer the compiled check let through and the spec refuses, or the
reverse, would be a silent difference: these tests hold the two together on every recording, on drift that
must pass and on damage that must be refused.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from pwkit.client import tedapi_schemas
from pwkit.client.errors import SchemaMismatch
from pwkit.codegen import tedapi_recordings
from tedapi_client import schemas

RECORDINGS = [r for r in tedapi_recordings.load_dir(tedapi_recordings.RECORDINGS) if schemas.schema(r.answer)]


def reference(kind: str, data: Any) -> bool:
    schema = schemas.schema(kind)
    assert schema is not None
    return not any(True for _ in jsonschema.Draft202012Validator(schema).iter_errors(data))


def places(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every (path, value) below the top of an answer."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*path, key), value
            yield from places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield (*path, index), value
            yield from places(value, (*path, index))


def replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    copied = copy.deepcopy(data)
    target = copied
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return copied


def variants(data: Any) -> Iterator[tuple[str, Any]]:
    """The answer damaged (a number where an object or a list was) and drifted (nulls, unknown fields and values)."""
    for path, value in places(data):
        where = "/".join(map(str, path))
        if isinstance(value, dict):
            yield f"number for the object at {where}", replaced(data, path, 7)
            yield f"unknown field in {where}", replaced(data, path, {**value, "fieldFrom2027": {"x": 1}})
        elif isinstance(value, list):
            yield f"text for the list at {where}", replaced(data, path, "a list")
        elif isinstance(value, str):
            yield f"unknown value at {where}", replaced(data, path, "ValueFrom2027")
            yield f"number for the text at {where}", replaced(data, path, 3)
        yield f"null at {where}", replaced(data, path, None)


@pytest.mark.parametrize("recording", RECORDINGS, ids=lambda r: r.file or r.name)
def test_the_compiled_check_and_the_spec_agree_on_every_recording_drifted_or_damaged(
    recording: tedapi_recordings.TedapiRecording,
) -> None:
    assert tedapi_schemas.valid(recording.answer, recording.body)
    assert reference(recording.answer, recording.body)
    refused = 0
    for what, body in variants(recording.body):
        verdict = reference(recording.answer, body)
        assert tedapi_schemas.valid(recording.answer, body) == verdict, f"{what}: the spec says {verdict}"
        refused += not verdict
    assert refused, "no damaged variant was refused: the comparison proved nothing"


def test_a_refused_answer_is_still_worded_by_the_spec_with_its_path() -> None:
    recording = next(r for r in RECORDINGS if r.answer == "device_controller")
    body = replaced(recording.body, ("control", "islanding"), 5)
    with pytest.raises(SchemaMismatch) as refused:
        tedapi_schemas.check("device_controller", body, "https://gw", "device_controller")
    assert "at control/islanding" in str(refused.value)
