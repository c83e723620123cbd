"""A real Home Assistant for tests: installed from PyPI into a cached Debian trixie root, run in a chroot.

Home Assistant needs Python >= 3.13; the project's machines may have less. ``build-root.sh`` makes
(once per pinned version, outside the repository) a Debian trixie root with Python 3.13 and the
Home Assistant pinned in ``requirements.txt``. Each instance gets its own configuration directory
inside that root and runs in a private mount namespace (``/proc`` and ``/dev`` bound in, gone when
it exits). It shares the host's network, so it reaches the test's mosquitto over loopback.

Set up headless as a user would, through its own HTTP API: onboarding, a long-lived token over
the websocket, the MQTT integration through its config flow. Everything asserted is read back
through the REST and websocket APIs.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from websockets.sync.client import ClientConnection, connect

from tests.brokers import free_port

HERE = Path(__file__).resolve().parent
CACHE = Path(os.environ.get("PWKIT_HA_CACHE", "/var/cache/pwkit-ha"))
USERNAME, PASSWORD = "pwkit", "pwkit-test-password"

_CLONE_NEWNS = 0x00020000
_MS_REC, _MS_PRIVATE, _MS_BIND = 0x4000, 0x40000, 0x1000


def pinned_version() -> str:
    for line in (HERE / "requirements.txt").read_text().splitlines():
        if line.startswith("homeassistant=="):
            return line.split("==", 1)[1].strip()
    raise RuntimeError("tests/ha/requirements.txt pins no homeassistant==VERSION")


def build_root() -> Path:
    """The cached root for the pinned version, built first if needed (root only; a few minutes)."""
    done = subprocess.run(
        ["bash", str(HERE / "build-root.sh"), str(CACHE)], stdout=subprocess.PIPE, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"building the Home Assistant root failed (exit {done.returncode}); see the output above")
    return Path(done.stdout.strip().splitlines()[-1])


def _enter(root: Path) -> Callable[[], None]:
    """Runs in the child before exec: a private mount namespace with /proc and /dev, then chroot."""
    libc = ctypes.CDLL(None, use_errno=True)
    root_b = str(root).encode()

    def check(result: int, what: str) -> None:
        if result != 0:
            raise OSError(ctypes.get_errno(), f"{what} failed")

    def enter() -> None:
        check(libc.unshare(_CLONE_NEWNS), "unshare(CLONE_NEWNS)")
        check(libc.mount(b"none", b"/", None, _MS_REC | _MS_PRIVATE, None), "making mounts private")
        check(libc.mount(b"proc", root_b + b"/proc", b"proc", 0, None), "mounting /proc")
        check(libc.mount(b"/dev", root_b + b"/dev", None, _MS_BIND | _MS_REC, None), "binding /dev")
        os.chroot(root)
        os.chdir("/")

    return enter


PROBE = '''
"""Test-only: runs the recorder's own statistics compile now instead of at the next 5-minute mark."""
from datetime import timedelta

from homeassistant.components.recorder import get_instance, statistics
from homeassistant.components.recorder.tasks import StatisticsTask
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.helpers.typing import ConfigType
from homeassistant.util import dt as dt_util

DOMAIN = "pwkit_probe"


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    async def compile_statistics(call: ServiceCall) -> None:
        instance = get_instance(hass)
        await instance.async_block_till_done()  # the states so far are in the database
        now = dt_util.utcnow()
        start = now.replace(minute=now.minute - now.minute % 5, second=0, microsecond=0)
        # The previous period too: when the first states came just before a 5-minute boundary, the current
        # period holds none of them and its statistics alone stay undefined (seen: the test failed twice when
        # started about 20 s before a boundary). A period already compiled by the recorder's timer is skipped.
        instance.queue_task(StatisticsTask(start - timedelta(minutes=5), True))
        instance.queue_task(StatisticsTask(start, True))  # the current period, as the 5-minute timer would
        await instance.async_block_till_done()

    hass.services.async_register(DOMAIN, "compile_statistics", compile_statistics)
    return True
'''

MANIFEST = {
    "domain": "pwkit_probe",
    "name": "pwkit test probe",
    "version": "1.0.0",
    "dependencies": ["recorder"],
    "codeowners": [],
    "documentation": "https://example.invalid",
    "iot_class": "local_push",
    "requirements": [],
}


class HomeAssistant:
    """One Home Assistant instance with its own configuration directory inside the cached root."""

    def __init__(self, root: Path, name: str) -> None:
        self.root = root
        self.inside = f"/srv/pwkit-{os.getpid()}-{name}"  # its configuration, as Home Assistant sees it
        self.config_dir = root / self.inside.lstrip("/")
        if self.config_dir.exists():
            shutil.rmtree(self.config_dir)
        self.config_dir.mkdir(parents=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token: str | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self._write_config()

    @property
    def log_path(self) -> Path:
        return self.config_dir / "home-assistant.log"

    def log(self) -> str:
        """Its whole log: Home Assistant moves the previous run's to ``.1`` when it starts again."""
        runs = [self.log_path.with_name(self.log_path.name + ".1"), self.log_path]
        return "".join(path.read_text(errors="replace") for path in runs if path.exists())

    def _write_config(self) -> None:
        (self.config_dir / "configuration.yaml").write_text(
            f"""
homeassistant:
  name: pwkit test home
  latitude: 52.37
  longitude: 4.89
  elevation: 0
  unit_system: metric
  time_zone: UTC
  currency: EUR
  country: NL
http:
  server_host: 127.0.0.1
  server_port: {self.port}
recorder:
  commit_interval: 1
energy:
history:
logbook:
logger:
  default: info
pwkit_probe:
"""
        )
        probe = self.config_dir / "custom_components" / "pwkit_probe"
        probe.mkdir(parents=True)
        (probe / "__init__.py").write_text(PROBE)
        (probe / "manifest.json").write_text(json.dumps(MANIFEST))

    # ---------------------------------------------------------------- process
    def start(self, timeout: float = 600.0) -> None:
        """Start and wait until its HTTP API answers (the first start may install integration requirements)."""
        env = {
            "PATH": "/opt/ha/bin:/usr/local/bin:/usr/bin:/bin",
            "HOME": "/root",
            "LANG": "C.UTF-8",
            "SSL_CERT_FILE": "/etc/ssl/certs/ca-certificates.crt",
            "UV_NATIVE_TLS": "1",
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        }
        log = (self.config_dir / "stdout.log").open("ab")
        self.process = subprocess.Popen(
            [
                "/opt/ha/bin/python",
                "-m",
                "homeassistant",
                "--config",
                self.inside,
                "--log-file",
                f"{self.inside}/home-assistant.log",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            preexec_fn=_enter(self.root),  # a chroot needs it; no threads start before exec
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Home Assistant exited ({self.process.returncode}):\n{self.tail()}")
            try:
                response = httpx.get(f"{self.url}/api/onboarding", timeout=2)
                if response.status_code in (200, 401, 404) and (
                    self.token is None or self.api("GET", "/api/config").get("state") == "RUNNING"
                ):
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"Home Assistant did not come up in {timeout:.0f} s:\n{self.tail()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def restart(self) -> None:
        self.stop()
        self.start()

    def tail(self, lines: int = 60) -> str:
        stdout = self.config_dir / "stdout.log"
        text = self.log() or (stdout.read_text(errors="replace") if stdout.exists() else "")
        return "\n".join(text.splitlines()[-lines:])

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.config_dir, ignore_errors=True)

    # ------------------------------------------------------------------- APIs
    def api(self, method: str, path: str, body: Any = None, *, expect: int | tuple[int, ...] = (200, 201)) -> Any:
        assert self.token, "onboard() first"
        response = httpx.request(
            method, self.url + path, json=body, headers={"Authorization": f"Bearer {self.token}"}, timeout=30
        )
        wanted = (expect,) if isinstance(expect, int) else expect
        assert response.status_code in wanted, f"{method} {path}: {response.status_code} {response.text}"
        return response.json() if response.content else None

    @contextmanager
    def websocket(self) -> Iterator[WebSocket]:
        with connect(f"ws://127.0.0.1:{self.port}/api/websocket", open_timeout=10, max_size=None) as connection:
            assert json.loads(connection.recv(10))["type"] == "auth_required"
            connection.send(json.dumps({"type": "auth", "access_token": self.token}))
            assert json.loads(connection.recv(10))["type"] == "auth_ok"
            yield WebSocket(connection)

    def ws(self, type_: str, **data: Any) -> Any:
        with self.websocket() as socket:
            return socket.call(type_, **data)

    def onboard(self) -> None:
        """Onboarding as the frontend does it, then a long-lived token; kept for later restarts."""
        client_id = f"{self.url}/"
        created = httpx.post(
            f"{self.url}/api/onboarding/users",
            json={
                "client_id": client_id,
                "name": "pwkit",
                "username": USERNAME,
                "password": PASSWORD,
                "language": "en",
            },
            timeout=30,
        )
        assert created.status_code == 200, created.text
        tokens = httpx.post(
            f"{self.url}/auth/token",
            data={"grant_type": "authorization_code", "code": created.json()["auth_code"], "client_id": client_id},
            timeout=30,
        )
        assert tokens.status_code == 200, tokens.text
        self.token = tokens.json()["access_token"]
        self.api("POST", "/api/onboarding/core_config", {})
        self.api("POST", "/api/onboarding/analytics", {})
        self.api(
            "POST",
            "/api/onboarding/integration",
            {"client_id": client_id, "redirect_uri": f"{client_id}?auth_callback=1"},
        )
        self.token = self.ws("auth/long_lived_access_token", client_name="pwkit tests", lifespan=30)
        # Onboarding adds integrations that reach the internet (weather, radio, …): not here.
        for entry in self.api("GET", "/api/config/config_entries/entry"):
            if entry["source"] == "onboarding":
                self.api("DELETE", f"/api/config/config_entries/entry/{entry['entry_id']}")

    def wait_running(self, timeout: float = 300.0) -> None:
        deadline = time.monotonic() + timeout
        while self.api("GET", "/api/config").get("state") != "RUNNING":
            assert time.monotonic() < deadline, f"Home Assistant is not running after {timeout} s:\n{self.tail()}"
            time.sleep(0.5)

    def add_mqtt(self, port: int) -> dict[str, Any]:
        """The MQTT integration through its config flow, as the UI adds it."""
        self.wait_running()
        step = self.api("POST", "/api/config/config_entries/flow", {"handler": "mqtt", "show_advanced_options": False})
        for _ in range(5):
            if step["type"] == "create_entry":
                return step  # type: ignore[no-any-return]
            if step["type"] == "menu":
                option = "broker" if "broker" in step["menu_options"] else step["menu_options"][0]
                body: dict[str, Any] = {"next_step_id": option}
            elif step["type"] == "form" and step["step_id"] == "broker":
                body = {"broker": "127.0.0.1", "port": port}
            else:
                body = {}
            step = self.api("POST", f"/api/config/config_entries/flow/{step['flow_id']}", body)
        raise AssertionError(f"the MQTT config flow did not finish: {step}")

    # ---------------------------------------------------------------- reading
    def states(self) -> dict[str, dict[str, Any]]:
        return {s["entity_id"]: s for s in self.api("GET", "/api/states")}

    def state(self, entity_id: str) -> dict[str, Any] | None:
        assert self.token
        response = httpx.get(
            f"{self.url}/api/states/{entity_id}", headers={"Authorization": f"Bearer {self.token}"}, timeout=30
        )
        if response.status_code == 404:
            return None
        response.raise_for_status()
        return response.json()  # type: ignore[no-any-return]

    def wait_state(
        self, entity_id: str, predicate: Callable[[dict[str, Any]], bool], timeout: float = 30.0
    ) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            last = self.state(entity_id)
            if last is not None and predicate(last):
                return last
            time.sleep(0.2)
        raise AssertionError(f"{entity_id} never matched in {timeout} s; last state: {last}")

    def history(self, entity_id: str, hours: float = 1.0) -> list[str]:
        """Every state the entity had in the last ``hours``, oldest first (the recorder's history)."""
        since = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(time.time() - hours * 3600))
        found = self.api("GET", f"/api/history/period/{since}?filter_entity_id={entity_id}&minimal_response")
        return [state["state"] for run in found for state in run]

    def call(self, domain: str, service: str, **data: Any) -> Any:
        return self.api("POST", f"/api/services/{domain}/{service}", data)


class WebSocket:
    """Home Assistant's websocket API: numbered commands, one answer each; events for subscriptions."""

    def __init__(self, connection: ClientConnection) -> None:
        self.connection = connection
        self.next_id = 1

    def send(self, type_: str, **data: Any) -> int:
        ident = self.next_id
        self.next_id += 1
        self.connection.send(json.dumps({"id": ident, "type": type_, **data}))
        return ident

    def receive(self, timeout: float = 30.0) -> dict[str, Any]:
        return json.loads(self.connection.recv(timeout))  # type: ignore[no-any-return]

    def call(self, type_: str, **data: Any) -> Any:
        ident = self.send(type_, **data)
        while True:
            message = self.receive()
            if message.get("id") == ident and message["type"] == "result":
                assert message["success"], f"{type_}: {message.get('error')}"
                return message["result"]
