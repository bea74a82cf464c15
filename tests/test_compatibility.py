"""Releases of the same schema major version load whatever their minor version."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import DIST

from adhd_corpus import iter_articles, load_articles
from adhd_corpus.layout import MANIFEST
from adhd_corpus.manifest import Manifest
from adhd_corpus.release.writer import seal


def test_a_release_of_an_older_minor_schema_loads_with_the_new_fields_null() -> None:
    [article, *_] = load_articles("1.0.0")
    assert article.non_claims is None
    assert all(c.strength is None and c.hedges is None for c in article.claims)
    assert article.claims[0].hedge_cues == []


def test_a_release_of_a_newer_minor_schema_loads_without_its_new_fields(tmp_path: Path) -> None:
    latest = json.loads((DIST / "index.json").read_text(encoding="utf-8"))["latest"]
    future = tmp_path / "future"
    shutil.copytree(DIST / latest, future)
    records = (future / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    grown = []
    for line in records:
        record = json.loads(line)
        record["summary"] = "a field a later minor version added"
        for claim in record["claims"]:
            claim["evidence_level"] = 2
            for entity in claim["entities"]:
                entity["umls_id"] = None
        grown.append(json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n")
    (future / "articles.jsonl").write_text("".join(grown), encoding="utf-8")
    manifest = json.loads((future / MANIFEST).read_text(encoding="utf-8"))
    manifest["schema_version"] = "1.99.0"
    seal(future, Manifest.model_validate(manifest))

    assert load_articles(path=future) == load_articles(latest)
    assert list(iter_articles(path=future)) == load_articles(latest)


@pytest.mark.parametrize("version", ["1.0.0", "1.1.0"])
def test_streaming_and_listing_give_the_same_records(version: str) -> None:
    streamed = list(iter_articles(version))
    assert streamed == load_articles(version)
    assert [a.id for a in streamed] == sorted(a.id for a in streamed)
