"""The record types: the single definition of what an article record holds.

The JSON Schema in ``schema/``, the Parquet table layouts and the field list in
each dataset card are all generated from these models. No I/O, no parsing.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "2.0.0"
"""Version of the record schema; its major part changes only on a breaking change."""

EntityType = Literal[
    "neurotransmitter",
    "condition",
    "symptom",
    "drug",
    "drug_class",
    "brain_region",
    "method",
    "protein",
    "nutrient",
    "therapy",
    "anatomy",
    "hormone",
]
Role = Literal["author", "reviewer"]
RoleDetail = Literal["author", "reviewer", "fact_checker", "editor"]
"""The role as the page names it (schema 1.2.0); ``Role`` keeps the contract's two values."""
StrengthLabel = Literal["none", "correlational", "conditional causal", "direct causal"]
STRENGTH_LABELS: tuple[StrengthLabel, ...] = get_args(StrengthLabel)
"""Claim strength level (0-3) -> its name."""
LinkKind = Literal["guide", "provider"]
Frame = Literal["asserted", "myth", "misconception", "reported"]
"""How the article presents a claim: as its own statement, or as a myth, misconception
or someone else's belief that it states in order to refute or report it."""

Offset = Annotated[int, Field(ge=0)]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class _Record(BaseModel):
    """Common configuration: immutable, and unknown fields are an error."""

    # Fields added in a minor schema version default to None, so records of earlier
    # releases still load; every field is written, so the published schema requires all.
    model_config = ConfigDict(
        extra="forbid", frozen=True, json_schema_serialization_defaults_required=True
    )


class _Span(_Record):
    """A stretch of the raw text, as code-point offsets with ``end`` exclusive."""

    text: str = Field(description="The exact text, equal to raw_text[start:end].")
    start: Offset = Field(description="Code-point offset of the first character in the raw text.")
    end: Offset = Field(description="Code-point offset just past the last character.")

    @model_validator(mode="after")
    def _span_matches_text(self) -> _Span:
        if self.end - self.start != len(self.text):
            raise ValueError(f"span {self.start}-{self.end} does not have the length of its text")
        return self


class Source(_Record):
    """Where a record came from, so anyone can check it against the raw file."""

    path: str = Field(description="The raw file's name, e.g. '000_9c6493e6ec028e08.txt'.")
    sha256: Sha256 = Field(description="SHA-256 of the raw file's bytes, lowercase hex.")
    bytes: Annotated[int, Field(ge=0)] = Field(description="Size of the raw file in bytes.")


class Extent(_Record):
    """Where a stretch of the raw text lies, as code-point offsets with ``end`` exclusive."""

    start: Offset = Field(description="Code-point offset of the first character in the raw text.")
    end: Offset = Field(description="Code-point offset just past the last character.")

    @model_validator(mode="after")
    def _ordered(self) -> Extent:
        if self.end < self.start:
            raise ValueError(f"extent {self.start}-{self.end} ends before it starts")
        return self


class Section(_Record):
    """A run of body paragraphs under one heading."""

    heading: str | None = Field(
        description="The heading; null for the lead before the first heading."
    )
    paragraphs: list[str] = Field(description="Body paragraphs in order, whitespace-trimmed.")
    # Added in schema 1.3.0: null in records of earlier releases.
    paragraph_spans: list[Extent] | None = Field(
        default=None,
        description="Where each paragraph lies in the raw text, in the order of `paragraphs`: "
        "raw_text[start:end] is the paragraph exactly.",
    )

    @model_validator(mode="after")
    def _spans_fit_paragraphs(self) -> Section:
        spans = self.paragraph_spans
        if spans is None:
            return self
        if len(spans) != len(self.paragraphs):
            raise ValueError(f"{len(spans)} paragraph spans for {len(self.paragraphs)} paragraphs")
        for n, (span, text) in enumerate(zip(spans, self.paragraphs, strict=True)):
            if span.end - span.start != len(text):
                raise ValueError(
                    f"paragraph {n}: span {span.start}-{span.end} does not have the length "
                    "of its text"
                )
        return self


class Cue(_Span):
    """A word or phrase that marks certainty, negation or a relation in a claim."""

    cue_class: str = Field(description="The cue's class in its lexicon, e.g. 'modal'.")


class Entity(_Span):
    """A mention of a biomedical concept from the project's vocabulary."""

    type: EntityType = Field(description="The concept's kind.")
    canonical: str = Field(description="The vocabulary's canonical name of the concept.")
    mesh_id: str | None = Field(
        description="MeSH descriptor id where verified, else null; never guessed."
    )
    # Added in schema 1.2.0: null in records of earlier releases and outside claims.
    negated: bool | None = Field(
        default=None,
        description="True when the mention lies inside a negation cue's scope ('no ADHD', "
        "'without ADHD'); null where not assessed.",
    )
    hedged: bool | None = Field(
        default=None,
        description="True when the mention lies inside a hedge cue's scope ('may reduce "
        "anxiety'); null where not assessed.",
    )


class Claim(_Span):
    """A body sentence that states something about health, biology, treatment or research."""

    id: str = Field(description="Stable id: '<article id>:<start>-<end>'.")
    section: Annotated[int, Field(ge=0)] = Field(
        description="Index into the article's sections of the section the claim is in."
    )
    sentence_index: Annotated[int, Field(ge=0)] = Field(
        description="Index of the sentence among all body sentences of the article, claims or not."
    )
    hedged: bool = Field(description="True when the sentence carries at least one hedge cue.")
    hedge_cues: list[str] = Field(description="The hedge cues found, as written, in order.")
    # Added in schema 1.1.0: null in records of earlier releases.
    hedges: list[Cue] | None = Field(
        default=None,
        description="The hedge cues with their spans and classes (modal, epistemic_verb, "
        "evidential_verb, adjective_adverb, multiword).",
    )
    boosters: list[Cue] | None = Field(
        default=None,
        description="Booster cues that assert certainty ('strongly', 'is known to', 'proven').",
    )
    negated: bool | None = Field(
        default=None,
        description="True when the claim's relation is negated: its relation cue lies inside "
        "a negation cue's scope ('does not cause'), or, with no relation cue, the sentence "
        "carries a verb negation ('not', 'never'). Negated mentions alone ('with and without "
        "ADHD') do not negate the claim.",
    )
    negations: list[Cue] | None = Field(
        default=None, description="The negation cues found ('not', 'no', 'without')."
    )
    strength: Annotated[int, Field(ge=0, le=3)] | None = Field(
        default=None,
        description="Claim strength: 0 no relationship, 1 correlational, 2 conditional "
        "causal, 3 direct causal.",
    )
    strength_label: StrengthLabel | None = Field(
        default=None, description="The name of the strength level."
    )
    relations: list[Cue] | None = Field(
        default=None,
        description="The relation cues that set the strength (class 'causal' or 'correlational').",
    )
    # Added in schema 1.2.0: null in records of earlier releases.
    nonassertive: list[Cue] | None = Field(
        default=None,
        description="Cues of a question, call for research, recommendation or purpose "
        "('whether', 'should', 'are needed'); a relation cue in their scope states no "
        "relation and is not among `relations`.",
    )
    entities: list[Entity] = Field(description="Entity mentions inside the claim, in order.")
    # Added in schema 1.2.0: null in records of earlier releases.
    asserted: bool | None = Field(
        default=None,
        description="True when the article states the claim as its own; false when it states "
        "it to refute or report it (frame 'myth', 'misconception' or 'reported').",
    )
    frame: Frame | None = Field(
        default=None,
        description="How the article presents the claim: 'asserted' (its own statement), "
        "'myth' (labelled a myth), 'misconception' ('it is a misconception that ...') or "
        "'reported' (a belief it attributes to others: 'some people believe ...').",
    )


class Sentence(_Span):
    """A body sentence that is not a claim, with the reason it is not."""

    section: Annotated[int, Field(ge=0)] = Field(
        description="Index into the article's sections of the section the sentence is in."
    )
    sentence_index: Annotated[int, Field(ge=0)] = Field(
        description="Index of the sentence among all body sentences of the article."
    )
    reason: str = Field(description="Why it is not a claim, e.g. 'call to action'.")


class Dropped(_Span):
    """A line that is neither title, body nor byline (page chrome), kept with its reason."""

    line: Annotated[int, Field(ge=1)] = Field(description="1-based line number in the raw file.")
    reason: str = Field(
        description="Why it is not body: a chrome rule's reason ('navigation', 'logo', "
        "'breadcrumb', 'image credit', 'copyright', 'reading time', 'share or print', "
        "'cookie notice', 'feedback', 'review status', 'date line', 'location or contact'), "
        "'label above the title', 'disclaimer', 'references' or 'back matter' (a line after the "
        "body that no byline or bio took)."
    )


class Person(_Record):
    """An author, reviewer, fact checker or editor named on the article."""

    id: str = Field(description="Stable id from the name, the same in every article.")
    name: str = Field(description="Full name without honorific, e.g. 'Rebecca Fernandez'.")
    honorific: str | None = Field(description="Honorific such as 'Dr.', or null.")
    credentials: list[str] = Field(description="Post-nominal credentials in order, e.g. ['MBBS'].")
    role: Role = Field(
        description="'author' or 'reviewer', from the byline or the label with the name; fact "
        "checkers and editors are 'reviewer' (see role_detail)."
    )
    bio: str | None = Field(description="The biography paragraph(s), or null when there is none.")
    pseudonymous: bool = Field(
        description="True when the article says a pseudonym is used for this person."
    )
    role_detail: RoleDetail | None = Field(  # added in schema 1.2.0
        default=None,
        description="The role as the page names it: 'author', 'reviewer', 'fact_checker' "
        "('Fact checked by') or 'editor' ('Edited by').",
    )


class Link(_Record):
    """A navigation or promotional pointer: the guide link or the provider call to action."""

    kind: LinkKind = Field(description="'guide' (complete guide) or 'provider' (providers like X).")
    text: str = Field(description="What is linked to, e.g. 'ADHD Certify'.")
    sentence: str = Field(description="The full sentence the link stands in.")
    url: str | None = Field(description="The URL when the text gives one, else null.")


class Article(_Record):
    """One health-advice article, parsed from one raw text file."""

    id: str = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
        description="The raw file's stem, stable across releases.",
    )
    title: str = Field(min_length=1, description="The article's title, whitespace-trimmed.")
    source: Source = Field(description="The raw file the record was parsed from.")
    sections: list[Section] = Field(description="Body sections in order.")
    claims: list[Claim] = Field(description="Claim sentences in text order.")
    non_claims: list[Sentence] | None = Field(  # added in schema 1.1.0
        default=None,
        description="The other body sentences, in text order, each with the reason it is not "
        "a claim; claims and non_claims together are every body sentence.",
    )
    people: list[Person] = Field(description="Authors and reviewers in the order they appear.")
    links: list[Link] = Field(description="Guide and provider links in the order they appear.")
    dropped: list[Dropped] | None = Field(  # added in schema 1.2.0
        default=None,
        description="Lines left out as page chrome (navigation, logos, breadcrumbs, credits, "
        "widgets, dates, contact lines, labels above the title, disclaimers, reference "
        "lists), in text order, each with its reason, so that no line disappears silently.",
    )
