"""Building TEDAPI requests for tests from the public field numbers (our wire writer, not a client's code)."""

from __future__ import annotations

import asyncio
import base64
import gzip
import math
import time
from typing import Any

import httpx
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from pwkit.simulator import tedapi as tedapi_module
from pwkit.simulator import wire
from pwkit.simulator.tedapi import Tedapi, tlv
from tedapi_client import queries

from .simulators import make_app

STICKER = "SIMULATED-QR-PASSWORD"
BASIC = {"Authorization": "Basic " + base64.b64encode(f"Tesla_Energy_Device:{STICKER}".encode()).decode()}
OCTETS = {"Content-Type": "application/octet-stream"}


def make_tedapi(firmware: str = "pw3-26.x", speed: float = 1e-6) -> Tedapi:
    """An in-process gateway with TEDAPI; simulated time all but frozen unless ``speed`` says otherwise."""
    built = tedapi_module.build(make_app(firmware, speed=speed), STICKER)
    assert built is not None
    return built


def request(
    tedapi: Tedapi, where: str, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=tedapi.listener(where))  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="https://192.168.91.1") as client:
            response = await client.request(method, path, content=body, headers=headers or {})
            await response.aread()
            return response

    return asyncio.run(go())


def envelope(din: str, *payload: tuple[int, wire.Value], sender_local: bool = True) -> bytes:
    """A MessageEnvelope: deliveryChannel 1, sender local (or authorizedClient), recipient din, then the payload."""
    sender = wire.message((3, 1)) if sender_local else wire.message((4, 1))
    return wire.encode([(1, 1 if sender_local else 2), (2, sender), (3, wire.message((1, din))), *payload])


def message(env: bytes) -> bytes:
    return wire.encode([(1, env), (2, wire.message((1, 1)))])


def config_request(din: str) -> bytes:
    return envelope(din, (15, wire.message((1, wire.message((1, 1), (2, "config.json"))))))


def query_request(din: str, name: str, version: str = "V2024_06", variables: str | None = None, **kw: Any) -> bytes:
    q = queries.get(name, version)
    text = kw.get("text", q.text)
    signature = kw.get("signature", q.signature)
    variables_json = variables if variables is not None else q.variables_json
    send = wire.message(
        (1, 2), (2, wire.message((1, 1), (2, text))), (3, signature), (4, wire.message((1, variables_json)))
    )
    return envelope(din, (16, wire.message((1, send))))


def answer_envelope(body: bytes) -> wire.Fields:
    """The MessageEnvelope of a basic answer (Message{message = 1, tail = 2}), gzip or not."""
    outer = wire.decode(gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body)
    inner = outer.message(1)
    assert inner is not None
    return inner


def query_text(env: wire.Fields) -> str:
    recv = env.message(16)
    assert recv is not None
    answer = recv.message(2)
    assert answer is not None
    return answer.text(2)


class Key:
    """An RSA-4096 key a v1r client holds (2048 bits in tests: the same algorithm, faster)."""

    def __init__(self, bits: int = 2048) -> None:
        self.private = rsa.generate_private_key(public_exponent=65537, key_size=bits)
        self.public_der = self.private.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.PKCS1
        )

    def b64(self) -> str:
        return base64.b64encode(self.public_der).decode()

    def routable(self, env: bytes, din: str, expires_at: int | None = None, tamper: bool = False) -> bytes:
        expires = expires_at if expires_at is not None else math.ceil(time.time()) + 12
        signature = self.private.sign(tlv(din, expires) + env, padding.PKCS1v15(), hashes.SHA512())
        if tamper:
            signature = bytes([signature[0] ^ 1]) + signature[1:]
        return wire.encode(
            [
                (6, wire.message((1, 7))),
                (10, env),
                (
                    13,
                    wire.message(
                        (1, wire.message((1, self.public_der))),
                        (7, wire.message((1, wire.Fixed32(expires)), (2, signature))),
                    ),
                ),
                (51, b"0f3c5a1e-test"),
            ]
        )


def v1r(tedapi: Tedapi, key: Key, env: bytes, where: str = "lan", **kw: Any) -> wire.Fields:
    response = request(tedapi, where, "POST", "/tedapi/v1r", key.routable(env, tedapi.din, **kw), OCTETS)
    assert response.status_code == 200, response.text
    return wire.decode(response.content)


def fault(routable: wire.Fields) -> int:
    status = routable.message(12)
    return status.number(1) if status is not None else 0
