"""The shared graph: authorities, posts and organisations that several reports point to.

Each report's graph says which authority it is about and the name it uses, which posts lead
its actions, which organisations publish or employ; the nodes themselves are described once, in
one named graph rebuilt after every build from those pointers and the register. A triple that
many reports would repeat is stated once, so queries over the union of graphs see it once.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from ..ontology.namespaces import IKG, ORG, STATGEO
from ..queries import internal
from .authorities import Register
from .iris import Minter, last_segment
from .mapping import register_entry_iri
from .store import Store, write_graph

SHARED_GRAPH = "shared"


def shared_graph(store: Store, register: Register) -> Graph:
    """Triples of every authority, post and organisation the loaded reports point to."""
    _, rows = store.select(internal("shared-nodes"))
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    dates: dict[str, set[str]] = defaultdict(set)
    owners: dict[str, str] = {}
    for r in rows:
        key = (r["kind"].value, r["node"].value)
        names[key].add(r["name"].value)
        if r["date"] is not None:
            dates[r["node"].value].add(r["date"].value)
        if r["owner"] is not None:
            owners[r["node"].value] = r["owner"].value
    g = Graph()
    for (kind, node), used in sorted(names.items()):
        if kind == "authority":
            _authority(g, URIRef(node), sorted(used), sorted(dates[node]), register)
        elif kind == "organisation":
            _labelled(g, URIRef(node), ORG.Organization, sorted(used))
        else:
            _post(g, URIRef(node), sorted(used), owners.get(node))
    return g


def _authority(g: Graph, node: URIRef, used: list[str], dates: list[str],
               register: Register) -> None:
    resolved = [register.resolve(name, date) for name in used for date in dates]
    resolved = [a for a in resolved if a is not None]
    g.add((node, RDF.type, IKG.LocalAuthority))
    g.add((node, RDF.type, ORG.FormalOrganization))
    in_register = any(a.in_register for a in resolved)
    g.add((node, IKG.inRegister, Literal(in_register)))
    rows = register.rows_for_slug(last_segment(node)) if in_register else []
    pref = max((a for a in resolved if a.in_register), key=lambda a: a.row.valid_from or "",
               default=None) if in_register else None
    name = pref.name if pref else (resolved[0].name if resolved else used[0])
    g.add((node, SKOS.prefLabel, Literal(name)))
    alts = set(used) | {n for row in rows for n in (row.name, *row.alt_names)}
    for alt in sorted(alts - {name}):
        g.add((node, SKOS.altLabel, Literal(alt)))
    for row in rows:
        entry = register_entry_iri(node, row)
        g.add((node, IKG.registerEntry, entry))
        g.add((entry, RDF.type, IKG.RegisterEntry))
        g.add((entry, IKG.laNumber, Literal(row.la_number)))
        if row.gss_code:
            g.add((entry, IKG.gssCode, Literal(row.gss_code)))
        if row.valid_from:
            g.add((entry, IKG.validFrom, Literal(row.valid_from, datatype=XSD.date)))
        if row.valid_to:
            g.add((entry, IKG.validTo, Literal(row.valid_to, datatype=XSD.date)))
    for a in resolved:
        if a.row is not None:
            g.add((node, IKG.laNumber, Literal(a.row.la_number)))
            if a.row.gss_code:
                g.add((node, IKG.gssCode, Literal(a.row.gss_code)))
                g.add((node, DCTERMS.spatial, STATGEO[a.row.gss_code]))


def _labelled(g: Graph, node: URIRef, cls: URIRef, names: list[str]) -> None:
    g.add((node, RDF.type, cls))
    g.add((node, SKOS.prefLabel, Literal(names[0])))
    for alt in names[1:]:
        g.add((node, SKOS.altLabel, Literal(alt)))


def _post(g: Graph, node: URIRef, titles: list[str], owner: str | None) -> None:
    _labelled(g, node, ORG.Post, titles)
    # A post's IRI is <owner>/post/<slug>: the owner is the authority or organisation.
    g.add((node, ORG.postIn, URIRef(owner or str(node).rsplit("/post/", 1)[0])))


def rebuild_shared(store: Store, register: Register, minter: Minter) -> int:
    """Replace the shared graph; the number of its triples."""
    g = shared_graph(store, register)
    write_graph(store, str(minter.graph(SHARED_GRAPH)), g)
    return len(g)
