"""The release contract's one reader and one writer of each file: canonical JSON, the
manifest and the index. Published bytes round-trip exactly; damaged files are one
clean, named error for every command."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import DIST

from adhd_corpus import load_articles, load_table
from adhd_corpus.cli import main
from adhd_corpus.errors import ChecksumError, CorpusError, ReleaseIndexError, SchemaVersionError
from adhd_corpus.integrity import verify_release
from adhd_corpus.jsonio import canonical_json
from adhd_corpus.layout import INDEX, MANIFEST
from adhd_corpus.manifest import (
    IndexEntry,
    Manifest,
    index_text,
    manifest_text,
    read_index,
    read_manifest,
)

VERSIONS = sorted(p.name for p in DIST.iterdir() if (p / MANIFEST).is_file())


# --- canonical JSON ----------------------------------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
def test_published_json_files_are_canonical(version: str) -> None:
    for name in ("datapackage.json", "croissant.json", MANIFEST, "article.schema.json"):
        path = DIST / version / name
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert canonical_json(json.loads(text)) == text, name
    for line in (DIST / version / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        assert canonical_json(json.loads(line), "line") == line


def test_an_unknown_layout_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown JSON layout"):
        canonical_json({}, "pretty")  # type: ignore[arg-type]


# --- one reader, one writer: the published bytes come back ------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
def test_every_published_manifest_reads_and_writes_back_byte_for_byte(version: str) -> None:
    manifest = read_manifest(DIST / version)
    assert isinstance(manifest, Manifest) and manifest.version == version
    assert manifest_text(manifest).encode() == (DIST / version / MANIFEST).read_bytes()


def test_the_published_index_reads_and_writes_back_byte_for_byte() -> None:
    entries = read_index(DIST)
    assert list(entries) == VERSIONS
    assert all(isinstance(e, IndexEntry) for e in entries.values())
    assert index_text(entries.values()).encode() == (DIST / INDEX).read_bytes()


def test_keys_a_later_package_adds_are_kept(tmp_path: Path) -> None:
    release = tmp_path / "release"
    shutil.copytree(DIST / VERSIONS[-1], release)
    data = json.loads((release / MANIFEST).read_text(encoding="utf-8"))
    data["licence"] = {"texts": "CC-BY-4.0"}
    text = canonical_json(data)
    (release / MANIFEST).write_text(text, encoding="utf-8")
    assert manifest_text(read_manifest(release)) == text
    verify_release(release)  # no index beside it: the files still match


def test_manifests_and_entries_are_frozen() -> None:
    manifest = read_manifest(DIST / VERSIONS[-1])
    with pytest.raises(ValueError, match="frozen"):
        manifest.version = "9.9.9"


# --- a damaged manifest is one named error everywhere ------------------------------------------

Edit = Callable[[dict[str, Any]], object]


def _set(*path: str, value: object) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        *parents, last = path
        for key in parents:
            data = data[key]
        data[last] = value

    return edit


DAMAGES: list[tuple[str, Edit | str, str]] = [
    ("not JSON", "{", "manifest.json is not valid JSON: Expecting property name"),
    ("not an object", "[]", "manifest.json is not a JSON object"),
    ("no counts", lambda d: d.pop("counts"), "manifest.json has no 'counts'"),
    ("no files", lambda d: d.pop("files"), "manifest.json has no 'files'"),
    (
        "a file entry that is not an object",
        _set("files", "README.md", value="abc"),
        "manifest.json: 'files.README.md' is not an object (found 'abc')",
    ),
    (
        "a sha256 that is not one",
        _set("files", "README.md", "sha256", value="xyz"),
        "manifest.json: 'files.README.md.sha256' is not a lower-case hex SHA-256 (found 'xyz')",
    ),
    (
        "a count that is text",
        _set("counts", "claims", value="55"),
        "manifest.json: 'counts.claims' is not a whole number (found '55')",
    ),
    (
        "a count that is true",
        _set("counts", "claims", value=True),
        "manifest.json: 'counts.claims' is not a whole number (found True)",
    ),
    (
        "a negative size",
        _set("files", "README.md", "bytes", value=-1),
        "manifest.json: 'files.README.md.bytes' is negative (found -1)",
    ),
    (
        "a version that is not one",
        _set("version", value="latest"),
        "manifest.json: 'version' is not a semantic version (found 'latest')",
    ),
]


def _damage(release: Path, damage: Edit | str) -> None:
    if isinstance(damage, str):
        text = damage
    else:
        data = json.loads((release / MANIFEST).read_text(encoding="utf-8"))
        damage(data)
        text = json.dumps(data)
    (release / MANIFEST).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("label", "damage", "problem"), DAMAGES, ids=[d[0] for d in DAMAGES])
def test_a_damaged_manifest_is_one_named_error_everywhere(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    label: str,
    damage: Edit | str,
    problem: str,
) -> None:
    release = tmp_path / "release"
    shutil.copytree(DIST / VERSIONS[-1], release)
    _damage(release, damage)
    expected = f"{release}: {problem}"

    for call in (
        lambda: read_manifest(release),
        lambda: verify_release(release),
        lambda: load_articles(path=release),
        lambda: load_table("claims", path=release),
    ):
        with pytest.raises(ChecksumError) as caught:
            call()
        assert str(caught.value).startswith(expected), label
    for command in (["verify", str(release)], ["stats", "--path", str(release)]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert "Traceback" not in err and expected in err
    assert main(["info", "--path", str(release)]) == 1
    assert capsys.readouterr().err.startswith(f"adhd-corpus: error: {expected}")
    assert main(["info", "--path", str(release), "--json"]) == 1
    out = capsys.readouterr().out
    assert json.loads(out)["error"].startswith(expected)


@pytest.mark.parametrize("value", [None, "garbage", 2])
def test_a_manifest_without_a_valid_schema_version_is_refused_by_the_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: object
) -> None:
    release = tmp_path / "release"
    shutil.copytree(DIST / VERSIONS[-1], release)
    _damage(release, _set("schema_version", value=value))
    expected = (
        f"{release}: manifest.json has no valid schema_version ({value!r}); "
        "this is not a release this package can read"
    )
    calls: list[Callable[[], object]] = [
        lambda: read_manifest(release),
        lambda: verify_release(release),
    ]
    for call in calls:
        with pytest.raises(SchemaVersionError) as caught:
            call()
        assert str(caught.value) == expected
    assert main(["verify", str(release)]) == 1
    assert capsys.readouterr().err == expected + "\n"


def test_the_listing_names_a_damaged_manifest_and_lists_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "dist"
    shutil.copytree(DIST, out)
    _damage(out / VERSIONS[0], _set("counts", "claims", value="55"))
    monkeypatch.setenv("ADHD_CORPUS_DIST", str(out))
    assert main(["info"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == (
        f"  {VERSIONS[0]:10s} damaged: manifest.json: 'counts.claims' is not a whole number "
        "(found '55')"
    )
    assert [line.split()[0] for line in lines[2:]] == VERSIONS[1:]


# --- a damaged index is one named error everywhere ---------------------------------------------


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (_set("releases", value={}), "not a release index (no 'releases' list)"),
        (lambda d: d["releases"].append(42), "an entry of 'releases' is not an object"),
        (
            lambda d: d["releases"][0].update(version="one"),
            "an entry has no valid 'version' ('one')",
        ),
        (
            lambda d: d["releases"][0].update(counts={"claims": True}),
            "version 1.0.0 has no valid 'counts.claims' (True)",
        ),
        (
            lambda d: d["releases"][0].update(schema_version=None),
            "version 1.0.0 has no valid 'schema_version' (None)",
        ),
        (
            lambda d: d["releases"].append(dict(d["releases"][0])),
            "version 1.0.0 is listed twice",
        ),
    ],
)
def test_a_damaged_index_is_one_named_error_for_every_reader(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    edit: Edit,
    reason: str,
) -> None:
    out = tmp_path / "dist"
    shutil.copytree(DIST, out)
    data = json.loads((out / INDEX).read_text(encoding="utf-8"))
    edit(data)
    (out / INDEX).write_text(json.dumps(data), encoding="utf-8")
    expected = f"{out / INDEX}: {reason}"
    monkeypatch.setenv("ADHD_CORPUS_DIST", str(out))

    for call in (
        lambda: read_index(out),
        lambda: verify_release(out / VERSIONS[-1]),
        lambda: load_articles(VERSIONS[-1]),
    ):
        with pytest.raises(ReleaseIndexError) as caught:
            call()
        assert str(caught.value).startswith(expected)
    for command in (
        ["verify", str(out / VERSIONS[-1])],
        ["stats"],
        ["build", "--out", str(out), "--version", "9.0.0", "--quiet"],
    ):
        assert main(command) == 1, command
        err = capsys.readouterr().err
        assert "Traceback" not in err and expected in err, command
    assert not (out / "9.0.0").exists()
    assert isinstance(ReleaseIndexError(""), CorpusError)
