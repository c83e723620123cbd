"""The seeds' example bodies are recordings of their own, and the spec describes every one.

The recordings were made from the seed documents with
`pwkit import-samples --seeds ../shared/seeds --out spec/recordings/seeds`;
the tests read only the committed recordings (never ../shared).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pwkit.codegen import paths, seeds
from pwkit.codegen.recordings import Recording, RecordingError, load_dir
from pwkit.codegen.verify import Spec, Verifier

SEED_RECORDINGS = paths.RECORDINGS / "seeds"


def seed_recordings() -> list[Recording]:
    return load_dir(SEED_RECORDINGS)


def test_every_example_of_the_table_is_recorded_once_per_edition() -> None:
    recorded = {(Path(r.source or "").parent.name, Path(r.source or "").stem) for r in seed_recordings()}
    expected = {(example.edition, example.name) for example in seeds.EXAMPLES}
    assert recorded == expected
    assert len(expected) >= 70


def test_each_seed_recording_names_its_edition_and_where_known_its_firmware() -> None:
    for recording in seed_recordings():
        assert recording.edition in seeds.EDITIONS, recording.source
        assert seeds.EDITIONS[recording.edition].about in (recording.note or "")
    firmware = {(r.edition, r.path): r.firmware for r in seed_recordings() if r.firmware}
    assert firmware[("seed-000", "/api/status")] == "1.40.2"
    assert firmware[("seed-000", "/api/system_status/grid_faults")] == "1.40.2"


@pytest.mark.parametrize("recording", seed_recordings(), ids=lambda r: Path(r.source or "").name)
def test_the_seed_examples_validate_against_the_spec(spec: Spec, recording: Recording) -> None:
    assert Verifier(spec).check(recording) == []


def test_both_shapes_of_site_info_are_named(spec: Spec) -> None:
    verifier = Verifier(spec)
    names = {
        recording.edition: dict(verifier.shapes(recording))
        for recording in seed_recordings()
        if recording.path == "/api/site_info"
    }
    assert names["seed-000"]["grid_code"].startswith("grid code name")
    recorded_21 = next(r for r in load_dir(paths.RECORDINGS / "21.39.1" / "running") if r.path == "/api/site_info")
    assert dict(verifier.shapes(recorded_21))["grid_code"].startswith("grid code as an object")


def test_unquoted_keys_and_an_elided_list_are_repaired_and_nothing_else() -> None:
    example = seeds.Example("seed-000", "GET.x", "GET", "/api/installer", "Response:")
    text = 'Response:\n `{company: "Tesla Timbuktu", phone: "8885551212"}` and later [1]'
    recording = seeds.example_recording(example, text)
    assert recording.json() == {"company": "Tesla Timbuktu", "phone": "8885551212"}
    elided = 'Response: [{ "company" : "A", "customer_id" : "1" }, { ... <LONG_LIST> }]'
    assert seeds.example_recording(example, elided).json() == [{"company": "A", "customer_id": "1"}]
    with pytest.raises(RecordingError, match="not JSON"):
        seeds.example_recording(example, "Response: { marketing: ???, privacy_notice: ??? }")


def test_an_ambiguous_anchor_is_an_error_not_a_guess() -> None:
    example = seeds.Example("seed-000", "GET.x", "GET", "/api/status", "response:")
    with pytest.raises(RecordingError, match="2 times"):
        seeds.example_recording(example, 'response: {"a": 1} response: {"a": 2}')


def test_a_token_in_an_example_is_masked() -> None:
    login = next(r for r in seed_recordings() if r.path == "/api/login/Basic")
    assert login.json()["token"] == "<<TOKEN>>"
