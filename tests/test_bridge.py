"""`pwkit bridge` end to end: a real mosquitto, the simulator over HTTPS, the bridge as users run it."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from powerwall_client.pwkit_operations import OPERATIONS
from pwkit.codegen import paths

from .brokers import Mosquitto, Observer, RunningBridge
from .simulators import EMAIL, INSTALLER_PASSWORD, RunningSimulator, installer_session

pytestmark = pytest.mark.slow
# Distinctive, so a leak cannot hide inside a path such as /api/powerwalls.
PASSWORD = "Gw-Secret-8317"
WRITES = ("POST /api/operation", "GET /api/config/completed", "POST /api/v2/islanding/mode")
WRITES += ("GET /api/sitemaster/run", "GET /api/sitemaster/stop")


def config(sim: RunningSimulator, broker: Mosquitto, *, name: str = "home", commands: str = "", extra: str = "") -> str:
    return f"""
[mqtt]
url = "{broker.url}"
prefix = "pwkit"

[commands]
# The customer writes the simulator's 21.39.1 allows, at the gateway itself (auto would refuse them).
route = "local"

[bridge]
refresh_interval = 60
command_interval = 0.3
rate_limit_cooldown = 3
[bridge.poll]
fast = 0.5
normal = 1
slow = 2

[[gateway]]
url = "{sim.url}"
name = "{name}"
email = "{EMAIL}"
{commands}
{extra}
"""


ALL_COMMANDS = (
    'allow_commands = ["mode", "reserve", "island", "sitemaster"]\nallow_island = true\nallow_sitemaster_stop = true'
)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("bridge")
    sim = RunningSimulator(
        root / "sim",
        "--lockout-seconds",
        "2",
        "--customer-password",
        PASSWORD,
        "--installer-password",
        INSTALLER_PASSWORD,
    )
    broker = Mosquitto(root / "mqtt")
    observer = Observer(broker, ["pwkit/#"])
    # Mode, reserve and stopping the sitemaster need the installer role, as on a real gateway:
    # the session comes through the physical toggle and is kept where the bridge finds it.
    installer_session(sim, root / "bridge" / "state", PASSWORD)
    bridge = RunningBridge(
        root / "bridge", config(sim, broker, commands=ALL_COMMANDS), env={"PWKIT_PASSWORD": PASSWORD}
    )
    observer.wait_for("pwkit/home/availability", lambda m: m.text == "online", timeout=30)
    yield {"sim": sim, "broker": broker, "observer": observer, "bridge": bridge, "root": root}
    bridge.stop()
    observer.close()
    broker.stop()
    sim.stop()


def writes(sim: RunningSimulator) -> int:
    requests = sim.stats()["requests"]
    return sum(requests.get(endpoint, 0) for endpoint in WRITES)


def answer(observer: Observer, command: str, since: float, **match: Any) -> dict[str, Any]:
    message = observer.wait_for(
        f"pwkit/home/response/{command}",
        lambda m: m.at >= since and all(json.loads(m.payload).get(k) == v for k, v in match.items()),
    )
    result = json.loads(message.payload)
    assert isinstance(result, dict)
    return result


# --------------------------------------------------------------------- readings


def test_every_poll_marked_reading_appears_on_its_topic(world: dict[str, Any]) -> None:
    observer = world["observer"]
    for op in OPERATIONS:
        if op.is_reading and op.poll in ("fast", "normal", "slow") and "{" not in op.path:
            observer.wait_for("pwkit/home/" + op.path.removeprefix("/api/"))


def test_a_reading_carries_the_simulators_value(world: dict[str, Any]) -> None:
    sim, observer = world["sim"], world["observer"]
    sim.control("POST", "/sites/0/override", {"path": "/api/system_status/soe", "set": {"percentage": 42.5}})
    try:
        observer.wait_for("pwkit/home/system_status/soe/percentage", lambda m: m.text == "42.5", timeout=5)
    finally:
        sim.control("DELETE", "/sites/0/override")


def test_leaves_list_items_by_their_natural_id_and_vitals_by_device(world: dict[str, Any]) -> None:
    observer = world["observer"]
    observer.wait_for("pwkit/home/system_status/battery_blocks/TG1210480013PQ/p_out")
    observer.wait_for("pwkit/home/devices/vitals/TEPOD--1081100-10-U--SSSSSSSSSSS/POD_nom_energy_remaining")
    observer.wait_for("pwkit/home/meters/aggregates/site/instant_power")


def test_derived_mode_and_app_scale_reserve(world: dict[str, Any]) -> None:
    observer = world["observer"]
    assert observer.wait_for("pwkit/home/operation/mode").text in ("self_consumption", "backup", "autonomous")
    app = float(observer.wait_for("pwkit/home/operation/backup_reserve_percent_app").text)
    gateway = float(observer.wait_for("pwkit/home/operation/backup_reserve_percent").text)
    assert app == pytest.approx((gateway - 5) / 0.95, abs=0.1)


def test_an_unchanged_value_is_not_republished_and_a_changed_one_is(world: dict[str, Any]) -> None:
    sim, observer = world["sim"], world["observer"]
    constant = "pwkit/home/meters/aggregates/site/timeout"
    observer.wait_for(constant)
    before = len(observer.on(constant))
    # Four more polls of the unchanged value, counted by the gateway (not by the wall clock).
    polled = aggregates_served(sim)
    wait_until(lambda: aggregates_served(sim) >= polled + 4, "four more polls of /api/meters/aggregates")
    assert len(observer.on(constant)) == before
    since = time.monotonic()
    original = observer.latest(constant).text  # type: ignore[union-attr]
    sim.control("POST", "/sites/0/override", {"path": "/api/meters/aggregates", "set": {"site.timeout": 60000000000}})
    try:
        observer.wait_for(constant, lambda m: m.at >= since and m.text == "60000000000", timeout=30)
    finally:
        sim.control("DELETE", "/sites/0/override")
    # The value goes back before the next test looks at it (it once saw the change back arrive mid-test).
    observer.wait_for(constant, lambda m: m.at >= since and m.text == original, timeout=30)


def test_every_reading_is_retained_so_a_late_subscriber_has_it_before_any_refresh(world: dict[str, Any]) -> None:
    """Home Assistant after its restart, or any subscriber joining late, gets every current value at once."""
    observer, broker = world["observer"], world["broker"]
    constant = "pwkit/home/meters/aggregates/site/timeout"  # published once: its first publication must be retained
    observer.wait_for(constant)
    last = {m.topic: m.payload for m in observer.messages if m.topic.startswith("pwkit/home/")}
    readings = {topic for topic, payload in last.items() if payload and not re.search(r"/(response|set)/", topic)}
    assert constant in readings and len(readings) > 100
    late = Observer(broker, ["pwkit/home/#"])
    try:
        # Retained messages arrive right after subscribing; the refresh is 60 s away (refresh_interval).
        wait_until(lambda: readings <= {m.topic for m in late.messages}, "every reading retained", timeout=5)
        retained = {m.topic for m in late.messages if m.retain}
        assert sorted(readings - retained) == []
        wait_until(
            lambda: late.latest(constant).text == observer.latest(constant).text,  # type: ignore[union-attr]
            "the late subscriber's value equal to the live one",
            timeout=5,
        )
    finally:
        late.close()


def aggregates_served(sim: RunningSimulator) -> int:
    return int(sim.stats()["requests"].get("GET /api/meters/aggregates", 0))


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    """Wait for an event; the timeout only ends a test that would otherwise hang."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"no {what} within {timeout} s"
        time.sleep(0.1)


def test_bridge_state_and_info_are_retained_and_carry_no_secret(world: dict[str, Any]) -> None:
    broker = world["broker"]
    late = Observer(broker, ["pwkit/bridge/#", "pwkit/home/availability"])
    try:
        assert late.wait_for("pwkit/bridge/+/state").text == "online"
        info = json.loads(late.wait_for("pwkit/bridge/+/info").payload)
        assert info["gateways"][0]["id"] == "home"
        assert set(info["gateways"][0]["commands"]) == {"mode", "reserve", "island", "sitemaster"}
        assert "fast" in info["poll"]
        assert PASSWORD not in json.dumps(info)
        assert late.wait_for("pwkit/home/availability").retain
    finally:
        late.close()


# --------------------------------------------------------------------- commands


def test_mode_plain_changes_the_gateway_and_answers_ok(world: dict[str, Any]) -> None:
    sim, observer = world["sim"], world["observer"]
    since = time.monotonic()
    observer.publish("pwkit/home/set/mode", "backup")
    assert answer(observer, "mode", since)["status"] == "ok"
    assert sim.control("GET", "/sites/0/state")["mode"] == "backup"
    observer.wait_for("pwkit/home/operation/mode", lambda m: m.at >= since and m.text == "backup", timeout=3)
    observer.publish("pwkit/home/set/mode", "self_consumption")
    answer(observer, "mode", since, requested="self_consumption", status="ok")


def test_reserve_as_json_with_a_transaction(world: dict[str, Any]) -> None:
    sim, observer = world["sim"], world["observer"]
    since = time.monotonic()
    observer.publish("pwkit/home/set/reserve", json.dumps({"value": 55, "transaction": "tx-55"}))
    result = answer(observer, "reserve", since, transaction="tx-55")
    assert (result["status"], result["requested"], result["error"]) == ("ok", 55, None)
    assert "value" not in result  # published on a command topic, an answer could not be taken for a command
    assert sim.control("GET", "/sites/0/state")["reserve"] == 55


def test_every_read_goes_out_under_the_customer_session_and_every_write_under_the_installers(
    world: dict[str, Any],
) -> None:
    """The README's promise: the installer session, which can change the battery, carries writes only."""
    sim, observer = world["sim"], world["observer"]
    sim.control("DELETE", "/sites/0/stats")
    since = time.monotonic()
    observer.publish("pwkit/home/set/reserve", json.dumps({"value": 57, "transaction": "roles-57"}))
    assert answer(observer, "reserve", since, transaction="roles-57")["status"] == "ok"
    wait_until(lambda: aggregates_served(sim) >= 3, "three more polls")
    roles = sim.stats()["roles"]
    served = [key.rsplit(" as ", 1) for key in roles]
    assert [e for e, role in served if e in WRITES and role != "installer"] == []
    assert [e for e, role in served if e not in WRITES and role == "installer"] == []
    assert {role for e, role in served if e not in WRITES} <= {"customer", "anonymous"}
    assert roles.get("POST /api/operation as installer") and roles.get("GET /api/meters/aggregates as customer")


def test_an_mqtt5_response_topic_gets_the_answer_with_its_correlation_data(world: dict[str, Any]) -> None:
    observer = world["observer"]
    since = time.monotonic()
    observer.publish("pwkit/home/set/reserve", "40", response_topic="pwkit/home/response/me-1", correlation=b"corr-1")
    reply = observer.wait_for("pwkit/home/response/me-1", lambda m: m.at >= since)
    assert reply.correlation == b"corr-1"
    assert json.loads(reply.payload)["status"] == "ok"


def test_island_goes_off_grid_and_back(world: dict[str, Any]) -> None:
    sim, observer = world["sim"], world["observer"]
    since = time.monotonic()
    observer.publish("pwkit/home/set/island", "off_grid")
    assert answer(observer, "island", since, requested="off_grid")["status"] == "ok"
    sim.control("POST", "/sites/0/advance", {"seconds": 5})
    observer.wait_for("pwkit/home/system_status/grid_status/grid_status", lambda m: m.text == "SystemIslandedActive")
    observer.publish("pwkit/home/set/island", "on_grid")
    assert answer(observer, "island", since, requested="on_grid")["status"] == "ok"
    sim.control("POST", "/sites/0/advance", {"seconds": 10})
    observer.wait_for(
        "pwkit/home/system_status/grid_status/grid_status", lambda m: m.at >= since and m.text == "SystemGridConnected"
    )


def test_sitemaster_stop_and_run(world: dict[str, Any]) -> None:
    sim, observer = world["sim"], world["observer"]
    since = time.monotonic()
    observer.publish("pwkit/home/set/sitemaster", json.dumps({"value": "stop"}))
    assert answer(observer, "sitemaster", since, requested="stop")["status"] == "ok"
    assert sim.control("GET", "/sites/0/state")["sitemaster_running"] is False
    health = observer.wait_for(
        "pwkit/home/health", lambda m: m.at >= since and json.loads(m.payload)["sitemaster_stopped"]
    )
    assert json.loads(health.payload)["availability"] == "online"
    observer.publish("pwkit/home/set/sitemaster", "run")
    assert answer(observer, "sitemaster", since, requested="run")["status"] == "ok"
    assert sim.control("GET", "/sites/0/state")["sitemaster_running"] is True


INVALID = [
    ("frobnicate", b"1", "unknown command"),
    ("reserve", b"101", "out of range"),
    ("reserve", b"-1", "out of range"),
    ("reserve", b"fifty", "expected a number"),
    ("reserve", b'{"value": true}', "expected a number"),
    ("mode", b"5", "expected one of"),
    ("mode", b"turbo", "expected one of"),
    ("island", b"underwater", "expected one of"),
    ("sitemaster", b"reboot", "expected one of"),
    ("mode", b"x" * 2000, "over the limit"),
    ("mode", b"\xff\xfe\xfd", "not UTF-8"),
    ("mode", b'{"value": "backup"', "not"),
    ("mode", b'{"mode": "backup"}', 'needs a "value"'),
    ("reserve", b'{"value": 20, "transaction": 7}', "transaction must be a string"),
]


@pytest.mark.parametrize(("command", "payload", "error"), INVALID)
def test_an_invalid_payload_is_answered_and_the_gateway_sees_nothing(
    world: dict[str, Any], command: str, payload: bytes, error: str
) -> None:
    sim, observer = world["sim"], world["observer"]
    before = writes(sim)
    since = time.monotonic()
    observer.publish(f"pwkit/home/set/{command}", payload)
    result = answer(observer, command, since)
    assert result["status"] == "error"
    assert error in result["error"]
    time.sleep(0.3)
    assert writes(sim) == before


def test_a_command_for_another_bridges_gateway_is_left_to_that_bridge(world: dict[str, Any]) -> None:
    observer = world["observer"]
    since = time.monotonic()
    observer.publish("pwkit/elsewhere/set/mode", "backup")
    observer.publish("pwkit/home/set/mode", "nonsense")  # answered: proves the bridge has read both
    observer.wait_for("pwkit/home/response/mode", lambda m: m.at >= since)
    assert observer.on("pwkit/elsewhere/response/mode") == []


def test_a_retained_command_is_refused_and_cleared(world: dict[str, Any]) -> None:
    sim, observer = world["sim"], world["observer"]
    before = writes(sim)
    since = time.monotonic()
    observer.publish("pwkit/home/set/mode", "backup", retain=True)
    result = answer(observer, "mode", since)
    assert result["status"] == "error" and "retained" in result["error"]
    time.sleep(0.5)
    assert writes(sim) == before
    check = Observer(world["broker"], ["pwkit/home/set/#"])
    try:
        time.sleep(0.5)
        assert [m for m in check.messages if m.payload] == []  # nothing retained is left to replay
    finally:
        check.close()


def test_a_burst_coalesces_to_the_latest_value_and_every_command_is_answered(world: dict[str, Any]) -> None:
    sim, observer = world["sim"], world["observer"]
    before = sim.stats()["requests"].get("POST /api/operation", 0)
    since = time.monotonic()
    for value in range(20, 40):
        observer.publish("pwkit/home/set/reserve", json.dumps({"value": value, "transaction": f"b{value}"}))
    final = answer(observer, "reserve", since, transaction="b39")
    assert final["status"] == "ok"
    time.sleep(0.5)
    answers = [json.loads(m.payload) for m in observer.on("pwkit/home/response/reserve") if m.at >= since]
    assert {a["transaction"] for a in answers} == {f"b{v}" for v in range(20, 40)}  # none lost
    assert len(answers) == 20  # none answered twice
    executed = sim.stats()["requests"].get("POST /api/operation", 0) - before
    # Coalesced: fewer writes than commands. How many exactly depends on how fast the burst arrived; the
    # spacing itself is counted on the simulated clock in test_bridge_timers.py.
    assert 1 <= executed < 20
    assert sim.control("GET", "/sites/0/state")["reserve"] == 39


# -------------------------------------------------------------------- failures


def test_a_gateway_offline_then_back_is_followed_by_the_availability_topic(world: dict[str, Any]) -> None:
    sim, observer = world["sim"], world["observer"]
    since = time.monotonic()
    sim.control("POST", "/sites/0/offline")
    try:
        observer.wait_for("pwkit/home/availability", lambda m: m.at >= since and m.text == "offline", timeout=20)
        refused_at = time.monotonic()
        observer.publish("pwkit/home/set/mode", "backup")
        result = answer(observer, "mode", refused_at)
        assert result["status"] == "error" and "offline" in result["error"]
    finally:
        sim.control("POST", "/sites/0/online")
    observer.wait_for("pwkit/home/availability", lambda m: m.at >= since and m.text == "online", timeout=20)
    assert world["bridge"].alive()


def test_a_lockout_causes_no_login_storm(world: dict[str, Any]) -> None:
    sim, observer = world["sim"], world["observer"]
    sim.control("DELETE", "/sites/0/stats")
    started = time.monotonic()
    sim.control("POST", "/sites/0/lockout", {"seconds": 600})  # lifted by the test, not by the clock
    sim.control("POST", "/sites/0/expire-sessions", {"role": "customer"})
    observer.wait_for("pwkit/home/availability", lambda m: m.at >= started and m.text == "offline")
    # Ten fast polls' worth: a bridge that logged in at every poll would have tried about ten times.
    time.sleep(5.0)
    stats = sim.stats()
    elapsed = time.monotonic() - started
    cooldown = 3  # rate_limit_cooldown in config(): one login attempt per cooldown at most
    assert stats["logins_ok"] == 0
    assert 1 <= stats["logins_refused"] <= 1 + elapsed / cooldown
    lifted = time.monotonic()
    sim.control("POST", "/sites/0/lockout", {"seconds": 0})
    observer.wait_for("pwkit/home/availability", lambda m: m.at >= lifted and m.text == "online", timeout=30)
    assert sim.stats()["logins_ok"] == 1  # one login after the cooldown, not one per poll
    assert world["bridge"].alive()


def test_a_broker_restart_is_survived_state_republished_and_commands_work(world: dict[str, Any]) -> None:
    sim, broker, bridge = world["sim"], world["broker"], world["bridge"]
    broker.stop()
    time.sleep(1.0)
    broker.start()  # persistence is off: the broker forgot every retained message
    fresh = Observer(broker, ["pwkit/#"])
    try:
        assert fresh.wait_for("pwkit/bridge/+/state", timeout=40).text == "online"
        fresh.wait_for("pwkit/home/status/version", timeout=10)
        late = Observer(broker, ["pwkit/home/status/version"])  # what a new subscriber finds retained
        try:
            assert late.wait_for("pwkit/home/status/version", lambda m: m.retain, timeout=5).text.startswith("21.39.1")
        finally:
            late.close()
        before = sim.stats()["requests"].get("POST /api/operation", 0)
        since = time.monotonic()
        fresh.publish("pwkit/home/set/reserve", json.dumps({"value": 33, "transaction": "after-restart"}))
        result = json.loads(fresh.wait_for("pwkit/home/response/reserve", lambda m: m.at >= since).payload)
        assert result["status"] == "ok"
        time.sleep(0.5)
        assert sim.stats()["requests"].get("POST /api/operation", 0) - before == 1  # once, not twice
        assert bridge.alive()
    finally:
        fresh.close()
    # The module's observer reconnects by itself (paho); give it a moment.
    world["observer"].wait_for("pwkit/bridge/+/state", lambda m: m.at >= since - 5, timeout=30)


def test_no_secret_on_any_topic_or_in_the_log(world: dict[str, Any]) -> None:
    observer, bridge = world["observer"], world["bridge"]
    everything = b"".join(m.payload for m in observer.messages).decode(errors="replace")
    everything += "".join(m.topic for m in observer.messages) + bridge.log()
    assert PASSWORD not in everything
    sessions = json.loads((world["root"] / "bridge" / "state" / "sessions.json").read_text())
    for session in sessions.values():
        assert session["token"] not in everything


# ------------------------------------------------------- other configurations


CUSTOMER_REFUSED = (
    "this login lacks the right to change the operation: the gateway allows it only to an installer "
    "(see pwkit login --installer) or through the Fleet API"
)


def test_with_a_customer_login_mode_and_reserve_get_the_gateways_403_end_to_end(tmp_path: Path) -> None:
    sim = RunningSimulator(tmp_path / "sim", "--customer-password", PASSWORD)
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["pwkit/#"])
    bridge = RunningBridge(
        tmp_path / "bridge",
        config(sim, broker, commands='allow_commands = ["mode", "reserve"]'),
        env={"PWKIT_PASSWORD": PASSWORD},
    )
    try:
        observer.wait_for("pwkit/home/availability", lambda m: m.text == "online", timeout=30)
        since = time.monotonic()
        observer.publish("pwkit/home/set/mode", "backup")
        assert answer(observer, "mode", since) == {
            "status": "error",
            "command": "mode",
            "requested": "backup",
            "transaction": None,
            "error": CUSTOMER_REFUSED,
            "route": "local-customer",  # commands.route = local: the gateway itself refused it
            "verified": None,  # nothing was written, so nothing is read back
            "note": None,
        }
        observer.publish("pwkit/home/set/reserve", json.dumps({"value": 60, "transaction": "r60"}))
        result = answer(observer, "reserve", since, transaction="r60")
        assert (result["status"], result["error"]) == ("error", CUSTOMER_REFUSED)
        time.sleep(1.0)
        stats = sim.stats()
        assert stats["requests"]["POST /api/operation"] == 2  # once per command: a 403 is not retried
        assert stats["statuses"]["403"] == 2
        assert "GET /api/config/completed" not in stats["requests"]
        state = sim.control("GET", "/sites/0/state")
        assert (state["mode"], state["reserve"], state["staged"]) == ("self_consumption", 30, None)
    finally:
        bridge.stop()
        observer.close()
        broker.stop()
        sim.stop()


def test_tls_password_auth_and_an_acl_limited_to_the_prefix(tmp_path: Path) -> None:
    sim = RunningSimulator(tmp_path / "sim", "--customer-password", PASSWORD)
    broker = Mosquitto(
        tmp_path / "mqtt",
        users={"bridge": "mqtt-bridge-pw", "watcher": "watcher-pw"},
        acl=[
            "user bridge",
            "topic readwrite pwkit/#",
            "topic read homeassistant/status",
            "topic write homeassistant/#",
            "user watcher",
            "topic read #",
            "topic write pwkit/+/set/#",
        ],
        tls=True,
    )
    observer = Observer(broker, ["#"], username="watcher", password="watcher-pw")
    url = f"mqtts://bridge:mqtt-bridge-pw@127.0.0.1:{broker.port}"
    body = config(sim, broker).replace(
        f'url = "{broker.url}"', f'url = "{url}"\nca = "{broker.ca}"\ntls_insecure = true'
    )
    bridge = RunningBridge(tmp_path / "bridge", body, env={"PWKIT_PASSWORD": PASSWORD})
    try:
        observer.wait_for("pwkit/home/meters/aggregates/site/instant_power", timeout=30)
        assert observer.wait_for("pwkit/bridge/+/state").text == "online"
        assert "mqtt-bridge-pw" not in bridge.log()
        assert not [m for m in observer.messages if not m.topic.startswith(("pwkit/", "homeassistant/"))]
    finally:
        bridge.stop()
        observer.close()
        broker.stop()
        sim.stop()


def test_a_wrong_configuration_fails_at_start_naming_the_setting(tmp_path: Path) -> None:
    import subprocess
    import sys

    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[mqtt]\nurl = "mqtt://localhost"\n[[gateway]]\nurl = "https://gw"\nallow_commands = ["mode", "warp"]\n'
    )
    result = subprocess.run(
        [sys.executable, "-m", "pwkit.cli", "bridge", "--config", str(bad)],
        capture_output=True,
        text=True,
        env={"PWKIT_PASSWORD": "x", "PATH": "/usr/bin:/bin"},
        timeout=30,
    )
    assert result.returncode == 2
    assert "gateway[0].allow_commands" in result.stderr and "'warp'" in result.stderr


# ------------------------------------------------------- Home Assistant discovery


def test_discovery_announces_the_gateway_as_one_device(world: dict[str, Any]) -> None:
    late = Observer(world["broker"], ["homeassistant/device/+/config"])
    try:
        message = late.wait_for("homeassistant/device/pwkit_home/config", lambda m: bool(m.payload))
        assert message.retain
        payload = json.loads(message.payload)
        assert payload["dev"]["sw"] == "21.39.1"
        assert {"mode", "reserve", "off_grid", "sitemaster_run", "sitemaster_stop"} <= set(payload["cmps"])
    finally:
        late.close()


def test_home_assistant_coming_online_gets_discovery_then_states(world: dict[str, Any]) -> None:
    broker = world["broker"]
    watcher = Observer(broker, ["homeassistant/device/#", "pwkit/home/system_status/soe/percentage"])
    try:
        time.sleep(0.5)  # past the retained messages
        since = time.monotonic()
        watcher.publish("homeassistant/status", "online")
        config = watcher.wait_for("homeassistant/device/pwkit_home/config", lambda m: m.at >= since, timeout=10)
        state = watcher.wait_for("pwkit/home/system_status/soe/percentage", lambda m: m.at >= config.at, timeout=10)
        # The random 1-3 s delay itself is held by a unit test on simulated time (test_discovery.py).
        assert state.at >= config.at
    finally:
        watcher.close()


def test_a_disabled_control_and_a_removed_gateway_are_removed_from_home_assistant(tmp_path: Path) -> None:
    sim = RunningSimulator(tmp_path / "sim", "--customer-password", PASSWORD)
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["homeassistant/#"])
    state = tmp_path / "shared-state"
    try:
        first = RunningBridge(
            tmp_path / "b1", config(sim, broker, commands='allow_commands = ["mode", "reserve"]'),
            "--state-dir", str(state), env={"PWKIT_PASSWORD": PASSWORD},
        )  # fmt: skip
        observer.wait_for(
            "homeassistant/device/pwkit_home/config", lambda m: "reserve" in json.loads(m.payload)["cmps"], timeout=30
        )
        first.stop()
        since = time.monotonic()
        second = RunningBridge(
            tmp_path / "b2", config(sim, broker, name="garage", commands='allow_commands = ["mode"]'),
            "--state-dir", str(state), env={"PWKIT_PASSWORD": PASSWORD},
        )  # fmt: skip
        try:
            gone = observer.wait_for("homeassistant/device/pwkit_home/config", lambda m: m.at >= since, timeout=30)
            assert gone.payload == b""  # the gateway "home" is no longer bridged
            observer.wait_for("homeassistant/device/pwkit_garage/config", lambda m: m.at >= since and bool(m.payload))
        finally:
            second.stop()
        since = time.monotonic()
        third = RunningBridge(
            tmp_path / "b3", config(sim, broker, name="garage", commands=""),
            "--state-dir", str(state), env={"PWKIT_PASSWORD": PASSWORD},
        )  # fmt: skip
        try:
            removal = observer.wait_for(
                "homeassistant/device/pwkit_garage/config",
                lambda m: (
                    m.at >= since and bool(m.payload) and json.loads(m.payload)["cmps"].get("mode") == {"p": "select"}
                ),
                timeout=30,
            )
            final = observer.wait_for("homeassistant/device/pwkit_garage/config", lambda m: m.at > removal.at)
            assert "mode" not in json.loads(final.payload)["cmps"]
        finally:
            third.stop()
    finally:
        observer.close()
        broker.stop()
        sim.stop()


def documented_topics() -> list[re.Pattern[str]]:
    """The topic reference, generated from the spec, as patterns (`<…>` is one level)."""
    text = (paths.GENERATED / "TOPICS.md").read_text()
    patterns = []
    reading = None
    for line in text.splitlines():
        if line.startswith("| `PREFIX/"):
            patterns.append(line.split("`")[1])
        elif line.startswith("#### `PREFIX/GW/"):
            reading = line.split("`")[1]
            patterns.append(reading)
        elif line.startswith("| `…/") and reading:
            patterns.append(reading + "/" + line.split("`")[1].removeprefix("…/"))
    compiled = []
    for pattern in patterns:
        regex = re.escape(pattern.replace("PREFIX", "pwkit").replace("GW", "home"))
        regex = regex.replace(r"\<", "<").replace(r"\>", ">")
        regex = re.sub(r"<[^>]*>", "[^/]+", re.sub(r"<[^>]*path>", ".+", regex))  # `<… path>`: levels
        compiled.append(re.compile(f"^{regex.replace('COMMAND', '[^/]+')}$"))
    return compiled


def test_every_published_topic_is_in_the_generated_topic_reference(world: dict[str, Any]) -> None:
    test_every_poll_marked_reading_appears_on_its_topic(world)  # every group has published once
    documented = documented_topics()
    published = {m.topic for m in world["observer"].messages if m.topic.startswith(("pwkit/home/", "pwkit/bridge/"))}
    published -= {t for t in published if "/set/" in t}  # what the tests themselves sent
    assert len(published) > 200
    undocumented = sorted(t for t in published if not any(p.match(t) for p in documented))
    assert undocumented == [], "\n".join(undocumented)


def test_under_mqtt_311_each_command_is_answered_once_and_its_topic_cleared(tmp_path: Path) -> None:
    sim = RunningSimulator(
        tmp_path / "sim", "--customer-password", PASSWORD, "--installer-password", INSTALLER_PASSWORD
    )
    installer_session(sim, tmp_path / "bridge" / "state", PASSWORD)
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["pwkit/#"])
    body = config(sim, broker, commands='allow_commands = ["mode"]').replace(
        'prefix = "pwkit"', 'prefix = "pwkit"\nprotocol = "3.1.1"'
    )
    bridge = RunningBridge(tmp_path / "bridge", body, env={"PWKIT_PASSWORD": PASSWORD})
    try:
        observer.wait_for("pwkit/home/availability", lambda m: m.text == "online", timeout=30)
        assert "MQTT 3.1.1" in bridge.log()
        since = time.monotonic()
        before = writes(sim)
        observer.publish("pwkit/home/set/mode", "backup", retain=True)  # live, so 3.1.1 shows no retain flag
        observer.wait_for("pwkit/home/response/mode", lambda m: m.at >= since)
        time.sleep(1.0)
        answers = [json.loads(m.payload) for m in observer.on("pwkit/home/response/mode") if m.at >= since]
        assert [a["status"] for a in answers] == ["error"]  # one answer, not a second to our own clearing
        assert "retained" in answers[0]["error"]
        assert writes(sim) == before
        since = time.monotonic()
        observer.publish("pwkit/home/set/mode", "backup")  # the same command, not retained, runs
        answer(observer, "mode", since, status="ok")
        late = Observer(broker, ["pwkit/home/set/#"])
        try:
            time.sleep(0.5)
            assert [m for m in late.messages if m.payload] == []
        finally:
            late.close()
    finally:
        bridge.stop()
        observer.close()
        broker.stop()
        sim.stop()
