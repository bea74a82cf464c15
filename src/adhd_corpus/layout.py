"""The names of a release's files: one place for what every reader and writer shares.

A leaf module (it imports nothing from the package), so the loader, the writers, the
verifier, the comparison and the CLI can all use it without pulling each other in.
"""

from __future__ import annotations

MANIFEST = "manifest.json"
"""Every release's list of files with their checksums, counts and sources."""
INDEX = "index.json"
"""Beside the releases: every published version with its manifest's hash."""
RECORDS = "articles.jsonl"
"""One Article record per line."""
SCHEMA = "article.schema.json"
"""The JSON Schema the records were validated against."""
CHANGELOG = "CHANGELOG.md"
"""What changed since the previous release."""
DOCUMENTS_JSONL = "documents.jsonl"
"""The raw texts, one per line, that every span indexes."""
TABLE_NAMES = ("articles", "sections", "claims", "entities", "people", "links", "documents")
"""The flat tables, each written as ``<name>.parquet``."""


def parquet_file(table: str) -> str:
    """The file name of a table.

    >>> parquet_file("claims")
    'claims.parquet'
    """
    return f"{table}.parquet"
