"""The reporting commands print what the library computes: stats, info, diff, progress."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DIST, RAW

import adhd_corpus
from adhd_corpus.build import BuildOptions, build_release
from adhd_corpus.cli import main
from adhd_corpus.compare import diff_releases
from adhd_corpus.release.stats import MAX_LISTED, Stats
from adhd_corpus.reports import list_releases, release_info, release_stats, validation_report

LATEST = json.loads((DIST / "index.json").read_text(encoding="utf-8"))["latest"]


def test_stats_json_is_the_library_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", LATEST, "--json", "--top", "5"]) == 0
    assert capsys.readouterr().out == release_stats(LATEST, top=5).to_json() + "\n"


@pytest.mark.parametrize("version", adhd_corpus.versions())
def test_stats_from_the_tables_equal_stats_from_the_records(version: str) -> None:
    """The figures read from the Parquet tables are those the records give, for every
    release (older ones lack the newer claim columns)."""
    stats = Stats()
    for article in adhd_corpus.load_articles(version):
        stats.add(article)
    report = release_stats(version, top=8)
    assert [(a.id, a.title, a.claims, a.hedged) for a in report.articles] == [
        (a.id, a.title, a.claims, a.hedged) for a in stats.articles
    ]
    assert (report.claims, report.hedged) == (stats.claims, stats.hedged)
    assert (report.boosted, report.negated) == (stats.boosted, stats.negated)
    assert report.strength == stats.strength_counts()
    assert list(report.top_entities) == stats.top_entities(8)


def test_stats_of_a_large_release_keep_the_listed_articles_and_count_the_rest() -> None:
    """A build's statistics hold the first ``MAX_LISTED`` articles one by one and only
    count the others: every total is the one the records give, however many there are."""
    articles = adhd_corpus.load_articles(LATEST)
    copies = [
        a.model_copy(update={"id": f"{n:03d}-{a.id}"})
        for n in range(MAX_LISTED // len(articles) + 2)
        for a in articles
    ]
    stats = Stats()
    for article in copies:
        stats.add(article)
    assert len(copies) > MAX_LISTED
    assert [a.id for a in stats.articles] == [a.id for a in copies[:MAX_LISTED]]
    assert (stats.count, stats.unlisted) == (len(copies), len(copies) - MAX_LISTED)
    assert stats.ids == [a.id for a in copies]
    assert stats.claims == sum(len(a.claims) for a in copies)
    assert stats.hedged == sum(c.hedged for a in copies for c in a.claims)
    assert stats.strength_counts() == tuple(
        sum(c.strength == level for a in copies for c in a.claims) for level in range(4)
    )


def test_validate_json_is_the_library_report(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [DIST / "1.0.0", DIST / LATEST / "articles.jsonl"]
    assert main(["validate", *map(str, paths), "--json"]) == 0
    assert capsys.readouterr().out == validation_report(paths).to_json() + "\n"


def test_validate_json_lists_every_problem_of_the_library_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.jsonl"
    lines = (DIST / LATEST / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    del record["title"]
    broken.write_text(json.dumps(record) + "\nnot json\n", encoding="utf-8")
    assert main(["validate", str(broken), "--json"]) == 1
    report = validation_report([broken])
    assert capsys.readouterr().out == report.to_json() + "\n"
    assert not report.valid and [p.line for p in report.problems] == [1, 2]


def test_info_json_is_the_library_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", "--json"]) == 0
    assert capsys.readouterr().out == list_releases().to_json() + "\n"
    assert main(["info", "1.0.0", "--json"]) == 0
    printed = capsys.readouterr().out
    assert printed == release_info("1.0.0").to_json() + "\n"
    assert json.loads(printed) == json.loads((DIST / "1.0.0" / "manifest.json").read_bytes())


def test_stats_text_reports_shares_strength_and_top_entities(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["stats", LATEST]) == 0
    out = capsys.readouterr().out
    claims = adhd_corpus.load_table("claims", LATEST)
    articles = len(adhd_corpus.load_table("articles", LATEST))
    assert out.startswith(f"{articles} articles, {len(claims)} claims\n")
    hedged = int(claims["hedged"].sum())
    assert f"hedged {hedged} ({100 * hedged / len(claims):.1f}%)" in out
    assert "strength: 0 none" in out
    assert "dopamine (neurotransmitter)" in out


def test_info_lists_every_release_with_its_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["releases"]
    assert [r["version"] for r in listed] == adhd_corpus.versions()
    index = json.loads((DIST / "index.json").read_text(encoding="utf-8"))["releases"]
    assert [r["schema_version"] for r in listed] == [r["schema_version"] for r in index]


def test_diff_json_is_the_library_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "1.0.0", str(DIST / LATEST), "--json"]) == 0
    report = diff_releases(DIST / "1.0.0", DIST / LATEST)
    assert capsys.readouterr().out == report.to_json() + "\n"
    assert json.loads(report.to_json()) == report.to_dict()


def test_diff_of_an_unknown_version_fails_cleanly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "1.0.0", "9.9.9"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("adhd-corpus: error: release '9.9.9' not found; available: 1.0.0")


def test_progress_is_reported_once_per_article_and_quiet_when_piped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[tuple[int, int]] = []
    build_release(
        RAW,
        tmp_path / "a",
        "3.0.0",
        options=BuildOptions(progress=lambda d, t: calls.append((d, t))),
    )
    total = len(list(RAW.glob("*.txt")))
    assert calls == [(n, total) for n in range(1, total + 1)]
    assert (
        main(["build", "--raw", str(RAW), "--out", str(tmp_path / "b"), "--version", "3.0.0"]) == 0
    )
    assert "[" not in capsys.readouterr().err  # stderr is not a terminal here: no bar
