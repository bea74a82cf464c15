"""The ``adhd-corpus`` command: argument parsing and printing over the library.

Exit codes: 0 success, 1 the work failed (bad input, damaged release), 2 usage error,
3 ``build --keep-going`` published a release but rejected some inputs.
Expected failures print one line per problem and no traceback (``--debug``, before or
after the command, shows it).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, NoReturn, TextIO, cast

from ._version import __version__
from .errors import CorpusError, InputError, VersionError
from .models import STRENGTH_LABELS

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130


def _progress_bar() -> Callable[[int, int], None]:
    """A one-line progress bar on the terminal (builds in CI or pipes stay quiet)."""

    def show(done: int, total: int) -> None:
        if done == total or done % 50 == 0:
            width = 30
            filled = width * done // max(total, 1)
            end = "\n" if done == total else ""
            bar = "#" * filled + "-" * (width - filled)
            print(f"\r[{bar}] {done}/{total} articles", end=end, file=sys.stderr, flush=True)

    return show


def _count(minimum: int) -> Callable[[str], int]:
    """An argparse type: an integer of at least ``minimum``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be {minimum} or more, not {value}")
        return value

    return parse


def _build(args: argparse.Namespace) -> int:
    from .build import BuildOptions, build_release
    from .corpus import default_corpus, load_corpus

    corpus = load_corpus(Path(args.corpus)) if args.corpus else default_corpus()

    options = BuildOptions(
        workers=args.workers,
        engine=args.engine,
        scheduler=args.scheduler,
        cache=Path(args.cache) if args.cache else None,
        progress=_progress_bar() if not args.quiet and sys.stderr.isatty() else None,
    )
    report = build_release(
        Path(args.raw),
        Path(args.out),
        args.version,
        keep_going=args.keep_going,
        options=options,
        corpus=corpus,
    )
    for problem in sorted(report.rejected):
        print(f"{problem} (rejected)", file=sys.stderr)
    if not args.quiet:
        counts = ", ".join(f"{n} {t}" for t, n in report.counts.items())
        if report.cached:
            counts += f" ({report.cached:,} of {report.prepared:,} articles from the cache)"
        if report.status == "built":
            print(f"built {report.release}: {counts}")
        else:
            print(f"{report.release} is up to date: a fresh build is byte-identical")
    if args.version is None and corpus.release_date(report.version) is None:
        # The package's own version (a `make build` after a bump): remind the maintainer.
        print(
            f"note: the corpus description records no release date for {report.version}, "
            "so croissant.json has no datePublished (add it under [releases] in corpus.toml)",
            file=sys.stderr,
        )
    return EXIT_PARTIAL if report.rejected else EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    from .integrity import os_metadata_files, verify_release

    failed = False
    for folder in args.release:
        if not Path(folder).is_dir():
            reason = "not a folder" if Path(folder).exists() else "no such file or folder"
            print(f"{folder}: {reason}", file=sys.stderr)
            failed = True
            continue
        try:
            manifest = verify_release(Path(folder))
        except CorpusError as exc:
            print(str(exc), file=sys.stderr)
            failed = True
        else:
            print(f"{folder}: ok ({len(manifest.files)} files match manifest.json)")
        for name in os_metadata_files(Path(folder)) if Path(folder).is_dir() else []:
            print(
                f"warning: {Path(folder) / name}: operating-system metadata, not part of the "
                "release; ignored",
                file=sys.stderr,
            )
    return EXIT_FAILED if failed else EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from .reports import validation_report

    report = validation_report(Path(p) for p in args.paths)
    if args.json:
        print(report.to_json())
    else:
        for problem in report.problems:
            print(problem, file=sys.stderr)
        if report.valid:
            print(f"valid: {', '.join(args.paths)}")
    return EXIT_OK if report.valid else EXIT_FAILED


def _stats(args: argparse.Namespace) -> int:
    from .reports import release_stats

    stats = release_stats(args.release, path=args.path, top=args.top)
    if args.json:
        print(stats.to_json())
        return EXIT_OK
    print(f"{len(stats.articles)} articles, {stats.claims} claims")
    print(
        f"hedged {stats.hedged} ({stats.share(stats.hedged)}), boosted {stats.boosted} "
        f"({stats.share(stats.boosted)}), negated {stats.negated} ({stats.share(stats.negated)})"
    )
    print(
        "strength: "
        + ", ".join(
            f"{level} {STRENGTH_LABELS[level]} {n}" for level, n in enumerate(stats.strength)
        )
    )
    print("claims per article:")
    width = max((len(a.id) for a in stats.articles), default=0)
    claims = max((len(str(a.claims)) for a in stats.articles), default=1)
    hedged = max((len(str(a.hedged)) for a in stats.articles), default=1)
    for a in stats.articles:
        print(
            f"  {a.id:<{width}}  {a.claims:>{claims}} claims  {a.hedged:>{hedged}} hedged  "
            f"{a.title}"
        )
    print("top entities:")
    top = stats.top_entities
    count_width = max((len(str(count)) for _, _, count in top), default=1)
    for name, kind, count in top:
        print(f"  {count:>{count_width}}  {name} ({kind})")
    return EXIT_OK


def _info(args: argparse.Namespace) -> int:
    from .reports import list_releases, release_info

    if args.release is None and args.path is None:
        listing = list_releases()
        if args.json:
            print(listing.to_json())
            return EXIT_FAILED if listing.damaged else EXIT_OK
        print(f"releases in {listing.root}:")
        for row in listing.releases:
            if row.error is not None or row.counts is None:
                print(f"  {row.version:10s} damaged: {row.error}")
                continue
            print(
                f"  {row.version:10s} schema {row.schema_version:8s} "
                f"{row.counts['articles']:6d} articles {row.counts['claims']:7d} claims "
                f"{row.bytes / 1024:9.1f} KiB"
            )
        return EXIT_FAILED if listing.damaged else EXIT_OK
    info = release_info(args.release, path=args.path)
    if args.json:
        print(info.to_json())
        return EXIT_OK
    manifest = info.manifest
    print(f"{manifest.name} {manifest.version} ({info.folder})")
    print(f"schema version {manifest.schema_version}, built by {manifest.generator}")
    print("rows: " + ", ".join(f"{n} {t}" for t, n in manifest.counts.items()))
    print("files:")
    for name, entry in manifest.files.items():
        print(f"  {name:24s} {entry.bytes:>10,} bytes  sha256 {entry.sha256[:16]}…")
    print(f"sources: {len(manifest.sources)} raw files")
    return EXIT_OK


def _release_folder(ref: str) -> Path:
    """A release named by folder (when one exists there) or by version."""
    from .layout import MANIFEST
    from .loader import release_path

    folder = Path(ref)
    return folder if (folder / MANIFEST).is_file() else release_path(ref)


def _diff(args: argparse.Namespace) -> int:
    from .compare import diff_releases, render_text

    changes = diff_releases(_release_folder(args.old), _release_folder(args.new))
    if args.json:
        print(changes.to_json())
    else:
        print(render_text(changes), end="")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from .validate import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def make_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = argparse.ArgumentParser(
        prog="adhd-corpus", description="Build, verify and validate adhd-corpus releases."
    )
    parser.add_argument("--version", action="version", version=f"adhd-corpus {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of failures")
    # Every command takes --debug too, so it works after the command name as well; SUPPRESS
    # keeps a command's parser from resetting the value given before it.
    debug = argparse.ArgumentParser(add_help=False)
    debug.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_parser = partial(commands.add_parser, parents=[debug])

    build = add_parser("build", help="build a release from the raw article texts")
    build.add_argument(
        "--raw",
        default="raw",
        metavar="DIR|FILE",
        help="a folder of .txt files, or a .jsonl or .parquet file of id/text rows (default: raw)",
    )
    build.add_argument("--out", default="dist", metavar="DIR", help="releases (default: dist)")
    build.add_argument(
        "--version", metavar="X.Y.Z", help=f"release version (default: {__version__})"
    )
    build.add_argument(
        "--keep-going",
        action="store_true",
        help="publish the valid articles and list the rejected files in rejected.json "
        "(default: any invalid file fails the build)",
    )
    build.add_argument(
        "--workers",
        type=_count(1),
        metavar="N",
        help="worker processes (default: as many as help)",
    )
    build.add_argument(
        "--engine",
        choices=["local", "dask"],
        default="local",
        help="run on this machine (default) or on a Dask cluster",
    )
    build.add_argument(
        "--scheduler", metavar="ADDRESS", help="Dask scheduler (default: a local cluster)"
    )
    build.add_argument(
        "--cache",
        metavar="DIR",
        help="reuse articles prepared by earlier builds from DIR, and add to it "
        "(keyed by raw hash and code; default: no cache)",
    )
    build.add_argument(
        "--corpus",
        metavar="FILE",
        help="the corpus description: publishers, licences, release dates "
        "(default: this checkout's corpus.toml)",
    )
    build.add_argument("--quiet", action="store_true", help="print nothing on success")
    build.set_defaults(run=_build)

    verify = add_parser("verify", help="check a release's files against its manifest")
    verify.add_argument("release", nargs="+", metavar="RELEASE_DIR")
    verify.set_defaults(run=_verify)

    validate = add_parser("validate", help="validate records against the JSON Schema")
    validate.add_argument(
        "paths", nargs="+", metavar="PATH", help="release folders or .jsonl files"
    )
    validate.add_argument("--json", action="store_true", help="print a JSON report")
    validate.set_defaults(run=_validate)

    stats = add_parser("stats", help="claims, certainty and entities of a release")
    stats.add_argument("release", nargs="?", metavar="VERSION", help="default: the latest")
    stats.add_argument("--path", metavar="DIR", help="a release folder instead of a version")
    stats.add_argument("--top", type=_count(0), default=10, metavar="N", help="entities to list")
    stats.add_argument("--json", action="store_true", help="print a JSON summary")
    stats.set_defaults(run=_stats)

    diff = add_parser("diff", help="what changed between two releases")
    diff.add_argument("old", metavar="OLD", help="a version or a release folder")
    diff.add_argument("new", metavar="NEW", help="a version or a release folder")
    diff.add_argument("--json", action="store_true", help="print JSON for programs")
    diff.set_defaults(run=_diff)

    info = add_parser("info", help="list releases, or describe one")
    info.add_argument("release", nargs="?", metavar="VERSION", help="a release to describe")
    info.add_argument("--path", metavar="DIR", help="a release folder instead of a version")
    info.add_argument("--json", action="store_true", help="print JSON")
    info.set_defaults(run=_info)

    schema = add_parser("schema", help="print the Article JSON Schema (draft 2020-12)")
    schema.set_defaults(run=_schema)
    return parser


def _check_build_args(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Usage errors argparse cannot see: empty paths, options that would be ignored."""
    for option in ("raw", "out", "cache"):
        if getattr(args, option) == "":
            parser.error(f"--{option} is empty; name a path")
    if args.scheduler is not None and args.engine != "dask":
        parser.error("--scheduler needs --engine dask")


def _fail(args: argparse.Namespace, message: str, problems: Sequence[str] = ()) -> int:
    """Print a failure: its lines on stderr, and with ``--json`` an error object on stdout."""
    for line in problems:
        print(line, file=sys.stderr)
    print(f"adhd-corpus: {message}", file=sys.stderr)
    if getattr(args, "json", False):
        error = {"error": message.removeprefix("error: "), "problems": list(problems)}
        with contextlib.suppress(OSError):
            print(json.dumps(error, indent=2, ensure_ascii=False), flush=True)
    return EXIT_FAILED


class _Output:
    """Standard output that names itself when it cannot be written (closed or full)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            self._drop()
            raise OSError(exc.errno, exc.strerror, "stdout") from None

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            self._drop()
            raise OSError(exc.errno, exc.strerror, "stdout") from None

    def _drop(self) -> None:
        # What could not be written is dropped, so Python does not fail again at exit.
        self.stream = Path(os.devnull).open("w")  # noqa: SIM115 (lives until exit)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def run() -> NoReturn:
    """The console command: ``main``, then leave at once with its exit code.

    Python's teardown is skipped on purpose: by then every file is written and closed,
    and pyarrow's native threads, torn down with the interpreter, can abort a finished
    command with exit code 134 ("terminate called without an active exception";
    apache/arrow#34314; seen in about 1 of 120 `stats` runs on a busy machine).
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code."""
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.command == "build":
        _check_build_args(parser, args)
    original = sys.stdout
    if original is None:  # started with stdout closed (`>&-`): nothing could be printed
        print("adhd-corpus: error: stdout: closed; nothing was done", file=sys.stderr)
        return EXIT_FAILED
    output = _Output(original)
    sys.stdout = cast(TextIO, output)
    try:
        return _run(parser, args)
    finally:
        if output.stream is original:
            sys.stdout = original


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """Run the parsed command; turn expected failures into messages and exit codes."""
    try:
        code: int = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:  # output piped into `head` and closed early: not a failure
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        if args.debug:
            raise
        print("adhd-corpus: interrupted; nothing was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except VersionError as exc:
        if args.debug:
            raise
        parser.exit(EXIT_USAGE, f"adhd-corpus: error: {exc}\n")
    except InputError as exc:
        if args.debug:
            raise
        lines = [str(p) for p in exc.problems]
        return _fail(args, f"{len(exc.problems)} problem(s); nothing was written", lines)
    except CorpusError as exc:
        if args.debug:
            raise
        return _fail(args, f"error: {exc}")
    except OSError as exc:  # the file system said no: name the path and its reason
        if args.debug:
            raise
        where = exc.filename if exc.filename is not None else "adhd-corpus"
        return _fail(args, f"error: {where}: {exc.strerror or exc}")
    return code
