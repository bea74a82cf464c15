"""The release explorer: an offline HTML page drawn from articles.jsonl.

The page is checked as text (it parses, holds every record unchanged, loads nothing
from the network, places every sentence at its offsets, its tints keep text readable)
and, when Chromium is installed, in a real headless browser (the script runs and
highlights the claims, filters and pages the list, loads the parts of a large release,
fits a 420 px window).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import RAW

import adhd_corpus
from adhd_corpus.jsonio import canonical_json
from adhd_corpus.loader import release_path
from adhd_corpus.release import explorer
from adhd_corpus.release.explorer import (
    CLAIM_CLASS,
    embed_json,
    index_entry,
    render_explorer,
    write_explorer,
)
from adhd_corpus.release.palette import HEDGED_COLOUR, NOT_HEDGED_COLOUR

VERSION = adhd_corpus.versions()[-1]
RECORDS = (release_path(VERSION) / "articles.jsonl").read_text(encoding="utf-8").splitlines()
ARTICLES: list[dict[str, Any]] = [json.loads(line) for line in RECORDS]

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class Page(HTMLParser):
    """Collects what the tests look at, and checks that elements nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.body: list[dict[str, str]] = []  # attributes of the elements inside <main>
        self.tags: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._text: list[str] = []
        self.words: list[str] = []  # text outside scripts

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        if "main" in self.open:
            self.body.append(self.elements[-1][1])
        if tag == "script":
            self._script, self._text = dict(attrs), []
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
            return
        self.open.pop()
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._text.append(data)
        else:
            self.words.append(data)

    @property
    def text(self) -> str:
        return "".join(self.words)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def embedded_data(html: str) -> Any:
    (data,) = [text for attrs, text in parse(html).scripts if attrs.get("id") == "data"]
    return json.loads(data)


@pytest.fixture(scope="module")
def html() -> str:
    return render_explorer(RECORDS, version=VERSION)


def test_page_parses_and_every_element_is_closed(html: str) -> None:
    page = parse(html)
    assert html.startswith("<!DOCTYPE html>\n")
    assert page.problems == []
    assert page.open == []
    assert page.tags[:2] == ["html", "head"]
    kinds = [attrs.get("type") for attrs, _ in page.scripts]
    assert kinds == ["application/json", None]


def test_embedded_json_round_trips_the_records(html: str) -> None:
    data = embedded_data(html)
    assert data["version"] == VERSION
    assert data["articles"] == ARTICLES
    assert "offsets" not in data  # the records carry their paragraphs' offsets
    assert data["index"] == [index_entry(a, 0) for a in ARTICLES]
    assert data["parts"] == 0


def test_page_holds_every_title_and_claim_text(html: str) -> None:
    for article in ARTICLES:
        assert embed_json(article["title"])[1:-1] in html
        for claim in article["claims"]:
            assert embed_json(claim["text"])[1:-1] in html
    assert f"adhd-corpus {VERSION}" in html
    assert f"{len(ARTICLES)} articles" in html


def test_page_loads_nothing_from_anywhere(html: str) -> None:
    page = parse(html)
    assert "link" not in page.tags and "iframe" not in page.tags and "img" not in page.tags
    assert [a for a in page.attributes if a[1] in {"src", "href", "srcset", "action"}] == []
    assert all(attrs.get("src") is None for attrs, _ in page.scripts)
    # The records may quote URLs; outside the data block the page must name none.
    start = html.index('<script type="application/json"')
    end = html.index("</script>", start)
    code = html[:start] + html[end:]
    assert re.findall(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/|@import|url\(", code) == []


def test_data_block_cannot_end_early() -> None:
    hostile = {"id": "x", "title": "</script><script>alert(1)</script> <!-- <b>"}
    text = embed_json(hostile)
    assert "</" not in text and "<!--" not in text
    assert json.loads(text) == hostile


def test_page_is_deterministic(html: str) -> None:
    assert render_explorer(list(RECORDS), version=VERSION) == html
    assert render_explorer(iter(RECORDS), version=VERSION) == html


RENDER_IN_CHILD = """
import sys
from adhd_corpus.release.explorer import render_explorer
records = open(sys.argv[1], encoding="utf-8").read().splitlines()
sys.stdout.buffer.write(render_explorer(records, version=sys.argv[2]).encode("utf-8"))
"""


def test_page_does_not_depend_on_hash_seed_locale_or_time_zone(html: str) -> None:
    env = {"PYTHONHASHSEED": "777", "TZ": "Asia/Kathmandu", "LC_ALL": "de_DE.UTF-8"}
    child = subprocess.run(
        [
            sys.executable,
            "-c",
            RENDER_IN_CHILD,
            str(release_path(VERSION) / "articles.jsonl"),
            VERSION,
        ],
        env={**os.environ, **env},
        capture_output=True,
        check=True,
    )
    assert child.stdout == html.encode("utf-8")


@pytest.mark.parametrize("article", ARTICLES, ids=[a["id"] for a in ARTICLES])
def test_every_sentence_lies_in_one_paragraph_span_of_its_section(
    article: dict[str, Any],
) -> None:
    """What the page relies on to place each sentence: the records' own paragraph spans."""
    body = [
        s
        for s in [*article["claims"], *(article.get("non_claims") or [])]
        if any(
            p["start"] <= s["start"] and s["end"] <= p["end"]
            for p in article["sections"][s["section"]]["paragraph_spans"]
        )
    ]
    headings = [
        s
        for s in [*article["claims"], *(article.get("non_claims") or [])]
        if s not in body and s["text"] in (article["sections"][s["section"]]["heading"] or "")
    ]
    assert len(body) + len(headings) == len(article["claims"]) + len(
        article.get("non_claims") or []
    )
    raw_file = RAW / article["source"]["path"]
    if raw_file.is_file():
        raw = raw_file.read_bytes().decode("utf-8")
        for section in article["sections"]:
            for span, text in zip(section["paragraph_spans"], section["paragraphs"], strict=True):
                assert raw[span["start"] : span["end"]] == text


def spanned(paragraph: str, start: int) -> dict[str, Any]:
    """A section of one paragraph that starts at raw offset ``start``."""
    return {
        "heading": None,
        "paragraphs": [paragraph],
        "paragraph_spans": [{"start": start, "end": start + len(paragraph)}],
    }


def tiny_record(article_id: str, section: dict[str, Any], claim_at: int) -> str:
    """A record with one claim, "Dopamine may help.", at raw offset ``claim_at``."""
    text = "Dopamine may help."
    claim = {
        "id": f"{article_id}:{claim_at}-{claim_at + len(text)}",
        "section": 0,
        "sentence_index": 0,
        "text": text,
        "start": claim_at,
        "end": claim_at + len(text),
        "hedged": True,
        "hedge_cues": ["may"],
        "entities": [],
    }
    article = {
        "id": article_id,
        "title": "T " + article_id,
        "source": {"path": article_id + ".txt", "sha256": "0" * 64, "bytes": 0},
        "sections": [section],
        "claims": [claim],
        "non_claims": [],
        "people": [],
        "links": [],
    }
    return json.dumps(article, ensure_ascii=False)


# -- in a browser ---------------------------------------------------------------------------


def chromium() -> str:
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None
    )
    if found is None:
        pytest.skip(
            "Chromium is not installed (Debian: apt-get install chromium); browser checks skipped"
        )
    return found


def run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            *args,
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def page_file(tmp_path: Path, html: str) -> Path:
    path = tmp_path / "explorer.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_explorer_renders_to_a_screenshot(tmp_path: Path, page_file: Path) -> None:
    shot = tmp_path / "shot.png"
    done = run_chromium(
        tmp_path, f"--screenshot={shot}", "--window-size=1280,900", page_file.as_uri()
    )
    assert shot.is_file(), done.stderr.decode("utf-8", "replace")[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10_000


@pytest.mark.parametrize("article", [ARTICLES[0], ARTICLES[-1]], ids=["first", "last"])
def test_script_highlights_every_claim_of_the_chosen_article(
    tmp_path: Path, page_file: Path, article: dict[str, Any]
) -> None:
    url = page_file.as_uri() + ("" if article is ARTICLES[0] else "#" + article["id"])
    done = run_chromium(tmp_path, "--dump-dom", url)
    dom = parse(done.stdout.decode("utf-8"))
    classes = [attrs.get("class", "").split() for attrs in dom.body]
    claims = [attrs for attrs in dom.body if CLAIM_CLASS in attrs.get("class", "").split()]
    assert len(claims) > 0, done.stderr.decode("utf-8", "replace")[-2000:]
    assert [attrs.get("data-claim") for attrs in claims] == [c["id"] for c in article["claims"]]
    assert sum("bad" in names for names in classes) == 0  # no claim left unplaced
    assert sum("nonclaim" in names for names in classes) == len(article.get("non_claims") or [])
    mentions = sum(len(claim["entities"]) for claim in article["claims"])
    assert sum("ent" in names for names in classes) >= mentions
    current = [
        attrs.get("data-id") for _, attrs in dom.elements if attrs.get("aria-current") == "true"
    ]
    assert current == [article["id"]]


# -- readable tints, search index, parts ----------------------------------------------------


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("hue", [HEDGED_COLOUR, NOT_HEDGED_COLOUR])
def test_every_tint_keeps_body_text_at_aaa_contrast(hue: str) -> None:
    ink = _luminance("#1f2328")
    for amount in explorer._TINT:
        ratio = (_luminance(explorer._mix(hue, amount)) + 0.05) / (ink + 0.05)
        assert ratio >= 7.0, (hue, amount, ratio)


def test_index_entry_holds_every_facet_the_filters_use() -> None:
    article = ARTICLES[0]
    entry = index_entry(article, 3)
    claims = article["claims"]
    assert entry["part"] == 3
    assert entry["hedged"] == sum(c["hedged"] for c in claims)
    assert entry["asserted"] == len(claims) - entry["hedged"]
    assert set(entry["entities"]) == {e["canonical"] for c in claims for e in c["entities"]}
    assert entry["people"] == sorted({p["name"] for p in article["people"]})
    assert entry["strengths"] == sorted({c["strength"] for c in claims})


def many_records(count: int) -> list[str]:
    """``count`` records: the release's articles again and again under new ids."""
    out = []
    for n in range(count):
        article = dict(
            ARTICLES[n % len(ARTICLES)], id=f"{n:05d}_{ARTICLES[n % len(ARTICLES)]['id']}"
        )
        out.append(json.dumps(article, ensure_ascii=False))
    return out


def test_a_large_release_is_split_into_parts_with_one_index(tmp_path: Path) -> None:
    records = many_records(2 * explorer.PART_SIZE + 7)
    written = write_explorer(tmp_path, records, version="9.9.9")
    assert written == ["explorer.html", *(f"explorer/part-{n:05d}.js" for n in range(3))]
    data = embedded_data((tmp_path / "explorer.html").read_text(encoding="utf-8"))
    assert (data["parts"], data["articles"]) == (3, [])
    assert [e["id"] for e in data["index"]] == [json.loads(r)["id"] for r in records]
    assert [e["part"] for e in data["index"]][explorer.PART_SIZE - 1 : explorer.PART_SIZE + 1] == [
        0,
        1,
    ]
    last = (tmp_path / "explorer/part-00002.js").read_text(encoding="utf-8")
    assert last.startswith("EXPLORER_PART(2, ") and last.endswith(");\n")
    payload = json.loads(last[len("EXPLORER_PART(2, ") : -3])
    assert [a["id"] for a in payload["articles"]] == [json.loads(r)["id"] for r in records[-7:]]


def test_a_small_release_is_one_page(tmp_path: Path) -> None:
    assert write_explorer(tmp_path, RECORDS, version=VERSION) == ["explorer.html"]
    assert (tmp_path / "explorer.html").read_text(encoding="utf-8") == render_explorer(
        RECORDS, version=VERSION
    )


# -- interaction in a browser -----------------------------------------------------------------


def with_script(page: Path, script: str) -> Path:
    """A copy of ``page`` that runs ``script`` once the explorer's own script has run, as a
    user would act on the loaded page."""
    html = page.read_text(encoding="utf-8")
    acted = page.with_name("acted-" + page.name)
    acted.write_text(
        html.replace("</body>", f"<script>{script}</script>\n</body>"), encoding="utf-8"
    )
    return acted


def dom_of(tmp_path: Path, page: Path, fragment: str = "", size: str = "1280,900") -> Page:
    done = run_chromium(
        tmp_path,
        "--dump-dom",
        "--virtual-time-budget=3000",
        f"--window-size={size}",
        page.as_uri() + fragment,
    )
    return parse(done.stdout.decode("utf-8"))


def listed(dom: Page) -> list[str]:
    return [a["data-id"] or "" for _, a in dom.elements if a.get("data-id")]


def test_filtering_hedged_lists_the_articles_with_hedged_claims_and_dims_the_rest(
    tmp_path: Path, page_file: Path
) -> None:
    acted = with_script(
        page_file,
        'const box = document.getElementById("f-hedged"); box.checked = true;'
        'box.dispatchEvent(new Event("change"));',
    )
    article = next(
        a for a in ARTICLES if 0 < sum(c["hedged"] for c in a["claims"]) < len(a["claims"])
    )
    dom = dom_of(tmp_path, acted, "#" + article["id"])
    assert listed(dom) == [a["id"] for a in ARTICLES if any(c["hedged"] for c in a["claims"])]
    claims = {
        a.get("data-claim"): a.get("class", "").split() for a in dom.body if a.get("data-claim")
    }
    hedged = {c["id"]: c["hedged"] for c in article["claims"]}
    assert claims.keys() == hedged.keys()
    assert {cid for cid, names in claims.items() if "dim" not in names} == {
        cid for cid, on in hedged.items() if on
    }


def test_an_entity_search_that_matches_nothing_lists_nothing(
    tmp_path: Path, page_file: Path
) -> None:
    acted = with_script(
        page_file,
        'const box = document.getElementById("f-entity"); box.value = "no such entity";'
        'box.dispatchEvent(new Event("input"));',
    )
    dom = dom_of(tmp_path, acted)
    assert listed(dom) == []
    assert f"0 of {len(ARTICLES)} match" in dom.text


def test_a_large_release_pages_its_list_and_loads_articles_from_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(explorer, "PART_SIZE", 3)
    monkeypatch.setattr(explorer, "PAGE_SIZE", 4)
    records = many_records(10)
    write_explorer(tmp_path, records, version="9.9.9")
    page = tmp_path / "explorer.html"
    ids = [json.loads(r)["id"] for r in records]
    dom = dom_of(
        tmp_path, with_script(page, 'document.getElementById("next").click();'), "#" + ids[-1]
    )
    assert listed(dom) == ids[4:8]
    last = json.loads(records[-1])
    claims = [a.get("data-claim") for a in dom.body if CLAIM_CLASS in a.get("class", "").split()]
    assert claims == [c["id"] for c in last["claims"]]


def test_the_page_fits_a_420_pixel_window(tmp_path: Path, page_file: Path) -> None:
    # Headless windows are at least 500 px wide: a 420 px frame holds the page instead.
    frame = tmp_path / "frame.html"
    frame.write_text(
        '<!DOCTYPE html><html><body><iframe id="f" src="explorer.html" '
        'style="width:420px;height:900px;border:0"></iframe><script>'
        'document.getElementById("f").addEventListener("load", (event) => {'
        "const page = event.target.contentDocument;"
        "document.body.dataset.width = String(page.documentElement.scrollWidth);"
        "document.body.dataset.inner = String(event.target.contentWindow.innerWidth);"
        "});</script></body></html>",
        encoding="utf-8",
    )
    done = run_chromium(
        tmp_path,
        "--dump-dom",
        "--allow-file-access-from-files",
        "--virtual-time-budget=3000",
        frame.as_uri(),
    )
    dom = parse(done.stdout.decode("utf-8"))
    [body] = [a for tag, a in dom.elements if tag == "body"]
    assert body.get("data-inner") == "420", done.stderr.decode("utf-8", "replace")[-2000:]
    assert int(body["data-width"]) <= 420


def test_a_paragraph_span_places_claims_after_characters_beyond_the_basic_plane(
    tmp_path: Path,
) -> None:
    # JavaScript strings count UTF-16 units; offsets are code points (Array.from slices).
    paragraph = "Mood 🙂 matters. Dopamine may help."
    spanned_record = tiny_record("a-spans", spanned(paragraph, 40), 56)
    assert paragraph[16:34] == "Dopamine may help."
    page = tmp_path / "explorer.html"
    page.write_text(render_explorer([spanned_record], version="9.9.9"), encoding="utf-8")
    dom = dom_of(tmp_path, page, "#a-spans")
    claims = [a for a in dom.body if CLAIM_CLASS in a.get("class", "").split()]
    assert [a.get("data-claim") for a in claims] == ["a-spans:56-74"]
    assert not any("bad" in a.get("class", "").split() for a in dom.body)
    assert "Mood 🙂 matters. Dopamine may help." in dom.text


def test_a_record_without_paragraph_spans_lists_its_claims_below_the_text(
    tmp_path: Path,
) -> None:
    old = {"heading": None, "paragraphs": ["Mood matters. Dopamine may help."]}
    page = tmp_path / "explorer.html"
    page.write_text(
        render_explorer([tiny_record("a-old", old, 14)], version="9.9.9"), encoding="utf-8"
    )
    dom = dom_of(tmp_path, page, "#a-old")
    assert sum("bad" in a.get("class", "").split() for a in dom.body) == 1
    claims = [a for a in dom.body if CLAIM_CLASS in a.get("class", "").split()]
    assert [a.get("data-claim") for a in claims] == ["a-old:14-32"]
    assert "Claims not found in the body text" in dom.text


@pytest.mark.parametrize("count", [3, explorer.PART_SIZE + 3])
def test_index_entries_from_the_workers_give_the_same_files(tmp_path: Path, count: int) -> None:
    """A build hands over each record's summary and its canonical line, which are embedded
    unparsed: the files must be those written from the parsed records."""
    lines = [canonical_json(json.loads(r), "line") for r in many_records(count)]
    parsed, given = tmp_path / "parsed", tmp_path / "given"
    parsed.mkdir()
    given.mkdir()
    files = write_explorer(parsed, lines, version="9.9.9")
    writer = explorer.ExplorerWriter(given, version="9.9.9")
    for line in lines:
        writer.add(line, explorer.summary(json.loads(line)))
    assert writer.close() == files
    assert sorted(p.name for p in given.iterdir()) == sorted(p.name for p in parsed.iterdir())
    for name in files:
        assert (given / name).read_bytes() == (parsed / name).read_bytes(), name
