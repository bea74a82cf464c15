"""The build's flow: every input prepared first, with its article or its problems
explicit; nothing written when a strict build has problems; the changelog written by the
release writer and the release sealed once; the build and its workers never import the
loader."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import DIST, RAW, read_json, seed_earlier_releases

import adhd_corpus
import adhd_corpus.release.writer as writer
from adhd_corpus import engines
from adhd_corpus.build import LOCK_FILE, BuildOptions, build_release, prepare_inputs, shipping
from adhd_corpus.errors import InputError, Problem
from adhd_corpus.manifest import Manifest
from adhd_corpus.prepare import Packed, Prepared, PreparedSpool
from adhd_corpus.sources import raw_inputs
from adhd_corpus.tables import article_rows, record_rows

GOOD = sorted(RAW.glob("*.txt"))
COPIES = 10
"""Copies of each raw article in a watched build: enough that writing takes a while."""


def corpus_with_a_bad_file_last(folder: Path) -> Path:
    """Many good articles, then one that fails to parse: the build finds its problem only
    after every good article is prepared."""
    folder.mkdir()
    for n in range(COPIES):
        for path in GOOD:
            text = path.read_text(encoding="utf-8") + "\n" * (n + 1)
            (folder / f"{path.stem}_{n:02d}.txt").write_text(text, encoding="utf-8")
    (folder / "zzz_no_body.txt").write_text("ADHD and Dopamine\n", encoding="utf-8")
    return folder


@contextmanager
def watching(folder: Path) -> Iterator[set[str]]:
    """Every path that appears under ``folder`` while the block runs, polled as fast as
    the machine allows."""
    seen: set[str] = set()
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            try:
                seen.update(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
            except OSError:  # an entry vanished while it was listed
                continue

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    try:
        yield seen
    finally:
        stop.set()
        thread.join()
        seen.update(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_a_strict_build_with_problems_writes_nothing_at_all(tmp_path: Path) -> None:
    raw = corpus_with_a_bad_file_last(tmp_path / "raw")
    out = tmp_path / "out"
    out.mkdir()
    with watching(out) as seen, pytest.raises(InputError) as failure:
        build_release(raw, out, version="9.0.0")
    assert [p.file for p in failure.value.problems] == [str(raw / "zzz_no_body.txt")]
    assert seen == {LOCK_FILE}  # no temporary folder, no records, no card, ever


def test_keep_going_writes_only_once_every_input_is_prepared(tmp_path: Path) -> None:
    raw = corpus_with_a_bad_file_last(tmp_path / "raw")
    report = build_release(raw, tmp_path / "out", version="9.0.0", keep_going=True)
    assert report.counts["articles"] == COPIES * len(GOOD)
    rejected = read_json(tmp_path / "out" / "9.0.0" / "rejected.json")
    assert [r["file"] for r in rejected] == ["zzz_no_body.txt"]


def test_preparation_yields_one_explicit_outcome_per_input_in_order(tmp_path: Path) -> None:
    raw = corpus_with_a_bad_file_last(tmp_path / "raw")
    inputs, problems = raw_inputs(raw)
    assert problems == []
    outcomes = list(prepare_inputs(inputs, BuildOptions(workers=2)))
    assert len(outcomes) == len(inputs)
    *good, bad = outcomes
    assert all(isinstance(o.result, Packed) for o in good)
    articles = [o.result.unpack() for o in good if isinstance(o.result, Packed)]
    assert [a.source for a in articles] == [i.name for i in inputs[:-1]]
    assert [o.result.source for o in good if isinstance(o.result, Packed)] == [
        i.name for i in inputs[:-1]
    ]
    assert isinstance(bad.result, list)
    assert all(isinstance(p, Problem) for p in bad.result)


def test_the_spool_gives_back_what_it_held_in_order_and_leaves_no_name(tmp_path: Path) -> None:
    items = [
        Prepared(f"a{i}", f"a{i}.txt", "0" * 64, f'{{"id": "a{i}"}}', {}, {"id": f"a{i}"})
        for i in range(5)
    ]
    with PreparedSpool(tmp_path) as spool:
        for item in items:
            spool.add(item)
        assert list(tmp_path.iterdir()) == []
        assert list(spool) == items
        assert list(spool) == items  # and again: the writers may be given it twice


def test_a_packed_article_is_spooled_as_the_article_itself(tmp_path: Path) -> None:
    """Workers send articles pickled (``Packed``) and the spool writes those bytes as they
    are: the writers get back the same articles as if the spool had pickled them."""
    items = [
        Prepared(f"a{i}", f"a{i}.txt", "0" * 64, f'{{"id": "a{i}"}}', {"claims": []}, {})
        for i in range(4)
    ]
    with PreparedSpool(tmp_path) as spool:
        for n, item in enumerate(items):
            packed = Packed.of(item)
            assert (packed.source, packed.sha256, packed.unpack()) == (item.source, "0" * 64, item)
            spool.add(packed if n % 2 else item)
        assert list(spool) == items


@pytest.mark.parametrize("workers", [1, 2])
def test_the_local_engine_keeps_input_order(workers: int) -> None:
    words = [f"w{i}" for i in range(100)]
    assert list(engines.run(str.upper, words, workers=workers)) == [w.upper() for w in words]


def test_the_release_is_sealed_once_with_its_changelog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    seed_earlier_releases(out, "9.0.0")
    seals: list[list[str]] = []
    real = writer.seal

    def counting(folder: Path, manifest: Manifest, **known: Any) -> Manifest:
        sealed = real(folder, manifest, **known)
        seals.append(sorted(sealed.files))
        # The digests the writer passes on (taken for the metadata) are those of the files.
        assert sealed == real(folder, manifest)
        return sealed

    monkeypatch.setattr(writer, "seal", counting)
    report = build_release(RAW, out, version="9.0.0")
    assert len(seals) == 1
    assert "CHANGELOG.md" in seals[0]
    latest = read_json(DIST / "index.json")["latest"]
    changelog = (out / "9.0.0" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.startswith(f"## 9.0.0 (from {latest})\n")
    assert report.manifest is not None
    assert report.manifest.files["CHANGELOG.md"].bytes == len(changelog.encode())


LEAF_CHECK = """
import sys
import {module}
loaded = sorted(m for m in sys.modules if m.startswith("adhd_corpus"))
print("\\n".join(loaded))
"""


@pytest.mark.parametrize("module", ["adhd_corpus.prepare", "adhd_corpus.build", "adhd_corpus.cli"])
def test_the_build_its_workers_and_the_cli_do_not_import_the_loader(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", LEAF_CHECK.format(module=module)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    loaded = result.stdout.split()
    assert module in loaded
    assert "adhd_corpus.loader" not in loaded
    if module == "adhd_corpus.prepare":  # the worker entry: no release writers either
        assert "adhd_corpus.release.writer" not in loaded


def test_the_package_root_still_offers_the_loader() -> None:
    script = (
        "import sys, adhd_corpus\n"
        "before = 'adhd_corpus.loader' in sys.modules\n"
        "from adhd_corpus import load_articles, versions\n"
        "print(before, load_articles.__module__, adhd_corpus.versions is versions)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.split() == ["False", "adhd_corpus.loader", "True"]


def test_inputs_travel_with_their_bytes_only_to_a_scheduler_elsewhere(tmp_path: Path) -> None:
    """A LocalCluster's workers share this file system and read the files themselves; the
    workers of a scheduler given by address get the bytes."""
    raw = corpus_with_a_bad_file_last(tmp_path / "raw")
    item = raw_inputs(raw)[0][0]
    assert shipping(None)(item) is item
    shipped = shipping("tcp://scheduler:8786")(item)
    assert (shipped.name, shipped.path, shipped.data) == (item.name, None, item.payload())
    assert shipped.read() == item.read()


def test_row_groups_converted_in_slices_are_those_converted_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table writer turns rows into Arrow a slice at a time and joins the slices of a
    row group: the Parquet file is byte for byte the one written from every row at once."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from adhd_corpus.tables import arrow_schema

    articles = adhd_corpus.load_articles()
    rows = [row for article in articles for row in article_rows(article)["claims"]]
    monkeypatch.setattr(writer, "ROW_GROUP_ROWS", 10)
    monkeypatch.setattr(writer, "SLICE_ROWS", 3)
    sliced = writer._TableWriter(tmp_path, "claims")
    for n in range(0, len(rows), 7):  # articles of seven rows: slices cross them
        sliced.extend(rows[n : n + 7])
    sliced.close()
    schema = arrow_schema("claims")
    plain = pq.ParquetWriter(
        tmp_path / "plain.parquet", schema, compression="zstd", use_dictionary=True
    )
    for n in range(0, len(rows), 10):
        plain.write_table(pa.Table.from_pylist(rows[n : n + 10], schema=schema))
    plain.close()
    assert len(rows) > 20 and len(rows) % 10
    assert pq.ParquetFile(tmp_path / "claims.parquet").num_row_groups == -(-len(rows) // 10)
    assert (tmp_path / "claims.parquet").read_bytes() == (tmp_path / "plain.parquet").read_bytes()


def test_table_rows_from_the_json_record_are_those_of_the_models() -> None:
    """A build takes the table rows from the record it dumped for the JSON line (JSON
    mode); the values must be those of the models themselves, type for type."""
    for article in adhd_corpus.load_articles():
        from_json = record_rows(article.model_dump(mode="json"), "text")
        from_models = article_rows(article, "text")
        assert from_json == from_models
        assert record_rows(article.model_dump())["documents"] == []
        for table, rows in from_json.items():
            for ours, theirs in zip(rows, from_models[table], strict=True):
                assert {k: type(v) for k, v in ours.items()} == {
                    k: type(v) for k, v in theirs.items()
                }, table
