"""``dist/index.json``: the list of releases, for apps that fetch files over HTTP."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from ..integrity import INDEX, MANIFEST
from ..semver import is_version, version_key
from ..validate import dump_json

INDEX_FILE = INDEX
STALE_INDEX = f".{INDEX}.*.tmp"
"""Temporary index files; one left behind by a killed build is removed by the next."""


def _published(out_dir: Path) -> dict[str, dict[str, Any]]:
    path = out_dir / INDEX_FILE
    if not path.is_file():
        return {}
    entries = json.loads(path.read_text(encoding="utf-8")).get("releases", [])
    return {entry["version"]: entry for entry in entries}


def render_index(out_dir: Path) -> str:
    """The index text for every release folder under ``out_dir``, oldest first.

    Entries already published are kept as they are: a release is immutable, so its
    manifest hash in the index is the reference ``verify`` checks the manifest against.
    """
    published = _published(out_dir)
    releases: list[dict[str, Any]] = []
    for folder in out_dir.iterdir():
        manifest_path = folder / MANIFEST
        if not (is_version(folder.name) and manifest_path.is_file()):
            continue
        if folder.name in published:
            releases.append(published[folder.name])
            continue
        data = manifest_path.read_bytes()
        manifest = json.loads(data)
        releases.append(
            {
                "version": folder.name,
                "schema_version": manifest["schema_version"],
                "manifest_sha256": hashlib.sha256(data).hexdigest(),
                "counts": manifest["counts"],
            }
        )
    releases.sort(key=lambda r: version_key(r["version"]))
    latest = releases[-1]["version"] if releases else None
    return dump_json({"latest": latest, "releases": releases})


def write_index(out_dir: Path) -> Path:
    """Rewrite ``<out>/index.json`` atomically; leave it alone when nothing changed."""
    path = out_dir / INDEX_FILE
    text = render_index(out_dir)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return path
    tmp = out_dir / STALE_INDEX.replace("*", str(os.getpid()))
    with tmp.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(path)
    return path
