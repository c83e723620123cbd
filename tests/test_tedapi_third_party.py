"""Public TEDAPI clients, unmodified, against `pwkit simulate` over real HTTPS, on every TEDAPI profile.

- pypowerwall 0.22.2 (installed), its TEDAPI client over Wi-Fi basic against the
  access point listener, and over v1r on the LAN where the profile has v1r;
- aiopowerwall 0.8.0 (installed, dev dependency), a v1r client, against the PW3 profile.

How they reach the simulator: by address only. Both take the gateway's address as
a parameter (pypowerwall's ``host``, aiopowerwall's ``host``); we pass the
listener's ``127.0.0.1:PORT`` there, which their code puts into
``https://{host}/…``. Nothing of their logic changes. The environment's
``REQUESTS_CA_BUNDLE``/``CURL_CA_BUNDLE`` are unset for the run: requests lets them
override pypowerwall's own ``verify=False`` (a real gateway's certificate is
self-signed too).

A v1r key is registered as an owner does it: the Fleet API's ``grpc_command``
(``add_authorized_client_request``), then the Powerwall's switch off for 16
simulated seconds and on (the control API's ``power-cycle``).

Each call's outcome is compared with what a real gateway answers, with the
evidence; ``PWKIT_TEDAPI_ACCEPTANCE_TABLE=FILE`` writes the table.
"""

from __future__ import annotations

import asyncio
import base64
import os
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from .simulators import RunningSimulator

pytestmark = pytest.mark.slow
STICKER = "SIMULATED-QR-PASSWORD"
CUSTOMER = STICKER[-5:]  # the customer login's password is the sticker's last 5 characters (FACTS)
TEDAPI_PROFILES = ["pw2-24.x", "pw2-25.x", "pw2-26.x", "pw3-26.x", "pw3-26.x-follower"]
V1R_PROFILES = {"pw2-26.x", "pw3-26.x", "pw3-26.x-follower"}
ROWS: list[tuple[str, str, str, str, str, str]] = []

PYPW = "pypowerwall 0.22.2 tedapi/__init__.py (what it reads)"
FACTS = "FACTS 'TEDAPI and Powerwall 3'"
CAPTURE_PW3 = "pypowerwall tests/tedapi fixtures, captured on 2x PW3 26.18.1"
V1R = "FACTS 'Pairing a key (v1r)'; pypowerwall PR #383, #387"


@dataclass(frozen=True)
class Expect:
    real: str
    evidence: str
    check: Callable[[Any], bool]


def outcome_text(ok: bool, value: Any) -> str:
    text = repr(value)
    return ("ok: " if ok else "refused: ") + (text if len(text) <= 70 else text[:69] + "…")


def run(client: str, profile: str, calls: list[tuple[str, Callable[[], Any], Expect]]) -> None:
    wrong = []
    for name, call, expect in calls:
        try:
            value, ok = call(), True
        except Exception as exc:  # the outcome is the point: every refusal is recorded
            value, ok = f"{type(exc).__name__}: {exc}", False
        met = ok and bool(expect.check(value))
        ROWS.append((client, name, profile, outcome_text(ok, value), expect.real, expect.evidence))
        if not met:
            wrong.append(f"{name}: got {outcome_text(ok, value)}; a real gateway: {expect.real}")
    assert wrong == [], "\n".join(wrong)


@pytest.fixture(scope="module", params=TEDAPI_PROFILES)
def gateway(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSimulator]:
    profile = str(request.param)
    running = RunningSimulator(
        tmp_path_factory.mktemp(f"tedapi-{profile}"),
        "--firmware",
        profile,
        "--fleet",
        "--customer-password",
        CUSTOMER,
        # Both v1r clients log in as customer@customer.domain (validated on real PW3s); the
        # simulator refuses an e-mail other than its own, so it is given theirs.
        "--email",
        "customer@customer.domain",
        "--gateway-password",
        STICKER,
    )
    running.profile = profile  # type: ignore[attr-defined]
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def _plain_requests(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    monkeypatch.chdir(tmp_path)  # pypowerwall keeps cache files in the working directory


def host(url: str) -> str:
    return url.removeprefix("https://")


def register_verified_key(sim: RunningSimulator, directory: Path) -> tuple[Path, bytes]:
    """A new RSA-4096 key, registered over the simulated Fleet API and verified by the switch."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=4096)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    path = directory / "tedapi_rsa_private.pem"
    path.write_bytes(pem)
    path.chmod(0o600)
    der = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)
    fleet = sim.fleet
    with httpx.Client(verify=ssl.create_default_context(cafile=fleet["ca"]), timeout=10) as client:
        token = client.post(
            fleet["url"] + "/oauth2/v3/token",
            data={
                "grant_type": "refresh_token",
                "client_id": fleet["client_id"],
                "refresh_token": sim.control("POST", "/fleet/refresh-token")["refresh_token"],
            },
        ).json()["access_token"]
        site = fleet["sites"][0]["energy_site_id"]
        body = {
            "command_type": "grpc_command",
            "command_properties": {
                "identifier_type": 1,
                "message": {
                    "authorization": {
                        "add_authorized_client_request": {
                            "key_type": 1,
                            "public_key": base64.b64encode(der).decode(),
                            "authorized_client_type": 1,
                            "description": "acceptance",
                        }
                    }
                },
            },
        }
        answer = client.post(
            f"{fleet['url']}/api/1/energy_sites/{site}/command", json=body, headers={"Authorization": f"Bearer {token}"}
        )
        assert answer.status_code == 200, answer.text
    assert sim.control("POST", "/sites/0/power-cycle", {"off_seconds": 16})["verified"]
    return path, pem


# ------------------------------------------------------------------------ pypowerwall, Wi-Fi basic


def pypowerwall_expectations(profile: str) -> dict[str, Expect]:
    pw3 = profile.startswith("pw3")
    units = 3 + (1 if profile.endswith("follower") else 0) if pw3 else 1
    return {
        "Powerwall(host, gw_pwd) (full TEDAPI)": Expect(
            "connected, the DIN read", PYPW + "; " + FACTS, lambda v: v is True
        ),
        "din()": Expect("the gateway's DIN", FACTS + " GET /tedapi/din", lambda v: "--" in v),
        "tedapi.get_config()": Expect(
            "config.json with vin, battery_blocks, site_info",
            "pypowerwall get_config docstring; FACTS",
            lambda v: {"vin", "battery_blocks", "site_info"} <= set(v),
        ),
        "tedapi.get_status()": Expect(
            "DeviceControllerQuery: control, esCan, system",
            "pypowerwall query capture V2024_06 + vitals() paths",
            lambda v: {"control", "esCan", "system"} <= set(v),
        ),
        "level()": Expect("0–100", "pypowerwall (systemStatus energies)", lambda v: 0 <= v <= 100),
        "power()": Expect(
            "site, solar, battery, load",
            "pypowerwall (meterAggregates)",
            lambda v: set(v) == {"site", "solar", "battery", "load"},
        ),
        "vitals()": Expect(
            "PVAC/PVS/TEPOD/TEPINV blocks" if not pw3 else "TEPOD blocks per pack (leader + expansions)",
            PYPW + (" vitals()" if not pw3 else " get_pw3_vitals(); " + CAPTURE_PW3),
            lambda v: sum(k.startswith("TEPOD--") for k in v) == units,
        ),
        "strings()": Expect(
            "strings A–D (PW2) / A–F (PW3)",
            PYPW + (" PVAC_Logging" if not pw3 else " pch PCH_PvVoltage*/Current*"),
            lambda v: set(v) >= ({"A", "B", "C", "D"} if not pw3 else {"A", "B", "C", "D", "E", "F"}),
        ),
        "temps()": Expect(
            "THC ambient (PW2) / PCH and HVP temperatures (PW3)",
            PYPW + " temps(); pypowerwall 2026-09-24 validation notes",
            lambda v: len(v) >= 1,
        ),
        "battery_blocks()": Expect(
            f"{units} battery block(s)", PYPW + " get_blocks()", lambda v: len(v) >= (1 if not pw3 else 3)
        ),
        "alerts()": Expect(
            "includes SystemConnectedToGrid", PYPW + " alerts()", lambda v: "SystemConnectedToGrid" in v
        ),
        "version()": Expect(
            "the firmware version",
            FACTS + " firmware request",
            lambda v: isinstance(v, str) and v[:2] in ("24", "25", "26"),
        ),
    }


def test_pypowerwall_reads_every_block_over_wifi_basic(gateway: RunningSimulator) -> None:
    import pypowerwall

    profile = gateway.profile  # type: ignore[attr-defined]
    expect = pypowerwall_expectations(profile)
    pw = pypowerwall.Powerwall(host=host(gateway.site()["access_point"]), gw_pwd=STICKER, timeout=10, pwcacheexpire=0)
    calls: list[tuple[str, Callable[[], Any], Expect]] = [
        (
            "Powerwall(host, gw_pwd) (full TEDAPI)",
            lambda: pw.tedapi_mode == "full" and pw.is_connected(),
            expect["Powerwall(host, gw_pwd) (full TEDAPI)"],
        ),
        ("din()", pw.din, expect["din()"]),
        ("tedapi.get_config()", lambda: pw.tedapi.get_config(force=True), expect["tedapi.get_config()"]),
        ("tedapi.get_status()", lambda: pw.tedapi.get_status(force=True), expect["tedapi.get_status()"]),
        ("level()", pw.level, expect["level()"]),
        ("power()", pw.power, expect["power()"]),
        ("vitals()", pw.vitals, expect["vitals()"]),
        ("strings()", pw.strings, expect["strings()"]),
        ("temps()", pw.temps, expect["temps()"]),
        ("battery_blocks()", pw.battery_blocks, expect["battery_blocks()"]),
        ("alerts()", pw.alerts, expect["alerts()"]),
        ("version()", pw.version, expect["version()"]),
    ]
    run("pypowerwall (Wi-Fi basic)", profile, calls)


# ------------------------------------------------------------------------ pypowerwall, v1r


def test_pypowerwall_reads_over_v1r_with_a_verified_key(gateway: RunningSimulator, tmp_path: Path) -> None:
    import pypowerwall

    profile = gateway.profile  # type: ignore[attr-defined]
    if profile not in V1R_PROFILES:
        pytest.skip(f"{profile} has no v1r on the LAN (FACTS: v1r from 26.x)")
    key_path, _ = register_verified_key(gateway, tmp_path)
    pw = pypowerwall.Powerwall(
        host=host(gateway.url), gw_pwd=STICKER, rsa_key_path=str(key_path), timeout=10, pwcacheexpire=0
    )
    pw3 = profile.startswith("pw3")
    calls: list[tuple[str, Callable[[], Any], Expect]] = [
        (
            "Powerwall(host, gw_pwd, rsa_key_path) (v1r)",
            lambda: pw.tedapi_mode == "v1r" and pw.is_connected(),
            Expect("connected over v1r", V1R, lambda v: v is True),
        ),
        ("din()", pw.din, Expect("the leader's DIN", FACTS, lambda v: "--" in v)),
        (
            "tedapi.get_config() (FileStore)",
            lambda: pw.tedapi.get_config(force=True),
            Expect(
                "config.json via readFileRequest",
                "pypowerwall tedapi_v1r.get_config_v1r; FACTS FileStore",
                lambda v: "battery_blocks" in v,
            ),
        ),
        (
            "tedapi.get_status()",
            lambda: pw.tedapi.get_status(force=True),
            Expect("DeviceControllerQuery", PYPW, lambda v: "control" in v),
        ),
        ("level()", pw.level, Expect("0–100", PYPW, lambda v: 0 <= v <= 100)),
        ("vitals()", pw.vitals, Expect("the vitals blocks", PYPW, lambda v: any(k.startswith("TEPOD--") for k in v))),
        ("strings()", pw.strings, Expect("the strings", PYPW, lambda v: "A" in v)),
        ("battery_blocks()", pw.battery_blocks, Expect("the blocks", PYPW, lambda v: len(v) >= 1)),
        (
            "temps()",
            pw.temps,
            Expect(
                "a temperature per unit (TETHC on a PW2, TEPOD on a PW3)",
                PYPW,
                lambda v: bool(v) and all(isinstance(t, int | float) for t in v.values()),
            ),
        ),
        (
            "set_reserve(90)",
            lambda: pw.set_reserve(90),
            Expect(
                "written locally (above 80 % works over v1r)",
                "FACTS 'Tesla's cloud': 81–99 % refused by the cloud, works locally",
                lambda v: v is not None,
            ),
        ),
        (
            "get_reserve() after set_reserve(90)",
            lambda: pw.tedapi.get_config(force=True)["site_info"]["backup_reserve_percent"],
            Expect(
                "the gateway scale value written", "pypowerwall write_config_v1r read-modify-write", lambda v: v >= 90
            ),
        ),
    ]
    if pw3:
        calls.append(
            (
                "go_off_grid()",
                lambda: pw.go_off_grid(confirm=True),
                Expect(
                    "contactor opens",
                    "pypowerwall send_island_mode (hardware-validated on PW3); FACTS TEG",
                    lambda v: v is not None,
                ),
            )
        )
    run("pypowerwall (v1r)", profile, calls)
    if pw3:
        gateway.control("POST", "/sites/0/advance", {"seconds": 10})
        assert gateway.control("GET", "/sites/0/state")["grid_status"] == "SystemIslandedActive"
        pw.reconnect_grid()
        gateway.control("POST", "/sites/0/advance", {"seconds": 10})
        assert gateway.control("GET", "/sites/0/state")["grid_status"] == "SystemGridConnected"


# ------------------------------------------------------------------------ aiopowerwall, v1r, PW3


def test_aiopowerwall_reads_and_writes_a_powerwall_3_over_v1r(gateway: RunningSimulator, tmp_path: Path) -> None:
    profile = gateway.profile  # type: ignore[attr-defined]
    if not profile.startswith("pw3"):
        pytest.skip("aiopowerwall is a Powerwall 3 client")
    from aiopowerwall import PowerwallClient

    _, pem = register_verified_key(gateway, tmp_path)
    AIO = "aiopowerwall 0.8.0 client.py"
    results: list[tuple[str, Callable[[], Any], Expect]] = []

    async def session() -> dict[str, Any]:
        out: dict[str, Any] = {}
        async with PowerwallClient(
            host=host(gateway.url), gateway_password=STICKER, rsa_private_key_pem=pem, timeout=10
        ) as client:
            for name, coro in (
                ("connect()", client.connect),
                ("get_config()", client.get_config),
                ("get_status()", client.get_status),
                ("get_device_controller()", client.get_device_controller),
                ("get_components()", client.get_components),
                ("get_meters_aggregates()", client.get_meters_aggregates),
                ("get_battery_soe()", client.get_battery_soe),
                ("get_grid_status()", client.get_grid_status),
                ("set_backup_reserve_raw(85)", lambda: client.set_backup_reserve_raw(85)),
                ("set_operation_mode('backup')", lambda: client.set_operation_mode("backup")),
                ("schedule_max_backup(3600)", lambda: client.schedule_max_backup(3600)),
                ("get_backup_events()", client.get_backup_events),
                ("list_authorized_clients()", client.list_authorized_clients),
            ):
                try:
                    out[name] = (True, await coro())
                except Exception as exc:  # every refusal is recorded
                    out[name] = (False, f"{type(exc).__name__}: {exc}")
        return out

    outcomes = asyncio.run(session())
    expect = {
        "connect()": Expect("the DIN", AIO + "; " + FACTS, lambda v: "--" in v),
        "get_config()": Expect("config.json via FileStore", AIO, lambda v: len(v["battery_blocks"]) >= 1),
        "get_status()": Expect("DeviceControllerQuery", AIO + " (signed GraphQL form)", lambda v: "control" in v),
        "get_device_controller()": Expect("DeviceControllerQuery, extended", AIO, lambda v: "control" in v),
        "get_components()": Expect(
            "pch, bms, hvp per pack", AIO + "; " + CAPTURE_PW3, lambda v: len(v["components"]["bms"]) >= 3
        ),
        "get_meters_aggregates()": Expect(
            "the REST aggregates with lifetime counters", "FACTS: PW3 REST keeps aggregates", lambda v: "site" in v
        ),
        "get_battery_soe()": Expect("0–100 (app scale)", "FACTS: PW3 REST keeps soe", lambda v: 0 <= v <= 100),
        "get_grid_status()": Expect(
            "SystemGridConnected", "FACTS: PW3 REST keeps grid_status", lambda v: v == "SystemGridConnected"
        ),
        "set_backup_reserve_raw(85)": Expect(
            "written (above 80 works locally)", "FACTS; aiopowerwall (verified on PW3)", lambda v: v is None
        ),
        "set_operation_mode('backup')": Expect("written", AIO + " (verified on PW3)", lambda v: v is None),
        "schedule_max_backup(3600)": Expect(
            "scheduled", "FACTS TEG scheduleManualBackupEvent = 45", lambda v: v is None
        ),
        "get_backup_events()": Expect("the scheduled event", "FACTS getBackupEvents = 49", lambda v: bool(v)),
        "list_authorized_clients()": Expect(
            "the verified key",
            V1R,
            lambda v: (
                any(c["state"] == "VERIFIED" for c in v["clients"])
                if isinstance(v, dict)
                else any(c.get("state") == "VERIFIED" for c in v)
            ),
        ),
    }
    for name, (ok, value) in outcomes.items():
        results.append(
            (
                name,
                (lambda ok=ok, value=value: value if ok else (_ for _ in ()).throw(RuntimeError(value))),
                expect[name],
            )
        )
    run("aiopowerwall (v1r)", profile, results)
    state = gateway.control("GET", "/sites/0/state")
    assert (state["mode"], state["reserve"]) == ("backup", 85)


def teardown_module() -> None:
    target = os.environ.get("PWKIT_TEDAPI_ACCEPTANCE_TABLE")
    if not target or not ROWS:
        return
    lines = [
        "| client | call | profile | the simulator answered | a real gateway answers | evidence |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in ROWS:
        lines.append("| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in row) + " |")
    Path(target).write_text("\n".join(lines) + "\n")


def test_pypowerwall_bearer_is_refused_as_on_a_powerwall_2(gateway: RunningSimulator) -> None:
    """pypowerwall's bearer mode logs in as the installer with the sticker password: a Powerwall 2's
    gateway refuses that login on the LAN (401, pypowerwall-server #105), so its TEDAPI never connects."""
    from pypowerwall.tedapi import TEDAPI

    profile = gateway.profile  # type: ignore[attr-defined]
    if profile == "pw2-24.x":
        pytest.skip("the bearer path is documented for 25.x and later")
    client = TEDAPI(STICKER, host=host(gateway.url), auth_mode="bearer", tedapi_api_version="V2026_06", timeout=10)
    run(
        "pypowerwall (bearer)",
        profile,
        [
            (
                "TEDAPI(auth_mode='bearer').connect()",
                lambda: client.din,
                Expect(
                    "not connected: the installer login is refused (401)"
                    + (" (PW3: reports are mixed; inferred the same)" if profile.startswith("pw3") else ""),
                    "pypowerwall auth_mode docstring; pypowerwall-server #105; FACTS 'Three ways in'",
                    lambda v: v is None,
                ),
            )
        ],
    )


def test_pypowerwall_reads_the_follower_over_wifi_while_the_leader_answers_v1r(
    gateway: RunningSimulator, tmp_path: Path
) -> None:
    """v1r cannot reach a follower (TIMEOUT); pypowerwall then asks the access point (its ``wifi_host``)."""
    import pypowerwall

    profile = gateway.profile  # type: ignore[attr-defined]
    if profile != "pw3-26.x-follower":
        pytest.skip("only pw3-26.x-follower has a follower")
    key_path, _ = register_verified_key(gateway, tmp_path)
    pw = pypowerwall.Powerwall(
        host=host(gateway.url),
        gw_pwd=STICKER,
        rsa_key_path=str(key_path),
        wifi_host=host(gateway.site()["access_point"]),
        timeout=10,
        pwcacheexpire=0,
    )
    follower = next(
        u["din"]
        for u in gateway.control("GET", "/sites/0/tedapi")["units"]
        if u["din"] in gateway.control("GET", "/sites/0/tedapi")["followers"]
    )
    run(
        "pypowerwall (v1r + wifi_host)",
        profile,
        [
            (
                "vitals() with a follower",
                pw.vitals,
                Expect(
                    "the follower's pack too, read over Wi-Fi",
                    "FACTS: v1r answers TIMEOUT for followers; pypowerwall get_pw3_vitals Wi-Fi fallback",
                    lambda v: f"TEPOD--{follower}" in v,
                ),
            )
        ],
    )
    assert gateway.control("GET", "/sites/0/tedapi")["requests"].get("POST /tedapi/device/{din}/v1", 0) >= 1
