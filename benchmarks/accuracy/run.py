"""Run every task against public gold data; print a table, write docs/accuracy.md.

A benchmark, never a test: it exits 0 whatever the figures (1 only when it cannot run).
Usage: ``python benchmarks/eval.py [--data DIR] [--out FILE] [--no-write]``; the gold
folder defaults to $ADHD_CORPUS_EVAL_DATA, else ``../shared/eval`` beside the checkout.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from .gold import ROOT, GoldData
from .report import markdown, quality_columns, table
from .tasks import TASKS, Result


def in_sample() -> str:
    """What tests/golden_accuracy.py prints: agreement with the seeds' hand-checked files."""
    script = ROOT / "tests" / "golden_accuracy.py"
    done = subprocess.run(
        [sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return done.stdout.strip() if done.returncode == 0 else f"failed to run: {done.stderr[-500:]}"


def quality_file(results: list[Result], sample: str, where: str | None) -> Path | None:
    """Record the figures for the dataset card, with the fingerprint of the parser they
    measured; only a run over every gold file writes it (a partial run would leave the
    card silent about the labels it skipped)."""
    from adhd_corpus.release.quality import parser_fingerprint, quality_path

    if any(result.skipped for result in results):
        return None
    rows = [row for result in results for row in result.rows]
    quality = {
        "parser": parser_fingerprint(),
        "gold": sorted({row.gold for row in rows}),
        "columns": quality_columns(rows, sample),
    }
    path = Path(where) if where else quality_path()
    text = json.dumps(quality, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make eval", description=__doc__)
    parser.add_argument("--data", help="folder of gold files (default: ../shared/eval)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "accuracy.md"))
    parser.add_argument(
        "--quality", help="where to record the card's label quality (default: in the package)"
    )
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    data = GoldData.locate(args.data)
    results: list[Result] = []
    for task in TASKS:
        began = time.perf_counter()
        result = task(data)
        for line in result.skipped:
            print(line, flush=True)
        print(f"[{task.__name__}: {time.perf_counter() - began:.1f} s]", file=sys.stderr)
        results.append(result)
    sample = in_sample()
    print(table(results, sample))
    if not args.no_write:
        Path(args.out).write_text(markdown(results, sample, data), encoding="utf-8")
        print(f"wrote {args.out}")
        quality = quality_file(results, sample, args.quality)
        if quality is not None:
            print(f"wrote {quality} (the dataset card's label quality)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
