"""The cyclic garbage collector's thresholds for the bridge process.

CPython (3.11, 3.12) runs a young collection every 700 net allocations, and scans the whole heap once
the objects promoted since the last full scan reach a quarter of it. A bridge polling many gateways
allocates fast, and much of what it allocates lives a few hundred milliseconds: publications held until
the broker's PUBACK, requests awaiting an answer. Those outlive two young collections, are promoted to the
oldest generation and die there, so at a thousand gateways the bridge scanned its whole heap (650 MiB)
about once a second, 0.2 to 0.36 s each time: 21 to 42 % of its CPU (``gc.callbacks``), 89 to 95 % of a
core in all, with the event loop stalled and 46 to 67 % of the fast cycles late.

With a young generation of 20,000 net allocations, such objects are freed by their reference count
before any collection sees them: the same bridge spent 0 to 4 % of its CPU collecting, 53 % of a core in
all, with no cycle late (``python -m tests.bench.gateways 1000``; BENCHMARKS.md). Garbage made of
reference cycles still goes at the next young collection, at most 20,000 net allocations away, a few MiB.
"""

from __future__ import annotations

import gc

THRESHOLDS = (20_000, 20, 10)  # young generation, middle (young collections), oldest (middle collections)


def tune_collector() -> None:
    """Set :data:`THRESHOLDS` for this process: the bridge command's, never a library caller's."""
    gc.set_threshold(*THRESHOLDS)


def collector_stats() -> dict[str, object]:
    """The thresholds in force and the collections so far per generation, for the bridge's stats report."""
    return {
        "thresholds": list(gc.get_threshold()),
        "collections": [generation["collections"] for generation in gc.get_stats()],
    }
