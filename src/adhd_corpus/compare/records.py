"""Two releases' records, compared: articles by id, claims by id then by text, new fields once.

Records are read from ``articles.jsonl`` with plain ``json``, one line at a time and
checked to be in id order, so two releases compare without holding either. Lines that
are byte-identical in both releases are equal records and cost nothing beyond the
read; only the others are walked.

The key census (which keys records of each kind carry) finds fields a release gained
or lost, so filling in a new field does not "change" every record. It walks only the
records that differ: an identical record carries the same keys on both sides, so it
can matter only at places where the differing records disagree about keys, and only
those places of the identical records are walked, in a second pass. A self-diff, or a
release that changed values but no keys, parses each line once and walks nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import RecordError
from .report import ArticleChange, ClaimChange, ClaimMove, FieldChange, FieldFill
from .schema import Where
from .values import MISSING, canon

__all__ = ["RecordChanges", "compare_records"]

_SHORT = 60
"""Longest value shown as is in a change; longer ones are summarised."""

_SAME, _OLD, _NEW, _BOTH = 0, 1, 2, 3
"""How a step of the merge pairs lines: identical in both, only old, only new, differing."""


# --- reading records -------------------------------------------------------------------------


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """The non-blank lines of a JSON Lines file with their line numbers, as bytes (a line
    that is not UTF-8 is named, not fatal)."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line.rstrip()


def _parse(path: Path, number: int, line: bytes) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except UnicodeDecodeError as exc:
        reason = f"not UTF-8: byte 0x{line[exc.start]:02x} at byte {exc.start} of the line"
        raise RecordError(f"{path}:{number}: {reason}") from None
    except json.JSONDecodeError as exc:
        raise RecordError(f"{path}:{number}: not valid JSON: {exc.msg}") from None
    if not isinstance(record, dict) or not isinstance(record.get("id"), str):
        raise RecordError(f"{path}:{number}: not an article record (no string 'id')")
    return record


class _Reader:
    """One release's records in order: the current line, parsed when first needed and
    checked to follow the previous record in id order (as releases write them)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lines = _lines(path)
        self._previous: str | None = None
        self.number = 0
        self.line: bytes | None = None
        self._record: dict[str, Any] | None = None
        self.advance()

    def advance(self) -> None:
        self.number, self.line = next(self._lines, (0, None))
        self._record = None

    def record(self, same: dict[str, Any] | None = None) -> dict[str, Any]:
        """The current record; ``same`` is the other release's parse of an identical
        line, so an identical line is parsed once."""
        if self._record is None:
            assert self.line is not None, "no record past the end"
            record = same if same is not None else _parse(self.path, self.number, self.line)
            if self._previous is not None and record["id"] == self._previous:
                reason = f"duplicate article id {record['id']!r}"
                raise RecordError(f"{self.path}:{self.number}: {reason}")
            if self._previous is not None and record["id"] < self._previous:
                raise RecordError(f"{self.path}:{self.number}: records are not sorted by id")
            self._previous = record["id"]
            self._record = record
        return self._record


_Pair = tuple[int, dict[str, Any] | None, dict[str, Any] | None]


def _merge(old: Path, new: Path) -> Iterator[_Pair]:
    """Records of two releases matched by id (a merge of two sorted streams), each pair
    with how it pairs: identical lines, one side only, or differing lines."""
    left, right = _Reader(old), _Reader(new)
    while left.line is not None or right.line is not None:
        if left.line is not None and left.line == right.line:
            record = left.record()
            yield _SAME, record, right.record(record)
            left.advance()
            right.advance()
            continue
        a = left.record() if left.line is not None else None
        b = right.record() if right.line is not None else None
        if b is None or (a is not None and a["id"] < b["id"]):
            yield _OLD, a, None
            left.advance()
        elif a is None or b["id"] < a["id"]:
            yield _NEW, None, b
            right.advance()
        else:
            yield _BOTH, a, b
            left.advance()
            right.advance()


def _replay(old: Path, new: Path, plan: Sequence[int], wanted: int) -> Iterator[_Pair]:
    """The pairs of one kind again, following the plan the merge recorded: lines are
    re-read but only the wanted ones parsed (the merge has checked them all)."""
    left, right = _lines(old), _lines(new)
    for how in plan:
        a = next(left) if how != _NEW else None
        b = next(right) if how != _OLD else None
        if how == wanted:
            yield (
                how,
                _parse(old, *a) if a is not None else None,
                _parse(new, *b) if b is not None else None,
            )


# --- comparing records -----------------------------------------------------------------------


def _summary(value: Any) -> str:
    """A short rendering of a value for a change line."""
    if value is MISSING:
        return "absent"
    text = canon(value)
    if len(text) <= _SHORT:
        return text
    if isinstance(value, list):
        return f"{len(value)} items"
    return text[: _SHORT - 1] + "…"


def _field_changes(
    old: Mapping[str, Any], new: Mapping[str, Any], skip: Iterable[str] = ()
) -> tuple[FieldChange, ...]:
    """The keys whose values differ, in name order."""
    names = sorted((old.keys() | new.keys()) - set(skip))
    changes: list[FieldChange] = []
    for name in names:
        before, after = old.get(name, MISSING), new.get(name, MISSING)
        if before is not MISSING and after is not MISSING and canon(before) == canon(after):
            continue
        old_text, new_text = _summary(before), _summary(after)
        if old_text == new_text and isinstance(before, list) and isinstance(after, list):
            differ = sum(canon(a) != canon(b) for a, b in zip(before, after, strict=True))
            new_text += f", {differ} differ" if differ != 1 else ", 1 differs"
        changes.append(FieldChange(name, old_text, new_text))
    return tuple(changes)


def _children(value: Any) -> list[dict[str, Any]]:
    """The records directly inside a value: itself if a dict, its dict items if a list."""
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, dict)]
    return []


@dataclass
class _Keys:
    """How many records sit at one place and how many carry each key."""

    records: int = 0
    present: Counter[str] = field(default_factory=Counter)
    non_null: Counter[str] = field(default_factory=Counter)


def _count(
    census: dict[Where, _Keys],
    record: Mapping[str, Any],
    where: Where = (),
    within: frozenset[Where] | None = None,
) -> None:
    """Add the keys of a record, and of every record inside it, to the census; with
    ``within``, descend only into those places."""
    keys = census.get(where)
    if keys is None:
        keys = census[where] = _Keys()
    keys.records += 1
    for key, value in record.items():
        keys.present[key] += 1
        if value is not None:
            keys.non_null[key] += 1
        inner = (*where, key)
        if within is None or inner in within:
            for child in _children(value):
                _count(census, child, inner, within)


def _strip(value: Any, where: Where, ignore: Mapping[Where, frozenset[str]]) -> Any:
    """A copy of ``value`` without the keys ``ignore`` names at each place."""
    if isinstance(value, list):
        return [_strip(item, where, ignore) for item in value]
    if not isinstance(value, dict):
        return value
    drop = ignore.get(where, frozenset())
    return {k: _strip(v, (*where, k), ignore) for k, v in value.items() if k not in drop}


def _shift(value: Any, delta: int) -> Any:
    """A copy with every nested ``start``/``end`` offset moved by ``delta``."""
    if isinstance(value, list):
        return [_shift(item, delta) for item in value]
    if not isinstance(value, dict):
        return value
    return {
        k: v + delta
        if k in ("start", "end") and isinstance(v, int) and not isinstance(v, bool)
        else _shift(v, delta)
        for k, v in value.items()
    }


def _claim_id(claim: Mapping[str, Any], index: int) -> str:
    claim_id = claim.get("id")
    return claim_id if isinstance(claim_id, str) else f"#{index}"


def _moved_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    """What changed in a moved claim besides its span and the offsets inside it."""
    start_old, start_new = old.get("start"), new.get("start")
    delta = (
        start_new - start_old if isinstance(start_old, int) and isinstance(start_new, int) else 0
    )
    shifted = {k: _shift(v, delta) for k, v in old.items()}
    return _field_changes(shifted, new, skip=("id", "start", "end"))


def _diff_claims(
    old_claims: Sequence[Mapping[str, Any]], new_claims: Sequence[Mapping[str, Any]]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[ClaimMove, ...], tuple[ClaimChange, ...]]:
    """Claims added, removed, moved and changed, matched by id, then by identical text."""
    old_by = {_claim_id(c, i): c for i, c in enumerate(old_claims)}
    new_by = {_claim_id(c, i): c for i, c in enumerate(new_claims)}
    gone = [i for i in old_by if i not in new_by]
    came = [i for i in new_by if i not in old_by]
    changed = tuple(
        ClaimChange(i, fields)
        for i in old_by
        if i in new_by and (fields := _field_changes(old_by[i], new_by[i], skip=("id",)))
    )
    by_text: dict[str, list[str]] = {}
    for i in came:
        text = new_by[i].get("text")
        if isinstance(text, str):
            by_text.setdefault(text, []).append(i)
    moved: list[ClaimMove] = []
    removed: list[str] = []
    for i in gone:
        text = old_by[i].get("text")
        candidates = by_text.get(text) if isinstance(text, str) else None
        if candidates:
            j = candidates.pop(0)
            moved.append(ClaimMove(i, j, _moved_fields(old_by[i], new_by[j])))
        else:
            removed.append(i)
    paired = {m.new_id for m in moved}
    added = tuple(i for i in came if i not in paired)
    return added, tuple(removed), tuple(moved), changed


def _diff_article(article_id: str, old: dict[str, Any], new: dict[str, Any]) -> ArticleChange:
    fields = _field_changes(old, new, skip=("id",))
    old_claims, new_claims = old.get("claims"), new.get("claims")
    claims_differ = any(f.name == "claims" for f in fields)
    if claims_differ and isinstance(old_claims, list) and isinstance(new_claims, list):
        added, removed, moved, changed = _diff_claims(_children(old_claims), _children(new_claims))
        return ArticleChange(article_id, fields, added, removed, moved, changed)
    return ArticleChange(article_id, fields)


# --- the key census --------------------------------------------------------------------------


def _disputed(old: Mapping[Where, _Keys], new: Mapping[Where, _Keys]) -> frozenset[Where]:
    """The places where two censuses disagree about keys, and the places above them: the
    only places where identical records could change which fields were gained or lost."""
    places = {
        where
        for where in old.keys() | new.keys()
        if where not in old
        or where not in new
        or old[where].present.keys() != new[where].present.keys()
    }
    return frozenset(where[:n] for where in places for n in range(len(where) + 1))


def _kind_name(where: Where, kinds: Mapping[Where, str]) -> str:
    return kinds.get(where) or ".".join(where)


def _field_fills(
    old: Mapping[Where, _Keys], new: Mapping[Where, _Keys], kinds: Mapping[Where, str]
) -> tuple[tuple[FieldFill, ...], tuple[FieldFill, ...], dict[Where, frozenset[str]]]:
    """Keys no old record had but new ones do (and the reverse), and where to ignore them.

    Only places holding records in both releases count: with nothing to compare
    against, a key is not new.
    """
    gained: list[FieldFill] = []
    lost: list[FieldFill] = []
    ignore: dict[Where, frozenset[str]] = {}
    for where in sorted(old.keys() & new.keys()):
        before, after = old[where], new[where]
        came = sorted(after.present.keys() - before.present.keys())
        went = sorted(before.present.keys() - after.present.keys())
        name = _kind_name(where, kinds)
        gained += [FieldFill(f"{name}.{k}", after.present[k], after.non_null[k]) for k in came]
        lost += [FieldFill(f"{name}.{k}", before.present[k], before.non_null[k]) for k in went]
        if came or went:
            ignore[where] = frozenset(came + went)
    return (
        tuple(sorted(gained, key=lambda f: f.path)),
        tuple(sorted(lost, key=lambda f: f.path)),
        ignore,
    )


# --- the comparison --------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordChanges:
    """What differs between the records of two releases (see ``ReleaseDiff``)."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[ArticleChange, ...]
    unchanged: int
    new_fields: tuple[FieldFill, ...]
    dropped_fields: tuple[FieldFill, ...]
    claims_of_added: int
    claims_of_removed: int


def compare_records(old: Path, new: Path, kinds: Mapping[Where, str]) -> RecordChanges:
    """Compare two ``articles.jsonl`` files; ``kinds`` names the records at each place
    (``schema.record_kinds``) for the fields gained or lost.

    One pass merges the files, checks every line and takes the census of the records
    that differ; identical records are walked in a second pass only when the census
    needs them (see the module docstring), and differing pairs are compared in a last
    pass, once the fields to leave out are known.
    """
    plan = bytearray()
    before: dict[Where, _Keys] = {}
    after: dict[Where, _Keys] = {}
    added: list[str] = []
    removed: list[str] = []
    claims_of_added = claims_of_removed = 0
    for how, old_record, new_record in _merge(old, new):
        plan.append(how)
        if how == _SAME:
            continue
        if old_record is not None:
            _count(before, old_record)
        if new_record is not None:
            _count(after, new_record)
        if how == _NEW and new_record is not None:
            added.append(new_record["id"])
            claims_of_added += len(new_record.get("claims") or [])
        elif how == _OLD and old_record is not None:
            removed.append(old_record["id"])
            claims_of_removed += len(old_record.get("claims") or [])
    disputed = _disputed(before, after)
    if disputed and _SAME in plan:
        for _, record, _ in _replay(old, new, plan, _SAME):
            if record is not None:
                _count(before, record, within=disputed)
                _count(after, record, within=disputed)
    new_fields, dropped_fields, ignore = _field_fills(before, after, kinds)
    changed: list[ArticleChange] = []
    common = plan.count(_SAME) + plan.count(_BOTH)
    for _, old_record, new_record in _replay(old, new, plan, _BOTH) if _BOTH in plan else ():
        if old_record is None or new_record is None:
            continue
        old_kept = _strip(old_record, (), ignore) if ignore else old_record
        new_kept = _strip(new_record, (), ignore) if ignore else new_record
        if canon(old_kept) != canon(new_kept):
            changed.append(_diff_article(old_record["id"], old_kept, new_kept))
    return RecordChanges(
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        unchanged=common - len(changed),
        new_fields=new_fields,
        dropped_fields=dropped_fields,
        claims_of_added=claims_of_added,
        claims_of_removed=claims_of_removed,
    )
