"""How sure a claim is: hedges, boosters, negation, their scopes, and claim strength.

Every cue is a row of ``data/certainty.tsv`` (literal, kind, class, scope direction,
maximum scope, verb forms); this module reads the rows and applies them, and
``scope`` draws each cue's scope. Hedges follow the cue classes of the
hedge-detection literature (BioScope, the CoNLL-2010 shared task): modal
auxiliaries, epistemic and evidential verbs, epistemic adjectives and adverbs,
hedging nouns ("hypothesis", "possibility"), questions ("whether") and multi-word
cues ("not known"). Boosters are the opposite (Hyland: "clearly", "is known to").
Negation cues are the BioScope negation words. Pseudo-triggers ("not only",
"whether or not", "possible side effects") hold a cue word but are no cue: matching
is leftmost then longest, so the longer pseudo-trigger hides the cue inside it.

Scope, in the manner of NegEx/ConText: a cue reaches forward, backward or both ways
(see ``scope`` for the ``passive``, ``subject``, ``phrase``, ``noun`` and ``join``
directions), up to its rule's word limit, and stops at a terminator ("but", "however",
";", a comma before a new clause; "that" only for a scope reaching back). An
entity inside a negation scope is ``negated``, inside a hedge scope ``hedged``; a
claim is ``negated`` only when its relation cue lies inside a negation scope (so
"with and without ADHD" and "no acute distress" negate the mentions, not the claim).

Claim strength uses the four levels of Yu et al. (2019) and Sumner et al. (2014):
0 no relationship stated, 1 correlational ("associated with", "predictor of",
comparisons such as "higher risk", "more likely"), 2 conditional causal (a causal
cue carrying hedge uncertainty: "may reduce", "appears to improve"), 3 direct causal
("lowers", "led to", "can mitigate": "can" and reporting verbs such as "suggest"
do not make a causal statement conditional). A relation cue inside a non-assertive
scope (a question, a call for research, a recommendation, a purpose: "Future studies
should explore whether X improves Y", "are needed to reduce risk") states no relation
and is not counted; the claim lists those cues as ``nonassertive``. So is a causal verb
in a purpose infinitive ("drugs to lower it", "an option to improve care"), unless the
word before "to" makes the infinitive the statement ("was shown to reduce", "helps to").
A causal word counts only as a verb ("reduces", "reduced symptoms"), not as a noun or
adjective ("an increase in", "reduced dopamine levels", "shift work").

Limits: cues are matched as words, not parsed; scope is measured in words and
clause markers, not in syntax; strength takes the strongest relation cue of the
sentence, not the relation between two named entities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from .phrases import PhraseMatcher, Words, join
from .scope import Boundary, Reach, Span, covers, resolve_all

CUE_FILE = "certainty.tsv"
KINDS = ("hedge", "booster", "negation", "relation", "terminator", "nonassertive", "pseudo")
DIRECTIONS = (
    "forward",
    "backward",
    "both",
    "passive",
    "subject",
    "phrase",
    "noun",
    "join",
    "clause",
    "none",
)


@dataclass(frozen=True)
class Rule:
    """One row of the cue file."""

    literal: str
    kind: str
    cue_class: str
    reach: Reach
    verb: bool = False
    """True for a form of a verb stem (``forms`` "verb"): it counts only in verb use."""


@dataclass(frozen=True, slots=True)  # dozens per article: slots make each cheaper to build
class Cue:
    """A cue found in text, with its class and span (offsets into the text searched)."""

    text: str
    cue_class: str
    start: int
    end: int
    reach: Reach = field(default=Reach("none", 0), compare=False)
    verb: bool = field(default=False, compare=False)


def _inflect(stem: str) -> tuple[str, ...]:
    """Verb forms by regular inflection: "suggest" -> suggest, suggests, suggested, suggesting."""
    if stem.endswith("e"):
        return (stem, stem + "s", stem + "d", stem[:-1] + "ing")
    if stem.endswith("y") and stem[-2:-1] not in "aeiou":
        return (stem, stem[:-1] + "ies", stem[:-1] + "ied", stem + "ing")
    return (stem, stem + "s", stem + "ed", stem + "ing")


def read_rules(text: str) -> list[Rule]:
    """The rows of the cue file's text; a malformed row is an error naming its line."""
    rules: list[Rule] = []
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#") or not line.strip():
            continue
        if not header_seen:
            header_seen = True
            continue
        cells = line.split("\t")
        if len(cells) != 6:
            raise ValueError(f"{CUE_FILE}:{number}: expected 6 columns, found {len(cells)}")
        literal, kind, cue_class, direction, max_scope, forms = cells
        if kind not in KINDS or direction not in DIRECTIONS or not max_scope.isdigit():
            raise ValueError(f"{CUE_FILE}:{number}: bad kind, direction or max_scope")
        reach = Reach(direction, int(max_scope))
        for form in _inflect(literal) if forms == "verb" else (literal,):
            rules.append(Rule(form, kind, cue_class, reach, forms == "verb"))
    return rules


PSEUDO = "pseudo"


class Lexicon:
    """Cues of one kind, matched as whole words, leftmost then longest.

    The pseudo-triggers of that kind are matched too, and dropped: a cue word inside
    one is no cue.
    """

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._matcher: PhraseMatcher[tuple[str, Reach, bool]] = PhraseMatcher()
        for rule in rules:
            value = (PSEUDO if rule.kind == PSEUDO else rule.cue_class, rule.reach, rule.verb)
            # As in the vocabulary: a capital after the first letter ("NO", nitric oxide)
            # is matched in exact case, everything else in any case.
            exact = any(char.isupper() for char in rule.literal[1:])
            self._matcher.add(rule.literal, value, case_sensitive=exact)

    def find(
        self, text: str, start: int = 0, end: int | None = None, *, words: Words | None = None
    ) -> list[Cue]:
        """Cues in ``text[start:end]``, in order."""
        found = self._matcher.find(text, start, end, words=words)
        return [
            Cue(text[s:e], c, s, e, reach, verb) for s, e, (c, reach, verb) in found if c != PSEUDO
        ]


@dataclass(frozen=True)
class Lexicons:
    """Every lexicon of the cue file."""

    hedges: Lexicon
    boosters: Lexicon
    negations: Lexicon
    relations: Lexicon
    terminators: Lexicon
    nonassertive: Lexicon

    def matchers(self) -> list[PhraseMatcher[tuple[str, Reach, bool]]]:
        """Each lexicon's matcher, to be joined with others that read the same sentence."""
        return [lexicon._matcher for lexicon in vars(self).values()]

    @classmethod
    def from_rules(cls, rules: list[Rule]) -> Lexicons:
        """One lexicon per kind, each with the pseudo-triggers of its kind."""

        def of(kind: str) -> Lexicon:
            return Lexicon(
                r for r in rules if r.kind == kind or (r.kind == PSEUDO and r.cue_class == kind)
            )

        return cls(
            of("hedge"),
            of("booster"),
            of("negation"),
            of("relation"),
            of("terminator"),
            of("nonassertive"),
        )


@cache
def lexicons() -> Lexicons:
    """The packaged cue lexicons, read once per process."""
    text = files(__package__).joinpath("data", CUE_FILE).read_text(encoding="utf-8")
    found = Lexicons.from_rules(read_rules(text))
    join(found.matchers())  # one pass per sentence
    return found


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
_PREPOSITIONS = frozenset(["of", "in", "on", "at", "by", "for", "from", "with", "without", "to"])
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
    single = " " not in cue.text
    # "an increase in risk", "no decrease of": a base or plural form before "in"/"of" is a noun.
    after = _WORDS.match(text, cue.end + 1) if text[cue.end : cue.end + 1] == " " else None
    base = not cue.text.lower().endswith(("ed", "ing"))
    if single and base and after is not None and after.group().lower() in ("in", "of"):
        return False
    # "central to regulating attention": a gerund after a preposition names an activity.
    if single and cue.text.lower().endswith("ing") and word in _PREPOSITIONS:
        return False
    participle = cue.text.lower().endswith("ed") and single
    # "with (significantly) reduced risk": an adverb between keeps the participle an adjective.
    modifier = next((w for w in reversed(words) if not w.endswith("ly")), "")
    if participle and (not word or word in _BEFORE_ADJECTIVE or modifier in _BEFORE_ADJECTIVE):
        return False
    # "is (often) impaired" with no "by ...": a state, not a cause acting.
    be_before = word in _BE or (
        len(words) > 1 and words[-2] in _BE and word.endswith(("ly", "often"))
    )
    return not (participle and be_before and not _BY_AFTER.match(text, cue.end))


_TO_BEFORE_CLAIM = frozenset(
    "found shown proven proved known reported thought believed expected likely unlikely able "
    "unable appear appears appeared seem seems seemed tend tends tended help helps helped "
    "failed fail fails continue continues continued began begin begins ought has have had "
    "serve serves served appearing seeming tending going used helping".split()
)
"""Words before "to" + verb that make the infinitive the statement itself ("was shown to
reduce", "is likely to improve", "helps to lower"), not a purpose."""


def _is_purpose(text: str, start: int, cue: Cue) -> bool:
    """True for a purpose infinitive: "drugs to lower it", "an option to improve care",
    "is needed ... to reduce risk" state an aim, not a relation (Yu et al.: no relation)."""
    if not cue.verb or cue.text.lower().endswith(("s", "ed", "ing")):
        return False
    words = [w.lower() for w in _WORDS.findall(text, max(start, cue.start - 60), cue.start)]
    while words and words[-1].endswith("ly"):
        words.pop()
    if len(words) < 2 or words[-1] != "to":
        return False
    return words[-2] not in _TO_BEFORE_CLAIM


def _is_research_topic(text: str, start: int, cue: Cue) -> bool:
    """True for "studies explored the relationship between ...": a topic, not a finding."""
    words = [w.lower() for w in _WORDS.findall(text, max(start, cue.start - 40), cue.start)]
    return len(words) >= 2 and words[-1] == "the" and words[-2] in _RESEARCH_VERBS


_DOWNGRADING = frozenset(["modal", "evidential_verb", "adjective_adverb", "multiword", "noun"])
"""Hedge classes that make a causal statement conditional (Yu et al.: hedge or modal
uncertainty); reporting verbs ("suggest", "indicate") and questions do not."""


@dataclass(frozen=True, slots=True)
class Certainty:
    """Everything the cue lexicons find in one sentence, and the scopes they reach."""

    hedges: list[Cue]
    boosters: list[Cue]
    negations: list[Cue]
    relations: list[Cue]
    nonassertive: list[Cue]
    strength: int
    negation_scopes: list[Span]
    hedge_scopes: list[Span]
    negated: bool
    """True when the claim's relation lies in a negation scope (see the module's docstring)."""

    def is_negated(self, span: Span) -> bool:
        """True when ``span`` (an entity mention) lies inside a negation scope."""
        return covers(self.negation_scopes, span)

    def is_hedged(self, span: Span) -> bool:
        """True when ``span`` lies inside a hedge scope."""
        return covers(self.hedge_scopes, span)


def find_hedges(text: str, start: int = 0, end: int | None = None) -> list[Cue]:
    """Hedge cues in ``text[start:end]``, in order."""
    return lexicons().hedges.find(text, start, end)


def _scopes(
    text: str, cues: list[Cue], tokens: list[Span], terminators: list[Boundary], sentence: Span
) -> list[Span]:
    return resolve_all(
        [((c.start, c.end), c.reach) for c in cues], tokens, terminators, sentence, text
    )


def _boundary(cue: Cue) -> Boundary:
    """A terminator row's boundary: ``backward`` rows open a clause (they end only a scope
    reaching back), the ``comma`` class ends a forward scope only before a new clause, the
    ``adjunct`` class ("due to") only a scope over one phrase, the ``report`` class
    ("suggests that") one that has covered a word (see ``scope.Boundary``)."""
    if cue.reach.direction == "backward":
        return Boundary(cue.start, cue.end, "opener")
    if cue.cue_class in ("comma", "adjunct", "report"):
        return Boundary(cue.start, cue.end, cue.cue_class)
    return Boundary(cue.start, cue.end, "clause")


def assess(
    text: str, start: int = 0, end: int | None = None, *, words: Words | None = None
) -> Certainty:
    """Hedges, boosters, negation, scopes and claim strength of the sentence ``text[start:end]``.

    >>> assess("Stimulants may reduce symptoms.").strength
    2
    """
    end = len(text) if end is None else end
    words = Words.of(text, start, end) if words is None else words
    lex = lexicons()
    sentence = (start, end)
    hedges = lex.hedges.find(text, start, end, words=words)
    negations = lex.negations.find(text, start, end, words=words)
    nonassertive = lex.nonassertive.find(text, start, end, words=words)
    tokens: list[Span] = []
    terminators: list[Boundary] = []
    # Words and terminators serve only to draw scopes: most sentences have no cue with one.
    if hedges or negations or nonassertive:
        # A token is a word (``\w+``) or one other character; str.isalnum() or "_" is ``\w``.
        pairs = zip(words.spans, words.plain, strict=True)
        tokens = [s for s, w in pairs if w[0].isalnum() or w[0] == "_"]
        terminators = [_boundary(c) for c in lex.terminators.find(text, start, end, words=words)]
    unasserted = _scopes(text, nonassertive, tokens, terminators, sentence)
    relations = [
        r
        for r in lex.relations.find(text, start, end, words=words)
        if not covers(unasserted, (r.start, r.end))
        and (
            (
                r.cue_class == "causal"
                and (not r.verb or _is_verb_use(text, start, r))
                and not _is_purpose(text, start, r)
            )
            or (r.cue_class == "correlational" and not _is_research_topic(text, start, r))
        )
    ]
    if any(r.cue_class == "causal" for r in relations):
        softened = any(h.cue_class in _DOWNGRADING for h in hedges)
        strength = 2 if softened else 3
    else:
        strength = 1 if relations else 0
    negation_scopes = _scopes(text, negations, tokens, terminators, sentence)
    if relations:
        negated = any(covers(negation_scopes, (r.start, r.end)) for r in relations)
    else:
        negated = any(n.cue_class == "sentential" for n in negations)
    return Certainty(
        hedges=hedges,
        boosters=lex.boosters.find(text, start, end, words=words),
        negations=negations,
        relations=relations,
        nonassertive=nonassertive,
        strength=strength,
        negation_scopes=negation_scopes,
        hedge_scopes=_scopes(text, hedges, tokens, terminators, sentence),
        negated=negated,
    )
