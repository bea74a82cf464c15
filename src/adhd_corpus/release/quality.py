"""How far to trust each label: the figures ``make eval`` measured, for the dataset card.

``make eval`` runs where the public gold data is and writes ``data/label_quality.json``
(committed) with the fingerprint of the parser it measured. A build has no gold data,
so the card reads that file, and shows its figures only when the fingerprint equals the
parser's own: figures measured on other rules are never presented as this release's.
"""

from __future__ import annotations

import hashlib
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

QUALITY_FILE = "label_quality.json"


def parser_fingerprint() -> str:
    """SHA-256 over the parser's code and rule files: what decides every label."""
    package = Path(__file__).resolve().parent.parent / "parse"
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".tsv"}:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def quality_path() -> Path:
    """Where ``make eval`` writes the figures and the card reads them."""
    return Path(str(files(__package__).joinpath("data", QUALITY_FILE)))


def read_quality() -> dict[str, Any] | None:
    """The recorded figures, or None when there are none."""
    path = quality_path()
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def card_lines(quality: dict[str, Any] | None, fingerprint: str) -> list[str]:
    """The card's "How far to trust each label" section body."""
    if quality is None or quality.get("parser") != fingerprint:
        return [
            "No measurement of this release's labels on public gold data is recorded:",
            "the rules changed since `make eval` last ran. The project's `docs/accuracy.md`",
            "holds the latest figures.",
        ]
    out = [
        "Measured by `make eval` on public gold data nobody on the project wrote",
        f"({', '.join(quality['gold'])}), with the very rules that built this release.",
        "Out-of-sample figures say how far a label generalises; in-sample figures (the",
        "seed articles the rules were written on) are an upper bound. Which entity",
        "mentions are found is measured in-sample only.",
        "",
        "| label | out-of-sample | in-sample (seed articles) |",
        "| --- | --- | --- |",
    ]
    out += [
        f"| {row['column']} | {'; '.join(row['out_of_sample']).replace('|', '/')} | "
        f"{row['in_sample']} |"
        for row in quality["columns"]
    ]
    return out
