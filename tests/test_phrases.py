"""The phrase matcher behind entities and cue lexicons."""

from __future__ import annotations

from adhd_corpus.parse.phrases import PhraseMatcher, phrase_key


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
