"""Typed records that loaders produce: plain data, no RDF.

Records are frozen: a loader builds each one whole, and later steps (pages, service
classification) make new records with `dataclasses.replace` instead of changing them.

Every record that states a fact keeps where it came from (the 1-based ``line`` in the source
file and, where the document numbers its paragraphs, the ``paragraph``) and the verbatim
``quote`` or ``text`` it was read from, so the graph can carry provenance.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Person:
    """A named person with the post they held, as a report gives them."""

    name: str | None
    post: str | None = None
    organisation: str | None = None
    line: int | None = None
    page: int | None = None  # the PDF page the line is on (None for text files)


@dataclass(frozen=True)
class ContentsEntry:
    """One row of a report's table of contents."""

    title: str
    level: str  # "section" for SECTION headings, "heading" for headings inside a section
    section: str | None = None
    first_paragraph: int | None = None
    last_paragraph: int | None = None
    line: int | None = None
    page: int | None = None  # the PDF page the line is on (None for text files)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph with the section and heading it sits under: numbered, or (where a report
    prints prose it does not number, such as an opening summary) keyed by its order."""

    number: int | None
    section: str | None
    heading: str | None
    text: str
    line: int
    page: int | None = None  # the PDF page the line is on (None for text files)
    key: str | None = None  # "u3": the third unnumbered paragraph (None when numbered)
    area: str | None = None  # the judgement area its section reports on (children's services)


@dataclass(frozen=True)
class Judgement:
    """An evaluative statement that grades a function ("Support for literacy is good")."""

    quote: str
    line: int
    grade: str | None = None
    service: str | None = None
    services: list[str] = field(default_factory=list)
    subject: str | None = None
    paragraph: int | None = None
    section: str | None = None
    heading: str | None = None
    outcome: str | None = None
    polarity: str | None = None  # "positive", "negative" or None when neutral
    page: int | None = None  # the PDF page the line is on (None for text files)


@dataclass(frozen=True)
class Statement:
    """A listed strength, weakness, area for improvement or focus item."""

    text: str
    line: int
    polarity: str  # "strength", "weakness" or "focus"
    paragraph: int | None = None
    outcome: str | None = None
    services: list[str] = field(default_factory=list)
    page: int | None = None  # the PDF page the line is on (None for text files)


@dataclass(frozen=True)
class Location:
    """One place where a recommendation is stated."""

    where: str  # "body" or "appendix"
    line: int
    text: str
    aim: str | None = None
    section: str | None = None
    heading: str | None = None
    after_paragraph: int | None = None
    page: int | None = None  # the PDF page the line is on (None for text files)


@dataclass(frozen=True)
class Recommendation:
    """A recommendation of an inspection, numbered in the appendix's priority order."""

    number: int
    aim: str | None
    text: str
    line: int
    sub_bullets: list[str] = field(default_factory=list)
    section: str | None = None
    heading: str | None = None
    locations: list[Location] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    page: int | None = None  # the PDF page the line is on (None for text files)
    # The list it is in, as the report heads it ("What needs to improve", "Within three months",
    # the LSCB's "Recommendations"), where a report has more than one kind of list.
    group: str | None = None
    printed_number: str | None = None  # the number the report prints, if not the order number


@dataclass(frozen=True)
class Reference:
    """A sentence in which a report speaks of an earlier inspection or its recommendations."""

    quote: str
    line: int
    # "previous_inspection", "previous_judgement", "previous_visit", "previous_recommendation",
    # "recommendations_addressed", "recommendations_partly_met", "recommendations_not_met"
    kind: str
    paragraph: int | None = None
    date: str | None = None  # ISO date or year of the earlier inspection or report, if given
    grade: str | None = None  # for "previous_judgement": the grade the earlier inspection gave
    services: list[str] = field(default_factory=list)
    page: int | None = None  # the PDF page the line is on (None for text files)
    # The sentence before, where this one points back to it ("This was a recommendation at the
    # last inspection."): it names the issue.
    context: str | None = None


@dataclass(frozen=True)
class Report:
    """What every kind of report has in common."""

    kind: str
    source: str
    authority: str | None
    date: str | None
    title: str | None = None
    publisher: str | None = None
    source_format: str = "text"  # "text" or "pdf": what the file was read from
    page_count: int | None = None  # pages of a PDF

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary, as `inspectkg parse` prints it."""
        return asdict(self)


@dataclass(frozen=True)
class LeaInspection(Report):
    """An Ofsted inspection of a Local Education Authority (1998-2005)."""

    lead_inspector: str | None = None
    framework: str | None = None
    previous_inspection: Reference | None = None
    contents: list[ContentsEntry] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    strengths: list[Statement] = field(default_factory=list)
    weaknesses: list[Statement] = field(default_factory=list)
    judgements: list[Judgement] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)


@dataclass(frozen=True)
class Grade:
    """One row of an APA letter's grade table."""

    area: str
    grade: int
    line: int
    outcome: str | None = None  # the ECM outcome (ecm label) when the row grades one
    page: int | None = None  # the PDF page the line is on (None for text files)


@dataclass(frozen=True)
class GradeDescriptor:
    """What a grade number means, as the letter explains it."""

    grade: int
    service: str | None
    capacity: str | None
    line: int
    page: int | None = None  # the PDF page the line is on (None for text files)


@dataclass(frozen=True)
class OutcomeSection:
    """One section of an APA letter about an Every Child Matters outcome."""

    outcome: str
    heading: str
    text: str
    line: int
    grade: int | None = None  # later letters print "Grade N" with each section heading
    page: int | None = None  # the PDF page the line is on (None for text files)


@dataclass(frozen=True)
class ApaLetter(Report):
    """An Ofsted Annual Performance Assessment letter (2005-2008)."""

    assessment_year: int | None = None
    addressee: Person | None = None
    signatories: list[Person] = field(default_factory=list)
    grades: list[Grade] = field(default_factory=list)
    grade_descriptors: list[GradeDescriptor] = field(default_factory=list)
    overview: str | None = None  # the overall summary before the outcome sections
    sections: list[OutcomeSection] = field(default_factory=list)
    judgements: list[Judgement] = field(default_factory=list)
    strengths: list[Statement] = field(default_factory=list)
    areas_for_improvement: list[Statement] = field(default_factory=list)
    future_focus: list[Statement] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)


@dataclass(frozen=True)
class PlanRecommendation:
    """A numbered recommendation of an action plan (1, 1.1, 4.2, 12 ...)."""

    number: str
    text: str
    line: int
    services: list[str] = field(default_factory=list)
    page: int | None = None  # the PDF page the line is on (None for text files)


@dataclass(frozen=True)
class Action:
    """One row of an action plan table, with its progress and RAG rating in this report."""

    recommendation: str
    objective: str | None
    lead: str | None
    timescale: str | None  # the cell's text, verbatim
    action: str | None
    progress: str | None
    rag: str | None  # "Red", "Amber", "Green" or None
    line: int
    progress_line: int | None = None
    timescale_start: str | None = None  # ISO date where the timescale names one
    timescale_end: str | None = None  # ISO date where the timescale names one
    timescale_status: str | None = None  # "ongoing", "completed" or "in_place" where it says so
    progress_status: str | None = None  # "achieved" or "completed" where the progress says so
    services: list[str] = field(default_factory=list)
    rag_text: str | None = None  # the rating cell verbatim ("AMBER", "G", "Amber/Green" ...)
    rag_line: int | None = None  # the line the rating sits on (Action or Progress line)
    page: int | None = None  # the PDF page the line is on (None for text files)
    # other recommendations the action's cells point to ("See recommendation 1.2")
    see_also: tuple[str, ...] = ()


@dataclass(frozen=True)
class SummarySection:
    """A narrative section of a progress report that cites "(Recommendation N)"."""

    number: str
    title: str
    recommendations: list[str]
    text: str
    line: int
    page: int | None = None  # the PDF page the line is on (None for text files)


@dataclass(frozen=True)
class BackgroundPaper:
    """An earlier paper a report lists as background: the report it continues."""

    title: str
    date: str | None
    text: str
    line: int
    description: str | None = None  # the rest of the entry, e.g. "Cabinet Committee Report"
    page: int | None = None  # the PDF page the line is on (None for text files)


@dataclass(frozen=True)
class ActionPlanProgress(Report):
    """A council committee report on progress with an action plan (e.g. 2010)."""

    committee: str | None = None
    author: Person | None = None
    lead_officer: Person | None = None
    background_papers: list[BackgroundPaper] = field(default_factory=list)
    recommendations: list[PlanRecommendation] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    summary: list[SummarySection] = field(default_factory=list)


@dataclass(frozen=True)
class AreaGrade:
    """One judgement of an inspection's judgement table, or the overall judgement sentence.

    ``area`` and ``grade`` are as printed; ``key`` is the judgement area it grades on every
    framework (``overall``, ``leadership``, ``help-and-protection``, ``children-in-care``,
    ``care-leavers``, ``children-in-care-and-care-leavers``, ``adoption``, ``lscb`` ...), so a
    2014 judgement and a 2023 one of the same area can be compared.
    """

    area: str
    grade: str
    line: int
    key: str | None = None
    parent: str | None = None  # the key of the judgement this one is a sub-judgement of
    page: int | None = None


# The kinds of the children's services family (one loader each), as ``Report.kind`` says them.
CHILDRENS_SERVICES_KINDS = frozenset({
    "childrens_services_inspection", "childrens_services_visit", "joint_targeted_area_inspection",
})


@dataclass(frozen=True)
class ChildrensServicesReport(Report):
    """An Ofsted inspection or visit of a local authority's children's services (2012-).

    ``kind`` is the family (inspection, visit, joint targeted area inspection) and ``framework``
    the inspection regime within it (``sif``, ``ilacs-standard``, ``focused-visit`` ...).
    """

    framework: str | None = None
    inspection_start: str | None = None  # ISO date
    inspection_end: str | None = None  # ISO date
    published: str | None = None  # ISO date, only where the report prints one
    lead_inspector: str | None = None
    grades: list[AreaGrade] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    judgements: list[Judgement] = field(default_factory=list)
    strengths: list[Statement] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
