"""A TEDAPI answer's JSON is read by pydantic-core's parser, with json.loads' answer wherever that one refuses:
the result must be json.loads' on any text, values, types and key order alike, and a text neither reads is still
a MalformedAnswer."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pwkit.client import tedapi_wire as wire
from pwkit.client.errors import MalformedAnswer
from pwkit.codegen import tedapi_recordings

GATEWAY = "https://192.168.91.1"


def same_as_json_loads(text: str | bytes) -> None:
    """repr shows type, value, key order, NaN and -0.0, which == would not tell apart."""
    try:
        want: Any = json.loads(text)
    except (ValueError, RecursionError):
        with pytest.raises(MalformedAnswer):
            wire.json_text(text, GATEWAY, "q")
        return
    assert repr(wire.json_text(text, GATEWAY, "q")) == repr(want)


@pytest.mark.parametrize(
    "recording", tedapi_recordings.load_dir(tedapi_recordings.RECORDINGS), ids=lambda r: r.file.rsplit("/", 1)[-1]
)
def test_every_recorded_answer_reads_as_json_loads_reads_it(recording: tedapi_recordings.TedapiRecording) -> None:
    for text in (json.dumps(recording.body), json.dumps(recording.body, separators=(",", ":"), ensure_ascii=False)):
        same_as_json_loads(text)
        same_as_json_loads(text.encode())


EDGE_CASES = [
    '{"a": 1, "a": 2}',  # the last of a repeated key
    "123456789012345678901234567890",
    "9007199254740993",
    "[1e400, -1e400, 1.5e-400, 5e-324, 2.2250738585072014e-308, 1.0000000000000002, -0.0, -0]",
    "[NaN, Infinity, -Infinity]",
    '"\\ud83d\\ude00"',  # a surrogate pair
    '"\\ud800"',  # a lone surrogate: pydantic-core refuses it, json.loads reads it
    '{"k": "\\udc00\\ud800"}',
    "[" * 300 + "]" * 300,  # deeper than pydantic-core's limit
    "\ufeff{}",  # a byte order mark: refused by both
    '"a\nb"',  # a raw control character: refused by both
    "[1,]",
    '{"a": 1}x',
    "",
    " {} \n",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases_read_as_json_loads_reads_them(text: str) -> None:
    same_as_json_loads(text)


def test_bytes_in_other_encodings_read_as_json_loads_reads_them() -> None:
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        same_as_json_loads('{"é": [1.5, "x"]}'.encode(encoding))
    same_as_json_loads(b'{"a": "\xff"}')  # not UTF-8: refused by both


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=10),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=6), children, max_size=5),
    max_leaves=30,
)
# Number literals as a gateway might write them: long mantissas and exponents, where parsers round differently
# if one rounds wrong.
number_literals = st.from_regex(r"-?(0|[1-9][0-9]{0,24})(\.[0-9]{1,24})?([eE][-+]?[0-9]{1,3})?", fullmatch=True)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values, st.booleans())
def test_random_documents_read_as_json_loads_reads_them(value: Any, ascii_only: bool) -> None:
    same_as_json_loads(json.dumps(value, ensure_ascii=ascii_only))


@settings(max_examples=400, deadline=None)
@given(st.lists(number_literals, min_size=1, max_size=8))
def test_number_literals_read_as_json_loads_reads_them(numbers: list[str]) -> None:
    same_as_json_loads("[" + ",".join(numbers) + "]")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_text_reads_as_json_loads_reads_it(text: str) -> None:
    same_as_json_loads(text)
