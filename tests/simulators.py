"""Simulators for tests: the ASGI app in-process (fast), or `pwkit simulate` as a real HTTPS server."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from pwkit.codegen import paths
from pwkit.codegen.recordings import load_dir
from pwkit.codegen.verify import Spec
from pwkit.simulator.gateway import AuthPolicy, Credentials, GatewayApp, RecordingStore
from pwkit.simulator.profiles import PROFILES
from pwkit.simulator.site import Clock, Site, SiteConfig

EMAIL, PASSWORD, INSTALLER_PASSWORD = "demo@example.com", "powerwall", "installer-secret"
_SPEC: Spec | None = None
_STORE: RecordingStore | None = None


def make_app(firmware: str = "21.39.1", *, seed: int = 0, speed: float = 1.0, **policy: Any) -> GatewayApp:
    global _SPEC, _STORE
    _SPEC = _SPEC or Spec.load()
    _STORE = _STORE or RecordingStore(load_dir(paths.RECORDINGS))
    return GatewayApp(
        spec=_SPEC,
        recordings=_STORE,
        profile=PROFILES[firmware],
        site=Site(SiteConfig(seed=seed), Clock(speed=speed)),
        credentials=Credentials(EMAIL, PASSWORD, INSTALLER_PASSWORD),
        policy=AuthPolicy(**policy),
        seed=seed,
    )


def call(app: GatewayApp, method: str, path: str, **kwargs: Any) -> httpx.Response:
    """One request to the in-process app (the real ASGI app, no network)."""

    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="https://powerwall") as client:
            response = await client.request(method, path, **kwargs)
            await response.aread()
            return response

    return asyncio.run(go())


def login(app: GatewayApp, username: str = "customer", password: str = PASSWORD) -> dict[str, str]:
    """Log in and return the headers that carry the session."""
    response = call(app, "POST", "/api/login/Basic", json={"username": username, "email": EMAIL, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


def installer_login(app: GatewayApp, password: str = INSTALLER_PASSWORD) -> dict[str, str]:
    """The installer's way in since 1.50.1: toggle/start, the owner's switch, toggle/login."""
    assert call(app, "POST", "/api/auth/toggle/start").status_code == 200
    assert app.switch_toggled(), "the toggle window did not open"
    body = {"username": "installer", "email": "", "password": password, "force_sm_off": False}
    response = call(app, "POST", "/api/auth/toggle/login", json=body)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


class RunningSimulator:
    """`pwkit simulate` in a subprocess, serving real HTTPS; its control API for faults and counters."""

    def __init__(self, state_dir: Path, *args: str) -> None:
        self.state_dir = state_dir
        self.log_path = state_dir / "simulate.log"
        state_dir.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pwkit.cli", "simulate", "--port", "0", "--state-dir", str(state_dir), *args],
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        sites_file = state_dir / "sites.json"
        deadline = time.monotonic() + 30
        while not sites_file.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"pwkit simulate did not start:\n{self.log_path.read_text()}")
            time.sleep(0.05)
        time.sleep(0.05)  # sites.json is written last; let the write finish
        self.description = json.loads(sites_file.read_text())
        self.control_url = self.description["control"]

    def site(self, index: int = 0) -> dict[str, Any]:
        return self.description["sites"][index]  # type: ignore[no-any-return]

    @property
    def url(self) -> str:
        return self.site()["url"]  # type: ignore[no-any-return]

    @property
    def ca(self) -> str:
        return self.site()["ca"]  # type: ignore[no-any-return]

    def control(self, method: str, path: str, body: Any = None) -> Any:
        response = httpx.request(method, self.control_url + path, json=body, timeout=10)
        response.raise_for_status()
        return response.json()

    @property
    def fleet(self) -> dict[str, Any]:
        """The simulated Fleet API (with --fleet): url, client_id, ca, sites, a first refresh token."""
        return self.description["fleet"]  # type: ignore[no-any-return]

    def fleet_stats(self) -> dict[str, Any]:
        return self.control("GET", "/fleet/stats")  # type: ignore[no-any-return]

    def stats(self, index: int = 0) -> dict[str, Any]:
        return self.control("GET", f"/sites/{index}/stats")  # type: ignore[no-any-return]

    def reset(self, index: int = 0) -> None:
        for method, path in (
            ("DELETE", "faults"),
            ("DELETE", "stats"),
            ("POST", "expire-sessions"),
            ("DELETE", "override"),
            ("POST", "online"),
        ):
            self.control(method, f"/sites/{index}/{path}")
        if "fleet" in self.description:
            self.control("DELETE", "/fleet/faults")
            self.control("DELETE", "/fleet/stats")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self._log.close()


def installer_session(simulator: RunningSimulator, state_dir: Path, password: str = PASSWORD, index: int = 0) -> None:
    """Obtain an installer session through the toggle with pwkit.client, kept in ``state_dir`` for a bridge."""
    from pwkit.client import ConnectionOptions, Gateway

    async def go() -> None:
        options = ConnectionOptions(state_dir=state_dir)
        async with Gateway(simulator.site(index)["url"], password=password, email=EMAIL, options=options) as gw:
            await gw.start_toggle()
            simulator.control("POST", f"/sites/{index}/toggle-switch")
            await gw.login_installer(INSTALLER_PASSWORD)

    asyncio.run(go())


def simulator_fixture(*args: str) -> Any:
    """A module-scoped `pwkit simulate` with ``args``, and a per-test ``sim`` that resets it."""
    import pytest

    @pytest.fixture(scope="module")
    def simulator(tmp_path_factory: pytest.TempPathFactory) -> Any:
        running = RunningSimulator(tmp_path_factory.mktemp("sim"), *args)
        yield running
        running.stop()

    return simulator


def reset_fixture() -> Any:
    import pytest

    @pytest.fixture
    def sim(simulator: RunningSimulator) -> RunningSimulator:
        simulator.reset()
        return simulator

    return sim
