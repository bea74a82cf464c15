"""The public annotation API: the release's parser on any text, with stable names."""

from __future__ import annotations

import subprocess
import sys

from conftest import RAW, parse_file

from adhd_corpus import annotate
from adhd_corpus.models import Claim


def test_sentence_spans_slice_the_text_exactly_and_break_at_lines() -> None:
    text = "  Dr. Lee studies sleep. Sleep may help.\r\nA new paragraph\n\nLast one.  "
    spans = annotate.sentence_spans(text)
    assert [s.text for s in spans] == [
        "Dr. Lee studies sleep.",
        "Sleep may help.",
        "A new paragraph",
        "Last one.",
    ]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_assess_sentence_gives_certainty_even_when_the_gate_rejects() -> None:
    found = annotate.assess_sentence("Ask whether stimulants reduce appetite?")
    assert found.reason == "imperative advice"
    assert not found.is_claim
    assert found.claim.strength == 3
    assert [(c.text, c.cue_class) for c in found.claim.relations or []] == [("reduce", "causal")]


def test_assess_sentence_offsets_point_into_the_text_given() -> None:
    text = "Intro. Dopamine may not reduce ADHD symptoms."
    found = annotate.assess_sentence(text, 7)
    assert found.is_claim
    assert found.claim.text == text[7:]
    for cue in [*(found.claim.hedges or []), *(found.claim.negations or [])]:
        assert text[cue.start : cue.end] == cue.text
    assert [text[e.start : e.end] for e in found.claim.entities] == ["Dopamine", "ADHD"]


def test_annotate_article_matches_the_release_parser() -> None:
    path = sorted(RAW.glob("*.txt"))[0]
    text, expected = parse_file(path)
    article = annotate.annotate_article(text, article_id=path.stem)
    assert article.model_dump(exclude={"source"}) == expected.model_dump(exclude={"source"})
    assert article.source.sha256 == expected.source.sha256


def test_package_import_does_not_load_the_parser() -> None:
    code = "import sys, adhd_corpus; print('adhd_corpus.parse' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
    assert isinstance(annotate.assess_sentence("ADHD is common.").claim, Claim)
