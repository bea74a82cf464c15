"""Building releases: reproducible, immutable, atomic, and shaped as the contract says.

A fresh build of ``raw/`` must give back the committed ``dist/<version>/`` byte for
byte; everything else here builds into pytest's temporary folders, never into the
repository.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import DIST, RAW, leftovers, raw_copy, read_json, seed_earlier_releases, tree

from adhd_corpus import __version__
from adhd_corpus.build import BuildReport, build_release
from adhd_corpus.errors import InputError, ReleaseExistsError, VersionError
from adhd_corpus.models import SCHEMA_VERSION
from adhd_corpus.tables import TABLES, arrow_schema

VERSION = __version__
COMMITTED = DIST / VERSION
COMMITTED_FILES = (
    sorted(p.relative_to(COMMITTED).as_posix() for p in COMMITTED.rglob("*") if p.is_file())
    if COMMITTED.is_dir()
    else []
)
CONTRACT_TABLES = ["articles", "sections", "claims", "entities", "people", "links"]
TABLE_NAMES = [*CONTRACT_TABLES, "documents"]
"""The contract's six tables, then the raw texts their offsets index (since 1.2.0)."""
MANIFEST_KEYS = {"name", "version", "schema_version", "generator", "counts", "files", "sources"}
INDEX_ENTRY_KEYS = {"version", "schema_version", "manifest_sha256", "counts"}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    """One build of raw/ at the package version, shared by the read-only tests."""
    out = tmp_path_factory.mktemp("fresh") / "dist"
    seed_earlier_releases(out, VERSION)
    report = build_release(RAW, out, version=VERSION)
    return out, report


@pytest.fixture(params=["committed", "fresh"])
def release(request: pytest.FixtureRequest, fresh: tuple[Path, BuildReport]) -> Path:
    """The committed release and a fresh build of it: both must follow the contract."""
    if request.param == "committed":
        return COMMITTED
    return fresh[0] / VERSION


# --- reproducing the committed release ------------------------------------------------


def test_committed_release_exists_for_the_package_version() -> None:
    assert COMMITTED.is_dir(), f"no committed release for package version {VERSION}"
    assert "manifest.json" in COMMITTED_FILES


def test_fresh_build_reports_built(fresh: tuple[Path, BuildReport]) -> None:
    out, report = fresh
    assert report.status == "built"
    assert report.version == VERSION
    assert report.release == out / VERSION
    assert report.manifest is not None
    assert report.manifest.model_dump(mode="json") == read_json(out / VERSION / "manifest.json")


def test_fresh_build_has_the_committed_file_names(fresh: tuple[Path, BuildReport]) -> None:
    assert sorted(tree(fresh[0] / VERSION)) == COMMITTED_FILES


@pytest.mark.parametrize("name", COMMITTED_FILES)
def test_fresh_build_reproduces_committed_file(fresh: tuple[Path, BuildReport], name: str) -> None:
    built = (fresh[0] / VERSION / name).read_bytes()
    assert built == (COMMITTED / name).read_bytes(), (
        f"dist/{VERSION}/{name} differs from a fresh build of raw/"
    )


def test_fresh_build_index_entry_equals_committed_entry(
    fresh: tuple[Path, BuildReport],
) -> None:
    built = read_json(fresh[0] / "index.json")
    committed = read_json(DIST / "index.json")
    [built_entry] = [r for r in built["releases"] if r["version"] == VERSION]
    committed_entries = [r for r in committed["releases"] if r["version"] == VERSION]
    assert committed_entries == [built_entry]


def test_successful_build_leaves_only_the_release_and_index(
    fresh: tuple[Path, BuildReport],
) -> None:
    out = fresh[0]
    visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    earlier = sorted(p.name for p in DIST.iterdir() if p.is_dir() and p.name < VERSION)
    assert visible == sorted([*earlier, VERSION, "index.json"])
    assert leftovers(out) == []


def test_building_twice_gives_identical_bytes(
    fresh: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    out = tmp_path / "again"
    seed_earlier_releases(out, VERSION)
    report = build_release(RAW, out, version=VERSION)
    assert report.status == "built"
    assert tree(out / VERSION) == tree(fresh[0] / VERSION)
    assert (out / "index.json").read_bytes() == (fresh[0] / "index.json").read_bytes()


# --- immutability -----------------------------------------------------------------------


def test_rebuilding_with_identical_input_is_a_no_op(
    fresh: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    shutil.copytree(fresh[0], out)
    before = tree(out)
    # The lock file is the build's own business; everything else must stay untouched.
    mtimes = {
        p: p.stat().st_mtime_ns
        for p in out.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }

    report = build_release(RAW, out, version=VERSION)

    assert report.status == "unchanged"
    assert report.release == out / VERSION
    assert tree(out) == before
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes, "files were rewritten"
    assert leftovers(out) == []


def test_rebuilding_with_changed_input_raises_and_keeps_the_release(
    fresh: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    shutil.copytree(fresh[0], out)
    before = tree(out)
    raw = raw_copy(tmp_path / "raw")
    first = sorted(raw.glob("*.txt"))[0]
    first.write_text(
        first.read_text(encoding="utf-8").replace("dopamine", "serotonin", 1), encoding="utf-8"
    )

    with pytest.raises(ReleaseExistsError, match="bump the version") as caught:
        build_release(raw, out, version=VERSION)

    assert str(out / VERSION) in str(caught.value)
    assert tree(out) == before
    assert leftovers(out) == []


# --- strict input -------------------------------------------------------------------------

BAD_FILES = {
    "empty.txt": b"",
    "latin1.txt": "Caf\u00e9 culture and ADHD\n\nDopamine may matter.\n".encode("latin-1"),
    "no_title.txt": b"this line is a sentence, not a title.\n\nDopamine may matter.\n",
}


@pytest.mark.parametrize("existing", [False, True], ids=["empty-out", "out-with-release"])
def test_bad_raw_files_fail_the_build_naming_every_one(
    fresh: tuple[Path, BuildReport], tmp_path: Path, existing: bool
) -> None:
    raw = raw_copy(tmp_path / "raw")
    for name, data in BAD_FILES.items():
        (raw / name).write_bytes(data)
    out = tmp_path / "dist"
    if existing:
        shutil.copytree(fresh[0], out)
    before = tree(out) if existing else {}

    with pytest.raises(InputError) as caught:
        build_release(raw, out, version="9.9.9")

    assert sorted({Path(p.file).name for p in caught.value.problems}) == sorted(BAD_FILES)
    message = str(caught.value)
    for name in BAD_FILES:
        assert name in message
    for good in RAW.glob("*.txt"):
        assert good.name not in message
    assert not (out / "9.9.9").exists()
    assert leftovers(out) == []
    releases = sorted(p.name for p in fresh[0].iterdir() if p.is_dir() and p.name[0].isdigit())
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == (releases if existing else [])
    if existing:
        assert tree(out) == before
    else:
        assert not (out / "index.json").exists()


@pytest.mark.parametrize(
    "version",
    [
        "banana",
        "1.0",
        "../x",
        "",
        "1.0.0.0",
        "v1.0.0",
        "01.0.0",
        "1.0.0/x",
        "1.0.0+build.5",
        "1.0.0\n",
    ],
)
def test_invalid_version_is_refused_before_anything_is_written(
    tmp_path: Path, version: str
) -> None:
    out = tmp_path / "out"
    with pytest.raises(VersionError, match="not a semantic version"):
        build_release(RAW, out, version=version)
    assert list(tmp_path.iterdir()) == []


# --- dist/index.json ------------------------------------------------------------------------


def check_index(out: Path) -> list[str]:
    """Check index.json against the release folders of ``out``; return its versions."""
    index = read_json(out / "index.json")
    assert set(index) == {"latest", "releases"}
    versions = [entry["version"] for entry in index["releases"]]
    folders = sorted(p.name for p in out.iterdir() if (p / "manifest.json").is_file())
    assert sorted(versions) == folders
    assert index["latest"] == versions[-1]
    for entry in index["releases"]:
        assert set(entry) == INDEX_ENTRY_KEYS
        manifest_bytes = (out / entry["version"] / "manifest.json").read_bytes()
        manifest = json.loads(manifest_bytes)
        assert entry["manifest_sha256"] == hashlib.sha256(manifest_bytes).hexdigest()
        assert entry["counts"] == manifest["counts"]
        assert entry["schema_version"] == manifest["schema_version"]
    return versions


def test_committed_index_describes_the_committed_releases() -> None:
    versions = check_index(DIST)
    assert VERSION in versions


def test_index_lists_releases_oldest_first(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    # Built out of order; neither build order nor string order is semver order, and the
    # last build is not the latest release.
    for version in ["1.10.0", "1.2.0", "1.0.0", "1.0.0-rc.1"]:
        build_release(RAW, out, version=version)

    assert check_index(out) == ["1.0.0-rc.1", "1.0.0", "1.2.0", "1.10.0"]
    assert read_json(out / "index.json")["latest"] == "1.10.0"


# --- the manifest -----------------------------------------------------------------------------


def test_manifest_has_exactly_the_contract_keys(release: Path) -> None:
    assert set(read_json(release / "manifest.json")) == MANIFEST_KEYS


def test_manifest_names_the_release_and_its_builder(release: Path) -> None:
    manifest = read_json(release / "manifest.json")
    assert manifest["name"] == "adhd-corpus"
    assert manifest["version"] == release.name
    assert manifest["schema_version"] == SCHEMA_VERSION
    assert manifest["generator"] == f"adhd-corpus {__version__}"


def test_manifest_sources_are_the_raw_files_and_their_hashes(release: Path) -> None:
    manifest = read_json(release / "manifest.json")
    expected = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(RAW.glob("*.txt"))
    }
    assert manifest["sources"] == expected


def test_manifest_files_lists_every_file_but_itself_with_real_digests(release: Path) -> None:
    manifest = read_json(release / "manifest.json")
    on_disk = {
        p.relative_to(release).as_posix(): p.read_bytes()
        for p in release.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    }
    assert sorted(manifest["files"]) == sorted(on_disk)
    for name, data in on_disk.items():
        assert manifest["files"][name] == {
            "sha256": hashlib.sha256(data).hexdigest(),
            "bytes": len(data),
        }, name


def test_manifest_counts_equal_real_row_counts(release: Path) -> None:
    counts = read_json(release / "manifest.json")["counts"]
    assert sorted(counts) == sorted(TABLE_NAMES)
    for name in TABLE_NAMES:
        assert pq.read_metadata(release / f"{name}.parquet").num_rows == counts[name], name
    lines = (release / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == counts["articles"]


# --- tables and records ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "table",
    TABLE_NAMES,
)
def test_parquet_schema_equals_declared_arrow_schema(table: str) -> None:
    found = pq.read_schema(COMMITTED / f"{table}.parquet")
    expected = arrow_schema(table)
    assert found.equals(expected, check_metadata=True), f"{found}\n!=\n{expected}"


def _without_list_item_names(schema: pa.Schema) -> list[tuple[str, str, bool, Any]]:
    def kind(t: pa.DataType) -> str:
        if pa.types.is_list(t):
            return f"list<{t.value_type}{' not null' if not t.value_field.nullable else ''}>"
        return str(t)

    return [(f.name, kind(f.type), f.nullable, f.metadata) for f in schema]


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_parquet_columns_types_and_descriptions_follow_the_declared_schema(
    release: Path, table: str
) -> None:
    found = pq.read_schema(release / f"{table}.parquet")
    expected = arrow_schema(table)
    assert _without_list_item_names(found) == _without_list_item_names(expected)
    assert found.metadata == expected.metadata


def test_declared_tables_are_the_contract_tables() -> None:
    assert list(TABLES) == TABLE_NAMES


@pytest.mark.parametrize("table", [t for t in CONTRACT_TABLES if t != "articles"])
def test_every_table_but_articles_has_article_id(release: Path, table: str) -> None:
    assert "article_id" in pq.read_schema(release / f"{table}.parquet").names


def test_claims_table_has_the_contract_columns(release: Path) -> None:
    names = pq.read_schema(release / "claims.parquet").names
    assert {"article_id", "text", "start", "end", "hedged"} <= set(names)


def test_articles_jsonl_is_sorted_by_id(release: Path) -> None:
    lines = (release / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    ids = [json.loads(line)["id"] for line in lines]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)


def test_records_are_sorted_by_id_not_by_file_name(tmp_path: Path) -> None:
    # By file name "a-b.txt" < "a.txt" ('-' < '.'); by id "a" < "a-b".
    raw = tmp_path / "raw"
    raw.mkdir()
    sources = sorted(RAW.glob("*.txt"))
    for name, source in zip(["a-b.txt", "a.txt", "B.txt"], sources, strict=False):
        shutil.copyfile(source, raw / name)
    out = tmp_path / "dist"
    build_release(raw, out, version="0.1.0")

    release = out / "0.1.0"
    lines = (release / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["B", "a", "a-b"]
    table_ids = pq.read_table(release / "articles.parquet").column("id").to_pylist()
    assert table_ids == ["B", "a", "a-b"]


# --- determinism across environments -------------------------------------------------------

_BUILD_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from adhd_corpus.build import build_release
    build_release(Path(sys.argv[1]), Path(sys.argv[2]), version=sys.argv[3])
    """
)


def test_build_output_does_not_depend_on_timezone_or_locale(
    fresh: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    seed_earlier_releases(out, VERSION)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.update(TZ="Pacific/Kiritimati", LC_ALL="C.UTF-8", PYTHONHASHSEED="12345")
    env.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run(
        [sys.executable, "-c", _BUILD_SCRIPT, str(RAW), str(out), VERSION],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert tree(out / VERSION) == tree(fresh[0] / VERSION)
    assert (out / "index.json").read_bytes() == (fresh[0] / "index.json").read_bytes()


def test_the_table_names_are_the_tables_the_writers_write() -> None:
    from adhd_corpus.layout import TABLE_NAMES
    from adhd_corpus.tables import TABLES

    assert set(TABLE_NAMES) == set(TABLES)
