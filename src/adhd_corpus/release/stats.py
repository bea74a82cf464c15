"""Figures about a set of articles, gathered while they stream past the writers."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..models import Article
from ..tables import Row, article_rows

MAX_LISTED = 40
"""Articles the card's table and charts show one by one; the rest are counted."""

CITATION_PATTERNS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern)
    for name, pattern in {
        "numbered reference": r"\[\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*\]",
        "et al.": r"\bet al\.",
        "author and year": r"\([A-Z][\w'\u2019-]+(?: et al\.| (?:and|&) [A-Z][\w'\u2019-]+)?,? "
        r"(?:19|20)\d\d[a-z]?\)",
        "DOI": r"(?i)\b(?:doi:\s*|doi\.org/)10\.\d{4,}",
        "PMID": r"\bPMID:?\s*\d+",
        "reference list heading": r"(?im)^[ \t]*(?:references|bibliography|works cited)"
        r"[ \t]*:?[ \t]*\r?$",
    }.items()
}
"""Citation-like text: what decides whether a card may say the articles cite no studies."""


def citation_kinds(text: str) -> list[str]:
    """The kinds of citation-like text found in ``text``.

    >>> citation_kinds("Dopamine is low [1]. See Volkow et al. (2009).")
    ['numbered reference', 'et al.']
    """
    return [
        name
        for name, pattern in CITATION_PATTERNS.items()
        if _CITATION_LITERALS.get(name, "") in text and pattern.search(text)
    ]


_CITATION_LITERALS = {"et al.": "et al.", "DOI": "10.", "PMID": "PMID"}
"""Text each of these patterns needs (exact case) to match: a text without it is not
searched (the writer reads every article, and a search that starts with ``\b`` tries
every position)."""


@dataclass
class ArticleSummary:
    """One line of the card's per-article table."""

    id: str
    title: str
    claims: int
    hedged: int
    entities: int
    strength: tuple[int, int, int, int]


@dataclass
class Stats:
    """Counts, shares and top entities of a release."""

    articles: list[ArticleSummary] = field(default_factory=list)
    """The first ``MAX_LISTED`` articles, one by one (the card's table and chart); the rest
    are only counted, so a build's memory does not grow with them."""
    count: int = 0
    """Articles counted in."""
    ids: list[str] = field(default_factory=list)
    """Every article's id, in order (whose texts they are: the card and the metadata)."""
    claims: int = 0
    hedged: int = 0
    strength: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    """Claims at each strength level 0-3."""
    sources: dict[str, str] = field(default_factory=dict)
    entity_counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    people: dict[str, tuple[str, bool]] = field(default_factory=dict)
    boosted: int = 0
    negated: int = 0
    providers: Counter[str] = field(default_factory=Counter)
    """Provider link texts and how often they occur."""
    citing: dict[str, list[str]] = field(default_factory=dict)
    """Article id -> the kinds of citation-like text in its raw text (articles with any)."""
    documents: int = 0
    """Articles whose raw text was seen (a release's documents table)."""

    def add(self, article: Article) -> None:
        """Count one article in."""
        self.add_rows(article_rows(article))

    def add_rows(self, rows: dict[str, list[Row]]) -> None:
        """Count one article in, from its table rows (what the writers see)."""
        (article,) = rows["articles"]
        claims = rows["claims"]
        self.sources[article["source_path"]] = article["source_sha256"]
        levels = Counter(c["strength"] for c in claims if c["strength"] is not None)
        strength = (levels[0], levels[1], levels[2], levels[3])
        self.count += 1
        self.ids.append(article["id"])
        self.claims += article["claims"]
        self.hedged += article["hedged_claims"]
        self.strength = [total + n for total, n in zip(self.strength, strength, strict=True)]
        if len(self.articles) < MAX_LISTED:
            self.articles.append(
                ArticleSummary(
                    article["id"],
                    article["title"],
                    article["claims"],
                    article["hedged_claims"],
                    article["entities"],
                    strength,
                )
            )
        self.boosted += sum(bool(c["booster_cues"]) for c in claims)
        self.negated += sum(bool(c["negated"]) for c in claims)
        self.entity_counts.update((e["canonical"], e["type"]) for e in rows["entities"])
        for p in rows["people"]:
            self.people.setdefault(p["id"], (p["name"], p["pseudonymous"]))
        self.providers.update(k["text"] for k in rows["links"] if k["kind"] == "provider")
        for document in rows.get("documents", []):
            self.documents += 1
            kinds = citation_kinds(document["text"])
            if kinds:
                self.citing[document["id"]] = kinds

    def pseudonymous(self) -> list[str]:
        """Names of the people the articles say are pseudonyms, sorted."""
        return sorted({name for name, pseudo in self.people.values() if pseudo})

    def listed(self) -> list[ArticleSummary]:
        """The articles shown one by one (the first by id), so a card stays readable."""
        return self.articles[:MAX_LISTED]

    @property
    def unlisted(self) -> int:
        """How many articles the per-article table and chart leave out."""
        return max(0, self.count - MAX_LISTED)

    def share(self, count: int) -> str:
        """``count`` as a share of all claims, as a fixed-format percentage."""
        return f"{100 * count / self.claims:.1f}%" if self.claims else "n/a"

    def hedged_share(self) -> str:
        """Share of claims that are hedged, as a fixed-format percentage."""
        return self.share(self.hedged)

    def strength_counts(self) -> tuple[int, int, int, int]:
        """Claims at each strength level 0-3."""
        return self.strength[0], self.strength[1], self.strength[2], self.strength[3]

    def top_entities(self, n: int = 15) -> list[tuple[str, str, int]]:
        """The most mentioned concepts: (canonical, type, mentions), ties by name."""
        ranked = sorted(self.entity_counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(name, kind, count) for (name, kind), count in ranked[:n]]
