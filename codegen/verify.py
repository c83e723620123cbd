"""``pwkit verify``: check recorded gateway answers against the spec and report drift.

Each finding names the endpoint (as the spec writes it), the field path inside
the body (``site.instant_power``, ``battery_blocks[0].p_out``), a kind and a
detail. The kinds are the firmware-drift workflow's vocabulary:

=======================  ====================================================
``unknown-field``        the answer has a field the spec does not describe
``missing-required``     the spec requires a field the answer lacks
``type-mismatch``        a value of another type than the spec's
``unknown-enum-value``   a value of an open string set not yet documented
``undocumented-status``  a status code the operation does not document
``unknown-endpoint``     a method and path the spec does not have
``content-type``         a body of another media type than documented
``invalid-body``         a body that does not parse as its media type says
``schema-violation``     any other rule of the schema (range, …)
=======================  ====================================================
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from jsonschema.exceptions import ValidationError
from openapi_schema_validator import OAS30Validator

from . import paths
from .describe import open_set_values
from .recordings import Recording

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
KINDS = (
    "unknown-field",
    "missing-required",
    "type-mismatch",
    "unknown-enum-value",
    "undocumented-status",
    "unknown-endpoint",
    "content-type",
    "invalid-body",
    "schema-violation",
)


@dataclass(frozen=True)
class Finding:
    endpoint: str
    field: str
    kind: str
    detail: str
    source: str = ""
    firmware: str | None = None

    def line(self) -> str:
        where = f" {self.field}" if self.field else ""
        # The firmware of this finding's own recording: one directory may mix several.
        firmware = f"firmware {self.firmware}" if self.firmware else "firmware unknown"
        origin = f"  [{self.source}; {firmware}]" if self.source else f"  [{firmware}]"
        return f"{self.endpoint}{where}: {self.kind}: {self.detail}{origin}"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _short(value: Any, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


@dataclass(frozen=True)
class Operation:
    method: str
    template: str
    definition: dict[str, Any]

    @property
    def endpoint(self) -> str:
        return f"{self.method} {self.template}"


class Spec:
    """The OpenAPI document, with path matching and ``$ref`` resolution."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.components = document.get("components", {})
        # Literal paths before templated ones: /api/meters/aggregates is not a {serial}.
        templates = sorted(document.get("paths", {}), key=lambda t: (t.count("{"), t))
        self._matchers = [(t, self._pattern(t)) for t in templates]

    @classmethod
    def load(cls, path: Path = paths.OPENAPI) -> Spec:
        return cls(yaml.safe_load(path.read_text()))

    @staticmethod
    def _pattern(template: str) -> re.Pattern[str]:
        parts = re.split(r"(\{[^}]+\})", template)
        regex = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
        return re.compile(f"^{regex}$")

    def resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                raise ValueError(f"only local $refs are supported, not {ref!r}")
            target: Any = self.document
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
        return node

    def operations(self) -> Iterator[Operation]:
        for template, item in self.document.get("paths", {}).items():
            for method in HTTP_METHODS:
                if method in item:
                    yield Operation(method.upper(), template, item[method])

    def match(self, method: str, path: str) -> tuple[Operation | None, str | None]:
        """The operation answering ``method path``; else None and the known template, if any."""
        known = None
        for template, pattern in self._matchers:
            if pattern.match(path.split("?")[0]):
                item = self.document["paths"][template]
                if method.lower() in item:
                    return Operation(method.upper(), template, item[method.lower()]), template
                known = known or template
        return None, known

    def response_for(self, operation: Operation, status: int) -> dict[str, Any] | None:
        responses = self.resolve(operation.definition.get("responses", {}))
        for key in (str(status), f"{str(status)[0]}XX", "default"):
            if key in responses:
                return self.resolve(responses[key])  # type: ignore[no-any-return]
        return None

    @cached_property
    def _validator_root(self) -> dict[str, Any]:
        return {"components": self.components}

    def validator(self, schema: dict[str, Any]) -> OAS30Validator:
        # $refs point into #/components, so the schema is validated inside a
        # root that carries them.
        return OAS30Validator({"allOf": [schema], **self._validator_root})


class Verifier:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec

    def check(self, recording: Recording) -> list[Finding]:
        return list(self._check(recording))

    def check_all(self, recordings: list[Recording]) -> list[Finding]:
        return [finding for recording in recordings for finding in self._check(recording)]

    def _check(self, rec: Recording) -> Iterator[Finding]:
        # One validation error can surface through several rules (`type` and
        # `nullable`, one `required` per missing name): each finding once.
        seen: set[Finding] = set()
        for found in self._findings(rec):
            if found not in seen:
                seen.add(found)
                yield found

    def _findings(self, rec: Recording) -> Iterator[Finding]:
        def finding(endpoint: str, field: str, kind: str, detail: str) -> Finding:
            return Finding(endpoint, field, kind, detail, rec.source or "", rec.firmware)

        operation, known = self.spec.match(rec.method, rec.path)
        if operation is None:
            why = f"the spec has {known} but not for {rec.method}" if known else "the spec has no such path"
            yield finding(rec.endpoint, "", "unknown-endpoint", why)
            return
        endpoint = operation.endpoint
        response = self.spec.response_for(operation, rec.status)
        if response is None:
            documented = ", ".join(self.spec.resolve(operation.definition.get("responses", {})))
            yield finding(endpoint, "", "undocumented-status", f"{rec.status} (documented: {documented})")
            return
        content = response.get("content") or {}
        if not rec.body:
            if content and rec.status < 300:
                yield finding(endpoint, "", "content-type", f"empty body; the spec documents {', '.join(content)}")
            return
        if not content:
            yield finding(
                endpoint, "", "content-type", f"a {rec.content_type or 'untyped'} body where the spec documents none"
            )
            return
        media = (rec.content_type or "").split(";")[0].strip().lower()
        if media not in content:
            yield finding(
                endpoint, "", "content-type", f"{media or 'no content type'}; the spec documents {', '.join(content)}"
            )
            return
        schema = self.spec.resolve(content[media].get("schema"))
        if rec.is_json:
            try:
                body = rec.json()
            except ValueError as exc:
                yield finding(endpoint, "", "invalid-body", f"not JSON: {exc}")
                return
            if schema is not None:
                for field, kind, detail in self.body_findings(schema, body):
                    yield finding(endpoint, field, kind, detail)
        elif "x-pwkit-protobuf" in operation.definition:
            problem = protobuf_problem(operation.definition["x-pwkit-protobuf"], rec.body)
            if problem:
                yield finding(endpoint, "", "invalid-body", problem)

    def body_findings(self, schema: dict[str, Any], body: Any) -> Iterator[tuple[str, str, str]]:
        """(field path, kind, detail) for everything in ``body`` that drifts from ``schema``."""
        yield from self._error_findings(self.spec.validator(schema).iter_errors(body), "")
        for path, value in self.unknown_fields(schema, body, ""):
            yield path, "unknown-field", f"not in the spec (value: {_short(value)})"
        for path, value, known in self.unknown_values(schema, body, ""):
            detail = f"{_short(value)} is not a documented value yet (known: {', '.join(known)})"
            yield path, "unknown-enum-value", detail

    def _error_findings(self, errors: Iterable[ValidationError], note: str) -> Iterator[tuple[str, str, str]]:
        for error in sorted(errors, key=lambda e: list(map(str, e.absolute_path))):
            path = ""
            for key in error.absolute_path:
                path = _join(path, key)
            if error.validator == "required":
                name = error.message.split("'")[1] if error.message.count("'") >= 2 else ""
                if isinstance(error.instance, dict) and name and name not in error.instance:
                    yield _join(path, name), "missing-required", "required by the spec, absent" + note
            elif error.validator == "type":
                yield path, "type-mismatch", f"{_short(error.instance)} is not of type {error.validator_value!r}" + note
            elif error.validator == "enum":
                yield path, "unknown-enum-value", f"{_short(error.instance)} is not a documented value yet" + note
            elif error.validator in ("anyOf", "oneOf") and error.context:
                # No shape matched: report the closest one's own findings, named.
                by_branch: dict[int, list[ValidationError]] = {}
                for sub in error.context:
                    by_branch.setdefault(int(sub.schema_path[0]), []).append(sub)
                branch, errors_of = min(by_branch.items(), key=lambda item: len(item[1]))
                name = shape_name(self.spec, error.validator_value[branch], branch)
                yield from self._error_findings(errors_of, f" (closest shape: {name})")
            else:
                yield path, "schema-violation", error.message + note

    def shapes(self, recording: Recording) -> list[tuple[str, str]]:
        """(field path, shape name) for each `oneOf`/`anyOf` of shapes the body matched, once per field.

        List indices are written ``[]``: a list whose items all have one shape is named once.
        """
        operation, _ = self.spec.match(recording.method, recording.path)
        if operation is None or not recording.is_json or not recording.body:
            return []
        response = self.spec.response_for(operation, recording.status) or {}
        schema = (response.get("content") or {}).get("application/json", {}).get("schema")
        try:
            body = recording.json()
        except ValueError:
            return []
        if not schema:
            return []
        found = (((re.sub(r"\[\d+\]", "[]", path)), name) for path, name in self._shapes(schema, body, ""))
        return list(dict.fromkeys(found))

    def _shapes(self, schema: Any, value: Any, path: str) -> Iterator[tuple[str, str]]:
        schema = self.spec.resolve(schema)
        if not isinstance(schema, dict) or value is None:
            return
        for keyword in ("oneOf", "anyOf"):
            branches = schema.get(keyword, [])
            if open_set_values(self.spec, schema) is not None or not branches:
                continue
            for index, branch in enumerate(branches):
                if self.spec.validator(self.spec.resolve(branch)).is_valid(value):
                    if isinstance(value, (dict, list)) or self.spec.resolve(branch).get("x-pwkit-shape"):
                        yield path, shape_name(self.spec, branch, index)
                    yield from self._shapes(branch, value, path)
                    break
        for part in schema.get("allOf", []):
            yield from self._shapes(part, value, path)
        if isinstance(value, dict):
            for key, child in value.items():
                if key in schema.get("properties", {}):
                    yield from self._shapes(schema["properties"][key], child, _join(path, key))
                elif isinstance(schema.get("additionalProperties"), dict):
                    yield from self._shapes(schema["additionalProperties"], child, _join(path, key))
        elif isinstance(value, list) and isinstance(schema.get("items"), dict):
            for index, child in enumerate(value):
                yield from self._shapes(schema["items"], child, _join(path, index))

    def unknown_values(self, schema: Any, value: Any, path: str) -> Iterator[tuple[str, str, list[str]]]:
        """Strings of open sets (``anyOf`` of an enum and a string) that are not among the known values."""
        known = open_set_values(self.spec, schema)
        if known is not None:
            if isinstance(value, str) and value not in known:
                yield path, value, [str(v) for v in known]
            return
        schema = self.spec.resolve(schema)
        if not isinstance(schema, dict) or value is None:
            return
        for keyword in ("allOf", "anyOf", "oneOf"):
            branches = schema.get(keyword, [])
            matching = [b for b in branches if self.spec.validator(self.spec.resolve(b)).is_valid(value)]
            for branch in matching if keyword == "allOf" else matching[:1]:
                yield from self.unknown_values(branch, value, path)
        if isinstance(value, dict):
            for key, child in value.items():
                if key in schema.get("properties", {}):
                    yield from self.unknown_values(schema["properties"][key], child, _join(path, key))
                elif isinstance(schema.get("additionalProperties"), dict):
                    yield from self.unknown_values(schema["additionalProperties"], child, _join(path, key))
        elif isinstance(value, list) and isinstance(schema.get("items"), dict):
            for index, child in enumerate(value):
                yield from self.unknown_values(schema["items"], child, _join(path, index))

    def unknown_fields(self, schema: Any, value: Any, path: str) -> Iterator[tuple[str, Any]]:
        schema = self.spec.resolve(schema)
        if not isinstance(schema, dict) or value is None:
            return
        properties: dict[str, Any] = {}
        additional: Any = schema.get("additionalProperties")
        items = schema.get("items")
        parts = [schema, *(self.spec.resolve(s) for s in schema.get("allOf", []))]
        for keyword in ("oneOf", "anyOf"):
            if open_set_values(self.spec, schema) is not None:
                break
            branches = [self.spec.resolve(b) for b in schema.get(keyword, [])]
            matching = [b for b in branches if self.spec.validator(b).is_valid(value)]
            # The shape that matched decides what is known; with none, every shape's fields are.
            parts += matching[:1] or branches
        for part in parts:
            for inner in [part, *(self.spec.resolve(s) for s in part.get("allOf", []))]:
                properties.update(inner.get("properties", {}))
                additional = inner.get("additionalProperties", additional)
                items = inner.get("items", items)
        if isinstance(value, dict):
            for key, child in value.items():
                if key in properties:
                    yield from self.unknown_fields(properties[key], child, _join(path, key))
                elif isinstance(additional, dict):
                    yield from self.unknown_fields(additional, child, _join(path, key))
                elif properties or additional is False:
                    yield _join(path, key), child
        elif isinstance(value, list) and items is not None:
            for index, child in enumerate(value):
                yield from self.unknown_fields(items, child, _join(path, index))


def shape_name(spec: Spec, branch: Any, index: int) -> str:
    """How a maintainer knows one shape of several: its ``x-pwkit-shape``, else its component's name, else its place.

    Not ``title``: openapi-python-client would name the generated class after it.
    """
    if isinstance(branch, dict) and "$ref" in branch:
        resolved = spec.resolve(branch)
        return str(resolved.get("x-pwkit-shape") or branch["$ref"].rsplit("/", 1)[-1])
    if isinstance(branch, dict) and branch.get("x-pwkit-shape"):
        return str(branch["x-pwkit-shape"])
    return f"shape {index + 1}"


def protobuf_problem(message_name: str, body: bytes) -> str | None:
    """Why ``body`` is not a valid protobuf of ``message_name`` (None when it is)."""
    from google.protobuf.message import DecodeError

    from powerwall_client import tesla_pb2

    cls = getattr(tesla_pb2, message_name.rsplit(".", 1)[-1], None)
    if cls is None:
        return f"the spec names protobuf message {message_name}, which tesla.proto does not define"
    try:
        cls.FromString(body)
    except DecodeError as exc:
        return f"not a valid {message_name}: {exc}"
    return None
