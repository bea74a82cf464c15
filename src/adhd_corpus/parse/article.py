"""Raw article text -> Article record: title, body sections, claims, people, links.

The page layout this expects: optional site chrome ("Table of Contents", "Print"),
the title line, body lines (headings and paragraphs, one per line), then the back
matter (bylines, name lines with role labels, bios, disclaimers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import ParseError
from ..models import Article, Claim, Link, Section, Sentence, Source
from .claims import classify_sentence
from .lines import Line, split_lines
from .links import find_link, is_call_to_action
from .people import is_back_matter_start, is_disclaimer, parse_byline, parse_people
from .sentences import split_sentences

MAX_TITLE_CHARS = 300
MAX_HEADING_CHARS = 200
MAX_HEADING_WORDS = 20

_CHROME = re.compile(
    r"^(?:table of contents|contents|print|share|menu|home|skip to (?:main )?content|"
    r"back to top)$",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^(?:[•·▪◦‣*–-]|\d{1,3}[.)])\s+")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+")


def is_heading_like(text: str) -> bool:
    """Short, unpunctuated at the end, and not a bullet: how headings look on these pages."""
    if len(text) > MAX_HEADING_CHARS or len(text.split()) > MAX_HEADING_WORDS:
        return False
    if _LIST_ITEM.match(text) and not _NUMBERED.match(text):
        return False
    starts_well = text[0].isupper() or text[0].isdigit() or text[0] in "\"“'‘"
    return starts_well and text[-1] not in ".,;:!…"


@dataclass
class _Body:
    sections: list[Section] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    non_claims: list[Sentence] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    sentences: int = 0
    heading: str | None = None
    paragraphs: list[str] = field(default_factory=list)

    def close_section(self) -> None:
        if self.heading is not None or self.paragraphs:
            self.sections.append(Section(heading=self.heading, paragraphs=self.paragraphs))
        self.heading, self.paragraphs = None, []


def _title(lines: list[Line]) -> Line:
    if not lines:
        raise ParseError("no text: the file holds only site chrome")
    first = lines[0]
    if len(first.text) > MAX_TITLE_CHARS:
        raise ParseError(
            f"title is {len(first.text):,} characters; the limit is {MAX_TITLE_CHARS}",
            line=first.number,
        )
    if not is_heading_like(first.text):
        raise ParseError(
            "no title: the first line reads as a paragraph, not a title", line=first.number
        )
    return first


def _body(text: str, article_id: str, lines: list[Line]) -> _Body:
    body = _Body()
    for index, line in enumerate(lines):
        marker = _LIST_ITEM.match(line.text)  # a bullet or number is not part of a sentence
        spans = split_sentences(text, line.start + (marker.end() if marker else 0), line.end)
        sentences = [text[start:end] for start, end in spans]
        links = [link for s in sentences if (link := find_link(s)) is not None]
        if links and all(is_call_to_action(s) for s in sentences):
            body.links.extend(links)  # navigation or promotion only: a link, not body
            continue
        has_next = index + 1 < len(lines)
        if has_next and is_heading_like(line.text):
            body.close_section()
            body.heading = line.text
            continue
        body.paragraphs.append(line.text)
        section = len(body.sections)
        for (start, end), sentence in zip(spans, sentences, strict=True):
            link = find_link(sentence)
            if link is not None:
                body.links.append(link)
            verdict = classify_sentence(
                text,
                article_id=article_id,
                section=section,
                sentence_index=body.sentences,
                start=start,
                end=end,
            )
            body.sentences += 1
            if isinstance(verdict, Claim):
                body.claims.append(verdict)
            else:
                body.non_claims.append(verdict)
    body.close_section()
    return body


def parse_article(text: str, *, source: Source) -> Article:
    """Parse one raw article; raise ParseError when the text has no title or no body.

    >>> src = Source(path="x.txt", sha256="0" * 64, bytes=0)
    >>> article = parse_article("ADHD\\n\\nDopamine may affect focus in ADHD.", source=src)
    >>> article.claims[0].hedge_cues
    ['may']
    """
    article_id = source.path.removesuffix(".txt")
    lines = [line for line in split_lines(text) if not _CHROME.match(line.text)]
    title = _title(lines)
    rest = lines[1:]
    back = next((i for i in range(len(rest)) if is_back_matter_start(rest, i)), len(rest))
    bylines = [line for line in rest[:back] if parse_byline(line.text) is not None]
    body_lines = [
        line for line in rest[:back] if line not in bylines and not is_disclaimer(line.text)
    ]
    body = _body(text, article_id, body_lines)
    if not body.sections:
        raise ParseError("no body: no paragraph follows the title", line=title.number)
    return Article(
        id=article_id,
        title=title.text,
        source=source,
        sections=body.sections,
        claims=body.claims,
        non_claims=body.non_claims,
        people=parse_people([*bylines, *rest[back:]]),
        links=body.links,
    )
