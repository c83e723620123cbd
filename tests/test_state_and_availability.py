"""What the bridge keeps on disk, and what `availability` means (issue 26: A1, A5).

Real components: `pwkit simulate` over HTTPS (behind the fault proxy where a fault is needed), a real
mosquitto, `pwkit bridge` in a subprocess.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from .brokers import Mosquitto, Observer, RunningBridge
from .simulators import EMAIL, RunningSimulator

PASSWORD = "Gw-State-Pw-5583"


def config(broker_url: str, url: str, extra: str = "") -> str:
    return f"""
[mqtt]
url = "{broker_url}"
[bridge]
id = "b1"
request_timeout = 2.0
command_interval = 0.2
{extra}
[bridge.poll]
fast = 0.25
normal = 0.5
slow = 1
[[gateway]]
url = "{url}"
name = "home"
email = "{EMAIL}"
allow_commands = ["sitemaster"]
"""


@pytest.mark.slow
def test_an_unwritable_state_directory_keeps_the_session_in_memory_and_says_so(tmp_path: Path) -> None:
    """A1: sessions.tmp, pins.tmp and discovery's .tmp cannot be created: one login, readings published,
    health says why nothing is saved, and a command is answered."""
    sim = RunningSimulator(tmp_path / "sim", "--customer-password", PASSWORD)
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["#"])
    state = tmp_path / "b" / "state"
    for name in ("sessions.tmp", "pins.tmp", "discovery-b1.tmp"):
        (state / name).mkdir(parents=True)  # os.open(…, O_CREAT) of a directory fails: every save fails
    bridge = RunningBridge(tmp_path / "b", config(broker.url, sim.url), env={"PWKIT_PASSWORD": PASSWORD})
    try:
        observer.wait_for("pwkit/home/meters/aggregates/site/instant_power", timeout=40)
        observer.wait_for("pwkit/home/availability", lambda m: m.text == "online", timeout=20)
        health = observer.wait_for("pwkit/home/health", lambda m: bool(json.loads(m.payload)["storage"]), timeout=20)
        storage = json.loads(health.payload)["storage"]
        assert "sessions.json" in storage and "pins.json" in storage and "memory" in storage, storage
        time.sleep(5)  # 20 fast cycles
        assert sim.stats()["logins_ok"] == 1
        since = time.monotonic()
        observer.publish("pwkit/home/set/sitemaster", json.dumps({"value": "run", "transaction": "t1"}))
        answer = observer.wait_for("pwkit/home/response/sitemaster", lambda m: m.at >= since, timeout=20)
        assert json.loads(answer.payload)["status"] == "ok", answer.text
        assert "discovery-b1.json" in bridge.log()
        assert "Traceback" not in bridge.log()
    finally:
        bridge.stop()
        observer.close()
        broker.stop()
        sim.stop()


STATUS = b'{"din": "1232100-00-E--TG121048001F3G", "version": "21.39.1 7759c368"}'


@pytest.mark.slow
@pytest.mark.parametrize("fault", ["status", "html"])
def test_availability_goes_offline_when_no_reading_can_be_read(tmp_path: Path, fault: str) -> None:
    """A5: every reading answers 503 (or an HTML 200) while /api/status still answers: offline, with the reason."""
    from .faults.proxy import FaultProxy

    sim = RunningSimulator(tmp_path / "sim", "--customer-password", PASSWORD)
    proxy = FaultProxy(sim.url, tmp_path / "proxy")
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["pwkit/#"])
    bridge = RunningBridge(tmp_path / "b", config(broker.url, proxy.url), env={"PWKIT_PASSWORD": PASSWORD})
    try:
        observer.wait_for("pwkit/home/availability", lambda m: m.text == "online", timeout=40)
        since = time.monotonic()
        proxy.inject(fault, None, status=503)
        proxy.inject("body", ("/api/status",), body=STATUS)
        observer.wait_for("pwkit/home/availability", lambda m: m.at >= since and m.text == "offline", timeout=20)
        # health is a PUBLISH of its own, sent just after availability's: wait for it rather than read the
        # latest at once (CI once read the health from before the change).
        message = observer.wait_for(
            "pwkit/home/health", lambda m: m.at >= since and json.loads(m.payload)["availability"] == "offline", 5
        )
        assert json.loads(message.payload)["offline_reason"], message.payload
        went_offline = time.monotonic()
        time.sleep(4)  # four slow polls of /api/status: no flip back to online
        assert not [m for m in observer.on("pwkit/home/availability") if m.at >= went_offline]
        proxy.clear()
        observer.wait_for("pwkit/home/availability", lambda m: m.at >= went_offline and m.text == "online", 20)
    finally:
        bridge.stop()
        observer.close()
        broker.stop()
        proxy.stop()
        sim.stop()


@pytest.mark.slow
def test_a_refused_login_never_flips_availability_to_online(tmp_path: Path) -> None:
    """A5, D15: with a wrong password /api/status still answers (it needs no login): the gateway stays offline."""
    sim = RunningSimulator(tmp_path / "sim", "--customer-password", PASSWORD, "--lockout-attempts", "1000")
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["pwkit/#"])
    bridge = RunningBridge(tmp_path / "b", config(broker.url, sim.url), env={"PWKIT_PASSWORD": "wrong-password"})
    try:
        observer.wait_for("pwkit/home/availability", lambda m: m.text == "offline", timeout=40)
        time.sleep(5)  # five slow polls
        shown = [m.text for m in observer.on("pwkit/home/availability")]
        assert "online" not in shown, shown
        health = json.loads(observer.latest("pwkit/home/health").payload)  # type: ignore[union-attr]
        assert health["login"] == "refused", health
    finally:
        bridge.stop()
        observer.close()
        broker.stop()
        sim.stop()


@pytest.mark.slow
def test_a_new_installer_session_is_used_at_the_next_command_without_a_restart(tmp_path: Path) -> None:
    """D2: `pwkit login --installer` while the bridge runs: the next mode command runs over it, and bridge/info,
    health and discovery show the new route."""
    from .simulators import INSTALLER_PASSWORD, installer_session

    sim = RunningSimulator(
        tmp_path / "sim", "--customer-password", PASSWORD, "--installer-password", INSTALLER_PASSWORD
    )
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["#"])
    text = config(broker.url, sim.url).replace('allow_commands = ["sitemaster"]', 'allow_commands = ["mode"]')
    bridge = RunningBridge(tmp_path / "b", text, env={"PWKIT_PASSWORD": PASSWORD})
    try:
        observer.wait_for("pwkit/home/availability", lambda m: m.text == "online", timeout=40)
        since = time.monotonic()
        observer.publish("pwkit/home/set/mode", "backup")
        refused = observer.wait_for("pwkit/home/response/mode", lambda m: m.at >= since, timeout=20)
        assert "pwkit login --installer" in json.loads(refused.payload)["error"]
        installer_session(sim, tmp_path / "b" / "state", PASSWORD)  # what `pwkit login --installer` does
        since = time.monotonic()
        observer.publish("pwkit/home/set/mode", "backup")
        answer = json.loads(observer.wait_for("pwkit/home/response/mode", lambda m: m.at >= since, 20).payload)
        assert answer["status"] == "ok" and answer["route"] == "local-installer", answer
        # bridge/info follows within its 1 s throttle (INFO_INTERVAL): a burst of changes goes out once.
        observer.wait_for(
            "pwkit/bridge/b1/info",
            lambda m: json.loads(m.payload)["gateways"][0]["routes"].get("mode") == "local-installer",
            timeout=5,
        )
        health = json.loads(observer.latest("pwkit/home/health").payload)  # type: ignore[union-attr]
        assert health["command_route"] == "mode: local-installer", health
        device = json.loads(observer.latest("homeassistant/device/pwkit_home/config").payload)  # type: ignore[union-attr]
        assert "mode" in device["cmps"]
    finally:
        bridge.stop()
        observer.close()
        broker.stop()
        sim.stop()
