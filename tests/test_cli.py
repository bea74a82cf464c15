"""The ``adhd-corpus`` command: exit codes, exact messages, and output equal to the library's.

Most tests call ``adhd_corpus.cli.main`` in-process; a few run the real command in a
subprocess to check exit codes and that no traceback reaches the user.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import DIST, RAW, SCRIPT, cli_env, run_cli, seed_earlier_releases

from adhd_corpus import __version__
from adhd_corpus.cli import main
from adhd_corpus.validate import validate_paths

VERSION = __version__
RELEASE = DIST / VERSION
TABLE_ORDER = ["articles", "sections", "claims", "entities", "people", "links", "documents"]
COUNTS: dict[str, int] = json.loads((RELEASE / "manifest.json").read_text(encoding="utf-8"))[
    "counts"
]
COUNTS_TEXT = ", ".join(f"{COUNTS[t]} {t}" for t in TABLE_ORDER)


@pytest.fixture
def bad_raw(tmp_path: Path) -> Path:
    """raw/ plus three broken files."""
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    (raw / "empty.txt").write_bytes(b"")
    (raw / "latin1.txt").write_bytes("Title\n\nCaf\u00e9 culture.\n".encode("latin-1"))
    (raw / "no_title.txt").write_bytes(b"this is a sentence, not a title.\n\nBody text.\n")
    return raw


def bad_raw_lines(raw: Path) -> list[str]:
    return [
        f"{raw / 'empty.txt'}: empty: the file has no text",
        f"{raw / 'latin1.txt'}:3: not UTF-8: byte 0xe9 at byte offset 10",
        f"{raw / 'no_title.txt'}:1: no title: the first line reads as a paragraph, not a title",
        "adhd-corpus: 3 problem(s); nothing was written",
    ]


@pytest.fixture
def tampered(tmp_path: Path) -> tuple[Path, str, str]:
    """A copy of the release with one byte of articles.jsonl changed; old and new sha256."""
    copy = tmp_path / "copy" / VERSION
    shutil.copytree(RELEASE, copy)
    path = copy / "articles.jsonl"
    data = bytearray(path.read_bytes())
    old = hashlib.sha256(data).hexdigest()
    data[data.index(b"dopamine")] = ord("D")
    path.write_bytes(bytes(data))
    return copy, old, hashlib.sha256(data).hexdigest()


@pytest.fixture
def broken_jsonl(tmp_path: Path) -> Path:
    """The release's records with the first claim of line 2 given a negative start."""
    lines = (RELEASE / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    record: dict[str, Any] = json.loads(lines[1])
    assert record["claims"], "line 2 needs a claim for this fixture"
    record["claims"][0]["start"] = -1
    lines[1] = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    path = tmp_path / "broken.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


BROKEN_LINE = "{path}:2: $.claims[0].start: -1 is less than the minimum of 0"


# --- happy paths ---------------------------------------------------------------------------


def test_build_then_build_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "dist"
    seed_earlier_releases(out, VERSION)
    assert main(["build", "--raw", str(RAW), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"built {out / VERSION}: {COUNTS_TEXT}\n"
    assert captured.err == ""
    assert (out / VERSION / "manifest.json").read_bytes() == (
        RELEASE / "manifest.json"
    ).read_bytes()

    assert main(["build", "--raw", str(RAW), "--out", str(out), "--version", VERSION]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"{out / VERSION} is up to date: a fresh build is byte-identical\n"
    assert captured.err == ""


def test_verify_the_committed_release(capsys: pytest.CaptureFixture[str]) -> None:
    files = len(json.loads((RELEASE / "manifest.json").read_text(encoding="utf-8"))["files"])
    assert main(["verify", str(RELEASE)]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"{RELEASE}: ok ({files} files match manifest.json)\n"
    assert captured.err == ""


@pytest.mark.parametrize("target", ["release", "jsonl"])
def test_validate_the_committed_release(capsys: pytest.CaptureFixture[str], target: str) -> None:
    path = str(RELEASE if target == "release" else RELEASE / "articles.jsonl")
    assert main(["validate", path]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"valid: {path}\n"
    assert captured.err == ""


@pytest.mark.parametrize("which", ["release", "jsonl", "broken", "mixed"])
def test_validate_json_equals_the_library_report(
    capsys: pytest.CaptureFixture[str], broken_jsonl: Path, tmp_path: Path, which: str
) -> None:
    paths = {
        "release": [RELEASE],
        "jsonl": [RELEASE / "articles.jsonl"],
        "broken": [broken_jsonl],
        "mixed": [RELEASE, broken_jsonl, tmp_path / "missing.jsonl"],
    }[which]
    problems = validate_paths(paths)
    expected = {
        "valid": not problems,
        "problems": [{"file": p.file, "line": p.line, "message": p.reason} for p in problems],
    }

    code = main(["validate", "--json", *map(str, paths)])

    assert json.loads(capsys.readouterr().out) == expected
    assert code == (1 if problems else 0)
    assert bool(problems) == (which in {"broken", "mixed"})


# --- failures ---------------------------------------------------------------------------------


def test_build_with_bad_raw_files_lists_every_problem(
    tmp_path: Path, bad_raw: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "dist"
    assert main(["build", "--raw", str(bad_raw), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == bad_raw_lines(bad_raw)
    assert captured.out == ""
    assert [p for p in out.iterdir() if p.is_dir()] == []


def test_build_with_a_bad_version_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "dist"
    with pytest.raises(SystemExit) as caught:
        main(["build", "--raw", str(RAW), "--out", str(out), "--version", "banana"])
    assert caught.value.code == 2
    assert capsys.readouterr().err == (
        "adhd-corpus: error: version 'banana' is not a semantic version "
        "(MAJOR.MINOR.PATCH, e.g. 1.2.0)\n"
    )
    assert not out.exists()


def test_verify_a_tampered_copy_names_the_file(
    tampered: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    copy, old, new = tampered
    assert main(["verify", str(copy)]) == 1
    captured = capsys.readouterr()
    assert captured.err == (
        f"{copy}: articles.jsonl: sha256 {new} does not match the manifest's {old}\n"
    )
    assert captured.out == ""


def test_verify_names_missing_and_unlisted_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy" / VERSION
    shutil.copytree(RELEASE, copy)
    (copy / "claims.parquet").unlink()
    (copy / "notes.txt").write_text("hi\n", encoding="utf-8")
    assert main(["verify", str(RELEASE), str(copy)]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"{copy}: claims.parquet: missing (listed in manifest.json)",
        f"{copy}: notes.txt: not listed in manifest.json",
    ]
    assert captured.out.startswith(f"{RELEASE}: ok (")


def test_validate_a_broken_record_reports_file_line_path_message(
    broken_jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(broken_jsonl)]) == 1
    captured = capsys.readouterr()
    assert captured.err == BROKEN_LINE.format(path=broken_jsonl) + "\n"
    assert captured.out == ""


def test_no_arguments_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([])
    assert caught.value.code == 2
    assert "usage: adhd-corpus" in capsys.readouterr().err


# --- as a real process --------------------------------------------------------------------------


def test_process_no_arguments_exits_2(tmp_path: Path) -> None:
    result = run_cli(cwd=tmp_path)
    assert result.returncode == 2
    assert "usage: adhd-corpus" in result.stderr
    assert "Traceback" not in result.stderr


def test_process_bad_version_exits_2(tmp_path: Path) -> None:
    result = run_cli("build", "--raw", str(RAW), "--out", "out", "--version", "../x", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "adhd-corpus: error: version '../x' is not a semantic version "
        "(MAJOR.MINOR.PATCH, e.g. 1.2.0)\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_process_bad_raw_exits_1(tmp_path: Path, bad_raw: Path) -> None:
    result = run_cli("build", "--raw", str(bad_raw), "--out", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == bad_raw_lines(bad_raw)
    assert "Traceback" not in result.stderr


def test_process_verify_tampered_exits_1(tmp_path: Path, tampered: tuple[Path, str, str]) -> None:
    copy, _, _ = tampered
    result = run_cli("verify", str(copy), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{copy}: articles.jsonl: sha256 " in result.stderr
    assert "Traceback" not in result.stderr


def test_process_validate_broken_exits_1(tmp_path: Path, broken_jsonl: Path) -> None:
    result = run_cli("validate", str(broken_jsonl), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == BROKEN_LINE.format(path=broken_jsonl) + "\n"


def test_console_script_verifies_the_committed_release(tmp_path: Path) -> None:
    if not SCRIPT.is_file():
        pytest.skip(f"{SCRIPT} is not installed")
    result = run_cli("verify", str(RELEASE), cwd=tmp_path, script=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{RELEASE}: ok (")
    assert result.stderr == ""


def test_the_command_leaves_with_its_code_and_output_but_without_interpreter_teardown(
    tmp_path: Path,
) -> None:
    # Teardown is where pyarrow's native threads can abort a finished command (cli.run).
    program = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('teardown ran'))\n"
        "sys.argv = ['adhd-corpus', 'stats', '--json']\n"
        "from adhd_corpus.cli import run\n"
        "run()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True, env=cli_env()
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["claims"] == COUNTS["claims"]
    assert "teardown ran" not in result.stdout


def test_process_out_that_is_a_file_fails_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("not a folder\n", encoding="utf-8")
    result = run_cli("build", "--raw", str(RAW), "--out", "out", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert "out" in result.stderr


def test_process_validate_release_with_corrupt_schema_fails_without_traceback(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(RELEASE, copy)
    (copy / "article.schema.json").write_text("{not json\n", encoding="utf-8")
    result = run_cli("validate", str(copy), cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert "article.schema.json" in result.stderr
