"""The one palette of a release: entity types, certainty and strength, in one place.

The charts, the explorer and the dataset card draw every colour they give a label
from here, so a hedged claim, a strength level or an entity type looks the same in
all three. Entity and strength colours are keyed by the model's own values
(``models.EntityType``, ``models.STRENGTH_LABELS``): a type added to the model takes
the next spare colour without an edit here, and the tests fail if one is left out.
"""

from __future__ import annotations

from typing import get_args

from ..models import STRENGTH_LABELS, EntityType, StrengthLabel

__all__ = [
    "ENTITY_COLOURS",
    "HEDGED_COLOUR",
    "INK",
    "INK_ON_DARK",
    "NEGATED_COLOUR",
    "NOT_HEDGED_COLOUR",
    "STRENGTH_COLOURS",
    "STRENGTH_INK",
    "UNRATED_COLOUR",
    "strength_colour",
    "strength_ink",
]

_NAMED_ENTITY_COLOURS: dict[str, str] = {
    "neurotransmitter": "#4e79a7",
    "condition": "#e15759",
    "symptom": "#f28e2b",
    "drug": "#76b7b2",
    "drug_class": "#59a14f",
    "brain_region": "#c9a227",
    "method": "#b07aa1",
    "protein": "#ff9da7",
    "nutrient": "#9c755f",
    "therapy": "#8c8c8c",
    "anatomy": "#2f7f6f",
    "hormone": "#a0522d",
}
"""Tableau 10, yellow and grey darkened to read on white: the colours of the first
ten entity types, kept so that charts of earlier releases and new ones agree; then
teal and sienna for the two types of schema 2.0.0."""

_SPARE_ENTITY_COLOURS = ("#17becf", "#7f3c8d", "#a5aa99", "#e17c05", "#3969ac", "#11a579")
"""Taken in order by entity types the model has and the named colours do not."""


def _entity_colours() -> dict[str, str]:
    spare = iter(_SPARE_ENTITY_COLOURS)
    out: dict[str, str] = {}
    for kind in get_args(EntityType):
        colour = _NAMED_ENTITY_COLOURS.get(kind) or next(spare, None)
        if colour is None:
            raise ValueError(f"no colour left for entity type {kind!r}: add one to the palette")
        out[kind] = colour
    return out


ENTITY_COLOURS: dict[str, str] = _entity_colours()
"""Entity type (every ``models.EntityType``, in the model's order) -> colour."""

HEDGED_COLOUR = "#e8a33d"
NOT_HEDGED_COLOUR = "#4c72b0"
NEGATED_COLOUR = "#b00020"
UNRATED_COLOUR = "#d0d0d0"
"""Claims without a strength (releases before schema 1.1.0)."""
INK = "#222222"
"""Text on light colours."""
INK_ON_DARK = "#ffffff"
"""Text on dark colours."""

STRENGTH_COLOURS: dict[StrengthLabel, str] = dict(
    zip(STRENGTH_LABELS, ("#e4e0ef", "#bcbddc", "#807dba", "#54278f"), strict=True)
)
"""Claim strength label (levels 0-3 in order) -> colour, light to dark (ColorBrewer Purples)."""
STRENGTH_INK: dict[StrengthLabel, str] = dict(
    zip(STRENGTH_LABELS, (INK, INK, INK_ON_DARK, INK_ON_DARK), strict=True)
)
"""Text colour that reads on each strength colour."""


def strength_colour(level: int) -> str:
    """The colour of strength ``level`` (0-3).

    >>> strength_colour(3)
    '#54278f'
    """
    return STRENGTH_COLOURS[STRENGTH_LABELS[level]]


def strength_ink(level: int) -> str:
    """The text colour that reads on ``strength_colour(level)``."""
    return STRENGTH_INK[STRENGTH_LABELS[level]]
