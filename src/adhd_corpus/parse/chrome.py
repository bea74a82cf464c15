"""Page chrome: the site furniture around an article, told apart line by line.

Logos, breadcrumbs, "Skip to content", reading times, image credits, share and
cookie bars, review badges, date lines and contact lines are never the title, a
heading, body or a byline. The rules are rows of ``data/chrome.tsv`` (reason, name,
whole-line pattern), tried in order; the parser keeps every line they drop, with the
reason, in ``Article.dropped``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from .prefilter import Literals, first_chars, first_key, fold, joinable, needs_two

CHROME_FILE = "chrome.tsv"
SELECTIVE_FIRST = 3
"""A rule that needs a literal this long or longer ("cookie", "fees") is tried alone, on the
lines that hold one, even when its first character is known: "(?:\\w+\\s+){0,6}cookies?"
begins with any letter, so its first character rules out few lines (measured: 3 is faster
than 1, 2, 4 or 5)."""
MAX_CHROME_CHARS = 300
"""Chrome lines are short; longer lines are never tried (and cannot make a rule slow)."""


@dataclass(frozen=True)
class ChromeRule:
    """One row of the chrome rules: why a line matching ``pattern`` is not article."""

    reason: str
    name: str
    pattern: re.Pattern[str]


def read_rules(text: str) -> tuple[ChromeRule, ...]:
    """Parse the rules file's text: '#' comments, a header row, then tab-separated rows."""
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    if not rows or rows[0].split("\t") != ["reason", "name", "pattern"]:
        raise ValueError(f"{CHROME_FILE}: the header must be 'reason, name, pattern'")
    rules = []
    for row in rows[1:]:
        reason, name, pattern = row.split("\t")
        rules.append(ChromeRule(reason, name, re.compile(pattern, re.IGNORECASE)))
    return tuple(rules)


@cache
def rules() -> tuple[ChromeRule, ...]:
    """The packaged chrome rules, read once."""
    return read_rules((files(__package__) / "data" / CHROME_FILE).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class _Group:
    """The rules a line beginning with one character can match, in two parts: those tried
    on every such line, joined into one alternation (one scan in C instead of a call per
    rule), and those with literals to test (the rules that can begin anywhere, ``.{0,80}``
    or a look-ahead, and those that need a word such as "cookie"), each tried alone on a
    line that holds its literals."""

    joined: re.Pattern[str] | None
    rule_of_group: dict[int, int]
    """The alternation's group of each rule (the last to close in a match) -> its index."""
    gated: int
    """The other rules, as a bit mask of their indexes."""


def _group(rows: list[tuple[int, ChromeRule, bool]]) -> _Group:
    """The group of ``rows`` (rule index, rule, whether it is tried alone), in rule order."""
    parts: list[str] = []
    rule_of_group: dict[int, int] = {}
    gated = 0
    next_group = 1
    for at, rule, alone in rows:
        if alone:
            gated |= 1 << at
            continue
        parts.append(f"({rule.pattern.pattern})")
        rule_of_group[next_group] = at
        next_group += 1 + rule.pattern.groups
    joined = re.compile("|".join(parts), re.IGNORECASE) if parts else None
    return _Group(joined, rule_of_group, gated)


@dataclass(frozen=True)
class _Index:
    """The rules grouped by the characters a rule's match can begin with, so a line is
    tried only against the rules that can start with its first character, and the
    literals a line needs for each rule tried alone (bit i: rule i)."""

    by_first: dict[str, _Group]
    anywhere: _Group
    every: _Group
    literals: Literals
    """Bit i: a literal that rule i needs; bit n + i (n rules): one of a second set it needs."""
    always: int
    """The rules tried alone that need no literal (none found, or not joinable)."""
    also: tuple[int, ...]
    """Rule i's second set's bit, or 0."""


@cache
def _index() -> _Index:
    """The packaged rules' index, built once."""
    rows = []
    needed: list[frozenset[str]] = []
    seconds: list[frozenset[str]] = []
    always = 0
    for at, rule in enumerate(rules()):
        chars = first_chars(rule.pattern)
        found = needs_two(rule.pattern)
        if chars is not None and (not found or min(map(len, found[0])) < SELECTIVE_FIRST):
            found = ()  # its first character is the better test: it stays in the alternation
        alone = bool(found) or not joinable(rule.pattern)
        needed.append(found[0] if found else frozenset())
        seconds.append(found[1] if len(found) > 1 else frozenset())
        always |= (alone and not found) << at
        rows.append((chars, (at, rule, alone)))
    count = len(needed)
    keys = set().union(*(chars for chars, _ in rows if chars is not None))
    return _Index(
        by_first={
            key: _group([row for chars, row in rows if chars is None or key in chars])
            for key in keys
        },
        anywhere=_group([row for chars, row in rows if chars is None]),
        every=_group([row for _, row in rows]),
        literals=Literals(needed + seconds),
        always=always,
        also=tuple((1 << (count + at)) if second else 0 for at, second in enumerate(seconds)),
    )


def chrome_rule(line: str) -> ChromeRule | None:
    """The first rule a whole trimmed line matches, or None when the line is not chrome.

    >>> chrome_rule("Home > Conditions > ADHD").reason
    'breadcrumb'
    >>> chrome_rule("Dopamine helps regulate attention.") is None
    True
    """
    if len(line) > MAX_CHROME_CHARS:
        return None
    folded = fold(line)
    index = _index()
    group = index.by_first.get(first_key(folded[:1]), index.anywhere) if line else index.every
    # The alternation's match is the first of its rules that matches the whole line.
    found = group.joined.fullmatch(line) if group.joined is not None else None
    ordered = rules()
    limit = group.rule_of_group[found.lastindex or 0] if found is not None else len(ordered)
    held = index.literals.mask(folded) | index.always
    tried = held & group.gated & ((1 << limit) - 1)
    while tried:  # the rules tried alone that come before ``limit``, lowest index first
        lowest = tried & -tried
        at = lowest.bit_length() - 1
        rule = ordered[at]
        if held & index.also[at] == index.also[at] and rule.pattern.fullmatch(line):
            return rule
        tried ^= lowest
    return ordered[limit] if found is not None else None


def heads_block(rule: ChromeRule) -> bool:
    """True when the short unpunctuated lines under a line ``rule`` matched share its
    reason: the headlines under "Related articles", the name and institution under
    "Media Contact"."""
    return rule.name == "related-heading" or rule.name.endswith(("-block", "-box"))


def ends_box(rule: ChromeRule | None, opened_by: ChromeRule | None) -> bool:
    """True when chrome line ``rule`` closes the block ``opened_by`` opened: a box (a rule
    whose name ends in -box, "Shop the story") holds its product's name up to the first
    chrome line (the price), so the numbered tip under the box stays article."""
    return (
        rule is not None
        and opened_by is not None
        and opened_by.name.endswith("-box")
        and not heads_block(rule)
    )


def is_contents(rule: ChromeRule) -> bool:
    """True for an in-page contents list's heading ("On this page"). Above any article
    line ("Jump to section" first on the page) it is a skip link and heads no list."""
    return rule.name == "contents-block"


def holds(opened_by: ChromeRule | None, text: str) -> bool:
    """True when a short line under the block ``opened_by`` opened is still the block's:
    an in-page contents list ("On this page") names its sections in a few words, so the
    first question under it is the first section's heading, not an entry.

    >>> contents = next(rule for rule in rules() if rule.name == "contents-block")
    >>> holds(contents, "Symptoms"), holds(contents, "What causes it?")
    (True, False)
    """
    return not (opened_by is not None and is_contents(opened_by) and text.rstrip().endswith("?"))


_ENTRY_MARK = re.compile(r"^(?:[—–•·▪◦‣*>-]|\d{1,2}[.)])\s*(?=\S)")


def entry_text(opened_by: ChromeRule | None, text: str) -> str:
    """A contents list's entry without the dash, bullet or number that leads it
    ("— How to check", "2. Treatment"): the entry is read as the short line it names.

    >>> contents = next(rule for rule in rules() if rule.name == "contents-block")
    >>> entry_text(contents, "— Symptoms"), entry_text(None, "— Symptoms")
    ('Symptoms', '— Symptoms')
    """
    if opened_by is not None and is_contents(opened_by):
        return _ENTRY_MARK.sub("", text, count=1) or text
    return text


MAX_FOOT_LINES = 2
"""How many lines above a unit's foot belong to it: a card's name and job title."""
_QUOTATION = re.compile(r"[\"“‘'].{1,280}[\"”’']")


def is_foot(rule: ChromeRule | None) -> bool:
    """True when ``rule`` ends a unit whose first lines look like article: "View profile"
    under a consultant's name and job title, "— Name, Town" under a testimonial."""
    return rule is not None and rule.name.endswith("-foot")


def heads_foot(text: str) -> bool:
    """True when a line above a unit's foot can belong to the unit: a whole quotation,
    or a short line with no sentence punctuation at its end ("Consultant Dermatologist")."""
    if _QUOTATION.fullmatch(text):
        return True
    return len(text.split()) <= 8 and text.rstrip()[-1:] not in ".,;:!?"


_DATELINE = re.compile(
    r"(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}),\s+"
    r"(?:\d{1,2}\s+[A-Za-z]{3,9}\.?|[A-Za-z]{3,9}\.?\s+\d{1,2},?)(?:\s+\d{4})?"
    r"\s*(?:[–—]|--?)\s+(?=[A-Z\"“])"
)
"""A news release's dateline: a place and a date, then a dash ("Leeds, 3 March 2025 -")."""


def dateline_length(sentence: str) -> int:
    """How many characters of a sentence's opening are a dateline (0 when none).

    >>> dateline_length("Leeds, 3 March 2025 - Pupils slept less.")
    22
    >>> dateline_length("Sleep, like diet, matters.")
    0
    """
    match = _DATELINE.match(sentence)
    return match.end() if match else 0
