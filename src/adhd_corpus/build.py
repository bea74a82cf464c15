"""Raw folder -> validated records -> a release folder, atomically.

A build is strict: every raw file is parsed and validated, every problem is
collected, and if there is any, nothing is published. Files are written into a
temporary folder inside the output folder and renamed into place only when
complete; an existing release is never modified.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import __version__
from .errors import (
    BuildLockedError,
    CorpusError,
    InputError,
    ParseError,
    Problem,
    ReleaseExistsError,
)
from .integrity import MANIFEST, file_digest
from .models import Article, Source
from .parse import parse_article
from .release import write_index, write_release
from .release.index import INDEX_FILE
from .semver import check_version
from .sources import RawText, read_raw
from .validate import schema_problems

GENERATOR = f"adhd-corpus {__version__}"
LOCK_FILE = ".build.lock"
TMP_PREFIX = ".tmp-"


@dataclass
class BuildReport:
    """What a build did: ``built`` a new release, or found it ``unchanged``."""

    version: str
    release: Path
    status: str
    manifest: dict[str, Any] = field(default_factory=dict)
    rejected: list[Problem] = field(default_factory=list)


def parse_raw(raw: RawText) -> Article | list[Problem]:
    """Parse and doubly validate one raw text: the record, or every problem with it."""
    source = Source(path=raw.name, sha256=raw.sha256, bytes=raw.bytes)
    try:
        article = parse_article(raw.text, source=source)
    except ParseError as exc:
        return [Problem(raw.label, exc.line, exc.reason)]
    except ValidationError as exc:
        return [
            Problem(raw.label, None, f"$.{'.'.join(map(str, e['loc']))}: {e['msg']}")
            for e in exc.errors()
        ]
    problems = schema_problems(article.model_dump(mode="json"), file=raw.label, line=None)
    return problems or article


def articles_from(raw_dir: Path, problems: list[Problem]) -> Iterator[Article]:
    """Valid articles of a raw folder, in id order; problems are appended to ``problems``."""
    for item in read_raw(raw_dir):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        parsed = parse_raw(item)
        if isinstance(parsed, Article):
            yield parsed
        else:
            problems.extend(parsed)


@contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    with (out_dir / LOCK_FILE).open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLockedError(
                f"{out_dir}: another build is running (lock {LOCK_FILE}); wait for it to finish"
            ) from None
        yield


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.iterdir()):
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _differences(new: Path, old: Path) -> list[str]:
    names = {p.name for p in new.iterdir()} | {p.name for p in old.iterdir()}
    return sorted(
        name
        for name in names
        if not ((new / name).is_file() and (old / name).is_file())
        or (new / name).read_bytes() != (old / name).read_bytes()
    )


def _refuse_republishing(out_dir: Path, version: str, new: Path) -> None:
    """A version the index lists was published: its folder may not come back different."""
    index = out_dir / INDEX_FILE
    if not index.is_file():
        return
    for entry in json.loads(index.read_text(encoding="utf-8")).get("releases", []):
        published = entry.get("manifest_sha256")
        if entry.get("version") == version and published != file_digest(new / MANIFEST)["sha256"]:
            raise ReleaseExistsError(
                f"{out_dir / version}: version {version} was published (in {INDEX_FILE}) with "
                f"another manifest ({published}); releases are immutable: bump the version"
            )


def build_release(
    raw_dir: Path, out_dir: Path, version: str | None = None, *, keep_going: bool = False
) -> BuildReport:
    """Build release ``version`` (default: the package version) of ``raw_dir`` into ``out_dir``.

    Strict by default: raises InputError listing every bad input and writes nothing.
    With ``keep_going`` the good inputs are published and the bad ones are listed in
    the release's ``rejected.json``. Raises ReleaseExistsError when the release exists
    with other content, BuildLockedError when another build runs.
    """
    version = check_version(__version__ if version is None else version)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise CorpusError(f"{out_dir}: the output path exists and is not a folder") from None
    final = out_dir / version
    with _locked(out_dir):
        for stale in out_dir.glob(f"{TMP_PREFIX}*"):  # left by a build that was killed
            shutil.rmtree(stale, ignore_errors=True)
        tmp = out_dir / f"{TMP_PREFIX}{version}-{os.getpid()}"
        tmp.mkdir()
        try:
            problems: list[Problem] = []
            manifest = write_release(
                tmp,
                articles_from(raw_dir, problems),
                version=version,
                generator=GENERATOR,
                rejected=problems if keep_going else None,
            )
            if problems and (not keep_going or manifest["counts"]["articles"] == 0):
                raise InputError(problems)
            if final.exists():
                changed = _differences(tmp, final)
                if changed:
                    raise ReleaseExistsError(
                        f"{final} exists and this build differs in {', '.join(changed)}; "
                        "releases are immutable: bump the version"
                    )
                status = "unchanged"
            else:
                _refuse_republishing(out_dir, version, tmp)
                _fsync_tree(tmp)
                tmp.rename(final)
                status = "built"
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        write_index(out_dir)
    return BuildReport(
        version=version, release=final, status=status, manifest=manifest, rejected=problems
    )
