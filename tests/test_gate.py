"""The claim gate's rules, each with sentences that fail without it.

The sentences are written for these tests (none comes from the gold data); the gate's
acceptance on public research findings is measured by ``make eval`` and
``benchmarks/claim_gate_split.py``.
"""

from __future__ import annotations

import pytest

from adhd_corpus.parse.claims import non_claim_reason
from adhd_corpus.parse.gate import GateLexicon, about_person, is_contact, is_news_line

TOPIC = "not about health, biology, treatment or research"
PERSON = "about a person or organisation"
EDITORIAL = "editorial or disclaimer"
NEWS = "date or news line"
CONTACT = "contact or location"


@pytest.mark.parametrize(
    "sentence",
    [
        "Smoking causes lung cancer.",  # no ADHD word: any condition is health
        "Raised PSA can follow a urinary infection.",
        "Misdiagnosis is common in older adults.",
        "Testosterone levels fall slowly with age.",
        "Chronic gastritis rarely progresses.",  # a medical ending: -itis
        "Atorvastatin lowered LDL in most participants.",  # a drug stem: -statin
        "Cardiomyopathy was more frequent in the exposed group.",  # a stem: cardi-
        "Our results show a 2% rate of complications.",  # research language
        "Use of the device was associated with fewer falls.",  # "Use of" is a noun
    ],
)
def test_statements_about_health_are_claims(sentence: str) -> None:
    assert non_claim_reason(sentence, False) is None


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Dr. Maria Lopez is a consultant psychiatrist in Leeds.", PERSON),
        ("Sam Ortiz is a freelance health writer and mother of two.", PERSON),
        ("She trained at King's College London.", PERSON),
        ("He has written about mental health for a decade.", PERSON),
        ("Mind Matters UK is a charity for adults with ADHD.", PERSON),
        ("CHADD, a US non-profit organisation, runs a helpline for parents.", PERSON),
        ("Every article on this site is reviewed by a doctor.", EDITORIAL),
        ("Our editorial team checks each claim against peer-reviewed studies.", EDITORIAL),
        ("The content is for informational purposes and is not medical advice.", EDITORIAL),
        ("In March 2023, the charity made a Freedom of Information request on ADHD.", NEWS),
        ("On 4 May 2022, the clinic launched an adult ADHD service.", NEWS),
        ("Last updated 12 May 2024.", NEWS),
        ("The Riverside Clinic, 22 Mill Lane, Leeds LS1 5AB.", CONTACT),
        ("Telephone 0117 496 0312 for an appointment with a nurse.", CONTACT),
        ("Write to the clinic at help@example.org about your symptoms.", CONTACT),
        ("Thanks for reading.", TOPIC),
        ("April showers bring May flowers.", TOPIC),  # "April" is not an ACE inhibitor
    ],
)
def test_non_claims_and_their_reasons(sentence: str, reason: str) -> None:
    assert non_claim_reason(sentence, False) == reason


@pytest.mark.parametrize(
    "sentence",
    [
        "Parkinson's Disease is a progressive disorder of movement.",  # not a name: no role noun
        "ADHD is a condition that many adults have.",
        "The BDI is a predictor of outcome.",  # a determiner is not a name
        "Methylphenidate, a stimulant, raises dopamine.",  # appositive without a role noun
    ],
)
def test_identity_statements_about_things_are_not_bios(sentence: str) -> None:
    assert not about_person(sentence)


def test_a_dated_finding_is_not_a_news_line() -> None:
    assert not is_news_line("In 2019, a large study found that stimulants lowered injury rates.")
    assert is_news_line("In 2019, the trust opened a clinic for adults.")


def test_research_numbers_are_not_telephone_numbers() -> None:
    assert not is_contact("Mortality fell from 12.4% to 9.1% (P = 0.002) over 10 years.")
    assert not is_contact("Retina. 2017;48:230-236.")


def test_the_lexicon_refuses_an_unknown_match_kind() -> None:
    text = "# header\nrule\tmatch\tcue\ntopic\tregex\tx+\n"
    with pytest.raises(ValueError, match="unknown match 'regex'"):
        GateLexicon.from_tsv(text)
