"""Print how well the parser reads page structure on the hand-written fixture pages.

Usage: ``.venv/bin/python tests/structure_accuracy.py`` (from the repository root).

For every ``tests/fixtures/raw/<name>.txt`` whose expectation lists the lines to
drop (the realistic pages written for titles, chrome, lists, bylines and stance),
compare the parse with ``tests/fixtures/expected/<name>.json``: title, headings
(spurious and missed, as multisets of exact text), people (found with the right role
and credentials), chrome (dropped with the right reason, or leaked into the title, a
heading or the body), bios published as claims, and the stance of each claim. A file
the parser rejects scores nothing. Not a test (no ``test_`` prefix): it only reports.
These pages were written before the code that reads them; the four seed articles are
in-sample and measured by ``tests/golden_accuracy.py`` instead.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from conftest import FIXTURES, parse_file

from adhd_corpus.errors import ParseError
from adhd_corpus.models import Article


def pages() -> list[tuple[str, dict[str, Any]]]:
    """(name, expectation) of every fixture page that lists its dropped lines."""
    found = []
    for path in sorted((FIXTURES / "expected").glob("*.json")):
        expected: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if "dropped" in expected:
            found.append((path.stem, expected))
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


def main() -> None:
    total: Counter[str] = Counter()
    for name, expected in pages():
        try:
            _, article = parse_file(FIXTURES / "raw" / f"{name}.txt")
        except ParseError as error:
            print(f"{name}: rejected: {error}")
            article = None
        total.update(measure(article, expected))
    rows = [
        ("pages", len(pages())),
        ("titles right", f"{total['titles_right']} of {total['titles']}"),
        ("headings expected", total["headings"]),
        ("spurious headings", total["spurious_headings"]),
        ("missed headings", total["missed_headings"]),
        ("people found", f"{total['people_found']} of {total['people']}"),
        ("  with the right role", total["people_role_right"]),
        ("  with role, honorific and credentials right", total["people_all_right"]),
        ("spurious people", total["spurious_people"]),
        (
            "chrome lines dropped with the right reason",
            f"{total['chrome_dropped_right']} of {total['chrome']}",
        ),
        ("chrome lines leaked into title, headings or body", total["chrome_leaked"]),
        ("bio sentences published as claims", total["bio_claims"]),
        ("framed claims with the right stance", f"{total['framed_right']} of {total['framed']}"),
        ("own statements wrongly framed", total["wrongly_framed"]),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
