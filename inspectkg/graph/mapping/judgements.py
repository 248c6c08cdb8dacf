"""What reports judge: listed statements (strengths, weaknesses, areas for improvement, focus
aspects), evaluative sentences, grade-table rows, and references to earlier inspections."""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

from ...loaders.records import AreaGrade, Grade, Judgement, Reference, Statement
from ..iris import slug
from .builder import GraphBuilder
from .facts import classify, grade, provenance
from .terms import IKG, RDF

STATEMENT_CLASSES = {
    "strength": IKG.Strength,
    "weakness": IKG.Weakness,
    "area_for_improvement": IKG.AreaForImprovement,
    "focus": IKG.FocusAspect,
}
# The grade scale each kind of report grades on (LEA words, APA numbers); LEA words by default.
GRADE_SCHEMES = {
    "lea_inspection": "lea",
    "apa_letter": "apa",
    "childrens_services_inspection": "cs",
    "childrens_services_visit": "cs",
    "joint_targeted_area_inspection": "cs",
}


def statements(kind: str):
    """The mapper of one list of statements of a kind (``strength``, ``focus`` ...)."""

    def mapper(b: GraphBuilder, items: Sequence[Statement]) -> None:
        for i, s in enumerate(items, start=1):
            statement(b, kind, i, s)

    return mapper


def statement(b: GraphBuilder, kind: str, i: int, s: Statement) -> None:
    node = b.part(kind.replace("_", "-"), i)
    b.add(node, RDF.type, STATEMENT_CLASSES[kind])
    b.add(node, RDF.type, IKG.Judgement)
    b.add(node, IKG.text, s.text)
    b.add(node, IKG.polarity, s.polarity)
    provenance(b, node, s.text, s.line, s.paragraph, s.page)
    classify(b, node, s)
    b.count(kind)


def judgements(b: GraphBuilder, items: Sequence[Judgement]) -> None:
    for i, j in enumerate(items, start=1):
        node = b.part("judgement", i)
        b.add(node, RDF.type, IKG.Judgement)
        b.add(node, IKG.subject, j.subject)
        b.add(node, IKG.polarity, j.polarity)
        b.add(node, IKG.heading, j.heading)
        grade(b, node, j.grade, b.scheme)
        provenance(b, node, j.quote, j.line, j.paragraph, j.page)
        classify(b, node, j)
        b.count("judgements")


def grade_awards(b: GraphBuilder, items: Sequence[Grade]) -> None:
    """Rows of an APA letter's grade table (graded 1-4 on the APA scale)."""
    for i, g in enumerate(items, start=1):
        node = b.part("grade", i)
        b.add(node, RDF.type, IKG.GradeAward)
        b.add(node, RDF.type, IKG.Judgement)
        b.add(node, IKG.area, g.area)
        grade(b, node, g.grade, "apa")
        provenance(b, node, g.area, g.line, page_number=g.page)
        classify(b, node, g)
        b.count("grades")


def area_grades(b: GraphBuilder, items: Sequence[AreaGrade]) -> None:
    """The judgement table of a children's services inspection, each row keyed by its area."""
    for g in items:
        node = b.part("grade", g.key or slug(g.area))
        b.add(node, RDF.type, IKG.GradeAward)
        b.add(node, RDF.type, IKG.Judgement)
        b.add(node, IKG.area, g.area)
        b.add(node, IKG.judgementArea, g.key)
        b.add(node, IKG.parentArea, g.parent)
        grade(b, node, g.grade, "cs")
        provenance(b, node, f"{g.area}: {g.grade}", g.line, page_number=g.page)
        b.count("grades")


def references(b: GraphBuilder, items: Sequence[Reference]) -> None:
    for i, ref in enumerate(items, start=1):
        reference(b, ref, i)


def reference(b: GraphBuilder, ref: Reference, key: object) -> ox.NamedNode:
    node = b.part("reference", key)
    b.add(node, RDF.type, IKG.Reference)
    b.add(node, IKG.referenceKind, ref.kind)
    b.add(node, IKG.referredDate, ref.date)
    b.add(node, IKG.referenceContext, getattr(ref, "context", None))
    grade(b, node, ref.grade, b.scheme)
    provenance(b, node, ref.quote, ref.line, ref.paragraph, ref.page)
    classify(b, node, ref)
    b.count("references")
    return node
