"""Two public Fleet API clients, unmodified, against `pwkit simulate --fleet`: the acceptance test of the cloud.

- **tesla-fleet-api** (Teslemetry's; what Home Assistant's tesla_fleet uses), the
  newest release that installs on Python 3.11. Its token URL is fixed to
  ``fleet-auth.prd.vn.cloud.tesla.com``: an aiohttp resolver sends Tesla's host
  names to the simulator's address and port, and the simulator's certificate
  names them. The client's code is not touched.
- **pypowerwall's FleetAPI** (0.22): its API base comes from its config file (the
  simulator's URL); its token URL is fixed to ``auth.tesla.com``, which the
  process's resolver sends to the simulator the same way. It trusts the
  simulator's CA through ``SSL_CERT_FILE``, as any OpenSSL client would.

Each call's outcome is checked against what Tesla's docs or the client's own
fixtures say (``EVIDENCE``), and the effect of every command is read back from
the simulated site.
"""

from __future__ import annotations

import asyncio
import json
import socket
import ssl
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from pwkit.simulator.fleet import FLEET_NAMES

from .simulators import RunningSimulator, reset_fixture, simulator_fixture

pytestmark = pytest.mark.slow

aiohttp = pytest.importorskip("aiohttp")
tesla_fleet_api = pytest.importorskip("tesla_fleet_api")
fleetapi = pytest.importorskip("pypowerwall.fleetapi.fleetapi")

simulator = simulator_fixture("--fleet")
sim = reset_fixture()

# What the real cloud answers each call, and where that is written down (the note's table).
EVIDENCE = {
    "products": "energy entries with components.battery (Home Assistant tesla_fleet setup; its products.json fixture)",
    "site_info": "backup_reserve_percent (app scale), components (Tesla's Energy Endpoints; pypowerwall docstring)",
    "live_status": "percentage_charged, grid_services_*, generator_power, wall_connectors (pypowerwall docstring)",
    "calendar_history": "time_series (Tesla's Energy Endpoints; tesla-fleet-api energy_history)",
    "status": '"ok" (Tesla\'s docs; tesla-fleet-api status())',
    "commands": '200 {"response": {"code": 200, "message": …}}, grid_import_export {} (FACTS: the 2025 change)',
    "refresh": "single-use refresh token, rotated (Tesla's Third-Party Tokens page)",
    "expired": '401 {"error": "token expired (401)"} (tesla-fleet-api OAuthExpired)',
    "429": "429 with Retry-After (tesla-fleet-api RateLimited reads it; pypowerwall backs off by it)",
}


def port_of(sim: RunningSimulator) -> int:
    port = urlsplit(sim.fleet["url"]).port
    assert port is not None
    return port


# ---------------------------------------------------------------- tesla-fleet-api


class ToSimulator(aiohttp.abc.AbstractResolver):  # type: ignore[misc]
    """Tesla's host names → the simulator's address and port (the client's URLs stay Tesla's)."""

    def __init__(self, port: int) -> None:
        self.port = port

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET) -> list[dict[str, Any]]:
        assert host in FLEET_NAMES, f"the client asked for {host}, which is not Tesla's"
        return [
            {
                "hostname": host,
                "host": "127.0.0.1",
                "port": self.port,
                "family": socket.AF_INET,
                "proto": 0,
                "flags": socket.AI_NUMERICHOST,
            }
        ]

    async def close(self) -> None:
        return None


def fleet_session(sim: RunningSimulator) -> Any:
    context = ssl.create_default_context(cafile=sim.fleet["ca"])
    connector = aiohttp.TCPConnector(resolver=ToSimulator(port_of(sim)), ssl=context)
    return aiohttp.ClientSession(connector=connector)


def test_tesla_fleet_api_refreshes_rotates_reads_and_commands_as_against_teslas_cloud(sim: RunningSimulator) -> None:
    from tesla_fleet_api import TeslaFleetOAuth
    from tesla_fleet_api.exceptions import OAuthExpired, RateLimited

    token = sim.control("POST", "/fleet/refresh-token")["refresh_token"]
    site_id = sim.fleet["sites"][0]["energy_site_id"]

    async def go() -> dict[str, Any]:
        seen: dict[str, Any] = {}
        async with fleet_session(sim) as http:
            api = TeslaFleetOAuth(http, region="na", client_id=sim.fleet["client_id"], refresh_token=token)
            # Token refresh and rotation: the first refresh gives a new refresh token; the used one is refused.
            rotated = await api.refresh_access_token()
            assert rotated["refresh_token"] != token
            stale = TeslaFleetOAuth(http, region="na", client_id=sim.fleet["client_id"], refresh_token=token)
            with pytest.raises(ValueError, match="invalid_grant"):
                await stale.refresh_access_token()

            assert await api.status() == "ok"
            products = (await api.products())["response"]
            energy = [p for p in products if "energy_site_id" in p]
            assert energy and energy[0]["components"]["battery"] is True  # Home Assistant's setup reads this
            seen["products"] = energy[0]
            site = api.energySites.create(site_id)
            seen["site_info"] = (await site.site_info())["response"]
            seen["live_status"] = (await site.live_status())["response"]
            seen["calendar_history"] = (await site.energy_history("day"))["response"]

            answers = {
                "backup": await site.backup(35),
                "operation": await site.operation("backup"),
                "grid_import_export": await site.grid_import_export(
                    disallow_charge_from_grid_with_solar_installed=True, customer_preferred_export_rule="pv_only"
                ),
                "storm_mode": await site.storm_mode(True),
                "off_grid_vehicle_charging_reserve": await site.off_grid_vehicle_charging_reserve(40),
                "time_of_use_settings": await site.time_of_use_settings({"name": "pwkit test tariff"}),
            }
            seen["commands"] = answers

            # 429 with Retry-After: the client raises RateLimited and hands the wait on.
            sim.control("POST", "/fleet/faults", {"rate_limit_for": 5})
            with pytest.raises(RateLimited) as limited:
                await site.live_status()
            seen["429"] = limited.value.data
            sim.control("DELETE", "/fleet/faults")

            # The expired token: Tesla's 401 body, which this client maps to OAuthExpired.
            sim.control("POST", "/fleet/expire-tokens")
            with pytest.raises(OAuthExpired):
                await site.site_info()
        return seen

    seen = asyncio.run(go())
    assert seen["site_info"]["backup_reserve_percent"] >= 0
    assert {"grid_services_active", "generator_power", "wall_connectors"} <= set(seen["live_status"])
    assert seen["calendar_history"]["time_series"]
    for action, answer in seen["commands"].items():
        response = answer["response"]
        assert response == {} if action == "grid_import_export" else response["code"] == 200, (action, answer)
    assert seen["429"]["after"] is not None and int(seen["429"]["after"]) >= 1

    # Every command's effect, read back from the simulated site.
    deadline = time.monotonic() + 10
    while True:
        state = sim.control("GET", "/sites/0/state")
        settings = sim.control("GET", "/fleet/settings")[str(site_id)]
        done = state["mode"] == "backup" and state["reserve"] == 38.2 and settings["tariff"]
        if done or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert state["mode"] == "backup" and state["reserve"] == 38.2  # 35 in the app is 38.2 on the gateway
    assert settings == {
        "grid_charging": False,
        "export_rule": "pv_only",
        "storm_mode": True,
        "vehicle_reserve": 40,
        "tariff": {"name": "pwkit test tariff"},
    }
    assert sim.fleet_stats()["token_refreshes"] == 1


# ------------------------------------------------------------ pypowerwall FleetAPI


@pytest.fixture
def tesla_names_to_simulator(sim: RunningSimulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's resolver sends Tesla's host names to the simulator (pypowerwall's token URL is fixed)."""
    real = socket.getaddrinfo
    port = port_of(sim)

    def getaddrinfo(host: Any, service: Any, *args: Any, **kwargs: Any) -> Any:
        if host in FLEET_NAMES and host != "localhost":
            return real("127.0.0.1", port, *args, **kwargs)
        return real(host, service, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setenv("SSL_CERT_FILE", sim.fleet["ca"])
    fleetapi._http2_client = None  # its shared client is built lazily: build it with the simulator's CA
    yield
    fleetapi._http2_client = None


def pypowerwall_client(sim: RunningSimulator, tmp_path: Path, token: str | None = None) -> Any:
    token = token or sim.control("POST", "/fleet/refresh-token")["refresh_token"]
    config = tmp_path / ".pypowerwall.fleetapi"
    config.write_text(
        json.dumps(
            {
                "CLIENT_ID": sim.fleet["client_id"],
                "AUDIENCE": sim.fleet["url"],
                "access_token": "not-yet",  # the first call meets 401 and refreshes, as after a restart
                "refresh_token": token,
                "site_id": sim.fleet["sites"][0]["energy_site_id"],
            }
        )
    )
    return fleetapi.FleetAPI(configfile=str(config), pwcacheexpire=0)


def test_pypowerwall_fleetapi_reads_and_commands_as_against_teslas_cloud(
    sim: RunningSimulator, tmp_path: Path, tesla_names_to_simulator: None
) -> None:
    token = sim.control("POST", "/fleet/refresh-token")["refresh_token"]
    client = pypowerwall_client(sim, tmp_path, token)
    products = client.get_products(force=True)
    assert products is not None, "the 401 → refresh → retry path failed"
    assert sim.fleet_stats()["token_refreshes"] == 1  # refreshed at auth.tesla.com (the simulator), rotated
    saved = json.loads((tmp_path / ".pypowerwall.fleetapi").read_text())
    assert saved["access_token"] != "not-yet" and saved["refresh_token"] not in ("", token)
    assert "2" in sim.fleet_stats()["http_versions"]  # pypowerwall speaks HTTP/2, as Tesla requires
    info = client.get_site_info(force=True)
    live = client.get_live_status(force=True)
    assert isinstance(info, dict) and "backup_reserve_percent" in info
    assert isinstance(live, dict) and {"percentage_charged", "grid_services_power", "wall_connectors"} <= set(live)
    assert client.get_calendar_history(kind="energy", duration="day")["time_series"]
    # Its ordinary "set reserve, then mode", back to back: both apply (no invented per-site window).
    assert client.set_battery_reserve(20)["response"]["code"] == 200
    assert client.set_operating_mode("self_consumption")["response"]["code"] == 200
    assert client.set_grid_charging("off")["response"] == {}
    assert client.set_grid_export("never")["response"] == {}
    assert client.set_time_of_use_settings({"tou_settings": {"tariff_content_v2": {"name": "pp"}}}) is not None
    deadline = time.monotonic() + 10
    while sim.control("GET", "/sites/0/state")["reserve"] != 24.0 and time.monotonic() < deadline:
        time.sleep(0.1)
    state = sim.control("GET", "/sites/0/state")
    assert state["reserve"] == 24.0 and state["mode"] == "self_consumption"
    assert client.get_grid_charging(force=True) is False
    assert client.get_grid_export(force=True) == "never"
    assert client.get_battery_reserve(force=True) == 20
    assert "429" not in sim.fleet_stats()["statuses"]


def test_pypowerwall_fleetapi_backs_off_by_retry_after(
    sim: RunningSimulator, tmp_path: Path, tesla_names_to_simulator: None
) -> None:
    client = pypowerwall_client(sim, tmp_path)
    assert client.get_site_info(force=True) is not None
    sim.control("POST", "/fleet/faults", {"rate_limit_for": 30})
    assert client.get_live_status(force=True) is None
    sent = sim.fleet_stats()["total"]
    for _ in range(5):
        assert client.get_live_status() is None  # inside Retry-After: not sent
    assert sim.fleet_stats()["total"] == sent


def test_pypowerwall_fleetapi_refreshes_an_expired_token_and_keeps_the_rotated_one(
    sim: RunningSimulator, tmp_path: Path, tesla_names_to_simulator: None
) -> None:
    client = pypowerwall_client(sim, tmp_path)
    assert client.get_site_info(force=True) is not None
    first = client.refresh_token
    sim.control("POST", "/fleet/expire-tokens")
    assert client.get_live_status(force=True) is not None  # 401 → refresh → the same call again
    assert client.refresh_token != first
    assert json.loads((tmp_path / ".pypowerwall.fleetapi").read_text())["refresh_token"] == client.refresh_token
    assert sim.fleet_stats()["token_refreshes"] == 2
