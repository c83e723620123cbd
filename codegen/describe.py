"""What each reading means: descriptions, units and open string sets, read from the spec.

The spec gives every leaf property of a response a ``description`` (what it
is, its unit, its sign) and every numeric one an ``x-pwkit-unit`` from
:data:`UNITS`. Everything that shows a reading to a person derives from this
module: ``generated/TOPICS.md``, the generated reading table
(``powerwall_client/pwkit_readings.py``) that the bridge and Home Assistant
discovery take units from, and the coverage figure of the spec's tests.

An *open string set* is written ``anyOf: [{$ref: <Set>}, {type: string}]``:
the component lists the values seen so far in ``enum``, the second branch
keeps the field open for every validator. :func:`open_set_values` recognises
that form.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .verify import Spec

# The values `x-pwkit-unit` may take, with what they mean.
UNITS: dict[str, str] = {
    "W": "watt (real power)",
    "VAr": "volt-ampere reactive (reactive power)",
    "VA": "volt-ampere (apparent power)",
    "kW": "kilowatt",
    "Wh": "watt-hour (energy)",
    "kWh": "kilowatt-hour (energy)",
    "Ws": "watt-second, i.e. joule (energy; 3600 Ws = 1 Wh)",
    "V": "volt",
    "A": "ampere",
    "Hz": "hertz",
    "%": "percent",
    "s": "second",
    "ms": "millisecond (timestamps: milliseconds since the Unix epoch)",
    "ns": "nanosecond",
    "B/s": "bytes per second",
    "°C": "degree Celsius",
    "1": "dimensionless: a count, an index, an identifier or a ratio",
}

NUMERIC_TYPES = ("number", "integer")

# Keys whose value names a list item better than its index (as the bridge's topics.NATURAL_IDS).
NATURAL_IDS = ("PackageSerialNumber", "serial", "din", "device_serial", "serial_number")


def open_set_values(spec: Spec, schema: Any) -> list[str] | None:
    """The known values of an open string set (``anyOf`` of an enum and a string), else None."""
    schema = spec.resolve(schema)
    if not isinstance(schema, dict) or "anyOf" not in schema:
        return None
    branches = [spec.resolve(b) for b in schema["anyOf"]]
    known = [v for b in branches if isinstance(b, dict) and "enum" in b for v in b["enum"]]
    open_branch = any(isinstance(b, dict) and b.get("type") == "string" and "enum" not in b for b in branches)
    return known if known and open_branch else None


@dataclass(frozen=True)
class Facts:
    """What a leaf's schema says about it: its type (as a person reads it), meaning and unit."""

    type: str
    description: str
    unit: str | None
    numeric: bool
    nullable: bool


def facts(spec: Spec, schema: Any) -> Facts:
    """The type, description and unit of a leaf property; the property's own words win over its ``$ref``'s."""
    merged: dict[str, Any] = {}
    node = schema
    layers = []
    while isinstance(node, dict):
        layers.append(node)
        if "$ref" in node:
            node = spec.resolve({"$ref": node["$ref"]})
            continue
        wrapped = [b for b in node.get("allOf", []) if isinstance(b, dict)]
        node = wrapped[0] if len(wrapped) == 1 else None
    for layer in reversed(layers):
        merged.update({k: v for k, v in layer.items() if k not in ("$ref", "allOf")})
    known = open_set_values(spec, merged)
    types = [merged.get("type")] if merged.get("type") else []
    nullable = bool(merged.get("nullable"))
    description = merged.get("description", "")
    for branch in merged.get("anyOf", []) + merged.get("oneOf", []):
        branch = spec.resolve(branch)
        if isinstance(branch, dict):
            types.append(branch.get("type") or ("object" if branch.get("properties") or branch.get("allOf") else None))
            nullable = nullable or bool(branch.get("nullable"))
            description = description or branch.get("description", "")
    if known is not None:
        kind = "text: " + ", ".join(f"`{v}`" for v in known) + ", …"
    else:
        kind = " or ".join(dict.fromkeys(t for t in types if t)) or "any"
    numeric = any(t in NUMERIC_TYPES for t in types)
    return Facts(kind, " ".join(str(description).split()), merged.get("x-pwkit-unit"), numeric, nullable)


# ----------------------------------------------------------- topics of a reading


def topic_leaves(spec: Spec, schema: Any, prefix: str = "") -> list[dict[str, Any]]:
    """The value topics a schema yields, as the bridge flattens answers (bridge.topics.leaves)."""
    schema = spec.resolve(schema)
    if not isinstance(schema, dict):
        return []
    properties = _properties(spec, schema)
    additional = schema.get("additionalProperties")
    items = schema.get("items")
    join = (lambda key: f"{prefix}/{key}") if prefix else (lambda key: key)
    if properties:
        out = []
        for key, child in properties.items():
            below = topic_leaves(spec, child, join(key))
            if not below or facts(spec, child).nullable or _has_scalar_shape(spec, child):
                out.append(_leaf(spec, child, join(key)))  # a null list or object is published as `null`
            out += below
        return out
    # A map's value or a list's item without words of its own is one of what its container says.
    container = facts(spec, schema).description
    if isinstance(additional, dict):
        return topic_leaves(spec, additional, join("<key>")) or [_leaf(spec, additional, join("<key>"), container)]
    if isinstance(items, dict):
        item = spec.resolve(items)
        names = [k for k in NATURAL_IDS if k in item.get("properties", {})]
        key = f"<{names[0]}>" if names else "<index>"
        return topic_leaves(spec, items, join(key)) or [_leaf(spec, items, join(key), container)]
    return []


def _has_scalar_shape(spec: Spec, schema: Any) -> bool:
    """An object in one firmware's shape and a plain value in another's (site_info's grid_code)."""
    schema = spec.resolve(schema)
    if not isinstance(schema, dict) or open_set_values(spec, schema) is not None:
        return False
    shapes = [spec.resolve(s) for s in schema.get("anyOf", []) + schema.get("oneOf", [])]
    return any(isinstance(s, dict) and s.get("type") not in (None, "object", "array") for s in shapes)


def _properties(spec: Spec, schema: Any) -> dict[str, Any]:
    """The properties of an object schema, with its `allOf` parts' and every `anyOf`/`oneOf` shape's."""
    schema = spec.resolve(schema)
    if not isinstance(schema, dict):
        return {}
    properties: dict[str, Any] = dict(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        properties.update(_properties(spec, part))
    for shape in schema.get("anyOf", []) + schema.get("oneOf", []):
        for key, child in _properties(spec, shape).items():
            properties.setdefault(key, child)
    return properties


def _leaf(spec: Spec, schema: Any, path: str, container: str = "") -> dict[str, Any]:
    found = facts(spec, schema)
    description = found.description or (f"One entry of: {container}" if container else "")
    return {
        "path": path,
        # A reading that can be null says so: the bridge publishes `null` for it (D19).
        "type": found.type + (" or null" if found.nullable and "null" not in found.type else ""),
        "description": description.replace("|", "/"),
        "unit": found.unit,
    }


# ------------------------------------------------------------------- coverage


@dataclass(frozen=True)
class Leaf:
    """One leaf property of a response schema, where the spec defines it."""

    pointer: str  # JSON pointer of the property's schema in the spec
    facts: Facts

    @property
    def complete(self) -> bool:
        """Described, and with a unit if numeric."""
        return bool(self.facts.description) and (not self.facts.numeric or self.facts.unit is not None)


def response_schemas(spec: Spec) -> Iterator[tuple[str, Any]]:
    """(pointer, schema) of every documented JSON response body."""
    for op in spec.operations():
        responses = spec.resolve(op.definition.get("responses", {}))
        for status, response in responses.items():
            content = spec.resolve(response).get("content", {})
            schema = content.get("application/json", {}).get("schema")
            if schema:
                yield f"{op.endpoint} {status}", schema


def response_leaves(spec: Spec) -> list[Leaf]:
    """Every leaf property reachable from a documented response, once per definition."""
    found: dict[str, Leaf] = {}
    seen: set[str] = set()

    def walk(schema: Any, pointer: str) -> None:
        if isinstance(schema, dict) and "$ref" in schema:
            ref = schema["$ref"]
            if ref in seen:
                return
            seen.add(ref)
            pointer = ref
        schema = spec.resolve(schema)
        if not isinstance(schema, dict):
            return
        for keyword in ("allOf", "anyOf", "oneOf"):
            for index, part in enumerate(schema.get(keyword, [])):
                walk(part, f"{pointer}/{keyword}/{index}")
        for key, child in schema.get("properties", {}).items():
            here = f"{pointer}/properties/{key}"
            resolved = spec.resolve(child)
            if _is_container(spec, resolved):
                walk(child, here)
            else:
                found.setdefault(here, Leaf(here, facts(spec, child)))
        if isinstance(schema.get("items"), dict):
            walk(schema["items"], f"{pointer}/items")
        if isinstance(schema.get("additionalProperties"), dict):
            walk(schema["additionalProperties"], f"{pointer}/additionalProperties")

    for pointer, schema in response_schemas(spec):
        walk(schema, pointer)
    return sorted(found.values(), key=lambda leaf: leaf.pointer)


def _is_container(spec: Spec, schema: dict[str, Any]) -> bool:
    """An object with properties, a map or an array of them: its children are the leaves."""
    if schema.get("properties") or isinstance(schema.get("additionalProperties"), dict):
        return True
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        item = spec.resolve(schema["items"])
        return _is_container(spec, item) or bool(item.get("anyOf") or item.get("oneOf") or item.get("allOf"))
    for keyword in ("allOf", "oneOf"):
        if any(_is_container(spec, spec.resolve(p)) for p in schema.get(keyword, [])):
            return True
    return any(_is_container(spec, spec.resolve(p)) for p in schema.get("anyOf", []) if "enum" not in spec.resolve(p))


@dataclass(frozen=True)
class Coverage:
    leaves: int
    described: int
    numeric: int
    with_unit: int
    complete: int

    @property
    def ratio(self) -> float:
        return self.complete / self.leaves if self.leaves else 1.0

    def line(self) -> str:
        return (
            f"{self.complete}/{self.leaves} leaf properties complete ({self.ratio:.1%}): "
            f"{self.described} described, {self.with_unit}/{self.numeric} numeric ones with x-pwkit-unit"
        )


def coverage(spec: Spec) -> Coverage:
    leaves = response_leaves(spec)
    numeric = [leaf for leaf in leaves if leaf.facts.numeric]
    return Coverage(
        leaves=len(leaves),
        described=sum(1 for leaf in leaves if leaf.facts.description),
        numeric=len(numeric),
        with_unit=sum(1 for leaf in numeric if leaf.facts.unit is not None),
        complete=sum(1 for leaf in leaves if leaf.complete),
    )
