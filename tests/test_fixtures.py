"""Golden fixtures for pages unlike the four articles: other layouts, encodings and sites.

Each ``fixtures/raw/<name>.txt`` is paired with a hand-written
``fixtures/expected/<name>.json`` holding what a reader sees on the page: title,
sections, people, links, every claim (with its hedges, negation and strength) and
every body sentence that is not a claim (with the reason).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, parse_file

from adhd_corpus.models import Article

CASES = sorted((FIXTURES / "raw").glob("*.txt"))


def expected_for(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (FIXTURES / "expected" / f"{path.stem}.json").read_text(encoding="utf-8")
    )
    return data


@pytest.fixture(scope="module", params=CASES, ids=[p.stem for p in CASES])
def case(request: pytest.FixtureRequest) -> tuple[str, Article, dict[str, Any]]:
    text, article = parse_file(request.param)
    return text, article, expected_for(request.param)


def test_every_fixture_has_an_expectation() -> None:
    assert CASES
    expected = sorted(p.stem for p in (FIXTURES / "expected").glob("*.json"))
    assert expected == [p.stem for p in CASES]


def test_title(case: tuple[str, Article, dict[str, Any]]) -> None:
    _, article, expected = case
    assert article.title == expected["title"]


def test_sections(case: tuple[str, Article, dict[str, Any]]) -> None:
    _, article, expected = case
    found = [[s.heading, len(s.paragraphs)] for s in article.sections]
    assert found == expected["sections"]


def test_people(case: tuple[str, Article, dict[str, Any]]) -> None:
    _, article, expected = case
    found = [p.model_dump(exclude={"bio", "role_detail"}) for p in article.people]
    want = [{k: v for k, v in p.items() if k != "role_detail"} for p in expected["people"]]
    assert found == want
    details = [p.role_detail for p in article.people]
    assert details == [p.get("role_detail", p["role"]) for p in expected["people"]]


def test_links(case: tuple[str, Article, dict[str, Any]]) -> None:
    _, article, expected = case
    found = [{"kind": link.kind, "text": link.text, "url": link.url} for link in article.links]
    assert found == expected["links"]


def test_claims(case: tuple[str, Article, dict[str, Any]]) -> None:
    _, article, expected = case
    found = [
        {
            "text": c.text,
            "hedge_cues": c.hedge_cues,
            "negated": c.negated,
            "strength": c.strength,
        }
        for c in article.claims
    ]
    assert found == expected["claims"]


def test_non_claims(case: tuple[str, Article, dict[str, Any]]) -> None:
    _, article, expected = case
    found = [{"text": s.text, "reason": s.reason} for s in article.non_claims or []]
    assert found == expected["non_claims"]


def test_spans_are_exact(case: tuple[str, Article, dict[str, Any]]) -> None:
    text, article, _ = case
    for claim in article.claims:
        assert text[claim.start : claim.end] == claim.text
        cues = [*(claim.hedges or []), *(claim.boosters or []), *(claim.negations or [])]
        for part in [*claim.entities, *cues]:
            assert text[part.start : part.end] == part.text
            assert claim.start <= part.start <= part.end <= claim.end
    for sentence in article.non_claims or []:
        assert text[sentence.start : sentence.end] == sentence.text


def test_words_that_are_not_entities_stay_unmarked(
    case: tuple[str, Article, dict[str, Any]],
) -> None:
    _, article, expected = case
    marked = {e.text for c in article.claims for e in c.entities}
    assert not marked & set(expected.get("entities_absent", []))


def test_bom_and_crlf_keep_offsets_in_code_points() -> None:
    text, article = parse_file(FIXTURES / "raw" / "site_crlf_bom.txt")
    assert text.startswith("\ufeff") and "\r\n" in text
    first = article.claims[0]
    assert text.index(first.text) == first.start


def test_dropped_lines_keep_their_reason(case: tuple[str, Article, dict[str, Any]]) -> None:
    text, article, expected = case
    if "dropped" not in expected:
        pytest.skip("this fixture lists no dropped lines")
    found = [[d.text, d.reason] for d in article.dropped or []]
    assert found == expected["dropped"]
    for dropped in article.dropped or []:
        assert text[dropped.start : dropped.end] == dropped.text
        assert text.splitlines()[dropped.line - 1].strip() == dropped.text


def test_stance_of_framed_claims(case: tuple[str, Article, dict[str, Any]]) -> None:
    _, article, expected = case
    if "stance" not in expected:
        pytest.skip("this fixture lists no stance")
    framed = [
        {"text": c.text, "asserted": c.asserted, "frame": c.frame}
        for c in article.claims
        if c.frame != "asserted"
    ]
    assert framed == expected["stance"]
    assert all(c.asserted is (c.frame == "asserted") for c in article.claims)


def test_bios_belong_to_their_person(case: tuple[str, Article, dict[str, Any]]) -> None:
    _, article, expected = case
    if "bios" not in expected:
        pytest.skip("this fixture lists no bios")
    assert {p.id: p.bio for p in article.people} == expected["bios"]
    claims = [c.text for c in article.claims]
    for bio in filter(None, expected["bios"].values()):
        assert not any(claim in bio for claim in claims)
