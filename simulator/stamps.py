"""When the last byte of each stamped answer left the simulator, for the freshness bench.

An override with ``stamp`` writes ``time.monotonic()`` into a served value as the answer is built. That is not
when the answer leaves: hypercorn's HTTP/2 send task writes the body only after the event loop has run the
other requests that woke with it (the bridge's fast group asks three paths at once), and the stream ends with a
frame of its own after it. Measured (a trace of ``tests.bench.bridge_bench.freshness``): the stamp came 1.5 to
3 ms before the body was written, up to 8 ms under load; time the simulator spends, not the bridge.

So the socket writes are watched while stamps are pending: the write that ends the stamped answer's stream
(HTTP/2: END_STREAM on its stream; HTTP/1.1: the write holding the body, which is the last) records the
monotonic time as it is handed to the socket. ``written`` maps the stamp's text, as served, to that time.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Any

KEPT = 10_000  # stamps remembered; a bench reads them at its end
PENDING_KEPT = 100  # stamps of answers never written (a dropped connection) are not watched for ever
_pending: OrderedDict[bytes, None] = OrderedDict()
written: OrderedDict[str, float] = OrderedDict()
_installed = False

DATA, HEADERS, END_STREAM = 0x0, 0x1, 0x1


def stamped(text: str) -> None:
    """A stamp was served in an answer's body as ``text``; its last byte is watched for."""
    _pending[text.encode()] = None
    while len(_pending) > PENDING_KEPT:
        _pending.popitem(last=False)


def _ends(data: bytes, streams: dict[int, bytes]) -> list[bytes]:
    """The stamps whose answer this write ends. ``streams``: this connection's stamped streams → stamp."""
    found = [p for p in _pending if p in data]
    ended: list[bytes] = []
    offset = 0
    framed = not data.startswith(b"HTTP/") and len(data) >= 9
    while framed and offset + 9 <= len(data):
        length = int.from_bytes(data[offset : offset + 3], "big")
        kind, flags = data[offset + 3], data[offset + 4]
        stream = int.from_bytes(data[offset + 5 : offset + 9], "big") & 0x7FFFFFFF
        payload = data[offset + 9 : offset + 9 + length]
        if offset + 9 + length > len(data) or kind > 0xA:
            framed = False  # not HTTP/2 frames: an HTTP/1.1 answer
            break
        if kind == DATA:
            for p in found:
                if p in payload:
                    streams[stream] = p
        if kind in (DATA, HEADERS) and flags & END_STREAM and stream in streams:
            ended.append(streams.pop(stream))
        offset += 9 + length
    if not framed:
        ended = found  # HTTP/1.1: the body is the answer's last write
    return ended


def install() -> None:
    """Wrap hypercorn's socket write once, before serving: a connection binds the method when it opens.
    Without a stamp pending it costs one test per write."""
    global _installed
    if _installed:
        return
    _installed = True
    try:
        from hypercorn.asyncio.tcp_server import TCPServer
        from hypercorn.events import RawData

        original = TCPServer.protocol_send
    except (ImportError, AttributeError):  # another hypercorn: the simulator serves on, only the stamps go
        return

    async def protocol_send(self: Any, event: Any) -> None:
        if _pending and isinstance(event, RawData):
            streams = self.__dict__.setdefault("_pwkit_stamped_streams", {})
            ended = _ends(bytes(event.data), streams)
            if ended:
                # Taken as the bytes are handed to the write, not after it: the write's drain may yield, and a
                # late time would be counted in the client's favour (seen: 2 ms after the client held them).
                now = time.monotonic()
                for stamp in ended:
                    _pending.pop(stamp, None)
                    written[stamp.decode()] = now
                while len(written) > KEPT:
                    written.popitem(last=False)
        await original(self, event)

    TCPServer.protocol_send = protocol_send  # type: ignore[method-assign]
