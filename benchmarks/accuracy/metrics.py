"""Precision, recall, F1 and confusion matrices: the few scores the report needs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def brief(self) -> str:
        return (
            f"P {self.precision:.3f} R {self.recall:.3f} (tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


def binary(gold: Iterable[bool], predicted: Iterable[bool]) -> Scores:
    """Scores of the positive class."""
    pairs = Counter(zip(gold, predicted, strict=True))
    return Scores(tp=pairs[True, True], fp=pairs[False, True], fn=pairs[True, False])


def sets(gold: set[int], predicted: set[int]) -> Scores:
    return Scores(tp=len(gold & predicted), fp=len(predicted - gold), fn=len(gold - predicted))


def add(*scores: Scores) -> Scores:
    return Scores(sum(s.tp for s in scores), sum(s.fp for s in scores), sum(s.fn for s in scores))


def per_class(
    gold: Sequence[int], predicted: Sequence[object], labels: Sequence[int]
) -> dict[int, Scores]:
    """One-vs-rest scores per gold label; a prediction outside ``labels`` is wrong for all."""
    return {
        label: binary((g == label for g in gold), (p == label for p in predicted))
        for label in labels
    }


def macro_f1(scores: dict[int, Scores]) -> float:
    return sum(s.f1 for s in scores.values()) / len(scores)


def confusion(gold: Sequence[int], predicted: Sequence[object]) -> Counter[tuple[int, object]]:
    return Counter(zip(gold, predicted, strict=True))
