"""Hostile use, round two: nothing outside a release is touched, nothing unverified is
published, and no failure ends in a traceback.

Each test pins one case of docs/reliability.md's "Hostile use" tables: what the user
does, what they see, and what stays true (earlier releases and the index unchanged,
nothing left behind). Everything is built in pytest's temporary folders.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import DIST, RAW, forked_children, run_cli, tree

from adhd_corpus import ChecksumError, ReleaseNotFoundError, SchemaVersionError, load_articles
from adhd_corpus.build import LOCK_FILE, TMP_PREFIX, BuildOptions, build_release
from adhd_corpus.cli import main
from adhd_corpus.errors import CorpusError, InputError, ReleaseIndexError
from adhd_corpus.integrity import verify_release
from adhd_corpus.prepare import PreparedCache, code_fingerprint
from adhd_corpus.semver import is_version, latest

EARLIER = ["1.0.0", "1.1.0"]
NEW = "9.0.0"
GOOD = sorted(RAW.glob("*.txt"))


def dist_copy(out: Path) -> Path:
    """``out`` holding copies of the committed releases and their index."""
    out.mkdir(parents=True)
    for version in EARLIER:
        shutil.copytree(DIST / version, out / version)
    index = json.loads((DIST / "index.json").read_text(encoding="utf-8"))
    index["releases"] = [e for e in index["releases"] if e["version"] in EARLIER]
    index["latest"] = EARLIER[-1]
    text = json.dumps(index, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    (out / "index.json").write_text(text, encoding="utf-8")
    return out


def one_line_error(result: subprocess.CompletedProcess[str], code: int = 1) -> str:
    """The single stderr line of a failed command, after checking there is no traceback."""
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def reseal(release: Path, name: str, data: bytes) -> None:
    """Replace a file and make the manifest agree, as a careful forger would."""
    (release / name).write_bytes(data)
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"][name] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    (release / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


# --- 1. a build deletes only what it made ---------------------------------------------------


def test_a_failing_build_leaves_look_alike_temporary_files_alone(tmp_path: Path) -> None:
    out = dist_copy(tmp_path / "out")
    (out / ".index.json.1.tmp").write_text("my notes\n", encoding="utf-8")
    (out / f"{TMP_PREFIX}photos").mkdir()
    (out / f"{TMP_PREFIX}photos" / "a.jpg").write_bytes(b"\xff\xd8")
    empty = tmp_path / "empty"
    empty.mkdir()
    before = tree(out)

    with pytest.raises(InputError):
        build_release(empty, out, version=NEW)

    assert tree(out) == before


# --- 2. --out or --cache inside a release or inside --raw -------------------------------------


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("out-in-release", "--out is inside the release"),
        ("out-in-raw", "--out is inside the raw folder"),
        ("cache-in-release", "--cache is inside the release"),
        ("cache-in-unlisted-release", "--cache is inside the release"),
        ("cache-in-raw", "--cache is inside the raw folder"),
    ],
)
def test_out_or_cache_inside_a_release_or_raw_is_refused_up_front(
    tmp_path: Path, where: str, message: str
) -> None:
    dist = dist_copy(tmp_path / "dist")
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    out, cache = dist, None
    if where == "out-in-release":
        out = dist / "1.0.0" / "sub"
    elif where == "out-in-raw":
        out = raw / "dist"
    elif where == "cache-in-release":
        cache = dist / "1.1.0" / "cache"
    elif where == "cache-in-unlisted-release":
        cache = dist / NEW / "cache"  # the release this very build would publish
    else:
        cache = raw / ".cache"
    before, raw_before = tree(dist), tree(raw)

    with pytest.raises(CorpusError, match=message):
        build_release(raw, out, version=NEW, options=BuildOptions(cache=cache))

    assert tree(dist) == before
    assert tree(raw) == raw_before
    assert not (dist / "1.0.0" / LOCK_FILE).exists()
    for version in EARLIER:
        verify_release(dist / version)


@pytest.mark.parametrize("option", ["--out", "--raw", "--cache"])
def test_an_empty_path_option_is_a_usage_error(
    tmp_path: Path, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["build", "--version", NEW, option, ""])
    assert stopped.value.code == 2
    assert f"{option} is empty" in capsys.readouterr().err


# --- 3. an empty table file ---------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_an_empty_table_file_is_refused_like_an_empty_folder(tmp_path: Path, suffix: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = tmp_path / f"crawl{suffix}"
    if suffix == ".jsonl":
        table.write_bytes(b"")
    else:
        pq.write_table(
            pa.table({"id": pa.array([], pa.string()), "text": pa.array([], pa.string())}), table
        )
    out = dist_copy(tmp_path / "out")
    before = tree(out)

    with pytest.raises(InputError) as refused:
        build_release(table, out, version=NEW)

    assert [str(p) for p in refused.value.problems] == [
        f"{table}: no rows: the file holds no articles"
    ]
    assert tree(out) == before


# --- 4. a folder's name is not its version ------------------------------------------------------


def test_a_release_copied_under_another_version_does_not_verify_load_or_enter_the_index(
    tmp_path: Path,
) -> None:
    out = dist_copy(tmp_path / "out")
    shutil.copytree(out / "1.0.0", out / "9.9.9")
    index = (out / "index.json").read_bytes()
    expected = (
        "manifest.json: version '1.0.0' does not match the folder name '9.9.9' "
        "(a release folder copied or renamed to another version)"
    )

    with pytest.raises(ChecksumError) as damaged:
        verify_release(out / "9.9.9")
    assert damaged.value.problems == [expected]
    with pytest.raises(ChecksumError):
        load_articles(path=out / "9.9.9")
    with pytest.raises(ReleaseIndexError, match=re.escape("9.9.9: not listed in index.json")):
        build_release(RAW, out, version=NEW)
    assert (out / "index.json").read_bytes() == index
    assert not (out / NEW).exists()


# --- 5. the index is append-only ----------------------------------------------------------------


def test_a_listed_release_whose_folder_is_gone_is_an_error_never_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = dist_copy(tmp_path / "out")
    shutil.rmtree(out / "1.0.0")
    index = (out / "index.json").read_bytes()

    with pytest.raises(ReleaseIndexError) as refused:
        build_release(RAW, out, version=NEW)
    assert str(refused.value) == (
        f"{out / 'index.json'}: lists 1.0.0 but that folder is missing from {out}; "
        "published releases are never removed: restore it"
    )
    assert (out / "index.json").read_bytes() == index
    assert not (out / NEW).exists()
    monkeypatch.setenv("ADHD_CORPUS_DIST", str(out))
    with pytest.raises(
        ReleaseNotFoundError, match=re.escape("index.json lists it, but its folder is missing")
    ):
        load_articles("1.0.0")


# --- 6. a corrupt index --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (b'{"latest": "1.1.0", "releases": [', "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        (b"[]", "not a release index (no 'releases' list)"),
        (b'{"releases": [{"version": "1.0.0"}]}', "version 1.0.0 has no valid 'manifest_sha256'"),
    ],
)
def test_a_corrupt_index_is_one_clear_error_for_verify_build_and_loader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: bytes, reason: str
) -> None:
    out = dist_copy(tmp_path / "out")
    (out / "index.json").write_bytes(text)
    # An edited manifest that only the index could expose must not slip through.
    manifest = json.loads((out / "1.1.0" / "manifest.json").read_text(encoding="utf-8"))
    manifest["generator"] = "someone else"
    (out / "1.1.0" / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    with pytest.raises(ReleaseIndexError, match=re.escape(reason)):
        verify_release(out / "1.1.0")
    with pytest.raises(ReleaseIndexError, match=re.escape(reason)):
        build_release(RAW, out, version=NEW)
    monkeypatch.setenv("ADHD_CORPUS_DIST", str(out))
    with pytest.raises(ReleaseIndexError, match=re.escape(reason)):
        load_articles("1.1.0")
    assert not (out / NEW).exists()
    result = run_cli("verify", str(out / "1.1.0"), cwd=tmp_path)
    line = one_line_error(result)
    assert line.startswith(f"{out / 'index.json'}: ") and reason in line


# --- 7. cache entries must prove they belong to the input ---------------------------------------


def _cache_entries(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.json"))


@pytest.mark.parametrize("damage", ["swapped", "edited", "wrong shape", "not JSON"])
def test_a_cache_entry_that_does_not_prove_itself_is_a_miss(tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    clean = build_release(RAW, tmp_path / "clean", version=NEW)
    build_release(RAW, tmp_path / "first", version=NEW, options=BuildOptions(cache=cache))
    entries = _cache_entries(cache)
    assert len(entries) == len(GOOD)
    if damage == "swapped":  # another article's (valid, self-consistent) entry
        first, second = entries[0].read_bytes(), entries[1].read_bytes()
        entries[0].write_bytes(second)
        entries[1].write_bytes(first)
    elif damage == "edited":  # the record's text changed, its checksum not
        entry = json.loads(entries[0].read_text(encoding="utf-8"))
        entry["record"] = entry["record"].replace("ADHD", "ADHX", 1)
        entries[0].write_text(json.dumps(entry), encoding="utf-8")
    elif damage == "wrong shape":
        entries[0].write_text('{"id": 1, "record": [], "rows": "x", "check": null}', "utf-8")
    else:
        entries[0].write_bytes(b"\x00garbage")

    report = build_release(RAW, tmp_path / "second", version=NEW, options=BuildOptions(cache=cache))

    assert report.cached == len(GOOD) - (2 if damage == "swapped" else 1)
    assert tree(tmp_path / "second" / NEW) == tree(clean.release)


def test_the_cache_key_covers_python_unicode_pydantic_and_pyarrow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import unicodedata
    from importlib.metadata import version as real

    today = code_fingerprint.__wrapped__()
    for package in ("pydantic", "pyarrow"):
        monkeypatch.setattr(
            "adhd_corpus.prepare.package_version",
            lambda name, p=package: "0.0" if name == p else real(name),
        )
        assert code_fingerprint.__wrapped__() != today, package
    monkeypatch.setattr("adhd_corpus.prepare.package_version", real)
    monkeypatch.setattr(unicodedata, "unidata_version", "1.0.0")
    assert code_fingerprint.__wrapped__() != today
    monkeypatch.undo()
    monkeypatch.setattr(sys, "version_info", (3, 99, 0, "final", 0))
    assert code_fingerprint.__wrapped__() != today


def test_a_cache_that_cannot_be_written_only_costs_the_work(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    store = PreparedCache(blocker / "cache", "f")
    report = build_release(RAW, tmp_path / "out", version=NEW)
    cached = build_release(
        RAW, tmp_path / "out2", version=NEW, options=BuildOptions(cache=blocker / "cache")
    )
    assert cached.cached == 0
    assert tree(tmp_path / "out2" / NEW) == tree(report.release)
    assert store.get("x.txt", "0" * 64) is None


def test_a_cache_path_that_is_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="--cache exists and is not a folder"):
        build_release(RAW, tmp_path / "out", version=NEW, options=BuildOptions(cache=blocker))
    assert not (tmp_path / "out").exists()


# --- 8. publishing is one step -----------------------------------------------------------------


def test_a_full_disk_while_writing_the_index_publishes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = dist_copy(tmp_path / "out")
    before = tree(out)

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(CorpusError, match="No space left on device; nothing was published"):
        build_release(RAW, out, version=NEW)

    assert tree(out) == before
    assert sorted(p.name for p in out.iterdir()) == [LOCK_FILE, *EARLIER, "index.json"]


def test_a_failure_renaming_the_index_moves_the_release_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = dist_copy(tmp_path / "out")
    before = tree(out)
    real = Path.replace

    def refuse_index(self: Path, target: Any) -> Path:
        if Path(target).name == "index.json":
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(target))
        return real(self, target)

    monkeypatch.setattr(Path, "replace", refuse_index)
    with pytest.raises(CorpusError, match="Input/output error"):
        build_release(RAW, out, version=NEW)

    assert tree(out) == before
    assert not (out / NEW).exists()


# --- 9. the changelog verifies the release it compares with -----------------------------------


def test_a_tampered_earlier_release_is_not_compared_with(tmp_path: Path) -> None:
    out = dist_copy(tmp_path / "out")
    records = (out / "1.1.0" / "articles.jsonl").read_bytes()
    (out / "1.1.0" / "articles.jsonl").write_bytes(records.replace(b"ADHD", b"ADHX", 1))
    index = (out / "index.json").read_bytes()

    with pytest.raises(
        CorpusError, match=re.escape("the release CHANGELOG.md compares with does not verify")
    ):
        build_release(RAW, out, version=NEW)

    assert not (out / NEW).exists()
    assert (out / "index.json").read_bytes() == index


# --- 10. a changelog's base does not depend on later releases -----------------------------------


def test_rebuilding_after_a_patch_of_an_older_line_is_a_no_op(tmp_path: Path) -> None:
    out = dist_copy(tmp_path / "out")
    build_release(RAW, out, version="9.0.0")
    build_release(RAW, out, version="9.1.0")
    build_release(RAW, out, version="9.0.1")  # a patch of the older line, published later

    report = build_release(RAW, out, version="9.1.0")

    assert report.status == "unchanged"
    changelog = (out / "9.1.0" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.startswith("## 9.1.0 (from 9.0.0)")


# --- versions ----------------------------------------------------------------------------------


def test_versions_are_ascii_digits_and_a_pre_release_is_never_latest_beside_a_final(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not is_version("1\u0660.0.0")
    assert not is_version("\uff11.0.0")
    assert latest(["9.0.0", "10.0.0-rc.1"]) == "9.0.0"
    assert latest(["10.0.0-rc.1"]) == "10.0.0-rc.1"
    out = tmp_path / "out"
    build_release(RAW, out, version="9.0.0")
    build_release(RAW, out, version="10.0.0-rc.1")
    assert json.loads((out / "index.json").read_text(encoding="utf-8"))["latest"] == "9.0.0"
    monkeypatch.setenv("ADHD_CORPUS_DIST", str(out))
    from adhd_corpus.loader import release_path

    assert release_path().name == "9.0.0"


# --- symlinks and damaged files in a release ---------------------------------------------------


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_a_symlink_inside_a_release_is_refused(tmp_path: Path, kind: str) -> None:
    out = dist_copy(tmp_path / "out")
    release = out / "1.1.0"
    if kind == "file":
        target = tmp_path / "elsewhere.md"
        shutil.copyfile(release / "README.md", target)
        (release / "README.md").unlink()
        (release / "README.md").symlink_to(target)
    else:
        target = tmp_path / "charts"
        shutil.move(str(release / "charts"), target)
        (release / "charts").symlink_to(target, target_is_directory=True)
    name = "README.md" if kind == "file" else "charts"

    with pytest.raises(ChecksumError) as refused:
        verify_release(release)
    assert f"{name}: symbolic link; a release holds only files" in refused.value.problems
    with pytest.raises(ChecksumError):
        load_articles(path=release)


def test_garbage_parquet_with_a_matching_hash_is_named(tmp_path: Path) -> None:
    release = tmp_path / "copy"
    shutil.copytree(DIST / "1.1.0", release)
    reseal(release, "claims.parquet", b"PAR1 this is not a parquet file PAR1")

    with pytest.raises(ChecksumError) as damaged:
        verify_release(release)
    assert damaged.value.problems[0].startswith("claims.parquet: not a readable Parquet file: ")
    from adhd_corpus import load_table

    with pytest.raises(ChecksumError):
        load_table("claims", path=release)
    line = one_line_error(run_cli("verify", str(release), cwd=tmp_path))
    assert "claims.parquet: not a readable Parquet file" in line


@pytest.mark.parametrize("kind", ["a file", "manifest is a folder"])
def test_verify_on_something_that_is_not_a_release_says_so(tmp_path: Path, kind: str) -> None:
    if kind == "a file":
        target = tmp_path / "notes.txt"
        target.write_text("hello\n", encoding="utf-8")
        expected = f"{target}: not a folder"
    else:
        target = tmp_path / "release"
        (target / "manifest.json").mkdir(parents=True)
        expected = f"{target}: manifest.json is not a regular file"
    result = run_cli("verify", str(target), cwd=tmp_path)
    assert one_line_error(result) == expected


# --- schema versions ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, "garbage"])
def test_a_missing_or_garbage_schema_version_is_called_that(tmp_path: Path, value: Any) -> None:
    release = tmp_path / "copy"
    shutil.copytree(DIST / "1.1.0", release)
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    if value is None:
        del manifest["schema_version"]
    else:
        manifest["schema_version"] = value
    (release / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    with pytest.raises(SchemaVersionError) as refused:
        load_articles(path=release)
    assert "no valid schema_version" in str(refused.value)
    assert "newer" not in str(refused.value)


# --- command-line usage and tracebacks ---------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "--workers", "0"], "--workers: must be 1 or more, not 0"),
        (["build", "--workers", "-3"], "--workers: must be 1 or more, not -3"),
        (["build", "--engine", "dask", "--workers", "-1"], "--workers: must be 1 or more, not -1"),
        (["build", "--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
        (["stats", "--top", "-5"], "--top: must be 0 or more, not -5"),
    ],
)
def test_meaningless_numbers_and_ignored_options_are_usage_errors(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(args)
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


def test_a_garbage_scheduler_address_is_one_line(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    result = run_cli(
        "build", "--raw", str(RAW), "--out", str(tmp_path / "out"), "--version", NEW,
        "--engine", "dask", "--workers", "1", "--scheduler", "garbage:::",
        cwd=tmp_path,
    )  # fmt: skip
    line = one_line_error(result)
    assert line.startswith("adhd-corpus: error: garbage:::: cannot reach the Dask scheduler: ")


def test_an_unreachable_scheduler_is_one_error_after_the_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("dask.distributed")
    import socket

    with socket.socket() as probe:  # a port nothing listens on: bound, never listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        monkeypatch.setattr("adhd_corpus.engines.SCHEDULER_TIMEOUT", "1s")
        options = BuildOptions(engine="dask", workers=1, scheduler=f"tcp://127.0.0.1:{port}")
        with pytest.raises(CorpusError, match="cannot reach the Dask scheduler: Timed out"):
            build_release(RAW, tmp_path / "out", version=NEW, options=options)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [LOCK_FILE]


def test_a_lone_surrogate_in_json_lines_is_a_problem_also_with_keep_going(tmp_path: Path) -> None:
    table = tmp_path / "crawl.jsonl"
    rows = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in GOOD]
    lines = [json.dumps(row) for row in rows]
    lines.append('{"id": "bad", "text": "ADHD\\n\\nDopamine \\ud800 may help."}')
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = f"{table}:{len(GOOD) + 1}: text holds a lone surrogate U+D800 at offset 15"

    with pytest.raises(InputError) as refused:
        build_release(table, tmp_path / "out", version=NEW)
    assert [str(p) for p in refused.value.problems] == [expected]
    report = build_release(table, tmp_path / "out", version=NEW, keep_going=True)
    assert [str(p) for p in report.rejected] == [expected]
    assert report.counts["articles"] == len(GOOD)


def test_a_raw_file_that_vanishes_mid_build_is_a_problem(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    last = sorted(raw.glob("*.txt"))[-1]

    def remove_last(done: int, total: int) -> None:
        last.unlink(missing_ok=True)

    with pytest.raises(InputError) as refused:
        build_release(
            raw,
            tmp_path / "out",
            version=NEW,
            options=BuildOptions(workers=1, progress=remove_last),
        )
    assert [str(p) for p in refused.value.problems] == [
        f"{last}: cannot be read: No such file or directory"
    ]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [LOCK_FILE]


def test_a_lock_that_is_a_folder_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / LOCK_FILE).mkdir(parents=True)
    result = run_cli("build", "--raw", str(RAW), "--out", str(out), "--version", NEW, cwd=tmp_path)
    line = one_line_error(result)
    assert (
        line == f"adhd-corpus: error: {out / LOCK_FILE}: cannot open the build lock: Is a directory"
    )


def test_a_version_too_long_for_a_file_name_is_one_line(tmp_path: Path) -> None:
    version = "1.0.0-" + "a" * 300
    out = tmp_path / "out"
    result = run_cli(
        "build", "--raw", str(RAW), "--out", str(out), "--version", version, cwd=tmp_path
    )
    line = one_line_error(result)
    assert line.endswith("File name too long; nothing was published")
    assert sorted(p.name for p in out.iterdir()) == [LOCK_FILE]


def test_a_full_stdout_is_one_line(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with Path("/dev/full").open("w") as full:
        result = run_cli("schema", cwd=tmp_path, stdout=full)
    assert result.returncode == 1
    assert result.stderr == "adhd-corpus: error: stdout: No space left on device\n"


def test_json_failures_print_a_json_error_on_stdout(tmp_path: Path) -> None:
    result = run_cli("stats", "--json", "--path", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert result.returncode == 1
    error = json.loads(result.stdout)
    assert error == {
        "error": f"{tmp_path / 'nowhere'}: no such file or folder",
        "problems": [],
    }
    assert "Traceback" not in result.stderr


# --- Ctrl-C --------------------------------------------------------------------------------------

COPIES = 300


def varied_raw(folder: Path) -> Path:
    """``COPIES`` real articles under distinct names, each with slightly different text."""
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in GOOD]
    for i in range(COPIES):
        text = texts[i % len(GOOD)].replace("dopamine", f"dopamine (copy {i})", 1)
        (folder / f"c{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def _preparing(build: subprocess.Popen[str]) -> bool:
    """True once a build's worker processes are running."""
    return len(forked_children(build.pid)) >= 2


def test_ctrl_c_with_workers_stops_cleanly_every_time(tmp_path: Path) -> None:
    raw = varied_raw(tmp_path / "raw")
    interrupted = 0
    for attempt in range(5):
        out = tmp_path / f"out{attempt}"
        env = {k: v for k, v in os.environ.items() if k != "ADHD_CORPUS_DIST"}
        build = subprocess.Popen(
            [sys.executable, "-m", "adhd_corpus", "build", "--raw", str(raw), "--out", str(out),
             "--version", NEW, "--workers", "2"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True,
        )  # fmt: skip
        # Wait until the build's workers are preparing articles, then press Ctrl-C: SIGINT
        # to the whole process group, as a terminal sends it.
        deadline = time.monotonic() + 120
        while not _preparing(build) and build.poll() is None:
            assert time.monotonic() < deadline, "the build never started its workers"
            time.sleep(0.01)
        if build.poll() is not None:  # it finished before it could be interrupted
            assert build.wait() == 0
            continue
        os.killpg(build.pid, signal.SIGINT)
        try:
            _, stderr = build.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(build.pid, signal.SIGKILL)
            build.communicate()
            pytest.fail(f"attempt {attempt}: the build hung after Ctrl-C")
        if build.returncode == 0:
            continue  # it finished before the signal arrived: nothing to check
        assert build.returncode == 130, stderr
        assert stderr == "adhd-corpus: interrupted; nothing was written\n"
        interrupted += 1
        assert sorted(p.name for p in out.iterdir()) == [LOCK_FILE]
        with pytest.raises(ProcessLookupError):
            os.killpg(build.pid, 0)  # no worker is left in the group
    assert interrupted > 0, "every build finished before Ctrl-C: make the corpus larger"


# --- validate never fetches, never trusts a schema that accepts anything ------------------------


def _release_with_schema(tmp_path: Path, schema: bytes) -> Path:
    release = tmp_path / "copy"
    shutil.copytree(DIST / "1.1.0", release)
    (release / "article.schema.json").write_bytes(schema)
    return release


@pytest.mark.parametrize(
    ("schema", "reason"),
    [
        (b'{"$ref": "http://127.0.0.1:9/schema.json"}', "points outside the schema"),
        (
            b'{"properties": {"id": {"$ref": "file:///etc/passwd"}}}',
            "$ref 'file:///etc/passwd' points outside the schema; it is never fetched",
        ),
        (b"true", "the schema accepts anything; records were not checked"),
        (b"{}", "the schema accepts anything; records were not checked"),
        (b'{"title": "caf\xe9"}', "cannot be read: not UTF-8"),
        (
            b'{"properties": {"id": {"$ref": "#/$defs/missing"}}}',
            "$defs/missing' cannot be resolved",
        ),
    ],
)
def test_validate_reports_a_schema_it_cannot_trust(
    tmp_path: Path, schema: bytes, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import urllib.request

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("validate tried to fetch a $ref")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    release = _release_with_schema(tmp_path, schema)
    from adhd_corpus.validate import validate_paths

    problems = validate_paths([release])
    assert reason in problems[0].reason
    if "cannot be resolved" in reason:  # found on the first record that reaches it
        assert problems[0].file == str(release / "articles.jsonl")
    else:
        assert len(problems) == 1
        assert problems[0].file == str(release / "article.schema.json")
    result = run_cli("validate", str(release), cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr


# --- info, diff and the changelog step on damaged releases -------------------------------------


def test_info_lists_every_release_and_names_a_damaged_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = dist_copy(tmp_path / "out")
    manifest = json.loads((out / "1.0.0" / "manifest.json").read_text(encoding="utf-8"))
    del manifest["counts"]
    (out / "1.0.0" / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    env = {**os.environ, "ADHD_CORPUS_DIST": str(out)}

    listing = subprocess.run(
        [sys.executable, "-m", "adhd_corpus", "info"],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert listing.returncode == 1 and "Traceback" not in listing.stderr
    lines = listing.stdout.splitlines()
    assert lines[1].startswith("  1.0.0      damaged: manifest.json has no 'counts'")
    assert lines[2].startswith("  1.1.0      schema 1.1.0")
    single = subprocess.run(
        [sys.executable, "-m", "adhd_corpus", "info", "1.0.0"],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert one_line_error(single) == (
        f"adhd-corpus: error: {out / '1.0.0'}: manifest.json has no 'counts'"
    )


def test_diff_names_a_line_that_is_not_utf8(tmp_path: Path) -> None:
    release = tmp_path / "copy"
    shutil.copytree(DIST / "1.1.0", release)
    records = (release / "articles.jsonl").read_bytes().split(b"\n")
    records[1] = records[1].replace(b"ADHD", b"AD\xffD", 1)
    (release / "articles.jsonl").write_bytes(b"\n".join(records))

    result = run_cli("diff", str(DIST / "1.0.0"), str(release), cwd=tmp_path)
    line = one_line_error(result)
    assert line.startswith(
        f"adhd-corpus: error: {release / 'articles.jsonl'}:2: not UTF-8: byte 0xff"
    )


def test_the_changelog_step_names_a_line_that_is_not_utf8(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    shutil.copytree(DIST / "1.1.0", out / "1.1.0")  # no index beside it: the manifest rules
    reseal(
        out / "1.1.0",
        "articles.jsonl",
        (DIST / "1.1.0" / "articles.jsonl").read_bytes().replace(b"ADHD", b"AD\xffD", 1),
    )
    result = run_cli("build", "--raw", str(RAW), "--out", str(out), "--version", NEW, cwd=tmp_path)
    line = one_line_error(result)
    assert f"{out / '1.1.0' / 'articles.jsonl'}:1: not UTF-8: byte 0xff" in line
    assert not (out / NEW).exists()


# --- the card ----------------------------------------------------------------------------------


def test_raw_html_in_a_title_is_escaped_in_the_card(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    record = json.loads((DIST / "1.1.0" / "articles.jsonl").read_text("utf-8").splitlines()[0])
    first, title = raw / record["source"]["path"], record["title"]
    text = first.read_text(encoding="utf-8")
    first.write_text(text.replace(title, f"{title} <script>alert(1)</script>", 1), "utf-8")

    report = build_release(raw, tmp_path / "out", version=NEW)

    card = (report.release / "README.md").read_text(encoding="utf-8")
    assert "<script>" not in card
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in card


# --- messages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("crawl.jsonl", "raw file not found"),
        ("missing", "raw folder not found"),
        ("notes.md", "not a folder of .txt files, nor a .jsonl or .parquet file"),
    ],
)
def test_a_missing_or_wrong_raw_path_says_what_it_is(
    tmp_path: Path, name: str, reason: str
) -> None:
    raw = tmp_path / name
    if name == "notes.md":
        raw.write_text("hello\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        build_release(raw, tmp_path / "out", version=NEW)
    assert [str(p) for p in refused.value.problems] == [f"{raw}: {reason}"]


def test_a_file_name_with_a_newline_is_refused_by_the_name_check(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    (raw / "bad\n.txt").write_bytes(GOOD[0].read_bytes().replace(b"ADHD", b"ADHD!", 1))
    from adhd_corpus.sources import raw_files

    _, problems = raw_files(raw)
    assert [p.reason for p in problems] == [
        "file name cannot be an article id (letters, digits, _ . - only)"
    ]


def test_a_cr_only_file_reports_the_real_line(tmp_path: Path) -> None:
    from adhd_corpus.sources import decode

    problem = decode(b"ADHD in Adults\r\rDopamine\x00 may help.\r", "x.txt")
    assert str(problem) == "x.txt:3: control character U+0000 at offset 24"
    problem = decode(b"ADHD in Adults\r\rCaf\xe9 may help.\r", "x.txt")
    assert str(problem) == "x.txt:3: not UTF-8: byte 0xe9 at byte offset 19"


def test_a_problem_in_a_table_row_names_the_row_and_its_id(tmp_path: Path) -> None:
    table = tmp_path / "crawl.jsonl"
    rows = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in GOOD]
    rows.append({"id": "untitled", "text": "Dopamine may affect focus in ADHD.\n"})
    table.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")

    with pytest.raises(InputError) as refused:
        build_release(table, tmp_path / "out", version=NEW)
    assert [str(p) for p in refused.value.problems] == [
        f"{table}:{len(GOOD) + 1} (id untitled):1: no title: the first line reads as a paragraph, "
        "not a title"
    ]


# --- I/O errors ----------------------------------------------------------------------------------


def test_an_unreadable_raw_file_is_a_problem_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    locked = sorted(raw.glob("*.txt"))[1]
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:  # chmod 000 does not stop root, so inject the error
        if self == locked:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError) as refused:
        build_release(raw, tmp_path / "out", version=NEW, options=BuildOptions(workers=1))
    assert [str(p) for p in refused.value.problems] == [
        f"{locked}: cannot be read: Permission denied"
    ]


def test_a_read_only_out_is_path_and_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    real = Path.mkdir

    def read_only(self: Path, *args: Any, **kwargs: Any) -> None:
        if self.parent == out:
            raise PermissionError(errno.EROFS, os.strerror(errno.EROFS), str(self))
        real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", read_only)
    with pytest.raises(CorpusError) as refused:
        build_release(RAW, out, version=NEW)
    assert str(refused.value).endswith("Read-only file system; nothing was published")
    assert str(refused.value).startswith(str(out / TMP_PREFIX))


def test_a_closed_stdout_is_one_line(tmp_path: Path) -> None:
    result = run_cli("schema", cwd=tmp_path, stdout=subprocess.DEVNULL, pass_fds=())
    assert result.returncode == 0
    closed = subprocess.run(
        f"{sys.executable} -m adhd_corpus schema >&-",
        shell=True, cwd=tmp_path, capture_output=False, stderr=subprocess.PIPE, text=True,
        timeout=300, check=False,
    )  # fmt: skip
    assert closed.returncode == 1
    assert closed.stderr == "adhd-corpus: error: stdout: closed; nothing was done\n"


def test_json_lines_input_is_streamed_not_held(tmp_path: Path) -> None:
    """Listing a 20 MB export keeps ids and offsets only; texts are read when prepared."""
    import tracemalloc

    from adhd_corpus.sources import raw_inputs

    table = tmp_path / "crawl.jsonl"
    body = GOOD[0].read_text(encoding="utf-8")
    filler = "\nDopamine may affect focus and motivation in adults with ADHD.\n" * 1500
    with table.open("w", encoding="utf-8") as handle:
        for i in range(200):
            handle.write(json.dumps({"id": f"a{i:03d}", "text": body + filler + str(i)}) + "\n")
    assert table.stat().st_size > 20_000_000

    tracemalloc.start()
    try:
        inputs, problems = raw_inputs(table)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert problems == [] and len(inputs) == 200
    assert peak < 2_000_000, f"listing held {peak:,} bytes"
    first = inputs[0].read()
    assert not isinstance(first, Exception) and getattr(first, "text", "").endswith("\n0")


def test_another_programs_manifest_above_out_is_not_a_release(tmp_path: Path) -> None:
    """A web app or browser extension has a manifest.json too: only ours seals a folder."""
    (tmp_path / "manifest.json").write_text('{"name": "my extension"}', encoding="utf-8")
    report = build_release(RAW, tmp_path / "dist", version=NEW)
    assert report.status == "built"
