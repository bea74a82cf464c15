"""Split raw text into trimmed, non-blank lines that remember where they are."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Every character str.isspace() accepts, plus the BOM and zero-width characters
# that pages use as invisible padding.
PADDING = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
    "\ufeff\u200b\u200c\u200d\u2060"
)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


@dataclass(frozen=True)
class Line:
    """A non-blank line, trimmed, with its code-point span in the raw text."""

    number: int
    start: int
    end: int
    text: str


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink the span ``start:end`` of ``text`` past whitespace and padding at both ends."""
    piece = text[start:end]
    stripped = piece.lstrip(PADDING)
    start += len(piece) - len(stripped)
    end = start + len(stripped.rstrip(PADDING))
    return start, end


def split_lines(text: str) -> list[Line]:
    """Every non-blank line of ``text`` (LF, CRLF or CR endings), trimmed, in order."""
    if "\r" in text:
        return _split_any(text)
    # LF endings only (nearly every page): str.split in C instead of a match a line.
    lines: list[Line] = []
    at = 0
    for number, piece in enumerate(text.split("\n"), start=1):
        stripped = piece.strip(PADDING)
        if stripped:
            start = at + len(piece) - len(piece.lstrip(PADDING))
            lines.append(Line(number, start, start + len(stripped), stripped))
        at += len(piece) + 1
    return lines


def _split_any(text: str) -> list[Line]:
    lines: list[Line] = []
    for number, match in enumerate(_LINE.finditer(text), start=1):
        start, end = trim(text, match.start(), match.end())
        if end > start:
            lines.append(Line(number, start, end, text[start:end]))
        if match.end() == len(text):
            break
    return lines
