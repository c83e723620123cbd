"""Who may write, and the request shapes real clients send, as real gateways answer them (FACTS, "Who may write").

In-process (the real ASGI app, no network) on every firmware profile; the toggle's
window runs on the simulated clock, so the tests move time instead of sleeping.
"""

from __future__ import annotations

import pytest

from pwkit.simulator.profiles import PROFILES

from .simulators import EMAIL, INSTALLER_PASSWORD, PASSWORD, call, installer_login, login, make_app

ALL = sorted(PROFILES)
NO_RIGHTS = {"code": 403, "error": "Unable to POST to resource", "message": "User does not have adequate access rights"}
PHYSICAL = {"code": 401, "error": "roles [Provider_Engineer] require physical access", "message": "Login Error"}
INSTALLER = {"username": "installer", "email": "", "password": INSTALLER_PASSWORD, "force_sm_off": False}
OPERATION = {"real_mode": "backup", "backup_reserve_percent": 50}


@pytest.mark.parametrize("firmware", ALL)
def test_a_customer_posting_the_operation_gets_the_documented_403_on_every_firmware(firmware: str) -> None:
    app = make_app(firmware)
    response = call(app, "POST", "/api/operation", json=OPERATION, headers=login(app))
    assert (response.status_code, response.json()) == (403, NO_RIGHTS)
    assert app.site.staged is None


@pytest.mark.parametrize("firmware", ALL)
def test_an_installer_login_needs_the_physical_toggle_on_every_firmware(firmware: str) -> None:
    app = make_app(firmware)
    for path in ("/api/login/Basic", "/api/auth/toggle/login"):
        response = call(app, "POST", path, json=INSTALLER)
        assert (response.status_code, response.json()) == (401, PHYSICAL)
    # The right password is no failed login: it does not count towards the lockout.
    assert app.stats.logins_failed == 0


@pytest.mark.parametrize("firmware", ALL)
def test_an_installer_session_may_post_the_operation_and_commit_it(firmware: str) -> None:
    app = make_app(firmware)
    installer = installer_login(app)
    staged = call(app, "POST", "/api/operation", json=OPERATION, headers=installer)
    assert (staged.status_code, staged.json()) == (200, OPERATION)
    committed = call(app, "GET", "/api/config/completed", headers=installer)
    assert committed.status_code == (200 if firmware == "21.39.1" else 202)
    current = call(app, "GET", "/api/operation", headers=login(app)).json()
    assert (current["real_mode"], current["backup_reserve_percent"]) == ("backup", 50)


def test_the_toggle_is_refused_before_accepted_inside_the_window_and_refused_after_it_closes() -> None:
    app = make_app(toggle_window=30.0, toggle_grace=30.0)
    assert call(app, "GET", "/api/auth/toggle/supported", headers=login(app)).json() == {"toggle_auth_supported": True}
    # Before: no window, so switching a Powerwall proves nothing.
    assert not app.switch_toggled()
    assert call(app, "POST", "/api/auth/toggle/login", json=INSTALLER).status_code == 401
    # Inside the window.
    started = call(app, "POST", "/api/auth/toggle/start")
    assert started.json()["toggle_timeout_seconds"] == 30
    app.site.clock.advance(20)
    assert app.switch_toggled()
    accepted = call(app, "POST", "/api/auth/toggle/login", json=INSTALLER)
    assert accepted.status_code == 200 and accepted.json()["roles"] == ["Provider_Engineer"]
    # A toggle lets one installer in, once.
    assert call(app, "POST", "/api/auth/toggle/login", json=INSTALLER).json() == PHYSICAL
    # After the window closes, the switch counts no more.
    call(app, "POST", "/api/auth/toggle/start")
    app.site.clock.advance(31)
    assert not app.switch_toggled()
    assert call(app, "POST", "/api/auth/toggle/login", json=INSTALLER).json() == PHYSICAL


def test_a_confirmed_toggle_not_used_in_time_expires() -> None:
    app = make_app(toggle_window=30.0, toggle_grace=10.0)
    call(app, "POST", "/api/auth/toggle/start")
    assert app.switch_toggled()
    app.site.clock.advance(11)
    assert call(app, "POST", "/api/auth/toggle/login", json=INSTALLER).json() == PHYSICAL


def test_deleting_the_toggle_login_ends_the_installer_session() -> None:
    app = make_app()
    installer = installer_login(app)
    assert call(app, "DELETE", "/api/auth/toggle/login", headers=installer).status_code == 204
    assert call(app, "POST", "/api/operation", json=OPERATION, headers=installer).status_code == 401


def test_a_wrong_installer_password_is_a_failed_login_even_after_the_toggle() -> None:
    app = make_app()
    call(app, "POST", "/api/auth/toggle/start")
    app.switch_toggled()
    response = call(app, "POST", "/api/auth/toggle/login", json={**INSTALLER, "password": "nope"})
    assert response.status_code == 401 and response.json()["error"] == "bad credentials"
    assert app.stats.logins_failed == 1


def test_toggle_login_gives_no_customer_session() -> None:
    app = make_app()
    call(app, "POST", "/api/auth/toggle/start")
    app.switch_toggled()
    customer = {"username": "customer", "email": EMAIL, "password": PASSWORD}
    assert call(app, "POST", "/api/auth/toggle/login", json=customer).status_code == 401


@pytest.mark.parametrize("firmware", ALL)
def test_islanding_is_the_customers_until_25_2_0(firmware: str) -> None:
    app = make_app(firmware)
    body = {"island_mode": "intentional_reconnect_failsafe"}
    customer = call(app, "POST", "/api/v2/islanding/mode", json=body, headers=login(app))
    if PROFILES[firmware].version_tuple >= (25, 2, 0):
        assert (customer.status_code, customer.json()) == (403, NO_RIGHTS)
        assert call(app, "POST", "/api/v2/islanding/mode", json=body, headers=installer_login(app)).status_code == 200
    else:
        assert customer.status_code == 200


def test_the_sitemaster_is_stopped_by_installers_only_and_run_by_anyone() -> None:
    app = make_app()
    customer = login(app)
    stop = call(app, "GET", "/api/sitemaster/stop", headers=customer)
    assert (stop.status_code, stop.json()) == (403, NO_RIGHTS)
    assert app.site.sitemaster_running
    assert call(app, "GET", "/api/sitemaster/stop", headers=installer_login(app)).status_code == 202
    assert call(app, "GET", "/api/sitemaster/run", headers=customer).status_code == 202
    assert app.site.sitemaster_running


# ----------------------------------------------------------- the shapes clients send


@pytest.mark.parametrize("firmware", ALL)
def test_the_operation_is_read_as_real_mode_on_every_firmware(firmware: str) -> None:
    app = make_app(firmware)
    body = call(app, "GET", "/api/operation", headers=login(app)).json()
    assert body["real_mode"] == "self_consumption" and "mode" not in body


@pytest.mark.parametrize("firmware", ALL)
def test_a_bare_mode_gets_the_real_mode_500(firmware: str) -> None:
    app = make_app(firmware)
    response = call(
        app,
        "POST",
        "/api/operation",
        json={"mode": "backup", "backup_reserve_percent": 50},
        headers=installer_login(app),
    )
    assert response.status_code == 500
    assert response.json()["error"] == "RealMode must be either self_consumption or backup"
    assert app.site.staged is None


@pytest.mark.parametrize("email", ["", None, EMAIL])
@pytest.mark.parametrize("form", [False, True])
def test_the_customer_logs_in_with_an_empty_or_missing_email(email: str | None, form: bool) -> None:
    app = make_app()
    body = {"username": "customer", "password": PASSWORD, **({} if email is None else {"email": email})}
    response = call(app, "POST", "/api/login/Basic", **({"data": body} if form else {"json": body}))
    assert response.status_code == 200
    assert response.json()["roles"] == ["Home_Owner"]
