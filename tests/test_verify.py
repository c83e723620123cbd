"""`pwkit verify`: a drifted recording is named precisely; clean ones pass; bad input is refused."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from pwkit.codegen import paths, recordings
from pwkit.codegen.recordings import Recording

from .conftest import find_recording


def verify(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pwkit.cli", "verify", *args],
        capture_output=True,
        text=True,
        cwd=paths.REPO,
        timeout=120,
    )


def findings(directory: Path) -> list[dict[str, Any]]:
    result = verify(str(directory), "--json")
    assert result.returncode == 1, result.stderr
    parsed = json.loads(result.stdout)
    assert isinstance(parsed, list)
    return parsed


def test_the_repository_recordings_show_no_drift() -> None:
    result = verify("spec/recordings")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no drift" in result.stderr


def test_drift_in_a_broken_recording_is_named_precisely(tmp_path: Path) -> None:
    body = find_recording("GET", "/api/meters/aggregates").json()
    body["site"]["instant_phase_balance"] = 0.97  # a field the spec lacks
    del body["battery"]["instant_power"]  # a required field
    body["load"]["frequency"] = "60Hz"  # a wrong type
    broken = find_recording("GET", "/api/meters/aggregates").with_json(body)
    recordings.write(broken, tmp_path)
    grid = find_recording("GET", "/api/system_status/grid_status")
    recordings.write(grid.with_json({"grid_status": "SystemWaitForUserV2", "grid_services_active": False}), tmp_path)

    found = {(f["endpoint"], f["field"], f["kind"]) for f in findings(tmp_path)}

    assert found == {
        ("GET /api/meters/aggregates", "site.instant_phase_balance", "unknown-field"),
        ("GET /api/meters/aggregates", "battery.instant_power", "missing-required"),
        ("GET /api/meters/aggregates", "load.frequency", "type-mismatch"),
        ("GET /api/system_status/grid_status", "grid_status", "unknown-enum-value"),
    }


def test_text_report_has_a_line_per_finding(tmp_path: Path) -> None:
    body = find_recording("GET", "/api/system_status/soe").json()
    body["percentage_app"] = 25.3
    recordings.write(find_recording("GET", "/api/system_status/soe").with_json(body), tmp_path)
    result = verify(str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "GET /api/system_status/soe percentage_app: unknown-field: not in the spec (value: 25.3)"
        f"  [{tmp_path / 'GET.system_status.soe.json'}; firmware 21.39.1]"
    ]


def test_undocumented_statuses_and_endpoints_are_drift(tmp_path: Path) -> None:
    recordings.write(Recording("GET", "/api/system_status/soe", 418, None, b""), tmp_path)
    recordings.write(Recording("GET", "/api/batteries/health", 200, "application/json", b"{}"), tmp_path)
    found = {(f["endpoint"], f["kind"]) for f in findings(tmp_path)}
    assert found == {
        ("GET /api/system_status/soe", "undocumented-status"),
        ("GET /api/batteries/health", "unknown-endpoint"),
    }


def test_the_samples_dump_format_is_read_too(tmp_path: Path) -> None:
    (tmp_path / "status.json").write_text(json.dumps(find_recording("GET", "/api/status").json()))
    soe = find_recording("GET", "/api/system_status/soe").json()
    soe["cells"] = 16
    (tmp_path / "system_status.soe.json").write_text(json.dumps(soe))
    (tmp_path / "meters.aggregates.err").write_bytes(b"HTTP/2 502 \r\ncontent-length: 0\r\n\r\n")
    found = findings(tmp_path)
    assert [(f["endpoint"], f["field"], f["kind"], f["firmware"]) for f in found] == [
        ("GET /api/system_status/soe", "cells", "unknown-field", "21.39.1")
    ]


def test_a_whole_firmware_dump_in_samples_format_verifies_clean(tmp_path: Path) -> None:
    """The round trip: the project's recordings written back as a samples dump."""
    for recording in recordings.load_dir(paths.RECORDINGS / "21.39.1" / "stopped"):
        stem = recordings.path_to_stem(recording.path)
        if recording.status == 200:
            (tmp_path / f"{stem}.json").write_bytes(recording.body)
        else:
            head = f"HTTP/2 {recording.status} \r\ncontent-type: {recording.content_type}\r\n\r\n"
            (tmp_path / f"{stem}.err").write_bytes(head.encode() + recording.body)
    result = verify(str(tmp_path))
    assert result.returncode == 0, result.stdout


def test_a_missing_directory_is_unusable_input(tmp_path: Path) -> None:
    result = verify(str(tmp_path / "nope"))
    assert result.returncode == 2
    assert "no such directory" in result.stderr


def test_an_unparseable_file_is_unusable_input(tmp_path: Path) -> None:
    (tmp_path / "status.json").write_text("{not json")
    result = verify(str(tmp_path))
    assert result.returncode == 2
    assert "status.json" in result.stderr and "not JSON" in result.stderr


def test_an_empty_directory_is_unusable_input(tmp_path: Path) -> None:
    result = verify(str(tmp_path))
    assert result.returncode == 2
    assert "no recordings" in result.stderr


def test_a_protobuf_body_that_does_not_decode_is_drift(tmp_path: Path) -> None:
    vitals = next(r for r in recordings.load_dir(paths.RECORDINGS / "misc") if r.path == "/api/devices/vitals")
    shutil.copy(vitals.source or "", tmp_path)
    assert verify(str(tmp_path)).returncode == 0
    recordings.write(Recording("GET", vitals.path, 200, vitals.content_type, b"\xff\xff\xff"), tmp_path, "bad.json")
    assert [f["kind"] for f in findings(tmp_path)] == ["invalid-body"]


def test_each_finding_is_reported_once(tmp_path: Path) -> None:
    """A null where the spec wants a number fails two rules (type, nullable): one finding."""
    body = find_recording("GET", "/api/meters/aggregates").json()
    body["load"]["frequency"] = None
    del body["site"]["instant_power"], body["site"]["energy_exported"]
    recordings.write(find_recording("GET", "/api/meters/aggregates").with_json(body), tmp_path)
    found = [(f["field"], f["kind"]) for f in findings(tmp_path)]
    assert sorted(found) == [
        ("load.frequency", "type-mismatch"),
        ("site.energy_exported", "missing-required"),
        ("site.instant_power", "missing-required"),
    ]


def test_a_finding_names_the_firmware_of_its_own_file(tmp_path: Path) -> None:
    """One directory, two firmware versions: each line says its own."""
    grid = find_recording("GET", "/api/system_status/grid_status")
    for firmware in ("21.39.1", "25.2.0"):
        drifted = grid.with_json({"grid_status": f"SystemNew{firmware}", "grid_services_active": False})
        recordings.write(replace(drifted, firmware=firmware), tmp_path, f"GET.grid_status.{firmware}.json")
    lines = verify(str(tmp_path)).stdout.splitlines()
    assert len(lines) == 2
    for line in lines:
        firmware = line.split("SystemNew", 1)[1].split("'", 1)[0]
        assert line.endswith(f"; firmware {firmware}]"), line


def test_verify_names_the_shape_each_firmware_answered_with() -> None:
    result = verify("spec/recordings/seeds/seed-000")
    assert result.returncode == 0, result.stdout
    assert (
        "shape: GET /api/site_info grid_code is grid code name (the seeds' flat shape, firmware 1.x)" in result.stderr
    )
    assert "shape: GET /api/networks [] is a Linux network adapter" in result.stderr


def test_a_body_of_no_known_shape_is_reported_against_the_closest_one(tmp_path: Path) -> None:
    body = find_recording("GET", "/api/networks").json()
    body[0]["enabled"] = "yes"
    recordings.write(find_recording("GET", "/api/networks").with_json(body), tmp_path)
    found = [(f["field"], f["kind"], f["detail"]) for f in findings(tmp_path)]
    assert found == [
        (
            "[0].enabled",
            "type-mismatch",
            "'yes' is not of type 'boolean' (closest shape: a configured network (firmware 20.x and later))",
        )
    ]
