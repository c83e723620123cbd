"""Regenerate ``generated/`` from ``spec/``: the typed client and the vitals protobuf module.

Everything is rendered into a fresh temporary directory first, then either
compared with ``generated/`` (``--check``) or swapped in. Rendering outside the
repository keeps the formatter from picking up the project's own lint settings,
so the output depends only on the spec, the templates and the pinned tools.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from . import describe, paths, tedapi, tedapi_data
from .verify import Spec

GENERATED_README = """\
# generated/ — do not edit

Everything here is written by `pwkit codegen` from `spec/`:

- `powerwall_client/`: the typed client (openapi-python-client, pinned in
  `pyproject.toml`, with the templates of `codegen/templates/`) of
  `spec/openapi.yaml`;
- `powerwall_client/tesla_pb2.py` and `.pyi`: the protobuf module of
  `spec/tesla.proto` (the body of `GET /api/devices/vitals`);
- `powerwall_client/pwkit_readings.py`: every value topic of the bridge
  with its unit (`x-pwkit-unit`) and meaning, which the bridge and Home
  Assistant discovery read (template: `readings.py.jinja`);
- `powerwall_client/pwkit_operations.py`: every operation with its
  `x-pwkit-*` markers (poll group, side effect, login), for pwkit's tools
  (template: `codegen/pwkit_templates/operations.py.jinja`);
- `fleet_client/`: the typed client of `spec/fleet-energy.yaml`, the part
  of Tesla's Fleet API (cloud) for energy sites that pwkit uses;
{tedapi}- `TOPICS.md`: the MQTT topic reference of the bridge, from the spec's
  poll markers and response schemas (template: `topics.md.jinja`).

To change anything here, change the spec or a template, run `pwkit codegen`
and commit both. CI runs `pwkit codegen --check` and fails when this folder is
stale.
""".replace("{tedapi}", tedapi.README + tedapi_data.README)

VITALS_MEANING = (
    "each vital of each device, as the protobuf names it (e.g. `PINV_Fout`, Hz; `METER_X_VL1N`, V): "
    "see spec/tesla.proto and the samples' decoded example"
)

IGNORED_NAMES = {"__pycache__", ".ruff_cache", ".mypy_cache"}


class CodegenError(Exception):
    """A generator step failed; the message carries the tool's own output."""


@dataclass
class Drift:
    """How ``generated/`` differs from a fresh generation (paths relative to it)."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def lines(self) -> list[str]:
        return (
            [f"changed: {p}" for p in self.changed]
            + [f"missing: {p} (a fresh generation has it)" for p in self.added]
            + [f"extra:   {p} (no longer generated)" for p in self.removed]
        )


def _tool(name: str) -> str:
    """A console script installed beside the running interpreter (the venv's)."""
    candidate = Path(sys.executable).parent / name
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise CodegenError(
            f"`{name}` is not installed. Run `make install` (it installs the pinned generator and tools into .venv)."
        )
    return found


def _run(cmd: list[str], what: str, cwd: Path) -> None:
    env = dict(os.environ)
    # The generator's post-hooks call `ruff` by name: make it the pinned one.
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise CodegenError(f"{what} failed (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}")


def _client(spec: Path, config: Path, package: Path, cwd: Path) -> None:
    """One typed client (openapi-python-client, with the same template overrides for both specs)."""
    _run(
        [
            _tool("openapi-python-client"),
            "generate",
            "--path",
            str(spec),
            "--meta",
            "none",
            "--output-path",
            str(package),
            "--config",
            str(config),
            "--custom-template-path",
            str(paths.TEMPLATES),
            "--fail-on-warning",
        ],
        f"openapi-python-client ({spec.name})",
        cwd=cwd,
    )


def render(dest: Path) -> None:
    """Write a complete ``generated/`` tree into ``dest`` (which must not exist yet)."""
    dest.mkdir(parents=True)
    package = dest / paths.CLIENT_PACKAGE
    _client(paths.OPENAPI, paths.GENERATOR_CONFIG, package, dest)
    fleet = dest / paths.FLEET_CLIENT_PACKAGE
    _client(paths.FLEET_SPEC, paths.FLEET_GENERATOR_CONFIG, fleet, dest)
    (fleet / "py.typed").write_text("")
    # Relative paths: protoc records the .proto's name in the module, and it
    # must not depend on where the repository is checked out.
    _run(
        [
            sys.executable,
            "-m",
            "grpc_tools.protoc",
            "-I",
            "spec",
            f"--python_out={package}",
            f"--pyi_out={package}",
            "spec/tesla.proto",
        ],
        "protoc (grpcio-tools)",
        cwd=paths.REPO,
    )
    (package / "py.typed").write_text("")
    tedapi.render(dest, _run)
    (package / "pwkit_operations.py").write_text(render_operations())
    (package / "pwkit_readings.py").write_text(render_readings())
    tedapi_data.render(dest)
    (dest / "TOPICS.md").write_text(render_topics() + tedapi_data.render_topics())
    (dest / "README.md").write_text(GENERATED_README)


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(paths.PWKIT_TEMPLATES), keep_trailing_newline=True, trim_blocks=True
    )
    environment.filters["pyrepr"] = repr
    return environment


def _reading_groups(spec: Spec) -> list[dict[str, Any]]:
    """The bridge's polled readings by poll group, each with the value topics below it."""
    groups = []
    intervals = spec.document.get("x-pwkit-poll-groups", {})
    polled = [
        op
        for op in spec.operations()
        if op.method == "GET"
        and op.definition.get("x-pwkit-poll")
        and not op.definition.get("x-pwkit-side-effect")
        and "{" not in op.template
    ]
    topics = [op.template.removeprefix("/api/") for op in polled]
    for group in ("fast", "normal", "slow"):
        readings = []
        for op in polled:
            d = op.definition
            if d.get("x-pwkit-poll") != group:
                continue
            topic = op.template.removeprefix("/api/")
            response = spec.resolve(d["responses"]).get("200", {})
            content = spec.resolve(response).get("content", {})
            if "application/json" in content:
                leaves = describe.topic_leaves(spec, content["application/json"].get("schema", {}))
            else:
                leaves = [{"path": "<device id>/<vital>", "type": "any", "description": VITALS_MEANING, "unit": None}]
            # One topic, one payload type: a sub-topic that another reading owns is published by that one only
            # (as bridge.topics.owned_below decides).
            owned = sorted({t.removeprefix(topic + "/") for t in topics if t.startswith(topic + "/")})

            def under(path: str, sub: str) -> bool:
                return path == sub or path.startswith(sub + "/")

            collided = [o for o in owned if any(under(leaf["path"], o) for leaf in leaves)]
            leaves = [leaf for leaf in leaves if not any(under(leaf["path"], o) for o in owned)]
            if topic == "operation":
                for leaf in leaves:
                    if leaf["path"] == "mode":
                        leaf["description"] = (
                            "Derived: the mode whatever field the firmware uses (`real_mode`, else `mode`, "
                            "the name before 21.x)."
                        )
            readings.append(
                {
                    "topic": topic,
                    "summary": d.get("summary", ""),
                    "leaves": leaves,
                    "owned": collided,
                    "removed_in": d.get("x-pwkit-removed-in"),
                }
            )
        groups.append({"name": group, "interval": intervals.get(group), "readings": readings})
    return groups


def render_topics() -> str:
    """The topic reference (pwkit_templates/topics.md.jinja): the bridge's topics, from the spec."""
    groups = _reading_groups(Spec.load(paths.OPENAPI))
    return _environment().get_template("topics.md.jinja").render(groups=groups)


def render_readings() -> str:
    """Every value topic with its unit and meaning, as a Python table (pwkit_templates/readings.py.jinja)."""
    values = []
    for group in _reading_groups(Spec.load(paths.OPENAPI)):
        for reading in group["readings"]:
            for leaf in reading["leaves"]:
                topic = f"{reading['topic']}/{leaf['path']}"
                # The generated index walks whole levels: a `<…>` placeholder must be a level of its own.
                partial = [level for level in topic.split("/") if "<" in level and not re.fullmatch(r"<[^>]+>", level)]
                if partial:
                    raise ValueError(f"{topic}: a placeholder must fill its topic level ({partial[0]!r})")
                # \Z, not $: a topic ending in a newline is not the topic without it.
                regex = "^" + re.sub(r"<[^>]+>", "[^/]+", re.escape(topic)) + r"\Z"
                values.append({**leaf, "topic": topic, "regex": regex})
    return _environment().get_template("readings.py.jinja").render(values=values, units=describe.UNITS)


def render_operations() -> str:
    """The spec's operations and their x-pwkit markers, as a Python table (pwkit_templates/operations.py.jinja)."""
    spec = Spec.load(paths.OPENAPI)
    operations = []
    ordered = sorted(spec.operations(), key=lambda op: (op.template.count("{"), op.template, op.method))
    default_security = spec.document.get("security")
    for op in ordered:
        d = op.definition
        operations.append(
            {
                "method": op.method,
                "path": op.template,
                "operation_id": d["operationId"],
                "tag": d["tags"][0],
                "needs_login": bool(d.get("security", default_security)),
                "side_effect": bool(d.get("x-pwkit-side-effect")),
                "requires_sitemaster": bool(d.get("x-pwkit-requires-sitemaster")),
                "poll": d.get("x-pwkit-poll"),
                "removed_in": d.get("x-pwkit-removed-in"),
                "undocumented": "undocumented" in d.get("tags", []),
                "regex": Spec._pattern(op.template).pattern,
            }
        )
    template = _environment().get_template("operations.py.jinja")
    return template.render(operations=operations, poll_groups=spec.document.get("x-pwkit-poll-groups", {}))


def _files(root: Path) -> dict[str, Path]:
    out: dict[str, Path] = {}
    if not root.exists():
        return out
    for path in root.rglob("*"):
        if path.is_file() and not IGNORED_NAMES.intersection(path.relative_to(root).parts):
            out[path.relative_to(root).as_posix()] = path
    return out


def compare(fresh: Path, current: Path) -> Drift:
    new, old = _files(fresh), _files(current)
    drift = Drift()
    drift.added = sorted(set(new) - set(old))
    drift.removed = sorted(set(old) - set(new))
    drift.changed = sorted(p for p in set(new) & set(old) if new[p].read_bytes() != old[p].read_bytes())
    return drift


def codegen(*, check: bool, target: Path = paths.GENERATED, progress: Callable[[str], None] = print) -> Drift:
    """Regenerate ``target`` (or with ``check``, only report how it is stale)."""
    with tempfile.TemporaryDirectory(prefix="pwkit-codegen-") as tmp:
        fresh = Path(tmp) / "generated"
        started = time.perf_counter()
        specs = ", ".join(str(p.relative_to(paths.REPO)) for p in (paths.OPENAPI, paths.FLEET_SPEC, paths.PROTO))
        progress(f"Generating from {specs}, {tedapi.PROTO_DIR.relative_to(paths.REPO)}/ …")
        render(fresh)
        drift = compare(fresh, target)
        progress(f"Generated in {time.perf_counter() - started:.1f} s.")
        if check or drift.clean:
            return drift
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(fresh, target, ignore=shutil.ignore_patterns(*IGNORED_NAMES))
        return drift
