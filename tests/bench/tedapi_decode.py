"""TEDAPI answer decode per answer: our client's decode path against ``MessageToDict`` then ``json.loads`` of the
payload (the baseline) and against pypowerwall's own decode path (the installed release, unmodified), same run.

Each recorded TEDAPI answer (``spec/recordings/tedapi/``: config.json, DeviceController, components, firmware) is
put on the wire as the gateway's Wi-Fi answer (``Message{envelope, tail}``, the envelope's header as the simulator
writes it), gzip as firmware 25.42.2+ sends it on the access point, and as it was before (plain). Every decoder
gets those bytes and ends with the decoded data: the checks against a schema are apart
(``tests.bench.tedapi_check``). Each decoder runs in turns (rounds of ``NUMBER`` decodes, interleaved) and is timed
in this process's CPU time, so that other work on a shared machine moves all three alike; the figure is each one's
fastest round. The three must decode the same data, asserted before timing.

Issue 28's goal (5× the baseline) is not met on these answers: they are small (0.6–1.1 KB of JSON), so the JSON
parse every decoder must do is about half of ours (the row's "JSON"), and gzip adds the same inflate to all.
The row's "floor" is what no decoder can skip: our inflate (``tedapi_wire.body``) plus our JSON parse, with no
protobuf at all; "ceiling" is the baseline over that floor, the most any decoder using these two could reach.
"""

from __future__ import annotations

import base64
import gzip
import json
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

from google.protobuf import json_format
from google.protobuf.internal import api_implementation

from pwkit.client import tedapi
from pwkit.client import tedapi_wire as wire
from pwkit.codegen import tedapi_recordings
from tedapi_client import common_pb2, energy_device_pb2, legacy_pb2

NUMBER, ROUNDS = 100, 30
GATEWAY, DIN = "https://192.168.91.1", "1707000-11-J--TG12xxxxxxxxxx"


# ------------------------------------------------------------------ the answers, on the wire
def envelope(din: str) -> energy_device_pb2.MessageEnvelope:
    """An answer's header as the simulator writes it: the channel, the answering device, who asked."""
    answer = energy_device_pb2.MessageEnvelope()
    answer.deliveryChannel = common_pb2.DELIVERY_CHANNEL_LOCAL_HTTPS
    answer.sender.din = din
    answer.recipient.local = common_pb2.LOCAL_PARTICIPANT_INSTALLER
    return answer


def answer_bytes(recording: tedapi_recordings.TedapiRecording) -> bytes:
    """The recording's answer as the gateway's answering envelope (bytes), before the Wi-Fi wrapper."""
    body = recording.body
    if recording.kind == "query":
        answer = envelope(DIN)
        answer.graphql.queryResponse.status = 1
        answer.graphql.queryResponse.data = json.dumps(body, separators=(",", ":"))
        return answer.SerializeToString()
    if recording.kind == "config":
        answer = envelope(DIN)
        read = answer.filestore.readFileResponse
        read.file.name = wire.CONFIG_FILE
        read.file.blob = json.dumps(body, sort_keys=True).encode()
        read.hash = bytes(range(32))
        return answer.SerializeToString()
    system = body["system"]
    legacy = legacy_pb2.MessageEnvelope()
    legacy.deliveryChannel = common_pb2.DELIVERY_CHANNEL_LOCAL_HTTPS
    legacy.sender.din = system["din"]
    legacy.recipient.local = common_pb2.LOCAL_PARTICIPANT_INSTALLER
    payload = legacy.firmware.system
    payload.gateway.partNumber = system["gateway"]["partNumber"]
    payload.gateway.serialNumber = system["gateway"]["serialNumber"]
    payload.din = system["din"]
    payload.version.text = system["version"]["text"]
    payload.version.githash = bytes.fromhex(system["version"]["githash"])
    payload.deviceType = int(system["deviceType"])
    return legacy.SerializeToString()


def wifi_answer(envelope_bytes: bytes, *, gzipped: bool) -> bytes:
    """``Message{message = envelope, tail{value = 1}}``, gzip as 25.42.2+ on the access point."""
    content = wire.legacy_message(envelope_bytes)
    return gzip.compress(content, mtime=0) if gzipped else content


# ------------------------------------------------------------------ the three decoders
def ours(kind: str, content: bytes) -> Callable[[], Any]:
    """Our client's path, in the functions it runs: the transport's (`body`, `outer_payload`), then the answer's."""

    def query() -> Any:
        envelope = wire.outer_payload(wire.body(content, GATEWAY, "q"), GATEWAY, "q")
        _, text, _ = tedapi.query_result(tedapi.energy_answer(envelope, GATEWAY, "q"), GATEWAY, "q")
        return wire.json_text(text, GATEWAY, "q")

    def config() -> Any:
        envelope = wire.outer_payload(wire.body(content, GATEWAY, "c"), GATEWAY, "c")
        stored = tedapi.file_result(tedapi.energy_answer(envelope, GATEWAY, "c"), GATEWAY, "c", wire.CONFIG_FILE)
        return tedapi.config_file(stored, GATEWAY).data

    def firmware() -> Any:
        envelope = wire.outer_payload(wire.body(content, GATEWAY, "f"), GATEWAY, "f")
        return tedapi.firmware_result(envelope, GATEWAY, "f").as_dict()

    return {"query": query, "config": config, "firmware": firmware}[kind]


def message_to_dict(kind: str, content: bytes) -> Callable[[], Any]:
    """The baseline: the whole answer through ``MessageToDict``, then ``json.loads`` of the payload text."""

    def decode() -> Any:
        data = gzip.decompress(content) if content.startswith(wire.GZIP_MAGIC) else content
        message = json_format.MessageToDict(legacy_pb2.Message.FromString(data))["message"]
        if kind == "query":
            return json.loads(message["payload"]["recv"]["text"])
        if kind == "config":
            return json.loads(message["config"]["recv"]["file"]["text"])
        system = message["firmware"]["system"]
        return {
            "system": {
                "din": system["din"],
                "gateway": system["gateway"],
                "version": {
                    "text": system["version"]["text"],
                    "githash": base64.b64decode(system["version"]["githash"]).hex(),
                },
                "deviceType": str(system["deviceType"]),
            }
        }

    return decode


def pypowerwall(kind: str, content: bytes) -> Callable[[], Any]:
    """pypowerwall's TEDAPI on the Wi-Fi (basic) transport: its `_post_tedapi` ends with `decompress_response`,
    then get_config/get_status parse with `_parse_legacy_response` and `_decode_json`, the firmware with
    `_parse_system_info` (what `get_firmware_version(details=True)` returns). No connection: only that path."""
    from pypowerwall.tedapi import TEDAPI, decompress_response
    from pypowerwall.tedapi.api_version import TEDAPIApiVersion
    from pypowerwall.tedapi.auth_mode import AuthMode

    tedapi = object.__new__(TEDAPI)
    tedapi.v1r = False
    tedapi.auth_mode = AuthMode.BASIC
    tedapi.tedapi_api_version = TEDAPIApiVersion.V2024_06

    def decode() -> Any:
        response = decompress_response(content)
        if kind == "firmware":
            return tedapi._parse_system_info(response).to_details_dict()
        return tedapi._decode_json(tedapi._parse_legacy_response(response, config=kind == "config"))

    return decode


def payload_text(kind: str, content: bytes) -> str:
    message = legacy_pb2.Message.FromString(
        gzip.decompress(content) if content.startswith(wire.GZIP_MAGIC) else content
    )
    return message.message.payload.recv.text if kind == "query" else message.message.config.recv.file.text


def same_data(kind: str, decoded: dict[str, Any]) -> Any:
    """What all three must agree on: the whole JSON; for the firmware, the spec's shape (pypowerwall adds more)."""
    if kind != "firmware":
        return decoded
    system = decoded["system"]
    return {
        "system": {
            "din": system["din"],
            "gateway": {k: system["gateway"][k] for k in ("partNumber", "serialNumber")},
            "version": {k: system["version"][k] for k in ("text", "githash")},
            "deviceType": device_type(system["deviceType"]),
        }
    }


def device_type(value: str | int) -> str:
    """pypowerwall names the device type (``DEVICE_TYPE_SITECONTROLLER``), the spec writes its number as text."""
    if isinstance(value, str) and not value.isdigit():
        from pypowerwall.tedapi.enums import DeviceType

        return str(int(DeviceType[value]))
    return str(value)


def run() -> dict[str, Any]:
    rows = []
    for recording in tedapi_recordings.load_dir(tedapi_recordings.RECORDINGS):
        envelope_bytes = answer_bytes(recording)
        for gzipped in (False, True):
            content = wifi_answer(envelope_bytes, gzipped=gzipped)
            decoders: dict[str, Callable[[], Any]] = {
                "ours": ours(recording.kind, content),
                "message_to_dict": message_to_dict(recording.kind, content),
                "pypowerwall": pypowerwall(recording.kind, content),
            }
            for name, decoder in decoders.items():
                got = same_data(recording.kind, decoder())
                assert got == recording.body, f"{recording.file}: {name} decoded other data"
            if recording.kind != "firmware":
                # Not a decoder: our JSON parse alone, to say how much of "ours" every decoder must also spend.
                text = payload_text(recording.kind, content)
                decoders["json_only"] = lambda t=text: wire.json_text(t, GATEWAY, "j")
                decoders["inflate_only"] = lambda c=content: wire.body(c, GATEWAY, "i")
            best = {name: float("inf") for name in decoders}
            for _ in range(ROUNDS):
                for name, decoder in decoders.items():
                    took = timeit.Timer(decoder, timer=time.process_time).timeit(NUMBER) / NUMBER
                    best[name] = min(best[name], took)
            rows.append(
                {
                    "recording": Path(recording.file or recording.name).name,
                    "kind": recording.answer,
                    "gzip": gzipped,
                    "bytes": len(content),
                    **{f"{name}_us": round(best[name] * 1e6, 2) for name in decoders},
                    "json_us": round(best["json_only"] * 1e6, 2) if "json_only" in best else 0.0,
                    "floor_us": round((best["json_only"] + best["inflate_only"]) * 1e6, 2)
                    if "json_only" in best
                    else 0.0,
                    "ceiling": best["message_to_dict"] / (best["json_only"] + best["inflate_only"])
                    if "json_only" in best
                    else 0.0,
                    "speedup": best["message_to_dict"] / best["ours"],
                    "speedup_vs_pypowerwall": best["pypowerwall"] / best["ours"],
                }
            )
    return {"protobuf_backend": api_implementation.Type(), "rows": rows}


def summary(result: dict[str, Any]) -> str:
    """Per kind of answer, the slowest ratio over its recordings and both encodings (plain, gzip)."""
    kinds: dict[str, list[dict[str, Any]]] = {}
    for row in result["rows"]:
        kinds.setdefault(row["kind"], []).append(row)
    parts = []
    for kind, rows in kinds.items():
        low = min(rows, key=lambda r: r["speedup"])
        parts.append(
            f"{kind} ({len(rows) // 2} recorded): {min(r['ours_us'] for r in rows):.0f}–"
            f"{max(r['ours_us'] for r in rows):.0f} µs"
            + (
                f" (JSON parse {min(r['json_us'] for r in rows):.0f}–{max(r['json_us'] for r in rows):.0f}; "
                f"inflate + JSON, no protobuf, caps any decoder at {min(r['ceiling'] for r in rows):.1f}–"
                f"{max(r['ceiling'] for r in rows):.1f}×)"
                if kind != "firmware"
                else ""
            )
            + f", at least {low['speedup']:.1f}× faster than MessageToDict + "
            f"json.loads and {min(r['speedup_vs_pypowerwall'] for r in rows):.1f}× pypowerwall"
        )
    return "; ".join(parts) + f"; {result['protobuf_backend']} backend"


def main() -> None:
    result = run()
    for row in result["rows"]:
        print(
            f"{row['recording']:46} {'gzip ' if row['gzip'] else 'plain'} {row['bytes']:5} B  ours "
            f"{row['ours_us']:5.1f} µs (JSON {row['json_us']:4.1f}, floor {row['floor_us']:4.1f})  MessageToDict+json "
            f"{row['message_to_dict_us']:5.1f} "
            f"µs ({row['speedup']:3.1f}×)  pypowerwall {row['pypowerwall_us']:5.1f} µs "
            f"({row['speedup_vs_pypowerwall']:3.1f}×)" + (f"  ceiling {row['ceiling']:3.1f}×" if row["ceiling"] else "")
        )
    print(summary(result))


if __name__ == "__main__":
    main()
