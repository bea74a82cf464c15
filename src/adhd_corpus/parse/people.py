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
    r"^(?P<person>[^,]{1,80}(?:,[^,]{1,30}){0,8}?),\s+(?P<roles>(?:author|reviewer)\b[^,]{0,60}?)"
    r"\s+for\s+\S",
    re.IGNORECASE,
)
MAX_BYLINE_CHARS = 200
"""Bylines are short; longer lines are never tried (and cannot make the regexes slow)."""
_BY = re.compile(
    r"^(?:(?P<reviewed>(?:medically\s+)?reviewed|fact[- ]checked)|(?:written|authored)?)"
    r"\s*by:?\s+(?P<person>[^|•·–—]+?)\s*(?:[|•·–—].*)?$",
    re.IGNORECASE,
)
_PRIVACY_OF = re.compile(r"\b(author|reviewer)['’]s\s+privacy\b", re.IGNORECASE)
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
    """A one-line byline: the person it names and their role, or None.

    Two shapes: this site's "Victoria Rowe, MSc, author for <site>", and the common
    "Medically reviewed by Dr. Jane Smith, MD" / "Written by Tom Hale, RN" / "By Jane
    Doe | Updated ...".
    """
    if len(text) > MAX_BYLINE_CHARS:
        return None
    match = _BYLINE.match(text)
    if match is not None:
        name = parse_name_line(match.group("person"))
        roles = match.group("roles").lower()
        role: Role = "reviewer" if "reviewer" in roles and "author" not in roles else "author"
        return (name, role) if name is not None else None
    match = _BY.match(text)
    if match is not None:
        name = parse_name_line(match.group("person").strip())
        role = "reviewer" if match.group("reviewed") else "author"
        return (name, role) if name is not None else None
    return None


def is_back_matter_start(lines: Sequence[Line], index: int) -> bool:
    """True when ``lines[index]`` begins the people section: a role label, or a name above one."""
    text = lines[index].text
    if role_of_label(text) is not None:
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
    from_label: bool
    bio: list[str] = field(default_factory=list)
    pseudonymous: bool = False
    closed: bool = False  # a disclaimer ends the bio


def _disclaimed(drafts: list[_Draft], text: str) -> _Draft | None:
    """The person a disclaimer is about: the one whose role it names, else the latest."""
    if not drafts:
        return None
    named = _PRIVACY_OF.search(text)
    if named is not None:
        role = named.group(1).lower()
        for draft in reversed(drafts):
            if draft.role == role:
                return draft
    return drafts[-1]


def parse_people(lines: Sequence[Line]) -> list[Person]:
    """People named by the lines around the body, in order of first mention, once each.

    A name line with a role label below it gives the person, role, bio (the lines up to
    the next disclaimer or person) and pseudonym flag (from the disclaimer about them);
    a one-line byline gives a person with no bio. A person named by both is described
    by the labelled block.
    """
    drafts: list[_Draft] = []
    current: _Draft | None = None
    index = 0
    while index < len(lines):
        text = lines[index].text
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        name = parse_name_line(text)
        label = role_of_label(following)
        byline = parse_byline(text)
        if name is not None and label is not None:
            current = _Draft(name, label, from_label=True)
            drafts.append(current)
            index += 2
            continue
        if byline is not None:
            drafts.append(_Draft(byline[0], byline[1], from_label=False))
            current = None
        elif is_disclaimer(text):
            about = _disclaimed(drafts, text)
            if about is not None:
                about.closed = True
                about.pseudonymous = about.pseudonymous or bool(_PSEUDONYM.search(text))
            current = None
        elif current is not None and not current.closed:
            current.bio.append(text)
        index += 1
    chosen: dict[str, _Draft] = {}
    for draft in drafts:
        pid = person_id(draft.name.name)
        if pid not in chosen or (draft.from_label and not chosen[pid].from_label):
            pseudonymous = draft.pseudonymous or (pid in chosen and chosen[pid].pseudonymous)
            draft.pseudonymous = pseudonymous
            chosen[pid] = draft
        else:
            chosen[pid].pseudonymous = chosen[pid].pseudonymous or draft.pseudonymous
    order = list(dict.fromkeys(person_id(d.name.name) for d in drafts))
    return [
        Person(
            id=pid,
            name=chosen[pid].name.name,
            honorific=chosen[pid].name.honorific,
            credentials=chosen[pid].name.credentials,
            role=chosen[pid].role,
            bio="\n\n".join(chosen[pid].bio) or None,
            pseudonymous=chosen[pid].pseudonymous,
        )
        for pid in order
    ]
