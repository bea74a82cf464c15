"""Canonical JSON: the one way the project turns a value into JSON text.

Same value, same text: keys sorted, characters as UTF-8 text (never ``\\u`` escapes),
fixed separators. Release files, JSON Lines rows, the explorer's embedded data, cache
entries and record comparisons all go through ``canonical_json``, so "equal" means
"written the same" everywhere. A leaf module: it imports nothing from the package.
"""

from __future__ import annotations

import json
from typing import Any, Literal

Layout = Literal["file", "line", "spaced"]
"""``file``: indented by two spaces with a final newline (a release's JSON files);
``line``: one line, no spaces (JSON Lines rows, embedded data); ``spaced``: one line
with ``", "`` and ``": "`` (the pages of ``schemaorg.jsonld`` and the values a
comparison shows, as published since 1.0.0)."""


def canonical_json(value: Any, layout: Layout = "file") -> str:
    """``value`` as canonical JSON text in one of three layouts.

    >>> canonical_json({"b": [1, 2], "a": "é"}, "line")
    '{"a":"é","b":[1,2]}'
    >>> canonical_json({"b": [1, 2], "a": "é"}, "spaced")
    '{"a": "é", "b": [1, 2]}'
    >>> canonical_json({"a": 1})
    '{\\n  "a": 1\\n}\\n'
    """
    if layout == "file":
        return json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    if layout == "line":
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    if layout == "spaced":
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    raise ValueError(f"unknown JSON layout {layout!r}; layouts: file, line, spaced")
