"""Certainty figures on the development half and the held-out half of the gold data.

Usage: ``.venv/bin/python benchmarks/certainty_halves.py [--data DIR] [--errors negation|speculation
[--half development|held out]] [--subjects]``.

The certainty rules (``parse/data/certainty.tsv``) were developed against one half of
the public gold data only: the even-indexed rows of ``yu2019-dev.csv`` and the
even-numbered BioScope abstracts (0, 2, 4, ... in file order). This prints each figure
of ``make eval`` that the rules set (claim strength with the claim gate skipped,
hedged sentence, negated sentence, negation per entity mention) for both halves side by
side, so the held-out column shows what the development column does not: how far the
rules carry to sentences they were not tuned on. It also prints negation and speculation
scope per word (every word of a sentence with such a cue, the cue's own words left out),
a larger sample than the few entity mentions, and with ``--errors`` every entity mention
of one half the rules get wrong, with the gold scopes and the rules' scopes (to group
errors into classes; the development half by default). ``--subjects`` prints, per
half, where BioScope starts the scope of "not" after an auxiliary (the subject in or
out of it) by construction, and how often the rules agree. A benchmark, not a test; it
skips a missing file.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable
from functools import partial

from accuracy import metrics
from accuracy.gold import BIOSCOPE, YU, BioSentence, GoldData, read_bioscope, read_yu

from adhd_corpus import annotate
from adhd_corpus.models import Claim
from adhd_corpus.parse.certainty import assess

HALVES = ("development", "held out")


def _half(index: int) -> str:
    return HALVES[index % 2]


def _strength(data: GoldData) -> list[tuple[str, Callable[[str], str]]]:
    path = data.path(YU)
    if path is None:
        print(f"skipped: {data.folder / YU} not found")
        return []
    gold: dict[str, list[int]] = {h: [] for h in HALVES}
    found: dict[str, list[int]] = {h: [] for h in HALVES}
    for index, row in enumerate(read_yu(path)):
        claim = annotate.assess_sentence(row.text).claim
        gold[_half(index)].append(row.strength)
        found[_half(index)].append(claim.strength if claim.strength is not None else -1)
    scores = {h: metrics.per_class(gold[h], found[h], (0, 1, 2, 3)) for h in HALVES}
    rows: list[tuple[str, Callable[[str], str]]] = [
        ("strength macro-F1 (gate skipped)", lambda h: f"{metrics.macro_f1(scores[h]):.3f}")
    ]
    for label, name in enumerate(("none", "correlational", "conditional causal", "direct")):
        rows.append((f"  F1 {label} {name}", partial(_f1, scores, label)))
    return rows


def _f1(scores: dict[str, dict[int, metrics.Scores]], label: int, half: str) -> str:
    return f"{scores[half][label].f1:.3f}"


def _word_spans(sentence: BioSentence) -> Iterable[tuple[int, int]]:
    start = None
    for i, char in enumerate(sentence.text + " "):
        if (char.isalnum() or char == "-") and start is None:
            start = i
        elif not (char.isalnum() or char == "-") and start is not None:
            yield start, i
            start = None


ERROR_TASKS = {"entity": "negation", "hedged entity": "speculation"}


def _error(kind: str, sentence: BioSentence, mention: str, gold: bool) -> str:
    """One wrong mention: what it is, the sentence, the gold scopes and the rules' scopes."""
    text = sentence.text
    found = assess(text)
    if kind == "negation":
        gold_scopes, ours = sentence.negation_scopes, found.negation_scopes
    else:
        gold_scopes, ours = sentence.speculation_scopes, found.hedge_scopes
    return "\n".join(
        [
            f"{'FN' if gold else 'FP'} {kind} [{mention}] {sentence.id}",
            f"  text: {text}",
            f"  gold: {[text[a:b] for a, b in gold_scopes]}",
            f"  ours: {[text[a:b] for a, b in ours]}",
        ]
    )


def _bioscope(
    data: GoldData, errors: str | None = None, errors_half: str = HALVES[0]
) -> list[tuple[str, Callable[[str], str]]]:
    path = data.path(BIOSCOPE)
    if path is None:
        print(f"skipped: {data.folder / BIOSCOPE} not found")
        return []
    documents: dict[str, int] = {}
    tallies: dict[tuple[str, str], list[tuple[bool, bool]]] = {}

    def add(task: str, half: str, gold: bool, found: bool) -> None:
        tallies.setdefault((task, half), []).append((gold, found))

    for key, sentences in read_bioscope(path):
        half = _half(documents.setdefault(key.split("/")[0], len(documents)))
        for sentence in sentences:
            claim: Claim = annotate.assess_sentence(sentence.text).claim
            add("hedged", half, sentence.speculation, claim.hedged)
            add("negated", half, sentence.negation, bool(claim.negations))
            for e in claim.entities:
                for task, scopes, flag in (
                    ("entity", sentence.negation_scopes, bool(e.negated)),
                    ("hedged entity", sentence.speculation_scopes, bool(e.hedged)),
                ):
                    inside = any(s <= e.start and e.end <= t for s, t in scopes)
                    add(task, half, inside, flag)
                    if errors == ERROR_TASKS[task] and half == errors_half and inside != flag:
                        print(_error(errors, sentence, e.text, inside))
            if not (sentence.negation or sentence.speculation):
                continue
            found = assess(sentence.text)  # the scopes behind the entities' flags
            for task, scopes, kind, cues in (
                ("word", sentence.negation_scopes, "negation", found.negations),
                ("hedge word", sentence.speculation_scopes, "speculation", found.hedges),
            ):
                if not getattr(sentence, kind):
                    continue
                spans = [(c.start, c.end) for c in cues]
                for span in _word_spans(sentence):
                    if any(a <= span[0] < b for a, b in spans):
                        continue
                    inside = any(a <= span[0] and span[1] <= b for a, b in scopes)
                    ours = found.is_negated(span) if kind == "negation" else found.is_hedged(span)
                    add(task, half, inside, ours)

    def f1(task: str) -> Callable[[str], str]:
        def cell(half: str) -> str:
            pairs = tallies.get((task, half), [])
            scores = metrics.binary((g for g, _ in pairs), (f for _, f in pairs))
            return f"{scores.f1:.3f} ({scores.tp}/{scores.fp}/{scores.fn})"

        return cell

    return [
        ("hedged sentence F1 (tp/fp/fn)", f1("hedged")),
        ("negated sentence F1", f1("negated")),
        ("negation per entity mention F1", f1("entity")),
        ("negation scope per word F1", f1("word")),
        ("speculation per entity mention F1", f1("hedged entity")),
        ("speculation scope per word F1", f1("hedge word")),
    ]


_BE = frozenset("is are was were be been being am remain remains".split())
_HAVE = frozenset("has have had".split())
_DO = frozenset("do does did".split())
_MODALS = frozenset("may might can could will would should must shall".split())
_SKIPPED = frozenset("yet been be being always only necessarily also".split())
_IRREGULAR = frozenset("known shown found seen made done understood thought held kept".split())
_WORD = re.compile(r"[\w'-]+")


def _construction(text: str, cue: tuple[int, int]) -> str | None:
    """The construction of a "not" after an auxiliary ("be + not + participle"), or None."""
    if text[cue[0] : cue[1]].lower() != "not":
        return None
    before = [w.lower() for w in _WORD.findall(text[: cue[0]]) if not w.endswith("ly")]
    after = [w.lower() for w in _WORD.findall(text[cue[1] :])]
    after = [w for w in after if w not in _SKIPPED and not w.endswith("ly")]
    if not before or not after:
        return None
    auxiliary, word = before[-1], after[0]
    form = "participle" if word.endswith(("ed", "en")) or word in _IRREGULAR else "other"
    if auxiliary in _BE:
        return f"be + not + {form}"
    if auxiliary in _HAVE:
        return "have + not + verb"
    if auxiliary in _DO:
        return "do + not + verb"
    if auxiliary in _MODALS:
        return "modal + not + verb"
    return None


def _takes_subject(text: str, cue: tuple[int, int], scope: tuple[int, int]) -> bool:
    """True when ``scope`` holds a word before the cue other than auxiliaries and adverbs."""
    words = [w.lower() for w in _WORD.findall(text[scope[0] : cue[0]])]
    grammar = _BE | _HAVE | _DO | _MODALS
    return any(w not in grammar and not w.endswith("ly") for w in words)


def _subjects(data: GoldData) -> None:
    """Per half and construction: gold subject in / out, and the rules' agreement."""
    path = data.path(BIOSCOPE)
    if path is None:
        print(f"skipped: {data.folder / BIOSCOPE} not found")
        return
    documents: dict[str, int] = {}
    counts: dict[tuple[str, str], list[int]] = {}  # [gold in, gold out, rules agree]
    for key, sentences in read_bioscope(path):
        half = _half(documents.setdefault(key.split("/")[0], len(documents)))
        for sentence in sentences:
            built = [(c, sc) for c, sc in sentence.negation_cues if _construction(sentence.text, c)]
            if not built:
                continue
            found = assess(sentence.text)
            pairs = zip(found.negations, found.negation_scopes, strict=True)
            ours = {(n.start, n.end): scope for n, scope in pairs}
            for cue, scope in built:
                row = counts.setdefault((str(_construction(sentence.text, cue)), half), [0, 0, 0])
                gold = _takes_subject(sentence.text, cue, scope)
                row[0 if gold else 1] += 1
                mine = cue in ours and _takes_subject(sentence.text, cue, ours[cue])
                row[2] += mine == gold
    print(f"{'scope of not after an auxiliary':<28} {'half':<12} subject in  out  rules agree")
    for (name, half), (inside, outside, agree) in sorted(counts.items()):
        print(f"{name:<28} {half:<12} {inside:>10} {outside:>4} {agree:>7}/{inside + outside}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="the gold folder (default: ../shared/eval)")
    parser.add_argument(
        "--errors",
        choices=sorted(set(ERROR_TASKS.values())),
        help="also print every mention the rules get wrong for this task (BioScope)",
    )
    parser.add_argument(
        "--half", choices=HALVES, default=HALVES[0], help="whose errors --errors prints"
    )
    parser.add_argument(
        "--subjects",
        action="store_true",
        help="print where BioScope starts the scope of 'not' after an auxiliary, by construction",
    )
    args = parser.parse_args(argv)
    data = GoldData.locate(args.data)
    if args.subjects:
        _subjects(data)
        return 0
    rows = _strength(data) + _bioscope(data, args.errors, args.half)
    print(f"{'figure':<36} {HALVES[0]:>22} {HALVES[1]:>22}")
    for name, cell in rows:
        print(f"{name:<36} {cell(HALVES[0]):>22} {cell(HALVES[1]):>22}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
