"""`make bench`: every figure of the speed targets, each with its target, met or missed.

Generates corpora of template articles from raw/ (each distinct: numbered title,
one varied sentence), builds them in fresh processes with one and two workers and
on Dask, times the minimal spaCy pipeline a user would write instead (in the
benchmark's own environment: spaCy is never a dependency of the package), splits
an article's cost into stages, times the writers alone, and times the loader on the
larger release against pandas. `--quick` runs on 500 and 2,000 articles in a few
minutes; a full run (2,000 and 20,000) with `--write-doc docs/benchmarks.md`
regenerates the figures there. Nothing here asserts: tests check behaviour only.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
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


# --- measuring -------------------------------------------------------------------------------


def cpu_seconds(command: list[str]) -> tuple[float, str]:
    """CPU seconds (user + system) a command and the children it waited for used, and its
    output. On a shared machine CPU time is steadier than wall time for one process."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), out


def build(raw: Path, out: Path, *extra: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB, the largest process) of one build in a fresh
    interpreter, as the CLI runs it."""
    argv = ["build", "--raw", str(raw), "--out", str(out), "--version", "0.0.1", "--quiet", *extra]
    code = (
        "import resource, sys; from adhd_corpus.cli import main; "
        f"rc = main({argv!r}); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    start = time.perf_counter()
    result = subprocess.run([PYTHON, "-c", code], check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    own, children = map(int, result.stdout.split())
    return seconds, max(own, children) / 1024


def stages(raw: Path, limit: int) -> dict[str, float]:
    """Seconds per article in each stage, measured in this process on ``limit`` articles;
    the last stage is the build's own process receiving a prepared article from a worker."""
    import pickle

    from adhd_corpus.jsonio import canonical_json
    from adhd_corpus.models import Source
    from adhd_corpus.parse import parse_article
    from adhd_corpus.prepare import Prepared
    from adhd_corpus.release.explorer import summary
    from adhd_corpus.sources import RawText, raw_inputs
    from adhd_corpus.tables import record_rows
    from adhd_corpus.validate import schema_problems

    inputs = raw_inputs(raw)[0][:limit]
    names = [
        "read and decode",
        "parse (+ pydantic as records are built)",
        "serialise to JSON",
        "JSON Schema check",
        "table rows and explorer entry",
        "pickle in the worker",
        "unpickle in the writer",
    ]
    times = dict.fromkeys(names, 0.0)
    for item in inputs:
        t0 = time.perf_counter()
        raw_text = item.read()
        t1 = time.perf_counter()
        assert isinstance(raw_text, RawText), raw_text
        source = Source(path=raw_text.name, sha256=raw_text.sha256, bytes=raw_text.bytes)
        article = parse_article(raw_text.text, source=source)
        t2 = time.perf_counter()
        record = article.model_dump(mode="json")
        line = canonical_json(record, "line")
        t3 = time.perf_counter()
        schema_problems(record, file="x", line=None)
        t4 = time.perf_counter()
        rows = record_rows(record)
        entry = summary(record)
        t5 = time.perf_counter()
        blob = pickle.dumps(Prepared(article.id, raw_text.name, raw_text.sha256, line, rows, entry))
        t6 = time.perf_counter()
        pickle.loads(blob)
        t7 = time.perf_counter()
        marks = [t0, t1, t2, t3, t4, t5, t6, t7]
        for i, key in enumerate(times):
            times[key] += marks[i + 1] - marks[i]
    return {k: v / len(inputs) for k, v in times.items()}


def writer_only(raw: Path, limit: int) -> float:
    """Articles/s of the release writers alone, fed prepared articles from memory: the
    ceiling of a build whose preparation is spread over any number of workers."""
    code = f"""
import tempfile, time
from pathlib import Path
from adhd_corpus.prepare import prepare_input
from adhd_corpus.release.writer import write_release
from adhd_corpus.sources import raw_inputs
inputs = raw_inputs(Path({str(raw)!r}))[0][:{limit}]
prepared = [prepare_input(item).result for item in inputs]
with tempfile.TemporaryDirectory() as folder:
    start = time.perf_counter()
    write_release(Path(folder), prepared, version="0.0.1", generator="bench")
    print(len(prepared) / (time.perf_counter() - start))
"""
    return float(
        subprocess.run([PYTHON, "-c", code], check=True, capture_output=True, text=True).stdout
    )


def inner(code: str, repeat: int = 3) -> tuple[float, float, float]:
    """Best (wall seconds, CPU seconds) a snippet prints over fresh interpreters, and the
    peak RSS (MiB) of the run that gave it."""
    best = (float("inf"), 0.0, 0.0)
    tail = "; import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    for _ in range(repeat):
        out = subprocess.run(
            [PYTHON, "-c", code + tail], check=True, capture_output=True, text=True
        )
        timing, rss = out.stdout.strip().splitlines()[-2:]
        wall, cpu = map(float, timing.split())
        best = min(best, (wall, cpu, int(rss) / 1024))
    return best


def loader_figures(dist: Path, repeat: int) -> dict[str, tuple[float, float, float]]:
    """(wall s, CPU s, peak RSS MiB) of each load of the release in ``dist``, in fresh
    processes."""
    release = dist / "0.0.1"
    claims = release / "claims.parquet"
    env = f"import os; os.environ['ADHD_CORPUS_DIST'] = {str(dist)!r}; "
    clock = "import time; t = time.perf_counter(); c = time.process_time(); "
    done = "; print(time.perf_counter() - t, time.process_time() - c)"
    prelude = env + "import adhd_corpus, pandas, pyarrow; "
    return {
        "pandas.read_parquet('claims')": inner(
            f"import pandas; {clock}pandas.read_parquet({str(claims)!r}){done}", repeat
        ),
        "load_table('claims'), first": inner(
            prelude + clock + "adhd_corpus.load_table('claims')" + done, repeat
        ),
        "load_table('claims'), again": inner(
            prelude
            + "adhd_corpus.load_table('claims'); "
            + clock
            + "adhd_corpus.load_table('claims')"
            + done,
            repeat,
        ),
        # The call as a caller makes it: the records are kept (dropping them inside the clock
        # timed their freeing too, 0.5 s at 20,000), with the young collection that follows,
        # which the caller's next allocation triggers; best of three like the figures above.
        "load_articles()": inner(
            env
            + "import adhd_corpus, gc; "
            + clock
            + "articles = adhd_corpus.load_articles(); gc.collect(0)"
            + done,
            repeat,
        ),
        "iter_articles()": inner(
            env
            + "import adhd_corpus; "
            + clock
            + "sum(1 for _ in getattr(adhd_corpus, 'iter_articles', lambda: [])())"
            + done,
            1,
        ),
        # A script that keeps the records to its end, whole process: start-up, the load, and
        # the interpreter's exit, whose full collections scan every record still held.
        "load_articles(), whole script": whole_process(
            env + "import adhd_corpus; articles = adhd_corpus.load_articles()"
        ),
    }


def whole_process(code: str) -> tuple[float, float, float]:
    """(wall s, CPU s, 0) of a snippet run as a fresh interpreter, start-up to exit."""
    start = time.perf_counter()
    cpu, _ = cpu_seconds([PYTHON, "-c", code])
    return time.perf_counter() - start, cpu, 0.0


def self_diff(release: Path, repeat: int = 3) -> float:
    """Best wall seconds of ``adhd-corpus diff`` of a release with itself, in a fresh
    interpreter as a user runs it: every record is still read and checked."""
    command = [PYTHON, "-m", "adhd_corpus", "diff", str(release), str(release)]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


HEDGE_CUES = [
    "may",
    "might",
    "could",
    "can",
    "possibly",
    "perhaps",
    "likely",
    "unlikely",
    "suggest",
    "suggests",
    "suggested",
    "appear",
    "appears",
    "seem",
    "seems",
    "is thought to",
    "are thought to",
    "is believed to",
    "are believed to",
    "potentially",
    "probably",
    "indicate",
    "indicates",
    "associated with",
    "linked to",
]
"""The hedge cues a user's own minimal pipeline would list."""


def spacy_rate(raw: Path, spacy_python: str | None, scratch: Path) -> tuple[float | None, str]:
    """Articles per CPU second of the minimal spaCy pipeline on ``raw`` (one process,
    start-up included), or None and why."""
    if not spacy_python or not Path(spacy_python).is_file():
        return None, "no benchmark environment with spaCy (make bench creates .venv-bench)"
    probe = subprocess.run([spacy_python, "-c", "import spacy"], capture_output=True, text=True)
    if probe.returncode != 0:
        return None, "spaCy could not be installed into the benchmark environment (offline?)"
    vocabulary = ROOT / "src" / "adhd_corpus" / "parse" / "data" / "vocabulary.tsv"
    terms = sorted(
        {
            form
            for line in vocabulary.read_text(encoding="utf-8").splitlines()[3:]
            if line and not line.startswith("#")
            for form in line.split("\t")[-1].split("|")
        }
    )
    patterns = scratch / "spacy-patterns.json"
    patterns.write_text(json.dumps({"TERM": terms, "HEDGE": HEDGE_CUES}), encoding="utf-8")
    command = [
        spacy_python,
        str(Path(__file__).with_name("spacy_baseline.py")),
        str(patterns),
        str(raw),
        str(scratch / "spacy-out.jsonl"),
    ]
    seconds, _ = cpu_seconds(command)
    version = subprocess.run(
        [spacy_python, "-c", "import spacy; print(spacy.__version__)"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return len(list(raw.glob("*.txt"))) / seconds, f"spaCy {version}"


# --- reporting -------------------------------------------------------------------------------


def verdict(value: float | None, target: float, *, at_least: bool) -> str:
    if value is None:
        return "not measured"
    return "met" if (value >= target if at_least else value <= target) else "missed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="500 and 2,000 articles instead of 2,000 and 20,000 (a few minutes)",
    )
    parser.add_argument("--spacy-python", help="interpreter of the environment that has spaCy")
    parser.add_argument(
        "--write-doc",
        type=Path,
        help="replace the generated block of this Markdown file (full runs only)",
    )
    args = parser.parse_args()
    small, large = (500, 2000) if args.quick else (2000, 20000)
    ratio_size = 2000
    load = os.getloadavg()[0]
    machine = (
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; load average {load:.1f} at the start"
    )
    print(f"machine: {machine}")
    rows: list[tuple[str, str, str, str]] = []  # figure, value, target, verdict

    def report(figure: str, value: str, target: str, outcome: str) -> None:
        rows.append((figure, value, target, outcome))
        print(f"{figure:58s} {value:>28s}   target {target:24s} {outcome}")

    with tempfile.TemporaryDirectory(prefix="adhd-bench-") as scratch:
        tmp = Path(scratch)
        builds: dict[tuple[int, str], tuple[float, float]] = {}
        for size in (small, large):
            raw = tmp / f"raw{size}"
            total = make_corpus(raw, size)
            print(f"\n== {size:,} articles, {total / 1e6:.1f} MB of raw text")
            for label, extra in [
                ("1 worker", ["--workers", "1"]),
                ("2 workers", ["--workers", "2"]),
                ("Dask, 2 workers", ["--engine", "dask", "--workers", "2"]),
            ]:
                seconds, rss = build(raw, tmp / f"out{size}-{label.replace(' ', '')}", *extra)
                builds[size, label] = (size / seconds, rss)
                print(
                    f"{label:16s} {seconds:7.1f} s {size / seconds:7.0f} articles/s  "
                    f"{total / 1e6 / seconds:5.2f} MB/s  peak RSS {rss:5.0f} MiB"
                )

        print(f"\n== the minimal spaCy pipeline, one process each, {ratio_size:,} articles")
        ratio_raw = tmp / f"raw{ratio_size}"
        argv = [
            "build",
            "--raw",
            str(ratio_raw),
            "--out",
            str(tmp / "ratio"),
            "--version",
            "0.0.1",
            "--quiet",
            "--workers",
            "1",
        ]
        ours_seconds, _ = cpu_seconds([PYTHON, "-m", "adhd_corpus", *argv])
        ours = ratio_size / ours_seconds
        theirs, why = spacy_rate(ratio_raw, args.spacy_python, tmp)
        print(
            f"adhd-corpus build {ours:.0f} articles per CPU second; spaCy pipeline "
            f"{'not measured: ' + why if theirs is None else f'{theirs:.0f} ({why})'}"
        )

        per = stages(tmp / f"raw{small}", min(small, 2000))
        total_ms = 1000 * sum(per.values())
        print(f"\n== where the time goes (one process, per article, {min(small, 2000):,} articles)")
        for stage, seconds in per.items():
            print(f"{stage:42s} {1000 * seconds:7.3f} ms  {100 * seconds * 1000 / total_ms:5.1f}%")
        writer = writer_only(tmp / f"raw{small}", min(small, 2000))
        print(f"writers alone, from prepared articles in memory: {writer:.0f} articles/s")

        print(f"\n== loading the {large:,}-article release")
        loads = loader_figures(tmp / f"out{large}-1worker", 3)
        small_dist = str(tmp / f"out{small}-1worker")
        iter_small = inner(
            f"import os; os.environ['ADHD_CORPUS_DIST'] = {small_dist!r}; "
            "import time, adhd_corpus; t = time.perf_counter(); c = time.process_time(); "
            "sum(1 for _ in getattr(adhd_corpus, 'iter_articles', lambda: [])()); "
            "print(time.perf_counter() - t, time.process_time() - c)",
            1,
        )
        for name, (seconds, cpu, rss) in loads.items():
            memory = f"peak RSS {rss:6.0f} MiB" if rss else ""
            print(f"{name:40s} {seconds:7.3f} s  (CPU {cpu:6.3f} s)  {memory}")
        diff_seconds = self_diff(tmp / f"out{ratio_size}-1worker" / "0.0.1")
        print(f"\n== adhd-corpus diff of the {ratio_size:,}-article release with itself")
        print(f"best of 3, fresh process: {diff_seconds:.2f} s")

    print(
        f"\n== figures and targets ({'quick: ' if args.quick else ''}"
        f"{small:,} and {large:,} articles)"
    )
    two, one = builds[large, "2 workers"][0], builds[large, "1 worker"][0]
    report(
        f"build, {large:,} articles, 2 workers (articles/s)",
        f"{two:.0f}",
        ">= 3,000",
        verdict(two, 3000, at_least=True),
    )
    report(f"build, {large:,} articles, 1 worker (articles/s)", f"{one:.0f}", "(reported)", "")
    ratio = None if theirs is None else ours / theirs
    report(
        f"build / minimal spaCy pipeline, articles per CPU s, {ratio_size:,}",
        "not measured" if ratio is None else f"{ratio:.2f}x ({ours:.0f} vs {theirs:.0f})",
        ">= 3x",
        verdict(ratio, 3.0, at_least=True),
    )
    rss_small, rss_large = builds[small, "2 workers"][1], builds[large, "2 workers"][1]
    report(
        f"peak RSS, 2 workers: {large:,} / {small:,}",
        f"{rss_large / rss_small:.2f}x ({rss_large:.0f} / {rss_small:.0f} MiB)",
        "<= 1.5x",
        verdict(rss_large / rss_small, 1.5, at_least=False),
    )
    pandas_s = loads["pandas.read_parquet('claims')"][0]
    for key in ("load_table('claims'), first", "load_table('claims'), again"):
        value = loads[key][0] / pandas_s
        report(
            f"{key} / pandas.read_parquet",
            f"{value:.2f}x ({loads[key][0]:.3f} / {pandas_s:.3f} s)",
            "<= 1.3x",
            verdict(value, 1.3, at_least=False),
        )
    wall, cpu, rss = loads["load_articles()"]
    report(
        f"load_articles(), {large:,} articles",
        f"{wall:.1f} s (CPU {cpu:.1f} s), {rss:.0f} MiB",
        "<= 3 s",
        verdict(wall, 3.0, at_least=False),
    )
    wall, cpu, _ = loads["load_articles(), whole script"]
    report(
        f"load_articles() in a script, {large:,} articles, start to exit",
        f"{wall:.1f} s (CPU {cpu:.1f} s)",
        "(reported)",
        "",
    )
    wall, cpu, rss = loads["iter_articles()"]
    report(
        f"iter_articles(), {large:,} articles",
        f"{wall:.1f} s (CPU {cpu:.1f} s), {rss:.0f} MiB",
        "(reported)",
        "",
    )
    flat = rss / iter_small[2]
    report(
        f"iter_articles() peak RSS, {large:,} / {small:,} articles",
        f"{flat:.2f}x ({rss:.0f} / {iter_small[2]:.0f} MiB)",
        "flat: <= 1.1x",
        verdict(flat, 1.1, at_least=False),
    )
    dask = builds[large, "Dask, 2 workers"][0] / two
    report(
        f"Dask / local, 2 workers, {large:,} articles",
        f"{dask:.2f}x ({builds[large, 'Dask, 2 workers'][0]:.0f} vs {two:.0f}/s)",
        ">= 0.8x",
        verdict(dask, 0.8, at_least=True),
    )
    report(
        f"self-diff, {ratio_size:,}-article release (s)",
        f"{diff_seconds:.2f}",
        "<= 2 s",
        verdict(diff_seconds, 2.0, at_least=False),
    )
    report(
        f"writers alone, {min(small, 2000):,} prepared articles (articles/s)",
        f"{writer:.0f}",
        "(reported)",
        "",
    )

    if args.write_doc and not args.quick:
        write_doc(args.write_doc, machine, rows, builds, per, small, large)
    elif args.write_doc:
        print(f"\n(--quick: {args.write_doc} left as it is)")


BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def write_doc(
    path: Path,
    machine: str,
    rows: list[tuple[str, str, str, str]],
    builds: dict[tuple[int, str], tuple[float, float]],
    per: dict[str, float],
    small: int,
    large: int,
) -> None:
    """Replace the generated block of ``path`` with this run's tables."""
    lines = [
        BEGIN,
        "",
        f"Generated by `make bench` on {time.strftime('%Y-%m-%d')}: {machine}.",
        "",
        "| figure | this run | target | |",
        "| --- | ---: | --- | --- |",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    lines += ["", "| corpus | engine | articles/s | peak RSS |", "| ---: | --- | ---: | ---: |"]
    lines += [
        f"| {size:,} | {label} | {rate:.0f} | {rss:.0f} MiB |"
        for (size, label), (rate, rss) in builds.items()
    ]
    total = sum(per.values())
    lines += ["", "| stage (one process, per article) | ms | share |", "| --- | ---: | ---: |"]
    lines += [f"| {k} | {1000 * v:.3f} | {100 * v / total:.0f}% |" for k, v in per.items()]
    lines += ["", END]
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    path.write_text(head + "\n".join(lines) + tail, encoding="utf-8")
    print(f"\nwrote the generated block of {path}")


if __name__ == "__main__":
    main()
