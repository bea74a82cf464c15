"""The dataset card's SVG charts: well-formed, labelled from the data, deterministic.

Stats come from the latest release through the loader; the expected labels and
counts are recomputed here from the release's Parquet tables, not from Stats.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

import adhd_corpus
from adhd_corpus.models import STRENGTH_LABELS
from adhd_corpus.release.charts import CHARTS, render_charts
from adhd_corpus.release.palette import ENTITY_COLOURS
from adhd_corpus.release.stats import Stats

SVG = "{http://www.w3.org/2000/svg}"
GEOMETRY = re.compile(r'\b(x|y|width|height)="([^"]*)"')


def latest_stats() -> Stats:
    stats = Stats()
    for article in adhd_corpus.load_articles():
        stats.add(article)
    return stats


@pytest.fixture(scope="module")
def stats() -> Stats:
    return latest_stats()


@pytest.fixture(scope="module")
def charts(stats: Stats) -> dict[str, str]:
    return render_charts(stats)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def groups(root: ET.Element) -> list[tuple[str, list[str]]]:
    """(tooltip, texts) of every <g> that carries a <title>: one bar or segment each."""
    found = []
    for g in root.iter(f"{SVG}g"):
        title = g.find(f"{SVG}title")
        if title is not None:
            found.append((title.text or "", [t.text or "" for t in g.iter(f"{SVG}text")]))
    return found


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_render_charts_returns_the_declared_files(charts: dict[str, str]) -> None:
    assert list(charts) == list(CHARTS)
    assert all(name.startswith("charts/") and name.endswith(".svg") for name in charts)


@pytest.mark.parametrize("name", CHARTS)
def test_chart_is_well_formed_svg_with_title_and_description(
    charts: dict[str, str], name: str
) -> None:
    root = parse(charts[name])
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "720"
    assert root.get("viewBox") == f"0 0 720 {root.get('height')}"
    assert root.get("font-family") == "sans-serif"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.text
    assert desc is not None and desc.text
    assert charts[name].endswith("</svg>\n")


@pytest.mark.parametrize("name", CHARTS)
def test_chart_geometry_is_integers_and_refers_to_nothing_outside(
    charts: dict[str, str], name: str
) -> None:
    svg = charts[name]
    values = [value for _, value in GEOMETRY.findall(svg)]
    assert values
    assert all(re.fullmatch(r"-?\d+", value) for value in values), values
    assert "href" not in svg
    assert "@import" not in svg
    assert "url(" not in svg


def test_charts_are_deterministic(charts: dict[str, str]) -> None:
    assert render_charts(latest_stats()) == charts


RENDER_IN_CHILD = """
import json, sys
import adhd_corpus
from adhd_corpus.release.charts import render_charts
from adhd_corpus.release.stats import Stats
stats = Stats()
for article in adhd_corpus.load_articles():
    stats.add(article)
sys.stdout.write(json.dumps(render_charts(stats)))
"""


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8"},
        {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Chatham", "LC_ALL": "de_DE.UTF-8"},
    ],
)
def test_charts_do_not_depend_on_hash_seed_locale_or_time_zone(
    charts: dict[str, str], env: dict[str, str]
) -> None:
    child = subprocess.run(
        [sys.executable, "-c", RENDER_IN_CHILD],
        env={**os.environ, **env},
        capture_output=True,
        check=True,
    )
    assert json.loads(child.stdout) == charts


def test_entities_chart_labels_the_top_twelve_with_their_mention_counts(
    charts: dict[str, str],
) -> None:
    table = adhd_corpus.load_table("entities")
    counts = Counter(zip(table["canonical"], table["type"], strict=True))
    expected = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:12]
    root = parse(charts["charts/entities.svg"])
    bars = groups(root)
    assert [tip for tip, _ in bars] == [
        f"{name} ({kind.replace('_', ' ')}): {n} mentions" for (name, kind), n in expected
    ]
    for (_, labels), ((name, _), n) in zip(bars, expected, strict=True):
        assert labels[0] == name or (labels[0].endswith("…") and name.startswith(labels[0][:-1]))
        assert labels[1] == str(n)
    kinds = {kind for (_, kind), _ in expected}
    legend = texts(root)[-len(kinds) :]
    assert legend == [kind.replace("_", " ") for kind in ENTITY_COLOURS if kind in kinds]


def test_certainty_chart_has_each_article_with_hedged_and_strength_counts(
    charts: dict[str, str],
) -> None:
    claims = adhd_corpus.load_table("claims")
    articles = adhd_corpus.load_table("articles")
    root = parse(charts["charts/certainty.svg"])
    tips = {tip for tip, _ in groups(root)}
    labels = texts(root)
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text
    for article_id, title in zip(articles["id"], articles["title"], strict=True):
        own = claims[claims["article_id"] == article_id]
        hedged = int(own["hedged"].sum())
        assert any(title.startswith(label.rstrip("…")) for label in labels), title
        assert labels.count(str(len(own))) >= 2  # the total after both bars
        if hedged:
            assert f"{hedged} hedged claims" in tips
        if len(own) - hedged:
            assert f"{len(own) - hedged} claims not hedged" in tips
        for level, name in enumerate(STRENGTH_LABELS):
            n = int((own["strength"] == level).sum())
            if n:
                assert f"{n} claims of strength {level} {name}" in tips
        assert title in desc.text


def test_strength_chart_gives_counts_and_shares_of_all_claims(
    charts: dict[str, str], stats: Stats
) -> None:
    claims = adhd_corpus.load_table("claims")
    total = len(claims)
    labels = texts(parse(charts["charts/strength.svg"]))
    for level, name in enumerate(STRENGTH_LABELS):
        n = int((claims["strength"] == level).sum())
        assert f"{level} {name}" in labels
        assert f"{n} ({100 * n / total:.1f}%)" in labels
    hedged = int(claims["hedged"].sum())
    assert f"{hedged} ({100 * hedged / total:.1f}%)" in labels
    assert f"{stats.boosted} ({stats.share(stats.boosted)})" in labels


def test_charts_of_an_empty_release_still_render() -> None:
    charts = render_charts(Stats())
    for svg in charts.values():
        parse(svg)
    assert "No entity mentions in this release." in charts["charts/entities.svg"]
    assert "No articles in this release." in charts["charts/certainty.svg"]


def test_long_names_are_shortened_and_escaped() -> None:
    stats = Stats()
    name = "a <very> long & winding concept name " * 3
    stats.entity_counts[(name, "method")] = 5
    root = parse(render_charts(stats)["charts/entities.svg"])
    (tip, labels), *_ = groups(root)
    assert tip == f"{name} (method): 5 mentions"
    assert labels[0].endswith("…") and name.startswith(labels[0][:-1])
