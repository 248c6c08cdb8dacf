"""Parameters written into FILTERs for Oxigraph's planner (`graph.store.inline`): the same
answers as the substituted query, and a value is only ever a value."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from answers import canonical

from inspectkg.graph.store.base import solutions
from inspectkg.graph.store.inline import inline_filters
from inspectkg.ontology.namespaces import PREFIXES
from inspectkg.queries import bindings, catalogue, run

PARAMS = {
    "authority": "Westminster", "service": "special-educational-needs", "number": "7",
}


def _substituted(store, text: str, terms) -> tuple[list[str], list[dict]]:
    """The query as Oxigraph runs it with substitutions only (nothing written in)."""
    subs = {ox.Variable(k): v for k, v in terms.items()}
    return solutions(store._store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True,
                                        substitutions=subs))


@pytest.mark.parametrize("name", sorted(n for n, q in catalogue().items()
                                         if {p.name for p in q.params} & set(PARAMS)))
def test_written_in_parameters_give_the_substituted_answers(built_store, name):
    q = catalogue()[name]
    terms = bindings(q, {p.name: PARAMS[p.name] for p in q.params if p.name in PARAMS})
    inlined = inline_filters(q.text, terms)
    assert inlined != q.text  # every catalogue query with parameters tests them in a FILTER
    cols, want = _substituted(built_store, q.text, terms)
    _, got = _substituted(built_store, inlined, terms)
    assert canonical(q.text, cols, got) == canonical(q.text, cols, want)


@pytest.mark.parametrize("value", [
    'x") } ; DROP ALL ; #', "x' || true || '", "Westminster\" || true || \"", "?authority",
    "<http://example.org/>", "\\\"\n}",
])
def test_a_hostile_value_stays_a_value(built_store, value):
    cols, rows = run(built_store, "recommendations", {"authority": value})
    assert rows == []  # no authority has that name: nothing, and no error
    q = catalogue()["recommendations"]
    inlined = inline_filters(q.text, bindings(q, {"authority": value}))
    assert inlined.count("SELECT") == q.text.count("SELECT")
    assert len(built_store.graphs()) > 10  # nothing was dropped


def test_only_filters_change_and_bound_is_kept() -> None:
    text = ("SELECT ?a ?z WHERE { ?x ?p ?a FILTER(BOUND(?a) || ?a = 1 || \"?a\" = ?a) "
            "FILTER NOT EXISTS { ?a ?b ?c } BIND(?a AS ?z) } GROUP BY ?a ORDER BY ?a")
    out = inline_filters(text, {"a": ox.Literal("v")})
    assert out == ("SELECT ?a ?z WHERE { ?x ?p ?a FILTER(BOUND(?a) || \"v\" = 1 || \"?a\" = \"v\") "
                   "FILTER NOT EXISTS { ?a ?b ?c } BIND(?a AS ?z) } GROUP BY ?a ORDER BY ?a")
    assert inline_filters(text, {}) == text
