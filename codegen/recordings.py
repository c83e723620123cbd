"""Recorded gateway answers: the project's recording format, and the samples' format.

**The project's format** (``pwkit-recording/1``) is one JSON file per answer::

    {
      "format": "pwkit-recording/1",
      "edition": "seed-000",          # optional: the seed edition of an example
      "firmware": "21.39.1",          # gateway firmware, or null when unknown
      "sitemaster": "running",        # "running" | "stopped" | null
      "recorded_at": "Mon, 13 Dec 2021 07:24:55 GMT",   # or null
      "source": "where it came from",
      "note": "anything a reader should know",          # or null
      "request": {"method": "GET", "path": "/api/meters/aggregates"},
      "response": {
        "status": 200,
        "content_type": "application/json",             # or null for no body
        "json": {...}        # exactly one of json / text / base64,
      }                      # or none of them for an empty body
    }

The file is named ``<METHOD>.<path after /api/ with / as .>.json``, e.g.
``GET.meters.aggregates.json``. ``pwkit record`` writes it, the simulator
replays it and ``pwkit verify`` checks it.

**The samples' format** is a directory dump of a gateway: ``X.json`` is the
body of a ``200``, ``X.err`` the raw HTTP response (status line, headers,
blank line, body) of any other answer; ``X`` is the path after ``/api/`` with
``/`` as ``.``. Both formats can be read by :func:`load_dir`.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

FORMAT = "pwkit-recording/1"
JSON_TYPE = "application/json"


class RecordingError(Exception):
    """A recording that cannot be used: the message names the file and the reason."""


@dataclass(frozen=True)
class Recording:
    """One request and the gateway's answer to it."""

    method: str
    path: str
    status: int
    content_type: str | None
    body: bytes
    firmware: str | None = None
    sitemaster: str | None = None
    recorded_at: str | None = None
    source: str | None = None
    note: str | None = None
    edition: str | None = None  # the seed edition an example comes from, if any

    @property
    def is_json(self) -> bool:
        media = (self.content_type or "").split(";")[0].strip().lower()
        return media == JSON_TYPE or media.endswith("+json")

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def endpoint(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def file_name(self) -> str:
        return f"{self.method}.{path_to_stem(self.path)}.json"

    def with_json(self, value: Any) -> Recording:
        """The same answer with another JSON body (for drift experiments and masking)."""
        return replace(self, body=json.dumps(value).encode(), content_type=self.content_type or JSON_TYPE)

    def to_document(self) -> dict[str, Any]:
        response: dict[str, Any] = {"status": self.status, "content_type": self.content_type}
        if self.body:
            if self.is_json:
                response["json"] = self.json()
            else:
                try:
                    response["text"] = self.body.decode("utf-8")
                except UnicodeDecodeError:
                    response["base64"] = base64.b64encode(self.body).decode("ascii")
        edition = {"edition": self.edition} if self.edition else {}
        return {
            "format": FORMAT,
            **edition,
            "firmware": self.firmware,
            "sitemaster": self.sitemaster,
            "recorded_at": self.recorded_at,
            "source": self.source,
            "note": self.note,
            "request": {"method": self.method, "path": self.path},
            "response": response,
        }

    @classmethod
    def from_document(cls, doc: dict[str, Any], source: str) -> Recording:
        try:
            request, response = doc["request"], doc["response"]
            if "json" in response:
                body = json.dumps(response["json"]).encode()
            elif "text" in response:
                body = response["text"].encode("utf-8")
            elif "base64" in response:
                body = base64.b64decode(response["base64"], validate=True)
            else:
                body = b""
            return cls(
                method=str(request["method"]).upper(),
                path=str(request["path"]),
                status=int(response["status"]),
                content_type=response.get("content_type"),
                body=body,
                firmware=doc.get("firmware"),
                sitemaster=doc.get("sitemaster"),
                recorded_at=doc.get("recorded_at"),
                source=source,
                note=doc.get("note"),
                edition=doc.get("edition"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise RecordingError(f"{source}: not a valid {FORMAT} document ({exc!r})") from exc


def path_to_stem(path: str) -> str:
    """``/api/meters/aggregates`` → ``meters.aggregates`` (the samples' naming)."""
    return path.removeprefix("/api/").strip("/").replace("/", ".")


def stem_to_path(stem: str) -> str:
    return "/api/" + stem.replace(".", "/")


def write(recording: Recording, directory: Path, name: str | None = None) -> Path:
    """Write ``recording`` into ``directory`` as ``name`` (default: its :attr:`~Recording.file_name`)."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / (name or recording.file_name)
    target.write_text(json.dumps(recording.to_document(), indent=2, ensure_ascii=False) + "\n")
    return target


# --------------------------------------------------------------- samples format


def parse_raw_response(raw: bytes, source: str) -> tuple[int, dict[str, str], bytes]:
    """Split a raw HTTP/1.1 or HTTP/2 response dump into status, headers and body."""
    for separator in (b"\r\n\r\n", b"\n\n"):
        head, found, body = raw.partition(separator)
        if found:
            break
    else:
        head, body = raw, b""
    lines = head.decode("latin-1").splitlines()
    try:
        status = int(lines[0].split()[1])
    except (IndexError, ValueError) as exc:
        raise RecordingError(f"{source}: no HTTP status line (got {lines[:1]!r})") from exc
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body if body.strip() else b""


def read_sample_file(
    file: Path, *, firmware: str | None = None, sitemaster: str | None = None, source: str | None = None
) -> Recording:
    """One file of a samples dump: ``X.json`` (a 200 body) or ``X.err`` (a raw response)."""
    source = source or str(file)
    path = stem_to_path(file.name.rsplit(".", 1)[0])
    raw = file.read_bytes()
    if file.suffix == ".err":
        status, headers, body = parse_raw_response(raw, source)
        content_type = headers.get("content-type") if body else None
        return Recording("GET", path, status, content_type, body, firmware, sitemaster, headers.get("date"), source)
    try:
        json.loads(raw)
    except ValueError as exc:
        raise RecordingError(f"{source}: not JSON ({exc})") from exc
    return Recording("GET", path, 200, JSON_TYPE, raw, firmware, sitemaster, None, source)


def _dump_context(files: Iterable[Path]) -> tuple[str | None, str | None]:
    """The firmware and sitemaster state of a samples dump, from its own answers."""
    by_name = {f.name: f for f in files}
    firmware = sitemaster = None
    if "status.json" in by_name:
        version = json.loads(by_name["status.json"].read_bytes()).get("version")
        if isinstance(version, str) and version:
            firmware = version.split()[0]
    if "sitemaster.json" in by_name:
        running = json.loads(by_name["sitemaster.json"].read_bytes()).get("running")
        sitemaster = {True: "running", False: "stopped"}.get(running)
    return firmware, sitemaster


def read_document_file(file: Path) -> Recording | None:
    """A file of the project's format, or None when the file is of the samples' format."""
    try:
        doc = json.loads(file.read_bytes())
    except ValueError as exc:
        raise RecordingError(f"{file}: not JSON ({exc})") from exc
    if isinstance(doc, dict) and doc.get("format") == FORMAT:
        return Recording.from_document(doc, str(file))
    if isinstance(doc, dict) and str(doc.get("format", "")).startswith("pwkit-recording/"):
        raise RecordingError(f"{file}: recording format {doc['format']!r} is newer than this pwkit ({FORMAT})")
    return None


def is_tedapi_document(file: Path) -> bool:
    """A TEDAPI recording (``pwkit-tedapi-recording/…``), which this loader leaves to codegen.tedapi_recordings."""
    try:
        doc = json.loads(file.read_bytes())
    except (OSError, ValueError):
        return False
    return isinstance(doc, dict) and str(doc.get("format", "")).startswith("pwkit-tedapi-recording/")


def load_dir(directory: Path) -> list[Recording]:
    """Every recording under ``directory``, in either format, sorted by file path.

    Raises :class:`RecordingError` for a missing directory or an unreadable file.
    """
    if not directory.exists():
        raise RecordingError(f"{directory}: no such directory")
    if not directory.is_dir():
        raise RecordingError(f"{directory}: not a directory")
    recordings: list[Recording] = []
    folders = sorted({directory, *(p for p in directory.rglob("*") if p.is_dir())})
    for folder in folders:
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".json", ".err"))
        # TEDAPI recordings live beside the REST ones; codegen.tedapi_recordings reads them.
        files = [f for f in files if not (f.suffix == ".json" and is_tedapi_document(f))]
        documents = {f: read_document_file(f) for f in files if f.suffix == ".json"}
        samples = [f for f in files if documents.get(f) is None]
        firmware, sitemaster = _dump_context(samples)
        for file in files:
            recordings.append(documents.get(file) or read_sample_file(file, firmware=firmware, sitemaster=sitemaster))
    return recordings
