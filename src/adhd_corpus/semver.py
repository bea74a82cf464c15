"""Release versions: semantic versions only, ordered as semver orders them."""

from __future__ import annotations

import re

from .errors import VersionError

SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?",
    re.ASCII,  # "\d" would also match other scripts' digits: "1\u0660.0.0" is no version
)


def check_version(version: str) -> str:
    """Return ``version`` when it is MAJOR.MINOR.PATCH[-PRERELEASE], else raise VersionError."""
    if not SEMVER.fullmatch(version):
        raise VersionError(
            f"version {version!r} is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.2.0)"
        )
    return version


def is_version(text: str) -> bool:
    """True when ``text`` is a semantic version."""
    return SEMVER.fullmatch(text) is not None


def version_key(version: str) -> tuple[int, int, int, int, tuple[tuple[int, int | str], ...]]:
    """Sort key: numeric parts, then a release after its pre-releases, then pre-release parts."""
    match = SEMVER.fullmatch(version)
    if match is None:
        raise VersionError(f"version {version!r} is not a semantic version")
    major, minor, patch, pre = match.groups()
    parts = tuple((0, int(p)) if p.isdigit() else (1, p) for p in pre.split(".")) if pre else ()
    return int(major), int(minor), int(patch), 0 if pre else 1, parts


def major(version: str) -> int:
    """The major part of a semantic version."""
    return version_key(version)[0]


def latest(versions: list[str]) -> str | None:
    """The newest final release, or the newest pre-release when there is no final one."""
    finals = [v for v in versions if "-" not in v]
    return max(finals or versions, key=version_key, default=None)
