"""Find and read the public gold files in ``../shared/eval`` (never copied into the project).

Each reader yields plain records; a missing file is reported by ``GoldData.path`` returning
None, so every task can print "skipped: <path> not found" and go on.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV = "ADHD_CORPUS_EVAL_DATA"
DEFAULT = ROOT.parent / "shared" / "eval"

YU = "yu2019-dev.csv"
RULES = "pysbd-golden-rules.json"
BIOSCOPE = "bioscope-abstracts.xml.gz"


@dataclass
class GoldData:
    """The gold folder and what ``SOURCES.json`` says of each file in it."""

    folder: Path
    sources: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def locate(cls, folder: str | None = None) -> GoldData:
        """``folder``, else $ADHD_CORPUS_EVAL_DATA, else ``../shared/eval`` beside the checkout."""
        where = Path(folder or os.environ.get(ENV) or DEFAULT)
        sources: dict[str, dict[str, str]] = {}
        listing = where / "SOURCES.json"
        if listing.is_file():
            sources = {entry["file"]: entry for entry in json.loads(listing.read_text("utf-8"))}
        return cls(where, sources)

    def path(self, name: str) -> Path | None:
        found = self.folder / name
        return found if found.is_file() else None

    def provenance(self, name: str) -> str:
        """'<file> (<repo> @ <commit>, <path>)' for the report."""
        entry = self.sources.get(name)
        if entry is None:
            return f"{name} (source not listed)"
        return f"{name} ({entry['repo']} @ {entry['commit']}, {entry['path']})"


@dataclass(frozen=True)
class YuSentence:
    text: str
    strength: int


def read_yu(path: Path) -> list[YuSentence]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [YuSentence(row["sentence"], int(row["strength"])) for row in csv.DictReader(handle)]


@dataclass(frozen=True)
class Rule:
    number: int
    name: str
    text: str
    expected: list[str]


def read_rules(path: Path) -> list[Rule]:
    return [
        Rule(r["rule"], r["name"], r["text"], list(r["expected"]))
        for r in json.loads(path.read_text("utf-8"))
    ]


@dataclass(frozen=True)
class BioSentence:
    """One BioScope sentence: its text, its cues and the spans of its cues' scopes."""

    id: str
    text: str
    part: str  # "Title" or "AbstractText"
    speculation: bool
    negation: bool
    negation_scopes: tuple[tuple[int, int], ...]
    speculation_scopes: tuple[tuple[int, int], ...] = ()
    cues: tuple[tuple[str, str], ...] = ()  # (type, cue text)
    negation_cues: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()
    """(cue span, its scope's span) of every negation cue with a scope."""


_Walked = tuple[
    str,
    list[tuple[str, str]],
    dict[str, tuple[int, int]],
    dict[str, set[str]],
    list[tuple[str, tuple[int, int]]],
]


def _walk(sentence: ET.Element) -> _Walked:
    """Plain text, cues (type, text), xcope id -> span, cue type -> its xcope ids, and
    the span of every negation cue with its xcope id."""
    pieces: list[str] = []
    cues: list[tuple[str, str]] = []
    scopes: dict[str, tuple[int, int]] = {}
    refs: dict[str, set[str]] = {"negation": set(), "speculation": set()}
    negations: list[tuple[str, tuple[int, int]]] = []

    def visit(node: ET.Element) -> None:
        start = sum(map(len, pieces))
        if node.text:
            pieces.append(node.text)
        for child in node:
            visit(child)
            if child.tail:
                pieces.append(child.tail)
        if node.tag == "cue":
            cues.append((node.get("type", ""), "".join(node.itertext())))
            refs.setdefault(node.get("type", ""), set()).add(node.get("ref", ""))
            if node.get("type") == "negation":
                negations.append((node.get("ref", ""), (start, sum(map(len, pieces)))))
        elif node.tag == "xcope":
            scopes[node.get("id", "")] = (start, sum(map(len, pieces)))

    visit(sentence)
    return "".join(pieces), cues, scopes, refs, negations


def read_bioscope(path: Path) -> Iterator[tuple[str, list[BioSentence]]]:
    """(document id + part, its sentences) for every DocumentPart, in file order."""
    with gzip.open(path) as handle:
        root = ET.parse(handle).getroot()
    for document in root.iter("Document"):
        doc_id = document.findtext("DocID", default="?")
        for number, part in enumerate(document.iter("DocumentPart")):
            kind = part.get("type", "")
            sentences = []
            for node in part.iter("sentence"):
                text, cues, scopes, refs, negations = _walk(node)
                sentences.append(
                    BioSentence(
                        id=node.get("id", ""),
                        text=text,
                        part=kind,
                        speculation=any(kind == "speculation" for kind, _ in cues),
                        negation=any(kind == "negation" for kind, _ in cues),
                        negation_scopes=tuple(
                            span for ref, span in scopes.items() if ref in refs["negation"]
                        ),
                        speculation_scopes=tuple(
                            span for ref, span in scopes.items() if ref in refs["speculation"]
                        ),
                        cues=tuple(cues),
                        negation_cues=tuple(
                            (span, scopes[ref]) for ref, span in negations if ref in scopes
                        ),
                    )
                )
            yield f"{doc_id}/{number}:{kind}", sentences
