"""The page-level passes' speed devices give the answers of the plain forms they replace."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from adhd_corpus.parse import chrome, lines, memo, people, prefilter, sentences
from adhd_corpus.parse.chrome import ChromeRule, chrome_rule
from adhd_corpus.parse.lines import split_lines

# Characters the segmentation patterns care about, and a few they do not.
_PUNCTUATED = st.text(alphabet="ab Z1 2.)•\t\n?!'”itheyw", max_size=40)


@settings(max_examples=400, deadline=None)
@given(_PUNCTUATED, st.integers(0, 40), st.integers(0, 40))
@example("It was weakened. . . . The", 0, 40)
@example("Sleep was poor. it improved", 0, 40)
def test_the_punctuation_first_patterns_match_as_the_look_behind_first_ones(
    text: str, start: int, end: int
) -> None:
    """The look-behind moved after the punctuation it guards finds the same matches."""
    openers = "|".join(sentences._LOWER_OPENERS)
    plain = {
        sentences._LOWER_START: rf"(?<=[a-z]{{3}})[.!?][\"'”’)\]]*(?=\s+(?:{openers})\s)",
        sentences._PERIOD_THEN_ELLIPSIS: r"(?<=\w)\.(?=\s\.\s\.\s\.\s+[A-Z\"“])",
    }
    for fast, pattern in plain.items():
        found = [m.span() for m in fast.finditer(text, start, end)]
        assert found == [m.span() for m in re.compile(pattern).finditer(text, start, end)]


@settings(max_examples=400, deadline=None)
@given(_PUNCTUATED, st.integers(0, 40), st.integers(0, 40))
@example("Habits: 1) Sleep 2) Eat", 0, 40)
@example("• a. Sleep b. Eat", 0, 40)
def test_a_list_marker_is_never_missed_by_its_end_check(text: str, start: int, end: int) -> None:
    """``_MARKER_END`` rules a line out only when ``_LIST_MARKER`` finds nothing in it."""
    if sentences._LIST_MARKER.search(text, start, end) is not None:
        assert sentences._MARKER_END.search(text, start, end) is not None


# --- prefilter: what a match needs, and the first characters it can begin with ------------

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "raw").glob("*.txt")) + sorted(
    (ROOT / "tests" / "fixtures").rglob("raw/*.txt")
)
TRICKY = [
    r"(?:back\s+to\s+)?top(?:\s+of\s+page)?",
    r"(?-i:[A-Z]{1,2}\d)\s*cookies?",
    r"(?=.*\b(?:accept|allow)\b).{0,20}\bcookie",
    r"x?(?:ab|ac|a)\d{0,2}",
    r"(?:[—–]|--)\s*\w+",
    r"\d{1,3}\s*min|about",
    r"(?<=a)b+|c(?=d)",
    r"(?:ſt|ıd|İs|k)+",
    r"[^x]{0,3}(?:yes|no)",
    r"(?=.*\b(?:terms|help)\b)[^|]+(?:[|·][^|]+)+",
    r"(?:ab|cd)e?[:;](?=x|y)",
]
_ALPHABET = "abcdikostxy ABCDIKOST0123456789—–-ſıİ\u212a.,:"


def _plain_rule(line: str) -> ChromeRule | None:
    return next((rule for rule in chrome.rules() if rule.pattern.fullmatch(line)), None)


def test_fold_maps_every_case_blind_match_of_a_literal_onto_its_lower_case() -> None:
    """Every code point that a case-blind pattern matches for a character a literal may
    hold (ASCII, or one without case) folds to that character's lower case."""
    everything = "".join(map(chr, range(0x110000)))
    wanted = {chr(c) for c in range(128)} | {
        char
        for rule in chrome.rules()
        for literal in prefilter.needs(rule.pattern) or ()
        for char in literal
    }
    assert all(prefilter._usable(char) for char in wanted)
    pattern = re.compile("[" + "".join(re.escape(char) for char in wanted) + "]", re.I)
    found = set(pattern.findall(everything))
    assert {"\u212a", "\u0130", "\u0131", "\u017f"} <= found  # the four the fold maps
    for char in found:
        for literal in wanted:
            if re.fullmatch(re.escape(literal), char, re.I):
                assert prefilter.fold(char) == literal.lower(), (char, literal)


def _lines() -> list[str]:
    return [
        line.text
        for path in PAGES
        for line in split_lines(path.read_text(encoding="utf-8"))
        if len(line.text) <= chrome.MAX_CHROME_CHARS
    ]


def test_chrome_rule_gives_the_first_rule_that_matches_on_every_page_line() -> None:
    lines = _lines()
    assert len(lines) > 500
    found = [chrome_rule(line) for line in lines]
    assert found == [_plain_rule(line) for line in lines]
    assert sum(rule is not None for rule in found) > 50  # the pages hold chrome to find


@cache
def _derived(
    pattern: re.Pattern[str],
) -> tuple[frozenset[str] | None, frozenset[str] | None, tuple[frozenset[str], ...]]:
    return prefilter.needs(pattern), prefilter.first_chars(pattern), prefilter.needs_two(pattern)


def _assert_sound(pattern: re.Pattern[str], text: str) -> None:
    """A text that ``pattern`` matches holds what ``needs`` asks (and each set ``needs_two``
    asks) and begins as ``first_chars`` allows."""
    needed, first, both = _derived(pattern)
    if pattern.search(text):
        assert prefilter.holds_any(prefilter.fold(text), needed), (pattern, text)
        for each in both:
            assert prefilter.holds_any(prefilter.fold(text), each), (pattern, text, each)
    if text and first is not None and pattern.fullmatch(text):
        assert prefilter.first_key(prefilter.fold(text)[:1]) in first, (pattern, text)


def test_needs_and_first_characters_hold_for_every_chrome_rule_on_every_page_line() -> None:
    lines = _lines()
    for rule in chrome.rules():
        for line in lines:
            _assert_sound(rule.pattern, line)


def _fragments() -> list[str]:
    found = {"", " ", "1", "a", "A", "İ", "ı", "ſ", "\u212a", ":", "|", ",", "2024"}
    for rule in chrome.rules():
        found |= prefilter.needs(rule.pattern) or set()
    return sorted(found)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_fragments()), max_size=6), st.booleans())
def test_needs_and_first_characters_hold_on_lines_made_of_rule_literals(
    parts: list[str], upper: bool
) -> None:
    text = " ".join(parts)
    text = text.upper() if upper else text
    for rule in chrome.rules():
        _assert_sound(rule.pattern, text)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(TRICKY), st.text(alphabet=_ALPHABET, max_size=12), st.booleans())
def test_needs_and_first_characters_hold_for_tricky_patterns(
    pattern: str, text: str, blind: bool
) -> None:
    _assert_sound(re.compile(pattern, re.I if blind else 0), text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_fragments()), max_size=6), st.booleans())
def test_chrome_rule_gives_the_first_rule_that_matches_on_lines_made_of_rule_literals(
    parts: list[str], upper: bool
) -> None:
    """The joined alternation and the literal masks pick the rule the plain loop picks."""
    for text in (" ".join(parts), "".join(parts)):
        text = text.upper() if upper else text
        assert chrome_rule(text) == _plain_rule(text), text


def test_the_joined_alternation_names_the_rule_whose_group_closed_last() -> None:
    """A rule with groups of its own inside the alternation is still named as itself."""
    rows = [
        (0, ChromeRule("a", "first", re.compile(r"(x)(y)z", re.I)), False),
        (1, ChromeRule("b", "second", re.compile(r"(?:(x)|w)+y", re.I)), False),
    ]
    group = chrome._group(rows)
    assert group.joined is not None
    for line, rule in (("xyz", 0), ("wxy", 1), ("xy", 1)):
        found = group.joined.fullmatch(line)
        assert found is not None and group.rule_of_group[found.lastindex or 0] == rule


def test_a_back_reference_or_a_global_flag_keeps_a_rule_out_of_the_alternation() -> None:
    assert prefilter.joinable(re.compile(r"(?:a|b)+c", re.I))
    assert not prefilter.joinable(re.compile(r"(a)\1", re.I))
    assert not prefilter.joinable(re.compile(r"(a)?(?(1)b|c)", re.I))
    assert not prefilter.joinable(re.compile(r"(?s)a.b", re.I))
    assert not prefilter.joinable(re.compile(r"(?P<x>a)b", re.I))


_SETS = [["cookie"], ["ign", "sign"], ["@", "£"], ["mp3", "p3"], ["ab", "abc", "bcd"], ["a b"]]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abcdegikmnoips3 @£-", max_size=20))
@example("signing")
@example("abcd")
@example("mp3")
def test_literal_masks_say_which_sets_a_text_holds_a_literal_of(text: str) -> None:
    literals = prefilter.Literals(_SETS)
    folded = prefilter.fold(text)
    plain = sum(1 << bit for bit, found in enumerate(_SETS) if any(x in folded for x in found))
    assert literals.mask(folded) == plain
    assert literals.mask(folded) == plain  # again, from the words remembered


def test_literal_masks_hold_for_the_chrome_rules_on_every_page_line() -> None:
    sets = [prefilter.needs(rule.pattern) or () for rule in chrome.rules()]
    literals = prefilter.Literals(sets)
    for line in _lines():
        folded = prefilter.fold(line)
        plain = sum(1 << bit for bit, found in enumerate(sets) if any(x in folded for x in found))
        assert literals.mask(folded) == plain, line


def test_needs_finds_a_test_for_the_costly_rules() -> None:
    """The rules that may begin anywhere and cost a try at every position get literals."""
    needed = {rule.name: prefilter.needs(rule.pattern) for rule in chrome.rules()}
    assert needed["cookie-banner"] == frozenset({"cookie"})
    assert needed["email-address"] == frozenset({"@"})
    footer = next(rule for rule in chrome.rules() if rule.name == "footer-row")
    assert prefilter.needs_two(footer.pattern)[1] == frozenset("|·•")  # the row's separators
    top = next(rule for rule in chrome.rules() if rule.name == "top-of-page")
    assert prefilter.first_chars(top.pattern) == frozenset("bgrt")


PEOPLE_PATTERNS = [
    people._DISCLAIMER,
    people._BYLINE,
    people._LABELLED_BY,
    people._SIGNATURE,
    people._SENTENCE_BY,
    people._BY,
    people._META_SEPARATOR,
]


def test_needs_hold_for_the_byline_and_disclaimer_patterns_on_every_page_line() -> None:
    lines = _lines()
    for pattern in PEOPLE_PATTERNS:
        for line in lines:
            _assert_sound(pattern, line)
    assert any(people.parse_bylines(line) for line in lines)
    assert any(people.is_disclaimer(line) for line in lines)


_SAID = "Written by Dr. Ann Lee, MD | author for — The article was reviewed Disclaimer: pseudonym"
BYLINE_WORDS = [*_SAID.split(), "not a substitute for", ":", "and"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(BYLINE_WORDS), max_size=8))
def test_needs_hold_for_the_byline_and_disclaimer_patterns_on_made_up_lines(
    parts: list[str],
) -> None:
    for pattern in PEOPLE_PATTERNS:
        _assert_sound(pattern, " ".join(parts))


def test_a_per_article_cache_forgets_its_answers_when_a_new_article_begins() -> None:
    asked: list[str] = []

    @memo.per_article
    def shout(text: str) -> str:
        asked.append(text)
        return text.upper()

    assert [shout("a"), shout("a"), shout("b")] == ["A", "A", "B"]
    assert asked == ["a", "b"]
    memo.new_article()
    assert shout("a") == "A"
    assert asked == ["a", "b", "a"]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab \n\t\ufeff\u200b\xa0.", max_size=30))
@example("\n\n a \n")
@example("a\n\ufeff\n b")
def test_the_line_split_of_lf_text_is_that_of_the_general_pattern(text: str) -> None:
    """``str.split`` on LF text finds the lines, numbers and spans the pattern finds."""
    assert split_lines(text) == lines._split_any(text)


def test_the_line_split_of_every_page_is_that_of_the_general_pattern() -> None:
    for path in PAGES:
        text = path.read_text(encoding="utf-8")
        assert "\r" not in text or split_lines(text) == lines._split_any(text)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        assert split_lines(text) == lines._split_any(text)


@settings(max_examples=400, deadline=None)
@given(_PUNCTUATED, st.integers(0, 40), st.integers(0, 40))
@example("Sleep well\n", 0, 40)
@example("  ", 0, 2)
def test_a_paragraph_without_boundary_characters_splits_as_the_rules_split_it(
    text: str, start: int, end: int
) -> None:
    """The shortcut for a paragraph with no ".", "!", "?", "…" or ")" gives the spans
    the rules give (a copy of ``RULES`` takes the plain path)."""
    text = text.replace(".", "").replace(")", "").replace("?", "").replace("!", "")
    plain = sentences.split_sentences(text, start, end, rules=tuple(list(sentences.RULES)))
    assert sentences.split_sentences(text, start, end) == plain


def test_every_page_paragraph_splits_as_the_rules_split_it() -> None:
    for path in PAGES:
        text = path.read_text(encoding="utf-8")
        for line in split_lines(text):
            plain = sentences.split_sentences(
                text, line.start, line.end, rules=tuple(list(sentences.RULES))
            )
            assert sentences.split_sentences(text, line.start, line.end) == plain


_NAMES = ["Ann Lee", "Marcus Webb", "Jo Ann Smith-Kerr"]
_BIO_WORDS = [
    "Dr.",
    "Dr",
    "Ann",
    "Lee",
    "Webb",
    "Marcus",
    "Jo",
    "Smith-Kerr",
    "is",
    "has",
    "a",
    "lee",
]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(_NAMES), st.lists(st.sampled_from(_BIO_WORDS), max_size=5), st.booleans())
def test_a_bio_is_found_with_the_name_check_as_without_it(
    name: str, words: list[str], by_first_name: bool
) -> None:
    """The surname (or first name) check before the pattern rules out only texts the
    pattern cannot match."""
    text = " ".join(words)
    person = people.NameLine(None, name, [])
    parts = name.split()
    honorific = r"(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx)\.?\s+"
    who = rf"(?:(?:{honorific})?{re.escape(name)}|{honorific}{re.escape(parts[-1])}"
    who += rf"|{re.escape(parts[0])})" if by_first_name else ")"
    plain = re.match(rf"{who}\s+{people._BIO_VERB}", text) is not None
    assert people.is_bio_of(person, text, by_first_name=by_first_name) == plain
