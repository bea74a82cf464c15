"""Checksums of release files, and the check that a release is what its manifest says.

Shared by the build (to write manifests), ``adhd-corpus verify`` and the loader.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from .errors import ChecksumError
from .semver import is_version

MANIFEST = "manifest.json"
INDEX = "index.json"
OS_METADATA = frozenset({".ds_store", "thumbs.db", "desktop.ini"})
"""Files an operating system's file browser leaves in any folder it shows (lower case);
AppleDouble files (``._name``) too. Harmless strangers: never read, never listed."""


def is_os_metadata(name: str) -> bool:
    """True for a file an operating system leaves behind, at any depth of a release.

    >>> is_os_metadata(".DS_Store"), is_os_metadata("charts/._x.svg"), is_os_metadata("a.txt")
    (True, True, False)
    """
    base = name.rsplit("/", 1)[-1]
    return base.lower() in OS_METADATA or base.startswith("._")


def os_metadata_files(release: Path) -> list[str]:
    """Relative paths of the operating-system metadata files in a release folder, sorted."""
    return sorted(
        p.relative_to(release).as_posix()
        for p in release.rglob("*")
        if p.is_file() and is_os_metadata(p.relative_to(release).as_posix())
    )


def file_digest(path: Path) -> dict[str, Any]:
    """``{"sha256", "bytes"}`` of one file, read in chunks so size does not matter."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return {"bytes": size, "sha256": digest.hexdigest()}


def release_files(release: Path) -> list[str]:
    """Relative paths of every file in a release folder except the manifest and any
    operating-system metadata files, sorted."""
    return sorted(
        name
        for p in release.rglob("*")
        if p.is_file()
        and (name := p.relative_to(release).as_posix()) != MANIFEST
        and not is_os_metadata(name)
    )


def read_manifest(release: Path) -> dict[str, Any]:
    """The parsed manifest of a release, or ChecksumError when it is missing or unreadable."""
    path = release / MANIFEST
    if not release.is_dir():
        raise ChecksumError(str(release), ["not a release folder"])
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise ChecksumError(str(release), [f"{MANIFEST} is not a regular file"])
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ChecksumError(str(release), [f"{MANIFEST} is missing"]) from None
    except OSError as exc:
        raise ChecksumError(str(release), [f"{MANIFEST} cannot be read: {exc.strerror}"]) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ChecksumError(str(release), [f"{MANIFEST} is not valid JSON: {exc}"]) from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise ChecksumError(str(release), [f"{MANIFEST} has no 'files' table"])
    return manifest


def _version_problems(release: Path, manifest: dict[str, Any]) -> list[str]:
    """A folder named like a version must hold that version: a copy renamed to another
    version must not verify, load as that version, or enter the index."""
    stated = manifest.get("version")
    if is_version(release.name) and stated != release.name:
        return [
            f"{MANIFEST}: version {stated!r} does not match the folder name {release.name!r} "
            "(a release folder copied or renamed to another version)"
        ]
    return []


def symlinks(release: Path) -> list[str]:
    """Relative paths of the symbolic links inside a release folder, sorted."""
    return sorted(p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_symlink())


def _manifest_problems(release: Path, manifest: dict[str, Any]) -> list[str]:
    """Ways an edited manifest gives itself away, once its files are known to match it."""
    problems: list[str] = []
    digest = hashlib.sha256((release / MANIFEST).read_bytes()).hexdigest()
    from .release.index import read_index

    entry = read_index(release.parent).get(release.name)
    if entry is not None and entry["manifest_sha256"] != digest:
        published = entry["manifest_sha256"]
        problems.append(f"{MANIFEST}: sha256 {digest} does not match {INDEX}'s {published}")
    counts = manifest.get("counts")
    if not isinstance(counts, dict):
        return [*problems, f"{MANIFEST}: no 'counts' table"]
    listed = manifest["files"]
    if "articles.jsonl" in listed:
        with (release / "articles.jsonl").open("rb") as handle:
            lines = sum(1 for _ in handle)
        if counts.get("articles") != lines:
            problems.append(
                f"{MANIFEST}: counts.articles is {counts.get('articles')} "
                f"but articles.jsonl has {lines} records"
            )
    tables = sorted(n.removesuffix(".parquet") for n in listed if n.endswith(".parquet"))
    if tables:
        import pyarrow.parquet as pq

        for table in tables:
            try:
                rows = pq.read_metadata(release / f"{table}.parquet").num_rows
            except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
                problems.append(f"{table}.parquet: not a readable Parquet file: {exc}")
                continue
            if counts.get(table) != rows:
                problems.append(
                    f"{MANIFEST}: counts.{table} is {counts.get(table)} "
                    f"but {table}.parquet has {rows} rows"
                )
    return problems


def verify_release(release: Path) -> dict[str, Any]:
    """Check every file against the manifest; return the manifest or raise ChecksumError.

    Names each file that differs (with expected and actual hash), is missing, or is
    present but not listed; then checks the manifest itself against the release index
    (when the release sits beside one) and against the row counts of the files.
    """
    manifest = read_manifest(release)
    listed: dict[str, Any] = manifest["files"]
    problems = _version_problems(release, manifest)
    problems += [f"{name}: symbolic link; a release holds only files" for name in symlinks(release)]
    linked = set(symlinks(release))
    outside = [n for n in listed if Path(n).is_absolute() or ".." in Path(n).parts]
    problems += [f"{name}: names a file outside the release" for name in sorted(outside)]
    present = [
        name
        for name in sorted(listed)
        if name not in outside and name not in linked and (release / name).is_file()
    ]
    # hashlib releases the GIL on large reads: threads hash files side by side.
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        hashed = pool.map(file_digest, [release / name for name in present])
        digests = dict(zip(present, hashed, strict=True))
    for name in sorted(listed):
        expected = listed[name]
        if name in outside or name in linked:
            continue
        if name not in digests:
            problems.append(f"{name}: missing (listed in {MANIFEST})")
            continue
        actual = digests[name]
        if not isinstance(expected, dict) or actual != {
            "bytes": expected.get("bytes"),
            "sha256": expected.get("sha256"),
        }:
            want = expected.get("sha256") if isinstance(expected, dict) else expected
            problems.append(
                f"{name}: sha256 {actual['sha256']} does not match the manifest's {want}"
            )
    for name in release_files(release):
        if name not in listed and name not in linked:
            problems.append(f"{name}: not listed in {MANIFEST}")
    if not problems:
        problems = _manifest_problems(release, manifest)
    if problems:
        raise ChecksumError(str(release), problems)
    return manifest
