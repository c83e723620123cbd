"""MQTT protocol edges end to end: a retained command waiting at connection, and the 5 → 3.1.1 fallback."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from pathlib import Path

import pytest

from .brokers import Mosquitto, Observer, RunningBridge, free_port
from .simulators import RunningSimulator
from .test_bridge import PASSWORD, config

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("protocol", ["5", "3.1.1"])
def test_a_retained_command_waiting_when_the_bridge_connects_is_refused_and_cleared(
    tmp_path: Path, protocol: str
) -> None:
    sim = RunningSimulator(tmp_path / "sim", "--customer-password", PASSWORD)
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["pwkit/#"])
    # Left behind by some tool long ago: it must never run, under either protocol.
    observer.publish("pwkit/home/set/mode", json.dumps({"value": "backup", "transaction": "stale"}), retain=True)
    body = config(sim, broker, commands='allow_commands = ["mode"]').replace(
        'prefix = "pwkit"', f'prefix = "pwkit"\nprotocol = "{protocol}"'
    )
    bridge = RunningBridge(tmp_path / "bridge", body, env={"PWKIT_PASSWORD": PASSWORD})
    try:
        answer = json.loads(observer.wait_for("pwkit/home/response/mode", timeout=30).payload)
        assert answer["status"] == "error" and "retained" in answer["error"]
        observer.wait_for("pwkit/home/availability", lambda m: m.text == "online", timeout=30)
        assert sim.stats()["executed"] == []  # nothing reached the gateway
        late = Observer(broker, ["pwkit/home/set/#"])  # what a new subscriber finds retained
        try:
            time.sleep(0.5)
            assert [m for m in late.messages if m.payload] == []
        finally:
            late.close()
        answers = [json.loads(m.payload) for m in observer.on("pwkit/home/response/mode")]
        assert len(answers) == 1  # refused once, not again on its own clearing
    finally:
        bridge.stop()
        observer.close()
        broker.stop()
        sim.stop()


class Mqtt311Only:
    """A broker that speaks only MQTT 3.1.1: mosquitto behind a proxy that refuses MQTT 5 CONNECTs.

    An MQTT 5 CONNECT is answered as a 3.1.1 broker answers an unknown protocol level
    (CONNACK, return code 1 "unacceptable protocol version") and closed; any other
    connection is passed through to mosquitto untouched.
    """

    def __init__(self, broker: Mosquitto) -> None:
        self.broker = broker
        self.port = free_port()
        self.refused_v5 = 0
        self.passed = 0
        self._server = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"mqtt://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _handle(self, client: socket.socket) -> None:
        first = client.recv(4096)
        # CONNECT: fixed header (type 1), remaining length, then "\x00\x04MQTT" and the protocol level.
        start = 2
        while first[start - 1] & 0x80:
            start += 1
        level = first[start + 6] if len(first) > start + 6 else 0
        if first[:1] == b"\x10" and level == 5:
            self.refused_v5 += 1
            client.sendall(b"\x20\x02\x00\x01")
            client.close()
            return
        self.passed += 1
        upstream = socket.create_connection(("127.0.0.1", self.broker.port))
        upstream.sendall(first)
        for a, b in ((client, upstream), (upstream, client)):
            threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, target):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._server.close()


def test_a_broker_that_only_speaks_311_gets_the_bridge_over_311(tmp_path: Path) -> None:
    sim = RunningSimulator(tmp_path / "sim", "--customer-password", PASSWORD)
    broker = Mosquitto(tmp_path / "mqtt")
    only_311 = Mqtt311Only(broker)
    observer = Observer(broker, ["pwkit/#"])  # straight to mosquitto: it sees what the bridge published
    body = config(sim, broker).replace(broker.url, only_311.url)  # protocol left at its default, 5
    bridge = RunningBridge(tmp_path / "bridge", body, env={"PWKIT_PASSWORD": PASSWORD})
    try:
        observer.wait_for("pwkit/home/availability", lambda m: m.text == "online", timeout=30)
        observer.wait_for("pwkit/home/meters/aggregates/site/instant_power", timeout=30)
        assert only_311.refused_v5 >= 1  # it tried MQTT 5 first…
        assert only_311.passed >= 1  # …then connected over 3.1.1
        assert "falling back to MQTT 3.1.1" in bridge.log()
        since = time.monotonic()
        observer.publish("pwkit/home/set/mode", "frobnicate")  # refused, but answered: commands flow too
        answer = json.loads(observer.wait_for("pwkit/home/response/mode", lambda m: m.at >= since).payload)
        assert answer["status"] == "error"
        assert bridge.alive()
    finally:
        bridge.stop()
        observer.close()
        only_311.close()
        broker.stop()
        sim.stop()
