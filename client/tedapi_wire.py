"""TEDAPI bytes: the envelopes pwkit sends, and reading the gateway's answers safely.

Pure functions, no I/O. The envelope header (fields 1–3) is the same in the
legacy and the energy-device sets, and so are the shapes behind fields 15 and 16
(see spec/tedapi/legacy.proto): a config read is sent as a FileStore
``readFileRequest`` (byte for byte the legacy ``config.send``), a query in the
envelope its query set names.

Every answer passes :func:`body` (size limit, gzip since 25.42.2) and is
parsed with a check that it carries what was asked: protobuf parses garbage
leniently, so a missing member is how garbage shows.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Mapping
from typing import Any, TypeVar

from google.protobuf.message import DecodeError
from google.protobuf.message import Message as ProtoMessage
from pydantic_core import from_json

from tedapi_client import common_pb2, energy_device_pb2, legacy_pb2
from tedapi_client.queries import SignedQuery

from .errors import MalformedAnswer

P = TypeVar("P", bound=ProtoMessage)

GZIP_MAGIC = b"\x1f\x8b"
# The largest answer read (compressed and decompressed): config.json is a few KB, the largest public
# DeviceController capture about 60 KB. Anything near this is not a TEDAPI answer.
MAX_ANSWER_BYTES = 4 * 1024 * 1024
# A DIN is a part number, "--" and a serial: 1232100-00-E--TG123456789012.
DIN_PATTERN = re.compile(r"[0-9A-Za-z](?:[0-9A-Za-z-]{0,62}[0-9A-Za-z])?")
CONFIG_FILE = "config.json"


# ------------------------------------------------------------------ checks
def checked_din(din: str, gateway: str = "", what: str = "the DIN") -> str:
    """``din`` if it looks like a DIN (letters, digits, dashes), else a clear error."""
    text = din.strip()
    if DIN_PATTERN.fullmatch(text):
        return text
    shown = text[:40].encode("unicode_escape").decode("ascii")
    if gateway:
        raise MalformedAnswer(gateway, f"{what} {shown!r} has characters a DIN never has; not using it")
    raise ValueError(f"{what} {shown!r} is not a DIN (letters, digits and dashes, e.g. 1232100-00-E--TG123456789012)")


def body(content: bytes, gateway: str, what: str) -> bytes:
    """An answer's bytes: gunzipped when it starts with the gzip magic (25.42.2+), within the size limit."""
    if len(content) > MAX_ANSWER_BYTES:
        raise MalformedAnswer(gateway, f"{what}: the answer is {len(content)} bytes, over the {MAX_ANSWER_BYTES} read")
    if not content.startswith(GZIP_MAGIC):
        return content
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(content, MAX_ANSWER_BYTES + 1)
    except zlib.error as exc:
        raise MalformedAnswer(gateway, f"{what}: the answer starts like gzip but is not gzip ({exc})") from None
    if len(out) > MAX_ANSWER_BYTES or inflater.unconsumed_tail:
        raise MalformedAnswer(gateway, f"{what}: the answer unzips to over {MAX_ANSWER_BYTES} bytes; not read")
    if not inflater.eof:
        raise MalformedAnswer(gateway, f"{what}: the gzip answer is truncated")
    return out


def parse(cls: type[P], data: bytes, gateway: str, what: str) -> P:
    """``data`` as a ``cls`` message, or :class:`MalformedAnswer` (truncated or garbled protobuf)."""
    message = cls()
    try:
        message.ParseFromString(data)
    except (DecodeError, RecursionError, ValueError) as exc:
        raise MalformedAnswer(gateway, f"{what}: not a readable protobuf answer ({exc or 'truncated'})") from None
    return message


def json_text(text: str | bytes, gateway: str, what: str) -> Any:
    """The answer's JSON. pydantic-core's parser (pydantic's own, already installed) reads the recorded answers
    in a little over half of json.loads' time (2.7–5.6 µs against 5.4–10.2), and the JSON is about half of an
    answer's decode (``python -m tests.bench.tedapi_decode``). What it refuses (a lone surrogate escape, deeper
    nesting than its limit, text not in UTF-8) goes to json.loads, whose answer then stands: the result is
    json.loads' on any input."""
    try:
        return from_json(text)
    except ValueError:
        pass
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise MalformedAnswer(gateway, f"{what}: the answer's JSON does not parse ({exc})") from None


# ------------------------------------------------------------------ envelopes
def header(envelope: legacy_pb2.MessageEnvelope | energy_device_pb2.MessageEnvelope, din: str, *, signed: bool) -> None:
    """Fields 1–3: the unsigned local paths speak as the installer app (pypowerwall); v1r as the registered key."""
    if signed:
        envelope.deliveryChannel = common_pb2.DELIVERY_CHANNEL_HERMES_COMMAND
        envelope.sender.authorizedClient = common_pb2.AUTHORIZED_CLIENT_TYPE_CUSTOMER_MOBILE_APP
    else:
        envelope.deliveryChannel = common_pb2.DELIVERY_CHANNEL_LOCAL_HTTPS
        envelope.sender.local = common_pb2.LOCAL_PARTICIPANT_INSTALLER
    envelope.recipient.din = din


def energy(din: str, *, signed: bool) -> energy_device_pb2.MessageEnvelope:
    envelope = energy_device_pb2.MessageEnvelope()
    header(envelope, din, signed=signed)
    return envelope


def read_file(din: str, *, signed: bool, name: str = CONFIG_FILE, if_different: bytes = b"") -> bytes:
    envelope = energy(din, signed=signed)
    request = envelope.filestore.readFileRequest
    request.domain = energy_device_pb2.FILE_STORE_API_DOMAIN_CONFIG_JSON
    request.name = name
    if if_different:
        request.ifDifferentHash = if_different
    return envelope.SerializeToString()


def update_file(din: str, *, signed: bool, blob: bytes, lock: bytes, name: str = CONFIG_FILE) -> bytes:
    envelope = energy(din, signed=signed)
    request = envelope.filestore.updateFileRequest
    request.domain = energy_device_pb2.FILE_STORE_API_DOMAIN_CONFIG_JSON
    request.file.name = name
    request.file.blob = blob
    request.hash = lock
    return envelope.SerializeToString()


def query(din: str, *, signed: bool, signed_query: SignedQuery, variables: Mapping[str, Any] | None) -> bytes:
    """The query in the envelope its set names: legacy ``payload.send`` or energy-device ``graphql.queryRequest``."""
    chosen = json.dumps(dict(variables)) if variables is not None else signed_query.variables_json
    if signed_query.envelope == "legacy":
        legacy = legacy_pb2.MessageEnvelope()
        header(legacy, din, signed=signed)
        send = legacy.payload.send
        send.num = 2
        send.payload.value = 1
        send.payload.text = signed_query.text
        send.code = signed_query.signature
        send.b.value = chosen
        return legacy.SerializeToString()
    envelope = energy(din, signed=signed)
    request = envelope.graphql.queryRequest
    request.format = energy_device_pb2.GRAPH_QL_QUERY_FORMAT_SIGNED_SHA256_ECDSA_ASN1
    request.query = (
        signed_query.signed_query
        or energy_device_pb2.SignedGraphQLQuery(
            version=signed_query.signed_query_version or 2, query=signed_query.text.encode()
        ).SerializeToString()
    )
    request.signature = signed_query.signature
    request.variablesJson.value = chosen
    return envelope.SerializeToString()


def firmware(din: str, *, signed: bool) -> bytes:
    legacy = legacy_pb2.MessageEnvelope()
    header(legacy, din, signed=signed)
    legacy.firmware.request = ""
    return legacy.SerializeToString()


def teg(din: str, *, signed: bool, message: energy_device_pb2.TEGMessages) -> bytes:
    envelope = energy(din, signed=signed)
    envelope.teg.CopyFrom(message)
    return envelope.SerializeToString()


def authorization(din: str, *, signed: bool, message: energy_device_pb2.AuthorizationMessages) -> bytes:
    envelope = energy(din, signed=signed)
    envelope.authorization.CopyFrom(message)
    return envelope.SerializeToString()


# ------------------------------------------------------------------ transport wrappers
def legacy_message(envelope: bytes, tail: int = 1) -> bytes:
    """``Message{message = envelope, tail{value}}`` for POST /tedapi/v1 (Wi-Fi basic).

    Built from the envelope's bytes as they are (a length-delimited field 1), so nothing is re-encoded.
    """
    outer = energy_device_pb2.AuthEnvelope(payload=envelope)  # field 1, bytes: the same wire as Message.message
    return outer.SerializeToString() + legacy_pb2.Message(tail=common_pb2.Tail(value=tail)).SerializeToString()


def auth_envelope(envelope: bytes) -> bytes:
    """``AuthEnvelope{payload = envelope, externalAuth{type = PRESENCE}}`` (the bearer transport)."""
    auth = energy_device_pb2.AuthEnvelope(payload=envelope)
    auth.externalAuth.type = energy_device_pb2.EXTERNAL_AUTH_TYPE_PRESENCE
    return auth.SerializeToString()


def outer_payload(content: bytes, gateway: str, what: str) -> bytes:
    """The envelope bytes inside a ``Message`` or an ``AuthEnvelope`` answer (both keep it in field 1)."""
    outer = parse(energy_device_pb2.AuthEnvelope, content, gateway, what)
    if not outer.payload:
        raise MalformedAnswer(gateway, f"{what}: the answer carries no envelope")
    return outer.payload
