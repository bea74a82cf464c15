"""Find the raw article files, check them, and decode them.

Everything about raw *bytes* lives here; the parser only ever sees text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem

MAX_RAW_BYTES = 1_048_576
"""Largest raw file accepted (1 MiB); real articles are a few KB."""

ARTICLE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# C0 controls other than tab, line feed and carriage return, DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class RawText:
    """One raw article: its file name, decoded text and the hash of its bytes."""

    name: str
    text: str
    sha256: str
    bytes: int

    @property
    def article_id(self) -> str:
        """The record id: the file name without its ``.txt`` suffix."""
        return self.name.removesuffix(".txt")


def line_of(text: str, offset: int) -> int:
    """1-based line number of a code-point offset, counting LF as the line break."""
    return text.count("\n", 0, offset) + 1


def decode(data: bytes, name: str) -> RawText | Problem:
    """Check one raw file's bytes and decode them, or say what is wrong and where."""
    size = len(data)
    if size > MAX_RAW_BYTES:
        return Problem(name, None, f"file is {size:,} bytes; the limit is {MAX_RAW_BYTES:,} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return Problem(
            name, line, f"not UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start}"
        )
    control = _CONTROL.search(text)
    if control is not None:
        return Problem(
            name,
            line_of(text, control.start()),
            f"control character U+{ord(control.group()):04X} at offset {control.start()}",
        )
    if not text.strip().lstrip("\ufeff").strip():
        return Problem(name, None, "empty: the file has no text")
    return RawText(name=name, text=text, sha256=hashlib.sha256(data).hexdigest(), bytes=size)


def raw_files(raw_dir: Path) -> tuple[list[Path], list[Problem]]:
    """The ``*.txt`` files of a raw folder in name order, and what is wrong with the folder.

    Hidden files are skipped; anything else that is not a ``.txt`` file inside the
    folder is a problem, so nothing is silently ignored.
    """
    if not raw_dir.is_dir():
        return [], [Problem(str(raw_dir), None, "raw folder not found")]
    root = raw_dir.resolve()
    files: list[Path] = []
    problems: list[Problem] = []
    # Sorted by article id (the name without ".txt"), the order records are published in.
    for path in sorted(raw_dir.iterdir(), key=lambda p: (p.name.removesuffix(".txt"), p.name)):
        if path.name.startswith("."):
            continue
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            problems.append(
                Problem(path.name, None, "symbolic link to a file outside the raw folder")
            )
        elif path.suffix != ".txt" or not path.is_file():
            problems.append(
                Problem(path.name, None, "not a .txt file; raw/ holds only article texts")
            )
        elif not ARTICLE_ID.match(path.stem):
            problems.append(
                Problem(
                    path.name, None, "file name cannot be an article id (letters, digits, _ . -)"
                )
            )
        else:
            files.append(path)
    if not files and not problems:
        problems.append(Problem(str(raw_dir), None, "no .txt files in the raw folder"))
    return files, problems


def read_raw(raw_dir: Path) -> Iterator[RawText | Problem]:
    """Yield each raw file of a folder, decoded, or the problem that stops it."""
    files, problems = raw_files(raw_dir)
    yield from problems
    seen: dict[str, str] = {}
    for path in files:
        data = path.read_bytes()
        decoded = decode(data, path.name)
        if isinstance(decoded, RawText):
            first = seen.setdefault(decoded.sha256, decoded.name)
            if first != decoded.name:
                decoded = Problem(path.name, None, f"same content as {first}")
        yield decoded
