"""Issue 26's last findings (D10, D14, D16, D17), one regression test each, with real components where it
matters: the simulator over HTTPS (through the fault proxy of tests/faults/proxy.py for broken answers), a
real mosquitto, `pwkit bridge` and `pwkit simulate` as subprocesses.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import socket
import ssl
import struct
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .brokers import Mosquitto, Observer, RunningBridge
from .simulators import EMAIL, RunningSimulator
from .test_hardening import bridge_config

PASSWORD = "Gw-Late26-Pw-5521"


# ------------------------------------------------------------------ D14: health does not flap


def health_changes(observer: Observer, since: float) -> list[str]:
    """The health payloads published since ``since`` that differ from the one before them."""
    seen = [m for m in observer.on("pwkit/home/health")]
    before = [m.text for m in seen if m.at < since]
    changes, last = [], before[-1] if before else None
    for message in (m for m in seen if m.at >= since):
        if message.text != last:
            changes.append(message.text)
        last = message.text
    return changes


@pytest.mark.slow
@pytest.mark.parametrize("steady", ["gateway down", "wrong password"])
def test_health_does_not_change_while_nothing_changes(tmp_path: Path, steady: str) -> None:
    """D14: a gateway that stays down (or keeps refusing the password) gives one health, not one per poll.

    Before: the offline reason named whichever endpoint failed last in the cycle (rotating between them),
    and the login's and the rate limit's countdowns ("not trying again for 27 s") changed at every poll.
    """
    sim = RunningSimulator(tmp_path / "sim", "--customer-password", PASSWORD)
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["pwkit/home/#"])
    password = "wrong-password" if steady == "wrong password" else PASSWORD
    if steady == "gateway down":
        sim.control("POST", "/sites/0/offline", {})
    bridge = RunningBridge(
        tmp_path / "b", bridge_config(broker.url, sim.url, "home", 'tedapi = "off"'), env={"PWKIT_PASSWORD": password}
    )
    try:
        observer.wait_for("pwkit/home/availability", lambda m: m.text == "offline", timeout=60)
        time.sleep(2)  # the reason of the first offline cycles settles
        since = time.monotonic()
        time.sleep(12)  # about 24 fast polls, 12 normal, 4 slow
        changes = health_changes(observer, since)
        assert changes == [], [json.loads(c)["offline_reason"] for c in changes]
        health = json.loads(observer.on("pwkit/home/health")[-1].text)
        assert health["availability"] == "offline" and health["offline_reason"]
    finally:
        bridge.stop()
        observer.close()
        broker.stop()
        sim.stop()


# ------------------------------------------------------------------ D10: a wrong password behind a kept session


def kept_session(sim: RunningSimulator, state_dir: Path, age: float = 3600.0) -> None:
    """A session from an earlier run, saved ``age`` seconds ago (and the gateway's pin), as a bridge keeps them."""
    from pwkit.client import ConnectionOptions, Gateway

    async def go() -> None:
        async with Gateway(
            sim.url, password=PASSWORD, email=EMAIL, options=ConnectionOptions(state_dir=state_dir)
        ) as gw:
            await gw.get_json("/api/system_status/soe")

    asyncio.run(go())
    sessions = state_dir / "sessions.json"
    saved = json.loads(sessions.read_text())
    for entry in saved.values():
        entry["saved_at"] -= age
    sessions.write_text(json.dumps(saved))


def logins(sim: RunningSimulator) -> int:
    return int(sim.stats()["requests"].get("POST /api/login/Basic", 0))


@pytest.mark.slow
@pytest.mark.parametrize("refusal", ["401", "429"])
def test_a_wrong_password_is_noticed_at_start_up_behind_a_session_that_still_works(
    tmp_path: Path, refusal: str
) -> None:
    """D10: the kept session carries the readings, and one login at start-up says the password is wrong,
    naming where it came from (never the password); a 429 is not retried; no further login either way."""
    wrong = "Wrong-Pw-d10-" + refusal
    sim = RunningSimulator(tmp_path / "sim", "--customer-password", PASSWORD)
    kept_session(sim, tmp_path / "b" / "state")
    if refusal == "429":
        sim.control("POST", "/sites/0/lockout", {"seconds": 600})
    before = logins(sim)
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["pwkit/home/#"])
    bridge = RunningBridge(
        tmp_path / "b", bridge_config(broker.url, sim.url, "home", 'tedapi = "off"'), env={"PWKIT_PASSWORD": wrong}
    )
    try:
        if refusal == "401":
            observer.wait_for("pwkit/home/availability", lambda m: m.text == "online", timeout=40)
            observer.wait_for("pwkit/home/system_status/soe/percentage", timeout=20)  # the kept session reads
        deadline = time.monotonic() + 20
        while logins(sim) == before and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(8)  # about 16 fast polls: any login storm would show
        assert logins(sim) - before == 1, bridge.log()[-2000:]  # one login at start-up, never retried
        log = bridge.log()
        assert wrong not in log
        warned = [line for line in log.splitlines() if "WARNING" in line and "refused the password" in line]
        if refusal == "401":
            assert len(warned) == 1 and "from PWKIT_PASSWORD" in warned[0], log[-2000:]
        else:
            assert warned == [], warned  # a 429 says nothing about the password
    finally:
        bridge.stop()
        observer.close()
        broker.stop()
        sim.stop()


@pytest.mark.parametrize(
    ("source", "named"),
    [("env", "PWKIT_PASSWORD"), ("flag", "--password"), ("file", "(password_file)"), ("toml", "configuration file")],
)
def test_the_password_source_is_named_never_the_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, named: str
) -> None:
    from pwkit.bridge.config import load

    secret = "Src-Pw-7781"
    flags: dict[str, object] = {"gateway__url": ("https://10.0.0.9",)} if source != "toml" else {}
    toml = tmp_path / "pwkit.toml"
    toml.write_text(f'[[gateway]]\nurl = "https://10.0.0.9"\npassword = "{secret}"\n' if source == "toml" else "")
    monkeypatch.delenv("PWKIT_PASSWORD", raising=False)
    if source == "env":
        monkeypatch.setenv("PWKIT_PASSWORD", secret)
        flags["gateway__password"] = secret  # click reads the variable into the flag's value
    elif source == "flag":
        flags["gateway__password"] = secret
    elif source == "file":
        (tmp_path / "pw").write_text(secret)
        (tmp_path / "pw").chmod(0o600)
        flags["gateway__password_file"] = str(tmp_path / "pw")
    config = load(toml, {**flags, "bridge__state_dir": str(tmp_path / "state")})
    assert named in config.gateways[0].password_source and secret not in config.gateways[0].password_source


# ------------------------------------------------------------------ D17: one login backoff for every failure


@pytest.fixture(scope="module")
def lenient_sim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSimulator]:
    """A gateway that never locks the user out: the waits counted are the client's own, not a lockout's."""
    running = RunningSimulator(
        tmp_path_factory.mktemp("sim"), "--customer-password", PASSWORD, "--lockout-attempts", "1000"
    )
    yield running
    running.stop()


# failure class → how it is made: a fault of the proxy on the login (HTTP/1.1), or the simulator's own drop
# (HTTP/2: the answer's stream stalls until the client gives up, as a connection lost mid-answer does).
LOGIN_FAILURES: dict[str, tuple[str, dict[str, object]]] = {
    "401": ("status", {"status": 401}),
    "500": ("status", {"status": 500}),
    "200 without a token": ("no_token", {}),
    "HTML": ("html", {}),
    "disconnected (reset mid-answer)": ("reset", {}),
    "disconnected (cut short)": ("truncated", {}),
    "disconnected (HTTP/2 stream dropped)": ("drop", {}),
}


@pytest.mark.slow
@pytest.mark.parametrize("failure", list(LOGIN_FAILURES))
def test_a_disconnected_login_backs_off_like_every_other_failed_login(
    lenient_sim: RunningSimulator, tmp_path: Path, failure: str
) -> None:
    """D17: the waits between login attempts, on the simulated clock, are 30, 60, 120 s for every failure class:
    a login whose answer is lost (reset, cut short, a dropped HTTP/2 stream) grows like the others, not ×2."""
    from pwkit.client import ConnectionOptions, Gateway, ManualClock

    from .faults.proxy import LOGIN, FaultProxy

    sim = lenient_sim
    fault, params = LOGIN_FAILURES[failure]
    proxy = None if fault == "drop" else FaultProxy(sim.url, tmp_path / "proxy")
    if proxy is not None:
        proxy.inject(fault, (LOGIN,), **params)  # type: ignore[arg-type]
    else:
        sim.control("POST", "/sites/0/faults", {"drop_rate": 1.0})  # the login is the first request
    clock = ManualClock()
    options = ConnectionOptions(state_dir=tmp_path / "state", clock=clock, login_backoff=30, timeout=1.0)
    url = sim.url if proxy is None else proxy.url

    async def attempts() -> list[float]:
        at: list[float] = []
        async with Gateway(url, password=PASSWORD, email=EMAIL, options=options) as gateway:
            seen = gateway.logins
            while len(at) < 4 and clock.monotonic() < 1000:
                with contextlib.suppress(Exception):  # every read fails: only when its login went out counts
                    await gateway.get_json("/api/system_status/soe")
                if gateway.logins != seen:
                    seen = gateway.logins
                    at.append(clock.monotonic())
                await clock.advance(1.0)
        return at

    before = logins(sim)
    try:
        at = asyncio.run(attempts())
    finally:
        sim.control("DELETE", "/sites/0/faults")
        if proxy is not None:
            proxy.stop()
    assert logins(sim) - before == len(at) == 4  # every attempt reached the gateway, once
    waits = [round(b - a) for a, b in itertools.pairwise(at)]
    assert waits == [30, 60, 120], waits


# ------------------------------------------------------------------ D16: clients that go away, quietly


def _tls(url: str, alpn: str) -> ssl.SSLSocket:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.set_alpn_protocols([alpn])
    host, port = url.removeprefix("https://").rsplit(":", 1)
    return context.wrap_socket(socket.create_connection((host, int(port)), timeout=5), server_hostname="powerwall")


def _reset(sock: socket.socket) -> None:
    """Go away at once: a TCP reset, no TLS close_notify."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _h2_clients_going_away(url: str, path: str, headers: list[tuple[str, str]]) -> None:
    """HTTP/2 clients that leave mid-exchange: streams reset, a GOAWAY with a request open, a POST body cut."""
    import h2.config
    import h2.connection

    def request(method: str = "GET", end: bool = True) -> tuple[ssl.SSLSocket, h2.connection.H2Connection, int]:
        sock = _tls(url, "h2")
        conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True))
        conn.initiate_connection()
        stream = conn.get_next_available_stream_id()
        pseudo = [(":method", method), (":path", path), (":scheme", "https"), (":authority", "powerwall")]
        conn.send_headers(stream, pseudo + headers, end_stream=end)
        return sock, conn, stream

    sock, conn, stream = request()
    conn.reset_stream(stream)
    sock.sendall(conn.data_to_send())
    with contextlib.suppress(OSError):
        sock.recv(100)
    _reset(sock)
    sock, conn, _ = request()
    conn.close_connection()
    sock.sendall(conn.data_to_send())
    sock.close()
    sock, conn, stream = request("POST", end=False)
    conn.send_data(stream, b"\x0a" * 100)  # of a body said to be longer
    sock.sendall(conn.data_to_send())
    _reset(sock)


def _http1_clients_going_away(url: str, path: str, auth: str) -> None:
    """HTTP/1.1 clients that leave: during the TLS handshake, mid-answer, and with a POST body cut short."""
    host, port = url.removeprefix("https://").rsplit(":", 1)
    raw = socket.create_connection((host, int(port)), timeout=5)
    raw.send(bytes.fromhex("160301020001"))  # a ClientHello's record header, then nothing
    _reset(raw)
    sock = _tls(url, "http/1.1")
    sock.send(f"GET {path} HTTP/1.1\r\nHost: powerwall\r\n{auth}\r\n".encode())
    with contextlib.suppress(OSError):
        sock.recv(20)
    _reset(sock)
    sock = _tls(url, "http/1.1")
    sock.send(f"POST /tedapi HTTP/1.1\r\nHost: powerwall\r\n{auth}Content-Length: 5000\r\n\r\n".encode() + b"\x0a" * 99)
    _reset(sock)


@pytest.mark.slow
def test_the_simulator_console_shows_no_traceback_for_clients_that_go_away(tmp_path: Path) -> None:
    """D16: HTTP/2 clients that reset their streams, send GOAWAY or cut a POST, and HTTP/1.1 clients that leave
    mid-handshake, mid-answer or mid-body, on the gateway and on its access point (gzip TEDAPI, 25.x), then the
    gateway going offline and the simulator stopping: the console (pwkit simulate's stderr) has no traceback.
    Before: "Exception in callback StreamReaderProtocol…: CancelledError" tracebacks as the connections the clients
    left were cancelled, and pwkit simulate itself ended in hypercorn's InvalidStateError."""
    import base64

    import httpx

    sim = RunningSimulator(tmp_path / "sim", "--firmware", "pw2-25.x")
    try:
        login = {"username": "customer", "email": EMAIL, "password": "powerwall"}
        token = httpx.post(sim.url + "/api/login/Basic", json=login, verify=False).json()["token"]
        basic = "Basic " + base64.b64encode(b"Tesla_Energy_Device:SIMULATED-QR-PASSWORD").decode()
        access_point = sim.site()["access_point"]
        for _ in range(3):
            _h2_clients_going_away(sim.url, "/api/devices/vitals", [("authorization", f"Bearer {token}")])
            _h2_clients_going_away(access_point, "/tedapi/din", [("authorization", basic)])
            _http1_clients_going_away(sim.url, "/api/devices/vitals", f"Authorization: Bearer {token}\r\n")
            _http1_clients_going_away(access_point, "/tedapi/din", f"Authorization: {basic}\r\n")
        time.sleep(0.5)
        sim.control("POST", "/sites/0/offline", {})  # the gateway leaving the network, with those connections
        sim.control("POST", "/sites/0/online")
        for _ in range(2):
            _h2_clients_going_away(sim.url, "/api/devices/vitals", [("authorization", f"Bearer {token}")])
    finally:
        sim.stop()
    console = sim.log_path.read_text()
    assert sim.process.returncode in (0, -15), console[-3000:]
    for noise in ("Traceback", "Exception in callback", "never retrieved"):
        assert noise not in console, console[-3000:]
