"""Entities beyond ADHD: general biomedical concepts, defined abbreviations, and names
that are not entities (organisations, measurements)."""

from __future__ import annotations

from adhd_corpus.parse.entities import abbreviates, definitions, is_abbreviation, vocabulary


def found(text: str) -> list[tuple[str, str, str]]:
    return [
        (text[m.start : m.end], m.concept.canonical, m.concept.type)
        for m in vocabulary().find(text)
    ]


def test_cells_hormones_tests_and_common_conditions() -> None:
    text = "Neurons and synapses? No: TSH from the pituitary; a PSA test for prostate cancer."
    assert found(text) == [
        ("Neurons", "neuron", "anatomy"),
        ("synapses", "synapse", "anatomy"),
        ("TSH", "thyroid-stimulating hormone", "hormone"),
        ("pituitary", "pituitary gland", "anatomy"),
        ("PSA test", "PSA test", "method"),
        ("prostate cancer", "prostate cancer", "condition"),
    ]


def test_organisation_names_are_not_conditions() -> None:
    text = "ADHD UK and Prostate Cancer UK support people with ADHD and prostate cancer."
    assert found(text) == [
        ("ADHD", "ADHD", "condition"),
        ("prostate cancer", "prostate cancer", "condition"),
    ]


def test_measurements_named_after_organs_are_not_entities() -> None:
    assert found("Heart rate and blood pressure rose with hypertension.") == [
        ("hypertension", "hypertension", "condition")
    ]


def test_an_enzyme_named_after_an_amino_acid_is_the_enzyme_not_the_nutrient() -> None:
    text = "Tyrosine kinases and tyrosine hydroxylase differ, while dietary tyrosine is a nutrient."
    assert found(text) == [
        ("Tyrosine kinases", "tyrosine kinase", "protein"),
        ("tyrosine hydroxylase", "tyrosine hydroxylase", "protein"),
        ("tyrosine", "L-tyrosine", "nutrient"),
    ]


def test_a_defined_abbreviation_is_an_entity_from_its_definition_on() -> None:
    text = "DA is rare here. Dopamine (DA) and norepinephrine (NE) act. Later, DA and NE fall."
    assert found(text) == [
        ("Dopamine", "dopamine", "neurotransmitter"),
        ("DA", "dopamine", "neurotransmitter"),
        ("norepinephrine", "norepinephrine", "neurotransmitter"),
        ("NE", "norepinephrine", "neurotransmitter"),
        ("DA", "dopamine", "neurotransmitter"),
        ("NE", "norepinephrine", "neurotransmitter"),
    ]


def test_an_abbreviation_before_its_long_form_is_defined_too() -> None:
    text = "NE (norepinephrine) drops at night; NE rises by day."
    assert [t for t, _, _ in found(text)] == ["NE", "norepinephrine", "NE"]


def test_abbreviations_are_resolved_per_text() -> None:
    assert found("NE and DA fall.") == []  # nothing defines them here
    assert "NE" not in definitions("Nebraska (NE) is a state.").concepts


def test_what_counts_as_an_abbreviation_of_a_form() -> None:
    assert is_abbreviation("NE") and is_abbreviation("5-HT") and not is_abbreviation("Ritalin")
    assert abbreviates("NE", "norepinephrine") and abbreviates("PSA", "prostate-specific antigen")
    assert not abbreviates("DA", "norepinephrine")
