"""Raw article text -> Article record: title, body sections, claims, people, links.

The page layouts this expects: site chrome anywhere (navigation, logos, breadcrumbs,
credits, widgets, dates, contact lines: see ``chrome``), perhaps a label above the
title ("Clinical Resource"), the title line, bylines at the top or the bottom, body
lines (headings, paragraphs and list items, one per line), perhaps a reference list
under "Sources" or "References", and back matter (name lines with role labels or bios,
disclaimers). Every line that is neither title, body
nor people is kept in ``Article.dropped`` with its reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

from ..errors import ParseError
from ..models import (
    Article,
    Claim,
    Dropped,
    Extent,
    Frame,
    Link,
    Person,
    Section,
    Sentence,
    Source,
)
from .chrome import (
    MAX_FOOT_LINES,
    ChromeRule,
    chrome_rule,
    dateline_length,
    ends_box,
    entry_text,
    heads_block,
    heads_foot,
    holds,
    is_contents,
    is_foot,
)
from .claims import NOT_ABOUT_HEALTH, classify_sentence
from .entities import vocabulary
from .gate import is_about_health
from .lines import Line, split_lines
from .links import find_link, is_call_to_action
from .memo import new_article
from .people import (
    about_label,
    follows_as_bio,
    is_back_matter_start,
    is_bio_of,
    is_disclaimer,
    names_team,
    parse_byline,
    parse_bylines,
    parse_name_line,
    parse_people,
    role_of_label,
)
from .sentences import split_sentences
from .stance import bare_label_frame, is_bare_label, line_label

MAX_TITLE_CHARS = 300
MAX_HEADING_CHARS = 200
MAX_HEADING_WORDS = 20
MAX_LEAD_LINES = 6
"""How many lines from the top the title is looked for among; lines of fewer than
``MIN_TITLE_WORDS`` words (a site's menu) do not count."""
MIN_TITLE_WORDS = 3
"""Shorter leading lines ("Men's Health", "Clinical Resource", "Health A to Z": words of
three letters or more) read as labels above a title when a longer one follows them."""
MAX_LABEL_WORDS = 6
"""A leading line of up to six content words that is neither in title case nor a question
("Official information from the Department of Health", a campaign's name) is a label when a
line at least twice as long follows it."""
MIN_MENU_ITEMS = 3
MAX_MENU_WORDS = 4
MIN_MENU_RUN = 2
"""Above the title, menu items dropped as chrome ("Home", "Book online") count towards a
menu only around two items or more that are not: one short line under "Menu" and
"Basket (0)" is the section's label."""
"""An in-page menu under the title: three or more lines of at most four words."""

_LIST_ITEM = re.compile(r"^(?:[•·▪◦‣*–-]|\d{1,3}[.)])\s+")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_CONTENT_WORD = re.compile(r"[A-Za-z][\w'’-]{2,}")
_ORGANISATION = re.compile(
    r"^(?:(?:[A-Z][\w'’.&-]*|NHS|and|of|the|for|&)\s+){1,8}"
    r"(?-i:Trust|Hospitals?|Infirmary|Foundation|Institute|Society|Association|Council|Board|"
    r"Clinic|Services?|Department|Centre|Center|University|College|Pharmacy|Ltd|Limited|Inc|LLC|"
    r"Partnership|Charity)\.?$"
)
"""A line that names an organisation (capitalised words ending in "Trust", "Hospital",
"Service", ...: "Eastmoor Hospitals NHS Foundation Trust"): a label above the title, not
the title. "What to Expect at the Sleep Clinic" has lower-case words, so it can be one."""
_ASKS = re.compile(r"^(?:why|how|what|when|where|which|who)\b", re.IGNORECASE)
"""A line that opens like a question reads as a heading even without its "?"."""
_SECTION_QUESTION = re.compile(r"^(?:how|what|when|where|which|why)\b[^,]*$", re.IGNORECASE)
"""A heading put as a question clause ("How much to use"): in a run of short lines it
starts a section of its own when no other line of the run reads so."""
MIN_SECTION_QUESTION_WORDS = 3
MIN_TABLE_CELLS = 6
MIN_DATA_CELLS = 2
_DATA_CELL = re.compile(r"\d|^(?:yes|no|none|n/a|-|–)$", re.IGNORECASE)
"""A table cell that holds a value: a number ("1 to 2 puffs", "Children aged 4 to 11")
or a yes/no answer. Lists of symptoms or tips rarely hold two."""
TABLE_CELL = "table cell"
"""Why a cell of a table flattened to one cell a line is not a claim: a cell ("Dose",
"2 puffs") states nothing alone, and its row is not recoverable from the lines."""
_ADVICE_IF = re.compile(
    r"^(?:see|call|ask|go|get|contact|speak|talk|phone|ring|visit|book|seek|tell|dial)\b"
    r".*\b(?:if|when)(?:\s+(?:you|your\s+child|they|he|she)(?:\s+(?:have|has|are|is|notice|get))?)?$",
    re.IGNORECASE,
)
"""The lead-in of an advice callout ("See a GP if", "Urgent advice: Call 999 if:"): the
items under it complete the instruction, they are not the page's claims."""
READERS_WORDS = "the reader's own words"
"""Why the text under a bare "Question:" label is not a claim: the page quotes a reader."""
_REFERENCES = re.compile(
    r"^(?:sources?|references?|bibliography|citations?|works\s+cited|further\s+reading)\s*:?$",
    re.IGNORECASE,
)
"""A heading that opens the reference list: what follows, up to the back matter, is not body."""


def is_heading_like(text: str) -> bool:
    """Short, unpunctuated at the end, and not a bullet: how headings look on these pages."""
    if len(text) > MAX_HEADING_CHARS or len(text.split()) > MAX_HEADING_WORDS:
        return False
    if _LIST_ITEM.match(text) and not _NUMBERED.match(text):
        return False
    starts_well = text[0].isupper() or text[0].isdigit() or text[0] in "\"“'‘"
    ending = text.rstrip("\"'”’)") or text  # a quotation that ends a sentence ends in ."
    return starts_well and ending[-1] not in ".,;:!…"


def is_title_case(text: str) -> bool:
    """True when every word of four or more letters after the first is capitalised."""
    long_words = [w for w in _WORD.findall(text)[1:] if len(w) >= 4]
    return bool(long_words) and all(w[0].isupper() for w in long_words)


def reads_as_title(text: str) -> bool:
    """True for a line in title case or put as a question: how headlines are written."""
    return is_title_case(text) or text.rstrip().endswith("?")


def _introduces(text: str) -> bool:
    return text.rstrip("\"'”’) ").endswith(":")


def _stands_out(text: str, others: Sequence[str]) -> bool:
    """A heading after a list differs in shape from the items: title case, a question, or
    a line that opens like one ("Why it happens")."""
    if is_title_case(text) and not any(is_title_case(o) for o in others):
        return True
    if _ASKS.match(text) and not any(_ASKS.match(o) for o in others):
        return True
    return text.endswith("?") and not any(o.endswith("?") for o in others)


def _asks_as_section(text: str) -> bool:
    return bool(_SECTION_QUESTION.match(text)) and len(text.split()) >= MIN_SECTION_QUESTION_WORDS


def _section_question_split(texts: Sequence[str], start: int, end: int) -> int:
    """Where a run of short lines ``texts[start:end + 1]`` ends: before its one line that
    reads as a question heading ("How much to use") with two short lines or more under it,
    which starts a run of its own (a fact box, then a table); else at ``end``."""
    asking = [j for j in range(start + 1, end + 1) if _asks_as_section(texts[j])]
    if len(asking) == 1 and not _asks_as_section(texts[start]) and asking[0] + 2 <= end:
        return asking[0] - 1
    return end


def _is_flat_table(items: Sequence[str]) -> bool:
    """True when the short lines under a heading are the cells of a table (or a fact box
    of labels and values) flattened one a line: many lines, some of them values."""
    data = sum(1 for text in items if _DATA_CELL.search(text))
    return len(items) >= MIN_TABLE_CELLS and data >= MIN_DATA_CELLS


def line_kinds(texts: Sequence[str], forced: Sequence[bool]) -> list[str]:
    """'heading', 'item', 'cell' or 'body' for each body line.

    A short unpunctuated line followed by more text reads as a heading, except in a
    list: two or more short lines after a line ending in ":" are its items, and in a run of
    three or more short lines the first is a heading and the others are items. The
    last line of a list is a heading when it stands out from the items (title case, a
    question) and a paragraph follows it. A run is cut before its one line that reads as a
    question heading ("How much to use"). The short lines under a heading are the 'cell's
    of a flattened table when there are many and some hold values (numbers, yes or no).
    ``forced`` lines (labelled "Myth 1:", "Q:") are headings whatever their shape.
    """
    n = len(texts)
    short = [not forced[i] and i + 1 < n and is_heading_like(t) for i, t in enumerate(texts)]
    kinds = ["heading" if forced[i] else "body" for i in range(n)]
    i = 0
    while i < n:
        if not short[i]:
            i += 1
            continue
        end = i
        while end + 1 < n and short[end + 1]:
            end += 1
        end = _section_question_split(texts, i, end)
        run = list(range(i, end + 1))
        followed_by_paragraph = end + 1 < n and not forced[end + 1]
        intro = i > 0 and kinds[i - 1] == "body" and _introduces(texts[i - 1])
        # One short line between "...:" and a paragraph is a subheading, not a list.
        intro = intro and (len(run) >= 2 or not followed_by_paragraph)
        if intro or len(run) >= 3:
            items = run if intro else run[1:]
            if not intro:
                kinds[i] = "heading"
            cells = not intro and _is_flat_table([texts[j] for j in items])
            for j in items:
                kinds[j] = "cell" if cells else "item"
            others = [texts[j] for j in items[:-1]]
            if (
                not cells
                and len(items) >= 2
                and followed_by_paragraph
                and _stands_out(texts[end], others)
            ):
                kinds[end] = "heading"
        else:
            for j in run:
                kinds[j] = "heading"
        i = end + 1
    return kinds


@dataclass
class _Body:
    sections: list[Section] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    non_claims: list[Sentence] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    sentences: int = 0
    heading: str | None = None
    paragraphs: list[Line] = field(default_factory=list)

    def close_section(self) -> None:
        if self.heading is not None or self.paragraphs:
            self.sections.append(
                Section(
                    heading=self.heading,
                    paragraphs=[line.text for line in self.paragraphs],
                    paragraph_spans=[Extent(start=p.start, end=p.end) for p in self.paragraphs],
                )
            )
        self.heading, self.paragraphs = None, []


def _labelled(text: str, spans: list[tuple[int, int]]) -> tuple[list[tuple[int, int, Frame]], bool]:
    """Sentence spans with a line label cut off and the frame each carries, and whether
    the first sentence has a label that makes the line a heading (a question, or a myth
    with no other label in its line)."""
    out: list[tuple[int, int, Frame]] = []
    carried: Frame = "asserted"
    first_label = None
    labels = 0
    for start, end in spans:
        label = line_label(text[start:end])
        if label is not None:
            length, frame = label
            labels += 1
            first_label = frame if not out else first_label
            start += length
            carried = "asserted" if frame == "question" else frame
        out.append((start, end, carried))
    heading = first_label == "question" or (first_label == "myth" and labels == 1)
    return out, heading


_NUMBERED_MYTH = re.compile(r"(?:myths?|misconceptions?)\s*(?:#\s*|no\.?\s*)?\d", re.IGNORECASE)


def _myth_heads(text: str, after: Sequence[Line]) -> bool:
    """True when a "Myth: ..." line heads a section: numbered ("Myth 2: ..."), worded as a
    heading (no full stop), or answered by a labelled line under it ("Fact: ..."). A
    myth told in a sentence amid the body and answered in plain text is a framed claim
    of its paragraph, never a heading."""
    return (
        _NUMBERED_MYTH.match(text) is not None
        or text.rstrip()[-1:] not in ".!"
        or any(line_label(line.text) is not None for line in after)
    )


def _is_list_line(text: str, kind: str) -> bool:
    """A list item: a short line of a list, or a lower-case line with no full stop."""
    return kind == "item" or (kind == "body" and text[:1].islower() and text[-1:] not in ".!?")


def _speaks_of_health(text: str, line: Line) -> bool:
    return is_about_health(line.text) or bool(vocabulary().find(text, line.start, line.end))


def list_groups(text: str, lines: Sequence[Line], kinds: Sequence[str]) -> list[str | None]:
    """How each line's sentences are judged beside its list: None (alone), 'advice' (an
    item that completes a lead-in such as "See a GP if": advice, not a claim) or 'health'
    (an item of a list under a line ending in ":" of which some item speaks of health: a
    fragment the topic test misses is a claim, as its siblings are). A lead-in alone does
    not make its items claims: "Sources of omega-3 include:" over "Salmon", "Walnuts"."""
    rules: list[str | None] = [None] * len(lines)
    index = 0
    while index < len(lines):
        lead = lines[index].text.rstrip(" :")
        introduces = kinds[index] == "body" and _introduces(lines[index].text)
        end = index + 1
        while end < len(lines) and _is_list_line(lines[end].text, kinds[end]):
            end += 1
        group = range(index + 1, end)
        if group and kinds[index] in ("heading", "body"):
            if _ADVICE_IF.match(lead.rsplit(":", 1)[-1].strip()):
                for j in group:
                    rules[j] = "advice"
            elif introduces and any(_speaks_of_health(text, lines[j]) for j in group):
                for j in group:
                    rules[j] = "health"
        index = max(end, index + 1)
    return rules


def _body(text: str, article_id: str, lines: list[Line], standfirst: Line | None) -> _Body:
    body = _Body()
    readers = False  # in a section under a bare "Question:" label
    spans, labelled, forced = [], [], []
    for line in lines:
        marker = _LIST_ITEM.match(line.text)  # a bullet or number is not part of a sentence
        line_spans = split_sentences(text, line.start + (marker.end() if marker else 0), line.end)
        framed, heading = _labelled(text, line_spans)
        spans.append(line_spans)
        labelled.append(framed)
        forced.append(heading or is_bare_label(line.text))  # "Question:" alone heads its text
    for index, line in enumerate(lines):
        if forced[index] and labelled[index] and labelled[index][0][2] == "myth":
            forced[index] = _myth_heads(line.text, lines[index + 1 : index + 2])
    kinds = line_kinds([line.text for line in lines], forced)
    kinds = [
        "body" if line is standfirst else kind for line, kind in zip(lines, kinds, strict=True)
    ]
    groups = list_groups(text, lines, kinds)
    first = next((i for i, kind in enumerate(kinds) if kind == "body"), None)
    if first is not None and labelled[first]:  # "Leeds, 3 March 2025 - ": not the claim's
        start, end, frame = labelled[first][0]
        labelled[first][0] = (start + dateline_length(text[start:end]), end, frame)
    for index, line in enumerate(lines):
        sentences = [text[start:end] for start, end in spans[index]]
        links = [link for s in sentences if (link := find_link(s)) is not None]
        if links and all(is_call_to_action(s) for s in sentences):
            body.links.extend(links)  # navigation or promotion only: a link, not body
            continue
        if kinds[index] == "heading":
            body.close_section()
            body.heading = line.text
            # Under a bare "Question:" the reader speaks: the page claims none of it.
            readers = bare_label_frame(line.text) == "question"
            if labelled[index][0][2] != "myth":
                continue  # a question or plain heading states nothing
        else:
            body.paragraphs.append(line)
        section = len(body.sections)
        for start, end, frame in labelled[index]:
            if start >= end:
                continue
            link = find_link(text[start:end])
            if link is not None:
                body.links.append(link)
            fixed = READERS_WORDS if readers else TABLE_CELL if kinds[index] == "cell" else None
            judge = partial(
                classify_sentence,
                text,
                article_id=article_id,
                section=section,
                sentence_index=body.sentences,
                start=start,
                end=end,
                label_frame=frame,
            )
            non_claim = partial(
                Sentence,
                text=text[start:end],
                start=start,
                end=end,
                section=section,
                sentence_index=body.sentences,
            )
            verdict = non_claim(reason=fixed) if fixed is not None else judge()
            if groups[index] == "advice" and isinstance(verdict, Claim):
                verdict = non_claim(reason="imperative advice")
            elif groups[index] == "health" and getattr(verdict, "reason", "") == NOT_ABOUT_HEALTH:
                verdict = judge(gate=False)  # a list under a health lead-in is about health
            body.sentences += 1
            if isinstance(verdict, Claim):
                body.claims.append(verdict)
            else:
                body.non_claims.append(verdict)
    body.close_section()
    return body


def _title_index(lines: list[Line]) -> int:
    """Which of the first lines is the title.

    Among the heading-like lines before the first paragraph or byline: a line of at
    most ``MIN_TITLE_WORDS`` words with one at least twice as long below it is a label
    ("Clinical Resource", "Ask the Expert"), as is an organisation's name. When a byline ends
    the run, the title is one of the two lines above it (the headline, or the headline and
    its standfirst): what a byline follows is the headline, whatever stands higher (a
    practice's name, a promotion, a menu). Otherwise, of the others, the first in title case
    or a question with ``MIN_TITLE_WORDS`` words or more, else the first of that length,
    else the first.
    """
    if not lines:
        raise ParseError("no text: the file holds only site chrome")
    lead = _sentences_above_title(lines)
    candidates = []
    bylined = False  # the candidates end at a byline: the line right above it is the title
    short = 0  # menu items ("Fees", "Our doctors") do not use up the lead lines
    for index, line in enumerate(lines):
        if index - short >= MAX_LEAD_LINES:
            break
        short += len(line.text.split()) < MIN_TITLE_WORDS
        if index < lead:
            continue
        bylined = parse_byline(line.text) is not None
        if bylined or not is_heading_like(line.text):
            break
        candidates.append(index)

    def words(index: int) -> int:
        return len(lines[index].text.split())

    def content_words(index: int) -> int:
        return len(_CONTENT_WORD.findall(lines[index].text))

    labels = {
        a
        for n, a in enumerate(candidates)
        if (
            content_words(a) <= MIN_TITLE_WORDS
            or (content_words(a) <= MAX_LABEL_WORDS and not reads_as_title(lines[a].text))
        )
        and max((content_words(b) for b in candidates[n + 1 :]), default=0) >= 2 * content_words(a)
    }
    labels |= {i for i in candidates if _ORGANISATION.match(lines[i].text)}
    titles = [i for i in candidates if i not in labels and words(i) >= MIN_TITLE_WORDS]
    if bylined:  # a byline follows the headline, or the headline and its standfirst
        near = [i for i in candidates[-2:] if i in titles]
        headed = [i for i in near if reads_as_title(lines[i].text)]
        if headed or near:
            return (headed or near)[0]
    for index in titles:
        if is_title_case(lines[index].text) or lines[index].text.endswith("?"):
            return index
    if titles or candidates:
        return (titles or candidates)[0]
    first = lines[0]
    if len(first.text) > MAX_TITLE_CHARS:
        raise ParseError(
            f"title is {len(first.text):,} characters; the limit is {MAX_TITLE_CHARS}",
            line=first.number,
        )
    raise ParseError(
        "no title: the first line reads as a paragraph, not a title", line=first.number
    )


def _sentences_above_title(lines: list[Line]) -> int:
    """How many sentence lines stand above the title (a disclaimer, a notice): those
    before the first line of ``MIN_TITLE_WORDS`` words or more that reads as a title
    and has a line under it, among the first ``MAX_LEAD_LINES``; 0 when the first line
    can be the title, or when no line can be."""
    if is_heading_like(lines[0].text) or parse_byline(lines[0].text) is not None:
        return 0
    for index in range(1, min(MAX_LEAD_LINES, len(lines) - 1)):
        text = lines[index].text
        if parse_byline(text) is not None:
            return 0
        if is_heading_like(text) and len(text.split()) >= MIN_TITLE_WORDS:
            return index
    return 0


def _menu_length(lines: list[Line]) -> int:
    """How many of ``lines`` (those under the title) form an in-page menu: a run of at
    least ``MIN_MENU_ITEMS`` short heading-like lines ("Overview", "Symptoms", "Getting
    diagnosed") straight under the title, ended by a paragraph. A heading with its list
    items is not one: items follow a paragraph or a line ending in ":"."""
    run = 0
    while (
        run < len(lines)
        and is_heading_like(lines[run].text)
        and len(lines[run].text.split()) <= MAX_MENU_WORDS
        and parse_byline(lines[run].text) is None
    ):
        run += 1
    followed_by_paragraph = run < len(lines) and not is_heading_like(lines[run].text)
    # Tabs then the first section: its heading repeats a tab ("Your options").
    if run and lines[run - 1].text in {line.text for line in lines[: run - 1]}:
        run -= 1
    return run if run >= MIN_MENU_ITEMS and followed_by_paragraph else 0


def _menu_item(dropped: Dropped) -> bool:
    """True for a menu item dropped as chrome ("Home", "Book online"): it joins the menu
    run around it rather than cutting it, as a longer chrome line does."""
    return (
        dropped.reason == "navigation"
        and len(dropped.text.split()) <= MAX_MENU_WORDS
        and is_heading_like(dropped.text)
    )


def _site_menu(lines: list[Line], dropped: Sequence[Dropped] = ()) -> set[int]:
    """Which lines above the title are a site's menu ("Treatments", "Conditions", "Fees"):
    runs of at least ``MIN_MENU_ITEMS`` short lines of at most ``MAX_MENU_WORDS`` words
    that name no organisation (the organisation's name is the label above them). The
    page's first line heads the menu as the site's name, and a chrome line between two
    lines ("Subscribe from £1 a week") ends a run: the section label under it is not
    the menu."""
    menu: set[int] = set()
    run: list[int] = []
    chrome = sorted(dropped, key=lambda d: d.start)
    cuts = [d.start for d in chrome if not _menu_item(d)]

    def size(end: int) -> int:
        """The run's lines and the menu items dropped as chrome among them ("Home")."""
        lo = lines[run[0] - 1].start
        lo = max([lo, *(at for at in cuts if at < lines[run[0]].start)])  # after a banner
        hi = lines[end].start if end < len(lines) else None
        joined = 0
        for d in chrome:
            if d.start <= lo:
                continue
            if (hi is not None and d.start >= hi) or not _menu_item(d):
                break
            joined += 1
        return len(run) + joined

    for index, line in enumerate([*lines, None]):
        cut = (
            line is not None
            and index > 0
            and any(lines[index - 1].start < at < line.start for at in cuts)
        )
        if (
            line is not None
            and index > 0
            and not cut
            and is_heading_like(line.text)
            and len(line.text.split()) <= MAX_MENU_WORDS
            and not _ORGANISATION.match(line.text)
        ):
            run.append(index)
            continue
        if cut and line is not None and index > 0 and is_heading_like(line.text):
            if len(run) >= MIN_MENU_RUN and size(index) >= MIN_MENU_ITEMS:
                menu.update(run)
            run = [index] if len(line.text.split()) <= MAX_MENU_WORDS else []
            continue
        if len(run) >= MIN_MENU_RUN and size(index) >= MIN_MENU_ITEMS:
            menu.update(run)
        run = []
    return menu


def _author_box_end(lines: list[Line], start: int) -> int:
    """Where an author box that opens at ``lines[start]`` (before any paragraph) ends: after
    its role labels, name lines, the short line under each name (a job title) and its
    disclaimers ("Disclosure statement", "... does not work for, consult or own shares
    in ..."); the first other line starts the body."""
    index, after_name = start, False
    while index < len(lines):
        text = lines[index].text
        if role_of_label(text) is not None or parse_name_line(text) is not None:
            after_name = parse_name_line(text) is not None
        elif is_disclaimer(text) or (after_name and is_heading_like(text)):
            after_name = False
        else:
            break
        index += 1
    return index


def _foot_lines(lines: list[Line], dropped: list[Dropped], reason: str) -> list[Dropped]:
    """Take from ``lines`` the lines above a unit's foot that belong to its unit (a card's
    name and job title, a testimonial's quotation): at most ``MAX_FOOT_LINES``, all below
    the last chrome line, each short or a quotation. A rating just above the foot is the
    unit's own (a product box: name, stars, price and basket), so the floor passes it."""
    last = lines[-1].start if lines else -1
    inside = 0  # ratings between the last kept line and the foot
    while inside < len(dropped) and dropped[-1 - inside].reason == "feedback":
        if dropped[-1 - inside].start < last:
            break
        inside += 1
    floor = dropped[-1 - inside].start if inside < len(dropped) else -1
    taken: list[Line] = []
    while (
        lines
        and len(taken) < MAX_FOOT_LINES
        and lines[-1].start > floor
        and heads_foot(lines[-1].text)
    ):
        taken.insert(0, lines.pop())
    return [_dropped(line, reason) for line in taken]


def _dropped(line: Line, reason: str) -> Dropped:
    return Dropped(text=line.text, start=line.start, end=line.end, line=line.number, reason=reason)


def parse_article(text: str, *, source: Source) -> Article:
    """Parse one raw article; raise ParseError when the text has no title or no body.

    >>> src = Source(path="x.txt", sha256="0" * 64, bytes=0)
    >>> article = parse_article("ADHD\\n\\nDopamine may affect focus in ADHD.", source=src)
    >>> article.claims[0].hedge_cues
    ['may']
    """
    new_article()
    article_id = source.path.removesuffix(".txt")
    dropped: list[Dropped] = []
    lines: list[Line] = []
    block: str | None = None  # under "More From Health" or "Media Contact": the reason
    opened_by: ChromeRule | None = None  # the rule whose line opened ``block``
    field_of: str | None = None  # under "Journal" or "DOI": its value's reason
    for line in split_lines(text):
        rule = chrome_rule(line.text)
        person = parse_name_line(line.text)
        # A role label or "Ellen Park, MD" ends the list of headlines: people follow
        if (
            role_of_label(line.text) is not None
            or (person is not None and bool(person.credentials or person.honorific))
            or (block is not None and parse_byline(line.text) is not None)
        ):
            block = None
        if rule is None and field_of is not None:
            dropped.append(_dropped(line, field_of))
        elif (
            rule is None
            and block is not None
            and is_heading_like(entry_text(opened_by, line.text))
            and holds(opened_by, line.text)
        ):
            dropped.append(_dropped(line, block))
        elif rule is None:
            lines.append(line)
            block = None
        else:
            if is_foot(rule):
                dropped += _foot_lines(lines, dropped, rule.reason)
            dropped.append(_dropped(line, rule.reason))
        field_of = rule.reason if rule is not None and rule.name.endswith("-field") else None
        if ends_box(rule, opened_by):
            block = opened_by = None
        elif rule is not None and heads_block(rule) and (lines or not is_contents(rule)):
            block, opened_by = rule.reason, rule
        elif rule is None and not is_heading_like(entry_text(opened_by, line.text)):
            block = None
    at = _title_index(lines)
    site_menu = _site_menu(lines[:at], dropped)
    dropped += [
        _dropped(
            line,
            "disclaimer"
            if is_disclaimer(line.text)
            else "navigation"
            if index in site_menu
            else "label above the title",
        )
        for index, line in enumerate(lines[:at])
    ]
    title, rest = lines[at], lines[at + 1 :]
    menu = _menu_length(rest)
    dropped += [_dropped(line, "navigation") for line in rest[:menu]]
    rest = rest[menu:]
    known = {name.name for line in rest for name, _ in parse_bylines(line.text)}
    back = next((i for i in range(len(rest)) if is_back_matter_start(rest, i, known)), len(rest))
    box: list[Line] = []  # an author box above the body: its people, not the back matter
    if back < len(rest) and all(is_heading_like(line.text) for line in rest[:back]):
        end = _author_box_end(rest, back)
        if end < len(rest):
            box, rest = rest[back:end], rest[:back] + rest[end:]
            back = next(
                (i for i in range(back, len(rest)) if is_back_matter_start(rest, i, known)),
                len(rest),
            )
    front = rest[:back]
    bylines: list[Line] = []  # bylines and the bios that go with them: for parse_people
    body_lines: list[Line] = []
    named = [name for line in front for name, _ in parse_bylines(line.text)]
    # A line between the title and an author box is a standfirst, not a heading.
    standfirst = front[0] if box and front and front[0].end < box[0].start else None
    in_references = False
    index = 0
    while index < len(front):
        line = front[index]
        if parse_byline(line.text) is not None:
            if len(body_lines) == 1 and body_lines[0] is front[index - 1]:
                standfirst = body_lines[0]  # between the title and the byline: a dek, not a heading
            bylines.append(line)
            after = front[index + 1] if index + 1 < len(front) else None
            if after is not None and follows_as_bio(line.text, after.text):
                bylines.append(after)  # the bio under a byline is the person's, not body
                index += 1
        elif any(is_bio_of(name, line.text) for name in named):
            bylines.append(line)  # a bylined person's bio away from the byline
        elif is_disclaimer(line.text):
            dropped.append(_dropped(line, "disclaimer"))
        elif names_team(line.text):
            dropped.append(_dropped(line, "back matter"))  # "Author: Wellpath Staff"
        elif in_references or _REFERENCES.match(line.text):
            in_references = True
            dropped.append(_dropped(line, "references"))
        else:
            body_lines.append(line)
        index += 1
    # Disclaimers in the back matter still tell parse_people who is pseudonymous.
    back_matter = [*box, *rest[back:]]
    dropped += [_dropped(line, "disclaimer") for line in back_matter if is_disclaimer(line.text)]
    body = _body(text, article_id, body_lines, standfirst)
    if not body.sections:
        raise ParseError("no body: no paragraph follows the title", line=title.number)
    people = parse_people([*bylines, *back_matter])
    dropped += _unclaimed_back_matter(back_matter, people, known)
    return Article(
        id=article_id,
        title=title.text,
        source=source,
        sections=body.sections,
        claims=body.claims,
        non_claims=body.non_claims,
        people=people,
        links=body.links,
        dropped=sorted(dropped, key=lambda d: d.start),
    )


def _unclaimed_back_matter(
    lines: list[Line], people: list[Person], known: set[str]
) -> list[Dropped]:
    """Back-matter lines that no person took (as name, label, byline or bio) and that
    are not disclaimers (dropped already): editorial notes, contact lines, section
    labels, "About Sam". Kept as dropped lines, so no line of the page disappears
    unaccounted."""
    bios = "\n".join(p.bio or "" for p in people)
    return [
        _dropped(line, "back matter")
        for line in lines
        if not is_disclaimer(line.text)
        and line.text not in bios
        and (parse_name_line(line.text) is None or about_label(line.text, known))
        and role_of_label(line.text) is None
        and parse_byline(line.text) is None
    ]
