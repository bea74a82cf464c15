"""Every certainty rule family, named, with a sentence that fails without it.

The rules are rows of ``src/adhd_corpus/parse/data/certainty.tsv``; the engine that
applies them is ``parse/certainty.py`` with ``parse/scope.py``. Each case below is
named after the rule (kind and class, or the scope rule) it proves; a test also checks
that every kind and class in the cue file has at least one case here. The sentences are
written for these tests (none comes from any evaluation data).
"""

from __future__ import annotations

import re
from importlib.resources import files

import pytest

from adhd_corpus.annotate import assess_sentence
from adhd_corpus.models import Claim
from adhd_corpus.parse.certainty import CUE_FILE, Lexicons, assess, read_rules
from adhd_corpus.parse.scope import Boundary, Reach, resolve, resolve_all


def claim(sentence: str) -> Claim:
    return assess_sentence(sentence).claim


# --- claim strength ------------------------------------------------------------------
# rule name -> (sentence, strength). 0 none, 1 correlational, 2 conditional, 3 direct.
STRENGTH = {
    "relation/correlational: predictive of": ("Low ferritin is predictive of ADHD severity.", 1),
    "relation/correlational: confers a higher risk": (
        "Maternal smoking confers a higher risk of ADHD.",
        1,
    ),
    "relation/correlational: has a strong association": (
        "Poor sleep has a strong association with inattention.",
        1,
    ),
    "relation/correlational: a higher incidence of": (
        "Children born preterm show a higher incidence of ADHD.",
        1,
    ),
    "relation/correlational: more likely (a comparison, not a hedge)": (
        "Boys are more likely than girls to be diagnosed with ADHD.",
        1,
    ),
    "relation/correlational: than": ("Dopamine levels were lower in ADHD than in controls.", 1),
    "relation/causal: lowers": ("Exercise lowers anxiety in adults with ADHD.", 3),
    "relation/causal: exerted benefits on": (
        "Omega-3 supplements exerted benefits on attention.",
        3,
    ),
    "relation/causal: led to": ("Stimulant treatment led to fewer outbursts.", 3),
    "relation/causal: lessen": ("Mindfulness training can lessen impulsivity.", 3),
    "relation/causal: will lower": ("A regular bedtime will lower irritability.", 3),
    "relation/causal: can mitigate (can does not soften)": (
        "Exercise can mitigate the side effects of stimulants.",
        3,
    ),
    "relation/causal: influenced by": ("Attention is influenced by dopamine.", 3),
    "relation/causal: a reporting verb does not soften": (
        "Studies suggest that stimulants improve focus.",
        3,
    ),
    "relation/causal: a purpose infinitive states no relation": (
        "Doctors prescribe melatonin to improve sleep.",
        0,
    ),
    "relation/causal: shown to reduce is the finding itself, not a purpose": (
        "Exercise was shown to reduce anxiety.",
        3,
    ),
    "hedge/modal softens a causal cue": ("Methylphenidate may reduce symptoms.", 2),
    "hedge/evidential_verb softens a causal cue": (
        "Melatonin appears to improve sleep onset.",
        2,
    ),
    "hedge/modal does not soften a correlation": (
        "Iron deficiency may be associated with ADHD.",
        1,
    ),
    "nonassertive/research_call: should ... whether": (
        "Future studies should explore whether methylphenidate improves sleep.",
        0,
    ),
    "nonassertive/purpose: are needed to": (
        "Larger trials are needed to reduce uncertainty about dosing.",
        0,
    ),
    "nonassertive/recommendation: recommended": (
        "Omega-3 supplements are recommended to improve attention.",
        0,
    ),
    "nonassertive/question: whether": (
        "It is unknown whether melatonin shortens sleep onset in ADHD.",
        0,
    ),
    "pseudo/relation: shift work is a noun": (
        "Shift work is common among parents of children with ADHD.",
        0,
    ),
    "verb use: a base form before in/of is a noun": (
        "There was an increase in reports of ADHD.",
        0,
    ),
    "verb use: a participle after a preposition and an adverb is an adjective": (
        "ADHD was associated with significantly reduced sleep.",
        1,
    ),
    "verb use: a gerund after a preposition names an activity": (
        "Dopamine is central to regulating attention.",
        1,
    ),
}


@pytest.mark.parametrize("rule", list(STRENGTH))
def test_strength_rule(rule: str) -> None:
    sentence, expected = STRENGTH[rule]
    found = claim(sentence)
    assert found.strength == expected, [(r.text, r.cue_class) for r in found.relations or []]


def test_a_relation_in_a_research_call_is_traced_to_the_call() -> None:
    sentence = "Future studies should explore whether methylphenidate improves sleep."
    found = claim(sentence)
    assert found.relations == []
    assert [(q.text, q.cue_class) for q in found.nonassertive or []] == [
        ("Future studies", "research_call"),
        ("should", "research_call"),
        ("whether", "question"),
    ]


def test_every_strength_decision_names_its_cues_with_spans() -> None:
    sentence = "Methylphenidate may reduce symptoms."
    found = claim(sentence)
    assert [(r.text, r.cue_class) for r in found.relations or []] == [("reduce", "causal")]
    assert [(h.text, h.cue_class) for h in found.hedges or []] == [("may", "modal")]
    for cue in [*(found.relations or []), *(found.hedges or [])]:
        assert sentence[cue.start : cue.end] == cue.text


# --- hedges ----------------------------------------------------------------------------
# rule name -> (sentence, the hedge cues expected, as written)
HEDGES = {
    "hedge/question: whether": ("Researchers asked whether dopamine drives focus.", ["whether"]),
    "hedge/modal: would": ("A higher dose would shorten sleep.", ["would"]),
    "hedge/adjective_adverb: unknown": ("The cause of ADHD is unknown.", ["is unknown"]),
    "hedge/multiword: not known": ("The role of serotonin is not known.", ["not known"]),
    "hedge/noun: hypothesis": ("The dopamine hypothesis of ADHD is debated.", ["hypothesis"]),
    "hedge/noun: possibility": ("This raises a possibility of benefit.", ["possibility"]),
    "hedge/epistemic_verb: assume": ("We assume that dopamine matters.", ["assume"]),
    "hedge/epistemic_verb: expected": ("Symptoms are expected to ease.", ["are expected"]),
    "hedge/epistemic_verb: estimated": (
        "An estimated five percent of children have ADHD.",
        ["estimated"],
    ),
    "hedge/adjective_adverb: potential role": (
        "Zinc has a potential role in attention.",
        ["potential role"],
    ),
    "hedge/epistemic_verb: suspect": ("We suspect that iron matters.", ["suspect"]),
    "hedge/question: determine if": ("Trials will determine if zinc helps.", ["determine if"]),
    "pseudo/hedge: we could (ability)": ("We could detect dopamine in saliva.", []),
    "pseudo/hedge: bare potential is a plain adjective": (
        "The clinic lists potential benefits of exercise.",
        [],
    ),
    "pseudo/hedge: possible side effects": ("Ask about possible side effects of stimulants.", []),
    "pseudo/hedge: as soon as possible": ("Treatment started as soon as possible.", []),
    "pseudo/hedge: more likely is a comparison": ("Boys are more likely to be diagnosed.", []),
    "pseudo/hedge: could be detected (ability, not doubt)": (
        "Dopamine could be detected in saliva.",
        [],
    ),
}


@pytest.mark.parametrize("rule", list(HEDGES))
def test_hedge_rule(rule: str) -> None:
    sentence, expected = HEDGES[rule]
    found = claim(sentence)
    assert found.hedge_cues == expected
    assert found.hedged is bool(expected)


# --- negation cues and pseudo-triggers -------------------------------------------------
# rule name -> (sentence, the negation cues expected)
NEGATIONS = {
    "negation/sentential: not": ("Caffeine does not improve focus.", ["not"]),
    "negation/determiner: no": ("Children showed no anxiety.", ["no"]),
    "negation/absence: without": ("Adults without ADHD slept well.", ["without"]),
    "negation/absence: lack of": ("A lack of sleep worsens focus.", ["lack of"]),
    "negation/verb: failed": ("Melatonin failed to improve sleep.", ["failed"]),
    "negation/absence: failure of ... to": (
        "The failure of melatonin to help was reported.",
        ["failure of"],
    ),
    "negation/absence: heart failure is no cue": ("Heart failure is rare in ADHD.", []),
    "negation/contrast: rather than": (
        "Focus improved with sleep rather than with caffeine.",
        ["rather than"],
    ),
    "pseudo/negation: not only": ("Stimulants not only improve focus but also mood.", []),
    "pseudo/negation: whether or not": ("Whether or not stimulants are taken, sleep varies.", []),
    "pseudo/negation: not otherwise specified": (
        "ADHD not otherwise specified was diagnosed in ten children.",
        [],
    ),
    "pseudo/negation: no further": ("No further dopamine tests were run.", []),
    "pseudo/negation: NO (nitric oxide) is matched in exact case": (
        "NO synthesis rises with exercise.",
        [],
    ),
}


@pytest.mark.parametrize("rule", list(NEGATIONS))
def test_negation_rule(rule: str) -> None:
    sentence, expected = NEGATIONS[rule]
    assert [cue.text for cue in claim(sentence).negations or []] == expected


# --- scope: which mentions a cue reaches, and whether the claim is negated ---------------
# rule name -> (sentence, claim negated, {mention: (negated, hedged)})
SCOPE = {
    "negated relation negates the claim": (
        "Caffeine does not improve ADHD symptoms.",
        True,
        {"Caffeine": (False, False), "ADHD": (True, False)},
    ),
    "with and without: mentions negated, claim not": (
        "Children with and without ADHD were compared on dopamine levels.",
        False,
        {"ADHD": (True, False), "dopamine": (False, False)},
    ),
    "not only ... but also: nothing negated": (
        "Stimulants not only improve focus but also reduce impulsivity.",
        False,
        {"Stimulants": (False, False), "impulsivity": (False, False)},
    ),
    "determiner no negates its phrase, not the claim": (
        "Children with ADHD had no anxiety during the trial.",
        False,
        {"ADHD": (False, False), "anxiety": (True, False)},
    ),
    "terminator/conjunction: but ends a scope": (
        "Melatonin does not cause insomnia but caffeine disrupts sleep.",
        True,
        {"Melatonin": (False, False), "insomnia": (True, False), "caffeine": (False, False)},
    ),
    "terminator/punctuation: a comma ends a scope": (
        "Without treatment, ADHD persists into adulthood.",
        False,
        {"ADHD": (False, False)},
    ),
    "contrast: rather than reaches to the clause's end": (
        "Sleep improved rather than the symptoms of ADHD during the trial of melatonin.",
        False,
        {"ADHD": (True, False), "melatonin": (True, False)},
    ),
    "passive: a negated passive reaches back to its subject": (
        "Dopamine release was not affected by methylphenidate.",
        True,
        {"Dopamine": (True, False), "methylphenidate": (True, False)},
    ),
    "modal: the hedge reaches forward, not back over an active subject": (
        "Methylphenidate may reduce anxiety.",
        False,
        {"Methylphenidate": (False, False), "anxiety": (False, True)},
    ),
    "modal: before a passive the hedge reaches back over the subject": (
        "Melatonin may be affected by caffeine.",
        False,
        {"Melatonin": (False, True), "caffeine": (False, True)},
    ),
    "hedge scope stops at a terminator": (
        "ADHD is common in adults, but melatonin may help with insomnia.",
        False,
        {"ADHD": (False, False), "insomnia": (False, True)},
    ),
    "evidential verb: appear reaches back over its subject": (
        "Melatonin appears to ease insomnia.",
        False,
        {"Melatonin": (False, True), "insomnia": (False, True)},
    ),
    "clause: a reporting verb's hedge covers its whole clause, commas and and included": (
        "Trials suggest that caffeine, in small doses, eases inattention and that iron helps.",
        False,
        {"caffeine": (False, True), "iron": (False, True)},
    ),
    "clause: a reported clause runs to the sentence's end past a subordinate clause": (
        "Reviews suggest that, although caffeine helps some adults, melatonin improves sleep.",
        False,
        {"caffeine": (False, True), "melatonin": (False, True)},
    ),
    "terminator/comma: a predicate goes on after an aside between commas": (
        "Poor sleep may, in part, be due to low iron.",
        False,
        {"iron": (False, True)},
    ),
    "coordinator: a second predicate after and has no subject in its scope": (
        "Caffeine raised alertness and seems to worsen anxiety.",
        False,
        {"Caffeine": (False, False), "anxiety": (False, True)},
    ),
    "hedge/multiword: yet to be takes the subject after a copula": (
        "The effects of iron on dopamine are yet to be understood.",
        False,
        {"iron": (False, True), "dopamine": (False, True)},
    ),
    "subject: a hedge after a copula reaches back over the subject": (
        "Low dopamine is likely to worsen inattention.",
        False,
        {"dopamine": (False, True), "inattention": (False, True)},
    ),
    "noun: a hedging adjective reaches over its noun phrase only": (
        "A putative dopamine deficit in ADHD was studied.",
        False,
        {"dopamine": (False, True), "ADHD": (False, False)},
    ),
    "passive: with no auxiliary before it, not negates one constituent": (
        "Stimulants eased inattention but not anxiety in the trial of melatonin.",
        True,
        {"anxiety": (True, False), "melatonin": (False, False)},
    ),
    "passive: a constituent negation goes on over an infinitive (not to be)": (
        "Caffeine appears not to be directly linked with insomnia.",
        True,
        {"Caffeine": (False, True), "insomnia": (True, True)},
    ),
    "passive: an adverb before the participle of a constituent negation is skipped": (
        "Children took stimulants not normally linked with insomnia.",
        True,
        {"stimulants": (False, False), "insomnia": (True, False)},
    ),
    "passive: a raising verb after the auxiliary takes the subject": (
        "Methylphenidate does not seem to change melatonin levels.",
        True,
        {"Methylphenidate": (True, True), "melatonin": (True, True)},
    ),
    "passive: after and + auxiliary the subject is left out": (
        "Caffeine raised alertness and was not linked to anxiety.",
        True,
        {"Caffeine": (False, False), "anxiety": (True, False)},
    ),
    "subject: a copula before unable takes the subject": (
        "Children with ADHD were unable to raise their dopamine levels.",
        True,
        {"ADHD": (True, False), "dopamine": (True, False)},
    ),
    "terminator/comma: the next item of a list stays in the scope": (
        "Melatonin did not worsen anxiety, irritability, or insomnia in the trial.",
        True,
        {"Melatonin": (False, False), "insomnia": (True, False)},
    ),
    "terminator/comma: an apposition stays in the scope": (
        "Nobody responded without methylphenidate, a stimulant acting on dopamine.",
        False,
        {"dopamine": (True, False)},
    ),
    "coordinator: and before a new clause ends a forward scope": (
        "Melatonin did not change anxiety and caffeine was linked to insomnia.",
        False,
        {"anxiety": (True, False), "caffeine": (False, False), "insomnia": (False, False)},
    ),
    "terminator/opener: that ends a reach back over the subject": (
        "Melatonin studies found that dopamine release was not affected by caffeine.",
        True,
        {"Melatonin": (False, False), "dopamine": (True, False), "caffeine": (True, False)},
    ),
    "coordinator: a clause with its own auxiliary is not the next clause's subject": (
        "Caffeine did not raise anxiety and dopamine release was not affected by iron.",
        True,
        {"Caffeine": (False, False), "anxiety": (True, False), "dopamine": (True, False)},
    ),
    "coordinator: an auxiliary inside an embedded question opens no new clause": (
        "Melatonin may offer a tool for sleep and insights into how dopamine is regulated.",
        False,
        {"Melatonin": (False, False), "dopamine": (False, True)},
    ),
    "terminator/opener: a one-word aside such as thus keeps the predicate going": (
        "Low iron may, thus, be linked to anxiety.",
        False,
        {"anxiety": (False, True)},
    ),
    "passive: the subject stands before an aside between commas": (
        "Dopamine release, in children with ADHD, was not affected by caffeine.",
        True,
        {"Dopamine": (True, False), "caffeine": (True, False)},
    ),
    "passive: the subject stands before a one-word aside such as however": (
        "The role of melatonin in sleep, however, has not been defined.",
        True,
        {"melatonin": (True, False)},
    ),
    "passive: a relative pronoun just before the predicate is its whole subject": (
        "Adults with ADHD showed low dopamine which was not affected by caffeine.",
        True,
        {"ADHD": (False, False), "dopamine": (False, False), "caffeine": (True, False)},
    ),
    "passive: after but the subject of the earlier clause is not reached": (
        "Melatonin is made in the pineal gland, which lies in the brain, but is not found in"
        " the liver.",
        True,
        {"Melatonin": (False, False), "pineal gland": (False, False), "liver": (True, False)},
    ),
    "join: nor before an inverted auxiliary opens a clause of its own": (
        "Melatonin did not change anxiety, nor was insomnia reported.",
        True,
        {"Melatonin": (False, False), "anxiety": (True, False), "insomnia": (True, False)},
    ),
    "terminator/conjunction: despite ends a scope": (
        "Iron did not lower anxiety despite high doses of melatonin.",
        True,
        {"anxiety": (True, False), "melatonin": (False, False)},
    ),
    "terminator/conjunction: a reporting -ing clause ends a scope": (
        "Caffeine did not raise dopamine suggesting a role for melatonin.",
        True,
        {"dopamine": (True, False), "melatonin": (False, True)},
    ),
    "brackets: a scope opened inside brackets ends with them": (
        "Stimulants (but not melatonin) improved sleep in ADHD.",
        False,
        {"melatonin": (True, False), "ADHD": (False, False)},
    ),
    "terminator/adjunct: a cause after an absence phrase is not what is absent": (
        "A lack of melatonin due to caffeine use was reported in adults.",
        False,
        {"melatonin": (True, False), "caffeine": (False, False)},
    ),
    "terminator/adjunct: a negated predicate keeps the cause in its scope": (
        "Poor sleep was not due to caffeine.",
        True,
        {"caffeine": (True, False)},
    ),
    "terminator/report: a negated subject phrase ends before its reporting verb": (
        "The absence of any change in dopamine suggests that melatonin eases insomnia.",
        False,
        {"dopamine": (True, False), "melatonin": (False, True), "insomnia": (False, True)},
    ),
    "terminator/report: a negated reporting verb keeps its clause in the scope": (
        "Trials did not suggest that melatonin eases insomnia.",
        True,
        {"melatonin": (True, True), "insomnia": (True, True)},
    ),
    "contrast: rather than negates a phrase, not the verb of the clause after it": (
        "Melatonin rather than a stimulant that is given with caffeine is used for insomnia.",
        False,
        {"Melatonin": (False, False), "caffeine": (True, False), "insomnia": (False, False)},
    ),
    "constituent: the clause's own verb (a past form before its object) ends not C": (
        "Methylphenidate but not melatonin improved the sleep of children with ADHD.",
        False,
        {"melatonin": (True, False), "ADHD": (False, False)},
    ),
    "constituent: an adverb before the clause's verb is left out with it": (
        "Caffeine but not melatonin also raised the anxiety scores of adults.",
        False,
        {"melatonin": (True, False), "anxiety": (False, False)},
    ),
    "phrase: a participle phrase ends before the clause's verb and its object": (
        "Adults lacking iron reported the same anxiety as controls.",
        False,
        {"iron": (True, False), "anxiety": (False, False)},
    ),
    "phrase: an absence phrase ends before a third-person verb and its object": (
        "The lack of melatonin in adults delays their recovery from insomnia.",
        False,
        {"melatonin": (True, False), "insomnia": (False, False)},
    ),
    "phrase: a participle after a noun takes no object and stays in the scope": (
        "A lack of melatonin caused by caffeine was seen in adults.",
        True,
        {"melatonin": (True, False), "caffeine": (True, False)},
    ),
    "phrase: a word ending in s that is no verb (towards) does not end the phrase": (
        "Adults lacking interest towards the caffeine trial were excluded.",
        False,
        {"caffeine": (True, False)},
    ),
    "phrase: an absence phrase has no word limit, only a finite verb ends it": (
        "Adults without any prior formal clinical diagnosis of ADHD or anxiety were excluded.",
        False,
        {"anxiety": (True, False)},
    ),
}


@pytest.mark.parametrize("rule", list(SCOPE))
def test_scope_rule(rule: str) -> None:
    sentence, negated, mentions = SCOPE[rule]
    found = claim(sentence)
    assert found.negated is negated
    got = {e.text: (e.negated, e.hedged) for e in found.entities}
    assert {text: got.get(text) for text in mentions} == mentions


@pytest.mark.parametrize(
    ("sentence", "scope"),
    [
        # A scope that opens a bracket ends with it, not at the bracket's last word.
        ("Adults were compared without melatonin (a hormone).", "without melatonin (a hormone)"),
        # A coordinator before the verb that ends a scope belongs to what follows.
        ("Children with ADHD lack iron and may sleep poorly.", "lack iron"),
    ],
)
def test_a_scope_ends_on_a_whole_phrase(sentence: str, scope: str) -> None:
    found = assess(sentence)
    assert [sentence[a:b] for a, b in found.negation_scopes] == [scope]


def test_a_join_cue_shares_one_scope_with_the_negation_before_it() -> None:
    text = "neither one ; two nor three"
    tokens = [(0, 7), (8, 11), (14, 17), (18, 21), (22, 27)]
    cues = [((0, 7), Reach("forward", 0)), ((18, 21), Reach("join", 0))]
    whole = (0, len(text))
    apart = resolve_all(cues[:1], tokens, [Boundary(12, 13)], whole, text)
    assert apart == [(0, 11)]  # the clause boundary ends "neither" alone
    joined = resolve_all(cues, tokens, [Boundary(12, 13)], whole, text)
    assert joined == [(0, 27), (0, 27)]


def test_an_opener_ends_only_a_scope_that_reaches_back() -> None:
    text = "one that two three"
    tokens = [(0, 3), (4, 8), (9, 12), (13, 18)]
    opener = [Boundary(4, 8, "opener")]
    assert resolve((9, 12), Reach("both", 0), tokens, opener, (0, 18), text) == (9, 18)
    assert resolve((0, 3), Reach("forward", 0), tokens, opener, (0, 18), text) == (0, 18)


def test_resolve_stops_at_the_word_limit() -> None:
    text = "without one two three four"
    tokens = [(0, 7), (8, 11), (12, 15), (16, 21), (22, 26)]
    assert resolve((0, 7), Reach("forward", 2), tokens, [], (0, len(text)), text) == (0, 15)
    assert resolve((0, 7), Reach("forward", 0), tokens, [], (0, len(text)), text) == (0, 26)
    assert resolve((0, 7), Reach("none", 0), tokens, [], (0, len(text)), text) == (0, 7)


# --- the cue file ------------------------------------------------------------------------


def _cue_file() -> str:
    return files("adhd_corpus.parse").joinpath("data", CUE_FILE).read_text(encoding="utf-8")


def test_cue_file_has_a_versioned_header_that_names_its_columns() -> None:
    lines = _cue_file().splitlines()
    assert lines[0].startswith("# adhd-corpus certainty cue lexicon, version ")
    assert lines[1].startswith("# Columns:")
    assert lines[2].split("\t") == ["literal", "kind", "class", "direction", "max_scope", "forms"]


def test_cue_file_loads_without_a_phrase_listed_twice_with_two_meanings() -> None:
    Lexicons.from_rules(read_rules(_cue_file()))  # PhraseMatcher raises on a conflict


def test_a_malformed_row_names_its_line() -> None:
    text = "# header\nliteral\tkind\tclass\tdirection\tmax_scope\tforms\nmay\thedge\tmodal\n"
    with pytest.raises(ValueError, match=r"certainty.tsv:3: expected 6 columns"):
        read_rules(text)
    bad = "literal\tkind\tclass\tdirection\tmax_scope\tforms\nmay\thedge\tmodal\tsideways\t0\t-\n"
    with pytest.raises(ValueError, match=r"certainty.tsv:2: bad kind, direction or max_scope"):
        read_rules(bad)


def test_verb_rows_list_the_regular_forms() -> None:
    rules = read_rules("h\nsuggest\thedge\tepistemic_verb\tforward\t0\tverb\n")
    assert [r.literal for r in rules] == ["suggest", "suggests", "suggested", "suggesting"]


def test_every_kind_and_class_in_the_cue_file_has_a_named_case() -> None:
    named = " ".join([*STRENGTH, *HEDGES, *NEGATIONS, *SCOPE])
    families = {(r.kind, r.cue_class) for r in read_rules(_cue_file())}
    untested = sorted(
        f"{kind}/{cue_class}"
        for kind, cue_class in families
        if kind in ("relation", "negation", "nonassertive", "pseudo")
        and f"{kind}/{cue_class}" not in named
    )
    assert untested == []


def test_assess_reads_a_span_of_a_longer_text() -> None:
    text = "Intro. Methylphenidate may reduce symptoms."
    found = assess(text, 7, len(text))
    assert found.strength == 2
    assert [(h.start, h.end) for h in found.hedges] == [(23, 26)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Children on stimulants grew more slowly than expected in the first year.",
        "The trial results are expected in June.",
    ],
)
def test_expected_as_a_comparison_or_a_date_is_no_hedge(sentence: str) -> None:
    assert assess_sentence(sentence).claim.hedge_cues == []


def test_expected_as_a_prediction_is_still_a_hedge() -> None:
    assert assess_sentence("Symptoms are expected to improve with treatment.").claim.hedge_cues


def test_the_scope_engine_finds_words_and_boundaries_by_bisection_as_a_pass_would() -> None:
    # The engine bisects sorted token and boundary offsets: each look-up must equal a
    # plain pass over the tokens, at every pair of offsets (token edges and between them).
    from adhd_corpus.parse.scope import _Sentence

    text = "Intro. No rise in X, IL-2 (or IL-4), suggests that it may not; but Y did."
    start = text.index("No")
    tokens = [m.span() for m in re.finditer(r"\w+|[^\w\s]", text)]
    boundaries = [Boundary(19, 20, "comma"), Boundary(36, 37, "comma"), Boundary(61, 62)]
    boundaries += [Boundary(46, 50, "opener"), Boundary(64, 67), Boundary(14, 16, "adjunct")]
    s = _Sentence(text, tokens, boundaries, (start, len(text)))
    inside = [t for t in tokens if t[0] >= start]
    assert s.tokens == inside
    offsets = range(start - 1, len(text) + 2)
    for a in offsets:
        assert s.first_from(a) == next((i for i, t in enumerate(inside) if t[0] >= a), len(inside))
        assert s.count_to(a) == sum(1 for t in inside if t[1] <= a)
        for b in offsets:
            plain = [w for t, w in zip(inside, s.words, strict=True) if a <= t[0] and t[1] <= b]
            assert s.between(a, b) == plain
            crossed = [x for x in s.boundaries if a <= x.start < b]
            assert s.crossed(a, (b - 1, b)) == crossed
    for index, (token_start, _) in enumerate(inside):
        stop = min(
            (x.start for x in s.boundaries if x.start >= token_start and x.kind != "opener"),
            default=len(text),
        )
        plain = [w for t, w in zip(inside, s.words, strict=True) if token_start <= t[0] < stop]
        assert s.segment(index) == plain
