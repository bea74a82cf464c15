"""Full golden comparison: every claim-level field of every body sentence, checked by hand.

``tests/fixtures/golden/<article id>.json`` holds, for an article in ``raw/``, a human
annotator's judgement of every body sentence: whether it is a claim (and if not, why)
and, for claims, the section, hedge cues, booster cues, negation cues, claim strength
(0-3) and entity mentions ``[text, canonical, type]``. Its ``parser_differs`` list names
every place where the parser's current output disagrees with that judgement, with a note.

The test asserts that the parser's disagreements are *exactly* that list: a new
disagreement (a regression, or an annotation to re-check) fails, and so does a listed
disagreement that no longer occurs (a fix: delete the item from ``parser_differs``).
Run ``python tests/golden_accuracy.py`` for the agreement figures. Articles without a
golden file are not checked here; ``python tests/golden_draft.py ID`` drafts one from the
parser's output for a person to correct (see the README).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from conftest import GOLDEN_DIR, RAW, SEED_IDS

from adhd_corpus.models import Article, Claim, Sentence

GOLDEN = GOLDEN_DIR
CLAIM_FIELDS = ("hedge_cues", "boosters", "negations", "strength", "entities")
"""The claim fields compared when the golden file and the parser both call a sentence a claim."""
REASONS = frozenset(
    [
        "call to action",
        "imperative advice",
        "introduces a list",
        "question",
        "not about health, biology, treatment or research",
    ]
)
CLAIM = "claim"
"""The classification of a claim; a non-claim's classification is its reason."""
KEY_LENGTH = 60
"""A disagreement names its sentence by the sentence's first characters."""


def golden_path(article_id: str) -> Path:
    return GOLDEN / f"{article_id}.json"


def load_golden(article_id: str) -> dict[str, Any]:
    """The golden annotation of one article."""
    data: dict[str, Any] = json.loads(golden_path(article_id).read_text(encoding="utf-8"))
    return data


def golden_sentences(golden: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Sentence text -> the annotated fields, claims and non-claims alike."""
    view: dict[str, dict[str, Any]] = {}
    for claim in golden["claims"]:
        view[claim["text"]] = {
            "section": claim["section"],
            "classification": CLAIM,
            **{name: claim[name] for name in CLAIM_FIELDS},
        }
    for sentence in golden["non_claims"]:
        # Non-claims carry no section in the golden files: only their reason is compared.
        view[sentence["text"]] = {"section": None, "classification": sentence["reason"]}
    return view


def _claim_fields(claim: Claim) -> dict[str, Any]:
    assert claim.boosters is not None
    assert claim.negations is not None
    assert claim.strength is not None
    return {
        "hedge_cues": list(claim.hedge_cues),
        "boosters": [cue.text for cue in claim.boosters],
        "negations": [cue.text for cue in claim.negations],
        "strength": claim.strength,
        "entities": [[e.text, e.canonical, e.type] for e in claim.entities],
    }


def parser_sentences(article: Article) -> dict[str, dict[str, Any]]:
    """Sentence text -> the parser's fields, in the same shape as ``golden_sentences``."""
    assert article.non_claims is not None
    items: list[Claim | Sentence] = [*article.claims, *article.non_claims]
    view: dict[str, dict[str, Any]] = {}
    for item in sorted(items, key=lambda item: item.sentence_index):
        if isinstance(item, Claim):
            fields = {"classification": CLAIM, **_claim_fields(item)}
        else:
            fields = {"classification": item.reason}
        view[item.text] = {"section": item.section, **fields}
    return view


def _item(sentence: str, field: str, expected: Any, parser: Any) -> dict[str, Any]:
    return {
        "sentence": sentence[:KEY_LENGTH],
        "field": field,
        "expected": expected,
        "parser": parser,
    }


def disagreements(golden: dict[str, Any], article: Article) -> list[dict[str, Any]]:
    """Every field on which the parser disagrees with the golden annotation, in text order."""
    expected = golden_sentences(golden)
    found = parser_sentences(article)
    items: list[dict[str, Any]] = []
    for text in [*expected, *(t for t in found if t not in expected)]:
        if text not in found:
            items.append(_item(text, "sentence", "present", "missing"))
            continue
        if text not in expected:
            items.append(_item(text, "sentence", "absent", "present"))
            continue
        want, got = expected[text], found[text]
        fields = ["section", "classification"]
        if want["classification"] == CLAIM == got["classification"]:
            fields += CLAIM_FIELDS
        differ = [f for f in fields if want[f] is not None and want[f] != got[f]]
        items += [_item(text, f, want[f], got[f]) for f in differ]
    return items


def _canonical(items: Iterable[dict[str, Any]]) -> list[str]:
    """Disagreements as sorted JSON strings without their notes, for exact comparison."""
    bare = ({k: v for k, v in item.items() if k != "note"} for item in items)
    return sorted(json.dumps(item, sort_keys=True, ensure_ascii=False) for item in bare)


ARTICLE_IDS = SEED_IDS
"""The annotated articles: one golden file each."""


def test_every_golden_file_has_its_raw_file() -> None:
    assert ARTICLE_IDS, "no golden files"
    missing = [i for i in ARTICLE_IDS if not (RAW / f"{i}.txt").is_file()]
    assert missing == [], "golden files without a raw/ file"


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_golden_file_is_well_formed(
    article_id: str, raw_articles: dict[str, tuple[str, Article]]
) -> None:
    golden = load_golden(article_id)
    raw_text, article = raw_articles[article_id]
    assert set(golden) == {"claims", "non_claims", "parser_differs"}
    texts = [c["text"] for c in golden["claims"]] + [s["text"] for s in golden["non_claims"]]
    assert len(set(texts)) == len(texts), "a sentence is annotated twice"
    assert len({t[:KEY_LENGTH] for t in texts}) == len(texts), "two sentences share a key"
    for text in texts:
        assert text in raw_text, f"not in the raw file: {text!r}"
    sections = len(article.sections)
    for claim in golden["claims"]:
        assert set(claim) == {"text", "section", *CLAIM_FIELDS}
        assert 0 <= claim["section"] < sections
        assert claim["strength"] in (0, 1, 2, 3)
        for cue in (*claim["hedge_cues"], *claim["boosters"], *claim["negations"]):
            assert cue in claim["text"]
        for text, canonical, kind in claim["entities"]:
            assert text in claim["text"] and canonical and kind
    for sentence in golden["non_claims"]:
        assert set(sentence) == {"text", "reason"}
        assert sentence["reason"] in REASONS
    for item in golden["parser_differs"]:
        assert set(item) == {"sentence", "field", "expected", "parser", "note"}
        assert item["note"].strip(), "every known disagreement says why"
    listed = _canonical(golden["parser_differs"])
    assert len(set(listed)) == len(listed), "a disagreement is listed twice"


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_parser_disagrees_exactly_where_listed(
    article_id: str, raw_articles: dict[str, tuple[str, Article]]
) -> None:
    golden = load_golden(article_id)
    _, article = raw_articles[article_id]
    actual = _canonical(disagreements(golden, article))
    listed = _canonical(golden["parser_differs"])
    new = [item for item in actual if item not in listed]
    gone = [item for item in listed if item not in actual]
    lines = [f"new (a regression, or re-check the golden value): {item}" for item in new]
    lines += [f"no longer occurs (a fix: remove it from parser_differs): {item}" for item in gone]
    assert not lines, f"{golden_path(article_id).name}:\n" + "\n".join(lines)
