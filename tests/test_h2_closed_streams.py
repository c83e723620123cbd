"""Memory of a long-lived HTTP/2 connection does not grow with the requests it has carried (issue 28).

The bridge polls each gateway over one HTTP/2 connection for days. h2 kept a record of each of the last
65,536 closed streams of a connection, so the bridge's memory grew with every request, in steps as that
record's table doubled (the real-time soak's 78 → 86 MiB in 30 minutes; tests/bench/h2_streams.py,
tests/bench/soak_trace.py). This drives httpcore's own HTTP/2 connection — the code httpx runs for the
bridge — over an in-memory stream to an h2 server, and holds the memory h2 allocates to a bound.
"""

from __future__ import annotations

import asyncio
import tracemalloc
from typing import Any

import h2.config
import h2.connection
import h2.events
import httpcore

import pwkit.client.connection  # noqa: F401  (what every pwkit connection runs with)


class InMemoryGateway(httpcore.AsyncNetworkStream):
    """An HTTP/2 server answering every GET with a small JSON body, over no network at all."""

    def __init__(self) -> None:
        self.server = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False))
        self.server.initiate_connection()
        self.pending = self.server.data_to_send()

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        for event in self.server.receive_data(buffer):
            if isinstance(event, h2.events.RequestReceived):
                self.server.send_headers(event.stream_id, [(":status", "200"), ("content-type", "application/json")])
                self.server.send_data(event.stream_id, b'{"percentage": 50}', end_stream=True)
        self.pending += self.server.data_to_send()

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        data, self.pending = self.pending[:max_bytes], self.pending[max_bytes:]
        return data

    async def aclose(self) -> None:
        pass

    def get_extra_info(self, info: str) -> Any:
        return None


def h2_bytes(snapshot: tracemalloc.Snapshot) -> int:
    """Bytes allocated by h2's own code (its connection and stream state)."""
    return sum(s.size for s in snapshot.filter_traces([tracemalloc.Filter(True, "*/h2/*")]).statistics("filename"))


def test_a_connection_keeps_no_more_memory_after_thousands_of_requests() -> None:
    async def main() -> tuple[int, int, int]:
        connection = httpcore.AsyncHTTP2Connection(httpcore.Origin(b"https", b"gateway", 443), InMemoryGateway())

        async def get() -> None:
            response = await connection.handle_async_request(
                httpcore.Request("GET", "https://gateway/api/soe", headers=[("Host", "gateway")])
            )
            await response.aread()
            await response.aclose()

        for _ in range(200):  # warm-up: hpack tables, the first streams
            await get()
        before = h2_bytes(tracemalloc.take_snapshot())
        for _ in range(1_500):
            await get()
        after = h2_bytes(tracemalloc.take_snapshot())
        return before, after, len(connection._h2_state._closed_streams)

    tracemalloc.start(1)
    try:
        before, after, kept = asyncio.run(main())
    finally:
        tracemalloc.stop()
    # h2's own default kept all 1,700 closed streams here: 322 KiB more after 1,500 requests, and 7.5 MiB
    # per connection at 65,536 (a day of polling at four requests a second).
    assert after - before < 32 * 1024, f"h2 state grew {(after - before) / 1024:.0f} KiB over 1,500 requests"
    assert kept <= 100
