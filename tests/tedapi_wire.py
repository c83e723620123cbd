"""A tiny hand encoder of protobuf wire bytes, from field numbers alone.

The TEDAPI tests build their expected bytes with it, so a round trip through the generated modules is
checked against bytes no protobuf library produced.
"""

from __future__ import annotations

import struct


def varint(value: int) -> bytes:
    if value < 0:
        value += 1 << 64
    out = bytearray()
    while True:
        low, value = value & 0x7F, value >> 7
        out.append(low | (0x80 if value else 0))
        if not value:
            return bytes(out)


def key(number: int, wire_type: int) -> bytes:
    return varint(number << 3 | wire_type)


def vint(number: int, value: int) -> bytes:
    """A varint field (int32, uint32, uint64, bool, enum)."""
    return key(number, 0) + varint(value)


def ld(number: int, *parts: bytes | str) -> bytes:
    """A length-delimited field (string, bytes, message) made of the given parts."""
    body = b"".join(p.encode() if isinstance(p, str) else p for p in parts)
    return key(number, 2) + varint(len(body)) + body


def fixed32(number: int, value: int) -> bytes:
    return key(number, 5) + struct.pack("<I", value)


def double(number: int, value: float) -> bytes:
    return key(number, 1) + struct.pack("<d", value)
