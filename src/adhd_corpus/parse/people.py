"""Authors and reviewers from the back matter: name lines, role labels, bios, disclaimers.

The site prints, for each person, an optional byline ("Victoria Rowe, MSc, author
for ..."), a name line ("Dr. Rebecca Fernandez, MBBS"), a role label ("Author" or
"Reviewer"), a bio, and a disclaimer that may say a pseudonym is used for them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..models import Person, Role
from .lines import Line

_HONORIFIC = re.compile(r"^(?P<h>Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Mx)\.?\s+(?=\S)")
_NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,4}$")
_CREDENTIAL = re.compile(
    r"^(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z][a-z]+[A-Z]\w*)(?:\([A-Za-z]+\))?\.?$"
)
_ROLE_LABEL = re.compile(
    r"^(?:(?:medical(?:ly)?\s+)?(?P<reviewer>reviewer|reviewed\s+by)|(?P<author>author|written\s+by))"
    r"\s*:?$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?P<person>[^,]+(?:,\s*[^,]+)*?),\s+(?P<roles>(?:author|reviewer)\b[^,]*?)\s+for\s+\S",
    re.IGNORECASE,
)
_PSEUDONYM = re.compile(r"\bpseudonym", re.IGNORECASE)
_DISCLAIMER = re.compile(
    r"\bpseudonyms?\b|\bverified by our editorial\b|^disclaimer\b|"
    r"\bnot (?:a substitute for|intended as) (?:professional )?medical advice\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NameLine:
    """A parsed "Dr. Name Surname, CRED, CRED" line."""

    honorific: str | None
    name: str
    credentials: list[str]


def parse_name_line(text: str) -> NameLine | None:
    """Honorific, name and post-nominal credentials, or None when the text is not a name line."""
    parts = [p.strip() for p in text.split(",")]
    head = parts[0]
    honorific = None
    match = _HONORIFIC.match(head)
    if match:
        honorific = match.group("h") + (
            "." if match.group("h") not in ("Miss", "Professor") else ""
        )
        head = head[match.end() :]
    if not _NAME.match(head):
        return None
    credentials = [token for part in parts[1:] for token in part.split()]
    if not all(_CREDENTIAL.match(c) for c in credentials):
        return None
    return NameLine(honorific, head, [c.rstrip(".") for c in credentials])


def person_id(name: str) -> str:
    """A stable id from a name: ASCII, lowercase, hyphenated ("rebecca-fernandez")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def role_of_label(text: str) -> Role | None:
    """The role a label line names ("Author", "Medical Reviewer", ...), if it is one."""
    match = _ROLE_LABEL.match(text)
    if match is None:
        return None
    return "reviewer" if match.group("reviewer") else "author"


def parse_byline(text: str) -> tuple[NameLine, Role] | None:
    """A byline such as "Victoria Rowe, MSc, author for <site>": the person and role."""
    match = _BYLINE.match(text)
    if match is None:
        return None
    name = parse_name_line(match.group("person"))
    if name is None:
        return None
    roles = match.group("roles").lower()
    return name, ("reviewer" if "reviewer" in roles and "author" not in roles else "author")


def is_back_matter_start(lines: Sequence[Line], index: int) -> bool:
    """True when ``lines[index]`` begins the people section (byline, name + label, or label)."""
    text = lines[index].text
    if parse_byline(text) is not None or role_of_label(text) is not None:
        return True
    following = lines[index + 1].text if index + 1 < len(lines) else ""
    return parse_name_line(text) is not None and role_of_label(following) is not None


def is_disclaimer(text: str) -> bool:
    """True for editorial disclaimers (qualifications, pseudonyms, not medical advice)."""
    return _DISCLAIMER.search(text) is not None


@dataclass
class _Draft:
    name: NameLine
    role: Role
    bio: list[str] = field(default_factory=list)
    pseudonymous: bool = False
    closed: bool = False  # a disclaimer ends the bio


def parse_people(lines: Sequence[Line]) -> list[Person]:
    """People from the back matter, in order; a person named twice is kept once."""
    drafts: list[_Draft] = []
    bylines: list[tuple[NameLine, Role]] = []
    current: _Draft | None = None
    index = 0
    while index < len(lines):
        text = lines[index].text
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        name = parse_name_line(text)
        label = role_of_label(following)
        byline = parse_byline(text)
        if name is not None and label is not None:
            current = _Draft(name, label)
            drafts.append(current)
            index += 2
            continue
        if byline is not None:
            bylines.append(byline)
            current = None
        elif is_disclaimer(text):
            if current is not None:
                current.closed = True
                current.pseudonymous = current.pseudonymous or bool(_PSEUDONYM.search(text))
        elif current is not None and not current.closed:
            current.bio.append(text)
        index += 1
    if not drafts:  # a page with bylines only
        drafts = [_Draft(name, role) for name, role in bylines]
    people: dict[str, Person] = {}
    for draft in drafts:
        pid = person_id(draft.name.name)
        people.setdefault(
            pid,
            Person(
                id=pid,
                name=draft.name.name,
                honorific=draft.name.honorific,
                credentials=draft.name.credentials,
                role=draft.role,
                bio="\n\n".join(draft.bio) or None,
                pseudonymous=draft.pseudonymous,
            ),
        )
    return list(people.values())
