"""The bridge's MQTT connection: paho-mqtt, MQTT 5 (3.1.1 when the broker refuses 5), TLS, last will.

paho runs its network loop in a thread of its own and reconnects with backoff;
what arrives is handed to the bridge's event loop as :class:`Inbound` events.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from dataclasses import dataclass
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from paho.mqtt.subscribeoptions import SubscribeOptions

from .config import MqttConfig

log = logging.getLogger("pwkit.mqtt")
UNSUPPORTED_PROTOCOL = (1, 132)  # 3.1.1's and 5's CONNACK codes for "unacceptable protocol version"


@dataclass(frozen=True)
class Inbound:
    """A message from the broker, or (``topic`` None) a (re)connection."""

    topic: str | None
    payload: bytes = b""
    retain: bool = False
    response_topic: str | None = None
    correlation: bytes | None = None


class MqttLink:
    def __init__(
        self,
        config: MqttConfig,
        *,
        will_topic: str,
        will_payload: str,
        subscriptions: list[str],
        loop: asyncio.AbstractEventLoop,
        inbox: asyncio.Queue[Inbound],
    ) -> None:
        self.config = config
        self.will = (will_topic, will_payload)
        self.subscriptions = subscriptions
        self.loop = loop
        self.inbox = inbox
        self.protocol = mqtt.MQTTv311 if config.protocol == "3.1.1" else mqtt.MQTTv5
        self.connected = False
        self._ever_connected = False
        self._stopping = False
        self.published = 0
        self._client = self._make_client()

    # ------------------------------------------------------------ lifecycle
    def _make_client(self) -> mqtt.Client:
        c = self.config
        client = mqtt.Client(
            callback_api_version=CallbackAPIVersion.VERSION2, client_id=c.client_id, protocol=self.protocol
        )
        if c.username is not None:
            client.username_pw_set(c.username, c.password)
        if c.tls:
            client.tls_set(
                ca_certs=str(c.ca) if c.ca else None,
                certfile=str(c.certfile) if c.certfile else None,
                keyfile=str(c.keyfile) if c.keyfile else None,
                cert_reqs=ssl.CERT_NONE if c.tls_insecure else ssl.CERT_REQUIRED,
            )
            if c.tls_insecure:
                client.tls_insecure_set(True)
        client.will_set(self.will[0], self.will[1], qos=1, retain=True)
        client.reconnect_delay_set(1, 30)
        client.max_queued_messages_set(10_000)
        client.on_connect = self._on_connect
        client.on_disconnect = self._on_disconnect
        client.on_message = self._on_message
        return client

    def start(self) -> None:
        log.info("connecting to MQTT broker %s as %s", self.config.display, self.config.client_id)
        self._client.connect_async(self.config.host, self.config.port, keepalive=self.config.keepalive)
        self._client.loop_start()

    def stop(self, last_words: list[tuple[str, str]]) -> None:
        """Publish ``last_words`` (retained) and disconnect cleanly, so the will is not sent."""
        if self.connected:
            infos = [self._client.publish(topic, text, qos=1, retain=True) for topic, text in last_words]
            for info in infos:
                info.wait_for_publish(timeout=3)
        self._stopping = True
        self._client.disconnect()
        self._client.loop_stop()

    # ------------------------------------------------------------- callbacks
    def _on_connect(self, client: mqtt.Client, userdata: Any, flags: Any, reason: Any, properties: Any) -> None:
        code = getattr(reason, "value", reason)
        if reason.is_failure:
            if code in UNSUPPORTED_PROTOCOL and self.protocol == mqtt.MQTTv5:
                log.warning("the broker refuses MQTT 5; falling back to MQTT 3.1.1")
                self.loop.call_soon_threadsafe(self._fall_back)
                return
            log.error("MQTT broker %s refused the connection: %s", self.config.display, reason)
            return
        self.connected = True
        self._ever_connected = True
        log.info(
            "connected to MQTT broker %s (MQTT %s)",
            self.config.display,
            "5" if self.protocol == mqtt.MQTTv5 else "3.1.1",
        )
        for topic in self.subscriptions:
            if self.protocol == mqtt.MQTTv5:
                # retainAsPublished: a retained command published while we are subscribed keeps its
                # flag, so it is refused too. noLocal: we clear retained commands and must not
                # read our own clearing back.
                client.subscribe(topic, options=SubscribeOptions(qos=1, noLocal=True, retainAsPublished=True))
            else:
                client.subscribe(topic, qos=1)
        self.loop.call_soon_threadsafe(self.inbox.put_nowait, Inbound(None))

    def _on_disconnect(self, client: mqtt.Client, userdata: Any, flags: Any, reason: Any, properties: Any) -> None:
        if not self._ever_connected and self.protocol == mqtt.MQTTv5:
            # Some 3.1.1-only brokers close an MQTT 5 connection without any CONNACK.
            log.warning("the broker closed the MQTT 5 connection unanswered; falling back to MQTT 3.1.1")
            self.loop.call_soon_threadsafe(self._fall_back)
            return
        if self.connected and not self._stopping:
            log.warning("lost the MQTT broker %s (%s); reconnecting with backoff", self.config.display, reason)
        self.connected = False

    def _on_message(self, client: mqtt.Client, userdata: Any, message: mqtt.MQTTMessage) -> None:
        props = getattr(message, "properties", None)
        response_topic = getattr(props, "ResponseTopic", None) if props else None
        correlation = getattr(props, "CorrelationData", None) if props else None
        inbound = Inbound(message.topic, bytes(message.payload), bool(message.retain), response_topic, correlation)
        self.loop.call_soon_threadsafe(self.inbox.put_nowait, inbound)

    def _fall_back(self) -> None:
        self._client.loop_stop()
        self.protocol = mqtt.MQTTv311
        self._client = self._make_client()
        self.start()

    @property
    def knows_retain_flag(self) -> bool:
        """Whether live messages show their retain flag (MQTT 5 with retainAsPublished)."""
        return self.protocol == mqtt.MQTTv5

    # --------------------------------------------------------------- publish
    def publish(
        self, topic: str, payload: str | bytes, *, retain: bool = False, correlation: bytes | None = None
    ) -> None:
        properties = None
        if correlation is not None and self.protocol == mqtt.MQTTv5:
            properties = Properties(PacketTypes.PUBLISH)  # type: ignore[no-untyped-call]
            properties.CorrelationData = correlation
        self.published += 1
        self._client.publish(topic, payload, qos=1, retain=retain, properties=properties)
