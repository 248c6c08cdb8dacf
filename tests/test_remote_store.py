"""The same build, queries and trace against real SPARQL servers: Oxigraph server and Virtuoso.

Each engine is started by the fixture on free ports with its own temporary folder, the bundled
samples are built into it over the SPARQL protocol, and every answer is compared with the
embedded store's.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from answers import canonical
from engines import oxigraph_server, virtuoso_server

from inspectkg.errors import StoreError
from inspectkg.graph.build import build
from inspectkg.graph.store import RemoteStore, open_store
from inspectkg.graph.store.remote import default_update_url
from inspectkg.graph.trace import trace
from inspectkg.queries import catalogue, run

ENGINES = {"oxigraph": oxigraph_server, "virtuoso": virtuoso_server}


@pytest.fixture(scope="module", params=sorted(ENGINES))
def remote(request, tmp_path_factory):
    """An engine holding the bundled samples, built into it through RemoteStore."""
    with ENGINES[request.param](tmp_path_factory.mktemp(request.param)) as url:
        store = open_store(url)
        assert isinstance(store, RemoteStore)
        result = build(store)
        assert not result.failed, [f.message for f in result.failed]
        yield store


def test_remote_holds_the_same_quads_as_embedded(remote, built_store):
    # Only inspectkg's graphs: Virtuoso's own system graphs are not read as ours.
    assert remote.graphs() == built_store.graphs()
    assert Counter(str(q) for q in remote.quads()) == Counter(str(q) for q in built_store.quads())


# Values for the parameters a query requires; every query also runs for one authority.
REQUIRED = {
    "judgement-history": {"authority": "Westminster", "service": "special-educational-needs"},
    "compare-authorities": {"service": "special-educational-needs"},
    "recommendation-by-number": {"number": "7"},
    "judgement-areas": {"authority": "Leicester"},
}


def _answers(store, name: str, params: dict[str, str]) -> tuple[list[str], Counter]:
    """Columns and rows as N-Triples terms (datatype and language compared too). The items of a
    GROUP_CONCAT are compared as a set: SPARQL leaves their order to the engine."""
    cols, rows = run(store, name, params)
    return cols, canonical(catalogue()[name].text, cols, rows)


def test_every_catalogue_query_answers_the_same_as_embedded(remote, built_store):
    names = catalogue()
    required = {n for n, q in names.items() if any(p.required for p in q.params)}
    assert required <= set(REQUIRED), f"give test values for {required - set(REQUIRED)}"
    compared = 0
    for name, q in names.items():
        variants = [REQUIRED.get(name, {})]
        if "authority" in {p.name for p in q.params}:
            variants.append({**variants[0], "authority": "Westminster"})
        for params in variants:
            embedded = _answers(built_store, name, params)
            assert _answers(remote, name, params) == embedded, (name, params)
            compared += sum(embedded[1].values())
    assert compared > 1000  # real answers were compared, not empty ones


def test_trace_runs_unchanged(remote, built_store):
    one = [c.to_dict() for c in trace(remote, authority="Westminster")]
    two = [c.to_dict() for c in trace(built_store, authority="Westminster")]
    assert one and json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)


def _count(store) -> int:
    _, rows = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(rows[0]["n"].value)


def test_remote_parameters_cannot_inject(remote):
    before = _count(remote)
    _, rows = run(remote, "recommendations", {"authority": 'x" ) } } ; DROP ALL ; #'})
    assert rows == []
    assert _count(remote) == before > 20000


def test_an_unchanged_build_writes_nothing(remote):
    # The stamps and digests are read back through the engine (Virtuoso answers some queries
    # in its own shapes): building the same reports again finds every one of them unchanged.
    before = _count(remote)
    again = build(remote)
    assert not again.failed and again.written == 0
    assert all(f.unchanged for f in again.files)
    assert _count(remote) == before


def test_a_result_cut_short_by_the_engine_is_an_error(remote, built_store):
    # Virtuoso cuts every result at its ResultSetMaxRows (10000 by default) and says so only in
    # a header; the store holds about twice that many triples. Oxigraph server sends them all.
    everything = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    if remote.query_url.endswith("/sparql"):
        with pytest.raises(StoreError, match="cut the result short at 10000 rows"):
            remote.select(everything)
    else:
        assert len(remote.select(everything)[1]) == len(built_store.select(everything)[1]) > 10000


def test_an_engine_without_the_union_default_graph_is_refused(tmp_path):
    with oxigraph_server(tmp_path / "kg", union=False) as url:
        store = open_store(url)
        store.replace({"https://example.org/g": b"<https://example.org/g> "
                       b"<https://w3id.org/inspectkg/ontology#graphDigest> \"x\" ."})
        with pytest.raises(StoreError, match="default graph is not the union"):
            store.select("SELECT * WHERE { ?s ?p ?o }")


def test_update_url_follows_the_engines_layouts():
    assert default_update_url("http://h:7878/query") == "http://h:7878/update"
    assert default_update_url("http://h:3030/kg/sparql") == "http://h:3030/kg/update"
    assert default_update_url("http://h:3030/kg/query") == "http://h:3030/kg/update"
    assert default_update_url("http://h:8890/sparql") == "http://h:8890/sparql"
    assert (default_update_url("http://h:7200/repositories/kg")
            == "http://h:7200/repositories/kg/statements")


def test_unreachable_endpoint_is_one_line():
    store = open_store("http://127.0.0.1:9/query")
    with pytest.raises(StoreError, match="cannot reach the SPARQL endpoint"):
        store.select("ASK {}")
