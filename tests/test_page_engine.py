"""The page-level passes' speed devices give the answers of the plain forms they replace."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from adhd_corpus.parse import sentences

# Characters the segmentation patterns care about, and a few they do not.
_PUNCTUATED = st.text(alphabet="ab Z1 2.)•\t\n?!'”itheyw", max_size=40)


@settings(max_examples=400, deadline=None)
@given(_PUNCTUATED, st.integers(0, 40), st.integers(0, 40))
@example("It was weakened. . . . The", 0, 40)
@example("Sleep was poor. it improved", 0, 40)
def test_the_punctuation_first_patterns_match_as_the_look_behind_first_ones(
    text: str, start: int, end: int
) -> None:
    """The look-behind moved after the punctuation it guards finds the same matches."""
    openers = "|".join(sentences._LOWER_OPENERS)
    plain = {
        sentences._LOWER_START: rf"(?<=[a-z]{{3}})[.!?][\"'”’)\]]*(?=\s+(?:{openers})\s)",
        sentences._PERIOD_THEN_ELLIPSIS: r"(?<=\w)\.(?=\s\.\s\.\s\.\s+[A-Z\"“])",
    }
    for fast, pattern in plain.items():
        found = [m.span() for m in fast.finditer(text, start, end)]
        assert found == [m.span() for m in re.compile(pattern).finditer(text, start, end)]


@settings(max_examples=400, deadline=None)
@given(_PUNCTUATED, st.integers(0, 40), st.integers(0, 40))
@example("Habits: 1) Sleep 2) Eat", 0, 40)
@example("• a. Sleep b. Eat", 0, 40)
def test_a_list_marker_is_never_missed_by_its_end_check(text: str, start: int, end: int) -> None:
    """``_MARKER_END`` rules a line out only when ``_LIST_MARKER`` finds nothing in it."""
    if sentences._LIST_MARKER.search(text, start, end) is not None:
        assert sentences._MARKER_END.search(text, start, end) is not None
