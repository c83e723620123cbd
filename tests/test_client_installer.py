"""The installer session through the physical toggle, as pwkit.client offers it, over real HTTPS.

The simulator's toggle window runs on its simulated clock; the owner's switch is
the control API's ``POST /sites/0/toggle-switch``.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from pwkit.client import ConnectionOptions, Gateway, NotPermitted, ToggleRequired

from .simulators import EMAIL, INSTALLER_PASSWORD, PASSWORD, RunningSimulator

pytestmark = pytest.mark.slow
OPERATION = {"real_mode": "backup", "backup_reserve_percent": 42}


@pytest.fixture(scope="module")
def simulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSimulator]:
    running = RunningSimulator(
        tmp_path_factory.mktemp("sim"), "--installer-password", INSTALLER_PASSWORD, "--toggle-window", "30"
    )
    yield running
    running.stop()


@pytest.fixture
def sim(simulator: RunningSimulator) -> RunningSimulator:
    simulator.reset()
    return simulator


def gateway(sim: RunningSimulator, state: Path) -> Gateway:
    return Gateway(sim.url, password=PASSWORD, email=EMAIL, options=ConnectionOptions(state_dir=state))


async def toggle_in(gw: Gateway, sim: RunningSimulator) -> None:
    window = await gw.start_toggle()
    assert window.seconds == 30 and window.remaining is not None
    with pytest.raises(ToggleRequired):
        await gw.login_installer(INSTALLER_PASSWORD)
    sim.control("POST", "/sites/0/toggle-switch")
    await gw.login_installer(INSTALLER_PASSWORD)


def test_writes_go_out_under_the_installer_session_and_reads_under_the_customers(
    sim: RunningSimulator, tmp_path: Path
) -> None:
    gw = gateway(sim, tmp_path)

    async def session() -> None:
        async with gw:
            assert await gw.toggle_supported()
            with pytest.raises(NotPermitted, match="lacks the right"):
                await gw.request("POST", "/api/operation", json_body=OPERATION)
            await toggle_in(gw, sim)
            assert gw.has_installer_session
            await gw.request("POST", "/api/operation", json_body=OPERATION)
            await gw.request("GET", "/api/config/completed")
            current = await gw.get_json("/api/operation")
            assert (current["real_mode"], current["backup_reserve_percent"]) == ("backup", 42)

    asyncio.run(session())
    assert sim.control("GET", "/sites/0/state")["mode"] == "backup"
    stats = sim.stats()
    # One customer login for the reads, one installer login through the toggle; the write refused
    # to the customer was not retried.
    assert stats["logins_ok"] == 2
    assert stats["requests"]["POST /api/operation"] == 2


def test_the_installer_session_is_kept_0600_and_survives_a_restart(sim: RunningSimulator, tmp_path: Path) -> None:
    async def first() -> None:
        async with gateway(sim, tmp_path) as gw:
            await toggle_in(gw, sim)

    async def second() -> None:
        async with gateway(sim, tmp_path) as gw:
            assert gw.has_installer_session
            await gw.request("POST", "/api/operation", json_body=OPERATION)

    asyncio.run(first())
    store = tmp_path / "sessions.json"
    assert store.stat().st_mode & 0o777 == 0o600
    assert any(v.get("username") == "installer" for v in json.loads(store.read_text()).values())
    logins = sim.stats()["logins_ok"]
    asyncio.run(second())
    assert sim.stats()["logins_ok"] == logins  # the write needed no login at all


def test_an_ended_installer_session_is_said_plainly_and_forgotten(sim: RunningSimulator, tmp_path: Path) -> None:
    async def session() -> None:
        async with gateway(sim, tmp_path) as gw:
            await toggle_in(gw, sim)
            sim.control("POST", "/sites/0/expire-sessions")
            with pytest.raises(NotPermitted, match="installer session has ended"):
                await gw.request("POST", "/api/operation", json_body=OPERATION)
            assert not gw.has_installer_session

    asyncio.run(session())
    assert sim.stats()["requests"]["POST /api/operation"] == 1
    assert "installer" not in (tmp_path / "sessions.json").read_text()


def test_ending_the_installer_session_returns_writes_to_the_customer(sim: RunningSimulator, tmp_path: Path) -> None:
    async def session() -> None:
        async with gateway(sim, tmp_path) as gw:
            await toggle_in(gw, sim)
            await gw.end_installer_session()
            assert not gw.has_installer_session
            with pytest.raises(NotPermitted, match="lacks the right"):
                await gw.request("POST", "/api/operation", json_body=OPERATION)

    asyncio.run(session())
    assert sim.stats()["requests"]["DELETE /api/auth/toggle/login"] == 1
