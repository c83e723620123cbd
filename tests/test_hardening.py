"""Issue 15's defects, one regression test each: no silent death, no injection, no storm, failures seen.

Fast unit tests first; then end-to-end tests against a real mosquitto and the simulator (some through
the fault proxy of tests/faults/proxy.py). The gateway-side fault classes are in tests/faults.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pwkit.bridge import commands
from pwkit.bridge.commands import CommandError
from pwkit.bridge.config import BridgeConfig, GatewayConfig, MqttConfig
from pwkit.bridge.mqtt import MqttLink
from pwkit.bridge.publisher import Publisher
from pwkit.bridge.service import BridgeService
from pwkit.bridge.topics import leaves, topic_problem, topic_safe
from pwkit.client.connection import parse_json, retry_after
from pwkit.client.errors import UnexpectedAnswer

from .brokers import Mosquitto, Observer, RunningBridge
from .faults.proxy import FaultProxy
from .simulators import EMAIL, INSTALLER_PASSWORD, RunningSimulator, installer_session

PASSWORD = "Gw-Harden-Pw-4417"


# ------------------------------------------------------------------ Retry-After (defect 10)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("120", 120.0),
        ("0", 1.0),  # "now": retry soon, not after the full cooldown
        ("-5", 1.0),
        ("2.5", 2.5),
        ("inf", 3600.0),  # absurd values are clamped, never "blocked for ever"
        ("1e999", 3600.0),
        ("99999999", 3600.0),
        ("nan", None),  # unreadable: the caller's cooldown applies
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_seconds_are_read_and_clamped(header: str | None, expected: float | None) -> None:
    assert retry_after(header) == expected


def test_retry_after_as_an_http_date() -> None:
    now = time.time()
    assert retry_after(email.utils.formatdate(now + 90, usegmt=True), now=now) == pytest.approx(90, abs=1)
    assert retry_after(email.utils.formatdate(now - 90, usegmt=True), now=now) == 1.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 1.0
    assert retry_after("Wed, 21 Oct 2999 07:28:00 GMT") == 3600.0


# -------------------------------------------------------------- odd answers (defects 2, 3)


@pytest.mark.parametrize(
    "content", [b"[" * 5000 + b"]" * 5000, b"[" * 100 + b"]" * 100, b"<html>oops</html>", b'{"a": ', b""]
)
def test_an_answer_that_is_not_sane_json_is_an_unexpected_answer(content: bytes) -> None:
    with pytest.raises(UnexpectedAnswer):
        parse_json(content, "https://gw", "GET /api/operation")


def test_deep_values_become_one_leaf_and_keys_become_valid_topic_levels() -> None:
    deep: Any = 1
    for _ in range(60):
        deep = [deep]
    found = list(leaves({"a\x00b": 1, "c\udc80": "v\ud800", "x+y#": deep}, "pwkit/home/r"))
    assert all(topic_problem(topic) is None for topic, _ in found), found
    assert len(found) == 3
    assert topic_safe("bad\x00key") == "bad_key" and topic_safe("\udc80") == "_"


def test_an_invalid_topic_is_counted_and_never_sent() -> None:
    link = MqttLink(
        MqttConfig(),
        will_topic="p/s",
        will_payload="x",
        subscriptions=[],
        loop=asyncio.new_event_loop(),
        inbox=None,  # type: ignore[arg-type]
    )
    for topic in ("pwkit/home/a\x00b", "x/+/y", "x/#", "pwkit/\udc80", "p/" + "x" * 2000, ""):
        assert link.publish(topic, "1") is False
    assert link.publish("pwkit/home/ok", "bad\udc80payload") is True
    assert sum(link.rejected.values()) == 6 and link.published == 1


# --------------------------------------------------------------------- commands (low items)


def test_deep_json_nan_and_huge_numbers_get_valid_json_answers() -> None:
    for raw in (b'{"value": ' + b"[" * 1010, b'{"value": NaN}', b'{"value": 1e999}', b'{"value": Infinity}'):
        with pytest.raises(CommandError) as caught:
            commands.parse("reserve", raw)
        assert caught.value.command is not None
        json.loads(json.dumps(caught.value.command.answer(str(caught.value)), allow_nan=False))


@pytest.mark.parametrize("raw", ["５０", "٥٠", "1_0", "0x20", " ", "50%"])
def test_the_reserve_takes_only_ascii_decimal_numbers(raw: str) -> None:
    with pytest.raises(CommandError, match=r"ASCII digits|empty"):
        commands.parse("reserve", raw.encode())


def test_an_answer_carries_no_field_a_command_parser_would_execute() -> None:
    answer = json.dumps(commands.parse("mode", b"backup").answer())
    assert "value" not in json.loads(answer)
    with pytest.raises(CommandError, match='needs a "value"'):
        commands.parse("mode", answer.encode())


def test_a_command_past_its_age_is_not_run() -> None:
    stale = commands.parse("reserve", json.dumps({"value": 40, "sent": time.time() - 120}).encode())
    assert stale.age() >= 119
    fresh = commands.parse("reserve", b"40")
    assert fresh.age() < 1


# ---------------------------------------------------------- response topics (defects 1, 6)


def service(*ids: str) -> BridgeService:
    config = BridgeConfig(gateway=[GatewayConfig(url=f"https://10.0.0.{i + 1}", password="x") for i in range(len(ids))])
    bridge = BridgeService(config)
    for worker, gid in zip(bridge.workers, ids, strict=True):
        worker.id = gid
    return bridge


@pytest.mark.parametrize(
    "topic",
    [
        "pwkit/other/set/mode",  # another bridge's command
        "pwkit/home/set/mode",  # our own command topic
        "pwkit/bridge/state",
        "pwkit/home/availability",
        "homeassistant/status",
        "x/+/y",
        "pwkit/home/response/#",
        "pwkit/home/response/",
        "pwkit/home/response/a\x00b",
        "pwkit/other/response/x",  # another gateway's namespace
        "pwkit/home/response/" + "x" * 300,
    ],
)
def test_a_response_topic_outside_the_namespace_is_refused(topic: str) -> None:
    assert service("home").response_topic_problem("home", topic) is not None


def test_a_response_topic_inside_the_namespace_is_honoured() -> None:
    assert service("home").response_topic_problem("home", "pwkit/home/response/node-red/42") is None


# ------------------------------------------------------------ a field that disappears


def test_a_vanished_field_is_cleared_after_the_grace_period() -> None:
    publisher = Publisher()
    publisher.changes("g", [("g/a", 1), ("g/b", 2)])
    assert publisher.vanished("g", ["g/a", "g/b"], grace=0.05) == []
    assert publisher.vanished("g", ["g/a"], grace=0.05) == []  # within the grace period
    time.sleep(0.1)
    assert publisher.vanished("g", ["g/a"], grace=0.05) == ["g/b"]
    assert "g/b" not in publisher.published


# =========================================================================== end to end


def bridge_config(broker_url: str, url: str, name: str, extra: str = "") -> str:
    return f"""
[mqtt]
url = "{broker_url}"
[bridge]
command_interval = 0.2
request_timeout = 2.0
[bridge.poll]
fast = 0.5
normal = 1
slow = 3
[[gateway]]
url = "{url}"
name = "{name}"
email = "{EMAIL}"
allow_commands = ["mode", "reserve"]
{extra}
"""


class Two:
    """Two bridges on one broker, each with its own simulated gateway ("home" and "other")."""

    def __init__(self, root: Path) -> None:
        self.sims = [
            RunningSimulator(
                root / f"sim{i}", "--customer-password", PASSWORD, "--installer-password", INSTALLER_PASSWORD
            )
            for i in range(2)
        ]
        for name, sim in zip(("home", "other"), self.sims, strict=True):
            installer_session(sim, root / name / "state", PASSWORD)  # writes need the installer, as on a gateway
        self.broker = Mosquitto(root / "mqtt")
        self.observer = Observer(self.broker, ["#"])
        self.bridges = [
            RunningBridge(root / name, bridge_config(self.broker.url, sim.url, name), env={"PWKIT_PASSWORD": PASSWORD})
            for name, sim in zip(("home", "other"), self.sims, strict=True)
        ]
        for name in ("home", "other"):
            self.observer.wait_for(f"pwkit/{name}/availability", lambda m: m.text == "online", timeout=40)

    def writes(self) -> list[int]:
        return [int(s.stats()["requests"].get("POST /api/operation", 0)) for s in self.sims]

    def close(self) -> None:
        for bridge in self.bridges:
            bridge.stop()
        self.observer.close()
        self.broker.stop()
        for sim in self.sims:
            sim.stop()


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Two]:
    world = Two(tmp_path_factory.mktemp("two"))
    yield world
    world.close()


def settle(two: Two, since: float) -> None:
    """Both bridges have read everything published before now: each answers a probe command."""
    for name in ("home", "other"):
        tag = f"settle-{name}-{since}"
        two.observer.publish(f"pwkit/{name}/set/mode", json.dumps({"value": "nonsense", "transaction": tag}))
        two.observer.wait_for(
            f"pwkit/{name}/response/mode", lambda m, tag=tag: json.loads(m.payload).get("transaction") == tag
        )


@pytest.mark.slow
def test_a_response_topic_cannot_make_another_bridge_execute(two: Two) -> None:
    before = two.writes()
    since = time.monotonic()
    for target in ("pwkit/other/set/mode", "pwkit/bridge/state", "pwkit/other/availability", "homeassistant/status"):
        two.observer.publish("pwkit/nosuch/set/mode", "backup", response_topic=target)
        two.observer.publish("pwkit/home/set/mode", "backup", response_topic=target)
        two.observer.publish("pwkit/home/set/reserve", "55", response_topic=target)
    settle(two, since)
    time.sleep(0.5)
    assert two.writes() == before  # nothing executed, on either gateway
    refused = [json.loads(m.payload) for m in two.observer.on("pwkit/home/response/mode") if m.at >= since]
    assert any("response topic" in (a["error"] or "") for a in refused)
    for target in ("pwkit/other/set/mode", "pwkit/bridge/state", "pwkit/other/availability", "homeassistant/status"):
        answers = [m for m in two.observer.on(target) if m.at >= since and b'"status"' in m.payload]
        assert answers == [], target  # no bridge published an answer there


@pytest.mark.slow
def test_each_bridge_answers_only_its_own_gateways(two: Two) -> None:
    since = time.monotonic()
    two.observer.publish("pwkit/other/set/mode", json.dumps({"value": "nonsense", "transaction": "mine"}))
    settle(two, since)
    answers = [m for m in two.observer.on("pwkit/other/response/mode") if m.at >= since]
    assert len([a for a in answers if json.loads(a.payload)["transaction"] == "mine"]) == 1
    assert "no gateway" not in "".join(m.text for m in answers)


@pytest.mark.slow
def test_the_executor_survives_a_wildcard_response_topic(two: Two) -> None:
    since = time.monotonic()
    two.observer.publish("pwkit/home/set/reserve", "43", response_topic="x/+/y")
    refused = two.observer.wait_for("pwkit/home/response/reserve", lambda m: m.at >= since)
    assert json.loads(refused.payload)["status"] == "error"
    before = two.writes()[0]
    two.observer.publish("pwkit/home/set/reserve", json.dumps({"value": 44, "transaction": "after"}))
    ok = two.observer.wait_for(
        "pwkit/home/response/reserve", lambda m: m.at >= since and json.loads(m.payload)["transaction"] == "after"
    )
    assert json.loads(ok.payload)["status"] == "ok"
    assert two.writes()[0] == before + 1


@pytest.mark.slow
def test_a_stale_command_is_answered_expired_and_not_run(two: Two) -> None:
    before = two.writes()[0]
    since = time.monotonic()
    two.observer.publish(
        "pwkit/home/set/reserve", json.dumps({"value": 45, "transaction": "old", "sent": time.time() - 300})
    )
    answer = two.observer.wait_for("pwkit/home/response/reserve", lambda m: m.at >= since)
    assert json.loads(answer.payload)["error"].startswith("expired")
    time.sleep(0.5)
    assert two.writes()[0] == before


@pytest.mark.slow
def test_a_denied_publication_is_logged_and_counted(tmp_path: Path) -> None:
    sim = RunningSimulator(tmp_path / "sim", "--customer-password", PASSWORD)
    acl = [
        "user bridge",
        "topic readwrite pwkit/bridge/#",
        "topic readwrite pwkit/home/+/#",
        "topic read pwkit/home/set/#",
    ]
    acl += ["topic deny pwkit/home/response/#", "user watcher", "topic readwrite #"]
    broker = Mosquitto(tmp_path / "mqtt", users={"bridge": "b-pw", "watcher": "w-pw"}, acl=acl)
    observer = Observer(broker, ["pwkit/#"], username="watcher", password="w-pw")
    url = broker.url.replace("mqtt://", "mqtt://bridge:b-pw@")
    bridge = RunningBridge(
        tmp_path / "bridge",
        bridge_config(url, sim.url, "home"),
        "--stats-interval",
        "1",
        env={"PWKIT_PASSWORD": PASSWORD},
    )
    try:
        observer.wait_for("pwkit/home/availability", lambda m: m.text == "online", timeout=40)
        since = time.monotonic()
        observer.publish("pwkit/home/set/mode", "nonsense")
        stats = observer.wait_for(
            "pwkit/bridge/stats", lambda m: m.at >= since and json.loads(m.payload)["publish_denied"] > 0, timeout=15
        )
        assert json.loads(stats.payload)["publish_denied"] >= 1
        assert "refused a publication to pwkit/home/response/mode" in bridge.log()
    finally:
        bridge.stop()
        observer.close()
        broker.stop()
        sim.stop()


@pytest.mark.slow
def test_an_unreachable_broker_is_logged_from_the_first_attempt(tmp_path: Path) -> None:
    from .brokers import free_port

    sim = RunningSimulator(tmp_path / "sim", "--customer-password", PASSWORD)
    port = free_port()
    bridge = RunningBridge(
        tmp_path / "bridge",
        bridge_config(f"mqtt://127.0.0.1:{port}", sim.url, "home"),
        env={"PWKIT_PASSWORD": PASSWORD},
    )
    try:
        deadline = time.monotonic() + 60  # the bridge's start-up on a loaded machine; then the first attempt
        while "cannot reach the MQTT broker" not in bridge.log():
            assert time.monotonic() < deadline, bridge.log()
            time.sleep(0.1)
        assert bridge.alive()
    finally:
        bridge.stop()
        sim.stop()


@pytest.mark.slow
@pytest.mark.parametrize("status_body", [b"[]", b"null", b'"text"'])
def test_the_bridge_starts_whatever_api_status_answers(tmp_path: Path, status_body: bytes) -> None:
    sim = RunningSimulator(tmp_path / "sim", "--customer-password", PASSWORD)
    proxy = FaultProxy(sim.url, tmp_path / "proxy")
    proxy.inject("body", ("/api/status",), body=status_body)
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["pwkit/#"])
    bridge = RunningBridge(
        tmp_path / "bridge", bridge_config(broker.url, proxy.url, "home"), env={"PWKIT_PASSWORD": PASSWORD}
    )
    try:
        observer.wait_for("pwkit/home/availability", lambda m: m.text == "online", timeout=40)
        assert bridge.alive() and "Traceback" not in bridge.log()
    finally:
        bridge.stop()
        observer.close()
        broker.stop()
        proxy.stop()
        sim.stop()


@pytest.mark.slow
def test_commands_sent_while_the_bridge_was_away_are_delivered_and_stale_ones_expire(tmp_path: Path) -> None:
    import os
    import signal

    sim = RunningSimulator(
        tmp_path / "sim", "--customer-password", PASSWORD, "--installer-password", INSTALLER_PASSWORD
    )
    installer_session(sim, tmp_path / "bridge" / "state", PASSWORD)
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["pwkit/#"])
    config = bridge_config(broker.url, sim.url, "home").replace("[bridge]", "[bridge]\ncommand_max_age = 20")
    bridge = RunningBridge(
        tmp_path / "bridge", config.replace("[mqtt]", "[mqtt]\nkeepalive = 5"), env={"PWKIT_PASSWORD": PASSWORD}
    )
    try:
        observer.wait_for("pwkit/home/availability", lambda m: m.text == "online", timeout=40)
        since = time.monotonic()
        os.kill(bridge.process.pid, signal.SIGSTOP)  # the bridge frozen: the broker drops it after 7.5 s
        try:
            observer.wait_for("pwkit/bridge/state", lambda m: m.at >= since and m.text == "offline", timeout=20)
            observer.publish("pwkit/home/set/mode", json.dumps({"value": "backup", "transaction": "queued"}))
            stale = {"value": 47, "transaction": "stale", "sent": time.time() - 60}
            observer.publish("pwkit/home/set/reserve", json.dumps(stale))
        finally:
            os.kill(bridge.process.pid, signal.SIGCONT)
        answers = {}
        deadline = time.monotonic() + 40
        while len(answers) < 2:
            assert time.monotonic() < deadline, (answers, bridge.log()[-2000:])
            for message in observer.on("pwkit/home/response/reserve") + observer.on("pwkit/home/response/mode"):
                answer = json.loads(message.payload)
                answers[answer["transaction"]] = answer
            time.sleep(0.2)
        assert answers["queued"]["status"] == "ok", answers["queued"]["error"]  # not lost: the broker queued it
        assert answers["stale"]["error"].startswith("expired")  # not run a minute after it was sent
        assert sim.control("GET", "/sites/0/state")["mode"] == "backup"
    finally:
        bridge.stop()
        observer.close()
        broker.stop()
        sim.stop()
