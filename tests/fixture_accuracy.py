"""Print entity and claim-gate agreement with the hand-written fixture pages.

Usage: ``.venv/bin/python tests/fixture_accuracy.py`` (from the repository root).

The fixture pages in ``tests/fixtures/raw/`` that carry an ``entities`` list in their
expectation were written for the failure classes of real health-advice pages
(hormones, lab tests, cells, defined abbreviations, organisation names, bios,
editorial and news lines), with the expectations written before the code that meets
them. They are in-development data, not a held-out test: the rules were built while
looking at them. Entity mentions are compared as multisets of
``(text, canonical, type)`` over the page's claims; the claim gate by exact sentence
text. Not a test (no ``test_`` prefix): ``test_fixture_accuracy.py`` holds the targets.
"""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, parse_file
from golden_accuracy import Tally
from test_fixtures import expected_for


def entity_pages() -> list[Path]:
    """The fixture pages whose expectation lists their entity mentions."""
    return [
        path
        for path in sorted((FIXTURES / "raw").glob("*.txt"))
        if "entities" in expected_for(path)
    ]


def tally(path: Path) -> tuple[Tally, Tally]:
    """(entities, claims) agreement of the parser with one page's expectation."""
    _, article = parse_file(path)
    expected = expected_for(path)
    entities, claims = Tally(), Tally()
    entities.add(
        (tuple(e) for e in expected["entities"]),
        ((e.text, e.canonical, e.type) for c in article.claims for e in c.entities),
    )
    claims.add((c["text"] for c in expected["claims"]), (c.text for c in article.claims))
    return entities, claims


def main() -> None:
    total_entities, total_claims = Tally(), Tally()
    print(f"{'page':<28} {'entity P':>9} {'entity R':>9} {'claim P':>8} {'claim R':>8}")
    for path in entity_pages():
        entities, claims = tally(path)
        for total, part in ((total_entities, entities), (total_claims, claims)):
            total.tp, total.fp, total.fn = (
                total.tp + part.tp,
                total.fp + part.fp,
                total.fn + part.fn,
            )
        print(
            f"{path.stem:<28} {entities.precision:>9.1%} {entities.recall:>9.1%}"
            f" {claims.precision:>8.1%} {claims.recall:>8.1%}"
        )
    print(
        f"{'all (in-development data)':<28} {total_entities.precision:>9.1%}"
        f" {total_entities.recall:>9.1%} {total_claims.precision:>8.1%}"
        f" {total_claims.recall:>8.1%}"
    )
    tp, fp, fn = total_entities.tp, total_entities.fp, total_entities.fn
    print(f"entities: {tp} agreed, {fp} extra, {fn} missed")


if __name__ == "__main__":
    main()
