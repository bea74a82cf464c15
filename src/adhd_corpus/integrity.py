"""Checksums of release files, and the check that a release is what its manifest says.

Shared by the build (to write manifests), ``adhd-corpus verify`` and the loader.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .errors import ChecksumError

MANIFEST = "manifest.json"


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
    """Relative paths of every file in a release folder except the manifest, sorted."""
    return sorted(
        p.relative_to(release).as_posix()
        for p in release.rglob("*")
        if p.is_file() and p.relative_to(release).as_posix() != MANIFEST
    )


def read_manifest(release: Path) -> dict[str, Any]:
    """The parsed manifest of a release, or ChecksumError when it is missing or unreadable."""
    path = release / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ChecksumError(str(release), [f"{MANIFEST} is missing"]) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ChecksumError(str(release), [f"{MANIFEST} is not valid JSON: {exc}"]) from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise ChecksumError(str(release), [f"{MANIFEST} has no 'files' table"])
    return manifest


def verify_release(release: Path) -> dict[str, Any]:
    """Check every file against the manifest; return the manifest or raise ChecksumError.

    Names each file that differs (with expected and actual hash), is missing, or is
    present but not listed.
    """
    manifest = read_manifest(release)
    listed: dict[str, Any] = manifest["files"]
    problems: list[str] = []
    for name in sorted(listed):
        expected = listed[name]
        path = release / name
        if not path.is_file():
            problems.append(f"{name}: missing (listed in {MANIFEST})")
            continue
        actual = file_digest(path)
        if not isinstance(expected, dict) or actual != {
            "bytes": expected.get("bytes"),
            "sha256": expected.get("sha256"),
        }:
            want = expected.get("sha256") if isinstance(expected, dict) else expected
            problems.append(
                f"{name}: sha256 {actual['sha256']} does not match the manifest's {want}"
            )
    for name in release_files(release):
        if name not in listed:
            problems.append(f"{name}: not listed in {MANIFEST}")
    if problems:
        raise ChecksumError(str(release), problems)
    return manifest
