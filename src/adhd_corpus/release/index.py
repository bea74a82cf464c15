"""``dist/index.json``: the list of releases, for apps that fetch files over HTTP.

The index is append-only: once a version is listed, its entry (and its manifest
hash, the reference ``verify`` checks a manifest against) never changes and never
goes away. ``read_index`` is the one reader, shared by the build, ``verify`` and the
loader: it accepts only a well-formed index and raises one clear error otherwise.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from ..errors import CorpusError, ReleaseIndexError
from ..layout import INDEX, MANIFEST
from ..semver import is_version, latest, version_key

_SHA256 = re.compile(r"[0-9a-f]{64}", re.ASCII)


def _entry_problem(entry: object, seen: set[str]) -> str | None:
    """What is wrong with one entry of ``releases``, or None."""
    if not isinstance(entry, dict):
        return "an entry of 'releases' is not an object"
    version = entry.get("version")
    if not isinstance(version, str) or not is_version(version):
        return f"an entry has no valid 'version' ({version!r})"
    if version in seen:
        return f"version {version} is listed twice"
    digest = entry.get("manifest_sha256")
    if not isinstance(digest, str) or not _SHA256.fullmatch(digest):
        return f"version {version} has no valid 'manifest_sha256' ({digest!r})"
    schema = entry.get("schema_version")
    if not isinstance(schema, str) or not is_version(schema):
        return f"version {version} has no valid 'schema_version' ({schema!r})"
    if not isinstance(entry.get("counts"), dict):
        return f"version {version} has no 'counts' object"
    return None


def read_index(out_dir: Path) -> dict[str, dict[str, Any]]:
    """Version -> entry of ``<out>/index.json``; empty when there is no index.

    Raises ReleaseIndexError naming the file and what is wrong when it cannot be read,
    is not JSON, or does not have the index's shape: a damaged index must never be
    taken for "no releases published" (that would disable the manifest check).
    """
    path = out_dir / INDEX
    try:
        text = path.read_bytes().decode("utf-8")
        data = json.loads(text)
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ReleaseIndexError(f"{path}: cannot be read: {exc.strerror}") from None
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise ReleaseIndexError(f"{path}: not valid JSON: {exc}; restore it") from None
    releases = data.get("releases") if isinstance(data, dict) else None
    if not isinstance(releases, list):
        raise ReleaseIndexError(f"{path}: not a release index (no 'releases' list); restore it")
    entries: dict[str, dict[str, Any]] = {}
    for entry in releases:
        problem = _entry_problem(entry, set(entries))
        if problem is not None:
            raise ReleaseIndexError(f"{path}: {problem}; restore it")
        entries[entry["version"]] = entry
    named = data.get("latest")
    if named is not None and named not in entries:
        raise ReleaseIndexError(f"{path}: 'latest' names {named!r}, which it does not list")
    return entries


def manifest_version(folder: Path) -> str | None:
    """The version a release folder's manifest states, or None when it states none."""
    try:
        manifest = json.loads((folder / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return None
    version = manifest.get("version") if isinstance(manifest, dict) else None
    return version if isinstance(version, str) else None


def render_index(out_dir: Path, pending: Path | None = None) -> str:
    """The index text for every release folder under ``out_dir`` (and ``pending``, a
    release about to be renamed into ``out_dir``), oldest first.

    Entries already published are kept as they are. A folder not yet listed is
    verified before it is added, so a copied or edited folder is never recorded; a
    listed version whose folder is gone is an error, never dropped.
    """
    from ..integrity import verify_release

    published = read_index(out_dir)
    folders = {
        p.name: p
        for p in out_dir.iterdir()
        if is_version(p.name) and not p.is_symlink() and (p / MANIFEST).is_file()
    }
    if pending is not None:
        folders[pending.name] = pending
    missing = sorted(set(published) - set(folders), key=version_key)
    if missing:
        raise ReleaseIndexError(
            f"{out_dir / INDEX}: lists {', '.join(missing)} but "
            f"{'that folder is' if len(missing) == 1 else 'those folders are'} missing from "
            f"{out_dir}; published releases are never removed: restore "
            f"{'it' if len(missing) == 1 else 'them'}"
        )
    releases: list[dict[str, Any]] = []
    for version, folder in folders.items():
        if version in published:
            releases.append(published[version])
            continue
        try:
            manifest = verify_release(folder)
        except CorpusError as exc:
            raise ReleaseIndexError(
                f"{out_dir / version}: not listed in {INDEX} and it does not verify, so "
                f"it cannot be added: {exc}"
            ) from None
        releases.append(
            {
                "version": version,
                "schema_version": manifest["schema_version"],
                "manifest_sha256": hashlib.sha256((folder / MANIFEST).read_bytes()).hexdigest(),
                "counts": manifest["counts"],
            }
        )
    releases.sort(key=lambda r: version_key(r["version"]))
    return dump_index(releases)


def dump_index(releases: list[dict[str, Any]]) -> str:
    """The index text of ``releases`` (sorted oldest first)."""
    from ..validate import dump_json

    newest = latest([r["version"] for r in releases])
    return dump_json({"latest": newest, "releases": releases})
