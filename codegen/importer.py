"""Import gateway samples (the shared dumps) into the project's recording format.

A full dump (one directory of ``X.json``/``X.err``) imports as it is. The
``misc`` samples are single answers named freely, so :data:`MISC` says for
each what request it answers; files not in the table (request bodies) are left
out on purpose; secrets in an answer are masked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pwkit.client import vitals

from . import recordings
from .recordings import JSON_TYPE, Recording

# Values that must never be kept in a recording, whatever they are.
SECRET_KEYS = {"token", "password", "old_password", "new_password"}


@dataclass(frozen=True)
class MiscSample:
    file: str
    method: str
    path: str
    firmware: str | None = None
    note: str | None = None
    status: int = 200


MISC: tuple[MiscSample, ...] = (
    MiscSample("api-login-basic.json", "POST", "/api/login/Basic", note="firmware of 2023"),
    MiscSample("api-meters-site.json", "GET", "/api/meters/site", note="a Neurio meter, 2018"),
    MiscSample("api-meters-solar.json", "GET", "/api/meters/solar", note="a Neurio meter, 2018"),
    MiscSample("meters.site.json", "GET", "/api/meters/site", note="per-phase readings, 2023"),
    MiscSample("meters.solar.json", "GET", "/api/meters/solar", note="per-phase readings, 2023"),
    MiscSample(
        "api_meters_aggregates.json", "GET", "/api/meters/aggregates", note="2018; with busway, frequency, generator"
    ),
    MiscSample("api-powerwalls.json", "GET", "/api/powerwalls", note="firmware of 2019"),
    MiscSample("api_site_info_grid_codes.json", "GET", "/api/site_info/grid_codes"),
    MiscSample("api_solars_brands.json", "GET", "/api/solars/brands"),
    MiscSample("solar_edge_models.json", "GET", "/api/solars/brands/SolarEdge%20Technologies"),
    MiscSample("installer.companies.json", "GET", "/api/installer/companies"),
    MiscSample("installer.json", "GET", "/api/installer"),
    MiscSample("meters.json", "GET", "/api/meters", note="a Neurio meter"),
    MiscSample("meters.readings.json", "GET", "/api/meters/readings", note="a Neurio meter that answers"),
    MiscSample("meters.readings.err.json", "GET", "/api/meters/readings", note="a Neurio meter that cannot be reached"),
    MiscSample("operation.json", "GET", "/api/operation", note="time-based control (autonomous)"),
    MiscSample("operation.post.1.json", "POST", "/api/operation", note="the echo of a mode and reserve change"),
    MiscSample("powerwalls.status.non-offgrid-capable.json", "GET", "/api/powerwalls/status"),
    MiscSample("site_info.json", "GET", "/api/site_info", note="a UK site"),
    MiscSample("system_status.json", "GET", "/api/system_status"),
    MiscSample("system_status.grid_faults.json", "GET", "/api/system_status/grid_faults", firmware="1.40.2"),
    MiscSample("system.update.status.json", "GET", "/api/system/update/status", note="the seed's example"),
    MiscSample("system.testing.json", "GET", "/api/system/testing", note="a passed self-test"),
    MiscSample("system.networks.conn_tests.get.1.json", "GET", "/api/system/networks/conn_tests", note="running"),
    MiscSample("system.networks.conn_tests.get.2.json", "GET", "/api/system/networks/conn_tests", note="partly done"),
    MiscSample("system.networks.conn_tests.post.json", "POST", "/api/system/networks/conn_tests"),
    MiscSample("networks.json", "GET", "/api/networks", note="Ethernet, Wi-Fi and cellular"),
    MiscSample("v2.islanding.mode.off-grid.json", "POST", "/api/v2/islanding/mode", note="going off grid"),
    MiscSample("v2.islanding.mode.on-grid.json", "POST", "/api/v2/islanding/mode", note="going back on grid"),
    MiscSample("networks.access_points.json", "GET", "/api/networks/access_points", note="Wi-Fi networks in reach"),
    MiscSample("legal.radio.json", "GET", "/api/legal/radio", note="the cellular and Wi-Fi modules"),
    MiscSample(
        "powerwalls.pvi_sub_package_numbers.json",
        "GET",
        "/api/powerwalls/pvi_sub_package_numbers",
        note="a battery without a solar inverter",
    ),
    MiscSample(
        "password.change.response.json",
        "POST",
        "/api/password/change",
        note="the answer echoes the new password (masked here); the request is password.change.request.json",
    ),
)

# The decoded vitals example becomes the wire protobuf it was decoded from.
VITALS_SAMPLE = MiscSample(
    "api-devices-vitals.json",
    "GET",
    "/api/devices/vitals",
    firmware="21.39.1",
    note="encoded from the community's decoded example (its firmware hashes match 21.39.1)",
)


def mask_secrets(value: Any) -> Any:
    """Replace every secret-named value with a ``<<NAME>>`` placeholder, as the samples mask serials."""
    if isinstance(value, dict):
        return {
            k: (f"<<{k.upper()}>>" if k in SECRET_KEYS and isinstance(v, str) else mask_secrets(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [mask_secrets(v) for v in value]
    return value


def _masked(recording: Recording) -> Recording:
    if recording.is_json and recording.body:
        return recording.with_json(mask_secrets(recording.json()))
    return recording


def import_dump(source: Path, out: Path, *, label: str | None = None) -> list[Path]:
    """Import one samples dump directory into ``out``."""
    written = []
    for recording in recordings.load_dir(source):
        name = Path(recording.source or "").name
        recording = replace(recording, source=f"{label}/{name}" if label else name)
        written.append(recordings.write(_masked(recording), out))
    return written


def import_misc(source: Path, out: Path, *, label: str = "samples/misc") -> list[Path]:
    """Import the ``misc`` samples that :data:`MISC` places, and the vitals example."""
    written = []
    for sample in MISC:
        body = json.loads((source / sample.file).read_bytes())
        recording = Recording(
            sample.method,
            sample.path,
            sample.status,
            JSON_TYPE,
            json.dumps(mask_secrets(body)).encode(),
            firmware=sample.firmware,
            source=f"{label}/{sample.file}",
            note=sample.note,
        )
        written.append(recordings.write(recording, out, _misc_name(recording, sample.file)))
    flat = json.loads((source / VITALS_SAMPLE.file).read_bytes())
    recording = Recording(
        VITALS_SAMPLE.method,
        VITALS_SAMPLE.path,
        200,
        "application/octet-stream",
        vitals.encode_flat(flat),
        firmware=VITALS_SAMPLE.firmware,
        sitemaster="running",
        source=f"{label}/{VITALS_SAMPLE.file}",
        note=VITALS_SAMPLE.note,
    )
    written.append(recordings.write(recording, out, _misc_name(recording, VITALS_SAMPLE.file)))
    return written


def _misc_name(recording: Recording, sample_file: str) -> str:
    # Several misc samples answer the same endpoint: keep each sample's own name.
    return f"{recording.method}.{sample_file}"
