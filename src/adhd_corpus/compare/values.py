"""Values as the comparison sees them: canonical JSON text, and a marker for an absent key.

Kept to these few lines on purpose: the one place to switch to the release contract's
canonical JSON, so that "equal" here means what it means everywhere else.
"""

from __future__ import annotations

from typing import Any

from ..jsonio import canonical_json

MISSING: Any = object()
"""Stands for an absent key, so that absent and null stay different."""


def canon(value: Any) -> str:
    """Canonical JSON, so that equal means equal as written (1 != 1.0 != true).

    >>> canon({"b": 1, "a": [True, None]})
    '{"a": [true, null], "b": 1}'
    """
    return canonical_json(value, "spaced")


def shown(value: Any) -> str:
    """A value as a change line shows it: its canonical JSON, or ``absent``."""
    return "absent" if value is MISSING else canon(value)
