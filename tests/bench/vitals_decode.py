"""Vitals decode per payload: our flattening decoder against the upb `MessageToDict` baseline and against
pypowerwall's own decode path (`PyPowerwallLocal.vitals`, the installed release, unmodified), same run.

Each decoder runs in turns (rounds of 20 decodes, interleaved) and is timed in this process's CPU time, so that
other work on a shared machine moves all three alike; the figure is each one's fastest round.
"""

from __future__ import annotations

import json
import time
import timeit
from collections.abc import Callable
from typing import Any

from google.protobuf import json_format
from google.protobuf.internal import api_implementation

from powerwall_client import tesla_pb2
from pwkit.client.vitals import decode_flat
from pwkit.codegen import paths
from pwkit.codegen.recordings import load_dir

NUMBER, ROUNDS = 20, 60


def pypowerwall_decoder(payload: bytes) -> Callable[[], Any]:
    """pypowerwall's local-mode vitals(): its own protobuf module and loop, fed our payload instead of a poll."""
    from pypowerwall.local.pypowerwall_local import PyPowerwallLocal

    local = object.__new__(PyPowerwallLocal)  # no connection: only the decode path runs
    local.tedapi = None
    local.poll = lambda *args, **kwargs: payload  # type: ignore[method-assign]
    return local.vitals  # type: ignore[no-any-return]


def run() -> dict[str, object]:
    payload = next(r for r in load_dir(paths.RECORDINGS / "misc") if r.path == "/api/devices/vitals").body
    decoders: dict[str, Callable[[], Any]] = {
        "decode_flat": lambda: decode_flat(payload),
        "message_to_dict": lambda: json_format.MessageToDict(tesla_pb2.DevicesWithVitals.FromString(payload)),
        "pypowerwall": pypowerwall_decoder(payload),
    }
    devices = decoders["pypowerwall"]()
    assert set(devices) == set(decode_flat(payload)), "pypowerwall decoded other devices"
    rounds: dict[str, list[float]] = {name: [] for name in decoders}
    for _ in range(ROUNDS):
        for name, decoder in decoders.items():
            rounds[name].append(timeit.Timer(decoder, timer=time.process_time).timeit(NUMBER) / NUMBER)
    best = {name: min(times) for name, times in rounds.items()}
    return {
        "payload_bytes": len(payload),
        "protobuf_backend": api_implementation.Type(),
        "decode_flat_us": best["decode_flat"] * 1e6,
        "message_to_dict_us": best["message_to_dict"] * 1e6,
        "pypowerwall_us": best["pypowerwall"] * 1e6,
        "speedup": best["message_to_dict"] / best["decode_flat"],
        "speedup_vs_pypowerwall": best["pypowerwall"] / best["decode_flat"],
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
