"""Cheap tests that rule a line out before a costly pattern is tried on it.

A page's lines are each tried against dozens of whole-line patterns (the chrome rules,
the byline shapes, the disclaimer phrases) and nearly every line matches none. Many
of those patterns open with ``.{0,80}`` or a look-ahead and so cost a try at every
position. This module reads a compiled pattern's syntax tree once and derives two
facts that any match must satisfy: a set of literal strings one of which it contains
(``needs``), and the characters a whole-line match can begin with (``first_chars``).
A line that fails either cannot match, and the test is a few substring searches in C.

Both are found from the pattern itself, so they follow the rules as the data changes;
where the tree holds something this module does not read, it answers None ("no
test"), never a wrong set. Lines are compared in ``fold``'s lower case, which maps
every character that a case-blind pattern treats as an ASCII letter to that letter
(``tests/test_page_engine.py`` checks this against every code point).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from typing import Any

# The standard library's own parser of pattern syntax: private, but the one reading of
# a pattern that is certain to agree with the engine (imported by name: no type stubs).
_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

MAX_CLASS = 8
"""A character class of at most this many characters counts as a set of literals."""
_MAX_FIRST = 128
"""A leading class of more characters than this is read as "any character"."""
_FOLD = str.maketrans({"\u212a": "k", "\u0130": "i", "\u0131": "i", "\u017f": "s"})
"""The non-ASCII characters a case-blind pattern matches for an ASCII letter (Kelvin
sign, dotted and dotless I, long s), which ``str.lower`` does not map onto one."""

_Literals = frozenset[str]
_Items = Sequence[tuple[Any, Any]]


def fold(text: str) -> str:
    """``text`` in the lower case that ``needs`` and ``first_chars`` are given in."""
    if text.isascii() or not ("\u0130" in text or "\u0131" in text or "\u017f" in text):
        return text.lower()  # str.lower already maps the Kelvin sign; translate is 25x slower
    return text.translate(_FOLD).lower()


def _usable(char: str) -> bool:
    """True for a character whose case-blind matches are exactly those ``fold`` maps to it:
    ASCII, or a character without case (a dash, a bullet, "©")."""
    return char.isascii() or char.lower() == char == char.upper()


def first_key(folded: str) -> str:
    """The key ``first_chars`` gives the first character of a folded line under: itself,
    or "0" for every decimal digit (what ``\\d`` matches)."""
    return "0" if folded.isdecimal() else folded


def _class_chars(items: _Items, limit: int, *, digits: bool = False) -> set[str] | None:
    """The characters of a class ``[...]``, or None for a negated, category or large one
    (with ``digits``, ``\\d`` counts as "0", the key of every digit)."""
    chars: set[str] = set()
    for op, value in items:
        if digits and op is _c.CATEGORY and value is _c.CATEGORY_DIGIT:
            chars.add("0")
        elif op is _c.LITERAL:
            chars.add(chr(value))
        elif op is _c.RANGE and value[1] - value[0] < limit:
            chars.update(chr(code) for code in range(value[0], value[1] + 1))
        else:
            return None
        if len(chars) > limit:
            return None
    return {char.lower() for char in chars} if all(_usable(char) for char in chars) else None


SELECTIVE = 5
"""Literals of this many characters are rare enough in prose; shorter ones ("by", "has")
are in many lines, so a set of them rules few out."""


def _better(found: _Literals | None, best: _Literals | None) -> bool:
    """True when ``found`` is the better test: its shortest literal longer (up to
    ``SELECTIVE``), then fewer literals to look for, then longer ones."""
    if not found:
        return False
    if best is None:
        return True

    def rank(literals: _Literals) -> tuple[int, int, int]:
        shortest = min(map(len, literals))
        return min(shortest, SELECTIVE), -len(literals), shortest

    return rank(found) > rank(best)


def _needs(items: _Items) -> _Literals | None:
    return _needs_of(_each(items))


def _each(items: _Items) -> list[_Literals]:
    """Sets of literals that parts of the sequence ``items`` need, one of each set in every
    match (the parts of a sequence all match)."""
    each: list[_Literals] = []
    run: list[str] = []

    def consider(found: _Literals | None) -> None:
        if found:
            each.append(found)

    for op, value in items:
        if op is _c.LITERAL and _usable(chr(value)):
            run.append(chr(value).lower())
            continue
        if op is _c.AT:
            continue  # zero width: the literals either side of it are adjacent
        consider(frozenset({"".join(run)}) if run else None)
        run = []
        if op is _c.IN:
            chars = _class_chars(value, MAX_CLASS)
            consider(frozenset(chars) if chars else None)
        elif op is _c.SUBPATTERN:
            consider(_needs(value[3]))
        elif op is _c.ATOMIC_GROUP:
            consider(_needs(value))
        elif op is _c.BRANCH:
            branches = [_needs(branch) for branch in value[1]]
            if all(branches):
                consider(frozenset().union(*(b for b in branches if b)))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and value[0] >= 1:
            consider(_needs(value[2]))
        elif op is _c.ASSERT:
            consider(_needs(value[1]))  # a look-around's text is in the line as well
    consider(frozenset({"".join(run)}) if run else None)
    return each


def needs(pattern: re.Pattern[str]) -> _Literals | None:
    """Literal strings (in ``fold``'s case) one of which every match of ``pattern`` contains,
    or None when no such set was found.

    >>> sorted(needs(re.compile(r".{0,80}\\b(?:getty|alamy)\\b.*", re.I)))
    ['alamy', 'getty']
    """
    return _needs(list(_parser.parse(pattern.pattern, pattern.flags)))


def _first(items: Iterable[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """The characters a match of ``items`` can begin with (None: any), and whether it can
    be empty."""
    chars: set[str] = set()
    for op, value in items:
        found, empty = _first_of(op, value)
        if found is None:
            return None, False
        chars |= found
        if not empty:
            return chars, False
    return chars, True


def _first_of(op: Any, value: Any) -> tuple[set[str] | None, bool]:
    if op is _c.LITERAL:
        return ({first_key(chr(value).lower())} if _usable(chr(value)) else None), False
    if op is _c.IN:
        chars = _class_chars(value, _MAX_FIRST, digits=True)
        return (None if chars is None else {first_key(char) for char in chars}), False
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set(), True  # zero width
    if op is _c.SUBPATTERN:
        return _first(value[3])
    if op is _c.ATOMIC_GROUP:
        return _first(value)
    if op is _c.BRANCH:
        found = [_first(branch) for branch in value[1]]
        if any(chars is None for chars, _ in found):
            return None, False
        return set().union(*(chars or set() for chars, _ in found)), any(e for _, e in found)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        chars, empty = _first(value[2])
        return chars, empty or value[0] == 0
    return None, False


def needs_two(pattern: re.Pattern[str]) -> tuple[_Literals, ...]:
    """``needs``, then the best other set of literals of which every match holds one too
    (the "|" of a row of links beside its words): both must hold; () when none is found.

    >>> [sorted(x) for x in needs_two(re.compile(r"(?=.*\\b(?:terms|help)\\b)[^|]+(?:[|][^|]+)+"))]
    [['help', 'terms'], ['|']]
    """
    each = _each(list(_parser.parse(pattern.pattern, pattern.flags)))
    best = _needs_of(each)
    if best is None:
        return ()
    second = _needs_of([found for found in each if found != best])
    return (best,) if second is None else (best, second)


def _needs_of(each: list[_Literals]) -> _Literals | None:
    best: _Literals | None = None
    for found in each:
        if _better(found, best):
            best = found
    return best


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The first characters (as ``first_key`` gives them) of a non-empty whole-line match
    of ``pattern``, or None when it may begin with any.

    >>> sorted(first_chars(re.compile(r"(?:back\\s+to\\s+)?top", re.I)))
    ['b', 't']
    """
    chars, _ = _first(_parser.parse(pattern.pattern, pattern.flags))
    return None if chars is None else frozenset(chars)


def holds_any(folded: str, literals: Iterable[str] | None) -> bool:
    """False only when ``literals`` (from ``needs``) rule out a match in the text whose
    ``fold`` is ``folded``."""
    if literals is None:
        return True
    for literal in literals:  # noqa: SIM110 (a loop, not any(): no generator for ~15 tests a line)
        if literal in folded:
            return True
    return False


def needs_any(patterns: Iterable[re.Pattern[str]]) -> tuple[str, ...] | None:
    """What a text needs for one of ``patterns`` to match it (None: no test)."""
    found = [needs(pattern) for pattern in patterns]
    return None if not all(found) else tuple(sorted(frozenset().union(*(f for f in found if f))))


def joinable(pattern: re.Pattern[str]) -> bool:
    """True when ``pattern`` means the same inside an alternation of other patterns: no
    back-reference (its group numbers move there), no named group (two rules may use one
    name) and no flag but the case-blind one (an inline global flag must open the whole
    pattern)."""
    if pattern.flags & ~(re.IGNORECASE | re.UNICODE) or pattern.groupindex:
        return False
    return not _refers(_parser.parse(pattern.pattern, pattern.flags))


def _refers(items: Iterable[tuple[Any, Any]]) -> bool:
    """True when ``items`` hold a back-reference to a group, at any depth."""
    for op, value in items:
        if op in (_c.GROUPREF, _c.GROUPREF_EXISTS, _c.GROUPREF_IGNORE):
            return True
        if op is _c.SUBPATTERN and _refers(value[3]):
            return True
        if op is _c.BRANCH and any(_refers(branch) for branch in value[1]):
            return True
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and _refers(value[2]):
            return True
        if op in (_c.ASSERT, _c.ASSERT_NOT) and _refers(value[1]):
            return True
        if op is _c.ATOMIC_GROUP and _refers(value):
            return True
    return False


_RUN = re.compile(r"[a-z0-9]+")
MAX_WORDS = 16_384
"""Words remembered by a ``Literals`` before it starts afresh: about 3 MB at the most, and
only the words of short lines (chrome candidates) are looked up."""


def _trie(literals: Iterable[str]) -> str:
    """A pattern matching the longest of ``literals`` that begins where it is tried: their
    letters in a tree, so that a try reads each character once."""
    tree: dict[str, Any] = {}
    for literal in literals:
        node = tree
        for char in literal:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [
            re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        joined = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a literal ends here; the greedy "?" tries the longer ones first
            return ("(?:" + joined + ")" if len(branches) == 1 else joined) + "?"
        return joined

    return pattern(tree)


class Literals:
    """Which of many sets of literals (one per rule, from ``needs``) a folded line holds
    one of, as a bit mask: bit ``i`` set when the line holds a literal of set ``i``.

    Testing each literal of each set is a Python loop of ~150 substring searches a line.
    A literal of letters and digits lies inside one run of them, so a line is read as its
    runs, and each run's mask is found once (one scan of it: the longest literal at each
    position, and the literals that begin that one) and then looked up: a per-word cache,
    bounded; the few other literals ("@", "£", ":") are searched for as they are.
    """

    def __init__(self, sets: Sequence[Iterable[str]]) -> None:
        in_runs: dict[str, int] = {}
        others: dict[str, int] = {}
        for bit, literals in enumerate(sets):
            for literal in literals:
                kept = in_runs if _RUN.fullmatch(literal) else others
                kept[literal] = kept.get(literal, 0) | 1 << bit
        # The longest literal at a position stands for every literal that begins it.
        self._begun: dict[str, int] = {}
        for literal in in_runs:
            self._begun[literal] = 0
            for other, bits in in_runs.items():
                if literal.startswith(other):
                    self._begun[literal] |= bits
        self._at_each = re.compile(f"(?=({_trie(in_runs)}))") if in_runs else None
        self._others = tuple(others.items())
        self._words: dict[str, int] = {}

    def _word(self, word: str) -> int:
        mask = 0
        if self._at_each is not None:
            for longest in self._at_each.findall(word):
                mask |= self._begun[longest]
        if len(self._words) >= MAX_WORDS:
            self._words.clear()
        self._words[word] = mask
        return mask

    def mask(self, folded: str) -> int:
        """The sets one of whose literals the text whose ``fold`` is ``folded`` holds."""
        mask = 0
        words = self._words
        for word in _RUN.findall(folded):
            found = words.get(word)
            mask |= self._word(word) if found is None else found
        for literal, bits in self._others:
            if literal in folded:
                mask |= bits
        return mask
