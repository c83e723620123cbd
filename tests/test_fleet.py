"""The Fleet API route's manners, against `pwkit simulate --fleet` over real HTTPS.

Tokens rotate and survive a restart, a 429 silences every request until its
Retry-After, a refused token stops the route (and says what to do), the site
is found by the gateway's DIN, and a command shows in the local API.
"""

from __future__ import annotations

import asyncio
import os
import ssl
import stat
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from pwkit.client.fleet import (
    FleetDown,
    FleetOptions,
    FleetRateLimited,
    FleetSession,
    FleetSite,
    FleetSiteMismatch,
    FleetUnavailable,
)

from .simulators import RunningSimulator, reset_fixture, simulator_fixture

pytestmark = pytest.mark.slow

simulator = simulator_fixture("--fleet")
sim = reset_fixture()


def din_of(sim: RunningSimulator) -> str:
    return str(httpx.get(sim.url + "/api/status", verify=ssl.create_default_context(cafile=sim.ca)).json()["din"])


def session(
    sim: RunningSimulator, state: Path, refresh_token: str | None = None, site_id: int | None = None
) -> FleetSite:
    fleet = sim.fleet
    token = refresh_token or sim.control("POST", "/fleet/refresh-token")["refresh_token"]
    options = FleetOptions(
        url=fleet["url"],
        auth_url=fleet["url"],
        client_id=fleet["client_id"],
        refresh_token=token,
        ca=Path(fleet["ca"]),
        state_file=state,
        command_interval=0.0,
    )
    return FleetSite(FleetSession(options), din=din_of(sim), site_id=site_id)


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_a_rotated_refresh_token_is_stored_0600_and_survives_a_restart(sim: RunningSimulator, tmp_path: Path) -> None:
    state = tmp_path / "fleet.json"
    token = sim.control("POST", "/fleet/refresh-token")["refresh_token"]

    async def first() -> None:
        s = session(sim, state, token)
        await s.site_info()
        await s.session.aclose()

    run(first())
    assert stat.S_IMODE(os.stat(state).st_mode) == 0o600
    assert token not in state.read_text()  # the used token is gone; the rotated one is kept
    sim.control("POST", "/fleet/expire-tokens")  # the restarted session must refresh with the stored token

    async def after_restart() -> dict[str, Any]:
        s = session(sim, state, token)  # the same (now used) token is still configured
        info = await s.site_info()
        await s.session.aclose()
        assert s.session.available
        return info

    assert "backup_reserve_percent" in run(after_restart())
    assert sim.fleet_stats()["token_refreshes"] == 2


def test_a_429_silences_every_request_until_retry_after(sim: RunningSimulator, tmp_path: Path) -> None:
    async def go() -> None:
        s = session(sim, tmp_path / "fleet.json")
        await s.site_info()
        sim.control("POST", "/fleet/faults", {"rate_limit_for": 2})
        with pytest.raises(FleetRateLimited) as first:
            await s.site_info()
        sent = sim.fleet_stats()["total"]
        with pytest.raises(FleetRateLimited, match="left"):
            await s.command("backup", {"backup_reserve_percent": 30})
        assert sim.fleet_stats()["total"] == sent  # nothing was sent before Retry-After
        await asyncio.sleep(max(0.0, first.value.retry_at - time.monotonic()) + 0.1)
        await s.site_info()  # and after it, requests go again
        await s.session.aclose()

    run(go())
    log = sim.fleet_stats()["log"]
    limited = [e["t"] for e in log if e["status"] == 429]
    assert len(limited) == 1
    later = [e["t"] for e in log if e["t"] > limited[0]]
    assert later and min(later) - limited[0] >= 2.0


def test_the_clouds_command_window_refuses_a_second_command_until_the_control_api_clears_it(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    async def go() -> None:
        first = session(sim, tmp_path / "first.json")
        await first.command("operation", {"default_real_mode": "backup"})
        with pytest.raises(FleetRateLimited):  # within the site's 1 s command window, as Tesla's cloud
            await first.command("operation", {"default_real_mode": "self_consumption"})
        await first.session.aclose()
        sim.control("DELETE", "/fleet/command-window")  # what each test's reset does
        second = session(sim, tmp_path / "second.json")
        await second.command("operation", {"default_real_mode": "self_consumption"})
        await second.session.aclose()

    run(go())


def test_a_refused_refresh_token_marks_the_route_unavailable_and_says_what_to_do(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    async def go() -> None:
        s = session(sim, tmp_path / "fleet.json", refresh_token="not-a-token")
        for _ in range(3):
            with pytest.raises(FleetUnavailable, match=r"invalid_grant.*PWKIT_FLEET_REFRESH_TOKEN") as refused:
                await s.site_info()
            assert "not-a-token" not in str(refused.value)
        assert not s.session.available
        await s.session.aclose()

    run(go())
    assert sim.fleet_stats()["token_refreshes"] == 0
    assert sim.fleet_stats()["requests"] == {"POST /oauth2/v3/token": 1}  # refused once, never asked again


def test_the_site_is_found_by_the_gateways_din_and_a_wrong_site_id_is_named(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    async def go() -> None:
        s = session(sim, tmp_path / "a.json")
        assert await s.energy_site_id() == sim.fleet["sites"][0]["energy_site_id"]
        await s.session.aclose()
        wrong = session(sim, tmp_path / "b.json", site_id=4242)
        with pytest.raises(FleetSiteMismatch, match=r"4242 is not among.*--fleet-site-id"):
            await wrong.energy_site_id()
        await wrong.session.aclose()

    run(go())


def test_an_expired_access_token_is_refreshed_once_and_the_request_goes_through(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    async def go() -> None:
        s = session(sim, tmp_path / "fleet.json")
        await s.site_info()
        sim.control("POST", "/fleet/expire-tokens")
        await s.site_info()
        assert s.session.refreshes == 2
        await s.session.aclose()

    run(go())


def test_a_fleet_reserve_on_the_apps_scale_reads_back_on_the_gateways_scale(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    async def go() -> None:
        s = session(sim, tmp_path / "fleet.json")
        await s.command("backup", {"backup_reserve_percent": 20})
        await s.session.aclose()

    run(go())
    deadline = time.monotonic() + 10
    while sim.control("GET", "/sites/0/state")["reserve"] != 24.0:
        assert time.monotonic() < deadline, "the cloud's command never reached the gateway"
        time.sleep(0.1)


def test_the_cloud_down_is_an_error_to_try_again_not_a_refusal(sim: RunningSimulator, tmp_path: Path) -> None:
    async def go() -> None:
        s = session(sim, tmp_path / "fleet.json")
        await s.site_info()
        sim.control("POST", "/fleet/faults", {"down": True})
        with pytest.raises(FleetDown, match="503; will try again"):
            await s.command("operation", {"default_real_mode": "backup"})
        sim.control("DELETE", "/fleet/faults")
        assert s.session.available
        await s.command("operation", {"default_real_mode": "backup"})
        await s.session.aclose()

    run(go())
