"""The fault suite (`make test-faults`): what real homes throw at the bridge, and what must hold after each.

After every case: the bridge process is alive; the availability topic says
online once the fault is gone; state is published again after the recovery;
no command ran twice or after its answer said error (the simulator's count of
operation writes equals the bridge's `ok` answers); logins stay within the
connection layer's rules. The summary goes to BENCHMARKS.md.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..bench import report
from ..brokers import Mosquitto, Observer, RunningBridge, free_port
from ..simulators import EMAIL, INSTALLER_PASSWORD, RunningSimulator, installer_session

pytestmark = pytest.mark.faults
PASSWORD = "Gw-Fault-Pw-5521"
OPERATION_COMMANDS = ("mode", "reserve")


@dataclass
class Outcome:
    case: str
    injected: str
    survived: bool = False
    lost: int = 0
    duplicated: int = 0
    logins: str = ""


OUTCOMES: list[Outcome] = []


def bridge_config(sim: RunningSimulator, broker_url: str) -> str:
    return f"""
[mqtt]
url = "{broker_url}"
[bridge]
refresh_interval = 30
command_interval = 0.2
rate_limit_cooldown = 3
request_timeout = 1.0
[bridge.poll]
fast = 0.5
normal = 1
slow = 3
[[gateway]]
url = "{sim.url}"
name = "home"
email = "{EMAIL}"
allow_commands = ["mode", "reserve", "island", "sitemaster"]
allow_island = true
allow_sitemaster_stop = true
"""


class World:
    def __init__(self, root: Path) -> None:
        self.root = root
        # 60× speed: readings move as on a live site, so fresh values flow after every fault.
        self.sim = RunningSimulator(
            root / "sim",
            "--customer-password",
            PASSWORD,
            "--installer-password",
            INSTALLER_PASSWORD,
            "--lockout-seconds",
            "2",
            "--speed",
            "60",
        )
        # Mode and reserve need the installer role, as on a real gateway (toggle, then toggle/login).
        installer_session(self.sim, root / "bridge" / "state", PASSWORD)
        self.broker = Mosquitto(root / "mqtt")
        self.observer = Observer(self.broker, ["pwkit/#"])
        self.bridge = RunningBridge(
            root / "bridge", bridge_config(self.sim, self.broker.url), env={"PWKIT_PASSWORD": PASSWORD}
        )
        self.online(since=0.0, timeout=30)

    def online(self, since: float, timeout: float = 20.0) -> None:
        self.observer.wait_for(
            "pwkit/home/availability", lambda m: m.at >= since and m.text == "online", timeout=timeout
        )

    def offline(self, since: float, timeout: float = 20.0) -> None:
        self.observer.wait_for(
            "pwkit/home/availability", lambda m: m.at >= since and m.text == "offline", timeout=timeout
        )

    def stats(self) -> dict[str, Any]:
        return self.sim.stats()

    def operation_writes(self) -> int:
        return int(self.stats()["requests"].get("POST /api/operation", 0))

    def ok_answers(self, since: float) -> int:
        count = 0
        for name in OPERATION_COMMANDS:
            for message in self.observer.on(f"pwkit/home/response/{name}"):
                if message.at >= since and json.loads(message.payload)["status"] == "ok":
                    count += 1
        return count

    def check(self, outcome: Outcome, since: float, writes_before: int, logins: str = "") -> None:
        """The invariants every case must keep, recorded in the summary."""
        assert self.bridge.alive(), self.bridge.log()[-2000:]
        deadline = time.monotonic() + 20
        while (latest := self.observer.latest("pwkit/home/availability")) is None or latest.text != "online":
            assert time.monotonic() < deadline, "the gateway is not marked online again"
            time.sleep(0.1)
        recovered = time.monotonic()
        self.observer.wait_for("pwkit/home/meters/aggregates/+/+", lambda m: m.at >= recovered, timeout=15)
        time.sleep(0.5)
        executed = self.operation_writes() - writes_before
        answered_ok = self.ok_answers(since)
        outcome.duplicated = max(0, executed - answered_ok)
        outcome.lost = max(0, answered_ok - executed)
        outcome.logins = logins
        assert executed == answered_ok, f"{executed} operation writes for {answered_ok} ok answers"
        outcome.survived = True

    def close(self) -> None:
        self.bridge.stop()
        self.observer.close()
        self.broker.stop()
        self.sim.stop()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = World(tmp_path_factory.mktemp("faults"))
    yield w
    w.close()
    write_summary()


def start(world: World, case: str, injected: str) -> tuple[Outcome, float, int]:
    # Faults and counters back to zero; sessions are kept (expiring them is a fault of its own).
    for method, path in (("DELETE", "faults"), ("DELETE", "stats"), ("POST", "online")):
        world.sim.control(method, f"/sites/0/{path}")
    outcome = Outcome(case, injected)
    OUTCOMES.append(outcome)
    return outcome, time.monotonic(), world.operation_writes()


def command(world: World, name: str, value: Any, transaction: str) -> None:
    world.observer.publish(f"pwkit/home/set/{name}", json.dumps({"value": value, "transaction": transaction}))


def test_latency_spikes_past_the_timeout(world: World) -> None:
    outcome, since, writes = start(world, "latency spikes past the timeout", "1.5 s latency (timeout 1 s) for 4 s")
    world.sim.control("POST", "/sites/0/faults", {"latency_ms": 1500})
    world.offline(since)
    time.sleep(2)
    world.sim.control("DELETE", "/sites/0/faults")
    world.check(outcome, since, writes)


def test_five_percent_random_server_errors(world: World) -> None:
    outcome, since, writes = start(world, "5 % random 5xx", "error_rate 0.05, status 503, for 6 s")
    world.sim.control("POST", "/sites/0/faults", {"error_rate": 0.05, "error_status": 503})
    command(world, "reserve", 41, "during-5xx")
    time.sleep(6)
    world.sim.control("DELETE", "/sites/0/faults")
    logins = world.stats()["logins_ok"]
    world.check(outcome, since, writes, f"{logins} (5xx are never auth failures)")
    assert logins == 0


def test_dropped_connections(world: World) -> None:
    outcome, since, writes = start(world, "dropped connections", "drop_rate 0.3 for 4 s")
    world.sim.control("POST", "/sites/0/faults", {"drop_rate": 0.3})
    time.sleep(4)
    world.sim.control("DELETE", "/sites/0/faults")
    logins = world.stats()["logins_ok"]
    world.check(outcome, since, writes, f"{logins}")
    assert logins == 0


def test_gateway_offline_for_a_while(world: World) -> None:
    outcome, since, writes = start(world, "gateway offline", "no connections for 5 s (30 s compressed)")
    world.sim.control("POST", "/sites/0/offline", {"seconds": 5})
    world.offline(since)
    command(world, "mode", "backup", "while-offline")
    answer = world.observer.wait_for("pwkit/home/response/mode", lambda m: m.at >= since)
    assert json.loads(answer.payload)["status"] == "error"  # refused at once, never queued
    world.check(outcome, since, writes)


def test_session_expiry_mid_poll(world: World) -> None:
    outcome, since, writes = start(world, "session expiry mid-poll", "every customer session expired")
    world.sim.control("POST", "/sites/0/expire-sessions", {"role": "customer"})
    time.sleep(2)
    logins = world.stats()["logins_ok"]
    world.check(outcome, since, writes, f"{logins} (one re-login)")
    assert logins == 1


def test_forced_lockout(world: World) -> None:
    outcome, since, writes = start(world, "forced 429 lockout", "lockout 2 s, customer sessions expired")
    world.sim.control("POST", "/sites/0/lockout", {"seconds": 2})
    world.sim.control("POST", "/sites/0/expire-sessions", {"role": "customer"})
    world.offline(since)
    time.sleep(1)
    refused = world.stats()["logins_refused"]
    world.check(outcome, since, writes)
    stats = world.stats()
    outcome.logins = f"{stats['logins_refused']} refused, then {stats['logins_ok']} login"
    assert refused <= 1 and stats["logins_ok"] == 1


def test_sitemaster_stopped(world: World) -> None:
    outcome, since, writes = start(world, "sitemaster stopped (502s)", "sitemaster stop, 3 s, run")
    command(world, "sitemaster", "stop", "stop")
    world.observer.wait_for(
        "pwkit/home/health", lambda m: m.at >= since and json.loads(m.payload)["sitemaster_stopped"]
    )
    time.sleep(3)
    assert world.observer.latest("pwkit/home/availability").text == "online"  # type: ignore[union-attr]
    command(world, "sitemaster", "run", "run")
    world.observer.wait_for(
        "pwkit/home/health", lambda m: m.at >= since and not json.loads(m.payload)["sitemaster_stopped"]
    )
    world.check(outcome, since, writes)


def test_broker_restart(world: World) -> None:
    outcome, since, writes = start(world, "broker restart", "mosquitto stopped 2 s, started empty")
    world.broker.stop()
    time.sleep(2)
    world.broker.start()
    world.observer.wait_for("pwkit/bridge/state", lambda m: m.at >= since and m.text == "online", timeout=40)
    command(world, "reserve", 37, "after-broker-restart")
    world.observer.wait_for("pwkit/home/response/reserve", lambda m: m.at >= since)
    world.check(outcome, since, writes)


def test_broker_unreachable_at_start_up(world: World) -> None:
    outcome = Outcome("broker unreachable at start-up", "bridge started 4 s before its broker")
    OUTCOMES.append(outcome)
    root = world.root / "late-broker"
    port = free_port()
    bridge = RunningBridge(
        root / "bridge", bridge_config(world.sim, f"mqtt://127.0.0.1:{port}"), env={"PWKIT_PASSWORD": PASSWORD}
    )
    try:
        time.sleep(4)
        assert bridge.alive()
        broker = Mosquitto(root / "mqtt", port=port)
        late = Observer(broker, ["pwkit/#"])
        try:
            late.wait_for("pwkit/home/meters/aggregates/site/instant_power", timeout=40)
            assert late.wait_for("pwkit/bridge/state").text == "online"
        finally:
            late.close()
            broker.stop()
        outcome.survived = bridge.alive()
    finally:
        bridge.stop()


def test_a_burst_of_1000_commands_in_one_second(world: World) -> None:
    outcome, since, writes = start(world, "burst of 1,000 commands", "1,000 reserve commands in about a second")
    for i in range(1000):
        world.observer.client.publish(
            "pwkit/home/set/reserve", json.dumps({"value": 20 + i % 60, "transaction": f"burst-{i}"}), qos=1
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        answers = {
            json.loads(m.payload)["transaction"]
            for m in world.observer.on("pwkit/home/response/reserve")
            if m.at >= since
        }
        if {f"burst-{i}" for i in range(1000)} <= answers:
            break
        time.sleep(0.2)
    transactions = [
        json.loads(m.payload)["transaction"] for m in world.observer.on("pwkit/home/response/reserve") if m.at >= since
    ]
    assert sorted(set(transactions)) == sorted(f"burst-{i}" for i in range(1000))  # every one answered
    assert len(transactions) == 1000  # none answered twice
    world.check(outcome, since, writes)


PAYLOADS = st.one_of(
    st.binary(max_size=1500),
    st.text(max_size=300).map(str.encode),
    st.sampled_from([b"backup", b"self_consumption", b"autonomous", b"off_grid", b"on_grid", b"run", b"stop", b"50"]),
    st.builds(
        lambda value, tx: json.dumps({"value": value, "transaction": tx}).encode(),
        st.one_of(st.integers(-1000, 1000), st.floats(allow_nan=True), st.text(max_size=20), st.booleans(), st.none()),
        st.one_of(st.none(), st.text(max_size=200), st.integers()),
    ),
)
NAMES = st.sampled_from(["mode", "reserve", "island", "sitemaster", "frobnicate", "Mode", "reserve2"])


def test_ten_thousand_random_command_payloads(world: World) -> None:
    outcome, since, writes = start(world, "10,000 random command payloads", "property-based (hypothesis), derandomized")
    sent: list[str] = []

    @settings(
        max_examples=10_000, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(name=NAMES, payload=PAYLOADS)
    def publish(name: str, payload: bytes) -> None:
        world.observer.client.publish(f"pwkit/home/set/{name}", payload, qos=1)
        sent.append(name)

    publish()
    assert len(sent) == 10_000
    deadline = time.monotonic() + 120
    answered = 0
    while time.monotonic() < deadline:
        answered = len([m for m in world.observer.on("pwkit/home/response/+") if m.at >= since])
        if answered >= len(sent):
            break
        time.sleep(0.5)
    assert answered == len(sent)  # each command answered exactly once, none lost
    # Some random payloads were valid (`stop`, `off_grid`) and were carried out: restore the site.
    restored = time.monotonic()
    command(world, "sitemaster", "run", "restore-run")
    command(world, "island", "on_grid", "restore-grid")
    for name in ("sitemaster", "island"):
        world.observer.wait_for(f"pwkit/home/response/{name}", lambda m: m.at >= restored, timeout=20)
    world.sim.control("POST", "/sites/0/advance", {"seconds": 10})  # past the transition back to the grid
    world.check(outcome, since, writes)


def test_schemathesis_negative_testing_against_the_simulator() -> None:
    """Invalid requests of every kind: the simulator refuses them cleanly and stays within its contract."""
    import schemathesis
    from schemathesis.generation import GenerationMode

    from pwkit.codegen import paths

    from ..simulators import login, make_app

    outcome = Outcome("schemathesis negative testing", "invalid requests to every operation")
    OUTCOMES.append(outcome)
    app = make_app(lockout_attempts=100_000)
    schema = schemathesis.openapi.from_path(str(paths.OPENAPI))
    schema.app = app
    schema.config.generation.update(
        max_examples=10, deterministic=True, database="none", modes=[GenerationMode.NEGATIVE]
    )
    schema = schema.exclude(func=lambda ctx: bool(ctx.operation.definition.raw.get("x-pwkit-side-effect")))
    token = login(app)["Authorization"]
    failures = []
    cases = 0

    def runner(strategy: Any, where: str, documented: set[str]) -> Any:
        @settings(
            max_examples=10, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
        )
        @given(case=strategy)
        def run(case: Any) -> None:
            nonlocal cases
            cases += 1
            case.headers = {**(case.headers or {}), "Authorization": token}
            response = case.call()
            # A 5xx the spec documents is the gateway's own refusal (e.g. "no phase information").
            if response.status_code >= 500 and str(response.status_code) not in documented:
                failures.append(f"{where}: {response.status_code}")

        return run

    for result in schema.get_all_operations():
        operation = result.ok()
        documented = set(operation.definition.raw.get("responses", {}))
        runner(operation.as_strategy(), f"{operation.method} {operation.path}", documented)()
    assert failures == []
    outcome.injected = f"{cases} invalid requests to {len(list(schema.get_all_operations()))} operations"
    outcome.survived = True


def write_summary() -> None:
    lines = [
        "## Fault suite",
        "",
        f"Measured by `make test-faults` on {report.machine()}:",
        "the bridge against the simulator and a private mosquitto.",
        "",
        "| Fault | Injected | Survived | Commands lost | Commands duplicated | Logins |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for o in OUTCOMES:
        survived_text = "yes" if o.survived else "NO"
        lines.append(f"| {o.case} | {o.injected} | {survived_text} | {o.lost} | {o.duplicated} | {o.logins or '—'} |")
    survived = sum(o.survived for o in OUTCOMES)
    damaged = sum(o.lost + o.duplicated for o in OUTCOMES)
    lines += ["", f"{survived} of {len(OUTCOMES)} faults survived; commands lost or duplicated: {damaged}."]
    report.write_section("faults", "\n".join(lines))
