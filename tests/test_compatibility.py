"""Releases of the same schema major version load whatever their minor version; releases
of an older major load too, and a breaking change between them is named with its migration."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import get_args

import pytest
from conftest import DIST

from adhd_corpus import iter_articles, load_articles
from adhd_corpus.compare import diff_releases, render_changelog
from adhd_corpus.layout import MANIFEST
from adhd_corpus.manifest import Manifest
from adhd_corpus.models import SCHEMA_VERSION, EntityType
from adhd_corpus.release.writer import seal
from adhd_corpus.versioning import bump_refusal


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
    manifest["schema_version"] = f"{SCHEMA_VERSION.split('.')[0]}.99.0"  # same major, newer minor
    seal(future, Manifest.model_validate(manifest))

    assert load_articles(path=future) == load_articles(latest)
    assert list(iter_articles(path=future)) == load_articles(latest)


@pytest.mark.parametrize("version", ["1.0.0", "1.1.0"])
def test_streaming_and_listing_give_the_same_records(version: str) -> None:
    streamed = list(iter_articles(version))
    assert streamed == load_articles(version)
    assert [a.id for a in streamed] == sorted(a.id for a in streamed)


def test_releases_of_an_older_schema_major_still_load() -> None:
    assert int(SCHEMA_VERSION.split(".")[0]) >= 2
    assert load_articles("1.2.0") == list(iter_articles("1.2.0"))


def test_1_2_0_to_2_0_0_breaks_only_by_the_two_new_entity_types_and_the_major_says_so() -> None:
    if not (DIST / "2.0.0").is_dir():
        pytest.skip("dist/2.0.0 not built")
    changes = diff_releases(DIST / "1.2.0", DIST / "2.0.0")
    breaking = [
        (c.path, c.kind, c.detail.partition(":")[0]) for c in changes.schema_changes if c.breaking
    ]
    assert breaking == [
        ("Entity.type", "enum value added", '"anatomy"'),
        ("Entity.type", "enum value added", '"hormone"'),
    ]
    assert {"anatomy", "hormone"} <= set(get_args(EntityType))
    assert bump_refusal("1.2.0", "2.0.0", changes.compatibility) is None
    refusal = bump_refusal("1.2.0", "1.3.0", changes.compatibility)
    assert refusal is not None and "needs a new major version (2.0.0)" in refusal

    changelog = render_changelog(changes)
    assert changelog == (DIST / "2.0.0" / "CHANGELOG.md").read_text(encoding="utf-8")
    migration = changelog.split("### Migrating from 1.2.0\n", 1)[1]
    assert '`Entity.type` may now hold "anatomy", "hormone"' in migration
    assert "Nothing else breaks" in migration
