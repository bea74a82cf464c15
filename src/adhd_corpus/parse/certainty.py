"""Hedge cues: words and phrases that mark a statement as uncertain.

The lexicon follows the cue classes of the hedge-detection literature (BioScope,
CoNLL-2010 shared task): modal auxiliaries, epistemic verbs, evidential verbs,
epistemic adjectives and adverbs, and multi-word cues. Multi-word cues are
matched before their parts, so "is thought to" is one cue, not "thought".

Limits: the lexicon is matched as words, not parsed; "can" and frequency words
("often") are left out because in this genre they mostly state ability or
frequency, not doubt; a cue inside a quoted or negated clause still counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEDGE_CUES: dict[str, tuple[str, ...]] = {
    "multiword": (
        "is thought to",
        "are thought to",
        "is believed to",
        "are believed to",
        "is suspected to",
        "are suspected to",
        "is likely to",
        "are likely to",
        "tend to",
        "tends to",
        "some studies",
        "some research",
        "some evidence",
        "it is possible that",
        "not fully understood",
        "remains unclear",
        "remain unclear",
    ),
    "modal": ("may", "might", "could"),
    "epistemic_verb": (
        "suggest",
        "suggests",
        "suggested",
        "suggesting",
        "indicate",
        "indicates",
        "indicated",
        "indicating",
        "believe",
        "believes",
        "believed",
        "think",
        "thought",
        "propose",
        "proposes",
        "proposed",
        "hypothesise",
        "hypothesised",
        "hypothesize",
        "hypothesized",
        "speculate",
        "speculated",
        "imply",
        "implies",
    ),
    "evidential_verb": ("appear", "appears", "appeared", "seem", "seems", "seemed"),
    "adjective_adverb": (
        "likely",
        "unlikely",
        "possible",
        "possibly",
        "perhaps",
        "probably",
        "probable",
        "potential",
        "potentially",
        "presumably",
        "apparently",
        "putative",
        "unclear",
    ),
}
"""Cue class -> cues, lowercase."""

_CLASS_OF = {cue: cls for cls, cues in HEDGE_CUES.items() for cue in cues}
_CUE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(
        re.escape(c).replace(r"\ ", r"\s+") for c in sorted(_CLASS_OF, key=lambda c: -len(c))
    )
    + r")(?!\w)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cue:
    """A hedge cue found in text, with its class and span relative to the text searched."""

    text: str
    cue_class: str
    start: int
    end: int


def find_hedges(text: str, start: int = 0, end: int | None = None) -> list[Cue]:
    """Hedge cues in ``text[start:end]``, in order, longest cue first where they overlap."""
    end = len(text) if end is None else end
    found = []
    for match in _CUE.finditer(text, start, end):
        key = " ".join(match.group().lower().split())
        found.append(Cue(match.group(), _CLASS_OF[key], match.start(), match.end()))
    return found
