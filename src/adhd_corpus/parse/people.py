"""Authors, reviewers, fact checkers and editors: bylines, name lines, role labels, bios.

The seed site prints, for each person, an optional byline ("Victoria Rowe, MSc,
author for ..."), a name line ("Dr. Rebecca Fernandez, MBBS"), a role label ("Author"
or "Reviewer"), a bio, and a disclaimer that may say a pseudonym is used for them.
Other sites print, at the top or the bottom, "Medically reviewed by X, MD", "Fact
checked by X", "Written by: X, PhD", "By X | Updated ...", "The article was medically
reviewed by Dr. X, ...", a role label above a name line ("About the Author"), or a name
line followed by a bio ("X is a pharmacologist ..."). A name in the body (a quotation,
a historical figure) is never a person: only whole lines of these shapes are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from ..models import Person, Role, RoleDetail
from .chrome import chrome_rule
from .lines import Line
from .memo import per_article
from .prefilter import fold, holds_any, needs_any

_HONORIFIC = re.compile(r"^(?P<h>Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Mx)\.?\s+(?=\S)")
_NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,4}$")
_CREDENTIAL = re.compile(
    r"^(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z][a-z]+[A-Z]\w*)(?:-[A-Z]{1,3})?(?:\([A-Za-z]+\))?$"
)
"""A post-nominal once its dots are gone: MBBS, PhD, MRCPsych, FNP-BC, FRCPsych(Hon)."""
_SPACED_CREDENTIAL = re.compile(
    r"^(?:(?:Adv|Grad|PG|Postgrad|Higher|Nat)\.?\s+)?(?:Dip|Cert)\.?\s+[A-Z][A-Za-z]*(?:\s+[A-Z][A-Za-z]*)?$"
)
"""A diploma or certificate written in two words ("Dip DH", "Cert Ed", "PG Dip Couns"):
one post-nominal, not two tokens of which "Dip" is none."""
_ROLE_LABEL = re.compile(
    r"^(?:about\s+the\s+|meet\s+the\s+|our\s+)?"
    r"(?:(?:medical(?:ly)?\s+|clinical(?:ly)?\s+)?(?P<reviewer>reviewer|reviewed\s+by)|"
    r"(?P<fact_checker>fact[- ]checker|fact[- ]checked\s+by)|(?P<editor>editor|edited\s+by)|"
    r"(?P<author>author|writer|written\s+by))"
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
    r"^(?:(?P<verb>(?:medically\s+|clinically\s+)?reviewed|fact[- ]checked|edited|written|"
    r"authored|answered|compiled|prepared)\s+|"
    r"(?:posted|published|updated)(?:\s+on\s+[\w ,]{4,30}?)?\s+)?"
    r"by:?\s+(?P<person>[^|•·–—]+?)\s*(?:[|•·–—].*)?$",
    re.IGNORECASE,
)
_LABELLED_BY = re.compile(
    r"^(?P<label>(?:medical\s+|clinical\s+)?(?:author|writer|reviewer|review|fact[- ]checker|"
    r"editor))s?\s*:\s*(?P<person>[^|•·–—]+?)\s*(?:(?:[|•·–—]|\s-\s).*)?$",
    re.IGNORECASE,
)
"""A role label, a colon, a name: "Author: X", "Medical Review: Dr. X, MD - Pediatrics"."""
_SIGNATURE = re.compile(r"^(?:[—–]|--)\s*(?P<person>[^,]{1,60}(?:,[^,]{1,40}){0,4})$")
"""A signature under an answer: "— Dr. X, pediatrician"; the author."""
_SENTENCE_BY = re.compile(
    r"^(?:this|the)\s+(?:article|page|content|post|information|factsheet|fact\s+sheet|leaflet|"
    r"booklet|guide|information\s+sheet|publication)\s+(?:was|has\s+been|is)\s+"
    r"(?=.*\bby\s)",
    re.IGNORECASE,
)
_SENTENCE_CLAUSE = re.compile(
    r"(?P<verb>(?:medically\s+|clinically\s+)?reviewed|fact[- ]checked|edited|written)"
    r"(?:\s+for\s+accuracy)?\s+by\s+(?P<person>.+?)"
    r"(?=\s+and\s+(?:(?:medically|clinically)\s+)?(?:reviewed|fact|edited|written)\b|\.?$)",
    re.IGNORECASE,
)
"""One "<verb> by <person>" clause of a sentence byline ("... written by X and reviewed by Y")."""
_SPLIT_BYLINES = re.compile(
    r"(?:[,;]|\s[|•·–—])\s+(?=(?:and\s+)?(?:(?:medically\s+|clinically\s+)?reviewed|"
    r"fact[- ]checked|edited|written)\s+by\b)",
    re.IGNORECASE,
)
_META_SEPARATOR = re.compile(r"\s+[|•·]\s+")
_META_REASONS = frozenset({"date line", "reading time"})
"""Chrome reasons of the page metadata that may follow a name with no "by" in a byline."""
_PLAIN_NAME = re.compile(
    r"^(?:(?:Dr|Prof)\.?\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,2}$"
)
"""A name as a byline without "by" prints it: two or three capitalised words ("Sam Rivera")."""
_ABOUT = re.compile(
    r"^(?i:about|more\s+about|meet)\s+(?P<who>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s*:?$"
)
_BIO_VERB = (
    r"(?:is|was|has|holds|works|writes|leads|trained|specialises|specializes|"
    r"qualified|graduated|studied|joined|founded|runs|teaches|lectures|practises|practices)\b"
)
"""How a bio opens after the name: who the person is, and the career verbs ("qualified
from", "graduated in", "joined the practice") of a practitioner's profile."""
_PRIVACY_OF = re.compile(r"\b(author|reviewer)['’]s\s+privacy\b", re.IGNORECASE)
_PSEUDONYM = re.compile(r"\bpseudonym", re.IGNORECASE)
_DISCLAIMER = re.compile(
    # One "\b" before the alternatives, not one in each: the search is 2.5x faster.
    r"\b(?:pseudonyms?\b|verified by our editorial\b|"
    r"names (?:have been|were|are) changed\b|shared with (?:their )?permission\b|"
    r"not (?:a substitute for|intended as) (?:professional )?medical advice\b|"
    r"editorial (?:policy|process|standards|guidelines)\b|"
    r"(?:do(?:es)?\s+not|do(?:es)?n['’]t|is\s+not\s+meant\s+to|cannot)\s+"
    r"(?:replace|substitute\s+for)\s+(?:the\s+)?(?:(?:personal|professional|medical|individual)\s+)?"
    r"(?:advice|care|guidance)\s+(?:of|from)\b|"
    r"work\s+for,\s+consult\b|own\s+shares\s+in\b|has\s+no\s+(?:relevant\s+)?(?:affiliations|"
    r"conflicts?\s+of\s+interest)\b)|"
    r"^(?:disclaimer|disclosures?(?:\s+statement)?|(?:conflicts?\s+of|competing)\s+interests?)\b",
    re.IGNORECASE,
)


# What a line needs for a test to match, to rule most lines out without the regexes
# (prefilter.needs reads it from the patterns). A byline matches one of the first four
# shapes, or a clause of it matches _BY, or _META_SEPARATOR parts a name and metadata.
_DISCLAIMER_NEEDS = needs_any([_DISCLAIMER])
_BYLINE_NEEDS = needs_any([_BYLINE, _LABELLED_BY, _SIGNATURE, _SENTENCE_BY, _BY, _META_SEPARATOR])


@dataclass(frozen=True)
class NameLine:
    """A parsed "Dr. Name Surname, CRED, CRED" line."""

    honorific: str | None
    name: str
    credentials: list[str]


@per_article  # the page passes ask about each line several times
def parse_name_line(text: str) -> NameLine | None:
    """Honorific, name and post-nominal credentials, or None when the text is not a name line.

    >>> parse_name_line("Owen Price, M.A.").credentials
    ['MA']
    """
    head = text.split(",", 1)[0].strip()  # the name first: most lines fail it, unsplit
    honorific = None
    match = _HONORIFIC.match(head)
    if match:
        honorific = match.group("h") + (
            "." if match.group("h") not in ("Miss", "Professor") else ""
        )
        head = head[match.end() :]
    if not _NAME.match(head):
        return None
    parts = [p.strip() for p in text.split(",")]
    credentials = [
        token.replace(".", "")
        for part in parts[1:]
        for token in ([part] if _SPACED_CREDENTIAL.match(part) else part.split())
    ]
    if not all(_CREDENTIAL.match(c) or _SPACED_CREDENTIAL.match(c) for c in credentials):
        return None
    return NameLine(honorific, head, credentials)


def person_id(name: str) -> str:
    """A stable id from a name: ASCII, lowercase, hyphenated ("rebecca-fernandez")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def role_of_label(text: str) -> RoleDetail | None:
    """The role a label line names ("Author", "Medical Reviewer", "About the Editor"), if any."""
    match = _ROLE_LABEL.match(text)
    if match is None:
        return None
    for role in ("reviewer", "fact_checker", "editor"):
        if match.group(role):
            return role
    return "author"


def coarse_role(role: RoleDetail) -> Role:
    """The contract's role: fact checkers and editors check the text, so 'reviewer'."""
    return "author" if role == "author" else "reviewer"


def _role_of_verb(verb: str | None) -> RoleDetail:
    verb = (verb or "").lower()
    if "review" in verb:
        return "reviewer"
    if "fact" in verb:
        return "fact_checker"
    if "edit" in verb:
        return "editor"
    return "author"


_NOT_A_PERSON = re.compile(
    r"\b(?:staff|team|editors|editorial|desk|department|newsroom|services?|clinic|hospital|"
    r"foundation|association|society|trust|council|network|media|health|magazine|group)$",
    re.IGNORECASE,
)
"""Last words that make a byline name a team or an organisation ("Communications Staff")."""


def _longest_name(text: str) -> NameLine | None:
    """The name line that the most leading comma-separated parts of ``text`` make, if any:
    "Dr. X, FRCS, a consultant urologist" -> Dr. X, FRCS."""
    parts = text.split(",")
    for count in range(len(parts), 0, -1):
        name = parse_name_line(",".join(parts[:count]).strip())
        if name is not None:
            return None if _NOT_A_PERSON.search(name.name) else name
    return None


def _name_with_meta(text: str) -> list[tuple[NameLine, RoleDetail]]:
    """A byline with no "by": a name, perhaps with credentials or a job title, then page
    metadata ("Sam Rivera, ADHD coach | 9 min read | Updated Jan 5, 2025"): the author."""
    parts = _META_SEPARATOR.split(text)
    if len(parts) < 2 or not _PLAIN_NAME.match(parts[0].split(",")[0].strip()):
        return []
    for part in parts[1:]:
        rule = chrome_rule(part)
        if rule is None or rule.reason not in _META_REASONS:
            return []
    name = _longest_name(parts[0])
    return [(name, "author")] if name is not None else []


def about_label(text: str, known: Collection[str]) -> bool:
    """True for "About Sam" or "Meet Sam Rivera" above the bio of a person a byline named
    (``known`` full names), by full or first name.

    >>> about_label("About Sam", ["Sam Rivera"]), about_label("About ADHD", ["Sam Rivera"])
    (True, False)
    """
    match = _ABOUT.match(text)
    return match is not None and any(match.group("who") in (n, n.split()[0]) for n in known)


@per_article  # the page passes ask about each line several times
def parse_bylines(text: str) -> list[tuple[NameLine, RoleDetail]]:
    """Every person a one-line byline names, with their role; [] when it is not a byline.

    >>> [(n.name, r) for n, r in parse_bylines("Reviewed by Ann Lee, MD, written by Bo Kim")]
    [('Ann Lee', 'reviewer'), ('Bo Kim', 'author')]
    """
    if len(text) > MAX_BYLINE_CHARS or not holds_any(fold(text), _BYLINE_NEEDS):
        return []
    match = _BYLINE.match(text)
    if match is not None:
        name = parse_name_line(match.group("person"))
        roles = match.group("roles").lower()
        role: RoleDetail = "reviewer" if "reviewer" in roles and "author" not in roles else "author"
        return [(name, role)] if name is not None else []
    match = _LABELLED_BY.match(text)
    if match is not None:
        name = _longest_name(match.group("person"))  # "Author: Wellpath Staff" names nobody
        label = match.group("label").lower()
        role = "reviewer" if label.endswith("review") else role_of_label(label) or "author"
        return [(name, role)] if name is not None else []
    match = _SIGNATURE.match(text)
    if match is not None:
        name = _longest_name(match.group("person"))
        signed = name is not None and (name.honorific or name.credentials or "," in text)
        return [(name, "author")] if name is not None and signed else []
    match = _SENTENCE_BY.match(text)
    if match is not None:
        found = []
        for found_clause in _SENTENCE_CLAUSE.finditer(text, match.end()):
            name = _longest_name(found_clause.group("person"))
            if name is not None:  # "written by our editorial team" names nobody
                found.append((name, _role_of_verb(found_clause.group("verb"))))
        return found
    found = []
    for clause in _SPLIT_BYLINES.split(text):
        match = _BY.match(re.sub(r"^and\s+", "", clause.strip(), flags=re.IGNORECASE))
        if match is None:
            return _name_with_meta(text)
        person = match.group("person").strip()
        if _NOT_A_PERSON.search(person.split(",")[0]):
            continue  # "Written by Communications Staff | Reviewed by Dr. X": X only
        # "Dr. Paul Mendez, MD, psychiatrist": the name and credentials, not the job title
        name = _longest_name(person)
        if name is None:
            return []
        found.append((name, _role_of_verb(match.group("verb"))))
    return found


def names_team(text: str) -> bool:
    """True for a byline of a shape this module reads that names a team or an organisation,
    not a person ("Author: Wellpath Staff", "Written by the Editorial Team")."""
    if len(text) > MAX_BYLINE_CHARS:
        return False
    match = _LABELLED_BY.match(text) or _BY.match(text)
    return (
        match is not None and _NOT_A_PERSON.search(match.group("person").split(",")[0]) is not None
    )


def parse_byline(text: str) -> tuple[NameLine, RoleDetail] | None:
    """The first person a one-line byline names and their role, or None.

    The shapes: this site's "Victoria Rowe, MSc, author for <site>"; the common
    "Medically reviewed by Dr. Jane Smith, MD" / "Written by: Tom Hale, RN" / "Fact
    checked by X" / "Edited by X" / "By Jane Doe | Updated ..." / "Author: X, PharmD";
    and the sentence "The article was medically reviewed by Dr. X, ...".
    """
    found = parse_bylines(text)
    return found[0] if found else None


def is_sentence_byline(text: str) -> bool:
    """True for a byline written as a sentence, which is also the person's bio."""
    return len(text) <= MAX_BYLINE_CHARS and _SENTENCE_BY.match(text) is not None


def is_bio_of(name: NameLine, text: str, *, by_first_name: bool = False) -> bool:
    """True when ``text`` opens like a bio of ``name``: "Marcus Webb is ...", "Dr. Webb has ...".

    The full name, or an honorific and the surname; the first name alone ("Grace is ...")
    only with ``by_first_name``, for a person a byline has already named, or "Dopamine
    Basics" above "Dopamine is a neurotransmitter" would read as a person and a bio.
    """
    parts = name.name.split()
    # Every form holds the surname (or the first name): most lines hold neither, and the
    # test is cheaper than building the pattern.
    if parts[-1] not in text and not (by_first_name and parts[0] in text):
        return False
    honorific = r"(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx)\.?\s+"
    who = rf"(?:(?:{honorific})?{re.escape(name.name)}|{honorific}{re.escape(parts[-1])}"
    who += rf"|{re.escape(parts[0])})" if by_first_name else ")"
    return re.match(rf"{who}\s+{_BIO_VERB}", text) is not None


def follows_as_bio(byline: str, text: str) -> bool:
    """True when ``text``, the line under a byline, is the bio of a person it names."""
    return any(is_bio_of(name, text) for name, _ in parse_bylines(byline))


def is_back_matter_start(lines: Sequence[Line], index: int, known: Collection[str] = ()) -> bool:
    """True when ``lines[index]`` begins the people section: a role label, "About <name>"
    for a ``known`` name, a name above a role label, or a name line with the person's bio
    under it (by first name for ``known`` names)."""
    text = lines[index].text
    if role_of_label(text) is not None or about_label(text, known):
        return True
    following = lines[index + 1].text if index + 1 < len(lines) else ""
    name = parse_name_line(text)
    if name is None:
        return False
    bio = is_bio_of(name, following, by_first_name=name.name in known)
    return role_of_label(following) is not None or bio


@per_article  # the page passes ask about each line several times
def is_disclaimer(text: str) -> bool:
    """True for editorial disclaimers (qualifications, pseudonyms, not medical advice)."""
    return holds_any(fold(text), _DISCLAIMER_NEEDS) and _DISCLAIMER.search(text) is not None


@dataclass
class _Draft:
    name: NameLine
    role: RoleDetail
    rank: int  # 2: a name with a role label, 1: a byline, 0: a name with a bio only
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


def _merge(drafts: list[_Draft]) -> Person:
    """One person from every mention of them: the role of the best-ranked mention, the
    name line with the most credentials, the first bio of the best-ranked mentions."""
    by_rank = sorted(drafts, key=lambda d: -d.rank)
    role_from = by_rank[0]
    name = max(drafts, key=lambda d: (len(d.name.credentials), d.rank)).name
    honorific = name.honorific or next((d.name.honorific for d in drafts if d.name.honorific), None)
    bio = next((d.bio for d in by_rank if d.bio), [])
    return Person(
        id=person_id(name.name),
        name=name.name,
        honorific=honorific,
        credentials=name.credentials,
        role=coarse_role(role_from.role),
        role_detail=role_from.role,
        bio="\n\n".join(bio) or None,
        pseudonymous=any(d.pseudonymous for d in drafts),
    )


def parse_people(lines: Sequence[Line]) -> list[Person]:
    """People named by the lines around the body, in order of first mention, once each.

    A name line with a role label below or above it gives the person, role, bio (the
    lines up to the next disclaimer or person) and pseudonym flag (from the disclaimer
    about them); a name line with a bio under it gives an author (unless a byline names
    their role); a byline gives a person whose bio is the line under it when that
    reads as their bio, or the byline itself when it is a sentence.
    """
    drafts: list[_Draft] = []
    current: _Draft | None = None
    index = 0
    while index < len(lines):
        text = lines[index].text
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        name = parse_name_line(text)
        label = role_of_label(following)
        above = role_of_label(text)
        named_below = parse_name_line(following)
        if name is not None and label is not None:
            current = _Draft(name, label, rank=2)
            drafts.append(current)
            index += 2
            continue
        if above is not None and named_below is not None:
            current = _Draft(named_below, above, rank=2)
            drafts.append(current)
            index += 2
            continue
        known = name is not None and any(d.name.name == name.name for d in drafts)
        if name is not None and is_bio_of(name, following, by_first_name=known):
            current = _Draft(name, "author", rank=0)
            drafts.append(current)
            index += 1
            continue
        bylines = parse_bylines(text)
        if bylines:
            new = [_Draft(n, role, rank=1) for n, role in bylines]
            drafts.extend(new)
            current = None
            if is_sentence_byline(text):
                new[0].bio.append(text)
            elif any(is_bio_of(d.name, following) for d in new):
                current = next(d for d in new if is_bio_of(d.name, following))
        elif is_disclaimer(text):
            about = _disclaimed(drafts, text)
            if about is not None:
                about.closed = True
                about.pseudonymous = about.pseudonymous or bool(_PSEUDONYM.search(text))
            current = None
        elif (about := next((d for d in drafts if is_bio_of(d.name, text)), None)) is not None:
            about.bio.append(text)  # a bio apart from the byline, e.g. at the page's foot
            current = about
        elif current is not None and not current.closed:
            current.bio.append(text)
        index += 1
    grouped: dict[str, list[_Draft]] = {}
    for draft in drafts:
        grouped.setdefault(person_id(draft.name.name), []).append(draft)
    return [_merge(group) for group in grouped.values()]
