"""One palette for charts, explorer and card, keyed by the models' own values."""

from __future__ import annotations

import re
from typing import get_args

import pytest

from adhd_corpus.models import STRENGTH_LABELS, EntityType, StrengthLabel
from adhd_corpus.release import charts, explorer, palette
from adhd_corpus.release.palette import ENTITY_COLOURS, STRENGTH_COLOURS, STRENGTH_INK
from adhd_corpus.release.stats import Stats

HEX = re.compile(r"^#[0-9a-f]{6}$")


def test_every_entity_type_has_its_own_colour_in_the_models_order() -> None:
    assert list(ENTITY_COLOURS) == list(get_args(EntityType))
    assert len(set(ENTITY_COLOURS.values())) == len(ENTITY_COLOURS)
    assert all(HEX.match(colour) for colour in ENTITY_COLOURS.values())


def test_every_strength_label_has_a_colour_and_an_ink_in_level_order() -> None:
    assert list(STRENGTH_COLOURS) == list(get_args(StrengthLabel)) == list(STRENGTH_LABELS)
    assert list(STRENGTH_INK) == list(STRENGTH_LABELS)
    assert len(set(STRENGTH_COLOURS.values())) == len(STRENGTH_COLOURS)
    assert [palette.strength_colour(n) for n in range(len(STRENGTH_LABELS))] == list(
        STRENGTH_COLOURS.values()
    )


def test_an_entity_type_the_palette_does_not_name_takes_a_spare_colour(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from typing import Literal

    widened = Literal[(*get_args(EntityType), "cell", "lab_test")]  # type: ignore[valid-type]
    monkeypatch.setattr(palette, "EntityType", widened)
    colours = palette._entity_colours()
    assert list(colours) == [*get_args(EntityType), "cell", "lab_test"]
    assert [colours["cell"], colours["lab_test"]] == list(palette._SPARE_ENTITY_COLOURS[:2])
    assert len(set(colours.values())) == len(colours)


def test_too_many_entity_types_for_the_palette_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from typing import Literal

    extra = tuple(f"kind{n}" for n in range(len(palette._SPARE_ENTITY_COLOURS) + 1))
    monkeypatch.setattr(palette, "EntityType", Literal[(*get_args(EntityType), *extra)])
    with pytest.raises(ValueError, match="no colour left for entity type 'kind"):
        palette._entity_colours()


def test_charts_and_explorer_draw_every_label_colour_from_the_palette() -> None:
    style = explorer._style()
    svg = "".join(charts.render_charts(Stats()).values())
    for kind, colour in ENTITY_COLOURS.items():
        assert f".ent.t-{kind}{{border-bottom-color:{colour}}}" in style
    for level, colour in enumerate(STRENGTH_COLOURS.values()):
        assert f".badge.s{level}{{background:{colour};" in style
    assert palette.NEGATED_COLOUR in style
    # An empty release draws the strength and certainty legends, in the palette's colours.
    for colour in [*STRENGTH_COLOURS.values(), palette.HEDGED_COLOUR, palette.NOT_HEDGED_COLOUR]:
        assert f'fill="{colour}"' in svg
    used = set(re.findall(r"#[0-9a-fA-F]{6}\b", svg))
    named = {
        *ENTITY_COLOURS.values(),
        *STRENGTH_COLOURS.values(),
        *STRENGTH_INK.values(),
        palette.HEDGED_COLOUR,
        palette.NOT_HEDGED_COLOUR,
        palette.NEGATED_COLOUR,
        palette.UNRATED_COLOUR,
    }
    assert used - named <= {"#ffffff", "#666666", palette.INK}
