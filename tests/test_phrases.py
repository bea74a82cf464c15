"""The phrase matcher behind entities and cue lexicons."""

from __future__ import annotations

import re

import pytest

from adhd_corpus.parse.phrases import PhraseMatcher, Words, join, phrase_key


def matcher() -> PhraseMatcher[str]:
    m: PhraseMatcher[str] = PhraseMatcher()
    m.add("dopamine", "nt", case_sensitive=False)
    m.add("dopamine transporter", "protein", case_sensitive=False)
    m.add("PET", "method", case_sensitive=True)
    m.add("attention-deficit/hyperactivity disorder", "condition", case_sensitive=False)
    m.add("can't", "negation", case_sensitive=False)
    return m


def found(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], v) for s, e, v in matcher().find(text)]


def test_longest_phrase_wins_at_a_position() -> None:
    assert found("The dopamine transporter binds dopamine.") == [
        ("dopamine transporter", "protein"),
        ("dopamine", "nt"),
    ]


def test_case_sensitive_phrase_matches_only_its_case() -> None:
    assert found("PET scans, not a pet.") == [("PET", "method")]


def test_punctuation_inside_a_phrase_must_match_and_spacing_is_flexible() -> None:
    text = "Attention-deficit/hyperactivity\u00a0 disorder is common."
    assert found(text) == [("Attention-deficit/hyperactivity\u00a0 disorder", "condition")]


def test_curly_apostrophe_and_non_breaking_hyphen_read_as_plain() -> None:
    assert found("You can’t tell.") == [("can’t", "negation")]
    assert phrase_key("mood\u2011regulation") == "mood-regulation"


def test_no_match_inside_a_longer_word() -> None:
    assert found("dopaminergic PETs") == []


def test_offsets_are_relative_to_the_whole_text_when_searching_a_slice() -> None:
    text = "xx dopamine yy dopamine"
    spans = [(s, e) for s, e, _ in matcher().find(text, 12, len(text))]
    assert spans == [(15, 23)]


def test_a_slice_splits_as_the_same_text_on_its_own_shifted_to_where_it_stands() -> None:
    text = "Intro. The dopamine transporter’s PET scan can't lie."
    alone = Words.of(text[7:])
    inside = Words.of(text, 7, len(text))
    assert inside.plain == alone.plain and inside.folded == alone.folded
    assert inside.spans == [(s + 7, e + 7) for s, e in alone.spans]


def test_joined_matchers_find_what_each_finds_alone() -> None:
    # Overlapping phrases across matchers, a case-blind match shorter than an exact one,
    # and phrases that run into each other: each matcher keeps its own leftmost-longest.
    def lexicons() -> list[PhraseMatcher[str]]:
        first, second, third = matcher(), PhraseMatcher[str](), PhraseMatcher[str]()
        second.add("transporter binds", "verb", case_sensitive=False)
        second.add("dopamine", "other", case_sensitive=False)
        second.add("pet scans", "lower", case_sensitive=False)
        second.add("binds dopamine", "verb", case_sensitive=False)
        third.add("PET scans show", "exact", case_sensitive=True)
        third.add("pet", "blind", case_sensitive=False)
        third.add("PET", "exact", case_sensitive=True)
        third.add("binds dopamine", "verb", case_sensitive=False)
        return [first, second, third]

    texts = [
        "The dopamine transporter binds dopamine.",
        "PET scans show it; a pet scans nothing. PET scans. PET.",
        "Dopamine transporter binds dopamine transporter binds",
        "",
    ]
    alone, joined = lexicons(), lexicons()
    join(joined)
    for text in texts:
        words = Words.of(text)
        for single, member in zip(alone, joined, strict=True):
            assert list(member.find(text, words=words)) == list(single.find(text, words=words))
    with pytest.raises(ValueError, match="joined"):
        joined[0].add("serotonin", "nt", case_sensitive=False)


def test_a_joined_walk_serves_the_same_split_at_another_offset() -> None:
    # One walk is kept for a split and shifted for the same split read elsewhere: the
    # matches must equal a fresh walk of each, whichever is asked first.
    text = "Intro. The dopamine transporter binds dopamine. PET scans, not a pet."
    start = text.index("The")
    joined = [matcher(), matcher()]
    join(joined)
    for first, second in ((start, 0), (0, start)):
        for offset in (first, second):
            words = Words.of(text, offset, len(text)) if offset else Words.of(text[start:])
            expected = list(matcher().find(text[offset:] if offset else text[start:]))
            shifted = [(s + offset, e + offset, v) for s, e, v in expected]
            for member in joined:
                assert list(member.find(text, words=words)) == shifted


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Dopamine.",
        "  The D2 receptor’s role\u00a0(5-HT,\tNE)\n is  ‘unclear’ — İstanbul ß café.  ",
        "word",
        "a\u2011b\u2010c don't",
    ],
)
def test_a_split_is_the_token_pattern_read_plainly(text: str) -> None:
    # The split sums piece lengths and folds the joined tokens: it must equal the tokens
    # read one match at a time.
    words = Words.of(text)
    plain_forms: dict[str, str | int | None] = {"’": "'", "‘": "'", "\u2010": "-", "\u2011": "-"}
    flat = text.translate(str.maketrans(plain_forms))
    matches = list(re.finditer(r"\w+|[^\w\s]", flat))
    assert words.spans == [m.span() for m in matches]
    assert words.plain == [m.group() for m in matches]
    assert words.folded == [m.group().casefold() for m in matches]
