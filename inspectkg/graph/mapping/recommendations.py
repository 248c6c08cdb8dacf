"""Recommendations (of inspections and of action plans) and every place one is stated."""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

from ...loaders.records import Location, PlanRecommendation, Recommendation
from .builder import GraphBuilder
from .facts import classify, page, provenance
from .terms import IKG, PROV, RDF, XSD


def recommendations(
    b: GraphBuilder, items: Sequence[Recommendation | PlanRecommendation]
) -> None:
    for rec in items:
        recommendation(b, rec)


def recommendation(b: GraphBuilder, rec: Recommendation | PlanRecommendation) -> None:
    node = b.part("recommendation", rec.number)
    b.recommendation_numbers.add(str(rec.number))
    b.add(node, RDF.type, IKG.Recommendation)
    b.add(node, RDF.type, PROV.Entity)
    if isinstance(rec, PlanRecommendation):
        b.add(node, RDF.type, IKG.PlanRecommendation)
    b.add(node, IKG.number, str(rec.number))
    b.add(node, IKG.text, rec.text)
    b.add(node, IKG.issuedBy, b.iri)
    if isinstance(rec, Recommendation):
        b.add(node, IKG.priority, rec.number, XSD.integer)
        b.add(node, IKG.aim, rec.aim)
        b.add(node, IKG.heading, rec.heading)
        b.add(node, IKG.recommendationGroup, rec.group)
        b.add(node, IKG.printedNumber, rec.printed_number)
        for k, loc in enumerate(rec.locations, start=1):
            mention(b, node, k, loc)
    provenance(b, node, rec.text, rec.line, page_number=rec.page)
    classify(b, node, rec)
    b.count("recommendations")


def mention(b: GraphBuilder, rec: ox.NamedNode, k: int, loc: Location) -> None:
    """One place a recommendation is stated (the body block, the appendix)."""
    node = b.sub(rec, "stated", k)
    b.add(rec, IKG.statedIn, node)
    b.add(node, RDF.type, IKG.Mention)
    b.add(node, IKG.where, loc.where)
    b.add(node, IKG.text, loc.text)
    b.add(node, IKG.aim, loc.aim)
    b.add(node, IKG.sectionTitle, loc.section)
    b.add(node, IKG.heading, loc.heading)
    b.add(node, IKG.afterParagraph, b.paragraph_iris.get(loc.after_paragraph or -1))
    b.add(node, IKG.line, loc.line, XSD.integer)
    page(b, node, loc.page)
    b.add(node, IKG.report, b.iri)
