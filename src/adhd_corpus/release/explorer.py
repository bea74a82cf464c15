"""A release's explorer: an offline HTML page to find and read the articles, with
their claims highlighted by certainty and their entity mentions marked.

The page holds an index of every article (title, counts, and the entities, entity
types, strengths, certainty and people it has) that search, filters and paging run
over, so a release of any size is browsable without a cap. The records go in
unchanged, as JSON: inside the page when the release has at most ``PART_SIZE``
articles, else in parts beside it (``explorer/part-NNNNN.js``) that the page loads
when an article in them is opened (a script element: no server needed). Nothing is
parsed again: the page places each sentence in its paragraph by the records' own
offsets (``Section.paragraph_spans``, schema 1.3.0). Records of earlier schemas lack
them and need no fallback: the explorer is written only when a release is built, from
records the current parser made (a prepared-article cache is keyed by the code's
fingerprint). Should such a record reach it, its paragraphs show as plain text and its
claims are listed below them. The page, its style and its script are files in
``templates/`` filled from data. No network, no timestamps: the same records give the
same bytes.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from html import escape
from pathlib import Path
from typing import Any

from ..jsonio import canonical_json
from ..models import STRENGTH_LABELS
from .assets import read_asset, template
from .palette import (
    ENTITY_COLOURS,
    HEDGED_COLOUR,
    INK,
    NEGATED_COLOUR,
    NOT_HEDGED_COLOUR,
    UNRATED_COLOUR,
    strength_colour,
    strength_ink,
)

__all__ = [
    "CLAIM_CLASS",
    "EXPLORER",
    "PARTS_DIR",
    "PART_SIZE",
    "ExplorerWriter",
    "embed_json",
    "index_entry",
    "render_explorer",
    "summary",
    "write_explorer",
]

EXPLORER = "explorer.html"
"""The explorer's file name in a release folder."""

CLAIM_CLASS = "claim"
"""CSS class of every highlighted claim in the rendered page (the script sets it)."""

_TINT = (0.07, 0.12, 0.18, 0.25)
"""How much of the hedging colour a claim's background takes at strength 0-3: light
enough that body text keeps a contrast of at least 7:1 (WCAG AAA) on every tint."""

PART_SIZE = 250
"""Articles per part file; a release with no more than this fits in the page itself."""
PARTS_DIR = "explorer"
"""The folder, beside ``explorer.html``, of the parts of a larger release."""
PAGE_SIZE = 100
"""Articles the list shows at a time; the pager moves through the rest."""


def index_entry(article: Mapping[str, Any], part: int) -> dict[str, Any]:
    """What search, filters and the article list need to know of one article.

    >>> entry = index_entry({"id": "a", "title": "T", "claims": [], "people": []}, 0)
    >>> entry["id"], entry["claims"], entry["part"]
    ('a', 0, 0)
    """
    return {**summary(article), "part": part}


def summary(article: Mapping[str, Any]) -> dict[str, Any]:
    """The index entry of one article but for the part it is in: what a build's workers
    compute beside the record, so that the writer need not parse the record again."""
    claims = article["claims"]
    entities = sorted({e["canonical"] for c in claims for e in c["entities"]})
    return {
        "id": article["id"],
        "title": article["title"],
        "claims": len(claims),
        "hedged": sum(bool(c["hedged"]) for c in claims),
        "asserted": sum(not c["hedged"] for c in claims),
        "negated": sum(bool(c.get("negated")) for c in claims),
        "strengths": sorted({c["strength"] for c in claims if c.get("strength") is not None}),
        "entities": entities,
        "types": sorted({e["type"] for c in claims for e in c["entities"]}),
        "people": sorted({p["name"] for p in article["people"]}),
    }


def _articles_json(texts: list[str]) -> Iterator[str]:
    """The embedded ``articles`` array, in pieces, from the records' canonical JSON texts
    as they are: what ``embed_json`` gives for the parsed records, without parsing them
    (no escape can span two records: each begins with ``{`` and ends with ``}``)."""
    yield "["
    for n, text in enumerate(texts):
        yield _escape(text) if n == 0 else "," + _escape(text)
    yield "]"


def _part_script(number: int, texts: list[str]) -> Iterator[str]:
    yield f'EXPLORER_PART({number}, {{"articles":'
    yield from _articles_json(texts)
    yield "});\n"


def _page(
    version: str, counts: tuple[int, int], index: Iterable[str], inline: list[str]
) -> Iterator[str]:
    """The page, in pieces to write one after the other (the index of a large release is
    megabytes of JSON: joined, it would be copied several times over). ``counts`` are
    the articles and claims of the release, ``index`` the embedded JSON of its index
    entries joined by commas, in pieces; ``inline`` the canonical JSON texts of the
    records the page holds (all of them, or none when the release has parts)."""
    articles, claims = counts
    parts = 0 if len(inline) == articles else (articles + PART_SIZE - 1) // PART_SIZE
    rest = {
        "version": version,
        "strengths": list(STRENGTH_LABELS),
        "types": list(ENTITY_COLOURS),
        "parts": parts,
        "parts_dir": PARTS_DIR,
        "page_size": PAGE_SIZE,
    }
    summary = f"{_plural(articles, 'article')} · {_plural(claims, 'claim')}"
    page = template("explorer.html").substitute(
        version=escape(version),
        summary=escape(summary),
        style=_style(),
        script=read_asset("explorer.js"),
        data=_DATA,
        **_legend_and_filters(),
    )
    head, tail = page.split(_DATA)
    # The canonical JSON of the data, key by key: "articles" and "index" sort first.
    yield head
    yield '{"articles":'
    yield from _articles_json(inline)
    yield ',"index":['
    yield from index
    yield "]"
    yield ","
    yield embed_json(rest)[1:]
    yield tail


_DATA = "\x00data\x00"
"""Where the data goes in the page, until it is written."""


def render_explorer(records: Iterable[str], *, version: str) -> str:
    """The explorer as one self-contained page holding every record of ``records`` (the
    JSON lines of ``articles.jsonl``); ``write_explorer`` splits larger releases.

    >>> page = render_explorer([], version="0.0.0")
    >>> page.startswith("<!DOCTYPE html>") and "adhd-corpus 0.0.0" in page
    True
    """
    articles = [json.loads(line) for line in records if line.strip()]
    texts = [canonical_json(a, "line") for a in articles]
    index = (_index_json(n, index_entry(a, 0)) for n, a in enumerate(articles))
    counts = (len(articles), sum(len(a["claims"]) for a in articles))
    return "".join(_page(version, counts, index, texts))


def _index_json(n: int, entry: Mapping[str, Any]) -> str:
    """Index entry ``n`` as it goes into the page's ``index`` array (a comma before all
    but the first)."""
    return embed_json(entry) if n == 0 else "," + embed_json(entry)


class ExplorerWriter:
    """Writes the explorer of a release as its records stream past: the parts as they
    fill, the index entries into an unnamed spool file, and the page at ``close``. Memory
    holds one part of records, never the index: it would grow with the release (a few
    kB an article, most of a build's growth in memory at 20,000 articles)."""

    def __init__(self, folder: Path, *, version: str) -> None:
        self._folder = folder
        self._version = version
        self._part: list[str] = []
        self.written: list[str] = []
        """The part files written so far, relative to ``folder``."""
        self._articles = 0
        self._claims = 0
        # Unnamed (vanishes when closed, or when the process dies); beside the release.
        self._index = tempfile.TemporaryFile(  # noqa: SIM115 (closed by close())
            "w+", encoding="utf-8", newline="\n", dir=folder
        )

    def add(self, text: str, entry: Mapping[str, Any]) -> None:
        """One more record: ``text`` is its canonical JSON line (no line break), ``entry``
        its ``summary``."""
        if len(self._part) == PART_SIZE:
            self._flush()
        self._index.write(_index_json(self._articles, {**entry, "part": len(self.written)}))
        self._articles += 1
        self._claims += entry["claims"]
        self._part.append(text)

    def _flush(self) -> None:
        name = f"{PARTS_DIR}/part-{len(self.written):05d}.js"
        (self._folder / PARTS_DIR).mkdir(exist_ok=True)
        with (self._folder / name).open("w", encoding="utf-8", newline="\n") as script:
            script.writelines(_part_script(len(self.written), self._part))
        self.written.append(name)
        self._part.clear()

    def _spooled_index(self) -> Iterator[str]:
        self._index.seek(0)
        while chunk := self._index.read(1 << 20):
            yield chunk

    def close(self) -> list[str]:
        """Write the last part and the page; return the files written, relative to the
        folder."""
        try:
            if self.written and self._part:
                self._flush()
            counts = (self._articles, self._claims)
            pieces = _page(self._version, counts, self._spooled_index(), self._part)
            with (self._folder / EXPLORER).open("w", encoding="utf-8", newline="\n") as page:
                page.writelines(pieces)
        finally:
            self.discard()
        return [EXPLORER, *self.written]

    def discard(self) -> None:
        """Let go of the index spool (its file vanishes); what was written stays."""
        self._index.close()


def write_explorer(folder: Path, records: Iterable[str], *, version: str) -> list[str]:
    """Write ``explorer.html`` (and, past ``PART_SIZE`` articles, its parts) for the JSON
    lines of a release into ``folder``, holding one part in memory at a time; return
    the files written, relative to ``folder``. A build uses ``ExplorerWriter`` itself,
    with each record's ``summary`` computed by its workers, so nothing is parsed again.
    """
    writer = ExplorerWriter(folder, version=version)
    for line in records:
        if line.strip():
            article = json.loads(line)
            writer.add(canonical_json(article, "line"), summary(article))
    return writer.close()


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def embed_json(value: Any) -> str:
    """``value`` as JSON that is safe inside a ``<script>`` element and always the same.

    ``</`` becomes ``<\\/`` and ``<!--`` becomes ``\\u003c!--``, so no text in the records
    can end the element or switch the HTML parser's script state; JSON reads both back
    unchanged.

    >>> embed_json({"b": "</script>", "a": "<!-- x"})
    '{"a":"\\\\u003c!-- x","b":"<\\\\/script>"}'
    """
    return _escape(canonical_json(value, "line"))


def _escape(text: str) -> str:
    """JSON text made safe inside a ``<script>`` element (see ``embed_json``)."""
    return text.replace("<!--", "\\u003c!--").replace("</", "<\\/")


# -- the page -------------------------------------------------------------------------------


def _mix(colour: str, amount: float) -> str:
    """``colour`` laid over white at ``amount`` opacity, as an opaque hex colour."""
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - (255 - c) * amount):02x}" for c in channels)


def _style() -> str:
    """The style sheet, and the palette's rules after it."""
    rules = []
    for kind, colour in ENTITY_COLOURS.items():
        rules.append(f".ent.t-{kind}{{border-bottom-color:{colour}}}")
        rules.append(f".sw.t-{kind}{{background:{colour}}}")
    for level, amount in enumerate(_TINT):
        rules.append(
            f".claim.a.s{level},.tint.a.s{level}{{background:{_mix(NOT_HEDGED_COLOUR, amount)}}}"
        )
        rules.append(
            f".claim.h.s{level},.tint.h.s{level}{{background:{_mix(HEDGED_COLOUR, amount)}}}"
        )
        colour, ink = strength_colour(level), strength_ink(level)
        rules.append(f".badge.s{level}{{background:{colour};color:{ink}}}")
    rules.append(f".claim.a.sn{{background:{_mix(NOT_HEDGED_COLOUR, _TINT[0])}}}")
    rules.append(f".claim.h.sn{{background:{_mix(HEDGED_COLOUR, _TINT[0])}}}")
    rules.append(f".badge.sn{{background:{UNRATED_COLOUR};color:{INK}}}")
    rules.append(
        f".cue-neg{{font-weight:700;color:{NEGATED_COLOUR};"
        f"text-decoration:underline wavy {NEGATED_COLOUR};text-decoration-skip-ink:none}}"
    )
    return read_asset("explorer.css") + "\n".join(rules) + "\n"


def _type_name(kind: str) -> str:
    return escape(kind.replace("_", " "))


def _legend_and_filters() -> dict[str, str]:
    """The page's option lists and legend entries, one per entity type and strength."""
    levels = list(enumerate(STRENGTH_LABELS))
    tints = "".join(
        f'<tr><th scope="row">{label}</th>'
        + "".join(
            f'<td><span class="tint {hue} s{level}" title="{label}, strength {level}">'
            f"{level}</span></td>"
            for level, _ in levels
        )
        + "</tr>"
        for hue, label in (("a", "not hedged"), ("h", "hedged"))
    )
    strengths = "".join(
        f'<li><span class="badge s{level}">{level}</span>{escape(name)}</li>'
        for level, name in levels
    )
    strengths += '<li><span class="badge sn">?</span>not rated (records before schema 1.1.0)</li>'
    return {
        "type_options": "".join(
            f'<option value="{kind}">{_type_name(kind)}</option>' for kind in ENTITY_COLOURS
        ),
        "strength_options": "".join(
            f'<option value="{level}">{level} {escape(name)}</option>' for level, name in levels
        ),
        "tint_rows": tints,
        "strength_items": strengths,
        "type_swatches": "".join(
            f'<li><span class="sw t-{kind}"></span>{_type_name(kind)}</li>'
            for kind in ENTITY_COLOURS
        ),
    }
