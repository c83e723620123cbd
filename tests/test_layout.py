"""The house plan holds: each folder imports only the rooms below it.

    cli → bridge, codegen, simulator → client → generated

A newcomer can then change TLS pinning in client/ without reading MQTT code,
and a user of the typed client never pulls in the bridge.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pwkit.codegen import paths

ROOT = paths.REPO

# folder → the pwkit packages its modules may import (besides itself).
ALLOWED: dict[str, set[str]] = {
    "client": set(),
    "bridge": {"client"},
    # the recorder reaches the gateway through the client; the rest reads files
    "codegen": {"client"},
    # the simulator serves what the spec describes: it reads the spec tools only
    "simulator": {"codegen"},
    "cli": {"bridge", "client", "codegen", "simulator"},
}


def imported_rooms(path: Path) -> set[str]:
    rooms = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "pwkit" and len(parts) > 1:
                rooms.add(parts[1])
    return rooms


@pytest.mark.parametrize("folder", sorted(ALLOWED))
def test_each_room_imports_only_the_rooms_below_it(folder: str) -> None:
    wrong = {
        f"{path.relative_to(ROOT)} imports pwkit.{room}"
        for path in sorted((ROOT / folder).rglob("*.py"))
        for room in imported_rooms(path) - ALLOWED[folder] - {folder}
    }
    assert not wrong, sorted(wrong)


def test_generated_code_imports_nothing_of_pwkit() -> None:
    wrong = [str(p.relative_to(ROOT)) for p in (ROOT / "generated").rglob("*.py") if imported_rooms(p)]
    assert not wrong


def test_the_client_is_usable_without_mqtt() -> None:
    # A user of the typed client must not need paho or the bridge at import time.
    import subprocess
    import sys

    code = (
        "import sys, pwkit.client; bad = [m for m in sys.modules if m.startswith(('paho', 'pwkit.bridge'))]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
