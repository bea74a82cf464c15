"""Targets on the realistic fixture pages (in-development data, see docs/fixtures.md).

Targets of the issue: entity precision >= 95%, recall >= 90%.
"""

from __future__ import annotations

from fixture_accuracy import entity_pages, tally
from golden_accuracy import Tally

PRECISION_TARGET = 0.95
RECALL_TARGET = 0.90


def test_entity_precision_and_recall_meet_the_targets() -> None:
    pages = entity_pages()
    assert len(pages) >= 3
    entities = Tally()
    for path in pages:
        part, _ = tally(path)
        entities.tp += part.tp
        entities.fp += part.fp
        entities.fn += part.fn
    assert entities.precision >= PRECISION_TARGET, entities
    assert entities.recall >= RECALL_TARGET, entities


def test_tally_counts_multisets() -> None:
    counts = Tally()
    counts.add(["a", "a", "b"], ["a", "c"])
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 2)
    assert counts.precision == 0.5 and counts.recall == 1 / 3
