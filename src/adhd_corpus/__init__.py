"""adhd-corpus: health-advice articles on ADHD neurochemistry as a verified, versioned dataset.

>>> import adhd_corpus
>>> articles = adhd_corpus.load_articles()          # latest release, checksums verified
>>> claims = adhd_corpus.load_table("claims")       # pandas DataFrame
"""

from importlib.metadata import version as _version

__version__ = _version("adhd-corpus")

from .errors import (
    ChecksumError,
    CorpusError,
    ReleaseNotFoundError,
    SchemaVersionError,
)
from .loader import iter_articles, load_articles, load_table, sql, versions
from .models import Article, Claim, Entity, Link, Person, Section, Source

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
