"""The shared graphs: authorities, posts and organisations that several reports point to.

Each report's graph says which authority it is about and the name it uses, which posts lead its
actions, which organisations publish or employ; the nodes themselves are described once, in
shared graphs rebuilt from those pointers and the register: one graph per authority (the
authority and its posts, ``graph/shared/<slug>``), so adding a report rewrites only its
authority's, and one for organisations (``graph/organisations``). A triple that many reports
would repeat is stated once, so queries over the union of graphs see it once.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from ..queries import internal
from .authorities import Register
from .iris import Minter, last_segment
from .mapping import register_entry_iri
from .mapping.terms import DCTERMS, IKG, ORG, RDF, SKOS, STATGEO, XSD, iri, literal
from .store import Store

ORGANISATIONS_GRAPH = "organisations"


def authority_graph_name(minter: Minter, authority: str) -> str:
    """``<base>graph/shared/<slug>``: the shared graph of one authority."""
    return minter.graph(f"shared/{last_segment(authority)}")


def authority_triples(store: Store, register: Register, authority: str) -> set[ox.Triple]:
    """The authority's node (names, codes, area, register entries) and its posts."""
    _, rows = store.select(internal("shared-authority"), {"authority": ox.NamedNode(authority)})
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    dates: set[str] = set()
    for r in rows:
        names[(r["kind"].value, r["node"].value)].add(r["name"].value)
        if r["kind"].value == "authority" and r["date"] is not None:
            dates.add(r["date"].value)
    out: set[ox.Triple] = set()
    for (kind, node), used in sorted(names.items()):
        if kind == "authority":
            _authority(out, node, sorted(used), sorted(dates), register)
        else:
            _post(out, node, sorted(used), authority)
    return out


def organisation_triples(store: Store, minter: Minter) -> set[ox.Triple]:
    """Every organisation reports name, and the posts people hold in them."""
    _, rows = store.select(internal("shared-organisations"))
    authorities = minter.iri("authority/")
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in rows:
        node = r["node"].value
        if r["kind"].value == "post" and node.startswith(authorities):
            continue  # an authority's post: in the authority's graph
        names[(r["kind"].value, node)].add(r["name"].value)
    out: set[ox.Triple] = set()
    for (kind, node), used in sorted(names.items()):
        if kind == "organisation":
            _labelled(out, node, ORG.Organization, sorted(used))
        else:
            _post(out, node, sorted(used), None)
    return out


def _add(out: set[ox.Triple], s: str | ox.NamedNode, p: ox.NamedNode,
         o: ox.NamedNode | ox.Literal) -> None:
    out.add(ox.Triple(iri(s) if isinstance(s, str) else s, p, o))


def _authority(out: set[ox.Triple], node: str, used: list[str], dates: list[str],
               register: Register) -> None:
    resolved = [register.resolve(name, date) for name in used for date in dates]
    resolved = [a for a in resolved if a is not None]
    _add(out, node, RDF.type, IKG.LocalAuthority)
    _add(out, node, RDF.type, ORG.FormalOrganization)
    in_register = any(a.in_register for a in resolved)
    _add(out, node, IKG.inRegister, literal(in_register))
    rows = register.rows_for_slug(last_segment(node)) if in_register else []
    pref = max((a for a in resolved if a.in_register), key=lambda a: a.row.valid_from or "",
               default=None) if in_register else None
    name = pref.name if pref else (resolved[0].name if resolved else used[0])
    _add(out, node, SKOS.prefLabel, literal(name))
    alts = set(used) | {n for row in rows for n in (row.name, *row.alt_names)}
    for alt in sorted(alts - {name}):
        _add(out, node, SKOS.altLabel, literal(alt))
    for row in rows:
        entry = register_entry_iri(node, row)
        _add(out, node, IKG.registerEntry, entry)
        _add(out, entry, RDF.type, IKG.RegisterEntry)
        _add(out, entry, IKG.laNumber, literal(row.la_number))
        if row.gss_code:
            _add(out, entry, IKG.gssCode, literal(row.gss_code))
        if row.valid_from:
            _add(out, entry, IKG.validFrom, literal(row.valid_from, XSD.date))
        if row.valid_to:
            _add(out, entry, IKG.validTo, literal(row.valid_to, XSD.date))
    for a in resolved:
        if a.row is not None:
            _add(out, node, IKG.laNumber, literal(a.row.la_number))
            if a.row.gss_code:
                _add(out, node, IKG.gssCode, literal(a.row.gss_code))
                _add(out, node, DCTERMS.spatial, STATGEO[a.row.gss_code])


def _labelled(out: set[ox.Triple], node: str, cls: ox.NamedNode, names: list[str]) -> None:
    _add(out, node, RDF.type, cls)
    _add(out, node, SKOS.prefLabel, literal(names[0]))
    for alt in names[1:]:
        _add(out, node, SKOS.altLabel, literal(alt))


def _post(out: set[ox.Triple], node: str, titles: list[str], owner: str | None) -> None:
    _labelled(out, node, ORG.Post, titles)
    # A post's IRI is <owner>/post/<slug>: the owner is the authority or organisation.
    _add(out, node, ORG.postIn, iri(owner or node.rsplit("/post/", 1)[0]))
