"""The labeller on your own text: sentences, one sentence's assessment, a whole article.

The same parser that builds the releases, without building one, so researchers can
run it on their own text and score it on their own gold data (``make eval`` does this
on public gold data). Thin wrappers over ``adhd_corpus.parse``; the names here are
stable. Not imported by ``import adhd_corpus``: ``from adhd_corpus import annotate``.

>>> from adhd_corpus import annotate
>>> [s.text for s in annotate.sentence_spans("Dopamine rises. Focus may improve.")]
['Dopamine rises.', 'Focus may improve.']
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import NamedTuple

from .models import Article, Claim, Source
from .parse import parse_article
from .parse.claims import classify_sentence
from .parse.lines import split_lines
from .parse.sentences import split_sentences

__all__ = ["Assessment", "SentenceSpan", "annotate_article", "assess_sentence", "sentence_spans"]


class SentenceSpan(NamedTuple):
    """One sentence: ``text`` is exactly ``source[start:end]`` of the text that was split."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Assessment:
    """What the parser makes of one sentence.

    ``claim`` reads the sentence as a claim whatever the claim gate says (strength,
    hedge, booster, negation and relation cues with spans and classes, entities with
    their fields); ``reason`` is why the gate would not publish it as a claim, or None
    when it would.
    """

    claim: Claim
    reason: str | None

    @property
    def is_claim(self) -> bool:
        """True when the gate publishes this sentence as a claim."""
        return self.reason is None


def sentence_spans(text: str) -> list[SentenceSpan]:
    """The sentences of ``text``, in order, with exact code-point spans.

    Each line is a paragraph of its own (a line break always ends a sentence), as in
    the raw articles; surrounding whitespace is not part of a sentence.

    >>> text = "Dr. Smith studies ADHD. It is common.\\nA new line."
    >>> [(s.start, s.end) for s in sentence_spans(text)]
    [(0, 23), (24, 37), (38, 49)]
    """
    return [
        SentenceSpan(start, end, text[start:end])
        for line in split_lines(text)
        for start, end in split_sentences(text, line.start, line.end)
    ]


def assess_sentence(text: str, start: int = 0, end: int | None = None) -> Assessment:
    """Assess the sentence ``text[start:end]``; cue and entity spans are offsets into ``text``.

    >>> found = assess_sentence("Methylphenidate may reduce symptoms of ADHD.")
    >>> found.is_claim, found.claim.strength_label, [c.text for c in found.claim.hedges or []]
    (True, 'conditional causal', ['may'])
    >>> assess_sentence("Talk to your doctor.").reason
    'imperative advice'
    """
    end = len(text) if end is None else end
    verdicts = [
        classify_sentence(
            text,
            article_id="sentence",
            section=0,
            sentence_index=0,
            start=start,
            end=end,
            gate=gate,
        )
        for gate in (False, True)
    ]
    claim, verdict = verdicts
    if not isinstance(claim, Claim):  # pragma: no cover - gate=False always gives a claim
        raise TypeError("the ungated parser returned a non-claim")
    return Assessment(claim=claim, reason=None if isinstance(verdict, Claim) else verdict.reason)


def annotate_article(text: str, *, article_id: str = "article") -> Article:
    """Parse one article's text (title line, then body lines) into an ``Article``.

    Nothing is written; ``source`` describes the text given (its UTF-8 SHA-256 and
    size). Raises ``adhd_corpus.errors.ParseError`` when the text has no title or body.

    >>> article = annotate_article("ADHD and sleep\\n\\nPoor sleep is linked to ADHD.")
    >>> article.title, [c.strength_label for c in article.claims]
    ('ADHD and sleep', ['correlational'])
    """
    data = text.encode("utf-8")
    source = Source(
        path=f"{article_id}.txt", sha256=hashlib.sha256(data).hexdigest(), bytes=len(data)
    )
    return parse_article(text, source=source)
