"""Every break experiment still breaks the code it names.

A patch in tests/bench/breaks/ that no longer applies is an error when the break runner meets it, but nothing
ran the runner between two stops: three patches had quietly rotted as bridge/service.py changed, so their
figures in BENCHMARKS.md could not be reproduced. This checks each against the tree, as the runner applies it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.bench.breaks import APPLY

ROOT = Path(__file__).resolve().parent.parent
PATCHES = sorted((ROOT / "tests" / "bench" / "breaks").glob("*.patch"))


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git checkout")
@pytest.mark.parametrize("patch", PATCHES, ids=lambda p: p.stem)
def test_the_break_applies_to_the_code_as_it_is(patch: Path) -> None:
    # The runners' own command (tests/bench/breaks/__init__.py), checked only.
    applied = subprocess.run([*APPLY, "--check", str(patch)], cwd=ROOT, capture_output=True, text=True)
    assert applied.returncode == 0, f"{patch.name} no longer applies; remake it on the current code: {applied.stderr}"


def test_there_are_breaks_to_check() -> None:
    assert len(PATCHES) >= 15
