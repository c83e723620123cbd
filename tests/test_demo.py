"""`pwkit demo` headless, as a newcomer runs it: readings arrive and a command round-trips."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion

from .brokers import free_port

pytestmark = pytest.mark.slow


def test_the_demo_shows_readings_and_a_command_round_trips() -> None:
    port = free_port()
    demo = subprocess.Popen(
        [sys.executable, "-m", "pwkit.cli", "demo", "--duration", "25", "--broker-port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    answers: list[dict[str, object]] = []
    readings: list[str] = []
    client = mqtt.Client(callback_api_version=CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv311)

    def on_message(c: mqtt.Client, userdata: object, message: mqtt.MQTTMessage) -> None:
        if "/response/" in message.topic:
            answers.append(json.loads(message.payload))
        elif message.topic.endswith("system_status/soe/percentage"):
            readings.append(message.payload.decode())

    client.on_message = on_message
    client.on_connect = lambda c, *args: c.subscribe("pwkit/#", qos=1)
    try:
        deadline = time.monotonic() + 20
        while True:  # the embedded broker comes up with the demo
            try:
                client.connect("127.0.0.1", port)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        client.loop_start()
        deadline = time.monotonic() + 20
        while not readings and time.monotonic() < deadline:
            time.sleep(0.2)
        assert readings, "no state of charge arrived"
        # Exactly the line the demo prints for newcomers.
        subprocess.run(
            [
                "mosquitto_pub",
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-q",
                "1",
                "-t",
                "pwkit/demo/set/mode",
                "-m",
                "backup",
            ],
            check=True,
            timeout=10,
        )
        deadline = time.monotonic() + 15
        while not answers and time.monotonic() < deadline:
            time.sleep(0.2)
        assert answers and answers[0]["status"] == "ok", answers
    finally:
        client.loop_stop()
        client.disconnect()
        output, _ = demo.communicate(timeout=60)
    assert demo.returncode == 0, output
    assert f"mosquitto_pub -h 127.0.0.1 -p {port} -q 1 -t pwkit/demo/set/mode -m backup" in output
    assert "pwkit demo stopped" in output and "Traceback" not in output
