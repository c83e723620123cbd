"""`pwkit publish`: send one MQTT message (a command to the bridge) without installing mosquitto-clients."""

from __future__ import annotations

import contextlib
import json
import re
import sys
import threading
import uuid
from urllib.parse import unquote, urlsplit

import click


def _with_transaction(message: str) -> tuple[str, str]:
    """The command with a transaction to recognise its answer by: the user's own, or a new one."""
    text = message.strip()
    if text.startswith("{"):
        try:
            document = json.loads(text)
        except ValueError:
            document = None
        if isinstance(document, dict):
            if isinstance(document.get("transaction"), str):
                return message, document["transaction"]
            document["transaction"] = f"pwkit-publish-{uuid.uuid4().hex[:12]}"
            return json.dumps(document), document["transaction"]
        return message, ""  # not a command the bridge reads: its refusal names no transaction
    transaction = f"pwkit-publish-{uuid.uuid4().hex[:12]}"
    return json.dumps({"value": message, "transaction": transaction}), transaction


@click.command(context_settings={"ignore_unknown_options": True})
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

    from pwkit.bridge.topics import topic_problem

    parts = urlsplit(url)
    if parts.scheme not in ("mqtt", "mqtts") or not parts.hostname:
        raise click.BadParameter("use mqtt://host[:port] or mqtts://host[:port]", param_hint="--mqtt")
    problem = topic_problem(topic)
    if problem is not None:
        raise click.BadParameter(f"{problem}: give one topic to publish on, e.g. pwkit/GW/set/mode", param_hint="TOPIC")
    command = re.fullmatch(r"(.+)/set/([^/]+)", topic)
    response_topic = f"{command.group(1)}/response/{command.group(2)}" if command and wait > 0 else None
    transaction = None
    if response_topic is not None:
        # Our answer, not another client's on the same topic: the command carries a transaction of its own.
        message, transaction = _with_transaction(message)
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
        if msg.retain:
            return
        text = msg.payload.decode(errors="replace")
        try:
            theirs = json.loads(text).get("transaction")
        except (ValueError, AttributeError):
            return
        if theirs == transaction:
            answer.append(text)
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
