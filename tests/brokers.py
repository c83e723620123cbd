"""A real mosquitto for tests, started on a free port with its own configuration, and an MQTT observer."""

from __future__ import annotations

import asyncio
import getpass
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from pwkit.bridge.config import MqttConfig
from pwkit.bridge.mqtt import MqttLink
from pwkit.simulator import certs


def mosquitto_binary() -> str:
    found = shutil.which("mosquitto") or ("/usr/sbin/mosquitto" if Path("/usr/sbin/mosquitto").exists() else None)
    if found is None:
        raise RuntimeError("mosquitto is not installed: apt-get install mosquitto mosquitto-clients")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Mosquitto:
    """mosquitto on 127.0.0.1:<free port>. With ``users`` it needs passwords; ``acl`` lines restrict them."""

    def __init__(
        self,
        directory: Path,
        *,
        users: dict[str, str] | None = None,
        acl: list[str] | None = None,
        tls: bool = False,
        port: int | None = None,
    ) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.tls = tls
        lines = [f"listener {self.port} 127.0.0.1", "persistence false", f"log_dest file {directory / 'mosquitto.log'}"]
        # Started as root, mosquitto drops to user `mosquitto`, who cannot read this test's files.
        lines.append(f"user {getpass.getuser()}")
        lines.append("log_type all")
        if users:
            passwd = directory / "passwd"
            passwd.write_text("")
            for user, password in users.items():
                subprocess.run([_passwd_tool(), "-b", str(passwd), user, password], check=True, capture_output=True)
            lines += ["allow_anonymous false", f"password_file {passwd}"]
        else:
            lines.append("allow_anonymous true")
        if acl:
            (directory / "acl").write_text("\n".join(acl) + "\n")
            lines.append(f"acl_file {directory / 'acl'}")
        if tls:
            certificate = certs.generate()
            self.ca, cert, key = certificate.write(directory / "tls")
            lines += [f"cafile {self.ca}", f"certfile {cert}", f"keyfile {key}"]
        (directory / "mosquitto.conf").write_text("\n".join(lines) + "\n")
        self.process: subprocess.Popen[bytes] | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"{'mqtts' if self.tls else 'mqtt'}://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [mosquitto_binary(), "-c", str(self.directory / "mosquitto.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError(f"mosquitto did not start:\n{self.log()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None

    def log(self) -> str:
        path = self.directory / "mosquitto.log"
        return path.read_text() if path.exists() else ""


def _passwd_tool() -> str:
    found = shutil.which("mosquitto_passwd")
    if found is None:
        raise RuntimeError("mosquitto_passwd is not installed: apt-get install mosquitto")
    return found


@dataclass(frozen=True)
class Message:
    topic: str
    payload: bytes
    retain: bool
    correlation: bytes | None
    at: float

    @property
    def text(self) -> str:
        return self.payload.decode()


class Observer:
    """An MQTT 5 client that records everything it sees on ``topics``."""

    def __init__(
        self, broker: Mosquitto, topics: list[str], *, username: str | None = None, password: str | None = None
    ) -> None:
        self.messages: list[Message] = []
        self.lock = threading.Lock()
        self.client = mqtt.Client(callback_api_version=CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv5)
        if username:
            self.client.username_pw_set(username, password)
        if broker.tls:
            self.client.tls_set(ca_certs=str(broker.ca))
            self.client.tls_insecure_set(True)
        subscribed = threading.Event()
        self.client.on_message = self._record
        self.client.on_subscribe = lambda *args: subscribed.set()
        self.client.on_connect = lambda client, *args: client.subscribe([(t, 1) for t in topics])
        self.client.connect("127.0.0.1", broker.port)
        self.client.loop_start()
        if not subscribed.wait(10):
            raise RuntimeError("the observer could not subscribe")

    def _record(self, client: Any, userdata: Any, message: mqtt.MQTTMessage) -> None:
        props = getattr(message, "properties", None)
        correlation = getattr(props, "CorrelationData", None) if props else None
        with self.lock:
            self.messages.append(
                Message(message.topic, bytes(message.payload), bool(message.retain), correlation, time.monotonic())
            )

    def on(self, topic: str) -> list[Message]:
        with self.lock:
            return [m for m in self.messages if mqtt.topic_matches_sub(topic, m.topic)]

    def wait_for(
        self, topic: str, predicate: Callable[[Message], bool] = lambda m: True, timeout: float = 15.0
    ) -> Message:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.on(topic):
                if predicate(message):
                    return message
            time.sleep(0.05)
        seen = sorted({m.topic for m in self.messages})[:40]
        raise AssertionError(f"nothing on {topic} within {timeout} s; topics seen: {seen}")

    def latest(self, topic: str) -> Message | None:
        found = self.on(topic)
        return found[-1] if found else None

    def publish(
        self,
        topic: str,
        payload: str | bytes,
        *,
        retain: bool = False,
        response_topic: str | None = None,
        correlation: bytes | None = None,
    ) -> None:
        properties = None
        if response_topic:
            properties = Properties(PacketTypes.PUBLISH)
            properties.ResponseTopic = response_topic
            if correlation is not None:
                properties.CorrelationData = correlation
        self.client.publish(topic, payload, qos=1, retain=retain, properties=properties).wait_for_publish(5)

    def close(self) -> None:
        self.client.loop_stop()
        self.client.disconnect()


class RunningBridge:
    """`pwkit bridge` in a subprocess, its log kept for assertions."""

    def __init__(self, directory: Path, config: str, *args: str, env: dict[str, str] | None = None) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.config = directory / "pwkit.toml"
        self.config.write_text(config)
        self.log_path = directory / "bridge.log"
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pwkit.cli",
                "bridge",
                "--config",
                str(self.config),
                "--state-dir",
                str(directory / "state"),
                *args,
            ],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )

    def log(self) -> str:
        return self.log_path.read_text()

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self._log.close()


def iter_lines(text: str) -> Iterator[str]:
    yield from text.splitlines()


async def connected_link(broker: Mosquitto, client_id: str) -> MqttLink:
    """A bridge's MQTT link to ``broker``, started in the running loop and connected (a will on t/state)."""
    link = MqttLink(
        MqttConfig(url=broker.url, client_id=client_id),
        will_topic="t/state",
        will_payload="offline",
        subscriptions=[],
        loop=asyncio.get_running_loop(),
        inbox=asyncio.Queue(),
    )
    link.start()
    while not link.connected:
        await asyncio.sleep(0.01)
    return link


def unconnected_link() -> MqttLink:
    """A bridge's MQTT link that never connects: paho queues what it is given, for tests of the link's own
    bookkeeping (topics refused, the in-flight table, message properties)."""
    return MqttLink(
        MqttConfig(),
        will_topic="p/s",
        will_payload="x",
        subscriptions=[],
        loop=asyncio.new_event_loop(),
        inbox=None,  # type: ignore[arg-type]
    )
