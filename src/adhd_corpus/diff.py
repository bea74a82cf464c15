"""What changed between two releases: records, claims, schema, and whether the version says so.

Release folders are read with plain ``json``, never through the parser, the build
or the models, so any two releases compare, even ones whose schema this package
no longer matches, and so does a release still being built. Checksums are not
verified here: the loader and ``adhd-corpus verify`` do that.

When a schema change is breaking
--------------------------------
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

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .errors import RecordError, ReleaseNotFoundError
from .integrity import read_manifest
from .layout import RECORDS, SCHEMA
from .semver import major, version_key

__all__ = [
    "ArticleChange",
    "ChangeKind",
    "ClaimChange",
    "ClaimMove",
    "CountChange",
    "FieldChange",
    "FieldFill",
    "ReleaseDiff",
    "SchemaChange",
    "check_version_bump",
    "diff_releases",
    "is_breaking",
    "render_changelog",
    "render_json",
    "render_text",
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

_Where = tuple[str, ...]
"""A place in a record: the keys from the article down, list items transparent."""

_MISSING: Any = object()
"""Stands for an absent key, so that absent and null stay different."""

_SHORT = 60
"""Longest value shown as is in a change; longer ones are summarised."""

_CHANGELOG_LIMIT = 20
"""Entries per list in a changelog, so a large release still reads in a minute."""


# --- results ---------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class FieldChange:
    """A field whose value differs, with short renderings of both values."""

    name: str
    old: str
    new: str


@dataclass(frozen=True)
class ClaimChange:
    """A claim kept under the same id whose other fields changed."""

    id: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class ClaimMove:
    """A claim whose span moved (new id) but whose text is the same.

    ``fields`` lists what else changed; offsets inside the claim (entities, cues)
    are compared after shifting them by the move, so a pure move lists nothing.
    """

    old_id: str
    new_id: str
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class ArticleChange:
    """An article present in both releases whose record differs."""

    id: str
    fields: tuple[FieldChange, ...]
    """Top-level fields that differ, by name; fields new to the schema are left out."""
    claims_added: tuple[str, ...] = ()
    claims_removed: tuple[str, ...] = ()
    claims_moved: tuple[ClaimMove, ...] = ()
    claims_changed: tuple[ClaimChange, ...] = ()

    @property
    def field_names(self) -> tuple[str, ...]:
        """Names of the top-level fields that differ."""
        return tuple(f.name for f in self.fields)


@dataclass(frozen=True)
class FieldFill:
    """A field that records of one kind all gained (or all lost) between the releases.

    Reported once instead of as a change on every record: it comes from a schema
    change, not from the data. ``records`` counts the records carrying the field in
    the release that has it; ``non_null`` those where its value is not null.
    """

    path: str
    records: int
    non_null: int


@dataclass(frozen=True)
class CountChange:
    """Rows of one table in each release's manifest (None where a release lacks it)."""

    table: str
    old: int | None
    new: int | None

    @property
    def delta(self) -> int:
        """New minus old, counting a missing table as empty."""
        return (self.new or 0) - (self.old or 0)


@dataclass(frozen=True)
class ReleaseDiff:
    """Everything that changed from one release to another."""

    name: str
    old_version: str
    new_version: str
    old_schema_version: str
    new_schema_version: str
    added: tuple[str, ...]
    """Ids of articles only in the new release, sorted."""
    removed: tuple[str, ...]
    """Ids of articles only in the old release, sorted."""
    changed: tuple[ArticleChange, ...]
    """Articles in both releases whose records differ, sorted by id."""
    unchanged: int
    new_fields: tuple[FieldFill, ...]
    dropped_fields: tuple[FieldFill, ...]
    schema_changes: tuple[SchemaChange, ...]
    counts: tuple[CountChange, ...]
    claims_of_added: int = 0
    """Claims of the added articles: every one of them is an added claim."""
    claims_of_removed: int = 0
    """Claims of the removed articles: every one of them is a removed claim."""

    @property
    def empty(self) -> bool:
        """True when the records and the schema are the same."""
        return not (
            self.added
            or self.removed
            or self.changed
            or self.new_fields
            or self.dropped_fields
            or self.schema_changes
        )

    @property
    def breaking(self) -> bool:
        """True when a schema change breaks consumers (see the module docstring)."""
        return is_breaking(self.schema_changes)

    @property
    def claim_totals(self) -> dict[str, int]:
        """Claims added, removed, moved and changed: those of added and removed articles
        count as added and removed, besides those of changed articles."""
        return {
            "added": self.claims_of_added + sum(len(a.claims_added) for a in self.changed),
            "removed": self.claims_of_removed + sum(len(a.claims_removed) for a in self.changed),
            "moved": sum(len(a.claims_moved) for a in self.changed),
            "changed": sum(len(a.claims_changed) for a in self.changed),
        }


# --- reading releases ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Release:
    manifest: dict[str, Any]
    schema: dict[str, Any]
    records: Path


def _read_release(folder: Path, manifest: dict[str, Any] | None = None) -> _Release:
    """Manifest and schema of a release folder (records are streamed), without verifying
    checksums. ``manifest`` stands in for one not written yet (a release being sealed)."""
    if not folder.is_dir():
        raise ReleaseNotFoundError(f"{folder}: no such release folder")
    manifest = read_manifest(folder) if manifest is None else manifest
    for name in (SCHEMA, RECORDS):
        if not (folder / name).is_file():
            raise ReleaseNotFoundError(f"{folder}: not a complete release (no {name})")
    try:
        schema = json.loads((folder / SCHEMA).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RecordError(f"{folder / SCHEMA}: not valid JSON: {exc}") from None
    if not isinstance(schema, dict):
        raise RecordError(f"{folder / SCHEMA}: not a JSON Schema object")
    return _Release(manifest, schema, folder / RECORDS)


def _records(path: Path) -> Iterator[dict[str, Any]]:
    """The records of ``articles.jsonl`` one at a time, checked to be in id order (as
    releases write them), so two releases can be compared without holding either."""
    previous: str | None = None
    with path.open("rb") as handle:  # bytes: a line that is not UTF-8 is named, not fatal
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except UnicodeDecodeError as exc:
                reason = f"not UTF-8: byte 0x{line[exc.start]:02x} at byte {exc.start} of the line"
                raise RecordError(f"{path}:{number}: {reason}") from None
            except json.JSONDecodeError as exc:
                raise RecordError(f"{path}:{number}: not valid JSON: {exc.msg}") from None
            if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                raise RecordError(f"{path}:{number}: not an article record (no string 'id')")
            if previous is not None and record["id"] == previous:
                raise RecordError(f"{path}:{number}: duplicate article id {record['id']!r}")
            if previous is not None and record["id"] < previous:
                raise RecordError(f"{path}:{number}: records are not sorted by id")
            previous = record["id"]
            yield record


def _pairs(old: Path, new: Path) -> Iterator[tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """Records of two releases matched by id (a merge of two sorted streams)."""
    left, right = _records(old), _records(new)
    a, b = next(left, None), next(right, None)
    while a is not None or b is not None:
        if b is None or (a is not None and a["id"] < b["id"]):
            yield a, None
            a = next(left, None)
        elif a is None or b["id"] < a["id"]:
            yield None, b
            b = next(right, None)
        else:
            yield a, b
            a, b = next(left, None), next(right, None)


# --- comparing records -----------------------------------------------------------------------


def _canon(value: Any) -> str:
    """Canonical JSON, so that equal means equal as written (1 != 1.0 != true)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _summary(value: Any) -> str:
    """A short rendering of a value for a change line."""
    if value is _MISSING:
        return "absent"
    text = _canon(value)
    if len(text) <= _SHORT:
        return text
    if isinstance(value, list):
        return f"{len(value)} items"
    return text[: _SHORT - 1] + "…"


def _field_changes(
    old: Mapping[str, Any], new: Mapping[str, Any], skip: Iterable[str] = ()
) -> tuple[FieldChange, ...]:
    """The keys whose values differ, in name order."""
    names = sorted((old.keys() | new.keys()) - set(skip))
    changes: list[FieldChange] = []
    for name in names:
        before, after = old.get(name, _MISSING), new.get(name, _MISSING)
        if before is not _MISSING and after is not _MISSING and _canon(before) == _canon(after):
            continue
        old_text, new_text = _summary(before), _summary(after)
        if old_text == new_text and isinstance(before, list) and isinstance(after, list):
            differ = sum(_canon(a) != _canon(b) for a, b in zip(before, after, strict=True))
            new_text += f", {differ} differ" if differ != 1 else ", 1 differs"
        changes.append(FieldChange(name, old_text, new_text))
    return tuple(changes)


def _children(value: Any) -> list[dict[str, Any]]:
    """The records directly inside a value: itself if a dict, its dict items if a list."""
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, dict)]
    return []


@dataclass
class _Keys:
    """How many records sit at one place and how many carry each key."""

    records: int = 0
    present: Counter[str] = field(default_factory=Counter)
    non_null: Counter[str] = field(default_factory=Counter)


def _inventory(articles: Iterable[Mapping[str, Any]]) -> dict[_Where, _Keys]:
    """Keys of every record at every place in a release."""
    found: dict[_Where, _Keys] = {}

    def visit(record: Mapping[str, Any], where: _Where) -> None:
        keys = found.setdefault(where, _Keys())
        keys.records += 1
        for key, value in record.items():
            keys.present[key] += 1
            if value is not None:
                keys.non_null[key] += 1
            for child in _children(value):
                visit(child, (*where, key))

    for article in articles:
        visit(article, ())
    return found


def _strip(value: Any, where: _Where, ignore: Mapping[_Where, frozenset[str]]) -> Any:
    """A copy of ``value`` without the keys ``ignore`` names at each place."""
    if isinstance(value, list):
        return [_strip(item, where, ignore) for item in value]
    if not isinstance(value, dict):
        return value
    drop = ignore.get(where, frozenset())
    return {k: _strip(v, (*where, k), ignore) for k, v in value.items() if k not in drop}


def _shift(value: Any, delta: int) -> Any:
    """A copy with every nested ``start``/``end`` offset moved by ``delta``."""
    if isinstance(value, list):
        return [_shift(item, delta) for item in value]
    if not isinstance(value, dict):
        return value
    return {
        k: v + delta
        if k in ("start", "end") and isinstance(v, int) and not isinstance(v, bool)
        else _shift(v, delta)
        for k, v in value.items()
    }


def _claim_id(claim: Mapping[str, Any], index: int) -> str:
    claim_id = claim.get("id")
    return claim_id if isinstance(claim_id, str) else f"#{index}"


def _moved_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    """What changed in a moved claim besides its span and the offsets inside it."""
    start_old, start_new = old.get("start"), new.get("start")
    delta = (
        start_new - start_old if isinstance(start_old, int) and isinstance(start_new, int) else 0
    )
    shifted = {k: _shift(v, delta) for k, v in old.items()}
    return _field_changes(shifted, new, skip=("id", "start", "end"))


def _diff_claims(
    old_claims: Sequence[Mapping[str, Any]], new_claims: Sequence[Mapping[str, Any]]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[ClaimMove, ...], tuple[ClaimChange, ...]]:
    """Claims added, removed, moved and changed, matched by id, then by identical text."""
    old_by = {_claim_id(c, i): c for i, c in enumerate(old_claims)}
    new_by = {_claim_id(c, i): c for i, c in enumerate(new_claims)}
    gone = [i for i in old_by if i not in new_by]
    came = [i for i in new_by if i not in old_by]
    changed = tuple(
        ClaimChange(i, fields)
        for i in old_by
        if i in new_by and (fields := _field_changes(old_by[i], new_by[i], skip=("id",)))
    )
    by_text: dict[str, list[str]] = {}
    for i in came:
        text = new_by[i].get("text")
        if isinstance(text, str):
            by_text.setdefault(text, []).append(i)
    moved: list[ClaimMove] = []
    removed: list[str] = []
    for i in gone:
        text = old_by[i].get("text")
        candidates = by_text.get(text) if isinstance(text, str) else None
        if candidates:
            j = candidates.pop(0)
            moved.append(ClaimMove(i, j, _moved_fields(old_by[i], new_by[j])))
        else:
            removed.append(i)
    paired = {m.new_id for m in moved}
    added = tuple(i for i in came if i not in paired)
    return added, tuple(removed), tuple(moved), changed


def _diff_article(article_id: str, old: dict[str, Any], new: dict[str, Any]) -> ArticleChange:
    fields = _field_changes(old, new, skip=("id",))
    old_claims, new_claims = old.get("claims"), new.get("claims")
    claims_differ = any(f.name == "claims" for f in fields)
    if claims_differ and isinstance(old_claims, list) and isinstance(new_claims, list):
        added, removed, moved, changed = _diff_claims(_children(old_claims), _children(new_claims))
        return ArticleChange(article_id, fields, added, removed, moved, changed)
    return ArticleChange(article_id, fields)


def _record_kinds(schema: Mapping[str, Any]) -> dict[_Where, str]:
    """Place in a record -> the schema definition of the records there, e.g. claims -> Claim."""
    found = schema.get("$defs")
    defs: Mapping[str, Any] = found if isinstance(found, dict) else {}
    root = str(schema.get("title") or "Article")
    kinds: dict[_Where, str] = {(): root}

    def targets(prop: Mapping[str, Any]) -> Iterator[str]:
        for branch in _branches(prop):
            if isinstance(branch.get("$ref"), str):
                yield _ref_name(branch["$ref"], root)
            elif isinstance(branch.get("items"), dict):
                yield from targets(branch["items"])

    def walk(node: Mapping[str, Any], where: _Where, seen: frozenset[str]) -> None:
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


def _kind_name(where: _Where, kinds: Mapping[_Where, str]) -> str:
    return kinds.get(where) or ".".join(where)


def _field_fills(
    old: Mapping[_Where, _Keys], new: Mapping[_Where, _Keys], kinds: Mapping[_Where, str]
) -> tuple[tuple[FieldFill, ...], tuple[FieldFill, ...], dict[_Where, frozenset[str]]]:
    """Keys no old record had but new ones do (and the reverse), and where to ignore them.

    Only places holding records in both releases count: with nothing to compare
    against, a key is not new.
    """
    gained: list[FieldFill] = []
    lost: list[FieldFill] = []
    ignore: dict[_Where, frozenset[str]] = {}
    for where in sorted(old.keys() & new.keys()):
        before, after = old[where], new[where]
        came = sorted(after.present.keys() - before.present.keys())
        went = sorted(before.present.keys() - after.present.keys())
        name = _kind_name(where, kinds)
        gained += [FieldFill(f"{name}.{k}", after.present[k], after.non_null[k]) for k in came]
        lost += [FieldFill(f"{name}.{k}", before.present[k], before.non_null[k]) for k in went]
        if came or went:
            ignore[where] = frozenset(came + went)
    return (
        tuple(sorted(gained, key=lambda f: f.path)),
        tuple(sorted(lost, key=lambda f: f.path)),
        ignore,
    )


def diff_releases(old: Path, new: Path, new_manifest: dict[str, Any] | None = None) -> ReleaseDiff:
    """Compare two release folders: articles, claims, new fields, schema and counts.

    Articles match by id and claims by id (``<article id>:<start>-<end>``); a claim
    whose id disappears while one with the same text appears is reported as moved.
    Keys that no record of a kind had in ``old`` but records have in ``new`` come
    from a schema change: they are reported once in ``new_fields`` and left out of
    the per-record comparison, so filling in a new field does not "change" every claim.

    >>> from adhd_corpus.loader import release_path
    >>> diff = diff_releases(release_path("1.0.0"), release_path("1.1.0"))
    >>> diff.added, diff.removed, diff.breaking
    ((), (), False)
    >>> [f.path for f in diff.new_fields][:2]
    ['Article.non_claims', 'Claim.boosters']

    ``new_manifest`` stands in for ``new``'s manifest before it is written: the release
    writer compares a release with its predecessor before sealing it.
    """
    before, after = _read_release(Path(old)), _read_release(Path(new), new_manifest)
    kinds = {**_record_kinds(before.schema), **_record_kinds(after.schema)}
    new_fields, dropped_fields, ignore = _field_fills(
        _inventory(_records(before.records)), _inventory(_records(after.records)), kinds
    )
    changed: list[ArticleChange] = []
    added: list[str] = []
    removed: list[str] = []
    common = claims_of_added = claims_of_removed = 0
    for old_record, new_record in _pairs(before.records, after.records):
        if old_record is None:
            added.append(new_record["id"] if new_record else "")
            claims_of_added += len((new_record or {}).get("claims") or [])
            continue
        if new_record is None:
            removed.append(old_record["id"])
            claims_of_removed += len(old_record.get("claims") or [])
            continue
        common += 1
        old_kept = _strip(old_record, (), ignore)
        new_kept = _strip(new_record, (), ignore)
        if _canon(old_kept) != _canon(new_kept):
            changed.append(_diff_article(old_record["id"], old_kept, new_kept))
    old_counts = before.manifest.get("counts") or {}
    new_counts = after.manifest.get("counts") or {}
    counts = tuple(
        CountChange(table, old_counts.get(table), new_counts.get(table))
        for table in sorted(old_counts.keys() | new_counts.keys())
    )
    return ReleaseDiff(
        name=str(after.manifest.get("name") or before.manifest.get("name") or "release"),
        old_version=str(before.manifest.get("version") or Path(old).name),
        new_version=str(after.manifest.get("version") or Path(new).name),
        old_schema_version=str(before.manifest.get("schema_version") or "unknown"),
        new_schema_version=str(after.manifest.get("schema_version") or "unknown"),
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        unchanged=common - len(changed),
        new_fields=new_fields,
        dropped_fields=dropped_fields,
        schema_changes=tuple(schema_changes(before.schema, after.schema)),
        counts=counts,
        claims_of_added=claims_of_added,
        claims_of_removed=claims_of_removed,
    )


# --- comparing schemas -----------------------------------------------------------------------

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


def _shown(value: Any) -> str:
    return "absent" if value is _MISSING else _canon(value)


_CONSTRAINT: dict[str, ChangeKind] = {
    "tightened": "constraint tightened",
    "loosened": "constraint loosened",
    "changed": "constraint changed",
}


def _direction(key: str, old: Any, new: Any) -> Literal["tightened", "loosened", "changed"]:
    """Whether a validation keyword's change admits fewer values, more, or different ones."""
    if old is _MISSING:
        return "tightened"
    if new is _MISSING:
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
            before = {_canon(v) for v in old["enum"]}
            after = {_canon(v) for v in new["enum"]}
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
        before, after = old.get(key, _MISSING), new.get(key, _MISSING)
        if before is not _MISSING and after is not _MISSING and _canon(before) == _canon(after):
            continue
        kind = _CONSTRAINT[_direction(key, before, after)]
        detail = f"{key}: {_shown(before)} -> {_shown(after)}"
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
            default = _canon(prop["default"])
            detail = f"records of earlier releases read it as {default}"
            changes.append(SchemaChange(f"{name}.{key}", "field added", False, detail))
        else:
            detail = "every record must have it, and records of earlier releases do not"
            changes.append(SchemaChange(f"{name}.{key}", "field added", True, detail))
    added = sorted(new_props.keys() - old_props.keys())
    for key in sorted(old_props.keys() - new_props.keys()):
        twins = [k for k in added if _canon(new_shapes[k]) == _canon(old_shapes[key])]
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
    if _canon(before) != _canon(after):
        kind: ChangeKind = "constraint tightened" if after is False else "constraint loosened"
        detail = (
            f"additionalProperties: {_canon(before)} -> {_canon(after)}; "
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


def check_version_bump(
    old_version: str, new_version: str, changes: Iterable[SchemaChange]
) -> str | None:
    """An error message when breaking changes come without a new major version, else None.

    In 0.x (where semver promises nothing) a new minor version is enough.

    >>> change = SchemaChange("Claim.x", "field removed", True)
    >>> print(check_version_bump("1.1.0", "1.2.0", [change]))  # doctest: +NORMALIZE_WHITESPACE
    schema change Claim.x (field removed) is breaking:
    release 1.2.0 needs a new major version (2.0.0)
    >>> print(check_version_bump("1.1.0", "2.0.0", [change]))
    None
    """
    breaking = list(dict.fromkeys((c.path, c.kind) for c in changes if c.breaking))
    if not breaking:
        return None
    old_key, new_key = version_key(old_version), version_key(new_version)
    if major(new_version) > major(old_version):
        return None
    if old_key[0] == 0 and new_key[0] == 0 and new_key[1] > old_key[1]:
        return None
    if old_key[0] == 0:
        needed = f"a new minor version (0.{old_key[1] + 1}.0)"
    else:
        needed = f"a new major version ({old_key[0] + 1}.0.0)"
    named = [f"{path} ({kind})" for path, kind in breaking[:3]]
    if len(breaking) > 3:
        named[-1] += f" and {len(breaking) - 3} more"
    subject = "schema change" if len(breaking) == 1 else "schema changes"
    verb = "is" if len(breaking) == 1 else "are"
    return f"{subject} {', '.join(named)} {verb} breaking: release {new_version} needs {needed}"


# --- rendering -------------------------------------------------------------------------------


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _count_text(count: CountChange) -> str:
    def show(value: int | None) -> str:
        return "-" if value is None else str(value)

    if count.old == count.new:
        return f"{count.table} {show(count.new)}"
    return f"{count.table} {show(count.old)} -> {show(count.new)} ({count.delta:+d})"


def _claims_line(article: ArticleChange) -> str:
    parts = [
        f"{len(article.claims_added)} added",
        f"{len(article.claims_removed)} removed",
        f"{len(article.claims_moved)} moved",
        f"{len(article.claims_changed)} changed",
    ]
    return ", ".join(p for p in parts if not p.startswith("0 ")) or "reordered"


def _change_text(change: FieldChange) -> str:
    return f"{change.name} {change.old} -> {change.new}"


def render_text(diff: ReleaseDiff) -> str:
    """The diff for people: a summary, then schema, new fields and per-article details.

    >>> from adhd_corpus.loader import release_path
    >>> print(render_text(diff_releases(release_path("1.1.0"), release_path("1.1.0"))))
    ... # doctest: +ELLIPSIS
    adhd-corpus 1.1.0 -> 1.1.0 (schema 1.1.0 -> 1.1.0)
    no changes
    ...
    """
    schema = f"schema {diff.old_schema_version} -> {diff.new_schema_version}"
    lines = [f"{diff.name} {diff.old_version} -> {diff.new_version} ({schema})"]
    if diff.empty:
        lines.append("no changes")
    else:
        claims = diff.claim_totals
        lines += [
            f"articles: {len(diff.added)} added, {len(diff.removed)} removed, "
            f"{len(diff.changed)} changed, {diff.unchanged} unchanged",
            f"claims: {claims['added']} added, {claims['removed']} removed, "
            f"{claims['moved']} moved, {claims['changed']} changed",
            f"schema: {_plural(len(diff.schema_changes), 'change')}, "
            f"{sum(c.breaking for c in diff.schema_changes)} breaking",
        ]
    lines.append("counts: " + ", ".join(_count_text(c) for c in diff.counts))
    if diff.schema_changes:
        lines += ["", "schema changes:"]
        lines += [
            f"  {'breaking' if c.breaking else 'additive'}  {c.path}: {c.kind}"
            + (f" ({c.detail})" if c.detail else "")
            for c in diff.schema_changes
        ]
    if diff.new_fields:
        lines += ["", "new fields filled in:"]
        lines += [
            f"  {f.path}: in {_plural(f.records, 'record')}, {f.non_null} with a value"
            for f in diff.new_fields
        ]
    if diff.dropped_fields:
        lines += ["", "fields dropped:"]
        lines += [
            f"  {f.path}: was in {_plural(f.records, 'record')}, {f.non_null} with a value"
            for f in diff.dropped_fields
        ]
    if diff.added:
        lines += ["", "articles added:", *(f"  + {i}" for i in diff.added)]
    if diff.removed:
        lines += ["", "articles removed:", *(f"  - {i}" for i in diff.removed)]
    if diff.changed:
        lines += ["", "articles changed:"]
    for article in diff.changed:
        lines.append(f"  ~ {article.id}: {', '.join(article.field_names)}")
        lines += [f"      {_change_text(f)}" for f in article.fields if f.name != "claims"]
        if "claims" in article.field_names:
            lines.append(f"      claims: {_claims_line(article)}")
        lines += [f"      + claim {i}" for i in article.claims_added]
        lines += [f"      - claim {i}" for i in article.claims_removed]
        for move in article.claims_moved:
            rest = "".join(f"; {_change_text(f)}" for f in move.fields)
            lines.append(f"      > claim {move.old_id} moved to {move.new_id}{rest}")
        for claim in article.claims_changed:
            what = "; ".join(_change_text(f) for f in claim.fields)
            lines.append(f"      ~ claim {claim.id}: {what}")
    return "\n".join(lines) + "\n"


def _fields_json(fields: Iterable[FieldChange]) -> list[dict[str, str]]:
    return [{"name": f.name, "old": f.old, "new": f.new} for f in fields]


def render_json(diff: ReleaseDiff) -> dict[str, Any]:
    """The diff for programs: plain JSON types, fixed keys, lists in the diff's order.

    >>> from adhd_corpus.loader import release_path
    >>> same = render_json(diff_releases(release_path("1.1.0"), release_path("1.1.0")))
    >>> same["empty"], same["breaking"], same["articles"]["changed"]
    (True, False, [])
    """
    return {
        "name": diff.name,
        "old": {"version": diff.old_version, "schema_version": diff.old_schema_version},
        "new": {"version": diff.new_version, "schema_version": diff.new_schema_version},
        "empty": diff.empty,
        "breaking": diff.breaking,
        "summary": {
            "articles_added": len(diff.added),
            "articles_removed": len(diff.removed),
            "articles_changed": len(diff.changed),
            "articles_unchanged": diff.unchanged,
            **{f"claims_{k}": v for k, v in diff.claim_totals.items()},
            "schema_changes": len(diff.schema_changes),
            "schema_breaking": sum(c.breaking for c in diff.schema_changes),
        },
        "counts": {c.table: {"old": c.old, "new": c.new} for c in diff.counts},
        "schema_changes": [
            {"path": c.path, "kind": c.kind, "breaking": c.breaking, "detail": c.detail}
            for c in diff.schema_changes
        ],
        "new_fields": [
            {"path": f.path, "records": f.records, "non_null": f.non_null} for f in diff.new_fields
        ],
        "dropped_fields": [
            {"path": f.path, "records": f.records, "non_null": f.non_null}
            for f in diff.dropped_fields
        ],
        "articles": {
            "added": list(diff.added),
            "removed": list(diff.removed),
            "changed": [
                {
                    "id": a.id,
                    "fields": _fields_json(a.fields),
                    "claims": {
                        "added": list(a.claims_added),
                        "removed": list(a.claims_removed),
                        "moved": [
                            {
                                "old_id": m.old_id,
                                "new_id": m.new_id,
                                "fields": _fields_json(m.fields),
                            }
                            for m in a.claims_moved
                        ],
                        "changed": [
                            {"id": c.id, "fields": _fields_json(c.fields)} for c in a.claims_changed
                        ],
                    },
                }
                for a in diff.changed
            ],
        },
    }


def _capped(items: Sequence[str], limit: int = _CHANGELOG_LIMIT) -> list[str]:
    """At most ``limit`` items, then one line saying how many were left out."""
    shown = list(items[:limit])
    if len(items) > limit:
        shown.append(f"… and {len(items) - limit} more")
    return shown


def _ids(ids: Sequence[str]) -> str:
    return ", ".join(i if i.startswith("…") else f"`{i}`" for i in _capped(ids))


def _article_summary(article: ArticleChange) -> str:
    others = [f"`{n}`" for n in article.field_names if n != "claims"]
    parts = [", ".join(others)] if others else []
    if "claims" in article.field_names:
        tally = Counter(f.name for c in article.claims_changed for f in c.fields)
        tally.update(f.name for m in article.claims_moved for f in m.fields)
        fields = ", ".join(f"{name} ×{n}" if n > 1 else name for name, n in sorted(tally.items()))
        parts.append(f"claims: {_claims_line(article)}" + (f" ({fields})" if fields else ""))
    return "; ".join(parts)


def _schema_entries(changes: Sequence[SchemaChange]) -> list[str]:
    """Changelog lines, breaking first; changes alike but for the field share one line."""
    groups: dict[tuple[bool, str, str, str], list[str]] = {}
    for change in sorted(changes, key=lambda c: not c.breaking):
        owner, dot, name = change.path.partition(".")
        if not dot or "[]" in name:
            owner, name = change.path, ""
        groups.setdefault((change.breaking, owner, change.kind, change.detail), []).append(name)
    entries: list[str] = []
    for (breaking, owner, kind, detail), names in groups.items():
        label = "**breaking**" if breaking else "additive"
        tail = f" ({detail})" if detail else ""
        if names == [""]:
            entries.append(f"- {label}: `{owner}` {kind}{tail}")
        elif len(names) == 1:
            entries.append(f"- {label}: `{owner}.{names[0]}` {kind}{tail}")
        else:
            fields = ", ".join(f"`{n}`" for n in names)
            entries.append(f"- {label}: `{owner}` {kind} ×{len(names)}: {fields}{tail}")
    return entries


def render_changelog(diff: ReleaseDiff) -> str:
    """The ``CHANGELOG.md`` entry a release carries: schema first, then articles and counts.

    Lists stop after a few entries with a count of the rest, so a large release
    still reads in a minute; ``render_text`` has everything.

    >>> from adhd_corpus.loader import release_path
    >>> text = render_changelog(diff_releases(release_path("1.0.0"), release_path("1.1.0")))
    >>> text.splitlines()[0]
    '## 1.1.0 (from 1.0.0)'
    """
    lines = [f"## {diff.new_version} (from {diff.old_version})", ""]
    breaking = sum(c.breaking for c in diff.schema_changes)
    if diff.old_schema_version == diff.new_schema_version and not diff.schema_changes:
        lines.append(f"Schema {diff.new_schema_version}, unchanged.")
    else:
        verdict = (
            "no differences"
            if not diff.schema_changes
            else f"{breaking} breaking"
            if breaking
            else "all additive"
        )
        lines.append(
            f"Schema {diff.old_schema_version} → {diff.new_schema_version}: "
            f"{_plural(len(diff.schema_changes), 'change')}, {verdict}."
        )
    claims = diff.claim_totals
    total = next((c.new for c in diff.counts if c.table == "articles"), None)
    lines.append(
        f"Articles: {len(diff.added)} added, {len(diff.removed)} removed, "
        f"{len(diff.changed)} changed"
        + (f" ({total} in this release)." if total is not None else ".")
        + f" Claims: {claims['added']} added, {claims['removed']} removed, "
        f"{claims['moved']} moved, {claims['changed']} changed."
    )
    if diff.schema_changes:
        lines += ["", "### Schema changes", ""]
        lines += _capped(_schema_entries(diff.schema_changes))
    if diff.new_fields or diff.dropped_fields:
        lines += ["", "### Fields", ""]
        entries = [
            f"- new `{f.path}` filled in on {_plural(f.records, 'record')} "
            f"({f.non_null} with a value)"
            for f in diff.new_fields
        ] + [
            f"- dropped `{f.path}` (was on {_plural(f.records, 'record')})"
            for f in diff.dropped_fields
        ]
        lines += _capped(entries)
    if diff.added or diff.removed or diff.changed:
        lines += ["", "### Articles", ""]
        if diff.added:
            lines.append(f"- Added ({len(diff.added)}): {_ids(diff.added)}")
        if diff.removed:
            lines.append(f"- Removed ({len(diff.removed)}): {_ids(diff.removed)}")
        if diff.changed:
            lines.append(f"- Changed ({len(diff.changed)}):")
            entries = [f"  - `{a.id}`: {_article_summary(a)}" for a in diff.changed]
            lines += [e if e.startswith("  -") else f"  - {e}" for e in _capped(entries)]
    if any(c.old != c.new for c in diff.counts):
        lines += ["", "### Counts", "", f"| table | {diff.old_version} | {diff.new_version} |"]
        lines.append("| --- | ---: | ---: |")
        lines += [
            f"| {c.table} | {'-' if c.old is None else c.old} | {'-' if c.new is None else c.new} |"
            for c in diff.counts
        ]
    else:
        counts = ", ".join(f"{c.table} {c.new}" for c in diff.counts)
        lines += ["", f"Counts unchanged: {counts}."]
    return "\n".join(lines) + "\n"
