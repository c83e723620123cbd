"""`pwkit simulate` as a user meets it: real HTTPS, HTTP/2, strict SNI, faults, and third-party clients."""

from __future__ import annotations

import asyncio
import ssl
import subprocess
import sys
import time
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


def test_going_offline_and_stopping_drop_an_idle_keep_alive_connection_at_once(tmp_path: Path) -> None:
    """A gateway falling off the network takes its connections with it: nobody waits on an idle client."""
    from .faults.proxy import FaultProxy

    sim = RunningSimulator(tmp_path / "sim")
    proxy = FaultProxy(sim.url, tmp_path / "proxy")
    try:
        with httpx.Client(verify=False) as direct, httpx.Client(verify=False) as through:
            assert direct.get(sim.url + "/api/status").status_code == 200  # an idle keep-alive connection now
            assert through.get(proxy.url + "/api/status").status_code == 200  # and one from the proxy's client
            started = time.monotonic()
            sim.control("POST", "/sites/0/offline")
            assert time.monotonic() - started < 3
            with pytest.raises(httpx.TransportError):  # the kept connection is gone, and no new one is taken
                direct.get(sim.url + "/api/status", timeout=3)
            sim.control("POST", "/sites/0/online")
            assert direct.get(sim.url + "/api/status").status_code == 200
            assert through.get(proxy.url + "/api/status").status_code == 200
            proxy.stop()  # closes its own client's connection to the simulator, and the one it served
            with pytest.raises(httpx.TransportError):
                through.get(proxy.url + "/api/status", timeout=3)
            started = time.monotonic()
            sim.stop()
            assert time.monotonic() - started < 3
    finally:
        proxy.stop()
        sim.stop()


@pytest.mark.parametrize("round_", [1, 2, 3])  # a race with Hypercorn's own graceful wait: one round may miss it
def test_going_offline_while_requests_are_still_served_takes_the_gateway_offline_and_back(
    tmp_path: Path, round_: int
) -> None:
    """Slow answers in flight must not keep the gateway from going offline, nor from coming back."""
    import contextlib
    import threading

    sim = RunningSimulator(tmp_path / "sim")
    try:
        sim.control("POST", "/sites/0/faults", {"latency_ms": 3000})

        def ask_slowly() -> None:
            with contextlib.suppress(httpx.TransportError):  # going offline cuts it: that is the point
                httpx.get(sim.url + "/api/status", verify=False, timeout=10)

        slow = [threading.Thread(target=ask_slowly) for _ in range(3)]
        for thread in slow:
            thread.start()
        deadline = time.monotonic() + 5
        while sim.stats()["peak_in_flight"] < 3:  # counted, not slept for: the requests are being served
            assert time.monotonic() < deadline, "the slow requests never arrived"
            time.sleep(0.02)
        started = time.monotonic()
        sim.control("POST", "/sites/0/offline", {"seconds": 1})  # answered 500 when the stop failed
        assert sim.control("GET", "/sites/0")["online"] is False
        sim.control("DELETE", "/sites/0/faults")
        with pytest.raises(httpx.TransportError):
            httpx.get(sim.url + "/api/status", verify=False, timeout=0.5)
        while True:  # back by itself after its second
            try:
                assert httpx.get(sim.url + "/api/status", verify=False, timeout=2).status_code == 200
                break
            except httpx.TransportError:
                assert time.monotonic() - started < 8, "the gateway never came back"
                time.sleep(0.1)
        for thread in slow:
            thread.join()
    finally:
        sim.stop()


@pytest.mark.parametrize("http2", [True, False], ids=["HTTP/2", "HTTP/1.1"])
def test_a_stamped_answer_records_when_its_last_byte_left(sim: RunningSimulator, tmp_path: Path, http2: bool) -> None:
    """The freshness bench counts from this write: after the stamp, before the client holds the answer, and for
    each of three answers asked at once (the bridge's fast group), whose stamps precede their sends."""
    from pwkit.client.connection import ConnectionOptions, Gateway

    sim.control("POST", "/sites/0/override", {"path": "/api/meters/aggregates", "stamp": "site.sent_at"})

    async def read() -> list[tuple[float, float]]:
        options = ConnectionOptions(state_dir=tmp_path, http2=http2)
        async with Gateway(sim.url, password=PASSWORD, email=EMAIL, options=options) as gateway:
            out = []
            for _ in range(3):
                answers = await asyncio.gather(*(gateway.get_json("/api/meters/aggregates") for _ in range(3)))
                held = time.monotonic()
                out += [(answer["site"]["sent_at"], held) for answer in answers]
            return out

    try:
        served = asyncio.run(read())
        written = sim.stats()["stamps_written"]
    finally:
        sim.control("DELETE", "/sites/0/override")
    for stamp, held in served:
        assert stamp <= written[str(stamp)] <= held
