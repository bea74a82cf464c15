"""``dist/index.json``: the list of releases, for apps that fetch files over HTTP.

The index is append-only: once a version is listed, its entry (and its manifest
hash, the reference ``verify`` checks a manifest against) never changes and never
goes away. Its one reader and one writer are ``manifest.read_index`` and
``manifest.index_text``; this module decides what the next index lists.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import CorpusError, ReleaseIndexError
from ..layout import INDEX, MANIFEST
from ..manifest import IndexEntry, index_text, read_index
from ..semver import is_version, version_key


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
    releases: list[IndexEntry] = []
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
            IndexEntry(
                version=version,
                schema_version=manifest.schema_version,
                manifest_sha256=hashlib.sha256((folder / MANIFEST).read_bytes()).hexdigest(),
                counts=manifest.counts,
            )
        )
    return index_text(releases)
