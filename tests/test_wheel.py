"""The wheel carries the latest release, so the installed loader needs no checkout.

Slow-ish (a wheel build, a pip install and a fresh interpreter: a few seconds), and
offline: pip builds without isolation from the venv's hatchling and installs with
``--no-index --no-deps``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import DIST, ROOT

LATEST: str = json.loads((DIST / "index.json").read_text(encoding="utf-8"))["latest"]
COUNTS: dict[str, int] = json.loads((DIST / LATEST / "manifest.json").read_text(encoding="utf-8"))[
    "counts"
]


def offline_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"ADHD_CORPUS_DIST", "PYTHONPATH"}}
    env.update(PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", **extra)
    return env


def pip(*args: str, cwd: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", *args],
        cwd=cwd,
        env=offline_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    pip(
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "-w",
        str(out),
        str(ROOT),
        cwd=out,
    )
    [built] = sorted(out.glob("adhd_corpus-*.whl"))
    return built


def test_wheel_bundles_the_latest_release_and_py_typed(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        bundled = {
            n.removeprefix(f"adhd_corpus/_releases/{LATEST}/"): archive.read(n)
            for n in names
            if n.startswith(f"adhd_corpus/_releases/{LATEST}/")
        }
    assert f"adhd_corpus/_releases/{LATEST}/manifest.json" in names
    assert "adhd_corpus/py.typed" in names
    templates = Path(__file__).resolve().parent.parent / "src/adhd_corpus/release/templates"
    assets = sorted(p.name for p in templates.iterdir())
    assert {"card.md", "explorer.css", "explorer.html", "explorer.js"} <= set(assets)
    assert {f"adhd_corpus/release/templates/{name}" for name in assets} <= names
    release = DIST / LATEST
    assert bundled == {
        p.relative_to(release).as_posix(): p.read_bytes() for p in release.rglob("*") if p.is_file()
    }
    assert not any(n.startswith(("dist/", "raw/", "tests/")) for n in names)


_CHECK = textwrap.dedent(
    """
    import json
    import adhd_corpus
    from adhd_corpus.loader import releases_root
    print(json.dumps({
        "file": adhd_corpus.__file__,
        "root": str(releases_root()),
        "versions": adhd_corpus.versions(),
        "articles": len(adhd_corpus.load_articles()),
        "claims": len(adhd_corpus.load_table("claims")),
    }))
    """
)


def test_installed_wheel_loads_the_bundled_release(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    pip("install", "--no-deps", "--no-index", "--target", str(site), str(wheel), cwd=tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", _CHECK],
        cwd=tmp_path,
        env=offline_env(PYTHONPATH=str(site)),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found: dict[str, Any] = json.loads(result.stdout)
    assert Path(found["file"]).is_relative_to(site)
    assert Path(found["root"]).is_relative_to(site)
    assert found["versions"] == [LATEST]
    assert found["articles"] == COUNTS["articles"]
    assert found["claims"] == COUNTS["claims"]
