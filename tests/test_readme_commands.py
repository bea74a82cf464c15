"""Every shell command the README shows, run as a reader would run it, in a copy of the
checkout: documentation that cannot drift. Commands that need the network (``pip
install`` from PyPI) or that are this test suite (``make test``) are skipped with the
reason; the command-line synopsis is checked option by option against ``--help`` and
run with its placeholders filled in."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DIST, ROOT, cli_env, read_json

README = ROOT / "README.md"
LATEST: str = read_json(DIST / "index.json")["latest"]
VERSIONS = [r["version"] for r in read_json(DIST / "index.json")["releases"]]
PLACEHOLDERS = {
    "RELEASE_DIR...": f"dist/{LATEST}",
    "PATH...": f"dist/{LATEST}",
    "OLD": VERSIONS[-2],
    "NEW": LATEST,
}
"""What a reader types for each placeholder of the synopsis."""
SKIPPED = {
    "pip install": "installs from PyPI: needs the network",
    "make test": "runs this test suite",
}


def shell_commands() -> Iterator[str]:
    """Each command in the README's ``sh`` blocks: comments dropped, continuation lines
    (indented) joined to the line they continue."""
    for block in re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        command = ""
        for line in block.splitlines():
            text = line.split(" #", 1)[0].rstrip()
            if line.startswith(" ") and command:
                command += " " + text.strip()
                continue
            if command:
                yield command
            command = text
        if command:
            yield command


COMMANDS = list(shell_commands())


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the checkout (without its history), sharing this one's virtualenv."""
    copy = tmp_path_factory.mktemp("readme") / "checkout"
    ignore = shutil.ignore_patterns(".git", ".venv*", ".mypy_cache", ".ruff_cache", "__pycache__")
    shutil.copytree(ROOT, copy, ignore=ignore)
    (copy / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    return copy


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**cli_env(), "ADHD_CORPUS_DIST": str(cwd / "dist")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def test_the_readme_shows_commands() -> None:
    assert "make build" in COMMANDS
    assert any(c.startswith("adhd-corpus build") for c in COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_each_readme_command_runs(command: str, checkout: Path) -> None:
    for prefix, reason in SKIPPED.items():
        if command.startswith(prefix):
            pytest.skip(reason)
    if command == "make build":
        if not (Path(sys.prefix) / "bin" / "adhd-corpus").is_file():
            pytest.skip("the tests do not run in the checkout's virtualenv")
        # The virtualenv's install stamp is taken as up to date (-o): the command proper
        # is the verified no-op build, and the shared virtualenv is never reinstalled.
        result = _run(["make", "-o", ".venv/.installed", "build"], checkout)
        assert result.returncode == 0, result.stderr
        assert f"dist/{LATEST} is up to date: a fresh build is byte-identical" in result.stdout
        return
    words = command.split()
    assert words[0] == "adhd-corpus", f"a README command this test does not know: {command}"
    subcommand = words[1]
    help_text = _run(["adhd-corpus", subcommand, "--help"], checkout)
    assert help_text.returncode == 0, help_text.stderr
    for option in re.findall(r"--[a-z-]+", command):
        assert option in help_text.stdout, f"{command}: {option} is not an option"
    required = [PLACEHOLDERS.get(w, w) for w in re.sub(r"\[[^]]*\]", "", command).split()]
    result = _run(required, checkout)
    assert result.returncode == 0, f"{' '.join(required)}: {result.stderr}"
    assert "Traceback" not in result.stderr
