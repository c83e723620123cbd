"""TEDAPI recordings: decoded answers, their masking, and ``pwkit verify`` against ``spec/tedapi/schemas/``.

**The format** (``pwkit-tedapi-recording/1``) follows ``pwkit-recording/1``
(:mod:`.recordings`), with a TEDAPI request in place of an HTTP one::

    {
      "format": "pwkit-tedapi-recording/1",
      "firmware": "25.2.7",               # or null when unknown
      "device": "Powerwall 3",            # what answered, or null
      "recorded_at": "2025-04-18",        # or null
      "source": "where it came from",     # a repository file or an issue thread, with its date
      "licence": "…",                     # of a public capture, or null for one's own
      "note": "anything a reader should know",
      "request": {
        "kind": "query",                  # "config" | "query" | "firmware"
        "name": "DeviceControllerQuery",  # the query's name, "config.json", or "firmware"
        "version": "V2024_06",            # the query set (spec/tedapi/queries/), or null
        "variables": {}                   # the variables sent, or null
      },
      "answer": "device_controller",      # the schema of spec/tedapi/schemas/answers.yaml
      "response": {"json": {...}}         # the decoded answer
    }

A file is named ``<answer>.<what>.json``. ``codegen.record.record_tedapi`` writes
them (through a TEDAPI transport), ``pwkit verify`` checks them with the findings vocabulary
of :mod:`.verify`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from . import paths
from .masking import Masker
from .recordings import RecordingError
from .verify import Finding, Spec, Verifier

FORMAT = "pwkit-tedapi-recording/1"
FORMAT_PREFIX = "pwkit-tedapi-recording/"
KINDS = ("config", "query", "firmware")
SCHEMAS = paths.SPEC_DIR / "tedapi" / "schemas" / "answers.yaml"
RECORDINGS = paths.RECORDINGS / "tedapi"


@dataclass(frozen=True)
class TedapiRecording:
    """One TEDAPI request and its decoded answer."""

    kind: str
    name: str
    answer: str
    body: Any
    version: str | None = None
    variables: dict[str, Any] | None = None
    firmware: str | None = None
    device: str | None = None
    recorded_at: str | None = None
    source: str | None = None
    licence: str | None = None
    note: str | None = None
    file: str | None = None

    @property
    def endpoint(self) -> str:
        """How findings name it: ``TEDAPI query DeviceControllerQuery (V2024_06)``."""
        version = f" ({self.version})" if self.version else ""
        return f"TEDAPI {self.kind} {self.name}{version}"

    def to_document(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "firmware": self.firmware,
            "device": self.device,
            "recorded_at": self.recorded_at,
            "source": self.source,
            "licence": self.licence,
            "note": self.note,
            "request": {"kind": self.kind, "name": self.name, "version": self.version, "variables": self.variables},
            "answer": self.answer,
            "response": {"json": self.body},
        }

    @classmethod
    def from_document(cls, doc: dict[str, Any], file: str) -> TedapiRecording:
        try:
            request, response = doc["request"], doc["response"]
            if request["kind"] not in KINDS:
                raise ValueError(f"request.kind must be one of {', '.join(KINDS)}")
            return cls(
                kind=str(request["kind"]),
                name=str(request["name"]),
                version=request.get("version"),
                variables=request.get("variables"),
                answer=str(doc["answer"]),
                body=response["json"],
                firmware=doc.get("firmware"),
                device=doc.get("device"),
                recorded_at=doc.get("recorded_at"),
                source=doc.get("source"),
                licence=doc.get("licence"),
                note=doc.get("note"),
                file=file,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise RecordingError(f"{file}: not a valid {FORMAT} document ({exc!s})") from exc

    @property
    def file_name(self) -> str:
        return f"{self.answer}.{_slug(self.name)}.json"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "answer"


def load_dir(directory: Path) -> list[TedapiRecording]:
    """Every TEDAPI recording under ``directory`` (other files are skipped), sorted by path."""
    if not directory.is_dir():
        raise RecordingError(f"{directory}: no such directory")
    out = []
    for file in sorted(directory.rglob("*.json")):
        try:
            doc = json.loads(file.read_bytes())
        except ValueError as exc:
            raise RecordingError(f"{file}: not JSON ({exc})") from exc
        if not isinstance(doc, dict) or not str(doc.get("format", "")).startswith(FORMAT_PREFIX):
            continue
        if doc["format"] != FORMAT:
            raise RecordingError(f"{file}: recording format {doc['format']!r} is newer than this pwkit ({FORMAT})")
        out.append(TedapiRecording.from_document(doc, str(file)))
    return out


def write(recording: TedapiRecording, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / recording.file_name
    target.write_text(json.dumps(recording.to_document(), indent=2, ensure_ascii=False) + "\n")
    return target


# ------------------------------------------------------------------- schemas


class AnswerSpec:
    """``spec/tedapi/schemas/answers.yaml``: the schema of each decoded answer."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.spec = Spec(document)
        self.answers: dict[str, Any] = document.get("x-pwkit-answers", {})
        self.signal_units: dict[str, dict[str, Any]] = document.get("x-pwkit-signal-units", {})

    @classmethod
    def load(cls, path: Path = SCHEMAS) -> AnswerSpec:
        return cls(yaml.safe_load(path.read_text(encoding="utf-8")))

    def schema(self, answer: str) -> Any:
        return self.spec.resolve(self.answers[answer])


class TedapiVerifier:
    """The findings of :mod:`.verify` for TEDAPI recordings: the same kinds, the same lines."""

    def __init__(self, answers: AnswerSpec) -> None:
        self.answers = answers
        self.verifier = Verifier(answers.spec)

    def check(self, recording: TedapiRecording) -> list[Finding]:
        return list(dict.fromkeys(self._findings(recording)))

    def check_all(self, recordings: list[TedapiRecording]) -> list[Finding]:
        return [finding for recording in recordings for finding in self.check(recording)]

    def _findings(self, rec: TedapiRecording) -> Iterator[Finding]:
        def finding(field: str, kind: str, detail: str) -> Finding:
            return Finding(rec.endpoint, field, kind, detail, rec.file or "", rec.firmware)

        if rec.answer not in self.answers.answers:
            known = ", ".join(self.answers.answers)
            yield finding("", "unknown-endpoint", f"no schema for answer {rec.answer!r} (the spec has {known})")
            return
        if rec.kind == "query" and rec.version is not None:
            from tedapi_client import queries

            try:
                queries.get(rec.name, rec.version)
            except queries.UnknownQuery as exc:
                yield finding("", "unknown-endpoint", str(exc))
        if not isinstance(rec.body, dict):
            yield finding("", "invalid-body", f"a decoded answer is a JSON object, not {type(rec.body).__name__}")
            return
        for field_path, kind, detail in self.verifier.body_findings(self.answers.schema(rec.answer), rec.body):
            yield finding(field_path, kind, detail)


# ------------------------------------------------------------------- masking

# TEDAPI names for what the REST masker keys on (codegen/masking.py), and what only TEDAPI has.
TEDAPI_KEYED = {
    "packageSerialNumber": "BATTERY_SERIAL",
    "subPackageSerialNumber": "DEVICE_SERIAL",
    "site_name": "SITE_NAME",
    "macAddress": "MAC_ADDR",
    "hostname": "HOSTNAME",
    "client_key": "PRIVATE_KEY",
    "client_cert": "CERTIFICATE",
    "sessionId": "SESSION_ID",
    "address": "ADDRESS",
    "address_line1": "ADDRESS",
    "address_line2": "ADDRESS",
    "street": "ADDRESS",
}


class TedapiMasker(Masker):
    """The REST masker plus TEDAPI's keys; component DINs are written `<part>--<serial>` or `<part>#<serial>`."""

    def _learn(self, node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if not isinstance(value, str) or not value or value.startswith("<<"):
                    continue
                if key in TEDAPI_KEYED:
                    self._remember(value, TEDAPI_KEYED[key])
                elif key in ("din", "vin") and "#" in value and "--" not in value:
                    self._remember(value.rsplit("#", 1)[1], "DEVICE_SERIAL")
        super()._learn(node)


def mask(recordings: list[TedapiRecording]) -> list[TedapiRecording]:
    """The recordings of one session with DINs, serials, VINs, site name, addresses and secrets masked alike."""
    masker = TedapiMasker()
    masker.learn(r.body for r in recordings)
    masker.learn(r.variables for r in recordings if r.variables)
    return [replace(r, body=masker.body(r.body), variables=masker.body(r.variables)) for r in recordings]
