"""A release's explorer: an offline HTML page to find and read the articles, with
their claims highlighted by certainty and their entity mentions marked.

The page holds an index of every article (title, counts, and the entities, entity
types, strengths, certainty and people it has) that search, filters and paging run
over, so a release of any size is browsable without a cap. The records go in
unchanged, as JSON: inside the page when the release has at most ``PART_SIZE``
articles, else in parts beside it (``explorer/part-NNNNN.js``) that the page loads
when an article in them is opened (a script element: no server needed). Nothing is
parsed again: the page places each sentence in its paragraph from the records' own
offsets (see ``paragraph_offsets``). No network, no timestamps: the same records give
the same bytes.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from html import escape
from pathlib import Path
from typing import Any

from ..jsonio import canonical_json
from ..models import STRENGTH_LABELS
from .charts import ENTITY_COLOURS, HEDGED_COLOUR, NOT_HEDGED_COLOUR, STRENGTH_COLOURS

__all__ = [
    "CLAIM_CLASS",
    "EXPLORER",
    "PARTS_DIR",
    "PART_SIZE",
    "embed_json",
    "index_entry",
    "paragraph_offsets",
    "render_explorer",
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
    claims = article["claims"]
    entities = sorted({e["canonical"] for c in claims for e in c["entities"]})
    return {
        "id": article["id"],
        "title": article["title"],
        "part": part,
        "claims": len(claims),
        "hedged": sum(bool(c["hedged"]) for c in claims),
        "asserted": sum(not c["hedged"] for c in claims),
        "negated": sum(bool(c.get("negated")) for c in claims),
        "strengths": sorted({c["strength"] for c in claims if c.get("strength") is not None}),
        "entities": entities,
        "types": sorted({e["type"] for c in claims for e in c["entities"]}),
        "people": sorted({p["name"] for p in article["people"]}),
    }


def _part_payload(articles: list[dict[str, Any]]) -> dict[str, Any]:
    return {"articles": articles, "offsets": {a["id"]: paragraph_offsets(a) for a in articles}}


def _page(version: str, index: list[dict[str, Any]], inline: list[dict[str, Any]]) -> str:
    parts = 0 if len(inline) == len(index) else (len(index) + PART_SIZE - 1) // PART_SIZE
    data = {
        "version": version,
        "strengths": list(STRENGTH_LABELS),
        "types": list(ENTITY_COLOURS),
        "index": index,
        "parts": parts,
        "parts_dir": PARTS_DIR,
        "page_size": PAGE_SIZE,
        **_part_payload(inline),
    }
    claims = sum(entry["claims"] for entry in index)
    summary = f"{_plural(len(index), 'article')} · {_plural(claims, 'claim')}"
    return (
        _PAGE.replace("@@VERSION@@", escape(version))
        .replace("@@SUMMARY@@", escape(summary))
        .replace("@@STYLE@@", _style())
        .replace("@@FILTERS@@", _filters())
        .replace("@@LEGEND@@", _legend())
        .replace("@@SCRIPT@@", _SCRIPT)
        # last, so nothing in the records is ever taken for a placeholder
        .replace("@@DATA@@", embed_json(data))
    )


def render_explorer(records: Iterable[str], *, version: str) -> str:
    """The explorer as one self-contained page holding every record of ``records`` (the
    JSON lines of ``articles.jsonl``); ``write_explorer`` splits larger releases.

    >>> page = render_explorer([], version="0.0.0")
    >>> page.startswith("<!DOCTYPE html>") and "adhd-corpus 0.0.0" in page
    True
    """
    articles = [json.loads(line) for line in records if line.strip()]
    return _page(version, [index_entry(a, 0) for a in articles], articles)


def write_explorer(folder: Path, records: Iterable[str], *, version: str) -> list[str]:
    """Write ``explorer.html`` (and, past ``PART_SIZE`` articles, its parts) for the JSON
    lines of a release into ``folder``, holding one part in memory at a time; return
    the files written, relative to ``folder``."""
    index: list[dict[str, Any]] = []
    part: list[dict[str, Any]] = []
    written: list[str] = []

    def flush() -> None:
        name = f"{PARTS_DIR}/part-{len(written):05d}.js"
        (folder / PARTS_DIR).mkdir(exist_ok=True)
        script = f"EXPLORER_PART({len(written)}, {embed_json(_part_payload(part))});\n"
        (folder / name).write_text(script, encoding="utf-8", newline="\n")
        written.append(name)
        part.clear()

    for line in records:
        if not line.strip():
            continue
        if len(part) == PART_SIZE:
            flush()
        article = json.loads(line)
        index.append(index_entry(article, len(written)))
        part.append(article)
    if written and part:
        flush()
    page = _page(version, index, part)
    (folder / EXPLORER).write_text(page, encoding="utf-8", newline="\n")
    return [EXPLORER, *written]


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
    text = canonical_json(value, "line")
    return text.replace("<!--", "\\u003c!--").replace("</", "<\\/")


def paragraph_offsets(article: Mapping[str, Any]) -> list[list[int | None]]:
    """Per section, per paragraph: the paragraph's code-point offset in the raw text, or
    None when no sentence of the record pins it down.

    The records hold each sentence's raw offsets and each paragraph's text (an exact
    substring of the raw text) but not where the paragraph starts. Walking the
    sentences (claims and non-claims) in text order through the paragraphs in order,
    the first sentence found in a paragraph fixes its offset (where its text occurs
    twice, the place most later sentences agree with), and every later sentence in it
    must agree. A sentence that fits nowhere is left out; the page lists the claims.

    >>> article = {
    ...     "sections": [{"heading": None, "paragraphs": ["A b. C d.", "E f."]}],
    ...     "claims": [{"text": "C d.", "start": 15, "end": 19, "section": 0}],
    ...     "non_claims": [{"text": "E f.", "start": 21, "end": 25, "section": 0}],
    ... }
    >>> paragraph_offsets(article)
    [[10, 21]]
    """
    paragraphs = [
        (index, text)
        for index, section in enumerate(article["sections"])
        for text in section["paragraphs"]
    ]
    offsets: list[int | None] = [None] * len(paragraphs)
    sentences = sorted(
        [*article["claims"], *(article.get("non_claims") or [])],
        key=lambda s: (s["start"], s["end"]),
    )
    starts = [s["start"] for s in sentences]
    current = 0  # the paragraph the last placed sentence is in
    cursor = 0  # where in it that sentence ends
    for n, sentence in enumerate(sentences):
        for j in range(current, len(paragraphs)):
            section, text = paragraphs[j]
            if section != sentence["section"]:
                continue
            after = cursor if j == current else 0
            known = offsets[j]
            found: int | None
            if known is not None:
                local = sentence["start"] - known
                found = local if local >= after and _fits(text, local, sentence) else None
            else:
                previous = offsets[current] if j > current else None
                floor = 0 if previous is None else previous + len(paragraphs[current][1])
                # Only sentences starting within this paragraph's reach can agree with a
                # placement: looked up by bisection, and only when the text repeats, so a
                # long article costs linear time, not quadratic.
                reach = bisect.bisect_left(starts, sentence["start"] + len(text), lo=n + 1)
                later = partial(_same_section, sentences, n + 1, reach, section)
                found = _first_fit(text, sentence, after, floor, later)
            if found is not None:
                offsets[j] = sentence["start"] - found
                current, cursor = j, found + len(sentence["text"])
                break
    out: list[list[int | None]] = []
    position = 0
    for section in article["sections"]:
        count = len(section["paragraphs"])
        out.append(offsets[position : position + count])
        position += count
    return out


def _fits(text: str, local: int, sentence: Mapping[str, Any]) -> bool:
    """Whether ``sentence`` stands at ``local`` in paragraph ``text``."""
    return local >= 0 and text.startswith(sentence["text"], local)


def _same_section(
    sentences: list[Mapping[str, Any]], start: int, stop: int, section: int
) -> list[Mapping[str, Any]]:
    return [s for s in sentences[start:stop] if s["section"] == section]


def _first_fit(
    text: str,
    sentence: Mapping[str, Any],
    after: int,
    floor: int,
    later: Callable[[], list[Mapping[str, Any]]],
) -> int | None:
    """Where ``sentence`` starts in a paragraph ``text`` whose offset is not known yet:
    at or after ``after``, with the paragraph starting at or after raw offset ``floor``.
    When its text occurs more than once, the place that fits most of the ``later``
    sentences wins, then the earliest."""
    needle: str = sentence["text"]
    candidates = []
    local = text.find(needle, after)
    while local >= 0:
        if sentence["start"] - local >= floor:
            candidates.append(local)
        local = text.find(needle, local + 1)
    if len(candidates) <= 1:
        return candidates[0] if candidates else None

    following = later()

    def agreeing(local: int) -> int:
        offset = sentence["start"] - local
        return sum(_fits(text, s["start"] - offset, s) for s in following)

    return max(candidates, key=lambda local: (agreeing(local), -local))


# -- the page -------------------------------------------------------------------------------


def _mix(colour: str, amount: float) -> str:
    """``colour`` laid over white at ``amount`` opacity, as an opaque hex colour."""
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - (255 - c) * amount):02x}" for c in channels)


def _style() -> str:
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
        ink = "#222" if level < 2 else "#fff"
        rules.append(f".badge.s{level}{{background:{STRENGTH_COLOURS[level]};color:{ink}}}")
    rules.append(f".claim.a.sn{{background:{_mix(NOT_HEDGED_COLOUR, _TINT[0])}}}")
    rules.append(f".claim.h.sn{{background:{_mix(HEDGED_COLOUR, _TINT[0])}}}")
    rules.append(".badge.sn{background:#d0d0d0;color:#222}")
    return _CSS + "\n".join(rules) + "\n"


def _filters() -> str:
    types = "".join(
        f'<option value="{kind}">{escape(kind.replace("_", " "))}</option>'
        for kind in ENTITY_COLOURS
    )
    strengths = "".join(
        f'<option value="{level}">{level} {escape(name)}</option>'
        for level, name in enumerate(STRENGTH_LABELS)
    )
    return f"""<form id="filters" class="filters" role="search" aria-label="Find articles">
<input id="f-text" type="search" placeholder="Search titles, entities, people"
 aria-label="Search titles, entities and people">
<input id="f-entity" type="search" placeholder="Entity (e.g. dopamine)" aria-label="Entity">
<input id="f-person" type="search" placeholder="Person" aria-label="Person">
<select id="f-type" aria-label="Entity type"><option value="">any entity type</option>{types}
</select>
<select id="f-strength" aria-label="Claim strength"><option value="">any strength</option>
{strengths}</select>
<span class="checks"><label><input id="f-hedged" type="checkbox"> hedged</label>
<label><input id="f-asserted" type="checkbox"> asserted</label>
<label><input id="f-negated" type="checkbox"> negated</label></span>
</form>"""


def _legend() -> str:
    swatches = "".join(
        f'<li><span class="sw t-{kind}"></span>{escape(kind.replace("_", " "))}</li>'
        for kind in ENTITY_COLOURS
    )
    tints = "".join(
        f'<tr><th scope="row">{label}</th>'
        + "".join(
            f'<td><span class="tint {hue} s{level}" title="{label}, strength {level}">'
            f"{level}</span></td>"
            for level in range(4)
        )
        + "</tr>"
        for hue, label in (("a", "not hedged"), ("h", "hedged"))
    )
    strengths = "".join(
        f'<li><span class="badge s{level}">{level}</span>{escape(name)}</li>'
        for level, name in enumerate(STRENGTH_LABELS)
    )
    strengths += '<li><span class="badge sn">?</span>not rated (records before schema 1.1.0)</li>'
    return f"""<section class="legend" aria-label="Legend">
<h2>Legend</h2>
<h3>Claims</h3>
<p>Colour: hedged or not; depth: strength 0&#8211;3.</p>
<table class="tints"><tbody>{tints}</tbody></table>
<h3>Strength badge</h3>
<ul class="plain">{strengths}</ul>
<h3>Cues inside claims</h3>
<ul class="plain cues">
<li><span class="cue-hedge">hedge</span> hedge cue (may, suggests&#8230;)</li>
<li><span class="cue-boost">booster</span> booster (strongly, proven&#8230;)</li>
<li><span class="cue-neg">not</span> negation</li>
<li><span class="cue-rel">leads to</span> relation cue (sets strength)</li>
</ul>
<h3>Entities</h3>
<ul class="plain types">{swatches}</ul>
<p><span class="nonclaim">Grey text</span>: a body sentence that is not a claim (hover for the
reason). Hover any mark for details; click a claim to inspect it.</p>
</section>"""


_CSS = """
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color:#1f2328;background:#f6f7f9;display:flex;flex-direction:column}
header{background:#24292f;color:#fff;padding:10px 20px;display:flex;align-items:baseline;gap:16px}
header h1{font-size:17px;margin:0;font-weight:600}
header p{margin:0;color:#c9d1d9;font-size:13px}
.layout{flex:1;display:grid;grid-template-columns:290px minmax(0,1fr) 290px;min-height:0}
.filters{display:flex;flex-wrap:wrap;gap:6px;padding:0 12px 8px;border-bottom:1px solid #d8dee4}
.filters input[type=search],.filters select{flex:1 1 100%;font:inherit;font-size:13px;
padding:4px 6px;border:1px solid #c9d1d9;border-radius:4px;min-width:0}
.checks{display:flex;flex-wrap:wrap;gap:4px 12px;font-size:13px}
.pager{display:flex;align-items:center;justify-content:space-between;gap:6px;padding:6px 12px;
font-size:12px;color:#57606a}
nav .pager button{display:inline-block;width:auto;flex:0 0 auto;font:inherit;padding:2px 8px;
border:1px solid #c9d1d9;border-radius:4px;background:#fff;cursor:pointer}
.pager span{white-space:nowrap}
nav .pager button:disabled{opacity:.4;cursor:default}
.claim.dim{background:none!important;opacity:.55}
.matches{font-size:13px;color:#57606a;margin:0 0 10px}
nav,main,aside{overflow-y:auto;min-height:0}
nav{background:#fff;border-right:1px solid #d8dee4;padding:10px 0}
nav h2,aside h2{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:#57606a;
margin:4px 16px 8px}
nav ol{list-style:none;margin:0;padding:0}
nav button{display:block;width:100%;text-align:left;border:0;border-left:3px solid transparent;
background:none;padding:8px 14px 8px 13px;font:inherit;font-size:14px;line-height:1.35;
cursor:pointer;color:inherit}
nav button:hover{background:#f3f4f6}
nav button[aria-current=true]{background:#eef3fb;border-left-color:#4c72b0;font-weight:600}
nav .meta{display:block;font-size:12px;color:#57606a;font-weight:400;margin-top:2px}
main{padding:22px 34px 60px;background:#fff}
article{max-width:760px;margin:0 auto}
article h2{font-size:25px;line-height:1.25;margin:0 0 6px}
.sub{color:#57606a;font-size:13px;margin:0 0 16px}
.sub code{font-size:12px}
.box{background:#f6f8fa;border:1px solid #d8dee4;border-radius:6px;padding:10px 14px;
margin:0 0 14px}
.box h3{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:#57606a;margin:0 0 6px}
.people{display:flex;flex-wrap:wrap;gap:8px 24px}
.person{font-size:14px}
.person .role{color:#57606a}
.person details{font-size:13px;color:#444;max-width:640px}
.person summary{cursor:pointer;color:#4c72b0}
.flag{display:inline-block;font-size:11px;padding:0 6px;border-radius:9px;background:#fff1d6;
color:#7a4a00;border:1px solid #e8a33d;margin-left:4px;vertical-align:1px}
.links{margin:0;padding:0;list-style:none;font-size:14px}
.links li{margin:2px 0}
.links .kind{display:inline-block;min-width:64px;font-size:11px;text-transform:uppercase;
color:#57606a}
.links .url{font-family:ui-monospace,monospace;font-size:12px;color:#57606a}
.body h3{font-size:18px;margin:22px 0 6px}
.body p{margin:0 0 12px;font-size:16px;line-height:1.75}
.claim{border-radius:3px;padding:1px 2px;cursor:pointer;
-webkit-box-decoration-break:clone;box-decoration-break:clone}
.claim:hover{box-shadow:0 0 0 1px #57606a}
.claim.sel{box-shadow:0 0 0 2px #24292f}
.badge{display:inline-block;min-width:17px;padding:0 4px;margin-left:3px;border-radius:8px;
font-size:11px;line-height:16px;text-align:center;font-weight:600;vertical-align:1px}
.ent{border-bottom:3px solid #8c8c8c;cursor:help}
.cue-hedge{font-style:italic;font-weight:600;color:#8a4b00}
.cue-boost{font-weight:700;outline:1.5px solid #1f3f77;border-radius:2px}
.cue-neg{font-weight:700;color:#b00020;text-decoration:underline wavy #b00020;
text-decoration-skip-ink:none}
.cue-rel{font-weight:600;color:#54278f}
.nonclaim{color:#6e7781;cursor:help}
.nonclaim:hover{text-decoration:underline dotted}
.bad{outline:2px dashed #b00020}
aside{background:#fff;border-left:1px solid #d8dee4;padding:10px 16px;font-size:13px}
aside h2{margin:4px 0 8px}
aside h3{font-size:13px;margin:12px 0 4px}
aside p{margin:4px 0}
.plain{list-style:none;margin:0;padding:0}
.plain li{margin:3px 0}
.plain .badge{margin:0 6px 0 0}
.cues span{margin-right:6px}
.types{display:grid;grid-template-columns:1fr 1fr;gap:0 8px;white-space:nowrap}
.types li{margin:2px 0}
.sw{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:6px;
vertical-align:-1px}
.tints{border-collapse:separate;border-spacing:3px}
.tints th{font-weight:400;text-align:right;padding-right:4px}
.tint{display:inline-block;width:28px;text-align:center;border-radius:3px;font-size:12px}
.inspect{background:#f6f8fa;border:1px solid #d8dee4;border-radius:6px;padding:8px 10px;
margin-bottom:12px}
.inspect dl{margin:4px 0 0;display:grid;grid-template-columns:auto 1fr;gap:2px 8px}
.inspect dt{color:#57606a}
.inspect dd{margin:0;overflow-wrap:anywhere}
.inspect .mentions div{margin-bottom:3px}
.inspect .quote{font-style:italic}
.body p,.sub,.quote{overflow-wrap:anywhere}
@media (max-width:1000px){html,body{height:auto}body{display:block}
.layout{display:block}nav,main,aside{overflow:visible;border:0}
nav ol{max-height:45vh;overflow-y:auto}}
@media (max-width:600px){header{flex-wrap:wrap;gap:4px 12px;padding:8px 12px}
main{padding:14px 12px 40px}article h2{font-size:20px}.body p{font-size:15px;line-height:1.65}
.types{grid-template-columns:1fr}}
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>adhd-corpus @@VERSION@@ · claim explorer</title>
<style>@@STYLE@@</style>
</head>
<body>
<header><h1>adhd-corpus @@VERSION@@ · claim explorer</h1><p>@@SUMMARY@@</p></header>
<div class="layout">
<nav aria-label="Articles"><h2>Articles</h2>@@FILTERS@@
<div class="pager"><button type="button" id="prev">&#8249; previous</button>
<span id="count" aria-live="polite"></span>
<button type="button" id="next">next &#8250;</button></div>
<ol id="list"></ol></nav>
<main id="main"><noscript><p>The explorer needs JavaScript; the records are in
articles.jsonl beside this file.</p></noscript></main>
<aside><div id="inspect"></div>@@LEGEND@@</aside>
</div>
<script type="application/json" id="data">@@DATA@@</script>
<script>@@SCRIPT@@</script>
</body>
</html>
"""

# Offsets are code points (Python str indices), so the script slices Array.from(text),
# never the string itself, whose indices are UTF-16 code units.
_SCRIPT = """
"use strict";
const DATA = JSON.parse(document.getElementById("data").textContent);
const entries = new Map(DATA.index.map((e) => [e.id, e]));
const byId = new Map();
const offsets = {};
function take(payload) {
  for (const a of payload.articles) byId.set(a.id, a);
  Object.assign(offsets, payload.offsets);
}
take(DATA);
const loading = new Map();
// A larger release keeps its records in parts beside the page: a script element loads
// one from the file system (fetch would need a server).
window.EXPLORER_PART = (n, payload) => { take(payload); (loading.get(n) || {}).done = true; };
function loadPart(n, then) {
  const state = loading.get(n);
  if (state && state.done) { then(); return; }
  if (state) { state.waiting.push(then); return; }
  const fresh = { done: false, waiting: [then] };
  loading.set(n, fresh);
  const script = document.createElement("script");
  script.src = DATA.parts_dir + "/part-" + String(n).padStart(5, "0") + ".js";
  script.onload = () => { fresh.done = true; for (const f of fresh.waiting) f(); };
  script.onerror = () => {
    const why = "Could not load " + script.src + ": keep its folder beside this page.";
    document.getElementById("main").replaceChildren(el("p", "bad", why));
  };
  document.head.append(script);
}

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}
function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
function typeName(t) { return t.replace(/_/g, " "); }
function strengthName(c) {
  return c.strength === null || c.strength === undefined
    ? "not rated" : c.strength + " " + DATA.strengths[c.strength];
}

function texts(cues) { return cues.map((q) => q.text).join(", "); }
function cueClass(q) { return q.cue_class.replace(/_/g, " "); }
function unrated(c) { return c.strength === null || c.strength === undefined; }
function entityTip(e) {
  return e.canonical + " · " + typeName(e.type) + " · " +
    (e.mesh_id ? "MeSH " + e.mesh_id : "no verified MeSH id");
}
function claimTip(c) {
  const parts = ["Claim · strength " + strengthName(c), c.hedged
    ? "hedged: " + c.hedge_cues.join(", ") : "not hedged"];
  if (c.boosters && c.boosters.length) parts.push("boosters: " + texts(c.boosters));
  if (c.negated) parts.push("negated");
  return parts.join(" · ");
}

const CUES = [["hedges", "cue-hedge", "hedge cue"], ["boosters", "cue-boost", "booster"],
  ["negations", "cue-neg", "negation"], ["relations", "cue-rel", "relation cue"]];

function renderClaim(c, chars) {
  const level = unrated(c) ? "n" : String(c.strength);
  const span = el("span", "claim " + (c.hedged ? "h" : "a") + " s" + level);
  span.title = claimTip(c);
  span.dataset.claim = c.id;
  const n = chars.length;
  const marks = [];
  for (const e of c.entities) marks.push({ s: e.start - c.start, e: e.end - c.start, ent: e });
  for (const [field, cls, name] of CUES) {
    for (const q of c[field] || []) {
      const detail = q.cue_class && q.cue_class !== "negation" ? " (" + cueClass(q) + ")" : "";
      marks.push({ s: q.start - c.start, e: q.end - c.start, cls: cls, tip: name + detail });
    }
  }
  const cuts = new Set([0, n]);
  for (const m of marks) {
    m.s = Math.max(0, Math.min(n, m.s));
    m.e = Math.max(m.s, Math.min(n, m.e));
    cuts.add(m.s);
    cuts.add(m.e);
  }
  const points = Array.from(cuts).sort((x, y) => x - y);
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const text = chars.slice(a, b).join("");
    const on = marks.filter((m) => m.s <= a && m.e >= b && m.e > m.s);
    if (!on.length) { span.append(text); continue; }
    const piece = el("span", null, text);
    const classes = [], tips = [];
    for (const m of on) {
      if (m.ent) { classes.push("ent", "t-" + m.ent.type); tips.push(entityTip(m.ent)); }
      else { classes.push(m.cls); tips.push(m.tip); }
    }
    piece.className = classes.join(" ");
    piece.title = tips.join("\\n");
    span.append(piece);
  }
  const badge = el("span", "badge s" + level, unrated(c) ? "?" : level);
  badge.title = "strength " + strengthName(c);
  span.append(badge);
  span.addEventListener("click", () => {
    inspect(c, span);
    try { history.replaceState(null, "", "#" + encodeURIComponent(c.id)); } catch (e) { /* */ }
  });
  return span;
}

function renderParagraph(text, offset, sentences, placed) {
  const p = el("p");
  const chars = Array.from(text);
  let pos = 0;
  if (offset !== null) {
    const inside = sentences.filter((s) => s.start >= offset && s.end <= offset + chars.length);
    for (const s of inside) {
      const a = s.start - offset, b = s.end - offset;
      if (a < pos) continue;
      const slice = chars.slice(a, b);
      if (slice.join("") !== s.text) continue;
      if (a > pos) p.append(chars.slice(pos, a).join(""));
      if (s.claim) {
        p.append(renderClaim(s.claim, slice));
      } else {
        const span = el("span", "nonclaim", s.text);
        span.title = "Not a claim: " + s.reason;
        p.append(span);
      }
      placed.add(s.key);
      pos = b;
    }
  }
  if (pos < chars.length) p.append(chars.slice(pos).join(""));
  return p;
}

function personLine(person) {
  const div = el("div", "person");
  const name = (person.honorific ? person.honorific + " " : "") + person.name +
    (person.credentials.length ? ", " + person.credentials.join(", ") : "");
  div.append(el("strong", null, name), " ", el("span", "role", "· " + person.role));
  if (person.pseudonymous) {
    const flag = el("span", "flag", "pseudonym");
    flag.title = "The article says a pseudonym is used for this person";
    div.append(flag);
  }
  if (person.bio) {
    const details = el("details");
    details.append(el("summary", null, "bio"), el("p", null, person.bio));
    div.append(details);
  }
  return div;
}

function inspect(c, span) {
  for (const old of document.querySelectorAll(".claim.sel")) old.classList.remove("sel");
  if (span) span.classList.add("sel");
  const box = document.getElementById("inspect");
  box.replaceChildren();
  if (!c) return;
  const wrap = el("div", "inspect");
  wrap.append(el("strong", null, "Selected claim"), el("p", "quote", c.text));
  const dl = el("dl");
  const row = (k, v) => dl.append(el("dt", null, k), el("dd", null, v));
  row("id", c.id);
  row("strength", strengthName(c));
  const cues = c.hedges
    ? c.hedges.map((h) => h.text + " (" + cueClass(h) + ")") : c.hedge_cues;
  row("hedged", c.hedged ? "yes: " + cues.join(", ") : "no");
  if (c.boosters) row("boosters", texts(c.boosters) || "none");
  if (c.negated !== null && c.negated !== undefined) {
    row("negated", c.negated ? "yes: " + texts(c.negations || []) : "no");
  }
  if (c.relations) {
    const relations = c.relations.map((q) => q.text + " (" + cueClass(q) + ")");
    row("relations", relations.join(", ") || "none");
  }
  const mentions = el("dd", "mentions");
  for (const e of c.entities) {
    const line = el("div");
    line.append(el("span", "ent t-" + e.type, e.text), " → " + entityTip(e));
    mentions.append(line);
  }
  if (!c.entities.length) mentions.textContent = "none";
  dl.append(el("dt", null, "entities"), mentions);
  wrap.append(dl);
  box.append(wrap);
}

// -- search, filters and paging ----------------------------------------------------------

const FILTERS = ["f-text", "f-entity", "f-person", "f-type", "f-strength", "f-hedged",
  "f-asserted", "f-negated"];
function filters() {
  const value = (id) => document.getElementById(id);
  return {
    text: value("f-text").value.trim().toLowerCase(),
    entity: value("f-entity").value.trim().toLowerCase(),
    person: value("f-person").value.trim().toLowerCase(),
    type: value("f-type").value,
    strength: value("f-strength").value === "" ? null : Number(value("f-strength").value),
    hedged: value("f-hedged").checked,
    asserted: value("f-asserted").checked,
    negated: value("f-negated").checked,
  };
}
function has(list, needle) { return list.some((x) => x.toLowerCase().includes(needle)); }
// An article is listed when it has what every active filter asks for (any of its claims).
function articleMatches(e, f) {
  if (f.text && !(e.title.toLowerCase().includes(f.text) || e.id.toLowerCase().includes(f.text)
    || has(e.entities, f.text) || has(e.people, f.text))) return false;
  if (f.entity && !has(e.entities, f.entity)) return false;
  if (f.person && !has(e.people, f.person)) return false;
  if (f.type && !e.types.includes(f.type)) return false;
  if (f.strength !== null && !e.strengths.includes(f.strength)) return false;
  if (f.hedged && !e.hedged) return false;
  if (f.asserted && !e.asserted) return false;
  if (f.negated && !e.negated) return false;
  return true;
}
function claimFiltered(f) {
  return Boolean(f.text || f.entity || f.type || f.strength !== null || f.hedged || f.asserted
    || f.negated);
}
// Inside the open article, a claim is marked when it meets every claim-level filter at once.
function claimMatches(c, f) {
  const names = c.entities.flatMap((e) => [e.canonical, e.text]);
  if (f.text && !(c.text.toLowerCase().includes(f.text) || has(names, f.text))) return false;
  if (f.entity && !has(names, f.entity)) return false;
  if (f.type && !c.entities.some((e) => e.type === f.type)) return false;
  if (f.strength !== null && c.strength !== f.strength) return false;
  if (f.hedged && !c.hedged) return false;
  if (f.asserted && c.hedged) return false;
  if (f.negated && !c.negated) return false;
  return true;
}

const PAGE_SIZE = DATA.page_size;
let page = 0;
let current = null;
function renderList() {
  const f = filters();
  const found = DATA.index.filter((e) => articleMatches(e, f));
  const pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
  page = Math.min(page, pages - 1);
  const list = document.getElementById("list");
  list.replaceChildren();
  for (const e of found.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)) {
    const li = el("li");
    const button = el("button", null, e.title);
    button.type = "button";
    button.dataset.id = e.id;
    button.setAttribute("aria-current", String(e.id === current));
    button.append(el("span", "meta", plural(e.claims, "claim") + " · " + e.hedged + " hedged"));
    button.addEventListener("click", () => { location.hash = encodeURIComponent(e.id); });
    li.append(button);
    list.append(li);
  }
  const first = found.length ? page * PAGE_SIZE + 1 : 0;
  document.getElementById("count").textContent = found.length === DATA.index.length
    ? first + "–" + Math.min(found.length, (page + 1) * PAGE_SIZE) + " of " + found.length
    : found.length + " of " + DATA.index.length + " match" +
      (pages > 1 ? " · page " + (page + 1) + "/" + pages : "");
  document.getElementById("prev").disabled = page === 0;
  document.getElementById("next").disabled = page >= pages - 1;
}
function markClaims() {
  const f = filters();
  const a = byId.get(current);
  const note = document.getElementById("matches");
  if (!a || !note) return;
  let hits = 0;
  for (const c of a.claims) {
    const span = document.querySelector('[data-claim="' + CSS.escape(c.id) + '"]');
    const on = !claimFiltered(f) || claimMatches(c, f);
    hits += on;
    if (span) span.classList.toggle("dim", !on);
  }
  note.textContent = claimFiltered(f) ? hits + " of " + plural(a.claims.length, "claim") +
    " match the filters" : "";
}
function refilter() { page = 0; renderList(); markClaims(); }
for (const id of FILTERS) {
  const input = document.getElementById(id);
  input.addEventListener("input", refilter);
  input.addEventListener("change", refilter);
}
document.getElementById("filters").addEventListener("submit", (event) => event.preventDefault());
document.getElementById("prev").addEventListener("click", () => { page -= 1; renderList(); });
document.getElementById("next").addEventListener("click", () => { page += 1; renderList(); });

function show(id) {
  const entry = entries.get(id) || DATA.index[0];
  if (entry && !byId.has(entry.id)) { loadPart(entry.part, () => show(entry.id)); return; }
  const a = entry ? byId.get(entry.id) : undefined;
  current = a ? a.id : null;
  for (const b of document.querySelectorAll("#list button")) {
    b.setAttribute("aria-current", String(b.dataset.id === current));
  }
  const main = document.getElementById("main");
  main.replaceChildren();
  inspect(null);
  if (!a) { main.append(el("p", null, "This release has no articles.")); return; }
  const art = el("article");
  art.append(el("h2", null, a.title));
  const entities = a.claims.reduce((n, c) => n + c.entities.length, 0);
  const hedged = a.claims.filter((c) => c.hedged).length;
  const sub = el("p", "sub");
  sub.append(el("code", null, a.id), " · " + a.source.path + " · " +
    plural(a.claims.length, "claim") + " (" + hedged + " hedged) · " +
    plural(entities, "entity mention"));
  art.append(sub);
  const matches = el("p", "matches");
  matches.id = "matches";
  art.append(matches);
  if (a.people.length) {
    const box = el("section", "box");
    box.append(el("h3", null, "People"));
    const list = el("div", "people");
    for (const person of a.people) list.append(personLine(person));
    box.append(list);
    art.append(box);
  }
  if (a.links.length) {
    const box = el("section", "box");
    box.append(el("h3", null, "Links (navigation and promotion, not body text)"));
    const list = el("ul", "links");
    for (const link of a.links) {
      const li = el("li");
      li.title = link.sentence;
      li.append(el("span", "kind", link.kind), link.text, " ",
        el("span", "url", link.url ? link.url : "(no URL given)"));
      list.append(li);
    }
    box.append(list);
    art.append(box);
  }
  const sentences = [
    ...a.claims.map((c) => ({ key: "c" + c.id, claim: c,
      start: c.start, end: c.end, text: c.text, section: c.section })),
    ...(a.non_claims || []).map((s, i) => ({ key: "n" + i, reason: s.reason,
      start: s.start, end: s.end, text: s.text, section: s.section })),
  ].sort((x, y) => x.start - y.start || x.end - y.end);
  const placed = new Set();
  const body = el("div", "body");
  const placing = offsets[a.id] || [];
  a.sections.forEach((section, si) => {
    if (section.heading !== null) body.append(el("h3", null, section.heading));
    section.paragraphs.forEach((text, pi) => {
      const offset = placing[si] && placing[si][pi] !== undefined ? placing[si][pi] : null;
      body.append(renderParagraph(text, offset, sentences.filter((s) => s.section === si), placed));
    });
  });
  art.append(body);
  const lost = sentences.filter((s) => s.claim && !placed.has(s.key));
  if (lost.length) {
    const box = el("section", "box bad");
    box.append(el("h3", null, "Claims not found in the body text"));
    for (const s of lost) box.append(renderParagraph(s.text, s.start, [s], placed));
    art.append(box);
  }
  main.append(art);
  main.scrollTop = 0;
  markClaims();
}

// "#<article id>" opens an article; "#<claim id>" (article id, ":", span) also selects a claim.
function route() {
  const target = decodeURIComponent(location.hash.slice(1));
  const article = entries.has(target) ? target : target.split(":")[0];
  const entry = entries.get(article);
  if (entry && !byId.has(article)) { loadPart(entry.part, route); return; }
  show(article);
  if (target === article) return;
  const a = byId.get(article);
  const claim = a ? a.claims.find((c) => c.id === target) : undefined;
  const span = document.querySelector('[data-claim="' + CSS.escape(target) + '"]');
  if (claim && span) {
    inspect(claim, span);
    span.scrollIntoView({ block: "center" });
  }
}
window.addEventListener("hashchange", route);
renderList();
route();
"""
