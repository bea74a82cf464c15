"""Two release folders -> a ``ReleaseDiff``: their records, schemas and counts compared.

Release folders are read with plain ``json``, never through the parser, the build or
the models, so any two releases compare, even ones whose schema this package no
longer matches, and so does a release still being built. Checksums are not verified
here: the loader and ``adhd-corpus verify`` do that.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import RecordError, ReleaseNotFoundError
from ..layout import RECORDS, SCHEMA
from ..manifest import Manifest, read_manifest
from .records import compare_records
from .report import CountChange, ReleaseDiff
from .schema import record_kinds, schema_changes

__all__ = ["Release", "diff_releases", "read_release"]


@dataclass(frozen=True)
class Release:
    """A release folder as the comparison reads it: manifest and schema; records stream."""

    folder: Path
    manifest: Manifest
    schema: dict[str, Any]

    @property
    def records(self) -> Path:
        return self.folder / RECORDS


def read_release(folder: Path, manifest: Manifest | None = None) -> Release:
    """Manifest and schema of a release folder, without verifying checksums.

    ``manifest`` stands in for one not written yet (a release being sealed)."""
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
    return Release(folder, manifest, schema)


def diff_releases(old: Path, new: Path, new_manifest: Manifest | None = None) -> ReleaseDiff:
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
    before, after = read_release(Path(old)), read_release(Path(new), new_manifest)
    kinds = {**record_kinds(before.schema), **record_kinds(after.schema)}
    records = compare_records(before.records, after.records, kinds)
    old_counts, new_counts = before.manifest.counts, after.manifest.counts
    counts = tuple(
        CountChange(table, old_counts.get(table), new_counts.get(table))
        for table in sorted(old_counts.keys() | new_counts.keys())
    )
    return ReleaseDiff(
        name=after.manifest.name,
        old_version=before.manifest.version,
        new_version=after.manifest.version,
        old_schema_version=before.manifest.schema_version,
        new_schema_version=after.manifest.schema_version,
        added=records.added,
        removed=records.removed,
        changed=records.changed,
        unchanged=records.unchanged,
        new_fields=records.new_fields,
        dropped_fields=records.dropped_fields,
        schema_changes=tuple(schema_changes(before.schema, after.schema)),
        counts=counts,
        claims_of_added=records.claims_of_added,
        claims_of_removed=records.claims_of_removed,
    )
