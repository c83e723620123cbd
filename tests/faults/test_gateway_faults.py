"""Gateway-side faults through the project's fault proxy (tests/faults/proxy.py): what a broken gateway sends.

bridge → FaultProxy (HTTPS, raw HTTP/1.1, breaks answers) → simulator. After every case the bridge
is alive; every poll group still cycles and the executor still runs commands (no silent death); no
traceback reached the log; logins stayed within one per backoff window (counted by the simulator);
every command got exactly one answer, none late. The rows join the fault table in BENCHMARKS.md.
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..brokers import Mosquitto, Observer, RunningBridge
from ..simulators import EMAIL, INSTALLER_PASSWORD, RunningSimulator
from .proxy import LOGIN, FaultProxy
from .test_faults import OUTCOMES, Outcome, write_summary

pytestmark = pytest.mark.faults
PASSWORD = "Gw-Proxy-Pw-7731"
FAULT_SECONDS = 5.0
LATE = 5.0  # an answer later than this after its command counts as late


class ProxiedWorld:
    def __init__(self, root: Path) -> None:
        self.sim = RunningSimulator(
            root / "sim", "--customer-password", PASSWORD, "--installer-password", INSTALLER_PASSWORD, "--speed", "60"
        )
        self.proxy = FaultProxy(self.sim.url, root / "proxy")
        self.installer_session(root / "bridge" / "state")
        self.broker = Mosquitto(root / "mqtt")
        self.observer = Observer(self.broker, ["pwkit/#"])
        self.bridge = RunningBridge(
            root / "bridge",
            f"""
[mqtt]
url = "{self.broker.url}"
[bridge]
command_interval = 0.2
command_max_age = 5
request_timeout = 1.0
rate_limit_cooldown = 600
offline_after = 3
stats_interval = 1
[bridge.poll]
fast = 0.5
normal = 1
slow = 3
[[gateway]]
url = "{self.proxy.url}"
name = "home"
email = "{EMAIL}"
allow_commands = ["mode", "reserve"]
""",
            env={"PWKIT_PASSWORD": PASSWORD},
        )
        self.observer.wait_for("pwkit/home/availability", lambda m: m.text == "online", timeout=30)

    def installer_session(self, state_dir: Path) -> None:
        """Writes need the installer role, as on a real gateway: the toggle, through the proxy's address."""
        import asyncio

        from pwkit.client import ConnectionOptions, Gateway

        async def go() -> None:
            options = ConnectionOptions(state_dir=state_dir)
            async with Gateway(self.proxy.url, password=PASSWORD, email=EMAIL, options=options) as gw:
                await gw.start_toggle()
                self.sim.control("POST", "/sites/0/toggle-switch")
                await gw.login_installer(INSTALLER_PASSWORD)

        asyncio.run(go())

    def logins(self) -> int:
        return int(self.sim.stats()["requests"].get(f"POST {LOGIN}", 0))

    def writes(self) -> int:
        return int(self.sim.stats()["requests"].get("POST /api/operation", 0))

    def stats(self, since: float) -> dict[str, Any]:
        message = self.observer.wait_for("pwkit/bridge/stats", lambda m: m.at >= since, timeout=10)
        return json.loads(message.payload)  # type: ignore[no-any-return]

    def command(self, value: int, transaction: str) -> float:
        sent = time.monotonic()
        self.observer.publish("pwkit/home/set/reserve", json.dumps({"value": value, "transaction": transaction}))
        return sent

    def answers(self, transaction: str) -> list[tuple[float, dict[str, Any]]]:
        found = []
        for message in self.observer.on("pwkit/home/response/reserve"):
            answer = json.loads(message.payload)
            if answer.get("transaction") == transaction:
                found.append((message.at, answer))
        return found

    def close(self) -> None:
        self.bridge.stop()
        self.observer.close()
        self.broker.stop()
        self.proxy.stop()
        self.sim.stop()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProxiedWorld]:
    w = ProxiedWorld(tmp_path_factory.mktemp("proxied"))
    yield w
    w.close()
    write_summary()


def run_case(
    world: ProxiedWorld,
    case: str,
    injected: str,
    inject: Any,
    *,
    expire_sessions: bool = False,
    max_logins: int = 1,
    stays_online: bool = True,
) -> Outcome:
    """Inject for a while with a command sent into the fault, clear, and check what must hold."""
    outcome = Outcome(case, injected)
    OUTCOMES.append(outcome)
    world.proxy.clear()
    world.sim.control("DELETE", "/sites/0/stats")
    log_before = len(world.bridge.log())
    since = time.monotonic()
    writes_before = world.writes()
    if expire_sessions:
        world.sim.control("POST", "/sites/0/expire-sessions")
    inject(world.proxy)
    time.sleep(1.0)
    tag = f"{case[:20]}-{int(since)}"
    sent = {f"{tag}-during": world.command(40, f"{tag}-during")}
    time.sleep(FAULT_SECONDS)
    logins = world.logins()
    world.proxy.clear()
    cleared = time.monotonic()
    if not stays_online:  # a whole-gateway fault may mark it offline; it must come back
        world.observer.wait_for("pwkit/home/availability", lambda m: m.at >= cleared and m.text == "online", timeout=40)
    # No silent death: every poll group cycles again, and the executor runs a command.
    first = world.stats(cleared + 0.5)["gateways"]["home"]["cycles"]
    sent[f"{tag}-after"] = world.command(41, f"{tag}-after")
    deadline = time.monotonic() + 20
    while not world.answers(f"{tag}-after"):
        assert time.monotonic() < deadline, f"no answer after the fault was cleared: {case}"
        time.sleep(0.1)
    later = world.stats(time.monotonic() + 1.5)["gateways"]["home"]["cycles"]
    assert all(later[g] > first[g] for g in ("fast", "normal")), (first, later)
    assert world.bridge.alive(), world.bridge.log()[-2000:]
    outcome.sent = len(sent)
    for transaction, at in sent.items():
        answers = world.answers(transaction)
        outcome.lost += not answers
        outcome.twice += max(0, len(answers) - 1)
        outcome.late += sum(1 for when, _ in answers if when - at > LATE)
        outcome.ok += sum(1 for _, a in answers[:1] if a["status"] == "ok")
        outcome.error += sum(1 for _, a in answers[:1] if a["status"] != "ok")
        outcome.errors += [str(a["error"]) for _, a in answers if a["error"]]
    time.sleep(0.3)
    executed = world.writes() - writes_before
    # (The simulator counts POST /api/operation requests, refused ones too: "twice" is judged by answers.)
    outcome.ok_not_done = max(0, outcome.ok - executed)
    new_log = world.bridge.log()[log_before:]
    tracebacks = new_log.count("Traceback")
    outcome.asserts = (
        f"logins {logins} in {FAULT_SECONDS + 1:.0f} s (≤ {max_logins}); tracebacks {tracebacks}; "
        "every poll group and the executor alive after; broker never dropped the bridge"
        + ("; availability steady" if stays_online else "")
    )
    state = [m for m in world.observer.on("pwkit/bridge/state") if m.at >= since and m.text == "offline"]
    assert state == [], "the broker dropped the bridge"
    if stays_online:
        flips = [m for m in world.observer.on("pwkit/home/availability") if m.at >= since and m.text == "offline"]
        assert flips == [], f"availability flapped {len(flips)} times"
    assert tracebacks == 0, new_log[-3000:]
    assert logins <= max_logins, f"{logins} logins"
    assert outcome.lost == 0 and outcome.twice == 0 and outcome.late == 0 and outcome.ok_not_done == 0, outcome
    outcome.survived = True
    return outcome


# ------------------------------------------------------------------- broken answers


def test_an_answer_dripping_one_byte_a_second(world: ProxiedWorld) -> None:
    run_case(
        world,
        "drip (1 byte/s)",
        "GET /api/meters/aggregates, /api/operation",
        lambda p: p.inject(
            "drip", ("/api/meters/aggregates", "/api/system_status/soe", "/api/system_status/grid_status"), interval=1.0
        ),
    )


def test_a_connection_reset_mid_body(world: ProxiedWorld) -> None:
    run_case(
        world, "reset mid-body", "GET /api/system_status/soe", lambda p: p.inject("reset", ("/api/system_status/soe",))
    )


def test_a_truncated_answer(world: ProxiedWorld) -> None:
    run_case(
        world,
        "truncated body",
        "GET /api/meters/aggregates",
        lambda p: p.inject("truncated", ("/api/meters/aggregates",)),
    )


def test_html_instead_of_json(world: ProxiedWorld) -> None:
    run_case(
        world,
        "HTML answer",
        "GET /api/operation, /api/system_status",
        lambda p: p.inject("html", ("/api/operation", "/api/system_status")),
    )


def test_operation_answering_a_json_list(world: ProxiedWorld) -> None:
    run_case(world, "JSON list", "GET /api/operation", lambda p: p.inject("body", ("/api/operation",), body=b"[1, 2]"))


def test_a_lone_surrogate_in_keys_and_values(world: ProxiedWorld) -> None:
    run_case(
        world,
        "surrogate keys",
        "GET /api/meters/aggregates",
        lambda p: p.inject("surrogate_keys", ("/api/meters/aggregates", "/api/system_status/soe")),
    )


def test_a_nul_in_a_key(world: ProxiedWorld) -> None:
    run_case(
        world, "NUL key", "GET /api/meters/aggregates", lambda p: p.inject("nul_keys", ("/api/meters/aggregates",))
    )


def test_json_nested_5000_deep(world: ProxiedWorld) -> None:
    run_case(
        world,
        "deep JSON (5,000)",
        "GET /api/operation, /api/system_status/soe",
        lambda p: p.inject("deep_json", ("/api/operation", "/api/system_status/soe")),
    )


def test_vitals_that_are_not_protobuf(world: ProxiedWorld) -> None:
    run_case(
        world,
        "non-protobuf vitals",
        "GET /api/devices/vitals",
        lambda p: p.inject("not_protobuf", ("/api/devices/vitals",)),
    )


# ---------------------------------------------------------------------- login storms


def test_login_answering_500(world: ProxiedWorld) -> None:
    run_case(
        world,
        "login 500",
        "sessions expired; login 500",
        lambda p: p.inject("status", (LOGIN,), status=500),
        expire_sessions=True,
        stays_online=False,
    )


def test_login_answering_200_without_a_token(world: ProxiedWorld) -> None:
    run_case(
        world,
        "login 200, no token",
        "sessions expired; login 200 {}",
        lambda p: p.inject("no_token", (LOGIN,)),
        expire_sessions=True,
        stays_online=False,
    )


def test_every_read_refused_with_401(world: ProxiedWorld) -> None:
    run_case(
        world,
        "reads 401",
        "every read 401, login fine",
        lambda p: p.inject("status", None, status=401, methods=("GET",)),
        stays_online=False,
    )


def test_login_timing_out(world: ProxiedWorld) -> None:
    run_case(
        world,
        "login timeout",
        "sessions expired; login drips",
        lambda p: p.inject("drip", (LOGIN,), interval=2.0),
        expire_sessions=True,
        stays_online=False,
    )


# ----------------------------------------------------------------------- Retry-After


@pytest.mark.parametrize("form", ["0", "2", "date"])
def test_retry_after_is_honoured(world: ProxiedWorld, form: str) -> None:
    value = email.utils.formatdate(time.time() + 3, usegmt=True) if form == "date" else form
    # The bridge's own cooldown is 600 s: only a Retry-After that is read lets it back within the case.
    run_case(
        world,
        f"429 Retry-After: {form}",
        f"every read 429, Retry-After {value}",
        lambda p: p.inject("status", None, status=429, headers={"Retry-After": value}),
        stays_online=False,
    )
