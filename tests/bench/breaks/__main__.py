"""Break experiments: apply each deliberate break (one small patch) to a copy of the repository, run a named
test selection against it, and report which tests caught it, or that it survived.

    .venv/bin/python -m tests.bench.breaks                       # every patch, its own selection
    .venv/bin/python -m tests.bench.breaks readings-not-retained  # some patches
    .venv/bin/python -m tests.bench.breaks --selection make-test  # every patch against one named selection

The copy is the working tree's tracked files (uncommitted edits included) in a temporary folder; the
repository itself is never patched. The copy is imported through a `pwkit` folder of links placed first on
PYTHONPATH (the editable install maps `pwkit` to the repository, and its finder comes after PYTHONPATH),
and the tests' subprocesses (`python -m pwkit.cli simulate`, the bridge) inherit it. Each patch is checked
to change the copy that is imported (a patch that no longer applies is an error, not a survivor).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .. import report
from . import APPLY

REPO = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
PYTHON = REPO / ".venv" / "bin" / "python"
PACKAGES = {"bridge": "bridge", "cli": "cli", "client": "client", "codegen": "codegen", "simulator": "simulator"}
PACKAGES["spec"] = "spec"
TOP = {"powerwall_client": "generated/powerwall_client", "fleet_client": "generated/fleet_client"}

# Test selections (pytest arguments). "make-test": a small, representative part of `make test` (its default
# markers: no fault suite) that covers what the patches break; "faults": rows of `make test-faults`.
SELECTIONS: dict[str, list[str]] = {
    "make-test": [
        "tests/test_bridge_timers.py",
        "tests/test_gateway.py",
        "tests/test_bridge.py",
        "tests/test_simulator_e2e.py",
        "tests/test_tedapi_schemas.py",
        "tests/test_h2_closed_streams.py",
        "tests/test_many_gateways.py",
        "tests/test_tedapi_e2e.py",
        "tests/test_rest_availability.py",
        "tests/test_tedapi_source.py",
        "tests/test_mqtt_link.py",
        "tests/test_topics.py",
        "tests/test_aio_transport.py",
        "tests/test_bridge_heap.py",
        "-k",
        "retry_after or failed_login or test_one_or_two or spaced or command_max_age or waited or "
        "retained_so_a_late or customer_session or burst or keep_alive or retained_command or read_back or "
        "applied_late or compiled_check or thousands_of_requests or answers_faster or keeps_its_connection or "
        "reading_from_before_the_outage or hourly_query or unforeseen_error or back_at_its_published_text or "
        "read_buffer_of_one_tls_record or tuned_collector or dear_bridge_info or waited_their_turn",
    ],
    # Every row of the fault suite, by where its fault comes from (the schemathesis run is not a row).
    "faults-simulator": [
        "-m",
        "faults",
        "tests/faults/test_faults.py",
        "-k",
        "latency or five_percent or dropped or offline or session_expiry or lockout or sitemaster",
    ],
    "faults-proxy": ["-m", "faults", "tests/faults/test_gateway_faults.py"],
    "faults-test-side": ["-m", "faults", "tests/faults/test_faults.py", "-k", "broker or burst or ten_thousand"],
}
# What a selection's run adds to the environment: the fault-off run of the burst and of the random payloads
# sends fewer (the rows read these counts; their defaults are the table's 1,000 and 10,000).
SELECTION_ENV = {"faults-test-side": {"PWKIT_FAULT_BURST": "20", "PWKIT_FAULT_PAYLOADS": "300"}}
# Each patch's own selection when none is named: every patch against make-test; each fault switch (every
# fault of its kind off) against the rows whose fault it is.
OWN = {
    "fault-off-proxy": "faults-proxy",
    "fault-counted-proxy": "faults-proxy",
    "fault-off-simulator": "faults-simulator",
    "fault-off-test-side": "faults-test-side",
}
# Breaks that move a bench figure rather than fail a test: run by `python -m tests.bench.breaks.figures`.
FIGURE_BREAKS = {
    "publisher-keeps-history.patch",
    "vitals-decode-via-message-to-dict.patch",
    "tedapi-decode-via-message-to-dict.patch",
}


def copy_tree(target: Path) -> None:
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, files):
        source = REPO / name.decode()
        if source.is_file():
            destination = target / name.decode()
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
    shim = target / "_import" / "pwkit"
    shim.mkdir(parents=True)
    for name, folder in PACKAGES.items():
        (shim / name).symlink_to(target / folder)
    for name, folder in TOP.items():
        (target / "_import" / name).symlink_to(target / folder)


def environment(copy: Path, selection: str = "") -> dict[str, str]:
    env = dict(os.environ) | SELECTION_ENV.get(selection, {})
    env["PYTHONPATH"] = os.pathsep.join([str(copy / "_import"), str(copy)])
    env.pop("PWKIT_FAULT_SUMMARY", None)  # a broken run never writes BENCHMARKS.md
    env["COLUMNS"] = "400"  # pytest cuts each failure's reason to the terminal's width
    return env


def imported_from(copy: Path, env: dict[str, str]) -> str:
    probe = "import pwkit.bridge.service as m; print(m.__file__)"
    return subprocess.run([str(PYTHON), "-c", probe], cwd=copy, env=env, capture_output=True, text=True).stdout


def run(patch: Path | None, selection: str) -> tuple[str, list[str], float]:
    """The outcome, each failing test (with the start of its failure's reason), and how long pytest took."""
    with tempfile.TemporaryDirectory(prefix="pwkit-break-") as tmp:
        copy = Path(tmp)
        copy_tree(copy)
        env = environment(copy, selection)
        if str(copy) not in imported_from(copy, env):
            return "error: the copy is not what Python imports", [], 0.0
        if patch is not None:
            applied = subprocess.run([*APPLY, str(patch)], cwd=copy, capture_output=True, text=True)
            if applied.returncode != 0:
                return f"error: the patch does not apply: {applied.stderr.strip()[:200]}", [], 0.0
        started = time.monotonic()
        result = subprocess.run(
            [str(PYTHON), "-m", "pytest", "-q", "-rfE", "-p", "no:cacheprovider", *SELECTIONS[selection]],
            cwd=copy,
            env=env,
            capture_output=True,
            text=True,
        )
        took = time.monotonic() - started
        found = re.findall(r"^(?:FAILED|ERROR) (\S*::\S+)(?: - (.*))?$", result.stdout, re.MULTILINE)
        failed = sorted({f"{name} ({why[:70]})" if why else name for name, why in found})
        if result.returncode == 0:
            return "survived", [], took
        if result.returncode in (1, 2) and failed:
            return "caught", failed, took
        return f"error: pytest exit {result.returncode}: {result.stdout[-300:]}", failed, took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("patches", nargs="*", help="patch names (tests/bench/breaks/NAME.patch); all when none")
    parser.add_argument("--selection", choices=sorted(SELECTIONS), help="one selection for every patch")
    parser.add_argument("--baseline", action="store_true", help="first run each selection unpatched (must pass)")
    args = parser.parse_args()
    patches = [HERE / f"{name}.patch" for name in args.patches] or [
        p for p in sorted(HERE.glob("*.patch")) if p.name not in FIGURE_BREAKS
    ]
    missing = [p.name for p in patches if not p.exists()]
    if missing:
        sys.exit(f"no such patch: {', '.join(missing)}; see {HERE}")
    selections = {p.stem: args.selection or OWN.get(p.stem, "make-test") for p in patches}
    if args.baseline:
        for selection in sorted(set(selections.values())):
            outcome, failed, took = run(None, selection)
            print(f"baseline {selection}: {outcome} {' '.join(failed)} ({took:.0f} s)", flush=True)
            if outcome != "survived":
                sys.exit("the unpatched copy fails its selection: fix that first")
    rows = ["| Break | Selection | Outcome | Caught by |", "| --- | --- | --- | --- |"]
    print("\n".join(rows))
    survivors = 0
    for patch in patches:
        outcome, failed, took = run(patch, selections[patch.stem])
        survivors += outcome != "caught"
        caught_by = ", ".join(f"`{name.split('::', 1)[-1]}`" for name in failed)
        rows.append(f"| {patch.stem} | {selections[patch.stem]} | {outcome} | {caught_by} |")
        print(f"{rows[-1]} ({took:.0f} s)", flush=True)
    if not args.patches and not args.selection:  # a partial run never overwrites the table
        summary = f"{len(patches) - survivors} of {len(patches)} caught, on {report.machine()}."
        report.write_section("breaks", "\n".join([*INTRO, *rows, "", summary]))
    if survivors:
        sys.exit(f"{survivors} break(s) not caught")


INTRO = [
    "## Break experiments",
    "",
    "Run by `.venv/bin/python -m tests.bench.breaks` (every patch; a partial run does not write here): each break",
    "is one small patch in `tests/bench/breaks/`, applied to a temporary copy of the repository, against which",
    "the named selection runs. `make-test` is a representative part of `make test` (its default markers, no",
    "fault suite: tests/test_bridge_timers.py and the retain, role, burst, retained-command, Retry-After,",
    "login-backoff, keep-alive and read-back tests; `SELECTIONS` in the runner names it exactly). The `fault-off-*`",
    "patches switch a kind of fault off (the simulator's, the proxy's, the test's own: broker stop, late",
    "broker, burst, random payloads) and rerun every row of `make test-faults` whose fault it is; each row",
    "must fail, and the reason shown is the assertion that caught it. The burst and random-payload rows run",
    "with 20 commands and 300 payloads there (`SELECTION_ENV`). `fault-counted-proxy` counts every proxied",
    "fault as served but forwards the answer intact: each proxied row must still fail, on its own fault's effect.",
    "",
]


if __name__ == "__main__":
    main()
