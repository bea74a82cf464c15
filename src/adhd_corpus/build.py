"""Raw texts -> validated records -> a release folder, atomically.

A build is strict: every raw text is parsed and validated, every problem is
collected, and if there is any, nothing is written. Articles are prepared one by one
(``prepare``), in this process, in worker processes or on a Dask cluster
(``engines``), in article-id order, and held in an unnamed spool file until every
input is prepared, so memory does not grow with the corpus. Only then are the files
written, into a temporary folder inside the output folder, and renamed into place
when complete; an existing release is never modified.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from . import engines, prepare
from ._version import __version__
from .corpus import Corpus
from .engines import Engine
from .errors import (
    BuildLockedError,
    CorpusError,
    InputError,
    Problem,
    ReleaseExistsError,
)
from .integrity import file_digest, is_os_metadata
from .layout import INDEX, MANIFEST
from .manifest import Manifest, read_index, read_manifest
from .prepare import Outcome, PreparedSpool, code_fingerprint
from .release.changelog import previous_release
from .release.index import render_index
from .release.writer import NAME, write_release
from .semver import check_version, is_version
from .sources import RawInput, duplicate, raw_inputs

GENERATOR = f"adhd-corpus {__version__}"
LOCK_FILE = ".build.lock"
TMP_PREFIX = ".tmp-"


@dataclass
class BuildReport:
    """What a build did: ``built`` a new release, or found it ``unchanged``."""

    version: str
    release: Path
    status: str
    manifest: Manifest | None = None
    """The release's manifest (None until the release is written)."""
    rejected: list[Problem] = field(default_factory=list)
    prepared: int = 0
    cached: int = 0

    @property
    def counts(self) -> dict[str, int]:
        """Rows per table of the release (empty before it is written)."""
        return {} if self.manifest is None else self.manifest.counts


@dataclass(frozen=True)
class BuildOptions:
    """How to run a build; none of it changes a byte of the output."""

    workers: int | None = None
    """Worker processes (``local``) or Dask workers; None: as many as help."""
    engine: Engine = "local"
    scheduler: str | None = None
    """A Dask scheduler address; None: a LocalCluster for this build."""
    cache: Path | None = None
    """Folder of prepared articles to reuse and fill; None: no cache."""
    progress: Callable[[int, int], None] | None = None
    """Called with (done, total) after each article."""


def prepare_inputs(inputs: list[RawInput], options: BuildOptions) -> Iterator[Outcome]:
    """Prepare every input on the engine ``options`` names: one Outcome per input, in
    input order, each holding the article or the input's problems."""
    cache = options.cache
    # Looked up at call time, so forked workers run whatever the module holds then.
    task = partial(
        prepare.prepare_packed,
        cache_dir=str(cache) if cache else None,
        fingerprint=code_fingerprint() if cache else "",
    )
    return engines.run(
        task,
        inputs,
        engine=options.engine,
        workers=options.workers,
        scheduler=options.scheduler,
        cpus=os.cpu_count() or 1,
        ship=shipping(options.scheduler),
    )


def shipping(scheduler: str | None) -> Callable[[RawInput], RawInput]:
    """What an input travels to a cluster as: with its bytes for the workers of a
    scheduler elsewhere (they need not share this file system), as listed for those of a
    LocalCluster, which read it themselves: the build's process, where a LocalCluster's
    scheduler runs, keeps what each task was sent (Dask 2026.8), 4.6 kB an article if
    it were the text."""
    return RawInput.loaded if scheduler else _as_listed


def _as_listed(item: RawInput) -> RawInput:
    return item


@dataclass
class Preparation:
    """Every input prepared: the valid articles held in order, and the problems."""

    articles: PreparedSpool
    problems: list[Problem]
    prepared: int = 0
    """Inputs that gave an article (a second copy of a text included)."""
    cached: int = 0
    """Of those, taken from the cache."""


def prepare_all(
    inputs: list[RawInput], problems: list[Problem], options: BuildOptions, spool: PreparedSpool
) -> Preparation:
    """Prepare every input into ``spool``; a problem or a second copy of a text is a
    problem, added to those found while reading the inputs (``problems``)."""
    done = Preparation(spool, list(problems))
    seen: dict[str, str] = {}
    outcomes = prepare_inputs(inputs, options)
    for count, (item, outcome) in enumerate(zip(inputs, outcomes, strict=True), start=1):
        if options.progress is not None:
            options.progress(count, len(inputs))
        if isinstance(outcome.result, list):
            done.problems.extend(outcome.result)
            continue
        article = outcome.result
        done.prepared += 1
        done.cached += outcome.cached
        repeated = duplicate(seen, article.sha256, article.source, item.where)
        if repeated is not None:
            done.problems.append(repeated)
            continue
        spool.add(article)
    return done


@contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    """Hold ``<out>/.build.lock`` for the build. A POSIX record lock (``lockf``), not
    ``flock``: forked workers do not inherit it, so it dies with the build's own process
    even when that process is killed and its workers linger."""
    path = out_dir / LOCK_FILE
    try:
        handle = path.open("a")
    except OSError as exc:
        raise CorpusError(f"{path}: cannot open the build lock: {exc.strerror}") from None
    with handle:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BuildLockedError(
                f"{out_dir}: another build is running (lock {LOCK_FILE}); wait for it to finish"
            ) from None
        yield


def _inside(path: Path, folder: Path) -> bool:
    """True when ``path`` is ``folder`` or lies under it (both resolved)."""
    return path.resolve().is_relative_to(folder.resolve())


def _is_release(folder: Path) -> bool:
    """Whether ``folder`` holds a release of this dataset (not just any manifest.json, as
    a web app or browser extension has)."""
    if not (folder / MANIFEST).is_file():
        return False
    try:
        return read_manifest(folder).name == NAME
    except CorpusError:  # not a manifest of ours, or too damaged to say whose it is
        return False


def _release_above(path: Path) -> Path | None:
    """The release folder that ``path`` is (or lies in), if any."""
    for folder in [path.resolve(), *path.resolve().parents]:
        if _is_release(folder):
            return folder
    return None


def check_paths(raw: Path, out_dir: Path, cache: Path | None) -> None:
    """Refuse, before anything is written, output or cache folders that would damage a
    release or the raw input: the lock, temporary folders and cache entries land in them."""
    release = _release_above(out_dir)
    if release is not None:
        raise CorpusError(f"{out_dir}: --out is inside the release {release}; releases are sealed")
    if raw.is_dir() and _inside(out_dir, raw):
        raise CorpusError(f"{out_dir}: --out is inside the raw folder {raw}")
    if cache is None:
        return
    if cache.exists() and not cache.is_dir():
        raise CorpusError(f"{cache}: --cache exists and is not a folder")
    release = _release_above(cache)
    if release is None and _inside(cache, out_dir):
        top = cache.resolve().relative_to(out_dir.resolve()).parts
        if top and is_version(top[0]):
            release = out_dir / top[0]
    if release is not None:
        raise CorpusError(f"{cache}: --cache is inside the release {release}; releases are sealed")
    if raw.is_dir() and _inside(cache, raw):
        raise CorpusError(f"{cache}: --cache is inside the raw folder {raw}")


MARKER = ".adhd-corpus-build"
"""The file a build puts first in its temporary folder: only folders holding it are
this program's leftovers, and only those are removed by a later build."""


def _remove_leftovers(out_dir: Path) -> None:
    """Remove the temporary folders of builds that were killed (the lock is held)."""
    for stale in out_dir.glob(f"{TMP_PREFIX}*"):
        if stale.is_symlink() or not stale.is_dir():
            continue
        if (stale / MARKER).is_file() and not (stale / MARKER).is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                stale.rmdir()  # only when empty: killed before it was marked


def _fsync_tree(folder: Path) -> None:
    """Flush every file and folder of a release to disk before it is renamed into place."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    for directory in [folder, *sorted(p for p in folder.rglob("*") if p.is_dir())]:
        _fsync_folder(directory)


def _fsync_folder(directory: Path) -> None:
    """Flush a folder's entries (a rename is durable only once its folder is flushed)."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _files(folder: Path) -> dict[str, Path]:
    files = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}
    return {name: path for name, path in files.items() if not is_os_metadata(name)}


def _differences(new: Path, old: Path) -> list[str]:
    """Relative paths of the files that differ between two release folders."""
    ours, theirs = _files(new), _files(old)
    return sorted(
        name
        for name in ours.keys() | theirs.keys()
        if name not in ours
        or name not in theirs
        or ours[name].read_bytes() != theirs[name].read_bytes()
    )


def _refuse_republishing(out_dir: Path, version: str, new: Path) -> None:
    """A version the index lists was published: its folder may not come back different."""
    entry = read_index(out_dir).get(version)
    if entry is None:
        return
    published = entry.manifest_sha256
    if published != file_digest(new / MANIFEST).sha256:
        raise ReleaseExistsError(
            f"{out_dir / version}: version {version} was published (in {INDEX}) with "
            f"another manifest ({published}); releases are immutable: bump the version"
        )


def _publish(out_dir: Path, work: Path, release: Path | None) -> None:
    """Rename ``release`` (a finished folder in ``work``) and the new index into place as
    one step: the index is written and flushed first, so a failure (a full disk, a bad
    entry) leaves neither; if renaming the index fails, the release is moved back."""
    text = render_index(out_dir, pending=release)
    index = out_dir / INDEX
    if release is None and index.is_file() and index.read_bytes() == text.encode():
        return
    staged = work / INDEX
    with staged.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    moved: tuple[Path, Path] | None = None  # (where the release went, where it was)
    if release is not None:
        _fsync_tree(release)
        moved = (out_dir / release.name, release)
        release.rename(moved[0])
    try:
        staged.replace(index)
    except BaseException:
        if moved is not None:
            moved[0].rename(moved[1])
        raise
    _fsync_folder(out_dir)


def _make_out(out_dir: Path) -> None:
    """Create ``--out``, or say in one line why it cannot be."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise CorpusError(f"{out_dir}: the output path exists and is not a folder") from None
    except OSError as exc:
        raise CorpusError(f"{exc.filename or out_dir}: {exc.strerror}") from None


def build_release(
    raw_dir: Path,
    out_dir: Path,
    version: str | None = None,
    *,
    keep_going: bool = False,
    options: BuildOptions | None = None,
    corpus: Corpus | None = None,
) -> BuildReport:
    """Build release ``version`` (default: the package version) of ``raw_dir`` into ``out_dir``.

    ``raw_dir`` is a folder of ``*.txt`` files or a ``.jsonl``/``.parquet`` file of
    ``id``/``text`` rows. Strict by default: raises InputError listing every bad input
    and writes nothing. With ``keep_going`` the good inputs are published and the bad
    ones are listed in the release's ``rejected.json``. Raises ReleaseExistsError when
    the release exists with other content, BuildLockedError when another build runs.
    ``corpus`` describes the texts (default: the checkout's ``corpus.toml``).
    """
    options = options or BuildOptions()
    version = check_version(__version__ if version is None else version)
    if options.workers is not None and options.workers < 1:
        raise CorpusError(f"workers: {options.workers} is not a number of workers (1 or more)")
    check_paths(raw_dir, out_dir, options.cache)
    _make_out(out_dir)
    final = out_dir / version
    report = BuildReport(version=version, release=final, status="")
    try:
        with _locked(out_dir):
            _build_locked(raw_dir, out_dir, version, keep_going, options, report, corpus)
    except OSError as exc:  # a full or read-only --out, a name too long: path and reason
        where = exc.filename if exc.filename is not None else out_dir
        raise CorpusError(f"{where}: {exc.strerror or exc}; nothing was published") from None
    return report


def _build_locked(
    raw_dir: Path,
    out_dir: Path,
    version: str,
    keep_going: bool,
    options: BuildOptions,
    report: BuildReport,
    corpus: Corpus | None,
) -> None:
    """The build proper, with the lock held: prepare everything, then write only what
    may be published. A strict build with problems writes nothing at all."""
    read_index(out_dir)  # a damaged index fails the build before any work
    _remove_leftovers(out_dir)
    with PreparedSpool(out_dir) as spool:
        # No name holds the inputs: their list grows with the corpus and goes before writing.
        done = prepare_all(*raw_inputs(raw_dir), options, spool)
        report.prepared, report.cached = done.prepared, done.cached
        report.rejected = done.problems
        if done.problems and (not keep_going or spool.count == 0):
            raise InputError(done.problems)
        work = out_dir / f"{TMP_PREFIX}{version}-{os.getpid()}"
        work.mkdir()
        try:
            (work / MARKER).write_text(f"{GENERATOR}\n", encoding="utf-8")
            tmp = work / version
            tmp.mkdir()
            report.manifest = write_release(
                tmp,
                spool,
                version=version,
                generator=GENERATOR,
                rejected=done.problems if keep_going else None,
                corpus=corpus,
                previous=previous_release(out_dir, version),
            )
            _publish_or_compare(out_dir, work, tmp, report)
        finally:
            shutil.rmtree(work, ignore_errors=True)


def _publish_or_compare(out_dir: Path, work: Path, tmp: Path, report: BuildReport) -> None:
    """Publish the finished release ``tmp``, or, when its version exists, succeed only if
    the existing folder holds the same bytes."""
    final = report.release
    if final.exists():
        changed = _differences(tmp, final)
        if changed:
            raise ReleaseExistsError(
                f"{final} exists and this build differs in {', '.join(changed)}; "
                "releases are immutable: bump the version"
            )
        report.status = "unchanged"
        _publish(out_dir, work, None)
    else:
        _refuse_republishing(out_dir, report.version, tmp)
        _publish(out_dir, work, tmp)
        report.status = "built"
