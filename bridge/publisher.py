"""Publish on change: what is worth sending, with per-field deadbands and a periodic full refresh.

A reading is published when it differs from what was last published by at
least its deadband (numbers), or at all (anything else). Every refresh
interval, the bridge publishes every value again, as last read (:meth:`Publisher.refresh`),
whatever its poll group: a subscriber that
joins late, or a broker that lost retained messages, has all of it within one
interval. Timestamps that move on every poll are ``refresh``-only. Everything
is kept so that a reconnect can re-publish the retained state.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from pwkit.client.clock import REAL, Clock

from .counters import is_lifetime_counter
from .units import spec_unit, unit_of

REFRESH_ONLY = "refresh"
# A topic's unit ("" when unknown), its deadband, and whether it is a lifetime counter.
Rule = tuple[str, float | str, bool]
MAX_RULES = 200_000  # topics whose unit and deadband are remembered (a gateway has about 700)

# Timestamps that move on every poll: refresh only (last_communication_time, not timeout).
TIMESTAMPS = r"(^|_)time$|timestamp|up_time|Time$"

# Deadband by the reading's unit in the spec (x-pwkit-unit): the rule for every reading the spec
# describes. Ws is a watt-second (meters/readings' eExp_Ws): 36000 Ws = the 10 Wh of energies.
UNIT_DEADBANDS: dict[str, float] = {
    "W": 20.0,
    "VAr": 20.0,
    "VA": 20.0,
    "kW": 0.02,
    "Wh": 10.0,
    "kWh": 0.01,
    "Ws": 36000.0,
    "Hz": 0.05,
    "V": 1.0,
    "A": 0.2,
    "%": 0.1,
}

# (pattern on the leaf's last key, deadband): for values the spec gives no unit (the vitals).
# The first match wins; a number is an absolute deadband in the value's unit.
DEFAULT_DEADBANDS: tuple[tuple[str, float | str], ...] = (
    (TIMESTAMPS, REFRESH_ONLY),
    (r"(?i)energy", 10.0),  # Wh
    (r"(?i)frequency|^f_|Fout|Freq", 0.05),  # Hz
    (r"(?i)voltage|^v_|Vout|^VL|vLL|_VL\d|_V$|_VL", 1.0),  # V
    (r"(?i)current|^i_|Iout|_I$", 0.2),  # A
    (r"(?i)power|Pout|Qout", 20.0),  # W, VAr
    (r"percentage|soe", 0.1),  # %
)


@dataclass
class Deadbands:
    """User rules (on the leaf's key) first, then timestamps, then the spec's unit, then the name defaults."""

    rules: list[tuple[re.Pattern[str], float | str]] = field(default_factory=list)
    fallback: list[tuple[re.Pattern[str], float | str]] = field(
        default_factory=lambda: [(re.compile(p), d) for p, d in DEFAULT_DEADBANDS]
    )

    @classmethod
    def with_overrides(cls, overrides: dict[str, float | str]) -> Deadbands:
        return cls([(re.compile(p), d) for p, d in overrides.items()])

    def of(self, topic: str) -> float | str:
        key = topic.rsplit("/", 1)[-1]
        for pattern, deadband in self.rules:
            if pattern.search(key):
                return deadband
        if re.search(TIMESTAMPS, key):
            return REFRESH_ONLY
        unit = spec_unit(topic)
        if unit in UNIT_DEADBANDS:
            return UNIT_DEADBANDS[unit]
        if unit is None:
            for pattern, deadband in self.fallback:
                if pattern.search(key):
                    return deadband
        return 0.0


@dataclass
class Publisher:
    """What to publish, per topic: the text last published, and only what differs from it.

    Memory is per topic times every topic of every gateway (about seven hundred a gateway), so a topic
    costs little: its text is kept under its group (one reading of one gateway) by the topic's tail below
    the group, and tails are shared by every gateway (``meters/aggregates`` has the same tails everywhere),
    so no full topic is kept; a value read that equals what was published is not kept again; the number a
    deadband compares with is read back from the published text; and rules are cached by the topic below
    its gateway (``shared_levels``), once for all gateways.
    """

    deadbands: Deadbands = field(default_factory=Deadbands)
    # Seconds between two publications of every value; 0 publishes every value on every poll.
    refresh_interval: float = 300.0
    clock: Clock = field(default=REAL, repr=False)  # the refresh runs on the bridge's clock (simulated in benches)
    # Levels of a topic up to and including its gateway's (2 for pwkit/<gw>/…): rules are cached by what
    # follows, which is the same for every gateway. 0 caches them by the whole topic.
    shared_levels: int = 0
    # group → tail → the text last published; group "" holds whole topics (outside any group, and remembered).
    _values: dict[str, dict[str, str]] = field(default_factory=dict)
    # The newest text of a value where it differs from the published one (a change within its deadband, or a
    # refresh-only timestamp): it goes out with the next refresh. A value back at its published text leaves it.
    _pending: dict[str, dict[str, str]] = field(default_factory=dict)
    # group → tail → when its reading last carried it (for clearing what firmware stopped sending).
    _seen: dict[str, dict[str, float]] = field(default_factory=dict)
    _groups: set[str] = field(default_factory=set)  # reading groups published at least once
    refreshes: int = 0  # full publications so far (for benchmarks and tests)
    # Rules are worked out once per topic (below its gateway), not for every value of every poll, and bounded
    # against drifting keys. The rules themselves are few (a unit, its deadband, whether a counter) and shared.
    _rules: dict[str, Rule] = field(default_factory=dict)
    _distinct: dict[Rule, Rule] = field(default_factory=dict)

    @property
    def published(self) -> Mapping[str, str]:
        """Every topic's text last published (or remembered), by whole topic: what a reconnect sends again."""
        return _Published(self._values)

    def rule(self, topic: str, key: str | None = None) -> Rule:
        """The unit (:func:`~pwkit.bridge.units.unit_of`) and the deadband of the values on ``topic``, and
        whether it is a lifetime counter (:func:`~pwkit.bridge.counters.is_lifetime_counter`).

        ``key`` is ``topic`` below its gateway's level, where the caller has it already (see ``shared_levels``).
        """
        if key is None:
            key = topic.split("/", self.shared_levels)[-1] if self.shared_levels else topic
        rule = self._rules.get(key)
        if rule is None:
            if len(self._rules) >= MAX_RULES:
                self._rules.clear()
                self._distinct.clear()
            new = (unit_of(topic), self.deadbands.of(topic), is_lifetime_counter(topic))
            rule = self._rules[sys.intern(key)] = self._distinct.setdefault(new, new)
        return rule

    def changes(self, group: str, leaves: Iterable[tuple[str, Any]], *, force: bool = False) -> list[tuple[str, str]]:
        """The (topic, payload) pairs of ``leaves`` worth publishing now; they are recorded as published.

        ``group`` names a set of topics published together (one reading of one gateway), normally the topic
        they are below: all of them go out the first time, and after :meth:`refresh_soon`.
        """
        from .topics import payload

        refresh = force or self.refresh_interval <= 0 or group not in self._groups
        self._groups.add(group)
        below, cut = group + "/", len(group) + 1
        values = self._values.setdefault(group, {})
        pending = self._pending.setdefault(group, {})
        loose = self._values.setdefault("", {})
        loose_pending = self._pending.setdefault("", {})
        out: list[tuple[str, str]] = []
        text: str
        for topic, value in leaves:
            kind = type(value)  # payload()'s commonest cases inline: this loop runs for every value of every poll
            if kind is str:
                text = value
            elif kind is int:
                text = int.__repr__(value)
            elif kind is float and value - value == 0.0:
                text = float.__repr__(value)
            else:
                text = payload(value)
            if topic.startswith(below):
                tail, store, waiting = topic[cut:], values, pending
            else:
                tail, store, waiting = topic, loose, loose_pending
            before = store.get(tail)
            if before == text:
                if waiting:
                    waiting.pop(tail, None)  # back where it was published: nothing waits for the refresh
                if refresh:
                    out.append((topic, before))
                continue
            if refresh or before is None or self._moved(topic, value, before):
                out.append((topic, text))
                store[tail if before is not None else sys.intern(tail)] = text
                if waiting:
                    waiting.pop(tail, None)
            else:
                waiting[tail] = text
        return out

    def _moved(self, topic: str, value: Any, before: str) -> bool:
        """Whether ``value``, whose text differs from ``before`` (the published one), is worth publishing."""
        deadband = self.rule(topic)[1]
        if deadband == REFRESH_ONLY:
            return False
        if isinstance(value, int | float) and not isinstance(value, bool):
            try:
                last = float(before)
            except ValueError:
                return True  # a number where the published value was none: a change
            # Values are rounded to their unit: 60.0 - 59.9 must count as the 0.1 it is, not 0.0999…
            return abs(float(value) - last) >= float(deadband) - 1e-9
        return True

    def vanished(self, group: str, topics: Iterable[str], grace: float) -> list[str]:
        """Topics of ``group`` missing from its readings for ``grace`` seconds: forgotten, to be cleared."""
        now = self.clock.monotonic()
        below, cut = group + "/", len(group) + 1
        # Tails below the group, and whole topics outside it (a reading that is one value: its group's own topic).
        seen, seen_whole = self._seen.setdefault(group, {}), self._seen.setdefault("\0" + group, {})
        for topic in topics:
            if topic.startswith(below):
                seen[topic[cut:]] = now
            else:
                seen_whole[topic] = now
        gone = []
        for table, where, prefix in ((seen, group, below), (seen_whole, "", "")):
            for tail in [tail for tail, at in table.items() if now - at > grace or (grace == 0 and at < now)]:
                del table[tail]
                self._values.get(where, {}).pop(tail, None)
                self._pending.get(where, {}).pop(tail, None)
                gone.append(prefix + tail)
        return gone

    def refresh(self) -> Iterator[tuple[str, str]]:
        """Every value, as last read, and everything else retained: the periodic full publication.

        The pending values become the published ones now; the (topic, text) pairs are made as they are
        read, a group at a time, so that a refresh of many gateways never holds every topic at once.
        """
        self.refreshes += 1
        for group, waiting in self._pending.items():
            if waiting:
                self._values.setdefault(group, {}).update(waiting)
                waiting.clear()
        return iter(self.published.items())

    def stage(self, topic: str, text: str) -> None:
        """``text`` is ``topic``'s newest value, to go out with the next refresh if it differs."""
        if self._values.get("", {}).get(topic) == text:
            self._pending.get("", {}).pop(topic, None)
        else:
            self._pending.setdefault("", {})[topic] = text

    def refresh_soon(self, prefix: str) -> None:
        """Publish everything under ``prefix`` at its next poll (a gateway is back after an outage)."""
        self._groups = {group for group in self._groups if not group.startswith(prefix)}

    def remember(self, topic: str, text: str) -> None:
        """Something published outside readings (availability, info): re-published on reconnect too."""
        self._values.setdefault("", {})[topic] = text
        self._pending.get("", {}).pop(topic, None)


class _Published(Mapping[str, str]):
    """The publisher's texts by whole topic (a view: nothing is copied until asked for)."""

    def __init__(self, values: dict[str, dict[str, str]]) -> None:
        self._values = values

    def __getitem__(self, topic: str) -> str:
        loose = self._values.get("", {})
        if topic in loose:
            return loose[topic]
        cut = topic.rfind("/")
        while cut > 0:
            group = self._values.get(topic[:cut])
            if group is not None and topic[cut + 1 :] in group:
                return group[topic[cut + 1 :]]
            cut = topic.rfind("/", 0, cut)
        raise KeyError(topic)

    def __iter__(self) -> Iterator[str]:
        return (topic for topic, _ in self.items())

    def items(self) -> Iterator[tuple[str, str]]:  # type: ignore[override]
        # A snapshot of each group as it is reached: readings may arrive while a refresh is sent.
        for group, values in list(self._values.items()):
            if group:
                yield from [(f"{group}/{tail}", text) for tail, text in list(values.items())]
            else:
                yield from list(values.items())

    def __len__(self) -> int:
        return sum(len(values) for values in self._values.values())
