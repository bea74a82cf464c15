"""The dataset card (a release's README.md), generated from the data and the models."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from pydantic import BaseModel

from ..corpus import Corpus
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
from .metadata import licence_lines
from .quality import card_lines, parser_fingerprint, read_quality
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


def _yaml(text: str) -> str:
    """A YAML scalar: a JSON string is a valid YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=True)


def size_category(n: int) -> str:
    """The Hugging Face size category of ``n`` examples.

    >>> size_category(4), size_category(20_000)
    ('n<1K', '10K<n<100K')
    """
    bounds = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K")]
    bounds += [(1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M")]
    return next((name for limit, name in bounds if n < limit), "n>10M")


def front_matter(corpus: Corpus, counts: dict[str, int], default: str = "claims") -> list[str]:
    """The YAML block a dataset hub reads: one config per table with its data file, so the
    release folder loads as it is (``datasets.load_dataset(folder, "claims")``)."""
    lines = [
        "---",
        f"pretty_name: {_yaml(corpus.name)}",
        "language:",
        f"- {_yaml(corpus.language)}",
        # Texts and annotations come under different terms: the Licence section says which.
        "license: other",
        f"license_name: {_yaml(f'{corpus.annotations_licence.lower()}-annotations-and-texts')}",
        "task_categories:",
        "- text-classification",
        "- token-classification",
        "size_categories:",
        f"- {_yaml(size_category(counts.get('articles', 0)))}",
        "configs:",
    ]
    for name in TABLES:
        lines += [f"- config_name: {name}", "  data_files:", "  - split: train"]
        lines += [f"    path: {name}.parquet"]
        if name == default:
            lines.append("  default: true")
    return [*lines, "---", ""]


def _provenance(corpus: Corpus, stats: Stats) -> list[str]:
    """Where the texts come from: recorded sources only, and how many have none."""
    found, unrecorded = corpus.publishers(a.id for a in stats.articles)
    out = [
        f"One raw text per article, {len(stats.articles):,} in all, as the corpus "
        "description and the raw files say:",
        "",
    ]
    out += [f"- {n:,} from {source.publisher} ({source.url})" for source, n in found]
    if unrecorded:
        out.append(f"- {unrecorded:,} whose publisher is not recorded in the corpus description")
    return [*out, "", "The raw files and their SHA-256 hashes:"]


def _limitations(stats: Stats) -> list[str]:
    """Limitations computed from the data: each is said only when the data shows it."""
    out: list[str] = []
    pseudonymous = stats.pseudonymous()
    if pseudonymous:
        out += [
            "- Pseudonymous people: the articles state that pseudonyms are used for",
            f"  {', '.join(pseudonymous)}; those names are not real identities.",
        ]
    if stats.people:
        out.append(
            f"- Credentials of the {len(stats.people):,} people named are as the articles "
            "state them; they were not checked independently."
        )
    if stats.providers:
        named = ", ".join(f"{name} ({n})" for name, n in sorted(stats.providers.items()))
        out += [
            f"- Promotional content: provider links refer readers to {named}; those calls",
            "  to action are kept as `links`, not as claims.",
        ]
    if stats.documents and not stats.citing:
        out += [
            "- No cited sources: no article holds citation-like text (numbered references,",
            '  author-year citations, "et al.", DOIs, PMIDs or a reference list), so claims',
            "  cannot be traced to evidence from the text alone.",
        ]
    elif stats.citing:
        kinds = sorted({kind for found in stats.citing.values() for kind in found})
        out += [
            f"- Citations: {len(stats.citing):,} of {stats.documents:,} articles hold "
            f"citation-like text ({', '.join(kinds)});",
            "  claims are not linked to the works cited.",
        ]
    return [
        *out,
        "- Claims, hedging and entities are found by rules and a vocabulary, not by people;",
        "  expect misses and false alarms on wording the rules do not know.",
    ]


def _licence(corpus: Corpus, stats: Stats) -> list[str]:
    """The terms of the texts (per recorded source) and of the added structure."""
    return [
        f"- {text}" + (f" ({url})" if url else "") for text, url in licence_lines(corpus, stats)
    ]


def render_card(
    manifest: dict[str, Any], stats: Stats, corpus: Corpus | None = None, *, rejected: int = 0
) -> str:
    """Markdown for the dataset card of one release (``rejected``: inputs left out), with
    provenance from ``corpus`` and every other statement computed from the data."""
    corpus = corpus or Corpus()
    counts = manifest["counts"]
    version = manifest["version"]
    released = corpus.release_date(version)
    out: list[str] = [
        *front_matter(corpus, counts),
        f"# {corpus.name} {version}",
        "",
        corpus.description,
        "",
        "Records hold the title, body sections, sentence-level claims with exact character",
        "spans, their certainty (hedges, boosters, negation, claim strength) and entities,",
        "the people named as authors and reviewers, the guide and provider links, and the",
        "whole text they index (`documents`). Every record was validated with pydantic and",
        "against `article.schema.json` (JSON Schema draft 2020-12) before it was written.",
        *([f"Released {released.isoformat()}."] if released else []),
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
        *_provenance(corpus, stats),
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
        f"| `*.parquet` | the {len(TABLES)} flat tables described below |",
        "| `documents.jsonl` | the `documents` table as JSON Lines: each raw text whole |",
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
        '`datasets.load_dataset("parquet", data_files={"train": "claims.parquet"})`;',
        'this folder as it is loads with `datasets.load_dataset(folder, "claims")`',
        "(one configuration per table).",
        "",
        "## Texts and offsets",
        "",
        "`documents` (`documents.parquet`, `documents.jsonl`) holds each article's raw text",
        "whole, with its SHA-256. Claim and entity `start`/`end` are code-point offsets into",
        "the `text` of their article, so `text[start:end]` is exactly the claim or mention:",
        "",
        "```python",
        "import pandas as pd",
        'texts = pd.read_parquet("documents.parquet").set_index("id")["text"]',
        'claim = pd.read_parquet("claims.parquet").iloc[0]',
        "assert texts[claim.article_id][claim.start : claim.end] == claim.text",
        "```",
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
                f"| `{c.name}` | {c.type} | {_YES_NO[c.nullable]} | {_cell(c.meaning)} |"
                for c in columns
            ),
            "",
        ]
    out += [
        "## How far to trust each label",
        "",
        *card_lines(read_quality(), parser_fingerprint()),
        "",
        "## Limitations",
        "",
        *_limitations(stats),
        "",
        "## Licence",
        "",
        *_licence(corpus, stats),
        "",
        "## Citation",
        "",
        corpus.cite(version),
        "",
    ]
    return "\n".join(out)
