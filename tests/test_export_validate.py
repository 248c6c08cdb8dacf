"""Exports read back with an independent parser, and SHACL validity of the built graph."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from inspectkg.graph.export import export_rdf
from inspectkg.graph.validate import validate_graph, validate_store

FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_keeps_every_term_exactly_as_stored(built_store, fmt):
    # Parsed without a store (no canonicalisation): each term of the file is the stored term,
    # lexical form included ("2"^^xsd:decimal, never 2.0).
    parsed = ox.parse(export_rdf(built_store, fmt).encode("utf-8"), format=FORMATS[fmt])
    stored = list(built_store.quads())
    if fmt in ("nq", "trig", "jsonld"):
        assert {str(q) for q in parsed} == {str(q) for q in stored}
    else:
        assert {str(t.triple) for t in parsed} == {str(q.triple) for q in stored}
    if fmt in ("ttl", "trig"):
        text = export_rdf(built_store, fmt)
        assert '"2"^^xsd:decimal' in text and " 2.0 " not in text


@pytest.mark.parametrize("fmt", ["ttl", "trig"])
def test_turtle_and_trig_read_back_with_an_independent_parser(built_store, fmt):
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(data=export_rdf(built_store, fmt), format="trig" if fmt == "trig" else "turtle")
    triples = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}
    stored = {q.triple for q in built_store.quads()}
    assert len(triples) == len(stored)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_parses_back_to_the_same_triples(built_store, fmt):
    text = export_rdf(built_store, fmt)
    # Loading into a fresh Oxigraph store puts literals in canonical form ("2.0" and "2" are
    # the same xsd:decimal), as the built store holds them.
    fresh = ox.Store()
    fresh.load(text.encode("utf-8"), format=FORMATS[fmt])
    parsed = [q if fmt in ("nq", "trig", "jsonld") else q.triple for q in fresh]
    stored = list(built_store.quads())
    if fmt in ("nq", "trig", "jsonld"):
        assert {str(q) for q in parsed} == {str(q) for q in stored}
    else:
        assert {str(t) for t in parsed} == {str(q.triple) for q in stored}
    assert len(stored) > 10000


def test_named_graphs_survive_nquads(built_store):
    parsed = ox.parse(export_rdf(built_store, "nq").encode(), format=ox.RdfFormat.N_QUADS)
    graphs = {q.graph_name.value for q in parsed if isinstance(q.graph_name, ox.NamedNode)}
    assert graphs == set(built_store.graphs())


def test_built_graph_is_shacl_valid(built_store):
    report = validate_store(built_store)
    assert report.conforms, report.text()
    assert "valid" in report.text()


def test_validation_reports_violations_readably(built_store):
    from inspectkg.graph.export import union_graph

    g: Graph = union_graph(built_store)
    rec = URIRef("https://w3id.org/inspectkg/id/report/westminster-2002-lea-inspection"
                 "/recommendation/3")
    ikg = "https://w3id.org/inspectkg/ontology#"
    g.remove((rec, URIRef(ikg + "text"), None))
    g.remove((rec, URIRef(ikg + "priority"), None))
    g.add((rec, URIRef(ikg + "priority"), Literal("first")))
    report = validate_graph(g)
    assert not report.conforms
    lines = report.text().splitlines()
    assert any(str(rec) in line and "ikg:text" in line and "Less than 1" in line
               for line in lines)
    assert any(str(rec) in line and "ikg:priority" in line and "xsd:integer" in line
               for line in lines)
    assert lines[-1].startswith(f"invalid: {len(lines) - 1} violations")
    assert all(line.startswith("Violation: ") for line in lines[:-1])
