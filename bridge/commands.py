"""The four commands: parsed and validated before any request, then executed on the gateway.

A payload is plain (``backup``, ``50``) or JSON ``{"value": …, "transaction": "…"}``.
Every command gets one answer ``{"status", "command", "value", "transaction", "error"}``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from pwkit.client.connection import Gateway
from pwkit.client.errors import GatewayError, InstallerSessionEnded, NotPermitted

MAX_PAYLOAD = 1024
MAX_TRANSACTION = 128
MODES = ("self_consumption", "backup", "autonomous")
ISLAND = {"off_grid": "intentional_reconnect_failsafe", "on_grid": "backup"}
SITEMASTER = ("run", "stop")


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

    def answer(self, error: str | None = None) -> dict[str, Any]:
        return {
            "status": "error" if error else "ok",
            "command": self.name,
            "value": self.value,
            "transaction": self.transaction,
            "error": error,
        }


def app_to_gateway_reserve(app: float) -> float:
    """The app shows about 5 points less than the gateway (5→10, 20→24, 100→100)."""
    return round(min(100.0, 5.0 + 0.95 * app), 1)


def gateway_to_app_reserve(api: float) -> float:
    return round(max(0.0, min(100.0, (api - 5.0) / 0.95)), 1)


def _number(value: Any) -> float:
    if isinstance(value, bool):
        raise CommandError(f"expected a number from 0 to 100, got {json.dumps(value)}")
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            raise CommandError(f"expected a number from 0 to 100, got {value!r}") from None
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


PARSERS: dict[str, Callable[[Any], Any]] = {
    "mode": _choice(MODES),
    "reserve": _number,
    "island": _choice(tuple(ISLAND)),
    "sitemaster": _choice(SITEMASTER),
}
COMMANDS = tuple(PARSERS)


def parse(name: str, raw: bytes, *, response_topic: str | None = None, correlation: bytes | None = None) -> Command:
    """Validate a command message. Raises :class:`CommandError` carrying what could be read of it."""

    def refuse(message: str, value: Any = None, transaction: str | None = None) -> CommandError:
        return CommandError(message, Command(name, value, transaction, response_topic, correlation))

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
    if text.startswith("{"):
        try:
            document = json.loads(text)
        except ValueError as exc:
            raise refuse(f"payload looks like JSON but is not: {exc}") from None
        if not isinstance(document, dict) or "value" not in document:
            raise refuse('a JSON payload needs a "value": {"value": …, "transaction": "…"}')
        value = document["value"]
        transaction = document.get("transaction")
        if transaction is not None and (not isinstance(transaction, str) or len(transaction) > MAX_TRANSACTION):
            raise refuse(f"transaction must be a string of at most {MAX_TRANSACTION} characters", value)
    try:
        parsed = PARSERS[name](value)
    except CommandError as exc:
        raise refuse(f"{name}: {exc}", value, transaction) from None
    return Command(name, parsed, transaction, response_topic, correlation)


# ------------------------------------------------------------------ execution
# What a 403 means, per command: who the gateway lets do it (FACTS, "Who may write").
REFUSED = {
    "mode": "this login lacks the right to change the operation: the gateway allows it only to an installer "
    "(see pwkit login --installer) or through the Fleet API",
    "island": "this login lacks the right to switch between on-grid and off-grid: since firmware 25.2.0 the "
    "gateway allows it only to an installer (see pwkit login --installer) or through the Fleet API",
    "sitemaster": "this login lacks the right to start or stop the sitemaster: stopping it needs an installer "
    "session (see pwkit login --installer)",
}
REFUSED["reserve"] = REFUSED["mode"]


async def execute(gateway: Gateway, command: Command, *, reserve_scale: str = "gateway") -> None:
    """Carry out a validated command. Raises :class:`CommandError` with the answer's error."""
    try:
        await EXECUTORS[command.name](gateway, command, reserve_scale)
    except InstallerSessionEnded as exc:
        raise CommandError(
            "the installer session has ended (the gateway answered 401): a new one needs the physical toggle "
            "(see pwkit login --installer). Not retried."
        ) from exc
    except NotPermitted as exc:
        raise CommandError(REFUSED[command.name]) from exc
    except GatewayError as exc:
        raise CommandError(f"the gateway did not carry it out: {exc}") from exc


async def _operation(gateway: Gateway, command: Command, reserve_scale: str) -> None:
    current = await gateway.get_json("/api/operation")
    # Gateways since about 1.21 read and write `real_mode`, and answer a bare `mode` with a 500.
    field = "mode" if "real_mode" not in current and "mode" in current else "real_mode"
    mode = current.get(field)
    reserve = current.get("backup_reserve_percent")
    if command.name == "mode":
        mode = command.value
    else:
        reserve = app_to_gateway_reserve(command.value) if reserve_scale == "app" else command.value
    if not isinstance(mode, str) or not isinstance(reserve, int | float):
        raise CommandError(f"the gateway's operation answer lacks mode or reserve: {current}")
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
}
