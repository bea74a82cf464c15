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
from itertools import accumulate, chain
from operator import itemgetter
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_TOKEN = re.compile(r"\w+|[^\w\s]")
_SPACED_TOKEN = re.compile(r"(\s*)(\w+|[^\w\s])")
"""A token and the whitespace before it. Every other character is a token, so these
matches follow one another with nothing between: their lengths alone give the spans."""
_TOKEN_OF = itemgetter(1)
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


class PhraseMatcher(Generic[T]):
    """Phrases with a value each, some matched in exact case, the rest in any case."""

    def __init__(self) -> None:
        self._tables: tuple[dict[str, T], dict[str, T]] = ({}, {})
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
        if not _TOKEN.search(key):
            raise ValueError(f"phrase {phrase!r} has no words")
        table[key] = value

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
            return iter(group.found(words, slot))
        return self._find(Words.of(text, start, end) if words is None else words)

    def _find(self, words: Words) -> Iterator[tuple[int, int, T]]:
        """Matched as a group of one: one matching loop serves joined and lone matchers."""
        if self._solo is None:
            self._solo = _Group([self])
        return iter(self._solo.found(words, 0))


def join(matchers: Sequence[PhraseMatcher[Any]]) -> None:
    """Let ``matchers`` read a sentence in one pass between them: the first of them asked
    about a split sentence finds the matches of all, the others take theirs. Each keeps
    its own matches exactly (leftmost then longest, never overlapping its own)."""
    group = _Group(matchers)
    for slot, matcher in enumerate(matchers):
        matcher._joined = (group, slot)


_Step = tuple[tuple[tuple[int, Any], ...], bool]
"""What a key leads to: the ``(slot, value)`` of the phrases it is, and whether a phrase
goes on from it."""


class _Group:
    """Several matchers' phrases in one index: each key lists ``(slot, value)``."""

    def __init__(self, matchers: Sequence[PhraseMatcher[Any]]) -> None:
        self.size = len(matchers)
        tables: tuple[dict[str, list[tuple[int, Any]]], ...] = ({}, {})
        # Per fold: the first word of every phrase, and every phrase's proper prefixes
        # (whole words), so a look-up stops as soon as no phrase goes on.
        self.firsts: tuple[set[str], ...] = (set(), set())
        prefixes: tuple[set[str], ...] = (set(), set())
        for slot, matcher in enumerate(matchers):
            for fold in (0, 1):
                for key, value in matcher._tables[fold].items():
                    tables[fold].setdefault(key, []).append((slot, value))
                    ends = [end for _, end in _tokens(key, 0, len(key))]
                    self.firsts[fold].add(key[: ends[0]])
                    prefixes[fold].update(key[:end] for end in ends[:-1])
        # One look-up per word read: a key's phrases and whether any goes on from it.
        self.steps: tuple[dict[str, _Step], ...] = tuple(
            {
                key: (tuple(tables[fold].get(key, ())), key in prefixes[fold])
                for key in tables[fold].keys() | prefixes[fold]
            }
            for fold in (0, 1)
        )
        # The last split walked (its ``plain`` list), where it stood, and every slot's matches.
        self._last: tuple[list[str], int, list[list[tuple[int, int, Any]]]] | None = None

    def found(self, words: Words, slot: int) -> list[tuple[int, int, Any]]:
        """The matches of matcher ``slot`` in ``words``.

        One walk serves every matcher of the group, and every ``Words`` of the same split
        (a sentence read by offsets into its article and as a string of its own): the
        last walk's matches are kept, and shifted to where the split stands.
        """
        last = self._last
        if last is None or last[0] is not words.plain:
            last = self._last = (words.plain, words.offset, self._walk(words))
        shift = words.offset - last[1]
        matches = last[2][slot]
        return [(s + shift, e + shift, v) for s, e, v in matches] if shift else matches

    def _walk(self, words: Words) -> list[list[tuple[int, int, Any]]]:
        """Every matcher's matches in ``words``, by slot."""
        spans = words.spans
        count = len(spans)
        results: list[list[tuple[int, int, Any]]] = [[] for _ in range(self.size)]
        allowed = [0] * self.size
        plain_firsts, folded_firsts = self.firsts
        # A sentence with no word that begins a phrase (often so for a small matcher) is
        # done in one pass in C, without the word-by-word loop.
        if plain_firsts.isdisjoint(words.plain) and folded_firsts.isdisjoint(words.folded):
            return results
        folds = (
            (words.plain, plain_firsts, self.steps[0]),
            (words.folded, folded_firsts, self.steps[1]),
        )
        for index, (plain, folded) in enumerate(zip(words.plain, words.folded, strict=True)):
            # One set look-up per form of a word: most words begin no phrase.
            if plain not in plain_firsts and folded not in folded_firsts:
                continue
            best: dict[int, tuple[int, Any]] = {}
            for forms, firsts, steps in folds:
                key = forms[index]
                if key not in firsts:
                    continue
                size = 1
                step: _Step | None = steps[key]
                while step is not None:
                    entries, goes_on = step
                    for slot, value in entries:
                        # The exact-case form is tried first: a case-blind match must be
                        # longer to win.
                        if index >= allowed[slot] and (slot not in best or size > best[slot][0]):
                            best[slot] = (size, value)
                    # No listed phrase goes on from here: a longer key cannot match.
                    if not goes_on or index + size >= count:
                        break
                    last = index + size
                    key += (" " if spans[last][0] > spans[last - 1][1] else "") + forms[last]
                    size += 1
                    step = steps.get(key)
            for slot, (size, value) in best.items():
                results[slot].append((spans[index][0], spans[index + size - 1][1], value))
                allowed[slot] = index + size
        return results


@dataclass(frozen=True)
class Words:
    """A stretch of text split into tokens once, in plain and case-folded forms.

    Splits that share their ``plain`` list are one split, shifted: their ``spans`` differ
    by the difference of their offsets (``of`` makes them so).
    """

    spans: list[tuple[int, int]]
    plain: list[str]
    folded: list[str]
    offset: int = 0

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
        return cls(spans, words.plain, words.folded, start)


@lru_cache(maxsize=8)  # the few strings of one sentence: nothing is kept across sentences
def _split(text: str) -> Words:
    """``Words`` of a whole string (tokens do not depend on what lies outside it)."""
    # One character for one, none of them a word character; an ASCII text has none of them.
    flat = text if text.isascii() else text.translate(_PLAIN)
    # Loops in C, no match object per token (a third of the split's cost): the spans are
    # running sums of the pieces' lengths, the folded forms one lower-casing of the tokens
    # joined by spaces (a token holds none; ASCII folds letter for letter).
    pieces = _SPACED_TOKEN.findall(flat)
    bounds = list(accumulate(map(len, chain.from_iterable(pieces))))
    spans = list(zip(bounds[::2], bounds[1::2], strict=True))
    plain = list(map(_TOKEN_OF, pieces))
    if not flat.isascii():
        folded = [w.casefold() for w in plain]
    else:
        folded = " ".join(plain).lower().split(" ") if plain else []
    return Words(spans, plain, folded)
