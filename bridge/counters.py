"""Lifetime counters never go backwards on MQTT.

Home Assistant's Energy dashboard reads ``total_increasing`` sensors: a
counter that reads 0 for one poll and then its true value again is counted as
a meter reset followed by the whole lifetime consumed at once (a huge false
consumption). Gateways do this: a Powerwall 3's aggregates read 0 for a while
(counters stuck at 0), a meter drops out, a firmware restarts its counters.

So a lifetime counter that reads lower than its last good value is held at
that value (published unchanged) and flagged on the gateway's ``health``
(``counters_held``). When it reaches its last good value again it flows on.
A counter that stays lower for :data:`ACCEPT_RESET_AFTER` (a replaced meter,
a genuine reset) is accepted as its new baseline, with a warning.

The whole answer's JSON topic (``<gw>/meters/aggregates``, ``<gw>/tedapi/compliance``)
carries the same counters: :meth:`CounterGuard.guarded_body` gives it with the
held values in place, so no topic a subscriber may read shows the decrease.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from pwkit.client.clock import REAL, Clock

from .topics import MAX_DEPTH, item_key, topic_safe
from .units import unit_of

log = logging.getLogger("pwkit.bridge")

ENERGY_UNITS = frozenset({"Wh", "kWh", "Ws"})
# The last level of a lifetime counter's topic: REST's energy_exported/energy_imported (aggregates, battery
# blocks' energy_charged/discharged), the vitals' and TEDAPI's Lifetime…/…Total/eExp/eImp/energy…Ws.
LIFETIME = re.compile(
    r"(?i)^(energy_(ex|im)ported|energy_(dis)?charged|energy(ex|im)ported\w*|e(exp|imp)\w*|\w*lifetime\w*"
    r"|\w*(discharge|charge)total\w*|lifetime_\w+|energy_\w+_total)$"
)
ACCEPT_RESET_AFTER = 24 * 3600.0  # seconds lower, in a row, before a lower counter is its new baseline


def is_lifetime_counter(topic: str) -> bool:
    return bool(LIFETIME.match(topic.rsplit("/", 1)[-1])) and unit_of(topic) in ENERGY_UNITS


@dataclass
class CounterGuard:
    clock: Clock = field(default=REAL, repr=False)
    accept_after: float = ACCEPT_RESET_AFTER
    _good: dict[str, float] = field(default_factory=dict)
    _held: dict[str, tuple[float, Any]] = field(default_factory=dict)  # topic → (since, the value read)
    _kinds: dict[str, bool] = field(default_factory=dict)

    def check(self, topic: str, value: Any, counter: bool | None = None) -> Any:
        """The value to publish for ``topic``: ``value``, or the last good one while a counter reads lower.

        ``counter`` says whether ``topic`` is a lifetime counter, where the caller knows it already (the
        publisher's rule): else it is worked out, and remembered per topic.
        """
        if isinstance(value, bool) or not isinstance(value, int | float):
            return value
        kind = counter if counter is not None else self._kinds.get(topic)
        if kind is None:
            kind = self._kinds[topic] = is_lifetime_counter(topic)
        if not kind:
            return value
        good = self._good.get(topic)
        if good is None or value >= good:
            self._good[topic] = float(value)
            self._held.pop(topic, None)
            return value
        since, _ = self._held.get(topic, (self.clock.monotonic(), value))
        if self.clock.monotonic() - since >= self.accept_after and value > 0:
            log.warning("%s stayed below its last value (%s → %s) for a day: taken as a reset", topic, good, value)
            self._good[topic] = float(value)
            self._held.pop(topic, None)
            return value
        self._held[topic] = (since, value)
        return int(good) if good.is_integer() and isinstance(value, int) else good

    def guarded_body(self, body: Any, base: str, previous: Any = None) -> Any:
        """``body`` (the answer published whole on ``base``) with every held counter at its last good value.

        ``previous`` is the body last published on ``base`` (or its JSON text): a held counter keeps the value it
        showed there (unrounded, as the answer gives it), else the guard's last good value. Call this after
        :meth:`check` has seen the answer's leaves: it walks the body as :func:`~pwkit.bridge.topics.leaves` names
        them.
        The body itself is not changed (a copy where needed).
        """
        held = {topic for topic in self._held if topic.startswith(base + "/")}
        if not held:
            return body
        if isinstance(previous, str):  # the publisher keeps answers as the JSON text it sent
            try:
                previous = json.loads(previous)
            except ValueError:
                previous = None
        return _replaced(body, previous, base, held, self._good, 0)

    def held_below(self, prefix: str) -> dict[str, dict[str, Any]]:
        """The counters under ``prefix`` held now: topic (relative) → the value read and the value held."""
        return {
            topic.removeprefix(prefix): {"read": read, "held": self._good[topic]}
            for topic, (_, read) in sorted(self._held.items())
            if topic.startswith(prefix)
        }

    def forget(self, topic: str) -> None:
        self._good.pop(topic, None)
        self._held.pop(topic, None)


def _replaced(value: Any, previous: Any, topic: str, held: set[str], good: dict[str, float], depth: int) -> Any:
    if isinstance(value, dict | list) and depth >= MAX_DEPTH:
        return value  # published as one leaf of JSON: no counter of its own
    if isinstance(value, dict):
        before = previous if isinstance(previous, dict) else {}
        return {
            k: _replaced(v, before.get(k), f"{topic}/{topic_safe(str(k))}", held, good, depth + 1)
            for k, v in value.items()
        }
    if isinstance(value, list):
        earlier = previous if isinstance(previous, list) else []
        return [
            _replaced(v, earlier[i] if i < len(earlier) else None, f"{topic}/{item_key(v, i)}", held, good, depth + 1)
            for i, v in enumerate(value)
        ]
    if topic in held and _is_number(value):
        kept = good[topic]
        if _is_number(previous) and previous >= kept - 1.0:
            return previous  # what the JSON showed last: rounding must not make it a small decrease either
        return int(kept) if kept.is_integer() and isinstance(value, int) else kept
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
