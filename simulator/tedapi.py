"""The gateway's second local API, TEDAPI: ``/tedapi/din``, ``/tedapi/v1``, ``/tedapi/device/{DIN}/v1``, ``v1r``.

Evidence: ``shared/FACTS.md`` "TEDAPI and Powerwall 3" (endpoints, field numbers,
faults), pypowerwall 0.22.2's ``tedapi/`` (what a working client sends and
reads), Matthew1471/Tesla-API (the energy-device envelope). What is inferred
is marked ``inferred`` here and listed in the README's simulator section.

Three transports, offered per listener as the firmware profile says:

- **basic** (``Authorization: Basic Tesla_Energy_Device:<sticker password>``), the body a
  ``Message{MessageEnvelope message = 1; Tail tail = 2}``; a wrong password is 403;
- **bearer**: a customer session's token, the body an ``AuthEnvelope{payload = 1; externalAuth = 2}``
  with ``externalAuth.type = PRESENCE (1)``;
- **v1r**: a ``RoutableMessage`` signed with a registered, verified RSA key (RSA PKCS#1 v1.5,
  SHA-512 over the TLV ``00 01 07 | 01 01 07 | 02 <len> <leader DIN> | 04 04 <expires_at> | FF``
  followed by the envelope bytes).

The envelope's payload is the same for all three (field numbers of the legacy and the
energy-device envelopes coincide on the wire): config / FileStore (15), queries (16),
firmware (4), TEG (5), authorization (12).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import gzip
import hashlib
import json
import secrets
import struct
import time
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from . import wire
from .gateway import Answer, GatewayApp, Receive, Scope, Send, _send, serve_lifespan
from .keys import PENDING, REMOVED, TIMED_OUT, VERIFIED, AuthorizedClients, load_pkcs1
from .profiles import TedapiProfile
from .site import Site
from .tedapi_answers import SiteModel, compliance, dumps

if TYPE_CHECKING:
    from .server import SimulatedGateway

BASIC_USER = "Tesla_Energy_Device"
MAX_TEDAPI_BODY = 256 * 1024  # inferred: a config.json update is a few KB; larger bodies are refused (413)
NOT_VERIFIED = b"v1r: client authorization not verified"  # FACTS; pypowerwall tedapi_v1r.py
MAX_TTL = 300  # inferred: a v1r message may not claim to live longer than this (clients use 12 s)
# MessageFault_E (pypowerwall's V2024_06 combined proto; FACTS names 2 and 3)
FAULT_TIMEOUT, FAULT_UNKNOWN_KEY, FAULT_INVALID_SIGNATURE = 2, 3, 5
FAULT_INVALID_DOMAINS, FAULT_DECODING, FAULT_TIME_EXPIRED, FAULT_TTL_TOO_LONG = 8, 10, 17, 20
DOMAIN_ENERGY_DEVICE = 7
SIGNED_QUERY_FORMAT = 2  # GRAPH_QL_QUERY_FORMAT_SIGNED_SHA256_ECDSA_ASN1
REAL_MODES = ("self_consumption", "backup", "autonomous")
EXPORT_RULES = ("pv_only", "battery_ok", "never")
ISLAND_OFF_GRID, ISLAND_ON_GRID = 6, 1
QUERIES_ROTATED = "query signature not accepted"  # inferred wording of the refusal


class TedapiError(Exception):
    """A request the gateway refuses: the HTTP status and a sentence."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class TedapiFaults:
    """What the control API injects into TEDAPI (``POST /sites/N/tedapi-faults``). All off by default."""

    busy_status: int = 0  # 429 or 503: every TEDAPI request answers it (FACTS: pypowerwall pauses 300 s)
    gzip_garbage: bool = False  # answers start with the gzip magic, then garbage
    write_not_applied: bool = False  # updates are acknowledged and not applied (26.10.4, pypowerwall #321)
    queries_rotated: bool = False  # Tesla rotated the query signing keys: every query refused
    # Inferred (no capture shows either): a FileStore read whose answer lacks the hash, and an update the
    # gateway refuses whatever the hash (common.error_response), so clients can prove they write nothing blind.
    config_without_hash: bool = False
    update_refused: bool = False
    # Another writer (the app, a second client) changes config.json just before each of the next N updates
    # arrives: its reserve goes up one point, so the update's hash is stale (the optimistic lock at work).
    another_writer: int = 0
    access_point_down: bool = False  # the access point's listener is closed (see access-point)
    # How long each TEDAPI answer takes (both listeners): requests that overlap show in ``peak_in_flight``.
    latency_ms: float = 0.0


# ------------------------------------------------------------------ the known signed queries
@dataclass(frozen=True)
class KnownQuery:
    name: str
    answers: str | None  # the decoded answer's schema: "device_controller", "components", "compliance", None


class QueryBook:
    """Tesla's signed query sets (``spec/tedapi/queries/``, generated ``tedapi_client.queries``):
    a query is answered only when its text (or SignedGraphQLQuery bytes) and signature are one of them."""

    def find(self, text: str, signature: bytes, signed_query: bytes) -> KnownQuery | None:
        from tedapi_client import queries

        found = queries.find(text, signature) or queries.find_signed(signed_query, signature)
        return KnownQuery(found.operation, found.answers) if found is not None else None


# ------------------------------------------------------------------ one gateway's TEDAPI
class Tedapi:
    def __init__(self, app: GatewayApp, profile: TedapiProfile, sticker_password: str, din: str) -> None:
        self.app = app
        self.profile = profile
        self.password = sticker_password
        self.din = din
        self.model = SiteModel(app.site, profile.hardware, din, profile.expansions, profile.followers)
        self.keys = AuthorizedClients(app.site.clock)
        self.faults = TedapiFaults()
        self.queries = QueryBook()
        self.export_rule = "pv_only"
        self.grid_charging = True
        self.fleet_site: Any = None  # the Fleet API's view of the same site, when served
        self.config_extra: dict[str, Any] = {}
        self.backup_events: list[dict[str, Any]] = []
        self.requests: dict[str, int] = {}
        # TEDAPI requests arrived and not yet answered, over both listeners (one gateway, however reached), and
        # the most ever at once: what tests read to prove a client sends one request at a time.
        self.in_flight = 0
        self.peak_in_flight = 0

    @property
    def site(self) -> Site:
        return self.app.site

    # ------------------------------------------------------------ settings shared with the Fleet API
    def _export_rule(self) -> str:
        return str(self.fleet_site.export_rule) if self.fleet_site is not None else self.export_rule

    def _grid_charging(self) -> bool:
        return bool(self.fleet_site.grid_charging) if self.fleet_site is not None else self.grid_charging

    def _set_export_rule(self, rule: str) -> None:
        self.export_rule = rule
        if self.fleet_site is not None:
            self.fleet_site.export_rule = rule

    def _set_grid_charging(self, allowed: bool) -> None:
        self.grid_charging = allowed
        if self.fleet_site is not None:
            self.fleet_site.grid_charging = allowed

    def devices(self) -> set[str]:
        """The DINs a request may be addressed to: the gateway and every Powerwall 3."""
        return {self.din} | {u.din for u in self.model.units if u.kind == "pw3"}

    # ------------------------------------------------------------ config.json
    def config(self) -> dict[str, Any]:
        self.site.update()
        return dict(
            self.model.config(
                self.site.mode, self.site.reserve, self._export_rule(), self._grid_charging(), self.config_extra
            )
        )

    def config_blob(self) -> tuple[bytes, bytes]:
        blob = json.dumps(self.config(), sort_keys=True).encode()
        # The hash's algorithm is not on record (inferred): 32 bytes of SHA-256 over the file.
        return blob, hashlib.sha256(blob).digest()

    def update_config(self, blob: bytes, expected_hash: bytes) -> tuple[bytes, bytes] | str:
        """Apply an updated config.json; a sentence when refused."""
        _, digest = self.config_blob()
        if expected_hash != digest:
            return "stale hash: config.json changed since it was read; read it again"
        try:
            document = json.loads(blob)
        except ValueError as exc:
            return f"config.json is not JSON: {exc}"
        if not isinstance(document, dict):
            return "config.json must be a JSON object"
        mode = document.get("default_real_mode", self.site.mode)
        if mode not in REAL_MODES:
            return f"default_real_mode must be one of {', '.join(REAL_MODES)}"
        given = document.get("site_info")
        site_info: dict[str, Any] = given if isinstance(given, dict) else {}
        reserve = site_info.get("backup_reserve_percent", self.site.reserve)
        if isinstance(reserve, bool) or not isinstance(reserve, int | float) or not 0 <= reserve <= 100:
            return "site_info.backup_reserve_percent must be a number from 0 to 100"
        rule = site_info.get("customer_preferred_export_rule", document.get("customer_preferred_export_rule"))
        if rule is not None and rule not in EXPORT_RULES:
            return f"customer_preferred_export_rule must be one of {', '.join(EXPORT_RULES)}"
        disallow = document.get("disallow_charge_from_grid_with_solar_installed", False)
        if not isinstance(disallow, bool):
            return "disallow_charge_from_grid_with_solar_installed must be true or false"
        if not self.faults.write_not_applied:
            self.site.update()
            self.site.mode = str(mode)
            self.site.reserve = float(reserve)  # above 80 included: the local path allows it (FACTS)
            if rule is not None:
                self._set_export_rule(str(rule))
            self._set_grid_charging(not disallow)
            known = {
                "vin",
                "battery_blocks",
                "default_real_mode",
                "site_info",
                "disallow_charge_from_grid_with_solar_installed",
            }
            self.config_extra = {k: v for k, v in document.items() if k not in known}
        return self.config_blob()

    # ------------------------------------------------------------ ASGI: one listener ("lan" or "access_point")
    def listener(self, where: str) -> TedapiListener:
        return TedapiListener(self, where)

    def transports(self, where: str) -> frozenset[str]:
        return self.profile.lan if where == "lan" else self.profile.access_point

    async def answer(self, where: str, method: str, path: str, headers: dict[str, str], body: bytes | None) -> Answer:
        key = f"{method} {path if not path.startswith('/tedapi/device/') else '/tedapi/device/{din}/v1'}"
        self.requests[key] = self.requests.get(key, 0) + 1
        self.in_flight += 1
        self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        try:
            if self.faults.latency_ms > 0:
                await asyncio.sleep(self.faults.latency_ms / 1000.0)
            return self._answer(where, method, path, headers, body)
        except TedapiError as exc:
            return Answer(exc.status, f"TEDAPI: {exc}\n".encode(), "text/plain")
        except wire.WireError as exc:
            return Answer(400, f"TEDAPI: not a protobuf message of the expected shape: {exc}\n".encode(), "text/plain")
        finally:
            self.in_flight -= 1

    def _answer(self, where: str, method: str, path: str, headers: dict[str, str], body: bytes | None) -> Answer:
        offered = self.transports(where)
        if self.faults.busy_status in (429, 503):
            return Answer(self.faults.busy_status, b"", "text/plain")
        if body is None:
            raise TedapiError(413, f"the body is larger than {MAX_TEDAPI_BODY} bytes")
        if path == "/tedapi/din":
            if method != "GET":
                raise TedapiError(405, "GET /tedapi/din")
            self._authorize_din(offered, headers)
            return self._finish(where, "basic", self.din.encode(), "text/plain")
        if method != "POST":
            raise TedapiError(405, f"POST {path}")
        if path == "/tedapi/v1r":
            if "v1r" not in offered:
                raise TedapiError(404, "/tedapi/v1r is not offered on this address by this firmware")
            self._content_type(headers, "application/octet-stream")
            return Answer(200, self.v1r(body), "application/octet-stream")
        recipient = None
        if path.startswith("/tedapi/device/") and path.endswith("/v1"):
            recipient = path.removeprefix("/tedapi/device/").removesuffix("/v1")
            if recipient not in self.devices():
                raise TedapiError(404, f"no device {recipient!r} behind this gateway")
        elif path != "/tedapi/v1":
            raise TedapiError(404, f"{path} is not a TEDAPI endpoint")
        self._content_type(headers, "application/octet-string", "application/octet-stream")
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            if "bearer" not in offered:
                raise TedapiError(403, "bearer access to TEDAPI is not offered on this address by this firmware")
            self._check_bearer(auth)
            envelope = wire.decode(body)
            if not envelope.has(1):
                raise TedapiError(400, "an AuthEnvelope needs its payload (field 1)")
            presence = envelope.message(2)
            if presence is None or presence.number(1) != 1:
                raise TedapiError(403, "an AuthEnvelope needs externalAuth.type = PRESENCE (1)")
            inner = self.envelope(envelope.raw(1), via="bearer", recipient_override=recipient)
            return self._finish(
                where, "bearer", wire.encode([(1, inner), (2, wire.message((1, 1)))]), "application/octet-string"
            )
        if "basic" not in offered:
            raise TedapiError(404, "TEDAPI over Wi-Fi (basic) is reachable only from the gateway's own access point")
        self._check_basic(auth)
        outer = wire.decode(body)
        if not outer.has(1):
            raise TedapiError(400, "a TEDAPI Message needs its MessageEnvelope (field 1)")
        tail = outer.message(2)
        inner = self.envelope(outer.raw(1), via="basic", recipient_override=recipient)
        answer = wire.encode([(1, inner), (2, wire.message((1, tail.number(1, 1) if tail else 1)))])
        return self._finish(where, "basic", answer, "application/octet-string")

    def _finish(self, where: str, via: str, body: bytes, content_type: str) -> Answer:
        if self.faults.gzip_garbage:
            body = b"\x1f\x8b\x08\x00" + secrets.token_bytes(24)
        elif self.profile.gzip and where == "access_point" and via == "basic":
            # Since 25.42.2 Wi-Fi answers may be gzip (pypowerwall decompress_response); v1r
            # answers are read without decompressing by pypowerwall, so they are not.
            body = gzip.compress(body, mtime=0)
        return Answer(200, body, content_type)

    @staticmethod
    def _content_type(headers: dict[str, str], *accepted: str) -> None:
        given = headers.get("content-type", "").split(";")[0].strip().lower()
        if given not in accepted:
            raise TedapiError(415, f"Content-Type must be {' or '.join(accepted)}, not {given or 'missing'}")

    def _authorize_din(self, offered: frozenset[str], headers: dict[str, str]) -> None:
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer ") and offered & {"bearer", "v1r"}:
            self._check_bearer(auth)
            return
        if "basic" not in offered:
            raise TedapiError(404, "TEDAPI over Wi-Fi (basic) is reachable only from the gateway's own access point")
        self._check_basic(auth)

    def _check_basic(self, auth: str) -> None:
        if not auth.lower().startswith("basic "):
            raise TedapiError(403, "HTTP Basic authentication as Tesla_Energy_Device is required")
        try:
            user, _, password = base64.b64decode(auth[6:].strip(), validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            raise TedapiError(403, "the Basic credentials are not base64 of user:password") from None
        if user != BASIC_USER or not secrets.compare_digest(password.encode(), self.password.encode()):
            raise TedapiError(403, "wrong password: use the full password on the gateway's QR sticker")

    def _check_bearer(self, auth: str) -> None:
        token = auth[7:].strip()
        session = self.app.sessions.get(token)
        if session is None or session.expires <= time.monotonic():
            raise TedapiError(401, "the Bearer token is not a live session: log in with /api/login/Basic")

    # ------------------------------------------------------------ v1r
    def v1r(self, body: bytes) -> bytes:
        try:
            routable = wire.decode(body)
        except wire.WireError as exc:
            raise TedapiError(400, f"not a RoutableMessage: {exc}") from None
        request_uuid = routable.raw(51) if routable.has(51) else None

        def fault(code: int) -> bytes:
            return wire.encode(
                [
                    (7, wire.message((1, DOMAIN_ENERGY_DEVICE))),
                    (12, wire.message((1, code))),
                    (50, request_uuid),
                    (51, secrets.token_hex(16).encode()),
                ]
            )

        def answered(inner: bytes) -> bytes:
            return wire.encode(
                [
                    (7, wire.message((1, DOMAIN_ENERGY_DEVICE))),
                    (10, inner),
                    (50, request_uuid),
                    (51, secrets.token_hex(16).encode()),
                ]
            )

        try:
            destination = routable.message(6)
            if destination is None or destination.number(1) != DOMAIN_ENERGY_DEVICE:
                return fault(FAULT_INVALID_DOMAINS)
            envelope = routable.raw(10)
            signature_data = routable.message(13)
            if signature_data is None:
                return fault(FAULT_UNKNOWN_KEY)
            identity = signature_data.message(1)
            rsa_data = signature_data.message(7)
            public_key = identity.raw(1) if identity is not None else b""
            state = self.keys.state_of(public_key)
            if state is None or state == REMOVED:
                return fault(FAULT_UNKNOWN_KEY)
            if rsa_data is None:
                return fault(FAULT_INVALID_SIGNATURE)
            expires_at, signature = rsa_data.number(1), rsa_data.raw(2)
        except wire.WireError:
            return fault(FAULT_DECODING)
        if not verify(public_key, self.din, expires_at, envelope, signature):
            return fault(FAULT_INVALID_SIGNATURE)
        now = time.time()
        if expires_at < now:
            return fault(FAULT_TIME_EXPIRED)
        if expires_at > now + MAX_TTL:
            return fault(FAULT_TTL_TOO_LONG)
        if state in (PENDING, TIMED_OUT):
            return answered(NOT_VERIFIED)
        assert state == VERIFIED
        try:
            parsed = wire.decode(envelope)
            recipient = parsed.message(3)
            target = recipient.text(1) if recipient is not None and recipient.has(1) else self.din
        except wire.WireError:
            return fault(FAULT_DECODING)
        if target in self.model.followers:
            return fault(FAULT_TIMEOUT)  # v1r cannot reach a follower (FACTS; pypowerwall)
        try:
            return answered(self.envelope(envelope, via="v1r"))
        except TedapiError:
            return fault(FAULT_DECODING)
        except wire.WireError:
            return fault(FAULT_DECODING)

    # ------------------------------------------------------------ the envelope
    def envelope(self, data: bytes, via: str, recipient_override: str | None = None) -> bytes:
        env = wire.decode(data)
        sender = env.raw(2) if env.has(2) else None
        recipient = env.message(3)
        target = recipient_override or (recipient.text(1) if recipient is not None and recipient.has(1) else self.din)
        if target not in self.devices():
            raise TedapiError(404, f"no device {target!r} behind this gateway")
        channel = env.number(1, 1)
        head: list[tuple[int, wire.Value]] = [(1, channel), (2, wire.message((1, target))), (3, sender)]
        if env.has(15):
            filestore = self._filestore(env.message(15))  # type: ignore[arg-type]
            if isinstance(filestore, Refused):
                # Inferred shape: the refusal is a common.error_response in place of the filestore answer,
                # so a client that checks for updateFileResponse (pypowerwall, aiopowerwall) sees no success.
                return wire.encode([*head, _common_error(10, filestore.message)])
            return wire.encode([*head, (15, filestore)])
        if env.has(16):
            return wire.encode([*head, (16, self._query(env.message(16), target))])  # type: ignore[arg-type]
        if env.has(4):
            return wire.encode([*head, (4, self._firmware(env.message(4)))])  # type: ignore[arg-type]
        if env.has(5):
            return wire.encode([*head, (5, self._teg(env.message(5)))])  # type: ignore[arg-type]
        if env.has(12):
            return wire.encode([*head, (12, self._authorization(env.message(12), via))])  # type: ignore[arg-type]
        return wire.encode([*head, _common_error(12, "this message is not supported by the gateway")])

    def _filestore(self, message: wire.Fields) -> wire.Value | Refused:
        """Legacy ``config.send{num=1, file}`` and FileStore ``readFileRequest{domain=1, name}`` are one wire shape."""
        read = message.message(1)
        if read is not None:
            name = read.text(2, "config.json")
            if read.number(1, 1) != 1 or name != "config.json":
                return wire.message((2, wire.message((1, wire.message((1, name))))))
            blob, digest = self.config_blob()
            if self.faults.config_without_hash:
                return wire.message((2, wire.message((1, wire.message((1, name), (100, blob))))))
            if read.raw(3) == digest:  # ifDifferentHash: unchanged, no blob (inferred)
                return wire.message((2, wire.message((1, wire.message((1, name))), (2, digest))))
            return wire.message((2, wire.message((1, wire.message((1, name), (100, blob))), (2, digest))))
        update = message.message(5)
        if update is not None:
            file = update.message(2)
            blob = file.raw(100) if file is not None else b""
            if self.faults.update_refused:
                return Refused("config.json is not writable now (update refused)")
            if self.faults.another_writer > 0:
                self.faults.another_writer -= 1
                self.site.update()
                self.site.reserve = min(100.0, self.site.reserve + 1.0)
            result = self.update_config(blob, update.raw(3))
            if isinstance(result, str):
                return Refused(result)
            new_blob, digest = result
            return wire.message((6, wire.message((1, wire.message((1, "config.json"), (100, new_blob))), (2, digest))))
        raise TedapiError(400, "config/filestore: expected readFileRequest (1) or updateFileRequest (5)")

    def _query(self, message: wire.Fields, target: str) -> wire.Value:
        send = message.message(1)
        if send is None:
            raise TedapiError(400, "query: expected send / queryRequest (field 1)")
        inner = send.message(2)
        if inner is None:
            raise TedapiError(400, "query: the query text (field 2) is missing")
        signature = send.raw(3)
        variables_message = send.message(4)
        variables_text = variables_message.text(1, "{}") if variables_message is not None else "{}"
        # The legacy send{num, payload{value, text}, code, b{value}} and the energy-device
        # queryRequest{format, query = SignedGraphQLQuery{version, query}, signature, variablesJson{value}}
        # are one wire shape; clients send either (aiopowerwall: version 1 texts in the signed form).
        text = inner.text(2)
        if self.faults.queries_rotated:
            return _query_error(QUERIES_ROTATED)
        known = self.queries.find(text, signature, send.raw(2))
        if known is None:
            return _query_error("unknown or unsigned query: the text and its signature must be one of Tesla's")
        try:
            variables = json.loads(variables_text or "{}")
        except ValueError:
            return _query_error("variables are not JSON", code=INVALID)
        if not isinstance(variables, dict):
            variables = {}
        name = known.name
        if known.answers == "device_controller":
            data = self.model.device_controller(variables, full="msaComp" in text or "teslaRemoteMeter" in text)
        elif known.answers == "components":
            if self.profile.hardware != "pw3":
                return _query_error(
                    "no Powerwall 3 components on this gateway", partial_data="{}", code=FIELD_NOT_FOUND
                )
            data = self.model.components(target, variables)
        elif known.answers == "compliance":
            if self.profile.hardware != "pw3":  # the query filters PW3BMS: a Powerwall 2 site has none
                return _query_error(
                    "no Powerwall 3 battery management systems on this gateway", partial_data="{}", code=FIELD_NOT_FOUND
                )
            data = compliance(self.model, target, text)
        else:
            return _query_error(f"{name} is not simulated", partial_data="{}", code=FIELD_NOT_FOUND)
        return wire.message((2, wire.message((1, 1), (2, dumps(data)))))

    def _firmware(self, message: wire.Fields) -> wire.Value:
        # Legacy firmware.request (2, a string) and the energy-device common.getSystemInfoRequest (2, a
        # message) are one wire shape, and so are their answers (3): one handler.
        if not message.has(2):
            return _common_error(12, "this common request is not simulated")[1]
        version = f"{self.app.profile.version} {self.app.profile.git_hash[:8]}"
        return wire.message(
            (
                3,
                wire.message(
                    (1, wire.message((1, self.din.split("--")[0]), (2, self.din.rsplit("--", 1)[-1]))),
                    (2, self.din),
                    (3, wire.message((1, version), (2, bytes.fromhex(self.app.profile.git_hash[:40])))),
                    (6, 1 if self.profile.hardware == "pw2" else 3),
                ),
            )
        )

    def _teg(self, message: wire.Fields) -> wire.Value:
        island = message.message(3)
        if island is not None:
            mode, force = island.number(1), bool(island.number(2))
            if mode == ISLAND_OFF_GRID and force:
                if not self.faults.write_not_applied:
                    self.site.go_off_grid()
                return wire.message((4, wire.message((1, 1))))
            if mode == ISLAND_ON_GRID:
                if not self.faults.write_not_applied:
                    self.site.go_on_grid()
                return wire.message((4, wire.message((1, 1))))
            return wire.message((4, wire.message((1, 0))))  # inferred: any other mode is not carried out
        schedule = message.message(45)
        if schedule is not None:
            info = schedule.message(1)
            start = info.message(1) if info is not None else None
            event = {
                "start": start.number(1) if start is not None else int(self.site.clock.datetime().timestamp()),
                "duration_seconds": info.number(2, 7200) if info is not None else 7200,
                "priority": info.number(3) if info is not None else 0,
            }
            if not self.faults.write_not_applied:
                self.backup_events = [event]
            return wire.message((46, b""))
        if message.has(47):
            if not self.faults.write_not_applied:
                self.backup_events = []
            return wire.message((48, b""))
        if message.has(49):
            events = [
                wire.message(
                    (
                        1,
                        wire.message(
                            (1, wire.message((1, e["start"]))), (2, e["duration_seconds"]), (3, e["priority"])
                        ),
                    )
                )
                for e in self.backup_events
            ]
            return wire.message((50, wire.message(*[(1, ev) for ev in events])))
        raise TedapiError(400, "teg: expected setIslandModeRequest (3) or a manual backup event (45, 47, 49)")

    def _authorization(self, message: wire.Fields, via: str) -> wire.Value:
        add = message.message(1)
        if add is not None:
            if via == "v1r":
                raise TedapiError(403, "register a key over the Fleet API or the Wi-Fi path")
            key = add.raw(4)
            try:
                load_pkcs1(key)
            except ValueError:
                raise TedapiError(400, "authorization: publicKey must be a DER (PKCS#1) RSA public key") from None
            client = self.keys.add(key, add.text(2), add.number(1, 1), add.number(3, 1))
            return wire.message((2, wire.message((1, _record(client)))))
        if message.has(5):
            return wire.message((6, wire.message(*[(1, _record(c)) for c in self.keys.listing()])))
        remove = message.message(3)
        if remove is not None:
            self.keys.remove(remove.raw(1))
            return wire.message((4, b""))
        raise TedapiError(400, "authorization: expected add (1), remove (3) or list (5)")


def _record(client: Any) -> wire.Value:
    return wire.message(
        (1, client.client_type),
        (2, client.description),
        (3, client.key_type),
        (4, client.public_key),
        (6, client.state),
    )


def _common_error(code: int, message: str) -> tuple[int, wire.Value]:
    return 4, wire.message((1, wire.message((1, wire.message((1, code), (2, message))))))


@dataclass(frozen=True)
class Refused:
    """A request the gateway answers with ``common.error_response``."""

    message: str


# GraphQLErrorCode (spec/tedapi/energy_device.proto); which code a gateway gives for which refusal is in no
# public capture (inferred): a signature it does not accept is UNAUTHORIZED, a part it cannot resolve
# FIELD_NOT_FOUND, variables it cannot read INVALID.
INVALID, FIELD_NOT_FOUND, UNAUTHORIZED = 0, 1, 2


def _query_error(message: str, partial_data: str | None = None, code: int = UNAUTHORIZED) -> wire.Value:
    """``queryResponse{status = 3 (error), errors[{code, message}]}``; the legacy answer carries the same
    fields on the wire (value/text), so an unsigned legacy query reads as an empty text (inferred)."""
    status = 2 if partial_data is not None else 3
    return wire.message(
        (2, wire.message((1, status), (2, partial_data), (3, wire.message((1, "query"), (2, code), (3, message)))))
    )


# ------------------------------------------------------------------ the v1r signature
def tlv(din: str, expires_at: int) -> bytes:
    """The bytes signed before the envelope (FACTS: ``00 01 07 | 01 01 07 | 02 <len> <DIN> | 04 04 <expires> | FF``)."""
    raw = din.encode()
    return bytes([0, 1, 7, 1, 1, 7, 2, len(raw)]) + raw + bytes([4, 4]) + struct.pack(">I", expires_at) + b"\xff"


def verify(public_key: bytes, din: str, expires_at: int, envelope: bytes, signature: bytes) -> bool:
    try:
        key = load_pkcs1(public_key)
    except ValueError:
        return False
    if not isinstance(key, rsa.RSAPublicKey):
        return False
    try:
        key.verify(signature, tlv(din, expires_at) + envelope, padding.PKCS1v15(), hashes.SHA512())
    except (InvalidSignature, ValueError):
        return False
    return True


# ------------------------------------------------------------------ ASGI listener
class TedapiListener:
    """One listener of a TEDAPI gateway: ``/tedapi/*`` here, everything else to the REST app.

    ``where`` is "lan" (the gateway's LAN address) or "access_point" (its own Wi-Fi, 192.168.91.1)."""

    RESTRICTED: ClassVar[frozenset[str]] = frozenset(
        {
            "/api/login/Basic",
            "/api/logout",
            "/api/meters/aggregates",
            "/api/system_status/soe",
            "/api/system_status/grid_status",
        }
    )

    def __init__(self, tedapi: Tedapi, where: str) -> None:
        self.tedapi = tedapi
        self.where = where

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await serve_lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        path, method = scope["path"], scope["method"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if path.startswith("/tedapi/"):
            body = await _read_limited(receive, MAX_TEDAPI_BODY)
            await _send(send, await self.tedapi.answer(self.where, method, path, headers, body))
            return
        if path == "/" and method == "GET":
            # The web portal: a PW2's gateway serves it (200); a Powerwall 3 has none (pypowerwall's connect()).
            if self.tedapi.profile.hardware == "pw3":
                await _send(send, Answer.error(404, "not found", "/ is not an endpoint of this gateway"))
            else:
                await _send(send, Answer(200, b"<!doctype html><title>Tesla Energy Gateway</title>\n", "text/html"))
            return
        if self.tedapi.profile.restricted_rest and path not in self.RESTRICTED:
            # A Powerwall 3 answers only these three after a customer login (HA PR #169137, evcc #31849).
            await _read_limited(receive, MAX_TEDAPI_BODY)
            await _send(send, Answer.error(404, "not found", f"{path} is not an endpoint of this gateway"))
            return
        await self.tedapi.app(scope, receive, send)


async def _read_limited(receive: Receive, limit: int) -> bytes | None:
    """The body, or None when it is larger than ``limit`` (read to the end all the same)."""
    chunks, size = [], 0
    while True:
        message = await receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size <= limit:
            chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks) if size <= limit else None


# ------------------------------------------------------------------ control API
CONTROL_ACTIONS = ("tedapi", "tedapi-faults", "switch", "power-cycle", "access-point", "keys")


async def control(gateway: SimulatedGateway, method: str, action: str, data: dict[str, Any]) -> tuple[int, Any]:
    """The TEDAPI routes of the control API: ``/sites/N/<action>``."""
    tedapi: Tedapi | None = getattr(gateway.app, "tedapi", None)
    if tedapi is None:
        return 404, {"error": f"firmware {gateway.app.profile.name} has no TEDAPI; try --firmware pw3-26.x"}
    if action == "tedapi" and method == "GET":
        return 200, describe(gateway, tedapi)
    if action == "tedapi-faults":
        if method == "DELETE":
            down = tedapi.faults.access_point_down
            tedapi.faults = TedapiFaults(access_point_down=down)
        elif method == "POST":
            for key, value in data.items():
                if key == "access_point_down" or not hasattr(tedapi.faults, key):
                    raise KeyError(key)
                setattr(tedapi.faults, key, type(getattr(tedapi.faults, key))(value))
            if tedapi.faults.busy_status not in (0, 429, 503):
                raise ValueError("busy_status must be 0, 429 or 503")
        return 200, asdict(tedapi.faults)
    if action == "keys" and method == "GET":
        return 200, [c.to_json() for c in tedapi.keys.listing()]
    if action == "switch" and method == "POST":
        state = data.get("state")
        if state not in ("on", "off"):
            raise ValueError('give {"state": "off"} or {"state": "on"}')
        return 200, tedapi.keys.switch(state == "on")
    if action == "power-cycle" and method == "POST":
        # Off, simulated seconds pass, on: the owner's proof of physical access for v1r keys.
        seconds = float(data.get("off_seconds", 16))
        tedapi.keys.switch(False)
        tedapi.site.clock.advance(seconds)
        return 200, tedapi.keys.switch(True)
    if action == "access-point" and method == "POST":
        ap = getattr(gateway, "access_point", None)
        if ap is None:
            return 404, {"error": "this gateway has no access point listener"}
        if data.get("down"):
            down_for = float(data["seconds"]) if data.get("seconds") else None
            tedapi.faults.access_point_down = True
            await ap.go_offline(down_for)
            if down_for:
                asyncio.get_running_loop().call_later(down_for, _clear_down, tedapi)
        else:
            tedapi.faults.access_point_down = False
            await ap.go_online()
        return 200, ap.describe()
    return 404, {"error": f"unknown control action {method} /sites/N/{action}"}


def _clear_down(tedapi: Tedapi) -> None:
    tedapi.faults.access_point_down = False


def describe(gateway: SimulatedGateway, tedapi: Tedapi) -> dict[str, Any]:
    ap = getattr(gateway, "access_point", None)
    return {
        "din": tedapi.din,
        "hardware": tedapi.profile.hardware,
        "lan": {"url": gateway.url, "transports": sorted(tedapi.profile.lan)},
        "access_point": {
            "url": ap.url if ap is not None else None,
            "online": ap.online if ap is not None else False,
            "transports": sorted(tedapi.profile.access_point),
        },
        "gzip": tedapi.profile.gzip,
        "units": [{"din": u.din, "kind": u.kind} for u in tedapi.model.units],
        "followers": tedapi.model.followers,
        "faults": asdict(tedapi.faults),
        "requests": dict(tedapi.requests),
        "peak_in_flight": tedapi.peak_in_flight,
        "evidence": tedapi.profile.evidence,
        # What config.json and TEG hold beyond the site's mode and reserve (GET /sites/N/state has those).
        "settings": {
            "export_rule": tedapi._export_rule(),
            "grid_charging": tedapi._grid_charging(),
            "backup_events": list(tedapi.backup_events),
        },
    }


def gateway_din(hardware: str, rest_din: str) -> str:
    """The DIN ``/tedapi/din`` answers: a PW2's Backup Gateway 2 (REST's), or the Powerwall 3 leader's own."""
    return rest_din if hardware == "pw2" else "1707000-11-J--TG1230000001AB"


# ------------------------------------------------------------------ wiring (server.py calls these)
def build(app: GatewayApp, sticker_password: str) -> Tedapi | None:
    """The TEDAPI of a gateway app whose profile has one (None otherwise), set on ``app.tedapi``."""
    profile = app.profile.tedapi
    if profile is None:
        return None
    din = gateway_din(profile.hardware, str(app._template("/api/status").get("din", "")))
    if profile.hardware == "pw3":
        # 13.5 kWh per Powerwall 3 and per DC expansion; one site, so REST and the Fleet API see it too.
        units = 1 + profile.expansions + profile.followers
        app.site.config.capacity_wh = 13500.0 * units
        app.site.config.max_charge_w = app.site.config.max_discharge_w = 11500.0 * (1 + profile.followers)
        app.site.remaining_wh = app.site.config.capacity_wh * app.site.config.initial_soe / 100.0
    app.tedapi = Tedapi(app, profile, sticker_password, din)
    return app.tedapi  # type: ignore[no-any-return]


def attach(gateway: SimulatedGateway, sticker_password: str) -> None:
    """Give a gateway whose profile has TEDAPI its TEDAPI, its LAN listener and its access point."""
    tedapi = build(gateway.app, sticker_password)
    if tedapi is None:
        return
    gateway.asgi = tedapi.listener("lan")
    from .server import SimulatedGateway

    gateway.access_point = SimulatedGateway(
        index=gateway.index,
        app=gateway.app,
        certificate=gateway.certificate,
        cert_dir=gateway.cert_dir,
        host=gateway.host,
        port=0,
        strict_sni=gateway.strict_sni,
        asgi=tedapi.listener("access_point"),
    )


def attach_fleet(gateway: SimulatedGateway, fleet_site: Any) -> None:
    """The Fleet API's site shares the key registry (grpc_command) and the grid settings with TEDAPI."""
    tedapi: Tedapi | None = gateway.app.tedapi
    if tedapi is None:
        return
    fleet_site.din = tedapi.din
    fleet_site.authorized_clients = tedapi.keys
    tedapi.fleet_site = fleet_site
