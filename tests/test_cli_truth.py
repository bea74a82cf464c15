"""The command line says what happened: exit codes, missing paths, wrong file kinds,
``--debug`` anywhere, aligned columns, table rows by id, and README examples that work."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import DIST, FIXTURES, ROOT

import adhd_corpus
from adhd_corpus.build import build_release
from adhd_corpus.cli import EXIT_PARTIAL, main
from adhd_corpus.errors import ReleaseNotFoundError

LATEST: str = json.loads((DIST / "index.json").read_text(encoding="utf-8"))["latest"]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_keep_going_with_rejected_files_exits_3_as_documented(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(FIXTURES / "raw" / "plain_no_byline.txt", raw)
    (raw / "empty.txt").write_bytes(b"")
    args = ["build", "--raw", str(raw), "--out", str(tmp_path / "out"), "--version", "0.1.0"]
    assert main([*args, "--keep-going"]) == EXIT_PARTIAL == 3
    assert (
        capsys.readouterr().err == f"{raw / 'empty.txt'}: empty: the file has no text (rejected)\n"
    )
    assert "3 `build --keep-going` published a release but rejected some inputs" in README


def test_a_missing_release_folder_is_named_as_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope"
    assert main(["stats", "--path", str(missing)]) == 1
    assert capsys.readouterr().err == f"adhd-corpus: error: {missing}: no such file or folder\n"
    assert main(["verify", str(missing)]) == 1
    assert capsys.readouterr().err == f"{missing}: no such file or folder\n"
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["info", "--path", str(tmp_path / "file")]) == 1
    assert capsys.readouterr().err == (
        f"adhd-corpus: error: {tmp_path / 'file'}: not a folder (a release is a folder)\n"
    )


def test_validate_of_a_file_that_is_not_json_lines_says_so_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    parquet = DIST / LATEST / "claims.parquet"
    assert main(["validate", str(parquet)]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"{parquet}: not a JSON Lines file (its first line is not JSON: ")
    assert line.endswith("); validate takes release folders and .jsonl files")


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_shows_the_traceback_before_or_after_the_command(where: str, tmp_path: Path) -> None:
    command = ["stats", "--path", str(tmp_path / "nope")]
    argv = ["--debug", *command] if where == "before" else [*command, "--debug"]
    with pytest.raises(ReleaseNotFoundError, match="no such file or folder"):
        main(argv)


def test_stats_columns_align_for_ids_of_any_length(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build_release(FIXTURES / "raw", tmp_path, "0.1.0")
    assert main(["stats", "--path", str(tmp_path / "0.1.0")]) == 0
    out = capsys.readouterr().out.splitlines()
    rows = out[out.index("claims per article:") + 1 : out.index("top entities:")]
    assert len({len(row.split()[0]) for row in rows}) > 1, "ids of one length prove nothing"
    assert len({row.index(" claims ") for row in rows}) == 1
    assert len({row.index(" hedged ") for row in rows}) == 1
    entities = out[out.index("top entities:") + 1 :]
    assert len({len(row.split("  ")[1]) for row in entities if row.strip()}) == 1


def test_stats_refuses_a_negative_top(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["stats", "--top", "-1"])
    assert exited.value.code == 2
    err = capsys.readouterr().err.splitlines()[-1]
    assert err == "adhd-corpus stats: error: argument --top: must be 0 or more, not -1"


def test_build_help_says_raw_takes_folders_json_lines_and_parquet(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert (
        "--raw DIR|FILE a folder of .txt files, or a .jsonl or .parquet file of id/text rows"
        in (text)
    )


def test_a_rejected_table_row_is_named_by_its_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crawl = tmp_path / "crawl.jsonl"
    good = (FIXTURES / "raw" / "plain_no_byline.txt").read_text(encoding="utf-8")
    rows = [{"id": "good", "text": good}, {"id": "blank_page", "text": "   "}]
    crawl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    args = ["build", "--raw", str(crawl), "--out", str(out), "--version", "0.1.0", "--keep-going"]
    assert main(args) == EXIT_PARTIAL
    assert capsys.readouterr().err == (
        f"{crawl}:2 (id blank_page): empty: the file has no text (rejected)\n"
    )
    rejected = json.loads((out / "0.1.0" / "rejected.json").read_text(encoding="utf-8"))
    assert rejected == [
        {
            "file": "crawl.jsonl:2 (id blank_page)",
            "line": None,
            "reason": "empty: the file has no text",
        }
    ]


def test_sql_on_an_unknown_table_lists_the_tables() -> None:
    pytest.importorskip("duckdb")
    with pytest.raises(ValueError, match="this release's tables: articles, sections, claims") as e:
        adhd_corpus.sql("SELECT * FROM claimz", LATEST)
    assert str(e.value).endswith("entities, people, links, documents")


def test_readme_duckdb_example_returns_rows() -> None:
    duckdb = pytest.importorskip("duckdb")
    [query] = re.findall(r'^duckdb\.sql\("(.+)"\)$', README, flags=re.M)
    rows = duckdb.sql(query.replace("dist/", f"{DIST}/")).fetchall()
    assert rows, query


def test_readme_install_lines_name_the_extras_the_tools_need() -> None:
    for line in [
        'pip install "adhd-corpus[polars]"',
        'pip install "adhd-corpus[duckdb]"',
        'pip install "adhd-corpus[dask]"',
        '"frictionless[json,parquet]"',
    ]:
        assert line in README, line
