"""BENCHMARKS.md holds sections written by different commands (`make bench`, `make test-faults`)."""

from __future__ import annotations

import datetime as dt
import os
import platform
from pathlib import Path

from pwkit.codegen import paths

HEADER = (
    "# Benchmarks and faults\n\nEvery figure here is written by the command named beside it; rerun it to refresh.\n"
)


def machine() -> str:
    today = dt.date.today().isoformat()
    return f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}, {today}"


def measured_on(load_at_start: float) -> str:
    """Where and under what load a run measured: the machine, and the 1-minute load average then and now."""
    return f"{machine()}; load average (1 min) {load_at_start:.1f} at the start and {os.getloadavg()[0]:.1f} at the end"


def write_section(name: str, body: str) -> None:
    """Replace the section ``name`` of BENCHMARKS.md (between its markers), keeping the others."""
    target = paths.REPO / "BENCHMARKS.md"
    text = target.read_text() if target.exists() else HEADER
    if not text.startswith("# Benchmarks and faults"):
        text = HEADER  # the old single-table format
    begin, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    block = f"{begin}\n{body.rstrip()}\n{end}"
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    target.write_text(text)


def process_usage(pid: int) -> tuple[float, int]:
    """CPU seconds (user + system) and resident bytes of a process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    rss = next(
        int(line.split()[1])
        for line in Path(f"/proc/{pid}/status").read_text().splitlines()
        if line.startswith("VmRSS")
    )
    return cpu, rss * 1024
