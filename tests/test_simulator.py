"""The simulator behaves like the gateway: logins, roles, state machines, physics, vitals.

These run the real ASGI app in-process; test_simulator_e2e.py runs the same over HTTPS.
"""

from __future__ import annotations

import itertools
import time
import types
from datetime import timedelta

import httpx
import pytest
import schemathesis

from pwkit.client.vitals import decode_flat
from pwkit.codegen import paths
from pwkit.simulator.site import GRID_CONNECTED, ISLANDED, TO_GRID, TO_ISLAND, Clock, Site, SiteConfig

from .simulators import EMAIL, PASSWORD, call, installer_login, login, make_app

LOGIN = "/api/login/Basic"


def credentials(password: str = PASSWORD, username: str = "customer") -> dict[str, str]:
    return {"username": username, "email": EMAIL, "password": password}


# ------------------------------------------------------------------------- login


def test_a_wrong_password_is_refused_with_401() -> None:
    app = make_app()
    response = call(app, "POST", LOGIN, json=credentials("wrong"))
    assert response.status_code == 401
    assert set(response.json()) == {"code", "error", "message"}


def test_login_sets_both_cookies_and_either_cookie_or_bearer_works() -> None:
    app = make_app()
    response = call(app, "POST", LOGIN, json=credentials())
    assert response.status_code == 200
    token = response.json()["token"]
    assert response.cookies["AuthCookie"] == token
    assert "UserRecord" in response.cookies
    assert call(app, "GET", "/api/system_status/soe", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert call(app, "GET", "/api/system_status/soe", headers={"Cookie": f"AuthCookie={token}"}).status_code == 200
    assert call(app, "GET", "/api/system_status/soe").status_code == 401


def test_a_form_encoded_login_works_as_one_popular_client_sends_it() -> None:
    app = make_app()
    response = call(app, "POST", LOGIN, data={**credentials(), "clientInfo": "timezone"})
    assert response.status_code == 200
    assert {"AuthCookie", "UserRecord"} <= set(response.cookies)


def test_the_email_must_match_too() -> None:
    app = make_app()
    assert call(app, "POST", LOGIN, json={**credentials(), "email": "someone@else.com"}).status_code == 401


def test_repeated_failures_lock_out_then_the_cooldown_ends() -> None:
    app = make_app(lockout_attempts=3, lockout_window=60, lockout_seconds=0.3)
    for _ in range(3):
        assert call(app, "POST", LOGIN, json=credentials("wrong")).status_code == 401
    locked = call(app, "POST", LOGIN, json=credentials())
    assert locked.status_code == 429
    assert locked.json() == {
        "code": 429,
        "error": "Api Limit reached for this endpoint",
        "message": "API Limit Reached",
    }
    time.sleep(0.35)
    assert call(app, "POST", LOGIN, json=credentials()).status_code == 200
    assert (app.stats.logins_failed, app.stats.logins_refused, app.stats.logins_ok) == (3, 1, 1)


def test_sessions_expire(monkeypatch: pytest.MonkeyPatch) -> None:
    import pwkit.simulator.gateway as gateway_module

    now = [1000.0]  # the simulator's clock, moved by the test: no bet on how fast this machine is
    monkeypatch.setattr(gateway_module, "time", types.SimpleNamespace(monotonic=lambda: now[0], time=time.time))
    app = make_app(session_ttl=60)
    headers = login(app)
    now[0] += 59.9
    assert call(app, "GET", "/api/operation", headers=headers).status_code == 200
    now[0] += 0.2
    assert call(app, "GET", "/api/operation", headers=headers).status_code == 401


def test_logout_ends_the_session() -> None:
    app = make_app()
    headers = login(app)
    assert call(app, "GET", "/api/logout", headers=headers).status_code == 204
    assert call(app, "GET", "/api/operation", headers=headers).status_code == 401


def test_public_operations_need_no_login() -> None:
    app = make_app()
    assert call(app, "GET", "/api/status").status_code == 200
    assert call(app, "GET", "/api/customer/registration").status_code == 200


# -------------------------------------------------------------------- routing


def test_an_undeclared_method_is_405_and_an_unknown_path_404() -> None:
    app = make_app()
    headers = login(app)
    response = call(app, "PUT", "/api/status", headers=headers)
    assert response.status_code == 405
    assert "GET" in response.headers["allow"]
    assert call(app, "GET", "/api/no/such/thing", headers=headers).status_code == 404


# ------------------------------------------------------------------------ roles


def test_an_operation_change_takes_effect_only_when_committed() -> None:
    app = make_app()
    headers, installer = login(app), installer_login(app)
    before = call(app, "GET", "/api/operation", headers=headers).json()
    assert before["real_mode"] == "self_consumption"
    body = {"real_mode": "backup", "backup_reserve_percent": 80}
    staged = call(app, "POST", "/api/operation", json=body, headers=installer)
    assert staged.json() == body
    assert call(app, "GET", "/api/operation", headers=headers).json()["real_mode"] == "self_consumption"
    assert call(app, "GET", "/api/config/completed", headers=installer).status_code == 200  # 21.39.1's recording
    after = call(app, "GET", "/api/operation", headers=headers).json()
    assert (after["real_mode"], after["backup_reserve_percent"]) == ("backup", 80)


def test_an_invalid_operation_is_refused_and_nothing_is_staged() -> None:
    app = make_app()
    headers = installer_login(app)
    for body in ({"real_mode": "backup", "backup_reserve_percent": 101}, [1]):
        assert call(app, "POST", "/api/operation", json=body, headers=headers).status_code == 400
    assert (
        call(
            app, "POST", "/api/operation", json={"real_mode": "", "backup_reserve_percent": 5}, headers=headers
        ).status_code
        == 500
    )
    assert app.site.staged is None


def test_going_off_grid_and_back_passes_through_the_transitions() -> None:
    app = make_app()
    headers = login(app)

    def grid() -> str:
        return str(call(app, "GET", "/api/system_status/grid_status", headers=headers).json()["grid_status"])

    off = {"island_mode": "intentional_reconnect_failsafe"}
    assert call(app, "POST", "/api/v2/islanding/mode", json=off, headers=headers).json() == off
    assert grid() == TO_ISLAND
    app.site.clock.advance(3)
    assert grid() == ISLANDED
    assert (
        call(app, "POST", "/api/v2/islanding/mode", json={"island_mode": "backup"}, headers=headers).status_code == 200
    )
    assert grid() == TO_GRID
    app.site.clock.advance(6)
    assert grid() == GRID_CONNECTED


def test_stopping_the_sitemaster_turns_readings_into_502s_and_run_restores_them() -> None:
    app = make_app()
    headers = login(app)
    assert call(app, "GET", "/api/sitemaster/stop", headers=installer_login(app)).status_code == 202
    for path in ("/api/meters/aggregates", "/api/system_status/soe", "/api/system_status/grid_status"):
        stopped = call(app, "GET", path, headers=headers)
        assert (stopped.status_code, stopped.content) == (502, b"")
    assert call(app, "GET", "/api/sitemaster", headers=headers).json()["status"] == "StatusDown"
    assert call(app, "GET", "/api/sitemaster/run", headers=headers).status_code == 202
    assert call(app, "GET", "/api/meters/aggregates", headers=headers).status_code == 200
    assert call(app, "GET", "/api/sitemaster", headers=headers).json()["running"] is True


# ---------------------------------------------------------------------- physics


def sample_day(site: Site, minutes: int = 10) -> list[tuple[float, float, float, float, float, float]]:
    samples = []
    for _ in range(24 * 60 // minutes):
        site.clock.advance(minutes * 60)
        site.update()
        f = site.flows
        samples.append((site.hour(site.t), f.solar, f.load, f.battery, f.grid, site.soe))
    return samples


def test_a_simulated_day_keeps_its_physics() -> None:
    site = Site(SiteConfig(seed=7, initial_soe=50, reserve=20), Clock(speed=0))
    counters = []
    for hour, solar, load, battery, grid, soe in sample_day(site):
        assert solar >= 0 and load > 0
        if hour < 6 or hour > 18:
            assert solar == 0
        assert battery == pytest.approx(load - solar - grid)
        assert 0 <= soe <= 100
        counters.append(vars(site.counters).copy())
    for before, after in itertools.pairwise(counters):
        assert all(after[k] >= before[k] for k in before)
    noon = [s for s in sample_day(site) if 11.5 <= s[0] <= 12.5]
    assert max(s[1] for s in noon) > 2000


def test_the_battery_holds_the_reserve_while_on_grid() -> None:
    site = Site(SiteConfig(seed=1, initial_soe=40, reserve=35), Clock(speed=0))
    assert min(s[5] for s in sample_day(site)) >= 35 - 0.5


def test_charging_raises_the_state_of_charge() -> None:
    site = Site(SiteConfig(seed=2, initial_soe=10), Clock(speed=0))
    site.clock.advance(3 * 3600)  # from 06:00 to 09:00: solar outgrows the load, the battery is far from full
    site.update()
    before = site.soe
    site.clock.advance(600)
    site.update()
    assert site.flows.battery < 0 and site.soe > before


def test_the_same_seed_gives_the_same_day() -> None:
    a, b = (Site(SiteConfig(seed=42), Clock(speed=0)) for _ in range(2))
    assert sample_day(a) == sample_day(b)
    assert sample_day(Site(SiteConfig(seed=43), Clock(speed=0))) != sample_day(
        Site(SiteConfig(seed=42), Clock(speed=0))
    )


def test_readings_change_as_simulated_time_passes() -> None:
    app = make_app()
    headers = login(app)
    first = call(app, "GET", "/api/meters/aggregates", headers=headers).json()
    app.site.clock.advance(4 * 3600)
    later = call(app, "GET", "/api/meters/aggregates", headers=headers).json()
    assert later["solar"]["instant_power"] != first["solar"]["instant_power"]
    assert later["load"]["energy_imported"] > first["load"]["energy_imported"]


def test_every_living_answer_still_validates_against_the_spec() -> None:
    schema = schemathesis.openapi.from_path(str(paths.OPENAPI))
    app = make_app("25.2.0")
    headers = login(app)
    for hour in range(0, 24, 3):
        app.site.clock.advance(3 * 3600)
        for path in (
            "/api/meters/aggregates",
            "/api/system_status",
            "/api/system_status/soe",
            "/api/operation",
            "/api/status",
            "/api/site_info",
            "/api/sitemaster",
            "/api/system_status/grid_status",
        ):
            response = call(app, "GET", path, headers=headers)
            response.elapsed = timedelta(milliseconds=1)
            schema[path]["GET"].validate_response(response)
            assert response.status_code == 200, (hour, path)


# ----------------------------------------------------------------------- vitals


def test_vitals_are_served_as_protobuf_from_the_recorded_example() -> None:
    app = make_app()
    response = call(app, "GET", "/api/devices/vitals", headers=login(app))
    assert response.headers["content-type"] == "application/octet-stream"
    flat = decode_flat(response.content)
    assert flat["TEPOD--1081100-10-U--SSSSSSSSSSS"]["POD_nom_full_pack_energy"] == 13990.0


def test_vitals_are_gone_from_firmware_23_44_on() -> None:
    app = make_app("23.44.0")
    assert call(app, "GET", "/api/devices/vitals", headers=installer_login(app)).status_code == 404


def test_an_override_changes_a_served_field() -> None:
    app = make_app()
    headers = login(app)
    app.faults.overrides["/api/system_status/soe"] = {"set": {"percentage_app": 12.5}, "delete": []}
    assert call(app, "GET", "/api/system_status/soe", headers=headers).json()["percentage_app"] == 12.5


def test_injected_errors_answer_the_chosen_status() -> None:
    app = make_app()
    headers = login(app)
    app.faults.error_rate, app.faults.error_status = 1.0, 503
    response = call(app, "GET", "/api/system_status/soe", headers=headers)
    assert response.status_code == 503
    assert isinstance(response, httpx.Response)


def test_an_aimed_error_answers_only_the_chosen_requests_and_only_the_next_n() -> None:
    app = make_app()
    headers = installer_login(app)
    app.faults.error_next, app.faults.error_on, app.faults.error_status = 2, ["POST /api/operation"], 503
    assert call(app, "GET", "/api/operation", headers=headers).status_code == 200  # a read of the same path
    body = {"real_mode": "self_consumption", "backup_reserve_percent": 41}
    statuses = [call(app, "POST", "/api/operation", headers=headers, json=body).status_code for _ in range(3)]
    assert statuses == [503, 503, 200]
    assert app.stats.injected == 2
    assert len(app.stats.executed) == 1  # an injected 5xx is not carried out
