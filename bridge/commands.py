"""The commands: parsed and validated before any request, then executed on the gateway (or the cloud).

A payload is plain (``backup``, ``50``) or JSON ``{"value": …, "transaction": "…", "sent": UNIX-SECONDS}``.
Every command gets one answer ``{"status", "command", "requested", "transaction", "error", "route", "verified",
"note"}``. The answer never has a ``value``: published where a command is read, it could not be taken for a
command. ``route`` says which way it ran (``local-customer``, ``local-installer``, ``local-v1r``, ``fleet``),
or null. ``verified`` is true once the bridge read the effect back, false when it did not see it (the status
is then "error"), null when nothing was written. ``note`` says what happened on the way (a paired key refused
and the next route used), or null. Which way a command goes is :mod:`.routes`' decision.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from pwkit.client.clock import REAL, Clock
from pwkit.client.connection import Gateway
from pwkit.client.errors import GatewayError, InstallerSessionEnded, NotPermitted

MAX_PAYLOAD = 1024
MAX_TRANSACTION = 128
MAX_CLOCK_SKEW = 10.0  # seconds a sender's clock may run ahead of the bridge's
MAX_NESTING = 8  # a command is a value and a transaction: deeper JSON is refused before parsing
# Plain ASCII decimals only: Python's float() also reads "５０", "٥٠" and "1_0".
DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)
MODES = ("self_consumption", "backup", "autonomous")
ISLAND = {"off_grid": "intentional_reconnect_failsafe", "on_grid": "backup"}
SITEMASTER = ("run", "stop")
ON_OFF = ("on", "off")
EXPORT_RULES = ("pv_only", "battery_ok", "never")
# A manual backup event (TEG scheduleManualBackupEvent): minutes from now, up to the client's 7 days; or "cancel".
BACKUP_EVENT_MAX_MINUTES = 7 * 24 * 60


class CommandError(Exception):
    """A command refused before or while executing; the message is the answer's ``error``."""

    def __init__(self, message: str, command: Command | None = None) -> None:
        super().__init__(message)
        self.command = command


@dataclass(frozen=True)
class Command:
    name: str
    value: Any
    transaction: str | None = None
    response_topic: str | None = None
    correlation: bytes | None = None
    # time.monotonic() when the bridge received it; ``sent`` is the sender's own Unix time, if given.
    received: float = field(default_factory=time.monotonic, compare=False)
    sent: float | None = None

    def age(self, clock: Clock = REAL) -> float:
        """Seconds since the command was sent (its sender's stamp) or else received, on the bridge's clock.

        ``received`` must be on ``clock``'s monotonic scale (the bridge stamps it so).
        """
        age = clock.monotonic() - self.received
        if self.sent is not None:
            age = max(age, clock.time() - self.sent)
        return age

    def answer(
        self,
        error: str | None = None,
        route: str | None = None,
        verified: bool | None = None,
        note: str | None = None,
    ) -> dict[str, Any]:
        return {
            "status": "error" if error else "ok",
            "command": self.name,
            "requested": _jsonable(self.value),
            "transaction": self.transaction,
            "error": error,
            "route": route,
            "verified": verified,
            "note": note,
        }


def _jsonable(value: Any) -> Any:
    """What was asked, as valid JSON: NaN and infinities are not JSON numbers."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, list | dict):
        text = json.dumps(value, allow_nan=True)
        return text if len(text) <= 200 else text[:199] + "…"
    return value


def _depth(text: str) -> int:
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            escaped, in_string = (False, True) if escaped else (char == "\\", char != '"')
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def app_to_gateway_reserve(app: float) -> float:
    """The app shows about 5 points less than the gateway (5→10, 20→24, 100→100)."""
    return round(min(100.0, 5.0 + 0.95 * app), 1)


def gateway_to_app_reserve(api: float) -> float:
    return round(max(0.0, min(100.0, (api - 5.0) / 0.95)), 1)


def _number(value: Any) -> float:
    if isinstance(value, bool):
        raise CommandError(f"expected a number from 0 to 100, got {json.dumps(value)}")
    if isinstance(value, str):
        if not DECIMAL.fullmatch(value.strip()):
            raise CommandError(f"expected a number from 0 to 100 in ASCII digits, got {value!r}")
        value = float(value)
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise CommandError(f"expected a number from 0 to 100, got {json.dumps(value)}")
    if not 0 <= value <= 100:
        raise CommandError(f"{value:g} is out of range: the reserve is a percentage from 0 to 100")
    return float(value)


def _choice(choices: tuple[str, ...]) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if not isinstance(value, str) or value not in choices:
            raise CommandError(f"expected one of {', '.join(choices)}, got {json.dumps(value)}")
        return value

    return parse


def _backup_event(value: Any) -> int | str:
    """``cancel``, or the event's length in whole minutes from now (1 to 10080, a week)."""
    if value == "cancel":
        return "cancel"
    if isinstance(value, str) and DECIMAL.fullmatch(value.strip()):
        value = float(value)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise CommandError(
            f'expected minutes from 1 to {BACKUP_EVENT_MAX_MINUTES}, or "cancel"; got {json.dumps(value)}'
        )
    if value != int(value) or not 1 <= value <= BACKUP_EVENT_MAX_MINUTES:
        raise CommandError(
            f"{value:g} is out of range: a manual backup lasts whole minutes from 1 to {BACKUP_EVENT_MAX_MINUTES} "
            "(a week)"
        )
    return int(value)


PARSERS: dict[str, Callable[[Any], Any]] = {
    "mode": _choice(MODES),
    "reserve": _number,
    "island": _choice(tuple(ISLAND)),
    "sitemaster": _choice(SITEMASTER),
    # Only Tesla's cloud offers these (the Fleet API route).
    "grid_charging": _choice(ON_OFF),
    "export": _choice(EXPORT_RULES),
    "storm_watch": _choice(ON_OFF),
    # Only over a paired key (local-v1r): TEG's manual backup events.
    "backup_event": _backup_event,
}
COMMANDS = tuple(PARSERS)


def parse(
    name: str,
    raw: bytes,
    *,
    response_topic: str | None = None,
    correlation: bytes | None = None,
    received: float | None = None,
) -> Command:
    """Validate a command message. Raises :class:`CommandError` carrying what could be read of it."""
    arrived = time.monotonic() if received is None else received

    def refuse(message: str, value: Any = None, transaction: str | None = None) -> CommandError:
        return CommandError(message, Command(name, value, transaction, response_topic, correlation, arrived))

    if name not in PARSERS:
        raise refuse(f"unknown command {name!r}; the commands are {', '.join(COMMANDS)}")
    if len(raw) > MAX_PAYLOAD:
        raise refuse(f"payload of {len(raw)} bytes is over the limit of {MAX_PAYLOAD}")
    try:
        text = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise refuse("payload is not UTF-8 text") from None
    if not text:
        raise refuse('empty payload: send the value, plain or as JSON {"value": …}')
    value: Any = text
    transaction = None
    sent = None
    if text.startswith("{"):
        if _depth(text) > MAX_NESTING:
            raise refuse(f"payload nests deeper than {MAX_NESTING} levels; a command is a value and a transaction")
        try:
            document = json.loads(text, parse_constant=_no_constant)
        except ValueError as exc:
            raise refuse(f"payload looks like JSON but is not: {exc}") from None
        if not isinstance(document, dict) or "value" not in document:
            raise refuse('a JSON payload needs a "value": {"value": …, "transaction": "…"}')
        value = document["value"]
        transaction = document.get("transaction")
        if transaction is not None and (not isinstance(transaction, str) or len(transaction) > MAX_TRANSACTION):
            raise refuse(f"transaction must be a string of at most {MAX_TRANSACTION} characters", value)
        sent = document.get("sent")
        if sent is not None and (
            isinstance(sent, bool) or not isinstance(sent, int | float) or not math.isfinite(sent)
        ):
            raise refuse('"sent" must be the Unix time the command was sent, in seconds', value, transaction)
        if sent is not None:
            problem = _sent_problem(float(sent), time.time())
            if problem is not None:
                raise refuse(problem, value, transaction)
    try:
        parsed = PARSERS[name](value)
    except CommandError as exc:
        raise refuse(f"{name}: {exc}", value, transaction) from None
    return Command(name, parsed, transaction, response_topic, correlation, arrived, sent)


def _sent_problem(sent: float, now: float) -> str | None:
    """Why a command's ``sent`` cannot be its send time, or None. A stamp in the future would make the command
    look fresh however late it arrives; one in milliseconds (Node-RED's Date.now()) is 50,000 years ahead."""
    if sent > now * 100:
        return (
            f'"sent" = {sent:.0f} looks like milliseconds; give the Unix time in seconds '
            "(in Node-RED: Date.now() / 1000)"
        )
    if sent > now + MAX_CLOCK_SKEW:
        return (
            f'"sent" is {sent - now:.0f} s in the future (more than the {MAX_CLOCK_SKEW:g} s of clock skew allowed); '
            "check the sender's clock"
        )
    return None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


# ------------------------------------------------------------------ execution
# What a 403 means, per command: who the gateway lets do it (FACTS, "Who may write").
REFUSED = {
    "mode": "this login lacks the right to change the operation: the gateway allows it only to an installer "
    "(see pwkit login --installer) or through the Fleet API",
    "island": "this login lacks the right to switch between on-grid and off-grid: since firmware 25.2.0 the "
    "gateway allows it only to an installer (see pwkit login --installer); Tesla's cloud offers no off-grid command",
    "sitemaster": "this login lacks the right to start or stop the sitemaster: stopping it needs an installer "
    "session (see pwkit login --installer)",
}
REFUSED["reserve"] = REFUSED["mode"]


async def execute(gateway: Gateway, command: Command, *, reserve_scale: str = "gateway") -> None:
    """Carry out a validated command. Raises :class:`CommandError` with the answer's error."""
    try:
        await EXECUTORS[command.name](gateway, command, reserve_scale)
    except CommandError:
        raise
    except InstallerSessionEnded as exc:
        raise CommandError(
            "the installer session has ended (the gateway answered 401): a new one needs the physical toggle "
            "(see pwkit login --installer). Not retried."
        ) from exc
    except NotPermitted as exc:
        raise CommandError(REFUSED[command.name]) from exc
    except GatewayError as exc:
        raise CommandError(f"the gateway did not carry it out: {exc}") from exc
    except (ValueError, TypeError, AttributeError, KeyError, RecursionError) as exc:
        # An answer of a shape nobody expected (HTML, a list, deep JSON): an error answer, never a dead executor.
        raise CommandError(f"the gateway's answer was not understood ({type(exc).__name__}); not carried out") from exc


async def _operation(gateway: Gateway, command: Command, reserve_scale: str) -> None:
    current = await gateway.get_json("/api/operation")
    if not isinstance(current, dict):
        raise CommandError(f"the gateway's operation answer is not an object but {type(current).__name__}")
    # Gateways since about 1.21 read and write `real_mode`, and answer a bare `mode` with a 500.
    field = "mode" if "real_mode" not in current and "mode" in current else "real_mode"
    mode = current.get(field)
    reserve = current.get("backup_reserve_percent")
    if command.name == "mode":
        mode = command.value
    else:
        reserve = app_to_gateway_reserve(command.value) if reserve_scale == "app" else command.value
    if not isinstance(mode, str) or isinstance(reserve, bool) or not isinstance(reserve, int | float):
        raise CommandError("the gateway's operation answer lacks mode or reserve; not carried out")
    await gateway.request("POST", "/api/operation", json_body={field: mode, "backup_reserve_percent": reserve})
    await gateway.request("GET", "/api/config/completed")


async def _island(gateway: Gateway, command: Command, reserve_scale: str) -> None:
    await gateway.request("POST", "/api/v2/islanding/mode", json_body={"island_mode": ISLAND[command.value]})


async def _sitemaster(gateway: Gateway, command: Command, reserve_scale: str) -> None:
    await gateway.request("GET", f"/api/sitemaster/{command.value}")


EXECUTORS: dict[str, Callable[[Gateway, Command, str], Awaitable[None]]] = {
    "mode": _operation,
    "reserve": _operation,
    "island": _island,
    "sitemaster": _sitemaster,
}

# The readings a successful command changes, re-polled at once.
AFFECTS: dict[str, tuple[str, ...]] = {
    "mode": ("/api/operation",),
    "reserve": ("/api/operation",),
    "island": ("/api/system_status/grid_status", "/api/system_status"),
    "sitemaster": ("/api/sitemaster", "/api/meters/aggregates", "/api/system_status/soe"),
    "grid_charging": (),
    "export": (),
    "storm_watch": (),
    "backup_event": (),
}
