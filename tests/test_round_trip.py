"""Property: records go through the release writers and come back from the loader equal.

Hypothesis writes pages (titles, headings, bullets, claims with hedges and entities, odd
Unicode: emoji, combining marks, right-to-left text, non-breaking and zero-width
spaces), each is decoded, parsed and prepared as a build does, the articles are written
as a release, and ``load_articles`` and ``load_table`` must give back exactly the records
and the rows that went in.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from adhd_corpus.layout import TABLE_NAMES
from adhd_corpus.loader import load_articles, load_table
from adhd_corpus.models import Article, Source
from adhd_corpus.parse import parse_article
from adhd_corpus.prepare import Prepared, prepare
from adhd_corpus.release.writer import write_release
from adhd_corpus.sources import RawText, decode

TITLES = ["ADHD and Dopamine", "How Stimulants Work", "Omega-3 and Focus: What We Know"]
HEADINGS = ["What the research says", "Side effects", "Summary"]
SENTENCES = [
    "Dopamine may affect focus in adults with ADHD.",
    "Methylphenidate increases dopamine in the prefrontal cortex.",
    "Norepinephrine is thought to regulate alertness.",
    "Omega-3 supplements do not cure ADHD.",
    "Some studies suggest that iron could play a role.",
    "Discuss any supplement with your GP.",
]
ODD = ["café", "naïve", "🧠", "ｆｕｌｌ", "e\u0301", "\u05e9\u05dc\u05d5\u05dd", "\u00a0", "\u200b"]
ODD += ["“quoted”", "—", "\\", '"']


@st.composite
def sentences(draw: st.DrawFn) -> str:
    sentence = draw(st.sampled_from(SENTENCES))
    if draw(st.booleans()):
        words = sentence.split(" ")
        at = draw(st.integers(0, len(words) - 1))
        words.insert(at, draw(st.sampled_from(ODD)) + draw(st.text(min_size=0, max_size=3)))
        sentence = " ".join(words)
    return sentence


@st.composite
def pages(draw: st.DrawFn) -> str:
    lines = [draw(st.sampled_from(TITLES)), ""]
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["paragraph", "heading", "bullets"]))
        if kind == "heading":
            lines += [draw(st.sampled_from(HEADINGS)), ""]
        elif kind == "bullets":
            lines += ["• " + draw(sentences()) for _ in range(draw(st.integers(1, 3)))] + [""]
        else:
            lines += [" ".join(draw(st.lists(sentences(), min_size=1, max_size=3))), ""]
    return "\n".join(lines)


def prepared(name: str, text: str) -> tuple[Article, Prepared] | None:
    """The record and the prepared article a build makes of ``text``, or None when the
    build would reject it."""
    raw = decode(text.encode("utf-8"), name)
    if not isinstance(raw, RawText):
        return None
    result = prepare(raw)
    if not isinstance(result, Prepared):
        return None
    data = text.encode("utf-8")
    source = Source(path=name, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    return parse_article(raw.text, source=source), result


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(pages(), min_size=1, max_size=3, unique=True))
def test_records_and_rows_come_back_from_the_loader_equal(texts: list[str]) -> None:
    made = [prepared(f"page{i}.txt", text) for i, text in enumerate(texts)]
    assume(all(item is not None for item in made))
    articles = [item for item in made if item is not None]
    with tempfile.TemporaryDirectory() as folder:
        release = Path(folder) / "0.0.1"
        release.mkdir()
        write_release(release, [p for _, p in articles], version="0.0.1", generator="test")
        assert load_articles(path=release) == [article for article, _ in articles]
        for table in TABLE_NAMES:
            rows = [row for _, p in articles for row in p.rows[table]]
            assert load_table(table, path=release, engine="arrow").to_pylist() == rows, table
