"""The latest release opens in the tools the field uses, with no glue code, and its
standard metadata passes those tools' own validators."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import DIST

import adhd_corpus
from adhd_corpus.layout import TABLE_NAMES
from adhd_corpus.release.metadata import schema_org_page
from adhd_corpus.tables import article_rows

LATEST = json.loads((DIST / "index.json").read_text(encoding="utf-8"))["latest"]
RELEASE = DIST / LATEST
COUNTS: dict[str, int] = json.loads((RELEASE / "manifest.json").read_text(encoding="utf-8"))[
    "counts"
]


def test_frictionless_validates_the_data_package() -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(RELEASE / "datapackage.json"))
    errors = [e.message for task in report.tasks for e in task.errors]
    assert report.valid, errors
    assert {task.name for task in report.tasks} == {
        *TABLE_NAMES,
        "article-records",
        "document-texts",
    }


def test_mlcroissant_validates_and_reads_every_record_set() -> None:
    mlc = pytest.importorskip("mlcroissant")
    dataset = mlc.Dataset(jsonld=str(RELEASE / "croissant.json"))
    assert not dataset.metadata.issues.errors
    for table in ["claims", "people"]:
        assert sum(1 for _ in dataset.records(table)) == COUNTS[table]


def test_croissant_lists_every_data_file_with_its_manifest_hash() -> None:
    croissant = json.loads((RELEASE / "croissant.json").read_text(encoding="utf-8"))
    files = json.loads((RELEASE / "manifest.json").read_text(encoding="utf-8"))["files"]
    for item in croissant["distribution"]:
        assert item["sha256"] == files[item["contentUrl"]]["sha256"]


def test_schema_org_graph_has_every_article_people_and_mesh_codes() -> None:
    graph: list[dict[str, Any]] = json.loads(
        (RELEASE / "schemaorg.jsonld").read_text(encoding="utf-8")
    )["@graph"]
    articles = adhd_corpus.load_articles(LATEST)
    assert [page["identifier"] for page in graph] == [a.id for a in articles]
    for page, article in zip(graph, articles, strict=True):
        assert page["@type"] == "MedicalWebPage"
        assert page["name"] == article.title
        authors = [p.name for p in article.people if p.role == "author"]
        reviewers = [p.name for p in article.people if p.role == "reviewer"]
        assert [p["name"] for p in page["author"]] == authors
        assert [p["name"] for p in page["reviewedBy"]] == reviewers
        mesh = {e.mesh_id for c in article.claims for e in c.entities if e.mesh_id}
        codes = {m["code"]["codeValue"] for m in page["mentions"] if "code" in m}
        assert codes == mesh


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_every_engine_reads_the_manifest_counts(name: str) -> None:
    assert len(adhd_corpus.load_table(name, LATEST)) == COUNTS[name]
    assert adhd_corpus.load_table(name, LATEST, engine="arrow").num_rows == COUNTS[name]
    pytest.importorskip("polars")
    assert adhd_corpus.load_table(name, LATEST, engine="polars").height == COUNTS[name]


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        adhd_corpus.load_table("claims", engine="spark")  # type: ignore[call-overload]


def test_duckdb_reads_the_parquet_files_directly_and_through_sql() -> None:
    duckdb = pytest.importorskip("duckdb")
    path = str(RELEASE / "claims.parquet")
    direct = duckdb.sql(f"SELECT count(*) FROM read_parquet('{path}')").fetchall()
    assert direct == [(COUNTS["claims"],)]
    frame = adhd_corpus.sql(
        "SELECT a.id, count(*) AS n FROM articles a JOIN claims c ON c.article_id = a.id "
        "GROUP BY a.id ORDER BY a.id",
        LATEST,
    )
    assert int(frame["n"].sum()) == COUNTS["claims"]
    assert len(frame) == COUNTS["articles"]


def test_hugging_face_datasets_recipe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    datasets = pytest.importorskip("datasets")
    for name in ["claims", "entities"]:  # one dataset per table: their columns differ
        loaded = datasets.load_dataset(
            "parquet",
            data_files={"train": str(RELEASE / f"{name}.parquet")},
            cache_dir=str(tmp_path / "cache"),
        )
        assert loaded["train"].num_rows == COUNTS[name]
    assert "hedged" in loaded.column_names["train"] or name == "entities"


def test_schema_org_pages_hold_each_person_in_the_property_of_the_role_the_page_names() -> None:
    [article] = adhd_corpus.load_articles(LATEST)[:1]
    rows = article_rows(article)
    base = rows["people"][0]
    detail = ("author", "reviewer", "fact_checker", "editor", None)
    rows["people"] = [
        {**base, "id": f"p{i}", "name": f"Person {i}", "role": coarse, "role_detail": role}
        for i, (coarse, role) in enumerate(
            zip(("author", "reviewer", "reviewer", "reviewer", "reviewer"), detail, strict=True)
        )
    ]
    page = schema_org_page(rows)
    assert [p["name"] for p in page["author"]] == ["Person 0"]
    # A fact checker reviews; schema.org has an editor property; no detail: the coarse role.
    assert [p["name"] for p in page["reviewedBy"]] == ["Person 1", "Person 2", "Person 4"]
    assert [p["name"] for p in page["editor"]] == ["Person 3"]
