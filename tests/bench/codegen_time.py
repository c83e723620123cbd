"""`pwkit codegen` wall time: a full regeneration of the client and protobuf module (median of 3)."""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

from pwkit.codegen.generate import render

RUNS = 3


def run() -> dict[str, object]:
    times = []
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            render(Path(tmp) / "generated")
            times.append(time.perf_counter() - started)
    return {"seconds_median": statistics.median(times), "runs": [round(t, 2) for t in times]}


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
