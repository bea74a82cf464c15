"""The fast validator (jsonschema-rs) and the reference (jsonschema) agree on every verdict."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import jsonschema
import jsonschema_rs
import pytest
from conftest import DIST

from adhd_corpus.validate import schema_problems, schema_text

SCHEMA = json.loads(schema_text())
LATEST = json.loads((DIST / "index.json").read_text(encoding="utf-8"))["latest"]
RECORDS = [
    json.loads(line)
    for line in (DIST / LATEST / "articles.jsonl").read_text(encoding="utf-8").splitlines()
]

Mutation = Callable[[dict[str, Any]], None]


def _set(path: list[str | int], value: Any) -> Mutation:
    def mutate(record: dict[str, Any]) -> None:
        target: Any = record
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _drop(path: list[str | int]) -> Mutation:
    def mutate(record: dict[str, Any]) -> None:
        target: Any = record
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


MUTATIONS: dict[str, Mutation] = {
    "missing title": _drop(["title"]),
    "extra field": _set(["surprise"], 1),
    "title not a string": _set(["title"], 42),
    "empty title": _set(["title"], ""),
    "negative offset": _set(["claims", 0, "start"], -1),
    "strength out of range": _set(["claims", 0, "strength"], 4),
    "unknown strength label": _set(["claims", 0, "strength_label"], "huge"),
    "unknown entity type": _set(["claims", 0, "entities", 0, "type"], "gadget"),
    "bad sha256": _set(["source", "sha256"], "xyz"),
    "bad role": _set(["people", 0, "role"], "editor"),
    "bad id": _set(["id"], "../x"),
    "null heading allowed": _set(["sections", 0, "heading"], None),
}


def _reference_valid(record: dict[str, Any]) -> bool:
    return jsonschema.Draft202012Validator(SCHEMA).is_valid(record)


def _fast_valid(record: dict[str, Any]) -> bool:
    return bool(jsonschema_rs.validator_for(SCHEMA).is_valid(record))


@pytest.mark.parametrize("index", range(len(RECORDS)))
def test_both_accept_every_published_record(index: int) -> None:
    assert _reference_valid(RECORDS[index])
    assert _fast_valid(RECORDS[index])


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_both_give_the_same_verdict_on_a_mutated_record(name: str) -> None:
    record = copy.deepcopy(RECORDS[0])
    MUTATIONS[name](record)
    assert _fast_valid(record) == _reference_valid(record)
    expect_valid = name == "null heading allowed"
    assert _reference_valid(record) is expect_valid


def test_problems_come_from_the_reference_with_json_paths() -> None:
    record = copy.deepcopy(RECORDS[0])
    MUTATIONS["negative offset"](record)
    problems = schema_problems(record, file="f.jsonl", line=3)
    assert [str(p) for p in problems] == [
        "f.jsonl:3: $.claims[0].start: -1 is less than the minimum of 0"
    ]
