"""Write one release folder: records, tables, schema, card and manifest.

The caller (the build) hands over a folder of its own and renames it into place
afterwards; this module only writes files, deterministically.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..integrity import MANIFEST, file_digest, release_files
from ..models import SCHEMA_VERSION
from ..validate import SCHEMA_FILE, dump_json, schema_text
from .card import render_card
from .charts import render_charts
from .explorer import EXPLORER, render_explorer
from .metadata import SchemaOrgWriter, croissant, datapackage
from .stats import Stats
from .tables import TABLES, Row, arrow_schema

NAME = "adhd-corpus"


@dataclass(frozen=True)
class Prepared:
    """A valid article as the writers take it: its JSON line and its rows in every table."""

    article_id: str
    source: str
    sha256: str
    record: str
    rows: dict[str, list[Row]]


RECORDS_FILE = "articles.jsonl"
ROW_GROUP_ROWS = 10_000
"""Rows per Parquet row group: fixed, so the same data always gives the same bytes."""


class _TableWriter:
    """Buffers one table's rows and flushes them as fixed-size Parquet row groups."""

    def __init__(self, folder: Path, table: str) -> None:
        import pyarrow.parquet as pq

        self.schema = arrow_schema(table)
        self.writer = pq.ParquetWriter(
            folder / f"{table}.parquet", self.schema, compression="zstd", use_dictionary=True
        )
        self.buffer: list[Row] = []
        self.count = 0

    def extend(self, rows: list[Row]) -> None:
        """Add one article's rows; write every full row group."""
        self.buffer.extend(rows)
        self.count += len(rows)
        while len(self.buffer) >= ROW_GROUP_ROWS:
            self._write(self.buffer[:ROW_GROUP_ROWS])
            del self.buffer[:ROW_GROUP_ROWS]

    def _write(self, rows: list[Row]) -> None:
        import pyarrow as pa

        columns = {name: [row[name] for row in rows] for name in self.schema.names}
        self.writer.write_table(pa.Table.from_pydict(columns, schema=self.schema))

    def flush(self) -> None:
        if self.buffer:
            self._write(self.buffer)
            self.buffer = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


REJECTED_FILE = "rejected.json"
SCHEMA_ORG_FILE = "schemaorg.jsonld"
MAX_EXPLORER_ARTICLES = 200
"""The explorer shows the first articles by id; a page with a whole large corpus
would not open in a browser (all records are in articles.jsonl)."""


def write_release(
    folder: Path,
    articles: Iterable[Prepared],
    *,
    version: str,
    generator: str,
    rejected: list[Problem] | None = None,
) -> dict[str, Any]:
    """Write a complete release of prepared ``articles`` (sorted by id) into an empty ``folder``.

    ``rejected``, when given, is filled while ``articles`` is consumed with the inputs
    left out; a non-empty list is published as ``rejected.json``. Returns the manifest.
    """
    stats = Stats()
    tables = {name: _TableWriter(folder, name) for name in TABLES}
    pages = SchemaOrgWriter(folder / SCHEMA_ORG_FILE)
    try:
        with (folder / RECORDS_FILE).open("w", encoding="utf-8", newline="\n") as records:
            for article in articles:
                records.write(article.record + "\n")
                stats.add_rows(article.rows)
                pages.add(article.rows)
                for name, writer in tables.items():
                    writer.extend(article.rows[name])
    finally:
        pages.close()
        for writer in tables.values():
            writer.close()
    counts = {name: writer.count for name, writer in tables.items()}
    if rejected:
        report = [
            {"file": Path(p.file).name, "line": p.line, "reason": p.reason}
            for p in sorted(rejected)
        ]
        (folder / REJECTED_FILE).write_text(dump_json(report), encoding="utf-8", newline="\n")
    (folder / SCHEMA_FILE).write_text(schema_text(), encoding="utf-8", newline="\n")
    manifest: dict[str, Any] = {
        "name": NAME,
        "version": version,
        "schema_version": SCHEMA_VERSION,
        "generator": generator,
        "counts": counts,
        "sources": dict(sorted(stats.sources.items())),
    }
    data = {name: file_digest(folder / name) for name in release_files(folder)}
    metadata = {
        "datapackage.json": datapackage(version, data),
        "croissant.json": croissant(version, data),
    }
    for name, value in metadata.items():
        (folder / name).write_text(dump_json(value), encoding="utf-8", newline="\n")
    with (folder / RECORDS_FILE).open(encoding="utf-8") as lines:
        first = itertools.islice(lines, MAX_EXPLORER_ARTICLES)
        explorer = render_explorer(first, version=version, total=counts["articles"])
    (folder / EXPLORER).write_text(explorer, encoding="utf-8", newline="\n")
    for name, svg in render_charts(stats).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(svg, encoding="utf-8", newline="\n")
    card = render_card(manifest, stats, rejected=len(rejected or []))
    (folder / "README.md").write_text(card, encoding="utf-8", newline="\n")
    return seal(folder, manifest)


def seal(folder: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    """(Re)write the manifest with the sha256 and size of every other file in ``folder``."""
    manifest["files"] = {name: file_digest(folder / name) for name in release_files(folder)}
    (folder / MANIFEST).write_text(dump_json(manifest), encoding="utf-8", newline="\n")
    return manifest
