"""The spec contract-tested against the simulator with schemathesis, every default check on.

Side-effecting operations are excluded by reading their spec marker (they are
tested by hand in test_simulator.py), and so is logout, which would end the
session the rest of the run uses.

Documented and undocumented operations are reported apart: an undocumented
operation's schema is ``{}``, which accepts anything, so schemathesis's checks
prove little there; its test asserts at least the status and the content type
the spec declares.
"""

from __future__ import annotations

import copy
import json
import re
import ssl
import urllib.parse
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
import yaml
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance

from pwkit.codegen import paths
from pwkit.simulator.gateway import HANDLERS
from pwkit.simulator.profiles import DEFAULT_FIRMWARE, PROFILES

from .simulators import RunningSimulator, login, make_app

MAX_EXAMPLES = 5
APP = make_app(lockout_attempts=1000)
SPEC: dict[str, Any] = yaml.safe_load(paths.OPENAPI.read_text())


def recorded_ids() -> dict[tuple[str, str], dict[str, str]]:
    """(METHOD, path template) → path parameter values of a recording of it (unmasked, URL-decoded)."""
    found: dict[tuple[str, str], dict[str, str]] = {}
    recorded = [key for key in APP.recordings._any if "{" not in key[1]]
    for template, item in SPEC["paths"].items():
        if "{" not in template:
            continue
        names = re.findall(r"\{([^}]+)\}", template)
        pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "([^/]+)", re.escape(template)) + "$")
        for method in item:
            match = next((pattern.match(p) for m, p in recorded if m == method.upper() and pattern.match(p)), None)
            if match is not None:
                values = [urllib.parse.unquote(v) for v in match.groups()]
                found[(method.upper(), template)] = dict(zip(names, values, strict=True))
    return found


def with_recorded_examples(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with each recorded id as its path parameter's explicit example, so an operation on an id
    gets at least one request the simulator answers 200 from its recording (a generated id only gets 404)."""
    spec = copy.deepcopy(spec)
    for (method, template), values in recorded_ids().items():
        item = spec["paths"][template]
        operation = item[method.lower()]
        inherited = [
            p
            for p in item.get("parameters", [])
            if _parameter(spec, p)["name"] not in {_parameter(spec, q)["name"] for q in operation.get("parameters", [])}
        ]
        parameters = []
        for parameter in [*inherited, *operation.get("parameters", [])]:
            resolved = dict(_parameter(spec, parameter))
            if resolved.get("in") == "path" and resolved["name"] in values:
                resolved["example"] = values[resolved["name"]]
            parameters.append(resolved)
        operation["parameters"] = parameters
    for endpoint, kind in coverage().items():
        if kind == "placeholder":
            method, template = endpoint.split(" ", 1)
            spec["paths"][template][method.lower()][PLACEHOLDER] = True
    return spec


# Marks, in the contract run's copy of the spec, an operation the simulator answers only with ``{}``.
PLACEHOLDER = "x-contract-placeholder"


def _parameter(spec: dict[str, Any], parameter: dict[str, Any]) -> dict[str, Any]:
    ref = parameter.get("$ref", "")
    return spec["components"]["parameters"][ref.rsplit("/", 1)[-1]] if ref else parameter


def contract_schema(documented: bool | None = None, max_examples: int = MAX_EXAMPLES) -> Any:
    """Every operation (None), only the documented ones (True) or only the undocumented ones (False)."""
    schema = schemathesis.openapi.from_dict(with_recorded_examples(SPEC))
    schema.config.generation.update(
        max_examples=max_examples, deterministic=True, database="none", modes=[GenerationMode.POSITIVE]
    )
    schema = schema.exclude(func=lambda ctx: bool(ctx.operation.definition.raw.get("x-pwkit-side-effect"))).exclude(
        path="/api/logout"
    )
    if documented is None:
        return schema
    schema = schema.include(func=lambda ctx: is_undocumented(ctx.operation.definition.raw) != documented)
    if not documented:
        # An undocumented operation on a made-up id (a network name) answers 404, which its
        # placeholder responses do not declare yet: the spec issue documents them; until then they are left out.
        schema = schema.exclude(func=lambda ctx: "{" in ctx.operation.path)
    return schema


def is_undocumented(definition: dict[str, Any]) -> bool:
    """Tagged undocumented, or answered only by the simulator's placeholder ``{}`` (nothing recorded, no
    handler): a check against ``{}`` proves nothing, so such an operation is not counted as documented."""
    return "undocumented" in definition.get("tags", []) or bool(definition.get(PLACEHOLDER))


def coverage() -> dict[str, str]:
    """Every operation of the contract run → how the simulator answers it: "recording" (validated against
    a recording of a real gateway), "synthesized" (a handler builds it), "placeholder" (``{}``), or
    "none" (nothing recorded nor inferred: 404)."""
    kinds: dict[str, str] = {}
    ids = recorded_ids()
    for template, item in SPEC["paths"].items():
        for method, definition in item.items():
            if method == "parameters" or not isinstance(definition, dict):
                continue
            endpoint = f"{method.upper()} {template}"
            if endpoint in HANDLERS:
                kinds[endpoint] = "synthesized"
            elif (method.upper(), template) in ids or (
                "{" not in template and APP.recordings.find(APP.profile.recordings, True, method.upper(), template)
            ):
                kinds[endpoint] = "recording"
            elif "undocumented" in definition.get("tags", []) or "x-pwkit-inferred" in definition:
                kinds[endpoint] = "placeholder"
            else:
                kinds[endpoint] = "none"
    return kinds


def declared_content_types(case: schemathesis.Case, status: int) -> set[str]:
    """The media types the spec declares for ``status`` of this operation ($ref resolved)."""
    responses = case.operation.definition.raw.get("responses", {})
    response = responses.get(str(status)) or responses.get("default") or {}
    ref = response.get("$ref", "")
    if ref.startswith("#/components/responses/"):
        response = SPEC["components"]["responses"][ref.rsplit("/", 1)[-1]]
    return set(response.get("content", {}))


def declared_status_and_content_type(ctx: Any, response: Any, case: schemathesis.Case) -> bool:
    """A schemathesis check: what an undocumented operation's test asserts beyond the empty schema."""
    check_status_and_content_type(case, response)
    return True


def check_status_and_content_type(case: schemathesis.Case, response: Any) -> None:
    """What an undocumented operation's test asserts beyond schemathesis: a declared status and media type."""
    declared = set(case.operation.definition.raw.get("responses", {}))
    assert str(response.status_code) in declared, f"{response.status_code} not among {sorted(declared)}"
    header = response.headers.get("content-type") or response.headers.get("Content-Type") or ""
    media = (header[0] if isinstance(header, list) else header).split(";")[0].strip()
    types = declared_content_types(case, response.status_code)
    if types:
        assert media in types, f"{media!r} not among {sorted(types)}"
    if media == "application/json":
        json.loads(response.content)


# Where the spec documents that the real gateway refuses a valid request (a 400 by its state, a
# 500 for a feature its hardware lacks, both recorded), the faithful answer is that refusal.
DOCUMENTED_REFUSALS = {
    ("400", "/BadRequest"): positive_data_acceptance,
    ("500", "/ServerError"): not_a_server_error,
}


def excluded_checks(case: schemathesis.Case) -> list[Any]:
    responses = case.operation.definition.raw.get("responses", {})
    return [
        check
        for (status, name), check in DOCUMENTED_REFUSALS.items()
        if responses.get(status, {}).get("$ref", "").endswith(name)
    ]


def bearer(case: schemathesis.Case, token: str) -> None:
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}


class InProcessLogin:
    """A real login; schemathesis's ignored_auth check then knows which credential to take away."""

    def get(self, case: schemathesis.Case, ctx: Any) -> str:
        return login(APP)["Authorization"].removeprefix("Bearer ")

    def set(self, case: schemathesis.Case, data: str, ctx: Any) -> None:
        bearer(case, data)


documented_in_process = contract_schema(documented=True)
documented_in_process.app = APP
undocumented_in_process = contract_schema(documented=False)
undocumented_in_process.app = APP
for _schema in (documented_in_process, undocumented_in_process):
    _schema.auth()(InProcessLogin)


@documented_in_process.parametrize()
def test_every_documented_operation_keeps_the_contract_in_process(case: schemathesis.Case) -> None:
    assert not is_undocumented(case.operation.definition.raw)
    case.call_and_validate(excluded_checks=excluded_checks(case))


@undocumented_in_process.parametrize()
def test_every_undocumented_operation_answers_a_declared_status_and_content_type_in_process(
    case: schemathesis.Case,
) -> None:
    assert is_undocumented(case.operation.definition.raw)
    case.call_and_validate(excluded_checks=excluded_checks(case), additional_checks=[declared_status_and_content_type])


# Every other firmware profile, with fewer examples each: its own rules (removed and added
# endpoints, 403s, the 202 of config/completed) must keep the contract too.
def _profile_contract(firmware: str) -> Any:
    app = make_app(firmware, lockout_attempts=1000)
    schema = contract_schema(max_examples=2)
    schema.app = app

    @schema.auth()
    class ProfileLogin:
        def get(self, case: schemathesis.Case, ctx: Any) -> str:
            return login(app)["Authorization"].removeprefix("Bearer ")

        def set(self, case: schemathesis.Case, data: str, ctx: Any) -> None:
            bearer(case, data)

    @schema.parametrize()
    def test(case: schemathesis.Case) -> None:
        undocumented = is_undocumented(case.operation.definition.raw)
        case.call_and_validate(
            excluded_checks=excluded_checks(case),
            additional_checks=[declared_status_and_content_type] if undocumented else [],
        )

    return test


for _firmware in sorted(PROFILES):
    if _firmware != DEFAULT_FIRMWARE:
        globals()[f"test_every_operation_keeps_the_contract_on_{_firmware.replace('.', '_')}"] = _profile_contract(
            _firmware
        )


def test_documented_and_undocumented_operations_are_counted_apart() -> None:
    documented = {(o.ok().method, o.ok().path) for o in contract_schema(True).get_all_operations()}
    undocumented = {(o.ok().method, o.ok().path) for o in contract_schema(False).get_all_operations()}
    everything = {(o.ok().method, o.ok().path) for o in contract_schema().get_all_operations()}
    assert documented and undocumented
    left_out = {(m, p) for m, p in everything - documented if "{" in p}  # undocumented, on a made-up id
    assert documented.isdisjoint(undocumented) and documented | undocumented | left_out == everything


def test_operations_on_an_id_are_exercised_with_a_recorded_id_and_keep_their_200_schema() -> None:
    """A generated id never matches a recording (404 only): the recorded ids are explicit examples."""
    token = login(APP)["Authorization"]
    schema = contract_schema(documented=True)
    schema.app = APP
    exercised = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) not in recorded_ids():
            continue
        for strategy in operation.get_strategies_from_examples():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # .example(): the one explicit example, drawn on purpose
                case = strategy.example()
            case.headers = {**(case.headers or {}), "Authorization": token}
            response = case.call()
            assert response.status_code == 200, (operation.path, case.formatted_path)
            # ignored_auth: the token is set by hand here, so schemathesis cannot take it away to try.
            case.validate_response(response, excluded_checks=[*excluded_checks(case), ignored_auth])
            exercised.append(f"{operation.method.upper()} {operation.path}")
    assert sorted(exercised) == sorted(f"{m} {p}" for m, p in recorded_ids())


def test_the_contract_run_counts_placeholder_answers_as_undocumented() -> None:
    """What the run validates, stated: against a recording, synthesized by a handler, or only ``{}``."""
    kinds = coverage()
    documented = {f"{o.ok().method.upper()} {o.ok().path}" for o in contract_schema(True).get_all_operations()}
    assert {kinds[e] for e in documented} <= {"recording", "synthesized", "none"}  # never a placeholder
    placeholders = [e for e, k in kinds.items() if k == "placeholder" and "undocumented" not in _tags(e)]
    assert placeholders, "operations the spec calls documented but the simulator answers {} are counted apart"
    assert all(is_undocumented(_definition(with_recorded_examples(SPEC), e)) for e in placeholders)


def _definition(spec: dict[str, Any], endpoint: str) -> dict[str, Any]:
    method, template = endpoint.split(" ", 1)
    return spec["paths"][template][method.lower()]  # type: ignore[no-any-return]


def _tags(endpoint: str) -> list[str]:
    return list(_definition(SPEC, endpoint).get("tags", []))


def test_side_effecting_operations_are_left_out_of_the_generated_run() -> None:
    included = {(op.ok().method.upper(), op.ok().path) for op in contract_schema().get_all_operations()}
    assert ("GET", "/api/sitemaster/stop") not in included
    assert ("GET", "/api/config/completed") not in included
    assert ("GET", "/api/meters/aggregates") in included
    assert len(included) >= 85


# -------------------------------------------------------------- over HTTPS


@pytest.fixture(scope="module")
def https_simulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSimulator]:
    simulator = RunningSimulator(tmp_path_factory.mktemp("contract"), "--lockout-attempts", "1000")
    yield simulator
    simulator.stop()


HTTPS: dict[str, RunningSimulator] = {}


class HttpsLogin:
    def get(self, case: schemathesis.Case, ctx: Any) -> str:
        simulator = HTTPS.get("current")
        if simulator is None:  # schemathesis asks already while collecting, before the server runs
            return "not-logged-in-yet"
        response = httpx.post(
            simulator.url + "/api/login/Basic",
            json={"username": "customer", "email": "demo@example.com", "password": "powerwall"},
            verify=ssl.create_default_context(cafile=simulator.ca),
        )
        response.raise_for_status()
        return str(response.json()["token"])

    def set(self, case: schemathesis.Case, data: str, ctx: Any) -> None:
        bearer(case, data)


documented_over_https = contract_schema(documented=True)
undocumented_over_https = contract_schema(documented=False)
for _schema in (documented_over_https, undocumented_over_https):
    _schema.auth(refresh_interval=None)(HttpsLogin)


@pytest.mark.slow
@documented_over_https.parametrize()
def test_every_documented_operation_keeps_the_contract_over_https(
    case: schemathesis.Case, https_simulator: RunningSimulator
) -> None:
    HTTPS["current"] = https_simulator
    case.call_and_validate(
        base_url=https_simulator.url, verify=https_simulator.ca, excluded_checks=excluded_checks(case)
    )


@pytest.mark.slow
@undocumented_over_https.parametrize()
def test_every_undocumented_operation_answers_a_declared_status_and_content_type_over_https(
    case: schemathesis.Case, https_simulator: RunningSimulator
) -> None:
    HTTPS["current"] = https_simulator
    case.call_and_validate(
        base_url=https_simulator.url,
        verify=https_simulator.ca,
        excluded_checks=excluded_checks(case),
        additional_checks=[declared_status_and_content_type],
    )


def test_the_ca_file_exists_for_clients(tmp_path: Path) -> None:
    simulator = RunningSimulator(tmp_path)
    try:
        assert Path(simulator.ca).read_text().startswith("-----BEGIN CERTIFICATE-----")
        assert simulator.site()["fingerprint"].startswith("sha256:")
    finally:
        simulator.stop()
