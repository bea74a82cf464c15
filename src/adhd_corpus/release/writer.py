"""Write one release folder: records, tables, schema, card, changelog and manifest.

The caller (the build) hands over a folder of its own and renames it into place
afterwards; this module only writes files, deterministically. The manifest is written
last and once: a release is sealed when every other file is in it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..corpus import Corpus, default_corpus
from ..errors import Problem
from ..integrity import file_digest, release_files
from ..jsonio import canonical_json
from ..layout import CHANGELOG, DOCUMENTS_JSONL, RECORDS, SCHEMA
from ..manifest import FileDigest, Manifest, write_manifest
from ..models import SCHEMA_VERSION
from ..tables import TABLES, Row, arrow_schema
from ..validate import schema_text
from .card import render_card
from .changelog import changelog_text
from .charts import render_charts
from .explorer import ExplorerWriter
from .metadata import SchemaOrgWriter, croissant, datapackage
from .stats import Stats

if TYPE_CHECKING:
    from ..prepare import Prepared

NAME = "adhd-corpus"

ROW_GROUP_ROWS = 10_000
"""Rows per Parquet row group: fixed, so the same data always gives the same bytes."""
SLICE_ROWS = 1_000
"""Rows converted to Arrow at a time (see ``_TableWriter``)."""
ROW_GROUP_ROWS_PER_TABLE = {"documents": 500}
"""Whole texts are large: smaller groups keep a build's buffer and a reader's unit small
(500 articles of a few KB each) on a corpus of 20,000 articles."""


class _TableWriter:
    """Buffers one table's rows and flushes them as fixed-size Parquet row groups.

    Rows wait as Python dicts only ``SLICE_ROWS`` at a time; then they become an Arrow
    record batch (a fraction of the memory), and a row group is the batches joined into
    one array per column: the same arrays, so the same bytes, as converting every row at
    once, without holding a group's rows as dicts (10,000 rows: tens of MB a table)."""

    def __init__(self, folder: Path, table: str) -> None:
        import pyarrow.parquet as pq

        self.schema = arrow_schema(table)
        self.group = ROW_GROUP_ROWS_PER_TABLE.get(table, ROW_GROUP_ROWS)
        self.writer = pq.ParquetWriter(
            folder / f"{table}.parquet", self.schema, compression="zstd", use_dictionary=True
        )
        self.buffer: list[Row] = []
        self.batches: list[Any] = []  # pyarrow.RecordBatch
        self.converted = 0
        """Rows of the current group held in ``batches``."""
        self.count = 0

    def extend(self, rows: list[Row]) -> None:
        """Add one article's rows; convert every full slice, write every full row group."""
        self.buffer.extend(rows)
        self.count += len(rows)
        while len(self.buffer) >= min(SLICE_ROWS, self.group - self.converted):
            self._convert(min(SLICE_ROWS, self.group - self.converted))
            if self.converted == self.group:
                self._write()

    def _convert(self, rows: int) -> None:
        import pyarrow as pa

        # Arrow reads the row dicts itself: a quarter cheaper than gathering columns here.
        self.batches.append(pa.RecordBatch.from_pylist(self.buffer[:rows], schema=self.schema))
        del self.buffer[:rows]
        self.converted += rows

    def _write(self) -> None:
        import pyarrow as pa

        table = pa.Table.from_batches(self.batches, schema=self.schema).combine_chunks()
        self.writer.write_table(table)
        self.batches = []
        self.converted = 0

    def flush(self) -> None:
        if self.buffer:
            self._convert(len(self.buffer))
        if self.batches:
            self._write()

    def close(self) -> None:
        self.flush()
        self.writer.close()


DESCRIBED = (*(f"{table}.parquet" for table in TABLES), RECORDS, DOCUMENTS_JSONL, SCHEMA)
"""The files ``datapackage.json`` and ``croissant.json`` give the size or hash of."""

REJECTED_FILE = "rejected.json"
SCHEMA_ORG_FILE = "schemaorg.jsonld"


def write_release(
    folder: Path,
    articles: Iterable[Prepared],
    *,
    version: str,
    generator: str,
    rejected: list[Problem] | None = None,
    corpus: Corpus | None = None,
    previous: Path | None = None,
) -> Manifest:
    """Write a complete release of prepared ``articles`` (sorted by id) into an empty ``folder``.

    ``rejected``: the inputs left out, published as ``rejected.json`` when there are
    any. ``corpus`` is the description the card and metadata take their provenance
    from (default: the checkout's ``corpus.toml``). ``previous`` is the release the
    changelog compares with (None: the first release). Returns the manifest.
    """
    corpus = default_corpus() if corpus is None else corpus
    stats = Stats()
    tables = {name: _TableWriter(folder, name) for name in TABLES}
    pages = SchemaOrgWriter(folder / SCHEMA_ORG_FILE, corpus)
    explorer = ExplorerWriter(folder, version=version)
    try:
        with (
            (folder / RECORDS).open("w", encoding="utf-8", newline="\n") as records,
            (folder / DOCUMENTS_JSONL).open("w", encoding="utf-8", newline="\n") as documents,
        ):
            for article in articles:
                records.write(article.record + "\n")
                explorer.add(article.record, article.summary)
                for document in article.rows["documents"]:
                    documents.write(canonical_json(document, "line") + "\n")
                stats.add_rows(article.rows)
                pages.add(article.rows)
                for name, writer in tables.items():
                    writer.extend(article.rows[name])
        explorer.close()
    finally:
        explorer.discard()
        pages.close()
        for writer in tables.values():
            writer.close()
    counts = {name: writer.count for name, writer in tables.items()}
    if rejected:
        report = [
            {"file": Path(p.file).name, "line": p.line, "reason": p.reason}
            for p in sorted(rejected)
        ]
        (folder / REJECTED_FILE).write_text(canonical_json(report), encoding="utf-8", newline="\n")
    (folder / SCHEMA).write_text(schema_text(), encoding="utf-8", newline="\n")
    manifest = Manifest(
        name=NAME,
        version=version,
        schema_version=SCHEMA_VERSION,
        generator=generator,
        counts=counts,
        sources=dict(sorted(stats.sources.items())),
        files={},  # known once every other file is written: ``seal`` fills it
    )
    data = {name: file_digest(folder / name) for name in DESCRIBED}
    metadata = {
        "datapackage.json": datapackage(version, data, corpus, stats),
        "croissant.json": croissant(version, data, corpus, stats),
    }
    for name, value in metadata.items():
        (folder / name).write_text(canonical_json(value), encoding="utf-8", newline="\n")
    for name, svg in render_charts(stats).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(svg, encoding="utf-8", newline="\n")
    header = manifest.model_dump(mode="json")
    card = render_card(header, stats, corpus, rejected=len(rejected or []))
    (folder / "README.md").write_text(card, encoding="utf-8", newline="\n")
    changelog = changelog_text(folder, manifest, previous)
    (folder / CHANGELOG).write_text(changelog, encoding="utf-8", newline="\n")
    return seal(folder, manifest, known=data)  # the data files are unchanged since hashed


def seal(
    folder: Path, manifest: Manifest, known: Mapping[str, FileDigest] | None = None
) -> Manifest:
    """(Re)write the manifest with the sha256 and size of every other file in ``folder``;
    ``known``: digests of files hashed since they were last written, not hashed again."""
    known = known or {}
    files = {
        name: known[name] if name in known else file_digest(folder / name)
        for name in release_files(folder)
    }
    sealed = manifest.model_copy(update={"files": files})
    write_manifest(folder, sealed)
    return sealed
