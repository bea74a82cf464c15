"""Guide links and provider calls to action, found sentence by sentence.

The site ends its articles with "read our complete guide to <topic>" and
"visit / consider / reach out to providers like <name>"; both are navigation or
promotion, never claims.
"""

from __future__ import annotations

import re

from ..models import Link
from .memo import per_article

_GUIDE = re.compile(
    r"\bread\s+(?:our|the)\s+(?:complete\s+|full\s+|ultimate\s+)?guide\s+(?:to|on)\s+"
    r"(?P<text>[^\n]+?)(?:\s+(?:at|here:?)\s+https?://\S+|\s*\(https?://[^)\s]*\))?\s*[.!?]*\s*$",
    re.IGNORECASE,
)
_PROVIDER = re.compile(
    r"\bproviders?\s+(?:like|such\s+as)\s+"
    # The name: capitalised words, with "of", "and" or "&" allowed between them; it
    # ends at the first lowercase word, punctuation or the end of the sentence.
    r"(?P<text>[A-Z0-9][\w&'’.-]*?(?:\s+(?:of|and|&)?\s*[A-Z0-9][\w&'’.-]*?)*)"
    r"(?=[.]?\s+[a-z]|[.,;:!?()]*\s*$|\s*[,;:(!?])"
)
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_CALL_TO_ACTION = re.compile(
    r"^(?:for\s+more\b[^,]*,\s*)?(?:please\s+)?(?:you\s+can\s+(?:also\s+)?)?"
    r"(?:visit|contact|book|call|click|subscribe|sign\s+up|download|read|learn\s+more|"
    r"find\s+out\s+more|explore|discover|schedule|reach\s+out|get\s+in\s+touch)\b",
    re.IGNORECASE,
)
"""Navigation and promotion verbs; other imperatives are advice (see ``claims``)."""


def _url(sentence: str) -> str | None:
    match = _URL.search(sentence)
    return match.group().rstrip(".,;:!?") if match else None


@per_article  # the parser asks about each sentence more than once
def find_link(sentence: str) -> Link | None:
    """The guide or provider link a sentence stands for, if any."""
    lowered = sentence.lower()
    if "guide" not in lowered and "provider" not in lowered:
        return None
    guide = _GUIDE.search(sentence)
    if guide:
        text = guide.group("text").strip()
        return Link(kind="guide", text=text, sentence=sentence, url=_url(sentence))
    provider = _PROVIDER.search(sentence)
    if provider:
        text = provider.group("text").strip().rstrip(".")
        return Link(kind="provider", text=text, sentence=sentence, url=_url(sentence))
    return None


@per_article
def is_call_to_action(sentence: str) -> bool:
    """True for navigation and promotion: a link sentence or one that tells the reader to act."""
    return find_link(sentence) is not None or _CALL_TO_ACTION.match(sentence) is not None
