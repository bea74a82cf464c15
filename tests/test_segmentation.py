"""The sentence segmenter against a hand-written gold set of tricky paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from adhd_corpus.parse.sentences import RULES, Rule, abbreviations, split_sentences

GOLD = Path(__file__).resolve().parent / "fixtures" / "segmentation.txt"


def gold_cases() -> list[list[str]]:
    """Each case as its list of sentences."""
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [line.split(" || ") for line in lines if line and not line.startswith("#")]


@pytest.mark.parametrize("sentences", gold_cases(), ids=lambda s: s[0][:30])
def test_segmenter_matches_the_gold_split(sentences: list[str]) -> None:
    paragraph = " ".join(sentences)
    found = [paragraph[start:end] for start, end in split_sentences(paragraph)]
    assert found == sentences


def test_gold_set_is_large_enough_to_mean_something() -> None:
    cases = gold_cases()
    assert len(cases) >= 30
    assert sum(len(c) - 1 for c in cases) >= 30  # boundaries to find


def _split(text: str, rules: tuple[Rule, ...] = RULES) -> tuple[str, ...]:
    return tuple(text[start:end] for start, end in split_sentences(text, rules=rules))


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_each_rule_splits_its_example(rule: Rule) -> None:
    assert _split(rule.example) == rule.expected


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_each_rule_is_needed_by_its_example(rule: Rule) -> None:
    without = tuple(other for other in RULES if other is not rule)
    assert _split(rule.example, without) != rule.expected


def test_rule_names_are_unique_and_every_rule_does_something() -> None:
    assert len({rule.name for rule in RULES}) == len(RULES)
    assert all(rule.decide or rule.propose for rule in RULES)


def test_abbreviation_kinds_are_known() -> None:
    table = abbreviations()
    assert {"dr", "e.g", "no", "u.s", "a.m"} <= table.keys()
    assert set(table.values()) == {"title", "inline", "number", "final", "time"}


@pytest.mark.parametrize(
    "text",
    ["  Sleep helps.  It really does. ", "(ADHD. is", "1. 2. 3.", "Wait . . . . ", "a.m. p.m."],
)
def test_spans_are_exact_and_trimmed(text: str) -> None:
    spans = split_sentences(text)
    assert all(text[s:e] == text[s:e].strip() and e > s for s, e in spans)
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")
