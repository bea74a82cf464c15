"""Every mirror of the models is tied to the models: schema.org types, the Data Package
and Croissant descriptions. A field, table or entity type added to the models without
its mirror fails here, not in a catalogue that reads the release."""

from __future__ import annotations

import re
from typing import Any, get_args

import pyarrow as pa
import pytest

from adhd_corpus.corpus import Corpus
from adhd_corpus.layout import DOCUMENTS_JSONL, RECORDS, SCHEMA, TABLE_NAMES, parquet_file
from adhd_corpus.manifest import FileDigest
from adhd_corpus.models import Article, EntityType
from adhd_corpus.release.metadata import (
    SCHEMA_ORG_TYPES,
    croissant,
    datapackage,
    schema_org_page,
)
from adhd_corpus.release.stats import Stats
from adhd_corpus.tables import TABLES, arrow_schema

ENTITY_TYPES: tuple[str, ...] = get_args(EntityType)
FILES = [*(parquet_file(t) for t in TABLE_NAMES), RECORDS, DOCUMENTS_JSONL, SCHEMA]
DIGESTS = {name: FileDigest(bytes=1, sha256="0" * 64) for name in FILES}


def _datapackage() -> dict[str, Any]:
    return datapackage("9.9.9", DIGESTS, Corpus(), Stats())


def _croissant() -> dict[str, Any]:
    return croissant("9.9.9", DIGESTS, Corpus(), Stats())


# --- schema.org --------------------------------------------------------------------------------


def test_every_entity_type_has_exactly_one_schema_org_type() -> None:
    assert sorted(SCHEMA_ORG_TYPES) == sorted(ENTITY_TYPES)
    for kind, name in SCHEMA_ORG_TYPES.items():
        assert re.fullmatch(r"[A-Z][A-Za-z]+", name), f"{kind}: {name!r} is not a schema.org type"


@pytest.mark.parametrize("kind", ENTITY_TYPES)
def test_a_mention_of_each_entity_type_gets_its_schema_org_type(kind: str) -> None:
    rows: dict[str, list[dict[str, Any]]] = {
        "articles": [{"id": "a", "title": "T"}],
        "entities": [{"canonical": f"some {kind}", "type": kind, "mesh_id": None}],
        "people": [],
    }
    page = schema_org_page(rows)
    assert page["mentions"] == [{"@type": SCHEMA_ORG_TYPES[kind], "name": f"some {kind}"}]


# --- the tables themselves ---------------------------------------------------------------------


def test_the_table_layouts_are_the_release_tables() -> None:
    assert list(TABLES) == list(TABLE_NAMES)


# --- Frictionless Data Package -----------------------------------------------------------------


def _resource(name: str) -> dict[str, Any]:
    resources = {r["name"]: r for r in _datapackage()["resources"]}
    return dict(resources[name])


DATA_PACKAGE_TYPES = {
    pa.string(): "string",
    pa.int32(): "integer",
    pa.int64(): "integer",
    pa.bool_(): "boolean",
}


def _kind(types: dict[pa.DataType, str], column: pa.Field, lists: str | None) -> str:
    """What a column's Arrow type is called in a description: a list column is ``lists``,
    or, when that is None, its element's kind."""
    if pa.types.is_list(column.type):
        return types[column.type.value_type] if lists is None else lists
    return types[column.type]


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_data_package_fields_are_the_arrow_columns(table: str) -> None:
    resource = _resource(table)
    assert resource["path"] == parquet_file(table)
    fields = resource["schema"]["fields"]
    schema = arrow_schema(table)
    assert [f["name"] for f in fields] == schema.names
    for field, column in zip(fields, schema, strict=True):
        assert field["type"] == _kind(DATA_PACKAGE_TYPES, column, "any"), column.name
        required = field.get("constraints", {}).get("required", False)
        assert required is not column.nullable, column.name
        assert field["description"].startswith(column.metadata[b"description"].decode())


def test_data_package_describes_every_table_and_the_json_lines_files() -> None:
    names = [r["name"] for r in _datapackage()["resources"]]
    assert names == [*TABLE_NAMES, "article-records", "document-texts"]


def test_data_package_record_fields_are_the_article_fields() -> None:
    fields = _resource("article-records")["schema"]["fields"]
    assert [f["name"] for f in fields] == sorted(Article.model_fields)
    for field in fields:
        assert field["description"] == Article.model_fields[field["name"]].description


def test_data_package_document_texts_are_the_documents_table() -> None:
    resource = _resource("document-texts")
    assert resource["path"] == DOCUMENTS_JSONL
    names = [f["name"] for f in resource["schema"]["fields"]]
    assert names == sorted(arrow_schema("documents").names)


# --- Croissant ---------------------------------------------------------------------------------

CROISSANT_TYPES = {
    pa.string(): "sc:Text",
    pa.int32(): "sc:Integer",
    pa.int64(): "sc:Integer",
    pa.bool_(): "sc:Boolean",
}


def test_croissant_distributes_every_table_and_file() -> None:
    assert [f["@id"] for f in _croissant()["distribution"]] == FILES


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_croissant_record_set_fields_are_the_arrow_columns(table: str) -> None:
    record_sets = {r["@id"]: r for r in _croissant()["recordSet"]}
    assert list(record_sets) == list(TABLE_NAMES)
    fields = record_sets[table]["field"]
    schema = arrow_schema(table)
    assert [f["name"] for f in fields] == schema.names
    for field, column in zip(fields, schema, strict=True):
        assert field["@id"] == f"{table}/{column.name}"
        assert field["dataType"] == _kind(CROISSANT_TYPES, column, None), column.name
        assert field["source"] == {
            "fileObject": {"@id": parquet_file(table)},
            "extract": {"column": column.name},
        }
        assert field.get("cr:isArray", False) is pa.types.is_list(column.type)
