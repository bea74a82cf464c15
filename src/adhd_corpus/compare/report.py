"""What a comparison of two releases found: the report object and its JSON form.

Plain frozen records with no behaviour beyond what they can say about themselves, so
the CLI prints them, the build writes a changelog from them, and a program reads
``to_json()``; ``render`` turns them into text for people.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..semver import is_version
from ..versioning import Bump, Compatibility, required_bump
from .schema import SchemaChange, compatibility, is_breaking

__all__ = [
    "ArticleChange",
    "ClaimChange",
    "ClaimMove",
    "CountChange",
    "FieldChange",
    "FieldFill",
    "ReleaseDiff",
]


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
        """True when a schema change breaks consumers (see ``compare.schema``)."""
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

    @property
    def compatibility(self) -> Compatibility:
        """The schema verdict the version-bump policy reads."""
        return compatibility(self.schema_changes)

    @property
    def required_bump(self) -> Bump:
        """The smallest version step the schema changes call for (``versioning``)."""
        old = self.old_version if is_version(self.old_version) else None
        return required_bump(self.compatibility.level, old)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON types: fixed keys, lists in the report's order.

        >>> from adhd_corpus.compare import diff_releases
        >>> from adhd_corpus.loader import release_path
        >>> same = diff_releases(release_path("1.1.0"), release_path("1.1.0")).to_dict()
        >>> same["empty"], same["breaking"], same["required_bump"], same["articles"]["changed"]
        (True, False, 'patch', [])
        """
        return {
            "name": self.name,
            "old": {"version": self.old_version, "schema_version": self.old_schema_version},
            "new": {"version": self.new_version, "schema_version": self.new_schema_version},
            "empty": self.empty,
            "breaking": self.breaking,
            "required_bump": self.required_bump,
            "summary": {
                "articles_added": len(self.added),
                "articles_removed": len(self.removed),
                "articles_changed": len(self.changed),
                "articles_unchanged": self.unchanged,
                **{f"claims_{k}": v for k, v in self.claim_totals.items()},
                "schema_changes": len(self.schema_changes),
                "schema_breaking": sum(c.breaking for c in self.schema_changes),
            },
            "counts": {c.table: {"old": c.old, "new": c.new} for c in self.counts},
            "schema_changes": [
                {"path": c.path, "kind": c.kind, "breaking": c.breaking, "detail": c.detail}
                for c in self.schema_changes
            ],
            "new_fields": [_fill_json(f) for f in self.new_fields],
            "dropped_fields": [_fill_json(f) for f in self.dropped_fields],
            "articles": {
                "added": list(self.added),
                "removed": list(self.removed),
                "changed": [_article_json(a) for a in self.changed],
            },
        }

    def to_json(self) -> str:
        """The report as ``adhd-corpus diff --json`` prints it (indented, UTF-8 as is)."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)


def _fields_json(fields: Iterable[FieldChange]) -> list[dict[str, str]]:
    return [{"name": f.name, "old": f.old, "new": f.new} for f in fields]


def _fill_json(fill: FieldFill) -> dict[str, Any]:
    return {"path": fill.path, "records": fill.records, "non_null": fill.non_null}


def _article_json(article: ArticleChange) -> dict[str, Any]:
    return {
        "id": article.id,
        "fields": _fields_json(article.fields),
        "claims": {
            "added": list(article.claims_added),
            "removed": list(article.claims_removed),
            "moved": [
                {"old_id": m.old_id, "new_id": m.new_id, "fields": _fields_json(m.fields)}
                for m in article.claims_moved
            ],
            "changed": [
                {"id": c.id, "fields": _fields_json(c.fields)} for c in article.claims_changed
            ],
        },
    }
