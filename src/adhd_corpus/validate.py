"""Validate records against the published JSON Schema, collecting every problem.

The schema is generated from the pydantic models; ``schema/article.schema.json``
is the committed copy and a test keeps the two identical.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from .errors import Problem
from .models import SCHEMA_VERSION, Article

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILE = "article.schema.json"
MAX_PROBLEMS = 1000
"""Reports stop growing here: past a thousand, more lines help nobody."""


def article_schema() -> dict[str, Any]:
    """The Article JSON Schema (draft 2020-12), generated from the models."""
    # Serialization mode: every field is written, so every field is required.
    generated = Article.model_json_schema(mode="serialization")
    return {
        "$schema": DRAFT_2020_12,
        "$id": f"urn:adhd-corpus:schema:article:{SCHEMA_VERSION}",
        "x-schema-version": SCHEMA_VERSION,
        **generated,
    }


def dump_json(value: Any, *, indent: int | None = 2) -> str:
    """The project's one JSON style: sorted keys, UTF-8 text, trailing newline when indented."""
    if indent is None:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(value, sort_keys=True, ensure_ascii=False, indent=indent) + "\n"


@cache
def schema_text() -> str:
    """The schema exactly as committed and published."""
    return dump_json(article_schema())


@cache
def _validator_for(text: str) -> Any:
    # jsonschema is imported here so that loading releases does not pay for it.
    from jsonschema import Draft202012Validator

    schema = json.loads(text)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def _fast_validator_for(text: str) -> Any:
    import jsonschema_rs

    try:
        return jsonschema_rs.validator_for(json.loads(text))
    except (ValueError, jsonschema_rs.ValidationError):  # let the reference explain it
        return None


def schema_problems(
    record: Any, *, file: str, line: int | None, schema: str | None = None
) -> list[Problem]:
    """Every way one record breaks the schema (the package's own unless ``schema`` is given).

    jsonschema-rs answers "valid?" about 200 times faster than ``jsonschema``, so it
    screens every record; ``jsonschema``, the reference implementation, explains the
    invalid ones, so messages are the same whichever path found them.
    """
    text = schema_text() if schema is None else schema
    fast = _fast_validator_for(text)
    if fast is not None and fast.is_valid(record):
        return []
    validator = _validator_for(text)
    errors = sorted(validator.iter_errors(record), key=lambda e: (e.json_path, e.message))
    return [Problem(file, line, f"{e.json_path}: {e.message}") for e in errors]


def _schema_problem(path: Path, text: str) -> Problem | None:
    """Why a schema file cannot be used, or None when it can."""
    from jsonschema.exceptions import SchemaError

    try:
        _validator_for(text)
    except json.JSONDecodeError as exc:
        return Problem(str(path), exc.lineno, f"not valid JSON: {exc.msg}")
    except SchemaError as exc:
        return Problem(str(path), None, f"not a valid JSON Schema: {exc.message}")
    return None


def jsonl_problems(path: Path, *, schema: str | None = None) -> Iterator[Problem]:
    """Problems of every line of a JSON Lines file: bad JSON or schema violations. A file
    whose first line is not JSON is not JSON Lines at all: one problem says so."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                record = json.loads(raw)
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                if number == 1:
                    yield Problem(
                        str(path),
                        None,
                        f"not a JSON Lines file (its first line is not JSON: {exc}); "
                        "validate takes release folders and .jsonl files",
                    )
                    return
                yield Problem(str(path), number, f"$: not a JSON record: {exc}")
                continue
            yield from schema_problems(record, file=str(path), line=number, schema=schema)


def validate_paths(paths: Iterable[Path]) -> list[Problem]:
    """Validate release folders (against their own schema) and ``.jsonl`` files; cap the report."""
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            schema_path = path / SCHEMA_FILE
            records = path / "articles.jsonl"
            if not records.is_file():
                problems.append(Problem(str(path), None, "no articles.jsonl in this folder"))
                continue
            schema = schema_path.read_text(encoding="utf-8") if schema_path.is_file() else None
            if schema is not None:
                broken = _schema_problem(schema_path, schema)
                if broken is not None:
                    problems.append(broken)
                    continue
            found: Iterable[Problem] = jsonl_problems(records, schema=schema)
        elif path.is_file():
            found = jsonl_problems(path)
        else:
            problems.append(Problem(str(path), None, "no such file or folder"))
            continue
        for problem in found:
            problems.append(problem)
            if len(problems) >= MAX_PROBLEMS:
                return problems
    return problems
