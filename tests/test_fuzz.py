"""Fuzzing the parser: any text gives a valid record with exact spans, or a ParseError.

``parse_article`` is fed arbitrary Unicode (control characters and very long lines
included), real articles mutated line by line, and arbitrary bytes pushed through
``sources.decode`` first, as the build does. Whatever comes in, exactly two outcomes
are allowed: an Article that validates against the published JSON Schema and whose
every span slices the raw text to its recorded text, or a ``ParseError``. Anything
else (a pydantic ValidationError, an IndexError, a hang) is a bug; add the input to
``tests/fixtures/regressions/`` so it stays fixed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES, RAW
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adhd_corpus.errors import ParseError, Problem
from adhd_corpus.models import Article, Claim, Cue, Entity, Sentence, Source
from adhd_corpus.parse import parse_article
from adhd_corpus.sources import RawText, decode
from adhd_corpus.validate import schema_problems

REAL = [path.read_text(encoding="utf-8") for path in sorted(RAW.glob("*.txt"))]
REGRESSIONS = FIXTURES / "regressions"
FUZZ = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Every code point but surrogates (a str from a decoded file can never hold one):
# control characters, format characters, private use, unassigned, combining marks.
CHARACTERS = st.characters(exclude_categories=["Cs"])
# Characters the parser treats specially, drawn often so they meet each other.
SPECIAL = st.sampled_from(
    list("\n\r\t .!?;:,()[]{}\"'“”‘’•·*–-—…\u00a0\u2028\u2029\u200b\ufeff\x85\x00\x0b\x0c")
)
LINES = [
    "Table of Contents",
    "Print",
    "ADHD and Dopamine",
    "Dopamine may affect focus in ADHD.",
    "Stimulants such as methylphenidate increase dopamine in the prefrontal cortex.",
    "Discuss any supplement with your GP.",
    "Read our complete guide to dopamine.",
    "Visit providers like ADHD Certify for expert consultations.",
    "Dr. Rebecca Fernandez, MBBS, reviewer for my patient advice",
    "Victoria Rowe, MSc",
    "Author",
    "• Dopamine may not improve sleep.",
    "1) Norepinephrine is thought to regulate alertness.",
    "Disclaimer: this article is not medical advice.",
    "A pseudonym is used for this author.",
]
# Words the claim, certainty, entity and people rules react to, for sentences that get that far.
WORDS = (
    "ADHD dopamine norepinephrine serotonin methylphenidate stimulants prefrontal cortex fMRI "
    "omega-3 iron may might could suggests is thought to is believed to strongly proven not no "
    "without causes increases is linked to reduces Dr. Prof. MBBS MSc PhD author reviewer "
    "e.g. i.e. U.K. ( ) [ ] , . ; : ! ? “ ” ‘ ’ • 1) — providers like read our complete guide to"
).split(" ")


def source_for(text: str, name: str = "x.txt") -> Source:
    data = text.encode("utf-8", "surrogatepass")
    return Source(path=name, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))


def spans(article: Article) -> Iterator[tuple[str, Claim | Sentence | Entity | Cue]]:
    """Every span an Article records, with a label saying where it sits."""
    for i, claim in enumerate(article.claims):
        yield f"claims[{i}]", claim
        cues = {
            "hedges": claim.hedges,
            "boosters": claim.boosters,
            "negations": claim.negations,
            "relations": claim.relations,
        }
        for j, entity in enumerate(claim.entities):
            yield f"claims[{i}].entities[{j}]", entity
        for kind, found in cues.items():
            for j, cue in enumerate(found or []):
                yield f"claims[{i}].{kind}[{j}]", cue
    for i, sentence in enumerate(article.non_claims or []):
        yield f"non_claims[{i}]", sentence


def check_parse(text: str, name: str = "x.txt") -> Article | None:
    """Parse ``text``: an Article that validates with exact spans, or None on ParseError.

    Any other exception propagates and fails the test.
    """
    try:
        article = parse_article(text, source=source_for(text, name))
    except ParseError as exc:
        assert exc.reason, "a ParseError says why"
        return None
    assert schema_problems(article.model_dump(mode="json"), file="x", line=None) == []
    for where, span in spans(article):
        assert text[span.start : span.end] == span.text, where
    return article


# --- strategies ---------------------------------------------------------------------------


def long_lines() -> st.SearchStrategy[str]:
    """Lines of thousands of characters: one piece repeated, or a real sentence repeated."""
    piece = st.text(CHARACTERS, min_size=1, max_size=12)
    return st.one_of(
        st.tuples(piece, st.integers(200, 1500)).map(lambda t: t[0] * t[1]),
        st.tuples(st.sampled_from(LINES), st.integers(20, 150)).map(
            lambda t: " ".join([t[0]] * t[1])
        ),
    )


def arbitrary_texts() -> st.SearchStrategy[str]:
    """Unstructured Unicode, and line-structured text made of random and telling lines."""
    line = st.one_of(
        st.text(CHARACTERS, max_size=80),
        st.text(SPECIAL, max_size=20),
        st.sampled_from(LINES),
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join),
        long_lines(),
    )
    newline = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\n \n"])
    structured = st.lists(st.tuples(line, newline), max_size=25).map(
        lambda parts: "".join(text + end for text, end in parts)
    )
    return st.one_of(st.text(CHARACTERS, max_size=500), structured)


@st.composite
def mutated_articles(draw: st.DrawFn) -> str:
    """A real article with lines dropped, duplicated, shuffled, swapped or garbled."""
    lines = draw(st.sampled_from(REAL)).split("\n")
    for operation in draw(
        st.lists(
            st.sampled_from(["drop", "duplicate", "shuffle", "swap", "insert", "long", "line"]),
            max_size=6,
        )
    ):
        if not lines:
            lines = [""]
        at = draw(st.integers(0, len(lines) - 1))
        if operation == "drop":
            del lines[at]
        elif operation == "duplicate":
            lines.insert(draw(st.integers(0, len(lines))), lines[at])
        elif operation == "shuffle":
            lines = list(draw(st.permutations(lines)))
        elif operation == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif operation == "insert":
            column = draw(st.integers(0, len(lines[at])))
            extra = draw(st.text(st.one_of(CHARACTERS, SPECIAL), min_size=1, max_size=6))
            lines[at] = lines[at][:column] + extra + lines[at][column:]
        elif operation == "long":
            lines.insert(at, draw(long_lines()))
        else:
            lines.insert(at, draw(st.sampled_from(LINES)))
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


@st.composite
def damaged_bytes(draw: st.DrawFn) -> bytes:
    """A mutated real article encoded as UTF-8, then with a few bytes overwritten."""
    data = bytearray(draw(mutated_articles()).encode("utf-8"))
    for _ in range(draw(st.integers(0, 3))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


# --- properties ---------------------------------------------------------------------------


def test_the_real_articles_pass_the_invariant() -> None:
    for text in REAL:
        assert check_parse(text) is not None


@FUZZ
@given(arbitrary_texts())
def test_arbitrary_text_parses_to_a_valid_article_or_a_parse_error(text: str) -> None:
    check_parse(text)


@FUZZ
@given(mutated_articles())
def test_mutated_articles_parse_to_a_valid_article_or_a_parse_error(text: str) -> None:
    check_parse(text)


@settings(FUZZ, max_examples=250)
@given(st.one_of(st.binary(max_size=2000), damaged_bytes()))
def test_arbitrary_bytes_decode_then_parse_or_say_why(data: bytes) -> None:
    raw = decode(data, "x.txt")
    assert isinstance(raw, RawText | Problem)
    if isinstance(raw, Problem):
        assert raw.file == "x.txt"
        assert raw.reason
        return
    assert raw.text == data.decode("utf-8")  # no newline translation, BOM kept
    assert raw.sha256 == hashlib.sha256(data).hexdigest()
    article = check_parse(raw.text)
    if article is not None:
        assert article.source.sha256 == raw.sha256


# --- the regression corpus ----------------------------------------------------------------


def regression_cases() -> list[Path]:
    return sorted(REGRESSIONS.glob("*.txt"))


def test_every_regression_case_says_what_broke() -> None:
    cases = {p.stem for p in regression_cases()}
    reasons = {p.stem for p in REGRESSIONS.glob("*.why")}
    assert cases, f"no regression cases in {REGRESSIONS}"
    assert cases == reasons, "each <name>.txt needs a one-line <name>.why, and vice versa"
    for why in REGRESSIONS.glob("*.why"):
        lines = why.read_text(encoding="utf-8").splitlines()
        assert len(lines) == 1 and lines[0].strip(), f"{why.name}: one line saying what broke"


@pytest.mark.parametrize("path", regression_cases(), ids=lambda p: p.stem)
def test_regression_case_parses_to_a_valid_article_or_a_parse_error(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")  # no newline translation, as the build reads
    check_parse(text, name=path.name)
