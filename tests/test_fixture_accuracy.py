"""Targets on the realistic fixture pages (in-development data, see docs/fixtures.md).

The recall target of the issue is 90%. Schema 1.x can name no organ outside the nervous
system and no non-protein hormone (prostate, thyroid gland, testosterone, thyroxine):
a new ``EntityType`` value is a breaking schema change (``compare/schema.py``), so those mentions
stay misses until a major version adds the types. RECALL_FLOOR guards what 1.x reaches.
"""

from __future__ import annotations

from fixture_accuracy import entity_pages, tally
from golden_accuracy import Tally

PRECISION_TARGET = 0.95
RECALL_FLOOR = 0.75


def test_entity_precision_and_recall_hold() -> None:
    pages = entity_pages()
    assert len(pages) >= 3
    entities = Tally()
    for path in pages:
        part, _ = tally(path)
        entities.tp += part.tp
        entities.fp += part.fp
        entities.fn += part.fn
    assert entities.precision >= PRECISION_TARGET, entities
    assert entities.recall >= RECALL_FLOOR, entities


def test_tally_counts_multisets() -> None:
    counts = Tally()
    counts.add(["a", "a", "b"], ["a", "c"])
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 2)
    assert counts.precision == 0.5 and counts.recall == 1 / 3
