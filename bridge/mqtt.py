"""The bridge's MQTT connection: paho-mqtt, MQTT 5 (3.1.1 when the broker refuses 5), TLS, last will.

paho's network loop runs in the bridge's event loop (paho's external-loop API: the socket is watched by the
event loop, ``loop_read``/``loop_write``/``loop_misc`` called from it), not in a thread of its own: a
publication goes out at the event loop's next turn instead of waiting for paho's thread to get the
interpreter (up to the 5 ms switch interval while the event loop is busy), and no thread is woken per burst.
Only the blocking part of a connection (TCP connect, TLS handshake) runs in a worker thread. Reconnection with
backoff (1 s doubling to 30 s) is this module's, as paho's own loop did it. What arrives is handed to the
bridge's event loop as :class:`Inbound` events.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from paho.mqtt.subscribeoptions import SubscribeOptions

from .config import MqttConfig
from .topics import topic_problem

log = logging.getLogger("pwkit.mqtt")
UNSUPPORTED_PROTOCOL = (1, 132)
# CONNACK codes for a refused login: 3.1.1's 4 and 5, MQTT 5's 134 (bad user name or password) and 135.
BAD_CREDENTIALS = (4, 5, 134, 135)  # 3.1.1's and 5's CONNACK codes for "unacceptable protocol version"
# The broker keeps our subscriptions and queues commands for this long while we are away (MQTT 5).
SESSION_EXPIRY = 600
UNACKED_AFTER = 30.0  # seconds without a PUBACK before a publication counts as unacknowledged
PROBE_TIMEOUT = 5.0
# An emptied table of unacknowledged publications larger than one of a thousand entries is replaced (see
# MqttLink._shrink_inflight); a smaller one is kept, not reallocated at every burst.
INFLIGHT_KEPT_SIZE = sys.getsizeof(dict.fromkeys(range(1000)))
MAX_QUEUED = 10_000  # publications paho holds before it drops new ones (MQTT_ERR_QUEUE_SIZE)
# Backpressure for answers (MqttLink.room): a source waits before publishing an answer while ROOM_HIGH
# publications await the broker, and goes on once fewer than ROOM_LOW do. One answer publishes at most
# MAX_LEAVES (2,000) values and one gateway's discovery a few hundred, so paho's queue never overflows. Without
# it, a hundred gateways starting together queued their first readings faster than the broker acknowledged
# them (paho keeps 20 in flight) and lost a third of them to the full queue.
ROOM_HIGH = 3_000
ROOM_LOW = 1_500
ROOM_TIMEOUT = 30.0  # seconds an answer waits for room before it is published anyway (a broker not acknowledging)
RECONNECT_MIN, RECONNECT_MAX = 1.0, 30.0  # seconds between connection attempts: doubling, reset by a CONNACK
MISC_EVERY = 1.0  # seconds between paho's housekeeping calls (keep-alive PINGREQ, a silent broker noticed)
STOP_WAIT = 3.0  # seconds stop() waits for the last words' PUBACK and for DISCONNECT to leave


@dataclass(frozen=True)
class Inbound:
    """A message from the broker, or (``topic`` None) a (re)connection."""

    topic: str | None
    payload: bytes = b""
    retain: bool = False
    response_topic: str | None = None
    correlation: bytes | None = None
    received: float = 0.0


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
        self._answered = False  # a CONNACK came, even a refusal
        self._stopping = False
        self.published = 0
        # Publications the bridge could not make: why → count (for bridge/stats), and the broker's refusals.
        self.rejected: Counter[str] = Counter()
        self.denied = 0
        self.unacknowledged = 0
        self.connect_failures = 0
        self._inflight: dict[int, tuple[str, float]] = {}
        # A wait for the broker (room, drain) is woken by the PUBACK that leaves fewer than _wake_below publications
        # are unacknowledged (0: nobody waits).
        self._acknowledged = asyncio.Event()
        self._wake_below = 0
        self.room_waits = 0  # answers that waited for the broker (bridge/stats)
        self._warned: set[str] = set()
        # MQTT 3.1.1 shows no retain flag on live messages: a probe asks the broker for a retained copy.
        self.barrier_topic = f"{config.prefix}/bridge/probe/{uuid.uuid4().hex[:12]}"
        self._barriers: dict[str, asyncio.Future[None]] = {}
        self._probing: dict[str, list[bytes]] = {}
        self._probe_lock: asyncio.Lock | None = None
        self._loop_thread: int | None = None  # the event loop's thread: paho's socket calls are made there
        self._driver: asyncio.Task[None] | None = None
        self._session_accepted = False  # a CONNACK accepted the current connection (the backoff starts again)
        self._client = self._make_client()

    # ------------------------------------------------------------ lifecycle
    def _make_client(self) -> mqtt.Client:
        c = self.config
        # A session that outlives a dropped connection: a command sent meanwhile is queued by the broker,
        # delivered at the reconnection, and then judged by its age. Under 3.1.1 only for an id unique to
        # this run (a fixed id would resume an old run's session and its stale commands).
        client = mqtt.Client(
            callback_api_version=CallbackAPIVersion.VERSION2,
            client_id=c.client_id,
            protocol=self.protocol,
            clean_session=None if self.protocol == mqtt.MQTTv5 else not c.generated_id,
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
        client.max_queued_messages_set(MAX_QUEUED)
        client.on_connect = self._on_connect
        client.on_connect_fail = self._on_connect_fail
        client.on_disconnect = self._on_disconnect
        client.on_message = self._on_message
        client.on_publish = self._on_publish
        client.on_socket_open = self._socket_open
        client.on_socket_close = self._socket_close
        client.on_socket_register_write = self._socket_register_write
        client.on_socket_unregister_write = self._socket_unregister_write
        return client

    def start(self) -> None:
        log.info("connecting to MQTT broker %s as %s", self.config.display, self.config.client_id)
        properties = None
        if self.protocol == mqtt.MQTTv5:
            properties = Properties(PacketTypes.CONNECT)  # type: ignore[no-untyped-call]
            properties.SessionExpiryInterval = SESSION_EXPIRY
        self._client.connect_async(
            self.config.host,
            self.config.port,
            keepalive=self.config.keepalive,
            clean_start=mqtt.MQTT_CLEAN_START_FIRST_ONLY,  # never an earlier run's session
            properties=properties,
        )
        self._loop_thread = threading.get_ident()
        self._driver = self.loop.create_task(self._drive(self._client), name="mqtt")

    def stop(self, last_words: list[tuple[str, str]]) -> None:
        """Publish ``last_words`` (retained) and disconnect cleanly, so the will is not sent. Called from a worker
        thread while the event loop runs (it carries the PUBACKs and the DISCONNECT)."""
        client = self._client
        if self.connected:
            infos = [client.publish(topic, text, qos=1, retain=True) for topic, text in last_words]
            for info in infos:
                info.wait_for_publish(timeout=STOP_WAIT)
        self._stopping = True
        client.disconnect()
        deadline = time.monotonic() + STOP_WAIT
        while client.socket() is not None and time.monotonic() < deadline:
            time.sleep(0.01)  # DISCONNECT leaves at the event loop's next turn, which then closes the socket
        driver = self._driver
        if driver is not None:
            self.loop.call_soon_threadsafe(driver.cancel)

    # ------------------------------------------------------------- network loop
    async def _drive(self, client: mqtt.Client) -> None:
        """Connect, keep the connection (paho's housekeeping every second), and connect again with backoff
        when it drops, until stopped: what paho's own thread did in ``loop_forever``."""
        delay = RECONNECT_MIN
        while not self._stopping and client is self._client:
            self._session_accepted = False
            try:
                # The blocking part (DNS, TCP connect, TLS handshake) in a worker thread; paho then sends
                # CONNECT through the event loop, and the CONNACK arrives there.
                await asyncio.to_thread(client.reconnect)
            except Exception as exc:  # whatever a connection attempt raises, the next one follows
                log.debug("MQTT connection attempt failed: %r", exc)
                self._on_connect_fail(client, None)
            else:
                while client.socket() is not None and not self._stopping:
                    await asyncio.sleep(MISC_EVERY)
                    try:
                        client.loop_misc()
                    except Exception as exc:  # never the end of the link: said once, tried again each second
                        self._warn_once("misc", "MQTT housekeeping failed (%r); going on", exc)
                if self._session_accepted:
                    delay = RECONNECT_MIN
            if self._stopping or client is not self._client:
                return
            await asyncio.sleep(delay)
            delay = min(RECONNECT_MAX, delay * 2)

    def _in_loop(self, call: Any, *args: Any) -> None:
        """Run ``call`` in the event loop's thread: at once when already there, else at its next turn (paho
        calls the socket callbacks from the worker thread that connects and from stop())."""
        if threading.get_ident() == self._loop_thread:
            call(*args)
        else:
            self.loop.call_soon_threadsafe(call, *args)

    def _socket_open(self, client: mqtt.Client, userdata: Any, sock: Any) -> None:
        self._in_loop(self.loop.add_reader, sock, self._readable, client)

    def _socket_close(self, client: mqtt.Client, userdata: Any, sock: Any) -> None:
        self._in_loop(self._forget_socket, sock)

    def _forget_socket(self, sock: Any) -> None:
        self.loop.remove_reader(sock)
        self.loop.remove_writer(sock)

    def _socket_register_write(self, client: mqtt.Client, userdata: Any, sock: Any) -> None:
        self._in_loop(self.loop.add_writer, sock, self._writable, client)

    def _socket_unregister_write(self, client: mqtt.Client, userdata: Any, sock: Any) -> None:
        self._in_loop(self.loop.remove_writer, sock)

    def _readable(self, client: mqtt.Client) -> None:
        client.loop_read()
        # TLS: bytes already decrypted into the SSL object's buffer do not make the socket readable again.
        for _ in range(1000):
            sock = client.socket()
            pending = getattr(sock, "pending", None)
            if sock is None or pending is None or pending() <= 0 or client.loop_read() != mqtt.MQTT_ERR_SUCCESS:
                return

    def _writable(self, client: mqtt.Client) -> None:
        client.loop_write()

    # ------------------------------------------------------------- callbacks
    def _on_connect_fail(self, client: mqtt.Client, userdata: Any) -> None:
        # From the first attempt on, then every tenth: an unreachable broker is never silent.
        self.connect_failures += 1
        if self.connect_failures == 1 or self.connect_failures % 10 == 0:
            log.error(
                "cannot reach the MQTT broker %s (attempt %d); retrying with backoff up to 30 s",
                self.config.display,
                self.connect_failures,
            )

    def _on_connect(self, client: mqtt.Client, userdata: Any, flags: Any, reason: Any, properties: Any) -> None:
        code = getattr(reason, "value", reason)
        self._answered = True  # the broker spoke (a CONNACK): whatever follows is not a 3.1.1-only broker's silence
        if reason.is_failure:
            if code in UNSUPPORTED_PROTOCOL and self.protocol == mqtt.MQTTv5:
                log.warning("the broker refuses MQTT 5; falling back to MQTT 3.1.1")
                self.loop.call_soon_threadsafe(self._fall_back)
                return
            self.connect_failures += 1
            if code in BAD_CREDENTIALS:
                if self.connect_failures == 1 or self.connect_failures % 10 == 0:
                    log.error(
                        "MQTT broker %s refused the user name or password (%s, attempt %d): check the user "
                        "(--mqtt-username or mqtt://USER@…) and the password (PWKIT_MQTT_PASSWORD or "
                        "--mqtt-password-file); retrying with backoff",
                        self.config.display,
                        reason,
                        self.connect_failures,
                    )
                return
            log.error("MQTT broker %s refused the connection: %s", self.config.display, reason)
            return
        self.connect_failures = 0
        self._session_accepted = True
        now = time.monotonic()  # what waited out the disconnection is acknowledged only now
        for mid, (topic, _) in self._inflight_items():
            self._inflight[mid] = (topic, now)
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
        if self.protocol != mqtt.MQTTv5:
            client.subscribe(self.barrier_topic, qos=1)
        self.loop.call_soon_threadsafe(self.inbox.put_nowait, Inbound(None))

    def _on_disconnect(self, client: mqtt.Client, userdata: Any, flags: Any, reason: Any, properties: Any) -> None:
        if not self._ever_connected and not self._answered and self.protocol == mqtt.MQTTv5:
            # Some 3.1.1-only brokers close an MQTT 5 connection without any CONNACK.
            log.warning("the broker closed the MQTT 5 connection unanswered; falling back to MQTT 3.1.1")
            self.loop.call_soon_threadsafe(self._fall_back)
            return
        if self.connected and not self._stopping:
            log.warning("lost the MQTT broker %s (%s); reconnecting with backoff", self.config.display, reason)
        self.connected = False
        self.loop.call_soon_threadsafe(self._acknowledged.set)  # nothing is acknowledged while away: nobody waits

    def _on_message(self, client: mqtt.Client, userdata: Any, message: mqtt.MQTTMessage) -> None:
        try:
            topic = message.topic
        except UnicodeDecodeError:
            return  # not a topic we subscribed to
        props = getattr(message, "properties", None)
        response_topic = getattr(props, "ResponseTopic", None) if props else None
        correlation = getattr(props, "CorrelationData", None) if props else None
        payload = bytes(message.payload)
        if topic == self.barrier_topic:
            self.loop.call_soon_threadsafe(self._barrier_passed, payload.decode(errors="replace"))
            return
        if message.retain and topic in self._probing:
            self.loop.call_soon_threadsafe(self._probe_found, topic, payload)
            return
        inbound = Inbound(topic, payload, bool(message.retain), response_topic, correlation, time.monotonic())
        self.loop.call_soon_threadsafe(self.inbox.put_nowait, inbound)

    def _on_publish(self, client: mqtt.Client, userdata: Any, mid: int, reason: Any, properties: Any) -> None:
        topic, _ = self._inflight.pop(mid, ("?", 0.0))
        if self._wake_below and len(self._inflight) < self._wake_below:
            self._wake_below = 0
            self.loop.call_soon_threadsafe(self._acknowledged.set)
        if getattr(reason, "is_failure", False):
            # MQTT 5 says why (0x87 not authorized: an ACL); the message is gone.
            self.denied += 1
            self._warn_once(
                f"denied:{topic}", "the MQTT broker refused a publication to %s: %s (counted in stats)", topic, reason
            )

    def _warn_once(self, key: str, message: str, *args: Any) -> None:
        if key not in self._warned and len(self._warned) < 1000:
            self._warned.add(key)
            log.warning(message, *args)

    def overdue(self) -> int:
        """Publications the broker never acknowledged (3.1.1 brokers drop denied ones silently)."""
        if not self.connected:
            return self.unacknowledged
        cutoff = time.monotonic() - UNACKED_AFTER
        late = [mid for mid, (_, at) in self._inflight_items() if at < cutoff]
        for mid in late:
            topic, _ = self._inflight.pop(mid)
            self.unacknowledged += 1
            self._warn_once(f"unacked:{topic}", "no acknowledgement from the MQTT broker for %s (counted)", topic)
        self._shrink_inflight()
        return self.unacknowledged

    def _inflight_items(self) -> list[tuple[int, tuple[str, float]]]:
        """A snapshot of the unacknowledged publications (PUBACKs are read in the event loop's thread too, so a
        copy cannot be interrupted by one)."""
        return list(self._inflight.items())

    def _shrink_inflight(self) -> None:
        """A dict keeps the table of its largest size when emptied: after a start-up burst (a thousand
        gateways' first readings, up to paho's queue limit) that was 300 KB held for good. Replaced by a new
        one once empty."""
        if not self._inflight and sys.getsizeof(self._inflight) > INFLIGHT_KEPT_SIZE:
            self._inflight = {}

    # ------------------------------------------------------------- 3.1.1 probe
    async def retained_copies(self, topic: str) -> list[bytes] | None:
        """The retained payloads the broker holds on ``topic`` (None: the broker did not answer in time).

        Subscribing again makes the broker send its retained copy, flagged retained even in MQTT 3.1.1;
        a message to ourselves, published after the SUBSCRIBE, arrives after that copy and closes the look.
        """
        if self._probe_lock is None:
            self._probe_lock = asyncio.Lock()
        async with self._probe_lock:
            token = uuid.uuid4().hex
            barrier: asyncio.Future[None] = self.loop.create_future()
            self._barriers[token] = barrier
            self._probing[topic] = []
            try:
                self._client.subscribe(topic, qos=1)
                self._client.publish(self.barrier_topic, token, qos=1)
                await asyncio.wait_for(barrier, PROBE_TIMEOUT)
                return self._probing[topic]
            except TimeoutError:
                return None
            finally:
                self._client.unsubscribe(topic)
                self._barriers.pop(token, None)
                self._probing.pop(topic, None)

    def _barrier_passed(self, token: str) -> None:
        future = self._barriers.get(token)
        if future is not None and not future.done():
            future.set_result(None)

    def _probe_found(self, topic: str, payload: bytes) -> None:
        if topic in self._probing:
            self._probing[topic].append(payload)

    def subscribe(self, topic: str) -> None:
        """One more subscription: now when connected, and at every (re)connection."""
        self.subscriptions.append(topic)
        if self.connected:
            if self.protocol == mqtt.MQTTv5:
                self._client.subscribe(topic, options=SubscribeOptions(qos=1, noLocal=True, retainAsPublished=True))
            else:
                self._client.subscribe(topic, qos=1)

    def _fall_back(self) -> None:
        old = self._client
        if self._driver is not None:
            self._driver.cancel()
        sock = old.socket()
        if sock is not None:
            self._forget_socket(sock)
            sock.close()
        self.protocol = mqtt.MQTTv311
        self._client = self._make_client()
        self.start()

    @property
    def knows_retain_flag(self) -> bool:
        """Whether live messages show their retain flag (MQTT 5 with retainAsPublished)."""
        return self.protocol == mqtt.MQTTv5

    # --------------------------------------------------------------- publish
    @property
    def backlog(self) -> int:
        """Publications the broker has not acknowledged yet: queued in paho or in flight."""
        return len(self._inflight)

    async def room(self) -> None:
        """Wait, before publishing an answer, while the broker is ROOM_HIGH publications behind (at most
        ROOM_TIMEOUT seconds; never while disconnected): polling slows to what the broker takes instead of
        overflowing paho's queue, which drops readings."""
        if not self.connected or len(self._inflight) < ROOM_HIGH:
            return
        self.room_waits += 1
        deadline = self.loop.time() + ROOM_TIMEOUT
        while self.connected and len(self._inflight) >= ROOM_HIGH:
            if not await self._acknowledged_below(ROOM_LOW, deadline):
                self._warn_once("room", "the MQTT broker acknowledges nothing; publishing without waiting")
                return

    async def drain(self, below: int, timeout: float = 10.0) -> None:
        """Wait until fewer than ``below`` publications await the broker (never while disconnected, at most
        ``timeout`` seconds): a burst is queued a window at a time, not all at once."""
        deadline = self.loop.time() + timeout
        while self.connected and len(self._inflight) >= below:
            if not await self._acknowledged_below(below, deadline):
                break
        self._shrink_inflight()

    async def _acknowledged_below(self, below: int, deadline: float) -> bool:
        """Wait until a PUBACK leaves fewer than ``below`` publications unacknowledged, or the connection
        drops (False: ``deadline``, loop time, came first). Several waiters share one event: the highest mark
        wakes them all, and each checks its own condition again."""
        self._acknowledged.clear()
        self._wake_below = max(self._wake_below, below)
        if len(self._inflight) < below or not self.connected:
            return True
        try:
            await asyncio.wait_for(self._acknowledged.wait(), deadline - self.loop.time())
        except TimeoutError:
            return False
        return True

    def publish(
        self,
        topic: str,
        payload: str | bytes,
        *,
        retain: bool = False,
        correlation: bytes | None = None,
        expiry: int | None = None,
    ) -> bool:
        """Queue a publication; False (logged, counted) when it cannot be valid MQTT and is not sent."""
        problem = topic_problem(topic)
        if problem is not None:
            # A broker drops the connection over an invalid topic, and it would be sent again on every
            # reconnect: such a topic never leaves the bridge.
            self.rejected[problem] += 1
            self._warn_once(f"topic:{problem}", "not published: %s (%r; counted in stats)", problem, topic[:120])
            return False
        if isinstance(payload, str):
            payload = payload.encode("utf-8", "replace")
        properties = None
        if (correlation is not None or expiry is not None) and self.protocol == mqtt.MQTTv5:
            properties = Properties(PacketTypes.PUBLISH)  # type: ignore[no-untyped-call]
            if correlation is not None:
                properties.CorrelationData = correlation
            if expiry is not None:
                # A broker holding the message for a client that is away drops it after this: an answer
                # read minutes later would describe a state long gone.
                properties.MessageExpiryInterval = expiry
        try:
            info = self._client.publish(topic, payload, qos=1, retain=retain, properties=properties)
        except ValueError as exc:  # paho's own checks (length, …): never a dead caller
            self.rejected[str(exc)] += 1
            self._warn_once(f"paho:{exc}", "not published to %r: %s (counted in stats)", topic[:120], exc)
            return False
        if info.rc == mqtt.MQTT_ERR_QUEUE_SIZE:  # paho's queue is full: this one is dropped, not sent
            self.rejected["paho queue full"] += 1
            self._warn_once("paho:queue", "not published to %r: paho's queue is full (counted in stats)", topic[:120])
            return False
        self.published += 1
        if len(self._inflight) < 100_000:
            self._inflight[info.mid] = (topic, time.monotonic())
        return True
