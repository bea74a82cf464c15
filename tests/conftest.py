"""Shared fixtures and helpers: the repository's folders, the raw articles parsed once,
running the command line as a user does, and reading what a build left in a folder."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from adhd_corpus.build import LOCK_FILE
from adhd_corpus.models import Article, Source
from adhd_corpus.parse import parse_article

# Tests leave nothing behind: Hypothesis keeps no example database, and its caches go
# to a temporary folder removed when the session ends.
_HYPOTHESIS_HOME = tempfile.mkdtemp(prefix="adhd-corpus-hypothesis-")
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", _HYPOTHESIS_HOME)
settings.register_profile("adhd-corpus", database=None)
settings.load_profile("adhd-corpus")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_HYPOTHESIS_HOME, ignore_errors=True)


ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
DIST = ROOT / "dist"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN_DIR = FIXTURES / "golden"
SEED_IDS = sorted(path.stem for path in GOLDEN_DIR.glob("*.json"))
"""The articles a person annotated (``tests/fixtures/golden/``): tests of exact values
are about these; tests of ``raw/`` as a whole derive what they expect from its files."""
RAW_FILES = sorted(RAW.glob("*.txt"))


def distinct_copy(text: str, n: int) -> str:
    """``text`` with ``n + 1`` extra trailing line breaks: other bytes (so not a duplicate
    of another copy), the same parse, whatever the article says."""
    return text + "\n" * (n + 1)


def parse_file(path: Path) -> tuple[str, Article]:
    """The raw text of a file and the record parsed from it, as the build parses it."""
    data = path.read_bytes()
    source = Source(path=path.name, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    text = data.decode("utf-8")
    return text, parse_article(text, source=source)


@pytest.fixture(scope="session")
def raw_articles() -> dict[str, tuple[str, Article]]:
    """Article id -> (raw text, parsed article) for every file in raw/."""
    return {path.stem: parse_file(path) for path in RAW_FILES}


@pytest.fixture(scope="session")
def seed_articles(
    raw_articles: dict[str, tuple[str, Article]],
) -> dict[str, tuple[str, Article]]:
    """Article id -> (raw text, parsed article) for the annotated articles only."""
    return {article_id: raw_articles[article_id] for article_id in SEED_IDS}


def raw_copy(folder: Path) -> Path:
    """``folder`` holding a copy of ``raw/``, for a test that changes the input."""
    shutil.copytree(RAW, folder)
    return folder


def seed_earlier_releases(out: Path, version: str) -> list[str]:
    """Copy the committed releases older than ``version`` into ``out``, as ``dist/`` has
    them when a release is built: its CHANGELOG.md compares with the newest of them."""
    from adhd_corpus.semver import is_version, version_key

    out.mkdir(parents=True, exist_ok=True)
    older = sorted(
        (p.name for p in DIST.iterdir() if is_version(p.name)),
        key=version_key,
    )
    older = [v for v in older if version_key(v) < version_key(version)]
    for name in older:
        shutil.copytree(DIST / name, out / name)
    return older


# --- running the command line, and what a build leaves behind ---------------------------------

SCRIPT = Path(sys.executable).with_name("adhd-corpus")
"""The console script ``pip install`` puts beside the interpreter."""


def cli_env() -> dict[str, str]:
    """The environment a user's shell has: no ``ADHD_CORPUS_DIST`` left over from a test."""
    return {k: v for k, v in os.environ.items() if k != "ADHD_CORPUS_DIST"}


def run_cli(
    *args: str, cwd: Path, script: bool = False, timeout: float = 300, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    """``adhd-corpus ARGS`` in a subprocess, as a user runs it (``script``: through the
    console script rather than ``python -m adhd_corpus``); output captured as text."""
    command = [str(SCRIPT)] if script else [sys.executable, "-m", "adhd_corpus"]
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(
        [*command, *args],
        cwd=cwd,
        env=cli_env(),
        text=True,
        timeout=timeout,
        check=False,
        **kwargs,
    )


def tree(folder: Path) -> dict[str, bytes]:
    """Relative path -> bytes of every file under ``folder``, except the build lock and
    symbolic links (a test may plant one; a build never follows it)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink() and p.name != LOCK_FILE
    }


def leftovers(out: Path) -> list[str]:
    """Hidden entries a build must not leave in ``--out`` (the lock file is its own)."""
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".") and p.name != LOCK_FILE)


def read_json(path: Path) -> Any:
    """A JSON file's content."""
    return json.loads(path.read_text(encoding="utf-8"))


def forked_children(pid: int) -> list[int]:
    """Ids of the processes ``pid`` forked without exec: its parent and command line (Linux)."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
            same = (stat.parent / "cmdline").read_bytes() == command
        except OSError:
            continue
        if int(fields[1]) == pid and same:
            found.append(int(stat.parent.name))
    return found
