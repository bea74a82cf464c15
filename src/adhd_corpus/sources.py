"""Find the raw article files, check them, and decode them.

Everything about raw *bytes* lives here; the parser only ever sees text.
"""

from __future__ import annotations

import hashlib
import json
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
    where: str = ""
    """How messages name the file (its path as given); the bare name when empty."""

    @property
    def label(self) -> str:
        """The file as problem messages name it."""
        return self.where or self.name

    @property
    def article_id(self) -> str:
        """The record id: the file name without its ``.txt`` suffix."""
        return self.name.removesuffix(".txt")


def line_of(text: str, offset: int) -> int:
    """1-based line number of a code-point offset, counting LF as the line break."""
    return text.count("\n", 0, offset) + 1


def too_large(name: str, size: int) -> Problem | None:
    """The problem with a file of ``size`` bytes, if it is over the limit."""
    if size > MAX_RAW_BYTES:
        return Problem(name, None, f"file is {size:,} bytes; the limit is {MAX_RAW_BYTES:,} bytes")
    return None


def decode(data: bytes, name: str, where: str = "") -> RawText | Problem:
    """Check one raw file's bytes and decode them, or say what is wrong and where.

    ``name`` is the file name recorded in the record; ``where`` names it in messages.
    """
    label = where or name
    size = len(data)
    oversize = too_large(label, size)
    if oversize is not None:
        return oversize
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return Problem(
            label, line, f"not UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start}"
        )
    control = _CONTROL.search(text)
    if control is not None:
        return Problem(
            label,
            line_of(text, control.start()),
            f"control character U+{ord(control.group()):04X} at offset {control.start()}",
        )
    if not text.strip().lstrip("\ufeff").strip():
        return Problem(label, None, "empty: the file has no text")
    digest = hashlib.sha256(data).hexdigest()
    return RawText(name=name, text=text, sha256=digest, bytes=size, where=where)


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
    ids: dict[str, str] = {}
    for path in sorted(raw_dir.iterdir(), key=lambda p: (p.name.removesuffix(".txt"), p.name)):
        if path.name.startswith("."):
            continue
        label = str(path)
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            problems.append(Problem(label, None, "symbolic link to a file outside the raw folder"))
        elif path.suffix != ".txt" or not path.is_file():
            problems.append(Problem(label, None, "not a .txt file; raw/ holds only article texts"))
        elif not ARTICLE_ID.match(path.stem):
            reason = "file name cannot be an article id (letters, digits, _ . - only)"
            problems.append(Problem(label, None, reason))
        elif path.stem.casefold() in ids:
            # Ids that differ only in case collide on case-insensitive file systems.
            reason = (
                f"article id {path.stem!r} differs only in case from {ids[path.stem.casefold()]}"
            )
            problems.append(Problem(label, None, reason))
        else:
            ids[path.stem.casefold()] = path.name
            files.append(path)
    if not files and not problems:
        problems.append(Problem(str(raw_dir), None, "no .txt files in the raw folder"))
    return files, problems


@dataclass(frozen=True)
class RawInput:
    """One raw article to read: a file (``path``) or text handed over as ``data``."""

    name: str
    """The record's ``source.path``; the article id is it without ``.txt``."""
    where: str
    """How messages name it."""
    path: str | None = None
    data: bytes | None = None

    def read(self) -> RawText | Problem:
        """Check the size, read, check and decode."""
        if self.data is None:
            oversize = too_large(self.where, Path(self.path or self.where).stat().st_size)
            if oversize is not None:
                return oversize  # refused before it is read
            data = Path(self.path or self.where).read_bytes()
        else:
            data = self.data
        return decode(data, self.name, self.where)


TABLE_SUFFIXES = (".jsonl", ".parquet")
"""A raw "folder" may instead be one of these files, with columns ``id`` and ``text``."""


def _table_inputs(path: Path) -> tuple[list[RawInput], list[Problem]]:
    """Inputs from a JSON Lines or Parquet export of raw texts (``id``, ``text``)."""
    rows: list[tuple[int, object, object]] = []
    problems: list[Problem] = []
    if path.suffix == ".jsonl":
        with path.open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                try:
                    row = json.loads(line)
                except ValueError as exc:
                    problems.append(Problem(str(path), number, f"not a JSON object: {exc}"))
                    continue
                if not isinstance(row, dict):
                    problems.append(Problem(str(path), number, "not a JSON object"))
                    continue
                rows.append((number, row.get("id"), row.get("text")))
    else:
        import pyarrow.parquet as pq

        try:
            table = pq.read_table(path, columns=["id", "text"])
        except (OSError, ValueError, KeyError) as exc:
            return [], [Problem(str(path), None, f"cannot read id and text columns: {exc}")]
        for number, (rid, text) in enumerate(
            zip(table["id"].to_pylist(), table["text"].to_pylist(), strict=True), start=1
        ):
            rows.append((number, rid, text))
    inputs: list[RawInput] = []
    ids: dict[str, int] = {}
    for number, rid, text in rows:
        where = f"{path}[{rid}]"  # a row's problems name it by its id, as a file's by its name
        if not isinstance(rid, str) or not ARTICLE_ID.match(rid):
            problems.append(Problem(str(path), number, f"id {rid!r} cannot be an article id"))
        elif not isinstance(text, str):
            problems.append(Problem(str(path), number, "text is missing or not a string"))
        elif rid.casefold() in ids:
            problems.append(
                Problem(str(path), number, f"id {rid!r} repeats line {ids[rid.casefold()]}")
            )
        else:
            ids[rid.casefold()] = number
            inputs.append(RawInput(f"{rid}.txt", where, data=text.encode("utf-8")))
    inputs.sort(key=lambda i: i.name.removesuffix(".txt"))
    return inputs, problems


def raw_inputs(raw: Path) -> tuple[list[RawInput], list[Problem]]:
    """The raw articles of a folder (``*.txt``) or of a table file, in article-id order."""
    if raw.is_file() and raw.suffix in TABLE_SUFFIXES:
        return _table_inputs(raw)
    files, problems = raw_files(raw)
    return [RawInput(p.name, str(p), path=str(p)) for p in files], problems


def duplicate(seen: dict[str, str], sha256: str, name: str, where: str) -> Problem | None:
    """The problem when content with this hash was seen under another name, else None;
    ``seen`` (hash -> first name) is updated."""
    first = seen.setdefault(sha256, name)
    return None if first == name else Problem(where, None, f"same content as {first}")


def read_raw(raw_dir: Path) -> Iterator[RawText | Problem]:
    """Yield each raw text of a folder or table file, decoded, or the problem that stops it."""
    inputs, problems = raw_inputs(raw_dir)
    yield from problems
    seen: dict[str, str] = {}
    for item in inputs:
        decoded = item.read()
        if isinstance(decoded, RawText):
            yield duplicate(seen, decoded.sha256, decoded.name, item.where) or decoded
        else:
            yield decoded
