"""The dataset card (a release's README.md), generated from the data and the models."""

from __future__ import annotations

import json
from collections.abc import Iterable
from html import escape
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from ..corpus import Corpus
from ..models import STRENGTH_LABELS, Article
from ..tables import TABLES
from .assets import template
from .metadata import licence_lines
from .quality import card_lines, parser_fingerprint, read_quality
from .stats import MAX_LISTED, Stats

_YES_NO = {True: "yes", False: "no"}


def _cell(text: str) -> str:
    # Titles are escaped by the caller (escape(title)): raw HTML in a scraped title must
    # show as text on a card rendered by GitHub or the Hub, as in the explorer and charts.
    return text.replace("|", "\\|").replace("\n", " ")


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
    found, unrecorded = corpus.publishers(stats.ids)
    out = [
        f"One raw text per article, {stats.count:,} in all, as the corpus "
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


def _nested_model(annotation: Any) -> tuple[type[BaseModel], bool] | None:
    """The record model inside a field's type, and whether the field holds a list of
    them: ``list[Cue] | None`` -> ``(Cue, True)``, ``Source`` -> ``(Source, False)``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    for arg in get_args(annotation):
        found = _nested_model(arg)
        if found is not None:
            return found[0], found[1] or get_origin(annotation) is list
    return None


def field_rows(
    model: type[BaseModel], prefix: str = "", first: dict[type[BaseModel], str] | None = None
) -> list[str]:
    """The record table's rows: every field of ``model`` with its description, then the
    fields of each model nested in it, walked from the models so that a field added to
    any of them appears on the card by itself. A model met again (the cue lists of a
    claim) is described once, at its first path, and named there by the others.

    >>> from adhd_corpus.models import Source
    >>> field_rows(Source)[0]
    "| `path` | The raw file's name, e.g. '000_9c6493e6ec028e08.txt'. |"
    """
    first = {} if first is None else first
    first.setdefault(model, prefix)
    rows: list[str] = []
    walk: list[tuple[type[BaseModel], str]] = []
    for name, info in model.model_fields.items():
        path = prefix + name
        description = info.description or ""
        found = _nested_model(info.annotation)
        if found is not None:
            inner, many = found
            if inner in first:
                description += f" Each has the fields of `{first[inner].removesuffix('.')}`."
            else:
                first[inner] = f"{path}[]." if many else f"{path}."
                walk.append((inner, first[inner]))
        rows.append(f"| `{path}` | {_cell(description)} |")
    for inner, inner_prefix in walk:
        rows += field_rows(inner, inner_prefix, first)
    return rows


def render_card(
    manifest: dict[str, Any], stats: Stats, corpus: Corpus | None = None, *, rejected: int = 0
) -> str:
    """Markdown for the dataset card of one release (``rejected``: inputs left out), with
    provenance from ``corpus`` and every other statement computed from the data: the
    ``templates/card.md`` page filled in."""
    corpus = corpus or Corpus()
    counts = manifest["counts"]
    version = manifest["version"]
    released = corpus.release_date(version)
    return template("card.md").substitute(
        front_matter=_lines(front_matter(corpus, counts)),
        name=corpus.name,
        version=version,
        description=corpus.description,
        released=f"Released {released.isoformat()}.\n" if released else "",
        table_rows=_lines(f"| `{name}` | {counts[name]:,} |" for name in TABLES),
        claim_counts=(
            f"Claims: {stats.claims:,}; hedged: {stats.hedged:,} ({stats.hedged_share()}); "
            f"with a booster: {stats.boosted:,} ({stats.share(stats.boosted)}); "
            f"negated: {stats.negated:,} ({stats.share(stats.negated)})."
        ),
        strength_rows=_lines(
            f"| {level} {STRENGTH_LABELS[level]} | {n} | {stats.share(n)} |"
            for level, n in enumerate(stats.strength_counts())
        ),
        article_rows=_lines(_article_rows(stats)),
        entity_rows=_lines(
            f"| {_cell(name)} | {kind} | {n} |" for name, kind, n in stats.top_entities()
        ),
        provenance=_lines(_provenance(corpus, stats)),
        source_rows=_lines(_source_rows(manifest["sources"])),
        generator=manifest["generator"],
        schema_version=manifest["schema_version"],
        rejected=(
            f"**{rejected} raw file(s) were rejected** and are not in this release\n"
            "(built with `--keep-going`); `rejected.json` says which and why.\n\n"
            if rejected
            else ""
        ),
        table_count=len(TABLES),
        record_fields=_lines(field_rows(Article)),
        table_fields=_lines(_table_lines()),
        quality=_lines(card_lines(read_quality(), parser_fingerprint())),
        limitations=_lines(_limitations(stats)),
        licence=_lines(_licence(corpus, stats)),
        citation=corpus.cite(version),
    )


def _lines(lines: Iterable[str]) -> str:
    return "\n".join(lines)


def _article_rows(stats: Stats) -> list[str]:
    """The per-article table: the first ``MAX_LISTED`` articles, and how many more."""
    rows = [
        f"| `{a.id}` | {_cell(escape(a.title, quote=False))} | {a.claims} | {a.hedged} | "
        f"{'/'.join(map(str, a.strength))} | {a.entities} |"
        for a in stats.listed()
    ]
    if stats.unlisted:
        rows.append(f"| … | {stats.unlisted:,} more articles: see `articles.parquet` | | | | |")
    return rows


def _source_rows(sources: dict[str, str]) -> list[str]:
    """The raw files and their hashes: the first ``MAX_LISTED``, and how many more."""
    listed = list(sources.items())[:MAX_LISTED]
    rows = [f"| `{name}` | `{digest}` |" for name, digest in listed]
    if len(sources) > MAX_LISTED:
        rows.append(f"| … | {len(sources) - MAX_LISTED:,} more: see `manifest.json` |")
    return rows


def _table_lines() -> list[str]:
    """Per table: its columns with type, nullability and meaning."""
    out: list[str] = []
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
    return out
