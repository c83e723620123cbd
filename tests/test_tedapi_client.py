"""The TEDAPI client's own edges: the v1r signature (checked by an independent RSA verify over the documented
TLV), the key file's mode, gzip, and every kind of bad answer. The transports' real exchanges are in
tests/test_tedapi_e2e.py, against the simulator over HTTPS; here a mock transport stands in for the gateway
only to feed answers no real gateway should send."""

from __future__ import annotations

import asyncio
import gzip
import itertools
import logging
import math
import os
import struct
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from pwkit.client import (
    AccessPointUnreachable,
    ConnectionOptions,
    Gateway,
    KeyFileError,
    MalformedAnswer,
    ManualClock,
    QueryRefused,
    QuerySigningKeysRotated,
    SchemaMismatch,
    Tedapi,
    TedapiOptions,
    TedapiRateLimited,
    TedapiRefused,
    TedapiWrongPassword,
    WifiBasic,
    load_key,
    load_or_create_key,
    tedapi_schemas,
)
from pwkit.client import tedapi_wire as wire
from pwkit.client.tedapi_keys import create_key
from pwkit.client.tedapi_transport import V1r
from tedapi_client import energy_device_pb2, queries, routable_pb2
from tests.tedapi_wire import ld, vint

DIN = "1232100-00-E--TG123456789012"
PASSWORD = "ABCDEFGHIJ"  # a sticker password for the tests


@pytest.fixture(scope="module")
def key_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One RSA-4096 key for the module (generating one takes a second)."""
    path = tmp_path_factory.mktemp("key") / "tedapi-v1r-key.pem"
    create_key(path)
    return path


# ------------------------------------------------------------------ the v1r signature
def documented_tlv(din: str, expires_at: int) -> bytes:
    """The metadata as FACTS writes it: 00 01 07 | 01 01 07 | 02 <len> <DIN> | 04 04 <expires_at BE> | FF."""
    return (
        bytes.fromhex("000107010107")
        + bytes([0x02, len(din)])
        + din.encode()
        + bytes([0x04, 0x04])
        + struct.pack(">I", expires_at)
        + b"\xff"
    )


def v1r_transport(key_file: Path, tmp_path: Path, clock: ManualClock | None = None) -> V1r:
    gateway = Gateway("https://127.0.0.1:9", password="x", options=ConnectionOptions(state_dir=tmp_path))
    options = TedapiOptions(clock=clock or ManualClock(epoch=1_750_000_000.25), state_dir=tmp_path)
    return V1r(gateway, load_key(key_file), options)


def test_a_signed_v1r_message_verifies_with_an_independent_rsa_check(key_file: Path, tmp_path: Path) -> None:
    transport = v1r_transport(key_file, tmp_path)
    envelope = wire.read_file(DIN, signed=True)
    routable = routable_pb2.RoutableMessage.FromString(transport.signed_message(envelope, DIN))
    assert routable.to_destination.domain == 7
    assert routable.protobuf_message_as_bytes == envelope
    rsa_data = routable.signature_data.rsa_data
    assert rsa_data.expires_at == math.ceil(1_750_000_000.25) + 12
    assert len(routable.uuid) == 36
    public = serialization.load_der_public_key(routable.signature_data.signer_identity.public_key)
    assert isinstance(public, rsa.RSAPublicKey) and public.key_size == 4096
    public.verify(
        rsa_data.signature, documented_tlv(DIN, rsa_data.expires_at) + envelope, padding.PKCS1v15(), hashes.SHA512()
    )
    tampered = bytearray(envelope)
    tampered[-1] ^= 0x01
    with pytest.raises(InvalidSignature):
        public.verify(
            rsa_data.signature,
            documented_tlv(DIN, rsa_data.expires_at) + bytes(tampered),
            padding.PKCS1v15(),
            hashes.SHA512(),
        )
    with pytest.raises(InvalidSignature):
        public.verify(
            rsa_data.signature,
            documented_tlv(DIN, rsa_data.expires_at + 1) + envelope,
            padding.PKCS1v15(),
            hashes.SHA512(),
        )


def test_a_follower_query_is_still_signed_for_the_leader(key_file: Path, tmp_path: Path) -> None:
    transport = v1r_transport(key_file, tmp_path)
    follower = "1707000-11-J--TG1230000009ZZ"
    signed = queries.get("components", "V2024_06")
    envelope = wire.query(follower, signed=True, signed_query=signed, variables={})
    routable = routable_pb2.RoutableMessage.FromString(transport.signed_message(envelope, DIN))
    public = serialization.load_der_public_key(routable.signature_data.signer_identity.public_key)
    assert isinstance(public, rsa.RSAPublicKey)
    sig = routable.signature_data.rsa_data
    public.verify(sig.signature, documented_tlv(DIN, sig.expires_at) + envelope, padding.PKCS1v15(), hashes.SHA512())


# ------------------------------------------------------------------ the key file
def test_a_new_key_is_rsa_4096_and_only_its_owner_can_read_it(tmp_path: Path) -> None:
    path = tmp_path / "state" / "tedapi-v1r-key.pem"
    key, created = load_or_create_key(path)
    assert created and path.stat().st_mode & 0o777 == 0o600
    again, created_again = load_or_create_key(path)
    assert not created_again and again.public_der == key.public_der
    assert "PRIVATE" not in repr(key) and key.fingerprint[:8] in key.fingerprint


def test_a_key_file_others_can_read_is_refused_and_the_fix_named(key_file: Path, tmp_path: Path) -> None:
    loose = tmp_path / "loose.pem"
    loose.write_bytes(key_file.read_bytes())
    os.chmod(loose, 0o644)
    with pytest.raises(KeyFileError) as caught:
        load_key(loose)
    message = str(caught.value)
    assert "0644" in message and f"chmod 600 {loose}" in message
    assert "BEGIN" not in message


def test_a_key_file_that_is_no_key_is_refused_without_quoting_it(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.pem"
    fd = os.open(bogus, os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, b"-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXN0dWZm\n-----END PRIVATE KEY-----\n")
    os.close(fd)
    with pytest.raises(KeyFileError) as caught:
        load_key(bogus)
    assert "c2VjcmV0" not in str(caught.value) and "pwkit pair" in str(caught.value)
    with pytest.raises(KeyFileError, match="no v1r key"):
        load_key(tmp_path / "missing.pem")


def test_a_small_rsa_key_is_refused(tmp_path: Path) -> None:
    small = tmp_path / "small.pem"
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    fd = os.open(small, os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(
        fd,
        private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ),
    )
    os.close(fd)
    with pytest.raises(KeyFileError, match="RSA-4096"):
        load_key(small)


def test_an_existing_key_is_never_overwritten(key_file: Path) -> None:
    before = key_file.read_bytes()
    with pytest.raises(KeyFileError, match="never overwrites"):
        create_key(key_file)
    assert key_file.read_bytes() == before


# ------------------------------------------------------------------ bodies
def test_gzip_answers_are_undone_and_plain_ones_kept() -> None:
    assert wire.body(gzip.compress(b"hello"), "gw", "x") == b"hello"
    assert wire.body(b"hello", "gw", "x") == b"hello"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"\x1f\x8b\x08\x00garbagegarbage", "not gzip"),
        # mtime=0: the header carries no clock time, so the test's id is the same in every xdist worker
        (gzip.compress(b"x" * 1000, mtime=0)[:-12], "truncated"),
        (b"x" * (wire.MAX_ANSWER_BYTES + 1), "over the"),
        (gzip.compress(b"\0" * (wire.MAX_ANSWER_BYTES + 10)), "unzips to over"),
    ],
)
def test_bad_bodies_are_clear_errors(content: bytes, says: str) -> None:
    with pytest.raises(MalformedAnswer, match=says):
        wire.body(content, "gw", "read config.json")


@pytest.mark.parametrize("din", ["", "TG12 34", "1232100-00-E--TG1<script>", "x" * 80, "din\x00x", "-TG1", "TG1é"])
def test_a_din_with_odd_characters_is_refused(din: str) -> None:
    with pytest.raises(MalformedAnswer, match="DIN"):
        wire.checked_din(din, "https://gw", "the gateway's DIN")
    with pytest.raises(ValueError, match="not a DIN"):
        wire.checked_din(din)


def test_a_plain_din_passes() -> None:
    assert wire.checked_din(f" {DIN}\n") == DIN


# ------------------------------------------------------------------ answers through a mock gateway
Handler = Callable[[httpx.Request], httpx.Response]


def wifi_with(handler: Handler, tmp_path: Path, clock: ManualClock | None = None) -> Tedapi:
    transport = WifiBasic(
        "https://127.0.0.1:9",
        password=PASSWORD,
        options=TedapiOptions(timeout=2.0, state_dir=tmp_path, clock=clock or ManualClock()),
    )
    transport._transport = httpx.MockTransport(handler)  # type: ignore[assignment]
    return Tedapi(transport)


def answer(envelope_body: bytes) -> httpx.Response:
    """A Wi-Fi answer: Message{message = envelope (from the gateway's DIN), tail = 1}."""
    envelope = vint(1, 1) + ld(2, ld(1, DIN)) + ld(3, vint(3, 1)) + envelope_body
    return httpx.Response(200, content=ld(1, envelope) + ld(2, vint(1, 1)))


def serve(*bodies: bytes | httpx.Response) -> Handler:
    """Answer /tedapi/din with the DIN, then each POST with the next body."""
    queue = list(bodies)

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/tedapi/din":
            return httpx.Response(200, text=DIN)
        item = queue.pop(0)
        return item if isinstance(item, httpx.Response) else answer(item)

    return handler


def run(coroutine: object) -> object:
    return asyncio.run(coroutine)  # type: ignore[arg-type]


def config_answer(blob: bytes, digest: bytes = b"h1") -> bytes:
    return ld(15, ld(2, ld(1, ld(1, "config.json") + ld(100, blob)) + ld(2, digest)))


def test_config_is_read_with_its_hash_and_unknown_fields_kept(tmp_path: Path) -> None:
    tedapi = wifi_with(serve(config_answer(b'{"vin":"X","future_field":{"a":1}}')), tmp_path)
    config = run(tedapi.config())
    assert config.data == {"vin": "X", "future_field": {"a": 1}} and config.hash == b"h1"  # type: ignore[attr-defined]


def test_the_wifi_request_carries_basic_auth_and_the_documented_envelope(tmp_path: Path) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return serve(config_answer(b"{}"))(request)

    run(wifi_with(handler, tmp_path).read_file())
    din_request, post = seen
    assert din_request.headers["authorization"].startswith("Basic ")
    assert post.headers["content-type"] == "application/octet-string"
    readfile = vint(1, 1) + ld(2, "config.json")
    assert post.content == ld(1, vint(1, 1) + ld(2, vint(3, 1)) + ld(3, ld(1, DIN)) + ld(15, ld(1, readfile))) + ld(
        2, vint(1, 1)
    )


@pytest.mark.parametrize(
    ("reply", "error", "says"),
    [
        (httpx.Response(200, content=b"\x0a\xff\xff\xff"), MalformedAnswer, "not a readable protobuf"),
        (httpx.Response(200, content=b"\x1f\x8b\x08\x00junkjunk"), MalformedAnswer, "not gzip"),
        (httpx.Response(200, content=b""), MalformedAnswer, "no envelope"),
        (answer(ld(16, ld(2, vint(1, 1) + ld(2, "{}")))), MalformedAnswer, "carries no file"),
        (answer(config_answer(b"[1,2]")), MalformedAnswer, "not an object"),
        (answer(config_answer(b"{not json")), MalformedAnswer, "does not parse"),
        (answer(config_answer(b"\xff\xfe")), MalformedAnswer, "not UTF-8"),
        (answer(ld(4, ld(1, ld(1, vint(1, 7) + ld(2, "denied"))))), TedapiRefused, "denied"),
        (httpx.Response(403, text="Forbidden"), TedapiWrongPassword, "FULL password"),
        (httpx.Response(404, text="not here"), AccessPointUnreachable, "25.10"),
    ],
)
def test_bad_answers_to_a_config_read_are_clear_errors(
    tmp_path: Path, reply: httpx.Response, error: type[Exception], says: str
) -> None:
    with pytest.raises(error, match=says) as caught:
        run(wifi_with(serve(reply), tmp_path).config())
    assert PASSWORD not in str(caught.value)


def test_an_odd_din_from_the_gateway_is_refused(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="TG1;rm -rf")

    with pytest.raises(MalformedAnswer, match="DIN"):
        run(wifi_with(handler, tmp_path).din())


def test_an_unreachable_access_point_says_since_25_10(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route to host")

    with pytest.raises(AccessPointUnreachable) as caught:
        run(wifi_with(handler, tmp_path).din())
    assert "25.10" in str(caught.value) and "access point" in str(caught.value)


@pytest.mark.parametrize("status", [429, 503])
def test_busy_pauses_tedapi_for_300_s_on_the_clock_without_another_request(tmp_path: Path, status: int) -> None:
    clock = ManualClock()
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        return httpx.Response(status)

    tedapi = wifi_with(handler, tmp_path, clock)
    with pytest.raises(TedapiRateLimited):
        run(tedapi.din())
    for _ in range(3):
        with pytest.raises(TedapiRateLimited) as caught:
            run(tedapi.din())
    assert calls == ["/tedapi/din"], "no request while paused"
    assert caught.value.retry_after == pytest.approx(300)

    async def later() -> None:
        await clock.advance(301)

    run(later())
    with pytest.raises(TedapiRateLimited):
        run(tedapi.din())
    assert len(calls) == 2


def query_answer(status: int, data: str | None, *errors: bytes) -> bytes:
    body = vint(1, status) + (ld(2, data) if data is not None else b"") + b"".join(ld(3, e) for e in errors)
    return ld(16, ld(2, body))


def test_a_partial_query_answer_is_returned_with_its_errors_and_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    error = ld(1, "control") + vint(2, 3) + ld(3, "resolver unresponsive")
    tedapi = wifi_with(serve(query_answer(2, '{"control":{}}', error)), tmp_path)
    with caplog.at_level(logging.WARNING, "pwkit.tedapi"):
        got = run(tedapi.device_controller())
    assert got.data == {"control": {}}  # type: ignore[attr-defined]
    assert got.errors == [{"path": ["control"], "code": 3, "message": "resolver unresponsive"}]  # type: ignore[attr-defined]
    assert "resolver unresponsive" in caplog.text


def test_a_refused_query_is_query_refused_when_others_are_answered(tmp_path: Path) -> None:
    refused = query_answer(3, None, ld(3, "unknown or unsigned query") + vint(2, 2))
    tedapi = wifi_with(serve(refused, query_answer(1, '{"control":{}}')), tmp_path)
    with pytest.raises(QueryRefused) as caught:
        run(tedapi.compliance())
    assert not isinstance(caught.value, QuerySigningKeysRotated)
    assert caught.value.errors[0]["message"] == "unknown or unsigned query"


def test_every_query_refused_says_tesla_rotated_the_signing_keys(tmp_path: Path) -> None:
    refused = query_answer(3, None, ld(3, "query signature not accepted"))
    tedapi = wifi_with(serve(refused, refused), tmp_path)
    with pytest.raises(QuerySigningKeysRotated, match="Tesla rotated the query signing keys; update pwkit"):
        run(tedapi.components())


def test_query_variables_are_the_callers_choice(tmp_path: Path) -> None:
    seen: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/tedapi/din":
            return httpx.Response(200, text=DIN)
        seen.append(request.content)
        return answer(query_answer(1, "{}"))

    run(wifi_with(handler, tmp_path).components({"pchSignalNames": ["PCH_State"]}))
    assert b'{"pchSignalNames": ["PCH_State"]}' in seen[0]
    assert queries.get("components", "V2024_06").signature in seen[0]


def test_a_schema_mismatch_is_a_clear_error_and_unknown_fields_pass(tmp_path: Path) -> None:
    tedapi = wifi_with(serve(config_answer(b'{"site_info": 5, "extra": 1}')), tmp_path)
    with pytest.raises(SchemaMismatch, match="site_info") as caught:
        run(tedapi.config())
    assert caught.value.path == "site_info"
    ok = wifi_with(serve(config_answer(b'{"site_info": {"future": true}, "extra": 1}')), tmp_path)
    assert run(ok.config()).data["extra"] == 1  # type: ignore[attr-defined]


def test_every_kind_of_answer_has_a_schema_in_the_spec() -> None:
    for kind in ("config", "device_controller", "components", "compliance", "firmware"):
        assert tedapi_schemas._validator(kind) is not None, kind


def test_a_stale_hash_update_is_refused_and_says_to_read_again(tmp_path: Path) -> None:
    refused = ld(15, ld(7, vint(1, 10) + ld(2, "hash mismatch")))
    tedapi = wifi_with(serve(config_answer(b'{"site_info":{}}'), refused), tmp_path)
    with pytest.raises(TedapiRefused, match="read it again"):
        run(tedapi.update_config({"site_info.backup_reserve_percent": 30}))


def test_update_config_sends_the_read_hash_as_the_lock(tmp_path: Path) -> None:
    seen: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/tedapi/din":
            return httpx.Response(200, text=DIN)
        seen.append(request.content)
        if len(seen) == 1:
            return answer(config_answer(b'{"site_info":{"backup_reserve_percent":20}}', b"lock-1"))
        return answer(ld(15, ld(6, ld(2, b"lock-2"))))

    written = run(wifi_with(handler, tmp_path).update_config({"site_info.backup_reserve_percent": 85}))
    assert written.hash == b"lock-2"  # type: ignore[attr-defined]
    outer = energy_device_pb2.AuthEnvelope.FromString(seen[1])
    update = energy_device_pb2.MessageEnvelope.FromString(outer.payload).filestore.updateFileRequest
    assert update.hash == b"lock-1"
    assert b'"backup_reserve_percent": 85' in update.file.blob


def test_the_sticker_password_never_shows(tmp_path: Path) -> None:
    transport = WifiBasic("https://127.0.0.1:9", password=PASSWORD, options=TedapiOptions(state_dir=tmp_path))
    assert PASSWORD not in repr(transport) and PASSWORD not in repr(Tedapi(transport))


# ------------------------------------------------------------------ secrets and manners
def test_no_secret_reaches_the_logs_at_debug(tmp_path: Path, caplog: pytest.LogCaptureFixture, key_file: Path) -> None:
    import base64

    refused = httpx.Response(403, text="Forbidden")
    with caplog.at_level(logging.DEBUG):
        run(wifi_with(serve(config_answer(b"{}")), tmp_path).config())
        with pytest.raises(TedapiWrongPassword):
            run(wifi_with(serve(refused), tmp_path).config())
    basic = base64.b64encode(f"Tesla_Energy_Device:{PASSWORD}".encode()).decode()
    pem = key_file.read_text().splitlines()[1]
    for secret in (PASSWORD, basic, pem):
        assert secret not in caplog.text


def test_one_request_at_a_time_per_gateway(tmp_path: Path) -> None:
    in_flight, peak = 0, 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.02)
        in_flight -= 1
        if request.url.path == "/tedapi/din":
            return httpx.Response(200, text=DIN)
        return answer(config_answer(b"{}"))

    tedapi = wifi_with(handler, tmp_path)  # type: ignore[arg-type]

    async def many() -> None:
        await tedapi.din()
        await asyncio.gather(*(tedapi.config() for _ in range(6)))

    run(many())
    assert peak == 1


def test_bearer_and_v1r_of_one_gateway_share_their_turns_and_pause(key_file: Path, tmp_path: Path) -> None:
    from pwkit.client.tedapi_transport import Bearer

    gateway = Gateway("https://127.0.0.1:9", password="x", options=ConnectionOptions(state_dir=tmp_path))
    assert Bearer(gateway).manners is V1r(gateway, load_key(key_file)).manners


# ------------------------------------------------------------------ the pairing state machine
class FakeRoute:
    """A key list whose states a test scripts: one state per poll."""

    name = "fake"

    def __init__(self, public_key: bytes, states: list[int | None]) -> None:
        self.public_key = public_key
        self.states = states
        self.polls = 0

    async def list(self) -> list[object]:
        from pwkit.client.tedapi import AuthorizedKey

        state = self.states[min(self.polls, len(self.states) - 1)]
        self.polls += 1
        return [] if state is None else [AuthorizedKey(self.public_key, "pwkit", state, 1, 1)]


@pytest.mark.parametrize(
    ("states", "final", "polls"),
    [
        ([1, 1, 3], 3, 3),  # verified after the switch
        ([1, 2], 2, 2),  # timed out: terminal
        ([1, 4], 4, 2),  # removed meanwhile
        ([1, None], None, 2),  # no longer listed
        ([1], 1, 62),  # never verified: stops a poll after the window (600 s, every 10 s)
    ],
)
def test_waiting_for_verification_stops_at_each_terminal_state(
    states: list[int | None], final: int | None, polls: int
) -> None:
    from pwkit.client.tedapi_pairing import Tick, wait_for_verification

    clock = ManualClock()
    route = FakeRoute(b"k", states)
    ticks: list[Tick] = []

    async def go() -> int | None:
        task = asyncio.ensure_future(
            wait_for_verification(route, b"k", clock=clock, registered_at=0.0, on_tick=ticks.append)  # type: ignore[arg-type]
        )
        while not task.done():
            await clock.advance(10)
        return task.result()

    assert run(go()) == final
    assert route.polls == polls
    assert ticks[0].remaining == 600 and all(a.remaining >= b.remaining for a, b in itertools.pairwise(ticks))


def test_every_state_names_its_next_step() -> None:
    from pwkit.client.tedapi_pairing import next_step, state_name

    assert "15 s" in next_step(1) and "register the same key again" in next_step(2)
    assert "verified" in next_step(3) and "register it again" in next_step(4) and "pwkit pair" in next_step(None)
    assert state_name(2) == "PENDING_VERIFICATION_TIMEOUT" and "UNKNOWN" in state_name(9) and "--list" in next_step(9)


# ------------------------------------------------------------------ public captures, re-encoded
RECORDINGS = sorted((Path(__file__).parent.parent / "spec" / "recordings" / "tedapi").glob("*.json"))


@pytest.mark.parametrize("recording", RECORDINGS, ids=lambda p: p.stem)
def test_every_public_capture_reads_back_through_the_client(recording: Path, tmp_path: Path) -> None:
    """Each decoded capture in spec/recordings/tedapi/, re-encoded as a gateway's answer (no real gateway's
    wire bytes are published), is read by the client to the same JSON and passes the spec's schema."""
    import json

    document = json.loads(recording.read_text())
    body = document["response"]["json"]
    text = json.dumps(body)
    kind = document["answer"]
    if kind == "firmware":  # a protobuf answer, not JSON: the client's check of its decoded form must pass
        tedapi_schemas.check(kind, body, "https://gw", "firmware")
        return
    tedapi = wifi_with(serve(config_answer(text.encode()) if kind == "config" else query_answer(1, text)), tmp_path)
    got = run(tedapi.config() if kind == "config" else tedapi.query(kind))
    assert got.data == body  # type: ignore[attr-defined]
    assert got.model().to_dict() == body  # type: ignore[attr-defined]  # the typed model keeps everything


# ------------------------------------------------------------------ pwkit pair's own refusals (no gateway needed)
def pair_cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    from click.testing import CliRunner

    from pwkit.cli import main

    clean = {k: "" for k in os.environ if k.startswith("PWKIT_")}
    result = CliRunner().invoke(main, ["pair", *args], env={**clean, **(env or {})})
    return result.exit_code, result.output


def test_pair_with_an_unreadable_sticker_password_file_says_so(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    code, out = pair_cli(
        "https://127.0.0.1:9", "--wifi", "--sticker-password-file", str(missing), "--state-dir", str(tmp_path)
    )
    assert code == 2 and "--sticker-password-file" in out and "cannot read" in out
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00")
    code, out = pair_cli(
        "https://127.0.0.1:9", "--wifi", "--sticker-password-file", str(binary), "--state-dir", str(tmp_path)
    )
    assert code == 2 and "not UTF-8" in out


def test_pair_refuses_a_key_file_others_can_read(key_file: Path, tmp_path: Path) -> None:
    loose = tmp_path / "loose.pem"
    loose.write_bytes(key_file.read_bytes())
    os.chmod(loose, 0o640)
    code, out = pair_cli(
        "https://127.0.0.1:9",
        "--wifi",
        "--key",
        str(loose),
        "--state-dir",
        str(tmp_path),
        env={"PWKIT_STICKER_PASSWORD": PASSWORD},
    )
    assert code == 1 and f"chmod 600 {loose}" in out and PASSWORD not in out


def test_pair_without_a_route_names_both(tmp_path: Path) -> None:
    code, out = pair_cli("https://127.0.0.1:9", "--state-dir", str(tmp_path))
    assert code == 2 and "--fleet-client-id" in out and "--wifi" in out


def test_pair_over_an_unreachable_access_point_says_since_25_10(tmp_path: Path) -> None:
    code, out = pair_cli(
        "https://127.0.0.1:9",
        "--wifi",
        "--state-dir",
        str(tmp_path),
        "--list",
        env={"PWKIT_STICKER_PASSWORD": PASSWORD},
    )
    assert code == 1 and "25.10" in out and PASSWORD not in out


def test_a_refused_firmware_request_is_tedapi_refused_and_another_answer_malformed() -> None:
    from pwkit.client.tedapi import firmware_result
    from tedapi_client import energy_device_pb2

    refusal = energy_device_pb2.MessageEnvelope()
    refusal.common.errorResponse.status.code = 7
    refusal.common.errorResponse.status.message = "not now"
    with pytest.raises(TedapiRefused, match=r"firmware: the gateway refused it: not now \(code 7\)"):
        firmware_result(refusal.SerializeToString(), "https://gw", "firmware")
    with pytest.raises(MalformedAnswer, match="no firmware information"):
        firmware_result(energy_device_pb2.MessageEnvelope().SerializeToString(), "https://gw", "firmware")
