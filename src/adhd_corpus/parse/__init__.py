"""Raw text -> Article records. Pure functions: no files, no global state beyond caches."""

from .article import parse_article

__all__ = ["parse_article"]
