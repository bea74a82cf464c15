"""Stance: whether the article states a claim as its own or to refute or report it.

"Myth 2: ADHD is not a real disorder" is on the page to be refuted; "Some people
believe that sugar causes ADHD" reports a belief the page does not hold. Such claims
are published with ``asserted: false`` and their frame ('myth', 'misconception',
'reported'); the article's own statements have ``asserted: true`` and frame
'asserted' (never null, so null keeps meaning "an older release that did not say").
"Contrary to popular belief, X" asserts X and is not framed.

The rules are rows of ``data/stance.tsv``: *labels* ("Myth 1:", "Fact:", "Q:",
"A:") are cut from the sentence span and their frame holds for the rest of their
line; *openings* ("It is a misconception that", "Critics claim") frame one sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Literal, cast, get_args

from ..models import Frame

STANCE_FILE = "stance.tsv"
LabelFrame = Frame | Literal["question"]


@dataclass(frozen=True)
class StanceRule:
    """One row of the stance rules."""

    kind: Literal["label", "opening"]
    frame: LabelFrame
    name: str
    pattern: re.Pattern[str]


def read_rules(text: str) -> tuple[StanceRule, ...]:
    """Parse the rules file's text: '#' comments, a header row, then tab-separated rows."""
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    if not rows or rows[0].split("\t") != ["kind", "frame", "name", "pattern"]:
        raise ValueError(f"{STANCE_FILE}: the header must be 'kind, frame, name, pattern'")
    rules = []
    for row in rows[1:]:
        kind, frame, name, pattern = row.split("\t")
        if kind not in ("label", "opening"):
            raise ValueError(f"{STANCE_FILE}: rule {name}: unknown kind {kind!r}")
        if frame not in (*get_args(Frame), "question"):
            raise ValueError(f"{STANCE_FILE}: rule {name}: unknown frame {frame!r}")
        rules.append(
            StanceRule(
                cast(Literal["label", "opening"], kind),
                cast(LabelFrame, frame),
                name,
                re.compile(pattern, re.IGNORECASE),
            )
        )
    return tuple(rules)


@cache
def rules() -> tuple[StanceRule, ...]:
    """The packaged stance rules, read once."""
    return read_rules((files(__package__) / "data" / STANCE_FILE).read_text(encoding="utf-8"))


def line_label(sentence: str) -> tuple[int, LabelFrame] | None:
    """The length and frame of a label opening ``sentence`` ("Myth 1: "), or None.

    >>> line_label("Myth 2: ADHD is not a real disorder")
    (8, 'myth')
    """
    for rule in rules():
        if rule.kind != "label" or (match := rule.pattern.match(sentence)) is None:
            continue
        if match.end() < len(sentence):  # a label with nothing after it labels nothing
            return match.end(), rule.frame
    return None


def is_bare_label(line: str) -> bool:
    """True for a line that is only a label ("Question:", "Answer:", "Myth 3:"): it heads
    the lines under it.

    >>> is_bare_label("Question:"), is_bare_label("Question: is it safe?")
    (True, False)
    """
    return bare_label_frame(line) is not None


def bare_label_frame(line: str) -> LabelFrame | None:
    """The frame of a line that is only a label, or None: "question" under "Question:",
    whose section holds the reader's words, not the page's.

    >>> bare_label_frame("Question:"), bare_label_frame("Answer:")
    ('question', 'asserted')
    """
    return next(
        (
            rule.frame
            for rule in rules()
            if rule.kind == "label" and rule.pattern.fullmatch(line.strip() + " ") is not None
        ),
        None,
    )


def frame_of(sentence: str, carried: Frame = "asserted") -> Frame:
    """The frame of a claim sentence, given the frame its line's label carries.

    >>> frame_of("Critics claim that ADHD is overdiagnosed.")
    'reported'
    >>> frame_of("ADHD is a neurodevelopmental disorder.")
    'asserted'
    """
    if carried != "asserted":
        return carried
    for rule in rules():
        if rule.kind == "opening" and rule.pattern.match(sentence) and rule.frame != "question":
            return rule.frame
    return "asserted"
