"""From a gateway answer to MQTT topics: one topic per scalar leaf, under the API path.

``pwkit/<gw>/meters/aggregates/site/instant_power`` → ``72``. List items are
keyed by their natural id where they have one (a battery's or a meter's
serial), else by their index. Payloads are plain text: numbers as JSON
writes them, booleans as ``true``/``false``, null as ``null``, and the
empty string as an empty payload (as retained, it clears the topic: a late
subscriber sees no value, never the two characters ``""``).

One topic, one kind of payload: a reading's whole answer (JSON) sits on its
path, so a value of another answer may not land there. Where one reading's
path lies inside another's answer (``/api/site_info/site_name`` inside
``/api/site_info``'s ``site_name``; ``/api/system_status/grid_faults`` inside
``/api/system_status``'s ``grid_faults``), the inner reading owns that subtree:
the outer answer's values there are left out (its whole answer still has them).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from typing import Any

# Keys whose value names a list item better than its index, in order of preference.
NATURAL_IDS = ("PackageSerialNumber", "serial", "din", "device_serial", "serial_number")
Leaf = tuple[str, Any]


# What cannot stand inside one topic level: separators, wildcards, NUL and other control characters
# (brokers drop the connection over them), lone surrogates (not UTF-8) and the two noncharacters.
UNSAFE = re.compile("[/+#\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
MAX_LEVEL = 128  # bytes: a key longer than this is not a name
MAX_DEPTH = 16  # levels under a reading; deeper values are published as one JSON leaf
MAX_TOPIC = 1024  # bytes; MQTT allows 65,535 but no reading needs a tenth of that


def topic_safe(key: str) -> str:
    """One valid topic level from any key: what MQTT forbids or brokers refuse becomes ``_``."""
    # Every poll splits answers with the same keys, so each short key is made safe once; the cache is bounded
    # (a drifting firmware's new keys) and never holds a long key (a hostile answer's megabyte keys).
    return _safe_level(key) if len(key) <= MAX_LEVEL else _safe_level.__wrapped__(key)


@functools.lru_cache(maxsize=4096)
def _safe_level(key: str) -> str:
    safe = UNSAFE.sub("_", key)
    if len(safe.encode()) > MAX_LEVEL:
        safe = safe.encode()[: MAX_LEVEL - 1].decode("utf-8", "ignore") + "…"
    return safe or "_"


def topic_problem(topic: str) -> str | None:
    """Why ``topic`` cannot be published, or None when it can."""
    if not topic:
        return "empty topic"
    if "+" in topic or "#" in topic:
        return "wildcard in topic"
    if UNSAFE.sub("", topic.replace("/", "")) != topic.replace("/", ""):
        return "NUL, control character or lone surrogate in topic"
    if len(topic.encode()) > MAX_TOPIC:
        return f"topic over {MAX_TOPIC} bytes"
    return None


def item_key(item: Any, index: int) -> str:
    if isinstance(item, dict):
        for key in NATURAL_IDS:
            value = item.get(key)
            if isinstance(value, str) and value:
                return topic_safe(value)
    return str(index)


def leaves(value: Any, prefix: str, limit: int | None = None) -> list[Leaf]:
    """Every scalar of ``value`` as (topic, value), the topic under ``prefix``, in the answer's order.

    Below :data:`MAX_DEPTH` levels the rest is one leaf carrying its JSON. With ``limit``, the walk stops once
    it has more than ``limit`` leaves (a caller that publishes at most ``limit`` sees that there were more,
    and an answer of a million values is not split to the end first).
    """
    found: list[Leaf] = []
    if isinstance(value, dict | list):
        _walk(value, prefix, 0, found, -1 if limit is None else limit)
    else:
        found.append((prefix, value))
    return found


def _walk(value: dict[Any, Any] | list[Any], prefix: str, depth: int, found: list[Leaf], limit: int) -> None:
    """Appends ``value``'s leaves to ``found``. Every answer of every poll goes through here value by value, so
    a scalar child is appended in the loop, not by a call of its own (most leaves are scalars)."""
    if depth >= MAX_DEPTH:
        found.append((prefix, value))
        return
    keyed = isinstance(value, dict)
    pairs: Iterable[tuple[Any, Any]] = value.items() if isinstance(value, dict) else enumerate(value)
    for key, child in pairs:
        level = topic_safe(key if type(key) is str else str(key)) if keyed else item_key(child, key)
        topic = f"{prefix}/{level}"
        if isinstance(child, dict | list):
            _walk(child, topic, depth + 1, found, limit)
        else:
            found.append((topic, child))
        if len(found) > limit >= 0:
            return


def payload(value: Any) -> str:
    if isinstance(value, str):
        # Empty is empty: '""' would show as two quote characters in Home Assistant and every other client.
        return value
    # Scalars as json.dumps writes them, without building a JSON encoder for each value (the publisher's
    # largest per-value cost): ints and finite floats by their repr, as json does.
    kind = type(value)
    if kind is float and value - value == 0.0:  # finite: NaN and infinities go through dumps, to null
        return float.__repr__(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    return dumps(value)


def dumps(value: Any) -> str:
    """JSON text that is valid JSON: NaN and infinities (which Python writes bare) become null."""
    try:
        return json.dumps(value, allow_nan=False)
    except ValueError:
        return json.dumps(_finite(value), allow_nan=False)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def reading_topic(prefix: str, gateway_id: str, api_path: str) -> str:
    """``/api/meters/aggregates`` → ``pwkit/<gw>/meters/aggregates``."""
    return f"{prefix}/{gateway_id}/{api_path.removeprefix('/api/').strip('/')}"


def relative(api_path: str) -> str:
    """``/api/site_info/site_name`` → ``site_info/site_name``: a reading's topic below the gateway's."""
    return api_path.removeprefix("/api/").strip("/")


def owned_below(api_path: str, reading_paths: Iterable[str]) -> tuple[str, ...]:
    """The sub-topics of ``api_path``'s answer that other readings own, relative to it (``("site_name",)``)."""
    own = relative(api_path)
    return tuple(
        sorted(
            {
                relative(other).removeprefix(own + "/")
                for other in reading_paths
                if relative(other).startswith(own + "/")
            }
        )
    )


def without_owned(found: Iterable[Leaf], base: str, owned: tuple[str, ...]) -> list[Leaf]:
    """``found`` minus the leaves at or below an owned sub-topic; a repeated topic keeps its last value."""
    if owned:
        skip = tuple(f"{base}/{sub}" for sub in owned)
        found = [(t, v) for t, v in found if not any(t == s or t.startswith(s + "/") for s in skip)]
    elif not isinstance(found, list):
        found = list(found)
    if len(dict(found)) == len(found):
        return found  # the usual answer: no topic twice (two keys that differ only in unsafe characters can)
    unique: dict[str, Any] = {}
    for topic, value in found:
        unique.pop(topic, None)
        unique[topic] = value
    return list(unique.items())
