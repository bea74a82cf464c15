"""How sure a claim is: hedges, boosters, negation and claim strength, from cue lexicons.

Hedges follow the cue classes of the hedge-detection literature (BioScope, the
CoNLL-2010 shared task): modal auxiliaries, epistemic verbs, evidential verbs,
epistemic adjectives and adverbs, and multi-word cues. Boosters are the opposite
(Hyland's metadiscourse: "clearly", "strong evidence", "is known to", "proven").
Negation cues are the BioScope negation words. Every lexicon matches whole words,
case-insensitively, the longest cue first, so "is thought to" is one cue, not
"thought".

Claim strength uses the four levels of health-science exaggeration research
(Sumner et al. 2014; Yu et al. 2019): 0 no relationship stated, 1 correlational
("linked to", "associated with", "plays a role in"), 2 conditional causal (a causal
verb softened by a hedge or "can": "may reduce", "can contribute to"), 3 direct
causal ("increases", "leads to", "causes").

Limits: cues are matched as words, not parsed, so a cue's scope is not resolved (a
hedge in a subordinate clause hedges the whole sentence; "not" anywhere makes the
sentence negated); "can" and frequency words ("often") are not hedges because in
this genre they mostly state ability or frequency; strength looks for the strongest
relation cue in the sentence, not the relation between the two entities it names; a
causal word counts only as a verb ("reduces", "reduced symptoms"), not as a noun or
adjective ("an increase in", "reduced dopamine levels"), judged from the word before it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .phrases import PhraseMatcher, Words


@dataclass(frozen=True)
class Cue:
    """A cue found in text, with its class and span (offsets into the text searched)."""

    text: str
    cue_class: str
    start: int
    end: int


def _inflect(*stems: str) -> tuple[str, ...]:
    """Verb forms by regular inflection: "suggest" -> suggest, suggests, suggested, suggesting."""
    forms: list[str] = []
    for stem in stems:
        if stem.endswith("e"):
            forms += [stem, stem + "s", stem + "d", stem[:-1] + "ing"]
        else:
            forms += [stem, stem + "s", stem + "ed", stem + "ing"]
    return tuple(forms)


class Lexicon:
    """Cue class -> cues, matched as whole words in any case, leftmost then longest."""

    def __init__(self, classes: Mapping[str, tuple[str, ...]]) -> None:
        self._matcher: PhraseMatcher[str] = PhraseMatcher()
        for cue_class, cues in classes.items():
            for cue in cues:
                self._matcher.add(cue, cue_class, case_sensitive=False)

    def find(
        self, text: str, start: int = 0, end: int | None = None, *, words: Words | None = None
    ) -> list[Cue]:
        """Cues in ``text[start:end]``, in order."""
        found = self._matcher.find(text, start, end, words=words)
        return [Cue(text[s:e], cue_class, s, e) for s, e, cue_class in found]


HEDGES = Lexicon(
    {
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
            *_inflect("suggest", "indicate", "propose", "speculate"),
            *("believe", "believes", "believed", "think", "thought"),
            *_inflect("hypothesise", "hypothesize"),
            *("imply", "implies", "implied"),
        ),
        "evidential_verb": (
            *_inflect("appear", "seem"),
            *("point to", "points to", "pointed to", "pointing to"),
        ),
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
)
"""Hedge cues (BioScope / CoNLL-2010 cue classes)."""

BOOSTERS = Lexicon(
    {
        "multiword": (
            "is known to",
            "are known to",
            "it is known that",
            "well known",
            "well-known",
            "well established",
            "well-established",
            "strong evidence",
            "strong support",
            "clear evidence",
            "no doubt",
        ),
        "adverb": (
            "strongly",
            "clearly",
            "certainly",
            "definitely",
            "undoubtedly",
            "undeniably",
            "obviously",
            "conclusively",
            "consistently",
        ),
        "verb": (
            *_inflect("prove", "demonstrate", "confirm", "establish"),
            "proven",
            "shown",
            "show",
            "shows",
            "showed",
            "showing",
            "found",
        ),
    }
)
"""Booster cues: writers' signals of certainty (Hyland's boosters)."""

NEGATIONS = Lexicon(
    {
        "negation": (
            "not",
            "no",
            "never",
            "none",
            "neither",
            "nor",
            "cannot",
            "without",
            "can't",
            "don't",
            "doesn't",
            "didn't",
            "isn't",
            "aren't",
            "wasn't",
            "weren't",
            "won't",
            "wouldn't",
            "shouldn't",
        ),
    }
)
"""Negation cues (BioScope negation words)."""

RELATIONS = Lexicon(
    {
        "causal": (
            *_inflect("cause", "trigger", "produce", "reduce", "increase", "decrease"),
            *_inflect("improve", "boost", "impair", "disrupt", "restore", "alleviate"),
            *_inflect("relieve", "prevent", "worsen", "raise", "help"),
            *_inflect("affect", "delay", "shorten", "shift", "enhance", "inhibit"),
            *("effect on", "effects on", "assist in", "assists in"),
            *("make it difficult", "makes it difficult", "make it harder", "makes it harder"),
            *("make it easier", "makes it easier"),
            *("lead to", "leads to", "led to", "leading to"),
            *("result in", "results in", "resulted in", "resulting in"),
            *("contribute to", "contributes to", "contributed to", "contributing to"),
            *("underlie", "underlies", "underlying", "stem from", "stems from"),
            *("responsible for", "due to", "because of", "work by", "works by"),
        ),
        "correlational": (
            "associated with",
            "association between",
            "linked to",
            "linked with",
            "link between",
            "links between",
            "linking",
            "correlated with",
            "correlation between",
            "related to",
            "relationship between",
            "connection between",
            "tied to",
            "map to",
            "maps to",
            "implicated in",
            "involved in",
            "role in",
            "key role",
            "central role",
            "major role",
            "significant role",
            "important role",
            "crucial role",
            "central to",
            "at the core of",
            "crucial for",
            "factor in",
            "involve",
            "involves",
        ),
    }
)
"""Relation cues that set claim strength."""

_DETERMINER = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
    ]
)
_BEFORE_ADJECTIVE = _DETERMINER | frozenset(
    [
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "without",
        "to",
        "and",
        "or",
        "but",
        "as",
        "than",
    ]
)
_BE = frozenset(["is", "are", "was", "were", "be", "been", "being"])
_RESEARCH_VERBS = frozenset(
    ["explored", "examined", "investigated", "studied", "assessed", "explore", "examine"]
)
_WORDS = re.compile(r"[\w'’]+")
_BY_AFTER = re.compile(r"\s+by\b", re.IGNORECASE)


def _is_verb_use(text: str, start: int, cue: Cue) -> bool:
    """False when a causal word is used as a noun or adjective, not as a verb.

    "an increase in", "the effects on": a determiner before it makes it a noun.
    "a reduced amount", "Delayed sleep phase", "with impaired attention": a past
    participle at the sentence start or after a determiner, preposition or
    conjunction is an adjective.
    """
    words = [w.lower() for w in _WORDS.findall(text, max(start, cue.start - 60), cue.start)]
    word = words[-1] if words else ""
    if word in _DETERMINER:
        return False
    participle = cue.text.lower().endswith("ed") and " " not in cue.text
    if participle and (not word or word in _BEFORE_ADJECTIVE):
        return False
    # "is (often) impaired" with no "by ...": a state, not a cause acting.
    be_before = word in _BE or (
        len(words) > 1 and words[-2] in _BE and word.endswith(("ly", "often"))
    )
    return not (participle and be_before and not _BY_AFTER.match(text, cue.end))


def _is_research_topic(text: str, start: int, cue: Cue) -> bool:
    """True for "studies explored the relationship between ...": a topic, not a finding."""
    words = [w.lower() for w in _WORDS.findall(text, max(start, cue.start - 40), cue.start)]
    return len(words) >= 2 and words[-1] == "the" and words[-2] in _RESEARCH_VERBS


_CAN = re.compile(r"(?<![\w'’])can(?![\w'’])", re.IGNORECASE)


@dataclass(frozen=True)
class Certainty:
    """Everything the cue lexicons find in one sentence."""

    hedges: list[Cue]
    boosters: list[Cue]
    negations: list[Cue]
    relations: list[Cue]
    strength: int


def find_hedges(text: str, start: int = 0, end: int | None = None) -> list[Cue]:
    """Hedge cues in ``text[start:end]``, in order."""
    return HEDGES.find(text, start, end)


def assess(
    text: str, start: int = 0, end: int | None = None, *, words: Words | None = None
) -> Certainty:
    """Hedges, boosters, negation and claim strength of the sentence ``text[start:end]``."""
    end = len(text) if end is None else end
    words = Words.of(text, start, end) if words is None else words
    hedges = HEDGES.find(text, start, end, words=words)
    relations = [
        r
        for r in RELATIONS.find(text, start, end, words=words)
        if (r.cue_class == "causal" and _is_verb_use(text, start, r))
        or (r.cue_class == "correlational" and not _is_research_topic(text, start, r))
    ]
    if any(r.cue_class == "causal" for r in relations):
        softened = bool(hedges) or _CAN.search(text, start, end) is not None
        strength = 2 if softened else 3
    else:
        strength = 1 if relations else 0
    return Certainty(
        hedges=hedges,
        boosters=BOOSTERS.find(text, start, end, words=words),
        negations=NEGATIONS.find(text, start, end, words=words),
        relations=relations,
        strength=strength,
    )
