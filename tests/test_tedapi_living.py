"""One living site everywhere: REST, TEDAPI and the Fleet API read the same Powerwall 3, over real HTTPS.

`pwkit simulate --firmware pw3-26.x --fleet` at a crawl (speed 0.001: the site's
5-second model step lasts 83 minutes), so the three APIs are read at one simulated
moment. Also: island mode over TEDAPI is seen by REST and the Fleet API, and the
access point drops out and comes back through the control API.
"""

from __future__ import annotations

import gzip
import json
import ssl
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from pwkit.simulator import wire

from .simulators import EMAIL, PASSWORD, RunningSimulator
from .tedapi_helpers import BASIC, OCTETS, STICKER, answer_envelope, envelope, message, query_request, query_text

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSimulator]:
    running = RunningSimulator(
        tmp_path_factory.mktemp("living"),
        "--firmware",
        "pw3-26.x",
        "--fleet",
        "--speed",
        "0.001",
        "--gateway-password",
        STICKER,
    )
    yield running
    running.stop()


def tedapi_query(sim: RunningSimulator, name: str) -> dict[str, object]:
    din = sim.site()["din"]
    # As the TEDAPI clients do: the gateway's certificate is self-signed and names no address.
    with httpx.Client(verify=False, timeout=10) as client:
        response = client.post(
            sim.site()["access_point"] + "/tedapi/v1", content=message(query_request(din, name)), headers=OCTETS | BASIC
        )
    assert response.status_code == 200, response.text
    return json.loads(query_text(answer_envelope(response.content)))  # type: ignore[no-any-return]


def rest(sim: RunningSimulator, path: str) -> dict[str, object]:
    context = ssl.create_default_context(cafile=sim.ca)
    context.check_hostname = False
    with httpx.Client(verify=context, timeout=10) as client:
        token = client.post(
            sim.url + "/api/login/Basic", json={"username": "customer", "email": EMAIL, "password": PASSWORD}
        ).json()["token"]
        return client.get(sim.url + path, headers={"Authorization": f"Bearer {token}"}).json()  # type: ignore[no-any-return]


def fleet_live_status(sim: RunningSimulator) -> dict[str, object]:
    fleet = sim.fleet
    with httpx.Client(verify=ssl.create_default_context(cafile=fleet["ca"]), timeout=10) as client:
        refresh = sim.control("POST", "/fleet/refresh-token")["refresh_token"]
        token = client.post(
            fleet["url"] + "/oauth2/v3/token",
            data={"grant_type": "refresh_token", "client_id": fleet["client_id"], "refresh_token": refresh},
        ).json()["access_token"]
        site = fleet["sites"][0]["energy_site_id"]
        response = client.get(
            f"{fleet['url']}/api/1/energy_sites/{site}/live_status", headers={"Authorization": f"Bearer {token}"}
        )
        return response.json()["response"]  # type: ignore[no-any-return]


def test_rest_tedapi_and_the_fleet_api_read_one_living_site(sim: RunningSimulator) -> None:
    sim.control("POST", "/sites/0/advance", {"seconds": 6 * 3600})  # noon: sun on the strings
    aggregates = rest(sim, "/api/meters/aggregates")
    status = tedapi_query(sim, "device_controller_basic")
    components = tedapi_query(sim, "components")
    live = fleet_live_status(sim)
    control = status["control"]
    meters = {m["location"].lower(): m["realPowerW"] for m in control["meterAggregates"]}  # type: ignore[index]
    assert {meters.pop(extra) for extra in ("solar_rgm", "generator", "conductor")} == {0}
    assert meters == {name: aggregates[name]["instant_power"] for name in ("site", "battery", "load", "solar")}  # type: ignore[index]
    assert (live["solar_power"], live["battery_power"], live["grid_power"]) == (
        round(meters["solar"]),
        round(meters["battery"]),
        round(meters["site"]),
    )
    remaining = control["systemStatus"]["nominalEnergyRemainingWh"]  # type: ignore[index]
    packs = [
        s["value"] * 1000
        for p in components["components"]["bms"]
        for s in p["signals"]
        if s["name"] == "BMS_nominalEnergyRemaining"
    ]  # type: ignore[index]
    assert len(packs) == 3 and sum(packs) == pytest.approx(remaining, abs=2)
    soe = rest(sim, "/api/system_status/soe")["percentage"]
    assert soe == pytest.approx(100 * remaining / control["systemStatus"]["nominalFullPackEnergyWh"], abs=0.01)  # type: ignore[index, operator]
    pch = {s["name"]: s["value"] for s in components["components"]["pch"][0]["signals"]}  # type: ignore[index]
    assert sum(pch[f"PCH_PvVoltage{n}"] * pch[f"PCH_PvCurrent{n}"] for n in "ABCDEF") == pytest.approx(
        meters["solar"], rel=0.01
    )
    assert "SystemConnectedToGrid" in control["alerts"]["active"]  # type: ignore[index]


def test_the_access_point_drops_out_and_comes_back(sim: RunningSimulator) -> None:
    url = sim.site()["access_point"]
    sim.control("POST", "/sites/0/access-point", {"down": True})
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/tedapi/din", verify=False, timeout=3)
    assert sim.control("GET", "/sites/0/tedapi")["faults"]["access_point_down"] is True
    sim.control("POST", "/sites/0/access-point", {"down": False})
    back = httpx.get(url + "/tedapi/din", headers=BASIC, verify=False, timeout=5).content
    assert gzip.decompress(back).decode() == sim.site()["din"]  # gzip on the access point since 25.42.2


def test_busy_and_garbage_faults_come_and_go_through_the_control_api(sim: RunningSimulator) -> None:
    url = sim.site()["access_point"] + "/tedapi/din"
    sim.control("POST", "/sites/0/tedapi-faults", {"busy_status": 503})
    assert httpx.get(url, headers=BASIC, verify=False, timeout=5).status_code == 503
    sim.control("POST", "/sites/0/tedapi-faults", {"busy_status": 0, "gzip_garbage": True})
    body = httpx.get(url, headers=BASIC, verify=False, timeout=5).content
    assert body[:2] == b"\x1f\x8b"
    sim.control("DELETE", "/sites/0/tedapi-faults")
    assert gzip.decompress(httpx.get(url, headers=BASIC, verify=False, timeout=5).content).decode() == sim.site()["din"]


def test_island_mode_over_tedapi_is_seen_by_rest_and_the_fleet_api(sim: RunningSimulator, tmp_path: Path) -> None:
    from .test_tedapi_third_party import register_verified_key

    _, pem = register_verified_key(sim, tmp_path)
    from cryptography.hazmat.primitives import serialization

    from .tedapi_helpers import Key

    key = Key.__new__(Key)
    key.private = serialization.load_pem_private_key(pem, password=None)  # type: ignore[assignment]
    key.public_der = key.private.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)
    din = sim.site()["din"]
    island = envelope(din, (5, wire.message((3, wire.message((1, 6), (2, True))))), sender_local=False)
    response = httpx.post(
        sim.url + "/tedapi/v1r", content=key.routable(island, din), headers=OCTETS, verify=False, timeout=10
    )
    assert response.status_code == 200 and not wire.decode(response.content).has(12)
    sim.control("POST", "/sites/0/advance", {"seconds": 10})
    assert rest(sim, "/api/system_status/grid_status")["grid_status"] == "SystemIslandedActive"
    assert fleet_live_status(sim)["island_status"] == "off_grid"
    assert tedapi_query(sim, "device_controller_basic")["control"]["islanding"]["contactorClosed"] is False  # type: ignore[index]
    reconnect = envelope(din, (5, wire.message((3, wire.message((1, 1))))), sender_local=False)
    httpx.post(sim.url + "/tedapi/v1r", content=key.routable(reconnect, din), headers=OCTETS, verify=False, timeout=10)
    sim.control("POST", "/sites/0/advance", {"seconds": 10})
    assert rest(sim, "/api/system_status/grid_status")["grid_status"] == "SystemGridConnected"
    assert fleet_live_status(sim)["island_status"] == "on_grid"
