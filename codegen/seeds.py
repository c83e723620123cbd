"""Import the example bodies of the seed documents (the community's API write-ups) as recordings.

The seeds are prose with answers pasted in. :data:`EXAMPLES` says, for each
example, which seed edition it is in, where (a unique piece of text at or
just before the body), which request it answers and, where the text gives
one, the firmware. Examples with placeholders instead of values (``???``)
and request bodies are left out: they are evidence for the spec's request
schemas, not answers.

The bodies are taken as the seed prints them, with two repairs that keep the
values: JavaScript-style unquoted keys get quotes, and an elided list tail
(``{ ... <LONG_LIST> }``) is dropped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import recordings
from .importer import mask_secrets
from .recordings import JSON_TYPE, Recording, RecordingError


@dataclass(frozen=True)
class Edition:
    name: str  # the recordings' folder, spec/recordings/seeds/<name>
    file: str  # the seed file
    about: str


EDITIONS = {
    "seed-000": Edition(
        "seed-000",
        "000_11c2d01815b21cd1.txt",
        "the newer edition (firmware 20.49+; it says many sections date from 1.15–1.40)",
    ),
    "seed-004": Edition(
        "seed-004",
        "004_a2ea57b567252a4e.txt",
        "the older edition (firmware 1.40 era)",
    ),
}


@dataclass(frozen=True)
class Example:
    edition: str
    name: str  # the recording's file name without .json
    method: str
    path: str
    anchor: str  # text at or before the body; the body is the first JSON value from here
    status: int = 200
    firmware: str | None = None
    note: str | None = None
    body: bool = True  # False: the seed documents an answer without a body


def _both(name: str, method: str, path: str, anchor: str, **kw: Any) -> tuple[Example, Example]:
    return Example("seed-000", name, method, path, anchor, **kw), Example("seed-004", name, method, path, anchor, **kw)


EXAMPLES: tuple[Example, ...] = (
    *_both("GET.system_status.soe", "GET", "/api/system_status/soe", '{"percentage":69.16'),
    *_both("GET.sitemaster.running", "GET", "/api/sitemaster", '{"running":true,"uptime":"802459s,"'),
    *_both(
        "GET.sitemaster.stopped",
        "GET",
        "/api/sitemaster",
        '{"running":false,"uptime":"log:"',
        note="the seed: the answer while the sitemaster or the Powerwalls are off",
    ),
    *_both(
        "GET.customer.registration",
        "GET",
        "/api/customer/registration",
        '{"privacy_notice":true,"limited_warranty":true,"grid_services":null',
    ),
    Example(
        "seed-004",
        "GET.customer.registration.emailed",
        "GET",
        "/api/customer/registration",
        'GET /api/customer/registration {"privacy_notice"',
        note="the shape with emailed_registration and skipped_registration",
    ),
    *_both(
        "GET.system_status.grid_status",
        "GET",
        "/api/system_status/grid_status",
        '{"grid_status":"SystemGridConnected","grid_services_active"',
    ),
    *_both(
        "GET.system_status.grid_status.islanded",
        "GET",
        "/api/system_status/grid_status",
        '{"grid_status":"SystemIslandedActive"}',
        note="the seed: grid is down",
    ),
    *_both(
        "GET.system_status.grid_status.transition",
        "GET",
        "/api/system_status/grid_status",
        '{"grid_status":"SystemTransitionToGrid"}',
        note="the seed: grid is restored but not yet in sync",
    ),
    *_both("GET.system.update.status", "GET", "/api/system/update/status", '{"state":"/update_failed"'),
    *_both("GET.site_info", "GET", "/api/site_info", '{"max_site_meter_power_kW"', note="the older, flat shape"),
    *_both("GET.site_info.site_name", "GET", "/api/site_info/site_name", '{"site_name":"Home Energy Gateway"'),
    *_both("GET.status", "GET", "/api/status", '{"start_time":"2019-09-23', firmware="1.40.2"),
    Example(
        "seed-000",
        "GET.system_status.grid_faults",
        "GET",
        "/api/system_status/grid_faults",
        '[{"timestamp":1569976192352',
        firmware="1.40.2",
        note="its git_hash is the 1.40.2 status example's",
    ),
    Example("seed-004", "GET.system_status.grid_faults", "GET", "/api/system_status/grid_faults", "Response: []"),
    *_both(
        "GET.sitemaster.stop.500",
        "GET",
        "/api/sitemaster/stop",
        '{"code":500,"error":"Cannot Start Wizard"',
        status=500,
        note="the seed: the sitemaster cannot be stopped at this moment",
    ),
    *_both("GET.sitemaster.run", "GET", "/api/sitemaster/run", "", status=202, body=False),
    *_both("GET.config.completed", "GET", "/api/config/completed", "", status=202, body=False),
    *_both("GET.logout", "GET", "/api/logout", "", status=204, body=False),
    *_both(
        "POST.login.Basic",
        "POST",
        "/api/login/Basic",
        '{"email":null,"firstname":"Tesla"',
        note="a blank username and the S+serial password (firmware 1.15 era)",
    ),
    *_both("GET.operation", "GET", "/api/operation", '{"mode":"self_consumption","backup_reserve_percent":15}'),
    Example(
        "seed-000",
        "POST.operation",
        "POST",
        "/api/operation",
        'response: `{"mode":"self_consumption","backup_reserve_percent":24.6}',
    ),
    Example(
        "seed-004",
        "POST.operation",
        "POST",
        "/api/operation",
        'response: {"mode":"self_consumption","backup_reserve_percent":24.6}',
    ),
    *_both(
        "GET.powerwalls.status.409",
        "GET",
        "/api/powerwalls/status",
        '{"code":409,"error":"Sitemaster is current running"',
        status=409,
    ),
    *_both("GET.solars", "GET", "/api/solars", '[{"brand":"SolarEdge Technologies","model":"SE5000'),
    *_both("GET.generators", "GET", "/api/generators", '{"disconnect_type":"None","generators":[]}'),
    *_both("GET.customer", "GET", "/api/customer", '{"city":"New York"'),
    *_both("GET.config", "GET", "/api/config", '{vin: "0123456-00-E--T1234567890"}'),
    Example(
        "seed-000",
        "POST.v2.islanding.mode.off-grid",
        "POST",
        "/api/v2/islanding/mode",
        '```json\n{\n    "island_mode": "intentional_reconnect_failsafe"',
    ),
    Example(
        "seed-000",
        "POST.v2.islanding.mode.on-grid",
        "POST",
        "/api/v2/islanding/mode",
        '```json\n{\n    "island_mode": "backup"',
    ),
    *_both("GET.generators.disconnect_types", "GET", "/api/generators/disconnect_types", '["DownstreamATS"]'),
    *_both("GET.meters", "GET", "/api/meters", '[{"serial":"OBB3172012345"'),
    *_both(
        "GET.installer", "GET", "/api/installer", '{company: "Tesla Timbuktu"', note="without e-mail or verified_config"
    ),
    *_both(
        "GET.installer.alternative",
        "GET",
        "/api/installer",
        '{"company":"Tesla Orange County"',
        note="the seed's alternative response",
    ),
    Example(
        "seed-000",
        "GET.installer.companies",
        "GET",
        "/api/installer/companies",
        "#### _GET /api/installer/companies_ ####\n",
        note="the seed elides the long list after two companies",
    ),
    Example(
        "seed-004",
        "GET.installer.companies",
        "GET",
        "/api/installer/companies",
        "GET /api/installer/companies [",
        note="the seed elides the long list after two companies",
    ),
    Example(
        "seed-000",
        "POST.system.networks.conn_tests.running",
        "POST",
        "/api/system/networks/conn_tests",
        "while test is running the request returns:\n",
        note="the seed: while the test is running",
    ),
    Example(
        "seed-004",
        "POST.system.networks.conn_tests.running",
        "POST",
        "/api/system/networks/conn_tests",
        "while test is running the request returns: ",
        note="the seed: while the test is running",
    ),
    Example(
        "seed-000",
        "POST.system.networks.conn_tests.complete",
        "POST",
        "/api/system/networks/conn_tests",
        "when test is complete it returns:\n",
        note="the seed: when the test is complete",
    ),
    Example(
        "seed-004",
        "POST.system.networks.conn_tests.complete",
        "POST",
        "/api/system/networks/conn_tests",
        "when test is complete it returns: ",
        note="the seed: when the test is complete",
    ),
    Example(
        "seed-000",
        "GET.networks",
        "GET",
        "/api/networks",
        "#### _GET /api/networks_ ####\n",
        note="can0, eth0, rpine0 (cellular), wifi0, wifi1 (the gateway's access point)",
    ),
    Example(
        "seed-004",
        "GET.networks",
        "GET",
        "/api/networks",
        "returns all configured network adapters in gateway which seems running Linux:",
    ),
    Example("seed-000", "GET.system.networks", "GET", "/api/system/networks", "#### _GET /api/system/networks_ ####\n"),
    Example("seed-004", "GET.system.networks", "GET", "/api/system/networks", "GET /api/system/networks ["),
    *_both(
        "GET.networks.wifi_security_types",
        "GET",
        "/api/networks/wifi_security_types",
        '["NONE","WEP","WPAorWPA2_Personal"]',
    ),
    Example(
        "seed-000",
        "GET.meters.readings",
        "GET",
        "/api/meters/readings",
        "#### _GET /api/meters/readings_ ####\n",
        note="a Neurio meter",
    ),
    Example(
        "seed-004",
        "GET.meters.readings",
        "GET",
        "/api/meters/readings",
        "GET /api/meters/readings {",
        note="a Neurio meter",
    ),
    Example(
        "seed-000",
        "GET.system.testing",
        "GET",
        "/api/system/testing",
        "#### _GET /api/system/testing_\n",
        note="the seed's short form",
    ),
    Example(
        "seed-004",
        "GET.system.testing",
        "GET",
        "/api/system/testing",
        "GET /api/system/testing {",
        note="a passed self-test",
    ),
)

_ELISION = re.compile(r",\s*\{\s*\.\.\.\s*<LONG_LIST>\s*\}")
_BARE_KEY = re.compile(r"([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:")


def _json_at(text: str, start: int, where: str) -> Any:
    """The first JSON value (object or array) in ``text`` from ``start``, repaired as the module says."""
    begin = min((i for i in (text.find("{", start), text.find("[", start)) if i >= 0), default=-1)
    if begin < 0:
        raise RecordingError(f"{where}: no JSON body after the anchor")
    depth, in_string, escaped = 0, False, False
    for index in range(begin, len(text)):
        char = text[index]
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth == 0:
                raw = text[begin : index + 1]
                break
    else:
        raise RecordingError(f"{where}: the JSON body does not end")
    raw = _ELISION.sub("", raw)
    try:
        return json.loads(raw)
    except ValueError:
        pass
    try:
        return json.loads(_BARE_KEY.sub(r'\1"\2":', raw))
    except ValueError as exc:
        raise RecordingError(f"{where}: not JSON even with quoted keys ({exc})") from exc


def example_recording(example: Example, text: str) -> Recording:
    edition = EDITIONS[example.edition]
    where = f"{edition.file}: {example.name}"
    body = b""
    content_type = None
    if example.body:
        count = text.count(example.anchor)
        if count != 1:
            raise RecordingError(f"{where}: the anchor occurs {count} times, not once")
        position = text.find(example.anchor)
        body = json.dumps(mask_secrets(_json_at(text, position, where))).encode()
        content_type = JSON_TYPE
    return Recording(
        example.method,
        example.path,
        example.status,
        content_type,
        body,
        firmware=example.firmware,
        source=f"seeds/{edition.file}",
        note="; ".join(n for n in (edition.about, example.note) if n),
        edition=edition.name,
    )


def import_seeds(source: Path, out: Path) -> list[Path]:
    """Write every example of :data:`EXAMPLES` found in the seed files under ``source`` into ``out/<edition>/``."""
    texts = {name: (source / edition.file).read_text(encoding="utf-8") for name, edition in EDITIONS.items()}
    written = []
    for example in EXAMPLES:
        recording = example_recording(example, texts[example.edition])
        written.append(recordings.write(recording, out / example.edition, f"{example.name}.json"))
    return written
