"""Each value's unit, and the precision it is published with.

A gateway reports ``239.56168837662776`` V and ``-0.0`` W; subscribers want
``239.6`` and ``0``. Values are rounded per unit (:data:`DECIMALS`), and a
rounded zero is always ``0``, never ``-0.0``. Numbers without a known unit
keep their precision (minus the sign of a zero).

The unit is the spec's (``x-pwkit-unit``, through the generated reading table)
wherever the spec describes the value. Only values it does not describe (the
vitals, the bridge's derived topics) fall back to a unit guessed from the name.
"""

from __future__ import annotations

import re
from typing import Any

from powerwall_client import pwkit_readings
from tedapi_client import pwkit_readings as tedapi_readings

# Decimals per unit: what the meter resolves, and what a dashboard shows.
DECIMALS: dict[str, int] = {
    "W": 0,
    "VA": 0,
    "VAr": 0,
    "Wh": 0,
    "V": 1,
    "A": 2,
    "Hz": 3,
    "%": 1,
    "kWh": 3,
    "kW": 3,
    "°C": 1,
}

# (pattern on the value's last key, unit): the first match wins; only for values the spec does not describe.
UNIT_BY_NAME: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), unit)
    for pattern, unit in (
        (r"(^|_)time$|timestamp|up_time|Time$|timeout", ""),  # times, not quantities
        (r"(?i)kWh", "kWh"),
        (r"(?i)energy|eExp|eImp", "Wh"),
        (r"(?i)frequency|^f_|Fout|Freq|f_Hz", "Hz"),
        (r"(?i)voltage|^v_|Vout|^VL|vLL|_VL\d|_V$|_VL", "V"),
        (r"(?i)current|^i_|Iout|_I$", "A"),
        (r"(?i)reactive|^q_|q_VAR|Qout", "VAr"),
        (r"(?i)apparent", "VA"),
        (r"(?i)power|^p_|p_W|Pout", "W"),
        (r"percentage|soe|percent", "%"),
    )
)


# Every reading's topic starts with one of these literal levels (meters, system_status, …): a candidate that
# does not is no reading, and is not looked up.
_FIRST_LEVELS = frozenset(
    reading.topic.split("/", 1)[0] for table in (pwkit_readings, tedapi_readings) for reading in table.READINGS
)


def spec_unit(topic: str) -> str | None:
    """The spec's unit of a full topic (``<prefix>/<gw>/<reading>/<leaf>``); the prefix may have levels.

    None when the spec does not describe the topic or gives it no unit.
    """
    levels = topic.split("/")
    for start in range(1, len(levels)):
        if levels[start] in _FIRST_LEVELS:
            below = "/".join(levels[start:])
            if levels[start] == "tedapi" and levels[start + 1 : start + 2] == ["followers"]:
                # A follower's answers (tedapi/followers/<serial>/components/…) are the leader's (tedapi/components/…).
                below = "/".join(["tedapi", *levels[start + 3 :]])
            # TEDAPI answers (tedapi/…) are described by their own generated table.
            reading = tedapi_readings.find(below) if levels[start] == "tedapi" else pwkit_readings.find(below)
            if reading is not None:
                return reading.unit
    return None


def unit_of(topic: str) -> str:
    """The unit of the value on ``topic`` ("" when unknown): the spec's, else one guessed from its last level."""
    unit = spec_unit(topic)
    if unit:
        return unit
    key = topic.rsplit("/", 1)[-1]
    for pattern, unit in UNIT_BY_NAME:
        if pattern.search(key):
            return unit
    return ""


def rounded(value: Any, unit: str) -> Any:
    """``value`` at its unit's precision; any zero as ``0`` (never ``-0.0``); non-numbers unchanged."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    decimals = DECIMALS.get(unit)
    if decimals is None:
        return abs(value) if value == 0 else value  # drops only the sign of a zero
    if decimals == 0 or isinstance(value, int):
        return round(value) or 0
    result = round(float(value), decimals)
    return result if result else 0.0
