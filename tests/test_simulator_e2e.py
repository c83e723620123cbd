"""`pwkit simulate` as a user meets it: real HTTPS, HTTP/2, strict SNI, faults, and third-party clients."""

from __future__ import annotations

import asyncio
import ssl
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from .simulators import EMAIL, PASSWORD, RunningSimulator, reset_fixture, simulator_fixture

pytestmark = pytest.mark.slow


simulator = simulator_fixture("--lockout-attempts", "3", "--lockout-seconds", "2")
sim = reset_fixture()


def tls(simulator: RunningSimulator) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=simulator.ca)


def test_it_speaks_http2_over_a_certificate_its_ca_vouches_for(sim: RunningSimulator) -> None:
    with httpx.Client(http2=True, verify=tls(sim)) as client:
        response = client.get(sim.url + "/api/status")
    assert response.status_code == 200
    assert response.http_version == "HTTP/2"
    assert response.json()["version"].startswith("21.39.1")


def test_it_speaks_http1_too(sim: RunningSimulator) -> None:
    with httpx.Client(http2=False, verify=tls(sim)) as client:
        assert client.get(sim.url + "/api/status").http_version == "HTTP/1.1"


def test_the_certificate_is_the_fingerprint_it_prints(sim: RunningSimulator) -> None:
    import hashlib

    host, port = "127.0.0.1", sim.site()["port"]
    der = ssl.get_server_certificate((host, port)).encode()
    fingerprint = "sha256:" + hashlib.sha256(ssl.PEM_cert_to_DER_cert(der.decode())).hexdigest()
    assert fingerprint == sim.site()["fingerprint"]


def test_offline_refuses_connections_and_online_restores_them(sim: RunningSimulator) -> None:
    sim.control("POST", "/sites/0/offline")
    with pytest.raises(httpx.ConnectError):
        httpx.get(sim.url + "/api/status", verify=tls(sim))
    sim.control("POST", "/sites/0/online")
    assert httpx.get(sim.url + "/api/status", verify=tls(sim)).status_code == 200


def test_a_dropped_connection_is_a_transport_error(sim: RunningSimulator) -> None:
    sim.control("POST", "/sites/0/faults", {"drop_rate": 1.0})
    with pytest.raises(httpx.TransportError):
        httpx.get(sim.url + "/api/status", verify=tls(sim))


def test_added_latency_is_felt(sim: RunningSimulator) -> None:
    sim.control("POST", "/sites/0/faults", {"latency_ms": 300})
    response = httpx.get(sim.url + "/api/status", verify=tls(sim))
    assert response.elapsed.total_seconds() >= 0.3


def test_counters_see_every_login(sim: RunningSimulator) -> None:
    body = {"username": "customer", "email": EMAIL, "password": "nope"}
    assert httpx.post(sim.url + "/api/login/Basic", json=body, verify=tls(sim)).status_code == 401
    stats = sim.stats()
    assert (stats["logins_failed"], stats["requests"]["POST /api/login/Basic"]) == (1, 1)


def test_bad_flags_get_a_clear_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pwkit.cli", "simulate", "--firmware", "99.1"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert "--firmware" in result.stderr and "21.39.1" in result.stderr


def test_strict_sni_refuses_other_names_and_accepts_the_gateways(tmp_path: Path) -> None:
    strict = RunningSimulator(tmp_path, "--strict-sni")
    try:
        port = strict.site()["port"]
        context = tls(strict)
        # A DNS name the gateway does not know: the handshake is aborted.
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"https://localhost:{port}/api/status", verify=context)
        # The same address, SNI `powerwall`: accepted.
        with httpx.Client(verify=context) as client:
            response = client.get(f"https://localhost:{port}/api/status", extensions={"sni_hostname": "powerwall"})
        assert response.status_code == 200
        # An IP address sends no SNI: accepted.
        assert httpx.get(f"https://127.0.0.1:{port}/api/status", verify=context).status_code == 200
    finally:
        strict.stop()


def test_several_gateways_in_one_process_each_with_its_own_certificate(tmp_path: Path) -> None:
    many = RunningSimulator(tmp_path, "--sites", "3")
    try:
        sites = many.description["sites"]
        assert len({s["port"] for s in sites}) == 3
        assert len({s["fingerprint"] for s in sites}) == 3
        for site in sites:
            context = ssl.create_default_context(cafile=site["ca"])
            assert httpx.get(site["url"] + "/api/status", verify=context).status_code == 200
    finally:
        many.stop()


# ---------------------------------------------------- popular third-party clients


def test_tesla_powerwall_works_unmodified(sim: RunningSimulator) -> None:
    from tesla_powerwall import GridStatus, OperationMode, Powerwall

    async def session() -> tuple[float, float, GridStatus, OperationMode, float]:
        powerwall = Powerwall(sim.url, verify_ssl=False)
        try:
            await powerwall.login(PASSWORD, EMAIL)
            meters = await powerwall.get_meters()
            return (
                await powerwall.get_charge(),
                meters.battery.instant_power,
                await powerwall.get_grid_status(),
                await powerwall.get_operation_mode(),
                await powerwall.get_backup_reserve_percentage(),
            )
        finally:
            await powerwall.close()

    charge, _battery, grid, mode, reserve = asyncio.run(session())
    assert 0 <= charge <= 100
    assert grid == GridStatus.CONNECTED
    assert mode == OperationMode.SELF_CONSUMPTION
    assert reserve == 30


def test_pypowerwall_works_unmodified(sim: RunningSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pypowerwall

    monkeypatch.chdir(tmp_path)  # it keeps a cookie cache in the working directory
    powerwall = pypowerwall.Powerwall(
        host=sim.url.removeprefix("https://"),
        password=PASSWORD,
        email=EMAIL,
        timezone="America/Los_Angeles",
        authpath=str(tmp_path),
        cachefile=str(tmp_path / ".powerwall"),
    )
    assert 0 <= powerwall.level() <= 100
    assert set(powerwall.power()) == {"site", "solar", "battery", "load"}
    assert powerwall.grid_status() == "UP"
    assert powerwall.get_mode() == "self_consumption"
    assert sim.stats()["logins_ok"] == 1
