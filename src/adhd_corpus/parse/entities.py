"""Find vocabulary entities in text: a dictionary matcher, leftmost then longest match.

The vocabulary is ``data/vocabulary.tsv`` (canonical name, type, MeSH id, forms),
versioned in its first line.
A form with a capital letter after its first character (``PET``, ``NET``, ``fMRI``)
matches only in that exact case, so the method PET is found and the word "pet" is
not; every other form matches in any case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import cast

from ..models import EntityType
from .phrases import PhraseMatcher, Words, is_case_sensitive

VOCABULARY_FILE = "vocabulary.tsv"


@dataclass(frozen=True)
class Concept:
    """One vocabulary entry."""

    canonical: str
    type: EntityType
    mesh_id: str | None


@dataclass(frozen=True)
class Mention:
    """A concept found in text, with its span relative to the text searched."""

    start: int
    end: int
    concept: Concept


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """The concepts and the matcher of their forms."""

    version: str
    concepts: dict[str, Concept]
    matcher: PhraseMatcher[Concept]

    @classmethod
    def from_tsv(cls, text: str) -> Vocabulary:
        """Read the vocabulary file's text; a concept or form listed twice is an error."""
        version = ""
        concepts: dict[str, Concept] = {}
        matcher: PhraseMatcher[Concept] = PhraseMatcher()
        header_seen = False
        for number, line in enumerate(text.splitlines(), start=1):
            if line.startswith("#"):
                found = re.search(r"version (\S+)", line)
                version = version or (found.group(1) if found else "")
                continue
            if not line.strip():
                continue
            if not header_seen:
                header_seen = True
                continue
            canonical, kind, mesh_id, forms = line.split("\t")
            concept = Concept(canonical, cast(EntityType, kind), mesh_id or None)
            if canonical in concepts:
                raise ValueError(f"{VOCABULARY_FILE}:{number}: duplicate concept {canonical!r}")
            concepts[canonical] = concept
            for form in forms.split("|"):
                try:
                    matcher.add(form, concept, case_sensitive=is_case_sensitive(form))
                except ValueError as exc:
                    raise ValueError(f"{VOCABULARY_FILE}:{number}: {exc}") from None
        return cls(version, concepts, matcher)

    def find(
        self, text: str, start: int = 0, end: int | None = None, *, words: Words | None = None
    ) -> list[Mention]:
        """Non-overlapping mentions in ``text[start:end]``, leftmost then longest."""
        found = self.matcher.find(text, start, end, words=words)
        return [Mention(s, e, concept) for s, e, concept in found]


@cache
def vocabulary() -> Vocabulary:
    """The packaged vocabulary, read once per process."""
    text = files(__package__).joinpath("data", VOCABULARY_FILE).read_text(encoding="utf-8")
    return Vocabulary.from_tsv(text)
