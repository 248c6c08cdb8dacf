"""Export the store as RDF files: Turtle, N-Triples, N-Quads, TriG and JSON-LD.

Serialisation goes through rdflib, an implementation independent of the store's own
(pyoxigraph), so reading an export back with pyoxigraph checks one against the other.
N-Quads, TriG and JSON-LD keep the named graphs; Turtle and N-Triples hold their union.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import InspectKGError
from ..ontology.namespaces import PREFIXES
from .store import Store

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_FORMATS = {
    "ttl": ("turtle", False),
    "nt": ("nt", False),
    "nq": ("nquads", True),
    "trig": ("trig", True),
    "jsonld": ("json-ld", True),
}
EXTENSIONS = {"ttl": ".ttl", "nt": ".nt", "nq": ".nq", "trig": ".trig", "jsonld": ".jsonld"}


def _node(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise InspectKGError(f"cannot export RDF term {term!r}")


def to_dataset(store: Store) -> Dataset:
    """The store's quads as an rdflib Dataset (named graphs kept)."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    for q in store.quads():
        if isinstance(q.graph_name, ox.DefaultGraph):
            ds.default_graph.add((_node(q.subject), _node(q.predicate), _node(q.object)))
        else:
            ds.graph(URIRef(q.graph_name.value)).add(
                (_node(q.subject), _node(q.predicate), _node(q.object))
            )
    return ds


def union_graph(store: Store) -> Graph:
    """All triples of all graphs, for formats that have no named graphs."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for q in store.quads():
        g.add((_node(q.subject), _node(q.predicate), _node(q.object)))
    return g


def export_rdf(store: Store, fmt: str) -> str:
    """The whole store serialised in one of ``RDF_FORMATS``."""
    if fmt not in RDF_FORMATS:
        raise InspectKGError(f"unknown RDF format {fmt!r} (use {', '.join(RDF_FORMATS)})")
    rdflib_format, keeps_graphs = RDF_FORMATS[fmt]
    data = to_dataset(store) if keeps_graphs else union_graph(store)
    return data.serialize(format=rdflib_format)


def write(text: str, out: str | Path | None) -> None:
    """Write to a file (creating folders) or to stdout when no file is given."""
    if out is None:
        import sys

        sys.stdout.write(text)
        return
    path = Path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InspectKGError(f"{path}: cannot write ({exc.strerror or exc})") from None
