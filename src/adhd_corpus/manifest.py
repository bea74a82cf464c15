"""The release contract as types: a release's manifest and the entries of ``index.json``.

Each record has exactly one reader and one writer here. ``read_manifest`` and
``read_index`` accept only the shapes the contract describes and turn anything else
into one clear error naming the file and the reason; ``manifest_text`` and
``index_text`` write the canonical bytes every release has been published with.
Readers of newer releases keep keys this package does not know (``extra="allow"``),
so a later minor version's manifest still loads and ``info --json`` shows it whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from .errors import ChecksumError, ReleaseIndexError, SchemaVersionError
from .jsonio import canonical_json
from .layout import INDEX, MANIFEST
from .semver import is_version, latest, version_key


def _version(text: str) -> str:
    if not is_version(text):
        raise ValueError("not a semantic version")
    return text


Version = Annotated[str, AfterValidator(_version)]
"""A semantic version (MAJOR.MINOR.PATCH[-PRERELEASE])."""
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
"""A SHA-256 digest in lower-case hex."""
_CONFIG = ConfigDict(frozen=True, strict=True, extra="allow")


class FileDigest(BaseModel):
    """Size and SHA-256 of one file of a release."""

    model_config = _CONFIG

    bytes: int = Field(ge=0)
    sha256: Sha256


class Manifest(BaseModel):
    """``manifest.json``: what a release holds and how to check it (fields in key order,
    as written)."""

    model_config = _CONFIG

    counts: dict[str, Annotated[int, Field(ge=0)]]
    """Rows per table (``articles``: records)."""
    files: dict[str, FileDigest]
    """Every other file of the release, by relative path."""
    generator: str
    """The package and version that built the release, e.g. ``adhd-corpus 1.2.0``."""
    name: str
    schema_version: Version
    sources: dict[str, Sha256]
    """Raw file name -> SHA-256 of its bytes."""
    version: Version


class IndexEntry(BaseModel):
    """One release as ``dist/index.json`` lists it (fields in key order, as written)."""

    model_config = _CONFIG

    counts: dict[str, Annotated[int, Field(ge=0)]]
    manifest_sha256: Sha256
    """The hash of the release's ``manifest.json``: what ``verify`` checks it against."""
    schema_version: Version
    version: Version


# --- manifest ----------------------------------------------------------------------------------


_REASONS = {
    "dict_type": "is not an object",
    "model_type": "is not an object",
    "int_type": "is not a whole number",
    "string_type": "is not a string",
    "string_pattern_mismatch": "is not a lower-case hex SHA-256",
    "greater_than_equal": "is negative",
    "value_error": "is not a semantic version",
}
"""Why a value does not fit, by pydantic's error type, in the contract's own words."""


def _field_problems(error: ValidationError, prefix: str) -> list[str]:
    """One line per value of a parsed file that misses the contract, e.g.
    ``manifest.json: 'counts.claims' is not a whole number (found '55')``."""
    problems = []
    for item in error.errors(include_url=False):
        where = ".".join(map(str, item["loc"]))
        if not where:
            problems.append(f"{prefix} is not a JSON object")
        elif item["type"] == "missing":
            problems.append(f"{prefix} has no {where!r}")
        else:
            reason = _REASONS.get(item["type"], item["msg"])
            problems.append(f"{prefix}: {where!r} {reason} (found {item['input']!r})")
    return problems


def parse_manifest(text: str, release: Path) -> Manifest:
    """The manifest in ``text`` (the bytes of ``release``'s manifest.json), or the error
    that says what is wrong with it."""
    try:
        data = json.loads(text)
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise ChecksumError(str(release), [f"{MANIFEST} is not valid JSON: {exc}"]) from None
    try:
        return Manifest.model_validate(data)
    except ValidationError as exc:
        schema_version = data.get("schema_version") if isinstance(data, dict) else None
        if any(e["loc"][:1] == ("schema_version",) for e in exc.errors()):
            raise SchemaVersionError(
                f"{release}: {MANIFEST} has no valid schema_version ({schema_version!r}); "
                "this is not a release this package can read"
            ) from None
        raise ChecksumError(str(release), _field_problems(exc, MANIFEST)) from None


def read_manifest(release: Path) -> Manifest:
    """The manifest of a release folder.

    Raises ChecksumError naming the reason when the folder or its manifest is missing,
    unreadable, not JSON or not of the manifest's shape, and SchemaVersionError when it
    states no valid schema version.
    """
    path = release / MANIFEST
    if not release.is_dir():
        raise ChecksumError(str(release), ["not a release folder"])
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise ChecksumError(str(release), [f"{MANIFEST} is not a regular file"])
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ChecksumError(str(release), [f"{MANIFEST} is missing"]) from None
    except OSError as exc:
        raise ChecksumError(str(release), [f"{MANIFEST} cannot be read: {exc.strerror}"]) from None
    except UnicodeDecodeError as exc:
        raise ChecksumError(str(release), [f"{MANIFEST} is not valid JSON: {exc}"]) from None
    return parse_manifest(text, release)


def manifest_text(manifest: Manifest) -> str:
    """The bytes (as text) of ``manifest.json``: canonical JSON, as every release has it."""
    return canonical_json(manifest.model_dump(mode="json"))


def write_manifest(release: Path, manifest: Manifest) -> None:
    """Write ``manifest.json`` of a release folder."""
    (release / MANIFEST).write_text(manifest_text(manifest), encoding="utf-8", newline="\n")


# --- index -------------------------------------------------------------------------------------


_ENTRY_ORDER = ("version", "manifest_sha256", "schema_version", "counts")
"""The order an entry's fields are checked in, so a damaged entry is named the same way
whatever else is wrong with it."""


def _entry_order(error: Any) -> tuple[int, str]:
    field = str(error["loc"][0]) if error["loc"] else ""
    rank = _ENTRY_ORDER.index(field) if field in _ENTRY_ORDER else len(_ENTRY_ORDER)
    return rank, ".".join(map(str, error["loc"]))


def _entry_problem(entry: object, seen: Iterable[str]) -> str | None:
    """What is wrong with one entry of ``releases``, or None."""
    if not isinstance(entry, dict):
        return "an entry of 'releases' is not an object"
    try:
        IndexEntry.model_validate(entry)
    except ValidationError as exc:
        errors = sorted(exc.errors(), key=_entry_order)
        first = errors[0]
        found = None if first["type"] == "missing" else first["input"]
        if first["loc"][:1] == ("version",):
            return f"an entry has no valid 'version' ({found!r})"
        where = ".".join(map(str, first["loc"]))
        return f"version {entry['version']} has no valid {where!r} ({found!r})"
    if entry["version"] in seen:
        return f"version {entry['version']} is listed twice"
    return None


def read_index(out_dir: Path) -> dict[str, IndexEntry]:
    """Version -> entry of ``<out>/index.json``; empty when there is no index.

    Raises ReleaseIndexError naming the file and what is wrong when it cannot be read,
    is not JSON, or does not have the index's shape: a damaged index must never be
    taken for "no releases published" (that would disable the manifest check).
    """
    path = out_dir / INDEX
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ReleaseIndexError(f"{path}: cannot be read: {exc.strerror}") from None
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise ReleaseIndexError(f"{path}: not valid JSON: {exc}; restore it") from None
    releases = data.get("releases") if isinstance(data, dict) else None
    if not isinstance(releases, list):
        raise ReleaseIndexError(f"{path}: not a release index (no 'releases' list); restore it")
    entries: dict[str, IndexEntry] = {}
    for entry in releases:
        problem = _entry_problem(entry, entries)
        if problem is not None:
            raise ReleaseIndexError(f"{path}: {problem}; restore it")
        entries[entry["version"]] = IndexEntry.model_validate(entry)
    named = data.get("latest")
    if named is not None and named not in entries:
        raise ReleaseIndexError(f"{path}: 'latest' names {named!r}, which it does not list")
    return entries


def index_text(entries: Iterable[IndexEntry]) -> str:
    """The bytes (as text) of ``index.json`` listing ``entries``, oldest first."""
    releases = sorted(entries, key=lambda e: version_key(e.version))
    newest = latest([e.version for e in releases])
    dumped: list[dict[str, Any]] = [e.model_dump(mode="json") for e in releases]
    return canonical_json({"latest": newest, "releases": dumped})
