"""``make eval``: every extractor against public gold data; prints a table, writes docs/accuracy.md.

Usage: ``.venv/bin/python benchmarks/eval.py [--data DIR] [--out FILE] [--no-write]``.
The code is in ``benchmarks/accuracy/`` (a script, not ``python -m benchmarks...``:
pySBD's wheel installs a top-level package named ``benchmarks``).
"""

from accuracy.run import main

if __name__ == "__main__":
    raise SystemExit(main())
