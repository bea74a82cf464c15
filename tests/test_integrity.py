"""A manifest cannot make verification read files outside its release."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import DIST

from adhd_corpus.errors import ChecksumError
from adhd_corpus.integrity import verify_release
from adhd_corpus.layout import MANIFEST


@pytest.mark.parametrize("name", ["../index.json", "/etc/hostname"])
def test_a_manifest_entry_outside_the_release_is_a_problem(tmp_path: Path, name: str) -> None:
    release = tmp_path / "1.0.0"
    shutil.copytree(DIST / "1.0.0", release)
    (tmp_path / "index.json").write_text("{}", encoding="utf-8")
    manifest = json.loads((release / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"][name] = {"sha256": "0" * 64, "bytes": 2}
    (release / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ChecksumError) as caught:
        verify_release(release)
    assert caught.value.problems == [f"{name}: names a file outside the release"]
