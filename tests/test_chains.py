"""Chains worked out at link time, and catalogue queries run over one authority's graphs.

The trace reads each authority's chain graph instead of joining the whole store; catalogue
queries about one authority run over its graphs only. Both must answer exactly what the join
over the union of graphs answers, on the bundled samples of both report families.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from answers import canonical

from inspectkg.graph.links.chains import GRAPH_CHAINS
from inspectkg.graph.trace import _chain_rows, trace
from inspectkg.queries import authority_graphs, bindings, catalogue, run, value


def _authorities(store) -> list[str]:
    _, rows = run(store, "counts")
    return sorted({value(r["authorityName"]) for r in rows})


def _canon(rows) -> list[tuple]:
    return sorted(tuple(sorted((k, v.value) for k, v in r.items() if v is not None))
                  for r in rows)


def test_every_authority_with_recommendations_has_a_chain_graph(built_store) -> None:
    chains = [g for g in built_store.graphs() if f"/graph/{GRAPH_CHAINS}/" in g]
    assert {g.rsplit("/", 1)[-1] for g in chains} >= {"westminster", "leicester"}
    # every recommendation of Westminster has at least one chain row (a row with no step
    # when nothing later speaks to it)
    _, recs = run(built_store, "recommendations", {"authority": "Westminster"})
    rows = _chain_rows(built_store, {"authority": "Westminster"})
    assert rows is not None
    assert {value(r["recommendation"]) for r in recs} <= {r["recommendation"].value
                                                          for r in rows}


@pytest.mark.parametrize("params", [
    {"authority": "Westminster"},
    {"authority": "Leicester"},
    {"authority": "Westminster", "service": "special-educational-needs"},
])
def test_chain_lookup_gives_the_trace_query_rows(built_store, params) -> None:
    fast = _chain_rows(built_store, params)
    _, rows = run(built_store, "trace", params)
    assert fast is not None and fast
    keep = [c for c in fast[0] if c not in ("authority", "service")]
    assert _canon([{k: r.get(k) for k in keep} for r in rows]) == _canon(fast)


def test_chain_lookup_of_one_recommendation(built_store) -> None:
    chains = trace(built_store, authority="Westminster")
    rec = next(c for c in chains if c.steps).recommendation["iri"]
    fast = _chain_rows(built_store, {"recommendation": rec})
    _, rows = run(built_store, "trace", {"recommendation": rec})
    assert fast and _canon([{k: r.get(k) for k in fast[0]} for r in rows]) == _canon(fast)
    one = trace(built_store, recommendation=rec)
    assert [c.to_dict() for c in one] == [c.to_dict() for c in chains
                                          if c.recommendation["iri"] == rec]


def test_scope_is_the_authoritys_graphs_and_the_shared_ones(built_store) -> None:
    graphs = authority_graphs(built_store, {"authority": ox.Literal("westminster")})
    assert graphs is not None
    assert not [g for g in graphs if "leicester" in g]
    assert [g for g in graphs if "/report/westminster-2002" in g]
    assert [g for g in graphs if g.endswith("/graph/ontology")]
    assert authority_graphs(built_store, {"authority": ox.Literal("Nowhere")}) is None


SCOPED = sorted(n for n, q in catalogue().items() if q.scope == "authority")


def test_the_catalogue_marks_its_authority_queries() -> None:
    assert {"trace", "recommendations", "judgement-history", "services"} <= set(SCOPED)
    assert "compare-authorities" not in SCOPED  # it compares every authority


@pytest.mark.parametrize("name", SCOPED)
def test_scoped_query_answers_what_the_whole_store_answers(built_store, name) -> None:
    q = catalogue()[name]
    for authority in _authorities(built_store):
        params = {"authority": authority}
        for p in q.params:
            if p.required and p.name == "number":
                params["number"] = "1"
        if "authority" not in {p.name for p in q.params}:
            continue
        terms = bindings(q, params)
        cols, scoped = run(built_store, q, params)
        _, whole = built_store.select(q.text, terms)  # over the union of every graph
        assert canonical(q.text, cols, scoped) == canonical(q.text, cols, whole), (name, authority)
