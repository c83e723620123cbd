"""What an HTTP/2 connection keeps per request it has made: h2's record of closed streams, driven fast.

The bridge polls each gateway over one long-lived HTTP/2 connection (fast poll 1 s: about four requests a
second, for days). h2 remembers how each closed stream was closed, up to ``H2Connection.MAX_CLOSED_STREAMS``
per connection (65,536 by default). This drives an h2 client against an h2 server in memory, one GET at a
time as httpcore makes them (``open_outbound_streams`` before each new stream), and prints at checkpoints
how many closed streams the client keeps and Python's traced heap for the client's h2 state:

    .venv/bin/python -m tests.bench.h2_streams --requests 100000              # with pwkit's limit
    .venv/bin/python -m tests.bench.h2_streams --requests 100000 --h2-default # h2's own 65,536
"""

from __future__ import annotations

import argparse
import time
import tracemalloc

import h2.config
import h2.connection
import h2.events

H2_DEFAULT = h2.connection.H2Connection.MAX_CLOSED_STREAMS  # read before pwkit's client is imported
REQUEST = [(":method", "GET"), (":path", "/api/system_status/soe"), (":scheme", "https"), (":authority", "gw")]
ANSWER = [(":status", "200"), ("content-type", "application/json")]


def pair() -> tuple[h2.connection.H2Connection, h2.connection.H2Connection]:
    client = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True))
    server = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False))
    server._closed_streams._size_limit = 10  # the server's own record is not what is measured
    client.initiate_connection()
    server.initiate_connection()
    server.receive_data(client.data_to_send())
    client.receive_data(server.data_to_send())
    server.receive_data(client.data_to_send())
    return client, server


def one_request(client: h2.connection.H2Connection, server: h2.connection.H2Connection) -> None:
    _ = client.open_outbound_streams  # httpcore asks before each new stream; h2 moves closed streams to its record
    stream_id = client.get_next_available_stream_id()
    client.send_headers(stream_id, REQUEST, end_stream=True)
    for event in server.receive_data(client.data_to_send()):
        if isinstance(event, h2.events.RequestReceived):
            server.send_headers(event.stream_id, ANSWER)
            server.send_data(event.stream_id, b'{"percentage": 50}', end_stream=True)
    for event in client.receive_data(server.data_to_send()):
        if isinstance(event, h2.events.DataReceived):
            client.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
    server.receive_data(client.data_to_send())


def run(requests: int, marks: list[int]) -> list[str]:
    """Lines of (requests, closed streams kept, traced MiB) at each mark."""
    client, server = pair()
    tracemalloc.start(1)
    base = tracemalloc.get_traced_memory()[0]
    lines = []
    for n in range(1, requests + 1):
        one_request(client, server)
        if n in marks or n == requests:
            traced = (tracemalloc.get_traced_memory()[0] - base) / 2**20
            lines.append(f"{n:8d} requests: {len(client._closed_streams):6d} closed streams kept, {traced:6.2f} MiB")
            print(lines[-1], flush=True)
    tracemalloc.stop()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--h2-default", action="store_true", help="h2's own limit, not pwkit's")
    args = parser.parse_args()
    if not args.h2_default:
        import pwkit.client.connection  # noqa: F401  (sets pwkit's limit)
    print(f"h2 keeps at most {h2.connection.H2Connection.MAX_CLOSED_STREAMS} closed streams per connection")
    started = time.monotonic()
    run(args.requests, [1_000, 1_366, 2_731, 5_462, 10_923, 21_846, 43_691, 65_536, 80_000])
    print(f"{time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
