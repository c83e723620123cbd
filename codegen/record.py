"""``pwkit record``: every reading of a gateway, recorded one request at a time, masked, in the project's format.

The readings are the spec's GETs without ``x-pwkit-side-effect``. Templated
paths are filled from other answers (meter serials from ``/api/meters``, the
inverter brand from ``/api/solars``). An endpoint that fails is recorded as
its answer; a lockout or a refused login stops the run at once, since going
on would only hammer the gateway.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

from powerwall_client.pwkit_operations import OPERATIONS, OperationInfo
from pwkit.client.connection import Gateway
from pwkit.client.errors import AuthRefused, RateLimited, TlsMismatch, Unreachable
from pwkit.client.vitals import decode_flat, encode_flat

from . import recordings
from .masking import Masker
from .recordings import Recording

# path parameter → (the reading that lists its values, how to pick them out)
FILLERS: dict[str, tuple[str, Callable[[Any], list[str]]]] = {
    "serial": ("/api/meters", lambda body: [str(m["serial"]) for m in body if isinstance(m, dict) and "serial" in m]),
    "brand": ("/api/solars", lambda body: [str(s["brand"]) for s in body if isinstance(s, dict) and "brand" in s]),
}


@dataclass
class RecordResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    stopped: str | None = None
    firmware: str | None = None
    sitemaster: str | None = None


def readings() -> list[OperationInfo]:
    return [op for op in OPERATIONS if op.is_reading]


def _expand(op: OperationInfo, answers: dict[str, Any]) -> tuple[list[str], str | None]:
    names = re.findall(r"\{([^}]+)\}", op.path)
    if not names:
        return [op.path], None
    if len(names) > 1 or names[0] not in FILLERS:
        return [], f"GET {op.path}: no answer lists its {', '.join(names)}"
    source, pick = FILLERS[names[0]]
    if source not in answers:
        return [], f"GET {op.path}: {source} gave no answer to fill {{{names[0]}}} from"
    values = pick(answers[source])
    return [op.path.replace(f"{{{names[0]}}}", quote(v, safe="")) for v in values], None


async def record(
    gateway: Gateway, out: Path, *, pause: float = 1.0, progress: Callable[[str], None] = print
) -> RecordResult:
    """Every reading, one request at a time; the screen shows paths masked as the files are.

    The answers that fill templated paths (``/api/meters``, ``/api/solars``) are fetched first, so the
    number of requests is known before the count starts: ``[n/total]`` only counts up.
    """
    result = RecordResult()
    collected: list[Recording] = []
    answers: dict[str, Any] = {}
    masker = Masker()  # learns as answers arrive: the screen never shows what the files mask
    sources = {source for source, _ in FILLERS.values()}
    plain = [op.path for op in readings() if "{" not in op.path]
    templated = [op for op in readings() if "{" in op.path]
    first = [path for path in plain if path in sources]
    done, total = 0, len(plain) + len(templated)
    held: list[tuple[int, str]] = []  # progress lines kept until the total is known
    counting = False

    async def fetch(path: str) -> None:
        nonlocal done
        done += 1
        started = time.perf_counter()
        response = await gateway.request("GET", path, raw=True)
        took = (time.perf_counter() - started) * 1000
        content_type = response.headers.get("content-type")
        rec = Recording(
            "GET",
            path,
            response.status_code,
            content_type if response.content else None,
            response.content,
            recorded_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            source=f"pwkit record {gateway.url}",
        )
        collected.append(rec)
        if rec.is_json and rec.status == 200:
            answers[path] = rec.json()
            masker.learn([answers[path]])
        elif path == "/api/devices/vitals" and rec.status == 200:
            masker.learn([decode_flat(rec.body)])
        held.append((done, f"GET {masker.path(path)} → {response.status_code} ({took:.0f} ms)"))
        if counting:
            flush()
        await asyncio.sleep(pause)

    def flush() -> None:
        for number, line in held:
            progress(f"[{number}/{total}] {line}")
        held.clear()

    try:
        for path in first:
            await fetch(path)
        expanded: list[str] = []
        for op in templated:
            paths, why = _expand(op, answers)
            expanded += paths
            if why:
                result.skipped.append(why)
        total = len(plain) + len(expanded)
        for why in result.skipped:
            progress(f"skipped: {why}")
        counting = True
        flush()
        for path in [path for path in plain if path not in sources] + expanded:
            await fetch(path)
    except (RateLimited, AuthRefused, TlsMismatch) as exc:
        result.stopped = str(exc)
    except Unreachable as exc:
        result.stopped = f"the gateway stopped answering: {exc}"
    flush()

    status = answers.get("/api/status") or {}
    version = status.get("version") if isinstance(status, dict) else None
    result.firmware = version.split()[0] if isinstance(version, str) and version else None
    sitemaster = answers.get("/api/sitemaster")
    if isinstance(sitemaster, dict) and isinstance(sitemaster.get("running"), bool):
        result.sitemaster = "running" if sitemaster["running"] else "stopped"

    for rec in collected:
        rec = replace(_masked(rec, masker), firmware=result.firmware, sitemaster=result.sitemaster)
        result.written.append(recordings.write(rec, out))
    return result


def _masked(rec: Recording, masker: Masker) -> Recording:
    rec = replace(rec, path=masker.path(rec.path))
    if rec.is_json and rec.body:
        return rec.with_json(masker.body(rec.json()))
    if rec.path == "/api/devices/vitals" and rec.status == 200:
        # Re-encoded from the masked flat map: fields tesla.proto does not know are not kept.
        flat = decode_flat(rec.body)
        return replace(rec, body=encode_flat({masker.text(din): masker.body(v) for din, v in flat.items()}))
    return rec


# ------------------------------------------------------------------- TEDAPI

# One TEDAPI request: (kind, name, variables) → the decoded answer (a dict) or its JSON text as bytes (gzip is
# accepted), or an awaitable of either. kind is "config" (name "config.json"), "query" (name: a query of the
# chosen set) or "firmware". `pwkit record --tedapi` builds one on pwkit.client.tedapi; it must raise on
# failure, with an error that names no secret.
TedapiAnswer = bytes | dict[str, Any]
TedapiTransport = Callable[[str, str, dict[str, Any] | None], TedapiAnswer | Awaitable[TedapiAnswer]]


def tedapi_requests(version: str | None = None) -> list[tuple[str, str, dict[str, Any] | None, str]]:
    """(kind, name, variables, answer) of every TEDAPI answer pwkit has a schema for, in one query set."""
    from tedapi_client import queries

    chosen = version or queries.LATEST
    out: list[tuple[str, str, dict[str, Any] | None, str]] = [
        ("config", "config.json", None, "config"),
        ("firmware", "firmware", None, "firmware"),
    ]
    out += [("query", q.name, q.variables(), q.answers) for q in queries.queries(chosen) if q.answers]
    return out


def _decoded(answer: bytes | dict[str, Any]) -> Any:
    import gzip
    import json

    if isinstance(answer, dict):
        return answer
    raw = bytes(answer)
    if raw[:2] == b"\x1f\x8b":  # gzip answers since firmware 25.42.2
        raw = gzip.decompress(raw)
    return json.loads(raw)


async def record_tedapi(
    transport: TedapiTransport,
    out: Path,
    *,
    version: str | None = None,
    pause: float = 1.0,
    progress: Callable[[str], None] = print,
    source: str = "pwkit record (TEDAPI)",
) -> RecordResult:
    """Every TEDAPI answer with a schema (config, firmware, the set's queries), one at a time, masked.

    A request that fails is reported and skipped (there is no HTTP answer to record); the others go on.
    """
    from tedapi_client import queries

    from .tedapi_recordings import TedapiRecording, mask, write

    chosen = version or queries.LATEST
    result = RecordResult()
    collected: list[TedapiRecording] = []
    plan = tedapi_requests(chosen)
    for number, (kind, name, variables, answer) in enumerate(plan, 1):
        started = time.perf_counter()
        try:
            reply = transport(kind, name, variables)
            if inspect.isawaitable(reply):
                reply = await reply
            body = _decoded(reply)
        except Exception as exc:  # the transport's own errors: recorded as skipped, the run goes on
            result.skipped.append(f"TEDAPI {kind} {name}: {exc}")
            progress(f"[{number}/{len(plan)}] TEDAPI {kind} {name}: failed ({exc})")
        else:
            took = (time.perf_counter() - started) * 1000
            progress(f"[{number}/{len(plan)}] TEDAPI {kind} {name} ({took:.0f} ms)")
            collected.append(
                TedapiRecording(
                    kind=kind,
                    name=name,
                    version=chosen if kind == "query" else None,
                    variables=variables,
                    answer=answer,
                    body=body,
                    recorded_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    source=source,
                )
            )
        if number < len(plan):
            await asyncio.sleep(pause)
    result.firmware = _firmware_version(next((r.body for r in collected if r.kind == "firmware"), None))
    for rec in mask(collected):
        result.written.append(write(replace(rec, firmware=result.firmware), out))
    return result


def _firmware_version(body: Any) -> str | None:
    """``25.10.1`` from a firmware answer's ``system.version.text`` (``"25.10.1 abc1234"``), else None."""
    node = body
    for key in ("system", "version", "text"):
        node = node.get(key) if isinstance(node, dict) else None
    return node.split()[0] if isinstance(node, str) and node.strip() else None
