"""The mapping as it was before it produced pyoxigraph quads (rdflib graphs), kept only as the
reference that tests compare the new mapping with. Not used by inspectkg itself.

Records become triples: one named graph per report, every fact with its provenance.

The mapping knows RDF, not text. It works by record type, not by report kind: a new kind of
report whose loader produces the existing record types (recommendations, judgements, actions
...) is mapped without changes here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import PurePath

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, XSD

from inspectkg.graph import grades, services
from inspectkg.graph.authorities import Authority, Register, RegisterRow, default_register
from inspectkg.graph.iris import Minter as _Minter
from inspectkg.graph.iris import slug
from inspectkg.loaders.records import (
    Action,
    ActionPlanProgress,
    ApaLetter,
    AreaGrade,
    BackgroundPaper,
    ChildrensServicesReport,
    Grade,
    Judgement,
    LeaInspection,
    Location,
    Paragraph,
    Person,
    PlanRecommendation,
    Recommendation,
    Reference,
    Report,
    Statement,
    SummarySection,
)
from inspectkg.ontology.namespaces import IKG, OA, ORG, PREFIXES, SCHEMA


class Minter(_Minter):
    """The minter as it was: IRIs as rdflib URIRefs (the mapping below tells IRIs by type)."""

    def iri(self, path: str) -> URIRef:
        return URIRef(super().iri(path))

    def part(self, report: URIRef, *path: object) -> URIRef:
        return URIRef(super().part(report, *path))

REPORT_CLASSES = {
    "childrens_services_inspection": IKG.ChildrensServicesInspection,
    "childrens_services_visit": IKG.ChildrensServicesVisit,
    "joint_targeted_area_inspection": IKG.JointTargetedAreaInspection,
    "lea_inspection": IKG.LeaInspectionReport,
    "apa_letter": IKG.ApaLetter,
    "action_plan_progress": IKG.ActionPlanProgressReport,
}
GRADE_SCHEMES = {
    "lea_inspection": "lea",
    "apa_letter": "apa",
    "childrens_services_inspection": "cs",
    "childrens_services_visit": "cs",
    "joint_targeted_area_inspection": "cs",
}
STATEMENT_CLASSES = {
    "strength": IKG.Strength,
    "weakness": IKG.Weakness,
    "area_for_improvement": IKG.AreaForImprovement,
    "focus": IKG.FocusAspect,
}
RFC5147 = URIRef("http://tools.ietf.org/rfc/rfc5147")
RFC8118 = URIRef("http://tools.ietf.org/rfc/rfc8118")  # fragment identifiers of PDF: page=N


@dataclass
class MappedReport:
    """A report's triples with what the build needs to say about it."""

    iri: URIRef
    graph: Graph
    authority: Authority | None
    counts: dict[str, int] = field(default_factory=dict)


def new_graph(identifier: URIRef | None = None) -> Graph:
    g = Graph(identifier=identifier)
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def map_report(
    report: Report,
    *,
    minter: Minter | None = None,
    register: Register | None = None,
    source_name: str | None = None,
    sha256: str | None = None,
) -> MappedReport:
    """The named graph of one report, under the minter's base IRI."""
    return _Mapper(report, minter or Minter(), register or default_register()).run(
        source_name, sha256
    )


class _Mapper:
    def __init__(self, report: Report, minter: Minter, register: Register) -> None:
        self.r = report
        self.m = minter
        self.authority = register.resolve(report.authority, report.date)
        auth_slug = self.authority.slug if self.authority else "unknown-authority"
        self.auth_slug = auth_slug
        key_kind, key_date = report.kind, report.date
        if isinstance(report, ChildrensServicesReport):
            # keyed by framework and the inspection's own date (many print no publication date)
            key_kind = report.framework or report.kind
            key_date = report.inspection_end or report.date
        self.report_id = minter.report_id(auth_slug, key_kind, key_date)
        self.iri = minter.report(self.report_id)
        self.auth = minter.authority(auth_slug) if self.authority else None
        self.g = new_graph(self.iri)
        self.counts: dict[str, int] = {}
        self.paragraph_iris: dict[int, URIRef] = {}
        # a number printed twice (a part that numbers its paragraphs afresh): (line, IRI) each
        self.paragraph_places: dict[int, list[tuple[int, URIRef]]] = {}
        self.rec_numbers: set[str] = set()
        self.scheme = GRADE_SCHEMES.get(report.kind, "lea")
        self.source_name: str | None = None

    # ---- small helpers ---------------------------------------------------------------------
    def add(self, s: URIRef, p: URIRef, o: object, datatype: URIRef | None = None) -> None:
        if o is None or o == "" or o == []:
            return
        if isinstance(o, URIRef):
            self.g.add((s, p, o))
        else:
            self.g.add((s, p, Literal(o, datatype=datatype)))

    def count(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1

    def part(self, *path: object) -> URIRef:
        return self.m.part(self.iri, *path)

    def page(self, node: URIRef, page: int | None) -> None:
        """The PDF page a part was read from, and a link into the file at that page."""
        if page is None:
            return
        self.add(node, IKG.page, page, XSD.integer)
        if self.source_name:
            self.add(node, IKG.pageLink, f"{self.source_name}#page={page}")

    def provenance(
        self, node: URIRef, quote: str | None, line: int | None, paragraph: int | None = None,
        page: int | None = None,
    ) -> None:
        """Where a fact was read: report, paragraph, line (and PDF page) and verbatim quote (as
        OA selectors)."""
        self.add(node, IKG.report, self.iri)
        if self.auth is not None:
            self.add(node, IKG.authority, self.auth)
        self.add(node, IKG.quote, quote)
        self.add(node, IKG.line, line, XSD.integer)
        para = self.paragraph_node(paragraph, line)
        self.add(node, IKG.paragraph, para)
        self.add(node, IKG.paragraphNumber, paragraph, XSD.integer)
        source = URIRef(f"{node}/source")
        self.add(node, PROV.wasDerivedFrom, source)
        self.add(source, RDF.type, OA.SpecificResource)
        self.add(source, OA.hasSource, para or self.iri)
        if quote:
            sel = URIRef(f"{source}/quote")
            self.add(source, OA.hasSelector, sel)
            self.add(sel, RDF.type, OA.TextQuoteSelector)
            self.add(sel, OA.exact, quote)
        if line:
            sel = URIRef(f"{source}/line")
            self.add(source, OA.hasSelector, sel)
            self.add(sel, RDF.type, OA.FragmentSelector)
            self.add(sel, DCTERMS.conformsTo, RFC5147)
            self.add(sel, RDF.value, f"line={line - 1},{line}")
        if page is not None:
            self.page(node, page)
            sel = URIRef(f"{source}/page")
            self.add(source, OA.hasSelector, sel)
            self.add(sel, RDF.type, OA.FragmentSelector)
            self.add(sel, DCTERMS.conformsTo, RFC8118)
            self.add(sel, RDF.value, f"page={page}")

    def paragraph_node(self, number: int | None, line: int | None) -> URIRef | None:
        """The paragraph of that number at or before the line (numbers may be printed twice)."""
        if number is None:
            return None
        places = self.paragraph_places.get(number, [])
        before = [iri for at, iri in places if line is None or at <= line]
        return before[-1] if before else self.paragraph_iris.get(number)

    def classify(self, node: URIRef, record: object) -> None:
        """Service concepts of a record, each with how it was found (heading, aim, wording)."""
        for i, c in enumerate(services.classifications_for(record), start=1):
            concept = URIRef(services.concept_iri(c.concept))
            self.add(node, IKG.service, concept)
            cl = URIRef(f"{node}/classification/{i}")
            self.add(node, IKG.classification, cl)
            self.add(cl, RDF.type, IKG.Classification)
            self.add(cl, IKG.concept, concept)
            self.add(cl, IKG.method, c.method)
            self.add(cl, IKG.evidence, c.evidence)
        outcome = getattr(record, "outcome", None)
        if outcome:
            slug = services.outcome_for(outcome)
            if slug:
                self.add(node, IKG.outcome, URIRef(services.outcome_iri(slug)))

    def grade(self, node: URIRef, word: str | int | None, scheme: str | None = None) -> None:
        if word is None or word == "":
            return
        self.add(node, IKG.gradeLabel, str(word))
        concept = grades.grade_concept(word, scheme or self.scheme)
        if concept is not None:
            self.add(node, IKG.grade, URIRef(concept.iri))
            self.add(node, IKG.normalisedRank, concept.rank, XSD.decimal)

    def person(self, person: Person | None, role: str) -> URIRef | None:
        if person is None or not person.name:
            return None
        node = self.part("person", slug(person.name))
        self.add(node, RDF.type, FOAF.Person)
        self.add(node, RDF.type, PROV.Agent)
        self.add(node, FOAF.name, person.name)
        self.add(node, IKG.role, role)
        if person.post:
            self.add(node, ORG.holds, self.post(person.post, person.organisation))
            self.add(node, IKG.postTitle, person.post)
        if person.organisation:
            self.add(node, ORG.memberOf, self.m.organisation(person.organisation))
            self.add(node, IKG.organisationName, person.organisation)
        return node

    def post(self, title: str, organisation: str | None = None) -> URIRef:
        """The IRI of a post of the report's authority (or of a named organisation).

        Posts, like authorities and organisations, are shared by reports: their own triples are
        in the shared graph (``graph.shared``), built from the titles the reports give.
        """
        if organisation or self.auth is None:
            owner = self.m.organisation(organisation or "unknown organisation")
            return URIRef(f"{owner}/post/{slug(title)}")
        return self.m.post(self.auth_slug, title)

    # ---- the report --------------------------------------------------------------------------
    def run(self, source_name: str | None, sha256: str | None) -> MappedReport:
        r = self.r
        self.source_name = source_name or (PurePath(r.source).name if r.source else None)
        self.add(self.iri, RDF.type, REPORT_CLASSES.get(r.kind, IKG.Report))
        self.add(self.iri, RDF.type, IKG.Report)
        self.add(self.iri, RDF.type, PROV.Entity)
        self.add(self.iri, IKG.kind, r.kind)
        self.add(self.iri, DCTERMS.title, r.title)
        self.add(self.iri, RDFS.label, _report_label(r, self.authority))
        issued, sort_date = _issued(r.date)
        if isinstance(r, ChildrensServicesReport):
            issued = _issued(r.published)[0]  # issued only where the report prints it
        if issued is not None:
            self.g.add((self.iri, DCTERMS.issued, issued))
        if sort_date is not None:
            self.add(self.iri, IKG.date, sort_date, XSD.date)
        if r.publisher:
            self.add(self.iri, DCTERMS.publisher, self.m.organisation(r.publisher))
            self.add(self.iri, IKG.publisherName, r.publisher)
        self.add(self.iri, IKG.sourceFile, source_name or r.source)
        self.add(self.iri, IKG.sha256, sha256)
        self.authority_triples()
        self.paragraphs(getattr(r, "paragraphs", []))
        if isinstance(r, LeaInspection):
            self.add(self.iri, IKG.framework, r.framework)
            lead = self.person(Person(r.lead_inspector), "lead inspector")
            self.add(self.iri, IKG.leadInspector, lead)
            self.add(self.iri, PROV.wasAttributedTo, lead)
            if r.previous_inspection:
                node = self.reference(r.previous_inspection, "previous")
                self.add(self.iri, IKG.previousInspectionReference, node)
        if isinstance(r, ApaLetter):
            self.add(self.iri, IKG.assessmentYear, r.assessment_year, XSD.gYear)
            addressee = self.person(r.addressee, "addressee")
            self.add(self.iri, IKG.addressee, addressee)
            for person in r.signatories:
                self.add(self.iri, PROV.wasAttributedTo, self.person(person, "signatory"))
            for i, grade in enumerate(r.grades, start=1):
                self.grade_award(i, grade)
        if isinstance(r, ChildrensServicesReport):
            self.add(self.iri, IKG.framework, r.framework)
            self.add(self.iri, IKG.inspectionStart, r.inspection_start, XSD.date)
            self.add(self.iri, IKG.inspectionEnd, r.inspection_end, XSD.date)
            lead = self.person(Person(r.lead_inspector), "lead inspector")
            self.add(self.iri, IKG.leadInspector, lead)
            self.add(self.iri, PROV.wasAttributedTo, lead)
            for grade in r.grades:
                self.area_grade(grade)
        if isinstance(r, ActionPlanProgress):
            self.add(self.iri, IKG.committee, r.committee)
            author = self.person(r.author, "report author")
            self.add(self.iri, DCTERMS.creator, author)
            self.add(self.iri, IKG.leadOfficer, self.person(r.lead_officer, "lead officer"))
            for i, paper in enumerate(r.background_papers, start=1):
                self.background(i, paper)
        self.statements(r)
        for i, j in enumerate(getattr(r, "judgements", []), start=1):
            self.judgement(i, j)
        for rec in getattr(r, "recommendations", []):
            self.recommendation(rec)
        for i, ref in enumerate(getattr(r, "references", []), start=1):
            self.reference(ref, i)
        self.actions(getattr(r, "actions", []))
        for section in getattr(r, "summary", []):
            self.summary(section)
        return MappedReport(self.iri, self.g, self.authority, self.counts)

    def authority_triples(self) -> None:
        if self.auth is None or self.authority is None:
            return
        # The authority's own triples (names, codes, area) are shared by every report about
        # it: they live in the shared graph, built from the register and the names used here.
        self.add(self.iri, IKG.authority, self.auth)
        self.add(self.iri, DCTERMS.subject, self.auth)
        self.add(self.iri, IKG.authorityName, self.authority.name_used)
        row = self.authority.row
        if row is not None:
            self.add(self.iri, IKG.registerEntryAtIssue, register_entry_iri(self.auth, row))

    # ---- parts -------------------------------------------------------------------------------
    def paragraphs(self, paragraphs: list[Paragraph]) -> None:
        sections: dict[tuple[str | None, str | None], URIRef] = {}
        for p in paragraphs:
            if p.number is None:  # prose the report does not number: keyed by its order
                node = self.part("paragraph", p.key or f"line-{p.line}")
            else:
                seen = self.paragraph_places.setdefault(p.number, [])
                key = p.number if not seen else f"{p.number}-{len(seen) + 1}"
                node = self.part("paragraph", key)
                seen.append((p.line, node))
                self.paragraph_iris.setdefault(p.number, node)
            self.add(node, RDF.type, IKG.Paragraph)
            self.add(node, IKG.report, self.iri)
            self.add(node, IKG.number, p.number, XSD.integer)
            self.add(node, IKG.paragraphKey, p.key)
            self.add(node, IKG.judgementArea, p.area)
            self.add(node, IKG.text, p.text)
            self.add(node, IKG.line, p.line, XSD.integer)
            self.page(node, p.page)
            parent = self.section_node(sections, p.section, p.heading)
            self.add(node, DCTERMS.isPartOf, parent or self.iri)
            self.count("paragraphs")

    def section_node(
        self, sections: dict[tuple[str | None, str | None], URIRef], section: str | None,
        heading: str | None,
    ) -> URIRef | None:
        if not section and not heading:
            return None
        top_key = (section, None)
        if top_key not in sections:
            n = sum(1 for k in sections if k[1] is None) + 1
            node = self.part("section", n)
            sections[top_key] = node
            self.add(node, RDF.type, IKG.Section)
            self.add(node, DCTERMS.title, section or "")
            self.add(node, DCTERMS.isPartOf, self.iri)
        if heading is None:
            return sections[top_key]
        key = (section, heading)
        if key not in sections:
            parent = sections[top_key]
            n = sum(1 for k in sections if k[0] == section and k[1] is not None) + 1
            node = URIRef(f"{parent}/{n}")
            sections[key] = node
            self.add(node, RDF.type, IKG.Section)
            self.add(node, DCTERMS.title, heading)
            self.add(node, DCTERMS.isPartOf, parent)
        return sections[key]

    def statements(self, r: Report) -> None:
        groups = [
            ("strength", getattr(r, "strengths", [])),
            ("weakness", getattr(r, "weaknesses", [])),
            ("area_for_improvement", getattr(r, "areas_for_improvement", [])),
            ("focus", getattr(r, "future_focus", [])),
        ]
        for kind, items in groups:
            for i, s in enumerate(items, start=1):
                self.statement(kind, i, s)

    def statement(self, kind: str, i: int, s: Statement) -> None:
        node = self.part(kind.replace("_", "-"), i)
        self.add(node, RDF.type, STATEMENT_CLASSES[kind])
        self.add(node, RDF.type, IKG.Judgement)
        self.add(node, IKG.text, s.text)
        self.add(node, IKG.polarity, s.polarity)
        self.provenance(node, s.text, s.line, s.paragraph, s.page)
        self.classify(node, s)
        self.count(kind)

    def judgement(self, i: int, j: Judgement) -> None:
        node = self.part("judgement", i)
        self.add(node, RDF.type, IKG.Judgement)
        self.add(node, IKG.subject, j.subject)
        self.add(node, IKG.polarity, j.polarity)
        self.add(node, IKG.heading, j.heading)
        self.grade(node, j.grade)
        self.provenance(node, j.quote, j.line, j.paragraph, j.page)
        self.classify(node, j)
        self.count("judgements")

    def grade_award(self, i: int, grade: Grade) -> None:
        node = self.part("grade", i)
        self.add(node, RDF.type, IKG.GradeAward)
        self.add(node, RDF.type, IKG.Judgement)
        self.add(node, IKG.area, grade.area)
        self.grade(node, grade.grade, "apa")
        self.provenance(node, grade.area, grade.line, page=grade.page)
        self.classify(node, grade)
        self.count("grades")

    def area_grade(self, grade: AreaGrade) -> None:
        """A judgement of a children's services inspection, keyed by its judgement area."""
        node = self.part("grade", grade.key or slug(grade.area))
        self.add(node, RDF.type, IKG.GradeAward)
        self.add(node, RDF.type, IKG.Judgement)
        self.add(node, IKG.area, grade.area)
        self.add(node, IKG.judgementArea, grade.key)
        self.add(node, IKG.parentArea, grade.parent)
        self.grade(node, grade.grade, "cs")
        self.provenance(node, f"{grade.area}: {grade.grade}", grade.line, page=grade.page)
        self.count("grades")

    def recommendation(self, rec: Recommendation | PlanRecommendation) -> None:
        node = self.part("recommendation", rec.number)
        self.rec_numbers.add(str(rec.number))
        self.add(node, RDF.type, IKG.Recommendation)
        self.add(node, RDF.type, PROV.Entity)
        if isinstance(rec, PlanRecommendation):
            self.add(node, RDF.type, IKG.PlanRecommendation)
        self.add(node, IKG.number, str(rec.number))
        self.add(node, IKG.text, rec.text)
        self.add(node, IKG.issuedBy, self.iri)
        if isinstance(rec, Recommendation):
            self.add(node, IKG.priority, rec.number, XSD.integer)
            self.add(node, IKG.aim, rec.aim)
            self.add(node, IKG.heading, rec.heading)
            self.add(node, IKG.recommendationGroup, rec.group)
            self.add(node, IKG.printedNumber, rec.printed_number)
            for k, loc in enumerate(rec.locations, start=1):
                self.mention(node, k, loc)
        self.provenance(node, rec.text, rec.line, page=rec.page)
        self.classify(node, rec)
        self.count("recommendations")

    def mention(self, rec: URIRef, k: int, loc: Location) -> None:
        node = URIRef(f"{rec}/stated/{k}")
        self.add(rec, IKG.statedIn, node)
        self.add(node, RDF.type, IKG.Mention)
        self.add(node, IKG.where, loc.where)
        self.add(node, IKG.text, loc.text)
        self.add(node, IKG.aim, loc.aim)
        self.add(node, IKG.sectionTitle, loc.section)
        self.add(node, IKG.heading, loc.heading)
        self.add(node, IKG.afterParagraph, self.paragraph_iris.get(loc.after_paragraph or -1))
        self.add(node, IKG.line, loc.line, XSD.integer)
        self.page(node, loc.page)
        self.add(node, IKG.report, self.iri)

    def reference(self, ref: Reference, key: object) -> URIRef:
        node = self.part("reference", key)
        self.add(node, RDF.type, IKG.Reference)
        self.add(node, IKG.referenceKind, ref.kind)
        self.add(node, IKG.referredDate, ref.date)
        self.add(node, IKG.referenceContext, getattr(ref, "context", None))
        self.grade(node, ref.grade)
        self.provenance(node, ref.quote, ref.line, ref.paragraph, ref.page)
        self.classify(node, ref)
        self.count("references")
        return node

    def background(self, i: int, paper: BackgroundPaper) -> None:
        node = self.part("background-paper", i)
        self.add(node, RDF.type, IKG.BackgroundPaper)
        self.add(node, RDF.type, DCTERMS.BibliographicResource)
        self.add(node, DCTERMS.title, paper.title)
        self.add(node, IKG.referredDate, paper.date)
        self.add(self.iri, DCTERMS.references, node)
        self.provenance(node, paper.text, paper.line, page=paper.page)
        self.count("background_papers")

    def actions(self, actions: list[Action]) -> None:
        ordinal: dict[str, int] = {}
        for a in actions:
            ordinal[a.recommendation] = ordinal.get(a.recommendation, 0) + 1
            self.action(a, ordinal[a.recommendation])

    def action(self, a: Action, k: int) -> None:
        node = self.part("action", f"{a.recommendation}-{k}")
        self.add(node, RDF.type, IKG.Action)
        self.add(node, RDF.type, PROV.Activity)
        self.add(node, RDF.type, SCHEMA.Action)
        self.add(node, IKG.addresses, self.part("recommendation", a.recommendation))
        for number in a.see_also:
            if number not in self.rec_numbers and "." not in number:
                parts = sorted((n for n in self.rec_numbers if n.split(".")[0] == number),
                               key=lambda n: [int(x) for x in n.split(".") if x.isdigit()])
            else:
                parts = []
            for cited in parts or [number]:
                self.add(node, IKG.cites, self.part("recommendation", cited))
        self.add(node, IKG.recommendationNumber, a.recommendation)
        self.add(node, IKG.objective, a.objective)
        self.add(node, IKG.text, a.action)
        if a.lead:
            self.add(node, IKG.lead, self.post(a.lead))
            self.add(node, IKG.leadTitle, a.lead)
        self.add(node, IKG.timescale, a.timescale)
        self.add(node, IKG.timescaleStart, a.timescale_start, XSD.date)
        self.add(node, IKG.timescaleEnd, a.timescale_end, XSD.date)
        self.add(node, IKG.timescaleStatus, a.timescale_status)
        self.add(node, SCHEMA.startTime, a.timescale_start, XSD.date)
        self.add(node, SCHEMA.endTime, a.timescale_end, XSD.date)
        self.provenance(node, a.action or a.objective, a.line, page=a.page)
        self.classify(node, a)
        self.progress_update(node, a)
        self.count("actions")

    def progress_update(self, action: URIRef, a: Action) -> None:
        """The RAG rating as a dated status assertion of this report, never a property in place."""
        node = URIRef(f"{action}/update")
        self.add(action, IKG.progressUpdate, node)
        self.add(node, RDF.type, IKG.ProgressUpdate)
        self.add(node, IKG.updates, action)
        self.add(node, IKG.assertedIn, self.iri)
        _, sort_date = _issued(self.r.date)
        self.add(node, DCTERMS.date, sort_date, XSD.date)
        status = grades.status_concept(a.rag)
        self.add(node, IKG.status, URIRef(status.iri))
        self.add(node, IKG.statusLabel, status.label)
        self.add(node, IKG.note, a.progress)
        self.add(node, IKG.line, a.progress_line or a.line, XSD.integer)
        if a.progress_status:
            extra = grades.status_concept(a.progress_status)
            self.add(node, IKG.progressStatus, URIRef(extra.iri))
        self.add(node, IKG.report, self.iri)
        self.count("progress_updates")

    def summary(self, s: SummarySection) -> None:
        node = self.part("summary", s.number)
        self.add(node, RDF.type, IKG.SummarySection)
        self.add(node, RDF.type, IKG.Section)
        self.add(node, DCTERMS.title, s.title)
        self.add(node, IKG.text, s.text)
        self.add(node, DCTERMS.isPartOf, self.iri)
        for number in s.recommendations:
            if number not in self.rec_numbers and "." not in number:
                parts = sorted((n for n in self.rec_numbers if n.split(".")[0] == number),
                               key=lambda n: [int(x) for x in n.split(".") if x.isdigit()])
            else:
                parts = []
            for cited in parts or [number]:
                self.add(node, IKG.cites, self.part("recommendation", cited))
        self.provenance(node, s.title, s.line, page=s.page)
        self.count("summary_sections")


def register_entry_iri(authority: URIRef, row: RegisterRow) -> URIRef:
    """The node of one code period of an authority."""
    return URIRef(f"{authority}/register/{row.la_number}-{row.gss_code or 'none'}")


def _issued(date: str | None) -> tuple[Literal | None, str | None]:
    """dcterms:issued at the precision the report gives, and a full date for sorting."""
    if not date:
        return None, None
    parts = date.split("-")
    if len(parts) == 1:
        return Literal(date, datatype=XSD.gYear), f"{date}-01-01"
    if len(parts) == 2:
        return Literal(date, datatype=XSD.gYearMonth), f"{date}-01"
    Date.fromisoformat(date)
    return Literal(date, datatype=XSD.date), date


def _report_label(r: Report, authority: Authority | None) -> str:
    kinds = {
        "childrens_services_inspection": "children's services inspection",
        "childrens_services_visit": "children's services visit",
        "joint_targeted_area_inspection": "joint targeted area inspection",
        "lea_inspection": "LEA inspection",
        "apa_letter": "APA letter",
        "action_plan_progress": "action plan progress report",
    }
    who = authority.name if authority else (r.authority or "unknown authority")
    if isinstance(r, ChildrensServicesReport) and r.framework in FRAMEWORK_LABELS:
        when = (r.inspection_end or r.date or "")[:7]
        return f"{who} {FRAMEWORK_LABELS[r.framework]} {when}".strip()
    return f"{who} {kinds.get(r.kind, r.kind)} {r.date or ''}".strip()


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
