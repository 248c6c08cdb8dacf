"""What the linker works on: items read back from the store, and the links it makes.

Links are computed from the graph (never from report text): each item carries the services it
was classified to, its report's date, its words and, for judgements, its normalised grade.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from ...ontology.namespaces import IKG
from ...queries import internal
from ..iris import Minter, short_hash
from ..store import Store

IKG_NS = str(IKG)

# Item kinds by class, most specific class first (a Strength is also a Judgement).
KIND_OF_CLASS = {
    IKG_NS + "PlanRecommendation": "plan_recommendation",
    IKG_NS + "Recommendation": "recommendation",
    IKG_NS + "Strength": "strength",
    IKG_NS + "AreaForImprovement": "area_for_improvement",
    IKG_NS + "Weakness": "weakness",
    IKG_NS + "FocusAspect": "focus",
    IKG_NS + "GradeAward": "grade",
    IKG_NS + "Judgement": "judgement",
    IKG_NS + "Action": "action",
    IKG_NS + "Reference": "reference",
}
_PRECEDENCE = list(KIND_OF_CLASS)


@dataclass
class Item:
    """One linkable thing of one report."""

    iri: str
    kind: str
    authority: str
    report: str
    report_kind: str
    date: str
    text: str
    services: set[str] = field(default_factory=set)
    primary: str | None = None
    rank: float | None = None

    @property
    def is_source(self) -> bool:
        """Items whose later fate is traced: recommendations of any report."""
        return self.kind in ("recommendation", "plan_recommendation")


@dataclass(frozen=True, order=True)
class Link:
    """A link from an earlier item to a later one, with how and how surely it was made."""

    source: str
    target: str
    method: str
    score: float
    evidence_from: str
    evidence_to: str
    authority: str
    explicit: bool

    def triples(self, minter: Minter) -> Graph:
        g = Graph()
        node = minter.iri(f"link/{short_hash(self.source, self.target, length=16)}")
        src, dst = URIRef(self.source), URIRef(self.target)
        g.add((node, RDF.type, IKG.Link))
        g.add((node, RDF.type, IKG.ExplicitLink if self.explicit else IKG.InferredLink))
        g.add((node, IKG["from"], src))
        g.add((node, IKG.to, dst))
        g.add((node, IKG.method, Literal(self.method)))
        g.add((node, IKG.score, Literal(f"{self.score:.3f}", datatype=XSD.decimal)))
        g.add((node, IKG.evidenceFrom, Literal(self.evidence_from)))
        g.add((node, IKG.evidenceTo, Literal(self.evidence_to)))
        g.add((node, IKG.authority, URIRef(self.authority)))
        g.add((src, IKG.linkedTo, dst))
        return g


def read_items(store: Store) -> list[Item]:
    """Every linkable item in the store, sorted by IRI so that linking is reproducible."""
    _, rows = store.select(internal("link-items"))
    items: dict[str, Item] = {}
    classes: dict[str, set[str]] = {}
    for r in rows:
        iri = r["item"].value
        classes.setdefault(iri, set()).add(r["class"].value)
        item = items.get(iri)
        if item is None:
            text = " ".join(
                v.value for v in (r["aim"], r["text"] or r["quote"]) if v is not None
            )
            item = Item(
                iri=iri, kind="", authority=r["authority"].value, report=r["report"].value,
                report_kind=r["kind"].value, date=r["date"].value, text=text,
                rank=float(r["rank"].value) if r["rank"] is not None else None,
            )
            items[iri] = item
        if r["service"] is not None:
            item.services.add(r["service"].value)
        if r["primary"] is not None:
            item.primary = r["primary"].value
    for iri, item in items.items():
        item.kind = KIND_OF_CLASS[min(classes[iri], key=_PRECEDENCE.index)]
    return [items[k] for k in sorted(items)]


def links_graph(links: Iterable[Link], minter: Minter) -> Graph:
    g = Graph()
    for link in links:
        g += link.triples(minter)
    return g


GRAPH_EXPLICIT = "links/explicit"
GRAPH_INFERRED = "links/inferred"
