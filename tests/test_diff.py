"""What changed between releases: record and claim matching, schema rules, version checks, output.

Real releases (dist/1.0.0 -> dist/1.1.0) pin what a schema-only minor release looks like;
synthetic releases in tmp_path pin each kind of record change exactly.
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from adhd_corpus.compare import (
    ArticleChange,
    ClaimChange,
    ClaimMove,
    CountChange,
    FieldChange,
    FieldFill,
    SchemaChange,
    diff_releases,
    is_breaking,
    render_changelog,
    render_text,
    schema_changes,
)
from adhd_corpus.errors import RecordError, ReleaseNotFoundError
from adhd_corpus.versioning import bump_refusal

DIST = Path(__file__).resolve().parent.parent / "dist"
V100, V110 = DIST / "1.0.0", DIST / "1.1.0"
A000, A001, A002, A003 = (
    "000_9c6493e6ec028e08",
    "001_1e994c1e78b491c4",
    "002_b19364b8e7ff0444",
    "003_c8810fd20748b42e",
)
NEW_CLAIM_FIELDS = (
    "boosters",
    "hedges",
    "negated",
    "negations",
    "relations",
    "strength",
    "strength_label",
)
Json = dict[str, Any]


def read_json(path: Path) -> Json:
    data: Json = json.loads(path.read_text(encoding="utf-8"))
    return data


def records(release: Path) -> list[Json]:
    with (release / "articles.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def write_release(
    folder: Path,
    articles: list[Json],
    *,
    version: str,
    schema: Json | None = None,
    base: Path = V110,
) -> Path:
    """A release folder as the diff reads it: records, schema and a manifest with counts."""
    folder.mkdir(parents=True)
    ordered = sorted(articles, key=lambda a: str(a["id"]))  # releases are sorted by id
    lines = [json.dumps(a, sort_keys=True, ensure_ascii=False) for a in ordered]
    (folder / "articles.jsonl").write_text("".join(f"{x}\n" for x in lines), "utf-8")
    schema = schema if schema is not None else read_json(base / "article.schema.json")
    (folder / "article.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    manifest = read_json(base / "manifest.json")
    manifest["version"] = version
    manifest["counts"] = {
        **manifest["counts"],
        "articles": len(articles),
        "claims": sum(len(a["claims"]) for a in articles),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def shifted(value: Any, delta: int) -> Any:
    """A claim's nested offsets moved by ``delta``, as if text were inserted before it."""
    if isinstance(value, list):
        return [shifted(v, delta) for v in value]
    if isinstance(value, dict):
        return {
            k: v + delta if k in ("start", "end") else shifted(v, delta) for k, v in value.items()
        }
    return value


# --- the committed releases --------------------------------------------------------------------


def test_1_0_0_to_1_1_0_adds_no_articles_and_fills_in_the_new_fields() -> None:
    diff = diff_releases(V100, V110)
    assert (diff.old_version, diff.new_version) == ("1.0.0", "1.1.0")
    assert (diff.old_schema_version, diff.new_schema_version) == ("1.0.0", "1.1.0")
    assert (diff.added, diff.removed, diff.dropped_fields) == ((), (), ())
    assert diff.new_fields == (
        FieldFill("Article.non_claims", 4, 4),
        *(FieldFill(f"Claim.{name}", 55, 55) for name in NEW_CLAIM_FIELDS),
    )


def test_1_0_0_to_1_1_0_reports_the_one_real_claim_change_not_the_filled_in_fields() -> None:
    diff = diff_releases(V100, V110)
    assert diff.unchanged == 3
    assert diff.changed == (
        ArticleChange(
            A002,
            (FieldChange("claims", "12 items", "12 items, 1 differs"),),
            claims_changed=(
                ClaimChange(
                    f"{A002}:760-1009",
                    (FieldChange("hedge_cues", '["tend to"]', '["points to", "tend to"]'),),
                ),
            ),
        ),
    )


def test_1_0_0_to_1_1_0_schema_changes_are_all_additive() -> None:
    diff = diff_releases(V100, V110)
    assert [(c.path, c.kind, c.breaking) for c in diff.schema_changes] == [
        ("Article.non_claims", "field added", False),
        *((f"Claim.{name}", "field added", False) for name in NEW_CLAIM_FIELDS),
        ("Cue", "definition added", False),
        ("Sentence", "definition added", False),
    ]
    assert not diff.breaking
    assert diff.required_bump == "minor"
    assert bump_refusal("1.0.0", "1.1.0", diff.compatibility) is None


def test_counts_come_from_both_manifests() -> None:
    diff = diff_releases(V100, V110)
    assert diff.counts == tuple(
        CountChange(table, n, n)
        for table, n in sorted(read_json(V100 / "manifest.json")["counts"].items())
    )


def test_a_release_diffed_with_itself_is_empty() -> None:
    diff = diff_releases(V110, V110)
    assert diff.empty
    assert (diff.added, diff.removed, diff.changed, diff.unchanged) == ((), (), (), 4)
    assert (diff.new_fields, diff.schema_changes) == ((), ())
    assert render_text(diff) == (
        "adhd-corpus 1.1.0 -> 1.1.0 (schema 1.1.0 -> 1.1.0)\n"
        "no changes\n"
        "counts: articles 4, claims 55, entities 163, links 8, people 8, sections 19\n"
    )


# --- synthetic releases ----------------------------------------------------------------------


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    """1.1.0 with one title edited, 002 removed, an article added, a claim re-hedged, one moved."""
    articles = {a["id"]: a for a in records(V110)}
    articles[A000]["title"] = "A new title"
    claims = articles[A001]["claims"]
    assert claims[0]["hedged"] is True
    claims[0]["hedged"] = False
    moved = shifted(claims[1], 5)
    moved["id"] = f"{A001}:{moved['start']}-{moved['end']}"
    claims[1] = moved
    del articles[A002]
    added = copy.deepcopy(articles[A003])
    added["id"] = "004_added"
    articles["004_added"] = added
    return write_release(tmp_path / "1.2.0", list(articles.values()), version="1.2.0")


def test_edited_release_reports_added_removed_and_changed_articles(edited: Path) -> None:
    diff = diff_releases(V110, edited)
    assert (diff.new_version, diff.added, diff.removed) == ("1.2.0", ("004_added",), (A002,))
    assert diff.unchanged == 1
    assert [a.id for a in diff.changed] == [A000, A001]
    assert diff.changed[0] == ArticleChange(
        A000,
        (
            FieldChange(
                "title",
                '"How Are Dopamine and Norepinephrine Dysregulated in ADHD?"',
                '"A new title"',
            ),
        ),
    )
    assert (diff.new_fields, diff.schema_changes) == ((), ())


def test_edited_release_matches_claims_by_id_then_by_text(edited: Path) -> None:
    diff = diff_releases(V110, edited)
    assert diff.changed[1] == ArticleChange(
        A001,
        (FieldChange("claims", "16 items", "16 items, 2 differ"),),
        claims_moved=(ClaimMove(f"{A001}:220-385", f"{A001}:225-390"),),
        claims_changed=(ClaimChange(f"{A001}:109-219", (FieldChange("hedged", "true", "false"),)),),
    )
    # The added article's claims are added claims, the removed article's removed ones.
    added = len(records(edited)[-1]["claims"])
    removed = len(next(a for a in records(V110) if a["id"] == A002)["claims"])
    assert (diff.claims_of_added, diff.claims_of_removed) == (added, removed)
    assert diff.claim_totals == {"added": added, "removed": removed, "moved": 1, "changed": 1}


def claim(article: str, start: int, text: str, **fields: Any) -> Json:
    end = start + len(text)
    return {"id": f"{article}:{start}-{end}", "start": start, "end": end, "text": text, **fields}


def article(article_id: str, claims: list[Json], **fields: Any) -> Json:
    return {"id": article_id, "title": "T", "claims": claims, **fields}


def test_a_moved_claim_reports_what_else_changed_after_shifting_its_entities(
    tmp_path: Path,
) -> None:
    entity = {"text": "dopamine", "start": 10, "end": 18, "type": "neurotransmitter"}
    old = [
        article(
            "a",
            [
                claim("a", 0, "Dopamine is low.", section=0, entities=[entity]),
                claim("a", 40, "Gone for good.", section=0, entities=[]),
            ],
        )
    ]
    new = [
        article(
            "a",
            [
                claim("a", 100, "Dopamine is low.", section=1, entities=[shifted(entity, 100)]),
                claim("a", 200, "Brand new.", section=1, entities=[]),
            ],
        )
    ]
    diff = diff_releases(
        write_release(tmp_path / "old", old, version="1.0.0"),
        write_release(tmp_path / "new", new, version="1.0.1"),
    )
    (change,) = diff.changed
    assert change.claims_moved == (
        ClaimMove("a:0-16", "a:100-116", (FieldChange("section", "0", "1"),)),
    )
    assert (change.claims_added, change.claims_removed) == (("a:200-210",), ("a:40-54",))
    assert change.claims_changed == ()


def test_a_field_no_old_record_had_is_reported_once_not_on_every_claim(tmp_path: Path) -> None:
    old = [article("a", [claim("a", 0, "One.", hedged=False), claim("a", 5, "Two.", hedged=False)])]
    new = [
        article(
            "a",
            [
                claim("a", 0, "One.", hedged=False, strength=1),
                claim("a", 5, "Two.", hedged=True, strength=None),
            ],
        )
    ]
    diff = diff_releases(
        write_release(tmp_path / "old", old, version="1.0.0"),
        write_release(tmp_path / "new", new, version="1.1.0"),
    )
    assert diff.new_fields == (FieldFill("Claim.strength", 2, 1),)
    (change,) = diff.changed
    assert change.claims_changed == (
        ClaimChange("a:5-9", (FieldChange("hedged", "false", "true"),)),
    )


def test_a_field_every_new_record_lacks_is_reported_as_dropped(tmp_path: Path) -> None:
    old = [article("a", [], non_claims=[]), article("b", [], non_claims=None)]
    new = [article("a", []), article("b", [])]
    diff = diff_releases(
        write_release(tmp_path / "old", old, version="1.0.0"),
        write_release(tmp_path / "new", new, version="2.0.0"),
    )
    assert diff.dropped_fields == (FieldFill("Article.non_claims", 2, 1),)
    assert (diff.new_fields, diff.changed) == ((), ())


def test_a_key_unchanged_records_already_carry_is_no_new_field(tmp_path: Path) -> None:
    # The census walks unchanged records only when the changed ones disagree about keys:
    # here they do ("b" gains "note"), and unchanged "a" shows "note" is not new.
    kept = article("a", [claim("a", 0, "One.", note="x")])
    old = [kept, article("b", [claim("b", 0, "Two.")])]
    new = [kept, article("b", [claim("b", 0, "Two.", note="y")])]
    diff = diff_releases(
        write_release(tmp_path / "old", old, version="1.0.0"),
        write_release(tmp_path / "new", new, version="1.0.1"),
    )
    assert (diff.new_fields, diff.unchanged) == ((), 1)
    (change,) = diff.changed
    assert change.claims_changed == (ClaimChange("b:0-4", (FieldChange("note", "absent", '"y"'),)),)


def test_records_only_unchanged_articles_hold_still_count_for_new_fields(tmp_path: Path) -> None:
    # No changed old article has a claim, so only unchanged "a" says what claims carried.
    kept = article("a", [claim("a", 0, "One.")])
    old = [kept, article("b", [])]
    new = [kept, article("b", [claim("b", 0, "Two.", strength=2)])]
    diff = diff_releases(
        write_release(tmp_path / "old", old, version="1.0.0"),
        write_release(tmp_path / "new", new, version="1.1.0"),
    )
    assert diff.new_fields == (FieldFill("Claim.strength", 1, 1),)
    (change,) = diff.changed
    assert change.claims_added == ("b:0-4",)


def test_identical_lines_are_still_checked(tmp_path: Path) -> None:
    damaged = write_release(tmp_path / "damaged", [article("a", [])], version="1.0.0")
    (damaged / "articles.jsonl").write_text('{"id": "b"}\n{"id": "a"}\n', encoding="utf-8")
    with pytest.raises(RecordError, match=r"articles\.jsonl:2: records are not sorted by id"):
        diff_releases(damaged, damaged)


def test_missing_release_and_bad_records_raise_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ReleaseNotFoundError, match="no such release folder"):
        diff_releases(V110, tmp_path / "nope")
    broken = write_release(tmp_path / "broken", [article("a", [])], version="1.0.0")
    (broken / "articles.jsonl").write_text('{"id": "a"}\n{oops\n', encoding="utf-8")
    with pytest.raises(RecordError, match=r"articles\.jsonl:2: not valid JSON"):
        diff_releases(V110, broken)


# --- schema changes --------------------------------------------------------------------------

SCHEMA_110 = read_json(V110 / "article.schema.json")
Edit = Callable[[Json], None]


def claim_props(schema: Json) -> Json:
    props: Json = schema["$defs"]["Claim"]["properties"]
    return props


def remove_strength(schema: Json) -> None:
    del claim_props(schema)["strength"]
    schema["$defs"]["Claim"]["required"].remove("strength")


def add_optional_note(schema: Json) -> None:
    claim_props(schema)["note"] = {"type": "string"}


def add_required_note(schema: Json) -> None:
    claim_props(schema)["note"] = {"type": "string"}
    schema["$defs"]["Claim"]["required"].append("note")


def add_required_nullable_note(schema: Json) -> None:
    claim_props(schema)["note"] = {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None}
    schema["$defs"]["Claim"]["required"].append("note")


def remove_enum_value(schema: Json) -> None:
    schema["$defs"]["Entity"]["properties"]["type"]["enum"].remove("therapy")


def add_enum_value(schema: Json) -> None:
    schema["$defs"]["Entity"]["properties"]["type"]["enum"].append("gene")


def tighten_strength(schema: Json) -> None:
    claim_props(schema)["strength"]["anyOf"][0]["maximum"] = 2


def loosen_strength(schema: Json) -> None:
    claim_props(schema)["strength"]["anyOf"][0]["maximum"] = 4


def tighten_title(schema: Json) -> None:
    schema["properties"]["title"]["minLength"] = 5


def narrow_bio(schema: Json) -> None:
    schema["$defs"]["Person"]["properties"]["bio"] = {"type": "string"}


def widen_hedged(schema: Json) -> None:
    claim_props(schema)["hedged"] = {"anyOf": [{"type": "boolean"}, {"type": "null"}]}


def unrequire_hedged(schema: Json) -> None:
    schema["$defs"]["Claim"]["required"].remove("hedged")


def unrequire_boosters(schema: Json) -> None:
    schema["$defs"]["Claim"]["required"].remove("boosters")


def add_definition(schema: Json) -> None:
    schema["$defs"]["Extra"] = {"type": "object", "properties": {}}


def remove_cue_definition(schema: Json) -> None:
    del schema["$defs"]["Cue"]


def retype_hedge_cues(schema: Json) -> None:
    claim_props(schema)["hedge_cues"]["items"] = {"type": "integer"}


def redescribe(schema: Json) -> None:
    claim_props(schema)["hedged"]["description"] = "Reworded."
    schema["x-schema-version"] = "9.9.9"


def rename_hedged(schema: Json) -> None:
    claim_props(schema)["is_hedged"] = claim_props(schema).pop("hedged")
    required = schema["$defs"]["Claim"]["required"]
    required[required.index("hedged")] = "is_hedged"


def open_claims(schema: Json) -> None:
    schema["$defs"]["Claim"]["additionalProperties"] = True


def repattern_id(schema: Json) -> None:
    schema["properties"]["id"]["pattern"] = "^[a-z]+$"


def edited_schema(edit: Edit, base: Json = SCHEMA_110) -> Json:
    schema = copy.deepcopy(base)
    edit(schema)
    return schema


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (remove_strength, [("Claim.strength", "field removed", True)]),
        (add_optional_note, [("Claim.note", "field added", False)]),
        (add_required_note, [("Claim.note", "field added", True)]),
        (add_required_nullable_note, [("Claim.note", "field added", False)]),
        (remove_enum_value, [("Entity.type", "enum value removed", True)]),
        (add_enum_value, [("Entity.type", "enum value added", True)]),
        (tighten_strength, [("Claim.strength", "constraint tightened", True)]),
        (loosen_strength, [("Claim.strength", "constraint loosened", True)]),
        (tighten_title, [("Article.title", "constraint tightened", True)]),
        (narrow_bio, [("Person.bio", "type changed", True)]),
        (widen_hedged, [("Claim.hedged", "type changed", True)]),
        (unrequire_hedged, [("Claim.hedged", "required removed", True)]),
        (unrequire_boosters, [("Claim.boosters", "required removed", False)]),
        (add_definition, [("Extra", "definition added", False)]),
        (remove_cue_definition, [("Cue", "definition removed", True)]),
        (retype_hedge_cues, [("Claim.hedge_cues[]", "type changed", True)]),
        (redescribe, []),
        (
            rename_hedged,
            [("Claim.hedged", "field removed", True), ("Claim.is_hedged", "field added", True)],
        ),
        (open_claims, [("Claim", "constraint loosened", False)]),
        (repattern_id, [("Article.id", "constraint changed", True)]),
    ],
    ids=lambda value: value.__name__ if callable(value) else "",
)
def test_schema_change_kinds_and_whether_they_break(
    edit: Edit, expected: list[tuple[str, str, bool]]
) -> None:
    changes = schema_changes(SCHEMA_110, edited_schema(edit))
    assert [(c.path, c.kind, c.breaking) for c in changes] == expected
    assert is_breaking(changes) == any(breaking for _, _, breaking in expected)


@pytest.mark.parametrize(
    ("edit", "breaking"), [(unrequire_boosters, False), (unrequire_hedged, True)]
)
def test_a_newly_required_field_breaks_unless_old_records_read_as_its_default(
    edit: Edit, breaking: bool
) -> None:
    field = "boosters" if edit is unrequire_boosters else "hedged"
    changes = schema_changes(edited_schema(edit), SCHEMA_110)
    assert changes == [
        SchemaChange(
            f"Claim.{field}",
            "required added",
            breaking,
            "old records may lack it" if breaking else "old records without it read as the default",
        )
    ]


def test_schema_change_details_say_what_happened() -> None:
    details = {
        str(c)
        for edit in (narrow_bio, widen_hedged, loosen_strength, remove_enum_value, rename_hedged)
        for c in schema_changes(SCHEMA_110, edited_schema(edit))
    }
    assert details >= {
        "Person.bio (type changed, breaking): string | null -> string (narrowed)",
        "Claim.hedged (type changed, breaking): boolean -> boolean | null (widened)",
        "Claim.strength (constraint loosened, breaking): maximum: 3 -> 4",
        'Entity.type (enum value removed, breaking): "therapy": old records may hold it',
        "Claim.hedged (field removed, breaking): consumers that read it break; "
        "renamed to is_hedged?",
    }


def test_breaking_schema_changes_show_in_a_synthetic_release_diff(tmp_path: Path) -> None:
    new = write_release(
        tmp_path / "1.2.0",
        records(V110),
        version="1.2.0",
        schema=edited_schema(remove_enum_value),
    )
    diff = diff_releases(V110, new)
    assert diff.breaking
    assert diff.changed == ()
    assert diff.required_bump == "major"
    assert bump_refusal(diff.old_version, diff.new_version, diff.compatibility) == (
        "schema change Entity.type (enum value removed) is breaking: "
        "release 1.2.0 needs a new major version (2.0.0)"
    )


# --- rendering -------------------------------------------------------------------------------


def test_render_text_summarises_first_then_details(edited: Path) -> None:
    text = render_text(diff_releases(V110, edited))
    assert text == render_text(diff_releases(V110, edited))
    assert text.splitlines()[:5] == [
        "adhd-corpus 1.1.0 -> 1.2.0 (schema 1.1.0 -> 1.1.0)",
        "articles: 1 added, 1 removed, 2 changed, 1 unchanged",
        "claims: 12 added, 12 removed, 1 moved, 1 changed",
        "schema: 0 changes, 0 breaking",
        "counts: articles 4, claims 55, entities 163, links 8, people 8, sections 19",
    ]
    assert text.split("\narticles added:\n")[1] == (
        "  + 004_added\n"
        "\n"
        "articles removed:\n"
        f"  - {A002}\n"
        "\n"
        "articles changed:\n"
        f"  ~ {A000}: title\n"
        '      title "How Are Dopamine and Norepinephrine Dysregulated in ADHD?" -> "A new title"\n'
        f"  ~ {A001}: claims\n"
        "      claims: 1 moved, 1 changed\n"
        f"      > claim {A001}:220-385 moved to {A001}:225-390\n"
        f"      ~ claim {A001}:109-219: hedged true -> false\n"
    )


def test_render_text_of_1_0_0_to_1_1_0_names_schema_and_new_fields() -> None:
    text = render_text(diff_releases(V100, V110))
    assert "schema: 10 changes, 0 breaking" in text
    assert (
        "  additive  Claim.strength: field added (records of earlier releases read it as null)"
    ) in text
    assert "  Claim.strength: in 55 records, 55 with a value" in text
    assert text.endswith(
        f'      ~ claim {A002}:760-1009: hedge_cues ["tend to"] -> ["points to", "tend to"]\n'
    )


def test_report_to_dict_is_plain_json_with_stable_keys(edited: Path) -> None:
    data = diff_releases(V110, edited).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert list(data) == [
        "name",
        "old",
        "new",
        "empty",
        "breaking",
        "required_bump",
        "summary",
        "counts",
        "schema_changes",
        "new_fields",
        "dropped_fields",
        "articles",
    ]
    assert data["summary"] == {
        "articles_added": 1,
        "articles_removed": 1,
        "articles_changed": 2,
        "articles_unchanged": 1,
        "claims_added": 12,
        "claims_removed": 12,
        "claims_moved": 1,
        "claims_changed": 1,
        "schema_changes": 0,
        "schema_breaking": 0,
    }
    assert data["articles"]["changed"][1] == {
        "id": A001,
        "fields": [{"name": "claims", "old": "16 items", "new": "16 items, 2 differ"}],
        "claims": {
            "added": [],
            "removed": [],
            "moved": [{"old_id": f"{A001}:220-385", "new_id": f"{A001}:225-390", "fields": []}],
            "changed": [
                {
                    "id": f"{A001}:109-219",
                    "fields": [{"name": "hedged", "old": "true", "new": "false"}],
                }
            ],
        },
    }


def test_report_to_dict_of_1_0_0_to_1_1_0() -> None:
    data = diff_releases(V100, V110).to_dict()
    assert (data["old"], data["new"]) == (
        {"version": "1.0.0", "schema_version": "1.0.0"},
        {"version": "1.1.0", "schema_version": "1.1.0"},
    )
    assert (data["empty"], data["breaking"]) == (False, False)
    assert data["new_fields"][0] == {"path": "Article.non_claims", "records": 4, "non_null": 4}
    assert data["counts"]["claims"] == {"old": 55, "new": 55}


def test_render_changelog_of_1_0_0_to_1_1_0() -> None:
    text = render_changelog(diff_releases(V100, V110))
    lines = text.splitlines()
    assert lines[:4] == [
        "## 1.1.0 (from 1.0.0)",
        "",
        "Schema 1.0.0 → 1.1.0: 10 changes, all additive.",
        "Articles: 0 added, 0 removed, 1 changed (4 in this release). "
        "Claims: 0 added, 0 removed, 0 moved, 1 changed.",
    ]
    assert (
        "- additive: `Claim` field added ×7: `boosters`, `hedges`, `negated`, `negations`, "
        "`relations`, `strength`, `strength_label` "
        "(records of earlier releases read it as null)"
    ) in lines
    assert "- new `Claim.strength` filled in on 55 records (55 with a value)" in lines
    assert f"  - `{A002}`: claims: 1 changed (hedge_cues)" in lines
    assert lines[-1] == (
        "Counts unchanged: articles 4, claims 55, entities 163, links 8, people 8, sections 19."
    )
    assert "**breaking**" not in text


def test_render_changelog_puts_breaking_changes_first_and_stays_short(tmp_path: Path) -> None:
    base = records(V110)
    extra = []
    for number in range(30):
        clone = copy.deepcopy(base[3])
        clone["id"] = f"9{number:02d}_extra"
        extra.append(clone)
    schema = edited_schema(add_optional_note, edited_schema(remove_enum_value))
    new = write_release(tmp_path / "2.0.0", base + extra, version="2.0.0", schema=schema)
    diff = diff_releases(V110, new)
    text = render_changelog(diff)
    assert text == render_changelog(diff)
    lines = text.splitlines()
    assert lines[0] == "## 2.0.0 (from 1.1.0)"
    assert lines[2] == "Schema 1.1.0 → 1.1.0: 2 changes, 1 breaking."
    schema_lines = lines[lines.index("### Schema changes") + 2 :][:2]
    assert schema_lines == [
        '- **breaking**: `Entity.type` enum value removed ("therapy": old records may hold it)',
        "- additive: `Claim.note` field added (optional: records may leave it out)",
    ]
    added = next(line for line in lines if line.startswith("- Added (30): "))
    assert added.endswith("`919_extra`, … and 10 more")
    assert "| claims | 55 | 415 |" in lines
    assert len(lines) < 40


def test_records_out_of_id_order_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "unsorted"
    shutil.copytree(V110, folder)
    lines = (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "articles.jsonl").write_text("".join(reversed(lines)), encoding="utf-8")
    with pytest.raises(RecordError, match=r"articles\.jsonl:2: records are not sorted by id"):
        diff_releases(V110, folder)
