"""Every name a user types goes through one resolver: an authority by any name, code or slug,
a service by notation or label, a recommendation by number or IRI. A name that names nothing
exits 2 with what the user may have meant; a filter that matches nothing says so."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import inspectkg.api as kg
from inspectkg.cli import main
from inspectkg.graph import resolve

WESTMINSTER = "https://w3id.org/inspectkg/id/authority/westminster"


def _run(store, *args: str):
    return CliRunner().invoke(main, [*args, "--store", store.location])


@pytest.mark.parametrize("name", [
    "Westminster", "westminster", "City of Westminster", "WESTMINSTER CITY COUNCIL",
    "213", "E09000033", "e09000033",
])
def test_an_authority_by_any_name_code_or_slug(built_store, name):
    assert resolve.authority(built_store, name).iri == WESTMINSTER


def test_older_codes_of_the_register_resolve_through_the_register(built_store):
    # Leicester's LA number is 856 and its GSS code E06000016; Leicester City UA is an alt name
    for name in ("856", "E06000016", "Leicester City UA", "leicester"):
        assert resolve.authority(built_store, name).name == "Leicester"


def test_an_authority_in_the_register_but_not_in_the_store_is_said_so(built_store):
    with pytest.raises(resolve.UnknownName, match="in the register, but no report about it"):
        resolve.authority(built_store, "202")  # Camden


@pytest.mark.parametrize("name", [
    "special-educational-needs", "Special educational needs", "special educational needs",
    "SEN", "sen", "special needs",
])
def test_a_service_by_notation_or_any_label(name):
    assert resolve.service(name).id == "special-educational-needs"


@pytest.mark.parametrize("args,message", [
    (("trace", "-a", "Westminster", "--service", "nonsense"), "no service named 'nonsense'"),
    (("trace", "-a", "Westminstr"), "did you mean 'Westminster'?"),
    (("trace", "-r", "https://example.org/x"), "no recommendation 'https://example.org/x'"),
    (("query", "recommendations", "--param", "service=nonsense"), "no service named"),
    (("query", "recommendations", "--param", "authority=Nowhere"), "no authority named 'Nowhere'"),
    (("services", "--authority", "Nowhere"), "no authority named 'Nowhere'"),
    (("browse", "--out", "site", "-a", "Westminstr"), "did you mean 'Westminster'?"),
    (("query", "trace", "--param", "recommendation=https://example.org/x"), "no recommendation"),
])
def test_an_unknown_name_exits_2_with_one_line(built_store, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = _run(built_store, *args)
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and message in result.output, result.output


def test_trace_service_sen_filters_to_that_service(built_store):
    every = kg.trace("Westminster", store=built_store)
    sen = kg.trace("Westminster", service="SEN", store=built_store)
    assert 0 < len(sen) < len(every)
    assert all("special-educational-needs" in c.recommendation["services"] for c in sen)
    assert sen == kg.trace("213", service="special educational needs", store=built_store)


def test_codes_work_on_the_command_line(built_store):
    by_name = _run(built_store, "trace", "-a", "Westminster", "-r", "16", "-f", "json")
    for code in ("213", "E09000033"):
        result = _run(built_store, "trace", "-a", code, "-r", "16", "-f", "json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.output) == json.loads(by_name.output)


def test_query_parameters_resolve_names_and_codes(built_store):
    _, by_name = kg.query("recommendations", {"authority": "Westminster", "service": "SEN"},
                          store=built_store)
    _, by_code = kg.query("recommendations", {"authority": "E09000033", "service": "sen"},
                          store=built_store)
    assert by_name and by_name == by_code
    with pytest.raises(resolve.UnknownName):
        kg.query("recommendations", {"authority": "Nowhere"}, store=built_store)
    with pytest.raises(resolve.UnknownName):
        kg.services("Nowhere", store=built_store)


def test_a_filter_that_matches_nothing_says_so(built_store):
    # Leicester's 2001 inspection makes no recommendation about admissions; its APA grades
    # are not in the store: both answers are empty, and the CLI says so instead of nothing.
    result = _run(built_store, "trace", "-a", "Leicester", "-s", "admissions")
    assert result.exit_code == 0
    assert "note: no recommendation matches for authority=Leicester, service=admissions" in (
        result.output
    )
    result = _run(built_store, "query", "apa-grades", "-p", "authority=Leicester")
    assert "note: no rows match for authority=Leicester" in result.output
    result = _run(built_store, "trace", "-a", "Leicester", "-s", "admissions", "-f", "json")
    assert json.loads(result.output.split("\n", 1)[1]) == []


def test_a_recommendation_number_shared_by_two_authorities(built_store):
    found = resolve.recommendations(built_store, "16")
    assert {m.authority.name for m in found} == {"Leicester", "Westminster"}
    with pytest.raises(resolve.UnknownName, match="ambiguous"):
        resolve.recommendation(built_store, "16")
    one = resolve.recommendation(built_store, "16", "213")
    assert one.iri.endswith("westminster-2002-lea-inspection/recommendation/16")
