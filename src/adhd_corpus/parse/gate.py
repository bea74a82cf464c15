"""The claim gate's rules: what a body sentence is about when it is not a claim.

A claim is any factual statement about health, the body, the mind, medicines,
treatment or research, whatever the condition. The rules here name the sentences that
are something else, each from a lexicon in ``data/claim_gate.tsv`` (rule, match, cue):

- ``about_person``: who a person or an organisation is ("Dr. X is a consultant
  urologist ...", "She trained at ...", "CHADD, a US organisation, ...");
- ``is_editorial``: text about the page itself (editorial policy, disclaimers,
  "This page is for information only ...");
- ``is_news_line``: a dated news or event line ("In March 2023, X made a Freedom of
  Information request ...") or a bare date ("Updated 12 May 2024.");
- ``is_contact``: an address, postcode, email or telephone line;
- ``is_about_health``: the topic test, a word of health, the body, the mind,
  medicines, treatment or research: a listed word or phrase, a medical word stem
  ("cardi-", "psych-") or ending ("-itis", "-ectomy", the WHO INN drug stems such as
  "-statin"), minus listed exceptions ("April" is not an ACE inhibitor).

Each rule reads the sentence alone; none looks at other sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from .phrases import PhraseMatcher, Words, is_case_sensitive

GATE_FILE = "claim_gate.tsv"
_MIN_STEM = 3
"""A word must keep this many characters before a listed ending to count as having it."""


@dataclass(frozen=True, eq=False)
class GateLexicon:
    """The gate's cue lists, by rule."""

    phrases: dict[str, PhraseMatcher[str]] = field(default_factory=dict)
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    exceptions: frozenset[str] = frozenset()

    @classmethod
    def from_tsv(cls, text: str) -> GateLexicon:
        """Read the lexicon file's text (a header line, then ``rule, match, cue`` rows)."""
        phrases: dict[str, PhraseMatcher[str]] = {}
        prefixes: list[str] = []
        suffixes: list[str] = []
        exceptions: set[str] = set()
        rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
        for number, line in enumerate(rows[1:], start=2):
            rule, match, cue = line.split("\t")
            if match == "word":
                matcher = phrases.setdefault(rule, PhraseMatcher())
                matcher.add(cue, rule, case_sensitive=is_case_sensitive(cue))
            elif match == "prefix":
                prefixes.append(cue.casefold())
            elif match == "suffix":
                suffixes.append(cue.casefold())
            elif match == "except":
                exceptions.add(cue.casefold())
            else:
                raise ValueError(f"{GATE_FILE}: row {number}: unknown match {match!r}")
        return cls(phrases, tuple(prefixes), tuple(suffixes), frozenset(exceptions))

    def has(self, rule: str, words: Words, text: str) -> bool:
        """True when a cue of ``rule`` occurs in the text that ``words`` splits."""
        matcher = self.phrases.get(rule)
        return matcher is not None and next(matcher.find(text, words=words), None) is not None

    def first(self, rule: str, words: Words, text: str) -> tuple[int, int] | None:
        """The span of the first cue of ``rule``, or None."""
        matcher = self.phrases.get(rule)
        found = next(matcher.find(text, words=words), None) if matcher is not None else None
        return None if found is None else (found[0], found[1])

    def has_medical_word(self, words: Words) -> bool:
        """True when a word starts with a medical stem or ends with a medical ending."""
        for word in words.folded:
            if word in self.exceptions or not word[:1].isalpha():
                continue
            if word.startswith(self.prefixes):
                return True
            if any(
                word.endswith(end) and len(word) - len(end) >= _MIN_STEM for end in self.suffixes
            ):
                return True
        return False


@cache
def lexicon() -> GateLexicon:
    """The packaged gate lexicon, read once per process."""
    text = files(__package__).joinpath("data", GATE_FILE).read_text(encoding="utf-8")
    return GateLexicon.from_tsv(text)


def is_about_health(sentence: str) -> bool:
    """True when the sentence has a word of health, the body, the mind, medicines,
    treatment or research."""
    words = Words.of(sentence)
    return lexicon().has("topic", words, sentence) or lexicon().has_medical_word(words)


_HONORIFIC = r"(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx)\.?\s+"
_CAPITALISED = r"[A-Z][\w'’.-]*"
_NAME = rf"(?:{_HONORIFIC})?{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,3}}"
_SUBJECT = re.compile(rf"^(?P<name>{_NAME}|She|He)\b")
_APPOSITIVE = re.compile(rf"^{_NAME},\s+(?:a|an|the)\s+(?P<what>[^,]{{1,60}}),")
_IDENTITY = re.compile(r"^\s*(?:is|was)\s+(?:a|an|the)\s+(?P<what>.*)$")
_ADVERB = re.compile(r"^\s*(?:now|also|currently|previously|later|then)\b")
_ROLE_WINDOW = 4
"""A role noun must come within this many words of "is a" ("is a registered nurse")."""


_DETERMINERS = frozenset(
    ["A", "An", "The", "This", "That", "These", "Those", "Our", "Their", "Its"]
)


def _is_named(name: str) -> bool:
    """A person or organisation: an honorific, two capitalised words, an acronym or a pronoun."""
    if name in ("She", "He") or re.match(_HONORIFIC, name):
        return True
    tokens = name.split()
    if tokens[0] in _DETERMINERS:  # "The BDI" is a thing; "The Migraine Trust" a name
        return tokens[0] == "The" and len(tokens) >= 3
    return len(tokens) >= 2 or (len(name) >= 2 and name.isupper())


def about_person(sentence: str) -> bool:
    """True for a sentence about who a person or organisation is (a bio, not a claim)."""
    rules = lexicon()
    appositive = _APPOSITIVE.match(sentence)
    if appositive and rules.has("role_noun", Words.of(appositive["what"]), appositive["what"]):
        return True
    subject = _SUBJECT.match(sentence)
    if subject is None or not _is_named(subject["name"]):
        return False
    rest = sentence[subject.end() :]
    identity = _IDENTITY.match(rest)
    if identity:
        window = " ".join(identity["what"].split()[:_ROLE_WINDOW])
        if rules.has("role_noun", Words.of(window), window):
            return True
    adverb = _ADVERB.match(rest)
    rest = rest[adverb.end() :] if adverb else rest
    words = Words.of(rest)
    first = rules.first("bio_verb", words, rest)
    return first is not None and not rest[: first[0]].strip()


def is_editorial(sentence: str) -> bool:
    """True for text about the page itself: editorial policy, review notes, disclaimers."""
    return lexicon().has("editorial", Words.of(sentence), sentence)


_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:(?:{_DAY}\s+)?{_MONTH}(?:\s+{_DAY})?,?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+{_DAY})"
)
_DATE_OPENER = re.compile(
    rf"^(?:(?:in|on|by|since|during|as of|from|until|(?:in|by)\s+(?:early|late|mid)(?:-|\s+))\s*"
    rf"(?:{_DATE}|\d{{4}})|(?:last|this|earlier this|later that|that)\s+"
    rf"(?:year|month|week|spring|summer|autumn|fall|winter|{_MONTH}))\s*,",
    re.IGNORECASE,
)
_DATE_ANYWHERE = re.compile(_DATE, re.IGNORECASE)
_DIGIT = re.compile(r"\d")
"""Every form of ``_DATE`` has a digit: a sentence without one skips the slow case-blind search."""
_MAX_DATE_LABEL_WORDS = 3
"""A bare date line: the date and at most this many other words ("Last updated on")."""


def is_news_line(sentence: str) -> bool:
    """True for a dated news or event line, or a line that is only a date."""
    rules = lexicon()
    date = _DATE_ANYWHERE.search(sentence) if _DIGIT.search(sentence) else None
    if date is not None:
        others = re.findall(r"[A-Za-z]+", sentence[: date.start()] + sentence[date.end() :])
        if len(others) <= _MAX_DATE_LABEL_WORDS:
            return True
    if _DATE_OPENER.match(sentence) is None:
        return False
    words = Words.of(sentence)
    return rules.has("news_verb", words, sentence) and not rules.has("finding", words, sentence)


_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b")
_US_ZIP = re.compile(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b")
_STREET = re.compile(
    r"\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|"
    r"Drive|Way|Boulevard|Blvd|Place|Square|Court|Close|Crescent|Terrace|Parkway|Highway)\b"
)
_PHONE = re.compile(r"(?<![\w.:;/])\+?\(?\d[\d ()-]{7,}\d(?![\w.:;/]\d)")
_MIN_PHONE_DIGITS = 9
_CONTACT_CHAR = re.compile(r"[\d@]")
"""Every contact pattern needs a digit or an "@": a sentence with neither skips the five
searches that try every position (most body sentences have neither)."""


def is_contact(sentence: str) -> bool:
    """True for an address, postcode, email address or telephone line."""
    if _CONTACT_CHAR.search(sentence) is None:
        return False
    if _EMAIL.search(sentence) or _UK_POSTCODE.search(sentence) or _US_ZIP.search(sentence):
        return True
    if _STREET.search(sentence):
        return True
    phone = _PHONE.search(sentence)
    has_phone = phone is not None and sum(c.isdigit() for c in phone[0]) >= _MIN_PHONE_DIGITS
    return has_phone and lexicon().has("contact", Words.of(sentence), sentence)
