"""Standard metadata for a release, generated from the table layouts and the records:

- ``datapackage.json``: a Frictionless Data Package; every Parquet table is a
  tabular resource with a Table Schema (types, required columns, keys, foreign keys
  to ``articles``), and ``articles.jsonl`` is described by its top-level fields, with
  ``article.schema.json`` for the full structure.
- ``croissant.json``: MLCommons Croissant 1.0 (JSON-LD): the files with their
  sha256, and one record set per table with typed fields.
- ``schemaorg.jsonld``: each article as a schema.org ``MedicalWebPage`` with its
  authors, reviewers and the entities it mentions, for web apps to embed.

Nothing here is edited by hand; everything is deterministic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..corpus import Corpus, Publisher
from ..jsonio import canonical_json
from ..layout import DOCUMENTS_JSONL, RECORDS, SCHEMA
from ..manifest import FileDigest
from ..models import Article
from ..tables import TABLES, Column, Row
from .stats import Stats

"""The documents table as JSON Lines (``id``, ``sha256``, ``text``), beside its Parquet file."""

KEYS: dict[str, list[str]] = {
    "articles": ["id"],
    "sections": ["article_id", "section"],
    "claims": ["id"],
    "documents": ["id"],
}
"""Primary keys of the tables that have one (entities, people and links may repeat)."""

_TABLE_TYPES = {"string": "string", "int32": "integer", "int64": "integer", "bool": "boolean"}
_CROISSANT_TYPES = {
    "string": "sc:Text",
    "int32": "sc:Integer",
    "int64": "sc:Integer",
    "bool": "sc:Boolean",
    "list<string>": "sc:Text",
    "list<int64>": "sc:Integer",
}
_LIST_OF = {"list<string>": "strings", "list<int64>": "integers"}
PARQUET = "application/vnd.apache.parquet"


def _table_field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "description": column.description}
    if column.type in _LIST_OF:
        # Frictionless reads Parquet lists as arrays it cannot type-check: say what they are.
        field.update(
            type="any", description=f"{column.description} (a list of {_LIST_OF[column.type]})"
        )
    else:
        field["type"] = _TABLE_TYPES[column.type]
    constraints: dict[str, Any] = {}
    if not column.nullable:
        constraints["required"] = True
    if column.values:
        constraints["enum"] = list(column.values)
    if constraints:
        field["constraints"] = constraints
    return field


def sources_of(corpus: Corpus, stats: Stats) -> tuple[list[tuple[Publisher, int]], int]:
    """The recorded sources of a release's articles with their article counts, and how
    many articles have no recorded source."""
    return corpus.publishers(stats.ids)


def licence_lines(corpus: Corpus, stats: Stats) -> list[tuple[str, str | None]]:
    """Each set of terms in a release, as (statement, URL or None): each recorded source's
    terms for its texts, a note for texts whose terms are not recorded, then the licence
    of the structure adhd-corpus adds. The card and every metadata file say these words."""
    found, unrecorded = sources_of(corpus, stats)
    out: list[tuple[str, str | None]] = [
        (f"Texts from {s.publisher}: {s.texts_licence}", s.texts_licence_url) for s, _ in found
    ]
    if unrecorded:
        out.append(
            (
                f"Texts of the {unrecorded:,} article(s) whose publisher is not recorded: their "
                "terms are unknown; check with the publisher before reusing them.",
                None,
            )
        )
    out.append(
        (
            "The structure added by adhd-corpus (records, tables, annotations, metadata): "
            f"{corpus.annotations_licence}.",
            corpus.annotations_licence_url,
        )
    )
    return out


def licences(corpus: Corpus, stats: Stats) -> list[dict[str, str]]:
    """Data Package ``licenses``: the statements of ``licence_lines``; the annotations'
    licence by its SPDX name, the texts' terms as "other"."""
    out = []
    for title, url in licence_lines(corpus, stats):
        is_annotations = url == corpus.annotations_licence_url and not title.startswith("Texts")
        entry = {"name": corpus.annotations_licence if is_annotations else "other", "title": title}
        if url:
            entry["path"] = url
        out.append(entry)
    return out


def _foreign_key(table: str) -> list[dict[str, Any]]:
    field = "id" if table == "documents" else "article_id"
    return [{"fields": [field], "reference": {"resource": "articles", "fields": ["id"]}}]


def datapackage(
    version: str, files: dict[str, FileDigest], corpus: Corpus, stats: Stats
) -> dict[str, Any]:
    """The Data Package descriptor; ``files`` maps each data file to its sha256 and bytes."""
    resources: list[dict[str, Any]] = []
    for table, columns in TABLES.items():
        path = f"{table}.parquet"
        schema: dict[str, Any] = {"fields": [_table_field(c) for c in columns]}
        if table in KEYS:
            schema["primaryKey"] = KEYS[table]
        if table != "articles":
            schema["foreignKeys"] = _foreign_key(table)
        resources.append(
            {
                "name": table,
                "type": "table",
                "path": path,
                "format": "parquet",
                "mediatype": PARQUET,
                # No bytes or hash here: Frictionless cannot count a Parquet file's bytes
                # and would report a mismatch; manifest.json and croissant.json carry them.
                "schema": schema,
            }
        )
    records = RECORDS
    resources.append(
        {
            "name": "article-records",
            "type": "table",
            "path": records,
            "format": "jsonl",
            "mediatype": "application/jsonl",
            "encoding": "utf-8",
            "bytes": files[records].bytes,
            "hash": f"sha256:{files[records].sha256}",
            "description": "One Article record per line; article.schema.json (JSON Schema "
            "draft 2020-12) describes every nested field.",
            "schema": {"fields": _record_fields(), "primaryKey": ["id"]},
        }
    )
    columns = TABLES["documents"]
    resources.append(
        {
            "name": "document-texts",
            "type": "table",
            "path": DOCUMENTS_JSONL,
            "format": "jsonl",
            "mediatype": "application/jsonl",
            "encoding": "utf-8",
            "bytes": files[DOCUMENTS_JSONL].bytes,
            "hash": f"sha256:{files[DOCUMENTS_JSONL].sha256}",
            "description": "The documents table as JSON Lines: each raw text whole, the text "
            "every claim and entity offset indexes.",
            "schema": {
                "fields": [_table_field(c) for c in sorted(columns, key=lambda c: c.name)],
                "primaryKey": ["id"],
            },
        }
    )
    descriptor: dict[str, Any] = {
        "name": corpus.name,
        "title": corpus.title,
        "description": corpus.description,
        "version": version,
        "licenses": licences(corpus, stats),
        "contributors": [{"title": corpus.creator, "role": "author"}],
        "sources": [{"title": s.publisher, "path": s.url} for s, _ in sources_of(corpus, stats)[0]],
        "resources": resources,
    }
    released = corpus.release_date(version)
    if released is not None:
        descriptor["created"] = f"{released.isoformat()}T00:00:00Z"
    return descriptor


def _record_fields() -> list[dict[str, Any]]:
    """The top-level fields of a record, in the order the JSON lines write them (sorted)."""
    fields = []
    for name in sorted(Article.model_fields):
        info = Article.model_fields[name]
        kind = getattr(info.annotation, "__origin__", info.annotation)
        type_ = "array" if kind is list or "list" in str(info.annotation) else "string"
        if name == "source":
            type_ = "object"
        fields.append({"name": name, "type": type_, "description": info.description or ""})
    return fields


def croissant(
    version: str, files: dict[str, FileDigest], corpus: Corpus, stats: Stats
) -> dict[str, Any]:
    """The Croissant 1.0 description: distribution with sha256 and a record set per table."""
    distribution = [
        {
            "@type": "cr:FileObject",
            "@id": name,
            "name": name,
            "contentUrl": name,
            "encodingFormat": "application/x-parquet" if name.endswith(".parquet") else kind,
            "sha256": files[name].sha256,
        }
        for name, kind in [
            *((f"{t}.parquet", PARQUET) for t in TABLES),
            (RECORDS, "application/jsonlines"),
            (DOCUMENTS_JSONL, "application/jsonlines"),
            (SCHEMA, "application/schema+json"),
        ]
    ]
    record_sets = []
    for table, columns in TABLES.items():
        fields = []
        for column in columns:
            field: dict[str, Any] = {
                "@type": "cr:Field",
                "@id": f"{table}/{column.name}",
                "name": column.name,
                "description": column.meaning,
                "dataType": _CROISSANT_TYPES[column.type],
                "source": {
                    "fileObject": {"@id": f"{table}.parquet"},
                    "extract": {"column": column.name},
                },
            }
            if column.type in _LIST_OF:
                field.update({"cr:isArray": True, "cr:arrayShape": "-1"})
            fields.append(field)
        record_set: dict[str, Any] = {
            "@type": "cr:RecordSet",
            "@id": table,
            "name": table,
            "field": fields,
        }
        if table in KEYS:
            keys = [{"@id": f"{table}/{k}"} for k in KEYS[table]]
            record_set["key"] = keys[0] if len(keys) == 1 else keys
        record_sets.append(record_set)
    found, _ = sources_of(corpus, stats)
    dataset: dict[str, Any] = {
        "@context": CROISSANT_CONTEXT,
        "@type": "sc:Dataset",
        "name": corpus.name,
        "description": corpus.description,
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "citeAs": corpus.cite(version),
        "creator": {"@type": "sc:Organization", "name": corpus.creator},
        "inLanguage": corpus.language,
        "license": [url or title for title, url in licence_lines(corpus, stats)],
        "version": version,
        "distribution": distribution,
        "recordSet": record_sets,
    }
    if found:
        dataset["isBasedOn"] = [
            {"@type": "sc:WebSite", "name": s.publisher, "url": s.url} for s, _ in found
        ]
    released = corpus.release_date(version)
    if released is not None:
        dataset["datePublished"] = released.isoformat()
    return dataset


CROISSANT_CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
"""The Croissant 1.0 JSON-LD context (the vocabulary's standard term mappings)."""

SCHEMA_ORG_TYPES = {
    "neurotransmitter": "ChemicalSubstance",
    "condition": "MedicalCondition",
    "symptom": "MedicalSignOrSymptom",
    "drug": "Drug",
    "drug_class": "DrugClass",
    "brain_region": "AnatomicalStructure",
    "method": "MedicalTest",
    "protein": "Protein",
    "nutrient": "DietarySupplement",
    "therapy": "MedicalTherapy",
    "anatomy": "AnatomicalStructure",
    "hormone": "ChemicalSubstance",
}
"""Entity type (every ``models.EntityType``, in order) -> the schema.org type that names it:
organs and cells are ``AnatomicalStructure`` like brain regions; hormones, like
neurotransmitters, ``ChemicalSubstance``."""


_PAGE_ROLES = {
    "author": "author",
    "reviewer": "reviewedBy",
    "fact_checker": "reviewedBy",
    "editor": "editor",
}
"""A person's role as the page names it (``role_detail``, else ``role``) -> the
MedicalWebPage property that holds them: schema.org has an editor, not a fact checker."""


def _page_role(person: Row) -> str:
    return _PAGE_ROLES[person.get("role_detail") or person["role"]]


def _person(person: Row) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "@type": "Person",
        "@id": f"urn:adhd-corpus:person:{person['id']}",
        "name": person["name"],
    }
    if person["honorific"]:
        entry["honorificPrefix"] = person["honorific"]
    if person["credentials"]:
        entry["hasCredential"] = [
            {"@type": "EducationalOccupationalCredential", "name": c} for c in person["credentials"]
        ]
    if person["pseudonymous"]:
        entry["description"] = "The article states that this name is a pseudonym."
    return entry


def schema_org_page(rows: dict[str, list[Row]], corpus: Corpus | None = None) -> dict[str, Any]:
    """One article, from its table rows, as a schema.org MedicalWebPage; its publisher
    only when the corpus description records one."""
    (article,) = rows["articles"]
    mentioned: dict[str, dict[str, Any]] = {}
    for entity in rows["entities"]:
        if entity["canonical"] in mentioned:
            continue
        thing: dict[str, Any] = {
            "@type": SCHEMA_ORG_TYPES[entity["type"]],
            "name": entity["canonical"],
        }
        if entity["mesh_id"]:
            thing["code"] = {
                "@type": "MedicalCode",
                "codeValue": entity["mesh_id"],
                "codingSystem": "MeSH",
            }
            thing["sameAs"] = f"https://id.nlm.nih.gov/mesh/{entity['mesh_id']}"
        mentioned[entity["canonical"]] = thing
    title = article["title"].casefold()
    people = rows["people"]
    page: dict[str, Any] = {
        "@type": "MedicalWebPage",
        "@id": f"urn:adhd-corpus:article:{article['id']}",
        "identifier": article["id"],
        "name": article["title"],
        "headline": article["title"],
        "author": [_person(p) for p in people if _page_role(p) == "author"],
        "reviewedBy": [_person(p) for p in people if _page_role(p) == "reviewedBy"],
        "editor": [_person(p) for p in people if _page_role(p) == "editor"],
        "about": [t for name, t in mentioned.items() if name.casefold() in title],
        "mentions": list(mentioned.values()),
    }
    source = corpus.publisher_of(article["id"]) if corpus is not None else None
    if source is not None:
        page["publisher"] = {"@type": "Organization", "name": source.publisher, "url": source.url}
        page["license"] = source.texts_licence_url or source.texts_licence
    return page


class SchemaOrgWriter:
    """Writes ``schemaorg.jsonld`` one page per line as articles stream past, so its
    memory does not grow with the corpus: ``{"@context": ..., "@graph": [page, ...]}``."""

    def __init__(self, path: Path, corpus: Corpus | None = None) -> None:
        self._corpus = corpus
        self._handle = path.open("w", encoding="utf-8", newline="\n")
        self._handle.write('{"@context": "https://schema.org", "@graph": [\n')
        self._first = True

    def add(self, rows: dict[str, list[Row]]) -> None:
        page = canonical_json(schema_org_page(rows, self._corpus), "spaced")
        self._handle.write(("" if self._first else ",\n") + page)
        self._first = False

    def close(self) -> None:
        self._handle.write("\n]}\n")
        self._handle.close()
