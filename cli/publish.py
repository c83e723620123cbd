"""`pwkit publish`: send one MQTT message (a command to the bridge) without installing mosquitto-clients."""

from __future__ import annotations

import contextlib
import json
import re
import sys
import threading
from urllib.parse import unquote, urlsplit

import click


@click.command()
@click.argument("topic")
@click.argument("message")
@click.option(
    "--mqtt",
    "url",
    default="mqtt://localhost:1883",
    show_default=True,
    envvar="PWKIT_MQTT",
    help="The broker: mqtt://[user:pass@]host[:port], or mqtts://… for TLS (env PWKIT_MQTT).",
)
@click.option(
    "--wait",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Seconds to wait for the bridge's answer to a command (PREFIX/GW/set/NAME); 0: do not wait.",
)
def publish(topic: str, message: str, url: str, wait: float) -> None:
    """Publish MESSAGE on TOPIC (QoS 1, not retained), and print the bridge's answer to a command.

    \b
    Example, with `pwkit demo` running:
      pwkit publish --mqtt mqtt://127.0.0.1:1883 pwkit/demo/set/mode backup

    A command topic PREFIX/GW/set/NAME is answered on PREFIX/GW/response/NAME;
    the answer is printed, and the exit status is 0 for "ok", 1 for an error
    answer, 2 when no answer came within --wait seconds.
    """
    import paho.mqtt.client as mqtt
    from paho.mqtt.enums import CallbackAPIVersion

    parts = urlsplit(url)
    if parts.scheme not in ("mqtt", "mqtts") or not parts.hostname:
        raise click.BadParameter("use mqtt://host[:port] or mqtts://host[:port]", param_hint="--mqtt")
    command = re.fullmatch(r"(.+)/set/([^/]+)", topic)
    response_topic = f"{command.group(1)}/response/{command.group(2)}" if command and wait > 0 else None
    answer: list[str] = []
    answered = threading.Event()
    subscribed = threading.Event()
    client = mqtt.Client(callback_api_version=CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv311)
    if parts.username:
        client.username_pw_set(unquote(parts.username), unquote(parts.password or ""))
    if parts.scheme == "mqtts":
        client.tls_set()

    def on_connect(c: mqtt.Client, *args: object) -> None:
        if response_topic:
            c.subscribe(response_topic, qos=1)
        else:
            subscribed.set()

    def on_message(c: mqtt.Client, userdata: object, msg: mqtt.MQTTMessage) -> None:
        if not msg.retain:
            answer.append(msg.payload.decode(errors="replace"))
            answered.set()

    client.on_connect = on_connect
    client.on_subscribe = lambda *args: subscribed.set()
    client.on_message = on_message
    port = parts.port or (8883 if parts.scheme == "mqtts" else 1883)
    try:
        client.connect(parts.hostname, port)
    except OSError as exc:
        raise click.ClickException(f"cannot reach the MQTT broker {parts.hostname}:{port}: {exc}") from exc
    client.loop_start()
    try:
        if not subscribed.wait(10):
            raise click.ClickException("the MQTT broker did not answer the connection within 10 s")
        client.publish(topic, message, qos=1).wait_for_publish(10)
        if response_topic is None:
            return
        if not answered.wait(wait):
            click.echo(f"no answer on {response_topic} within {wait:g} s (is the bridge running?)", err=True)
            sys.exit(2)
        click.echo(answer[0])
        with contextlib.suppress(ValueError, AttributeError):
            if json.loads(answer[0]).get("status") == "ok":
                return
        sys.exit(1)
    finally:
        client.loop_stop()
        client.disconnect()
