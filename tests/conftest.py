"""Shared fixtures: the spec and the recordings, loaded in one place."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from pwkit.codegen import paths
from pwkit.codegen.recordings import Recording, load_dir
from pwkit.codegen.verify import Spec

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def spec() -> Spec:
    return Spec.load()


@functools.cache
def all_recordings() -> tuple[Recording, ...]:
    """The repository's recordings, read once (they are frozen dataclasses)."""
    return tuple(load_dir(paths.RECORDINGS))


def recording_id(recording: Recording) -> str:
    return str(Path(recording.source or "").relative_to(paths.RECORDINGS))


def find_recording(method: str, path: str, firmware: str = "21.39.1", sitemaster: str = "running") -> Recording:
    """The repository's recording of one endpoint in one gateway state."""
    for recording in all_recordings():
        if (recording.method, recording.path, recording.firmware, recording.sitemaster) == (
            method,
            path,
            firmware,
            sitemaster,
        ):
            return recording
    raise LookupError(f"no recording of {method} {path} on {firmware} ({sitemaster})")
