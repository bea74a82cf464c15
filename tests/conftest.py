"""Shared fixtures: the repository's folders and the four raw articles parsed once."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

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
