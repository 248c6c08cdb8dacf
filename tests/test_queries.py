"""The query catalogue: headers, parameters bound as terms, and named queries on real data."""

from __future__ import annotations

import pytest

from inspectkg.errors import QueryError
from inspectkg.queries import catalogue, resolve, run, value


def test_every_catalogue_query_has_a_header_and_runs(built_store):
    queries = catalogue()
    assert {"recommendations", "judgements-by-service", "counts"} <= set(queries)
    for name, q in queries.items():
        assert q.title != name and q.description, name
        required = {p.name: "Westminster" for p in q.params if p.required}
        columns, _ = run(built_store, q, required)
        assert columns, name


def test_recommendations_of_an_authority(built_store):
    _, rows = run(built_store, "recommendations", {"authority": "City of Westminster"})
    lea = [r for r in rows if "LEA inspection" in value(r["reportLabel"])]
    assert len(lea) == 39
    assert value(lea[0]["number"]) == "1"
    assert value(lea[0]["aim"]) == "In order to improve support for special educational needs"
    assert "Special educational needs" in value(lea[0]["services"])
    assert all(value(r["authorityName"]) == "Westminster" for r in rows)


def test_service_parameter_narrows_the_rows(built_store):
    _, rows = run(built_store, "recommendations",
                  {"authority": "westminster", "service": "attendance"})
    _, every = run(built_store, "recommendations", {"authority": "westminster"})
    from_2002 = [value(r["number"]) for r in rows if value(r["date"]).startswith("2002")]
    assert from_2002 == ["17", "18", "19"]
    assert 0 < len(rows) < len(every) // 10


def test_judgements_by_service_compare_grades_on_one_scale(built_store):
    _, rows = run(built_store, "judgements-by-service",
                  {"authority": "Westminster", "service": "special-educational-needs"})
    by_kind = {}
    for r in rows:
        if r["rank"] is not None:
            by_kind.setdefault(value(r["kind"]), []).append(float(value(r["rank"])))
    assert min(by_kind["lea_inspection"]) < 2.0  # 2002: poor / unsatisfactory
    assert max(by_kind["apa_letter"]) >= 3.0  # 2006: good or better
    quotes = [value(r["quote"]) for r in rows]
    assert "The strategy for SEN is poor." in quotes


def test_counts_per_report(built_store):
    _, rows = run(built_store, "counts")
    got = {(value(r["authorityName"]), value(r["kind"])): r for r in rows}
    assert value(got[("Westminster", "lea_inspection")]["recommendations"]) == "39"
    assert value(got[("Leicester", "lea_inspection")]["paragraphs"]) == "149"
    assert value(got[("Westminster", "action_plan_progress")]["actions"]) == "59"
    # four text reports and seven children's services PDFs
    assert len(rows) == 11
    sif = [r for r in rows if value(r["report"]).endswith("/westminster-2016-sif-inspection")]
    assert value(sif[0]["recommendations"]) == "9"


@pytest.mark.parametrize(
    "evil",
    [
        'Westminster" ) } } ; DROP ALL ; #',
        "x')) || true || ((\"",
        "} UNION { ?s ?p ?o }",
        "Westminster\" . ?auth skos:prefLabel ?any . FILTER(\"1\"=\"1",
    ],
)
def test_parameters_cannot_change_a_query(built_store, evil):
    before = {str(q) for q in built_store.quads()}
    _, rows = run(built_store, "recommendations", {"authority": evil})
    assert rows == []
    assert {str(q) for q in built_store.quads()} == before


def test_parameters_are_checked(built_store):
    with pytest.raises(QueryError, match="unknown parameter"):
        run(built_store, "counts", {"authority": "Westminster"})
    with pytest.raises(QueryError, match="not an IRI"):
        from inspectkg.queries import term

        term("not an iri", "iri")
    with pytest.raises(QueryError, match="not a named query"):
        resolve("no-such-query")
    with pytest.raises(QueryError, match="invalid SPARQL"):
        run(built_store, "SELECT ?x WHERE { ?x ")


def test_query_file_and_text(built_store, tmp_path):
    rq = tmp_path / "mine.rq"
    rq.write_text("# title: Reports\nSELECT (COUNT(DISTINCT ?r) AS ?n) "
                  "WHERE { ?r a ikg:Report }\n", encoding="utf-8")
    _, rows = run(built_store, str(rq))
    assert value(rows[0]["n"]) == "11"
    _, rows = run(built_store, "SELECT ?k WHERE { ?r ikg:kind ?k } ORDER BY ?k LIMIT 1")
    assert value(rows[0]["k"]) == "action_plan_progress"
