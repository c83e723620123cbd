"""Gateway-side faults through the project's fault proxy (tests/faults/proxy.py): what a broken gateway sends.

bridge → FaultProxy (HTTPS, raw HTTP/1.1, breaks answers) → simulator. After every case the bridge
is alive; every poll group still cycles and the executor still runs commands (no silent death); no
traceback reached the log; logins stayed within one per backoff window (counted by the simulator).
Each row proves its fault was served (the proxy's counters), reached the command's own requests, and was
seen by the bridge (:func:`effect`: a row whose damaged answers were forwarded intact fails);
where the fault damages answers, it also damages the command's write (carried out by the gateway first),
so a bridge that retried a write would show "twice". Commands are counted by the fault suite's
:class:`Ledger` (unique values, the simulator's journal of executed writes, each answer timed against
the client's 10 s deadline). The rows join the fault table in BENCHMARKS.md.
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
from .test_faults import CLIENT_DEADLINE, OUTCOMES, Ledger, Outcome, unique_reserve, write_summary

pytestmark = pytest.mark.faults
PASSWORD = "Gw-Proxy-Pw-7731"
FAULT_SECONDS = 6.0  # how long each fault stays on: the window a login storm or a flap would show in


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
command_max_age = 4
verify_timeout = 3
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

    def stats(self, since: float) -> dict[str, Any]:
        message = self.observer.wait_for("pwkit/bridge/+/stats", lambda m: m.at >= since, timeout=10)
        return json.loads(message.payload)  # type: ignore[no-any-return]

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


# The requests a reserve command makes: its read of the operation, its write, its commit (and a login).
COMMAND_PATHS = ("/api/operation", "/api/config/completed", LOGIN)


def wait_until(condition: Any, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"no {what} within {timeout:g} s"
        time.sleep(0.05)


def run_case(
    world: ProxiedWorld,
    case: str,
    fault: str,
    paths: tuple[str, ...] | None,
    *,
    methods: tuple[str, ...] | None = None,
    on_write: bool = False,
    expire_sessions: bool = False,
    max_logins: int = 1,
    stays_online: bool = True,
    **params: Any,
) -> Outcome:
    """Inject, wait until the fault is served, send a command into it, clear, and check what must hold.

    ``on_write``: the same fault also damages the answer to the command's own write (the proxy forwards
    the write first, so the gateway carries it out): a bridge that retried it would write twice.
    """
    where = ", ".join(paths) if paths is not None else "every /api/ request but the login"
    if methods:
        where += f" ({'/'.join(methods)})"
    injected = f"{fault} {params or ''} on {where}".replace(" {}", "").replace("  ", " ")
    if on_write:
        injected += "; and on the command's POST /api/operation"
    if expire_sessions:
        injected = "customer sessions expired; " + injected
    outcome = Outcome(case, injected)
    OUTCOMES.append(outcome)
    world.proxy.clear()
    world.sim.control("DELETE", "/sites/0/stats")
    log_before = len(world.bridge.log())
    ledger = Ledger(world.observer)
    since = ledger.started
    if expire_sessions:
        world.sim.control("POST", "/sites/0/expire-sessions", {"role": "customer"})
    world.proxy.inject(fault, paths, methods=methods, **params)
    if on_write:
        world.proxy.inject(fault, ("/api/operation",), methods=("POST",), **params)
    # The fault is proven served before the command goes into it: counted, not slept for.
    wait_until(lambda: world.proxy.injected[fault] >= 1, f"{fault} served")
    during = ledger.send("reserve", unique_reserve())
    wait_until(lambda: ledger.answer(during) is not None, "answer to the command sent into the fault", CLIENT_DEADLINE)
    crossed = world.proxy.served_on(COMMAND_PATHS, during.at)
    # A storm would show within this window (logins are counted over it); the fault stays on meanwhile.
    time.sleep(max(0.0, since + FAULT_SECONDS - time.monotonic()))
    seen = effect(world, ledger.answer(during), since)
    logins = world.logins()
    world.proxy.clear()
    cleared = time.monotonic()
    if not stays_online:  # a whole-gateway fault may mark it offline; it must come back
        world.observer.wait_for("pwkit/home/availability", lambda m: m.at >= cleared and m.text == "online", timeout=40)
    if not stays_online:
        # A failed login's backoff (30 s by default) or a 429's block must end before the bridge reads again:
        # until then it sends no read that needs the login. Wait for the first one the simulator serves.
        def customer_reads() -> int:
            return int(world.sim.stats()["roles"].get("GET /api/meters/aggregates as customer", 0))

        # Its own name: `seen` is the fault's effect, asserted below (reusing it made that assert a count of
        # reads, which failed whenever no read had succeeded since the stats were reset).
        reads_before = customer_reads()
        wait_until(lambda: customer_reads() > reads_before, "a logged-in read after the login's backoff", timeout=60)
    # No silent death: every poll group cycles again, and the executor runs a command.
    first = world.stats(cleared + 0.5)["gateways"]["home"]["cycles"]
    after = ledger.send("reserve", unique_reserve())
    ledger.wait_for_answers()
    later = world.stats(time.monotonic() + 1.5)["gateways"]["home"]["cycles"]
    assert all(later[g] > first[g] for g in ("fast", "normal")), (first, later)
    assert world.bridge.alive(), world.bridge.log()[-2000:]
    ledger.count(outcome, world.sim.stats()["executed"])
    new_log = world.bridge.log()[log_before:]
    tracebacks = new_log.count("Traceback")
    outcome.asserts = (
        f"fault served {world.proxy.injected[fault]}×, {len(crossed)}× on the command's own requests; "
        f"logins {logins} in {FAULT_SECONDS:.0f} s (≤ {max_logins}); tracebacks {tracebacks}; "
        "every poll group and the executor alive after; the command after answered ok"
        + ("; availability steady" if stays_online else "")
        + f"; its effect seen: {seen}"
    )
    state = [m for m in world.observer.on("pwkit/bridge/+/state") if m.at >= since and m.text == "offline"]
    assert state == [], "the broker dropped the bridge"
    if stays_online:
        flips = [m for m in world.observer.on("pwkit/home/availability") if m.at >= since and m.text == "offline"]
        assert flips == [], f"availability flapped {len(flips)} times"
    assert tracebacks == 0, new_log[-3000:]
    # Served is not enough: a damaged answer the bridge never noticed would pass every check above.
    assert seen, "the fault was counted as served, yet the bridge showed no sign of it"
    assert logins <= max_logins, f"{logins} logins"
    if fault in ("no_token",) or (paths == (LOGIN,)):
        # The login fails, then its backoff refuses the command's read without a request: the command met it.
        assert (ledger.answer(during) or {}).get("status") == "error", outcome.errors
    else:
        assert crossed, f"the fault never reached the command's own requests: {world.proxy.served[-5:]}"
    assert (ledger.answer(after) or {}).get("status") == "ok", outcome.errors
    assert (outcome.lost, outcome.late, outcome.twice, outcome.ok_not_done) == (0, 0, 0, 0), outcome
    outcome.survived = True
    return outcome


def effect(world: ProxiedWorld, answer: dict[str, Any] | None, since: float) -> str | None:
    """What shows that the damaged answers reached the bridge: the command sent into the fault answered error,
    health naming a damaged path among its errors, or a damaged key published (made topic-safe: ``bad_key``)."""
    if (answer or {}).get("status") == "error":
        return "the command sent into it answered error"
    damaged = {path for at, _, _, path in world.proxy.served if at >= since}
    before: dict[str, Any] = {}  # an error an earlier row left in health is not this fault's
    for message in world.observer.on("pwkit/home/health"):
        errors = json.loads(message.payload).get("errors") or {}
        if message.at < since:
            before = errors
            continue
        named = {path for path in damaged & set(errors) if errors[path] != before.get(path)}
        if named:
            return f"health's errors named {', '.join(sorted(named))}"
    for message in world.observer.on("pwkit/home/#"):
        if message.at >= since and "bad_key" in message.topic:
            return f"the damaged key published as {message.topic}"
    return None


# ------------------------------------------------------------------- broken answers
READINGS = ("/api/meters/aggregates", "/api/system_status/soe", "/api/system_status/grid_status")


def test_an_answer_dripping_one_byte_a_second(world: ProxiedWorld) -> None:
    run_case(world, "drip (1 byte/s)", "drip", READINGS, on_write=True, interval=1.0)


def test_a_connection_reset_mid_body(world: ProxiedWorld) -> None:
    run_case(world, "reset mid-body", "reset", ("/api/system_status/soe",), on_write=True)


def test_a_truncated_answer(world: ProxiedWorld) -> None:
    run_case(world, "truncated body", "truncated", ("/api/meters/aggregates",), on_write=True)


def test_html_instead_of_json(world: ProxiedWorld) -> None:
    run_case(world, "HTML answer", "html", ("/api/operation", "/api/system_status"))


def test_operation_answering_a_json_list(world: ProxiedWorld) -> None:
    run_case(world, "JSON list", "body", ("/api/operation",), body=b"[1, 2]")


def test_a_lone_surrogate_in_keys_and_values(world: ProxiedWorld) -> None:
    run_case(
        world, "surrogate keys", "surrogate_keys", ("/api/meters/aggregates", "/api/system_status/soe"), on_write=True
    )


def test_a_nul_in_a_key(world: ProxiedWorld) -> None:
    run_case(world, "NUL key", "nul_keys", ("/api/meters/aggregates",), on_write=True)


def test_json_nested_5000_deep(world: ProxiedWorld) -> None:
    run_case(world, "deep JSON (5,000)", "deep_json", ("/api/operation", "/api/system_status/soe"))


def test_vitals_that_are_not_protobuf(world: ProxiedWorld) -> None:
    run_case(world, "non-protobuf vitals", "not_protobuf", ("/api/devices/vitals",), on_write=True)


# ---------------------------------------------------------------------- login storms


def test_login_answering_500(world: ProxiedWorld) -> None:
    run_case(world, "login 500", "status", (LOGIN,), expire_sessions=True, stays_online=False, status=500)


def test_login_answering_200_without_a_token(world: ProxiedWorld) -> None:
    run_case(world, "login 200, no token", "no_token", (LOGIN,), expire_sessions=True, stays_online=False)


def test_every_read_refused_with_401(world: ProxiedWorld) -> None:
    run_case(world, "reads 401", "status", None, methods=("GET",), stays_online=False, status=401)


def test_login_timing_out(world: ProxiedWorld) -> None:
    run_case(world, "login timeout", "drip", (LOGIN,), expire_sessions=True, stays_online=False, interval=2.0)


# ----------------------------------------------------------------------- Retry-After


@pytest.mark.parametrize("form", ["0", "2", "date"])
def test_retry_after_is_honoured(world: ProxiedWorld, form: str) -> None:
    value = email.utils.formatdate(time.time() + 3, usegmt=True) if form == "date" else form
    # The bridge's own cooldown is 600 s: only a Retry-After that is read lets it back within the case.
    run_case(
        world,
        f"429 Retry-After: {form}",
        "status",
        None,
        stays_online=False,
        status=429,
        headers={"Retry-After": value},
    )
