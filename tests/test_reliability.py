"""Reliability: bad input, misuse, damage and interruption end in a clear refusal, never harm.

Each case pins what the user sees (exit code and the whole message) and what is
guaranteed afterwards (nothing written, earlier releases byte-identical, the
release verifies). docs/reliability.md lists the same cases as a table. Cases
already covered elsewhere are named there instead of repeated here.

Everything is built into pytest's temporary folders; ``raw/`` and ``dist/`` are
only ever read.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    DIST,
    RAW,
    ROOT,
    cli_env,
    distinct_copy,
    forked_children,
    leftovers,
    raw_copy,
    run_cli,
    tree,
)

from adhd_corpus import ChecksumError, SchemaVersionError, load_articles, load_table
from adhd_corpus.build import LOCK_FILE, MARKER, TMP_PREFIX, BuildOptions, build_release
from adhd_corpus.cli import main
from adhd_corpus.errors import InputError, Problem
from adhd_corpus.integrity import verify_release
from adhd_corpus.models import SCHEMA_VERSION
from adhd_corpus.sources import MAX_RAW_BYTES

INDEX: dict[str, Any] = json.loads((DIST / "index.json").read_text(encoding="utf-8"))
LATEST: str = INDEX["latest"]
EARLIER = sorted(p.name for p in DIST.iterdir() if (p / "manifest.json").is_file())
GOOD = sorted(RAW.glob("*.txt"))
FIRST = GOOD[0]
NEW = "9.0.0"


# --- helpers ------------------------------------------------------------------------------


def dist_copy(out: Path) -> Path:
    """``out`` holding copies of the committed releases and their index."""
    out.mkdir(parents=True)
    for version in EARLIER:
        shutil.copytree(DIST / version, out / version)
    shutil.copyfile(DIST / "index.json", out / "index.json")
    return out


def padded_article(size: int) -> bytes:
    """A valid article followed by real paragraphs, exactly ``size`` bytes long."""
    head = FIRST.read_bytes()
    paragraph = b"\nDopamine may affect focus and motivation in adults with ADHD.\n"
    body = paragraph * ((size - len(head)) // len(paragraph) + 1)
    return (head + body)[:size]


def long_title(length: int) -> str:
    title = ("Dopamine and Norepinephrine in ADHD " * (length // 30 + 1))[: length - 1] + "X"
    assert len(title) == length
    return title


# --- bad raw input, strict build ------------------------------------------------------------

# name -> (bytes, line, reason); each file is broken in exactly one way.
BAD: dict[str, tuple[bytes, int | None, str]] = {
    "empty.txt": (b"", None, "empty: the file has no text"),
    "blank.txt": (" \n\t\r\n\u00a0 \n\n".encode(), None, "empty: the file has no text"),
    "latin1.txt": (
        "ADHD in Adults\n\nCaf\u00e9 culture may affect focus.\n".encode("latin-1"),
        3,
        "not UTF-8: byte 0xe9 at byte offset 19",
    ),
    "nul.txt": (
        b"ADHD in Adults\n\nDopamine\x00 may affect focus.\n",
        3,
        "control character U+0000 at offset 24",
    ),
    "bell.txt": (
        b"ADHD in Adults\n\nDopamine may\x07 affect focus.\n",
        3,
        "control character U+0007 at offset 28",
    ),
    "image.txt": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06",
        1,
        "not UTF-8: byte 0x89 at byte offset 0",
    ),
    "title_only.txt": (b"ADHD and Dopamine\n", 1, "no body: no paragraph follows the title"),
    "body_only.txt": (
        b"Dopamine may affect focus in ADHD.\n",
        1,
        "no title: the first line reads as a paragraph, not a title",
    ),
    "long_title.txt": (
        f"{long_title(5000)}\n\nDopamine may affect focus in ADHD.\n".encode(),
        1,
        "title is 5,000 characters; the limit is 300",
    ),
    "copy_of_first.txt": (FIRST.read_bytes(), None, f"same content as {FIRST.name}"),
    "too_big.txt": (
        padded_article(MAX_RAW_BYTES + 1),
        None,
        f"file is {MAX_RAW_BYTES + 1:,} bytes; the limit is {MAX_RAW_BYTES:,} bytes",
    ),
}
OUTSIDE_LINK = ("link.txt", "symbolic link to a file outside the raw folder")


def bad_raw(folder: Path) -> Path:
    """The real articles plus every kind of bad file, including a symlink leading outside."""
    raw = raw_copy(folder / "raw")
    for name, (data, _, _) in BAD.items():
        (raw / name).write_bytes(data)
    outside = folder / "outside.txt"
    outside.write_bytes(FIRST.read_bytes().replace(b"dopamine", b"serotonin", 1))
    (raw / OUTSIDE_LINK[0]).symlink_to(outside)
    return raw


def expected_problems(raw: Path) -> list[Problem]:
    found = [Problem(str(raw / name), line, reason) for name, (_, line, reason) in BAD.items()]
    found.append(Problem(str(raw / OUTSIDE_LINK[0]), None, OUTSIDE_LINK[1]))
    return sorted(found)


@pytest.mark.parametrize(
    "name", ["image.txt", "title_only.txt", "long_title.txt", "bell.txt", "blank.txt"]
)
def test_each_bad_file_fails_the_build_with_its_own_message(tmp_path: Path, name: str) -> None:
    raw = raw_copy(tmp_path / "raw")
    data, line, reason = BAD[name]
    (raw / name).write_bytes(data)
    out = tmp_path / "out"

    with pytest.raises(InputError) as caught:
        build_release(raw, out, version=NEW)

    assert caught.value.problems == [Problem(str(raw / name), line, reason)]
    assert str(caught.value).splitlines()[-1] == "1 problem found; nothing was written"
    assert not (out / NEW).exists()
    assert leftovers(out) == []


def test_every_problem_is_reported_at_once_and_nothing_is_written(tmp_path: Path) -> None:
    raw = bad_raw(tmp_path)
    out = dist_copy(tmp_path / "dist")
    before = tree(out)

    result = run_cli("build", "--raw", str(raw), "--out", str(out), "--version", NEW, cwd=tmp_path)

    problems = expected_problems(raw)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        *map(str, problems),
        f"adhd-corpus: {len(problems)} problem(s); nothing was written",
    ]
    assert "Traceback" not in result.stderr
    for good in GOOD:
        assert good.name not in result.stderr.replace(f"same content as {FIRST.name}", "")
    assert not (out / NEW).exists()
    assert leftovers(out) == []
    assert tree(out) == before, "earlier releases and the index must stay byte-identical"


def test_keep_going_publishes_the_good_files_and_lists_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = bad_raw(tmp_path)
    out = dist_copy(tmp_path / "dist")
    earlier = {v: tree(out / v) for v in EARLIER}

    code = main(["build", "--raw", str(raw), "--out", str(out), "--version", NEW, "--keep-going"])

    captured = capsys.readouterr()
    release = out / NEW
    assert code == 3  # published, but not everything
    assert captured.out.startswith(f"built {release}: {len(GOOD)} articles, ")
    assert captured.err.splitlines() == [f"{p} (rejected)" for p in expected_problems(raw)]
    rejected = json.loads((release / "rejected.json").read_text(encoding="utf-8"))
    assert rejected == [
        {"file": Path(p.file).name, "line": p.line, "reason": p.reason}
        for p in expected_problems(raw)
    ]
    manifest = verify_release(release)
    assert "rejected.json" in manifest.files
    assert sorted(manifest.sources) == [p.name for p in GOOD]
    assert [a.id for a in load_articles(path=release)] == [p.stem for p in GOOD]
    assert main(["verify", str(release)]) == 0
    # The good records are exactly what a build of the good files alone publishes.
    alone = tmp_path / "alone"
    build_release(RAW, alone, version=NEW)
    assert (release / "articles.jsonl").read_bytes() == (
        alone / NEW / "articles.jsonl"
    ).read_bytes()
    assert {v: tree(out / v) for v in EARLIER} == earlier
    assert leftovers(out) == []


def test_keep_going_with_no_good_file_writes_nothing(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ["empty.txt", "image.txt", "title_only.txt"]:
        (raw / name).write_bytes(BAD[name][0])
    out = tmp_path / "out"

    with pytest.raises(InputError) as caught:
        build_release(raw, out, version=NEW, keep_going=True)

    assert [Path(p.file).name for p in caught.value.problems] == [
        "empty.txt",
        "image.txt",
        "title_only.txt",
    ]
    assert not (out / NEW).exists()
    assert leftovers(out) == []


# --- a huge file -----------------------------------------------------------------------------

_MEASURE = textwrap.dedent(
    """
    import json, sys, time, tracemalloc
    from pathlib import Path
    from adhd_corpus.build import build_release
    from adhd_corpus.errors import InputError

    # A first build loads every lazy import (some 25 MB), so only the second is measured.
    build_release(Path(sys.argv[3]), Path(sys.argv[2]) / "warm-up", version="9.0.0")
    tracemalloc.start()
    start = time.perf_counter()
    try:
        build_release(Path(sys.argv[1]), Path(sys.argv[2]), version="9.0.0")
    except InputError as exc:
        problems = [str(p) for p in exc.problems]
    else:
        problems = []
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    print(json.dumps({"problems": problems, "seconds": seconds, "peak": peak}))
    """
)
HUGE_BYTES = 30 * 1024 * 1024


def test_a_huge_valid_file_is_refused_by_size_without_being_read(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copyfile(FIRST, raw / FIRST.name)
    huge = raw / "huge.txt"
    with huge.open("wb") as handle:  # a valid article with 30 MB of real paragraphs
        handle.write(GOOD[1].read_bytes())
        chunk = padded_article(1 << 20)[len(FIRST.read_bytes()) :]
        while handle.tell() < HUGE_BYTES:
            handle.write(chunk)
    size = huge.stat().st_size
    out = tmp_path / "out"
    warm_up = tmp_path / "warm-up"
    warm_up.mkdir()
    shutil.copyfile(GOOD[2], warm_up / GOOD[2].name)

    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(raw), str(out), str(warm_up)],
        cwd=tmp_path,
        env=cli_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["problems"] == [
        f"{huge}: file is {size:,} bytes; the limit is {MAX_RAW_BYTES:,} bytes"
    ]
    # Reading the file would take 30 MB at least; the whole build stays far below.
    assert report["peak"] < 8 * 1024 * 1024, f"peak {report['peak']:,} bytes traced"
    assert report["seconds"] < 30
    assert not (out / NEW).exists()


# --- misuse -----------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["/abs", "1.0.0/../../x", "ABSOLUTE", "1.0.0/../1.1.0"])
def test_a_version_that_is_a_path_is_a_usage_error_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], version: str
) -> None:
    version = str(tmp_path / "abs") if version == "ABSOLUTE" else version
    out = tmp_path / "sub" / "out"

    with pytest.raises(SystemExit) as caught:
        main(["build", "--raw", str(RAW), "--out", str(out), "--version", version])

    assert caught.value.code == 2
    assert capsys.readouterr().err == (
        f"adhd-corpus: error: version {version!r} is not a semantic version "
        "(MAJOR.MINOR.PATCH, e.g. 1.2.0)\n"
    )
    assert list(tmp_path.iterdir()) == [], "nothing in --out, nothing beside or above it"


def test_rebuilding_a_release_is_a_verified_no_op_or_a_refusal_to_bump(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "dist"
    raw = raw_copy(tmp_path / "raw")
    args = ["build", "--raw", str(raw), "--out", str(out), "--version", NEW]
    assert main(args) == 0
    before = tree(out)
    capsys.readouterr()

    assert main(args) == 0
    assert (
        capsys.readouterr().out == f"{out / NEW} is up to date: a fresh build is byte-identical\n"
    )
    assert main(["verify", str(out / NEW)]) == 0
    assert tree(out) == before

    (raw / FIRST.name).write_bytes(FIRST.read_bytes().replace(b"dopamine", b"serotonin", 1))
    capsys.readouterr()
    assert main(args) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert re.fullmatch(
        rf"adhd-corpus: error: {re.escape(str(out / NEW))} exists and this build differs in "
        r"[\w./-]+(, [\w./-]+)*; releases are immutable: bump the version\n",
        captured.err,
    ), captured.err
    assert "articles.jsonl" in captured.err
    assert tree(out) == before
    assert leftovers(out) == []


@contextlib.contextmanager
def holding_the_lock(out: Path) -> Iterator[None]:
    """Hold ``<out>/.build.lock`` as a running build does."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / LOCK_FILE).open("w") as handle:
        fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield


def test_a_build_while_another_holds_the_lock_is_refused(tmp_path: Path) -> None:
    out = dist_copy(tmp_path / "dist")
    before = tree(out)
    args = ("build", "--raw", str(RAW), "--out", str(out), "--version", NEW)

    with holding_the_lock(out):
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode == 1
        assert result.stdout == ""
        assert result.stderr == (
            f"adhd-corpus: error: {out}: another build is running (lock {LOCK_FILE}); "
            "wait for it to finish\n"
        )
        assert tree(out) == before
        assert leftovers(out) == []

    assert run_cli(*args, cwd=tmp_path).returncode == 0  # the lock is gone with its holder
    verify_release(out / NEW)


def test_two_builds_at_once_give_one_release_and_no_corruption(tmp_path: Path) -> None:
    out = dist_copy(tmp_path / "dist")
    earlier = {v: tree(out / v) for v in EARLIER}
    command = [sys.executable, "-m", "adhd_corpus", "build", "--raw", str(RAW), "--out", str(out)]
    processes = [
        subprocess.Popen(
            [*command, "--version", NEW],
            cwd=tmp_path,
            env=cli_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in processes]
    results = [(p.returncode, out, err) for p, (out, err) in zip(processes, outputs, strict=True)]

    locked = (
        f"adhd-corpus: error: {out}: another build is running (lock {LOCK_FILE}); "
        "wait for it to finish\n"
    )
    for code, _, stderr in results:
        # Either it ran (built, or found the other's identical release), or it was refused.
        assert (code, stderr) in {(0, ""), (1, locked)}, stderr
        assert "Traceback" not in stderr
    assert sum(stdout.startswith(f"built {out / NEW}:") for _, stdout, _ in results) == 1
    verify_release(out / NEW)
    assert {v: tree(out / v) for v in EARLIER} == earlier
    assert leftovers(out) == []


def test_a_stale_temporary_folder_is_removed_by_the_next_build(tmp_path: Path) -> None:
    out = tmp_path / "out"
    stale = out / f"{TMP_PREFIX}{NEW}-99999"
    (stale / NEW).mkdir(parents=True)
    (stale / MARKER).write_text("adhd-corpus\n", encoding="utf-8")  # as a killed build left it
    (stale / NEW / "articles.jsonl").write_text("half a release\n", encoding="utf-8")

    build_release(RAW, out, version=NEW)

    assert leftovers(out) == []
    verify_release(out / NEW)


def test_files_the_build_did_not_make_are_left_alone(tmp_path: Path) -> None:
    """Look-alikes of the build's temporary names without its marker are the user's."""
    out = tmp_path / "out"
    out.mkdir()
    (out / ".index.json.99999.tmp").write_text('{"latest": nul', encoding="utf-8")
    (out / f"{TMP_PREFIX}notes").mkdir()
    (out / f"{TMP_PREFIX}notes" / "mine.txt").write_text("keep me\n", encoding="utf-8")
    before = tree(out)

    build_release(RAW, out, version=NEW)

    after = tree(out)
    assert {k: after[k] for k in before} == before


# --- damage -------------------------------------------------------------------------------------


def _read_manifest(release: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    return data


def _write_manifest(release: Path, manifest: dict[str, Any]) -> None:
    text = json.dumps(manifest, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    (release / "manifest.json").write_text(text, encoding="utf-8")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _changed_byte(release: Path) -> list[str]:
    path = release / "articles.jsonl"
    old = _sha256(path)
    data = bytearray(path.read_bytes())
    data[data.index(b"dopamine")] = ord("D")
    path.write_bytes(bytes(data))
    return [f"articles.jsonl: sha256 {_sha256(path)} does not match the manifest's {old}"]


def _missing_file(release: Path) -> list[str]:
    (release / "people.parquet").unlink()
    return ["people.parquet: missing (listed in manifest.json)"]


def _extra_file(release: Path) -> list[str]:
    (release / "extra.csv").write_text("a,b\n", encoding="utf-8")
    return ["extra.csv: not listed in manifest.json"]


def _edited_hash(release: Path) -> list[str]:
    manifest = _read_manifest(release)
    manifest["files"]["sections.parquet"]["sha256"] = "f" * 64
    _write_manifest(release, manifest)
    actual = _sha256(release / "sections.parquet")
    return [f"sections.parquet: sha256 {actual} does not match the manifest's {'f' * 64}"]


def _edited_counts(release: Path) -> list[str]:
    manifest = _read_manifest(release)
    claims = manifest["counts"]["claims"]
    manifest["counts"]["claims"] = claims + 1
    _write_manifest(release, manifest)
    return [f"manifest.json: counts.claims is {claims + 1} but claims.parquet has {claims} rows"]


def _edited_beside_index(release: Path) -> list[str]:
    shutil.copyfile(DIST / "index.json", release.parent / "index.json")
    manifest = _read_manifest(release)
    manifest["generator"] = "adhd-corpus 0.0.1"
    _write_manifest(release, manifest)
    [published] = [r["manifest_sha256"] for r in INDEX["releases"] if r["version"] == LATEST]
    digest = _sha256(release / "manifest.json")
    return [f"manifest.json: sha256 {digest} does not match index.json's {published}"]


DAMAGE: dict[str, Callable[[Path], list[str]]] = {
    "changed byte": _changed_byte,
    "missing file": _missing_file,
    "extra file": _extra_file,
    "manifest hash edited": _edited_hash,
    "manifest counts edited": _edited_counts,
    "manifest edited beside index": _edited_beside_index,
}


READS_THE_DAMAGE: dict[str, Callable[[Path], object]] = {
    "manifest hash edited": lambda path: load_table("sections", path=path),
    "manifest counts edited": lambda path: load_table("claims", path=path),
}
"""The loader hashes and counts only what it reads: these damages show on the table read."""


def _load_articles(path: Path) -> object:
    return load_articles(path=path)


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_verify_and_the_loader_name_the_damage_the_same_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    release = tmp_path / "releases" / LATEST
    shutil.copytree(DIST / LATEST, release)
    problems = DAMAGE[damage](release)
    lines = [f"{release}: {p}" for p in problems]

    assert main(["verify", str(release)]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == lines
    assert captured.out == ""
    load = READS_THE_DAMAGE.get(damage, _load_articles)
    with pytest.raises(ChecksumError) as caught:
        load(release)
    assert caught.value.problems == problems
    assert str(caught.value).splitlines() == lines


# --- interruption -------------------------------------------------------------------------------

COPIES = 300
KILLS = 8
KILL_COPIES = 120
"""Articles in the kill -9 test's corpus: enough for two workers and a writing phase
that eight kills can be spread over."""


def varied_raw(folder: Path, copies: int = COPIES) -> Path:
    """``copies`` real articles under distinct names, each with slightly different text."""
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in GOOD]
    for i in range(copies):
        source = GOOD[i % len(GOOD)]
        text = texts[i % len(GOOD)]
        varied = distinct_copy(text, i)
        (folder / f"c{i:03d}_{source.stem}.txt").write_text(varied, encoding="utf-8")
    return folder


def lock_is_free(out: Path) -> bool:
    """True when no process holds ``<out>/.build.lock``."""
    with (out / LOCK_FILE).open("a") as handle:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.lockf(handle, fcntl.LOCK_UN)
        return True


def wait_for_lock(out: Path, seconds: float = 15.0) -> None:
    """Wait until a killed build's leftover worker processes have let go of the lock."""
    deadline = time.monotonic() + seconds
    while not lock_is_free(out):
        assert time.monotonic() < deadline, f"{out}: lock still held {seconds} s after the kill"
        time.sleep(0.05)


def test_kill_9_at_random_moments_leaves_no_release_or_a_whole_one(tmp_path: Path) -> None:
    raw = varied_raw(tmp_path / "raw", KILL_COPIES)
    # Every build shares one cache, so each spends its time where a kill can do harm
    # (writing and publishing) rather than parsing; the cache changes no byte of output.
    cache = tmp_path / "cache"
    command = [sys.executable, "-m", "adhd_corpus", "build", "--raw", str(raw), "--quiet"]
    command += ["--cache", str(cache), "--workers", "2"]
    earlier = tree(DIST / EARLIER[0])

    def start(out: Path) -> subprocess.Popen[bytes]:
        shutil.copytree(DIST / EARLIER[0], out / EARLIER[0])
        return subprocess.Popen(
            [*command, "--out", str(out), "--version", NEW],
            cwd=tmp_path,
            env=cli_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    # One build fills the cache and gives the bytes; a second, left alone, times a whole
    # run from the cache: when it starts writing (its temporary folder appears) and ends.
    assert start(tmp_path / "whole").wait(timeout=600) == 0
    reference = tree(tmp_path / "whole" / NEW)
    began = time.monotonic()
    warm = start(tmp_path / "warm")
    writing = None
    while warm.poll() is None:
        if writing is None and any((tmp_path / "warm").glob(f"{TMP_PREFIX}*")):
            writing = time.monotonic() - began
        time.sleep(0.005)
    assert warm.returncode == 0
    duration = time.monotonic() - began
    assert tree(tmp_path / "warm" / NEW) == reference
    # The kills fall from the end of preparation (nothing is written before) to the end.
    first = 0.8 * (writing if writing is not None else 0.0)
    window = 1.1 * duration - first

    rng = random.Random(9)  # fixed seed: the same moments on every run
    outcomes: list[str] = []
    for k in range(KILLS):
        out = tmp_path / f"out{k}"
        process = start(out)
        time.sleep(first + window * (k + rng.random()) / KILLS)
        process.kill()  # SIGKILL, as kill -9
        process.wait(timeout=60)

        # Either no release or a whole one; the earlier release and the index are intact.
        assert tree(out / EARLIER[0]) == earlier
        visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
        assert set(visible) <= {EARLIER[0], NEW, "index.json"}, visible
        if (out / "index.json").exists():
            listed = json.loads((out / "index.json").read_text(encoding="utf-8"))["releases"]
            assert {r["version"] for r in listed} <= set(visible)
        if (out / NEW).exists():
            verify_release(out / NEW)
            assert tree(out / NEW) == reference
        outcomes.append(f"{process.returncode}:{'whole' if (out / NEW).exists() else 'none'}")

        # A normal build then succeeds, publishes the same bytes and removes the leftovers.
        wait_for_lock(out)  # see test_a_build_right_after_kill_9_is_not_refused
        report = build_release(raw, out, version=NEW, options=BuildOptions(cache=cache))
        assert report.status in {"built", "unchanged"}
        verify_release(out / NEW)
        assert tree(out / NEW) == reference
        assert tree(out / EARLIER[0]) == earlier
        assert leftovers(out) == [], f"after kill {k} ({outcomes[-1]})"
    assert len(outcomes) == KILLS, outcomes


_SLOW_WORKERS = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import adhd_corpus.build as build
    import adhd_corpus.prepare as prepare

    real = prepare.prepare_input

    def slow(*args, **kwargs):
        time.sleep(0.5)
        return real(*args, **kwargs)

    prepare.prepare_input = slow  # forked workers inherit it
    options = build.BuildOptions(workers=2)
    build.build_release(Path(sys.argv[1]), Path(sys.argv[2]), version="9.0.0", options=options)
    """
)


def test_a_build_right_after_kill_9_is_not_refused(tmp_path: Path) -> None:
    if not Path("/proc/self/stat").is_file():
        pytest.skip("needs Linux /proc to find the worker processes")
    raw = varied_raw(tmp_path / "raw")
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WORKERS, str(raw), str(out)],
        cwd=tmp_path,
        env=cli_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 30
        while len(workers) < 2 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
            workers = forked_children(process.pid)
        if len(workers) < 2:
            pytest.skip("the build started no worker processes to kill it among")
        process.kill()
        process.wait(timeout=60)

        build_release(RAW, out, version="9.0.1")  # at once, as a user would retry
        verify_release(out / "9.0.1")
    finally:
        process.kill()
        for pid in workers:  # the killed build's own workers, by id
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait(timeout=60)


# --- schema versions --------------------------------------------------------------------------


def _as_newer_schema(release: Path, schema_version: str, generator: str) -> None:
    """Rewrite a release as if a later package built it with another schema; checksums hold."""
    schema_path = release / "article.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["x-schema-version"] = schema_version
    schema_path.write_text(json.dumps(schema, sort_keys=True, indent=2) + "\n", encoding="utf-8")
    manifest = _read_manifest(release)
    manifest["schema_version"] = schema_version
    manifest["generator"] = generator
    manifest["files"]["article.schema.json"] = {
        "bytes": schema_path.stat().st_size,
        "sha256": _sha256(schema_path),
    }
    _write_manifest(release, manifest)
    verify_release(release)


NEWER_SCHEMA = f"{int(SCHEMA_VERSION.split('.')[0]) + 1}.0.0"


def test_a_newer_schema_major_is_refused_on_the_command_line_without_traceback(
    tmp_path: Path,
) -> None:
    release = tmp_path / "releases" / LATEST
    shutil.copytree(DIST / LATEST, release)
    _as_newer_schema(release, NEWER_SCHEMA, "adhd-corpus 7.3.1")

    result = run_cli("stats", "--path", str(release), cwd=tmp_path)

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"adhd-corpus: error: {release}: schema version {NEWER_SCHEMA} is newer than "
    )
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_a_newer_schema_major_names_the_package_version_that_reads_it(tmp_path: Path) -> None:
    release = tmp_path / "releases" / LATEST
    shutil.copytree(DIST / LATEST, release)
    _as_newer_schema(release, NEWER_SCHEMA, "adhd-corpus 7.3.1")

    with pytest.raises(SchemaVersionError) as caught:
        load_articles(path=release)

    message = str(caught.value)
    assert NEWER_SCHEMA in message
    assert "adhd-corpus 7.3.1" in message or "adhd-corpus>=7.3.1" in message, message


# --- the documentation --------------------------------------------------------------------------


def test_the_reliability_doc_states_the_size_limit_and_keep_going() -> None:
    doc = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    assert f"{MAX_RAW_BYTES:,} bytes" in doc
    assert "--keep-going" in doc
    assert "rejected.json" in doc
