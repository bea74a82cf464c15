"""Raw texts -> validated records -> a release folder, atomically.

A build is strict: every raw text is parsed and validated, every problem is
collected, and if there is any, nothing is published. Articles are prepared one by
one (``prepare``), in this process, in worker processes or on a Dask cluster, in
article-id order, and streamed to the writers, so memory does not grow with the
corpus. Files are written into a temporary folder inside the output folder and
renamed into place only when complete; an existing release is never modified.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import signal
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Literal

from . import __version__
from .compare import diff_releases, render_changelog
from .corpus import Corpus
from .errors import (
    BuildLockedError,
    ChecksumError,
    CorpusError,
    InputError,
    Problem,
    ReleaseExistsError,
    VersionBumpError,
)
from .integrity import file_digest, is_os_metadata, verify_release
from .layout import INDEX, MANIFEST
from .manifest import Manifest, read_index, read_manifest
from .prepare import Outcome, code_fingerprint, prepare_input
from .release import write_release
from .release.index import render_index
from .release.writer import NAME, Prepared, seal
from .semver import check_version, is_version, version_key
from .sources import RawInput, duplicate, raw_inputs
from .versioning import bump_refusal

GENERATOR = f"adhd-corpus {__version__}"
LOCK_FILE = ".build.lock"
TMP_PREFIX = ".tmp-"
ARTICLES_PER_WORKER = 64
DASK_BATCH = 32
"""Articles per Dask task."""
"""Below this many articles per worker, extra processes cost more than they save."""

Engine = Literal["local", "dask"]


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


def _local(
    inputs: list[RawInput], run: Callable[[RawInput], Outcome], workers: int
) -> Iterator[Outcome]:
    if workers <= 1:
        yield from map(run, inputs)
        return
    import multiprocessing

    # Workers ignore Ctrl-C: only the build stops on it, then ends them (leaving the pool's
    # `with`); a worker killed by SIGINT mid-task could die holding the pool's queue lock.
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=signal.signal, initargs=_IGNORE_SIGINT) as pool:
        yield from pool.imap(run, inputs, chunksize=16)


_IGNORE_SIGINT = (signal.SIGINT, signal.SIG_IGN)
SCHEDULER_TIMEOUT = "10s"
"""How long to try to reach a Dask scheduler before saying it cannot be reached."""


def _dask(
    inputs: list[RawInput], run: Callable[[RawInput], Outcome], workers: int, scheduler: str | None
) -> Iterator[Outcome]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise CorpusError('the dask engine needs Dask: pip install "adhd-corpus[dask]"') from None

    def as_bytes(batch: list[RawInput]) -> list[RawInput]:
        # File inputs travel as bytes, a batch at a time: cluster workers need not share
        # this file system, and the corpus is never held whole.
        return [item.loaded() for item in batch]

    # One task per batch of articles: a task's round trip through the scheduler costs
    # about as much as preparing one article, so per-article tasks halved throughput. A
    # window of batches stays in flight, so workers never wait for the writer to ask.
    chunks = [inputs[i : i + DASK_BATCH] for i in range(0, len(inputs), DASK_BATCH)]
    ahead = 2 * max(1, workers) + 2
    with contextlib.ExitStack() as stack:  # closes the client, then the cluster we started
        cluster = None
        if scheduler is None:
            cluster = stack.enter_context(
                LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
                )
            )
        try:
            client = stack.enter_context(
                Client(scheduler or cluster, timeout=SCHEDULER_TIMEOUT)  # type: ignore[no-untyped-call]
            )
        except (OSError, ValueError, TypeError) as exc:  # garbage, unreachable, refused
            raise CorpusError(
                f"{scheduler or 'local cluster'}: cannot reach the Dask scheduler: "
                f"{exc or type(exc).__name__}"
            ) from None
        task = partial(_prepare_batch, run)
        pending = deque(client.submit(task, as_bytes(c), pure=False) for c in chunks[:ahead])
        for chunk in chunks[ahead:]:
            yield from pending.popleft().result()
            pending.append(client.submit(task, as_bytes(chunk), pure=False))
        while pending:
            yield from pending.popleft().result()


def _prepare_batch(run: Callable[[RawInput], Outcome], batch: list[RawInput]) -> list[Outcome]:
    """A cluster task: prepare a batch of inputs in order."""
    return [run(item) for item in batch]


def prepared_articles(
    inputs: list[RawInput], problems: list[Problem], options: BuildOptions, report: BuildReport
) -> Iterator[Prepared]:
    """Prepare every input in order; yield the valid ones, collect the problems."""
    cache = options.cache
    run = partial(
        prepare_input,
        cache_dir=str(cache) if cache else None,
        fingerprint=code_fingerprint() if cache else "",
    )
    cpus = os.cpu_count() or 1
    workers = options.workers or max(1, min(cpus, len(inputs) // ARTICLES_PER_WORKER))
    if options.engine == "dask":
        outcomes = _dask(inputs, run, options.workers or cpus, options.scheduler)
    else:
        outcomes = _local(inputs, run, workers)
    seen: dict[str, str] = {}
    for done, (item, outcome) in enumerate(zip(inputs, outcomes, strict=True), start=1):
        if options.progress is not None:
            options.progress(done, len(inputs))
        if isinstance(outcome.result, list):
            problems.extend(outcome.result)
            continue
        prepared = outcome.result
        report.prepared += 1
        report.cached += outcome.cached
        repeated = duplicate(seen, prepared.sha256, prepared.source, item.where)
        if repeated is not None:
            problems.append(repeated)
            continue
        yield prepared


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


CHANGELOG = "CHANGELOG.md"
_BASE = re.compile(r"## \S+ \(from (\S+)\)")


def _previous(out_dir: Path, version: str) -> Path | None:
    """The release a changelog of ``version`` compares to.

    For a version already published, the one its published CHANGELOG.md names, so that
    releases published since (a patch of an older line) do not change its base; for a
    new one, the newest release in ``out_dir`` older than ``version``.
    """
    published = out_dir / version / CHANGELOG
    if published.is_file():
        with published.open(encoding="utf-8", errors="replace") as handle:
            match = _BASE.fullmatch(handle.readline().rstrip("\n"))
        if match is not None and is_version(match.group(1)):
            return out_dir / match.group(1)
        return None
    older = [
        p
        for p in out_dir.iterdir()
        if is_version(p.name)
        and (p / MANIFEST).is_file()
        and version_key(p.name) < version_key(version)
    ]
    return max(older, key=lambda p: version_key(p.name), default=None)


def _add_changelog(folder: Path, manifest: Manifest, previous: Path | None) -> Manifest:
    """Write CHANGELOG.md against the previous release, refusing a version step smaller
    than the schema changes need (``versioning``); reseal the manifest.

    The previous release is verified first: a changelog is immutable once published, so
    it must never describe changes invented by a tampered earlier release."""
    version = manifest.version
    if previous is None:
        text = f"## {version}\n\nThe first release in this folder: nothing to compare with.\n"
    else:
        try:
            verify_release(previous)
        except ChecksumError as exc:
            raise CorpusError(
                f"{previous}: the release CHANGELOG.md compares with does not verify, so "
                f"nothing was published:\n{exc}"
            ) from None
        changes = diff_releases(previous, folder)
        refusal = bump_refusal(previous.name, version, changes.compatibility)
        if refusal is not None:
            raise VersionBumpError(refusal)
        text = render_changelog(changes)
    (folder / CHANGELOG).write_text(text, encoding="utf-8", newline="\n")
    return seal(folder, manifest)


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
    """The build proper, with the lock held."""
    final = report.release
    read_index(out_dir)  # a damaged index fails the build before any work
    _remove_leftovers(out_dir)
    work = out_dir / f"{TMP_PREFIX}{version}-{os.getpid()}"
    work.mkdir()
    try:
        (work / MARKER).write_text(f"{GENERATOR}\n", encoding="utf-8")
        tmp = work / version
        tmp.mkdir()
        inputs, problems = raw_inputs(raw_dir)
        manifest = write_release(
            tmp,
            prepared_articles(inputs, problems, options, report),
            version=version,
            generator=GENERATOR,
            rejected=problems if keep_going else None,
            corpus=corpus,
        )
        report.manifest = manifest
        report.rejected = problems
        if problems and (not keep_going or manifest.counts["articles"] == 0):
            raise InputError(problems)
        report.manifest = _add_changelog(tmp, manifest, _previous(out_dir, version))
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
            _refuse_republishing(out_dir, version, tmp)
            _publish(out_dir, work, tmp)
            report.status = "built"
    finally:
        shutil.rmtree(work, ignore_errors=True)
