"""Golden tests: the four articles in raw/, each expectation read off the raw text by hand.

Every title, heading, paragraph count, person, link and sample claim below was
checked against the raw files (line numbers in the comments), not copied from
the parser's output. A failure here means the parser changed what it extracts
from real pages; update an expectation only after re-reading the raw file.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from conftest import RAW, SEED_IDS

from adhd_corpus.models import Article


@dataclass(frozen=True)
class PersonGolden:
    id: str
    name: str
    honorific: str | None
    credentials: tuple[str, ...]
    role: str
    pseudonymous: bool
    bio_start: str
    bio_end: str


@dataclass(frozen=True)
class LinkGolden:
    kind: str
    text: str
    sentence: str
    url: str | None = None


@dataclass(frozen=True)
class ClaimGolden:
    text: str
    section: int
    hedge_cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Golden:
    title: str
    sections: tuple[tuple[str | None, int], ...]
    """(heading, number of paragraphs) for every body section, in order."""
    people: tuple[PersonGolden, ...]
    links: tuple[LinkGolden, ...]
    claims: tuple[ClaimGolden, ...]
    non_claims: tuple[str, ...]
    """Body sentences (exact text) that must not be claims."""


# The same two or three people sign every article; their name line, role label,
# bio and pseudonym disclaimer are identical across the files.
VICTORIA = PersonGolden(
    id="victoria-rowe",
    name="Victoria Rowe",
    honorific=None,  # the name line is "Victoria Rowe, MSc" (the bio says "Dr. Rowe")
    credentials=("MSc",),
    role="author",
    pseudonymous=True,
    bio_start="Victoria Rowe is a health psychologist with a Master’s in Health Psychology",
    bio_end="promoting well-being through evidence-based practice.",
)
REBECCA = PersonGolden(
    id="rebecca-fernandez",
    name="Rebecca Fernandez",
    honorific="Dr.",
    credentials=("MBBS",),
    role="reviewer",
    pseudonymous=True,
    bio_start="Dr. Rebecca Fernandez is a UK-trained physician with an MBBS",
    bio_end="integration of digital health solutions to support mental well-being.",
)
PHOEBE = PersonGolden(
    id="phoebe-carter",
    name="Phoebe Carter",
    honorific=None,
    credentials=("MSc",),
    role="author",
    pseudonymous=True,
    bio_start="Phoebe Carter is a clinical psychologist with a Master’s in Clinical Psychology",
    bio_end="compassionate, evidence-based mental health care to individuals of all ages.",
)

GUIDE_LEAD = "For a deeper dive into the science, diagnosis, and full treatment landscape, "

GOLDEN: dict[str, Golden] = {
    "000_9c6493e6ec028e08": Golden(
        title="How Are Dopamine and Norepinephrine Dysregulated in ADHD?",  # line 4, NBSP cut
        sections=(
            (None, 1),  # line 6
            ("Dopamine Dysregulation in ADHD", 1),  # line 10
            ("Norepinephrine Dysregulation in ADHD", 1),  # line 14
            ("Neurochemical Changes in ADHD", 1),  # line 18
            ("Conclusion", 1),  # line 22; lines 24 and 26 are links only
        ),
        people=(VICTORIA, REBECCA),
        links=(
            LinkGolden(
                "provider",
                "ADHD Certify",
                "For more information on neurotransmitter imbalance and ADHD treatment options, "
                "visit providers like ADHD Certify for expert consultations.",
            ),
            LinkGolden(
                "guide",
                "dopamine and norepinephrine systems",
                GUIDE_LEAD + "read our complete guide to dopamine and norepinephrine systems.",
            ),
        ),
        claims=(
            ClaimGolden(
                "In individuals with ADHD, dopamine and norepinephrine dysregulation play a "
                "central role in the condition’s symptoms, including inattention, impulsivity, "
                "and hyperactivity.",
                0,
            ),
            ClaimGolden("In ADHD, dopamine transmission is often impaired.", 1),
            ClaimGolden(
                "Reduced dopamine levels may also contribute to impulsivity, as individuals may "
                "struggle to control immediate reactions or consider long-term consequences.",
                1,
                ("may", "may"),
            ),
            ClaimGolden(
                "As norepinephrine plays a role in emotional regulation, its dysregulation can "
                "also contribute to mood instability, frustration, and difficulties in coping "
                "with stress.",
                2,  # "can" states ability, not doubt: no cue
            ),
            ClaimGolden(
                "Medications such as stimulants work by increasing dopamine and norepinephrine "
                "levels, helping to improve attention, focus, and impulse control.",
                4,
            ),
        ),
        non_claims=(
            "For more information on neurotransmitter imbalance and ADHD treatment options, "
            "visit providers like ADHD Certify for expert consultations.",
            GUIDE_LEAD + "read our complete guide to dopamine and norepinephrine systems.",
        ),
    ),
    "001_1e994c1e78b491c4": Golden(
        title=("What is the Evidence That ADHD Stems from Dopamine and Norepinephrine Imbalances?"),
        sections=(
            (None, 1),  # line 6
            ("Clinical Studies and Neuroimaging Evidence", 2),  # lines 10, 12
            ("Pharmacological Support for Dopamine and Norepinephrine Imbalances", 2),  # 16, 18
            ("Evidence for Neurochemical Imbalances in ADHD", 1),  # line 22
        ),
        people=(VICTORIA, REBECCA),
        links=(
            LinkGolden(
                "provider",
                "ADHD Certify",
                "Visit providers like ADHD Certify for personal consultations to learn more about "
                "how dopamine and norepinephrine imbalances contribute to ADHD and how treatments "
                "can help restore balance.",
            ),
            LinkGolden(
                "guide",
                "Dopamine and norepinephrine systems",
                GUIDE_LEAD + "read our complete guide to Dopamine and norepinephrine systems.",
            ),
        ),
        claims=(
            ClaimGolden(
                "There is growing evidence suggesting that ADHD stems from dopamine and "
                "norepinephrine imbalances in the brain.",
                0,
                ("suggesting",),
            ),
            ClaimGolden(
                "For instance, studies have found that people with ADHD tend to have lower levels "
                "of dopamine receptors and transporters in these areas, which can impair dopamine "
                "function and lead to inattention and impulsivity.",
                1,
                ("tend to",),
            ),
            ClaimGolden(
                "These imaging studies highlight that the brains of individuals with ADHD may have "
                "a reduced ability to regulate these neurotransmitters, further supporting the "
                "idea that dopamine and norepinephrine imbalances contribute to the condition.",
                1,
                ("may",),
            ),
            ClaimGolden(
                "Stimulant medications, such as methylphenidate and amphetamines, are the most "
                "prescribed treatments for ADHD and work by increasing the availability of "
                "dopamine and norepinephrine in the brain.",
                2,
            ),
            ClaimGolden(
                "Overall, the evidence from clinical research, neuroimaging studies, and "
                "pharmacological support strongly suggests that dopamine and norepinephrine "
                "imbalances play a major role in the development and symptoms of ADHD.",
                3,
                ("suggests",),
            ),
        ),
        non_claims=(
            "Visit providers like ADHD Certify for personal consultations to learn more about "
            "how dopamine and norepinephrine imbalances contribute to ADHD and how treatments "
            "can help restore balance.",
        ),
    ),
    "002_b19364b8e7ff0444": Golden(
        title="Does ADHD Show Neurotransmitter Imbalance in Imaging?",
        sections=(
            (None, 2),  # lines 6, 8
            ("Common Symptoms & Treatment Relevance", 1),  # line 12, a list intro
            ("Poor Attention, Motivation & Focus", 1),  # line 16
            ("Impulsivity, Emotional Reactivity & Mood Swings", 1),  # line 20
        ),
        people=(PHOEBE, REBECCA),  # Phoebe Carter has no byline, only name line + label
        links=(
            LinkGolden(
                "provider",
                "ADHD Certify",
                "Visit providers like ADHD Certify for personal consultations informed by the "
                "latest imaging and neurochemical research.",
            ),
            LinkGolden(
                "guide",
                "ADHD impulsivity imaging",
                GUIDE_LEAD + "read our complete guide to ADHD impulsivity imaging.",
            ),
        ),
        claims=(
            ClaimGolden(
                "Some studies, however, suggest that dopamine dysfunction may not always be the "
                "primary cause but still plays a significant role.",
                0,
                ("Some studies", "suggest", "may"),
            ),
            ClaimGolden(
                "Research also points to defects in the norepinephrine system: while imaging of "
                "the norepinephrine transporter (NET) has yielded mixed results, clinical "
                "treatments that increase norepinephrine levels tend to improve symptoms of "
                "attention and arousal.",
                0,
                ("points to", "tend to"),
            ),
            ClaimGolden(
                "These changes may underlie impulsivity, mood instability, and problems with "
                "emotional regulation.",
                0,
                ("may",),
            ),
            ClaimGolden(
                "Medication (stimulants or atomoxetine) helps by boosting dopamine/norepinephrine "
                "levels in key brain areas.",
                2,
            ),
            ClaimGolden(
                "Treatments like SSRIs (in comorbid cases), mood\u2011regulation therapy, "
                "and CBT help improve emotional regulation and reduce reactive behaviour.",
                3,  # the raw file has a non-breaking hyphen (U+2011) there
            ),
        ),
        non_claims=(
            "Here are symptoms that often map to these neurochemical imaging findings, and how "
            "they may guide treatment:",
            "Visit providers like ADHD Certify for personal consultations informed by the "
            "latest imaging and neurochemical research.",
        ),
    ),
    "003_c8810fd20748b42e": Golden(
        title="Are Dopamine Deficits Behind Both ADHD and RLS?",
        sections=(
            (None, 1),  # line 6
            ("The Dopamine Connection", 2),  # lines 10, 12
            ("Overlapping ADHD RLS Pathology", 1),  # line 16, a list intro
            ("Sleep Disruption", 1),  # line 20
            ("Motor Restlessness", 1),  # line 24
            ("Why This Matters for Treatment", 2),  # line 28, and line 30 (content + provider)
        ),
        people=(VICTORIA, REBECCA),
        links=(
            LinkGolden(
                "provider",
                "ADHD Certify",
                "For more on dopamine deficits ADHD RLS, consider reaching out to providers like "
                "ADHD Certify.",
            ),
            LinkGolden(
                "guide",
                "Sleep disorders",
                GUIDE_LEAD + "read our complete guide to Sleep disorders.",
            ),
        ),
        claims=(
            ClaimGolden(
                "Research suggests that dopamine deficits in ADHD RLS may be a shared factor "
                "linking attention deficit hyperactivity disorder (ADHD) and restless legs "
                "syndrome RLS.",
                0,
                ("suggests", "may"),
            ),
            ClaimGolden(
                "Dopamine is a neurotransmitter responsible for regulating movement, attention, "
                "motivation, and the brain’s reward system.",
                0,
            ),
            ClaimGolden(
                "In ADHD, dopamine dysfunction is thought to contribute to symptoms like "
                "inattention, impulsivity, and difficulty regulating focus.",
                1,
                ("is thought to",),
            ),
            ClaimGolden(
                "In RLS, reduced dopamine activity in specific areas of the brain and spinal cord "
                "is believed to cause the urge to move the legs, particularly at night.",
                1,
                ("is believed to",),
            ),
            ClaimGolden(
                "Hyperactivity in ADHD and leg movement in RLS may stem from similar "
                "dopamine-related pathways.",
                4,
                ("may",),
            ),
            ClaimGolden(
                "Understanding dopamine deficits in ADHD RLS could improve diagnosis and lead to "
                "treatments that target shared neurobiological roots.",
                5,
                ("could",),
            ),
            ClaimGolden(
                "For example, iron deficiency is known to reduce dopamine production and has been "
                "linked to both ADHD and RLS, suggesting that addressing iron levels may benefit "
                "individuals with either or both conditions.",
                5,
                ("suggesting", "may"),
            ),
        ),
        non_claims=(
            "Both conditions share neurological features:",
            "For more on dopamine deficits ADHD RLS, consider reaching out to providers like "
            "ADHD Certify.",
        ),
    ),
}

ARTICLE_IDS = sorted(GOLDEN)
CLAIM_CASES = [
    pytest.param(aid, claim, id=f"{aid[:3]}-{' '.join(claim.text.split()[:4])}")
    for aid, golden in GOLDEN.items()
    for claim in golden.claims
]
NON_CLAIM_CASES = [
    pytest.param(aid, text, id=f"{aid[:3]}-{' '.join(text.split()[:4])}")
    for aid, golden in GOLDEN.items()
    for text in golden.non_claims
]

# Back-matter and chrome text that must never reach a body paragraph or heading.
NOT_BODY_MARKERS = (
    "Table of Contents",
    "mypatientadvice",
    "author for my patient advice",
    "reviewer for my patient advice",
    "pseudonym",
    "verified by our editorial team",
    "Victoria Rowe",
    "Rebecca Fernandez",
    "Phoebe Carter",
    "health psychologist",
    "UK-trained physician",
    "clinical psychologist",
)
NOT_BODY_LINES = {"Print", "Author", "Reviewer", "Victoria Rowe, MSc", "Phoebe Carter, MSc"}


def _article(seed_articles: dict[str, tuple[str, Article]], article_id: str) -> Article:
    return seed_articles[article_id][1]


def test_every_article_checked_here_is_an_annotated_raw_file() -> None:
    assert set(ARTICLE_IDS) <= set(SEED_IDS)
    assert all((RAW / f"{article_id}.txt").is_file() for article_id in ARTICLE_IDS)


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_title_is_the_trimmed_first_line_after_chrome(
    seed_articles: dict[str, tuple[str, Article]], article_id: str
) -> None:
    assert _article(seed_articles, article_id).title == GOLDEN[article_id].title


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_section_headings_and_paragraph_counts(
    seed_articles: dict[str, tuple[str, Article]], article_id: str
) -> None:
    article = _article(seed_articles, article_id)
    got = [(section.heading, len(section.paragraphs)) for section in article.sections]
    assert got == list(GOLDEN[article_id].sections)


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_people(seed_articles: dict[str, tuple[str, Article]], article_id: str) -> None:
    people = _article(seed_articles, article_id).people
    expected = GOLDEN[article_id].people
    assert [p.id for p in people] == [e.id for e in expected]
    for person, want in zip(people, expected, strict=True):
        assert person.name == want.name
        assert person.honorific == want.honorific
        assert person.credentials == list(want.credentials)
        assert person.role == want.role
        assert person.pseudonymous is want.pseudonymous
        assert person.bio is not None
        assert person.bio.startswith(want.bio_start)
        assert person.bio.endswith(want.bio_end)  # the disclaimer after the bio is not bio
        assert "pseudonym" not in person.bio


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_links(seed_articles: dict[str, tuple[str, Article]], article_id: str) -> None:
    links = _article(seed_articles, article_id).links
    got = [(link.kind, link.text, link.url, link.sentence) for link in links]
    want = [(w.kind, w.text, w.url, w.sentence) for w in GOLDEN[article_id].links]
    assert got == want


@pytest.mark.parametrize(("article_id", "expected"), CLAIM_CASES)
def test_sample_claim(
    seed_articles: dict[str, tuple[str, Article]], article_id: str, expected: ClaimGolden
) -> None:
    article = _article(seed_articles, article_id)
    matches = [claim for claim in article.claims if claim.text == expected.text]
    assert len(matches) == 1, f"claim not found exactly once: {expected.text!r}"
    claim = matches[0]
    assert claim.section == expected.section
    assert claim.hedge_cues == list(expected.hedge_cues)
    assert claim.hedged is bool(expected.hedge_cues)


@pytest.mark.parametrize(("article_id", "sentence"), NON_CLAIM_CASES)
def test_sentence_is_not_a_claim(
    seed_articles: dict[str, tuple[str, Article]], article_id: str, sentence: str
) -> None:
    raw_text, article = seed_articles[article_id]
    assert sentence in raw_text  # guards against a typo making this test pass vacuously
    assert all(sentence not in claim.text for claim in article.claims)


def test_mixed_paragraph_stays_whole_while_its_provider_link_is_extracted(
    seed_articles: dict[str, tuple[str, Article]],
) -> None:
    article = _article(seed_articles, "003_c8810fd20748b42e")
    mixed = (
        "By exploring the neurotransmitter link, researchers hope to develop more effective "
        "strategies for managing ADHD RLS pathology and improving quality of life. For more on "
        "dopamine deficits ADHD RLS, consider reaching out to providers like ADHD Certify."
    )  # raw line 30
    assert article.sections[-1].paragraphs[-1] == mixed
    assert [link.kind for link in article.links] == ["provider", "guide"]


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_link_only_paragraphs_are_not_body(
    seed_articles: dict[str, tuple[str, Article]], article_id: str
) -> None:
    article = _article(seed_articles, article_id)
    paragraphs = [p for section in article.sections for p in section.paragraphs]
    for link in GOLDEN[article_id].links:
        if article_id == "003_c8810fd20748b42e" and link.kind == "provider":
            continue  # that provider sentence shares its paragraph with content
        assert all(link.sentence not in p for p in paragraphs)


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_chrome_bylines_bios_and_disclaimers_are_not_body(
    seed_articles: dict[str, tuple[str, Article]], article_id: str
) -> None:
    article = _article(seed_articles, article_id)
    texts = [s.heading for s in article.sections if s.heading is not None]
    texts += [p for s in article.sections for p in s.paragraphs]
    assert texts, "the article has no body to check"
    for text in texts:
        assert text not in NOT_BODY_LINES
        for marker in NOT_BODY_MARKERS:
            assert marker not in text, f"{marker!r} leaked into the body: {text[:60]!r}"


def test_the_same_person_gets_the_same_id_in_every_article(
    seed_articles: dict[str, tuple[str, Article]],
) -> None:
    ids_by_name: dict[str, set[str]] = {}
    names_by_id: dict[str, set[str]] = {}
    for _, article in seed_articles.values():
        for person in article.people:
            ids_by_name.setdefault(person.name, set()).add(person.id)
            names_by_id.setdefault(person.id, set()).add(person.name)
    assert ids_by_name == {
        "Victoria Rowe": {"victoria-rowe"},
        "Rebecca Fernandez": {"rebecca-fernandez"},
        "Phoebe Carter": {"phoebe-carter"},
    }
    assert all(len(names) == 1 for names in names_by_id.values())
    assert all(  # the reviewer signs all four pages
        any(p.id == "rebecca-fernandez" for p in article.people)
        for _, article in seed_articles.values()
    )
