"""From a gateway answer to MQTT topics: one topic per scalar leaf, under the API path.

``pwkit/<gw>/meters/aggregates/site/instant_power`` → ``72``. List items are
keyed by their natural id where they have one (a battery's or a meter's
serial), else by their index. Payloads are plain text: numbers as JSON
writes them, booleans as ``true``/``false``, null as ``null``, and the
empty string as ``""`` (an empty retained payload would delete the topic).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

# Keys whose value names a list item better than its index, in order of preference.
NATURAL_IDS = ("PackageSerialNumber", "serial", "din", "device_serial", "serial_number")
Leaf = tuple[str, Any]


def topic_safe(key: str) -> str:
    """MQTT wildcards and separators cannot stand inside one level."""
    return key.replace("/", "_").replace("+", "_").replace("#", "_") or "_"


def item_key(item: Any, index: int) -> str:
    if isinstance(item, dict):
        for key in NATURAL_IDS:
            value = item.get(key)
            if isinstance(value, str) and value:
                return topic_safe(value)
    return str(index)


def leaves(value: Any, prefix: str) -> Iterator[Leaf]:
    """Every scalar of ``value`` as (topic, value), the topic under ``prefix``."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from leaves(child, f"{prefix}/{topic_safe(str(key))}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from leaves(child, f"{prefix}/{item_key(child, index)}")
    else:
        yield prefix, value


def payload(value: Any) -> str:
    if isinstance(value, str):
        # An empty retained payload deletes the topic on the broker: an empty string is sent as "".
        return value or '""'
    return json.dumps(value)


def reading_topic(prefix: str, gateway_id: str, api_path: str) -> str:
    """``/api/meters/aggregates`` → ``pwkit/<gw>/meters/aggregates``."""
    return f"{prefix}/{gateway_id}/{api_path.removeprefix('/api/').strip('/')}"
