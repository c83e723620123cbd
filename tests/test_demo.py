"""`pwkit demo` as a newcomer runs it: readings arrive, the printed command works, Ctrl-C leaves nothing behind."""

from __future__ import annotations

import json
import os
import queue
import shlex
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion

from .brokers import free_port

pytestmark = pytest.mark.slow


class Demo:
    """`pwkit demo` in a subprocess; its output read line by line as it comes."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pwkit.cli", "demo", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # a process group of its own, as a terminal gives it
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)
            self.lines.put(line)

    def line_after(self, marker: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                continue
            if marker in line:
                return line
        raise AssertionError(f"{marker!r} not printed:\n{''.join(self.output)}")


def test_the_demo_shows_readings_and_the_printed_command_round_trips() -> None:
    port = free_port()
    demo = Demo("--duration", "40", "--broker-port", str(port))
    readings: list[str] = []
    client = mqtt.Client(callback_api_version=CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv311)
    client.on_message = lambda c, u, m: readings.append(m.payload.decode())
    client.on_connect = lambda c, *args: c.subscribe("pwkit/demo/system_status/soe/percentage", qos=1)
    try:
        demo.line_after("Send a command from another terminal")
        command = demo.lines.get(timeout=5).strip()
        assert command.endswith(f"publish --mqtt mqtt://127.0.0.1:{port} pwkit/demo/set/mode backup")
        client.connect("127.0.0.1", port)
        client.loop_start()
        deadline = time.monotonic() + 20
        while not readings and time.monotonic() < deadline:
            time.sleep(0.2)
        assert readings, "no state of charge arrived"
        # Exactly the line the demo prints for newcomers: it needs no mosquitto-clients, and prints the answer.
        sent = subprocess.run(shlex.split(command), capture_output=True, text=True, timeout=30)
        assert sent.returncode == 0, sent.stderr
        answer = json.loads(sent.stdout)
        assert answer["status"] == "ok" and answer["requested"] == "backup"
    finally:
        client.loop_stop()
        client.disconnect()
        demo.process.wait(60)
    output = "".join(demo.output)
    assert demo.process.returncode == 0, output
    assert "pwkit demo stopped" in output and "Traceback" not in output


def test_ctrl_c_stops_the_demo_quietly_and_removes_its_files() -> None:
    demo = Demo("--broker-port", str(free_port()))
    files = Path(demo.line_after("files").split()[1])
    assert (files / "sim").is_dir()  # the simulated CA's private key lives there
    demo.line_after("changed pwkit/demo/")  # running: readings are shown
    os.killpg(demo.process.pid, signal.SIGINT)  # Ctrl-C in a terminal: the demo and everything it started
    assert demo.process.wait(60) == 0
    output = "".join(demo.output)
    assert "pwkit demo stopped" in output
    assert not files.exists()
    for noise in ("WARNING", "ERROR", "Traceback", "lost the MQTT broker"):
        assert noise not in output, output
