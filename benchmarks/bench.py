"""`make bench`: build throughput, memory, stage costs, incremental rebuilds and loading.

Generates corpora of template articles from raw/ (each distinct: numbered title,
shuffled body paragraphs, one varied sentence), builds them in subprocesses, and
prints a table. Nothing here asserts: the figures go into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
PYTHON = sys.executable
FILLERS = [
    "Dopamine signalling may vary between individuals with ADHD.",
    "Stimulant medications increase norepinephrine availability in the prefrontal cortex.",
    "Some studies suggest that sleep problems worsen inattention.",
    "Iron deficiency is linked to restless legs syndrome.",
    "Cognitive behavioural therapy improves emotional regulation in adults.",
]


def make_corpus(folder: Path, count: int) -> int:
    """Write ``count`` distinct articles built from the real ones; return total bytes."""
    templates = [p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))]
    folder.mkdir(parents=True)
    total = 0
    for n in range(count):
        rng = random.Random(n)
        lines = templates[n % len(templates)].split("\n")
        title_at = next(
            i
            for i, line in enumerate(lines)
            if line.strip() and "Print" not in line and "Table of" not in line
        )
        lines[title_at] = lines[title_at].replace("?", f" (case {n})?", 1)
        body = [
            i for i, line in enumerate(lines) if len(line) > 200 and "qualifications" not in line
        ]
        if body:
            i = rng.choice(body)
            lines[i] = lines[i].rstrip() + " " + rng.choice(FILLERS)
        text = "\n".join(lines)
        data = text.encode("utf-8")
        (folder / f"a{n:06d}.txt").write_bytes(data)
        total += len(data)
    return total


def run_build(raw: Path, out: Path, *extra: str) -> tuple[float, int]:
    """Wall seconds and the build's peak RSS (KiB, largest process) of one CLI build."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    command = [
        PYTHON,
        "-m",
        "adhd_corpus",
        "build",
        "--raw",
        str(raw),
        "--out",
        str(out),
        "--version",
        "0.0.1",
        "--quiet",
        *extra,
    ]
    subprocess.run(command, check=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before)


def measure_rss(raw: Path, out: Path, *extra: str) -> int:
    """Peak RSS (KiB) of a build in a fresh interpreter, via /proc-free getrusage."""
    code = (
        "import resource, sys; from adhd_corpus.cli import main; "
        f"rc = main({['build', '--raw', str(raw), '--out', str(out), '--version', '0.0.1', '--quiet', *extra]!r}); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    result = subprocess.run([PYTHON, "-c", code], check=True, capture_output=True, text=True)
    own, children = map(int, result.stdout.split())
    return max(own, children)


def stages(raw: Path, limit: int) -> dict[str, float]:
    """Seconds per article in each stage, measured in this process on ``limit`` articles."""
    from adhd_corpus.models import Source
    from adhd_corpus.parse import parse_article
    from adhd_corpus.release.tables import article_rows
    from adhd_corpus.sources import raw_inputs
    from adhd_corpus.validate import dump_json, schema_problems

    inputs = raw_inputs(raw)[0][:limit]
    times = dict.fromkeys(["read", "parse + pydantic", "serialise", "jsonschema", "rows"], 0.0)
    for item in inputs:
        t0 = time.perf_counter()
        raw_text = item.read()
        t1 = time.perf_counter()
        assert not isinstance(raw_text, Exception) and hasattr(raw_text, "text")
        article = parse_article(
            raw_text.text,
            source=Source(path=raw_text.name, sha256=raw_text.sha256, bytes=raw_text.bytes),
        )
        t2 = time.perf_counter()
        record = article.model_dump(mode="json")
        line = dump_json(record, indent=None)
        t3 = time.perf_counter()
        schema_problems(record, file="x", line=None)
        t4 = time.perf_counter()
        article_rows(article)
        t5 = time.perf_counter()
        for key, (a, b) in zip(
            times, [(t0, t1), (t1, t2), (t2, t3), (t3, t4), (t4, t5)], strict=True
        ):
            times[key] += b - a
        del line
    return {k: v / len(inputs) for k, v in times.items()}


def timed(code: str, repeat: int = 5) -> float:
    """Best wall time of a Python snippet run in a fresh interpreter (seconds)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([PYTHON, "-c", code], check=True)
        best = min(best, time.perf_counter() - start)
    return best


def loader_figures(dist: Path, version: str) -> dict[str, float]:
    env_code = f"import os; os.environ['ADHD_CORPUS_DIST'] = {str(dist)!r}; "
    baseline = timed("pass")
    release = dist / version
    claims = release / "claims.parquet"
    clock = "import time; t = time.perf_counter(); "
    report = "; print(time.perf_counter() - t)"

    def inner(code: str, repeat: int = 3) -> float:
        values = []
        for _ in range(repeat):
            out = subprocess.run([PYTHON, "-c", code], check=True, capture_output=True, text=True)
            values.append(float(out.stdout.strip().splitlines()[-1]))
        return min(values)

    heavy = subprocess.run(
        [
            PYTHON,
            "-c",
            "import sys, adhd_corpus; print(sorted({'pandas', 'pyarrow'} & set(sys.modules)))",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "import adhd_corpus (s)": timed("import adhd_corpus") - baseline,
        "heavy modules after import": heavy,  # type: ignore[dict-item]
        "load_articles() (s)": inner(
            env_code + "import adhd_corpus; " + clock + "adhd_corpus.load_articles()" + report
        ),
        "load_table('claims'), first in process (s)": inner(
            env_code
            + "import adhd_corpus, pandas, pyarrow; "
            + clock
            + "adhd_corpus.load_table('claims')"
            + report
        ),
        "load_table('claims'), again in process (s)": inner(
            env_code
            + "import adhd_corpus, pandas, pyarrow; adhd_corpus.load_table('claims'); "
            + clock
            + "adhd_corpus.load_table('claims')"
            + report
        ),
        "pandas.read_parquet (s)": inner(
            f"import pandas; {clock}pandas.read_parquet({str(claims)!r}){report}"
        ),
        "pyarrow.parquet.read_table (s)": inner(
            f"import pyarrow.parquet as pq; {clock}pq.read_table({str(claims)!r}){report}"
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="2000,20000", help="corpus sizes, comma-separated")
    parser.add_argument("--workers", default="1,2", help="worker counts to compare")
    parser.add_argument("--dask", action="store_true", help="also time the Dask engine")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    worker_counts = [int(w) for w in args.workers.split(",")]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cpus, Python {platform.python_version()}, {platform.platform()}"
    )
    with tempfile.TemporaryDirectory(prefix="adhd-bench-") as scratch:
        tmp = Path(scratch)
        largest = None
        for size in sizes:
            raw = tmp / f"raw{size}"
            total = make_corpus(raw, size)
            print(f"\n== {size:,} articles, {total / 1e6:.1f} MB of raw text")
            for workers in worker_counts:
                out = tmp / f"out{size}-{workers}"
                seconds, _ = run_build(raw, out, "--workers", str(workers))
                rss = measure_rss(raw, tmp / f"rss{size}-{workers}", "--workers", str(workers))
                print(
                    f"workers={workers}: {seconds:6.1f} s  {size / seconds:7.0f} articles/s  "
                    f"{total / 1e6 / seconds:5.2f} MB/s  peak RSS {rss / 1024:6.0f} MiB"
                )
            if args.dask:
                for workers in worker_counts:
                    seconds, _ = run_build(
                        raw,
                        tmp / f"dask{size}-{workers}",
                        "--engine",
                        "dask",
                        "--workers",
                        str(workers),
                    )
                    print(
                        f"dask workers={workers}: {seconds:6.1f} s  {size / seconds:7.0f} articles/s"
                    )
            cache = tmp / f"cache{size}"
            run_build(raw, tmp / f"warm{size}", "--cache", str(cache))
            victim = raw / "a000007.txt"
            victim.write_text(
                victim.read_text(encoding="utf-8") + "\nDopamine matters.\n", encoding="utf-8"
            )
            seconds, _ = run_build(raw, tmp / f"incr{size}", "--cache", str(cache))
            fresh = tmp / f"fresh{size}"
            run_build(raw, fresh, "--workers", str(max(worker_counts)))
            same = all(
                (tmp / f"incr{size}" / "0.0.1" / p.relative_to(fresh / "0.0.1")).read_bytes()
                == p.read_bytes()
                for p in (fresh / "0.0.1").rglob("*")
                if p.is_file()
            )
            print(
                f"incremental rebuild after one file changed: {seconds:.1f} s, identical to a full build: {same}"
            )
            largest = (tmp / f"out{size}-{worker_counts[0]}", size, raw)
        assert largest is not None
        out, size, raw = largest
        per = stages(raw, min(size, 2000))
        total_ms = 1000 * sum(per.values())
        print(f"\n== where the time goes (one process, per article, {min(size, 2000):,} articles)")
        for stage, seconds in per.items():
            print(f"{stage:18s} {1000 * seconds:7.3f} ms  {100 * seconds * 1000 / total_ms:5.1f}%")
        print(f"(writing JSONL and Parquet is the rest of the build time)")
        (out / "index.json").exists() or shutil.copy(out / "index.json", out / "index.json")
        print(f"\n== loading the {size:,}-article release")
        for name, value in loader_figures(out, "0.0.1").items():
            print(f"{name:45s} {value if isinstance(value, str) else f'{value:.3f}'}")


if __name__ == "__main__":
    main()
