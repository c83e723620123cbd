"""Decoded TEDAPI answers against the spec's schemas (generated ``tedapi_client.schemas``).

The schemas come from ``spec/tedapi/schemas/answers.yaml`` through ``pwkit
codegen`` (self-contained, draft 2020-12). They are open (unknown fields,
unknown values of open sets and nulls pass), so a check refuses only what the
client could not use: a number where an object belongs, a list where a map
belongs. A kind of answer without a schema is not checked (said once in the
log). The answer itself is never changed: what the gateway sent, unknown fields
included, is what the caller gets.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

import fastjsonschema
import jsonschema

from tedapi_client import schemas

from .errors import SchemaMismatch

log = logging.getLogger("pwkit.tedapi")


@functools.cache
def _validator(kind: str) -> Any:
    schema = schemas.schema(kind)
    if schema is None:
        log.info("no schema for TEDAPI %s answers in spec/tedapi/schemas/: not checked", kind)
        return None
    return jsonschema.Draft202012Validator(schema)


@functools.cache
def _compiled(kind: str) -> Callable[[Any], Any] | None:
    """The schema compiled to Python: the every-poll check. The schemas use only keywords that draft 7 and
    2020-12 read alike ($ref into $defs, anyOf, enum, type, properties, items, additionalProperties);
    ``tests/test_tedapi_schemas.py`` holds both validators to the same verdicts."""
    schema = schemas.schema(kind)
    if schema is None:
        return None
    compiled: Callable[[Any], Any] = fastjsonschema.compile({k: v for k, v in schema.items() if k != "$schema"})
    return compiled


def valid(kind: str, data: Any) -> bool:
    """Whether ``data`` keeps the schema of ``kind`` (True where there is none), by the compiled check."""
    compiled = _compiled(kind)
    if compiled is None:
        return True
    try:
        compiled(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def check(kind: str, data: Any, gateway: str, what: str) -> None:
    """Raise :class:`~.errors.SchemaMismatch` when ``data`` breaks the schema of ``kind`` (where there is one)."""
    if valid(kind, data):
        return
    validator = _validator(kind)
    if validator is None:
        return
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is None:
        return
    path = "/".join(str(p) for p in error.absolute_path) or "(the top)"
    message = error.message if len(error.message) <= 160 else error.message[:159] + "…"
    raise SchemaMismatch(
        gateway,
        f"{what}: the answer does not match spec/tedapi/schemas/answers.yaml ({kind}) at {path}: {message}. If the "
        "firmware changed, record it (`pwkit record`) and report it",
        path,
    )
