"""What the maintainers' commands report, as objects: ``validate``, ``info`` and ``stats``.

The library computes each report; ``to_json()`` is the text ``--json`` prints, and the
CLI renders the same fields as text. Figures of ``stats`` come from the release's
Parquet tables (checksums verified by the loader), never from records flattened back
into rows.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ChecksumError, CorpusError, Problem
from .layout import MANIFEST
from .manifest import Manifest, read_manifest
from .models import STRENGTH_LABELS

if TYPE_CHECKING:
    import pyarrow as pa


def _json(value: Any, *, ascii_only: bool = False) -> str:
    """Reports keep their fields' order (they are read by people too), indented by two."""
    return json.dumps(value, indent=2, ensure_ascii=ascii_only)


# --- validate ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ValidationReport:
    """Every problem found in the records validated (capped at ``validate.MAX_PROBLEMS``)."""

    problems: tuple[Problem, ...]

    @property
    def valid(self) -> bool:
        return not self.problems

    def to_json(self) -> str:
        """``{"valid", "problems": [{"file", "line", "message"}]}``."""
        problems = [{"file": p.file, "line": p.line, "message": p.reason} for p in self.problems]
        return _json({"valid": self.valid, "problems": problems})


def validation_report(paths: Iterable[Path]) -> ValidationReport:
    """Validate release folders (each against its own schema) and ``.jsonl`` files.

    >>> validation_report([Path("dist/1.0.0")]).valid
    True
    """
    from .validate import validate_paths

    return ValidationReport(tuple(validate_paths(paths)))


# --- info --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReleaseSummary:
    """One line of the listing of releases: its figures, or why its manifest is unusable."""

    version: str
    schema_version: str = ""
    counts: dict[str, int] | None = None
    bytes: int = 0
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        if self.error is not None:
            return {"version": self.version, "error": self.error}
        return {
            "version": self.version,
            "schema_version": self.schema_version,
            "counts": self.counts,
            "bytes": self.bytes,
        }


LISTED_COUNTS = ("articles", "claims")
"""The counts the listing shows: a manifest without them is reported as damaged."""


def release_summary(folder: Path) -> ReleaseSummary:
    """The listing's line for one release folder; a damaged manifest is reported as such,
    so one bad release does not fail the listing of every other."""
    try:
        manifest = read_manifest(folder)
    except ChecksumError as exc:
        return ReleaseSummary(folder.name, error="; ".join(exc.problems))
    except CorpusError as exc:
        return ReleaseSummary(folder.name, error=str(exc).removeprefix(f"{folder}: "))
    missing = [name for name in LISTED_COUNTS if name not in manifest.counts]
    if missing:
        return ReleaseSummary(folder.name, error=f"{MANIFEST} has no 'counts.{missing[0]}'")
    return ReleaseSummary(
        folder.name,
        schema_version=manifest.schema_version,
        counts=dict(manifest.counts),
        bytes=sum(entry.bytes for entry in manifest.files.values()),
    )


@dataclass(frozen=True)
class ReleaseListing:
    """Every release in the loader's folder of releases, oldest first."""

    root: Path
    releases: tuple[ReleaseSummary, ...]

    @property
    def damaged(self) -> bool:
        return any(r.error is not None for r in self.releases)

    def to_json(self) -> str:
        """``{"root", "releases": [{"version", "schema_version", "counts", "bytes"} or
        {"version", "error"}]}``."""
        releases = [r.as_dict() for r in self.releases]
        return _json({"root": str(self.root), "releases": releases}, ascii_only=True)


def list_releases() -> ReleaseListing:
    """The listing ``adhd-corpus info`` prints."""
    from .loader import release_path, releases_root, versions

    summaries = tuple(release_summary(release_path(v)) for v in versions())
    return ReleaseListing(releases_root(), summaries)


@dataclass(frozen=True)
class ReleaseInfo:
    """One release described: where it is and its manifest."""

    folder: Path
    manifest: Manifest

    @property
    def bytes(self) -> int:
        return sum(entry.bytes for entry in self.manifest.files.values())

    def to_json(self) -> str:
        """The manifest, as the release holds it."""
        return _json(self.manifest.model_dump(mode="json"))


def release_info(
    version: str | None = None, *, path: str | os.PathLike[str] | None = None
) -> ReleaseInfo:
    """A release (by version or folder; default the latest) and its manifest."""
    from .loader import release_path

    folder = release_path(version, path=path)
    return ReleaseInfo(folder, read_manifest(folder))


# --- stats -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleFigures:
    """One article's line in ``stats``."""

    id: str
    title: str
    claims: int
    hedged: int


@dataclass(frozen=True)
class StatsReport:
    """Claims, certainty, strength and entities of one release."""

    articles: tuple[ArticleFigures, ...]
    claims: int
    hedged: int
    boosted: int
    negated: int
    strength: tuple[int, int, int, int]
    """Claims at each strength level 0-3."""
    top_entities: tuple[tuple[str, str, int], ...]
    """The most mentioned concepts: (canonical, type, mentions), ties by name."""

    def share(self, count: int) -> str:
        """``count`` as a share of all claims, as a fixed-format percentage."""
        return f"{100 * count / self.claims:.1f}%" if self.claims else "n/a"

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": len(self.articles),
            "claims": self.claims,
            "hedged": self.hedged,
            "boosted": self.boosted,
            "negated": self.negated,
            "strength": dict(zip(STRENGTH_LABELS, self.strength, strict=True)),
            "claims_per_article": {a.id: a.claims for a in self.articles},
            "top_entities": [
                {"canonical": name, "type": kind, "mentions": n}
                for name, kind, n in self.top_entities
            ],
        }

    def to_json(self) -> str:
        return _json(self.as_dict())


def _column(table: pa.Table, name: str) -> list[Any]:
    """A column as Python values; a column older releases lack reads as all nulls."""
    if name not in table.column_names:
        return [None] * table.num_rows
    return list(table.column(name).to_pylist())


def release_stats(
    version: str | None = None, *, path: str | os.PathLike[str] | None = None, top: int = 10
) -> StatsReport:
    """The figures of a release, from its ``articles``, ``claims`` and ``entities`` tables.

    >>> release_stats("1.0.0").claims
    55
    """
    import pyarrow.compute as pc

    from .loader import load_table

    articles = load_table("articles", version, path=path, engine="arrow")
    claims = load_table("claims", version, path=path, engine="arrow")
    entities = load_table("entities", version, path=path, engine="arrow")
    figures = tuple(
        ArticleFigures(*row)
        for row in zip(
            *(articles.column(n).to_pylist() for n in ("id", "title", "claims", "hedged_claims")),
            strict=True,
        )
    )
    levels = Counter(level for level in _column(claims, "strength") if level is not None)
    boosted = (
        int(pc.sum(pc.greater(pc.list_value_length(claims.column("booster_cues")), 0)).as_py() or 0)
        if "booster_cues" in claims.column_names
        else 0
    )
    negated = sum(bool(flag) for flag in _column(claims, "negated"))
    mentions = Counter(zip(_column(entities, "canonical"), _column(entities, "type"), strict=True))
    ranked = sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))
    return StatsReport(
        articles=figures,
        claims=sum(a.claims for a in figures),
        hedged=sum(a.hedged for a in figures),
        boosted=boosted,
        negated=negated,
        strength=(levels[0], levels[1], levels[2], levels[3]),
        top_entities=tuple((name, kind, n) for (name, kind), n in ranked[:top]),
    )
