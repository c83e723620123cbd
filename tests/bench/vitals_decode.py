"""Vitals decode per payload: our flattening decoder against the upb `MessageToDict` baseline, same run."""

from __future__ import annotations

import json
import statistics
import timeit

from google.protobuf import json_format
from google.protobuf.internal import api_implementation

from powerwall_client import tesla_pb2
from pwkit.client.vitals import decode_flat
from pwkit.codegen import paths
from pwkit.codegen.recordings import load_dir

NUMBER, REPEAT = 500, 7


def run() -> dict[str, object]:
    payload = next(r for r in load_dir(paths.RECORDINGS / "misc") if r.path == "/api/devices/vitals").body

    def baseline() -> object:
        return json_format.MessageToDict(tesla_pb2.DevicesWithVitals.FromString(payload))

    ours = [t / NUMBER for t in timeit.repeat(lambda: decode_flat(payload), number=NUMBER, repeat=REPEAT)]
    theirs = [t / NUMBER for t in timeit.repeat(baseline, number=NUMBER, repeat=REPEAT)]
    return {
        "payload_bytes": len(payload),
        "protobuf_backend": api_implementation.Type(),
        "decode_flat_us_median": statistics.median(ours) * 1e6,
        "message_to_dict_us_median": statistics.median(theirs) * 1e6,
        "speedup": statistics.median(theirs) / statistics.median(ours),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
