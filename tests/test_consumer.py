"""A downstream app's view of the latest release: only JSON, jsonschema and pyarrow.

Nothing here imports adhd_corpus: these checks read the published files the way
an app without our package would, so they catch anything that only works through
our own loader.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
RAW_DIR = ROOT / "raw"
DIST_DIR = ROOT / "dist"
TABLES = ["articles", "sections", "claims", "entities", "people", "links"]


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


LATEST: str = _json(DIST_DIR / "index.json")["latest"]
RELEASE = DIST_DIR / LATEST


@cache
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = _json(RELEASE / "manifest.json")
    return data


@cache
def records() -> list[dict[str, Any]]:
    text = (RELEASE / "articles.jsonl").read_bytes().decode("utf-8")
    return [json.loads(line) for line in text.splitlines()]


@cache
def raw_text(name: str) -> str:
    # Decoded exactly as the contract says: UTF-8, no newline translation, BOM kept.
    return (RAW_DIR / name).read_bytes().decode("utf-8")


def test_index_latest_is_a_release_folder() -> None:
    assert (RELEASE / "manifest.json").is_file()
    assert manifest()["version"] == LATEST


def test_release_schema_is_a_draft_2020_12_schema() -> None:
    schema = _json(RELEASE / "article.schema.json")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_every_record_validates_against_the_release_schema() -> None:
    validator = Draft202012Validator(
        _json(RELEASE / "article.schema.json"),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    errors = [
        f"articles.jsonl:{number}: {error.json_path}: {error.message}"
        for number, record in enumerate(records(), start=1)
        for error in validator.iter_errors(record)
    ]
    assert errors == []


def test_records_file_is_one_utf8_record_per_line() -> None:
    data = (RELEASE / "articles.jsonl").read_bytes()
    assert data.endswith(b"\n")
    lines = data.decode("utf-8").split("\n")[:-1]
    assert all(line.strip() for line in lines), "blank line in articles.jsonl"
    assert len(lines) == manifest()["counts"]["articles"]


def test_manifest_checksums_can_be_checked_with_hashlib() -> None:
    files = manifest()["files"]
    on_disk = sorted(
        p.relative_to(RELEASE).as_posix()
        for p in RELEASE.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    )
    assert sorted(files) == on_disk
    for name, entry in files.items():
        data = (RELEASE / name).read_bytes()
        assert entry == {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}, name


@pytest.mark.parametrize("table", TABLES)
def test_table_reads_with_pyarrow_and_has_the_manifest_row_count(table: str) -> None:
    read = pq.read_table(RELEASE / f"{table}.parquet")
    assert read.num_rows == manifest()["counts"][table]
    if table != "articles":
        assert "article_id" in read.column_names
        ids = {r["id"] for r in records()}
        assert set(read.column("article_id").to_pylist()) <= ids


def test_record_sources_are_the_raw_files() -> None:
    for record in records():
        data = (RAW_DIR / record["source"]["path"]).read_bytes()
        assert record["source"]["sha256"] == hashlib.sha256(data).hexdigest()
        assert record["source"]["bytes"] == len(data)
        assert record["id"] == record["source"]["path"].removesuffix(".txt")


def test_every_claim_text_is_its_raw_slice() -> None:
    checked = 0
    for record in records():
        text = raw_text(record["source"]["path"])
        for claim in record["claims"]:
            assert text[claim["start"] : claim["end"]] == claim["text"], claim["id"]
            for entity in claim["entities"]:
                assert text[entity["start"] : entity["end"]] == entity["text"], claim["id"]
                assert claim["start"] <= entity["start"] < entity["end"] <= claim["end"]
            checked += 1
    assert checked == manifest()["counts"]["claims"]


def test_every_claims_table_row_is_its_raw_slice() -> None:
    paths = {r["id"]: r["source"]["path"] for r in records()}
    rows = pq.read_table(
        RELEASE / "claims.parquet", columns=["article_id", "text", "start", "end", "hedged"]
    ).to_pylist()
    assert rows, "claims.parquet is empty"
    for row in rows:
        text = raw_text(paths[row["article_id"]])
        assert text[row["start"] : row["end"]] == row["text"]
        assert isinstance(row["hedged"], bool)


def test_claims_table_agrees_with_the_records() -> None:
    from_records = sorted(
        (r["id"], c["start"], c["end"], c["text"], c["hedged"])
        for r in records()
        for c in r["claims"]
    )
    from_table = sorted(
        (row["article_id"], row["start"], row["end"], row["text"], row["hedged"])
        for row in pq.read_table(RELEASE / "claims.parquet").to_pylist()
    )
    assert from_table == from_records
