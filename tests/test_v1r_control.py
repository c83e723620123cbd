"""Local control over a paired key (issue 24), and every command's answer verified by reading it back.

`pwkit simulate` with a TEDAPI profile and its cloud (``--fleet``) over real HTTPS, a real mosquitto, and
`pwkit bridge` as users run it, one per route:

- ``v1r``: a key registered through the simulated cloud's ``grpc_command`` and verified at the simulated switch
  (the control API's power-cycle), routes ``auto``, and the Fleet API for storm watch;
- ``inst``: an installer session (the toggle), no key, no cloud (PW2 only: a Powerwall 3's REST has no
  ``/api/operation``);
- ``cloud``: a customer login and the Fleet API, no key;
- ``cust``: a customer login, route ``local``.

Each command's answer names its route and says ``verified``; the gateway's state after it is read from the
simulator's control API, not through the client under test.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pwkit.client.fleet import FleetOptions, FleetSession, FleetSite
from pwkit.client.tedapi_keys import default_key_path, load_or_create_key
from pwkit.client.tedapi_pairing import FleetRoute, state_of

from .brokers import Mosquitto, Observer, RunningBridge
from .simulators import EMAIL, INSTALLER_PASSWORD, RunningSimulator, installer_session

pytestmark = pytest.mark.slow

PASSWORD = "Gw-Control-6620"
VERIFIED = 3
ALL = '["mode", "reserve", "island", "sitemaster", "grid_charging", "export", "storm_watch", "backup_event"]'
TIMINGS: dict[str, list[float]] = {}  # route → seconds from command to verified answer (printed at the end)
TABLE: list[tuple[str, str, str, str, str, Any]] = []  # profile, bridge, command, value, status, verified


def fresh_token(sim: RunningSimulator) -> str:
    return sim.control("POST", "/fleet/refresh-token")["refresh_token"]  # type: ignore[no-any-return]


def register_and_verify(sim: RunningSimulator, key_file: Path, state: Path) -> None:
    """Pair a key as `pwkit pair` does: register it through the cloud's grpc_command, then the switch."""
    key, _ = load_or_create_key(key_file)
    f = sim.fleet

    async def go() -> None:
        options = FleetOptions(
            url=f["url"],
            client_id=f["client_id"],
            refresh_token=fresh_token(sim),
            auth_url=f["url"],
            ca=Path(f["ca"]),
            state_file=state / "pair-tokens.json",
            command_interval=0.0,
        )
        session = FleetSession(options)
        try:
            route = FleetRoute(FleetSite(session, din=sim.control("GET", "/sites/0/tedapi")["din"]))
            await route.add(key.public_der, "pwkit tests")
            sim.control("POST", "/sites/0/power-cycle", {"off_seconds": 16})
            assert state_of(await route.list(), key.public_der) == VERIFIED
        finally:
            await session.aclose()

    asyncio.run(go())


class World:
    def __init__(self, root: Path, profile: str, *, v1r: bool = True) -> None:
        self.root = root
        self.profile = profile
        self.pw3 = profile.startswith("pw3")
        self.sim = RunningSimulator(
            root / "sim", "--firmware", profile, "--fleet", "--customer-password", PASSWORD,
            "--installer-password", INSTALLER_PASSWORD,
        )  # fmt: skip
        self.broker = Mosquitto(root / "mqtt")
        self.observer = Observer(self.broker, ["#"])
        self.bridges: dict[str, RunningBridge] = {}
        self.key_file = default_key_path(root / "v1r" / "state")
        self.key_file.parent.mkdir(parents=True, exist_ok=True)
        if v1r:  # firmware before 26.x serves no v1r: no key to pair, no such bridge
            register_and_verify(self.sim, self.key_file, root)
            self.start("v1r", route="auto", fleet=True, tedapi="v1r")
        self.start("cloud", route="auto", fleet=True)
        self.start("cust", route="local")
        if not self.pw3:
            installer_session(self.sim, root / "inst" / "state", PASSWORD)
            self.start("inst", route="auto")
        for name in self.bridges:
            self.observer.wait_for(f"{name}/{name}/availability", lambda m: m.text == "online", timeout=60)

    def start(
        self, name: str, *, route: str, fleet: bool = False, tedapi: str = "off", extra: str = ""
    ) -> RunningBridge:
        env = {"PWKIT_PASSWORD": PASSWORD}
        if fleet:
            f = self.sim.fleet
            extra += (
                f'\n[fleet]\nclient_id = "{f["client_id"]}"\nurl = "{f["url"]}"\nauth_url = "{f["url"]}"\n'
                f'ca = "{f["ca"]}"\n'
            )
            env["PWKIT_FLEET_REFRESH_TOKEN"] = fresh_token(self.sim)
            # The configured site id (checked against the DIN); found without it: test_fleet_site_by_tedapi_din.py.
            extra = f"fleet_site_id = {f['sites'][0]['energy_site_id']}\n" + extra
        config = f"""
[mqtt]
url = "{self.broker.url}"
prefix = "{name}"
discovery = false

[bridge]
id = "{name}"
command_interval = 0.2
verify_timeout = 8
[bridge.poll]
fast = 2
normal = 2
slow = 4

[commands]
route = "{route}"

[[gateway]]
url = "{self.sim.url}"
name = "{name}"
email = "{EMAIL}"
tedapi = "{tedapi}"
allow_commands = {ALL}
allow_island = true
{extra}
"""
        bridge = RunningBridge(self.root / name, config, env=env)
        self.bridges[name] = bridge
        return bridge

    def stop(self) -> None:
        for bridge in self.bridges.values():
            bridge.stop()
        self.observer.close()
        self.broker.stop()
        self.sim.stop()

    def send(self, bridge: str, command: str, value: Any, timeout: float = 60) -> dict[str, Any]:
        transaction = f"t{time.monotonic_ns()}"
        started = time.monotonic()
        self.observer.publish(
            f"{bridge}/{bridge}/set/{command}", json.dumps({"value": value, "transaction": transaction})
        )
        message = self.observer.wait_for(
            f"{bridge}/{bridge}/response/{command}",
            lambda m: json.loads(m.payload).get("transaction") == transaction,
            timeout=timeout,
        )
        answer: dict[str, Any] = json.loads(message.payload)
        if answer.get("verified"):
            TIMINGS.setdefault(str(answer["route"]), []).append(time.monotonic() - started)
        TABLE.append((self.profile, bridge, command, str(value), str(answer["status"]), answer.get("verified")))
        return answer

    def state(self) -> dict[str, Any]:
        state: dict[str, Any] = self.sim.control("GET", "/sites/0/state")
        state.update(self.sim.control("GET", "/sites/0/tedapi")["settings"])
        return state

    def info(self, bridge: str) -> dict[str, Any]:
        message = self.observer.latest(f"{bridge}/bridge/{bridge}/info")
        assert message is not None
        gateway: dict[str, Any] = json.loads(message.payload)["gateways"][0]
        return gateway


@pytest.fixture(scope="module", params=["pw2-26.x", "pw3-26.x"])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = World(tmp_path_factory.mktemp(f"v1r-{request.param}"), request.param)
    yield w
    w.stop()


@pytest.fixture(autouse=True)
def clean_faults(request: pytest.FixtureRequest) -> Iterator[None]:
    # The world the test uses (the legacy profiles' tests must not start the 26.x worlds too).
    w: World = request.getfixturevalue("legacy" if "legacy" in request.fixturenames else "world")
    w.sim.control("DELETE", "/sites/0/tedapi-faults")
    w.sim.control("DELETE", "/fleet/faults")
    yield
    w.sim.control("DELETE", "/sites/0/tedapi-faults")
    w.sim.control("DELETE", "/fleet/faults")


def effect(state: dict[str, Any], command: str, value: Any) -> bool:
    """Whether the simulated gateway's state shows the command done."""
    if command == "mode":
        return bool(state["mode"] == value)
    if command == "reserve":
        return abs(float(state["reserve"]) - float(value)) < 0.6
    if command == "export":
        return bool(state["export_rule"] == value)
    if command == "grid_charging":
        return bool(state["grid_charging"] is (value == "on"))
    if command == "island":
        return (state["grid_status"] == "SystemIslandedActive") is (value == "off_grid")
    if command == "sitemaster":
        return bool(state["sitemaster_running"] is (value == "run"))
    if command == "backup_event":
        events = state["backup_events"]
        return not events if value == "cancel" else bool(events and events[0]["duration_seconds"] == value * 60)
    return True  # storm_watch: only the cloud knows it (its site_info), which the answer read back


# (bridge, command, values in order) → the route each profile's answer must name (None: the route does not exist)
MATRIX: list[tuple[str, str, tuple[Any, ...], dict[str, str | None]]] = [
    ("v1r", "mode", ("backup", "self_consumption"), {"pw2": "local-v1r", "pw3": "local-v1r"}),
    ("v1r", "reserve", (90, 30), {"pw2": "local-v1r", "pw3": "local-v1r"}),
    ("v1r", "export", ("never", "battery_ok"), {"pw2": "local-v1r", "pw3": "local-v1r"}),
    ("v1r", "grid_charging", ("off", "on"), {"pw2": "local-v1r", "pw3": "local-v1r"}),
    ("v1r", "island", ("off_grid", "on_grid"), {"pw2": "local-v1r", "pw3": "local-v1r"}),
    ("v1r", "backup_event", (45, "cancel"), {"pw2": "local-v1r", "pw3": "local-v1r"}),
    ("v1r", "storm_watch", ("on", "off"), {"pw2": "fleet", "pw3": "fleet"}),
    ("inst", "mode", ("backup", "self_consumption"), {"pw2": "local-installer", "pw3": None}),
    ("inst", "reserve", (60, 30), {"pw2": "local-installer", "pw3": None}),
    ("inst", "island", ("off_grid", "on_grid"), {"pw2": "local-installer", "pw3": None}),
    ("inst", "sitemaster", ("run",), {"pw2": "local-installer", "pw3": None}),
    ("cust", "sitemaster", ("run",), {"pw2": "local-customer", "pw3": None}),
    ("cloud", "mode", ("backup", "self_consumption"), {"pw2": "fleet", "pw3": "fleet"}),
    ("cloud", "reserve", (100, 30), {"pw2": "fleet", "pw3": "fleet"}),
    ("cloud", "export", ("pv_only", "battery_ok"), {"pw2": "fleet", "pw3": "fleet"}),
    ("cloud", "grid_charging", ("off", "on"), {"pw2": "fleet", "pw3": "fleet"}),
    ("cloud", "storm_watch", ("on", "off"), {"pw2": "fleet", "pw3": "fleet"}),
]


@pytest.mark.parametrize(("bridge", "command", "values", "expected"), MATRIX, ids=[f"{b}-{c}" for b, c, _, _ in MATRIX])
def test_every_command_over_every_route_is_answered_verified_and_the_gateway_shows_it(
    world: World, bridge: str, command: str, values: tuple[Any, ...], expected: dict[str, str | None]
) -> None:
    route = expected["pw3" if world.pw3 else "pw2"]
    if route is None:
        pytest.skip(f"{bridge} has no {command} route on {world.profile}")
    for value in values:
        answer = world.send(bridge, command, value)
        assert answer["route"] == route, answer
        assert answer["status"] == "ok" and answer["verified"] is True, answer
        assert effect(world.state(), command, value), (command, value, world.state())


# pw2-24.x and pw2-25.x have no v1r (TEDAPI over basic only): every command over the routes they offer, and
# a clear refusal (nothing sent, the gateway unchanged) where none is. (bridge, command, values) → profile → route.
LEGACY = ("pw2-24.x", "pw2-25.x")
LEGACY_MATRIX: list[tuple[str, str, tuple[Any, ...], dict[str, str | None]]] = [
    ("inst", "mode", ("backup", "self_consumption"), dict.fromkeys(LEGACY, "local-installer")),
    ("inst", "reserve", (60, 30), dict.fromkeys(LEGACY, "local-installer")),
    ("inst", "island", ("off_grid", "on_grid"), dict.fromkeys(LEGACY, "local-installer")),
    ("inst", "sitemaster", ("run",), dict.fromkeys(LEGACY, "local-installer")),
    ("cust", "sitemaster", ("run",), dict.fromkeys(LEGACY, "local-customer")),
    # Since 25.2.0 the gateway refuses going off-grid to a customer login (FACTS): 24.x still takes it.
    ("cust", "island", ("off_grid", "on_grid"), {"pw2-24.x": "local-customer", "pw2-25.x": None}),
    ("cloud", "mode", ("backup", "self_consumption"), dict.fromkeys(LEGACY, "fleet")),
    ("cloud", "reserve", (100, 30), dict.fromkeys(LEGACY, "fleet")),
    ("cloud", "export", ("pv_only", "battery_ok"), dict.fromkeys(LEGACY, "fleet")),
    ("cloud", "grid_charging", ("off", "on"), dict.fromkeys(LEGACY, "fleet")),
    ("cloud", "storm_watch", ("on", "off"), dict.fromkeys(LEGACY, "fleet")),
    ("cloud", "backup_event", (30,), dict.fromkeys(LEGACY)),  # TEG's backup events: a paired key only
]


@pytest.fixture(scope="module", params=LEGACY)
def legacy(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = World(tmp_path_factory.mktemp(f"legacy-{request.param}"), request.param, v1r=False)
    yield w
    w.stop()


@pytest.mark.parametrize(
    ("bridge", "command", "values", "expected"), LEGACY_MATRIX, ids=[f"{b}-{c}" for b, c, _, _ in LEGACY_MATRIX]
)
def test_before_26_every_command_over_the_routes_offered_is_verified_and_the_others_are_refused(
    legacy: World, bridge: str, command: str, values: tuple[Any, ...], expected: dict[str, str | None]
) -> None:
    route = expected[legacy.profile]
    for value in values:
        before = legacy.state()
        answer = legacy.send(bridge, command, value)
        if route is None:
            assert answer["status"] == "error" and answer["route"] is None and answer["verified"] is None, answer
            assert "has no route" in answer["error"], answer
            # Nothing was sent: what the command would change is as it was.
            assert effect(legacy.state(), command, value) == effect(before, command, value), legacy.state()
            continue
        assert answer["route"] == route, answer
        assert answer["status"] == "ok" and answer["verified"] is True, answer
        assert effect(legacy.state(), command, value), (command, value, legacy.state())


def test_start_up_and_bridge_info_name_the_local_v1r_route_and_storm_watch_stays_in_the_cloud(world: World) -> None:
    info = world.info("v1r")
    assert info["routes"]["reserve"] == "local-v1r" and info["routes"]["backup_event"] == "local-v1r"
    assert info["route_order"]["reserve"] == ["local-v1r", "fleet"]
    assert info["routes"]["storm_watch"] == "fleet"
    assert "no local representation" in info["route_notes"]["storm_watch"]
    log = world.bridges["v1r"].log()
    assert "local-v1r route ready" in log and "command reserve runs over local-v1r" in log


def test_a_write_acknowledged_but_not_applied_is_an_error_not_ok(world: World) -> None:
    before = world.state()["reserve"]
    world.sim.control("POST", "/sites/0/tedapi-faults", {"write_not_applied": True})
    answer = world.send("v1r", "reserve", 55)
    assert answer["status"] == "error" and answer["verified"] is False, answer
    assert "accepted but not applied after 8 s" in answer["error"]
    assert answer["route"] == "local-v1r"
    assert world.state()["reserve"] == before


def test_the_cloud_dropping_a_back_to_back_command_is_an_error_not_ok(world: World) -> None:
    world.sim.control("POST", "/fleet/faults", {"drop_back_to_back": True, "back_to_back_window": 30})
    first = world.send("cloud", "export", "pv_only")
    second = world.send("cloud", "export", "battery_ok")  # within the window: answered success, never applied
    assert first["status"] == "ok" and first["verified"] is True, first
    assert second["status"] == "error" and second["verified"] is False, second
    assert "accepted but not applied" in second["error"]
    assert world.state()["export_rule"] == "pv_only"


def test_reserve_90_works_over_v1r_and_over_the_cloud_gets_the_clear_refusal(world: World) -> None:
    local = world.send("v1r", "reserve", 90)
    assert local["status"] == "ok" and local["verified"] is True and world.state()["reserve"] == 90
    # Both TEDAPI profiles run 26.x (the 25.18.4 rule applies): the cloud route refuses before sending.
    cloud = world.send("cloud", "reserve", 90)
    assert cloud["status"] == "error" and cloud["route"] == "fleet" and cloud["verified"] is None, cloud
    assert "81 and 99" in cloud["error"] and "pwkit pair" in cloud["error"]
    world.send("v1r", "reserve", 30)


def test_two_writers_at_once_neither_loses_the_others_change(world: World) -> None:
    world.send("v1r", "export", "battery_ok")
    world.send("v1r", "grid_charging", "on")
    # Both bridges write config.json at the same moment: one update carries a stale hash, is read again and
    # written once more on the other's version.
    second = world.start("v1r2", route="local-v1r", tedapi="v1r")
    try:
        (second.config.parent / "state").mkdir(parents=True, exist_ok=True)
        (second.config.parent / "state" / world.key_file.name).write_bytes(world.key_file.read_bytes())
        (second.config.parent / "state" / world.key_file.name).chmod(0o600)
        world.observer.wait_for("v1r2/v1r2/availability", lambda m: m.text == "online", timeout=60)
        deadline = time.monotonic() + 30
        while world.info("v1r2")["routes"].get("export") != "local-v1r":
            assert time.monotonic() < deadline, world.info("v1r2")
            time.sleep(0.3)
        t1, t2 = f"a{time.monotonic_ns()}", f"b{time.monotonic_ns()}"
        world.observer.publish("v1r/v1r/set/export", json.dumps({"value": "never", "transaction": t1}))
        world.observer.publish("v1r2/v1r2/set/grid_charging", json.dumps({"value": "off", "transaction": t2}))
        a = world.observer.wait_for("v1r/v1r/response/export", lambda m: t1 in m.text, timeout=60)
        b = world.observer.wait_for("v1r2/v1r2/response/grid_charging", lambda m: t2 in m.text, timeout=60)
        assert json.loads(a.payload)["verified"] is True, a.text
        assert json.loads(b.payload)["verified"] is True, b.text
        state = world.state()
        assert state["export_rule"] == "never" and state["grid_charging"] is False, state
    finally:
        second.stop()
        world.bridges.pop("v1r2")
        world.send("v1r", "export", "battery_ok")
        world.send("v1r", "grid_charging", "on")


def test_a_stale_hash_is_read_again_and_written_once_keeping_the_other_writers_change(world: World) -> None:
    world.send("v1r", "export", "battery_ok")
    before = world.state()["reserve"]
    world.sim.control("POST", "/sites/0/tedapi-faults", {"another_writer": 1})
    answer = world.send("v1r", "export", "never")
    assert answer["status"] == "ok" and answer["verified"] is True, answer
    state = world.state()
    assert state["export_rule"] == "never" and state["reserve"] == before + 1  # ours and theirs
    assert "another writer" in world.bridges["v1r"].log()
    # Someone writes again before the one retry too: an answer, not a third write; the gateway keeps theirs.
    world.sim.control("POST", "/sites/0/tedapi-faults", {"another_writer": 2})
    twice = world.send("v1r", "export", "pv_only")
    assert twice["status"] == "error" and "not retried a second time" in twice["error"], twice
    assert world.state()["export_rule"] == "never" and world.state()["reserve"] == before + 3
    world.send("v1r", "reserve", 30)
    world.send("v1r", "export", "battery_ok")


@pytest.mark.parametrize(
    ("fault", "command", "value", "says"),
    [
        ("config_without_hash", "reserve", 44, "without its hash"),
        ("update_refused", "mode", "backup", "refused the update"),
    ],
)
def test_a_filestore_fault_is_a_clear_answer_and_the_gateway_is_left_unchanged(
    world: World, fault: str, command: str, value: Any, says: str
) -> None:
    before = world.state()
    world.sim.control("POST", "/sites/0/tedapi-faults", {fault: True})
    answer = world.send("v1r", command, value)
    assert answer["status"] == "error" and answer["route"] == "local-v1r" and answer["verified"] is None, answer
    assert says in answer["error"]
    after = world.state()
    assert (after["mode"], after["reserve"]) == (before["mode"], before["reserve"])


def test_bad_input_is_refused_before_any_request(world: World) -> None:
    for command, value, says in (
        ("reserve", 101, "out of range"),
        ("export", "sometimes", "expected one of pv_only, battery_ok, never"),
        ("backup_event", 0, "out of range"),
        ("backup_event", "soon", "cancel"),
    ):
        answer = world.send("v1r", command, value)
        assert answer["status"] == "error" and answer["route"] is None and says in answer["error"], answer


def test_island_while_a_backup_event_runs_is_refused_and_the_site_stays_on_grid(world: World) -> None:
    assert world.send("v1r", "backup_event", 30)["verified"] is True
    try:
        answer = world.send("v1r", "island", "off_grid")
        assert answer["status"] == "error" and "manual backup event runs until" in answer["error"], answer
        assert "backup_event = cancel" in answer["error"]
        assert world.state()["grid_status"] == "SystemGridConnected"
    finally:
        world.send("v1r", "backup_event", "cancel")


def test_a_removed_key_is_named_and_the_command_falls_back_to_the_cloud(world: World) -> None:
    """The key is removed on the gateway while the bridge runs: the next answer says so, names `pwkit pair`,
    and the command runs over the next route (the cloud), which the answer names."""
    keys = world.sim.control("GET", "/sites/0/keys")
    assert keys
    key, _ = load_or_create_key(world.key_file)

    async def remove() -> None:
        f = world.sim.fleet
        session = FleetSession(
            FleetOptions(
                url=f["url"], client_id=f["client_id"], refresh_token=fresh_token(world.sim), auth_url=f["url"],
                ca=Path(f["ca"]), state_file=world.root / "rm-tokens.json", command_interval=0.0,
            )
        )  # fmt: skip
        try:
            route = FleetRoute(FleetSite(session, din=world.sim.control("GET", "/sites/0/tedapi")["din"]))
            await route.remove(key.public_der)
        finally:
            await session.aclose()

    asyncio.run(remove())
    try:
        answer = world.send("v1r", "mode", "backup")
        assert answer["status"] == "ok" and answer["verified"] is True, answer
        assert answer["route"] == "fleet"
        assert "pwkit pair" in answer["note"] and "carried out over fleet instead" in answer["note"]
        assert world.state()["mode"] == "backup"
        only_local = world.send("v1r", "backup_event", 30)
        assert only_local["status"] == "error" and "pwkit pair" in only_local["error"], only_local
    finally:
        register_and_verify(world.sim, world.key_file, world.root)
        world.send("v1r", "mode", "self_consumption")


def test_a_key_pending_verification_is_named_and_the_command_runs_over_the_cloud(world: World) -> None:
    name = "pend"
    key_file = default_key_path(world.root / name / "state")
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key, _ = load_or_create_key(key_file)

    async def register() -> None:  # registered, and the switch never flipped: PENDING_VERIFICATION
        f = world.sim.fleet
        session = FleetSession(
            FleetOptions(
                url=f["url"], client_id=f["client_id"], refresh_token=fresh_token(world.sim), auth_url=f["url"],
                ca=Path(f["ca"]), state_file=world.root / "pend-tokens.json", command_interval=0.0,
            )
        )  # fmt: skip
        try:
            await FleetRoute(FleetSite(session, din=world.sim.control("GET", "/sites/0/tedapi")["din"])).add(
                key.public_der, "pending"
            )
        finally:
            await session.aclose()

    asyncio.run(register())
    bridge = world.start(name, route="auto", fleet=True, tedapi="v1r")
    try:
        world.observer.wait_for(f"{name}/{name}/availability", lambda m: m.text == "online", timeout=60)
        before = world.state()
        answer = world.send(name, "mode", "backup")
        assert answer["route"] == "fleet" and answer["status"] == "ok" and answer["verified"] is True, answer
        assert "pwkit pair" in answer["note"] and "carried out over fleet" in answer["note"]
        assert "not verified" in answer["note"] or "verif" in answer["note"], answer["note"]
        assert world.state()["mode"] == "backup" and before["reserve"] == world.state()["reserve"]
    finally:
        bridge.stop()
        world.bridges.pop(name)
        world.send("v1r", "mode", "self_consumption")


def test_pairing_while_running_shows_the_new_route_without_a_restart(world: World) -> None:
    name = "late"
    bridge = world.start(name, route="auto", tedapi="v1r")
    try:
        world.observer.wait_for(f"{name}/{name}/availability", lambda m: m.text == "online", timeout=60)
        world.observer.wait_for(f"{name}/bridge/{name}/info", lambda m: '"late"' in m.text, timeout=30)
        assert world.info(name)["routes"]["backup_event"] is None
        state = bridge.config.parent / "state"
        target = state / world.key_file.name
        target.write_bytes(world.key_file.read_bytes())
        target.chmod(0o600)
        deadline = time.monotonic() + 30
        while world.info(name)["routes"].get("backup_event") != "local-v1r":
            assert time.monotonic() < deadline, world.info(name)
            time.sleep(0.3)
        assert "local-v1r route ready" in bridge.log()
        target.unlink()  # the key file removed: the route goes too
        deadline = time.monotonic() + 30
        while world.info(name)["routes"].get("backup_event") is not None:
            assert time.monotonic() < deadline, world.info(name)
            time.sleep(0.3)
    finally:
        bridge.stop()
        world.bridges.pop(name)


def test_zz_report_the_table_and_timings(world: World) -> None:
    """Not an assertion of behaviour: prints the command × route × profile table and the times (pytest -s)."""
    for route, times in sorted(TIMINGS.items()):
        print(f"{route}: n={len(times)} median={statistics.median(times):.2f}s worst={max(times):.2f}s")
    for row in TABLE:
        print(" | ".join(str(c) for c in row))
