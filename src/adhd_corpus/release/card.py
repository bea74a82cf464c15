"""The dataset card (a release's README.md), generated from the data and the models."""

from __future__ import annotations

from html import escape
from typing import Any

from pydantic import BaseModel

from ..models import (
    STRENGTH_LABELS,
    Article,
    Claim,
    Cue,
    Entity,
    Link,
    Person,
    Section,
    Sentence,
    Source,
)
from .stats import MAX_LISTED, Stats
from .tables import TABLES

_YES_NO = {True: "yes", False: "no"}


def _cell(text: str) -> str:
    # Titles are escaped by the caller (escape(title)): raw HTML in a scraped title must
    # show as text on a card rendered by GitHub or the Hub, as in the explorer and charts.
    return text.replace("|", "\\|").replace("\n", " ")


def _model_fields(model: type[BaseModel], prefix: str = "") -> list[str]:
    return [
        f"| `{prefix}{name}` | {_cell(info.description or '')} |"
        for name, info in model.model_fields.items()
    ]


def render_card(manifest: dict[str, Any], stats: Stats, *, rejected: int = 0) -> str:
    """Markdown for the dataset card of one release (``rejected``: inputs left out)."""
    counts = manifest["counts"]
    version = manifest["version"]
    out: list[str] = [
        f"# adhd-corpus {version}",
        "",
        "Health-advice web articles about ADHD neurochemistry, parsed into structured records:",
        "title, body sections, sentence-level claims with exact character spans, their",
        "certainty (hedges, boosters, negation, claim strength) and biomedical entities, the",
        "people named as authors and reviewers, and the guide and provider links. Every",
        "record was validated with pydantic and against",
        "`article.schema.json` (JSON Schema draft 2020-12) before it was written.",
        "",
        "## Contents",
        "",
        "| table | rows |",
        "| --- | ---: |",
        *(f"| `{name}` | {counts[name]:,} |" for name in TABLES),
        "",
        f"Claims: {stats.claims:,}; hedged: {stats.hedged:,} ({stats.hedged_share()}); "
        f"with a booster: {stats.boosted:,} ({stats.share(stats.boosted)}); "
        f"negated: {stats.negated:,} ({stats.share(stats.negated)}).",
        "",
        "Claim strength (0 none, 1 correlational, 2 conditional causal, 3 direct causal):",
        "",
        "| strength | claims | share |",
        "| --- | ---: | ---: |",
        *(
            f"| {level} {STRENGTH_LABELS[level]} | {n} | {stats.share(n)} |"
            for level, n in enumerate(stats.strength_counts())
        ),
        "",
        "| article | title | claims | hedged | strength 0/1/2/3 | entity mentions |",
        "| --- | --- | ---: | ---: | --- | ---: |",
        *(
            f"| `{a.id}` | {_cell(escape(a.title, quote=False))} | {a.claims} | {a.hedged} | "
            f"{'/'.join(map(str, a.strength))} | {a.entities} |"
            for a in stats.listed()
        ),
        *(
            [f"| … | {stats.unlisted:,} more articles: see `articles.parquet` | | | | |"]
            if stats.unlisted
            else []
        ),
        "",
        "![Claims per article by certainty and strength](charts/certainty.svg)",
        "",
        "![Claim strength and certainty markers across the release](charts/strength.svg)",
        "",
        "Most mentioned entities:",
        "",
        "![The most mentioned entities, by type](charts/entities.svg)",
        "",
        "| entity | type | mentions |",
        "| --- | --- | ---: |",
        *(f"| {_cell(name)} | {kind} | {n} |" for name, kind, n in stats.top_entities()),
        "",
        "## Where it comes from",
        "",
        "One UTF-8 text file per article, as extracted from the publisher's web pages",
        "(mypatientadvice.co.uk). The raw files and their SHA-256 hashes:",
        "",
        "| raw file | sha256 |",
        "| --- | --- |",
        *(
            f"| `{name}` | `{digest}` |"
            for name, digest in list(manifest["sources"].items())[:MAX_LISTED]
        ),
        *(
            [f"| … | {len(manifest['sources']) - MAX_LISTED:,} more: see `manifest.json` |"]
            if len(manifest["sources"]) > MAX_LISTED
            else []
        ),
        "",
        "## How it was built",
        "",
        f"Built by `{manifest['generator']}` with record schema version",
        f"{manifest['schema_version']}. The build is deterministic: the same raw files give",
        "byte-identical release files. `manifest.json` lists every file with its SHA-256 and",
        "size; `adhd-corpus verify <this folder>` checks them.",
        "",
        *(
            [
                f"**{rejected} raw file(s) were rejected** and are not in this release",
                "(built with `--keep-going`); `rejected.json` says which and why.",
                "",
            ]
            if rejected
            else []
        ),
        "What counts as a claim: a body sentence that states something about health, biology,",
        "treatment or research, asserted or hedged, whatever the condition. Calls to action,",
        "navigation, imperative advice, sentences that only introduce a list, questions,",
        "headings, bylines, bios, editorial and disclaimer text, dated news lines and contact",
        "lines are not claims. A claim is `hedged` when it holds a cue from the project's",
        "hedge lexicon (modal auxiliaries, epistemic and evidential verbs, epistemic adjectives",
        'and adverbs, multi-word cues such as "is thought to"). Each entity mention gets its',
        "own `negated` and `hedged`: whether it lies inside a negation or hedge cue's scope",
        "(NegEx/ConText style: cues reach forward or back up to a conjunction or clause",
        "punctuation). A claim is `negated` only when its relation itself is negated, so",
        '"with and without ADHD" negates the mention, not the claim. `strength` follows Yu et',
        'al. (2019): "can" and reporting verbs ("suggest") do not make a causal claim',
        "conditional; questions and calls for research state no relation. Entities come",
        "from a curated vocabulary matched longest-first, with abbreviations an article",
        "defines; MeSH ids come from the published MeSH descriptor list, never typed by hand.",
        "",
        "## Files",
        "",
        "| file | what |",
        "| --- | --- |",
        "| `articles.jsonl` | one Article record per line, sorted by id |",
        "| `article.schema.json` | the JSON Schema (draft 2020-12) the records were validated "
        "against |",
        "| `*.parquet` | the six flat tables described below |",
        "| `explorer.html` | every article with its claims highlighted by certainty, entities "
        "marked and people listed; open it in a browser, it needs no network |",
        "| `charts/*.svg` | the charts in this card |",
        "| `datapackage.json` | Frictionless Data Package (Table Schemas, keys) |",
        "| `croissant.json` | MLCommons Croissant 1.0 metadata |",
        "| `schemaorg.jsonld` | each article as a schema.org MedicalWebPage |",
        "| `CHANGELOG.md` | what changed since the previous release |",
        "| `manifest.json` | every file's sha256 and size, row counts, raw file hashes |",
        "",
        "## Loading",
        "",
        "```python",
        "import adhd_corpus",
        f'articles = adhd_corpus.load_articles("{version}")   # pydantic records',
        f'claims = adhd_corpus.load_table("claims", "{version}")   # pandas DataFrame',
        "```",
        "",
        "Without the package: read `articles.jsonl` with any JSON reader and validate it",
        "with `article.schema.json`; read the `*.parquet` tables with pyarrow, pandas,",
        "Polars or DuckDB, for example",
        "`duckdb.sql(\"SELECT * FROM 'claims.parquet' WHERE hedged\")`, or with Hugging Face",
        '`datasets.load_dataset("parquet", data_files={"train": "claims.parquet"})`.',
        "",
        "## Fields",
        "",
        "### Records (`articles.jsonl`)",
        "",
        "| field | meaning |",
        "| --- | --- |",
        *_model_fields(Article),
        *_model_fields(Source, "source."),
        *_model_fields(Section, "sections[]."),
        *_model_fields(Claim, "claims[]."),
        *_model_fields(Cue, "claims[].hedges[]."),
        *_model_fields(Entity, "claims[].entities[]."),
        *_model_fields(Sentence, "non_claims[]."),
        *_model_fields(Person, "people[]."),
        *_model_fields(Link, "links[]."),
        "",
    ]
    for name, columns in TABLES.items():
        out += [
            f"### `{name}.parquet`",
            "",
            "| column | type | nullable | meaning |",
            "| --- | --- | --- | --- |",
            *(
                f"| `{c.name}` | {c.type} | {_YES_NO[c.nullable]} | {_cell(c.description)} |"
                for c in columns
            ),
            "",
        ]
    pseudonymous = sorted(name for name, pseudo in stats.people.values() if pseudo)
    out += [
        "## Limitations",
        "",
        "- Pseudonymous authors: the articles state that pseudonyms and image likenesses are",
        f"  used for {', '.join(pseudonymous) if pseudonymous else 'some people'}; names are",
        "  not real identities, and credentials could not be checked independently.",
        "- Promotional content: the articles come from a site that refers readers to a",
        "  commercial provider; those calls to action are kept as `links`, not as claims.",
        "- No cited sources: the articles cite no studies, so claims cannot be traced to",
        "  evidence from the text alone.",
        "- Claims, hedging and entities are found by rules and a vocabulary, not by people;",
        "  expect misses and false alarms on wording the rules do not know.",
        "",
        "## Licence",
        "",
        "The article texts belong to their publisher and are included for research on health",
        "communication; check the publisher's terms before redistributing them. The structure",
        "added by adhd-corpus (records, tables, metadata) may be reused freely.",
        "",
    ]
    return "\n".join(out)
