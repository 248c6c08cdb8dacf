"""Queries as a user meets them: bad parameter names and unknown prefixes get one readable
line; answers come typed (JSON numbers, booleans, dates; Python values from the API)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import inspectkg.api as kg
from inspectkg.cli import main
from inspectkg.ontology.namespaces import PREFIXES
from inspectkg.queries import to_python

APA = "SELECT ?x WHERE { ?x a ikg:ApaLetter }"


def _run(store, *args: str):
    return CliRunner().invoke(main, [*args, "--store", store.location])


@pytest.mark.parametrize("name", ["a b", "a}", "$x", "?x", "1st", "a-b"])
def test_a_bad_parameter_name_is_one_line_not_a_traceback(built_store, name):
    proc = subprocess.run(
        [sys.executable, "-m", "inspectkg.cli", "query", APA, "--param", f"{name}=1",
         "--store", built_store.location], capture_output=True, text=True,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [
        f"Error: parameter name {name!r}: a name is letters, digits and underscores "
        "(the query's variable without its ?), e.g. authority"
    ]


def test_an_unknown_prefix_is_named(built_store):
    result = _run(built_store, "query", "SELECT ?x WHERE { ?x a foo:Bar . ?x skos:note 'a:b' }")
    assert result.exit_code == 1
    assert "unknown prefix foo:" in result.output and "skos" in result.output
    assert result.output.count("\n") == 1


def test_query_help_lists_the_built_in_prefixes():
    out = CliRunner().invoke(main, ["query", "--help"]).output
    for prefix, ns in PREFIXES.items():
        assert f"{prefix}: <{ns}>" in out


def test_json_values_are_typed(built_store):
    result = _run(built_store, "query", "counts", "-f", "json")
    rows = json.loads(result.output)
    assert all(isinstance(r["paragraphs"], int) for r in rows)
    assert {r["date"] for r in rows} >= {"2002-07-01", "2006-11-01"}
    assert all(isinstance(r["report"], str) and r["report"].startswith("https://") for r in rows)
    grades = json.loads(_run(built_store, "query", "apa-grades", "-p", "authority=Westminster",
                             "-f", "json").output)
    assert grades and all(isinstance(r["rank"], (int, float)) for r in grades)
    ask = json.loads(_run(built_store, "query", "ASK { ?r a ikg:ApaLetter }", "-f", "json").output)
    assert ask == [{"ask": True}]


def test_api_query_returns_python_values_and_terms_on_request(built_store):
    cols, rows = kg.query("counts", store=built_store)
    westminster = next(r for r in rows if r["kind"] == "lea_inspection"
                       and r["authorityName"] == "Westminster")
    assert westminster["paragraphs"] == 172
    assert westminster["date"] == dt.date(2002, 7, 1)
    assert isinstance(westminster["report"], str)
    _, terms = kg.query("counts", store=built_store, terms=True)
    assert isinstance(terms[0]["report"], ox.NamedNode)


def test_to_python_reads_every_common_datatype():
    xsd = "http://www.w3.org/2001/XMLSchema#"

    def lit(text: str, kind: str) -> ox.Literal:
        return ox.Literal(text, datatype=ox.NamedNode(xsd + kind))

    assert to_python(lit("2", "decimal")) == Decimal("2")
    assert to_python(lit("0.81", "double")) == 0.81
    assert to_python(lit("true", "boolean")) is True
    assert to_python(lit("2010-04-23", "date")) == dt.date(2010, 4, 23)
    assert to_python(lit("2002", "gYear")) == "2002"
    assert to_python(lit("x", "integer")) == "x"  # malformed: its text, never a crash
    assert to_python(None) is None


def test_open_recommendations_names_the_open_statuses_and_sorts_numbers(built_store):
    _, rows = kg.query("open-recommendations", {"authority": "Westminster"}, store=built_store)
    with_open = [r for r in rows if r["openActions"]]
    assert with_open
    assert all(r["openStatuses"] for r in with_open), [r["number"] for r in with_open]
    assert all(not r["openStatuses"].startswith(", ") for r in with_open)
    lea = [r["number"] for r in rows if r["reportLabel"].endswith("2002-07")]
    assert lea == sorted(lea, key=int)


def _natural(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in number.split("."))


@pytest.mark.parametrize("name", ["actions-latest-status", "status-changes", "rag-summary"])
def test_plan_numbers_sort_naturally(built_store, name):
    _, rows = kg.query(name, store=built_store)
    numbers = [r["number"] for r in rows if r.get("number") and r["number"][0].isdigit()]
    if name != "status-changes":  # one progress report: no status changes to sort
        assert "10" in numbers and "9" in numbers
    assert numbers == sorted(numbers, key=_natural)
