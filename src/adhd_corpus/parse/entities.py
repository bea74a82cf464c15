"""Find vocabulary entities in text: a dictionary matcher where the longest match wins.

The vocabulary is ``data/vocabulary.tsv`` (canonical name, type, MeSH id, forms).
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


def is_case_sensitive(form: str) -> bool:
    """A form is matched case-sensitively when it has a capital after its first character."""
    return any(char.isupper() for char in form[1:])


def _pattern(forms: list[str], flags: int) -> re.Pattern[str] | None:
    if not forms:
        return None
    # Longest forms first, so the alternation prefers the longest match at a position.
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", flags)


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """The concepts, their forms, and two compiled matchers (exact case and any case)."""

    version: str
    concepts: dict[str, Concept]
    exact: dict[str, Concept]
    folded: dict[str, Concept]
    exact_pattern: re.Pattern[str] | None
    folded_pattern: re.Pattern[str] | None

    @classmethod
    def from_tsv(cls, text: str) -> Vocabulary:
        version = ""
        concepts: dict[str, Concept] = {}
        exact: dict[str, Concept] = {}
        folded: dict[str, Concept] = {}
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
                table, key = (exact, form) if is_case_sensitive(form) else (folded, form.casefold())
                if key in table:
                    raise ValueError(f"{VOCABULARY_FILE}:{number}: form {form!r} is listed twice")
                table[key] = concept
        return cls(
            version,
            concepts,
            exact,
            folded,
            _pattern(list(exact), 0),
            _pattern(list(folded), re.IGNORECASE),
        )

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Non-overlapping mentions in ``text[start:end]``: longest first, then leftmost."""
        end = len(text) if end is None else end
        candidates: list[Mention] = []
        if self.exact_pattern is not None:
            for m in self.exact_pattern.finditer(text, start, end):
                candidates.append(Mention(m.start(), m.end(), self.exact[m.group()]))
        if self.folded_pattern is not None:
            for m in self.folded_pattern.finditer(text, start, end):
                concept = self.folded.get(m.group().casefold())
                if concept is not None:  # IGNORECASE and casefold disagree on a few scripts
                    candidates.append(Mention(m.start(), m.end(), concept))
        candidates.sort(key=lambda m: (-(m.end - m.start), m.start))
        chosen: list[Mention] = []
        for mention in candidates:
            if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
                chosen.append(mention)
        return sorted(chosen, key=lambda m: m.start)


@cache
def vocabulary() -> Vocabulary:
    """The packaged vocabulary, read once per process."""
    text = files(__package__).joinpath("data", VOCABULARY_FILE).read_text(encoding="utf-8")
    return Vocabulary.from_tsv(text)
