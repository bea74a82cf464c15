"""Find vocabulary entities in text: a dictionary matcher, leftmost then longest match.

The vocabulary is ``data/vocabulary.tsv`` (canonical name, type, MeSH id, MeSH heading,
forms), versioned in its first line. Its MeSH ids are written from the headings by
``tools/mesh_ids.py`` from the published descriptor list, never typed by hand.
A form with a capital letter after its first character (``PET``, ``NET``, ``fMRI``)
matches only in that exact case, so the method PET is found and the word "pet" is
not; every other form matches in any case.

``data/not_entities.tsv`` lists phrases that are never entities: organisation names
that contain a vocabulary form ("ADHD UK", "Prostate Cancer UK") and measurements named
after a body part ("heart rate"). They are matched with the vocabulary, so the longer
name wins, and then dropped.

An abbreviation that an article defines next to a vocabulary form, "norepinephrine
(NE)" or "NE (norepinephrine)", is an entity of that concept from its definition to
the end of the article: the matcher reads the article's definitions first (see
``definitions``), so an abbreviation means only what its own article says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import cast

from ..models import EntityType
from .phrases import PhraseMatcher, Words, is_case_sensitive

VOCABULARY_FILE = "vocabulary.tsv"
NOT_ENTITIES_FILE = "not_entities.tsv"


@dataclass(frozen=True)
class Concept:
    """One vocabulary entry."""

    canonical: str
    type: EntityType
    mesh_id: str | None


@dataclass(frozen=True, slots=True)  # dozens per article: slots make each cheaper to build
class Mention:
    """A concept found in text, with its span relative to the text searched."""

    start: int
    end: int
    concept: Concept


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """(line number, columns) of each data row: comments, blank lines and the header skipped."""
    rows: list[tuple[int, list[str]]] = []
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#") or not line.strip():
            continue
        if header_seen:
            rows.append((number, line.split("\t")))
        header_seen = True
    return rows


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """The concepts and the matcher of their forms (and of the phrases that are not entities)."""

    version: str
    concepts: dict[str, Concept]
    matcher: PhraseMatcher[Concept | None]

    @classmethod
    def from_tsv(cls, text: str, not_entities: str = "") -> Vocabulary:
        """Read the vocabulary file's text; a concept or form listed twice is an error.

        ``not_entities``: the text of a file of phrases that are never entities.
        """
        found = re.search(r"version (\S+)", text.split("\n", 1)[0])
        version = found.group(1) if found else ""
        concepts: dict[str, Concept] = {}
        matcher: PhraseMatcher[Concept | None] = PhraseMatcher()
        for number, (canonical, kind, mesh_id, _heading, forms) in _rows(text):
            concept = Concept(canonical, cast(EntityType, kind), mesh_id or None)
            if canonical in concepts:
                raise ValueError(f"{VOCABULARY_FILE}:{number}: duplicate concept {canonical!r}")
            concepts[canonical] = concept
            for form in forms.split("|"):
                try:
                    matcher.add(form, concept, case_sensitive=is_case_sensitive(form))
                except ValueError as exc:
                    raise ValueError(f"{VOCABULARY_FILE}:{number}: {exc}") from None
        for number, (_why, phrases) in _rows(not_entities):
            for phrase in phrases.split("|"):
                try:
                    matcher.add(phrase, None, case_sensitive=is_case_sensitive(phrase))
                except ValueError as exc:
                    raise ValueError(f"{NOT_ENTITIES_FILE}:{number}: {exc}") from None
        return cls(version, concepts, matcher)

    def find(
        self, text: str, start: int = 0, end: int | None = None, *, words: Words | None = None
    ) -> list[Mention]:
        """Non-overlapping mentions in ``text[start:end]``, leftmost then longest.

        Mentions of abbreviations that ``text`` defines (see ``definitions``) are included.
        """
        matched = list(self.matcher.find(text, start, end, words=words))
        found = [Mention(s, e, concept) for s, e, concept in matched if concept is not None]
        defined = definitions(text)
        if not defined.since:
            return found
        taken = [(s, e) for s, e, _ in matched]
        extra = [
            Mention(s, e, concept)
            for s, e, concept in defined.matcher.find(text, start, end, words=words)
            if s >= defined.since[text[s:e]] and not any(s < b and a < e for a, b in taken)
        ]
        return sorted(found + extra, key=lambda m: m.start)

    def find_plain(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Mentions of vocabulary forms only, without any abbreviation the text defines."""
        return [
            Mention(s, e, concept)
            for s, e, concept in self.matcher.find(text, start, end)
            if concept is not None
        ]


@dataclass(frozen=True, eq=False)
class Definitions:
    """The abbreviations one text defines: their concepts and where each definition starts."""

    concepts: dict[str, Concept]
    since: dict[str, int]
    matcher: PhraseMatcher[Concept]


_PARENTHESIS = re.compile(r"\(\s*([^()\n]{1,80}?)\s*\)")
_ABBREVIATION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,9}$")
_WORD_BEFORE = re.compile(r"([A-Za-z0-9][A-Za-z0-9-]{0,9})\s*$")
_LOOK_BACK = 120
"""How many characters before "(" a long form may start."""


def is_abbreviation(token: str) -> bool:
    """Two to ten letters, digits or hyphens, at least two of them capitals ("NE", "5-HT")."""
    return (
        len(token) >= 2
        and _ABBREVIATION.match(token) is not None
        and sum(c.isupper() for c in token) >= 2
    )


def abbreviates(short: str, long: str) -> bool:
    """True when the letters of ``short`` occur in order in ``long``, the first at its start."""
    letters = [c.casefold() for c in short if c.isalpha()]
    folded = long.casefold()
    if not letters or not folded.startswith(letters[0]):
        return False
    position = 0
    for letter in letters:
        position = folded.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True


@lru_cache(maxsize=8)
def definitions(text: str) -> Definitions:
    """The abbreviations ``text`` defines next to a vocabulary form, each from its definition on.

    >>> d = definitions("Noradrenaline (NA) and dopamine (DA) matter. DA rises.")
    >>> sorted((short, concept.canonical) for short, concept in d.concepts.items())
    [('DA', 'dopamine'), ('NA', 'norepinephrine')]
    """
    concepts: dict[str, Concept] = {}
    since: dict[str, int] = {}
    matcher: PhraseMatcher[Concept] = PhraseMatcher()
    if "(" not in text:
        return Definitions(concepts, since, matcher)
    vocabulary_ = vocabulary()
    for match in _PARENTHESIS.finditer(text):
        inside = match.group(1)
        open_at = match.start()
        before = text[max(0, open_at - _LOOK_BACK) : open_at]
        before = before[before.rfind("\n") + 1 :]
        offset = open_at - len(before)
        short: str | None = None
        concept: Concept | None = None
        if is_abbreviation(inside):  # "norepinephrine (NE)"
            mentions = vocabulary_.find_plain(text, offset, open_at)
            last = mentions[-1] if mentions else None
            if last is not None and not text[last.end : open_at].strip():
                long = text[last.start : last.end]
                if abbreviates(inside, long) and long != inside:
                    short, concept = inside, last.concept
        else:  # "NE (norepinephrine)"
            word = _WORD_BEFORE.search(before)
            # The vocabulary is searched only after an abbreviation of the bracket's text:
            # most brackets ("(2019)", "(see below)") follow none.
            if word and is_abbreviation(word[1]) and abbreviates(word[1], inside):
                mentions = vocabulary_.find_plain(text, match.start(1), match.end(1))
                whole = len(mentions) == 1 and (mentions[0].start, mentions[0].end) == match.span(1)
                if whole:
                    short, concept = word[1], mentions[0].concept
                    open_at = offset + word.start(1)
        if short is None or concept is None or short in since:
            continue  # the first definition of an abbreviation holds
        matcher.add(short, concept, case_sensitive=True)
        concepts[short], since[short] = concept, open_at
    return Definitions(concepts, since, matcher)


@cache
def vocabulary() -> Vocabulary:
    """The packaged vocabulary, read once per process."""
    data = files(__package__).joinpath("data")
    text = data.joinpath(VOCABULARY_FILE).read_text(encoding="utf-8")
    not_entities = data.joinpath(NOT_ENTITIES_FILE).read_text(encoding="utf-8")
    return Vocabulary.from_tsv(text, not_entities)
