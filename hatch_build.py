"""Wheel build hook: bundle the latest release so the installed loader needs no checkout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class BundleLatestRelease(BuildHookInterface):  # type: ignore[type-arg]
    """Copy ``dist/<latest>/`` into the wheel as ``adhd_corpus/_releases/<latest>/``."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version != "standard":
            return  # editable installs read dist/ from the checkout
        dist = Path(self.root) / "dist"
        latest = json.loads((dist / "index.json").read_text(encoding="utf-8"))["latest"]
        for path in sorted((dist / latest).iterdir()):
            target = f"adhd_corpus/_releases/{latest}/{path.name}"
            build_data["force_include"][str(path)] = target
