"""`pwkit codegen`: one command, deterministic, and CI notices a stale generated/."""

from __future__ import annotations

import importlib
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import powerwall_client
from pwkit.codegen import paths
from pwkit.codegen.generate import codegen as run_codegen
from pwkit.codegen.generate import compare, render

PWKIT = [sys.executable, "-m", "pwkit.cli"]


def pwkit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PWKIT, *args], capture_output=True, text=True, cwd=paths.REPO, timeout=120)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("codegen") / "generated"
    render(out)
    return out


def test_codegen_check_passes_on_the_committed_tree() -> None:
    result = pwkit("codegen", "--check")
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout


def test_generation_is_deterministic(fresh: Path, tmp_path: Path) -> None:
    again = tmp_path / "generated"
    render(again)
    assert compare(again, fresh).clean


def test_check_names_the_stale_files_and_changes_nothing(fresh: Path, tmp_path: Path) -> None:
    stale = tmp_path / "generated"
    shutil.copytree(fresh, stale)
    edited = stale / "powerwall_client" / "models" / "grid_status.py"
    edited.write_text(edited.read_text() + "\n# edited by hand\n")
    (stale / "powerwall_client" / "models" / "meters_aggregates.py").unlink()
    (stale / "powerwall_client" / "leftover.py").write_text("")

    drift = run_codegen(check=True, target=stale, progress=lambda _: None)

    assert drift.changed == ["powerwall_client/models/grid_status.py"]
    assert drift.added == ["powerwall_client/models/meters_aggregates.py"]
    assert drift.removed == ["powerwall_client/leftover.py"]
    assert "# edited by hand" in edited.read_text()


def test_codegen_rewrites_a_stale_tree(fresh: Path, tmp_path: Path) -> None:
    stale = tmp_path / "generated"
    shutil.copytree(fresh, stale)
    (stale / "powerwall_client" / "leftover.py").write_text("")
    run_codegen(check=False, target=stale, progress=lambda _: None)
    assert compare(fresh, stale).clean


def test_every_generated_module_imports() -> None:
    names = [m.name for m in pkgutil.walk_packages(powerwall_client.__path__, "powerwall_client.")]
    assert len(names) > 100
    for name in names:
        importlib.import_module(name)


def test_the_generated_enums_are_open() -> None:
    from powerwall_client.models import GridStatus, OperationMode

    assert GridStatus("SystemSomethingNew").value == "SystemSomethingNew"
    assert OperationMode("grid_charging").is_known is False
    with pytest.raises(ValueError):
        GridStatus(42)  # not a string: still an error
