"""The bridge reads TEDAPI (issue 23) end to end: `pwkit simulate` with a TEDAPI profile over real HTTPS (its LAN
listener and its access point), a real mosquitto, `pwkit bridge` as users run it.

Each profile's readings arrive with their units (per battery unit, PV string, island, alerts), Home Assistant
gets the devices, and the faults a real gateway has leave REST readings going with a truthful availability.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from pwkit.bridge.topics import topic_safe
from pwkit.bridge.units import unit_of

from .brokers import Mosquitto, Observer, RunningBridge
from .simulators import EMAIL, RunningSimulator

pytestmark = pytest.mark.slow
PASSWORD = "Gw-Tedapi-4471"
STICKER = "SIMULATED-QR-PASSWORD"  # the simulator's default sticker password


def config(sim: RunningSimulator, broker: Mosquitto, *, tedapi: str = "auto", extra: str = "") -> str:
    access_point = (sim.control("GET", "/sites/0/tedapi").get("access_point") or {}).get("url") or ""
    return f"""
[mqtt]
url = "{broker.url}"
[bridge]
id = "b1"
request_timeout = 3.0
vanish_grace = 30
[bridge.poll]
fast = 0.5
normal = 1
slow = 2
[[gateway]]
url = "{sim.url}"
name = "home"
email = "{EMAIL}"
tedapi = "{tedapi}"
tedapi_url = "{access_point}"
{extra}
"""


INFO = "pwkit/bridge/b1/info"


def _gateway_info(message: Any) -> dict[str, Any]:
    gateway: dict[str, Any] = json.loads(message.payload)["gateways"][0]
    return gateway


class Site:
    """A simulator with one TEDAPI profile, a broker, an observer and a bridge."""

    def __init__(
        self,
        tmp: Path,
        profile: str,
        *,
        tedapi: str = "auto",
        sticker: bool = True,
        extra: str = "",
        before: Any = None,
        named: bool = True,
    ) -> None:
        self.sim = RunningSimulator(tmp / "sim", "--firmware", profile, "--customer-password", PASSWORD)
        if before is not None:
            before(self.sim, tmp / "b" / "state")  # e.g. pair a v1r key into the bridge's state directory
        self.broker = Mosquitto(tmp / "mqtt")
        self.observer = Observer(self.broker, ["#"])
        env = {"PWKIT_PASSWORD": PASSWORD, **({"PWKIT_TEDAPI_PASSWORD": STICKER} if sticker else {})}
        text = config(self.sim, self.broker, tedapi=tedapi, extra=extra)
        if not named:  # the gateway's id is then its serial
            text = text.replace('name = "home"\n', "")
        self.bridge = RunningBridge(tmp / "b", text, env=env)

    def wait(self, topic: str, predicate: Any = lambda m: True, timeout: float = 40.0) -> Any:
        return self.observer.wait_for(f"pwkit/home/{topic}", predicate, timeout=timeout)

    def latest(self, topic: str) -> str | None:
        message = self.observer.latest(f"pwkit/home/{topic}")
        return message.text if message is not None else None

    def control(self, method: str, path: str, body: Any = None, timeout: float = 60.0) -> Any:
        response = httpx.request(method, self.sim.control_url + path, json=body, timeout=timeout)
        response.raise_for_status()
        return response.json()

    def rest_requests(self, path: str = "GET /api/meters/aggregates") -> int:
        return int(self.sim.stats().get("requests", {}).get(path, 0))

    def tedapi_requests(self) -> int:
        counts = self.sim.control("GET", "/sites/0/tedapi").get("requests") or {}
        return sum(counts.values()) if isinstance(counts, dict) else int(counts)

    def info(self) -> dict[str, Any]:
        message = self.observer.latest(INFO)
        assert message is not None
        return _gateway_info(message)

    def info_when(self, predicate: Any, timeout: float = 20.0) -> dict[str, Any]:
        """bridge/info is throttled (INFO_INTERVAL) and follows a change later than the topics that show it."""
        return _gateway_info(self.observer.wait_for(INFO, lambda m: predicate(_gateway_info(m)), timeout))

    def close(self) -> None:
        self.bridge.stop()
        self.observer.close()
        self.broker.stop()
        self.sim.stop()


# profile → (the transport auto must find, derived topics that must appear, REST restricted?)
PW2_TEMPERATURE = "tedapi/units/+/temperature_ambient"  # from the full DeviceController answer's components.msa
PROFILES = {
    "pw2-24.x": (
        "basic",
        ["tedapi/strings/A/voltage", "tedapi/inverters/TG1210480013PV/power", PW2_TEMPERATURE],
        False,
    ),
    "pw2-25.x": ("basic", ["tedapi/strings/A/current", PW2_TEMPERATURE], False),
    "pw2-26.x": ("basic", ["tedapi/strings/A/power", PW2_TEMPERATURE], False),
    "pw3-26.x": ("basic", ["tedapi/strings/F/state", "tedapi/inverters/pch0/temperature_ambient"], True),
}


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_every_tedapi_profile_publishes_units_strings_island_and_alerts_with_units(
    tmp_path: Path, profile: str
) -> None:
    transport, topics, restricted = PROFILES[profile]
    site = Site(tmp_path, profile)
    try:
        site.wait("availability/tedapi/device_controller", lambda m: m.text == "online")
        for topic in ["tedapi/site/energy_remaining", "tedapi/island/contactor_closed", *topics]:
            site.wait(topic)
        site.wait("tedapi/alerts/active", lambda m: "SystemConnectedToGrid" in json.loads(m.payload))
        site.wait("tedapi/alerts/SystemConnectedToGrid", lambda m: m.text == "on")
        # Every battery unit: energy in Wh (the spec's unit: kWh on a PW3, converted), its own availability.
        unit = site.wait("tedapi/units/+/energy_remaining", timeout=60)
        serial = unit.topic.split("/")[-2]
        assert float(unit.text) > 100, unit.text  # Wh, not kWh
        assert unit_of(unit.topic) == "Wh"
        site.wait(f"availability/tedapi/units/{serial}", lambda m: m.text == "online")
        # The answers themselves, under the spec's topics, with the spec's units.
        full = site.wait("tedapi/device_controller/control/systemStatus/nominalFullPackEnergyWh")
        assert unit_of(full.topic) == "Wh" and float(full.text) > 0
        for topic in topics:
            if topic.endswith(("voltage", "current", "power")):
                assert unit_of(f"pwkit/home/{topic}") in ("V", "A", "W")
        # Home Assistant: the unit is its own device, via the gateway's.
        discovery = site.observer.wait_for(f"homeassistant/device/pwkit_home_{serial}/config", timeout=30)
        device = json.loads(discovery.payload)
        assert device["dev"]["via_device"] == "pwkit_home"
        assert device["cmps"]["remaining"]["unit_of_measurement"] == "kWh"
        if PW2_TEMPERATURE in topics:
            # The unit's temperature on its device, in °C; the answer's own topic carries the spec's unit.
            temperature = device["cmps"]["temperature_ambient"]
            assert temperature["unit_of_measurement"] == "°C" and temperature["device_class"] == "temperature"
            assert temperature["state_topic"].endswith(f"/tedapi/units/{serial}/temperature_ambient")
            signal = site.wait("tedapi/device_controller/components/msa/+/THC_AmbientTemp")
            assert unit_of(signal.topic) == "°C" and -40 < float(signal.text) < 80, signal.text
        # bridge/info says which transport and why.
        gateway = site.info_when(lambda g: g["sources"]["tedapi"]["transport"] == transport)
        tedapi = gateway["sources"]["tedapi"]
        assert tedapi["why"], tedapi
        assert (gateway["sources"]["rest"]["transport"] == "restricted") is restricted
        assert STICKER not in site.bridge.log() and PASSWORD not in site.bridge.log()
        # Stopped, it closes its connections: asyncio logs an ERROR for a session left open at the end.
        site.bridge.stop()
        assert site.bridge.process.returncode == 0 and "Unclosed" not in site.bridge.log(), site.bridge.log()[-2000:]
    finally:
        site.close()


def pair_over_wifi(sim: RunningSimulator, state_dir: Path) -> None:
    """`pwkit pair --wifi` from the access point, the owner's switch off and on: a verified v1r key in state_dir."""
    env = {**os.environ, "PWKIT_STICKER_PASSWORD": STICKER, "PWKIT_PASSWORD": PASSWORD, "PWKIT_EMAIL": EMAIL}
    access_point = sim.site()["access_point"]
    command = [sys.executable, "-m", "pwkit.cli", "pair", access_point, "--wifi", "--state-dir", str(state_dir)]
    command += ["--ca", sim.site()["ca"], "--poll-every", "0.3"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 30
    while not any(k["StateName"] == "PENDING_VERIFICATION" for k in sim.control("GET", "/sites/0/keys")):
        assert time.monotonic() < deadline and process.poll() is None, process.communicate()[0]
        time.sleep(0.2)
    sim.control("POST", "/sites/0/power-cycle", {"off_seconds": 16})
    out, _ = process.communicate(timeout=60)
    assert process.returncode == 0 and "VERIFIED" in out, out


def test_a_paired_key_makes_auto_choose_v1r_on_the_lan(tmp_path: Path) -> None:
    """pw2-26.x serves v1r on the LAN: with a key paired by `pwkit pair`, auto uses it (no sticker password)."""
    site = Site(tmp_path, "pw2-26.x", sticker=False, before=pair_over_wifi)
    try:
        site.wait("availability/tedapi/device_controller", lambda m: m.text == "online", timeout=60)
        site.wait("tedapi/units/+/energy_remaining")
        tedapi = site.info_when(lambda g: g["sources"]["tedapi"]["transport"] == "v1r")["sources"]["tedapi"]
        assert site.sim.url in tedapi["why"], tedapi
        assert "BEGIN" not in site.bridge.log()  # the private key never logged
    finally:
        site.close()


def test_the_access_point_dropping_leaves_rest_going_and_tedapi_availability_truthful(tmp_path: Path) -> None:
    """pw2-25.x serves TEDAPI only on its access point: when it drops, availability/tedapi/… goes offline while
    the REST readings and the gateway's availability go on; when it is back, TEDAPI is found again."""
    site = Site(tmp_path, "pw2-25.x", extra="tedapi_poll = { device_controller = 15 }")
    try:
        site.wait("availability/tedapi/device_controller", lambda m: m.text == "online")
        started = time.monotonic()
        site.control("POST", "/sites/0/access-point", {"down": True})
        print(f"access point down after {time.monotonic() - started:.1f} s")
        site.wait("availability/tedapi/device_controller", lambda m: m.text == "offline", timeout=60)
        seen = site.rest_requests()
        time.sleep(3)
        assert site.rest_requests() > seen  # REST goes on
        assert site.latest("availability") == "online"
        assert site.latest("availability/meters/aggregates") == "online"
        back = time.monotonic()
        site.control("POST", "/sites/0/access-point", {"down": False})
        site.wait(
            "availability/tedapi/device_controller",
            lambda m: m.text == "online" and m.at > back,
            timeout=120,
        )
    finally:
        site.close()


def test_a_503_storm_pauses_tedapi_with_zero_requests_while_rest_goes_on(tmp_path: Path) -> None:
    site = Site(tmp_path, "pw3-26.x")
    try:
        site.wait("availability/tedapi/device_controller", lambda m: m.text == "online")
        site.sim.control("POST", "/sites/0/tedapi-faults", {"busy_status": 503})
        site.wait("availability/tedapi/device_controller", lambda m: m.text == "offline", timeout=60)
        before = site.tedapi_requests()
        rest_before = site.rest_requests()
        time.sleep(20)
        assert site.tedapi_requests() == before, "TEDAPI requests during the 300 s pause"
        assert site.rest_requests() > rest_before + 20  # REST read on: fast polls every 0.5 s
        assert site.latest("availability") == "online"
        paused = site.info()["sources"]["tedapi"]
        assert paused["paused_for"] and 250 < paused["paused_for"] <= 300, paused
        health = json.loads(site.latest("health") or "{}")
        assert "503" in health["errors"]["tedapi"], health
    finally:
        site.close()


def test_rotated_query_signing_keys_are_named_and_rest_goes_on(tmp_path: Path) -> None:
    site = Site(tmp_path, "pw2-24.x")
    try:
        site.wait("availability/tedapi/device_controller", lambda m: m.text == "online")
        site.sim.control("POST", "/sites/0/tedapi-faults", {"queries_rotated": True})
        site.wait("availability/tedapi/device_controller", lambda m: m.text == "offline", timeout=60)
        health = site.wait("health", lambda m: "update pwkit" in str(json.loads(m.payload)["errors"].get("tedapi")))
        assert "rotated" in json.loads(health.payload)["errors"]["tedapi"]
        assert site.latest("availability") == "online"
        assert site.latest("availability/meters/aggregates") == "online"
    finally:
        site.close()


def test_a_lifetime_counter_that_drops_to_zero_is_held_and_flagged(tmp_path: Path) -> None:
    """A PW3's aggregates read 0 for a while (counters stuck at 0): MQTT keeps the last good value, health says
    so, and when the counter comes back it flows on. Home Assistant's Energy dashboard never sees a decrease."""
    site = Site(tmp_path, "pw3-26.x", tedapi="off")
    topic = "meters/aggregates/site/energy_imported"
    try:
        good = float(site.wait(topic).text)
        assert good > 0
        site.sim.control(
            "POST",
            "/sites/0/override",
            {"path": "/api/meters/aggregates", "set": {"site.energy_imported": 0}},
        )
        health = site.wait("health", lambda m: bool(json.loads(m.payload)["counters_held"]))
        held = json.loads(health.payload)["counters_held"]
        assert held[topic]["read"] == 0 and held[topic]["held"] >= good, held
        # The whole answer goes out again with the next change of any of its values (a power, within seconds).
        held_at = health.at
        site.wait("meters/aggregates", lambda m: m.at > held_at + 0.5)
        values = [float(m.text) for m in site.observer.on(f"pwkit/home/{topic}")]
        assert min(values) >= good and values == sorted(values), values  # never a decrease on MQTT
        # The whole answer's JSON topic carries the same counter: held there too.
        whole = [
            json.loads(m.payload)["site"]["energy_imported"] for m in site.observer.on("pwkit/home/meters/aggregates")
        ]
        assert min(whole) >= good and whole == sorted(whole), whole
        site.sim.control("DELETE", "/sites/0/override")
        site.wait("health", lambda m: not json.loads(m.payload)["counters_held"])
        values = [float(m.text) for m in site.observer.on(f"pwkit/home/{topic}")]
        assert values == sorted(values), values
        whole = [
            json.loads(m.payload)["site"]["energy_imported"] for m in site.observer.on("pwkit/home/meters/aggregates")
        ]
        assert whole == sorted(whole), whole
    finally:
        site.close()


def test_a_follower_is_read_over_the_access_point_its_pack_is_a_device_and_its_loss_is_said(tmp_path: Path) -> None:
    """pw3-26.x-follower: the leader answers v1r on the LAN (a paired key), which answers TIMEOUT for the follower;
    the bridge reads the follower over the access point (pypowerwall's way), publishes its pack as a unit device in
    Home Assistant, and when the access point drops says so (availability, bridge/info) while the leader's
    readings go on."""
    site = Site(tmp_path, "pw3-26.x-follower", before=pair_over_wifi)
    try:
        [follower] = site.sim.control("GET", "/sites/0/tedapi")["followers"]
        serial = follower.rsplit("--", 1)[-1]
        site.wait("availability/tedapi/device_controller", lambda m: m.text == "online", timeout=60)
        unit = site.wait(f"tedapi/units/{serial}/energy_remaining", timeout=60)
        assert float(unit.text) > 100 and unit_of(unit.topic) == "Wh"
        site.wait(f"availability/tedapi/followers/{serial}/components", lambda m: m.text == "online")
        # Its whole answers under tedapi/followers/<serial>/…, with the spec's units of the leader's (kWh).
        pack = site.wait(f"tedapi/followers/{serial}/components/components/bms/+/BMS_nominalFullPackEnergy")
        assert unit_of(pack.topic) == "kWh" and 1 < float(pack.text) < 100, pack.text
        # Its pack's health (Compliance, over the same path), on its own device.
        discharged = site.wait(f"tedapi/battery_health/{serial}/energy_discharged_total")
        assert unit_of(discharged.topic) == "Wh" and float(discharged.text) > 1000, discharged.text
        site.wait(f"availability/tedapi/units/{serial}", lambda m: m.text == "online")
        device = json.loads(
            site.observer.wait_for(f"homeassistant/device/pwkit_home_{serial}/config", timeout=30).payload
        )
        assert device["dev"]["via_device"] == "pwkit_home" and device["dev"]["sn"] == serial
        assert device["cmps"]["remaining"]["state_topic"] == f"pwkit/home/tedapi/units/{serial}/energy_remaining"
        reachable = site.info_when(
            lambda g: g["sources"]["tedapi"]["followers"].get(serial, {}).get("reachable") is not None
        )
        tedapi = reachable["sources"]["tedapi"]
        assert tedapi["transport"] == "v1r", tedapi
        assert tedapi["followers"][serial]["reachable"] is True and "basic at" in tedapi["followers"][serial]["via"]
        leader = site.sim.control("GET", "/sites/0/tedapi")["din"].rsplit("--", 1)[-1]
        # The access point drops: the follower is said unreachable, the leader (v1r on the LAN) goes on.
        down = time.monotonic()
        site.control("POST", "/sites/0/access-point", {"down": True})
        site.wait(f"availability/tedapi/followers/{serial}/components", lambda m: m.text == "offline", timeout=60)
        site.wait(f"availability/tedapi/units/{serial}", lambda m: m.text == "offline")
        lost = site.info_when(lambda g: g["sources"]["tedapi"]["followers"].get(serial, {}).get("reachable") is False)
        assert lost["sources"]["tedapi"]["followers"][serial]["why"]
        assert site.latest("availability/tedapi/device_controller") == "online"
        assert site.latest(f"availability/tedapi/units/{leader}") == "online"
        site.wait("tedapi/site/energy_remaining", lambda m: m.at > down + 1, timeout=60)  # still read
        assert STICKER not in site.bridge.log() and PASSWORD not in site.bridge.log()
    finally:
        site.close()


def test_battery_health_is_published_with_units_and_discovered(tmp_path: Path) -> None:
    """The Compliance query (a PW3's battery health): capacity, cycles and discharge totals per pack, in Wh,
    and the unit's health sensors in Home Assistant."""
    site = Site(tmp_path, "pw3-26.x")
    try:
        site.wait("availability/tedapi/compliance", lambda m: m.text == "online", timeout=60)
        din = site.sim.control("GET", "/sites/0/tedapi")["din"]
        serial = din.rsplit("--", 1)[-1]
        base = f"tedapi/battery_health/{serial}"
        capacity = site.wait(f"{base}/full_pack_energy")
        discharged = site.wait(f"{base}/energy_discharged_total")
        cycles = site.wait(f"{base}/full_cycles")
        assert unit_of(capacity.topic) == "Wh" and float(capacity.text) > 1000, capacity.text  # Wh, not kWh
        assert unit_of(discharged.topic) == "Wh" and float(discharged.text) > 1000, discharged.text
        assert float(cycles.text) >= 0
        device = json.loads(
            site.observer.wait_for(f"homeassistant/device/pwkit_home_{serial}/config", timeout=30).payload
        )
        health = device["cmps"]["health_discharged"]
        assert health["state_topic"] == f"pwkit/home/{base}/energy_discharged_total"
        assert health["unit_of_measurement"] == "kWh" and health["state_class"] == "total_increasing"
        assert device["cmps"]["health_capacity"]["state_topic"] == f"pwkit/home/{base}/full_pack_energy"
        assert device["cmps"]["health_cycles"]["state_topic"] == f"pwkit/home/{base}/full_cycles"
    finally:
        site.close()


def test_a_powerwall_3_without_a_name_is_published_under_its_tedapi_serial(tmp_path: Path) -> None:
    """A PW3 answers 404 on /api/status: with no name, its id comes from the DIN TEDAPI reads (the same serial
    /api/status gives other gateways), its readings are published under it, bridge/info names it, and it is
    kept in the state directory's gateway-ids.json like any other gateway's."""
    site = Site(tmp_path, "pw3-26.x", named=False)
    try:
        din = site.sim.control("GET", "/sites/0/tedapi")["din"]
        gateway_id = topic_safe(din.rsplit("--", 1)[-1])
        reading = site.observer.wait_for(f"pwkit/{gateway_id}/meters/aggregates/site/instant_power", timeout=60)
        float(reading.text)
        site.observer.wait_for(f"pwkit/{gateway_id}/availability", lambda m: m.text == "online")
        site.observer.wait_for(f"pwkit/{gateway_id}/tedapi/site/energy_remaining", timeout=60)
        info = json.loads(site.observer.wait_for("pwkit/bridge/b1/info").payload)
        assert [g["id"] for g in info["gateways"]] == [gateway_id], info
        assert info["unidentified"] == [], info
        saved = json.loads((tmp_path / "b" / "state" / "gateway-ids.json").read_text())
        assert gateway_id in saved.values(), saved
        assert STICKER not in site.bridge.log() and PASSWORD not in site.bridge.log()
    finally:
        site.close()


def test_a_powerwall_3_without_a_name_or_tedapi_says_why_it_has_no_id_and_publishes_nothing(tmp_path: Path) -> None:
    site = Site(tmp_path, "pw3-26.x", tedapi="off", named=False)
    try:
        message = site.observer.wait_for(
            "pwkit/bridge/b1/info", lambda m: bool(json.loads(m.payload)["unidentified"]), timeout=30
        )
        info = json.loads(message.payload)
        assert info["gateways"] == [], info
        [waiting] = info["unidentified"]
        assert waiting["url"] == site.sim.url
        assert "no /api/status" in waiting["why"] and "no TEDAPI configured" in waiting["why"], waiting
        assert "set name" in waiting["why"], waiting
        assert "no /api/status on this gateway (a Powerwall 3?) and no TEDAPI configured" in site.bridge.log()
        time.sleep(5)  # polls at 0.5 s: anything published under a guessed id would be there by now
        gateway_topics = {
            m.topic for m in site.observer.messages if m.topic.startswith("pwkit/") and "/bridge/" not in m.topic
        }
        assert gateway_topics == set(), sorted(gateway_topics)[:10]
        assert site.observer.on("homeassistant/device/+/config") == []  # no Home Assistant device either
        assert site.bridge.alive()
    finally:
        site.close()
