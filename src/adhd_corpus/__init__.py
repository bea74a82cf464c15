"""adhd-corpus: health-advice articles on ADHD neurochemistry as a verified, versioned dataset.

>>> import adhd_corpus
>>> articles = adhd_corpus.load_articles()          # latest release, checksums verified
>>> claims = adhd_corpus.load_table("claims")       # pandas DataFrame
"""

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import (
    ChecksumError,
    CorpusError,
    ReleaseNotFoundError,
    SchemaVersionError,
)
from .models import Article, Claim, Entity, Link, Person, Section, Source

if TYPE_CHECKING:
    from .loader import iter_articles, load_articles, load_table, sql, versions

_LOADER = frozenset({"iter_articles", "load_articles", "load_table", "sql", "versions"})
"""Names the loader provides, imported on first use: a build worker importing
``adhd_corpus.prepare`` runs this file but never needs the loader."""


def __getattr__(name: str) -> Any:
    if name in _LOADER:
        from . import loader

        value = getattr(loader, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Article",
    "ChecksumError",
    "Claim",
    "CorpusError",
    "Entity",
    "Link",
    "Person",
    "ReleaseNotFoundError",
    "SchemaVersionError",
    "Section",
    "Source",
    "__version__",
    "iter_articles",
    "load_articles",
    "load_table",
    "sql",
    "versions",
]
