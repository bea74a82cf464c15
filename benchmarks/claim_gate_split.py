"""Claim-gate acceptance on Yu et al. (2019), split as the gate was developed.

Usage: ``.venv/bin/python benchmarks/claim_gate_split.py [--data DIR]``.

Every sentence of ``yu2019-dev.csv`` is a research finding, so the gate should accept
all of them. The topic lexicon was tuned while reading only the gate's rejections among
the even-indexed rows (0, 2, 4, ...); the odd-indexed rows were never read, so their
acceptance is the held-out figure. ``make eval`` prints the figure over all rows.
Skips (exit 0) when the gold file is absent.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from accuracy.gold import YU, GoldData, read_yu

from adhd_corpus import annotate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="the gold folder (default ../shared/eval)")
    args = parser.parse_args(argv)
    data = GoldData.locate(str(args.data) if args.data else None)
    path = data.path(YU)
    if path is None:
        print(f"skipped: {data.folder / YU} not found")
        return 0
    rows = read_yu(path)
    accepted = [annotate.assess_sentence(row.text).is_claim for row in rows]
    print(f"claim-gate acceptance on {YU} (every sentence is a research finding)")
    for name, part in (
        ("dev (even rows, tuned on)", accepted[0::2]),
        ("held out (odd rows, never read)", accepted[1::2]),
        ("all rows", accepted),
    ):
        print(f"  {name:<34} {sum(part) / len(part):6.1%}  ({sum(part)}/{len(part)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
