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
import json
import os
import shutil
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Literal

from . import __version__
from .diff import check_version_bump, diff_releases, render_changelog
from .errors import (
    BuildLockedError,
    CorpusError,
    InputError,
    Problem,
    ReleaseExistsError,
    VersionBumpError,
)
from .integrity import MANIFEST, file_digest
from .prepare import Outcome, code_fingerprint, prepare_input
from .release import write_index, write_release
from .release.index import INDEX_FILE, STALE_INDEX
from .release.writer import Prepared, seal
from .semver import check_version, is_version, version_key
from .sources import RawInput, duplicate, raw_inputs

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
    manifest: dict[str, Any] = field(default_factory=dict)
    rejected: list[Problem] = field(default_factory=list)
    prepared: int = 0
    cached: int = 0


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

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(run, inputs, chunksize=16)


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
        return [
            item
            if item.data is not None
            else RawInput(item.name, item.where, data=Path(item.path or item.where).read_bytes())
            for item in batch
        ]

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
        client = stack.enter_context(Client(scheduler or cluster))  # type: ignore[no-untyped-call]
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
    with (out_dir / LOCK_FILE).open("a") as handle:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BuildLockedError(
                f"{out_dir}: another build is running (lock {LOCK_FILE}); wait for it to finish"
            ) from None
        yield


def _fsync_tree(folder: Path) -> None:
    """Flush every file and folder of a release to disk before it is renamed into place."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    for directory in [folder, *sorted(p for p in folder.rglob("*") if p.is_dir())]:
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _files(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}


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


def _previous(out_dir: Path, version: str) -> Path | None:
    """The newest release in ``out_dir`` older than ``version``: what a changelog compares to."""
    older = [
        p
        for p in out_dir.iterdir()
        if is_version(p.name)
        and (p / MANIFEST).is_file()
        and version_key(p.name) < version_key(version)
    ]
    return max(older, key=lambda p: version_key(p.name), default=None)


def _add_changelog(folder: Path, manifest: dict[str, Any], previous: Path | None) -> dict[str, Any]:
    """Write CHANGELOG.md against the previous release, refusing a breaking schema change
    under a minor or patch version; reseal the manifest."""
    version = manifest["version"]
    if previous is None:
        text = f"## {version}\n\nThe first release in this folder: nothing to compare with.\n"
    else:
        changes = diff_releases(previous, folder)
        refusal = check_version_bump(previous.name, version, changes.schema_changes)
        if refusal is not None:
            raise VersionBumpError(refusal)
        text = render_changelog(changes)
    (folder / CHANGELOG).write_text(text, encoding="utf-8", newline="\n")
    return seal(folder, manifest)


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
    raw_dir: Path,
    out_dir: Path,
    version: str | None = None,
    *,
    keep_going: bool = False,
    options: BuildOptions | None = None,
) -> BuildReport:
    """Build release ``version`` (default: the package version) of ``raw_dir`` into ``out_dir``.

    ``raw_dir`` is a folder of ``*.txt`` files or a ``.jsonl``/``.parquet`` file of
    ``id``/``text`` rows. Strict by default: raises InputError listing every bad input
    and writes nothing. With ``keep_going`` the good inputs are published and the bad
    ones are listed in the release's ``rejected.json``. Raises ReleaseExistsError when
    the release exists with other content, BuildLockedError when another build runs.
    """
    options = options or BuildOptions()
    version = check_version(__version__ if version is None else version)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise CorpusError(f"{out_dir}: the output path exists and is not a folder") from None
    final = out_dir / version
    report = BuildReport(version=version, release=final, status="")
    with _locked(out_dir):
        for stale in out_dir.glob(f"{TMP_PREFIX}*"):  # left by a build that was killed
            shutil.rmtree(stale, ignore_errors=True)
        for stale in out_dir.glob(STALE_INDEX):
            stale.unlink(missing_ok=True)
        tmp = out_dir / f"{TMP_PREFIX}{version}-{os.getpid()}"
        tmp.mkdir()
        try:
            inputs, problems = raw_inputs(raw_dir)
            report.manifest = write_release(
                tmp,
                prepared_articles(inputs, problems, options, report),
                version=version,
                generator=GENERATOR,
                rejected=problems if keep_going else None,
            )
            report.rejected = problems
            if problems and (not keep_going or report.manifest["counts"]["articles"] == 0):
                raise InputError(problems)
            report.manifest = _add_changelog(tmp, report.manifest, _previous(out_dir, version))
            if final.exists():
                changed = _differences(tmp, final)
                if changed:
                    raise ReleaseExistsError(
                        f"{final} exists and this build differs in {', '.join(changed)}; "
                        "releases are immutable: bump the version"
                    )
                report.status = "unchanged"
            else:
                _refuse_republishing(out_dir, version, tmp)
                _fsync_tree(tmp)
                tmp.rename(final)
                report.status = "built"
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        write_index(out_dir)
    return report
