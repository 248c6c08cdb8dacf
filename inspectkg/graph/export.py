"""Export the store as RDF files: Turtle, N-Triples, N-Quads, TriG and JSON-LD.

Turtle and TriG are written by pyoxigraph, which keeps every literal's lexical form as the
store holds it (its canonical form: ``"2"^^xsd:decimal``; rdflib's Turtle writer would print
``2.0``, the same value but another term). N-Triples, N-Quads and JSON-LD go through rdflib, an
implementation independent of the store's own, so reading them back checks one against the
other. N-Quads, TriG and JSON-LD keep the named graphs; Turtle and N-Triples hold their union.

The format of a file is told by its extension (``kg.trig`` is TriG); a ``--format`` that says
otherwise is refused rather than writing one format under another's name.
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
# Every extension a file of each export format may have.
FORMAT_OF_EXTENSION = {
    ".ttl": "ttl", ".turtle": "ttl", ".nt": "nt", ".ntriples": "nt", ".nq": "nq",
    ".nquads": "nq", ".trig": "trig", ".jsonld": "jsonld", ".json": "jsonld",
    ".graphml": "graphml", ".gexf": "gexf",
}
_OXIGRAPH = {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG}


def choose_format(fmt: str | None, out: str | Path | None) -> str:
    """The export format: from ``--out``'s extension, checked against ``--format`` if both are
    given; Turtle when neither says."""
    if out is None:
        return fmt or "ttl"
    ext = Path(out).suffix.lower()
    by_ext = FORMAT_OF_EXTENSION.get(ext)
    if fmt is None:
        if by_ext is None:
            known = ", ".join(sorted(FORMAT_OF_EXTENSION))
            raise InspectKGError(
                f"{out}: cannot tell the format from {ext or 'a name without extension'!r}; "
                f"give --format, or end the file name with one of {known}"
            )
        return by_ext
    if by_ext is not None and by_ext != fmt:
        raise InspectKGError(
            f"{out}: the extension {ext} means {by_ext}, but --format is {fmt}; "
            "give a matching name or format"
        )
    return fmt


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
    if fmt in _OXIGRAPH:
        return _oxigraph_text(store, _OXIGRAPH[fmt], keeps_graphs)
    data = to_dataset(store) if keeps_graphs else union_graph(store)
    return data.serialize(format=rdflib_format)


def _oxigraph_text(store: Store, fmt: ox.RdfFormat, keeps_graphs: bool) -> str:
    """Turtle or TriG as pyoxigraph writes them: lexical forms as stored, subjects grouped
    (statements sorted, so the same store gives the same text)."""
    if keeps_graphs:
        items: list[ox.Quad] | list[ox.Triple] = sorted(
            store.quads(), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate),
                                          str(q.object)))
    else:
        triples = {q.triple for q in store.quads()}
        items = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return ox.serialize(items, format=fmt, prefixes=dict(PREFIXES)).decode("utf-8")


def write(text: str, out: str | Path | None) -> bool:
    """Write to a file (creating folders; never inside a store) or to stdout when no file is
    given; True if an existing file was replaced."""
    if out is None:
        import sys

        sys.stdout.write(text)
        return False
    from .output import write_text

    return write_text(out, text)
