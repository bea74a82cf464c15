"""The report for people: a terminal summary and the changelog a release carries.

The JSON form for programs is the report's own (``ReleaseDiff.to_json``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .report import ArticleChange, CountChange, FieldChange, ReleaseDiff
from .schema import ChangeKind, SchemaChange

__all__ = ["render_changelog", "render_text"]

_CHANGELOG_LIMIT = 20
"""Entries per list in a changelog, so a large release still reads in a minute."""


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _count_text(count: CountChange) -> str:
    def show(value: int | None) -> str:
        return "-" if value is None else str(value)

    if count.old == count.new:
        return f"{count.table} {show(count.new)}"
    return f"{count.table} {show(count.old)} -> {show(count.new)} ({count.delta:+d})"


def _claims_line(article: ArticleChange) -> str:
    parts = [
        f"{len(article.claims_added)} added",
        f"{len(article.claims_removed)} removed",
        f"{len(article.claims_moved)} moved",
        f"{len(article.claims_changed)} changed",
    ]
    return ", ".join(p for p in parts if not p.startswith("0 ")) or "reordered"


def _change_text(change: FieldChange) -> str:
    return f"{change.name} {change.old} -> {change.new}"


def render_text(diff: ReleaseDiff) -> str:
    """The diff for people: a summary, then schema, new fields and per-article details.

    >>> from adhd_corpus.compare import diff_releases
    >>> from adhd_corpus.loader import release_path
    >>> print(render_text(diff_releases(release_path("1.1.0"), release_path("1.1.0"))))
    ... # doctest: +ELLIPSIS
    adhd-corpus 1.1.0 -> 1.1.0 (schema 1.1.0 -> 1.1.0)
    no changes
    ...
    """
    schema = f"schema {diff.old_schema_version} -> {diff.new_schema_version}"
    lines = [f"{diff.name} {diff.old_version} -> {diff.new_version} ({schema})"]
    if diff.empty:
        lines.append("no changes")
    else:
        claims = diff.claim_totals
        lines += [
            f"articles: {len(diff.added)} added, {len(diff.removed)} removed, "
            f"{len(diff.changed)} changed, {diff.unchanged} unchanged",
            f"claims: {claims['added']} added, {claims['removed']} removed, "
            f"{claims['moved']} moved, {claims['changed']} changed",
            f"schema: {_plural(len(diff.schema_changes), 'change')}, "
            f"{sum(c.breaking for c in diff.schema_changes)} breaking",
        ]
    lines.append("counts: " + ", ".join(_count_text(c) for c in diff.counts))
    if diff.schema_changes:
        lines += ["", "schema changes:"]
        lines += [
            f"  {'breaking' if c.breaking else 'additive'}  {c.path}: {c.kind}"
            + (f" ({c.detail})" if c.detail else "")
            for c in diff.schema_changes
        ]
    if diff.new_fields:
        lines += ["", "new fields filled in:"]
        lines += [
            f"  {f.path}: in {_plural(f.records, 'record')}, {f.non_null} with a value"
            for f in diff.new_fields
        ]
    if diff.dropped_fields:
        lines += ["", "fields dropped:"]
        lines += [
            f"  {f.path}: was in {_plural(f.records, 'record')}, {f.non_null} with a value"
            for f in diff.dropped_fields
        ]
    if diff.added:
        lines += ["", "articles added:", *(f"  + {i}" for i in diff.added)]
    if diff.removed:
        lines += ["", "articles removed:", *(f"  - {i}" for i in diff.removed)]
    if diff.changed:
        lines += ["", "articles changed:"]
    for article in diff.changed:
        lines.append(f"  ~ {article.id}: {', '.join(article.field_names)}")
        lines += [f"      {_change_text(f)}" for f in article.fields if f.name != "claims"]
        if "claims" in article.field_names:
            lines.append(f"      claims: {_claims_line(article)}")
        lines += [f"      + claim {i}" for i in article.claims_added]
        lines += [f"      - claim {i}" for i in article.claims_removed]
        for move in article.claims_moved:
            rest = "".join(f"; {_change_text(f)}" for f in move.fields)
            lines.append(f"      > claim {move.old_id} moved to {move.new_id}{rest}")
        for claim in article.claims_changed:
            what = "; ".join(_change_text(f) for f in claim.fields)
            lines.append(f"      ~ claim {claim.id}: {what}")
    return "\n".join(lines) + "\n"


def _capped(items: Sequence[str], limit: int = _CHANGELOG_LIMIT) -> list[str]:
    """At most ``limit`` items, then one line saying how many were left out."""
    shown = list(items[:limit])
    if len(items) > limit:
        shown.append(f"… and {len(items) - limit} more")
    return shown


def _ids(ids: Sequence[str]) -> str:
    return ", ".join(i if i.startswith("…") else f"`{i}`" for i in _capped(ids))


def _article_summary(article: ArticleChange) -> str:
    others = [f"`{n}`" for n in article.field_names if n != "claims"]
    parts = [", ".join(others)] if others else []
    if "claims" in article.field_names:
        tally = Counter(f.name for c in article.claims_changed for f in c.fields)
        tally.update(f.name for m in article.claims_moved for f in m.fields)
        fields = ", ".join(f"{name} ×{n}" if n > 1 else name for name, n in sorted(tally.items()))
        parts.append(f"claims: {_claims_line(article)}" + (f" ({fields})" if fields else ""))
    return "; ".join(parts)


def _schema_entries(changes: Sequence[SchemaChange]) -> list[str]:
    """Changelog lines, breaking first; changes alike but for the field share one line."""
    groups: dict[tuple[bool, str, str, str], list[str]] = {}
    for change in sorted(changes, key=lambda c: not c.breaking):
        owner, dot, name = change.path.partition(".")
        if not dot or "[]" in name:
            owner, name = change.path, ""
        groups.setdefault((change.breaking, owner, change.kind, change.detail), []).append(name)
    entries: list[str] = []
    for (breaking, owner, kind, detail), names in groups.items():
        label = "**breaking**" if breaking else "additive"
        tail = f" ({detail})" if detail else ""
        if names == [""]:
            entries.append(f"- {label}: `{owner}` {kind}{tail}")
        elif len(names) == 1:
            entries.append(f"- {label}: `{owner}.{names[0]}` {kind}{tail}")
        else:
            fields = ", ".join(f"`{n}`" for n in names)
            entries.append(f"- {label}: `{owner}` {kind} ×{len(names)}: {fields}{tail}")
    return entries


_MIGRATION: dict[ChangeKind, str] = {
    "enum value added": "`{path}` may now hold {values}: accept them wherever you check or "
    "switch on its values (a closed list, a categorical type, a lookup table, a colour map).",
    "enum value removed": "`{path}` no longer holds {values}; records of earlier releases "
    "may: map them before mixing releases.",
    "field removed": "`{path}` is gone: stop reading it, or read it from an earlier release.",
    "field added": "`{path}` is new and required: records of earlier releases lack it.",
    "type changed": "`{path}` changed type ({details}): convert what you read from "
    "earlier releases.",
    "required added": "`{path}` is now always present; records of earlier releases may lack it.",
    "required removed": "`{path}` may now be absent: read a missing key as null.",
    "constraint tightened": "`{path}` is constrained more tightly ({details}); records of "
    "earlier releases may break it.",
    "constraint loosened": "`{path}` admits more ({details}): accept the wider values.",
    "constraint changed": "`{path}` changed its constraint ({details}): check what you accept.",
    "definition removed": "`{path}` is no longer a schema definition: regenerate types "
    "from `article.schema.json`.",
}
"""Breaking change kind -> what a consumer does about it (the changelog's migration notes)."""


def _migration_entries(changes: Sequence[SchemaChange]) -> list[str]:
    """One note per breaking (path, kind): enum values named together, details joined."""
    groups: dict[tuple[str, ChangeKind], list[str]] = {}
    for change in changes:
        if change.breaking:
            groups.setdefault((change.path, change.kind), []).append(change.detail)
    entries = []
    for (path, kind), details in groups.items():
        # An enum change's detail starts with the value, as the schema comparison writes it.
        values = ", ".join(d.partition(": ")[0] for d in details)
        note = _MIGRATION.get(kind, "`{path}`: {details}.")
        entries.append("- " + note.format(path=path, values=values, details="; ".join(details)))
    return entries


def render_changelog(diff: ReleaseDiff) -> str:
    """The ``CHANGELOG.md`` entry a release carries: schema first, then articles and counts.

    Lists stop after a few entries with a count of the rest, so a large release
    still reads in a minute; ``render_text`` has everything.

    >>> from adhd_corpus.compare import diff_releases
    >>> from adhd_corpus.loader import release_path
    >>> text = render_changelog(diff_releases(release_path("1.0.0"), release_path("1.1.0")))
    >>> text.splitlines()[0]
    '## 1.1.0 (from 1.0.0)'
    """
    lines = [f"## {diff.new_version} (from {diff.old_version})", ""]
    breaking = sum(c.breaking for c in diff.schema_changes)
    if diff.old_schema_version == diff.new_schema_version and not diff.schema_changes:
        lines.append(f"Schema {diff.new_schema_version}, unchanged.")
    else:
        verdict = (
            "no differences"
            if not diff.schema_changes
            else f"{breaking} breaking"
            if breaking
            else "all additive"
        )
        lines.append(
            f"Schema {diff.old_schema_version} → {diff.new_schema_version}: "
            f"{_plural(len(diff.schema_changes), 'change')}, {verdict}."
        )
    claims = diff.claim_totals
    total = next((c.new for c in diff.counts if c.table == "articles"), None)
    lines.append(
        f"Articles: {len(diff.added)} added, {len(diff.removed)} removed, "
        f"{len(diff.changed)} changed"
        + (f" ({total} in this release)." if total is not None else ".")
        + f" Claims: {claims['added']} added, {claims['removed']} removed, "
        f"{claims['moved']} moved, {claims['changed']} changed."
    )
    if diff.schema_changes:
        lines += ["", "### Schema changes", ""]
        lines += _capped(_schema_entries(diff.schema_changes))
    if breaking:
        lines += ["", f"### Migrating from {diff.old_version}", ""]
        lines += _capped(_migration_entries(diff.schema_changes))
        lines += [
            "",
            f"Nothing else breaks: every other field reads as it did in {diff.old_version}.",
        ]
    if diff.new_fields or diff.dropped_fields:
        lines += ["", "### Fields", ""]
        entries = [
            f"- new `{f.path}` filled in on {_plural(f.records, 'record')} "
            f"({f.non_null} with a value)"
            for f in diff.new_fields
        ] + [
            f"- dropped `{f.path}` (was on {_plural(f.records, 'record')})"
            for f in diff.dropped_fields
        ]
        lines += _capped(entries)
    if diff.added or diff.removed or diff.changed:
        lines += ["", "### Articles", ""]
        if diff.added:
            lines.append(f"- Added ({len(diff.added)}): {_ids(diff.added)}")
        if diff.removed:
            lines.append(f"- Removed ({len(diff.removed)}): {_ids(diff.removed)}")
        if diff.changed:
            lines.append(f"- Changed ({len(diff.changed)}):")
            entries = [f"  - `{a.id}`: {_article_summary(a)}" for a in diff.changed]
            lines += [e if e.startswith("  -") else f"  - {e}" for e in _capped(entries)]
    if any(c.old != c.new for c in diff.counts):
        lines += ["", "### Counts", "", f"| table | {diff.old_version} | {diff.new_version} |"]
        lines.append("| --- | ---: | ---: |")
        lines += [
            f"| {c.table} | {'-' if c.old is None else c.old} | {'-' if c.new is None else c.new} |"
            for c in diff.counts
        ]
    else:
        counts = ", ".join(f"{c.table} {c.new}" for c in diff.counts)
        lines += ["", f"Counts unchanged: {counts}."]
    return "\n".join(lines) + "\n"
