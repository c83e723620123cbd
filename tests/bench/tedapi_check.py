"""The TEDAPI answer check per answer: the compiled check the client runs on every poll
(`pwkit.client.tedapi_schemas.valid`) against jsonschema's Draft 2020-12 validator, on each recording, same run.

Timed in this process's CPU time, in interleaved rounds, fastest round kept (as `vitals_decode`), so that
other work on a shared machine moves both alike. ``python -m tests.bench.tedapi_check``.
"""

from __future__ import annotations

import time
import timeit
from typing import Any

import jsonschema

from pwkit.client import tedapi_schemas
from pwkit.codegen import tedapi_recordings
from tedapi_client import schemas

NUMBER, ROUNDS = 10, 20


def run() -> list[dict[str, Any]]:
    rows = []
    for recording in tedapi_recordings.load_dir(tedapi_recordings.RECORDINGS):
        schema = schemas.schema(recording.answer)
        if schema is None:
            continue
        reference = jsonschema.Draft202012Validator(schema)
        body, kind = recording.body, recording.answer
        tedapi_schemas.valid(kind, body)  # compiled once, as the client does at its first answer
        checks = {
            "jsonschema": lambda v=reference, b=body: jsonschema.exceptions.best_match(v.iter_errors(b)),
            "compiled": lambda k=kind, b=body: tedapi_schemas.valid(k, b),
        }
        best = {name: float("inf") for name in checks}
        for _ in range(ROUNDS):
            for name, check in checks.items():
                took = min(timeit.repeat(check, number=NUMBER, repeat=1, timer=time.process_time))
                best[name] = min(best[name], took / NUMBER)
        rows.append(
            {
                "recording": recording.file or recording.name,
                "jsonschema_us": round(best["jsonschema"] * 1e6),
                "compiled_us": round(best["compiled"] * 1e6, 1),
                "ratio": round(best["jsonschema"] / best["compiled"], 1),
            }
        )
    return rows


def main() -> None:
    for row in run():
        print(
            f"{row['recording']:55} jsonschema {row['jsonschema_us']:6} µs  compiled {row['compiled_us']:7} µs"
            f"  {row['ratio']:5}×"
        )


if __name__ == "__main__":
    main()
