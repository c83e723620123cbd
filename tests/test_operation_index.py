"""The generated operation lookup answers exactly what a scan of every operation's pattern answers."""

from __future__ import annotations

import re

from powerwall_client import pwkit_operations
from powerwall_client.pwkit_operations import OPERATIONS, find
from pwkit.codegen import paths
from pwkit.codegen.recordings import load_dir


def _scan(method: str, path: str) -> pwkit_operations.OperationInfo | None:
    """The lookup the index replaced: the first operation of the table whose pattern matches."""
    path = path.split("?", 1)[0]
    return next((op for op in OPERATIONS if op.method == method and op.pattern.match(path)), None)


def _requests() -> set[tuple[str, str]]:
    """Every operation's path (templates filled several ways), every recorded request, and near misses."""
    asked: set[tuple[str, str]] = set()
    for op in OPERATIONS:
        for method in ("GET", "POST", "PUT", "DELETE"):
            for value in ("x", "0", "TG1234567", "status", ""):
                filled = re.sub(r"\{[^}]+\}", value, op.path)
                asked |= {(method, filled), (method, filled + "?x=1"), (method, filled + "/"), (method, filled[:-1])}
                asked.add((method, filled + "\n"))
    asked |= {(r.method, r.path) for r in load_dir(paths.RECORDINGS)}
    return asked | {("GET", ""), ("GET", "/"), ("GET", "/api"), ("GET", "/api/no/such/path")}


def test_the_lookup_finds_the_operation_the_pattern_scan_finds() -> None:
    asked = _requests()
    assert len(asked) > 2000
    wrong = [(method, path) for method, path in sorted(asked) if find(method, path) is not _scan(method, path)]
    assert wrong == []


def test_the_readings_a_bridge_polls_are_found_and_unknown_paths_are_not() -> None:
    aggregates = find("GET", "/api/meters/aggregates")
    assert aggregates is not None and aggregates.poll == "fast"
    assert find("GET", "/api/meters/aggregates?x=1") is aggregates
    assert find("POST", "/api/meters/aggregates") is None
    assert find("GET", "/api/meters/aggregates/") is None
    templated = find("GET", "/api/solars/brands/SolarEdge")
    assert templated is not None and templated.path == "/api/solars/brands/{brand}"
