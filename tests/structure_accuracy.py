"""Print how well the parser reads page structure on hand-written pages from other sites.

Usage: ``.venv/bin/python tests/structure_accuracy.py [PAGE ...]`` (from the repository
root); PAGE names limit the figures to those pages.

Two sets, in separate columns. *Fixture pages*: every ``tests/fixtures/raw/<name>.txt``
whose expectation lists the lines to drop; they were written before the code that
reads them, but the rules were then developed on them, so they are in-sample.
*Held-out pages*: ``tests/fixtures/heldout/``, written with their expectations after
the rules and never used to change them (no test asserts them); fix a rule on one and
it must move to the fixtures. Each page is compared with its expectation: title,
headings (spurious and missed, as multisets of exact text), people (found with the
right role and credentials), chrome (dropped with the right reason, or leaked into the
title, a heading or the body), bios published as claims, and the stance of each claim.
A file the parser rejects scores nothing. The four seed articles are measured by
``tests/golden_accuracy.py``. Not a test (no ``test_`` prefix): it only reports.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from conftest import FIXTURES, parse_file

from adhd_corpus.errors import ParseError
from adhd_corpus.models import Article

HELDOUT = FIXTURES / "heldout"


def pages(
    folder: Path = FIXTURES, only: list[str] | None = None
) -> list[tuple[Path, dict[str, Any]]]:
    """(raw file, expectation) of every page in ``folder`` that lists its dropped lines."""
    found = []
    for path in sorted((folder / "expected").glob("*.json")):
        expected: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if "dropped" in expected and (not only or path.stem in only):
            found.append((folder / "raw" / f"{path.stem}.txt", expected))
    return found


def measure(article: Article | None, expected: dict[str, Any]) -> Counter[str]:
    """The counts for one page; ``article`` is None when the parser rejected it."""
    tally: Counter[str] = Counter()
    want_headings = Counter(h for h, _ in expected["sections"] if h is not None)
    want_people = {p["id"]: p for p in expected["people"]}
    want_dropped = {text: reason for text, reason in expected["dropped"]}
    want_stance = {s["text"]: (s["asserted"], s["frame"]) for s in expected["stance"]}
    bios = {bio for bio in expected.get("bios", {}).values() if bio}
    tally.update(
        titles=1,
        headings=sum(want_headings.values()),
        people=len(want_people),
        chrome=len(want_dropped),
        framed=len(want_stance),
    )
    if article is None:
        tally.update(missed_headings=sum(want_headings.values()))
        return tally
    tally["titles_right"] += article.title == expected["title"]
    found_headings = Counter(s.heading for s in article.sections if s.heading is not None)
    tally["spurious_headings"] += sum((found_headings - want_headings).values())
    tally["missed_headings"] += sum((want_headings - found_headings).values())
    for person in article.people:
        want = want_people.get(person.id)
        if want is None:
            tally["spurious_people"] += 1
            continue
        tally["people_found"] += 1
        role = (getattr(person, "role_detail", None) or person.role, person.role)
        want_role = (want.get("role_detail", want["role"]), want["role"])
        tally["people_role_right"] += role == want_role
        tally["people_all_right"] += (
            role == want_role
            and person.credentials == want["credentials"]
            and person.honorific == want["honorific"]
        )
    dropped = {d.text: d.reason for d in getattr(article, "dropped", None) or []}
    tally["chrome_dropped_right"] += sum(dropped.get(t) == r for t, r in want_dropped.items())
    body = {p for s in article.sections for p in s.paragraphs}
    body |= {s.heading for s in article.sections if s.heading}
    body.add(article.title)
    claims = {c.text for c in article.claims}
    tally["chrome_leaked"] += sum(
        1 for t in want_dropped if t in body or any(t in c for c in claims)
    )
    tally["bio_claims"] += sum(1 for c in claims if any(c in bio for bio in bios))
    for claim in article.claims:
        stance = (getattr(claim, "asserted", True), getattr(claim, "frame", None))
        if claim.text in want_stance:
            tally["framed_right"] += stance == want_stance[claim.text]
        elif stance[0] is False:
            tally["wrongly_framed"] += 1
    return tally


def tally(chosen: list[tuple[Path, dict[str, Any]]]) -> Counter[str]:
    """The summed counts of some pages; a rejected page is named on stdout."""
    total: Counter[str] = Counter(pages=len(chosen))
    for path, expected in chosen:
        try:
            _, article = parse_file(path)
        except ParseError as error:
            print(f"{path.stem}: rejected: {error}")
            article = None
        total.update(measure(article, expected))
    return total


def rows(total: Counter[str]) -> list[tuple[str, str]]:
    """The report's lines for one set of pages."""
    return [
        ("pages", f"{total['pages']}"),
        ("titles right", f"{total['titles_right']} of {total['titles']}"),
        ("headings expected", f"{total['headings']}"),
        ("spurious headings", f"{total['spurious_headings']}"),
        ("missed headings", f"{total['missed_headings']}"),
        ("people found", f"{total['people_found']} of {total['people']}"),
        ("  with the right role", f"{total['people_role_right']}"),
        ("  with role, honorific and credentials right", f"{total['people_all_right']}"),
        ("spurious people", f"{total['spurious_people']}"),
        (
            "chrome lines dropped with the right reason",
            f"{total['chrome_dropped_right']} of {total['chrome']}",
        ),
        ("chrome lines leaked into title, headings or body", f"{total['chrome_leaked']}"),
        ("bio sentences published as claims", f"{total['bio_claims']}"),
        ("framed claims with the right stance", f"{total['framed_right']} of {total['framed']}"),
        ("own statements wrongly framed", f"{total['wrongly_framed']}"),
    ]


def main() -> None:
    only = sys.argv[1:] or None
    columns = {
        "fixture pages (in-sample)": rows(tally(pages(FIXTURES, only))),
        "held-out pages": rows(tally(pages(HELDOUT, only))),
    }
    labels = [label for label, _ in next(iter(columns.values()))]
    width = max(len(label) for label in labels)
    widths = [max(len(name), 9) for name in columns]
    print(f"{'':<{width}}  " + "  ".join(f"{n:>{w}}" for n, w in zip(columns, widths, strict=True)))
    for index, label in enumerate(labels):
        values = [rows_[index][1] for rows_ in columns.values()]
        print(
            f"{label:<{width}}  "
            + "  ".join(f"{v:>{w}}" for v, w in zip(values, widths, strict=True))
        )


if __name__ == "__main__":
    main()
