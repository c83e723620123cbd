"""The gateway's authorized clients (v1r keys) and the physical proof that verifies them.

Evidence (``shared/FACTS.md``, "Pairing a key (v1r)"; pypowerwall ``v1r_register.py``
and PR #383):

- a key is registered through Tesla's Fleet API ``grpc_command``
  (``add_authorized_client_request``) and starts PENDING_VERIFICATION (1);
- the owner switches the Powerwall off for about 15 s, then on, within about
  10 minutes of registering: the key becomes VERIFIED (3);
- a short flick (2 s) is ignored; past the window the key is
  PENDING_VERIFICATION_TIMEOUT (2), terminal until the same key is registered again;
- any paired key can remove the others: REMOVED (4).

Inferred (no public evidence, listed in the README): re-registering a pending or
verified key leaves it as it is; a removed key stays listed as REMOVED until it
is registered again; the window and the off time are counted in simulated
seconds, exactly 15 s and 600 s.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from typing import Any

from .site import Clock

PENDING, TIMED_OUT, VERIFIED, REMOVED = 1, 2, 3, 4
STATE_NAMES = {
    PENDING: "PENDING_VERIFICATION",
    TIMED_OUT: "PENDING_VERIFICATION_TIMEOUT",
    VERIFIED: "VERIFIED",
    REMOVED: "REMOVED",
}
SWITCH_OFF_SECONDS = 15.0
VERIFY_WINDOW_SECONDS = 600.0
KEY_TYPE_RSA = 1


@dataclass
class AuthorizedClient:
    public_key: bytes  # DER PKCS#1, as the client sends it
    description: str
    client_type: int
    key_type: int
    added_at: float  # simulated seconds
    state: int = PENDING

    def to_json(self) -> dict[str, Any]:
        # The casing pypowerwall's v1r_register tries first (it accepts snake_case too).
        return {
            "PublicKey": base64.b64encode(self.public_key).decode(),
            "Description": self.description,
            "Type": self.client_type,
            "KeyType": self.key_type,
            "State": self.state,
            "StateName": STATE_NAMES.get(self.state, "UNKNOWN"),
        }


@dataclass
class AuthorizedClients:
    """Every key registered on one gateway, with the switch that verifies them."""

    clock: Clock
    clients: dict[bytes, AuthorizedClient] = field(default_factory=dict)
    switched_off_at: float | None = None

    def _now(self) -> float:
        return self.clock.now()

    def _expire(self) -> None:
        now = self._now()
        for client in self.clients.values():
            if client.state == PENDING and now > client.added_at + VERIFY_WINDOW_SECONDS:
                client.state = TIMED_OUT

    def add(
        self, public_key: bytes, description: str = "", client_type: int = 1, key_type: int = 1
    ) -> AuthorizedClient:
        self._expire()
        client = self.clients.get(public_key)
        if client is None or client.state in (TIMED_OUT, REMOVED):
            client = AuthorizedClient(public_key, description, client_type, key_type, self._now())
            self.clients[public_key] = client
        return client

    def remove(self, public_key: bytes) -> bool:
        self._expire()
        client = self.clients.get(public_key)
        if client is None or client.state == REMOVED:
            return False
        client.state = REMOVED
        return True

    def listing(self) -> list[AuthorizedClient]:
        self._expire()
        return list(self.clients.values())

    def state_of(self, public_key: bytes) -> int | None:
        self._expire()
        client = self.clients.get(public_key)
        return client.state if client is not None else None

    # -------------------------------------------------------- the switch
    def switch(self, on: bool) -> dict[str, Any]:
        """The Powerwall's on/off switch (PW3: under the rapid-shutdown flap). Returns what happened."""
        self._expire()
        now = self._now()
        if not on:
            if self.switched_off_at is None:
                self.switched_off_at = now
            return {"switch": "off", "sim_time": now, "verified": []}
        if self.switched_off_at is None:
            return {"switch": "on", "sim_time": now, "verified": [], "note": "it was already on"}
        off_for = now - self.switched_off_at
        self.switched_off_at = None
        verified = []
        if off_for >= SWITCH_OFF_SECONDS:
            for client in self.clients.values():
                if client.state == PENDING and client.added_at <= now <= client.added_at + VERIFY_WINDOW_SECONDS:
                    client.state = VERIFIED
                    verified.append(base64.b64encode(client.public_key).decode()[:24] + "…")
        return {
            "switch": "on",
            "sim_time": now,
            "off_for": round(off_for, 3),
            "verified": verified,
            "ignored": off_for < SWITCH_OFF_SECONDS,
        }


# ------------------------------------------------------------------ Fleet API's grpc_command
def _authorization_answer(message: dict[str, Any]) -> dict[str, Any]:
    """The command answer's body. The nesting is the one pypowerwall's v1r_register reads
    (``response.message.Payload.Authorization.Message``); its exact casing on the real cloud is inferred."""
    return {"response": {"code": 200, "message": {"Payload": {"Authorization": {"Message": message}}}}}


def _bad(why: str) -> tuple[int, dict[str, Any]]:
    return 400, {"response": None, "error": "invalid_request", "error_description": why}


def grpc_command(clients: AuthorizedClients, data: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """``POST /api/1/energy_sites/{id}/command`` with ``command_type: grpc_command``: the authorization messages."""
    if data.get("command_type") != "grpc_command":
        return _bad("command_type must be grpc_command")
    properties = data.get("command_properties")
    message = properties.get("message") if isinstance(properties, dict) else None
    authorization = message.get("authorization") if isinstance(message, dict) else None
    if not isinstance(authorization, dict) or len(authorization) != 1:
        return _bad("command_properties.message.authorization must hold exactly one request")
    ((kind, body),) = authorization.items()
    if not isinstance(body, dict):
        return _bad(f"{kind} must be an object")
    if kind == "list_authorized_clients_request":
        listed = [c.to_json() for c in clients.listing()]
        return 200, _authorization_answer({"ListAuthorizedClientsResponse": {"Clients": listed}})
    key = _public_key(body.get("public_key"))
    if key is None:
        return _bad("public_key must be the base64 of a DER (PKCS#1) RSA public key")
    if kind == "add_authorized_client_request":
        if body.get("key_type", KEY_TYPE_RSA) != KEY_TYPE_RSA:
            return _bad("key_type must be 1 (RSA)")
        client = clients.add(
            key, str(body.get("description", "")), int(body.get("authorized_client_type", 1)), KEY_TYPE_RSA
        )
        return 200, _authorization_answer({"AddAuthorizedClientResponse": {"Client": client.to_json()}})
    if kind == "remove_authorized_client_request":
        if not clients.remove(key):
            return 404, {"response": None, "error": "not_found", "error_description": "no such authorized client"}
        return 200, _authorization_answer({"RemoveAuthorizedClientResponse": {}})
    return _bad(f"unknown authorization request {kind}")


def _public_key(value: Any) -> bytes | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None
    try:
        load_pkcs1(raw)
    except ValueError:
        return None
    return raw


def load_pkcs1(raw: bytes) -> Any:
    """An RSA public key from DER PKCS#1 (``RSAPublicKey``), as v1r clients send it."""
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    pem = b"-----BEGIN RSA PUBLIC KEY-----\n" + base64.encodebytes(raw) + b"-----END RSA PUBLIC KEY-----\n"
    return load_pem_public_key(pem)
