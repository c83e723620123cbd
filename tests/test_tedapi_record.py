"""`pwkit record --tedapi` against the simulator over real HTTPS: the TEDAPI answers land masked and verify."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pwkit.codegen import tedapi_recordings
from tests.simulators import EMAIL, PASSWORD, RunningSimulator, reset_fixture, simulator_fixture

pytestmark = pytest.mark.slow
pytest.importorskip("pwkit.simulator.tedapi", reason="the simulator does not speak TEDAPI yet (issue 22)")

simulator = simulator_fixture("--firmware", "pw3-26.x-follower")
sim = reset_fixture()


def pwkit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pwkit.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PWKIT_PASSWORD": PASSWORD},
    )


def test_record_with_tedapi_bearer_writes_masked_answers_that_verify(sim: RunningSimulator, tmp_path: Path) -> None:
    out = tmp_path / "rec"
    result = pwkit(
        "record", "--gateway", sim.url, "--email", EMAIL, "--out", str(out), "--pause", "0",
        "--state-dir", str(tmp_path / "state"), "--ca", sim.site()["ca"], "--tedapi", "bearer",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    recorded = tedapi_recordings.load_dir(out)
    assert {r.answer for r in recorded} >= {"config", "device_controller", "components", "firmware"}, result.stderr
    verifier = tedapi_recordings.TedapiVerifier(tedapi_recordings.AnswerSpec.load())
    # Every answer has the spec's shape. The simulator adds fields and values no public capture shows (an
    # expansion's `type`, `strategy.backup_reserve_percent`, `ieee20305` in DeviceControllerQuery): verify names
    # them as drift of open sets, which is its job.
    findings = verifier.check_all(recorded)
    assert {f.kind for f in findings} <= {"unknown-field", "unknown-enum-value"}, [f.line() for f in findings]
    text = "".join(p.read_text() for p in out.glob("*.json"))
    din = sim.control("GET", "/sites/0/tedapi").get("din") or ""
    serial = din.rsplit("--", 1)[-1]
    assert serial and serial not in text and serial not in result.stderr
    assert "<<GATEWAY_TSN>>" in text
    firmware = next(r for r in recorded if r.answer == "firmware")
    assert firmware.firmware and firmware.firmware[0].isdigit()
    assert json.loads((out / firmware.file_name).read_text())["source"].startswith("pwkit record --tedapi bearer")
