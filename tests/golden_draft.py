"""Draft a golden file for an article from the parser's output, for a person to correct.

Usage (from the repository root)::

    .venv/bin/python tests/golden_draft.py ARTICLE_ID [--force]

writes ``tests/fixtures/golden/ARTICLE_ID.json`` from ``raw/ARTICLE_ID.txt``: every body
sentence the parser finds, claims with their section, cues, strength and entities,
non-claims with their reason, and an empty ``parser_differs``. A draft agrees with the
parser by construction, so it checks nothing until someone reads every sentence against
the text and corrects it; then each place the parser is wrong goes into
``parser_differs`` with a note (``test_golden_full.py`` prints the exact items to add).
Not a test (no ``test_`` prefix).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from conftest import GOLDEN_DIR, RAW, parse_file
from test_golden_full import CLAIM, CLAIM_FIELDS, parser_sentences

from adhd_corpus.models import Article


def draft(article: Article) -> dict[str, Any]:
    """The golden-file structure with the parser's judgement of every body sentence."""
    claims: list[dict[str, Any]] = []
    non_claims: list[dict[str, Any]] = []
    for text, fields in parser_sentences(article).items():
        if fields["classification"] == CLAIM:
            claims.append(
                {"text": text, "section": fields["section"], **{f: fields[f] for f in CLAIM_FIELDS}}
            )
        else:
            non_claims.append({"text": text, "reason": fields["classification"]})
    return {"claims": claims, "non_claims": non_claims, "parser_differs": []}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article_id", help="the raw file's name without .txt")
    parser.add_argument("--force", action="store_true", help="replace an existing golden file")
    args = parser.parse_args(argv)
    raw = RAW / f"{args.article_id}.txt"
    target = GOLDEN_DIR / f"{args.article_id}.json"
    if not raw.is_file():
        print(f"golden_draft: {raw}: no such raw file", file=sys.stderr)
        return 1
    if target.exists() and not args.force:
        print(f"golden_draft: {target} exists; --force replaces it", file=sys.stderr)
        return 1
    _, article = parse_file(raw)
    text = json.dumps(draft(article), indent=2, ensure_ascii=False) + "\n"
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}: a draft from the parser; correct every sentence by hand")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
