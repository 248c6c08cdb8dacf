"""What action plans hold: actions with their progress updates, narrative summary sections and
the earlier papers a progress report lists."""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

from ...loaders.records import Action, BackgroundPaper, SummarySection
from .. import grades
from .builder import GraphBuilder
from .dates import sort_date
from .facts import classify, provenance
from .terms import DCTERMS, IKG, PROV, RDF, SCHEMA, XSD, iri


def actions(b: GraphBuilder, items: Sequence[Action]) -> None:
    """Actions keyed by their plan recommendation and their order under it (``4.2-3``)."""
    ordinal: dict[str, int] = {}
    for a in items:
        ordinal[a.recommendation] = ordinal.get(a.recommendation, 0) + 1
        action(b, a, ordinal[a.recommendation])


def action(b: GraphBuilder, a: Action, k: int) -> None:
    node = b.part("action", f"{a.recommendation}-{k}")
    b.add(node, RDF.type, IKG.Action)
    b.add(node, RDF.type, PROV.Activity)
    b.add(node, RDF.type, SCHEMA.Action)
    b.add(node, IKG.addresses, b.part("recommendation", a.recommendation))
    for number in a.see_also:  # "See recommendation 1.2" in a cell: a stated pointer
        b.add(node, IKG.cites, b.part("recommendation", number))
    b.add(node, IKG.recommendationNumber, a.recommendation)
    b.add(node, IKG.objective, a.objective)
    b.add(node, IKG.text, a.action)
    if a.lead:
        b.add(node, IKG.lead, b.post(a.lead))
        b.add(node, IKG.leadTitle, a.lead)
    b.add(node, IKG.timescale, a.timescale)
    b.add(node, IKG.timescaleStart, a.timescale_start, XSD.date)
    b.add(node, IKG.timescaleEnd, a.timescale_end, XSD.date)
    b.add(node, IKG.timescaleStatus, a.timescale_status)
    b.add(node, SCHEMA.startTime, a.timescale_start, XSD.date)
    b.add(node, SCHEMA.endTime, a.timescale_end, XSD.date)
    provenance(b, node, a.action or a.objective, a.line, page_number=a.page)
    classify(b, node, a)
    progress_update(b, node, a)
    b.count("actions")


def progress_update(b: GraphBuilder, action: ox.NamedNode, a: Action) -> None:
    """The RAG rating as a dated status assertion of this report, never a property in place."""
    node = b.sub(action, "update")
    b.add(action, IKG.progressUpdate, node)
    b.add(node, RDF.type, IKG.ProgressUpdate)
    b.add(node, IKG.updates, action)
    b.add(node, IKG.assertedIn, b.iri)
    b.add(node, DCTERMS.date, sort_date(b.date), XSD.date)
    status = grades.status_concept(a.rag)
    b.add(node, IKG.status, iri(status.iri))
    b.add(node, IKG.statusLabel, status.label)
    b.add(node, IKG.note, a.progress)
    b.add(node, IKG.line, a.progress_line or a.line, XSD.integer)
    if a.progress_status:
        extra = grades.status_concept(a.progress_status)
        b.add(node, IKG.progressStatus, iri(extra.iri))
    b.add(node, IKG.report, b.iri)
    b.count("progress_updates")


def summary_sections(b: GraphBuilder, items: Sequence[SummarySection]) -> None:
    for s in items:
        node = b.part("summary", s.number)
        b.add(node, RDF.type, IKG.SummarySection)
        b.add(node, RDF.type, IKG.Section)
        b.add(node, DCTERMS.title, s.title)
        b.add(node, IKG.text, s.text)
        b.add(node, DCTERMS.isPartOf, b.iri)
        for number in s.recommendations:
            for cited in _numbered(b, number):
                b.add(node, IKG.cites, b.part("recommendation", cited))
        provenance(b, node, s.title, s.line, page_number=s.page)
        b.count("summary_sections")


def _numbered(b: GraphBuilder, number: str) -> list[str]:
    """The plan's recommendations a "(Recommendation 1)" cites: 1 itself, or 1.1 and 1.2 where
    the plan numbers them so and has no 1."""
    known = b.recommendation_numbers
    if number in known or "." in number:
        return [number]
    parts = sorted((n for n in known if n.split(".")[0] == number),
                   key=lambda n: [int(x) for x in n.split(".") if x.isdigit()])
    return parts or [number]


def background_papers(b: GraphBuilder, items: Sequence[BackgroundPaper]) -> None:
    for i, paper in enumerate(items, start=1):
        node = b.part("background-paper", i)
        b.add(node, RDF.type, IKG.BackgroundPaper)
        b.add(node, RDF.type, DCTERMS.BibliographicResource)
        b.add(node, DCTERMS.title, paper.title)
        b.add(node, IKG.referredDate, paper.date)
        b.add(b.iri, DCTERMS.references, node)
        provenance(b, node, paper.text, paper.line, page_number=paper.page)
        b.count("background_papers")
