"""The version-bump policy: major for breaking schema changes, minor for additive, patch else."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import DIST, RAW

from adhd_corpus.cli import main
from adhd_corpus.compare import SchemaChange, compatibility
from adhd_corpus.errors import VersionError
from adhd_corpus.layout import SCHEMA
from adhd_corpus.manifest import read_manifest
from adhd_corpus.models import SCHEMA_VERSION
from adhd_corpus.release.writer import seal
from adhd_corpus.versioning import (
    Bump,
    Compatibility,
    Level,
    bump_refusal,
    required_bump,
    version_step,
)

REMOVED = SchemaChange("Claim.x", "field removed", True)
ADDED = SchemaChange("Claim.y", "field added", False)


@pytest.mark.parametrize(
    ("level", "old", "expected"),
    [
        ("breaking", "1.1.0", "major"),
        ("additive", "1.1.0", "minor"),
        ("none", "1.1.0", "patch"),
        ("breaking", "0.3.0", "minor"),
        ("additive", "0.3.0", "patch"),
        ("none", "0.3.0", "patch"),
        ("breaking", None, "major"),
    ],
)
def test_required_bump(level: Level, old: str | None, expected: Bump) -> None:
    assert required_bump(level, old) == expected


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("1.1.0", "2.0.0", "major"),
        ("1.1.0", "1.2.0", "minor"),
        ("1.1.0", "1.1.1", "patch"),
        ("1.1.0", "1.1.0", None),
        ("1.2.0", "1.1.9", None),
        ("1.1.0", "2.0.0-rc.1", "major"),
        ("2.0.0-rc.1", "2.0.0", "major"),
        ("1.2.0-rc.1", "1.2.0-rc.2", "minor"),
        ("1.2.1-rc.1", "1.2.1", "patch"),
        ("2.0.0", "2.0.0-rc.1", None),
    ],
)
def test_version_step(old: str, new: str, expected: Bump | None) -> None:
    assert version_step(old, new) == expected


def test_the_verdict_names_the_changes_of_the_deciding_kind_once() -> None:
    twice = [REMOVED, ADDED, SchemaChange("Claim.x", "field removed", True, "again")]
    assert compatibility(twice) == Compatibility("breaking", ("Claim.x (field removed)",))
    assert compatibility([ADDED]) == Compatibility("additive", ("Claim.y (field added)",))
    assert compatibility([]) == Compatibility("none")


@pytest.mark.parametrize(
    ("old", "new", "changes", "expected"),
    [
        (
            "1.1.0",
            "1.2.0",
            [REMOVED],
            "schema change Claim.x (field removed) is breaking: "
            "release 1.2.0 needs a new major version (2.0.0)",
        ),
        (
            "1.1.0",
            "1.1.1",
            [ADDED, REMOVED],
            "schema change Claim.x (field removed) is breaking: "
            "release 1.1.1 needs a new major version (2.0.0)",
        ),
        ("1.1.0", "2.0.0", [REMOVED], None),
        ("1.1.0", "2.0.0-rc.1", [REMOVED], None),
        ("2.0.0-rc.1", "2.0.0", [REMOVED], None),
        ("1.1.0", "1.2.0", [ADDED], None),
        (
            "1.1.0",
            "1.1.1",
            [ADDED],
            "schema change Claim.y (field added) is additive: "
            "release 1.1.1 needs a new minor version (1.2.0)",
        ),
        ("1.2.0-rc.1", "1.2.0", [ADDED], None),
        ("1.1.0", "1.1.1", [], None),
        ("1.1.0", "1.1.0", [], None),
        ("0.3.0", "0.4.0", [REMOVED], None),
        ("0.3.0", "0.3.1", [ADDED], None),
        (
            "0.3.0",
            "0.3.1",
            [REMOVED],
            "schema change Claim.x (field removed) is breaking: "
            "release 0.3.1 needs a new minor version (0.4.0)",
        ),
        (
            "1.1.0",
            "1.2.0",
            [
                REMOVED,
                SchemaChange("Entity.type", "enum value removed", True, '"a"'),
                SchemaChange("Entity.type", "enum value removed", True, '"b"'),
            ],
            "schema changes Claim.x (field removed), Entity.type (enum value removed) "
            "are breaking: release 1.2.0 needs a new major version (2.0.0)",
        ),
        (
            "1.1.0",
            "1.2.0",
            [SchemaChange(f"Claim.f{i}", "field removed", True) for i in range(5)],
            "schema changes Claim.f0 (field removed), Claim.f1 (field removed), "
            "Claim.f2 (field removed) and 2 more are breaking: "
            "release 1.2.0 needs a new major version (2.0.0)",
        ),
    ],
)
def test_bump_refusal(
    old: str, new: str, changes: list[SchemaChange], expected: str | None
) -> None:
    assert bump_refusal(old, new, compatibility(changes)) == expected


def test_bump_refusal_refuses_a_non_semantic_version() -> None:
    with pytest.raises(VersionError):
        bump_refusal("1.1", "1.2.0", compatibility([REMOVED]))


def test_the_build_refuses_a_patch_release_of_additive_schema_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    # The latest release, less its newest field: the build's schema only adds to it.
    previous = out / SCHEMA_VERSION
    shutil.copytree(DIST / SCHEMA_VERSION, previous)
    schema = json.loads((previous / SCHEMA).read_text(encoding="utf-8"))
    section = schema["$defs"]["Section"]
    del section["properties"]["paragraph_spans"]
    section["required"].remove("paragraph_spans")
    del schema["$defs"]["Extent"]
    (previous / SCHEMA).write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")
    seal(previous, read_manifest(previous))
    major, minor, patch = (int(p) for p in SCHEMA_VERSION.split("."))
    patched, wanted = f"{major}.{minor}.{patch + 1}", f"{major}.{minor + 1}.0"
    args = ["build", "--raw", str(RAW), "--out", str(out), "--version", patched, "--quiet"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("adhd-corpus: error: schema changes ")
    assert f"are additive: release {patched} needs a new minor version ({wanted})\n" in err
    assert sorted(p.name for p in out.iterdir() if p.name != ".build.lock") == [SCHEMA_VERSION]
