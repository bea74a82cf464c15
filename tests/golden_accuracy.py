"""Print how far the parser agrees with the hand-checked golden files, field by field.

Usage: ``.venv/bin/python tests/golden_accuracy.py`` (from the repository root).

Sentences are matched by their exact text. Claim detection counts every golden
sentence; cue, strength and entity figures count the sentences that both the golden
file and the parser call claims. Cues are compared as multisets of surface strings,
entity mentions as multisets of (span text, canonical name) per sentence.
Only articles with a golden file are measured; the others are named, and a golden file
that cannot be read (or whose raw file is gone) is reported and skipped, never a traceback.
Not a test (no ``test_`` prefix): it only reports.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from conftest import RAW, RAW_FILES, parse_file
from test_golden_full import (
    ARTICLE_IDS,
    CLAIM,
    golden_sentences,
    load_golden,
    parser_sentences,
)


@dataclass
class Tally:
    """True positives, false positives and false negatives of one kind of item."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, expected: Iterable[Any], found: Iterable[Any]) -> None:
        want, got = Counter(expected), Counter(found)
        both = sum((want & got).values())
        self.tp += both
        self.fn += sum(want.values()) - both
        self.fp += sum(got.values()) - both

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def line(self, name: str) -> str:
        return (
            f"{name:<34} precision {self.precision:6.1%}  recall {self.recall:6.1%}"
            f"   (tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


def _mentions(entities: list[list[str]]) -> list[tuple[str, str]]:
    return [(text, canonical) for text, canonical, _ in entities]


def _share(part: int, whole: int) -> str:
    return f"{part / whole:6.1%}" if whole else "   n/a"


def main() -> int:
    claims, hedges, boosters, negations, entities = Tally(), Tally(), Tally(), Tally(), Tally()
    reasons_agree = reasons_total = hedged_agree = compared = 0
    confusion: Counter[tuple[int, int]] = Counter()
    sentences = 0
    measured: list[str] = []
    for article_id in ARTICLE_IDS:
        raw = RAW / f"{article_id}.txt"
        if not raw.is_file():
            print(f"skipped {article_id}: golden file without raw/{raw.name}")
            continue
        try:
            _, article = parse_file(raw)
            expected = golden_sentences(load_golden(article_id))
        except Exception as exc:  # a report, not a test: say what is wrong and go on
            print(f"skipped {article_id}: {type(exc).__name__}: {exc}")
            continue
        measured.append(article_id)
        found = parser_sentences(article)
        sentences += len(expected)
        for text, want in expected.items():
            got = found.get(text)
            is_claim = want["classification"] == CLAIM
            found_claim = got is not None and got["classification"] == CLAIM
            claims.add([text] if is_claim else [], [text] if found_claim else [])
            if not is_claim and got is not None and not found_claim:
                reasons_total += 1
                reasons_agree += want["classification"] == got["classification"]
            if not (is_claim and found_claim) or got is None:
                continue
            compared += 1
            hedges.add(want["hedge_cues"], got["hedge_cues"])
            boosters.add(want["boosters"], got["boosters"])
            negations.add(want["negations"], got["negations"])
            entities.add(_mentions(want["entities"]), _mentions(got["entities"]))
            hedged_agree += bool(want["hedge_cues"]) == bool(got["hedge_cues"])
            confusion[want["strength"], got["strength"]] += 1
        claims.add(
            [], [t for t, g in found.items() if t not in expected and g["classification"] == CLAIM]
        )

    unannotated = sorted({p.stem for p in RAW_FILES} - set(ARTICLE_IDS))
    if unannotated:
        print(
            f"not measured ({len(unannotated)} article(s) in raw/ without a golden file): "
            + ", ".join(unannotated)
        )
    print(
        f"Golden agreement over {len(measured)} articles, {sentences} body sentences "
        "(in-sample: the rules were written with these articles in view)"
    )
    print(claims.line("claim detection"))
    print(f"{'non-claim reason agreement':<34} {reasons_agree}/{reasons_total}")
    print(f"-- over the {compared} sentences both call claims --")
    print(hedges.line("hedge cues"))
    print(f"{'hedged (sentence level)':<34} accuracy {_share(hedged_agree, compared)}")
    print(boosters.line("booster cues"))
    print(negations.line("negation cues"))
    correct = sum(n for (want, got), n in confusion.items() if want == got)
    print(f"{'strength':<34} accuracy {_share(correct, compared)}   ({correct}/{compared})")
    print("  confusion (rows golden, columns parser):")
    print("        " + "".join(f"{f'parser {j}':>10}" for j in range(4)))
    for i in range(4):
        print(f"  gold {i}" + "".join(f"{confusion[i, j]:>10}" for j in range(4)))
    print(entities.line("entity mentions (text + canonical)"))
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BrokenPipeError:  # piped into `head`, which stopped reading: not a failure
        sys.stderr.close()
