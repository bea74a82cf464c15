"""Certainty figures on the development half and the held-out half of the gold data.

Usage: ``.venv/bin/python benchmarks/certainty_halves.py [--data DIR]``.

The certainty rules (``parse/data/certainty.tsv``) were developed against one half of
the public gold data only: the even-indexed rows of ``yu2019-dev.csv`` and the
even-numbered BioScope abstracts (0, 2, 4, ... in file order). This prints each figure
of ``make eval`` that the rules set (claim strength with the claim gate skipped,
hedged sentence, negated sentence, negation per entity mention) for both halves side by
side, so the held-out column shows what the development column does not: how far the
rules carry to sentences they were not tuned on. It also prints negation scope per word
(every word of a sentence with a negation cue, the cue's own words left out), a larger
sample than the few entity mentions. A benchmark, not a test; it skips a missing file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable

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
        rows.append((f"  F1 {label} {name}", lambda h, k=label: f"{scores[h][k].f1:.3f}"))
    return rows


def _word_spans(sentence: BioSentence) -> Iterable[tuple[int, int]]:
    start = None
    for i, char in enumerate(sentence.text + " "):
        if (char.isalnum() or char == "-") and start is None:
            start = i
        elif not (char.isalnum() or char == "-") and start is not None:
            yield start, i
            start = None


def _bioscope(data: GoldData) -> list[tuple[str, Callable[[str], str]]]:
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
                inside = any(s <= e.start and e.end <= t for s, t in sentence.negation_scopes)
                add("entity", half, inside, bool(e.negated))
                hedged = any(s <= e.start and e.end <= t for s, t in sentence.speculation_scopes)
                add("hedged entity", half, hedged, bool(e.hedged))
            if not sentence.negation:
                continue
            found = assess(sentence.text)  # the scopes behind the entities' ``negated``
            cues = [(c.start, c.end) for c in found.negations]
            for span in _word_spans(sentence):
                if any(a <= span[0] < b for a, b in cues):
                    continue
                inside = any(a <= span[0] and span[1] <= b for a, b in sentence.negation_scopes)
                add("word", half, inside, found.is_negated(span))

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
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="the gold folder (default: ../shared/eval)")
    args = parser.parse_args(argv)
    data = GoldData.locate(args.data)
    rows = _strength(data) + _bioscope(data)
    print(f"{'figure':<36} {HALVES[0]:>22} {HALVES[1]:>22}")
    for name, cell in rows:
        print(f"{name:<36} {cell(HALVES[0]):>22} {cell(HALVES[1]):>22}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
