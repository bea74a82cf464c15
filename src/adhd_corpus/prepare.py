"""One raw text -> one published record and its table rows: the unit of work of a build.

``prepare`` is a pure function of the raw bytes and the code, so a build can run it
in any order, in worker processes or on a cluster, and cache it: the cache key is the
raw file's name and hash plus a fingerprint of the code that shapes the output. Its
result is explicit: a ``Prepared`` article or the input's problems, never both.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version as package_version
from pathlib import Path
from types import TracebackType
from typing import Any

from pydantic import ValidationError

from ._version import __version__
from .errors import ParseError, Problem
from .jsonio import canonical_json
from .models import Source
from .parse import parse_article
from .release.explorer import summary as explorer_summary
from .sources import RawInput, RawText
from .tables import Row, record_rows
from .validate import schema_problems


@dataclass(frozen=True)
class Prepared:
    """A valid article as the writers take it: its JSON line, its rows in every table and
    its entry in the explorer's index (so the writer need not parse the line again)."""

    article_id: str
    source: str
    sha256: str
    record: str
    rows: dict[str, list[Row]]
    summary: dict[str, Any]


def prepare(raw: RawText) -> Prepared | list[Problem]:
    """Parse, validate with pydantic and with the JSON Schema, serialise, and flatten."""
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
    record = article.model_dump(mode="json")
    problems = schema_problems(record, file=raw.label, line=None)
    if problems:
        return problems
    return Prepared(
        article.id,
        raw.name,
        raw.sha256,
        canonical_json(record, "line"),
        record_rows(record, raw.text),
        explorer_summary(record),
    )


@cache
def code_fingerprint() -> str:
    """A hash of everything that shapes prepared output: the package's code and data,
    its version, the Python version and its Unicode database (they decide what
    ``str.isupper`` and friends say), and the pydantic and pyarrow versions."""
    python = ".".join(map(str, sys.version_info[:3]))
    versions = [__version__, python, unicodedata.unidata_version]
    versions += [package_version("pydantic"), package_version("pyarrow")]
    digest = hashlib.sha256(":".join(versions).encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".tsv", ".json"}:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _entry_checksum(article_id: str, record: str, rows: object) -> str:
    """The checksum an entry carries of its own content."""
    content = canonical_json([article_id, record, rows], "spaced")
    return hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()


class PreparedCache:
    """Prepared articles on disk, keyed by raw name, raw hash and code fingerprint.

    An entry is used only when it proves it belongs to the input: its own checksum
    matches its content, and its record's id and source hash are the raw file's.
    Anything else (another article's entry, edited text, a wrong shape) is a miss.
    """

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder
        self.fingerprint = fingerprint

    def _path(self, name: str, sha256: str) -> Path:
        key = hashlib.sha256(f"{self.fingerprint}:{sha256}:{name}".encode()).hexdigest()
        return self.folder / key[:2] / f"{key}.json"

    def get(self, name: str, sha256: str) -> Prepared | None:
        """The cached result, or None (missing, unreadable or unproven entries are misses)."""
        try:
            data = json.loads(self._path(name, sha256).read_text(encoding="utf-8"))
            article_id, text, rows = data["id"], data["record"], data["rows"]
            record = json.loads(text)
            proven = (
                data["check"] == _entry_checksum(article_id, text, rows)
                and article_id == record["id"] == name.removesuffix(".txt")
                and record["source"]["sha256"] == sha256
                and record["source"]["path"] == name
                and isinstance(rows, dict)
                and all(isinstance(v, list) for v in rows.values())
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        if not proven:
            return None
        return Prepared(article_id, name, sha256, text, rows, explorer_summary(record))

    def put(self, item: Prepared) -> None:
        """Store a result atomically (a reader never sees half an entry). A cache that
        cannot be written (read-only, full) only costs the next build the work."""
        path = self._path(item.source, item.sha256)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        entry = {
            "id": item.article_id,
            "record": item.record,
            "rows": item.rows,
            "check": _entry_checksum(item.article_id, item.record, item.rows),
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(canonical_json(entry, "line"), encoding="utf-8")
            tmp.replace(path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)


@dataclass(frozen=True)
class Packed:
    """A prepared article pickled where it was prepared, with what the build checks
    before it holds it. What crosses from a worker to the build is then one bytes object,
    which the build spools as it is, instead of thousands of small objects unpickled on
    arrival and pickled again into the spool: the writers unpickle each article once."""

    source: str
    sha256: str
    data: bytes
    """``pickle.dumps`` of the ``Prepared`` article."""

    @classmethod
    def of(cls, item: Prepared) -> Packed:
        return cls(item.source, item.sha256, pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))

    def unpack(self) -> Prepared:
        item = pickle.loads(self.data)  # made by ``of`` in a process of this build
        if not isinstance(item, Prepared):
            raise TypeError(f"packed data holds a {type(item).__name__}, not a Prepared")
        return item


@dataclass(frozen=True)
class Outcome:
    """What preparing one input gave: the article (as it is, or packed to cross a process
    boundary) or its problems, and whether it was cached."""

    result: Prepared | Packed | list[Problem]
    cached: bool = False


def prepare_input(item: RawInput, cache_dir: str | None = None, fingerprint: str = "") -> Outcome:
    """Read, check, decode and prepare one input, through the cache when there is one.

    The entry point of worker processes and cluster tasks: arguments and result pickle.
    """
    decoded = item.read()
    if isinstance(decoded, Problem):
        return Outcome([decoded])
    store = PreparedCache(Path(cache_dir), fingerprint) if cache_dir else None
    if store is not None:
        hit = store.get(item.name, decoded.sha256)
        if hit is not None:
            return Outcome(hit, cached=True)
    result = prepare(decoded)
    if store is not None and isinstance(result, Prepared):
        store.put(result)
    return Outcome(result)


def prepare_packed(item: RawInput, cache_dir: str | None = None, fingerprint: str = "") -> Outcome:
    """``prepare_input``, with the article ``Packed``: the task a build's engines run."""
    outcome = prepare_input(item, cache_dir, fingerprint)  # looked up now: tests replace it
    if isinstance(outcome.result, Prepared):
        return Outcome(Packed.of(outcome.result), outcome.cached)
    return outcome


class PreparedSpool:
    """Prepared articles held, in order, until the build knows it may write them.

    An unnamed temporary file in ``folder`` (the output folder: the same disk the release
    will take): nothing appears in the folder, memory stays flat, and the file vanishes
    when it is closed or the process dies, even by ``kill -9``.
    """

    def __init__(self, folder: Path) -> None:
        self._file = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 (closed by close())
        self.count = 0

    def add(self, item: Prepared | Packed) -> None:
        """Hold one more article (a packed one is written as it is: it is the pickle)."""
        if isinstance(item, Packed):
            self._file.write(item.data)
        else:
            pickle.dump(item, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __iter__(self) -> Iterator[Prepared]:
        """The articles held, in the order they were added."""
        self._file.seek(0)
        for _ in range(self.count):
            item = pickle.load(self._file)  # our own file, unnamed: no one else wrote it
            if not isinstance(item, Prepared):
                raise TypeError(f"spool holds a {type(item).__name__}, not a Prepared")
            yield item

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> PreparedSpool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
