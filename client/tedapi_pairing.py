"""Pairing a v1r key: register it, have the owner prove presence at the Powerwall, watch its state.

Two routes register a key (shared FACTS "Pairing a key (v1r)"):

- **Tesla's Fleet API** (:class:`FleetRoute`): ``grpc_command`` with
  ``authorization.add_authorized_client_request`` relayed to the gateway, then
  ``list_authorized_clients_request`` to watch the state. The evidence is
  strong: pypowerwall's ``v1r_register.py`` and its issues (#274, #350–#354,
  PR #383) describe it end to end on real Powerwall 3s.
- **The Wi-Fi path** (:class:`WifiRoute`), for owners without Fleet API
  access: ``addAuthorizedClientRequest`` inside an ``AuthEnvelope`` with
  ``externalAuth.type = PRESENCE``, sent with HTTP Basic (the sticker password)
  from the gateway's own access point. The evidence is thin: one public
  script (``register_local_client.py``) does it, and its own notes say a key
  registered this way may come back with verification type HERMES_COMMAND,
  which the power switch may not satisfy. pwkit reports the verification type
  the gateway gives, so the owner knows which case they are in.

  (``AuthEnvelope{payload = 1, externalAuth = 2{type = 1}}`` and the Wi-Fi
  ``Message{message = 1, tail = 2{value = 1}}`` are the same bytes, so the
  Wi-Fi transport sends exactly that AuthEnvelope.)

Then the owner switches the Powerwall off for about 15 s and on again, within
about 10 minutes of registering (a 2 s flick is ignored; PW3: the switch under
the rapid-shutdown flap). The key goes PENDING_VERIFICATION (1) → VERIFIED
(3), or PENDING_VERIFICATION_TIMEOUT (2, terminal: register the same key
again). REMOVED (4) means a key removed it: register again.
"""

from __future__ import annotations

import base64
import binascii
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from .clock import Clock
from .fleet import FleetSite
from .tedapi import AuthorizedKey, Tedapi

log = logging.getLogger("pwkit.tedapi")

PENDING, TIMED_OUT, VERIFIED, REMOVED = 1, 2, 3, 4
VERIFY_WINDOW = 600.0  # seconds after registering in which the switch must be operated (FACTS: ~10 minutes)
SWITCH_OFF_SECONDS = 15  # FACTS, pypowerwall's hint: a 2 s flick is ignored
HERMES_COMMAND_VERIFICATION = 4

NEXT_STEPS = {
    None: "not registered on this gateway: run `pwkit pair URL` to register it",
    PENDING: (
        f"pending verification: switch the Powerwall OFF for about {SWITCH_OFF_SECONDS} s, then back ON, within "
        "about 10 minutes of registering (Powerwall 3: the switch under the red rapid-shutdown flap; a 2 s flick "
        "is ignored; do not leave it off until the unit powers down)"
    ),
    TIMED_OUT: "the verification window closed (terminal): register the same key again with `pwkit pair URL`, "
    "then switch the Powerwall off and on within about 10 minutes",
    VERIFIED: "verified: this key can use v1r on the LAN",
    REMOVED: "removed (a paired key removed it): register it again with `pwkit pair URL` if you want it back",
}
STATE_NAMES = {
    None: "NOT_REGISTERED",
    PENDING: "PENDING_VERIFICATION",
    TIMED_OUT: "PENDING_VERIFICATION_TIMEOUT",
    VERIFIED: "VERIFIED",
    REMOVED: "REMOVED",
}


def state_name(state: int | None) -> str:
    return STATE_NAMES.get(state, f"UNKNOWN({state})")


def next_step(state: int | None) -> str:
    return NEXT_STEPS.get(
        state, f"the gateway reports state {state}, which pwkit does not know; run `pwkit pair --list`"
    )


class Route(Protocol):
    """A way to reach the gateway's list of authorized keys."""

    name: str

    async def add(self, public_key: bytes, description: str) -> AuthorizedKey | None: ...

    async def list(self) -> list[AuthorizedKey]: ...

    async def remove(self, public_key: bytes) -> None: ...


class WifiRoute:
    """The gateway's access point: its TEDAPI basic transport (or any :class:`Tedapi`) does the talking."""

    name = "wifi"

    def __init__(self, tedapi: Tedapi) -> None:
        self.tedapi = tedapi

    async def add(self, public_key: bytes, description: str) -> AuthorizedKey | None:
        return await self.tedapi.add_key(public_key, description)

    async def list(self) -> list[AuthorizedKey]:
        return await self.tedapi.list_keys()

    async def remove(self, public_key: bytes) -> None:
        await self.tedapi.remove_key(public_key)


class FleetRoute:
    """Tesla's Fleet API relays the authorization messages to the site's gateway (``grpc_command``)."""

    name = "fleet"

    def __init__(self, site: FleetSite) -> None:
        self.site = site

    async def add(self, public_key: bytes, description: str) -> AuthorizedKey | None:
        answer = await self.site.grpc_command(
            {
                "authorization": {
                    "add_authorized_client_request": {
                        "key_type": 1,
                        "public_key": base64.b64encode(public_key).decode("ascii"),
                        "authorized_client_type": 1,
                        "description": description,
                    }
                }
            }
        )
        found = _find(answer, "addauthorizedclientresponse")
        client = _get(found, "client") if isinstance(found, dict) else None
        return _cloud_key(client) if isinstance(client, dict) else None

    async def list(self) -> list[AuthorizedKey]:
        answer = await self.site.grpc_command({"authorization": {"list_authorized_clients_request": {}}})
        found = _find(answer, "listauthorizedclientsresponse")
        clients = _get(found, "clients") if isinstance(found, dict) else None
        if found is None:
            log.warning("the Fleet API's answer to list_authorized_clients_request holds no list: %.300s", answer)
        return [_cloud_key(c) for c in clients or [] if isinstance(c, dict)]

    async def remove(self, public_key: bytes) -> None:
        await self.site.grpc_command(
            {
                "authorization": {
                    "remove_authorized_client_request": {"public_key": base64.b64encode(public_key).decode("ascii")}
                }
            }
        )


def _norm(key: str) -> str:
    return key.replace("_", "").lower()


def _get(data: dict[str, Any], name: str) -> Any:
    """A member by name in any casing the cloud uses (``public_key``, ``PublicKey``, ``publicKey``)."""
    for key, value in data.items():
        if _norm(key) == name:
            return value
    return None


def _find(data: Any, name: str, depth: int = 0) -> Any:
    """The first member called ``name`` (any casing) anywhere in the cloud's answer (its nesting varies)."""
    if depth > 12:
        return None
    if isinstance(data, dict):
        for key, value in data.items():
            if _norm(key) == name:
                return value
        for value in data.values():
            found = _find(value, name, depth + 1)
            if found is not None:
                return found
    if isinstance(data, list):
        for value in data:
            found = _find(value, name, depth + 1)
            if found is not None:
                return found
    return None


def _int(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _cloud_key(record: dict[str, Any]) -> AuthorizedKey:
    raw = _get(record, "publickey") or ""
    try:
        public_key = base64.b64decode(raw, validate=True) if isinstance(raw, str) else b""
    except (binascii.Error, ValueError):
        public_key = b""
    return AuthorizedKey(
        public_key=public_key,
        description=str(_get(record, "description") or ""),
        state=_int(_get(record, "state")),
        key_type=_int(_get(record, "keytype")),
        verification=_int(_get(record, "verification")),
    )


def state_of(keys: list[AuthorizedKey], public_key: bytes) -> int | None:
    """This key's state in a listing (None: not listed)."""
    for key in keys:
        if key.public_key == public_key:
            return key.state
    return None


@dataclass(frozen=True)
class Tick:
    """One look at the key while waiting: its state and the seconds left in the window."""

    state: int | None
    remaining: float


async def wait_for_verification(
    route: Route,
    public_key: bytes,
    *,
    clock: Clock,
    registered_at: float,
    window: float = VERIFY_WINDOW,
    poll_every: float = 10.0,
    on_tick: Callable[[Tick], Awaitable[None] | None] | None = None,
) -> int | None:
    """Poll the key's state every ``poll_every`` s until it is terminal or the window (plus a poll) has passed.

    Returns the last state seen: VERIFIED, TIMED_OUT, REMOVED, None (not listed), or PENDING when the
    window passed without the gateway saying so (it will say TIMED_OUT).
    """
    deadline = registered_at + window + poll_every
    state: int | None = PENDING
    while True:
        state = state_of(await route.list(), public_key)
        remaining = max(0.0, registered_at + window - clock.monotonic())
        if on_tick is not None:
            shown = on_tick(Tick(state, remaining))
            if shown is not None:
                await shown
        if state != PENDING or clock.monotonic() >= deadline:
            return state
        await clock.sleep(min(poll_every, max(0.0, deadline - clock.monotonic())) or poll_every)
