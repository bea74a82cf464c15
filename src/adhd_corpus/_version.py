"""The package version, in a leaf module: the build, its workers and the CLI read it
without importing the package root (and so the loader)."""

from __future__ import annotations

from importlib.metadata import version

__version__ = version("adhd-corpus")
