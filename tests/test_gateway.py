"""The connection layer against the simulator over real HTTPS, counting what the simulator sees."""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from powerwall_client.api.meters import get_meters_aggregates
from powerwall_client.api.operation import post_operation
from powerwall_client.api.system import get_system_status_soe
from powerwall_client.models import OperationRequest
from pwkit.client import (
    AuthRefused,
    ConnectionOptions,
    Gateway,
    ManualClock,
    NotPermitted,
    NotServed,
    RateLimited,
    TlsMismatch,
    TlsOptions,
    UnexpectedAnswer,
    Unreachable,
)

from .brokers import free_port
from .simulators import EMAIL, PASSWORD, RunningSimulator, reset_fixture, simulator_fixture

pytestmark = pytest.mark.slow
DATA = Path(__file__).parent / "data"


simulator = simulator_fixture("--lockout-attempts", "3", "--lockout-seconds", "1.5")
sim = reset_fixture()


def options(tmp_path: Path, **overrides: Any) -> ConnectionOptions:
    defaults: dict[str, Any] = {
        "state_dir": tmp_path / "state",
        "rate_limit_cooldown": 1.5,
        "login_backoff": 1.0,
        "retry_backoff": 0.05,
    }
    return ConnectionOptions(**{**defaults, **overrides})


def gateway(sim: RunningSimulator, tmp_path: Path, password: str = PASSWORD, **overrides: Any) -> Gateway:
    return Gateway(sim.url, password=password, email=EMAIL, options=options(tmp_path, **overrides))


def soe(gw: Gateway) -> float:
    answer = asyncio.run(_soe(gw))
    return answer


async def _soe(gw: Gateway) -> float:
    async with gw:
        result = await get_system_status_soe.asyncio(client=gw.client)
        assert result is not None
        return float(result.percentage)


# ------------------------------------------------------------------------- TLS


def test_first_use_pins_and_a_changed_certificate_is_refused_before_any_request(tmp_path: Path) -> None:
    port = free_port()
    original = RunningSimulator(tmp_path / "a", "--port", str(port))
    try:
        assert 0 <= soe(gateway(original, tmp_path)) <= 100
        pins = json.loads((tmp_path / "state" / "pins.json").read_text())
        assert pins[f"127.0.0.1:{port}"]["fingerprint"] == original.site()["fingerprint"]
        assert (tmp_path / "state" / "pins.json").stat().st_mode & 0o777 == 0o600
    finally:
        original.stop()
    impostor = RunningSimulator(tmp_path / "b", "--port", str(port))  # same address, another certificate
    try:
        with pytest.raises(TlsMismatch) as caught:
            soe(gateway(impostor, tmp_path))
        assert caught.value.presented == impostor.site()["fingerprint"]
        assert "pwkit pin" in str(caught.value) and "--reset" in str(caught.value)
        assert impostor.stats()["requests_total"] == 0  # the password never reached it
    finally:
        impostor.stop()


def test_a_given_fingerprint_is_enforced(sim: RunningSimulator, tmp_path: Path) -> None:
    right = TlsOptions(fingerprint=sim.site()["fingerprint"])
    gw = Gateway(sim.url, password=PASSWORD, email=EMAIL, tls=right, options=options(tmp_path))
    assert 0 <= soe(gw) <= 100
    wrong = TlsOptions(fingerprint="sha256:" + "0" * 64)
    with pytest.raises(TlsMismatch):
        soe(Gateway(sim.url, password=PASSWORD, email=EMAIL, tls=wrong, options=options(tmp_path)))


def test_the_gateways_ca_is_accepted(sim: RunningSimulator, tmp_path: Path) -> None:
    gw = Gateway(sim.url, password=PASSWORD, email=EMAIL, tls=TlsOptions(ca=Path(sim.ca)), options=options(tmp_path))
    assert 0 <= soe(gw) <= 100


def test_strict_sni_is_reached_through_a_dns_name(tmp_path: Path) -> None:
    strict = RunningSimulator(tmp_path / "sim", "--strict-sni")
    try:
        url = f"https://localhost:{strict.site()['port']}"
        ok = Gateway(url, password=PASSWORD, email=EMAIL, options=options(tmp_path))  # sends SNI `powerwall`
        assert 0 <= soe(ok) <= 100
        refused = Gateway(
            url, password=PASSWORD, email=EMAIL, tls=TlsOptions(sni="localhost"), options=options(tmp_path / "x")
        )
        with pytest.raises(Unreachable):
            soe(refused)
    finally:
        strict.stop()


# ----------------------------------------------------------------------- login


def test_an_expired_session_costs_exactly_one_login(sim: RunningSimulator, tmp_path: Path) -> None:
    gw = gateway(sim, tmp_path)

    async def session() -> None:
        async with gw:
            await get_system_status_soe.asyncio(client=gw.client)
            sim.control("POST", "/sites/0/expire-sessions")
            await get_system_status_soe.asyncio(client=gw.client)
            await get_system_status_soe.asyncio(client=gw.client)

    asyncio.run(session())
    assert sim.stats()["logins_ok"] == 2
    assert gw.logins == 2


def test_a_restart_reuses_the_saved_session(sim: RunningSimulator, tmp_path: Path) -> None:
    soe(gateway(sim, tmp_path))
    soe(gateway(sim, tmp_path))
    assert sim.stats()["logins_ok"] == 1
    assert (tmp_path / "state" / "sessions.json").stat().st_mode & 0o777 == 0o600


def test_parallel_callers_share_one_login(sim: RunningSimulator, tmp_path: Path) -> None:
    gw = gateway(sim, tmp_path, max_concurrency=3)

    async def many() -> list[Any]:
        async with gw:
            return await asyncio.gather(*(get_system_status_soe.asyncio(client=gw.client) for _ in range(12)))

    assert all(answer is not None for answer in asyncio.run(many()))
    assert sim.stats()["logins_ok"] == 1


def test_lockout_means_no_request_during_the_cooldown_and_one_login_after(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    sim.control("POST", "/sites/0/lockout", {"seconds": 600})  # lifted by the test below
    clock = ManualClock()  # the cooldown runs on simulated time: no bet on this machine's speed
    gw = gateway(sim, tmp_path, clock=clock, rate_limit_cooldown=30)

    async def session() -> None:
        async with gw:
            with pytest.raises(RateLimited) as caught:
                await get_system_status_soe.asyncio(client=gw.client)
            assert caught.value.retry_after == 30
            seen = sim.stats()["requests_total"]
            for _ in range(5):  # callers keep asking: the gateway hears nothing
                with pytest.raises(RateLimited):
                    await get_system_status_soe.asyncio(client=gw.client)
            await clock.advance(29.9)
            with pytest.raises(RateLimited):  # still cooling down, 0.1 s before the end
                await get_system_status_soe.asyncio(client=gw.client)
            assert sim.stats()["requests_total"] == seen
            sim.control("POST", "/sites/0/lockout", {"seconds": 0})
            await clock.advance(0.1)
            await get_system_status_soe.asyncio(client=gw.client)

    asyncio.run(session())
    stats = sim.stats()
    assert (stats["logins_refused"], stats["logins_ok"]) == (1, 1)


def test_a_refused_login_backs_off_instead_of_storming(sim: RunningSimulator, tmp_path: Path) -> None:
    gw = gateway(sim, tmp_path, password="wrong", login_backoff=60)

    async def session() -> None:
        async with gw:
            with pytest.raises(AuthRefused, match="check the password"):
                await get_system_status_soe.asyncio(client=gw.client)
            for _ in range(10):
                with pytest.raises(AuthRefused, match="not trying again"):
                    await get_system_status_soe.asyncio(client=gw.client)

    asyncio.run(session())
    assert sim.stats()["logins_failed"] == 1


def test_server_errors_and_404s_are_never_taken_for_auth_failures(sim: RunningSimulator, tmp_path: Path) -> None:
    gw = gateway(sim, tmp_path)

    async def session() -> None:
        async with gw:
            await get_system_status_soe.asyncio(client=gw.client)
            sim.control("POST", "/sites/0/faults", {"error_rate": 1.0, "error_status": 500})
            for _ in range(3):
                with pytest.raises(UnexpectedAnswer) as caught:
                    await get_meters_aggregates.asyncio(client=gw.client)
                assert caught.value.status == 500
            sim.control("DELETE", "/sites/0/faults")
            with pytest.raises(NotServed):
                await gw.request("GET", "/api/no/such/endpoint")

    asyncio.run(session())
    assert sim.stats()["logins_ok"] == 1


def test_a_403_on_a_write_is_reported_and_not_retried(tmp_path: Path) -> None:
    recent = RunningSimulator(tmp_path / "sim", "--firmware", "25.2.0")
    try:
        gw = Gateway(recent.url, password=PASSWORD, email=EMAIL, options=options(tmp_path))
        body = OperationRequest.from_dict({"mode": "backup", "backup_reserve_percent": 50})

        async def session() -> None:
            async with gw:
                with pytest.raises(NotPermitted) as caught:
                    await post_operation.asyncio(client=gw.client, body=body)
                assert "lacks the right to post operation" in str(caught.value)

        asyncio.run(session())
        stats = recent.stats()
        assert stats["requests"]["POST /api/operation"] == 1
        assert stats["logins_ok"] == 1
    finally:
        recent.stop()


def test_reads_are_retried_on_dropped_connections_and_writes_are_not(sim: RunningSimulator, tmp_path: Path) -> None:
    # HTTP/2 streams stall when dropped (until the timeout); HTTP/1.1 connections are cut.
    gw = gateway(sim, tmp_path, read_retries=2, timeout=1.0)

    async def session() -> None:
        async with gw:
            await gw.login()
            sim.control("POST", "/sites/0/faults", {"drop_rate": 1.0})
            with pytest.raises(Unreachable, match="last try"):
                await gw.request("GET", "/api/system_status/soe")
            with pytest.raises(Unreachable, match="not retried"):
                await gw.request("POST", "/api/operation", json_body={"mode": "backup", "backup_reserve_percent": 50})

    asyncio.run(session())
    requests = sim.stats()["requests"]
    assert requests["GET /api/system_status/soe"] == 3
    assert requests["POST /api/operation"] == 1


def test_an_offline_gateway_is_unreachable(sim: RunningSimulator, tmp_path: Path) -> None:
    gw = gateway(sim, tmp_path)
    soe(gw)
    sim.control("POST", "/sites/0/offline")
    with pytest.raises(Unreachable):
        soe(gateway(sim, tmp_path))


def test_reads_that_waited_their_turn_fail_at_once_when_the_gateway_takes_no_connection(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    """One request at a time (the default), a dead gateway's reads failed one after another, each after its own
    retries (1.5 s): a bridge polling 24 readings took half a minute a cycle to find it offline. Reads that waited
    while another found no gateway to connect to fail with it, unsent, in the same words."""
    gw = gateway(sim, tmp_path, max_concurrency=1, retry_backoff=0.5)  # the default backoff: 1.5 s a read
    paths = ["/api/system_status/soe", "/api/meters/aggregates", "/api/system_status/grid_status", "/api/status"]

    async def session() -> tuple[float, list[BaseException]]:
        async with gw:
            await gw.get_json(paths[0])
            sim.control("POST", "/sites/0/offline")
            started = time.monotonic()
            failed = await asyncio.gather(*(gw.get_json(path) for path in paths), return_exceptions=True)
            return time.monotonic() - started, [f for f in failed if isinstance(f, BaseException)]

    try:
        took, failures = asyncio.run(session())
    finally:
        sim.control("POST", "/sites/0/online")
    assert len(failures) == len(paths) and all(isinstance(f, Unreachable) for f in failures)
    assert len({str(f).split(": ", 2)[-1] for f in failures}) == 1  # one reason, whichever read met it
    assert took < 3.0, f"{took:.1f} s: each read spent its own retries (1.5 s) in turn"


# --------------------------------------------------------------------- the API


def test_the_readme_example_reads_the_state_of_charge_synchronously(sim: RunningSimulator, tmp_path: Path) -> None:
    with Gateway(sim.url, password=PASSWORD, email=EMAIL, options=options(tmp_path)) as gw:
        answer = get_system_status_soe.sync(client=gw.client)
        assert answer is not None and 0 <= answer.percentage <= 100


def test_vitals_are_decoded_from_the_simulators_protobuf(sim: RunningSimulator, tmp_path: Path) -> None:
    gw = gateway(sim, tmp_path)

    async def session() -> Any:
        async with gw:
            return await gw.vitals()

    flat = asyncio.run(session())
    example = json.loads((DATA / "api-devices-vitals.json").read_text())
    assert flat.keys() == example.keys()
    assert flat["TEPINV--1081100-10-U--SSSSSSSSSSS"]["PINV_State"] == "PINV_GridFollowing"


def test_no_secret_in_a_whole_sessions_logs_reprs_and_errors(
    sim: RunningSimulator, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    errors: list[str] = []
    tokens: list[str] = []

    async def session() -> None:
        gw = gateway(sim, tmp_path)
        async with gw:
            await get_system_status_soe.asyncio(client=gw.client)
            tokens.append(str(gw._token))
            sim.control("POST", "/sites/0/expire-sessions")
            await get_system_status_soe.asyncio(client=gw.client)
            tokens.append(str(gw._token))
            errors.append(repr(gw))
        bad = gateway(sim, tmp_path / "bad", password="Sup3r-Secret-Pw!")
        async with bad:
            try:
                await get_system_status_soe.asyncio(client=bad.client)
            except AuthRefused as exc:
                errors.append(str(exc) + repr(exc))
            errors.append(repr(bad) + repr(bad.credentials))

    asyncio.run(session())
    everything = caplog.text + "\n".join(errors)
    assert "logged in as customer" in caplog.text  # the log was captured
    for secret in (PASSWORD, "Sup3r-Secret-Pw!", *tokens):
        assert secret not in everything


# ---------------------------------------------------------- record → verify


def pwkit(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "pwkit.cli", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **(env or {})},
    )


def record(sim: RunningSimulator, tmp_path: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return pwkit(
        "record",
        "--gateway",
        sim.url,
        "--email",
        EMAIL,
        "--out",
        str(out),
        "--pause",
        "0",
        "--state-dir",
        str(tmp_path / "state"),
        env={"PWKIT_PASSWORD": PASSWORD},
    )


def test_record_then_verify_shows_no_drift_and_masks_the_home(sim: RunningSimulator, tmp_path: Path) -> None:
    result = record(sim, tmp_path, tmp_path / "rec")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    counters = [tuple(map(int, line[1:].split("]")[0].split("/"))) for line in lines if line.startswith("[")]
    assert [done for done, _ in counters] == list(range(1, len(counters) + 1))  # progress counts up, by one
    assert len({total for _, total in counters}) == 1 and counters[-1][0] == counters[-1][1]  # to a known total
    for skip in [line for line in lines if line.startswith("skipped: ")]:
        assert (result.stderr + result.stdout).count(skip.removeprefix("skipped: ")) == 1  # each skip said once
    verify = pwkit("verify", str(tmp_path / "rec"))
    assert verify.returncode == 0, verify.stdout
    text = "".join(p.read_text() for p in (tmp_path / "rec").iterdir())
    for identifying in ("VAH4810AB0231", "TG121048001F3G", "192.168.1.50", "HomeNetwork", "installer@example.com"):
        assert identifying not in text
        assert identifying not in result.stderr + result.stdout  # the screen masks what the files mask
    assert "<<METER_SERIAL>>" in text and "<<GATEWAY_TSN>>" in text
    assert not any("sitemaster.stop" in p.name or "logout" in p.name for p in (tmp_path / "rec").iterdir())
    firmware = {json.loads(p.read_text())["firmware"] for p in (tmp_path / "rec").iterdir()}
    assert firmware == {"21.39.1"}


def test_record_then_verify_shows_a_drifted_field(sim: RunningSimulator, tmp_path: Path) -> None:
    sim.control("POST", "/sites/0/override", {"path": "/api/system_status/soe", "set": {"percentage_app": 25.3}})
    assert record(sim, tmp_path, tmp_path / "rec").returncode == 0
    verify = pwkit("verify", str(tmp_path / "rec"))
    assert verify.returncode == 1
    assert "GET /api/system_status/soe percentage_app: unknown-field" in verify.stdout


def test_record_stops_at_a_lockout_instead_of_hammering(sim: RunningSimulator, tmp_path: Path) -> None:
    sim.control("POST", "/sites/0/lockout", {"seconds": 30})
    result = record(sim, tmp_path, tmp_path / "rec")
    assert result.returncode == 1
    assert "Stopped early" in result.stderr and "rate-limited" in result.stderr
    assert sim.stats()["requests_total"] <= 2
    time.sleep(0)  # the lockout is the simulator's; nothing to clean here


def test_a_stale_stored_session_is_said_once_however_many_requests_were_in_flight(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    own = RunningSimulator(tmp_path / "sim")  # its own: the module's simulator may still be locked out
    try:
        assert 0 <= soe(gateway(own, tmp_path)) <= 100  # a session is stored
        own.control("POST", "/sites/0/expire-sessions")

        async def many() -> None:
            async with gateway(own, tmp_path) as again:  # a restart: the stored session is stale
                readings = ("system_status/soe", "system_status/grid_status", "meters/aggregates", "operation")
                await asyncio.gather(*(again.get_json(f"/api/{path}") for path in readings))

        with caplog.at_level("INFO", logger="pwkit"):
            asyncio.run(many())
    finally:
        own.stop()
    said = [r for r in caplog.records if "logging in again" in r.getMessage() and r.levelname == "WARNING"]
    assert len(said) == 1, [r.getMessage() for r in said]


# ------------------------------------------- what a broken gateway answers (through the fault proxy)


@pytest.fixture
def proxy(sim: RunningSimulator, tmp_path: Path) -> Any:
    from .faults.proxy import FaultProxy

    sim.control("POST", "/sites/0/lockout", {"seconds": 0})  # earlier tests' refused logins may have locked it
    running = FaultProxy(sim.url, tmp_path / "proxy")
    yield running
    running.stop()


def proxied(proxy: Any, tmp_path: Path, clock: ManualClock, **overrides: Any) -> Gateway:
    return Gateway(proxy.url, password=PASSWORD, email=EMAIL, options=options(tmp_path, clock=clock, **overrides))


def logins(sim: RunningSimulator) -> int:
    return int(sim.stats()["requests"].get("POST /api/login/Basic", 0))


@pytest.mark.parametrize("form", ["seconds", "date"])
def test_a_429_with_retry_after_blocks_every_request_for_that_long_not_the_cooldown(
    sim: RunningSimulator, proxy: Any, tmp_path: Path, form: str
) -> None:
    clock = ManualClock()
    # The connection's own cooldown is 600 s: only a Retry-After that is read lets it back after 20 s.
    gw = proxied(proxy, tmp_path, clock, rate_limit_cooldown=600)
    value = "20" if form == "seconds" else email.utils.formatdate(time.time() + 20.5, usegmt=True)

    async def session() -> None:
        async with gw:
            await get_system_status_soe.asyncio(client=gw.client)
            proxy.inject("status", None, status=429, headers={"Retry-After": value})
            with pytest.raises(RateLimited) as caught:
                await get_system_status_soe.asyncio(client=gw.client)
            assert 19 <= caught.value.retry_after <= 21
            assert proxy.injected["status"] == 1
            proxy.clear()
            seen = sim.stats()["requests_total"]
            await clock.advance(18.5)
            with pytest.raises(RateLimited):  # the gateway's word holds: nothing sent before it ends
                await get_system_status_soe.asyncio(client=gw.client)
            assert sim.stats()["requests_total"] == seen
            await clock.advance(2.6)
            await get_system_status_soe.asyncio(client=gw.client)  # and not a second longer

    asyncio.run(session())


LOGIN_FAILURES = {
    "5xx": ("status", {"status": 500}),
    "200 without a token": ("no_token", {}),
    "401": ("status", {"status": 401}),
    "no answer (reset)": ("reset", {}),
    "HTML": ("html", {}),
}


@pytest.mark.parametrize("failure", sorted(LOGIN_FAILURES))
def test_every_kind_of_failed_login_backs_off_before_the_next_one(
    sim: RunningSimulator, proxy: Any, tmp_path: Path, failure: str
) -> None:
    from .faults.proxy import LOGIN

    fault, params = LOGIN_FAILURES[failure]
    clock = ManualClock()
    gw = proxied(proxy, tmp_path, clock, login_backoff=30)
    proxy.inject(fault, (LOGIN,), **params)

    async def session() -> None:
        async with gw:
            with pytest.raises((AuthRefused, Unreachable, UnexpectedAnswer)):
                await get_system_status_soe.asyncio(client=gw.client)
            assert (logins(sim), proxy.injected[fault]) == (1, 1)  # the fault was served, once
            for _ in range(10):  # every caller in the backoff: no login reaches the gateway
                with pytest.raises((AuthRefused, Unreachable)):
                    await get_system_status_soe.asyncio(client=gw.client)
            await clock.advance(29.5)
            with pytest.raises((AuthRefused, Unreachable)):
                await get_system_status_soe.asyncio(client=gw.client)
            assert logins(sim) == 1
            proxy.clear()
            await clock.advance(0.5)
            await get_system_status_soe.asyncio(client=gw.client)  # one login after the backoff
            assert logins(sim) == 2

    asyncio.run(session())
