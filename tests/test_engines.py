"""Every way of running a build gives the same bytes: worker processes, Dask, the cache,
and raw texts handed over as a JSON Lines or Parquet table instead of a folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import RAW, distinct_copy, tree

from adhd_corpus.build import BuildOptions, build_release

VERSION = "7.0.0"
COPIES = 10
ARTICLES = COPIES * len(list(RAW.glob("*.txt")))
"""Articles in the generated corpus: derived from raw/, so added articles change nothing."""


def corpus(folder: Path, copies: int) -> Path:
    """``copies`` distinct variants of each real article."""
    folder.mkdir()
    for path in sorted(RAW.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for n in range(copies):
            variant = distinct_copy(text, n)
            (folder / f"{path.stem}_{n:03d}.txt").write_text(variant, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus(tmp_path_factory.mktemp("engines") / "raw", COPIES)


@pytest.fixture(scope="module")
def serial(raw: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("serial")
    build_release(raw, out, VERSION, options=BuildOptions(workers=1))
    return tree(out / VERSION)


def test_worker_processes_give_the_same_bytes(
    raw: Path, serial: dict[str, bytes], tmp_path: Path
) -> None:
    report = build_release(raw, tmp_path, VERSION, options=BuildOptions(workers=2))
    assert report.counts["articles"] == ARTICLES
    assert tree(tmp_path / VERSION) == serial


def test_dask_local_cluster_gives_the_same_bytes(
    raw: Path, serial: dict[str, bytes], tmp_path: Path
) -> None:
    pytest.importorskip("dask.distributed")
    build_release(raw, tmp_path, VERSION, options=BuildOptions(engine="dask", workers=2))
    assert tree(tmp_path / VERSION) == serial


def test_cache_reuses_unchanged_articles_and_output_is_identical(
    raw: Path, serial: dict[str, bytes], tmp_path: Path
) -> None:
    changed = tmp_path / "raw"
    shutil.copytree(raw, changed)
    cache = tmp_path / "cache"
    first = build_release(changed, tmp_path / "a", VERSION, options=BuildOptions(cache=cache))
    assert (first.prepared, first.cached) == (ARTICLES, 0)
    again = build_release(raw, tmp_path / "b", VERSION, options=BuildOptions(cache=cache))
    assert (again.prepared, again.cached) == (ARTICLES, ARTICLES)
    assert tree(tmp_path / "b" / VERSION) == serial
    one = sorted(changed.iterdir())[7]
    one.write_text(one.read_text(encoding="utf-8") + "\nDopamine matters.\n", encoding="utf-8")
    incremental = build_release(changed, tmp_path / "c", VERSION, options=BuildOptions(cache=cache))
    assert (incremental.prepared, incremental.cached) == (ARTICLES, ARTICLES - 1)
    fresh = build_release(changed, tmp_path / "d", VERSION, options=BuildOptions())
    assert tree(tmp_path / "c" / VERSION) == tree(tmp_path / "d" / VERSION)
    assert fresh.cached == 0


def test_a_corrupt_cache_entry_is_a_miss_not_a_failure(raw: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build_release(raw, tmp_path / "a", VERSION, options=BuildOptions(cache=cache))
    for entry in cache.rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    report = build_release(raw, tmp_path / "b", VERSION, options=BuildOptions(cache=cache))
    assert report.cached == 0


def _rows(raw: Path) -> list[dict[str, str]]:
    return [
        {"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted(raw.glob("*.txt"))
    ]


def test_json_lines_input_gives_the_records_of_the_folder(raw: Path, tmp_path: Path) -> None:
    rows = _rows(raw)
    table = tmp_path / "crawl.jsonl"
    table.write_text("".join(json.dumps(r) + "\n" for r in reversed(rows)), encoding="utf-8")
    build_release(table, tmp_path / "out", VERSION)
    build_release(raw, tmp_path / "ref", VERSION)
    got = (tmp_path / "out" / VERSION / "articles.jsonl").read_text(encoding="utf-8")
    want = (tmp_path / "ref" / VERSION / "articles.jsonl").read_text(encoding="utf-8")
    assert got == want


def test_parquet_input_gives_the_records_of_the_folder(raw: Path, tmp_path: Path) -> None:
    table = tmp_path / "crawl.parquet"
    pq.write_table(pa.Table.from_pylist(_rows(raw)), table)
    build_release(table, tmp_path / "out", VERSION)
    build_release(raw, tmp_path / "ref", VERSION)
    got = (tmp_path / "out" / VERSION / "claims.parquet").read_bytes()
    assert got == (tmp_path / "ref" / VERSION / "claims.parquet").read_bytes()


def test_table_input_problems_name_the_row(tmp_path: Path) -> None:
    from adhd_corpus.errors import InputError

    table = tmp_path / "crawl.jsonl"
    table.write_text(
        '{"id": "a", "text": "Title\\n\\nDopamine matters."}\n'
        '{"id": "../b", "text": "x"}\n'
        "not json\n"
        '{"id": "A", "text": "Other\\n\\nSerotonin too."}\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        build_release(table, tmp_path / "out", VERSION)
    lines = str(caught.value).splitlines()
    assert lines[0] == f"{table}:2: id '../b' cannot be an article id"
    assert lines[1].startswith(f"{table}:3: not a JSON object")
    assert lines[2] == f"{table}:4: id 'A' repeats line 1"
