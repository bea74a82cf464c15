"""The sentence segmenter against a hand-written gold set of tricky paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from adhd_corpus.parse.sentences import split_sentences

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
