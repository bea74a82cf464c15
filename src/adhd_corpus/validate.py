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
from .jsonio import canonical_json
from .layout import RECORDS, SCHEMA
from .models import SCHEMA_VERSION, Article

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
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


@cache
def schema_text() -> str:
    """The schema exactly as committed and published."""
    return canonical_json(article_schema())


def _never_fetch(uri: str) -> Any:
    """The retriever of both validators: a schema is checked on its own, so a ``$ref``
    to the network or to a file is never followed (it could leak, hang or read
    anything on this machine)."""
    raise ValueError(f"{uri}: references outside the schema are never fetched")


@cache
def _validator_for(text: str) -> Any:
    # jsonschema is imported here so that loading releases does not pay for it.
    from jsonschema import Draft202012Validator
    from referencing import Registry

    schema = json.loads(text)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(
        schema,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
        registry=Registry(retrieve=_never_fetch),  # type: ignore[call-arg]
    )


@cache
def _fast_validator_for(text: str) -> Any:
    import jsonschema_rs

    try:
        return jsonschema_rs.validator_for(json.loads(text), retriever=_never_fetch)
    except (ValueError, jsonschema_rs.ValidationError):  # let the reference explain it
        return None


def _outside_refs(schema: Any) -> Iterator[str]:
    """Every ``$ref`` (or ``$dynamicRef``) in a schema that points outside the schema."""
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key in ("$ref", "$dynamicRef") and not (isinstance(value, str) and value[:1] == "#"):
                yield str(value)
            else:
                yield from _outside_refs(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from _outside_refs(item)


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
    from referencing.exceptions import Unresolvable

    validator = _validator_for(text)
    try:
        errors = sorted(validator.iter_errors(record), key=lambda e: (e.json_path, e.message))
    except Unresolvable as exc:  # a "$ref" to a part of the schema that is not there
        return [Problem(file, line, f"the schema's $ref {exc.ref!r} cannot be resolved")]
    return [Problem(file, line, f"{e.json_path}: {e.message}") for e in errors]


def _schema_problem(path: Path, text: str) -> Problem | None:
    """Why a schema file cannot be used, or None when it can."""
    from jsonschema.exceptions import SchemaError

    try:
        validator = _validator_for(text)
    except json.JSONDecodeError as exc:
        return Problem(str(path), exc.lineno, f"not valid JSON: {exc.msg}")
    except SchemaError as exc:
        return Problem(str(path), None, f"not a valid JSON Schema: {exc.message}")
    schema = validator.schema
    outside = next(_outside_refs(schema), None)
    if outside is not None:
        return Problem(
            str(path), None, f"$ref {outside!r} points outside the schema; it is never fetched"
        )
    if not isinstance(schema, dict) or not schema.get("properties"):
        return Problem(str(path), None, "the schema accepts anything; records were not checked")
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
            schema_path = path / SCHEMA
            records = path / RECORDS
            if not records.is_file():
                problems.append(Problem(str(path), None, "no articles.jsonl in this folder"))
                continue
            try:
                schema = schema_path.read_bytes().decode("utf-8") if schema_path.exists() else None
            except (OSError, UnicodeDecodeError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) else f"not UTF-8: {exc.reason}"
                problems.append(Problem(str(schema_path), None, f"cannot be read: {reason}"))
                continue
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
