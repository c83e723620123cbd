"""Several bridges on one broker and one prefix, several gateways per bridge (issue 26: D1, D4, D6).

Real components: `pwkit simulate` over HTTPS, a real mosquitto, `pwkit bridge` in subprocesses.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from .brokers import Mosquitto, Observer, RunningBridge
from .simulators import EMAIL, RunningSimulator

PASSWORD = "Gw-Several-Pw-2231"


def config(broker_url: str, url: str, name: str | None, extra: str = "") -> str:
    named = f'name = "{name}"' if name else ""
    return f"""
[mqtt]
url = "{broker_url}"
[bridge]
request_timeout = 2.0
{extra}
[bridge.poll]
fast = 0.5
normal = 1
slow = 3
[[gateway]]
url = "{url}"
{named}
email = "{EMAIL}"
"""


def availability_of(observer: Observer, device: dict[str, object]) -> dict[str, str | None]:
    """Every availability topic a Home Assistant device follows, with its retained value now."""
    topics = {a["topic"] for a in device["availability"]}  # type: ignore[attr-defined]
    for component in device["cmps"].values():  # type: ignore[attr-defined]
        topics |= {a["topic"] for a in component.get("availability", [])}
    out = {}
    for topic in topics:
        latest = observer.latest(topic)
        out[topic] = latest.text if latest else None
    return out


@pytest.mark.slow
def test_two_bridges_side_by_side_and_one_stops(tmp_path: Path) -> None:
    """Two bridges, one broker, one prefix, one state directory: stopping one leaves the other's entities
    available, and neither deletes the other's Home Assistant device at start-up."""
    sims = [RunningSimulator(tmp_path / f"sim{i}", "--customer-password", PASSWORD) for i in range(2)]
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["#"])
    shared = tmp_path / "shared-state"
    env = {"PWKIT_PASSWORD": PASSWORD}
    bridges: list[RunningBridge] = []
    try:
        for name, sim in zip(("home", "cabin"), sims, strict=True):
            bridges.append(
                RunningBridge(tmp_path / name, config(broker.url, sim.url, name), "--state-dir", str(shared), env=env)
            )
            observer.wait_for(f"pwkit/{name}/availability", lambda m: m.text == "online", timeout=40)
            observer.wait_for(f"homeassistant/device/pwkit_{name}/config", lambda m: bool(m.payload), timeout=20)
        time.sleep(1.0)
        # Neither start-up removed the other's device (an empty retained config deletes it in Home Assistant).
        assert observer.on("homeassistant/device/pwkit_home/config")[-1].payload
        assert not [m for m in observer.on("homeassistant/device/+/config") if not m.payload]
        states = {m.topic for m in observer.on("pwkit/bridge/+/state")}
        assert len(states) == 2, states  # one state topic per bridge
        cabin = json.loads(observer.latest("homeassistant/device/pwkit_cabin/config").payload)  # type: ignore[union-attr]

        since = time.monotonic()
        bridges[0].stop()
        observer.wait_for("pwkit/bridge/+/state", lambda m: m.at >= since and m.text == "offline", timeout=20)
        time.sleep(1.0)
        shown = availability_of(observer, cabin)
        assert all(value == "online" for value in shown.values()), shown
        assert observer.latest("homeassistant/device/pwkit_cabin/config").payload  # type: ignore[union-attr]
        assert bridges[1].alive()
    finally:
        for bridge in bridges:
            bridge.stop()
        observer.close()
        broker.stop()
        for sim in sims:
            sim.stop()


@pytest.mark.slow
def test_a_gateway_id_never_depends_on_whether_it_answered_at_start_up(tmp_path: Path) -> None:
    """D4: no name, the gateway down at start: nothing under its address; its serial once it answers, and
    after a restart while it is down again, the id it had last time."""
    from .faults.proxy import FaultProxy

    sim = RunningSimulator(tmp_path / "sim", "--customer-password", PASSWORD)
    proxy = FaultProxy(sim.url, tmp_path / "proxy")
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["#"])
    env = {"PWKIT_PASSWORD": PASSWORD}
    bridge = None
    try:
        proxy.inject("status", None, status=503)
        proxy.inject("status", ("/api/status",), status=503)
        bridge = RunningBridge(tmp_path / "b", config(broker.url, proxy.url, None), env=env)
        observer.wait_for("pwkit/bridge/+/state", lambda m: m.text == "online", timeout=40)
        time.sleep(3.0)
        assert not [m.topic for m in observer.on("pwkit/#") if m.topic.startswith("pwkit/127_0_0_1")]
        assert not observer.on("pwkit/+/availability")  # no gateway tree at all before it is identified
        proxy.clear()
        online = observer.wait_for("pwkit/+/availability", lambda m: m.text == "online", timeout=40)
        gateway_id = online.topic.split("/")[1]
        assert gateway_id != "127_0_0_1"
        observer.wait_for(f"homeassistant/device/pwkit_{gateway_id}/config", lambda m: bool(m.payload), timeout=20)
        bridge.stop()

        since = time.monotonic()
        proxy.inject("status", None, status=503)
        proxy.inject("status", ("/api/status",), status=503)
        bridge = RunningBridge(tmp_path / "b", config(broker.url, proxy.url, None), env=env)
        info = observer.wait_for("pwkit/bridge/+/info", lambda m: m.at >= since, timeout=40)
        assert [g["id"] for g in json.loads(info.payload)["gateways"]] == [gateway_id]
        observer.wait_for(f"pwkit/{gateway_id}/health", lambda m: m.at >= since, timeout=20)
        assert not [m.topic for m in observer.on("pwkit/#") if m.topic.startswith("pwkit/127_0_0_1")]
    finally:
        if bridge is not None:
            bridge.stop()
        observer.close()
        broker.stop()
        proxy.stop()
        sim.stop()


@pytest.mark.slow
def test_two_gateways_with_one_id_give_a_one_line_error(tmp_path: Path) -> None:
    """D6: two gateways that report the same serial (and no names): one line naming both, not a traceback."""
    sims = [RunningSimulator(tmp_path / f"sim{i}", "--customer-password", PASSWORD) for i in range(2)]
    broker = Mosquitto(tmp_path / "mqtt")
    text = config(broker.url, sims[0].url, None) + f'[[gateway]]\nurl = "{sims[1].url}"\nemail = "{EMAIL}"\n'
    bridge = RunningBridge(tmp_path / "b", text, env={"PWKIT_PASSWORD": PASSWORD})
    try:
        assert bridge.process.wait(60) == 2
        errors = [line for line in bridge.log().splitlines() if line.startswith("pwkit bridge:")]
        assert len(errors) == 1 and "same id" in errors[0] and sims[1].url.split("//")[1] in errors[0], bridge.log()
        assert "Traceback" not in bridge.log()
    finally:
        bridge.stop()
        broker.stop()
        for sim in sims:
            sim.stop()


@pytest.mark.slow
def test_readings_follow_bridge_online_and_nothing_is_published_twice_at_start_up(tmp_path: Path) -> None:
    """D11: the broker slow to come up is the usual start (a reboot): readings still follow `online`, once each."""
    from .brokers import free_port

    sim = RunningSimulator(tmp_path / "sim", "--customer-password", PASSWORD)
    port = free_port()
    url = f"mqtt://127.0.0.1:{port}"
    bridge = RunningBridge(tmp_path / "b", config(url, sim.url, "home"), env={"PWKIT_PASSWORD": PASSWORD})
    broker = None
    observer = None
    try:
        deadline = time.monotonic() + 60
        while "cannot reach the MQTT broker" not in bridge.log():  # the bridge polls meanwhile
            assert time.monotonic() < deadline, bridge.log()
            time.sleep(0.2)
        time.sleep(2)
        broker = Mosquitto(tmp_path / "mqtt", port=port)
        observer = Observer(broker, ["#"])
        online = observer.wait_for("pwkit/bridge/+/state", lambda m: m.text == "online", timeout=60)
        time.sleep(1.5)
        with observer.lock:
            seen = list(observer.messages)
        ours = [m for m in seen if m.topic.startswith("pwkit/home/")]
        assert ours and all(m.at >= online.at for m in ours)
        assert seen.index(online) < seen.index(ours[0])
        pairs = [(m.topic, m.payload) for m in ours if m.at <= online.at + 1.0]
        twice = sorted({p[0] for p in pairs if pairs.count(p) > 1})
        assert twice == [], twice[:10]
    finally:
        bridge.stop()
        if observer is not None:
            observer.close()
        if broker is not None:
            broker.stop()
        sim.stop()


@pytest.mark.slow
def test_simulate_sites_gives_each_site_its_own_serial_and_din(tmp_path: Path) -> None:
    """D6: `pwkit simulate --sites 3` is three gateways to a client: three DINs, three ids in one bridge."""
    import httpx

    sim = RunningSimulator(tmp_path / "sim", "--customer-password", PASSWORD, "--sites", "3")
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["pwkit/#"])
    urls = [sim.site(i)["url"] for i in range(3)]
    dins = {httpx.get(f"{url}/api/status", verify=False).json()["din"] for url in urls}
    assert len(dins) == 3, dins
    text = config(broker.url, urls[0], None) + "".join(
        f'[[gateway]]\nurl = "{url}"\nemail = "{EMAIL}"\n' for url in urls[1:]
    )
    bridge = RunningBridge(tmp_path / "b", text, env={"PWKIT_PASSWORD": PASSWORD})
    try:
        deadline = time.monotonic() + 60
        while len({m.topic for m in observer.on("pwkit/+/availability") if m.text == "online"}) < 3:
            assert time.monotonic() < deadline and bridge.alive(), bridge.log()[-2000:]
            time.sleep(0.2)
    finally:
        bridge.stop()
        observer.close()
        broker.stop()
        sim.stop()
