"""Sentence segmentation with exact spans: candidate boundaries, then named rules.

A candidate boundary is a run of ``.``, ``!``, ``?`` or ``…`` (with any closing quotes
or brackets) followed by whitespace and something that can start a sentence: a
capital, a digit, an opening quote or bracket, a bullet, or a lower-case gene or
protein name such as "mRNA", "p53" or "c-Jun". Each rule in ``RULES`` has a name, the
reason it exists and an example it is needed for (``tests/test_segmentation.py``
checks each example fails without its rule). A rule may propose extra boundaries (list
items written on one line) or decide a candidate: the first rule with an opinion
wins, and a candidate no rule objects to is a boundary. Abbreviations are data:
``data/abbreviations.tsv``.

Spans are exact: ``text[start:end]`` is the sentence, trimmed of whitespace. A line
break always ends a sentence because the article parser segments each raw line on
its own; measured against the English Golden Rules and BioScope in ``docs/accuracy.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from importlib.resources import files
from typing import Literal, cast

from .lines import trim

ABBREVIATIONS_FILE = "abbreviations.tsv"
AbbreviationKind = Literal["title", "inline", "number", "final", "time"]

SENTENCE_OPENERS = frozenset(
    """
    a an the this that these those it its they their there then we he she i you our your
    his her my many most some few several other others such however but and yet in on for
    by as if when while although because so thus therefore overall finally also no not all
    each both one how what why who where which did do does is are was were can will would
    should could here now today yes still even only instead moreover furthermore
    additionally similarly consequently rather indeed after before during since
    """.split()
)
"""Words that start sentences far more often than they continue a name or a phrase."""

_LOWER_OPENERS = ("it", "the", "this", "these", "there", "they", "we", "however")
_NEXT = (
    r"\s+[\"'“‘(\[]?(?:[A-Z0-9•⁃]|[a-z]{1,8}-?[A-Z0-9]|[a-z]-[a-z]|"
    r"(?:alpha|beta|gamma|delta|kappa)\b)"
)
# The punctuation before its look-behind: a pattern that opens with a character set lets
# the search skip to candidates instead of trying the look-behind at every position.
_LOWER_START = re.compile(
    r"[.!?](?<=[a-z]{3}[.!?])[\"'”’)\]]*(?=\s+(?:" + "|".join(_LOWER_OPENERS) + r")\s)"
)
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=" + _NEXT + ")")
_WORD_BEFORE = re.compile(r"([\w.°]+)$")
_NEXT_WORD = re.compile(r"\s*[\"'“‘(\[]?([\w°]+)")
_MARKER_ONLY = re.compile(r"^(?:[•⁃▪◦‣*–-]\s?)?(?:\d{1,3}|[A-Za-z]) ?(?:\.\)|\.|\))$")
_LIST_MARKER = re.compile(
    r"(?<!\S)(?:[•⁃▪◦‣]\s?)?(?P<value>\d{1,3}|[a-z])(?P<style> ?\.\)| ?\.|\))(?=\s)"
)
_VALUE = r"(?:\d|(?<![^\s•⁃▪◦‣])[a-z])"
_MARKER_END = re.compile(
    r"[.)](?=\s)(?:(?<="
    + _VALUE
    + r"[.)])|(?<="
    + _VALUE
    + r"(?:\.\)| \.))|(?<="
    + _VALUE
    + r" \.\)))"
)
"""Where a ``_LIST_MARKER`` match would end: its last character and the value before it.
Searched first because it opens with a character set, so lines without a marker (nearly
all) are ruled out without trying the marker's look-behind at every position."""
_SPACED_DOTS = re.compile(r"(?:\.\s)+\.$")
_PERIOD_THEN_ELLIPSIS = re.compile(r"\.(?<=\w\.)(?=\s\.\s\.\s\.\s+[A-Z\"“])")  # as _LOWER_START
_NAME = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]\.")
_NON_SPACE = re.compile(r"\S")
_BRACKET = re.compile(r"[(\[{)\]}]")
_MAY_END = re.compile(r"[.!?…)]")
"""What a boundary of ``RULES`` needs in its paragraph: a candidate (``_END``) ends sentence
punctuation, and every proposal follows a full stop (a lower-case opener, a period before
an ellipsis) or a list marker's "." or ")"."""
_OPEN = "([{"


@cache
def abbreviations() -> dict[str, AbbreviationKind]:
    """``data/abbreviations.tsv`` as abbreviation -> kind."""
    text = files("adhd_corpus.parse").joinpath("data", ABBREVIATIONS_FILE).read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {row[0]: cast(AbbreviationKind, row[1]) for row in rows[1:]}


@dataclass(frozen=True)
class Candidate:
    """A place where the sentence that began at ``start`` might end.

    ``mark`` is where the final punctuation begins, ``end`` where the sentence would end
    (past any closing quotes or brackets), ``limit`` the end of the paragraph and
    ``open_brackets`` how many brackets opened in this sentence are still open at ``end``
    and close later in the paragraph.
    """

    text: str
    start: int
    mark: int
    end: int
    limit: int
    open_brackets: int = 0

    @cached_property  # asked by two rules of every candidate; the search tries 40 places
    def _word_match(self) -> re.Match[str] | None:
        return _WORD_BEFORE.search(self.text, max(self.start, self.mark - 40), self.mark)

    @property
    def word_before(self) -> str:
        """The token the punctuation is attached to, e.g. "u.s" for "U.S.", lower case."""
        match = self._word_match
        return "" if match is None else match.group(1).lower().rstrip(".")

    @property
    def char_before_word(self) -> str:
        """The character before ``word_before`` ("" at the start of the sentence)."""
        match = self._word_match
        begin = self.mark if match is None else match.start()
        return self.text[begin - 1] if begin > self.start else ""

    @property
    def next_word(self) -> str:
        match = _NEXT_WORD.match(self.text, self.end, self.limit)
        return "" if match is None else match.group(1)

    @property
    def so_far(self) -> str:
        """The sentence up to the punctuation (at most its first 300 characters)."""
        return self.text[self.start : min(self.mark, self.start + 300)]


Decision = bool | None
"""True: a boundary; False: not one; None: the rule has no opinion."""


@dataclass(frozen=True)
class Rule:
    """A named segmentation rule with the example that proves it is needed."""

    name: str
    why: str
    example: str
    expected: tuple[str, ...]
    decide: Callable[[Candidate], Decision] | None = None
    propose: Callable[[str, int, int], Iterator[int]] | None = None


def _inside_brackets(c: Candidate) -> Decision:
    return False if c.open_brackets else None


def _elision(c: Candidate) -> Decision:
    return False if c.text[c.mark - 1 : c.mark] == "[" else None


def _spaced_ellipsis(c: Candidate) -> Decision:
    run = _SPACED_DOTS.search(c.text, max(c.start, c.mark - 12), c.mark + 1)
    if run is None or c.text[c.mark] != ".":
        return None
    attached = run.start() > c.start and not c.text[run.start() - 1].isspace()
    return not attached and run.group().count(".") >= 4


def _period_before_ellipsis(text: str, start: int, end: int) -> Iterator[int]:
    for match in _PERIOD_THEN_ELLIPSIS.finditer(text, start, end):
        yield match.end()


def _list_items(text: str, start: int, end: int) -> Iterator[int]:
    def value(match: re.Match[str]) -> int:
        found = match.group("value")
        return int(found) if found.isdigit() else ord(found) - ord("a") + 1

    def char_before(position: int) -> str:
        return text[max(start, position - 200) : position].rstrip()[-1:]

    if _MARKER_END.search(text, start, end) is None:
        return
    items: list[re.Match[str]] = []
    depth, counted = 0, start
    for match in _LIST_MARKER.finditer(text, start, end):
        # An item opens like a sentence; "(phase 1) and" closes a bracket instead, and
        # "that 1) a region ...; 2) an element" is an enumeration inside one sentence.
        depth += text.count("(", counted, match.start()) - text.count(")", counted, match.start())
        counted = match.start()
        follows = _NON_SPACE.search(text, match.end(), end)
        bracketed = match.group("style") == ")" and depth > 0
        if follows and follows.group().isupper() and not bracketed:
            items.append(match)
    runs: list[list[re.Match[str]]] = []
    for match in items:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and last.group("style") == match.group("style")
            and value(match) == value(last) + 1
        ):
            runs[-1].append(match)
        else:
            runs.append([match])
    for run in runs:
        # A list starts a paragraph or follows a sentence's end or a colon, or is
        # bulleted; "in cohort 1. Dopamine ... cohort 2." only ends sentences in numbers.
        first = run[0]
        opens = char_before(first.start()) in ("", ".", "!", "?", ":", '"', "”", ")")
        if len(run) < 2 or not (opens or first.group().strip()[0] in "•⁃▪◦‣"):
            continue
        for match in run:
            if char_before(match.start()) not in (",", ";"):
                yield match.start()


def _marker_alone(c: Candidate) -> Decision:
    if c.end - c.start > 12:  # longer than any marker
        return None
    return False if _MARKER_ONLY.match(c.text[c.start : c.end].strip()) else None


def _abbreviation(c: Candidate) -> Decision:
    if c.text[c.mark] != ".":
        return None
    kind = abbreviations().get(c.word_before)
    if kind is None:
        return None
    if kind in ("title", "inline"):
        return False
    if kind == "number":
        return not c.next_word[:1].isdigit()
    if kind == "final":
        return c.next_word.lower() in SENTENCE_OPENERS
    return len(c.so_far.split(maxsplit=4)) > 3  # time: "At 5 a.m. Mr. Smith left" goes on


def _initial(c: Candidate) -> Decision:
    word = c.word_before
    if c.text[c.mark] != "." or len(word) != 1 or not word.isalpha():
        return None
    if c.text[c.mark - 1].islower():  # "2 h. The", "[Ca2+]i. Then"; but "p. 55"
        return not c.next_word[:1].isdigit()
    if c.next_word.lower() in SENTENCE_OPENERS:
        return True
    before = c.char_before_word
    if before == "":
        return False  # "J. Smith wrote" at the start of a sentence
    previous = c.text[max(c.start, c.mark - 40) : c.mark - 1].rstrip().split()
    name = previous[-1].lstrip("([{\"'“‘") if previous and before.isspace() else ""
    # An initial follows a name or another initial ("Jonas E. Smith", "J. K. Rowling");
    # a letter after a lower-case word, a hyphen or a digit ends a name ("NF-kappa B.").
    return _NAME.fullmatch(name) is None


def _lower_case_openers(text: str, start: int, end: int) -> Iterator[int]:
    # Pages forget capitals ("... daunomycin. it became"); only a whole word ends there.
    for match in _LOWER_START.finditer(text, start, end):
        word = _WORD_BEFORE.search(text, max(start, match.start() - 40), match.start())
        if (
            word is not None
            and word.group(1).isalpha()
            and word.group(1).lower() not in (abbreviations())
        ):
            yield match.end()


RULES: tuple[Rule, ...] = (
    Rule(
        "inside brackets",
        "a full stop inside brackets that close later ends no sentence",
        "Dopamine rises (Serotonin falls. Noradrenaline varies.) in ADHD. Sleep helps.",
        ("Dopamine rises (Serotonin falls. Noradrenaline varies.) in ADHD.", "Sleep helps."),
        decide=_inside_brackets,
    ),
    Rule(
        "elision in brackets",
        "'[...]' marks omitted words",
        '"Dopamine [...] shapes how we learn from reward [...]" (Lee 12).',
        ('"Dopamine [...] shapes how we learn from reward [...]" (Lee 12).',),
        decide=_elision,
    ),
    Rule(
        "spaced ellipsis",
        "'. . .' leaves words out inside a sentence; a fourth dot is the full stop",
        "It was . . . I do not know. The end came . . . . Next sentence.",
        ("It was . . . I do not know.", "The end came . . . .", "Next sentence."),
        decide=_spaced_ellipsis,
    ),
    Rule(
        "period before an ellipsis",
        "a full stop on a word then '. . .' ends the sentence; the ellipsis opens the next",
        "It was weakened. . . . The practice went on.",
        ("It was weakened.", ". . . The practice went on."),
        propose=_period_before_ellipsis,
    ),
    Rule(
        "list items on one line",
        "a run of numbered or lettered markers starts one item each",
        "Three habits help: 1) Sleep at set times 2) Eat breakfast 3) Walk daily",
        ("Three habits help:", "1) Sleep at set times", "2) Eat breakfast", "3) Walk daily"),
        propose=_list_items,
    ),
    Rule(
        "list marker alone",
        "a list marker such as '1.' or '2 .' is never a sentence by itself",
        "Results were mixed. 2. Sleep improved.",
        ("Results were mixed.", "2. Sleep improved."),
        decide=_marker_alone,
    ),
    Rule(
        "abbreviation",
        "the full stop of an abbreviation ends a sentence only as its kind allows",
        "Dr. Lee moved to the U.S. Many followed. No. 3 is sleep. The answer is no. It rests.",
        (
            "Dr. Lee moved to the U.S.",
            "Many followed.",
            "No. 3 is sleep.",
            "The answer is no.",
            "It rests.",
        ),
        decide=_abbreviation,
    ),
    Rule(
        "initial",
        "a single letter is an initial after a name; after anything else it ends a sentence",
        "Maria T. Costa treated Sam and I. We measured NF-kappa B. Levels peaked at 2 h. Then "
        "they fell.",
        (
            "Maria T. Costa treated Sam and I.",
            "We measured NF-kappa B.",
            "Levels peaked at 2 h.",
            "Then they fell.",
        ),
        decide=_initial,
    ),
    Rule(
        "lower-case opener",
        "a full stop after a whole word ends a sentence even if the next forgets its capital",
        "Sleep was poor. it improved with melatonin.",
        ("Sleep was poor.", "it improved with melatonin."),
        propose=_lower_case_openers,
    ),
)
"""The segmentation rules, in the order they are consulted."""


def split_sentences(
    text: str, start: int = 0, end: int | None = None, *, rules: tuple[Rule, ...] = RULES
) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences in ``text[start:end]``, trimmed, in order.

    >>> text = "Dr. Lee studies ADHD in the U.S. It is common."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Dr. Lee studies ADHD in the U.S.', 'It is common.']
    """
    end = len(text) if end is None else end
    if rules is RULES and not _MAY_END.search(text, start, end):
        # A heading or list item without any of the characters every boundary needs: one
        # sentence, without the proposals, candidates and brackets (a third of the lines).
        only = trim(text, start, end)
        return [only] if only[1] > only[0] else []
    proposed = {p for rule in rules if rule.propose for p in rule.propose(text, start, end)}
    found = [(m.start(), m.end(), False) for m in _END.finditer(text, start, end)]
    found += [(p, p, True) for p in proposed]
    brackets = _Brackets(text, start, end)
    spans: list[tuple[int, int]] = []
    cursor = start
    for mark, stop, forced in sorted(found):
        if stop <= cursor or not _NON_SPACE.search(text, cursor, stop):
            continue
        if not forced:
            candidate = Candidate(text, cursor, mark, stop, end, brackets.open_at(cursor, stop))
            verdicts = (rule.decide(candidate) for rule in rules if rule.decide)
            if next((v for v in verdicts if v is not None), True) is False:
                continue
        spans.append(trim(text, cursor, stop))
        cursor = stop
    spans.append(trim(text, cursor, end))
    return [span for span in spans if span[1] > span[0]]


class _Brackets:
    """Brackets opened since a sentence began that are open at a point and close later.

    One pass over the paragraph's brackets, walked forward as candidates come in order,
    so a long paragraph costs linear time. A bracket that never closes is a stray and
    protects nothing.
    """

    def __init__(self, text: str, start: int, end: int) -> None:
        self._found = [(m.start(), m.group() in _OPEN) for m in _BRACKET.finditer(text, start, end)]
        self._closes: set[int] = set()
        stack: list[int] = []
        for position, opens in self._found:
            if opens:
                stack.append(position)
            elif stack:
                self._closes.add(stack.pop())
        self._next = 0
        self._sentence = start
        self._open: list[int] = []
        self._closing = 0  # how many of self._open close later

    def open_at(self, sentence: int, point: int) -> int:
        if sentence != self._sentence:  # a new sentence: brackets before it do not count
            self._sentence, self._open, self._closing = sentence, [], 0
            while self._next < len(self._found) and self._found[self._next][0] < sentence:
                self._next += 1
        while self._next < len(self._found) and self._found[self._next][0] < point:
            position, opens = self._found[self._next]
            if opens:
                self._open.append(position)
                self._closing += position in self._closes
            elif self._open:
                self._closing -= self._open.pop() in self._closes
            self._next += 1
        return self._closing
