"""Everything that names the entity types knows every ``EntityType`` value, in order."""

from __future__ import annotations

import csv
import json
from typing import get_args

from conftest import DIST, ROOT

from adhd_corpus.models import Article, EntityType
from adhd_corpus.release.metadata import SCHEMA_ORG_TYPES
from adhd_corpus.release.palette import ENTITY_COLOURS
from adhd_corpus.tables import TABLES

TYPES = list(get_args(EntityType))


def test_every_mirror_of_entity_type_lists_the_same_values_in_order() -> None:
    assert list(SCHEMA_ORG_TYPES) == TYPES
    assert list(ENTITY_COLOURS) == TYPES
    [column] = [c for c in TABLES["entities"] if c.name == "type"]
    assert list(column.values) == TYPES
    schema = Article.model_json_schema()["$defs"]["Entity"]["properties"]["type"]
    assert schema["enum"] == TYPES
    committed = json.loads((ROOT / "schema" / "article.schema.json").read_text(encoding="utf-8"))
    assert committed["$defs"]["Entity"]["properties"]["type"]["enum"] == TYPES


def test_the_vocabulary_uses_every_type_and_no_other() -> None:
    path = ROOT / "src" / "adhd_corpus" / "parse" / "data" / "vocabulary.tsv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    used = {row["type"] for row in csv.DictReader(lines, delimiter="\t")}
    assert used == set(TYPES)


def test_the_latest_release_metadata_names_the_types() -> None:
    latest = json.loads((DIST / "index.json").read_text(encoding="utf-8"))["latest"]
    release = DIST / latest
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    [entities] = [r for r in package["resources"] if r["name"] == "entities"]
    [field] = [f for f in entities["schema"]["fields"] if f["name"] == "type"]
    assert field["constraints"]["enum"] == TYPES
    croissant = json.loads((release / "croissant.json").read_text(encoding="utf-8"))
    [record_set] = [r for r in croissant["recordSet"] if r["name"] == "entities"]
    [described] = [f for f in record_set["field"] if f["name"] == "type"]
    assert described["description"].endswith(f"One of: {', '.join(TYPES)}.")
    explorer = (release / "explorer.html").read_text(encoding="utf-8")
    assert all(f"t-{kind}{{" in explorer for kind in TYPES)
    card = (release / "README.md").read_text(encoding="utf-8")
    assert f"| The concept's kind. One of: {', '.join(TYPES)}. |" in card
