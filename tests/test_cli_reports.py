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
from adhd_corpus.release.stats import Stats

LATEST = json.loads((DIST / "index.json").read_text(encoding="utf-8"))["latest"]


def test_stats_json_is_the_library_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", LATEST, "--json", "--top", "5"]) == 0
    stats = Stats()
    for article in adhd_corpus.load_articles(LATEST):
        stats.add(article)
    assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(stats.summary(5)))


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
