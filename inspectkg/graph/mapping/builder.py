"""One report's named graph being built: the triples, the report's IRIs and counts.

Every record mapper writes through this object (`add` skips empty values the same way for all),
so a mapper for a new record type needs no RDF plumbing of its own.
"""

from __future__ import annotations

import pyoxigraph as ox

from ..authorities import Authority
from ..iris import Minter, slug
from .terms import FOAF, IKG, ORG, PROV, RDF, Object, iri, literal


class GraphBuilder:
    """The triples of one report, its IRIs, and what the build reports about it."""

    def __init__(
        self, minter: Minter, report_iri: str, authority: Authority | None,
        scheme: str = "lea", date: str | None = None, source_name: str | None = None,
    ) -> None:
        self.m = minter
        self.scheme = scheme  # the grade scale of the report's judgements ("lea", "apa")
        self.date = date  # the report's date as given (a year, a month or a day)
        self.source_name = source_name  # the file's name, for links into a PDF (file#page=N)
        self.iri_str = report_iri
        self.iri = iri(report_iri)
        self.authority = authority
        self.auth_slug = authority.slug if authority else "unknown-authority"
        self.auth = iri(minter.authority(self.auth_slug)) if authority else None
        self.triples: set[ox.Triple] = set()
        self.counts: dict[str, int] = {}
        self.paragraph_iris: dict[int, ox.NamedNode] = {}
        # a number printed twice (a part that numbers its paragraphs afresh): (line, IRI) each
        self.paragraph_places: dict[int, list[tuple[int, ox.NamedNode]]] = {}
        self.recommendation_numbers: set[str] = set()  # as mapped, for citations by number

    def add(
        self, s: ox.NamedNode, p: ox.NamedNode, o: object, datatype: ox.NamedNode | None = None
    ) -> None:
        """One triple; None, "" and [] add nothing (a record's missing field)."""
        if o is None or o == "" or o == []:
            return
        obj: Object = o if isinstance(o, (ox.NamedNode, ox.Literal)) else literal(o, datatype)
        self.triples.add(ox.Triple(s, p, obj))

    def paragraph_node(self, number: int | None, line: int | None = None) -> ox.NamedNode | None:
        """The paragraph of that number at or before the line (numbers may be printed twice)."""
        if number is None:
            return None
        places = self.paragraph_places.get(number, [])
        before = [node for at, node in places if line is None or at <= line]
        return before[-1] if before else self.paragraph_iris.get(number)

    def count(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1

    def part(self, *path: object) -> ox.NamedNode:
        """An IRI inside the report: ``<report>/recommendation/7``."""
        return iri(self.m.part(self.iri_str, *path))

    def sub(self, node: ox.NamedNode, *path: object) -> ox.NamedNode:
        """An IRI inside another node: ``<node>/source``."""
        return iri(node.value + "/" + "/".join(str(p) for p in path))

    def person(self, name: str | None, role: str, post: str | None = None,
               organisation: str | None = None) -> ox.NamedNode | None:
        """A person the report names, with the post they hold (a shared node)."""
        if not name:
            return None
        node = self.part("person", slug(name))
        self.add(node, RDF.type, FOAF.Person)
        self.add(node, RDF.type, PROV.Agent)
        self.add(node, FOAF.name, name)
        self.add(node, IKG.role, role)
        if post:
            self.add(node, ORG.holds, self.post(post, organisation))
            self.add(node, IKG.postTitle, post)
        if organisation:
            self.add(node, ORG.memberOf, iri(self.m.organisation(organisation)))
            self.add(node, IKG.organisationName, organisation)
        return node

    def post(self, title: str, organisation: str | None = None) -> ox.NamedNode:
        """A post of the report's authority (or of a named organisation).

        Posts, like authorities and organisations, are shared by reports: their own triples are
        in the shared graphs (``graph.shared``), built from the titles the reports give.
        """
        if organisation or self.auth is None:
            owner = self.m.organisation(organisation or "unknown organisation")
            return iri(f"{owner}/post/{slug(title)}")
        return iri(self.m.post(self.auth_slug, title))
