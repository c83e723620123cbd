"""Shared fixtures: the spec and the recordings, loaded in one place; how `make test` spreads tests over workers."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

from pwkit.codegen import paths
from pwkit.codegen.recordings import Recording, load_dir
from pwkit.codegen.verify import Spec

DATA = Path(__file__).parent / "data"


# `make test` runs on two pytest-xdist workers with `--dist loadfile`: a file's tests stay on one worker, so a
# module-scoped world (one simulator, broker or bridge for the file) starts once. A few tests of different files
# must never run at the same time: they share a group here, and a group runs on one worker.
# (xdist's own `--dist loadgroup` with @pytest.mark.xdist_group does not work with pytest 9: xdist 3.8 renames
# item._nodeid, which pytest 9 no longer reads, so every marked test would be scheduled on its own.)
SERIAL_GROUPS = {
    # pip builds in the source tree (build/, *.egg-info): two builds at once would write the same files.
    "tests/test_packaging.py": "source-tree-build",
    "tests/test_readme.py::test_pipx_install_puts_pwkit_on_path_and_the_demo_banner_uses_it": "source-tree-build",
}


def schedule_unit(nodeid: str) -> str:
    """The unit a worker takes whole: the test's group in SERIAL_GROUPS, else its file."""
    for prefix, group in SERIAL_GROUPS.items():
        if nodeid == prefix or nodeid.startswith((prefix + "::", prefix + "[")):
            return group
    return nodeid.split("::", 1)[0]


def unique_ids(nodeids: list[str]) -> list[str]:
    """The ids with a repeat numbered (``id::#2``), so that every item is scheduled once."""
    seen: dict[str, int] = {}
    unique = []
    for nodeid in nodeids:
        seen[nodeid] = seen.get(nodeid, 0) + 1
        unique.append(nodeid if seen[nodeid] == 1 else f"{nodeid}::#{seen[nodeid]}")
    return unique


@pytest.hookimpl(optionalhook=True)  # an xdist hook: a plain `pytest` run without the plugin never calls it
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    if config.getvalue("dist") != "loadfile":
        return None  # xdist's own scheduler for any other --dist
    from xdist.scheduler import LoadScopeScheduling

    class ByFileAndGroup(LoadScopeScheduling):
        def add_node_collection(self, node: Any, collection: Any) -> None:
            # xdist's scope schedulers key their bookkeeping by node id; schemathesis' parametrized tests
            # (tests/test_simulator_contract.py) give a thousand items one id, and xdist ran one of each and
            # dropped the rest without a word. A numbered id per repeat keeps every item (the worker runs
            # items by index; its reports carry the real id).
            super().add_node_collection(node, unique_ids(collection))

        def _split_scope(self, nodeid: str) -> str:
            return schedule_unit(nodeid)

    return ByFileAndGroup(config, log)


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
