"""Read published releases: verify their checksums, then return records or tables.

The loader never parses raw text and never imports the parser or the build.
Releases are looked for in ``$ADHD_CORPUS_DIST`` when set, else in the copy of
the latest release bundled in the installed package, else in the ``dist/``
folder of a source checkout.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args, overload

from pydantic import BaseModel

from .errors import RecordError, ReleaseNotFoundError, SchemaVersionError
from .integrity import read_manifest, verify_release
from .models import SCHEMA_VERSION, Article
from .semver import is_version, latest, major, version_key

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

TABLE_NAMES = ("articles", "sections", "claims", "entities", "people", "links", "documents")
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
    found = [
        p.name for p in root.iterdir() if is_version(p.name) and (p / "manifest.json").is_file()
    ]
    return sorted(found, key=version_key)


def release_path(version: str | None = None, *, path: str | os.PathLike[str] | None = None) -> Path:
    """The folder of a release: ``path`` if given, else ``version``, else the latest."""
    if path is not None:
        folder = Path(path)
        if not folder.exists():
            raise ReleaseNotFoundError(f"{folder}: no such file or folder")
        if not folder.is_dir():
            raise ReleaseNotFoundError(f"{folder}: not a folder (a release is a folder)")
        if not (folder / "manifest.json").is_file():
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
    from .release.index import read_index

    if version in read_index(releases_root()):
        return f" (index.json lists it, but its folder is missing from {releases_root()})"
    return ""


_verified: dict[Path, tuple[object, ...]] = {}
"""Release folder -> the file signatures it had when its checksums last matched."""


def _signature(folder: Path) -> tuple[object, ...]:
    """Size, times and inode of every file of a release (and of the index beside it):
    any write changes one of them, so an equal signature means nothing was touched."""
    paths = sorted([*folder.rglob("*"), folder.parent / "index.json"])
    return tuple(
        (str(p), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        for p in paths
        if p.is_file() and (st := p.stat())
    )


def open_release(version: str | None = None, *, path: str | os.PathLike[str] | None = None) -> Path:
    """Locate a release and verify every checksum and its schema version before use.

    Checksums are recomputed on the first load of a release in a process and again
    whenever any of its files has been written since.
    """
    return _opened(version, path)[0]


def _opened(
    version: str | None, path: str | os.PathLike[str] | None
) -> tuple[Path, dict[str, Any]]:
    """``open_release``, also returning the manifest it checked."""
    folder = release_path(version, path=path).resolve()
    signature = _signature(folder)
    if _verified.get(folder) != signature:
        _verified.pop(folder, None)
        verify_release(folder)
        _verified[folder] = signature
    manifest = read_manifest(folder)
    release_schema = manifest.get("schema_version")
    if not isinstance(release_schema, str) or not is_version(release_schema):
        raise SchemaVersionError(
            f"{folder}: manifest.json has no valid schema_version ({release_schema!r}); "
            "this is not a release this package can read"
        )
    if major(release_schema) > major(SCHEMA_VERSION):
        writer = str(manifest.get("generator", "a newer adhd-corpus"))
        wanted = writer.replace("adhd-corpus ", "adhd-corpus>=", 1)
        raise SchemaVersionError(
            f"{folder}: schema version {release_schema} is newer than this package reads "
            f"(schema {SCHEMA_VERSION}); it was written by {writer}: "
            f'pip install "{wanted}" to read it'
        )
    return folder, manifest


def known_fields(value: Any, model: type[BaseModel]) -> Any:
    """``value`` without the keys ``model`` (and the models nested in it) does not define."""
    if not isinstance(value, dict):
        return value
    kept = {}
    for key, item in value.items():
        info = model.model_fields.get(key)
        if info is None:
            continue
        nested = _model_in(info.annotation)
        if nested is not None and isinstance(item, list):
            kept[key] = [known_fields(element, nested) for element in item]
        elif nested is not None:
            kept[key] = known_fields(item, nested)
        else:
            kept[key] = item
    return kept


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside ``X``, ``list[X]``, ``X | None`` or ``list[X] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def load_articles(
    version: str | None = None, *, path: str | os.PathLike[str] | None = None
) -> list[Article]:
    """The records of a release as pydantic Articles, after verifying its checksums.

    >>> articles = load_articles("1.0.0")
    >>> articles[0].id
    '000_9c6493e6ec028e08'
    """
    from pydantic import ValidationError

    folder, manifest = _opened(version, path)
    schema_version = str(manifest.get("schema_version", SCHEMA_VERSION))
    # A newer minor schema only adds fields: read what this package knows, drop the rest.
    tolerant = version_key(schema_version) > version_key(SCHEMA_VERSION)
    articles: list[Article] = []
    with (folder / "articles.jsonl").open("r", encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                if tolerant:
                    articles.append(Article.model_validate(known_fields(json.loads(line), Article)))
                else:
                    articles.append(Article.model_validate_json(line))
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(map(str, first["loc"]))
                raise RecordError(
                    f"{folder}/articles.jsonl:{number}: {where}: {first['msg']} "
                    f"({exc.error_count()} problem(s)); this package cannot read the record"
                ) from None
    return articles


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
    file = open_release(version, path=path) / f"{name}.parquet"
    if not file.is_file():
        raise ReleaseNotFoundError(f"{file.parent}: this release has no {name!r} table")
    if engine == "polars":
        try:
            import polars
        except ImportError:
            raise ImportError(
                'engine="polars" needs Polars: pip install "adhd-corpus[polars]"'
            ) from None
        return polars.read_parquet(file)
    import pyarrow.parquet as pq

    table = pq.read_table(file)
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
    tables = [name for name in TABLE_NAMES if (folder / f"{name}.parquet").is_file()]
    with duckdb.connect() as connection:
        for name in tables:
            file = str(folder / f"{name}.parquet").replace("'", "''")
            connection.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{file}')")
        try:
            frame: pd.DataFrame = connection.execute(query).df()
        except duckdb.CatalogException as exc:
            first = str(exc).splitlines()[0]
            raise ValueError(f"{first}; this release's tables: {', '.join(tables)}") from None
    return frame
