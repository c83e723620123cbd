"""Every command through every route, at 21.39.1 and 25.2.0: the gateway as customer, as installer, Tesla's cloud.

One simulator (`--fleet`), one mosquitto and three bridges per firmware profile
(each under its own prefix, its name):
``cust`` (customer login, ``commands.route = local``), ``cloud`` (customer
login + the Fleet API, ``auto``) and ``inst`` (customer login plus an
installer session obtained through the toggle, ``auto``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pwkit.bridge import routes

from .brokers import Mosquitto, Observer, RunningBridge
from .simulators import EMAIL, INSTALLER_PASSWORD, RunningSimulator, installer_session

pytestmark = pytest.mark.slow

PASSWORD = "Gw-Secret-5521"
INSTALLER = INSTALLER_PASSWORD
ALL = '["mode", "reserve", "island", "sitemaster", "grid_charging", "export", "storm_watch"]'
LOCAL_WRITES = ("POST /api/operation", "POST /api/v2/islanding/mode")


def bridge_config(sim: RunningSimulator, broker: Mosquitto, name: str, *, route: str, extra: str = "") -> str:
    return f"""
[mqtt]
url = "{broker.url}"
prefix = "{name}"
discovery = false

[bridge]
command_interval = 0.2
[bridge.poll]
fast = 2
normal = 2
slow = 4

[commands]
route = "{route}"

[[gateway]]
url = "{sim.url}"
name = "{name}"
email = "{EMAIL}"
allow_commands = {ALL}
allow_island = true
{extra}
"""


def fleet_section(sim: RunningSimulator) -> str:
    f = sim.fleet
    return f'\n[fleet]\nclient_id = "{f["client_id"]}"\nurl = "{f["url"]}"\nauth_url = "{f["url"]}"\nca = "{f["ca"]}"\n'


class World:
    def __init__(self, root: Path, firmware: str) -> None:
        self.root = root
        self.firmware = firmware
        self.sim = RunningSimulator(
            root / "sim", "--firmware", firmware, "--fleet", "--customer-password", PASSWORD,
            "--installer-password", INSTALLER,
        )  # fmt: skip
        self.broker = Mosquitto(root / "mqtt")
        self.observer = Observer(self.broker, ["#"])
        self.tokens = [self.sim.control("POST", "/fleet/refresh-token")["refresh_token"]]
        self.bridges: dict[str, RunningBridge] = {}
        self.start("cust", route="local")
        # The installer's session comes through the physical toggle, left where the bridge finds it.
        installer_session(self.sim, root / "inst" / "state", PASSWORD)
        self.start("inst", route="auto")
        self.start("cloud", route="auto")
        for name in self.bridges:
            self.observer.wait_for(f"{name}/{name}/availability", lambda m: m.text == "online", timeout=60)

    def start(self, name: str, *, route: str, extra: str = "") -> RunningBridge:
        env = {"PWKIT_PASSWORD": PASSWORD}
        if name == "cloud":
            extra += fleet_section(self.sim)
            env["PWKIT_FLEET_REFRESH_TOKEN"] = self.tokens[0]
        config = bridge_config(self.sim, self.broker, name, route=route, extra=extra)
        bridge = RunningBridge(self.root / name, config, env=env)
        self.bridges[name] = bridge
        return bridge

    def stop(self) -> None:
        for bridge in self.bridges.values():
            bridge.stop()
        self.observer.close()
        self.broker.stop()
        self.sim.stop()

    def send(self, gateway: str, command: str, value: Any) -> dict[str, Any]:
        """Send a command, wait for its answer (matched by transaction).

        Tesla documents no per-site command limit and neither does the simulated cloud: commands go back to
        back, and what a test checks is read back (the readings), never assumed from the answer.
        """
        transaction = f"t{time.monotonic_ns()}"
        self.observer.publish(
            f"{gateway}/{gateway}/set/{command}", json.dumps({"value": value, "transaction": transaction})
        )
        message = self.observer.wait_for(
            f"{gateway}/{gateway}/response/{command}",
            lambda m: json.loads(m.payload).get("transaction") == transaction,
            timeout=60,
        )
        answer = json.loads(message.payload)
        assert isinstance(answer, dict)
        return answer

    def reading(self, topic: str, expected: str, timeout: float = 30) -> None:
        """Wait until the topic's current (latest) value is ``expected``."""
        deadline = time.monotonic() + timeout
        while True:
            latest = self.observer.latest(topic)
            if latest is not None and latest.text == expected:
                return
            assert time.monotonic() < deadline, f"{topic} is {latest.text if latest else None!r}, not {expected!r}"
            time.sleep(0.1)

    def local_writes(self) -> int:
        requests = self.sim.stats()["requests"]
        return sum(requests.get(endpoint, 0) for endpoint in LOCAL_WRITES)


@pytest.fixture(scope="module", params=["21.39.1", "25.2.0"])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = World(tmp_path_factory.mktemp(f"routes-{request.param}"), request.param)
    yield w
    w.stop()


# ------------------------------------------------------------------- the routes


def test_start_up_names_each_commands_route_in_the_log_and_bridge_info(world: World) -> None:
    info = json.loads(world.observer.wait_for("cloud/bridge/+/info", lambda m: '"cloud"' in m.text).payload)
    routes_of = {g["id"]: g["routes"] for g in info["gateways"]}
    # Since 25.2.0 the gateway refuses off-grid to a customer, and the cloud offers none: island has no route.
    island = "local-customer" if world.firmware == "21.39.1" else None
    assert routes_of["cloud"] == {
        "mode": "fleet",
        "reserve": "fleet",
        "island": island,
        "sitemaster": "local-customer",
        "grid_charging": "fleet",
        "export": "fleet",
        "storm_watch": "fleet",
    }
    log = world.bridges["cloud"].log()
    assert "command mode runs over fleet" in log
    assert ("command island runs over local-customer" in log) == (island is not None)
    assert log.count("command mode runs over") == 1


def test_customer_login_on_the_local_route_is_refused_with_the_clear_answer(world: World) -> None:
    answer = world.send("cust", "mode", "backup")
    assert answer["route"] == "local-customer", answer["error"]
    assert answer["status"] == "error"
    assert "lacks the right to change the operation" in answer["error"]
    assert "pwkit login --installer" in answer["error"]
    reserve = world.send("cust", "reserve", 30)
    assert reserve["route"] == "local-customer" and "lacks the right" in reserve["error"]
    island = world.send("cust", "island", "on_grid")
    if world.firmware == "25.2.0":  # refused before any request: no route (hardening D5)
        assert island["route"] is None and island["status"] == "error" and "25.2.0" in island["error"], island
    else:
        assert island["route"] == "local-customer" and island["status"] == "ok", island
    sitemaster = world.send("cust", "sitemaster", "run")
    assert sitemaster["route"] == "local-customer" and sitemaster["status"] == "ok", sitemaster
    for command, value in (("grid_charging", "off"), ("export", "never")):
        refused = world.send("cust", command, value)
        assert refused["status"] == "error" and refused["route"] is None
        # What would enable one: the Fleet API; not a paired key, which a Powerwall 2 takes only from firmware 26.
        assert "--fleet-client-id" in refused["error"], refused
        assert "takes a paired key from firmware 26" in refused["error"] and "pwkit pair" not in refused["error"]
    refused = world.send("cust", "storm_watch", "on")
    assert refused["status"] == "error" and refused["route"] is None
    assert "no local representation" in refused["error"]


@pytest.mark.parametrize(
    ("command", "value", "topic", "shown"),
    [
        ("mode", "backup", "operation/mode", "backup"),
        ("reserve", 24, "operation/backup_reserve_percent", "24.0"),
        ("mode", "self_consumption", "operation/mode", "self_consumption"),
        ("grid_charging", "off", "fleet/grid_charging", "off"),
        ("export", "never", "fleet/export", "never"),
        ("export", "pv_only", "fleet/export", "pv_only"),
        ("storm_watch", "on", "fleet/storm_watch", "on"),
        ("grid_charging", "on", "fleet/grid_charging", "on"),
    ],
)
def test_with_the_fleet_api_a_command_runs_in_the_cloud_and_the_readings_show_it(
    world: World, command: str, value: Any, topic: str, shown: str
) -> None:
    before = world.local_writes()
    answer = world.send("cloud", command, value)
    assert answer["status"] == "ok", answer
    assert answer["route"] == "fleet"
    world.reading(f"cloud/cloud/{topic}", shown)
    assert world.local_writes() == before  # the gateway was only read


def test_the_reserve_means_the_same_on_the_fleet_route_as_locally(world: World) -> None:
    # 43 on the gateway's scale is 40 in the app (gateway = 5 + 0.95 × app); the cloud takes the app's.
    assert world.send("cloud", "reserve", 43)["route"] == "fleet"
    world.reading("cloud/cloud/fleet/backup_reserve_percent_app", "40")
    world.reading("cloud/cloud/operation/backup_reserve_percent", "43.0")
    assert world.sim.control("GET", "/sites/0/state")["reserve"] == 43.0


def test_island_and_sitemaster_stay_local_with_the_fleet_api(world: World) -> None:
    answer = world.send("cloud", "sitemaster", "run")
    assert answer["route"] == "local-customer" and answer["status"] == "ok", answer
    island = world.send("cloud", "island", "on_grid")
    if world.firmware == "25.2.0":  # no route: refused before any request, and never sent to the cloud
        assert island["route"] is None and "25.2.0" in island["error"], island
    else:
        assert island["route"] == "local-customer", island


def test_as_installer_mode_and_reserve_run_locally(world: World) -> None:
    answer = world.send("inst", "mode", "autonomous")
    assert answer["status"] == "ok" and answer["route"] == "local-installer", answer
    world.reading("inst/inst/operation/mode", "autonomous")
    answer = world.send("inst", "reserve", 33)
    assert answer["status"] == "ok" and answer["route"] == "local-installer", answer
    world.reading("inst/inst/operation/backup_reserve_percent", "33.0")
    for command, value in (("island", "on_grid"), ("sitemaster", "run")):
        local = world.send("inst", command, value)
        assert local["status"] == "ok" and local["route"] == "local-installer", local
    refused = world.send("inst", "export", "never")
    assert refused["route"] is None and "--fleet-client-id" in refused["error"]


# ------------------------------------------------------------------ the manners


def test_a_429_is_answered_and_no_request_goes_to_the_cloud_before_retry_after(world: World) -> None:
    world.sim.control("POST", "/fleet/faults", {"rate_limit_for": 4})
    first = world.send("cloud", "reserve", 40)
    assert first["status"] == "error" and first["route"] == "fleet"
    assert "429" in first["error"]  # (the readings may have met the 429 first: then it was not even sent)
    second = world.send("cloud", "storm_watch", "off")
    assert second["status"] == "error" and "not retried" in second["error"]
    # Commands sent meanwhile are answered at once and never reach the cloud, so asking again is the wait.
    deadline = time.monotonic() + 15
    while (answer := world.send("cloud", "storm_watch", "off"))["status"] != "ok":
        assert "not retried" in answer["error"] and time.monotonic() < deadline, answer
    log = world.sim.fleet_stats()["log"]
    limited = [e["t"] for e in log if e["status"] == 429]
    assert len(limited) == 1, limited  # the commands inside Retry-After were never sent
    assert not [e for e in log if limited[0] < e["t"] < limited[0] + 4]


def test_a_rotated_token_survives_a_bridge_restart(world: World) -> None:
    world.bridges["cloud"].stop()
    refreshes = world.sim.fleet_stats()["token_refreshes"]
    world.sim.control("POST", "/fleet/expire-tokens")  # the restarted bridge must use the rotated token
    since = time.monotonic()
    world.start("cloud", route="auto")  # the same, long used, token in its environment
    world.observer.wait_for("cloud/cloud/availability", lambda m: m.at >= since and m.text == "online", timeout=60)
    answer = world.send("cloud", "mode", "backup")
    assert answer["status"] == "ok" and answer["route"] == "fleet", answer
    assert world.sim.fleet_stats()["token_refreshes"] > refreshes
    assert "invalid_grant" not in world.bridges["cloud"].log()


def test_no_secret_in_any_log_or_message(world: World) -> None:
    state = json.loads((world.root / "cloud" / "state" / "fleet-tokens.json").read_text())
    sessions = json.loads((world.root / "inst" / "state" / "sessions.json").read_text())
    installer = [v["token"] for k, v in sessions.items() if k.endswith("installer") and isinstance(v, dict)]
    assert installer, "no installer session to look for"
    secrets = [*world.tokens, state["refresh_token"], state["access_token"], PASSWORD, INSTALLER, *installer]
    texts = [b.log() for b in world.bridges.values()]
    texts += [m.topic + m.payload.decode("utf-8", "replace") for m in world.observer.messages]
    for secret in secrets:
        assert secret and not any(secret in text for text in texts)


def test_a_reserve_of_81_to_99_on_25_18_4_is_answered_with_the_reason_and_not_sent(world: World) -> None:
    world.sim.control("POST", "/fleet/faults", {"site_firmware": "25.18.4"})
    try:
        assert world.send("cloud", "storm_watch", "off")["status"] == "ok"  # the bridge reads the cloud's version
        sent = world.sim.fleet_stats()["requests"].get("POST /api/1/energy_sites/{energy_site_id}/backup", 0)
        answer = world.send("cloud", "reserve", 90)
        assert answer["status"] == "error" and answer["route"] == "fleet"
        assert "between 81 and 99" in answer["error"] and "at most 80, or 100" in answer["error"]
        after = world.sim.fleet_stats()["requests"].get("POST /api/1/energy_sites/{energy_site_id}/backup", 0)
        assert after == sent
        assert world.send("cloud", "reserve", 100)["status"] == "ok"
    finally:
        world.sim.control("DELETE", "/fleet/faults")


@pytest.mark.parametrize(
    ("odd", "says"),
    [
        ("empty", "an empty body"),
        ("html", "an HTML page"),
        ("null", "response was null"),
        ("421", "wrong region"),
        ("refused-200", "code 400"),
    ],
)
def test_an_odd_cloud_answer_gets_a_clear_answer_on_mqtt_and_no_retry_storm(world: World, odd: str, says: str) -> None:
    world.sim.control("POST", "/fleet/faults", {"odd_answer": odd})
    try:
        before = world.sim.fleet_stats()["total"]
        answer = world.send("cloud", "storm_watch", "on")
        assert answer["status"] == "error" and answer["route"] == "fleet"
        assert says in answer["error"] and len(answer["error"]) < 700
        time.sleep(1.0)  # the bridge reads back after a Fleet command only when it succeeded: nothing more comes
        assert world.sim.fleet_stats()["total"] - before <= 2  # the command (and at most the site lookup)
        assert world.bridges["cloud"].alive()
    finally:
        world.sim.control("DELETE", "/fleet/faults")


def test_a_refused_token_stops_the_route_says_what_to_do_and_readings_go_on(world: World) -> None:
    world.sim.control("POST", "/fleet/revoke")
    answer = world.send("cloud", "mode", "backup")
    assert answer["status"] == "error" and answer["route"] == "fleet"
    assert "refused" in answer["error"] and "PWKIT_FLEET_REFRESH_TOKEN" in answer["error"]
    # At once, not at the next cloud read (five minutes away): fleet/status and health both say it.
    status = world.observer.wait_for(
        "cloud/cloud/fleet/status", lambda m: '"available": false' in m.text and "refused" in m.text, timeout=5
    )
    world.observer.wait_for(
        "cloud/cloud/health", lambda m: "refused" in str(json.loads(m.payload).get("fleet")), timeout=5
    )
    since = status.at
    # Local readings go on: the bridge keeps reading the gateway and publishing what changes.
    world.observer.wait_for(
        "cloud/cloud/#",
        lambda m: m.at > since and m.topic.split("/")[2] not in ("fleet", "health", "response", "availability"),
        timeout=30,
    )
    assert world.bridges["cloud"].alive()
    refreshes = world.sim.fleet_stats()["requests"].get("POST /oauth2/v3/token", 0)
    world.send("cloud", "reserve", 30)
    assert world.sim.fleet_stats()["requests"].get("POST /oauth2/v3/token", 0) == refreshes  # no storm


# -------------------------------------------------------------------- unit level


def test_auto_without_installer_or_fleet_answers_what_is_missing_and_how() -> None:
    route, why = routes.choose("mode", "auto", "customer", False, "https://192.168.1.50")
    assert route is None and why is not None
    assert "pwkit login --installer https://192.168.1.50" in why and "--fleet-client-id" in why
    assert routes.choose("reserve", "auto", "customer", True, "u") == ("fleet", None)
    assert routes.choose("reserve", "auto", "installer", True, "u") == ("local-installer", None)
    assert routes.choose("island", "fleet", "customer", True, "u") == ("local-customer", None)
    assert routes.choose("export", "local", "installer", True, "u")[0] is None
    assert "pwkit pair https://192.168.1.50" in why  # a paired key would enable it too


def test_auto_prefers_a_paired_key_then_rest_then_the_cloud_and_names_what_would_enable_a_route() -> None:
    url = "https://192.168.1.50"
    assert routes.plan("reserve", "auto", "installer", True, url, "26.10.4", v1r=None)[0] == [
        "local-v1r",
        "local-installer",
        "fleet",
    ]
    assert routes.plan("export", "auto", "customer", True, url, "26.10.4", v1r=None)[0] == ["local-v1r", "fleet"]
    # island: the key first; REST as customer is refused since 25.2.0; the cloud offers none.
    assert routes.plan("island", "auto", "customer", True, url, "26.10.4", v1r=None)[0] == ["local-v1r"]
    assert routes.plan("storm_watch", "auto", "customer", True, url, "26.10.4", v1r=None)[0] == ["fleet"]
    assert routes.plan("backup_event", "auto", "installer", True, url, "26.10.4", v1r=None)[0] == ["local-v1r"]
    route, why = routes.choose("backup_event", "auto", "installer", True, url, "26.10.4", v1r="no paired key at k")
    assert route is None and why is not None and f"pwkit pair {url}" in why
    # A forced route: only that one, and the refusal says so.
    assert routes.plan("mode", "fleet", "installer", True, url, "26.10.4", v1r=None)[0] == ["fleet"]
    assert routes.plan("mode", "local-v1r", "installer", True, url, "26.10.4", v1r=None)[0] == ["local-v1r"]
    route, why = routes.choose("storm_watch", "local-v1r", "customer", True, url, v1r=None)
    assert route is None and why is not None and "commands.route = local-v1r" in why


def test_a_powerwall_2_before_26_is_not_told_to_pair_a_key_it_cannot_take() -> None:
    url = "https://192.168.1.50"
    for firmware in ("24.44.1", "25.10.1 8a2f"):
        route, why = routes.choose("backup_event", "auto", "installer", True, url, firmware)
        assert route is None and why is not None and "takes a paired key from firmware 26" in why, why
        assert f"this one runs {firmware.split(' ')[0]}" in why and f"pwkit pair {url}" not in why
    # From 26 on, and on a Powerwall 3 whatever its version, pairing is the way.
    assert f"pwkit pair {url}" in (routes.choose("backup_event", "auto", "installer", True, url, "26.10.4")[1] or "")
    assert f"pwkit pair {url}" in (
        routes.choose("backup_event", "auto", "customer", True, url, "25.10.1", powerwall3=True)[1] or ""
    )


def test_the_cloud_reserve_refusal_says_it_works_locally_over_a_paired_key() -> None:
    from pwkit.bridge.commands import Command

    text = routes.reserve_rule_refusal(Command("reserve", 90.0), "gateway", "26.10.4 abc")
    assert text is not None and "81 and 99" in text and "pwkit pair" in text and "local-v1r" in text


def test_an_answer_says_whether_the_effect_was_seen_and_what_happened_on_the_way() -> None:
    from pwkit.bridge.commands import Command

    answer = Command("reserve", 90.0, "t1").answer(None, "fleet", True, "carried out over fleet instead of local-v1r")
    assert answer["verified"] is True and answer["route"] == "fleet" and answer["note"].startswith("carried out")
    assert Command("reserve", 90.0).answer("bad")["verified"] is None
