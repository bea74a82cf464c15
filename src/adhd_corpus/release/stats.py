"""Figures about a set of articles, gathered while they stream past the writers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..models import Article


@dataclass
class ArticleSummary:
    """One line of the card's per-article table."""

    id: str
    title: str
    claims: int
    hedged: int
    entities: int


@dataclass
class Stats:
    """Counts, shares and top entities of a release."""

    articles: list[ArticleSummary] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    entity_counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    hedge_counts: Counter[str] = field(default_factory=Counter)
    people: dict[str, tuple[str, bool]] = field(default_factory=dict)

    def add(self, article: Article) -> None:
        """Count one article in."""
        self.sources[article.source.path] = article.source.sha256
        hedged = sum(c.hedged for c in article.claims)
        mentions = [e for c in article.claims for e in c.entities]
        self.articles.append(
            ArticleSummary(article.id, article.title, len(article.claims), hedged, len(mentions))
        )
        self.entity_counts.update((e.canonical, e.type) for e in mentions)
        self.hedge_counts.update(cue.lower() for c in article.claims for cue in c.hedge_cues)
        for p in article.people:
            self.people.setdefault(p.id, (p.name, p.pseudonymous))

    @property
    def claims(self) -> int:
        return sum(a.claims for a in self.articles)

    @property
    def hedged(self) -> int:
        return sum(a.hedged for a in self.articles)

    def hedged_share(self) -> str:
        """Share of claims that are hedged, as a fixed-format percentage."""
        return f"{100 * self.hedged / self.claims:.1f}%" if self.claims else "n/a"

    def top_entities(self, n: int = 15) -> list[tuple[str, str, int]]:
        """The most mentioned concepts: (canonical, type, mentions), ties by name."""
        ranked = sorted(self.entity_counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(name, kind, count) for (name, kind), count in ranked[:n]]
