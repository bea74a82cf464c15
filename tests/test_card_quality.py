"""The card states how far to trust each label, only with figures measured on its rules."""

from __future__ import annotations

from adhd_corpus.release.quality import card_lines

QUALITY = {
    "parser": "f" * 64,
    "gold": ["yu2019-dev.csv"],
    "columns": [
        {
            "column": "`claims.strength`",
            "out_of_sample": ["yu2019-dev.csv: macro-F1 0.740 (met >= 0.70)"],
            "in_sample": "strength accuracy 89.1% (49/55)",
        }
    ],
}


def test_figures_of_the_same_rules_are_shown_with_their_gold_data() -> None:
    lines = card_lines(QUALITY, "f" * 64)
    assert "(yu2019-dev.csv), with the very rules that built this release." in lines
    row = "| `claims.strength` | yu2019-dev.csv: macro-F1 0.740 (met >= 0.70) | "
    assert row + "strength accuracy 89.1% (49/55) |" in lines


def test_figures_of_other_rules_are_never_shown() -> None:
    lines = card_lines(QUALITY, "0" * 64)
    assert not any("0.740" in line for line in lines)
    assert "the rules changed since `make eval` last ran" in " ".join(lines)


def test_nothing_recorded_says_so() -> None:
    assert "No measurement" in card_lines(None, "0" * 64)[0]


def test_citation_kinds_found_in_any_case_the_patterns_allow() -> None:
    from adhd_corpus.release.stats import citation_kinds

    text = "As Volkow et al. showed (DOI: 10.1038/mp.2010.1; PMID: 12345)."
    assert citation_kinds(text) == ["et al.", "DOI", "PMID"]
    assert citation_kinds("see https://DOI.ORG/10.1000/182") == ["DOI"]
    assert citation_kinds("et al (no stop), doi 10.12, PMID-free") == []
