"""Release writers: records, Parquet tables, schema, card, manifest and index."""

from .index import read_index, render_index
from .tables import TABLES
from .writer import write_release

__all__ = ["TABLES", "read_index", "render_index", "write_release"]
