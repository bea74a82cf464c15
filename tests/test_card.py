"""The dataset card: a template filled from data, its field list walked from the models."""

from __future__ import annotations

import re
from typing import Any

import pydantic
import pytest

from adhd_corpus import models
from adhd_corpus.corpus import Corpus
from adhd_corpus.models import Article
from adhd_corpus.release.assets import read_asset
from adhd_corpus.release.card import field_rows, render_card
from adhd_corpus.release.stats import Stats
from adhd_corpus.tables import TABLES

MANIFEST: dict[str, Any] = {
    "version": "9.9.9",
    "schema_version": models.SCHEMA_VERSION,
    "generator": "adhd-corpus 9.9.9",
    "counts": dict.fromkeys(TABLES, 0),
    "sources": {},
}


def record_models() -> list[type[pydantic.BaseModel]]:
    """Every public record model of ``models``."""
    return [
        value
        for name, value in vars(models).items()
        if isinstance(value, type)
        and issubclass(value, pydantic.BaseModel)
        and value.__module__ == models.__name__
        and not name.startswith("_")
    ]


@pytest.fixture(scope="module")
def card() -> str:
    return render_card(MANIFEST, Stats(), Corpus())


def test_every_field_of_every_record_model_is_on_the_card(card: str) -> None:
    records = card.split("### Records")[1].split("\n### ")[0]
    fields = re.findall(r"^\| `([^`]+)` \| ", records, re.MULTILINE)
    names = {path.rsplit(".", 1)[-1].removesuffix("[]") for path in fields}
    for model in record_models():
        missing = set(model.model_fields) - names
        assert not missing, f"{model.__name__}: {sorted(missing)} not on the card"


def test_the_fields_the_card_once_missed_are_there(card: str) -> None:
    for path in ["claims[].boosters", "claims[].negations", "claims[].relations", "dropped"]:
        assert f"| `{path}` |" in card
    assert "| `sections[].paragraph_spans[].start` |" in card


def test_a_field_added_to_a_model_appears_without_editing_the_card() -> None:
    class Extra(pydantic.BaseModel):
        depth: int = pydantic.Field(description="How deep.")

    class Wider(Article):
        extras: list[Extra] | None = pydantic.Field(default=None, description="More.")

    rows = field_rows(Wider)
    assert "| `extras` | More. |" in rows
    assert "| `extras[].depth` | How deep. |" in rows
    assert set(field_rows(Article)) < set(rows)


def test_a_model_met_again_is_described_once_and_named(card: str) -> None:
    assert card.count("| `claims[].hedges[].cue_class` |") == 1
    assert "| `claims[].boosters[].cue_class` |" not in card
    assert "Each has the fields of `claims[].hedges[]`." in card


def test_the_card_is_its_template_filled(card: str) -> None:
    text = read_asset("card.md")
    assert "$" not in card  # every placeholder was filled
    fixed = [line for line in text.splitlines() if line and "$" not in line]
    lines = set(card.splitlines())
    assert [line for line in fixed if line not in lines] == []
