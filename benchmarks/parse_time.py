"""CPU milliseconds per article of the parser, and of its sentence passes, old and new in turn.

Usage: ``.venv/bin/python benchmarks/parse_time.py [--base SRC] [--pairs N] [--generated N]``.

Times ``parse_article`` over the seed articles and ``N`` articles generated as ``make
bench`` generates them, and ``classify_sentence`` alone over the body sentences those
articles send it (the sentence-level passes), each the best of several rounds of CPU
time. ``--base SRC`` (a ``src/`` folder of other code, e.g. a worktree of ``main``) runs
the same measurement on that code in turn with this checkout's, ``--pairs`` times, so
that a loaded machine weighs on both alike. An engine change must also leave every
output alone: see ``output_digest.py``. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import make_corpus

ROOT = Path(__file__).resolve().parent.parent


def _best_ms(run: Callable[[], object], count: int, rounds: int) -> float:
    """The fastest of ``rounds`` runs, in CPU milliseconds per item of ``count``."""
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return best / count * 1000


def measure(generated: int, rounds: int) -> dict[str, float]:
    """CPU ms per article: parse of the seeds and of the generated articles, and the
    sentence passes over both."""
    import adhd_corpus.parse.article as article_module
    from adhd_corpus.models import Source
    from adhd_corpus.parse import parse_article
    from adhd_corpus.parse.claims import classify_sentence as classify

    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "raw").glob("*.txt"))]
    with tempfile.TemporaryDirectory() as scratch:
        make_corpus(Path(scratch) / "generated", generated)
        made = sorted((Path(scratch) / "generated").glob("*.txt"))
        corpus = [p.read_text(encoding="utf-8") for p in made]

    def sources(texts: list[str]) -> list[Source]:
        return [
            Source(path=f"a{i}.txt", sha256=hashlib.sha256(b).hexdigest(), bytes=len(b))
            for i, b in enumerate(t.encode("utf-8") for t in texts)
        ]

    calls: list[tuple[str, dict[str, Any]]] = []

    def recording(text: str, **keywords: Any) -> Any:
        calls.append((text, keywords))
        return classify(text, **keywords)

    # The article parser's calls are recorded, to replay the sentence passes alone later.
    article_module.classify_sentence = recording  # type: ignore[attr-defined]
    try:
        for text, source in zip(seeds + corpus, sources(seeds + corpus), strict=True):
            parse_article(text, source=source)
    finally:
        article_module.classify_sentence = classify  # type: ignore[attr-defined]

    figures: dict[str, float] = {}
    for name, texts, repeat in (("seeds", seeds, 50), ("generated", corpus, 1)):
        pairs = list(zip(texts, sources(texts), strict=True))

        def parse_all(pairs: list[tuple[str, Source]] = pairs, repeat: int = repeat) -> None:
            for _ in range(repeat):
                for text, source in pairs:
                    parse_article(text, source=source)

        figures[f"parse_article, {name}"] = _best_ms(parse_all, len(pairs) * repeat, rounds)

    def sentences() -> None:
        for text, keywords in calls:
            classify(text, **keywords)

    figures["classify_sentence, all articles"] = _best_ms(
        sentences, len(seeds) + len(corpus), rounds
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", help="a src/ folder of other code to time in turn with this")
    parser.add_argument("--pairs", type=int, default=3, help="turns of each (with --base)")
    parser.add_argument("--generated", type=int, default=500, help="generated articles")
    parser.add_argument("--rounds", type=int, default=5, help="rounds; the best counts")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        for name, value in measure(args.generated, args.rounds).items():
            print(f"{name}\t{value}")
        return
    codes = {"this": str(ROOT / "src")}
    if args.base:
        codes = {"base": str(Path(args.base).resolve()), **codes}
    results: dict[str, dict[str, list[float]]] = {code: {} for code in codes}
    for _ in range(args.pairs if args.base else 1):
        for code, src in codes.items():
            environment = {**os.environ, "PYTHONPATH": src}
            command = [sys.executable, __file__, "--one", "--generated", str(args.generated)]
            command += ["--rounds", str(args.rounds)]
            output = subprocess.run(
                command, env=environment, check=True, capture_output=True, text=True
            ).stdout
            for line in output.splitlines():
                name, figure = line.split("\t")
                results[code].setdefault(name, []).append(float(figure))
    for name in results["this"]:
        cells = []
        for code in codes:
            values = results[code][name]
            cells.append(f"{code} {min(values):.3f} (mean {sum(values) / len(values):.3f})")
        print(f"{name:34} " + "  ".join(cells) + "  ms/article")


if __name__ == "__main__":
    main()
