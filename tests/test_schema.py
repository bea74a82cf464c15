"""The committed JSON Schema: generated from the models, valid, and strict."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from conftest import DIST, ROOT
from jsonschema import Draft202012Validator

from adhd_corpus.validate import schema_text

SCHEMA_PATH = ROOT / "schema" / "article.schema.json"
Record = dict[str, Any]


def committed_schema() -> Any:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def a_record() -> Record:
    """A real record with at least one claim that has an entity."""
    latest = json.loads((DIST / "index.json").read_text(encoding="utf-8"))["latest"]
    lines = (DIST / latest / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines:
        record: Record = json.loads(line)
        if record["claims"] and record["claims"][0]["entities"]:
            return record
    raise AssertionError("no record with a claim that has an entity")


def errors(record: Record) -> list[tuple[str, str]]:
    validator = Draft202012Validator(committed_schema())
    return sorted((e.json_path, str(e.validator)) for e in validator.iter_errors(record))


def test_committed_schema_matches_the_models() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "schema/article.schema.json is out of date with the models: "
        "run `make schema` and commit the result"
    )


def test_committed_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = committed_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_a_real_record_is_valid() -> None:
    assert errors(a_record()) == []


def _drop_title(r: Record) -> None:
    del r["title"]


def _drop_claim_hedged(r: Record) -> None:
    del r["claims"][0]["hedged"]


def _extra_top_level(r: Record) -> None:
    r["confidence"] = 0.9


def _extra_in_entity(r: Record) -> None:
    r["claims"][0]["entities"][0]["score"] = 1


def _title_not_a_string(r: Record) -> None:
    r["title"] = 42


def _hedged_not_a_bool(r: Record) -> None:
    r["claims"][0]["hedged"] = "yes"


def _negative_claim_start(r: Record) -> None:
    r["claims"][0]["start"] = -1


def _negative_entity_end(r: Record) -> None:
    r["claims"][0]["entities"][0]["end"] = -3


def _unknown_entity_type(r: Record) -> None:
    r["claims"][0]["entities"][0]["type"] = "vibe"


BREAKAGES: dict[str, tuple[Callable[[Record], None], list[tuple[str, str]]]] = {
    "missing field": (_drop_title, [("$", "required")]),
    "missing nested field": (_drop_claim_hedged, [("$.claims[0]", "required")]),
    "extra field": (_extra_top_level, [("$", "additionalProperties")]),
    "extra nested field": (_extra_in_entity, [("$.claims[0].entities[0]", "additionalProperties")]),
    "wrong type": (_title_not_a_string, [("$.title", "type")]),
    "wrong nested type": (_hedged_not_a_bool, [("$.claims[0].hedged", "type")]),
    "negative offset": (_negative_claim_start, [("$.claims[0].start", "minimum")]),
    "negative entity offset": (
        _negative_entity_end,
        [("$.claims[0].entities[0].end", "minimum")],
    ),
    "unknown enum value": (_unknown_entity_type, [("$.claims[0].entities[0].type", "enum")]),
}


@pytest.mark.parametrize("breakage", list(BREAKAGES))
def test_schema_rejects_a_broken_record(breakage: str) -> None:
    break_it, expected = BREAKAGES[breakage]
    record = copy.deepcopy(a_record())
    break_it(record)
    assert errors(record) == expected
