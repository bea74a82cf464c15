"""Whether a new JSON Schema breaks the consumers of the old one, change by change.

Schemas are compared as plain JSON (pydantic-generated, with ``$defs``), never through
the models, so any two releases compare.

Consumers read records. A change is *additive* when an old consumer can still read
new records and a new consumer can still read old records of the same major
version; otherwise it is *breaking* and needs a new major version. Two assumptions
make that decidable from the schemas alone:

1. Consumers ignore fields they do not know (the tolerant reader). So a new field
   or definition is additive, and ``additionalProperties`` never breaks anyone.
2. A missing key reads as the property's declared ``default``. So a field that is
   *required but declares a default its type admits* is additive: 1.1.0's new
   fields are required and nullable with default null, records of 1.0.0 lack them
   and read as null (which is what the models do). Validate old records against
   their own release's schema, not a later one: the later one requires the key.

Everything that changes the values an existing field may hold breaks one side:
widening (a type gains a branch, a constraint is loosened, an enum value is added)
lets new records carry values old consumers reject; narrowing (a type loses a
branch, a constraint is tightened, an enum value is removed) lets old records hold
values new consumers reject. A removed field is breaking even when it was optional
(the contract: never drop or rename a field without a major version); a rename
shows as removed + added. ``required`` added or removed is breaking unless the
side that must fill in the missing key has a default. A removed definition is
breaking (consumers that generate types from the schema lose one).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ..versioning import Compatibility
from .values import MISSING, canon, shown

__all__ = [
    "ChangeKind",
    "SchemaChange",
    "Where",
    "compatibility",
    "is_breaking",
    "record_kinds",
    "schema_changes",
]


ChangeKind = Literal[
    "field added",
    "field removed",
    "type changed",
    "required added",
    "required removed",
    "enum value added",
    "enum value removed",
    "constraint tightened",
    "constraint loosened",
    "constraint changed",
    "definition added",
    "definition removed",
]

Where = tuple[str, ...]
"""A place in a record: the keys from the article down, list items transparent."""


@dataclass(frozen=True, order=True)
class SchemaChange:
    """One difference between two schemas, and whether it breaks consumers."""

    path: str
    """Definition and field, e.g. ``Claim.strength``; ``[]`` marks list items."""
    kind: ChangeKind
    breaking: bool
    detail: str = ""

    def __str__(self) -> str:
        label = "breaking" if self.breaking else "additive"
        tail = f": {self.detail}" if self.detail else ""
        return f"{self.path} ({self.kind}, {label}){tail}"


_ANNOTATIONS = frozenset(
    {"title", "description", "default", "examples", "$comment", "deprecated", "readOnly"}
    | {"writeOnly", "$id", "$schema", "$anchor", "$defs", "definitions"}
)
_STRUCTURE = frozenset({"type", "$ref", "anyOf", "oneOf", "allOf", "enum", "const"})
_LOWER = frozenset({"minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"})
_UPPER = frozenset({"maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"})

_Shape = dict[str, dict[str, Any]]
"""The values a property admits: JSON type (or ``ref:Name``) -> its validation keywords."""


def _ref_name(ref: str, root: str) -> str:
    return root if ref == "#" else ref.rsplit("/", 1)[-1]


def _branches(schema: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The alternatives of a schema, with anyOf/oneOf flattened and a lone allOf unwrapped."""
    for key in ("anyOf", "oneOf"):
        options = schema.get(key)
        if isinstance(options, list):
            return [b for o in options if isinstance(o, dict) for b in _branches(o)]
    parts = schema.get("allOf")
    if isinstance(parts, list) and len(parts) == 1 and isinstance(parts[0], dict):
        merged = {k: v for k, v in schema.items() if k != "allOf"}
        merged.update(parts[0])
        return _branches(merged)
    return [schema]


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _shape(schema: Mapping[str, Any], root: str) -> _Shape:
    shape: _Shape = {}
    for branch in _branches(schema):
        facets = {
            k: v
            for k, v in branch.items()
            if k not in _ANNOTATIONS and k not in _STRUCTURE and not k.startswith("x-")
        }
        if isinstance(branch.get("$ref"), str):
            shape.setdefault("ref:" + _ref_name(branch["$ref"], root), {})
            continue
        declared = branch.get("type")
        types = [declared] if isinstance(declared, str) else list(declared or [])
        values = (
            branch["enum"]
            if isinstance(branch.get("enum"), list)
            else [branch["const"]]
            if "const" in branch
            else None
        )
        if values is not None:
            for value in values:
                kind = types[0] if len(types) == 1 else _json_type(value)
                slot = shape.setdefault(kind, dict(facets))
                slot.setdefault("enum", []).append(value)
            continue
        for kind in types or ["any"]:
            shape.setdefault(kind, {}).update(facets)
    return shape


def _type_label(shape: _Shape) -> str:
    names = sorted(shape, key=lambda t: (t == "null", t))
    return " | ".join(n.removeprefix("ref:") for n in names) or "nothing"


_CONSTRAINT: dict[str, ChangeKind] = {
    "tightened": "constraint tightened",
    "loosened": "constraint loosened",
    "changed": "constraint changed",
}


def _direction(key: str, old: Any, new: Any) -> Literal["tightened", "loosened", "changed"]:
    """Whether a validation keyword's change admits fewer values, more, or different ones."""
    if old is MISSING:
        return "tightened"
    if new is MISSING:
        return "loosened"
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (old, new))
    if key in _LOWER and numbers:
        return "tightened" if new > old else "loosened"
    if key in _UPPER and numbers:
        return "tightened" if new < old else "loosened"
    if key == "uniqueItems":
        return "tightened" if new else "loosened"
    return "changed"


def _compare_facets(
    path: str, old: Mapping[str, Any], new: Mapping[str, Any]
) -> list[SchemaChange]:
    changes: list[SchemaChange] = []
    if "enum" in old or "enum" in new:
        if "enum" not in new:
            detail = f"no longer limited to {len(old['enum'])} values"
            changes.append(SchemaChange(path, "constraint loosened", True, detail))
        elif "enum" not in old:
            detail = f"now limited to {len(new['enum'])} values"
            changes.append(SchemaChange(path, "constraint tightened", True, detail))
        else:
            before = {canon(v) for v in old["enum"]}
            after = {canon(v) for v in new["enum"]}
            changes += [
                SchemaChange(path, "enum value added", True, f"{v}: old consumers do not know it")
                for v in sorted(after - before)
            ]
            changes += [
                SchemaChange(path, "enum value removed", True, f"{v}: old records may hold it")
                for v in sorted(before - after)
            ]
    old_items, new_items = old.get("items"), new.get("items")
    if isinstance(old_items, dict) and isinstance(new_items, dict):
        changes += _compare_shapes(f"{path}[]", _shape(old_items, ""), _shape(new_items, ""))
    for key in sorted((old.keys() | new.keys()) - {"enum"}):
        if key == "items" and isinstance(old_items, dict) and isinstance(new_items, dict):
            continue
        before, after = old.get(key, MISSING), new.get(key, MISSING)
        if before is not MISSING and after is not MISSING and canon(before) == canon(after):
            continue
        kind = _CONSTRAINT[_direction(key, before, after)]
        detail = f"{key}: {shown(before)} -> {shown(after)}"
        changes.append(SchemaChange(path, kind, True, detail))
    return changes


def _compare_shapes(path: str, old: _Shape, new: _Shape) -> list[SchemaChange]:
    changes: list[SchemaChange] = []
    if old.keys() != new.keys():
        came, went = new.keys() - old.keys(), old.keys() - new.keys()
        how = "widened" if not went else "narrowed" if not came else "replaced"
        detail = f"{_type_label(old)} -> {_type_label(new)} ({how})"
        changes.append(SchemaChange(path, "type changed", True, detail))
    for kind in sorted(old.keys() & new.keys()):
        changes += _compare_facets(path, old[kind], new[kind])
    return changes


def _usable_default(prop: Mapping[str, Any], shape: _Shape) -> bool:
    """True when the property declares a default its own type admits."""
    if "default" not in prop:
        return False
    return prop["default"] is not None or "null" in shape or "any" in shape


def _compare_definition(
    name: str, old: Mapping[str, Any], new: Mapping[str, Any], root: str
) -> list[SchemaChange]:
    old_props, new_props = old.get("properties"), new.get("properties")
    if not isinstance(old_props, dict) or not isinstance(new_props, dict):
        # Not a record type (e.g. an Enum class's definition): compare it as a value.
        return _compare_shapes(name, _shape(old, root), _shape(new, root))
    old_req, new_req = set(old.get("required") or ()), set(new.get("required") or ())
    old_shapes = {k: _shape(v, root) for k, v in old_props.items()}
    new_shapes = {k: _shape(v, root) for k, v in new_props.items()}
    changes: list[SchemaChange] = []
    for key in sorted(new_props.keys() - old_props.keys()):
        prop, shape = new_props[key], new_shapes[key]
        if key not in new_req:
            detail = "optional: records may leave it out"
            changes.append(SchemaChange(f"{name}.{key}", "field added", False, detail))
        elif _usable_default(prop, shape):
            default = canon(prop["default"])
            detail = f"records of earlier releases read it as {default}"
            changes.append(SchemaChange(f"{name}.{key}", "field added", False, detail))
        else:
            detail = "every record must have it, and records of earlier releases do not"
            changes.append(SchemaChange(f"{name}.{key}", "field added", True, detail))
    added = sorted(new_props.keys() - old_props.keys())
    for key in sorted(old_props.keys() - new_props.keys()):
        twins = [k for k in added if canon(new_shapes[k]) == canon(old_shapes[key])]
        detail = "consumers that read it break"
        if twins:
            detail += f"; renamed to {twins[0]}?"
        changes.append(SchemaChange(f"{name}.{key}", "field removed", True, detail))
    for key in sorted(old_props.keys() & new_props.keys()):
        path = f"{name}.{key}"
        changes += _compare_shapes(path, old_shapes[key], new_shapes[key])
        if key in new_req and key not in old_req:
            fills = _usable_default(new_props[key], new_shapes[key])
            detail = (
                "old records without it read as the default" if fills else "old records may lack it"
            )
            changes.append(SchemaChange(path, "required added", not fills, detail))
        if key in old_req and key not in new_req:
            fills = _usable_default(old_props[key], old_shapes[key])
            detail = "old consumers read it as the default" if fills else "old consumers expect it"
            changes.append(SchemaChange(path, "required removed", not fills, detail))
    before, after = old.get("additionalProperties", True), new.get("additionalProperties", True)
    if canon(before) != canon(after):
        kind: ChangeKind = "constraint tightened" if after is False else "constraint loosened"
        detail = (
            f"additionalProperties: {canon(before)} -> {canon(after)}; "
            "readers ignore unknown fields"
        )
        changes.append(SchemaChange(name, kind, False, detail))
    return changes


def _definitions(schema: Mapping[str, Any], root: str) -> dict[str, Mapping[str, Any]]:
    """Every record definition of a schema by name, the root under ``root``."""
    defs = schema.get("$defs")
    found: dict[str, Mapping[str, Any]] = {root: schema}
    if isinstance(defs, dict):
        found.update({k: v for k, v in defs.items() if isinstance(v, dict) and k != root})
    return found


def schema_changes(
    old_schema: Mapping[str, Any], new_schema: Mapping[str, Any]
) -> list[SchemaChange]:
    """Differences between two JSON Schemas (pydantic-generated, with ``$defs``), sorted by path.

    The root is named by its ``title`` (``Article``), definitions by their key.
    Annotations (title, description, ``$id``, ``x-`` keys) are ignored; for what
    counts as breaking, see the module docstring.

    >>> import json; from adhd_corpus.loader import release_path
    >>> def schema(v: str) -> dict:
    ...     return json.loads((release_path(v) / "article.schema.json").read_text())
    >>> changes = schema_changes(schema("1.0.0"), schema("1.1.0"))
    >>> print(changes[0])  # doctest: +NORMALIZE_WHITESPACE
    Article.non_claims (field added, additive): records of earlier releases read it as null
    >>> is_breaking(changes)
    False
    """
    root = str(new_schema.get("title") or old_schema.get("title") or "Article")
    old_defs, new_defs = _definitions(old_schema, root), _definitions(new_schema, root)
    changes: list[SchemaChange] = []
    for name in sorted(new_defs.keys() - old_defs.keys()):
        changes.append(SchemaChange(name, "definition added", False, "new record type"))
    for name in sorted(old_defs.keys() - new_defs.keys()):
        detail = "consumers that generate types from the schema lose it"
        changes.append(SchemaChange(name, "definition removed", True, detail))
    for name in sorted(old_defs.keys() & new_defs.keys()):
        changes += _compare_definition(name, old_defs[name], new_defs[name], root)
    return sorted(changes)


def is_breaking(changes: Iterable[SchemaChange]) -> bool:
    """True when any change breaks consumers and so needs a new major version.

    >>> is_breaking([SchemaChange("Claim.x", "field removed", True)])
    True
    """
    return any(change.breaking for change in changes)


def compatibility(changes: Iterable[SchemaChange]) -> Compatibility:
    """The verdict the version-bump policy reads: breaking, additive or none, and why.

    The reasons are the changes of the deciding kind, one per field and kind.

    >>> compatibility([SchemaChange("Claim.y", "field added", False)])
    Compatibility(level='additive', reasons=('Claim.y (field added)',))
    >>> compatibility([]).level
    'none'
    """
    found = list(changes)
    breaking = [c for c in found if c.breaking]
    deciding = breaking or found
    reasons = tuple(dict.fromkeys(f"{c.path} ({c.kind})" for c in deciding))
    if breaking:
        return Compatibility("breaking", reasons)
    return Compatibility("additive", reasons) if found else Compatibility("none")


def record_kinds(schema: Mapping[str, Any]) -> dict[Where, str]:
    """Place in a record -> the schema definition of the records there, e.g. claims -> Claim."""
    found = schema.get("$defs")
    defs: Mapping[str, Any] = found if isinstance(found, dict) else {}
    root = str(schema.get("title") or "Article")
    kinds: dict[Where, str] = {(): root}

    def targets(prop: Mapping[str, Any]) -> Iterator[str]:
        for branch in _branches(prop):
            if isinstance(branch.get("$ref"), str):
                yield _ref_name(branch["$ref"], root)
            elif isinstance(branch.get("items"), dict):
                yield from targets(branch["items"])

    def walk(node: Mapping[str, Any], where: Where, seen: frozenset[str]) -> None:
        props = node.get("properties")
        if not isinstance(props, dict):
            return
        for name in sorted(props):
            for target in targets(props[name]):
                definition = schema if target == root else defs.get(target)
                if isinstance(definition, dict) and target not in seen:
                    kinds[(*where, name)] = target
                    walk(definition, (*where, name), seen | {target})
                    break

    walk(schema, (), frozenset({root}))
    return kinds
