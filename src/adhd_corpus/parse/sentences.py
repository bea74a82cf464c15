"""A small rule-based sentence segmenter that keeps exact spans.

Health-advice prose is simple enough that a few rules beat a statistical model
here: split after ``.``, ``!`` or ``?`` (plus any closing quotes or brackets)
when whitespace and a capital, digit or opening quote follow, except after a
known abbreviation or a single initial, and never inside brackets. A list item
is always its own unit because each raw line is segmented on its own.
"""

from __future__ import annotations

import re

from .lines import trim

ABBREVIATIONS = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "mx",
        "prof",
        "st",
        "jr",
        "sr",
        "e.g",
        "i.e",
        "vs",
        "cf",
        "al",
        "fig",
        "figs",
        "no",
        "nos",
        "vol",
        "approx",
        "dept",
        "est",
        "inc",
        "ltd",
        "co",
        "u.k",
        "u.s",
        "u.s.a",
        "e.u",
        "n.b",
        "p.s",
        "ph.d",
        "m.d",
        "b.sc",
        "m.sc",
        "ca",
        "min",
        "max",
    ]
)
"""Words that end in a full stop without ending the sentence (lowercase, no final dot)."""

MAY_END_SENTENCE = frozenset(["etc", "u.k", "u.s", "u.s.a", "e.u"])
"""Abbreviations that end a sentence when a common sentence opener follows them."""

SENTENCE_OPENERS = frozenset(
    """
    a an the this that these those it its they their there then we he she our many most
    some few several other others such however but and yet in on for by as if when while
    although because so thus therefore overall finally also no not all each both one
    """.split()
)
"""Words that start sentences far more often than they continue a proper name."""

_NEXT_WORD = re.compile(r"\s+[\"'“‘(\[]?(\w+)")
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9•])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_OPEN = "([{"
_CLOSE = ")]}"


def _is_abbreviation(text: str, dot: int, after: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, dot - 40), dot)  # abbreviations are short
    if match is None:
        return False
    word = match.group(1).lower().rstrip(".")
    if word in MAY_END_SENTENCE:
        following = _NEXT_WORD.match(text, after)
        return following is None or following.group(1).lower() not in SENTENCE_OPENERS
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _depth_at(text: str, pos: int) -> int:
    depth = 0
    for char in text[:pos]:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE and depth:
            depth -= 1
    return depth


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences in ``text[start:end]``, trimmed, in order."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _END.finditer(text, start, end):
        if match.group()[0] == "." and _is_abbreviation(text, match.start(), match.end()):
            continue
        # Depth after any closing bracket the match took: "(Serotonin falls.)" ends there.
        if _depth_at(text[cursor : match.end()], match.end() - cursor):
            continue
        spans.append(trim(text, cursor, match.end()))
        cursor = match.end()
    last = trim(text, cursor, end)
    if last[1] > last[0]:
        spans.append(last)
    return [span for span in spans if span[1] > span[0]]
