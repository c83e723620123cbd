"""The protobuf wire format, read strictly and written plainly: the simulator's TEDAPI parser.

The simulator is the stand-in for a fuzz target, so it reads TEDAPI requests at
the wire level with its own small reader instead of trusting a generated
parser's leniency: every malformed input (a truncated varint, a length past the
end, a group wire type, nesting too deep) raises :class:`WireError` with a
sentence saying what is wrong and where, never anything else. Field numbers
come from ``shared/FACTS.md`` ("TEDAPI and Powerwall 3"), the public field
numbers of pypowerwall's ``protobuf/V2024_06`` and Matthew1471/Tesla-API.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from dataclasses import dataclass, field

VARINT, FIXED64, LEN, FIXED32 = 0, 1, 2, 5
MAX_DEPTH = 16


class WireError(ValueError):
    """The bytes are not a protobuf message of the expected shape."""


@dataclass
class Fields:
    """A decoded message: field number → the values in arrival order (int for numbers, bytes for LEN)."""

    values: dict[int, list[int | bytes]] = field(default_factory=dict)
    depth: int = 0

    def has(self, number: int) -> bool:
        return number in self.values

    def last(self, number: int) -> int | bytes | None:
        found = self.values.get(number)
        return found[-1] if found else None

    def number(self, number: int, default: int = 0) -> int:
        value = self.last(number)
        if value is None:
            return default
        if not isinstance(value, int):
            raise WireError(f"field {number} should be a number, got {len(value)} bytes")
        return value

    def raw(self, number: int, default: bytes = b"") -> bytes:
        value = self.last(number)
        if value is None:
            return default
        if not isinstance(value, bytes):
            raise WireError(f"field {number} should be length-delimited, got a number")
        return value

    def text(self, number: int, default: str = "") -> str:
        raw = self.raw(number, default.encode())
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise WireError(f"field {number} should be UTF-8 text: {exc.reason} at byte {exc.start}") from None

    def message(self, number: int) -> Fields | None:
        """The sub-message in field ``number`` (None when absent)."""
        if not self.has(number):
            return None
        return decode(self.raw(number), depth=self.depth + 1)

    def messages(self, number: int) -> list[Fields]:
        out = []
        for value in self.values.get(number, []):
            if not isinstance(value, bytes):
                raise WireError(f"field {number} should be length-delimited, got a number")
            out.append(decode(value, depth=self.depth + 1))
        return out


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if pos >= len(data):
            raise WireError(f"truncated: a varint runs past the end at byte {pos}")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7
        if shift >= 64:
            raise WireError(f"a varint longer than 10 bytes ends at byte {pos}")


def decode(data: bytes, depth: int = 0) -> Fields:
    """Every field of one message; :class:`WireError` for anything that is not the wire format."""
    if depth > MAX_DEPTH:
        raise WireError(f"nested deeper than {MAX_DEPTH} messages")
    fields = Fields(depth=depth)
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        if number == 0:
            raise WireError(f"field number 0 at byte {pos}")
        value: int | bytes
        if wire == VARINT:
            value, pos = _varint(data, pos)
        elif wire == LEN:
            length, pos = _varint(data, pos)
            if pos + length > len(data):
                raise WireError(f"truncated: field {number} says {length} bytes, {len(data) - pos} remain")
            value, pos = data[pos : pos + length], pos + length
        elif wire == FIXED32:
            if pos + 4 > len(data):
                raise WireError(f"truncated: field {number} (fixed32) runs past the end")
            value, pos = struct.unpack_from("<I", data, pos)[0], pos + 4
        elif wire == FIXED64:
            if pos + 8 > len(data):
                raise WireError(f"truncated: field {number} (fixed64) runs past the end")
            value, pos = struct.unpack_from("<Q", data, pos)[0], pos + 8
        else:
            raise WireError(f"unsupported wire type {wire} for field {number}")
        fields.values.setdefault(number, []).append(value)
    return fields


# ------------------------------------------------------------------ writing
def _encode_varint(value: int) -> bytes:
    if value < 0:
        value += 1 << 64
    out = bytearray()
    while True:
        bits = value & 0x7F
        value >>= 7
        if value:
            out.append(bits | 0x80)
        else:
            out.append(bits)
            return bytes(out)


@dataclass(frozen=True)
class Fixed32:
    value: int


Value = int | bool | str | bytes | Fixed32 | list["Value"] | tuple[tuple[int, "Value"], ...] | None


def encode(pairs: Iterable[tuple[int, Value]]) -> bytes:
    """Serialize ``(field, value)`` pairs: int → varint, str/bytes → LEN, a tuple of pairs → a sub-message,
    a list → the field repeated, :class:`Fixed32` → fixed32, None → left out."""
    out = bytearray()
    for number, value in pairs:
        if value is None:
            continue
        if isinstance(value, list):
            out += encode((number, item) for item in value)
        elif isinstance(value, bool | int):
            out += _encode_varint(number << 3 | VARINT) + _encode_varint(int(value))
        elif isinstance(value, Fixed32):
            out += _encode_varint(number << 3 | FIXED32) + struct.pack("<I", value.value)
        else:
            raw = value.encode() if isinstance(value, str) else value if isinstance(value, bytes) else encode(value)
            out += _encode_varint(number << 3 | LEN) + _encode_varint(len(raw)) + raw
    return bytes(out)


def message(*pairs: tuple[int, Value]) -> tuple[tuple[int, Value], ...]:
    """A sub-message for :func:`encode`."""
    return tuple(pairs)
