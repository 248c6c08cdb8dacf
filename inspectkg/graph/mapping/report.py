"""The report node: what every report has, and what each kind of report adds to it."""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox

from ...loaders.records import (
    ActionPlanProgress,
    ApaLetter,
    ChildrensServicesReport,
    LeaInspection,
    Person,
    Report,
)
from ..authorities import Authority, RegisterRow
from .actions import background_papers
from .builder import GraphBuilder
from .dates import issued, sort_date
from .judgements import area_grades, grade_awards, reference
from .terms import DCTERMS, IKG, PROV, RDF, RDFS, XSD, iri

# The class of each kind of report (every report is also an ikg:Report and a prov:Entity).
REPORT_CLASSES: dict[str, ox.NamedNode] = {
    "childrens_services_inspection": IKG.ChildrensServicesInspection,
    "childrens_services_visit": IKG.ChildrensServicesVisit,
    "joint_targeted_area_inspection": IKG.JointTargetedAreaInspection,
    "lea_inspection": IKG.LeaInspectionReport,
    "apa_letter": IKG.ApaLetter,
    "action_plan_progress": IKG.ActionPlanProgressReport,
}
REPORT_LABELS: dict[str, str] = {
    "childrens_services_inspection": "children's services inspection",
    "childrens_services_visit": "children's services visit",
    "joint_targeted_area_inspection": "joint targeted area inspection",
    "lea_inspection": "LEA inspection",
    "apa_letter": "APA letter",
    "action_plan_progress": "action plan progress report",
}


def report_node(b: GraphBuilder, r: Report, source_name: str | None, sha256: str | None) -> None:
    """Triples of the report itself, with the authority it is about."""
    b.add(b.iri, RDF.type, REPORT_CLASSES.get(r.kind, IKG.Report))
    b.add(b.iri, RDF.type, IKG.Report)
    b.add(b.iri, RDF.type, PROV.Entity)
    b.add(b.iri, IKG.kind, r.kind)
    b.add(b.iri, DCTERMS.title, r.title)
    b.add(b.iri, RDFS.label, report_label(r, b.authority))
    # a children's services report is issued only where it prints a publication date; its
    # date for ordering is still the inspection's
    when = issued(r.published if isinstance(r, ChildrensServicesReport) else r.date)
    if when is not None:
        b.add(b.iri, DCTERMS.issued, when)
    if r.date:
        b.add(b.iri, IKG.date, sort_date(r.date), XSD.date)
    if r.publisher:
        b.add(b.iri, DCTERMS.publisher, iri(b.m.organisation(r.publisher)))
        b.add(b.iri, IKG.publisherName, r.publisher)
    b.add(b.iri, IKG.sourceFile, source_name or r.source)
    b.add(b.iri, IKG.sha256, sha256)
    authority_pointers(b)


def authority_pointers(b: GraphBuilder) -> None:
    """The authority a report is about and the name it uses.

    The authority's own triples (names, codes, area) are shared by every report about it: they
    live in its shared graph, built from the register and the names reports use.
    """
    if b.auth is None or b.authority is None:
        return
    b.add(b.iri, IKG.authority, b.auth)
    b.add(b.iri, DCTERMS.subject, b.auth)
    b.add(b.iri, IKG.authorityName, b.authority.name_used)
    row = b.authority.row
    if row is not None:
        b.add(b.iri, IKG.registerEntryAtIssue, register_entry_iri(b.auth.value, row))


def person(b: GraphBuilder, p: Person | None, role: str) -> ox.NamedNode | None:
    if p is None:
        return None
    return b.person(p.name, role, p.post, p.organisation)


def lea_inspection(b: GraphBuilder, r: LeaInspection) -> None:
    b.add(b.iri, IKG.framework, r.framework)
    lead = b.person(r.lead_inspector, "lead inspector")
    b.add(b.iri, IKG.leadInspector, lead)
    b.add(b.iri, PROV.wasAttributedTo, lead)
    if r.previous_inspection:
        node = reference(b, r.previous_inspection, "previous")
        b.add(b.iri, IKG.previousInspectionReference, node)


def apa_letter(b: GraphBuilder, r: ApaLetter) -> None:
    b.add(b.iri, IKG.assessmentYear, r.assessment_year, XSD.gYear)
    b.add(b.iri, IKG.addressee, person(b, r.addressee, "addressee"))
    for p in r.signatories:
        b.add(b.iri, PROV.wasAttributedTo, person(b, p, "signatory"))
    grade_awards(b, r.grades)


def action_plan_progress(b: GraphBuilder, r: ActionPlanProgress) -> None:
    b.add(b.iri, IKG.committee, r.committee)
    b.add(b.iri, DCTERMS.creator, person(b, r.author, "report author"))
    b.add(b.iri, IKG.leadOfficer, person(b, r.lead_officer, "lead officer"))
    background_papers(b, r.background_papers)


def childrens_services(b: GraphBuilder, r: ChildrensServicesReport) -> None:
    b.add(b.iri, IKG.framework, r.framework)
    b.add(b.iri, IKG.inspectionStart, r.inspection_start, XSD.date)
    b.add(b.iri, IKG.inspectionEnd, r.inspection_end, XSD.date)
    lead = b.person(r.lead_inspector, "lead inspector")
    b.add(b.iri, IKG.leadInspector, lead)
    b.add(b.iri, PROV.wasAttributedTo, lead)
    area_grades(b, r.grades)


# What a kind of report says about itself beyond what every report has, by record type.
KIND_FIELDS: dict[type, Callable[[GraphBuilder, Report], None]] = {
    LeaInspection: lea_inspection,
    ApaLetter: apa_letter,
    ActionPlanProgress: action_plan_progress,
    ChildrensServicesReport: childrens_services,
}


def register_entry_iri(authority: str, row: RegisterRow) -> ox.NamedNode:
    """The node of one code period of an authority."""
    return iri(f"{authority}/register/{row.la_number}-{row.gss_code or 'none'}")


FRAMEWORK_LABELS = {
    "lac-2012": "looked after children inspection",
    "safeguarding-and-lac-2012": "safeguarding and looked after children inspection",
    "sif": "SIF inspection",
    "sif-reinspection": "SIF re-inspection",
    "lscb-review": "LSCB review",
    "ilacs-standard": "ILACS inspection",
    "ilacs-short": "ILACS short inspection",
    "focused-visit": "focused visit",
    "monitoring-visit": "monitoring visit",
    "jtai": "joint targeted area inspection",
}


def report_key(r: Report) -> tuple[str, str | None]:
    """The kind and date a report's IRI is minted from: a children's services report by its
    framework and the inspection's last day (many print no publication date)."""
    if isinstance(r, ChildrensServicesReport):
        return r.framework or r.kind, r.inspection_end or r.date
    return r.kind, r.date


def report_label(r: Report, authority: Authority | None) -> str:
    who = authority.name if authority else (r.authority or "unknown authority")
    if isinstance(r, ChildrensServicesReport) and r.framework in FRAMEWORK_LABELS:
        when = (r.inspection_end or r.date or "")[:7]
        return f"{who} {FRAMEWORK_LABELS[r.framework]} {when}".strip()
    return f"{who} {REPORT_LABELS.get(r.kind, r.kind)} {r.date or ''}".strip()
