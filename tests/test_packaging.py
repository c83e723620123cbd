"""What `pip install powerwall-kit` gives an integrator: the whole client and the data the commands read."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pwkit.codegen import paths

pytestmark = pytest.mark.slow


def test_the_wheel_carries_the_client_the_spec_and_the_recordings(tmp_path: Path) -> None:
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(paths.REPO),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    # An install shows no setuptools warnings (the newcomer's screen filled with them for 45 s).
    noise = [
        line
        for line in (built.stdout + built.stderr).splitlines()
        if re.search(r"(?i)warning|deprecat|would be ignored", line)
    ]
    assert not noise
    names = set(zipfile.ZipFile(next(tmp_path.glob("*.whl"))).namelist())
    for needed in (
        "powerwall_client/api/system/get_system_status_soe.py",
        "powerwall_client/models/grid_status.py",
        "powerwall_client/py.typed",
        "powerwall_client/pwkit_operations.py",
        "pwkit/client/connection.py",
        "pwkit/bridge/service.py",
        "pwkit/cli/__main__.py",
        "pwkit/simulator/server.py",
        "pwkit/spec/openapi.yaml",
        "pwkit/spec/fleet-energy.yaml",
        "pwkit/spec/fleet-recordings/GET.1.products.json",
        "fleet_client/api/energy/set_backup_reserve.py",
        "fleet_client/py.typed",
        "pwkit/spec/tesla.proto",
        "pwkit/spec/tedapi/routable.proto",
        "tedapi_client/legacy_pb2.py",
        "tedapi_client/legacy_pb2.pyi",
        "tedapi_client/py.typed",
        "pwkit/spec/recordings/21.39.1/running/GET.meters.aggregates.json",
        "pwkit/spec/recordings/misc/GET.api-devices-vitals.json",
        "pwkit/codegen/templates/str_enum.py.jinja",
        "pwkit/codegen/pwkit_templates/topics.md.jinja",
        "tedapi_client/queries.py",
        "tedapi_client/models.py",
        "tedapi_client/pwkit_readings.py",
        "pwkit/spec/tedapi/queries/V2024_06.json",
        "pwkit/spec/tedapi/queries/V2026_06.json",
        "pwkit/spec/tedapi/queries/PROVENANCE.md",
        "pwkit/spec/tedapi/schemas/answers.yaml",
        "pwkit/spec/recordings/tedapi/components.pd616-johncuthbertuk-pw3.json",
        "pwkit/codegen/pwkit_templates/tedapi_models.py.jinja",
    ):
        assert needed in names, needed
