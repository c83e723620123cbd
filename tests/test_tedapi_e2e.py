"""The TEDAPI client against the simulator over real HTTPS: each transport's success, every named error, gzip,
and `pwkit pair` through the whole key state machine against the simulated cloud and gateway.

The simulator (issue 22) serves a Powerwall 3 leader on 26.x with a follower: the LAN listener offers bearer and
v1r, the access-point listener (standing in for 192.168.91.1) Wi-Fi basic with gzip answers, and the simulated
Fleet API relays grpc_command to the same key registry. Its switch is operated through the control API.
"""

from __future__ import annotations

import asyncio
import gzip
import os
import ssl
import subprocess
import sys
import time
from collections.abc import Awaitable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from pwkit.client import (
    AccessPointUnreachable,
    AuthRefused,
    ConnectionOptions,
    FollowerNotReachable,
    Gateway,
    KeyPendingVerification,
    MalformedAnswer,
    ManualClock,
    MessageExpired,
    QuerySigningKeysRotated,
    SigningKey,
    Tedapi,
    TedapiOptions,
    TedapiRateLimited,
    TedapiRefused,
    TedapiWrongPassword,
    TlsOptions,
    UnknownKey,
    load_or_create_key,
)
from pwkit.client.fleet import FleetOptions, FleetSession, FleetSite
from pwkit.client.tedapi_pairing import FleetRoute, WifiRoute, state_of
from tests.simulators import EMAIL, PASSWORD, RunningSimulator, reset_fixture, simulator_fixture

pytestmark = pytest.mark.slow

STICKER = "SIMULATED-QR-PASSWORD"
PENDING, TIMED_OUT, VERIFIED, REMOVED = 1, 2, 3, 4
T = TypeVar("T")

simulator = simulator_fixture("--firmware", "pw3-26.x-follower", "--fleet", "--gateway-password", STICKER)
sim = reset_fixture()


def run(coroutine: Awaitable[T]) -> T:
    async def go() -> T:
        return await coroutine

    return asyncio.run(go())


def call(tedapi: Tedapi, method: str, *args: Any, **kwargs: Any) -> Any:
    """One call, the client closed after (its connection must not outlive the test's event loop)."""

    async def go() -> Any:
        async with tedapi:
            return await getattr(tedapi, method)(*args, **kwargs)

    return asyncio.run(go())


@pytest.fixture(autouse=True)
def clean_tedapi(sim: RunningSimulator) -> Iterator[None]:
    sim.control("DELETE", "/sites/0/tedapi-faults")
    sim.control("POST", "/sites/0/access-point", {"down": False})
    yield
    sim.control("DELETE", "/sites/0/tedapi-faults")


def tls(sim: RunningSimulator) -> TlsOptions:
    return TlsOptions(ca=Path(sim.site()["ca"]))


# Every answer is checked against the spec's schemas (the simulator once answered ISLAND_GridConnected as a
# bool where pypowerwall and the spec read a string: this check found it).
CHECK = True


def wifi(sim: RunningSimulator, tmp_path: Path, password: str = STICKER, url: str | None = None) -> Tedapi:
    return Tedapi.wifi(
        url or sim.site()["access_point"],
        password=password,
        tls=tls(sim),
        options=TedapiOptions(state_dir=tmp_path),
        validate=CHECK,
    )


def gateway(sim: RunningSimulator, tmp_path: Path, password: str = PASSWORD) -> Gateway:
    return Gateway(sim.url, password=password, email=EMAIL, tls=tls(sim), options=ConnectionOptions(state_dir=tmp_path))


def info(sim: RunningSimulator) -> dict[str, Any]:
    return sim.control("GET", "/sites/0/tedapi")  # type: ignore[no-any-return]


def requests_seen(sim: RunningSimulator) -> int:
    return sum(info(sim)["requests"].values())


@pytest.fixture(scope="module")
def key(tmp_path_factory: pytest.TempPathFactory) -> SigningKey:
    return load_or_create_key(tmp_path_factory.mktemp("key") / "tedapi-v1r-key.pem")[0]


def fresh_token(sim: RunningSimulator) -> str:
    """A new refresh token from the simulated cloud: Tesla's are single use, and each test starts afresh."""
    return sim.control("POST", "/fleet/refresh-token")["refresh_token"]  # type: ignore[no-any-return]


def fleet_route(sim: RunningSimulator, tmp_path: Path) -> tuple[FleetRoute, FleetSession]:
    f = sim.fleet
    session = FleetSession(
        FleetOptions(
            url=f["url"],
            client_id=f["client_id"],
            refresh_token=fresh_token(sim),
            auth_url=f["url"],
            ca=Path(f["ca"]),
            state_file=tmp_path / "fleet-tokens.json",
            command_interval=0.0,
        )
    )
    return FleetRoute(FleetSite(session, din=info(sim)["din"])), session


def verified(sim: RunningSimulator, key: SigningKey, tmp_path: Path) -> None:
    """Register ``key`` through the Fleet API and prove presence at the simulated switch."""

    async def go() -> None:
        route, session = fleet_route(sim, tmp_path)
        try:
            if state_of(await route.list(), key.public_der) == VERIFIED:
                return
            await route.add(key.public_der, "pwkit tests")
            sim.control("POST", "/sites/0/power-cycle", {"off_seconds": 16})
            assert state_of(await route.list(), key.public_der) == VERIFIED
        finally:
            await session.aclose()

    run(go())


# ------------------------------------------------------------------ Wi-Fi basic
def test_wifi_reads_din_config_queries_and_firmware(sim: RunningSimulator, tmp_path: Path) -> None:
    async def go() -> None:
        async with wifi(sim, tmp_path) as tedapi:
            din = await tedapi.din()
            config = await tedapi.config()
            controller = await tedapi.device_controller()
            components = await tedapi.components()
            firmware = await tedapi.firmware()
        assert din == info(sim)["din"] and firmware.din == din
        assert config.hash and "site_info" in config.data
        assert "control" in controller.data and components.data

    run(go())


def test_wifi_keeps_its_connection_between_polls(
    sim: RunningSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DeviceController is read every 15 s: the connection stays open in between, as the REST one does (httpx's
    default 5 s closed it, and every read paid a TCP connect and a TLS handshake on both sides). Counted as TLS
    handshakes begun, whatever the HTTP library: every asyncio and anyio TLS connection starts with wrap_bio."""
    handshakes: list[bool] = []
    wrap_bio = ssl.SSLContext.wrap_bio

    def counted(context: ssl.SSLContext, *args: Any, **kwargs: Any) -> ssl.SSLObject:
        handshakes.append(kwargs.get("server_side", False))
        return wrap_bio(context, *args, **kwargs)

    monkeypatch.setattr(ssl.SSLContext, "wrap_bio", counted)

    async def go() -> None:
        async with wifi(sim, tmp_path) as tedapi:
            await tedapi.device_controller()
            assert handshakes == [False], handshakes
            await asyncio.sleep(6.0)  # past httpx's default keep-alive, below ours (KEEPALIVE_EXPIRY)
            await tedapi.device_controller()
            assert handshakes == [False], "a second TLS connection for the second read"

    run(go())


def test_wifi_answers_are_gzip_and_read(sim: RunningSimulator, tmp_path: Path) -> None:
    context = ssl.create_default_context(cafile=sim.site()["ca"])
    raw = httpx.get(sim.site()["access_point"] + "/tedapi/din", auth=("Tesla_Energy_Device", STICKER), verify=context)
    assert raw.content[:2] == b"\x1f\x8b" and gzip.decompress(raw.content).decode() == info(sim)["din"]
    assert call(wifi(sim, tmp_path), "din") == info(sim)["din"]


def test_wifi_wrong_password_is_named(sim: RunningSimulator, tmp_path: Path) -> None:
    with pytest.raises(TedapiWrongPassword, match="FULL password") as caught:
        call(wifi(sim, tmp_path, password="last5"), "din")
    assert "last5" not in str(caught.value) and STICKER not in str(caught.value)


def test_wifi_on_the_lan_address_says_since_25_10(sim: RunningSimulator, tmp_path: Path) -> None:
    with pytest.raises(AccessPointUnreachable, match=r"25\.10"):
        call(wifi(sim, tmp_path, url=sim.url), "din")


def test_wifi_with_the_access_point_down_says_so(sim: RunningSimulator, tmp_path: Path) -> None:
    async def first() -> str:
        async with wifi(sim, tmp_path) as tedapi:
            return await tedapi.din()

    assert run(first())
    sim.control("POST", "/sites/0/access-point", {"down": True})
    with pytest.raises(AccessPointUnreachable, match="access point"):
        call(wifi(sim, tmp_path), "config")


@pytest.mark.parametrize("status", [429, 503])
def test_busy_pauses_tedapi_without_another_request(sim: RunningSimulator, tmp_path: Path, status: int) -> None:
    sim.control("POST", "/sites/0/tedapi-faults", {"busy_status": status})
    tedapi = wifi(sim, tmp_path)

    async def go() -> None:
        async with tedapi:
            with pytest.raises(TedapiRateLimited):
                await tedapi.din()
            before = requests_seen(sim)
            for _ in range(5):
                with pytest.raises(TedapiRateLimited) as caught:
                    await tedapi.din()
        assert requests_seen(sim) == before, "paused: no request reaches the gateway"
        assert 290 < caught.value.retry_after <= 300

    run(go())


def test_gzip_garbage_is_a_clear_error(sim: RunningSimulator, tmp_path: Path) -> None:
    sim.control("POST", "/sites/0/tedapi-faults", {"gzip_garbage": True})
    with pytest.raises(MalformedAnswer, match="gzip"):
        call(wifi(sim, tmp_path), "din")


def test_rotated_query_keys_say_update_pwkit(sim: RunningSimulator, tmp_path: Path) -> None:
    sim.control("POST", "/sites/0/tedapi-faults", {"queries_rotated": True})
    with pytest.raises(QuerySigningKeysRotated, match="Tesla rotated the query signing keys; update pwkit"):
        call(wifi(sim, tmp_path), "device_controller")


# ------------------------------------------------------------------ bearer
def test_bearer_reads_config_and_a_signed_2026_query(sim: RunningSimulator, tmp_path: Path) -> None:
    async def go() -> None:
        async with Tedapi.bearer(gateway(sim, tmp_path), validate=CHECK) as tedapi:
            config = await tedapi.config()
            controller = await tedapi.device_controller()
        assert config.hash and "control" in controller.data
        assert tedapi.query_set == "V2026_06"

    run(go())


def test_bearer_with_a_wrong_customer_password_is_refused(sim: RunningSimulator, tmp_path: Path) -> None:
    with pytest.raises(AuthRefused) as caught:
        call(Tedapi.bearer(gateway(sim, tmp_path, password="wrong")), "config")
    assert "wrong" not in str(caught.value)


# ------------------------------------------------------------------ v1r
def test_v1r_unknown_key_then_pending_then_verified(sim: RunningSimulator, tmp_path: Path) -> None:
    fresh = load_or_create_key(tmp_path / "fresh.pem")[0]

    async def go() -> None:
        with pytest.raises(UnknownKey, match="pwkit pair"):
            async with Tedapi.v1r(gateway(sim, tmp_path), fresh) as tedapi:
                await tedapi.config()
        route, session = fleet_route(sim, tmp_path)
        try:
            added = await route.add(fresh.public_der, "pwkit e2e")
            assert added is not None and added.state == PENDING
            with pytest.raises(KeyPendingVerification, match="15 s"):
                async with Tedapi.v1r(gateway(sim, tmp_path), fresh) as tedapi:
                    await tedapi.config()
            sim.control("POST", "/sites/0/power-cycle", {"off_seconds": 16})
            assert state_of(await route.list(), fresh.public_der) == VERIFIED
            async with Tedapi.v1r(gateway(sim, tmp_path), fresh) as tedapi:
                assert (await tedapi.config()).hash
            await route.remove(fresh.public_der)
            with pytest.raises(UnknownKey):
                async with Tedapi.v1r(gateway(sim, tmp_path), fresh) as tedapi:
                    await tedapi.config()
        finally:
            await session.aclose()

    run(go())


def test_v1r_reads_writes_with_the_hash_lock_and_controls(
    sim: RunningSimulator, key: SigningKey, tmp_path: Path
) -> None:
    verified(sim, key, tmp_path)

    async def go() -> None:
        async with Tedapi.v1r(gateway(sim, tmp_path), key, validate=CHECK) as tedapi:
            before = await tedapi.config()
            written = await tedapi.update_config({"site_info.backup_reserve_percent": 85})
            after = await tedapi.config()
            assert after.data["site_info"]["backup_reserve_percent"] == 85 and after.hash == written.hash
            with pytest.raises(TedapiRefused, match="read it again"):
                await tedapi.update_file(before.text.encode(), before.hash)
            assert await tedapi.set_island_mode(off_grid=True) == 1
            assert await tedapi.set_island_mode(off_grid=False) == 1
            await tedapi.schedule_manual_backup(3600)
            assert (await tedapi.backup_events()).events or (await tedapi.backup_events()).manual
            await tedapi.cancel_manual_backup()
            keys = await tedapi.list_keys()
            assert any(k.public_key == key.public_der and k.state_name == "VERIFIED" for k in keys)
            controller = await tedapi.device_controller()
            assert "control" in controller.data

    run(go())


def test_v1r_cannot_reach_a_follower(sim: RunningSimulator, key: SigningKey, tmp_path: Path) -> None:
    verified(sim, key, tmp_path)
    followers = info(sim)["followers"]
    assert followers, "the pw3-26.x-follower profile has a follower"
    with pytest.raises(FollowerNotReachable, match="Wi-Fi"):
        call(Tedapi.v1r(gateway(sim, tmp_path), key), "components", din=followers[0])
    # Over the Wi-Fi path the follower answers.
    assert call(wifi(sim, tmp_path), "components", din=followers[0]).data


def test_v1r_with_a_clock_off_by_minutes_is_expired(sim: RunningSimulator, key: SigningKey, tmp_path: Path) -> None:
    verified(sim, key, tmp_path)
    behind = ManualClock(epoch=time.time() - 120)
    options = TedapiOptions(clock=behind, state_dir=tmp_path)
    with pytest.raises(MessageExpired, match="clock"):
        call(Tedapi.v1r(gateway(sim, tmp_path), key, options=options), "config")


# ------------------------------------------------------------------ pwkit pair
def pair(sim: RunningSimulator, state_dir: Path, *args: str, wait: bool = True) -> subprocess.Popen[str]:
    f = sim.fleet
    env = {
        **os.environ,
        "PWKIT_FLEET_REFRESH_TOKEN": fresh_token(sim),
        "PWKIT_PASSWORD": PASSWORD,
        "PWKIT_STICKER_PASSWORD": STICKER,
        "PWKIT_EMAIL": EMAIL,
    }
    fleet = [
        "--fleet-client-id",
        f["client_id"],
        "--fleet-url",
        f["url"],
        "--fleet-auth-url",
        f["url"],
        "--fleet-ca",
        f["ca"],
    ]
    command = [
        sys.executable,
        "-m",
        "pwkit.cli",
        "pair",
        *args,
        "--state-dir",
        str(state_dir),
        "--ca",
        sim.site()["ca"],
        "--poll-every",
        "0.3",
        *([] if "--wifi" in args else fleet),
    ]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish(process: subprocess.Popen[str], timeout: float = 60) -> tuple[int, str]:
    out, _ = process.communicate(timeout=timeout)
    return process.returncode, out


def wait_for_state(sim: RunningSimulator, state: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(k["StateName"] == state for k in sim.control("GET", "/sites/0/keys")):
            return
        time.sleep(0.1)
    raise AssertionError(f"no key reached {state}")


def test_pair_registers_counts_down_and_ends_verified(sim: RunningSimulator, tmp_path: Path) -> None:
    process = pair(sim, tmp_path, sim.url)
    wait_for_state(sim, "PENDING_VERIFICATION")
    sim.control("POST", "/sites/0/power-cycle", {"off_seconds": 16})
    code, out = finish(process)
    assert code == 0, out
    assert "Switch the Powerwall OFF" in out and "left] " in out  # the instructions, then the countdown
    assert "VERIFIED" in out and "v1r works" in out
    key_file = tmp_path / "tedapi-v1r-key.pem"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert "BEGIN" not in out and PASSWORD not in out

    code, out = finish(pair(sim, tmp_path, sim.url, "--list"))
    assert code == 0 and "VERIFIED" in out and "this machine's key" in out
    code, out = finish(pair(sim, tmp_path, sim.url))
    assert code == 0 and "already VERIFIED" in out, out


def test_pair_that_times_out_says_register_again_then_succeeds(sim: RunningSimulator, tmp_path: Path) -> None:
    process = pair(sim, tmp_path, sim.url, "--window", "5")
    wait_for_state(sim, "PENDING_VERIFICATION")
    sim.control("POST", "/sites/0/advance", {"seconds": 601})
    code, out = finish(process)
    assert code == 2, out
    assert "PENDING_VERIFICATION_TIMEOUT" in out and "register the same key again" in out
    process = pair(sim, tmp_path, sim.url)
    time.sleep(1.0)
    wait_for_state(sim, "PENDING_VERIFICATION")
    sim.control("POST", "/sites/0/power-cycle", {"off_seconds": 16})
    code, out = finish(process)
    assert code == 0 and "PENDING_VERIFICATION_TIMEOUT; registering it again" in out, out


def test_pair_remove_asks_first_and_the_key_reads_removed(sim: RunningSimulator, tmp_path: Path) -> None:
    process = pair(sim, tmp_path, sim.url, "--no-wait")
    code, out = finish(process)
    assert code == 2 and "Not waiting" in out
    code, out = finish(pair(sim, tmp_path, sim.url, "--remove", "this"))
    assert code != 0 and "--yes" in out  # no terminal: no silent removal
    code, out = finish(pair(sim, tmp_path, sim.url, "--remove", "this", "--yes"))
    assert code == 0 and "Removed" in out, out
    code, out = finish(pair(sim, tmp_path, sim.url, "--list"))
    assert "this machine's key" not in out or "REMOVED" in out


def test_pair_over_wifi_registers_locally(sim: RunningSimulator, tmp_path: Path) -> None:
    process = pair(sim, tmp_path, sim.site()["access_point"], "--wifi")
    wait_for_state(sim, "PENDING_VERIFICATION")
    sim.control("POST", "/sites/0/power-cycle", {"off_seconds": 16})
    code, out = finish(process)
    assert code == 0 and "the Wi-Fi path" in out and "VERIFIED" in out, out
    assert STICKER not in out


def test_pair_without_a_route_says_which_to_choose(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pwkit.cli", "pair", "https://127.0.0.1:9", "--state-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("PWKIT_")},
    )
    assert out.returncode != 0 and "--fleet-client-id" in out.stderr and "--wifi" in out.stderr


def test_wifi_route_lists_what_the_fleet_route_registered(
    sim: RunningSimulator, key: SigningKey, tmp_path: Path
) -> None:
    verified(sim, key, tmp_path)
    tedapi = wifi(sim, tmp_path)

    async def go() -> Any:
        async with tedapi:
            return await WifiRoute(tedapi).list()

    listed = run(go())
    assert state_of(listed, key.public_der) == VERIFIED
