"""TEDAPI, the gateway's second local API: one client over three transports.

Since firmware 23.44 most of what a Powerwall knows (per-battery energy, PV
strings, inverter, temperatures, alerts, islanding, the site configuration,
battery health, local control) is served only here, and a Powerwall 3 serves
little else. :class:`Tedapi` offers the operations; a transport
(:mod:`.tedapi_transport`) carries them:

    async with Tedapi.wifi(password="<full sticker password>") as tedapi:   # on the gateway's access point
        config = await tedapi.config()
        status = await tedapi.device_controller()

    async with Tedapi.v1r(gateway, load_key(path)) as tedapi:               # on the LAN, with a paired key
        await tedapi.set_island_mode(off_grid=True)

Answers: gzip (25.42.2+) is undone; JSON answers are checked against their
schema in ``spec/tedapi/schemas/answers.yaml`` where the spec has one (open
schemas: unknown fields are kept, never refused). Every failure is one of the named
errors of :mod:`.errors` (``TedapiError`` and its kin) and says what to do.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tedapi_client import common_pb2, energy_device_pb2, legacy_pb2, models, queries

from . import tedapi_schemas
from . import tedapi_wire as wire
from .connection import Gateway
from .errors import MalformedAnswer, QueryRefused, QuerySigningKeysRotated, TedapiRefused
from .tedapi_keys import SigningKey
from .tedapi_transport import WIFI_URL, Bearer, TedapiOptions, Transport, V1r, WifiBasic
from .tls import TlsOptions

log = logging.getLogger("pwkit.tedapi")

ROTATED = "Tesla rotated the query signing keys; update pwkit"
# Which query set each transport sends by default: pypowerwall's defaults (V2024_06 on Wi-Fi and v1r; its
# bearer transport requires the signed V2026_06 envelope).
DEFAULT_SETS = {"wifi": "V2024_06", "bearer": "V2026_06", "v1r": "V2024_06"}
ISLAND_OFF_GRID, ISLAND_RECONNECT = 6, 1  # TEGAPISetIslandModeRequest.mode (pypowerwall, hardware-validated)
STATE_NAMES = {
    1: "PENDING_VERIFICATION",
    2: "PENDING_VERIFICATION_TIMEOUT",
    3: "VERIFIED",
    4: "REMOVED",
}


@dataclass(frozen=True)
class StoredFile:
    """A FileStore file with its hash: the lock an update sends back."""

    name: str
    blob: bytes
    hash: bytes


@dataclass(frozen=True)
class ConfigFile:
    """``config.json`` decoded, with its hash."""

    data: dict[str, Any]
    hash: bytes
    text: str = field(repr=False)

    def model(self) -> models.Config:
        """The typed model (generated from the spec); unknown fields in ``additional_properties``."""
        return models.Config.from_dict(self.data)


@dataclass(frozen=True)
class QueryAnswer:
    """A query's decoded JSON, and the ``errors[]`` of a partial answer (empty when complete)."""

    name: str
    data: dict[str, Any]
    errors: list[dict[str, Any]] = field(default_factory=list)
    # The kind of answer (``device_controller``, ``components``, ``compliance``), when the spec has its schema.
    kind: str | None = None

    def model(self) -> models.Model | None:
        """The typed model of the answer (generated from the spec), or None for a kind without one."""
        cls = models.ANSWERS.get(self.kind) if self.kind else None
        return cls.from_dict(self.data) if cls is not None else None


@dataclass(frozen=True)
class Firmware:
    din: str
    version: str
    githash: str
    part_number: str
    serial_number: str
    device_type: int

    def as_dict(self) -> dict[str, Any]:
        """As the spec's ``firmware`` answer (pypowerwall's ``get_firmware_version(details=True)`` shape)."""
        return {
            "system": {
                "din": self.din,
                "gateway": {"partNumber": self.part_number, "serialNumber": self.serial_number},
                "version": {"text": self.version, "githash": self.githash},
                "deviceType": str(self.device_type),
            }
        }


@dataclass(frozen=True)
class AuthorizedKey:
    """One key registered on the gateway, as it lists it."""

    public_key: bytes = field(repr=False)
    description: str
    state: int
    key_type: int
    verification: int

    @property
    def state_name(self) -> str:
        return STATE_NAMES.get(self.state, f"UNKNOWN({self.state})")


@dataclass(frozen=True)
class BackupEvents:
    manual: dict[str, Any] | None
    events: list[dict[str, Any]]


class Tedapi:
    """One gateway's TEDAPI. Use ``async with``; every call is one request (config updates: two)."""

    def __init__(self, transport: Transport, *, query_set: str | None = None, validate: bool = True) -> None:
        self.transport = transport
        self.url = transport.url
        self.query_set = query_set or DEFAULT_SETS.get(transport.name, queries.LATEST)
        queries.queries(self.query_set)  # an unknown set fails here, not at the first query
        self.validate = validate
        self._din: str | None = None
        self._queries_answered = 0

    # ---------------------------------------------------------- constructors
    @classmethod
    def wifi(
        cls,
        url: str = WIFI_URL,
        *,
        password: str,
        tls: TlsOptions | None = None,
        options: TedapiOptions | None = None,
        query_set: str | None = None,
        validate: bool = True,
    ) -> Tedapi:
        """The Wi-Fi path: the gateway's access point, the full password on its QR sticker."""
        return cls(WifiBasic(url, password=password, tls=tls, options=options), query_set=query_set, validate=validate)

    @classmethod
    def bearer(
        cls,
        gateway: Gateway,
        *,
        options: TedapiOptions | None = None,
        query_set: str | None = None,
        validate: bool = True,
    ) -> Tedapi:
        """A customer login's token plus AuthEnvelope PRESENCE (confirmed for solar-only inverters)."""
        return cls(Bearer(gateway, options), query_set=query_set, validate=validate)

    @classmethod
    def v1r(
        cls,
        gateway: Gateway,
        key: SigningKey,
        *,
        options: TedapiOptions | None = None,
        query_set: str | None = None,
        validate: bool = True,
    ) -> Tedapi:
        """The LAN path of a paired key (``pwkit pair``): RSA-signed messages to the leader."""
        return cls(V1r(gateway, key, options), query_set=query_set, validate=validate)

    def __repr__(self) -> str:
        return f"Tedapi({self.transport!r}, query_set={self.query_set!r})"

    async def __aenter__(self) -> Tedapi:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self.transport.aclose()

    # ---------------------------------------------------------- the DIN
    async def din(self, *, refresh: bool = False) -> str:
        """The gateway's (the leader's) DIN; asked once, then remembered."""
        if self._din is None or refresh:
            self._din = await self.transport.din()
        return self._din

    async def _exchange(self, envelope: bytes, what: str, recipient: str | None = None) -> bytes:
        leader = await self.din()
        return await self.transport.exchange(envelope, leader_din=leader, recipient=recipient or leader, what=what)

    async def _energy_answer(
        self, envelope: bytes, what: str, recipient: str | None = None
    ) -> energy_device_pb2.MessageEnvelope:
        return energy_answer(await self._exchange(envelope, what, recipient), self.url, what)

    # ---------------------------------------------------------- files
    async def read_file(self, name: str = wire.CONFIG_FILE) -> StoredFile:
        """A FileStore file (config.json) and its hash."""
        what = f"read {name}"
        din = await self.din()
        answer = await self._energy_answer(wire.read_file(din, signed=self.transport.signed, name=name), what)
        return file_result(answer, self.url, what, name)

    async def config(self) -> ConfigFile:
        """``config.json``: the site's configuration, decoded, with its hash."""
        config = config_file(await self.read_file(wire.CONFIG_FILE), self.url)
        self._check("config", config.data, "config.json")
        return config

    async def update_file(self, blob: bytes, lock: bytes, name: str = wire.CONFIG_FILE) -> bytes:
        """Write a FileStore file over the version whose hash is ``lock``; its new hash.

        The gateway refuses the write when the file changed since it was read (the optimistic lock):
        :class:`~.errors.TedapiRefused`. Read it again and redo the change; never retried here.
        """
        what = f"update {name}"
        din = await self.din()
        envelope = wire.update_file(din, signed=self.transport.signed, blob=blob, lock=lock, name=name)
        try:
            answer = await self._energy_answer(envelope, what)
        except TedapiRefused as exc:
            raise TedapiRefused(
                self.url,
                f"{exc.args[0].removeprefix(self.url + ': ')}; the file may have changed since it was read (the hash "
                "lock): read it again and redo the change",
                exc.code,
            ) from None
        kind = answer.filestore.WhichOneof("message") if answer.WhichOneof("payload") == "filestore" else None
        if kind != "updateFileResponse":
            raise TedapiRefused(
                self.url,
                f"{what}: not written ({_member(answer)}); the file may have changed since it was read (the hash "
                "lock): read it again and redo the change",
            )
        return bytes(answer.filestore.updateFileResponse.hash)

    async def update_config(self, changes: Mapping[str, Any]) -> ConfigFile:
        """Read-modify-write ``config.json``: ``{"site_info.backup_reserve_percent": 30, …}`` (dotted paths).

        Returns the config as written. Writes have been acknowledged and not applied (26.10.4): read it
        back (``config()``) before telling anyone it is done.
        """
        current = await self.config()
        data = json.loads(current.text)
        for dotted, value in changes.items():
            node = data
            *parents, leaf = dotted.split(".")
            for key in parents:
                child = node.get(key)
                if not isinstance(child, dict):
                    child = node[key] = {}
                node = child
            node[leaf] = value
        text = json.dumps(data)
        new_hash = await self.update_file(text.encode(), current.hash)
        return ConfigFile(data, new_hash, text)

    # ---------------------------------------------------------- queries
    def signed_query(self, name: str, version: str | None = None) -> queries.SignedQuery:
        """A query by its name or by the kind of answer (``device_controller``, ``components``, ``compliance``).

        Looked up in ``version``, else in this client's set, then in the newest set that has it (the
        Compliance query exists only in the 2026 set).
        """
        order = [version] if version else [self.query_set, *reversed(queries.versions())]
        for candidate in dict.fromkeys(order):
            found = _lookup(name, candidate)
            if found is not None:
                return found
        known = sorted({q.name for q in queries.QUERIES} | {q.answers for q in queries.QUERIES if q.answers})
        raise queries.UnknownQuery(f"no signed query {name!r} in {', '.join(order)}; known: {', '.join(known)}")

    async def query(
        self,
        name: str,
        variables: Mapping[str, Any] | None = None,
        *,
        din: str | None = None,
        version: str | None = None,
    ) -> QueryAnswer:
        """Run one of Tesla's signed queries with the variables of your choice (the signature covers only the text).

        ``din`` asks another device (a follower); the default is the leader. A partial answer is returned
        with its ``errors``; a refused one raises :class:`~.errors.QueryRefused`.
        """
        signed = self.signed_query(name, version)
        recipient = wire.checked_din(din, what="the device's DIN") if din else await self.din()
        what = f"query {signed.operation} ({signed.version})"
        envelope = wire.query(recipient, signed=self.transport.signed, signed_query=signed, variables=variables)
        status, text, errors = await self._query_answer(envelope, what, recipient)
        if status not in (1, 2) or not text:
            await self._refused(signed, what, errors, recipient)
        data = wire.json_text(text, self.url, what) if text else {}
        if not isinstance(data, dict):
            raise MalformedAnswer(self.url, f"{what}: the answer is a JSON {type(data).__name__}, not an object")
        self._queries_answered += 1
        if errors:
            log.warning("%s: %s answered in part: %s", self.url, what, "; ".join(_error_text(e) for e in errors))
        if signed.answers:
            self._check(signed.answers, data, what)
        return QueryAnswer(signed.name, data, errors, signed.answers)

    async def _query_answer(self, envelope: bytes, what: str, recipient: str) -> tuple[int, str, list[dict[str, Any]]]:
        return query_result(await self._energy_answer(envelope, what, recipient), self.url, what)

    async def _refused(
        self, signed: queries.SignedQuery, what: str, errors: list[dict[str, Any]], recipient: str
    ) -> None:
        detail = "; ".join(_error_text(e) for e in errors) or "no data and no reason"
        if self._queries_answered == 0:
            # Nothing answered yet: check whether every query is refused (one more request, once).
            probe = self.signed_query("device_controller") if signed.answers != "device_controller" else None
            probe = probe or next((q for q in queries.queries(signed.version) if q is not signed), None)
            probe_refused = True
            if probe is not None:
                envelope = wire.query(
                    await self.din(), signed=self.transport.signed, signed_query=probe, variables=None
                )
                status, text, _ = await self._query_answer(envelope, f"query {probe.operation}", await self.din())
                probe_refused = status not in (1, 2) or not text
                if not probe_refused:
                    self._queries_answered += 1
            if probe_refused:
                raise QuerySigningKeysRotated(
                    self.url,
                    f"{what}: refused ({detail}), and so is every other signed query: {ROTATED} (the query set "
                    f"{signed.version} no longer matches this firmware)",
                    errors,
                )
        raise QueryRefused(self.url, f"{what}: the gateway refused the query ({detail})", errors)

    async def device_controller(self, variables: Mapping[str, Any] | None = None) -> QueryAnswer:
        """The DeviceController query: system status, islanding, meters, alerts, the esCan bus (PW2)."""
        return await self.query("device_controller", variables)

    async def components(self, variables: Mapping[str, Any] | None = None, *, din: str | None = None) -> QueryAnswer:
        """The Powerwall 3 components query (PCH strings, BMS packs, HVP serials); ``din`` for a follower."""
        return await self.query("components", variables, din=din)

    async def compliance(self, variables: Mapping[str, Any] | None = None) -> QueryAnswer:
        """The Compliance query: battery health (capacity, cycles, discharge totals)."""
        return await self.query("compliance", variables)

    async def firmware(self) -> Firmware:
        """The gateway's firmware version and identity (the legacy firmware request)."""
        what = "firmware"
        din = await self.din()
        raw = await self._exchange(wire.firmware(din, signed=self.transport.signed), what)
        firmware = firmware_result(raw, self.url, what)
        self._check("firmware", firmware.as_dict(), what)
        return firmware

    # ---------------------------------------------------------- TEG control
    async def set_island_mode(self, *, off_grid: bool) -> int:
        """Go off-grid (mode 6 with force: opens the grid contactor) or reconnect (mode 1); the gateway's result.

        1 is the observed success value. Local island mode has been reported both working and not: read
        the grid status back before saying it is done.
        """
        message = energy_device_pb2.TEGMessages()
        message.setIslandModeRequest.mode = ISLAND_OFF_GRID if off_grid else ISLAND_RECONNECT
        message.setIslandModeRequest.force = off_grid
        what = "go off-grid" if off_grid else "reconnect to the grid"
        answer = await self._teg(message, what)
        if answer.WhichOneof("message") != "setIslandModeResponse":
            raise MalformedAnswer(self.url, f"{what}: the answer carries no island-mode result")
        return int(answer.setIslandModeResponse.result)

    async def schedule_manual_backup(self, duration_seconds: int, *, start: float | None = None) -> None:
        """Hold the battery for backup from ``start`` (Unix seconds; now) for ``duration_seconds``."""
        if not 0 < duration_seconds <= 7 * 24 * 3600:
            raise ValueError("a manual backup event lasts from 1 s to 7 days")
        message = energy_device_pb2.TEGMessages()
        info = message.schedule_manual_backup_event_request.scheduling_info
        info.start_time.FromSeconds(int(start if start is not None else time.time()))
        info.duration_seconds = duration_seconds
        answer = await self._teg(message, "schedule a manual backup event")
        if answer.WhichOneof("message") != "schedule_manual_backup_event_response":
            raise MalformedAnswer(self.url, "schedule a manual backup event: not acknowledged")

    async def cancel_manual_backup(self) -> None:
        message = energy_device_pb2.TEGMessages(cancel_manual_backup_event_request={})
        answer = await self._teg(message, "cancel the manual backup event")
        if answer.WhichOneof("message") != "cancel_manual_backup_event_response":
            raise MalformedAnswer(self.url, "cancel the manual backup event: not acknowledged")

    async def backup_events(self) -> BackupEvents:
        message = energy_device_pb2.TEGMessages(get_backup_events_request={})
        answer = await self._teg(message, "list backup events")
        if answer.WhichOneof("message") != "get_backup_events_response":
            raise MalformedAnswer(self.url, "list backup events: the answer carries no events")
        got = answer.get_backup_events_response
        manual = _event(got.manual_backup_event.scheduling_info) if got.HasField("manual_backup_event") else None
        return BackupEvents(
            manual, [{"id": e.id, "name": e.name, **_event(e.scheduling_info)} for e in got.backup_events]
        )

    async def _teg(self, message: energy_device_pb2.TEGMessages, what: str) -> energy_device_pb2.TEGMessages:
        din = await self.din()
        answer = await self._energy_answer(wire.teg(din, signed=self.transport.signed, message=message), what)
        if answer.WhichOneof("payload") != "teg":
            raise MalformedAnswer(self.url, f"{what}: the answer is not a TEG answer ({_member(answer)})")
        return answer.teg

    # ---------------------------------------------------------- authorized keys
    async def list_keys(self) -> list[AuthorizedKey]:
        """Every key registered on the gateway, with its state."""
        message = energy_device_pb2.AuthorizationMessages(listAuthorizedClientsRequest={})
        answer = await self._authorization(message, "list the authorized keys")
        if answer.WhichOneof("message") != "listAuthorizedClientsResponse":
            raise MalformedAnswer(self.url, "list the authorized keys: the answer carries no list")
        return [_key(c) for c in answer.listAuthorizedClientsResponse.clients]

    async def add_key(self, public_key: bytes, description: str = "pwkit") -> AuthorizedKey:
        """Register an RSA public key (DER PKCS#1) as a customer client: PENDING_VERIFICATION until the switch."""
        message = energy_device_pb2.AuthorizationMessages()
        add = message.addAuthorizedClientRequest
        add.type = common_pb2.AUTHORIZED_CLIENT_TYPE_CUSTOMER_MOBILE_APP
        add.description = description
        add.keyType = energy_device_pb2.AUTHORIZED_KEY_TYPE_RSA
        add.publicKey = public_key
        answer = await self._authorization(message, "register the key")
        if answer.WhichOneof("message") != "addAuthorizedClientResponse":
            raise MalformedAnswer(self.url, "register the key: the answer carries no registration")
        return _key(answer.addAuthorizedClientResponse.client)

    async def remove_key(self, public_key: bytes) -> None:
        """Remove a registered key. Any paired key can remove any other: confirm with the owner first."""
        message = energy_device_pb2.AuthorizationMessages(removeAuthorizedClientRequest={"publicKey": public_key})
        answer = await self._authorization(message, "remove the key")
        if answer.WhichOneof("message") != "removeAuthorizedClientResponse":
            raise MalformedAnswer(self.url, "remove the key: not acknowledged")

    async def _authorization(
        self, message: energy_device_pb2.AuthorizationMessages, what: str
    ) -> energy_device_pb2.AuthorizationMessages:
        din = await self.din()
        envelope = wire.authorization(din, signed=self.transport.signed, message=message)
        answer = await self._energy_answer(envelope, what)
        if answer.WhichOneof("payload") != "authorization":
            raise MalformedAnswer(self.url, f"{what}: the answer is not an authorization answer ({_member(answer)})")
        return answer.authorization

    # ---------------------------------------------------------- schemas
    def _check(self, kind: str, data: Any, what: str) -> None:
        if self.validate:
            tedapi_schemas.check(kind, data, self.url, what)


# ------------------------------------------------------------------ an answer's bytes → its data (no I/O)
# Module functions, so that `tests.bench.tedapi_decode` times the very code the client runs.
def energy_answer(data: bytes, gateway: str, what: str) -> energy_device_pb2.MessageEnvelope:
    """The answering envelope, or :class:`TedapiRefused` when it is the gateway's ``errorResponse``."""
    answer = wire.parse(energy_device_pb2.MessageEnvelope, data, gateway, what)
    if answer.WhichOneof("payload") == "common" and answer.common.WhichOneof("message") == "errorResponse":
        status = answer.common.errorResponse.status
        raise TedapiRefused(
            gateway,
            f"{what}: the gateway refused it: {status.message or 'no reason given'} (code {status.code})",
            status.code,
        )
    return answer


def query_result(
    answer: energy_device_pb2.MessageEnvelope, gateway: str, what: str
) -> tuple[int, str, list[dict[str, Any]]]:
    """A query answer's status, JSON text and ``errors[]``."""
    # Each member read once (every read makes a wrapper object in the upb backend), and the usually empty
    # errors[] asked before iterating: a third less time than the plain reading (tests.bench.tedapi_decode).
    graphql = answer.graphql if answer.WhichOneof("payload") == "graphql" else None
    if graphql is None or graphql.WhichOneof("message") != "queryResponse":
        raise MalformedAnswer(gateway, f"{what}: the answer carries no query result ({_member(answer)})")
    # graphql.queryResponse and the legacy payload.recv are one wire shape: status/value 1,
    # data/text 2, errors 3.
    response = graphql.queryResponse
    found = response.errors
    errors = [{"path": list(e.path), "code": int(e.code), "message": e.message} for e in found] if found else []
    return int(response.status), response.data, errors


def file_result(answer: energy_device_pb2.MessageEnvelope, gateway: str, what: str, name: str) -> StoredFile:
    """A FileStore read's file and hash."""
    if answer.WhichOneof("payload") != "filestore" or answer.filestore.WhichOneof("message") != "readFileResponse":
        raise MalformedAnswer(gateway, f"{what}: the answer carries no file ({_member(answer)})")
    read = answer.filestore.readFileResponse
    return StoredFile(read.file.name or name, read.file.blob, read.hash)


def config_file(stored: StoredFile, gateway: str) -> ConfigFile:
    """``config.json``'s text decoded (the schema check apart)."""
    try:
        text = stored.blob.decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedAnswer(gateway, "config.json is not UTF-8 text") from None
    data = wire.json_text(text, gateway, "config.json")
    if not isinstance(data, dict):
        raise MalformedAnswer(gateway, f"config.json is a JSON {type(data).__name__}, not an object")
    return ConfigFile(data, stored.hash, text)


def firmware_result(raw: bytes, gateway: str, what: str) -> Firmware:
    """The legacy firmware answer (the schema check apart)."""
    answer = wire.parse(legacy_pb2.MessageEnvelope, raw, gateway, what)
    if answer.WhichOneof("body") != "firmware" or answer.firmware.WhichOneof("id") != "system":
        # Field 4 of the energy-device set is `common`: a refusal reads as its errorResponse (raised there).
        energy_answer(raw, gateway, what)
        raise MalformedAnswer(gateway, f"{what}: the answer carries no firmware information")
    system = answer.firmware.system
    return Firmware(
        din=system.din,
        version=system.version.text,
        githash=system.version.githash.hex(),
        part_number=system.gateway.partNumber,
        serial_number=system.gateway.serialNumber,
        device_type=system.deviceType,
    )


def _lookup(name: str, version: str) -> queries.SignedQuery | None:
    try:
        return queries.get(name, version)
    except queries.UnknownQuery:
        pass
    found = queries.answering(name, version)
    full = [q for q in found if q.name.endswith("_full")]  # the DeviceController query with variables
    chosen = full or list(found)
    return chosen[0] if chosen else None


def _member(answer: energy_device_pb2.MessageEnvelope) -> str:
    kind = answer.WhichOneof("payload")
    if kind is None:
        return "an empty envelope"
    inner = getattr(answer, kind)
    sub = inner.WhichOneof("message") if "message" in {o.name for o in inner.DESCRIPTOR.oneofs} else None
    return f"{kind}.{sub}" if sub else kind


def _error_text(error: Mapping[str, Any]) -> str:
    path = "/".join(str(p) for p in error.get("path") or [])
    return f"{error.get('message') or 'error'}" + (f" at {path}" if path else "") + f" (code {error.get('code')})"


def _event(info: energy_device_pb2.ControlEventSchedulingInfo) -> dict[str, Any]:
    return {
        "start": info.start_time.seconds if info.HasField("start_time") else None,
        "duration_seconds": info.duration_seconds,
        "priority": info.priority,
    }


def _key(record: energy_device_pb2.AuthorizationRecord) -> AuthorizedKey:
    return AuthorizedKey(
        public_key=bytes(record.publicKey),
        description=record.description,
        state=int(record.state),
        key_type=int(record.keyType),
        verification=int(record.verification),
    )
