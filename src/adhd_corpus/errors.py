"""The project's exceptions: one base class, one subclass per kind of failure.

Every message says what went wrong, where, and how to fix it, in one line per
problem, so the CLI can print it as is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class CorpusError(Exception):
    """Base class of every error the project raises on purpose."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input: where it is and why it is wrong."""

    file: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.reason}"


class ParseError(CorpusError):
    """A raw article cannot be turned into a record."""

    def __init__(self, reason: str, *, line: int | None = None) -> None:
        super().__init__(reason if line is None else f"line {line}: {reason}")
        self.reason = reason
        self.line = line


class InputError(CorpusError):
    """One or more inputs are invalid; nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sorted(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [str(p) for p in self.problems]
        super().__init__("\n".join([*lines, f"{count} {noun} found; nothing was written"]))


class VersionError(CorpusError):
    """A release version is not a semantic version."""


class ReleaseExistsError(CorpusError):
    """A release with this version exists and the new build differs from it."""


class VersionBumpError(CorpusError):
    """A release's version is a smaller step than its schema changes need (``versioning``)."""


class ReleaseNotFoundError(CorpusError):
    """The requested release is not there."""


class ChecksumError(CorpusError):
    """A release's files do not match its manifest."""

    def __init__(self, release: str, problems: Sequence[str]) -> None:
        self.release = release
        self.problems = list(problems)
        super().__init__("\n".join(f"{release}: {p}" for p in self.problems))


class RecordError(CorpusError):
    """A release's records do not fit this package's models."""


class SchemaVersionError(CorpusError):
    """A release uses a schema major version this package cannot read."""


class BuildLockedError(CorpusError):
    """Another build holds the output folder's lock."""


class ReleaseIndexError(CorpusError):
    """``index.json`` cannot be read, or disagrees with the release folders beside it."""
