"""The Fleet API route's manners, against `pwkit simulate --fleet` over real HTTPS.

Tokens rotate and survive a restart, a 429 silences every request until its
Retry-After, a refused token stops the route (and says what to do), the site
is found by the gateway's serial, and a command shows in the local API. The
client's timers read a simulated clock, so no test sleeps for them.
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

from pwkit.client.clock import ManualClock
from pwkit.client.fleet import (
    DEFAULT_AUTH_URL,
    FALLBACK_AUTH_URL,
    FleetDown,
    FleetError,
    FleetNotSaved,
    FleetOptions,
    FleetRateLimited,
    FleetRefused,
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
    sim: RunningSimulator,
    state: Path,
    refresh_token: str | None = None,
    site_id: int | None = None,
    *,
    clock: ManualClock | None = None,
    auth_url: str | None = None,
    fallback: str | None = None,
) -> FleetSite:
    fleet = sim.fleet
    token = refresh_token or sim.control("POST", "/fleet/refresh-token")["refresh_token"]
    options = FleetOptions(
        url=fleet["url"],
        auth_url=auth_url or fleet["url"],
        client_id=fleet["client_id"],
        refresh_token=token,
        ca=Path(fleet["ca"]),
        state_file=state,
        command_interval=0.0,
        clock=clock or ManualClock(),
        fallback_auth_url=fallback,
    )
    return FleetSite(FleetSession(options), din=din_of(sim), site_id=site_id)


def site_state(sim: RunningSimulator) -> dict[str, Any]:
    return sim.control("GET", "/sites/0/state")  # type: ignore[no-any-return]


def wait_for(check: Any, what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


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
    clock = ManualClock()

    async def go() -> None:
        s = session(sim, tmp_path / "fleet.json", clock=clock)
        await s.site_info()
        sim.control("POST", "/fleet/faults", {"rate_limit_for": 30})
        with pytest.raises(FleetRateLimited):
            await s.site_info()
        sim.control("DELETE", "/fleet/faults")  # the cloud would answer now: only the client's clock holds it back
        sent = sim.fleet_stats()["total"]
        await clock.advance(29)
        with pytest.raises(FleetRateLimited, match="left"):
            await s.command("backup", {"backup_reserve_percent": 30})
        assert sim.fleet_stats()["total"] == sent  # nothing was sent before Retry-After
        await clock.advance(1.5)
        await s.site_info()  # and after it, requests go again
        assert sim.fleet_stats()["total"] == sent + 1
        await s.session.aclose()

    run(go())
    assert sim.fleet_stats()["statuses"].get("429") == 1


def test_back_to_back_commands_both_apply_without_any_429(sim: RunningSimulator, tmp_path: Path) -> None:
    """pypowerwall's "set reserve, then mode": Tesla documents no per-site command limit."""

    async def go() -> None:
        s = session(sim, tmp_path / "fleet.json")
        await s.command("backup", {"backup_reserve_percent": 35})
        await s.command("operation", {"default_real_mode": "backup"})
        await s.session.aclose()

    run(go())
    wait_for(lambda: site_state(sim)["mode"] == "backup", "the mode never arrived")
    wait_for(lambda: site_state(sim)["reserve"] == 38.2, "the reserve never arrived")
    assert "429" not in sim.fleet_stats()["statuses"]


def test_a_silently_dropped_back_to_back_command_is_seen_only_by_reading_back(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    sim.control("POST", "/fleet/faults", {"drop_back_to_back": True})
    before = site_state(sim)["mode"]
    other = "backup" if before != "backup" else "self_consumption"

    async def go() -> None:
        s = session(sim, tmp_path / "fleet.json")
        await s.command("backup", {"backup_reserve_percent": 20})
        await s.command("operation", {"default_real_mode": other})  # answered as a success, as Tesla's may be
        await s.session.aclose()

    run(go())
    wait_for(lambda: site_state(sim)["reserve"] == 24.0, "the first command never arrived")
    time.sleep(0.5)  # the second would have arrived by now (apply_delay 0.3 s)
    assert site_state(sim)["mode"] == before  # only reading back shows it was dropped
    assert sim.fleet_stats()["dropped"] == 1


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


def test_the_site_is_found_when_the_cloud_lists_another_din_of_the_gateway(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    async def go() -> None:
        s = session(sim, tmp_path / "a.json")
        listed = await s.request("GET", "/api/1/products")
        gateway_ids = [p["gateway_id"] for p in listed if "energy_site_id" in p]
        assert s.din and s.din not in gateway_ids  # as on real accounts: not the local DIN, the same serial
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


# ------------------------------------------------------------- odd answers, tokens


@pytest.mark.parametrize(
    ("odd", "says"),
    [
        ("empty", "an empty body"),
        ("html", "an HTML page"),
        ("null", "response was null"),
        ("421", "421, wrong region"),
        ("refused-200", "code 400"),
    ],
)
def test_an_odd_cloud_answer_is_a_clear_error_sent_once(
    sim: RunningSimulator, tmp_path: Path, odd: str, says: str
) -> None:
    async def go() -> None:
        s = session(sim, tmp_path / "fleet.json")
        await s.energy_site_id()
        sim.control("POST", "/fleet/faults", {"odd_answer": odd})
        sent = sim.fleet_stats()["total"]
        with pytest.raises(FleetError, match=says) as failed:
            await s.command("operation", {"default_real_mode": "backup"})
        assert sim.fleet_stats()["total"] == sent + 1  # answered, not retried
        assert len(str(failed.value)) < 600 and "<html" not in str(failed.value).lower()
        await s.session.aclose()

    run(go())


def test_a_token_without_the_command_scope_is_refused_naming_the_scope(sim: RunningSimulator, tmp_path: Path) -> None:
    scopes = ["openid", "offline_access", "energy_device_data"]
    token = sim.control("POST", "/fleet/refresh-token", {"scopes": scopes})["refresh_token"]

    async def go() -> None:
        s = session(sim, tmp_path / "fleet.json", token)
        await s.site_info()  # reading is allowed
        with pytest.raises(FleetRefused, match="lacks the scope energy_cmds"):
            await s.command("operation", {"default_real_mode": "backup"})
        assert s.session.available
        await s.session.aclose()

    run(go())
    assert sim.fleet_stats()["statuses"].get("403") == 1


def test_the_cloud_refuses_a_reserve_of_81_to_99_on_newer_firmware(sim: RunningSimulator, tmp_path: Path) -> None:
    sim.control("POST", "/fleet/faults", {"site_firmware": "25.18.4"})

    async def go() -> None:
        s = session(sim, tmp_path / "fleet.json")
        with pytest.raises(FleetRefused, match="at most 80, or 100"):
            await s.command("backup", {"backup_reserve_percent": 90})
        await s.command("backup", {"backup_reserve_percent": 100})
        await s.command("backup", {"backup_reserve_percent": 80})
        await s.session.aclose()

    run(go())


def test_every_cloud_request_speaks_http2(sim: RunningSimulator, tmp_path: Path) -> None:
    sim.control("POST", "/fleet/faults", {"require_http2": True})  # as auth.tesla.com since June 2026

    async def go() -> None:
        s = session(sim, tmp_path / "fleet.json")
        await s.site_info()
        await s.session.aclose()

    run(go())
    assert set(sim.fleet_stats()["http_versions"]) == {"2"}


def test_a_404_from_the_token_host_falls_back_to_the_older_host_once(sim: RunningSimulator, tmp_path: Path) -> None:
    async def go() -> None:
        url = sim.fleet["url"]
        s = session(sim, tmp_path / "fleet.json", auth_url=url + "/not-here", fallback=url)
        await s.site_info()
        await s.session.aclose()

    run(go())
    assert sim.fleet_stats()["requests"]["POST /not-here/oauth2/v3/token"] == 1
    assert sim.fleet_stats()["token_refreshes"] == 1


def test_the_default_token_host_is_teslas_current_one_with_the_old_one_behind_it() -> None:
    options = FleetOptions(url="https://x", client_id="c")
    assert options.auth_url == DEFAULT_AUTH_URL == "https://fleet-auth.prd.vn.cloud.tesla.com"
    assert options.fallback_auth_url == FALLBACK_AUTH_URL == "https://auth.tesla.com"


def test_a_404_from_a_wrong_auth_url_is_reported_as_a_wrong_url_and_the_token_is_kept(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    token = sim.control("POST", "/fleet/refresh-token")["refresh_token"]
    clock = ManualClock()

    async def go() -> None:
        s = session(sim, tmp_path / "fleet.json", token, auth_url=sim.fleet["url"] + "/typo", clock=clock)
        with pytest.raises(FleetDown, match=r"404 \(not found\): a wrong --fleet-auth-url, not a refused token"):
            await s.site_info()
        assert s.session.available  # the single-use token was not thrown away on the wrong advice
        await s.session.aclose()
        fixed = session(sim, tmp_path / "fleet.json", token)
        await fixed.site_info()  # the same token still works at the right URL
        await fixed.session.aclose()

    run(go())


@pytest.mark.parametrize("odd", ["html", "waf-403", "500"])
def test_a_token_endpoint_failure_backs_off_and_does_not_stop_the_route(
    sim: RunningSimulator, tmp_path: Path, odd: str
) -> None:
    clock = ManualClock()

    async def go() -> None:
        s = session(sim, tmp_path / "fleet.json", clock=clock)
        sim.control("POST", "/fleet/faults", {"token_odd_answer": odd})
        for _ in range(5):
            with pytest.raises(FleetDown, match="next refresh is tried in"):
                await s.site_info()
        assert sim.fleet_stats()["requests"]["POST /oauth2/v3/token"] == 1  # one backoff, no storm
        assert s.session.available  # an HTML page or a firewall is no refusal of the token
        sim.control("DELETE", "/fleet/faults")
        await clock.advance(31)
        await s.site_info()
        await s.session.aclose()

    run(go())


def test_a_rotated_token_that_cannot_be_saved_is_not_used_and_the_old_one_stays_on_disk(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    state = tmp_path / "fleet.json"
    token = sim.control("POST", "/fleet/refresh-token")["refresh_token"]
    state.write_text('{"refresh_token": "the-old-one"}')
    blocker = tmp_path / "fleet.tmp"
    blocker.mkdir()  # the atomic write's temporary file cannot be created (as a full disk or a read-only dir)

    async def go() -> None:
        s = session(sim, state, token)
        with pytest.raises(FleetNotSaved, match="not used until it is saved"):
            await s.command("operation", {"default_real_mode": "backup"})
        assert "the-old-one" in state.read_text()
        assert not [e for e in sim.fleet_stats()["log"] if e["endpoint"].startswith("POST /api/1/")]
        blocker.rmdir()
        await s.command("operation", {"default_real_mode": "backup"})  # saved now, then used
        assert s.session.secrets[1] in state.read_text()
        await s.session.aclose()

    run(go())


def test_the_clouds_state_of_charge_is_on_the_apps_scale_not_the_gateways(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    """FACTS: the cloud and the app show the charge less the gateway's 5 % reserve, so the two differ by ~2 points."""

    async def go() -> tuple[float, float]:
        s = session(sim, tmp_path / "fleet.json")
        site = await s.energy_site_id()
        gateway = float(site_state(sim)["soe"])
        live = await s.request("GET", f"/api/1/energy_sites/{site}/live_status")
        await s.session.aclose()
        return gateway, float(live["percentage_charged"])

    gateway, cloud = run(go())
    assert 5 < gateway < 90, f"the two scales meet near 100 %: a charge of {gateway} cannot tell them apart"
    assert cloud == pytest.approx((gateway - 5.0) / 0.95, abs=0.2), (gateway, cloud)
