"""The spec is valid, covers the documented API and carries the markers tools rely on."""

from __future__ import annotations

import re

import pytest
import yaml
from openapi_spec_validator import validate

from pwkit.codegen import paths
from pwkit.codegen.verify import Spec

from .conftest import DATA

POLL_GROUPS = {"fast", "normal", "slow", "never"}


def canonical(path: str) -> str:
    """Templated segments of any spelling (`${e}`, `{serial}`) compare equal."""
    return re.sub(r"\$?\{[^}]*\}", "{}", path)


def test_spec_is_valid_openapi() -> None:
    validate(yaml.safe_load(paths.OPENAPI.read_text()))


def seed_rows() -> list[tuple[str, str]]:
    rows = []
    for line in (DATA / "seed-endpoints.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            method, path = line.split()
            rows.append((method, path))
    return rows


def test_spec_covers_every_row_of_the_seed_table(spec: Spec) -> None:
    have = {(op.method, canonical(op.template)) for op in spec.operations()}
    rows = seed_rows()
    assert len(rows) == 92
    missing = [f"{m} /api{p}" for m, p in rows if (m, canonical("/api" + p)) not in have]
    assert missing == []


@pytest.mark.parametrize(
    "endpoint", ["GET /api/meters/site", "GET /api/meters/solar", "POST /api/login/Basic", "GET /api/logout"]
)
def test_spec_covers_the_endpoints_beyond_the_table(spec: Spec, endpoint: str) -> None:
    method, path = endpoint.split()
    operation, _ = spec.match(method, path)
    assert operation is not None and operation.template == path


def test_every_get_says_how_the_bridge_polls_it(spec: Spec) -> None:
    for op in spec.operations():
        if op.method == "GET":
            assert op.definition.get("x-pwkit-poll") in POLL_GROUPS, op.endpoint


def test_side_effecting_gets_are_marked_and_never_polled(spec: Spec) -> None:
    marked = {op.template for op in spec.operations() if op.definition.get("x-pwkit-side-effect")}
    assert {"/api/sitemaster/run", "/api/sitemaster/stop", "/api/config/completed"} <= marked
    for op in spec.operations():
        if op.definition.get("x-pwkit-side-effect"):
            assert op.definition["x-pwkit-poll"] == "never", op.endpoint


def test_operations_that_need_a_login_document_401_and_the_others_say_so(spec: Spec) -> None:
    public = set()
    for op in spec.operations():
        responses = spec.resolve(op.definition["responses"])
        if op.definition.get("security") == []:
            public.add(op.endpoint)
        else:
            assert "401" in responses, op.endpoint
    assert {"GET /api/status", "POST /api/login/Basic", "GET /api/customer/registration"} <= public


def test_both_auth_schemes_are_declared(spec: Spec) -> None:
    schemes = spec.document["components"]["securitySchemes"]
    assert schemes["authCookie"] == {**schemes["authCookie"], "type": "apiKey", "in": "cookie", "name": "AuthCookie"}
    assert schemes["bearerAuth"]["scheme"] == "bearer"


def test_the_recorded_gateway_errors_share_one_body_shape(spec: Spec) -> None:
    for name in ("Unauthorized", "Forbidden", "RateLimited", "ServerError"):
        schema = spec.document["components"]["responses"][name]["content"]["application/json"]["schema"]
        assert spec.resolve(schema)["required"] == ["code", "error", "message"]
    assert "content" not in spec.document["components"]["responses"]["SitemasterStopped"]


def test_operation_ids_are_unique(spec: Spec) -> None:
    ids = [op.definition["operationId"] for op in spec.operations()]
    assert len(ids) == len(set(ids))


def test_gateway_string_sets_are_documented_as_enums(spec: Spec) -> None:
    schemas = spec.document["components"]["schemas"]
    for name in ("GridStatus", "OperationMode", "IslandMode", "SitemasterStatus", "UpdateState"):
        assert schemas[name]["type"] == "string" and schemas[name]["enum"], name
        assert "Open set" in schemas[name]["description"], name
