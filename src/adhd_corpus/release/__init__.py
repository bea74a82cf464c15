"""Release writers: records, Parquet tables, schema, card, manifest and index."""

from ..manifest import read_index
from .index import render_index
from .tables import TABLES
from .writer import write_release

__all__ = ["TABLES", "read_index", "render_index", "write_release"]
