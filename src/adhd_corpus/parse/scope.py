"""How far a cue reaches: one NegEx/ConText-style scope engine over the cue rules' data.

A cue's rule says which way its scope reaches and how many words it reaches at most
(0: no limit). The directions:

- ``forward``, ``backward``, ``both``, ``none``: as named.
- ``passive``: a predicate's negation ("not", "never", "cannot"). After an auxiliary it
  reaches forward, and also back over the clause's subject when a passive or perfect
  participle or a raising verb follows ("dopamine release was not affected", "the drug
  does not seem to help": the subject is what is negated, as BioScope annotates it; a
  relative pronoun just before the predicate is the whole subject: "X which was not").
  With no auxiliary before it, the cue negates one constituent ("focus but not mood",
  "not in adults"), and reaches as ``constituent`` does.
- ``subject``: forward, and back over the subject after a copula ("the cells were
  unable to ...").
- ``phrase``: forward over a phrase only: it stops before a finite auxiliary ("children
  without ADHD | were compared").
- ``constituent``: forward over one constituent: it also stops before a preposition
  other than "of" once past its first word ("rather than sleep | during the trial").
- ``join``: the second half of a correlative ("neither ... nor", "no ... nor"): forward,
  and one scope with the negation cue before it (see ``resolve_all``).

A scope ends earlier at a terminator (a conjunction such as "but" or "whereas", clause
punctuation such as ";") and never leaves the sentence. A comma ends a forward scope
unless a list item or an apposition follows it ("no IL-2, IL-4 or interferon", "lack of
X, a kinase inhibitor"); "and" or "or" ends one before a new clause ("did not alter X |
and Y was ..."). Clause openers such as "that" or "thus" end only a scope reaching back
over a subject ("we found that | X was not affected"), as does "and"/"or" after a clause
with its own auxiliary. A reporting verb before its clause ("suggests that") ends a
scope that reaches back, or forward past its first word ("no rise in X | suggests
that"); a cause ("due to") ends a scope over one phrase ("lack of X | due to Y"). A
scope over one phrase (``phrase``, ``constituent``, ``noun``) ends before the clause's
own verb, read from its form: a past or third-person word directly followed by a
determiner ("B but not C | regulates the X", "mice lacking C | retained their X"). A
scope never ends on a coordinator, and takes the closing brackets of brackets it
opened. Pseudo-triggers ("not only", "whether or not") never reach this module: the
lexicon drops them before any scope is drawn. Cues and terminators come from
the rule rows in ``data/certainty.tsv``; the engine itself knows only the few grammar
words these directions look for (auxiliaries, participle endings, raising verbs,
prepositions, apposition markers).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

Span = tuple[int, int]

_PARTICIPLE = re.compile(
    r"\w+(?:ed|en)$|(?:known|shown|found|seen|made|done|understood|thought|held|kept|lost|"
    r"led|met|bound|brought|taught|built|sent|spent)$",
    re.IGNORECASE,
)
_RAISING = frozenset(["appear", "seem"])
"""Verbs whose subject belongs to the negated statement ("X does not seem to bind")."""
_BETWEEN = frozenset(["yet", "been", "be", "being", "always", "only", "necessarily", "also"])
"""Words that may stand between a cue and its participle ("not yet been examined")."""
_AUXILIARY = frozenset(
    "is are was were be has have had do does did may might can could will would should".split()
)
"""Finite verbs: they end a ``phrase`` scope, and mark a clause of its own."""
_BEFORE_CUE = _AUXILIARY | frozenset(["been", "being", "am", "must", "shall", "remain", "remains"])
"""Auxiliaries that make a following "not" negate a predicate."""
_HOLDS_AUXILIARY = re.compile(r"\w+n't$|can\s?not$", re.IGNORECASE)
"""Cues that hold their auxiliary ("isn't", "cannot")."""
_COORDINATORS = frozenset(["and", "or"])
_CLAUSE_START = frozenset(["that", "we", "it", "they", "there", "this", "these"])
"""Words that open a clause of their own after a comma or "and"."""
_APPOSITION = frozenset(["including", "such", "e", "i", "namely", "especially", "a", "an"])
"""First words of an apposition or example list after a comma ("X, including Y")."""
_PREPOSITIONS = frozenset(
    "in on at to for from with by during after before within under over between among "
    "into through via upon".split()
)
"""Prepositions that end a ``constituent`` scope ("of" does not: "treatment of cells")."""
_PREDICATIVE = re.compile(r"(?:ed|en|ing|ble|nt|ive|al|ar|ous|ic)$|^due$")
"""Endings of a participle or adjective: "not sufficient for", "not due to" go on."""
_SUBORDINATORS = frozenset(["how", "whether", "why", "what", "when", "where", "if"])
"""Words that open an embedded question: an auxiliary after them is not the clause's own."""
_RELATIVE = frozenset(["that", "which", "who", "whom", "whose"])
"""Relative pronouns: the verb after one belongs to a relative clause inside a phrase."""
_FINITE = re.compile(
    r"(?!(?:towards|afterwards|always|perhaps|sometimes|besides)$)\w{3,}(?:ed|[^siu]s)$"
)
"""A past or third-person verb form ("retained", "regulates"; not "loss", "virus", "basis",
nor the words ending in "s" that are no verb: "towards", "perhaps")."""
_OBJECT_START = frozenset(["the", "a", "an", "its", "their", "this", "these", "both", "his", "her"])
"""Determiners that open an object: after a ``_FINITE`` word they make it the clause's verb."""
_ADVERB = re.compile(r"\w+ly$|also$|then$")
"""Adverbs that go with the verb after them ("not C also | activated X")."""
_SUBJECT_WORDS = 15
"""Words a new clause's subject has at most before its auxiliary."""
_LIST_ITEM = 4
"""Words a list item between two commas has at most ("IL-2, IL-4, and IL-6")."""


@dataclass(frozen=True)
class Reach:
    """What a cue's rule says about its scope."""

    direction: str
    max_scope: int


@dataclass(frozen=True)
class Boundary:
    """A terminator found in a sentence, and which scopes it ends.

    ``kind``: ``clause`` ends every scope; ``comma`` ends a backward scope, and a forward
    one unless a list item or apposition follows; ``opener`` ends only a backward scope;
    ``report`` (a reporting verb before its clause: "suggests that") ends a backward
    scope, and a forward one once it has covered a word: "no rise in X | suggests that
    ..." (the negated phrase is the verb's subject), but "did not suggest that" goes on;
    ``adjunct`` (a cause or result: "due to") ends only a scope over one phrase
    (``phrase``, ``constituent``, ``noun``) that has covered a word already: "lack of X |
    due to Y" lacks X, not Y, but "was not due to Y" negates the cause.
    """

    start: int
    end: int
    kind: str = "clause"


def _clause_in(words: Sequence[str]) -> bool:
    """True when ``words`` hold a clause of their own: an auxiliary, an opening "that" or
    pronoun, or an "-ing" verb at the start ("suggesting that ...")."""
    if not words:
        return False
    if words[0] in _CLAUSE_START or (words[0].endswith("ing") and words[0] != "including"):
        return True
    # The clause's own auxiliary comes before any subordinate clause ("and insights into
    # how cells are ..." is a phrase; "and the cells are ..." a clause).
    for word in words[:_SUBJECT_WORDS]:
        if word in _AUXILIARY:
            return True
        if word in _SUBORDINATORS:
            return False
    return False


class _Sentence:
    """A sentence's word tokens (lower case) and its boundaries, for one scope.

    ``tokens`` come in order, none overlapping (as a split gives them): the tokens and
    boundaries between two offsets are found by bisection, not by a pass over the sentence.
    """

    def __init__(
        self, text: str, tokens: Sequence[Span], boundaries: Sequence[Boundary], sentence: Span
    ) -> None:
        self.tokens = [t for t in tokens if sentence[0] <= t[0] and t[1] <= sentence[1]]
        self.starts = [t[0] for t in self.tokens]
        self.ends = [t[1] for t in self.tokens]
        # An all-capital word is a name ("NF-AT", "IS"), never a grammar word.
        raw = [text[s:e] for s, e in self.tokens]
        self.words = [w if w.isupper() and len(w) > 1 else w.lower() for w in raw]
        ordered = sorted(boundaries, key=lambda b: b.start)
        self.boundaries = [b for b in ordered if b.kind != "adjunct"]
        self.boundary_starts = [b.start for b in self.boundaries]
        self.adjuncts = [b for b in ordered if b.kind == "adjunct"]
        self.sentence = sentence
        self.text = text
        inside = text[sentence[0] : sentence[1]]
        self.bracketed = any(c in inside for c in "()[]")

    def depth(self, start: int, end: int) -> int:
        """Brackets ``text[start:end]`` opens, less those it closes."""
        # Asked once per word a scope passes: most sentences have no bracket to count.
        if not self.bracketed and self.sentence[0] <= start and end <= self.sentence[1]:
            return 0
        piece = self.text[start:end]
        return piece.count("(") + piece.count("[") - piece.count(")") - piece.count("]")

    def first_from(self, offset: int) -> int:
        """The index of the first token that starts at ``offset`` or later."""
        return bisect_left(self.starts, offset)

    def count_to(self, offset: int) -> int:
        """How many tokens end at ``offset`` or earlier (all of them before the rest)."""
        return bisect_right(self.ends, offset)

    def between(self, start: int, end: int) -> list[str]:
        """The words wholly inside ``text[start:end]``."""
        return self.words[self.first_from(start) : self.count_to(end)]

    def segment(self, index: int) -> list[str]:
        """The words from token ``index`` up to the next boundary that is no opener."""
        start = self.tokens[index][0]
        stop = min(
            (b.start for b in self.boundaries if b.start >= start and b.kind != "opener"),
            default=self.sentence[1],
        )
        return self.words[index : self.first_from(stop)]

    def crossed(self, after: int, token: Span) -> list[Boundary]:
        """Boundaries from ``after`` to the end of ``token`` (a word that is one included)."""
        starts = self.boundary_starts
        return self.boundaries[bisect_left(starts, after) : bisect_left(starts, token[1])]


def _finite_verb(s: _Sentence, index: int) -> bool:
    """True when token ``index`` reads as a finite verb taking an object: a past or
    third-person form directly followed by a determiner ("X lacking Y | retained its Z").
    A participle that modifies a noun takes no object ("cells treated with"), and an
    irregular past ("slept") is not seen: the word alone, without part of speech."""
    if index + 1 >= len(s.words):
        return False
    gap = s.text[s.tokens[index][1] : s.tokens[index + 1][0]]
    return (
        _FINITE.match(s.words[index]) is not None
        and s.words[index + 1] in _OBJECT_START
        and not gap.strip()  # "in B cells, | the ...": a comma between, no object
    )


def _comma_goes_on(s: _Sentence, index: int, in_list: bool) -> tuple[bool, bool]:
    """Whether a forward scope goes on past a comma before token ``index``, and whether
    it is now inside a list: an apposition or a list item goes on, a clause does not."""
    item = s.segment(index)
    if item and item[0] in _AUXILIARY:  # "may, in part, be due to": the predicate goes on
        return True, in_list
    if not item or (_clause_in(item) and item[0] not in _APPOSITION):
        return False, in_list
    if item[0] in _APPOSITION:
        return True, in_list
    later = [b for b in s.boundaries if b.start >= s.tokens[index][0] and b.kind != "opener"]
    if len(item) <= _LIST_ITEM and later and later[0].kind == "comma":
        return True, True  # "IL-2, | IL-4, and IL-6"
    return in_list and bool(_COORDINATORS.intersection(item[:_LIST_ITEM])), in_list


def _forward(cue: Span, direction: str, limit: int, s: _Sentence, predicate: bool) -> int:
    """Where a scope ends after its cue (the cue's end when it covers no word).

    ``predicate``: the cue negates or hedges a verb ("did not bind"), so the clause's
    verb is already seen; otherwise ("no X or Y were seen") it is still to come.
    """
    end, in_list, depth, covered = cue[1], False, 0, 0
    clause_level = direction not in ("phrase", "constituent", "noun")
    # Until the clause's own verb is seen, "and" joins subjects ("no X or Y were seen",
    # "suggest that X and Y have ..."); after it, "and" + a clause ends the scope.
    verb_seen = predicate
    for index in range(s.first_from(cue[1]), len(s.tokens)):
        word = s.words[index]
        depth += s.depth(end, s.tokens[index][0])
        if depth < 0 and direction != "clause":  # "(not in adults), ...": the aside ends
            return end
        for boundary in s.crossed(end, s.tokens[index]):
            if direction == "clause":  # a reported clause runs to the sentence's end
                continue
            if boundary.kind == "opener":
                verb_seen = False
                continue
            if boundary.kind == "report":
                if covered:
                    return end
                continue
            if boundary.kind == "clause" or direction == "noun":
                return end
            goes_on, in_list = _comma_goes_on(s, index, in_list)
            if not goes_on:
                return end
        if (
            direction in ("phrase", "noun")
            and covered
            and any(end <= b.start < s.tokens[index][1] for b in s.adjuncts)
        ):
            return end
        # "B but not C | regulates the X", "cells lacking C | retained their X": the
        # clause's own verb ends a scope over one phrase; an adverb before it goes with it.
        if not clause_level and covered and _finite_verb(s, index):
            kept = list(range(index - covered, index))
            while len(kept) > 1 and _ADVERB.match(s.words[kept[-1]]):
                kept.pop()
            return s.tokens[kept[-1]][1]
        if direction == "constituent" and covered and word in _PREPOSITIONS:
            # "not (normally) associated with": the first word past any adverb decides.
            words = s.words[index - covered : index]
            first = next((w for w in words if not w.endswith("ly")), words[0])
            if first not in _PREPOSITIONS and not _PREDICATIVE.search(first):
                return end
        # "rather than X that is Y, is seen": a relative clause's verb is the phrase's own;
        # "not to be": an infinitive is not finite.
        previous = s.words[index - 1]
        if not clause_level and word in _AUXILIARY and previous not in _RELATIVE | {"to"}:
            return end
        if direction == "noun" and (word in _PREPOSITIONS or word in _COORDINATORS):
            return end
        verb_seen = verb_seen or word in _AUXILIARY
        if covered and clause_level and direction != "clause" and word in _COORDINATORS:
            rest = s.segment(index)[1:]
            # "and was not ...": a second predicate; "and Y was ...": a second clause.
            if (rest and rest[0] in _AUXILIARY) or (verb_seen and _clause_in(rest)):
                return end
        end = s.tokens[index][1]
        covered += 1
        if limit and covered >= limit:
            break
    return end


def _subject_start(cue: Span, s: _Sentence) -> int:
    """Where a backward reach may start: after the last boundary before the cue, or,
    when no subject stands between that boundary and the cue ("X, which binds Y, | is
    not induced", "X, however, | has not been"), before the aside the subject precedes.
    After a conjunction ("X binds Y but | is not found in Z") the predicate shares the
    earlier clause's subject, and the reach stays after it (as after "and")."""
    groups: list[list[int]] = []  # [start, end] of runs of boundaries with no word between
    for b in (b for b in s.boundaries if b.end <= cue[0]):
        if groups and not s.between(groups[-1][1], b.start):
            groups[-1][1] = b.end
        else:
            groups.append([b.start, b.end])
    if not groups:
        return s.sentence[0]
    gap = s.between(groups[-1][1], cue[0])
    subjectless = all(w in _BEFORE_CUE or w.endswith("ly") for w in gap)
    aside = s.text[groups[-1][1] - 1] == ","  # closed by a comma, not a conjunction
    if (
        gap
        and subjectless
        and aside
        and len(groups) >= 2
        and s.between(groups[-2][1], groups[-1][0])
    ):
        subject_from = groups[-3][1] if len(groups) >= 3 else s.sentence[0]
        if s.between(subject_from, groups[-2][0]):
            return subject_from
    # "X, however, | has not been": a one-word aside between two commas is one group.
    opened = s.text[groups[-1][0]] == ","
    if gap and subjectless and aside and opened and groups[-1][1] - groups[-1][0] > 1:
        subject_from = groups[-2][1] if len(groups) >= 2 else s.sentence[0]
        if s.between(subject_from, groups[-1][0]):
            return subject_from
    return groups[-1][1]


def _backward(cue: Span, limit: int, s: _Sentence) -> int:
    """Where a scope starts before its cue (the cue's start when it covers no word)."""
    stop = _subject_start(cue, s)
    before = list(range(s.first_from(stop), s.count_to(cue[0])))
    if limit:
        before = before[-limit:]
    start, depth = cue[0], 0
    if before and s.words[before[-1]] in _COORDINATORS:  # "X rose and seems to ...": no subject
        return start
    for position in range(len(before) - 1, -1, -1):
        index = before[position]
        word = s.words[index]
        depth += s.depth(s.tokens[index][1], start)
        if depth > 0:  # the cue stands inside brackets opened before it
            break
        # "A did not alter X and B was not ...": the earlier clause is not the subject.
        if word in _COORDINATORS and any(s.words[i] in _AUXILIARY for i in before[:position]):
            break
        start = s.tokens[index][0]
        # "X, which was absent": a relative pronoun just before the predicate is its subject.
        rest = [s.words[i] for i in before[position + 1 :]]
        if word in ("which", "who") and all(w in _BEFORE_CUE or w.endswith("ly") for w in rest):
            break
    return start


def _subject_taken(cue: Span, direction: str, s: _Sentence, text: str) -> bool | None:
    """For ``passive`` and ``subject``: True to reach back over the subject, False for
    forward only, None for a constituent negation (no auxiliary before the cue)."""
    before = range(s.count_to(cue[0]))
    after = range(s.first_from(cue[1]), len(s.tokens))
    words = s.words
    cue_text = text[cue[0] : cue[1]]
    first_word = cue_text.lower().split()[0] if cue_text.strip() else ""
    held = _HOLDS_AUXILIARY.match(cue_text) is not None or first_word in _BEFORE_CUE
    auxiliary = held
    last = None
    for i in reversed(before):
        if words[i].endswith("ly"):
            continue
        auxiliary = auxiliary or words[i] in _BEFORE_CUE
        last = i
        break
    if not auxiliary:
        return None if direction == "passive" else False
    # "... and is not associated with": the subject is left out, the cue starts the scope.
    if last is not None and not held:
        earlier = [i for i in before if i < last]
        if earlier and words[earlier[-1]] in _COORDINATORS | {"that"}:
            return False
    if direction == "subject":
        return True
    # After "do" the verb is a base form ("did not worsen"), never a participle.
    support = last is not None and not held and words[last] in ("do", "does", "did")
    support = support or cue_text.lower().startswith(("don", "doesn", "didn"))
    # "we have not found": an active perfect; its subject is the agent, not negated.
    perfect = last is not None and not held and words[last] in ("have", "has", "had")
    for i in after:
        if perfect and words[i] == "been":
            perfect = False
        if words[i] in _BETWEEN or words[i].endswith("ly"):
            continue
        participle = _PARTICIPLE.match(words[i]) is not None and not (support or perfect)
        return participle or words[i] in _RAISING
    return False


def resolve(
    cue: Span,
    reach: Reach,
    tokens: Sequence[Span],
    terminators: Sequence[Boundary],
    sentence: Span,
    text: str = "",
) -> Span:
    """The scope of ``cue`` (the cue included) as a character span inside ``sentence``.

    ``tokens`` are the sentence's word spans in order; ``terminators`` the boundaries
    found in it. A scope stops before the first boundary on its way that ends it.
    """
    return _resolve(cue, reach, _Sentence(text, tokens, terminators, sentence), text)


def _resolve(cue: Span, reach: Reach, s: _Sentence, text: str) -> Span:
    direction = reach.direction
    backward = direction in ("backward", "both")
    if direction in ("passive", "subject"):
        taken = _subject_taken(cue, direction, s, text)
        direction = "constituent" if taken is None else "forward"
        backward = bool(taken)
    start, end = cue
    if direction in ("forward", "both", "phrase", "constituent", "noun", "join", "clause"):
        predicate = reach.direction in ("passive", "subject")
        end = _untrail(cue, _forward(cue, direction, reach.max_scope, s, predicate), s)
    if backward:
        start = _backward(cue, reach.max_scope, s)
    return start, _close_brackets(start, end, s)


def _untrail(cue: Span, end: int, s: _Sentence) -> int:
    """``end`` moved back before a coordinator the scope ends with: "lack X and | can
    bind Y" stops at the verb, but the "and" belongs to what follows."""
    covered = list(range(s.first_from(cue[1]), s.count_to(end)))
    while covered and s.words[covered[-1]] in _COORDINATORS:
        covered.pop()
        end = s.tokens[covered[-1]][1] if covered else cue[1]
    return end


def _close_brackets(start: int, end: int, s: _Sentence) -> int:
    """``end`` moved past the closing brackets that directly follow it when the scope
    opened them: "lacking a site (LTR" ends with its bracket, "(LTR)"."""
    depth = s.depth(start, end)
    while depth > 0 and end < s.sentence[1] and s.text[end] in ")]":
        end, depth = end + 1, depth - 1
    return end


def resolve_all(
    cues: Sequence[tuple[Span, Reach]],
    tokens: Sequence[Span],
    terminators: Sequence[Boundary],
    sentence: Span,
    text: str,
) -> list[Span]:
    """The scopes of a sentence's cues, in order; a ``join`` cue and the cue before it
    share one scope, from the earlier one's start to the later one's end."""
    if not cues:
        return []
    words = _Sentence(text, tokens, terminators, sentence)
    scopes = [_resolve(c, r, words, text) for c, r in cues]
    for index, ((_, cue_end), reach) in enumerate(cues):
        if reach.direction != "join" or not index:
            continue
        after = words.words[words.first_from(cue_end) :][:1]
        # "nor were X ...": an inverted auxiliary opens a clause of its own.
        if not after or after[0] not in _AUXILIARY:
            (a, b), (c, d) = scopes[index - 1], scopes[index]
            joined = (min(a, c), max(b, d))
            scopes[index - 1] = scopes[index] = joined
    return scopes


def covers(scopes: Sequence[Span], span: Span) -> bool:
    """True when ``span`` lies wholly inside one of ``scopes``."""
    # Asked for every entity and relation cue, mostly of a sentence with no scope at all.
    return bool(scopes) and any(s <= span[0] and span[1] <= e for s, e in scopes)
