"""What the linker works on: items read back from the store, and the links it makes.

Links are computed from the graph (never from report text): each item carries the services it
was classified to, its report's date, its words and, for judgements, its normalised grade.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from ...ontology.namespaces import PREFIXES
from ...queries import internal
from ..iris import Minter, short_hash
from ..mapping.terms import IKG, RDF, XSD, iri, literal
from ..store import Store

IKG_NS = PREFIXES["ikg"]

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
    IKG_NS + "Paragraph": "paragraph",
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
    area: str | None = None  # the judgement area a paragraph's section reports on
    own_text: str = ""  # its words without the aim it shares with its neighbours
    number: str | None = None  # a paragraph's printed number

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
    matched: tuple[str, ...] = ()  # the recommendation's words and phrases the later text has
    verdict: str | None = None  # improved / partly / not improved / worse, from its words

    def triples(self, minter: Minter) -> list[ox.Triple]:
        node = iri(minter.iri(f"link/{short_hash(self.source, self.target, length=16)}"))
        src, dst = iri(self.source), iri(self.target)
        extra = []
        if self.matched:
            extra.append(ox.Triple(node, IKG.matchedPhrases, literal(" | ".join(self.matched))))
        if self.verdict:
            extra.append(ox.Triple(node, IKG.verdict, literal(self.verdict)))
        return extra + [
            ox.Triple(node, RDF.type, IKG.Link),
            ox.Triple(node, RDF.type, IKG.ExplicitLink if self.explicit else IKG.InferredLink),
            ox.Triple(node, IKG["from"], src),
            ox.Triple(node, IKG.to, dst),
            ox.Triple(node, IKG.method, literal(self.method)),
            ox.Triple(node, IKG.score, literal(f"{self.score:.3f}", XSD.decimal)),
            ox.Triple(node, IKG.evidenceFrom, literal(self.evidence_from)),
            ox.Triple(node, IKG.evidenceTo, literal(self.evidence_to)),
            ox.Triple(node, IKG.authority, iri(self.authority)),
            ox.Triple(src, IKG.linkedTo, dst),
        ]


def read_items(store: Store, authority: str) -> list[Item]:
    """Every linkable item of one authority, sorted by IRI so that linking is reproducible."""
    of = {"authority": ox.NamedNode(authority)}
    rows = store.select(internal("link-items"), of)[1] + store.select(
        internal("link-paragraphs"), of)[1]
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
                area=r["area"].value if r["area"] is not None else None,
                own_text=(r["text"] or r["quote"]).value if (r["text"] or r["quote"]) else "",
                number=r["number"].value if r["number"] is not None else None,
            )
            items[iri] = item
        if r["service"] is not None:
            item.services.add(r["service"].value)
        if r["primary"] is not None:
            item.primary = r["primary"].value
    for iri, item in items.items():
        item.kind = KIND_OF_CLASS[min(classes[iri], key=_PRECEDENCE.index)]
    return [items[k] for k in sorted(items)]


def links_triples(links: Iterable[Link], minter: Minter) -> set[ox.Triple]:
    out: set[ox.Triple] = set()
    for link in links:
        out.update(link.triples(minter))
    return out


# Link graphs, one of each per authority: ``<base>graph/links/explicit/<authority slug>``.
GRAPH_EXPLICIT = "links/explicit"
GRAPH_INFERRED = "links/inferred"
