"""Caches that live for one article: the page passes ask about the same line or sentence
several times (is it a byline? a name line? a link?), and each answer is a pure
function of its text.

``parse_article`` calls ``new_article`` first, so nothing is kept from one article to
the next: a corpus of near-copies (the benchmark's) gains nothing that a real one
would not. Each cache is bounded, for callers that ask about sentences outside any
article.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")
MAX_ENTRIES = 1024
"""Far more distinct lines and sentences than an article has."""

_clears: list[Callable[[], None]] = []


def per_article(function: Callable[[str], T]) -> Callable[[str], T]:
    """``function`` remembering its answers until the next ``new_article``."""
    cached = lru_cache(maxsize=MAX_ENTRIES)(function)
    _clears.append(cached.cache_clear)
    return cached


def new_article() -> None:
    """Forget every answer: a new article begins."""
    for clear in _clears:
        clear()
