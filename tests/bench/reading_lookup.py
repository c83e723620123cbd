"""The reading lookup: the generated index against the scan of every pattern it replaced, same run.

The topics are every value topic of generated/TOPICS.md and of the repository's recorded answers (those of
tests/test_reading_index.py); the scan is rebuilt here from the table (literal topics first, then each
reading's pattern in order), without a cache, as each uncached call paid it. Process CPU time, best of 5.

    .venv/bin/python -m tests.bench.reading_lookup
"""

from __future__ import annotations

import json
import re
import time
import timeit

from powerwall_client import pwkit_readings

from ..test_reading_index import TOPICS


def run() -> dict[str, float]:
    literal = {r.topic: r for r in pwkit_readings.READINGS if "<" not in r.topic}
    patterns = [
        (re.compile("^" + re.sub(r"<[^>]+>", "[^/]+", re.escape(r.topic)) + "$"), r) for r in pwkit_readings.READINGS
    ]
    described = [t for t in TOPICS if pwkit_readings.find(t) is not None]

    def scan(topics: list[str]) -> None:
        for topic in topics:
            if topic not in literal:
                next((r for pattern, r in patterns if pattern.match(topic)), None)

    def index(topics: list[str]) -> None:
        for topic in topics:
            pwkit_readings.find(topic)

    out: dict[str, float] = {"readings": len(pwkit_readings.READINGS)}
    for name, topics in (("described", described), ("all", TOPICS)):
        best = {}
        for how, f in (("scan", scan), ("index", index)):
            timer = timeit.Timer(lambda f=f, topics=topics: f(topics), timer=time.process_time)
            best[how] = min(timer.repeat(5, 1)) / len(topics) * 1e6
        out[f"{name}_topics"] = len(topics)
        out[f"{name}_scan_us"] = best["scan"]
        out[f"{name}_index_us"] = best["index"]
        out[f"{name}_ratio"] = best["scan"] / best["index"]
    return out


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
