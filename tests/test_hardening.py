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
from pwkit.bridge.publisher import Publisher
from pwkit.bridge.service import BridgeService
from pwkit.bridge.topics import leaves, topic_problem, topic_safe
from pwkit.client.connection import parse_json, retry_after
from pwkit.client.errors import UnexpectedAnswer

from .brokers import Mosquitto, Observer, RunningBridge, unconnected_link
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
    link = unconnected_link()
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
        "pwkit/bridge/home-bridge/state",
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
    for target in ("pwkit/other/set/mode", "pwkit/bridge/b/state", "pwkit/other/availability", "homeassistant/status"):
        two.observer.publish("pwkit/nosuch/set/mode", "backup", response_topic=target)
        two.observer.publish("pwkit/home/set/mode", "backup", response_topic=target)
        two.observer.publish("pwkit/home/set/reserve", "55", response_topic=target)
    settle(two, since)
    time.sleep(0.5)
    assert two.writes() == before  # nothing executed, on either gateway
    refused = [json.loads(m.payload) for m in two.observer.on("pwkit/home/response/mode") if m.at >= since]
    assert any("response topic" in (a["error"] or "") for a in refused)
    for target in ("pwkit/other/set/mode", "pwkit/bridge/b/state", "pwkit/other/availability", "homeassistant/status"):
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
            "pwkit/bridge/+/stats", lambda m: m.at >= since and json.loads(m.payload)["publish_denied"] > 0, timeout=15
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
            observer.wait_for("pwkit/bridge/+/state", lambda m: m.at >= since and m.text == "offline", timeout=20)
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


# ===================================================================== issue 26 (unit tests)


@pytest.mark.parametrize(
    ("sent", "words"),
    [(time.time() * 1000, "milliseconds"), (time.time() + 3600, "in the future")],
    ids=["milliseconds", "in-the-future"],  # not the clock's value: xdist's workers must collect the same ids
)
def test_a_sent_stamp_in_milliseconds_or_in_the_future_is_refused_clearly(sent: float, words: str) -> None:
    """D12: Node-RED's Date.now() is milliseconds; a future stamp would make a late command look fresh."""
    with pytest.raises(CommandError, match=words) as caught:
        commands.parse("reserve", json.dumps({"value": 40, "transaction": "t", "sent": sent}).encode())
    assert caught.value.command is not None and caught.value.command.transaction == "t"
    ok = commands.parse("reserve", json.dumps({"value": 40, "sent": time.time() + 2}).encode())  # a small skew
    assert ok.value == 40


def test_answers_carry_an_mqtt5_message_expiry() -> None:
    """Commands that run late: a broker holding an answer for an absent client drops it after 60 s."""
    link = unconnected_link()
    sent: list[Any] = []

    def publish(topic: str, payload: bytes, **kwargs: Any) -> Any:
        sent.append(kwargs.get("properties"))
        return type("Info", (), {"mid": len(sent), "rc": 0})()

    link._client.publish = publish  # type: ignore[method-assign]
    bridge = service("home")
    bridge.link = link
    bridge.answer(bridge.workers[0], commands.parse("mode", b"backup", response_topic="pwkit/home/response/x"), None)
    assert len(sent) == 2 and all(p is not None and p.MessageExpiryInterval == 60 for p in sent)


def test_known_secrets_never_reach_health_answers_or_the_log(caplog: pytest.LogCaptureFixture) -> None:
    """A9: an error text echoing a password or session token is masked and bounded wherever it goes."""
    import logging

    from pwkit.client import redact

    config = BridgeConfig(
        gateway=[GatewayConfig(url="https://10.0.0.1", password="Gw-Secret-Pass-991")],
        mqtt=MqttConfig(url="mqtt://bridge:Mq-Secret-Pass-772@broker"),
    )
    bridge = BridgeService(config)
    worker = bridge.workers[0]
    worker.id = "home"
    redact.register("session-token-abc123")  # as a login does
    published: dict[str, str] = {}

    class Link:
        def publish(self, topic: str, payload: str, **kwargs: Any) -> bool:
            published[topic] = payload
            return True

    bridge.link = Link()  # type: ignore[assignment]
    bridge._announced = True
    echo = 'HTTP 400: {"password": "Gw-Secret-Pass-991", "token": "session-token-abc123", "mqtt": "Mq-Secret-Pass-772"}'
    worker._note_error("/api/operation", echo + "x" * 5000)
    bridge.answer(worker, commands.parse("mode", b"backup"), echo)
    for text in published.values():
        for secret in ("Gw-Secret-Pass-991", "session-token-abc123", "Mq-Secret-Pass-772"):
            assert secret not in text
    health = json.loads(published["pwkit/home/health"])
    assert len(health["last_error"]) <= 300 and "***" in health["last_error"]
    handler = logging.StreamHandler()
    handler.addFilter(redact.RedactingFilter())
    record = logging.LogRecord("pwkit", logging.ERROR, __file__, 1, "failed: %s", (echo,), None)
    assert handler.filter(record) and "Gw-Secret-Pass-991" not in record.getMessage()


@pytest.mark.parametrize(("firmware", "planned"), [("23.44.0 abc", True), ("25.2.0 4d0bd9d8", False), (None, True)])
def test_off_grid_over_the_customer_login_is_not_planned_on_25_2_and_later(firmware: str | None, planned: bool) -> None:
    """D5: since 25.2.0 the gateway refuses islanding to a customer, and the cloud has no such command."""
    from pwkit.bridge.discovery import enabled_controls

    config = BridgeConfig(
        gateway=[GatewayConfig(url="https://10.0.0.1", password="x", allow_commands=("island",), allow_island=True)]
    )
    worker = BridgeService(config).workers[0]
    worker.id, worker.firmware = "home", firmware
    worker.plan_routes()
    route, why = worker.routes["island"]
    assert (route == "local-customer") is planned
    assert ("off_grid" in [c.key for c in enabled_controls(worker)]) is planned
    if not planned:
        assert why is not None and "25.2.0" in why and "pwkit login --installer" in why
    assert "Fleet API" not in commands.REFUSED["island"]  # the answer and the README agree: the cloud has none


def test_secrets_given_as_flags_are_warned_about(tmp_path: Path) -> None:
    """Secrets in `ps`: --mqtt user:pass@…, --mqtt-password and --password each get a warning (not the secret)."""
    import subprocess
    import sys

    from .brokers import free_port

    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pwkit.cli",
            "bridge",
            "--gateway",
            f"https://127.0.0.1:{port}",
            "--password",
            "Gw-Flag-Secret",
            "--mqtt",
            f"mqtt://u:Url-Flag-Secret@127.0.0.1:{port}",
            "--mqtt-password",
            "Mq-Flag-Secret",
            "--state-dir",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        out = ""
        deadline = time.monotonic() + 30
        assert process.stdout is not None
        while out.count("visible to every user") < 3 and time.monotonic() < deadline:
            out += process.stdout.readline()
    finally:
        process.terminate()
        process.wait(10)
    assert out.count("visible to every user") == 3, out
    assert "--mqtt user:pass@" in out and "--mqtt-password is" in out and "--password is" in out
    assert "Flag-Secret" not in out


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"bridge": {"poll": {"slow": float("inf")}}}, "bridge.poll.slow"),  # made invalid JSON in bridge/info
        ({"mqtt": {"prefix": "$SYS/pwkit"}}, "mqtt.prefix"),
        ({"gateway": [{"url": "https://10.0.0.1", "password": "x", "sni": "power\x00wall"}]}, "sni"),
        ({"gateway": [{"url": "https://10.0.0.1", "password": "x", "allow_commands": "mode,reserve"}]}, "a list"),
    ],
)
def test_settings_nobody_should_accept_are_refused_in_one_line(data: dict[str, Any], words: str) -> None:
    """slow = inf, a $SYS prefix, an SNI with NUL, a string where a list is required (D18)."""
    from pwkit.bridge.config import ConfigError, validate

    data.setdefault("gateway", [{"url": "https://10.0.0.1", "password": "x"}])
    with pytest.raises(ConfigError) as caught:
        validate(data)
    assert len(caught.value.lines) == 1 and words in caught.value.lines[0], caught.value.lines


def test_oversized_correlation_data_is_not_echoed_and_refusal_floods_are_not_logged_line_by_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Every refused command is answered; its oversized correlation data is not echoed; the log keeps 10 a minute."""
    from pwkit.bridge.mqtt import Inbound

    bridge = service("home")
    published: list[tuple[str, bytes | None]] = []

    class Link:
        knows_retain_flag = True

        def publish(self, topic: str, payload: str, correlation: bytes | None = None, **kwargs: Any) -> bool:
            published.append((topic, correlation))
            return True

    bridge.link = Link()  # type: ignore[assignment]
    big = b"x" * 500
    caplog.set_level("WARNING", logger="pwkit.bridge")
    bridge._command(
        "home", "mode", Inbound("pwkit/home/set/mode", b"backup", False, "pwkit/home/response/x", big, time.monotonic())
    )
    assert ("pwkit/home/response/x", None) in published
    for _ in range(200):
        bridge._command("home", "mode", Inbound("pwkit/home/set/mode", b"nonsense", received=time.monotonic()))
    answers = [t for t, _ in published if t == "pwkit/home/response/mode"]
    assert len(answers) == 201
    assert len([r for r in caplog.records if "refused" in r.getMessage()]) <= 10


@pytest.mark.slow
def test_wrong_mqtt_credentials_are_reported_as_such_and_keep_mqtt5(tmp_path: Path) -> None:
    """D8: a wrong broker password is named, not reported as a protocol problem, and MQTT 5 stays."""
    sim = RunningSimulator(tmp_path / "sim", "--customer-password", PASSWORD)
    broker = Mosquitto(tmp_path / "mqtt", users={"bridge": "right-pw"})
    url = broker.url.replace("mqtt://", "mqtt://bridge@")
    bridge = RunningBridge(
        tmp_path / "b",
        bridge_config(url, sim.url, "home"),
        env={"PWKIT_PASSWORD": PASSWORD, "PWKIT_MQTT_PASSWORD": "wrong"},
    )
    try:
        deadline = time.monotonic() + 60
        while "refused the user name or password" not in bridge.log():
            assert time.monotonic() < deadline, bridge.log()
            time.sleep(0.2)
        time.sleep(3)  # the retries with backoff
        assert "3.1.1" not in bridge.log()
    finally:
        bridge.stop()
        broker.stop()
        sim.stop()


@pytest.mark.slow
def test_a_login_429_with_a_short_retry_after_still_waits_out_the_login_backoff(tmp_path: Path) -> None:
    """A10: Retry-After: 1 on the login: not a login a second; the login backoff (30 s) wins."""
    sim = RunningSimulator(tmp_path / "sim", "--customer-password", PASSWORD)
    proxy = FaultProxy(sim.url, tmp_path / "proxy")
    proxy.inject("status", ("/api/login/Basic",), status=429, headers={"Retry-After": "1"})
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["pwkit/#"])
    bridge = RunningBridge(
        tmp_path / "b", bridge_config(broker.url, proxy.url, "home"), env={"PWKIT_PASSWORD": PASSWORD}
    )
    try:
        observer.wait_for("pwkit/home/availability", lambda m: m.text == "offline", timeout=40)
        time.sleep(8)
        assert proxy.injected["status"] == 1, (proxy.injected, bridge.log()[-1500:])
    finally:
        bridge.stop()
        observer.close()
        broker.stop()
        proxy.stop()
        sim.stop()


def test_a_session_token_with_cr_or_lf_is_refused_as_a_failed_login(tmp_path: Path) -> None:
    """A token that cannot travel in a header is a failed login (with its backoff), never kept for ever."""
    from pwkit.client.connection import ConnectionOptions, Gateway, usable_token
    from pwkit.client.errors import AuthRefused

    assert not usable_token("abc\r\nX-Injected: 1") and not usable_token("tök") and usable_token("aB3-_.~+/=")
    sim = RunningSimulator(tmp_path / "sim", "--customer-password", PASSWORD)
    proxy = FaultProxy(sim.url, tmp_path / "proxy")
    proxy.inject("body", ("/api/login/Basic",), body=json.dumps({"token": "abc\r\nX-Injected: 1"}).encode())

    async def go() -> None:
        options = ConnectionOptions(state_dir=tmp_path / "state")
        async with Gateway(proxy.url, password=PASSWORD, email=EMAIL, options=options) as gateway:
            for _ in range(3):
                with pytest.raises(AuthRefused, match="token"):
                    await gateway.get_json("/api/meters/aggregates")
            assert gateway.logins == 1  # then the backoff: no second login

    try:
        asyncio.run(go())
    finally:
        proxy.stop()
        sim.stop()


def test_a_huge_answer_is_capped_in_topics_and_said_on_health() -> None:
    """No cap on leaves per answer: 1 MB gave 10,040 retained messages."""
    from pwkit.bridge.service import MAX_LEAVES

    bridge = service("home")
    published: list[str] = []

    class Link:
        def publish(self, topic: str, payload: str, **kwargs: Any) -> bool:
            published.append(topic)
            return True

    bridge.link = Link()  # type: ignore[assignment]
    bridge._announced = True
    bridge.publish_reading(bridge.workers[0], "/api/meters/aggregates", {f"k{i}": i for i in range(10_000)})
    assert len(published) <= MAX_LEAVES + 5
    assert "pwkit/home/meters/aggregates" in published  # the whole answer still
    assert "more than" in bridge.workers[0].health.errors["/api/meters/aggregates (values)"]


def test_an_empty_string_is_published_as_an_empty_payload() -> None:
    from pwkit.bridge.topics import payload

    assert payload("") == "" and payload("x") == "x" and payload(None) == "null"


@pytest.mark.slow
def test_pwkit_publish_prints_its_own_answer_and_takes_any_value(two: Two) -> None:
    """D9: a wildcard or empty topic is one line; a value starting with - is a value; the answer printed is
    this command's, not another client's on the same topic."""
    import subprocess
    import sys
    import threading

    def publish(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pwkit.cli", "publish", "--mqtt", two.broker.url, *args],
            capture_output=True,
            text=True,
            timeout=60,
        )

    for topic in ("pwkit/+/set/mode", ""):
        refused = publish(topic, "backup")
        assert refused.returncode == 2 and "Traceback" not in refused.stderr
        assert len([line for line in refused.stderr.splitlines() if line.startswith("Error")]) == 1
    stop = threading.Event()

    def others() -> None:  # another client's commands on the same topic, answered on the same topic
        while not stop.is_set():
            two.observer.publish("pwkit/home/set/reserve", json.dumps({"value": "other", "transaction": "other"}))
            time.sleep(0.05)

    noise = threading.Thread(target=others)
    noise.start()
    try:
        result = publish("pwkit/home/set/reserve", "-5")
    finally:
        stop.set()
        noise.join()
    answer = json.loads(result.stdout)
    assert result.returncode == 1 and answer["requested"] == "-5" and "range" in answer["error"], result
    assert answer["transaction"].startswith("pwkit-publish-")


def test_help_texts_are_complete_and_the_readme_names_the_file_only_settings() -> None:
    """D13: no PydanticUndefined in --help; every control-API route in simulate --help; the README says which
    settings have no flag."""
    import re
    import subprocess
    import sys

    from pydantic import BaseModel

    from pwkit.bridge.config import SECTIONS, _flag_name
    from pwkit.codegen import paths

    def helptext(*args: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "pwkit.cli", *args, "--help"], capture_output=True, text=True, check=True
        ).stdout

    assert "PydanticUndefined" not in helptext("bridge")
    simulate = " ".join(helptext("simulate").split())
    server = (paths.REPO / "simulator" / "server.py").read_text()
    for action in sorted(set(re.findall(r'action == "([a-z-]+)"', server))):
        assert f"/sites/N/{action}" in simulate, action
    assert "/sites/N " in simulate or "/sites/N\n" in helptext("simulate")
    readme = " ".join((paths.REPO / "README.md").read_text().split())
    for section, model in SECTIONS.items():
        for key, info in model.model_fields.items():
            table = isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel)
            if not _flag_name(section, key, info) and not table:
                assert f"`{key}` (file only)" in readme, key


@pytest.mark.slow
def test_pwkit_login_installer_ends_when_the_window_closes_and_shows_no_traceback(tmp_path: Path) -> None:
    """`pwkit login --installer`: no wait for Enter after the window closed; a wrong password or an unreachable
    gateway is one line."""
    import subprocess
    import sys

    from .brokers import free_port

    sim = RunningSimulator(
        tmp_path / "sim",
        "--customer-password",
        PASSWORD,
        "--installer-password",
        INSTALLER_PASSWORD,
        "--toggle-window",
        "2",
    )

    def login(url: str, password: str) -> subprocess.CompletedProcess[str]:
        import os

        env = {**os.environ, "PWKIT_PASSWORD": password, "PWKIT_INSTALLER_PASSWORD": INSTALLER_PASSWORD}
        args = ["login", "--installer", url, "--email", EMAIL, "--state-dir", str(tmp_path / "state")]
        process = subprocess.Popen(
            [sys.executable, "-m", "pwkit.cli", *args],
            stdin=subprocess.PIPE,  # open, never written nor closed: nobody presses Enter
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        try:
            process.wait(40)
            assert process.stdout is not None and process.stderr is not None
            out, err = process.stdout.read(), process.stderr.read()
        finally:
            if process.poll() is None:
                process.kill()
            assert process.stdin is not None
            process.stdin.close()
        return subprocess.CompletedProcess(args, process.returncode, out, err)

    try:
        closed = login(sim.url, PASSWORD)
        assert closed.returncode == 1 and "window" in closed.stdout + closed.stderr, closed
        for result in (login(sim.url, "wrong-password"), login(f"https://127.0.0.1:{free_port()}", PASSWORD)):
            assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
            assert len([line for line in result.stderr.splitlines() if line.startswith("Error")]) == 1, result.stderr
    finally:
        sim.stop()


def test_the_topic_reference_says_or_null_where_a_reading_can_be_null() -> None:
    """D19: a nullable reading (a pack's energy when disabled) is `number or null` in TOPICS.md."""
    from pwkit.codegen import paths

    text = (paths.GENERATED / "TOPICS.md").read_text()
    line = next(li for li in text.splitlines() if "<PackageSerialNumber>/nominal_energy_remaining`" in li)
    assert "| number or null |" in line
