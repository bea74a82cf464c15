"""The dataset card's charts, as hand-written SVG drawn from a release's Stats.

No plotting library: every coordinate is an integer and every number is formatted
here, so the same Stats always give the same bytes on any machine. Text widths
are estimated, not measured (no fonts are read); they only decide where a label
goes and when a long one is shortened, never the bytes' dependence on the system.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..models import STRENGTH_LABELS
from .palette import (
    ENTITY_COLOURS,
    HEDGED_COLOUR,
    INK,
    INK_ON_DARK,
    NEGATED_COLOUR,
    NOT_HEDGED_COLOUR,
    UNRATED_COLOUR,
    strength_colour,
    strength_ink,
)
from .stats import Stats

__all__ = ["CHARTS", "render_charts"]

CHARTS = ("charts/certainty.svg", "charts/entities.svg", "charts/strength.svg")
"""The files ``render_charts`` returns, relative to the release folder."""

WIDTH = 720
_MARGIN = 20
_FONT_SIZE = 12
_INK = INK
_MUTED = "#666666"
_TOP_ENTITIES = 12


def render_charts(stats: Stats) -> dict[str, str]:
    """File name (relative to the release folder) -> SVG text, for every chart of a release.

    >>> from adhd_corpus.release.stats import Stats
    >>> charts = render_charts(Stats())
    >>> sorted(charts) == list(CHARTS)
    True
    >>> charts["charts/entities.svg"].startswith("<svg ")
    True
    """
    return {
        "charts/certainty.svg": certainty_chart(stats),
        "charts/entities.svg": entities_chart(stats),
        "charts/strength.svg": strength_chart(stats),
    }


# -- building blocks ------------------------------------------------------------------------


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _text_width(text: str, size: int = _FONT_SIZE) -> int:
    """A generous estimate of the width of ``text`` in a sans-serif font, in pixels."""
    return round(len(text) * size * 0.56)


def _fit(text: str, width: int, size: int = _FONT_SIZE) -> str:
    """``text``, shortened with an ellipsis when its estimated width exceeds ``width``."""
    if _text_width(text, size) <= width:
        return text
    keep = max(1, int(width / (size * 0.56)) - 1)
    return text[:keep].rstrip() + "…"


def _text(
    x: int,
    y: int,
    text: str,
    *,
    anchor: str = "start",
    size: int = _FONT_SIZE,
    fill: str = _INK,
    bold: bool = False,
) -> str:
    extra = "" if anchor == "start" else f' text-anchor="{anchor}"'
    extra += "" if size == _FONT_SIZE else f' font-size="{size}"'
    extra += "" if fill == _INK else f' fill="{fill}"'
    extra += ' font-weight="bold"' if bold else ""
    return f'<text x="{x}" y="{y}"{extra}>{escape(text, quote=False)}</text>'


def _rect(x: int, y: int, width: int, height: int, fill: str) -> str:
    return f'<rect x="{x}" y="{y}" width="{width}" height="{height}" fill="{fill}"/>'


def _svg(height: int, title: str, desc: str, body: Sequence[str]) -> str:
    """A complete SVG document: accessible title and description, white background."""
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="title desc" '
            f'font-family="sans-serif" font-size="{_FONT_SIZE}" fill="{_INK}">',
            f'<title id="title">{escape(title, quote=False)}</title>',
            f'<desc id="desc">{escape(desc, quote=False)}</desc>',
            _rect(0, 0, WIDTH, height, "#ffffff"),
            *body,
            "</svg>",
            "",
        ]
    )


def _heading(title: str, subtitle: str) -> list[str]:
    return [
        _text(_MARGIN, 28, title, size=16, bold=True),
        _text(_MARGIN, 48, _fit(subtitle, WIDTH - 2 * _MARGIN), fill=_MUTED),
    ]


def _legend(items: Sequence[tuple[str, str]], y: int, left: int = _MARGIN) -> tuple[list[str], int]:
    """Swatch-and-label pairs flowed into lines from ``left``; returns the elements and
    the y just below the last line."""
    out: list[str] = []
    x = left
    for label, colour in items:
        width = 18 + _text_width(label) + 18
        if x + width > WIDTH - _MARGIN and x > left:
            x, y = left, y + 20
        out += [_rect(x, y, 12, 12, colour), _text(x + 17, y + 11, label)]
        x += width
    return out, y + 20


def _stacked_bar(
    x: int,
    y: int,
    height: int,
    scale: float,
    parts: Sequence[tuple[int, str, str, str]],
) -> list[str]:
    """Segments (count, colour, text colour, tooltip) side by side from ``x``.

    Edges are rounded from running totals, so segments never gap or overlap and the
    bar's length is the rounded length of its total. A count is printed inside its
    segment when it fits.
    """
    out: list[str] = []
    total = 0
    for count, colour, ink, tip in parts:
        if count <= 0:
            continue
        left = x + round(total * scale)
        total += count
        right = x + round(total * scale)
        label = str(count)
        out.append(f"<g><title>{escape(tip, quote=False)}</title>")
        out.append(_rect(left, y, right - left, height, colour))
        if _text_width(label, 11) + 4 <= right - left:
            middle = (left + right) // 2
            out.append(_text(middle, y + height - 4, label, anchor="middle", size=11, fill=ink))
        out.append("</g>")
    return out


def _no_data(y: int, message: str) -> list[str]:
    return [_text(WIDTH // 2, y, message, anchor="middle", fill=_MUTED)]


def _type_name(kind: str) -> str:
    return kind.replace("_", " ")


# -- the charts -----------------------------------------------------------------------------


def entities_chart(stats: Stats, top: int = _TOP_ENTITIES) -> str:
    """Horizontal bars: the ``top`` most mentioned concepts, coloured by entity type."""
    ranked = stats.top_entities(top)
    concepts = len(stats.entity_counts)
    mentions = sum(stats.entity_counts.values())
    title = "Most mentioned entities"
    subtitle = (
        f"Top {len(ranked)} of {concepts} concepts by mentions in claims "
        f"({mentions} mentions in all); colour shows the entity type"
    )
    body = _heading(title, subtitle)
    label_right = 210
    bar_left = label_right + 10
    bar_room = WIDTH - _MARGIN - bar_left - 40
    y = 66
    row = 24
    if not ranked:
        body += _no_data(y + 20, "No entity mentions in this release.")
        y += 40
    else:
        scale = bar_room / ranked[0][2]
        for name, kind, count in ranked:
            colour = ENTITY_COLOURS.get(kind, UNRATED_COLOUR)
            length = max(1, round(count * scale))
            tip = f"{name} ({_type_name(kind)}): {count} mentions"
            body += [
                f"<g><title>{escape(tip, quote=False)}</title>",
                _text(label_right, y + 13, _fit(name, label_right - _MARGIN), anchor="end"),
                _rect(bar_left, y + 2, length, 16, colour),
                _text(bar_left + length + 5, y + 14, str(count)),
                "</g>",
            ]
            y += row
        y += 10
        kinds = [k for k in ENTITY_COLOURS if any(kind == k for _, kind, _ in ranked)]
        legend, y = _legend([(_type_name(k), ENTITY_COLOURS[k]) for k in kinds], y)
        body += legend
    desc = "; ".join(f"{name} ({_type_name(kind)}) {n}" for name, kind, n in ranked)
    return _svg(y + 6, title, f"{subtitle}. {desc}" if desc else subtitle, body)


def certainty_chart(stats: Stats) -> str:
    """Per article, two stacked bars on one scale: hedged vs not hedged claims, and
    claims at each strength level 0-3."""
    title = "Certainty of claims, by article"
    subtitle = (
        f"{stats.claims} claims in {stats.count} articles: hedged or not, "
        "and claim strength 0-3; bar length is the number of claims"
    )
    if stats.unlisted:
        subtitle += f"; the first {len(stats.listed())} articles by id"
    body = _heading(title, subtitle)
    strength_names = [f"{level} {name}" for level, name in enumerate(STRENGTH_LABELS)]
    label_right = 84
    bar_left = label_right + 8
    y = 62
    levels = [(name, strength_colour(level)) for level, name in enumerate(strength_names)]
    if stats.claims > sum(stats.strength_counts()):
        levels.append(("not rated", UNRATED_COLOUR))
    for label, items in (
        ("hedging", [("hedged", HEDGED_COLOUR), ("not hedged", NOT_HEDGED_COLOUR)]),
        ("strength", levels),
    ):
        body.append(_text(label_right, y + 11, label, anchor="end", fill=_MUTED))
        legend, y = _legend(items, y, bar_left)
        body += legend
    y += 8
    bar_room = WIDTH - _MARGIN - bar_left - 36
    most = max((a.claims for a in stats.listed()), default=0)
    scale = bar_room / most if most else 0.0
    if not stats.count:
        body += _no_data(y + 20, "No articles in this release.")
        y += 40
    for article in stats.listed():
        body.append(
            _text(_MARGIN, y + 12, _fit(article.title, WIDTH - 2 * _MARGIN - 20), bold=True)
        )
        y += 18
        hedging = [
            (article.hedged, HEDGED_COLOUR, INK, f"{article.hedged} hedged claims"),
            (
                article.claims - article.hedged,
                NOT_HEDGED_COLOUR,
                INK_ON_DARK,
                f"{article.claims - article.hedged} claims not hedged",
            ),
        ]
        strength = [
            (n, strength_colour(level), strength_ink(level), f"{n} claims of strength {name}")
            for level, (n, name) in enumerate(zip(article.strength, strength_names, strict=True))
        ]
        unrated = article.claims - sum(article.strength)
        strength.append((unrated, UNRATED_COLOUR, _INK, f"{unrated} claims not rated"))
        for label, parts in (("hedging", hedging), ("strength", strength)):
            body.append(_text(label_right, y + 13, label, anchor="end", fill=_MUTED))
            body += _stacked_bar(bar_left, y + 2, 16, scale, parts)
            body.append(
                _text(bar_left + round(article.claims * scale) + 5, y + 14, str(article.claims))
            )
            y += 20
        y += 10
    desc = "; ".join(
        f"{a.title}: {a.claims} claims, {a.hedged} hedged, strength 0/1/2/3 "
        + "/".join(map(str, a.strength))
        for a in stats.listed()
    )
    return _svg(y + 6, title, f"{subtitle}. {desc}" if desc else subtitle, body)


def strength_chart(stats: Stats) -> str:
    """Release-wide: claims at each strength level, and shares with each certainty marker."""
    title = "Claim strength and certainty markers"
    subtitle = f"All {stats.claims} claims of the release; counts and shares of all claims"
    body = _heading(title, subtitle)
    label_right = 200
    bar_left = label_right + 10
    bar_room = WIDTH - _MARGIN - bar_left - 100
    y = 78
    body.append(_text(_MARGIN, y, "Strength (what the relation cues assert)", bold=True))
    y += 8
    levels = stats.strength_counts()
    markers = [
        ("hedged (hedge cue)", stats.hedged, HEDGED_COLOUR),
        ("with a booster", stats.boosted, NOT_HEDGED_COLOUR),
        ("negated", stats.negated, NEGATED_COLOUR),
    ]
    unknown = stats.claims - sum(levels)  # claims of releases before strength was rated
    most = max([*levels, unknown, *(n for _, n, _ in markers)], default=0)
    scale = bar_room / most if most else 0.0

    def bar(label: str, count: int, colour: str) -> list[str]:
        length = round(count * scale)
        tip = f"{label}: {count} claims ({stats.share(count)})"
        return [
            f"<g><title>{escape(tip, quote=False)}</title>",
            _text(label_right, y + 13, label, anchor="end"),
            _rect(bar_left, y + 2, length, 16, colour) if length else "",
            _text(bar_left + length + 5, y + 14, f"{count} ({stats.share(count)})"),
            "</g>",
        ]

    for level, count in enumerate(levels):
        body += bar(f"{level} {STRENGTH_LABELS[level]}", count, strength_colour(level))
        y += 24
    if unknown:
        body += bar("not rated", unknown, UNRATED_COLOUR)
        y += 24
    y += 22
    body.append(_text(_MARGIN, y, "Certainty markers (a claim may have several)", bold=True))
    y += 8
    for label, count, colour in markers:
        body += bar(label, count, colour)
        y += 24
    body = [part for part in body if part]
    desc = "; ".join(
        [f"strength {level} {STRENGTH_LABELS[level]}: {n}" for level, n in enumerate(levels)]
        + [f"{label}: {n}" for label, n, _ in markers]
    )
    return _svg(y + 10, title, f"{subtitle}. {desc}", body)
