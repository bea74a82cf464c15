"""What changed between two releases: records, claims, schema, and the version they need.

``releases`` reads two release folders and assembles the report; ``records`` compares
their records, ``schema`` their JSON Schemas (what counts as breaking is written down
there); ``report`` holds the result and its JSON form, ``render`` the text for people
and the changelog. Which version a verdict needs is ``adhd_corpus.versioning``.

>>> from adhd_corpus.compare import diff_releases
>>> from adhd_corpus.loader import release_path
>>> diff = diff_releases(release_path("1.0.0"), release_path("1.1.0"))
>>> diff.breaking, diff.required_bump
(False, 'minor')
"""

from .releases import diff_releases
from .render import render_changelog, render_text
from .report import (
    ArticleChange,
    ClaimChange,
    ClaimMove,
    CountChange,
    FieldChange,
    FieldFill,
    ReleaseDiff,
)
from .schema import ChangeKind, SchemaChange, compatibility, is_breaking, schema_changes

__all__ = [
    "ArticleChange",
    "ChangeKind",
    "ClaimChange",
    "ClaimMove",
    "CountChange",
    "FieldChange",
    "FieldFill",
    "ReleaseDiff",
    "SchemaChange",
    "compatibility",
    "diff_releases",
    "is_breaking",
    "render_changelog",
    "render_text",
    "schema_changes",
]
