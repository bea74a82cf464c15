"""Operating-system metadata files (.DS_Store, Thumbs.db, desktop.ini, ._*) in a release
folder are harmless strangers: the loader ignores them silently, verify warns, and any
other unlisted file is still an error."""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pytest
from conftest import DIST

import adhd_corpus
from adhd_corpus.cli import main

LATEST: str = json.loads((DIST / "index.json").read_text(encoding="utf-8"))["latest"]
STRANGERS = [".DS_Store", "Thumbs.db", "desktop.ini", "._articles.jsonl", "charts/.DS_Store"]


@pytest.fixture
def cluttered(tmp_path: Path) -> Path:
    """A copy of the latest release as a file browser leaves it."""
    folder = tmp_path / LATEST
    shutil.copytree(DIST / LATEST, folder)
    for name in STRANGERS:
        (folder / name).write_bytes(b"\x00\x00\x00\x01Bud1")
    return folder


def test_the_loader_ignores_os_metadata_and_says_nothing(
    cluttered: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        articles = adhd_corpus.load_articles(path=cluttered)
        claims = adhd_corpus.load_table("claims", path=cluttered)
    assert [a.id for a in articles] == [a.id for a in adhd_corpus.load_articles(LATEST)]
    assert len(claims) == len(adhd_corpus.load_table("claims", LATEST))
    assert capsys.readouterr() == ("", "")


def test_verify_passes_and_names_each_os_metadata_file_as_a_warning(
    cluttered: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", str(cluttered)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"{cluttered}: ok (")
    assert captured.err.splitlines() == [
        f"warning: {cluttered / name}: operating-system metadata, not part of the release; ignored"
        for name in sorted(STRANGERS)
    ]


def test_any_other_unlisted_file_is_still_an_error(
    cluttered: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (cluttered / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["verify", str(cluttered)]) == 1
    assert "notes.txt: not listed in manifest.json" in capsys.readouterr().err
    with pytest.raises(adhd_corpus.ChecksumError, match=r"notes\.txt: not listed"):
        adhd_corpus.load_articles(path=cluttered)
