"""One SHA-256 per group of parser outputs, to prove an engine change left every label alone.

Usage: ``.venv/bin/python benchmarks/output_digest.py [--data DIR] [--generated N]``.

A speed change must not move a single label. This parses every article the project has
(the seed articles, the fixture and held-out pages, the shared originals when present,
and ``N`` articles generated as ``make bench`` generates them) and assesses the
sentences of the public gold data when present (read for measuring only, never
stored), then prints one digest per group of canonical JSON outputs, rejections
included. Run it before and after a change: every line must match. A benchmark, not a
test; a missing group is printed as skipped.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from accuracy.gold import BIOSCOPE, YU, GoldData, read_bioscope, read_yu
from bench import make_corpus

from adhd_corpus.annotate import annotate_article, assess_sentence
from adhd_corpus.errors import ParseError
from adhd_corpus.jsonio import canonical_json

ROOT = Path(__file__).resolve().parent.parent


def _article_outputs(paths: Iterable[Path]) -> Iterable[str]:
    for path in sorted(paths):
        text = path.read_text(encoding="utf-8")
        try:
            article = annotate_article(text, article_id=path.stem)
        except ParseError as error:
            yield f"{path.name}: rejected: {error}"
            continue
        yield canonical_json(article.model_dump(mode="json"), "line")


def _sentence_outputs(sentences: Iterable[str]) -> Iterable[str]:
    for text in sentences:
        found = assess_sentence(text)
        yield canonical_json(
            {"claim": found.claim.model_dump(mode="json"), "reason": found.reason}, "line"
        )


def digest(lines: Iterable[str]) -> tuple[str, int]:
    hashed = hashlib.sha256()
    count = 0
    for line in lines:
        hashed.update(line.encode("utf-8") + b"\n")
        count += 1
    return hashed.hexdigest(), count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", help="folder with the gold files (default ../shared/eval)")
    parser.add_argument("--generated", type=int, default=500, help="generated articles")
    args = parser.parse_args()

    fixtures = ROOT / "tests" / "fixtures"
    shared_raw = ROOT.parent / "shared" / "raw"
    groups: dict[str, Iterable[str] | None] = {
        "seed articles": _article_outputs((ROOT / "raw").glob("*.txt")),
        "fixture pages": _article_outputs((fixtures / "raw").glob("*.txt")),
        "held-out pages": _article_outputs((fixtures / "heldout" / "raw").glob("*.txt")),
        "shared originals": _article_outputs(shared_raw.glob("*.txt"))
        if shared_raw.is_dir()
        else None,
    }
    data = GoldData.locate(args.data)
    yu = data.path(YU)
    groups["yu2019 sentences"] = _sentence_outputs(row.text for row in read_yu(yu)) if yu else None
    bioscope = data.path(BIOSCOPE)
    groups["bioscope sentences"] = (
        _sentence_outputs(
            sentence.text for _, sentences in read_bioscope(bioscope) for sentence in sentences
        )
        if bioscope
        else None
    )
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "generated"
        make_corpus(folder, args.generated)
        groups[f"{args.generated} generated articles"] = list(
            _article_outputs(folder.glob("*.txt"))
        )
        for name, lines in groups.items():
            if lines is None:
                print(f"{name:28} skipped: not present")
                continue
            value, count = digest(lines)
            print(f"{name:28} {value}  ({count} outputs)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
