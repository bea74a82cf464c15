"""Small behaviour-named tests for each stage of the parser, on hand-written inputs."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from adhd_corpus.errors import ParseError
from adhd_corpus.models import Article, Link, LinkKind, Source
from adhd_corpus.parse import parse_article
from adhd_corpus.parse.certainty import find_hedges
from adhd_corpus.parse.entities import vocabulary
from adhd_corpus.parse.links import find_link
from adhd_corpus.parse.people import NameLine, parse_name_line, person_id, role_of_label
from adhd_corpus.parse.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def parse(text: str) -> Article:
    data = text.encode("utf-8")
    source = Source(path="t.txt", sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    return parse_article(text, source=source)


# --- sentences ---------------------------------------------------------------------


def test_sentences_split_after_full_stops() -> None:
    assert sentences("Dopamine rises. Serotonin falls.") == ["Dopamine rises.", "Serotonin falls."]


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Smith studied dopamine in ADHD.",
        "Some stimulants, e.g. Ritalin, improve focus.",
        "The first-line drug, i.e. Methylphenidate, improves focus.",
        "Stimulants vs. Placebo were compared in the trial.",
        "Most trials in the U.K. NHS use stimulants.",
        "Prof. Lee and Dr. Jones agree on the dose.",
    ],
)
def test_abbreviations_do_not_end_a_sentence(text: str) -> None:
    assert sentences(text) == [text]


def test_a_decimal_point_does_not_end_a_sentence() -> None:
    assert sentences("Levels fell 2.5 percent. Then they rose.") == [
        "Levels fell 2.5 percent.",
        "Then they rose.",
    ]


def test_exclamation_and_question_marks_end_sentences() -> None:
    assert sentences("Is dopamine low? Yes! It is.") == ["Is dopamine low?", "Yes!", "It is."]


def test_nothing_is_split_inside_parentheses() -> None:
    text = "Stimulants (e.g. Ritalin. Or Adderall) help focus. Sleep matters too."
    assert sentences(text) == [
        "Stimulants (e.g. Ritalin. Or Adderall) help focus.",
        "Sleep matters too.",
    ]


def test_a_bracketed_sentence_ends_after_its_closing_bracket() -> None:
    text = "Dopamine rises. (Serotonin falls.) Noradrenaline varies."
    assert sentences(text) == ["Dopamine rises.", "(Serotonin falls.)", "Noradrenaline varies."]


def test_sentence_spans_are_trimmed_and_exact() -> None:
    text = "  Dopamine rises.   Serotonin falls.  "
    assert split_sentences(text) == [(2, 17), (20, 36)]


def test_sentence_spans_are_offsets_into_the_whole_text() -> None:
    text = "Title\nDopamine rises.\u00a0Serotonin falls.\n"
    spans = split_sentences(text, 6, len(text) - 1)
    assert spans == [(6, 21), (22, 38)]
    assert [text[s:e] for s, e in spans] == ["Dopamine rises.", "Serotonin falls."]


def test_closing_quotes_stay_with_their_sentence() -> None:
    assert sentences("He said “it works.” Then he left.") == [
        "He said “it works.”",
        "Then he left.",
    ]


# --- hedges ------------------------------------------------------------------------


def cues(text: str) -> list[str]:
    return [cue.text for cue in find_hedges(text)]


@pytest.mark.parametrize("modal", ["may", "might", "could"])
def test_modals_are_hedge_cues(modal: str) -> None:
    assert cues(f"Dopamine {modal} affect focus.") == [modal]


def test_suggests_is_a_hedge_cue() -> None:
    assert cues("Research suggests a link to ADHD.") == ["suggests"]


def test_is_thought_to_is_one_cue_not_thought() -> None:
    found = find_hedges("Dopamine is thought to shape attention.")
    assert [(c.text, c.cue_class) for c in found] == [("is thought to", "multiword")]
    assert (found[0].start, found[0].end) == (9, 22)


def test_a_multiword_cue_may_span_a_non_breaking_space() -> None:
    assert cues("Dopamine is\u00a0thought to help.") == ["is\u00a0thought to"]


def test_some_studies_is_a_hedge_cue() -> None:
    assert cues("Some studies link dopamine to ADHD.") == ["Some studies"]


def test_a_plain_statement_has_no_hedge_cue() -> None:
    assert find_hedges("Dopamine is a neurotransmitter.") == []


def test_can_and_often_are_not_hedge_cues() -> None:
    assert cues("Stimulants can help and often improve focus.") == []


def test_hedge_cues_match_in_any_case_and_keep_their_case() -> None:
    assert cues("SOME STUDIES SUGGEST it MAY help.") == ["SOME STUDIES", "SUGGEST", "MAY"]


def test_hedge_cues_are_whole_words() -> None:
    assert cues("Handsome studies of Mayfair mayors.") == []


@pytest.mark.parametrize(
    ("text", "cue", "cue_class"),
    [
        ("Dopamine may help.", "may", "modal"),
        ("Data suggest a link.", "suggest", "epistemic_verb"),
        ("Dopamine appears low.", "appears", "evidential_verb"),
        ("Dopamine is possibly low.", "possibly", "adjective_adverb"),
        ("Dopamine is believed to matter.", "is believed to", "multiword"),
    ],
)
def test_hedge_cue_classes(text: str, cue: str, cue_class: str) -> None:
    assert [(c.text, c.cue_class) for c in find_hedges(text)] == [(cue, cue_class)]


def test_hedge_spans_are_offsets_into_the_whole_text() -> None:
    text = "Dopamine is low. It may rise."
    [cue] = find_hedges(text, 17, len(text))
    assert text[cue.start : cue.end] == "may"
    assert find_hedges(text, 0, 16) == []


# --- entities ----------------------------------------------------------------------


def mentions(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.concept.canonical) for m in vocabulary().find(text)]


def test_the_longest_form_wins() -> None:
    assert mentions("The dopamine transporter is blocked.") == [
        ("dopamine transporter", "dopamine transporter")
    ]


def test_pet_matches_only_in_capitals() -> None:
    assert mentions("PET shows dopamine.") == [
        ("PET", "positron emission tomography"),
        ("dopamine", "dopamine"),
    ]
    assert mentions("A pet helps. Pet owners agree.") == []


def test_net_matches_only_in_capitals() -> None:
    assert mentions("The net effect on NET binding.") == [("NET", "norepinephrine transporter")]


def test_plural_forms_map_to_the_canonical_concept() -> None:
    assert mentions("amphetamines, dopamine receptors and DATs") == [
        ("amphetamines", "amphetamine"),
        ("dopamine receptors", "dopamine receptor"),
        ("DATs", "dopamine transporter"),
    ]


def test_lowercase_forms_match_in_any_case() -> None:
    assert mentions("Dopamine and DOPAMINE") == [("Dopamine", "dopamine"), ("DOPAMINE", "dopamine")]


def test_canonical_names_types_and_mesh_ids() -> None:
    text = "Dopamine in attention-deficit/hyperactivity disorder and in the striatum"
    found = [
        (m.concept.canonical, m.concept.type, m.concept.mesh_id) for m in vocabulary().find(text)
    ]
    assert found == [
        ("dopamine", "neurotransmitter", "D004298"),
        ("ADHD", "condition", "D001289"),
        ("striatum", "brain_region", "D003342"),  # MeSH "Corpus Striatum", from tools/mesh_ids.py
    ]


def test_entity_spans_are_offsets_into_the_whole_text() -> None:
    text = "Title\nSerotonin and ADHD"
    found = vocabulary().find(text, 6, len(text))
    assert [(m.start, m.end) for m in found] == [(6, 15), (20, 24)]
    assert vocabulary().find(text, 0, 5) == []


# The verified MeSH ids: a copy of shared/docs/mesh-ids.tsv (concept -> descriptor id),
# so the check runs without that folder; the next test keeps the copy honest.
MESH_IDS = {
    "dopamine": "D004298",
    "norepinephrine": "D009638",
    "serotonin": "D012701",
    "ADHD": "D001289",
    "restless legs syndrome": "D012148",
    "methylphenidate": "D008774",
    "amphetamine": "D000661",
    "atomoxetine": "D000069445",
    "prefrontal cortex": "D017397",
    "positron emission tomography": "D049268",
    "magnetic resonance imaging": "D008279",
    "iron-deficiency anaemia": "D018798",
}
SHARED_MESH_FILE = Path(__file__).resolve().parents[2] / "shared" / "docs" / "mesh-ids.tsv"


def test_mesh_id_copy_matches_the_shared_file() -> None:
    if not SHARED_MESH_FILE.is_file():
        pytest.skip(f"{SHARED_MESH_FILE} is not in this checkout")
    rows = [
        line.split("\t")
        for line in SHARED_MESH_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert {row[0]: row[2] for row in rows} == MESH_IDS


def test_the_vocabulary_agrees_with_every_verified_mesh_id() -> None:
    # Every other id is checked against the MeSH descriptor list in test_mesh.py.
    concepts = vocabulary().concepts
    assert {name: concepts[name].mesh_id for name in MESH_IDS} == MESH_IDS


# --- links -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "kind", "text", "url"),
    [
        (
            "For more information, visit providers like ADHD Certify for expert consultations.",
            "provider",
            "ADHD Certify",
            None,
        ),
        (
            "For more on dopamine, consider reaching out to providers like ADHD Certify.",
            "provider",
            "ADHD Certify",
            None,
        ),
        (
            "Speak to providers such as Harley Street Clinic.",
            "provider",
            "Harley Street Clinic",
            None,
        ),
        (
            "Visit providers like ADHD Certify at https://adhdcertify.co.uk.",
            "provider",
            "ADHD Certify",
            "https://adhdcertify.co.uk",
        ),
        ("Read our complete guide to Sleep disorders.", "guide", "Sleep disorders", None),
        (
            "For a deeper dive, read our complete guide to dopamine and norepinephrine systems.",
            "guide",
            "dopamine and norepinephrine systems",
            None,
        ),
        (
            "You can also read our complete guide to ADHD medication at https://example.org/adhd .",
            "guide",
            "ADHD medication",
            "https://example.org/adhd",
        ),
    ],
)
def test_find_link(sentence: str, kind: LinkKind, text: str, url: str | None) -> None:
    assert find_link(sentence) == Link(kind=kind, text=text, sentence=sentence, url=url)


def test_speak_to_providers_such_as_x_about_something() -> None:
    sentence = "Speak to providers such as ADHD Certify about your options."
    assert find_link(sentence) == Link(
        kind="provider", text="ADHD Certify", sentence=sentence, url=None
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Dopamine is a neurotransmitter.",
        "Many providers like to prescribe stimulants.",
        "Our guide team reviewed dopamine research.",
    ],
)
def test_ordinary_sentences_are_not_links(sentence: str) -> None:
    assert find_link(sentence) is None


# --- people ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Dr. Rebecca Fernandez, MBBS", NameLine("Dr.", "Rebecca Fernandez", ["MBBS"])),
        ("Jane Doe, MSc, PhD", NameLine(None, "Jane Doe", ["MSc", "PhD"])),
        ("Prof. A B Smith, MD, FRCPsych", NameLine("Prof.", "A B Smith", ["MD", "FRCPsych"])),
        ("Victoria Rowe, MSc", NameLine(None, "Victoria Rowe", ["MSc"])),
    ],
)
def test_parse_name_line(line: str, expected: NameLine) -> None:
    assert parse_name_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Dopamine plays a role in focus.",
        "Author",
        "Dopamine, serotonin and noradrenaline",
    ],
)
def test_a_line_that_is_not_a_name_line_gives_none(line: str) -> None:
    assert parse_name_line(line) is None


def test_person_id_is_stable_lowercase_ascii() -> None:
    assert person_id("Rebecca Fernandez") == "rebecca-fernandez"
    assert person_id("Rebecca Fernandez") == person_id("Rebecca  Fernandez")
    assert person_id("José Núñez") == "jose-nunez"
    for name in ["A B Smith", "Seán O’Brien", "Zoë Åberg-Ødegaard"]:
        pid = person_id(name)
        assert pid.isascii()
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", pid), pid


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("Author", "author"),
        ("Reviewer", "reviewer"),
        ("Medical Reviewer", "reviewer"),
        ("Medically reviewed by", "reviewer"),
        ("Written by:", "author"),
        ("Authority", None),
        ("Dopamine", None),
    ],
)
def test_role_labels(label: str, role: str | None) -> None:
    assert role_of_label(label) == role


# --- parse_article -----------------------------------------------------------------


def test_no_title_raises_parse_error_naming_the_line() -> None:
    text = "Table of Contents\n\nDopamine is a neurotransmitter in the brain.\n\nMore text.\n"
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert caught.value.line == 3
    assert str(caught.value) == "line 3: no title: the first line reads as a paragraph, not a title"


def test_title_only_raises_no_body() -> None:
    with pytest.raises(ParseError, match="no body") as caught:
        parse("Table of Contents\nPrint\n\nDopamine and ADHD\n")
    assert caught.value.line == 4


def test_only_chrome_raises_parse_error() -> None:
    with pytest.raises(ParseError, match="no text"):
        parse("Table of Contents\nPrint\n")


def test_title_is_trimmed_of_padding() -> None:
    article = parse("Dopamine and ADHD\u00a0 \n\nDopamine affects focus in ADHD.\n")
    assert article.title == "Dopamine and ADHD"


def test_a_heading_may_end_with_a_question_mark() -> None:
    article = parse("Dopamine and ADHD\n\nWhat Does Dopamine Do?\n\nDopamine affects focus.\n")
    assert [(s.heading, s.paragraphs) for s in article.sections] == [
        ("What Does Dopamine Do?", ["Dopamine affects focus."])
    ]


def test_a_one_line_paragraph_ending_with_a_full_stop_is_not_a_heading() -> None:
    article = parse(
        "Dopamine and ADHD\n\nDopamine affects focus.\n\nSerotonin affects mood in ADHD.\n"
    )
    assert [(s.heading, s.paragraphs) for s in article.sections] == [
        (None, ["Dopamine affects focus.", "Serotonin affects mood in ADHD."])
    ]


def test_a_page_with_no_byline_has_no_people() -> None:
    article = parse("Dopamine and ADHD\n\nDopamine affects focus in ADHD.\n")
    assert article.people == []


def test_a_name_line_with_a_role_label_ends_the_body() -> None:
    article = parse(
        "Dopamine and ADHD\n\nDopamine affects focus.\n\n"
        "Jane Doe, MSc, PhD\n\nAuthor\n\nJane Doe writes about dopamine research.\n"
    )
    assert [p for s in article.sections for p in s.paragraphs] == ["Dopamine affects focus."]
    [person] = article.people
    assert (person.id, person.name, person.credentials, person.role, person.bio) == (
        "jane-doe",
        "Jane Doe",
        ["MSc", "PhD"],
        "author",
        "Jane Doe writes about dopamine research.",
    )
    assert person.pseudonymous is False


def test_crlf_and_bom_keep_spans_exact() -> None:
    text = (
        "\ufeffTable of Contents\r\nPrint\r\n\r\nDopamine and ADHD\r\n\r\n"
        "Dopamine may affect focus in ADHD.\u00a0Serotonin is thought to affect mood.\r\n"
    )
    article = parse(text)
    assert article.title == "Dopamine and ADHD"
    assert [c.text for c in article.claims] == [
        "Dopamine may affect focus in ADHD.",
        "Serotonin is thought to affect mood.",
    ]
    assert article.claims[0].start == text.index("Dopamine may")
    for claim in article.claims:
        assert text[claim.start : claim.end] == claim.text
        assert claim.id == f"t:{claim.start}-{claim.end}"
        for entity in claim.entities:
            assert text[entity.start : entity.end] == entity.text
    assert [c.hedge_cues for c in article.claims] == [["may"], ["is thought to"]]


def test_a_mixed_paragraph_stays_whole_and_its_provider_link_is_extracted() -> None:
    mixed = "Dopamine may affect focus in ADHD. Visit providers like ADHD Certify for help."
    article = parse(f"Dopamine and ADHD\n\n{mixed}\n")
    assert article.sections[0].paragraphs == [mixed]
    assert [c.text for c in article.claims] == ["Dopamine may affect focus in ADHD."]
    assert article.links == [
        Link(
            kind="provider",
            text="ADHD Certify",
            sentence="Visit providers like ADHD Certify for help.",
            url=None,
        )
    ]


def test_a_link_only_paragraph_is_not_body() -> None:
    article = parse(
        "Dopamine and ADHD\n\nDopamine affects focus.\n\nRead our complete guide to dopamine.\n"
    )
    assert [p for s in article.sections for p in s.paragraphs] == ["Dopamine affects focus."]
    assert [(link.kind, link.text) for link in article.links] == [("guide", "dopamine")]


@pytest.mark.parametrize(
    "sentence",
    ["Discuss any supplement with your GP.", "Does dopamine cause ADHD?"],
)
def test_imperative_advice_and_questions_are_not_claims(sentence: str) -> None:
    article = parse(f"Dopamine and ADHD\n\nDopamine affects focus. {sentence} Sleep matters.\n")
    assert article.sections[0].paragraphs == [f"Dopamine affects focus. {sentence} Sleep matters."]
    assert [c.text for c in article.claims] == ["Dopamine affects focus.", "Sleep matters."]
    assert [c.sentence_index for c in article.claims] == [0, 2]


def test_a_list_intro_is_body_but_not_a_claim() -> None:
    intro = "Here are symptoms that often map to dopamine:"
    article = parse(f"Dopamine and ADHD\n\n{intro}\n\u2022 Inattention in ADHD.\n")
    assert article.sections[0].paragraphs == [intro, "\u2022 Inattention in ADHD."]
    assert intro not in [c.text for c in article.claims]
    assert [c.sentence_index for c in article.claims] == [1]


def test_a_provider_paragraph_is_never_dropped_without_its_link() -> None:
    article = parse(
        "Dopamine and ADHD\n\nDopamine affects focus.\n\n"
        "Speak to providers such as ADHD Certify about your options.\n"
    )
    assert [(link.kind, link.text) for link in article.links] == [("provider", "ADHD Certify")]
