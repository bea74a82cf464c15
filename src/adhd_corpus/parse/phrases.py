"""Find listed phrases in text, word by word: the matcher behind entities and cue lexicons.

Text is split into tokens (runs of word characters, or single other characters); a
phrase matches a run of tokens whose text equals it once whitespace between tokens is
read as one space and curly apostrophes and non-breaking hyphens as their plain forms.
Matches are leftmost, then longest, and never overlap. Looking a token up in a dict
keeps the cost per sentence flat however long the phrase list grows, unlike one regex
alternation of every phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_TOKEN = re.compile(r"\w+|[^\w\s]")
_PLAIN = str.maketrans({"’": "'", "‘": "'", "\u2010": "-", "\u2011": "-"})


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text, start, end)]


def is_case_sensitive(phrase: str) -> bool:
    """A phrase is matched in exact case when it has a capital after its first character
    ("PET", "fMRI", "QOL"), so an abbreviation does not match the word it spells."""
    return any(char.isupper() for char in phrase[1:])


def phrase_key(phrase: str) -> str:
    """The form a phrase is stored and looked up under (case kept)."""
    parts: list[str] = []
    previous_end = None
    for start, end in _tokens(phrase, 0, len(phrase)):
        if previous_end is not None and start > previous_end:
            parts.append(" ")
        parts.append(phrase[start:end])
        previous_end = end
    return "".join(parts).translate(_PLAIN)


def _candidates(longest: tuple[dict[str, int], ...], words: Words) -> list[int]:
    """Indexes of the words that begin some phrase (``longest``: first word -> longest
    phrase, plain and folded); only these need a closer look, and most words begin none."""
    plain_first, folded_first = longest
    return sorted(
        {
            *(
                i
                for word in plain_first.keys() & words.where_plain.keys()
                for i in words.where_plain[word]
            ),
            *(
                i
                for word in folded_first.keys() & words.where_folded.keys()
                for i in words.where_folded[word]
            ),
        }
    )


class PhraseMatcher(Generic[T]):
    """Phrases with a value each, some matched in exact case, the rest in any case."""

    def __init__(self) -> None:
        self._tables: tuple[dict[str, T], dict[str, T]] = ({}, {})
        self._longest: tuple[dict[str, int], dict[str, int]] = ({}, {})
        self._joined: tuple[_Group, int] | None = None
        self._solo: _Group | None = None

    def add(self, phrase: str, value: T, *, case_sensitive: bool) -> None:
        """List a phrase; a phrase listed twice must carry the same value."""
        if self._joined is not None:
            raise ValueError("a joined matcher takes no more phrases")
        self._solo = None
        fold = not case_sensitive
        key = phrase_key(phrase)
        key = key.casefold() if fold else key
        table = self._tables[fold]
        if key in table and table[key] != value:
            raise ValueError(f"phrase {phrase!r} is listed with two values")
        table[key] = value
        tokens = _tokens(key, 0, len(key))
        if not tokens:
            raise ValueError(f"phrase {phrase!r} has no words")
        first = key[tokens[0][0] : tokens[0][1]]
        size = len(tokens)
        longest = self._longest[fold]
        longest[first] = max(longest.get(first, 0), size)

    def __len__(self) -> int:
        return len(self._tables[0]) + len(self._tables[1])

    def find(
        self, text: str, start: int = 0, end: int | None = None, *, words: Words | None = None
    ) -> Iterator[tuple[int, int, T]]:
        """``(start, end, value)`` of each match in ``text[start:end]``, leftmost then longest.

        ``words``: the span already split (``Words.of``), when several matchers read it.
        A matcher joined with others (``join``) reads a given ``words`` once for all of them.
        """
        if words is not None and self._joined is not None:
            group, slot = self._joined
            return iter(group.found(words)[slot])
        return self._find(Words.of(text, start, end) if words is None else words)

    def _find(self, words: Words) -> Iterator[tuple[int, int, T]]:
        """Matched as a group of one: one matching loop serves joined and lone matchers."""
        if self._solo is None:
            self._solo = _Group([self])
        return iter(self._solo.found(words)[0])


def join(matchers: Sequence[PhraseMatcher[Any]]) -> None:
    """Let ``matchers`` read a sentence in one pass between them: the first of them asked
    about a split sentence finds the matches of all, the others take theirs. Each keeps
    its own matches exactly (leftmost then longest, never overlapping its own)."""
    group = _Group(matchers)
    for slot, matcher in enumerate(matchers):
        matcher._joined = (group, slot)


class _Group:
    """Several matchers' phrases in one index: each key lists ``(slot, value)``."""

    def __init__(self, matchers: Sequence[PhraseMatcher[Any]]) -> None:
        self.size = len(matchers)
        self.tables: tuple[dict[str, list[tuple[int, Any]]], ...] = ({}, {})
        self.longest: tuple[dict[str, int], ...] = ({}, {})
        for slot, matcher in enumerate(matchers):
            for fold in (0, 1):
                for key, value in matcher._tables[fold].items():
                    self.tables[fold].setdefault(key, []).append((slot, value))
                for first, size in matcher._longest[fold].items():
                    self.longest[fold][first] = max(self.longest[fold].get(first, 0), size)
        self._last: tuple[Words, list[list[tuple[int, int, Any]]]] | None = None

    def found(self, words: Words) -> list[list[tuple[int, int, Any]]]:
        """Every matcher's matches in ``words``, by slot (the last answer is kept)."""
        if self._last is not None and self._last[0] is words:
            return self._last[1]
        spans = words.spans
        count = len(spans)
        candidates = _candidates(self.longest, words)
        results: list[list[tuple[int, int, Any]]] = [[] for _ in range(self.size)]
        allowed = [0] * self.size
        for index in candidates:
            best: dict[int, tuple[int, Any]] = {}
            for fold, forms in ((0, words.plain), (1, words.folded)):
                longest = self.longest[fold].get(forms[index], 0)
                if not longest:
                    continue
                table = self.tables[fold]
                key = forms[index]
                for size in range(1, min(longest, count - index) + 1):
                    if size > 1:
                        last = index + size - 1
                        key += (" " if spans[last][0] > spans[last - 1][1] else "") + forms[last]
                    for slot, value in table.get(key, ()):
                        # The exact-case form is tried first: a case-blind match must be
                        # longer to win.
                        if index >= allowed[slot] and (slot not in best or size > best[slot][0]):
                            best[slot] = (size, value)
            for slot, (size, value) in best.items():
                results[slot].append((spans[index][0], spans[index + size - 1][1], value))
                allowed[slot] = index + size
        self._last = (words, results)
        return results


@dataclass(frozen=True)
class Words:
    """A stretch of text split into tokens once, in plain and case-folded forms, with the
    positions of each distinct token (so a matcher can intersect instead of scanning)."""

    spans: list[tuple[int, int]]
    plain: list[str]
    folded: list[str]
    where_plain: dict[str, list[int]]
    where_folded: dict[str, list[int]]

    @classmethod
    def of(cls, text: str, start: int = 0, end: int | None = None) -> Words:
        """Split ``text[start:end]``.

        The claim gate and the certainty and entity matchers each read the same sentence,
        some as a slice and some by offsets into the article: the split of a sentence's
        text is made once and shifted to where it stands.
        """
        end = len(text) if end is None else end
        words = _split(text[start:end])
        if not start:
            return words
        spans = [(s + start, e + start) for s, e in words.spans]
        return cls(spans, words.plain, words.folded, words.where_plain, words.where_folded)


@lru_cache(maxsize=8)  # the few strings of one sentence: nothing is kept across sentences
def _split(text: str) -> Words:
    """``Words`` of a whole string (tokens do not depend on what lies outside it)."""
    spans = _tokens(text, 0, len(text))
    flat = text.translate(_PLAIN)  # one character for one: offsets hold
    plain = [flat[s:e] for s, e in spans]
    folded = [word.casefold() for word in plain]
    where_plain: dict[str, list[int]] = {}
    where_folded: dict[str, list[int]] = {}
    for index, (p, f) in enumerate(zip(plain, folded, strict=True)):
        where_plain.setdefault(p, []).append(index)
        where_folded.setdefault(f, []).append(index)
    return Words(spans, plain, folded, where_plain, where_folded)
