"""`pwkit login --installer URL`: the owner is walked through the physical toggle, the session kept 0600."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .simulators import INSTALLER_PASSWORD, PASSWORD, RunningSimulator, reset_fixture, simulator_fixture

pytestmark = pytest.mark.slow

simulator = simulator_fixture("--installer-password", INSTALLER_PASSWORD)
sim = reset_fixture()


def start_login(sim: RunningSimulator, state: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PWKIT_PASSWORD": PASSWORD, "PWKIT_INSTALLER_PASSWORD": INSTALLER_PASSWORD}
    return subprocess.Popen(
        [sys.executable, "-m", "pwkit.cli", "login", "--installer", sim.url, "--ca", sim.ca, "--state-dir", str(state)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )


def until_asked(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    seen = ""
    while "Switch a Powerwall off and on now" not in seen:
        line = process.stdout.readline()
        assert line, f"pwkit login ended before asking for the toggle:\n{seen}"
        seen += line
    return seen


def until_counting(process: subprocess.Popen[str]) -> str:
    """Read until the countdown shows (it rewrites one line, so read characters)."""
    assert process.stdout is not None
    seen = ""
    while not seen.endswith("left"):
        char = process.stdout.read(1)
        assert char, f"pwkit login ended before counting down:\n{seen}"
        seen += char
    return seen


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    assert process.stdin is not None
    process.stdin.write("\n")
    process.stdin.flush()
    out, _ = process.communicate(timeout=60)
    return process.returncode, out


def test_the_toggle_walkthrough_logs_in_as_installer_and_keeps_the_session_0600(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    process = start_login(sim, tmp_path)
    shown = until_asked(process)
    shown += until_counting(process)  # "waiting for the toggle…  58 s left"
    sim.control("POST", "/sites/0/toggle-switch")  # the owner flips the switch
    code, out = finish(process)
    assert code == 0, shown + out
    assert "Logged in as installer" in out
    sessions_file = tmp_path / "sessions.json"
    assert stat.S_IMODE(os.stat(sessions_file).st_mode) == 0o600
    sessions: dict[str, Any] = json.loads(sessions_file.read_text())
    assert any(key.endswith("installer") for key in sessions)
    assert INSTALLER_PASSWORD not in shown + out and PASSWORD not in shown + out


def test_without_the_toggle_it_says_so_and_names_the_command_to_run_again(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    process = start_login(sim, tmp_path)
    until_asked(process)
    code, out = finish(process)  # Enter, but nobody switched anything
    assert code == 1
    assert "did not see the toggle" in out and f"pwkit login --installer {sim.url}" in out
    assert not (tmp_path / "sessions.json").exists() or "installer" not in (tmp_path / "sessions.json").read_text()
