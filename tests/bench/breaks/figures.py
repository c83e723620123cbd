"""Break experiments: a figure's method must move when the code breaks. Each patch here is applied to a
temporary copy of the repository (never to the working tree), and the copy's bench is run beside an
unpatched copy's, with the same settings.

    .venv/bin/python -m tests.bench.breaks.figures [PATCH ...] [--days 0.25] [--gateways 10]

``publisher-keeps-history.patch``: the publisher keeps every publication in a list; the simulated-week soak
(`tests.bench.soak_week`, shortened by ``--days``) must say "still growing" for it and "plateaus" without it.
``vitals-decode-via-message-to-dict.patch`` and ``tedapi-decode-via-message-to-dict.patch``: the decoder also
runs ``MessageToDict`` (its output unchanged); the decode bench's ratio to the baseline must fall below
``MOVED`` of the unpatched copy's, measured in the same invocation (and, for the vitals, below the 5× goal).
``collector-defaults.patch``: the bridge keeps CPython's default collector thresholds; the gateways bench
(`tests.bench.gateways`, ``--scale-gateways`` gateways for ``--scale-seconds``) must count full collections
(scans of the whole heap) in the broken copy's window and none in the unpatched copy's.
``info-gap-ignores-cost.patch``: bridge/info goes out every INFO_INTERVAL however dear it is; the same bench
must count at least twice the bridge/info publications between the bridge's start and the last gateway's
first reading in the broken copy.
The copy's modules are imported (checked: each run prints where the module under test came from).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pwkit.codegen import paths
from tests.bench.breaks import APPLY

# A decode break is caught when the broken copy's ratio is under this share of the unpatched copy's.
MOVED = 0.75
VITALS_GOAL = 5.0

BREAKS = Path(__file__).resolve().parent
# The repository's top-level folders that `setup.py` maps into the pwkit namespace.
PWKIT_FOLDERS = ("bridge", "cli", "client", "codegen", "simulator", "spec")


def copy_repository(target: Path) -> Path:
    """The repository's files (tracked, and new ones not ignored; as in the working tree) copied to ``target``."""
    listing = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    files = subprocess.run(listing, cwd=paths.REPO, check=True, capture_output=True).stdout.split(b"\0")
    for name in filter(None, files):
        source = paths.REPO / name.decode()
        if source.is_file():
            (target / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name.decode())
    return target


def importable(copy: Path) -> Path:
    """A folder that, first on PYTHONPATH, makes ``pwkit.*`` and the generated clients the copy's."""
    root = copy / ".imports"
    if root.exists():  # made for an earlier run of this copy
        return root
    (root / "pwkit").mkdir(parents=True)
    for folder in PWKIT_FOLDERS:
        (root / "pwkit" / folder).symlink_to(copy / folder)
    for client in ("powerwall_client", "fleet_client", "tedapi_client"):
        (root / client).symlink_to(copy / "generated" / client)
    return root


def run_in(copy: Path, code: str, what: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``code`` (which prints a JSON result with ``module_file``) in the copy, its modules imported first;
    the result is refused unless ``module_file`` lies in the copy (else the figure would be the tree's own)."""
    environment = {**os.environ, **(env or {}), "PYTHONPATH": str(importable(copy))}
    out = subprocess.run([sys.executable, "-c", code], cwd=copy, env=environment, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"{what} failed in {copy.name}:\n{out.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["module_file"].startswith(str(copy)), f"the copy was not imported: {result['module_file']}"
    return result


def soak(copy: Path, days: float, gateways: int) -> dict[str, Any]:
    code = (
        "import json, pwkit.bridge.publisher as p; from tests.bench import soak_week; "
        "r = soak_week.run(); r['module_file'] = p.__file__; print(json.dumps(r))"
    )
    return run_in(copy, code, "the soak", {"PWKIT_SOAK_DAYS": str(days), "PWKIT_SOAK_GATEWAYS": str(gateways)})


def decode_bench(copy: Path, bench: str, module: str) -> dict[str, Any]:
    """``tests.bench.<bench>.run()`` in the copy, with the copy's ``module`` imported (checked)."""
    code = (
        f"import json, importlib; from tests.bench import {bench} as b; r = b.run(); "
        f"r['module_file'] = importlib.import_module({module!r}).__file__; print(json.dumps(r))"
    )
    return run_in(copy, code, bench)


def vitals_ratio(r: dict[str, Any]) -> float:
    return float(r["speedup"])


def tedapi_ratio(r: dict[str, Any]) -> float:
    """The slowest recording's ratio, as the bench's summary states it."""
    return min(float(row["speedup"]) for row in r["rows"])


def gateways_bench(copy: Path, count: int, seconds: float) -> dict[str, Any]:
    """``tests.bench.gateways.measure`` in the copy: its bridge (``python -m pwkit.cli``) inherits the copy's
    PYTHONPATH, so the bridge that runs is the copy's (checked on ``pwkit.cli.bridge``)."""
    code = (
        "import json, pathlib, tempfile, pwkit.cli.bridge as b; from tests.bench import gateways as g; "
        f"r = g.measure({count}, {seconds}, pathlib.Path(tempfile.mkdtemp(prefix='pwkit-break-'))); "
        "r['module_file'] = b.__file__; print(json.dumps(r))"
    )
    return run_in(copy, code, "the gateways bench")


def _scale(r: dict[str, Any]) -> str:
    return (
        f"{r['full_collections']} full collections, {r['cpu_percent_of_a_core']:.1f} % of a core, "
        f"{r['late_fast_cycles']} of {r['fast_cycles']} fast cycles late"
    )


def _startup(r: dict[str, Any]) -> str:
    if r["startup_to_last_first_reading_s"] is None:
        return f"start-up not reached ({r['first_readings']} first readings)"
    return (
        f"start-up {r['startup_to_last_first_reading_s']:.0f} s, {r['startup_cpu_s']:.0f} s of CPU, "
        f"{r['startup_info_publications']} bridge/info"
    )


def _collections_moved(unbroken: dict[str, Any], broken: dict[str, Any]) -> bool:
    return bool(unbroken["full_collections"] == 0 < broken["full_collections"])


def _infos_moved(unbroken: dict[str, Any], broken: dict[str, Any]) -> bool:
    """At least twice the bridge/info publications while the gateways joined (a start-up not reached fails)."""
    before, after = unbroken["startup_info_publications"], broken["startup_info_publications"]
    return before is not None and after is not None and after >= 2 * before


# Scale figure breaks: what each moves, said of a run, and whether the broken run moved it.
SCALE_FIGURES: dict[str, tuple[Callable[[dict[str, Any]], str], Callable[[dict[str, Any], dict[str, Any]], bool]]] = {
    "collector-defaults.patch": (_scale, _collections_moved),
    "info-gap-ignores-cost.patch": (_startup, _infos_moved),
}

# Decode figure breaks: the bench, the module the patch changes, the ratio the figure states.
DECODE_FIGURES = {
    "vitals-decode-via-message-to-dict.patch": ("vitals_decode", "pwkit.client.vitals", vitals_ratio),
    "tedapi-decode-via-message-to-dict.patch": ("tedapi_decode", "pwkit.client.tedapi_wire", tedapi_ratio),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "patches", nargs="*", default=["publisher-keeps-history.patch", *DECODE_FIGURES, *SCALE_FIGURES]
    )
    parser.add_argument("--days", type=float, default=0.25, help="simulated days of each soak")
    parser.add_argument("--gateways", type=int, default=10)
    parser.add_argument("--scale-gateways", type=int, default=300, help="gateways of the scale breaks' bench")
    parser.add_argument("--scale-seconds", type=float, default=60.0, help="its measuring window")
    args = parser.parse_args()
    caught = True
    with tempfile.TemporaryDirectory() as tmp:
        unpatched = copy_repository(Path(tmp) / "baseline")
        for name in args.patches:
            copy = copy_repository(Path(tmp) / Path(name).stem)
            subprocess.run([*APPLY, str(BREAKS / name)], cwd=copy, check=True)
            if name in SCALE_FIGURES:
                said, moved_by = SCALE_FIGURES[name]
                unbroken = gateways_bench(unpatched, args.scale_gateways, args.scale_seconds)
                broken = gateways_bench(copy, args.scale_gateways, args.scale_seconds)
                moved = moved_by(unbroken, broken)
                print(
                    f"{name}: {args.scale_gateways} gateways, unpatched {said(unbroken)}; broken {said(broken)}: "
                    f"{'caught' if moved else 'NOT CAUGHT'}"
                )
                caught = caught and moved
                continue
            if name in DECODE_FIGURES:
                bench, module, ratio = DECODE_FIGURES[name]
                before = ratio(decode_bench(unpatched, bench, module))
                after = ratio(decode_bench(copy, bench, module))
                moved = after < MOVED * before and (bench != "vitals_decode" or after < VITALS_GOAL <= before)
                print(
                    f"{name}: {bench} ratio {before:.1f}× unpatched → {after:.1f}× broken: "
                    f"{'caught' if moved else 'NOT CAUGHT'}"
                )
                caught = caught and moved
                continue
            baseline = soak(unpatched, args.days, args.gateways)
            print(f"unpatched: {_verdict(baseline)}")
            broken = soak(copy, args.days, args.gateways)
            print(f"{name}: {_verdict(broken)}")
            caught = caught and baseline["plateau"] and not broken["plateau"]
    print("every break caught" if caught else "NOT CAUGHT (or an unpatched copy fails its figure)")
    sys.exit(0 if caught else 1)


def _verdict(r: dict[str, Any]) -> str:
    word = "plateaus" if r["plateau"] else "still growing"
    return (
        f"{word}: RSS {r['rss_first_mib']:.0f} → {r['rss_last_mib']:.0f} MiB, last third "
        f"{r['last_third_growth_mib']:+.1f} MiB over {r['simulated_days']} simulated days "
        f"({r['gateways']} gateways, {r['wall_seconds']:.0f} s)"
    )


if __name__ == "__main__":
    main()
