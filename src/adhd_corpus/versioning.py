"""The version-bump policy: which new version a release's schema changes call for.

A schema change is breaking, additive or absent (``compare.schema`` decides which);
the policy maps that verdict to the smallest bump that may carry it: a new major
version for breaking changes, a new minor version for additive ones, a patch
otherwise. In 0.x, where semver promises nothing, each need moves down one step (a
new minor version carries breaking changes), as Cargo reads 0.x versions. The build
refuses a release whose version is a smaller step; the comparison reports the bump.
Beside ``semver``, which knows what a version is; this module knows what one must be.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .semver import version_key

__all__ = ["Bump", "Compatibility", "Level", "bump_refusal", "required_bump", "version_step"]

Level = Literal["breaking", "additive", "none"]
"""How a new schema relates to the old one, for consumers (see ``compare.schema``)."""
Bump = Literal["major", "minor", "patch"]

_NEEDS: dict[Level, Bump] = {"breaking": "major", "additive": "minor", "none": "patch"}
_BUMPS: tuple[Bump, Bump, Bump] = ("major", "minor", "patch")
_RANK: dict[Bump, int] = {"major": 3, "minor": 2, "patch": 1}
_ZERO: dict[Bump, Bump] = {"major": "minor", "minor": "patch", "patch": "patch"}


@dataclass(frozen=True)
class Compatibility:
    """A verdict on a schema change and the changes that decided it."""

    level: Level
    reasons: tuple[str, ...] = ()
    """The changes behind the level, e.g. ``Claim.x (field removed)``, in order."""


def required_bump(level: Level, old_version: str | None = None) -> Bump:
    """The smallest bump that may carry a change of ``level`` from ``old_version``.

    >>> required_bump("breaking"), required_bump("additive"), required_bump("none")
    ('major', 'minor', 'patch')
    >>> required_bump("breaking", "0.3.0")
    'minor'
    """
    bump = _NEEDS[level]
    if old_version is not None and version_key(old_version)[0] == 0:
        return _ZERO[bump]
    return bump


def version_step(old_version: str, new_version: str) -> Bump | None:
    """The bump from one version to another: the first numeric part that grew, or None.

    A later pre-release of the same version, or that version's release, continues the
    step the version itself makes (``2.0.0-rc.1`` -> ``2.0.0`` is still a major release).

    >>> version_step("1.1.0", "2.0.0-rc.1"), version_step("1.1.0", "1.1.1")
    ('major', 'patch')
    >>> version_step("2.0.0-rc.1", "2.0.0"), version_step("1.2.0-rc.1", "1.2.0-rc.2")
    ('major', 'minor')
    >>> print(version_step("1.1.0", "1.1.0"))
    None
    """
    old_key, new_key = version_key(old_version), version_key(new_version)
    old, new = old_key[:3], new_key[:3]
    for part, bump in zip(range(3), _BUMPS, strict=True):
        if new[part] != old[part]:
            return bump if new[part] > old[part] else None
    if old_key[3] == 0 and new_key > old_key:  # a pre-release, then a later one of its series
        # the step a version makes is its last non-zero part: 1.2.0 is a minor release
        return next((b for p, b in reversed(list(zip(new, _BUMPS, strict=True))) if p), "major")
    return None


def _next(old_version: str, bump: Bump) -> str:
    major, minor, patch = version_key(old_version)[:3]
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def bump_refusal(old_version: str, new_version: str, verdict: Compatibility) -> str | None:
    """Why ``new_version`` may not follow ``old_version`` given the schema verdict, or None.

    Only schema changes call for more than a patch, so a release that changes no
    schema, or any release whose version grew at least as much as its changes need,
    passes. Versions must be semantic versions (``VersionError`` otherwise).

    >>> verdict = Compatibility("breaking", ("Claim.x (field removed)",))
    >>> print(bump_refusal("1.1.0", "1.2.0", verdict))  # doctest: +NORMALIZE_WHITESPACE
    schema change Claim.x (field removed) is breaking:
    release 1.2.0 needs a new major version (2.0.0)
    >>> print(bump_refusal("1.1.0", "2.0.0", verdict))
    None
    """
    needed = required_bump(verdict.level, old_version)
    step = version_step(old_version, new_version)
    if verdict.level == "none" or (step is not None and _RANK[step] >= _RANK[needed]):
        return None
    named = list(verdict.reasons[:3])
    if len(verdict.reasons) > 3:
        named[-1] += f" and {len(verdict.reasons) - 3} more"
    one = len(verdict.reasons) == 1
    subject = "schema change" if one else "schema changes"
    verb = "is" if one else "are"
    return (
        f"{subject} {', '.join(named)} {verb} {verdict.level}: release {new_version} "
        f"needs a new {needed} version ({_next(old_version, needed)})"
    )
