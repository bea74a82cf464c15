"""The corpus description (``corpus.toml``): the facts about a corpus that its texts
cannot tell, read once and handed to every writer of cards and metadata.

Name, description, language, creator, citation, the licence of the annotations, the
publisher, URL and text licence of each source (with the article ids it holds) and the
release date of each version. Writers say nothing about provenance beyond this and what
they compute from the data, so a build of any folder describes that folder truthfully:
an article no source lists is "publisher not recorded", with no licence claimed.
"""

from __future__ import annotations

import datetime
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import CorpusError

CORPUS_FILE = "corpus.toml"
_CHECKOUT_FILE = Path(__file__).resolve().parent.parent.parent / CORPUS_FILE


@dataclass(frozen=True)
class Publisher:
    """Where some of the texts come from, and on what terms."""

    publisher: str
    url: str
    texts_licence: str
    """A statement of the terms the texts come under (free text)."""
    texts_licence_url: str | None = None
    articles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Corpus:
    """A corpus description; ``Corpus()`` claims nothing it cannot know."""

    name: str = "adhd-corpus"
    title: str = "adhd-corpus release"
    description: str = (
        "Articles parsed by adhd-corpus into records: body sections, sentence-level claims "
        "with exact character spans, their certainty and strength, entities, people and links."
    )
    language: str = "en"
    creator: str = "adhd-corpus developers"
    citation: str = ""
    annotations_licence: str = "MIT"
    """SPDX identifier of the licence of the structure adhd-corpus adds."""
    annotations_licence_url: str = "https://spdx.org/licenses/MIT.html"
    sources: tuple[Publisher, ...] = ()
    releases: dict[str, datetime.date] = field(default_factory=dict)

    def publisher_of(self, article_id: str) -> Publisher | None:
        """The source that lists ``article_id``, or None when none does."""
        return next((s for s in self.sources if article_id in s.articles), None)

    def release_date(self, version: str) -> datetime.date | None:
        """The recorded release date of ``version``, or None."""
        return self.releases.get(version)

    def cite(self, version: str) -> str:
        """How to cite one version."""
        base = self.citation or f"{self.creator}. {self.title}."
        return f"{base} Version {version}."

    def publishers(self, article_ids: Iterable[str]) -> tuple[list[tuple[Publisher, int]], int]:
        """The sources of ``article_ids`` with how many articles each gave (in the order
        the description lists them), and how many articles no source lists."""
        counts = dict.fromkeys(self.sources, 0)
        unrecorded = 0
        for article_id in article_ids:
            source = self.publisher_of(article_id)
            if source is None:
                unrecorded += 1
            else:
                counts[source] += 1
        return [(s, n) for s, n in counts.items() if n], unrecorded


def _text(data: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise CorpusError(f"{where}: {key!r} must be a non-empty string")
    return value.strip()


def parse_corpus(data: dict[str, Any], where: str = CORPUS_FILE) -> Corpus:
    """A Corpus from the parsed TOML of a description; CorpusError names what is wrong."""
    plain = Corpus()
    licence = data.get("annotations_licence", {})
    if not isinstance(licence, dict):
        raise CorpusError(f"{where}: [annotations_licence] must be a table")
    releases: dict[str, datetime.date] = {}
    for version, day in dict(data.get("releases", {})).items():
        if not isinstance(day, datetime.date) or isinstance(day, datetime.datetime):
            raise CorpusError(f"{where}: releases.{version} must be a date such as 2026-01-31")
        releases[version] = day
    sources = []
    seen: dict[str, str] = {}
    for number, entry in enumerate(data.get("sources", []), start=1):
        at = f"{where}: sources[{number}]"
        if not isinstance(entry, dict):
            raise CorpusError(f"{at} must be a table")
        articles = entry.get("articles", [])
        if not isinstance(articles, list) or not all(isinstance(a, str) for a in articles):
            raise CorpusError(f"{at}: 'articles' must be a list of article ids")
        publisher = _text(entry, "publisher", at)
        for article_id in articles:
            if article_id in seen:
                raise CorpusError(
                    f"{at}: article {article_id} is also listed by {seen[article_id]}"
                )
            seen[article_id] = publisher
        link = entry.get("texts_licence_url")
        sources.append(
            Publisher(
                publisher=publisher,
                url=_text(entry, "url", at),
                texts_licence=_text(entry, "texts_licence", at),
                texts_licence_url=link if isinstance(link, str) and link else None,
                articles=frozenset(articles),
            )
        )
    return Corpus(
        name=_text(data, "name", where, plain.name),
        title=_text(data, "title", where, plain.title),
        description=_text(data, "description", where, plain.description),
        language=_text(data, "language", where, plain.language),
        creator=_text(data, "creator", where, plain.creator),
        citation=str(data.get("citation", "")).strip(),
        annotations_licence=_text(licence, "spdx", where, plain.annotations_licence),
        annotations_licence_url=_text(licence, "url", where, plain.annotations_licence_url),
        sources=tuple(sources),
        releases=releases,
    )


def load_corpus(path: Path) -> Corpus:
    """Read a corpus description file; CorpusError when it is missing or malformed."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusError(f"{path}: corpus description not found") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read the corpus description: {exc}") from None
    return parse_corpus(data, str(path))


def default_corpus() -> Corpus:
    """The checkout's ``corpus.toml`` when there is one (the description of ``raw/``),
    else a description that claims nothing."""
    return load_corpus(_CHECKOUT_FILE) if _CHECKOUT_FILE.is_file() else Corpus()
