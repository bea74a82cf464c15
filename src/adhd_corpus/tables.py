"""The flat tables of a release: explicit Arrow schemas and the rows of each article.

``documents`` carries each raw text whole, so every span in a release indexes text the
release ships: ``documents.text[start:end]`` of a claim's or entity's article.

Column descriptions come from the models' field descriptions wherever a column is
a model field, so the Parquet metadata, the dataset card and the JSON Schema agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args, get_origin

from pydantic import BaseModel

from .models import Article, Claim, Entity, Link, Person, Section, Source

if TYPE_CHECKING:
    import pyarrow as pa

Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    """One column: its name, Arrow type name, nullability, meaning and, for a closed
    set of values (a ``Literal`` in the models), the values it may hold."""

    name: str
    type: str
    nullable: bool
    description: str
    values: tuple[str, ...] = ()

    @property
    def meaning(self) -> str:
        """The description, naming the closed set of values where there is one (for the
        card and Croissant, which has no enum facet)."""
        if not self.values:
            return self.description
        return f"{self.description} One of: {', '.join(self.values)}."


def _literal_values(annotation: Any) -> tuple[str, ...]:
    """The values of a ``Literal`` annotation (``Literal[...] | None`` too), else ()."""
    if get_origin(annotation) is Literal:
        return tuple(str(v) for v in get_args(annotation))
    for arg in get_args(annotation):
        if get_origin(arg) is Literal:
            return tuple(str(v) for v in get_args(arg))
    return ()


def _from(
    model: type[BaseModel], field: str, name: str | None = None, type_: str = "string"
) -> Column:
    info = model.model_fields[field]
    nullable = type(None) in getattr(info.annotation, "__args__", ())
    values = _literal_values(info.annotation)
    return Column(name or field, type_, nullable, info.description or "", values)


_ARTICLE_ID = Column("article_id", "string", False, "Id of the article the row belongs to.")

TABLES: dict[str, list[Column]] = {
    "articles": [
        _from(Article, "id"),
        _from(Article, "title"),
        _from(Source, "path", "source_path"),
        _from(Source, "sha256", "source_sha256"),
        _from(Source, "bytes", "source_bytes", "int64"),
        Column("sections", "int32", False, "Number of body sections."),
        Column("paragraphs", "int32", False, "Number of body paragraphs."),
        Column("claims", "int32", False, "Number of claims."),
        Column("hedged_claims", "int32", False, "Number of claims with at least one hedge cue."),
        Column("non_claims", "int32", False, "Number of body sentences that are not claims."),
        Column("entities", "int32", False, "Number of entity mentions in claims."),
        Column("people", "int32", False, "Number of authors and reviewers."),
        Column("links", "int32", False, "Number of guide and provider links."),
    ],
    "sections": [
        _ARTICLE_ID,
        Column("section", "int32", False, "Index of the section within the article."),
        _from(Section, "heading"),
        _from(Section, "paragraphs", type_="list<string>"),
        Column(
            "paragraph_starts",
            "list<int64>",
            True,
            "Code-point offset in the raw text where each paragraph starts, in the order of "
            "`paragraphs` (null in records before schema 1.3.0).",
        ),
        Column(
            "paragraph_ends",
            "list<int64>",
            True,
            "Code-point offset just past each paragraph, in the order of `paragraphs`: "
            "documents.text[start:end] is the paragraph.",
        ),
    ],
    "claims": [
        _ARTICLE_ID,
        _from(Claim, "id"),
        _from(Claim, "section", type_="int32"),
        _from(Claim, "sentence_index", type_="int32"),
        _from(Claim, "text"),
        _from(Claim, "start", type_="int64"),
        _from(Claim, "end", type_="int64"),
        _from(Claim, "hedged", type_="bool"),
        _from(Claim, "hedge_cues", type_="list<string>"),
        Column("hedge_classes", "list<string>", False, "The class of each hedge cue, in order."),
        Column("booster_cues", "list<string>", False, "The booster cues found, as written."),
        _from(Claim, "negated", type_="bool"),
        Column("negation_cues", "list<string>", False, "The negation cues found, as written."),
        _from(Claim, "strength", type_="int32"),
        _from(Claim, "strength_label"),
        Column("relation_cues", "list<string>", False, "The relation cues that set the strength."),
        Column(
            "nonassertive_cues",
            "list<string>",
            False,
            "Question, call-for-research, recommendation and purpose cues: no relation in scope.",
        ),
        _from(Claim, "asserted", type_="bool"),
        _from(Claim, "frame"),
    ],
    "entities": [
        _ARTICLE_ID,
        Column("claim_id", "string", False, "Id of the claim the mention is in."),
        _from(Entity, "text"),
        _from(Entity, "type"),
        _from(Entity, "canonical"),
        _from(Entity, "mesh_id"),
        _from(Entity, "start", type_="int64"),
        _from(Entity, "end", type_="int64"),
        _from(Entity, "negated", type_="bool"),
        _from(Entity, "hedged", type_="bool"),
    ],
    "people": [
        _ARTICLE_ID,
        _from(Person, "id"),
        _from(Person, "name"),
        _from(Person, "honorific"),
        _from(Person, "credentials", type_="list<string>"),
        _from(Person, "role"),
        _from(Person, "bio"),
        _from(Person, "pseudonymous", type_="bool"),
        _from(Person, "role_detail"),
    ],
    "links": [
        _ARTICLE_ID,
        _from(Link, "kind"),
        _from(Link, "text"),
        _from(Link, "sentence"),
        _from(Link, "url"),
    ],
    "documents": [
        _from(Article, "id"),
        Column(
            "text",
            "string",
            False,
            "The raw file decoded as UTF-8, whole (a BOM is character 0): claim and entity "
            "start/end are code-point offsets into it.",
        ),
        _from(Source, "sha256"),
    ],
}
"""Table name -> columns, in file order. Every table but ``articles`` and ``documents``
has ``article_id``; ``documents`` is keyed by the article ``id``."""


Record = Mapping[str, Any]
"""An article as ``Article.model_dump`` gives it (JSON or Python mode: the same values
for every column here)."""

_CUE_LISTS = frozenset({"entities", "hedges", "boosters", "negations", "relations", "nonassertive"})
"""Claim fields that are lists of records: flattened into their own columns or table."""


def _article_rows(a: Record) -> Iterator[Row]:
    source, claims = a["source"], a["claims"]
    yield {
        "id": a["id"],
        "title": a["title"],
        "source_path": source["path"],
        "source_sha256": source["sha256"],
        "source_bytes": source["bytes"],
        "sections": len(a["sections"]),
        "paragraphs": sum(len(s["paragraphs"]) for s in a["sections"]),
        "claims": len(claims),
        "hedged_claims": sum(c["hedged"] for c in claims),
        "non_claims": len(a.get("non_claims") or []),
        "entities": sum(len(c["entities"]) for c in claims),
        "people": len(a["people"]),
        "links": len(a["links"]),
    }


def _section_rows(a: Record) -> Iterator[Row]:
    for index, s in enumerate(a["sections"]):
        spans = s.get("paragraph_spans")
        yield {
            "article_id": a["id"],
            "section": index,
            "heading": s["heading"],
            "paragraphs": s["paragraphs"],
            "paragraph_starts": None if spans is None else [p["start"] for p in spans],
            "paragraph_ends": None if spans is None else [p["end"] for p in spans],
        }


def _texts(cues: list[Record] | None, key: str = "text") -> list[Any]:
    return [cue[key] for cue in cues or []]


def _claim_rows(a: Record) -> Iterator[Row]:
    for c in a["claims"]:
        yield {
            "article_id": a["id"],
            **{k: v for k, v in c.items() if k not in _CUE_LISTS},
            "hedge_classes": _texts(c.get("hedges"), "cue_class"),
            "booster_cues": _texts(c.get("boosters")),
            "negation_cues": _texts(c.get("negations")),
            "relation_cues": _texts(c.get("relations")),
            "nonassertive_cues": _texts(c.get("nonassertive")),
        }


def _entity_rows(a: Record) -> Iterator[Row]:
    for c in a["claims"]:
        for e in c["entities"]:
            yield {"article_id": a["id"], "claim_id": c["id"], **e}


def _person_rows(a: Record) -> Iterator[Row]:
    for p in a["people"]:
        yield {"article_id": a["id"], **p}


def _link_rows(a: Record) -> Iterator[Row]:
    for link in a["links"]:
        yield {"article_id": a["id"], **link}


ROWS: dict[str, Callable[[Record], Iterator[Row]]] = {
    "articles": _article_rows,
    "sections": _section_rows,
    "claims": _claim_rows,
    "entities": _entity_rows,
    "people": _person_rows,
    "links": _link_rows,
}


def arrow_type(name: str) -> pa.DataType:
    """The Arrow type for a column type name."""
    import pyarrow as pa

    simple = {
        "string": pa.string(),
        "int32": pa.int32(),
        "int64": pa.int64(),
        "bool": pa.bool_(),
        # Parquet names a list's values "element"; so must we, or tables read back differently.
        "list<string>": pa.list_(pa.field("element", pa.string(), nullable=False)),
        "list<int64>": pa.list_(pa.field("element", pa.int64(), nullable=False)),
    }
    return simple[name]


def arrow_schema(table: str) -> pa.Schema:
    """The explicit Arrow schema of a table; data never decides a type."""
    import pyarrow as pa

    return pa.schema(
        [
            pa.field(
                c.name,
                arrow_type(c.type),
                nullable=c.nullable,
                metadata={"description": c.description},
            )
            for c in TABLES[table]
        ],
        metadata={"table": table},
    )


def record_rows(record: Record, text: str | None = None) -> dict[str, list[Row]]:
    """One article's rows in every table, from its dumped record (a build has it already
    for the JSON line and the schema check: no record is dumped twice); ``documents`` has
    a row only given the raw ``text``."""
    rows = {table: list(produce(record)) for table, produce in ROWS.items()}
    rows["documents"] = (
        []
        if text is None
        else [{"id": record["id"], "text": text, "sha256": record["source"]["sha256"]}]
    )
    return rows


def article_rows(article: Article, text: str | None = None) -> dict[str, list[Row]]:
    """One article's rows in every table; ``documents`` has a row only given the raw ``text``."""
    return record_rows(article.model_dump(), text)
