"""What every fact carries: where it was read (provenance), what it is about (services) and,
for judgements, its grade on the shared scale."""

from __future__ import annotations

import pyoxigraph as ox

from .. import grades, services
from .builder import GraphBuilder
from .terms import DCTERMS, IKG, OA, PROV, RDF, XSD, iri

RFC5147 = iri("http://tools.ietf.org/rfc/rfc5147")
RFC8118 = iri("http://tools.ietf.org/rfc/rfc8118")  # fragment identifiers of PDF: page=N


def page(b: GraphBuilder, node: ox.NamedNode, number: int | None) -> None:
    """The PDF page a part was read from, and a link into the file at that page."""
    if number is None:
        return
    b.add(node, IKG.page, number, XSD.integer)
    if b.source_name:
        b.add(node, IKG.pageLink, f"{b.source_name}#page={number}")


def provenance(
    b: GraphBuilder, node: ox.NamedNode, quote: str | None, line: int | None,
    paragraph: int | None = None, page_number: int | None = None,
) -> None:
    """Where a fact was read: report, paragraph, line (and PDF page) and verbatim quote (as
    OA selectors)."""
    b.add(node, IKG.report, b.iri)
    if b.auth is not None:
        b.add(node, IKG.authority, b.auth)
    b.add(node, IKG.quote, quote)
    b.add(node, IKG.line, line, XSD.integer)
    para = b.paragraph_node(paragraph, line)
    b.add(node, IKG.paragraph, para)
    b.add(node, IKG.paragraphNumber, paragraph, XSD.integer)
    source = b.sub(node, "source")
    b.add(node, PROV.wasDerivedFrom, source)
    b.add(source, RDF.type, OA.SpecificResource)
    b.add(source, OA.hasSource, para or b.iri)
    if quote:
        sel = b.sub(source, "quote")
        b.add(source, OA.hasSelector, sel)
        b.add(sel, RDF.type, OA.TextQuoteSelector)
        b.add(sel, OA.exact, quote)
    if line:
        sel = b.sub(source, "line")
        b.add(source, OA.hasSelector, sel)
        b.add(sel, RDF.type, OA.FragmentSelector)
        b.add(sel, DCTERMS.conformsTo, RFC5147)
        b.add(sel, RDF.value, f"line={line - 1},{line}")
    if page_number is not None:
        page(b, node, page_number)
        sel = b.sub(source, "page")
        b.add(source, OA.hasSelector, sel)
        b.add(sel, RDF.type, OA.FragmentSelector)
        b.add(sel, DCTERMS.conformsTo, RFC8118)
        b.add(sel, RDF.value, f"page={page_number}")


def classify(b: GraphBuilder, node: ox.NamedNode, record: object) -> None:
    """Service concepts of a record, each with how it was found (heading, aim, wording)."""
    for i, c in enumerate(services.classifications_for(record), start=1):
        concept = iri(services.concept_iri(c.concept))
        b.add(node, IKG.service, concept)
        cl = b.sub(node, "classification", i)
        b.add(node, IKG.classification, cl)
        b.add(cl, RDF.type, IKG.Classification)
        b.add(cl, IKG.concept, concept)
        b.add(cl, IKG.method, c.method)
        b.add(cl, IKG.evidence, c.evidence)
    outcome = getattr(record, "outcome", None)
    if outcome:
        slug = services.outcome_for(outcome)
        if slug:
            b.add(node, IKG.outcome, iri(services.outcome_iri(slug)))


def grade(b: GraphBuilder, node: ox.NamedNode, word: str | int | None, scheme: str) -> None:
    """The grade as worded, its concept in the scheme and its rank on the shared scale."""
    if word is None or word == "":
        return
    b.add(node, IKG.gradeLabel, str(word))
    concept = grades.grade_concept(word, scheme)
    if concept is not None:
        b.add(node, IKG.grade, iri(concept.iri))
        b.add(node, IKG.normalisedRank, concept.rank, XSD.decimal)
