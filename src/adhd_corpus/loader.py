"""Read published releases: verify their checksums, then return records or tables.

The loader never parses raw text and never imports the parser or the build.
Releases are looked for in ``$ADHD_CORPUS_DIST`` when set, else in the copy of
the latest release bundled in the installed package, else in the ``dist/``
folder of a source checkout.
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal, overload

from pydantic import BaseModel

from .errors import ChecksumError, RecordError, ReleaseNotFoundError, SchemaVersionError
from .integrity import (
    bytes_digest,
    file_digest,
    newlines,
    records_digest,
    row_count,
    verify_read,
)
from .layout import INDEX, MANIFEST, RECORDS, TABLE_NAMES, parquet_file
from .manifest import FileDigest, Manifest, read_index, read_manifest
from .models import SCHEMA_VERSION, Article
from .semver import is_version, latest, major, version_key

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

"""Every table a release may hold; ``documents`` (the raw texts) since 1.2.0."""
ENV_DIST = "ADHD_CORPUS_DIST"
_PACKAGE = Path(__file__).resolve().parent
_BUNDLED = _PACKAGE / "_releases"
_CHECKOUT = _PACKAGE.parent.parent / "dist"


def releases_root() -> Path:
    """The folder that holds the release folders this loader reads by version."""
    configured = os.environ.get(ENV_DIST)
    if configured:
        return Path(configured)
    if _BUNDLED.is_dir():
        return _BUNDLED
    return _CHECKOUT


def versions() -> list[str]:
    """Versions of the releases available, oldest first.

    >>> "1.0.0" in versions()
    True
    """
    root = releases_root()
    if not root.is_dir():
        return []
    found = [p.name for p in root.iterdir() if is_version(p.name) and (p / MANIFEST).is_file()]
    return sorted(found, key=version_key)


def release_path(version: str | None = None, *, path: str | os.PathLike[str] | None = None) -> Path:
    """The folder of a release: ``path`` if given, else ``version``, else the latest."""
    if path is not None:
        folder = Path(path)
        if not folder.exists():
            raise ReleaseNotFoundError(f"{folder}: no such file or folder")
        if not folder.is_dir():
            raise ReleaseNotFoundError(f"{folder}: not a folder (a release is a folder)")
        if not (folder / MANIFEST).is_file():
            raise ReleaseNotFoundError(f"{folder}: not a release folder (no manifest.json)")
        return folder
    available = versions()
    if not available:
        raise ReleaseNotFoundError(f"no releases found in {releases_root()}")
    if version is None:
        return releases_root() / str(latest(available))
    if version not in available:
        raise ReleaseNotFoundError(
            f"release {version!r} not found{_listed_note(version)}; "
            f"available: {', '.join(available)}"
        )
    return releases_root() / version


def _listed_note(version: str) -> str:
    """What to add when a version missing from the folder is listed in its index."""
    if version in read_index(releases_root()):
        return f" (index.json lists it, but its folder is missing from {releases_root()})"
    return ""


_verified: dict[tuple[Path, str], tuple[tuple[object, ...], Manifest]] = {}
"""(release folder, file) -> the release's file signatures when that file last matched,
and the manifest it matched."""


def _known(folder: Path, name: str, signature: tuple[object, ...]) -> Manifest | None:
    """The manifest ``name`` matched, if nothing in its release was written since."""
    seen = _verified.get((folder, name))
    return seen[1] if seen is not None and seen[0] == signature else None


def _signature(folder: Path) -> tuple[object, ...]:
    """Size, times and inode of every file of a release (and of the index beside it):
    any write changes one of them, so an equal signature means nothing was touched."""
    paths = sorted([*folder.rglob("*"), folder.parent / INDEX])
    return tuple(
        (str(p), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        for p in paths
        if p.is_file() and (st := p.stat())
    )


def _check_schema_version(folder: Path, manifest: Manifest) -> None:
    """Refuse a release whose schema major version is newer than this package's (one
    that states none never gets this far: ``read_manifest`` refuses it)."""
    release_schema = manifest.schema_version
    if major(release_schema) > major(SCHEMA_VERSION):
        writer = manifest.generator
        wanted = writer.replace("adhd-corpus ", "adhd-corpus>=", 1)
        raise SchemaVersionError(
            f"{folder}: schema version {release_schema} is newer than this package reads "
            f"(schema {SCHEMA_VERSION}); it was written by {writer}: "
            f'pip install "{wanted}" to read it'
        )


def _verify_files(folder: Path, names: list[str]) -> Manifest:
    """Check the manifest and the files about to be read (hashed by path, streaming);
    return the manifest. Skipped for files that matched and whose release has not been
    written since."""
    signature = _signature(folder)
    stale = [name for name in names if _known(folder, name, signature) is None]
    if stale:
        digests: dict[str, FileDigest | None] = {}
        rows: dict[str, int] = {}
        for name in stale:
            try:
                if name == RECORDS:  # hashed and counted in one pass
                    digests[name], rows[name] = records_digest(folder / name)
                else:
                    digests[name] = file_digest(folder / name)
            except OSError:
                digests[name] = None
        manifest = verify_read(
            folder, digests, lambda n: rows[n] if n in rows else row_count(folder / n)
        )
        _verified.update({(folder, name): (signature, manifest) for name in stale})
    else:
        manifest = _verified[folder, names[0]][1]
    _check_schema_version(folder, manifest)
    return manifest


def _verified_bytes(
    folder: Path, name: str, signature: tuple[object, ...], manifest: Manifest | None
) -> tuple[bytes | None, Manifest]:
    """The bytes of one release file, checked against the manifest before they are used,
    and the manifest. The bytes hashed are the bytes returned, so a file changed after
    the check cannot slip through; None when the file matched already and is unchanged
    since ``signature`` (read it by path). ``manifest``: the one just read, if any."""
    data: bytes | None = None
    known = _known(folder, name, signature)
    if known is None:
        try:
            data = (folder / name).read_bytes()
        except OSError:
            data = None
        digests = {name: None if data is None else bytes_digest(data)}
        manifest = verify_read(folder, digests, lambda _: _rows_in(name, data or b""), manifest)
        _verified[(folder, name)] = (signature, manifest)
    else:
        manifest = known
    _check_schema_version(folder, manifest)
    return data, manifest


def _rows_in(name: str, data: bytes) -> int:
    """Rows of a Parquet file (from its footer) or lines of a JSON Lines file, in memory."""
    if name.endswith(".parquet"):
        import pyarrow as pa
        import pyarrow.parquet as pq

        return int(pq.read_metadata(pa.BufferReader(data)).num_rows)
    return newlines(data) + (not data.endswith(b"\n") and bool(data))


def open_release(version: str | None = None, *, path: str | os.PathLike[str] | None = None) -> Path:
    """Locate a release and verify its manifest, every table's checksum and its schema
    version before use (what ``sql`` reads).

    Checksums are recomputed on the first load of a release in a process and again
    whenever any of its files has been written since.
    """
    folder = release_path(version, path=path).resolve()
    listed = read_manifest(folder).files  # older releases lack newer tables
    _verify_files(
        folder, [parquet_file(name) for name in TABLE_NAMES if parquet_file(name) in listed]
    )
    return folder


def _reader(schema_version: str) -> Callable[[bytes], Article]:
    """Validate one JSON line through pydantic's compiled JSON path. A newer minor schema
    only adds fields: read what this package knows and ignore the rest."""
    if version_key(schema_version) > version_key(SCHEMA_VERSION):
        return partial(Article.model_validate_json, extra="ignore")
    return Article.model_validate_json


def _records(folder: Path, lines: Iterable[bytes], schema_version: str) -> Iterator[Article]:
    """Validated Articles from the lines of ``articles.jsonl``, one at a time."""
    from pydantic import ValidationError

    read = _reader(schema_version)
    for number, line in enumerate(lines, start=1):
        try:
            yield read(line)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(map(str, first["loc"]))
            raise RecordError(
                f"{folder}/{RECORDS}:{number}: {where}: {first['msg']} "
                f"({exc.error_count()} problem(s)); this package cannot read the record"
            ) from None


_BUFFER = 1 << 20
"""Read buffer of ``load_articles``: records are about 20 KB, longer than the default 8 KB
buffer, which made each line several reads and a join (reading, hashing and splitting
the 409 MB file of a 20,000-article release: 0.38 s of CPU, 0.28 s with this buffer)."""


def iter_articles(
    version: str | None = None, *, path: str | os.PathLike[str] | None = None
) -> Iterator[Article]:
    """The records of a release, validated one at a time as they are read: memory stays
    flat whatever the size of the release. ``articles.jsonl`` is checked against the
    manifest in a first streaming pass, before the first record is yielded.

    >>> next(iter_articles("1.0.0")).id
    '000_9c6493e6ec028e08'
    """
    folder = release_path(version, path=path).resolve()
    manifest = _verify_files(folder, [RECORDS])
    schema_version = manifest.schema_version
    expected = manifest.files[RECORDS]
    with (folder / RECORDS).open("rb") as handle:
        yield from _records(folder, _hashed_lines(folder, handle, expected), schema_version)


def _hashed_lines(folder: Path, lines: Iterable[bytes], expected: FileDigest) -> Iterator[bytes]:
    """``lines``, hashed as they pass: a file changed between the check before the first
    record and the last record still raises ChecksumError, at the end of the stream."""
    digest = hashlib.sha256()
    size = 0
    for line in lines:
        digest.update(line)
        size += len(line)
        yield line
    actual = digest.hexdigest()
    if (size, actual) != (expected.bytes, expected.sha256):
        raise ChecksumError(
            str(folder),
            [
                f"{RECORDS}: sha256 {actual} does not match the manifest's "
                f"{expected.sha256} (changed while it was read)"
            ],
        )


def load_articles(
    version: str | None = None, *, path: str | os.PathLike[str] | None = None
) -> list[Article]:
    """The records of a release as pydantic Articles, after verifying ``articles.jsonl``.

    The file is read once, in a stream: each line is hashed, counted and validated as it
    passes, and the records are returned only once the whole file matched the manifest
    (unless it matched already and nothing in the release was written since). Damage
    is named before a record this package cannot read, as when the check came first.

    The records are millions of small objects that the garbage collector scans in every
    full collection, including the interpreter's at exit: a program that keeps them to
    its end can call ``gc.freeze()`` after the load, which leaves every object then alive,
    the records among them, out of later collections (20,000 articles: 1.6 s of CPU less
    at exit, and as much at the first full collection after the load).

    >>> articles = load_articles("1.0.0")
    >>> articles[0].id
    '000_9c6493e6ec028e08'
    """
    folder = release_path(version, path=path).resolve()
    signature = _signature(folder)
    known = _known(folder, RECORDS, signature)
    manifest = read_manifest(folder) if known is None else known
    if major(manifest.schema_version) > major(SCHEMA_VERSION):
        _verify_files(folder, [RECORDS])  # names any damage, else refuses the schema version
    lines = _Tally(hashing=known is None)
    problem: RecordError | None = None
    articles: list[Article] = []
    try:
        with (folder / RECORDS).open("rb", buffering=_BUFFER) as handle:
            try:
                articles = _listed(_records(folder, lines.of(handle), manifest.schema_version))
            except RecordError as exc:
                problem = exc
                lines.drain(handle)  # the rest is hashed: damage is named first
    except OSError:
        if known is not None:
            raise
        lines.missing = True  # named as missing by the check below
    if known is None:
        manifest = verify_read(folder, {RECORDS: lines.digest()}, lambda _: lines.count, manifest)
        _verified[(folder, RECORDS)] = (signature, manifest)
    _check_schema_version(folder, manifest)
    if problem is not None:
        raise problem
    return articles


class _Tally:
    """Size, SHA-256 and number of the lines of a file, taken as they pass by."""

    def __init__(self, *, hashing: bool) -> None:
        self.hash = hashlib.sha256() if hashing else None
        self.size = 0
        self.count = 0
        self.missing = False

    def of(self, handle: IO[bytes]) -> Iterator[bytes]:
        """The lines of ``handle``, tallied."""
        update = self.hash.update if self.hash is not None else None
        for line in handle:
            self.count += 1
            if update is not None:
                update(line)
                self.size += len(line)
            yield line

    def drain(self, handle: IO[bytes]) -> None:
        """Tally the lines of ``handle`` not yet read."""
        deque(self.of(handle), maxlen=0)

    def digest(self) -> FileDigest | None:
        """What was read, as the manifest lists a file; None for a file not there."""
        if self.missing or self.hash is None:
            return None
        return FileDigest(bytes=self.size, sha256=self.hash.hexdigest())


def _listed(records: Iterator[Article]) -> list[Article]:
    """``records`` as a list, each sharing field sets as it comes, the collector paused.

    Millions of small objects, none of them garbage: collection would only rescan them.
    Once they are all there they go straight to the oldest generation (freeze, then
    unfreeze: constant time), with whatever else was young, so the first young
    collection after the load does not scan them all: measured, it took a second of
    CPU after a 20,000-article load. Only a full collection looks at them again.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        articles = [_share_fields_sets(article) for article in records]
        if collecting and not gc.get_freeze_count():  # never undo a freeze of the caller's
            gc.freeze()
            gc.unfreeze()
    finally:
        if collecting:
            gc.enable()
    return articles


_FULL_FIELDS: dict[type[BaseModel], set[str]] = {}
_SET_GIVEN = BaseModel.__dict__["__pydantic_fields_set__"].__set__
"""Writes the slot that holds a record's field set, past the frozen ``__setattr__`` (and
faster than ``object.__setattr__``, which looks the name up first)."""


def _share_fields_sets(article: Article) -> Article:
    """``article``, with every record in it that has all its fields (every record of a
    release of this schema) sharing one ``model_fields_set`` per record type.

    pydantic gives each record its own set of the field names it was given: 57% of the
    memory of a loaded article (about 100 records each), and the pages they fill were
    much of the time of a large ``load_articles()``. The records are frozen, and pydantic
    copies the set before changing it (``model_copy``), so one set serves them all.
    The records are gathered field by field (a generic walk over every field measured
    twice as slow); ``tests/test_loader.py`` checks that no record type is missed.
    """
    records: list[BaseModel] = [article, article.source, *article.sections, *article.claims]
    records += article.non_claims or ()
    records += article.people
    records += article.links
    records += article.dropped or ()
    for section in article.sections:
        records += section.paragraph_spans or ()
    for claim in article.claims:
        records += claim.entities
        for cues in (claim.hedges, claim.boosters, claim.negations, claim.relations):
            records += cues or ()
        records += claim.nonassertive or ()
    known = _FULL_FIELDS.get
    for record in records:
        kind = type(record)
        full = known(kind)
        given = record.__pydantic_fields_set__
        if full is None:
            if len(given) == len(kind.model_fields):
                _FULL_FIELDS[kind] = given
        elif len(given) == len(full) and given is not full:
            _SET_GIVEN(record, full)
    return article


Engine = Literal["pandas", "arrow", "polars"]


@overload
def load_table(
    name: str,
    version: str | None = None,
    *,
    path: str | os.PathLike[str] | None = None,
    engine: Literal["pandas"] = "pandas",
) -> pd.DataFrame: ...
@overload
def load_table(
    name: str,
    version: str | None = None,
    *,
    path: str | os.PathLike[str] | None = None,
    engine: Literal["arrow"],
) -> pa.Table: ...
@overload
def load_table(
    name: str,
    version: str | None = None,
    *,
    path: str | os.PathLike[str] | None = None,
    engine: Literal["polars"],
) -> pl.DataFrame: ...
def load_table(
    name: str,
    version: str | None = None,
    *,
    path: str | os.PathLike[str] | None = None,
    engine: Engine = "pandas",
) -> pd.DataFrame | pa.Table | pl.DataFrame:
    """One table of a release, after verifying its checksums: a pandas DataFrame by
    default, a pyarrow Table with ``engine="arrow"``, a Polars DataFrame with
    ``engine="polars"`` (``pip install "adhd-corpus[polars]"``).

    >>> load_table("claims", "1.0.0").columns[:3].tolist()
    ['article_id', 'id', 'section']
    """
    if name not in TABLE_NAMES:
        raise ValueError(f"unknown table {name!r}; tables: {', '.join(TABLE_NAMES)}")
    if engine not in ("pandas", "arrow", "polars"):
        raise ValueError(f"unknown engine {engine!r}; engines: pandas, arrow, polars")
    folder = release_path(version, path=path).resolve()
    signature = _signature(folder)
    known = _known(folder, parquet_file(name), signature)
    manifest = read_manifest(folder) if known is None else known  # read once: checked below
    if parquet_file(name) not in manifest.files:
        raise ReleaseNotFoundError(f"{folder}: this release has no {name!r} table")
    if engine == "polars":
        try:
            import polars
        except ImportError:
            raise ImportError(
                'engine="polars" needs Polars: pip install "adhd-corpus[polars]"'
            ) from None
    fresh = manifest if known is None else None
    data, _ = _verified_bytes(folder, parquet_file(name), signature, fresh)
    file = folder / parquet_file(name)
    if engine == "polars":
        return polars.read_parquet(file if data is None else io.BytesIO(data))
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(file if data is None else pa.BufferReader(data))
    return table if engine == "arrow" else table.to_pandas()


def sql(
    query: str, version: str | None = None, *, path: str | os.PathLike[str] | None = None
) -> pd.DataFrame:
    """Run a DuckDB SQL query over a release's tables (views named after them), after
    verifying its checksums; needs ``pip install "adhd-corpus[duckdb]"``.

    >>> int(sql("SELECT count(*) AS n FROM claims WHERE hedged", "1.1.0")["n"][0])
    15
    """
    try:
        import duckdb
    except ImportError:
        raise ImportError('sql() needs DuckDB: pip install "adhd-corpus[duckdb]"') from None
    folder = open_release(version, path=path)
    tables = [name for name in TABLE_NAMES if (folder / parquet_file(name)).is_file()]
    with duckdb.connect() as connection:
        for name in tables:
            file = str(folder / parquet_file(name)).replace("'", "''")
            connection.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{file}')")
        try:
            frame: pd.DataFrame = connection.execute(query).df()
        except duckdb.CatalogException as exc:
            first = str(exc).splitlines()[0]
            raise ValueError(f"{first}; this release's tables: {', '.join(tables)}") from None
    return frame
