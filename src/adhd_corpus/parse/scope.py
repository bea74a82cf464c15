"""How far a cue reaches: one NegEx/ConText-style scope engine over the cue rules' data.

A cue's rule says which way its scope reaches (``forward``, ``backward``, ``both`` or
``none``) and how many words it reaches at most (0: no limit). ``passive`` reaches
forward, and also back to the clause's start when the cue stands before a passive or
perfect participle ("dopamine release was not affected": the subject is what is
negated, as BioScope annotates it). ``phrase`` reaches forward over a phrase only: it
also stops before a finite auxiliary ("children without ADHD | were compared"). A
scope ends earlier at a terminator (a conjunction such as "but", "however",
"whereas", clause punctuation such as "," or ";") and never leaves the sentence.
Pseudo-triggers ("not only", "whether or not") never reach this module: the lexicon
drops them before any scope is drawn. Cues and terminators come from the rule rows in
``data/certainty.tsv``; the engine itself knows only the few grammar words the
``passive`` and ``phrase`` directions look for (participle endings, auxiliaries).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

Span = tuple[int, int]

_PARTICIPLE = re.compile(r"\w+(?:ed|en)$|known$|shown$|found$|seen$|made$|done$", re.IGNORECASE)
_BETWEEN = frozenset(["yet", "been", "be", "being", "always", "only", "necessarily", "also"])
"""Words that may stand between a cue and its participle ("not yet been examined")."""
_AUXILIARY = frozenset(
    "is are was were be has have had do does did may might can could will would should".split()
)
"""Finite verbs that end a ``phrase`` scope: the phrase's clause goes on without it."""


def _before_participle(text: str, cue: Span, tokens: Sequence[Span]) -> bool:
    for start, end in (t for t in tokens if t[0] >= cue[1]):
        word = text[start:end].lower()
        if word in _BETWEEN or word.endswith("ly"):
            continue
        return _PARTICIPLE.match(word) is not None
    return False


@dataclass(frozen=True)
class Reach:
    """What a cue's rule says about its scope."""

    direction: str
    max_scope: int


def resolve(
    cue: Span,
    reach: Reach,
    tokens: Sequence[Span],
    terminators: Sequence[Span],
    sentence: Span,
    text: str = "",
) -> Span:
    """The scope of ``cue`` (the cue included) as a character span inside ``sentence``.

    ``tokens`` are the sentence's word spans in order; ``terminators`` the spans of the
    terminator cues found in it. A scope stops before the first terminator on its way.
    """
    start, end = cue
    direction = reach.direction
    if direction == "passive":
        direction = "both" if _before_participle(text, cue, tokens) else "forward"
    if direction in ("forward", "both", "phrase"):
        stop = min((t[0] for t in terminators if t[0] >= cue[1]), default=sentence[1])
        if direction == "phrase":
            verbs = (
                t[0] for t in tokens if t[0] >= cue[1] and text[t[0] : t[1]].lower() in _AUXILIARY
            )
            stop = min(stop, min(verbs, default=stop))
        after = [t for t in tokens if t[0] >= cue[1] and t[1] <= stop]
        if reach.max_scope:
            after = after[: reach.max_scope]
        end = after[-1][1] if after else cue[1]
    if direction in ("backward", "both"):
        stop = max((t[1] for t in terminators if t[1] <= cue[0]), default=sentence[0])
        before = [t for t in tokens if t[1] <= cue[0] and t[0] >= stop]
        if reach.max_scope:
            before = before[-reach.max_scope :]
        start = before[0][0] if before else cue[0]
    return start, end


def covers(scopes: Sequence[Span], span: Span) -> bool:
    """True when ``span`` lies wholly inside one of ``scopes``."""
    return any(s <= span[0] and span[1] <= e for s, e in scopes)
