"""The loader: versions, pinned and path loads, tables, and refusing damaged releases.

Damaged releases are always copies in pytest's temporary folder; the committed
``dist/`` is only ever read.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import DIST
from pydantic import BaseModel

import adhd_corpus
from adhd_corpus import (
    Article,
    ChecksumError,
    ReleaseNotFoundError,
    SchemaVersionError,
    iter_articles,
    load_articles,
    load_table,
    versions,
)
from adhd_corpus.integrity import verify_release
from adhd_corpus.manifest import FileDigest, Manifest
from adhd_corpus.models import SCHEMA_VERSION
from adhd_corpus.tables import TABLES

ENV = "ADHD_CORPUS_DIST"
INDEX: dict[str, Any] = json.loads((DIST / "index.json").read_text(encoding="utf-8"))
LATEST: str = INDEX["latest"]
COMMITTED = DIST / LATEST
TABLE_NAMES = ["articles", "sections", "claims", "entities", "people", "links", "documents"]


def read_manifest(release: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    return data


def write_manifest(release: Path, manifest: dict[str, Any]) -> None:
    text = json.dumps(manifest, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    (release / "manifest.json").write_text(text, encoding="utf-8")


COUNTS: dict[str, int] = read_manifest(COMMITTED)["counts"]
COMMITTED_IDS = [
    json.loads(line)["id"]
    for line in (COMMITTED / "articles.jsonl").read_text(encoding="utf-8").splitlines()
]


def copy_release(root: Path, version: str | None = None) -> Path:
    """A copy of the latest committed release as ``root/<version>``, consistent with its name."""
    target = root / (version or LATEST)
    shutil.copytree(COMMITTED, target)
    if version is not None and version != LATEST:
        manifest = read_manifest(target)
        manifest["version"] = version  # the manifest does not list itself: checksums hold
        write_manifest(target, manifest)
    return target


def named(problems: list[str]) -> set[str]:
    """The file each problem line starts with."""
    return {p.split(":")[0].split(" ")[0] for p in problems}


@pytest.fixture(autouse=True)
def _checkout_releases(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unless a test says otherwise, the loader reads the checkout's dist/."""
    monkeypatch.delenv(ENV, raising=False)


# --- finding releases -------------------------------------------------------------------


def test_versions_lists_the_committed_releases_oldest_first() -> None:
    found = versions()
    assert "1.0.0" in found
    assert found == [entry["version"] for entry in INDEX["releases"]]


def test_load_articles_returns_the_latest_release() -> None:
    articles = load_articles()
    assert len(articles) == COUNTS["articles"]
    assert all(isinstance(a, Article) for a in articles)
    lines = (COMMITTED / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert [a.id for a in articles] == [json.loads(line)["id"] for line in lines]


def test_load_articles_pinned_version() -> None:
    articles = load_articles("1.0.0")
    assert len(articles) == read_manifest(DIST / "1.0.0")["counts"]["articles"]
    assert articles[0].id == "000_9c6493e6ec028e08"
    assert articles[0].claims, "the first article has claims"


def test_load_articles_from_a_path_to_a_copy(tmp_path: Path) -> None:
    copy = copy_release(tmp_path / "elsewhere")
    by_path = load_articles(path=copy)
    assert by_path == load_articles(LATEST)
    assert load_articles(path=str(copy)) == by_path


def test_a_folder_without_manifest_is_not_a_release(tmp_path: Path) -> None:
    with pytest.raises(ReleaseNotFoundError, match="not a release folder"):
        load_articles(path=tmp_path)


def test_missing_version_lists_the_available_ones() -> None:
    with pytest.raises(ReleaseNotFoundError) as caught:
        load_articles("9.9.9")
    message = str(caught.value)
    assert "'9.9.9'" in message
    for version in versions():
        assert version in message


def test_missing_version_never_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "releases"
    copy_release(root, "1.0.0")
    copy_release(root, "1.2.0")
    monkeypatch.setenv(ENV, str(root))
    with pytest.raises(ReleaseNotFoundError) as caught:
        load_articles("1.1.0")
    assert str(caught.value) == "release '1.1.0' not found; available: 1.0.0, 1.2.0"
    with pytest.raises(ReleaseNotFoundError, match=re.escape("available: 1.0.0, 1.2.0")):
        load_table("claims", "1.1.0")


# --- tables -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_load_table_returns_every_row(name: str) -> None:
    frame = load_table(name)
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == COUNTS[name]
    assert list(frame.columns) == [c.name for c in TABLES[name]]


def test_load_table_claims_has_the_contract_columns() -> None:
    frame = load_table("claims", LATEST)
    assert {"article_id", "text", "start", "end", "hedged"} <= set(frame.columns)
    assert frame["hedged"].dtype == bool


def test_load_table_unknown_name_raises_value_error() -> None:
    with pytest.raises(ValueError, match="unknown table 'claim'"):
        load_table("claim")


# --- refusing damaged releases -------------------------------------------------------------


def _change_one_byte(release: Path) -> None:
    path = release / "articles.jsonl"
    data = bytearray(path.read_bytes())
    at = data.index(b"dopamine")
    data[at] = ord("D")
    path.write_bytes(bytes(data))


def _delete_claims_table(release: Path) -> None:
    (release / "claims.parquet").unlink()


def _add_a_file(release: Path) -> None:
    (release / "notes.txt").write_text("hello\n", encoding="utf-8")


def _add_a_file_in_a_subfolder(release: Path) -> None:
    (release / "extra").mkdir()
    shutil.copyfile(release / "claims.parquet", release / "extra" / "claims.parquet")


def _edit_a_listed_hash(release: Path) -> None:
    manifest = read_manifest(release)
    manifest["files"]["articles.parquet"]["sha256"] = "0" * 64
    write_manifest(release, manifest)


def _drop_a_listed_file(release: Path) -> None:
    manifest = read_manifest(release)
    del manifest["files"]["links.parquet"]
    write_manifest(release, manifest)


def _edit_the_counts(release: Path) -> None:
    manifest = read_manifest(release)
    manifest["counts"]["claims"] += 1
    write_manifest(release, manifest)


def _truncate_the_manifest(release: Path) -> None:
    path = release / "manifest.json"
    path.write_bytes(path.read_bytes()[:100])


LOADERS: dict[str, Callable[[Path], object]] = {
    "load_articles": lambda path: load_articles(path=path),
    "iter_articles": lambda path: list(iter_articles(path=path)),
    "load_table": lambda path: load_table("claims", path=path),
    "load_table articles": lambda path: load_table("articles", path=path),
}
EVERY_LOAD = frozenset(LOADERS)

# Damage, the file it names, and the loads that catch it. A load hashes only the file it
# reads; the manifest, missing and unlisted files are checked by every load (no hashing).
DAMAGE: dict[str, tuple[Callable[[Path], None], str, frozenset[str]]] = {
    "one changed byte": (
        _change_one_byte,
        "articles.jsonl",
        frozenset({"load_articles", "iter_articles"}),
    ),
    "missing file": (_delete_claims_table, "claims.parquet", EVERY_LOAD),
    "extra file": (_add_a_file, "notes.txt", EVERY_LOAD),
    "extra file in a subfolder": (_add_a_file_in_a_subfolder, "extra/claims.parquet", EVERY_LOAD),
    "manifest hash edited": (
        _edit_a_listed_hash,
        "articles.parquet",
        frozenset({"load_table articles"}),
    ),
    "manifest entry dropped": (_drop_a_listed_file, "links.parquet", EVERY_LOAD),
    "manifest counts edited": (_edit_the_counts, "manifest.json", frozenset({"load_table"})),
    "manifest not JSON": (_truncate_the_manifest, "manifest.json", EVERY_LOAD),
}


@pytest.mark.parametrize("loader", list(LOADERS))
@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damage_is_caught_by_every_load_that_reads_the_damaged_file(
    tmp_path: Path, damage: str, loader: str
) -> None:
    copy = copy_release(tmp_path / "copy")
    damage_it, culprit, caught_by = DAMAGE[damage]
    damage_it(copy)

    if loader not in caught_by:
        LOADERS[loader](copy)  # this load does not read the damaged file
        return
    with pytest.raises(ChecksumError) as caught:
        LOADERS[loader](copy)

    assert culprit in named(caught.value.problems), caught.value.problems
    assert str(copy) in str(caught.value)


def test_damage_to_a_file_not_read_is_caught_when_it_is_read(tmp_path: Path) -> None:
    copy = copy_release(tmp_path / "copy")
    _change_one_byte(copy)
    assert len(load_table("claims", path=copy)) == COUNTS["claims"]  # claims.parquet is intact
    for load in (load_articles, lambda path: next(iter_articles(path=path))):
        with pytest.raises(ChecksumError) as caught:
            load(path=copy)
        assert named(caught.value.problems) == {"articles.jsonl"}


@pytest.mark.parametrize("loader", ["load_articles", "iter_articles", "load_table"])
def test_a_file_changed_after_a_good_load_is_caught_by_the_next(
    tmp_path: Path, loader: str
) -> None:
    copy = copy_release(tmp_path / "copy")
    LOADERS[loader](copy)
    LOADERS[loader](copy)  # verified once; unchanged files are not hashed again
    if loader == "load_table":
        path = copy / "claims.parquet"
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))
        culprit = "claims.parquet"
    else:
        _change_one_byte(copy)
        culprit = "articles.jsonl"
    with pytest.raises(ChecksumError) as caught:
        LOADERS[loader](copy)
    assert named(caught.value.problems) == {culprit}


def test_iter_articles_checks_the_file_before_the_first_record(tmp_path: Path) -> None:
    copy = copy_release(tmp_path / "copy")
    _change_one_byte(copy)
    records = iter_articles(path=copy)
    with pytest.raises(ChecksumError):
        next(records)


def test_iter_articles_catches_a_file_changed_while_it_streams(tmp_path: Path) -> None:
    copy = copy_release(tmp_path / "copy")
    records = iter_articles(path=copy)
    first = next(records)
    path = copy / "articles.jsonl"
    data = bytearray(path.read_bytes())
    at = data.rindex(b"dopamine")  # in the last record, well past what was read so far
    data[at] = ord("D")
    path.write_bytes(bytes(data))
    with pytest.raises(ChecksumError) as caught:
        list(records)
    assert first.id == COMMITTED_IDS[0]
    assert "changed while it was read" in str(caught.value)


def test_an_undamaged_copy_passes_the_same_checks(tmp_path: Path) -> None:
    copy = copy_release(tmp_path / "copy")
    for loader in LOADERS.values():
        loader(copy)


def test_edited_manifest_beside_an_index_is_caught(tmp_path: Path) -> None:
    root = tmp_path / "releases"
    copy = copy_release(root)
    shutil.copyfile(DIST / "index.json", root / "index.json")
    manifest = read_manifest(copy)
    manifest["generator"] = "someone else 9.9"
    write_manifest(copy, manifest)
    with pytest.raises(ChecksumError) as caught:
        load_articles(path=copy)
    assert named(caught.value.problems) == {"manifest.json"}


# --- schema versions -------------------------------------------------------------------------


def _with_schema_version(release: Path, schema_version: str) -> None:
    """Rewrite a release as if built with another schema version, checksums consistent."""
    schema_path = release / "article.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["x-schema-version"] = schema_version
    schema["$id"] = f"urn:adhd-corpus:schema:article:{schema_version}"
    schema_path.write_text(
        json.dumps(schema, sort_keys=True, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    data = schema_path.read_bytes()
    manifest = read_manifest(release)
    manifest["schema_version"] = schema_version
    manifest["files"]["article.schema.json"] = {
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    write_manifest(release, manifest)
    verify_release(release)  # the copy is consistent: only the schema version is news


def _next_major() -> str:
    return f"{int(SCHEMA_VERSION.split('.')[0]) + 1}.0.0"


@pytest.mark.parametrize("loader", list(LOADERS))
def test_newer_schema_major_raises_schema_version_error(tmp_path: Path, loader: str) -> None:
    copy = copy_release(tmp_path / "copy")
    _with_schema_version(copy, _next_major())
    with pytest.raises(SchemaVersionError) as caught:
        LOADERS[loader](copy)
    assert _next_major() in str(caught.value)
    assert str(copy) in str(caught.value)


def test_newer_schema_minor_still_loads(tmp_path: Path) -> None:
    major = SCHEMA_VERSION.split(".")[0]
    copy = copy_release(tmp_path / "copy")
    _with_schema_version(copy, f"{major}.99.0")
    assert len(load_articles(path=copy)) == COUNTS["articles"]


# --- ADHD_CORPUS_DIST ----------------------------------------------------------------------------


def test_env_var_points_the_loader_at_another_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "releases"
    for version in ["1.10.0", "1.2.0", "1.0.0-rc.1", "1.0.0"]:
        copy_release(root, version)
    (root / "notes").mkdir()
    (root / "2.0.0").mkdir()  # no manifest: not a release
    monkeypatch.setenv(ENV, str(root))

    assert versions() == ["1.0.0-rc.1", "1.0.0", "1.2.0", "1.10.0"]
    assert len(load_articles("1.2.0")) == COUNTS["articles"]
    assert len(load_table("people")) == COUNTS["people"]

    # The default is the latest of *this* root: damage it and the default load fails.
    _add_a_file(root / "1.10.0")
    with pytest.raises(ChecksumError) as caught:
        load_articles()
    assert caught.value.release == str(root / "1.10.0")


def test_env_var_with_no_releases_finds_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, str(tmp_path))
    assert versions() == []
    with pytest.raises(ReleaseNotFoundError, match=re.escape(str(tmp_path))):
        load_articles()


def test_public_api_is_exported() -> None:
    for name in ["load_articles", "load_table", "versions", "Article", "ChecksumError"]:
        assert name in adhd_corpus.__all__


def test_a_load_hashes_only_the_file_it_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import adhd_corpus.loader as loader
    from adhd_corpus.integrity import bytes_digest

    copy = copy_release(tmp_path / "copy")
    hashed: list[int] = []
    real = bytes_digest

    def counting(data: bytes) -> FileDigest:
        hashed.append(len(data))
        return real(data)

    monkeypatch.setattr(loader, "bytes_digest", counting)
    monkeypatch.setattr(loader, "file_digest", lambda path: pytest.fail(f"hashed {path}"))
    load_table("claims", path=copy)
    assert hashed == [(copy / "claims.parquet").stat().st_size]
    load_table("claims", path=copy)
    assert len(hashed) == 1  # unchanged since: not hashed again


@pytest.mark.parametrize("loader", ["load_articles", "iter_articles"])
def test_a_record_this_package_cannot_read_is_named_by_line(tmp_path: Path, loader: str) -> None:
    from adhd_corpus.errors import RecordError
    from adhd_corpus.release.writer import seal

    copy = copy_release(tmp_path / "copy")
    path = copy / "articles.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    record = json.loads(lines[1])
    record["claims"][0]["start"] = -1
    lines[1] = json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    seal(
        copy, Manifest.model_validate(read_manifest(copy))
    )  # the checksums hold: only the record is wrong

    with pytest.raises(RecordError) as caught:
        LOADERS[loader](copy)
    assert f"{path}:2: claims.0.start: " in str(caught.value)


def test_loaded_records_share_their_field_sets_and_still_copy_and_compare() -> None:
    # load_articles() gives the records of one type one set of field names (memory);
    # each record's fields, equality and model_copy must be as if each had its own.
    articles = adhd_corpus.load_articles()
    streamed = list(adhd_corpus.iter_articles())
    assert articles == streamed
    claims = [c for a in articles for c in a.claims]
    assert claims[0].model_fields_set is claims[1].model_fields_set
    assert all(c.model_fields_set == set(type(c).model_fields) for c in claims)
    changed = claims[0].model_copy(update={"text": "x"})
    assert changed.text == "x" and claims[1].model_fields_set == set(type(claims[1]).model_fields)
    older = adhd_corpus.load_articles("1.0.0")  # schema 1.0.0: newer fields were not given
    assert "hedges" not in older[0].claims[0].model_fields_set


def test_every_record_type_in_a_loaded_article_shares_its_field_set() -> None:
    # The sharing pass gathers the records field by field: a record type it misses
    # (a nested field added later) would keep a set of its own per record.
    sets: dict[type[BaseModel], set[int]] = {}

    def walk(value: object) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, BaseModel):
            sets.setdefault(type(value), set()).add(id(value.model_fields_set))
            for field in type(value).model_fields:
                walk(getattr(value, field))

    walk(adhd_corpus.load_articles())
    assert len(sets) >= 10  # every record type of the latest release
    assert {kind.__name__: len(ids) for kind, ids in sets.items()} == {
        kind.__name__: 1 for kind in sets
    }


def test_damage_is_named_before_a_record_it_made_unreadable(tmp_path: Path) -> None:
    # load_articles validates lines as it hashes them: a damaged file whose damage also
    # breaks a record must still be a ChecksumError naming the file, as when the whole
    # file was checked first.
    copy = copy_release(tmp_path / "copy")
    path = copy / "articles.jsonl"
    lines = path.read_bytes().splitlines(keepends=True)
    lines[1] = lines[1][: len(lines[1]) // 2] + b"\n"  # not the record it was, not JSON
    path.write_bytes(b"".join(lines))
    with pytest.raises(ChecksumError) as caught:
        load_articles(path=copy)
    assert named(caught.value.problems) == {"articles.jsonl"}


def test_a_load_parses_the_manifest_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import adhd_corpus.integrity as integrity
    import adhd_corpus.loader as loader
    from adhd_corpus.manifest import read_manifest as real

    copy = copy_release(tmp_path / "copy")
    reads: list[Path] = []

    def counting(release: Path) -> Manifest:
        reads.append(release)
        return real(release)

    monkeypatch.setattr(loader, "read_manifest", counting)
    monkeypatch.setattr(integrity, "read_manifest", counting)
    load_table("claims", path=copy)
    assert len(reads) == 1
    load_articles(path=copy)
    assert len(reads) == 2
    load_table("claims", path=copy)  # verified and unchanged since: not read again
    load_articles(path=copy)
    assert len(reads) == 2


def test_loaded_records_skip_the_young_collections() -> None:
    # A large load is millions of objects, none of them garbage: they go straight to the
    # oldest generation instead of being scanned by the next young collection.
    import gc

    articles = load_articles()
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert id(articles[0]) in oldest and id(articles[-1].claims[0]) in oldest
    gc.freeze()  # a caller's own freeze is never undone by a load
    try:
        frozen = gc.get_freeze_count()
        load_articles()
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()
