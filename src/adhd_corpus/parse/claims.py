"""Which body sentences are claims, and what each claim carries.

A claim is a body sentence that states something about health, biology,
treatment or research, as fact or hedged. A sentence is *not* a claim when it:

1. is navigation or promotion (a guide or provider link, "For more ..., visit");
2. is imperative advice ("Discuss any supplement with your GP");
3. only introduces what follows (ends with a colon) or asks a question;
4. is about who a person or organisation is, about the page itself (editorial and
   disclaimer text), a dated news line, or a contact or location line (see ``gate``);
5. names no vocabulary entity and no word of health, the body, the mind, medicines,
   treatment or research (the topic lexicon of ``gate``), whatever the condition.

Each claim then gets its certainty (hedges, boosters, negation, strength: see
``certainty``) and its entities (see ``entities``); each other body sentence is kept
as a non-claim with its reason, so claims and non-claims together are the whole body.

Headings, bylines, bios and disclaimers never reach this module: they are not body.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..models import STRENGTH_LABELS, Claim, Entity, Frame, Sentence
from .certainty import Certainty, assess, lexicons
from .certainty import Cue as CueMatch
from .entities import Mention, vocabulary
from .gate import about_person, is_about_health, is_contact, is_editorial, is_news_line, lexicon
from .links import is_call_to_action
from .phrases import Words, join
from .stance import frame_of

IMPERATIVE_VERBS = frozenset(
    [
        "add",
        "agree",
        "aim",
        "allow",
        "always",
        "apply",
        "ask",
        "attach",
        "avoid",
        "book",
        "breathe",
        "bring",
        "call",
        "check",
        "choose",
        "clip",
        "consider",
        "consult",
        "contact",
        "discuss",
        "do",
        "don't",
        "download",
        "drink",
        "eat",
        "encourage",
        "exercise",
        "exhale",
        "explore",
        "fasten",
        "find",
        "follow",
        "get",
        "give",
        "hold",
        "inhale",
        "insert",
        "keep",
        "learn",
        "let",
        "limit",
        "make",
        "never",
        "note",
        "offer",
        "place",
        "plan",
        "praise",
        "press",
        "put",
        "reach",
        "read",
        "remember",
        "remove",
        "reward",
        "rinse",
        "schedule",
        "see",
        "seek",
        "shake",
        "share",
        "sign",
        "speak",
        "start",
        "stay",
        "stick",
        "stop",
        "store",
        "subscribe",
        "swallow",
        "take",
        "talk",
        "tell",
        "try",
        "twist",
        "use",
        "visit",
        "wait",
        "wash",
        "wipe",
    ]
)
"""Sentence-initial verbs that make a sentence advice to the reader, not a claim."""

_NOUN_USE = re.compile(
    r"\s+(?:of|is|was|are|were|has|had|can|may|might|could|should|will|would)\b", re.IGNORECASE
)
"""After the first word, words that show it is a noun ("Use of ...", "Exercise is ..."),
not a verb telling the reader what to do."""
_TOPIC_CLAUSE = re.compile(r"^(?:what|why|how|when|where|which|who|whether)\b[^.!,;:]*$")
"""An unpunctuated question put as a clause, the way contents lists print their items
("what a medication holiday is", "how breaks affect growth"): a topic, not a statement.
A clause with a comma ("when doses wear off, focus drops") may be a statement and stays."""
_FIRST_WORD = re.compile(r"^(?:(?:if|when|for|to|before|after)\b[^,]*,\s*)?([A-Za-z']+)")


NOT_ABOUT_HEALTH = "not about health, biology, treatment or research"
"""The topic test's reason: the one a list judged as a group can overrule (see ``article``)."""


def non_claim_reason(sentence: str, has_entities: bool) -> str | None:
    """Why a body sentence is not a claim, or None when it is one."""
    if is_call_to_action(sentence):
        return "call to action"
    first = _FIRST_WORD.match(sentence)
    if (
        first
        and first.group(1).lower() in IMPERATIVE_VERBS
        and not _NOUN_USE.match(sentence, first.end())
    ):
        return "imperative advice"
    stripped = sentence.rstrip("\"'”’) ")
    if stripped.endswith(":"):
        return "introduces a list"
    if stripped.endswith("?") or _TOPIC_CLAUSE.match(stripped):
        return "question"
    if about_person(sentence):
        return "about a person or organisation"
    if is_editorial(sentence):
        return "editorial or disclaimer"
    if is_news_line(sentence):
        return "date or news line"
    if is_contact(sentence):
        return "contact or location"
    # "Some people think that ..." reports a belief: the page states it to weigh it.
    if not has_entities and not is_about_health(sentence) and frame_of(sentence) == "asserted":
        return NOT_ABOUT_HEALTH
    return None


def entities_in(text: str, start: int, end: int, words: Words | None = None) -> list[Entity]:
    """Vocabulary entities in ``text[start:end]`` with offsets into ``text``."""
    return [_entity(text, m) for m in vocabulary().find(text, start, end, words=words)]


def _entity(text: str, m: Mention) -> Entity:
    """One entity record, outside a claim (no negation or hedging assessed)."""
    return Entity.model_validate(_entity_data(text, m))


def _entity_data(text: str, m: Mention, found: Certainty | None = None) -> dict[str, Any]:
    """An entity record's fields, with its negation and hedging when ``found`` assessed the
    claim."""
    data: dict[str, Any] = {
        "text": text[m.start : m.end],
        "start": m.start,
        "end": m.end,
        "type": m.concept.type,
        "canonical": m.concept.canonical,
        "mesh_id": m.concept.mesh_id,
    }
    if found is not None:
        span = (m.start, m.end)
        data["negated"] = found.is_negated(span)
        data["hedged"] = found.is_hedged(span)
    return data


def _cues(text: str, found: list[CueMatch]) -> list[dict[str, Any]]:
    return [
        {"text": c.text, "start": c.start, "end": c.end, "cue_class": c.cue_class} for c in found
    ]


@cache
def _join_sentence_lexicons() -> None:
    """Let the lexicons that read nearly every body sentence (the vocabulary, the certainty
    cues, the editorial rule) find their matches in one walk over its words between them.
    The gate's other rules read few sentences, or parts of one, and keep walks of their own."""
    join([vocabulary().matcher, *lexicons().matchers(), lexicon().phrases["editorial"]])


def classify_sentence(
    text: str,
    *,
    article_id: str,
    section: int,
    sentence_index: int,
    start: int,
    end: int,
    gate: bool = True,
    label_frame: Frame = "asserted",
) -> Claim | Sentence:
    """The claim a body sentence ``text[start:end]`` makes, or the reason it makes none.

    ``gate=False`` reads every sentence as a claim: what the certainty fields would say
    of a sentence the gate rejects (the annotation API and the evaluation use it).
    ``label_frame`` is the frame a line label ("Myth 1:") gives the sentence; see ``stance``.
    """
    _join_sentence_lexicons()
    words = Words.of(text, start, end)
    mentions = vocabulary().find(text, start, end, words=words)
    reason = non_claim_reason(text[start:end], bool(mentions)) if gate else None
    if reason is not None:
        return Sentence(
            text=text[start:end],
            start=start,
            end=end,
            section=section,
            sentence_index=sentence_index,
            reason=reason,
        )
    found = assess(text, start, end, words=words)
    frame = frame_of(text[start:end], label_frame)
    # Validated once with its nested records (one call into pydantic-core, not one per
    # entity and cue): the same checks, without a Python call per record.
    return Claim.model_validate(
        {
            "id": f"{article_id}:{start}-{end}",
            "section": section,
            "sentence_index": sentence_index,
            "text": text[start:end],
            "start": start,
            "end": end,
            "hedged": bool(found.hedges),
            "hedge_cues": [cue.text for cue in found.hedges],
            "hedges": _cues(text, found.hedges),
            "boosters": _cues(text, found.boosters),
            "negated": found.negated,
            "negations": _cues(text, found.negations),
            "strength": found.strength,
            "strength_label": STRENGTH_LABELS[found.strength],
            "relations": _cues(text, found.relations),
            "nonassertive": _cues(text, found.nonassertive),
            "entities": [_entity_data(text, m, found) for m in mentions],
            "asserted": frame == "asserted",
            "frame": frame,
        }
    )
