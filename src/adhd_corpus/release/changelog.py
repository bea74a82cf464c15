"""A release's ``CHANGELOG.md``: what changed since the release before it.

The release writer calls this before it seals the release, so the manifest is written
once and lists the changelog with every other file. Which release came before is a
fact of the output folder (``previous_release``); the build looks it up.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..compare import diff_releases, render_changelog
from ..errors import ChecksumError, CorpusError, VersionBumpError
from ..integrity import verify_release
from ..layout import CHANGELOG, MANIFEST
from ..manifest import Manifest
from ..semver import is_version, version_key
from ..versioning import bump_refusal

_BASE = re.compile(r"## \S+ \(from (\S+)\)")


def previous_release(out_dir: Path, version: str) -> Path | None:
    """The release a changelog of ``version`` compares to.

    For a version already published, the one its published CHANGELOG.md names, so that
    releases published since (a patch of an older line) do not change its base; for a
    new one, the newest release in ``out_dir`` older than ``version``.
    """
    published = out_dir / version / CHANGELOG
    if published.is_file():
        with published.open(encoding="utf-8", errors="replace") as handle:
            match = _BASE.fullmatch(handle.readline().rstrip("\n"))
        if match is not None and is_version(match.group(1)):
            return out_dir / match.group(1)
        return None
    older = [
        p
        for p in out_dir.iterdir()
        if is_version(p.name)
        and (p / MANIFEST).is_file()
        and version_key(p.name) < version_key(version)
    ]
    return max(older, key=lambda p: version_key(p.name), default=None)


def changelog_text(folder: Path, manifest: Manifest, previous: Path | None) -> str:
    """The changelog of the release in ``folder`` (``manifest``: its manifest, unsealed)
    against ``previous``; refuses a version step smaller than the schema changes need
    (``versioning``).

    The previous release is verified first: a changelog is immutable once published, so
    it must never describe changes invented by a tampered earlier release."""
    version = manifest.version
    if previous is None:
        return f"## {version}\n\nThe first release in this folder: nothing to compare with.\n"
    try:
        verify_release(previous)
    except ChecksumError as exc:
        raise CorpusError(
            f"{previous}: the release CHANGELOG.md compares with does not verify, so "
            f"nothing was published:\n{exc}"
        ) from None
    changes = diff_releases(previous, folder, new_manifest=manifest)
    refusal = bump_refusal(previous.name, version, changes.compatibility)
    if refusal is not None:
        raise VersionBumpError(refusal)
    return render_changelog(changes)
