"""No network from queries: SERVICE, updates and FROM / FROM NAMED of graphs the store does not
hold are refused with a clear error, by the library, the API and the CLI; words in strings,
comments, IRIs and variable names are not mistaken for them."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading

import pytest

import inspectkg.api as api
from inspectkg.errors import QueryError
from inspectkg.queries import run, value

BASE = "https://w3id.org/inspectkg/id/"


@pytest.fixture()
def listener():
    """A local port that records every connection made to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(5)
    sock.settimeout(0.2)
    hits: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            hits.append(conn.recv(1000))
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield sock.getsockname()[1], hits
    stop.set()
    thread.join(timeout=2)
    sock.close()


@pytest.mark.parametrize("query", [
    "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ service silent <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "PREFIX e: <http://127.0.0.1:{port}/> SELECT * WHERE {{ ?s ?p ?o SERVICE e:x {{ ?s ?p ?o }} }}",
])
def test_service_is_refused_and_nothing_is_requested(built_store, listener, query):
    port, hits = listener
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        run(built_store, query.format(port=port))
    assert hits == []


def test_from_a_graph_not_in_the_store_is_refused(built_store, listener):
    port, hits = listener
    for clause in (f"FROM <http://127.0.0.1:{port}/data>", f"FROM NAMED <http://127.0.0.1:{port}/d>"):
        with pytest.raises(QueryError, match="not a graph of this store"):
            run(built_store, f"SELECT (COUNT(*) AS ?n) {clause} WHERE {{ ?s ?p ?o }}")
    assert hits == []


def test_from_a_graph_of_the_store_is_honoured(built_store):
    graph = BASE + "report/leicester-2001-lea-inspection"
    _, rows = run(built_store, f"SELECT DISTINCT ?r FROM <{graph}> WHERE {{ ?r a ikg:Report }}")
    assert [value(r["r"]) for r in rows] == [graph]  # only that graph, not the whole store
    _, rows = run(built_store, "PREFIX r: <https://w3id.org/inspectkg/id/report/> "
                               "SELECT ?g FROM NAMED r:leicester-2001-lea-inspection "
                               "WHERE { GRAPH ?g { ?g a ikg:Report } }")
    assert [value(r["g"]) for r in rows] == [graph]


@pytest.mark.parametrize("update", [
    "LOAD <http://127.0.0.1:9/x.ttl>",
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
])
def test_updates_are_refused(built_store, update):
    with pytest.raises(QueryError, match="not allowed"):
        built_store.select(update)


def test_the_words_elsewhere_are_not_refused(built_store):
    _, rows = run(built_store, """
        # SERVICE <http://example.org/> and FROM <http://example.org/> in a comment
        SELECT ?service ?from WHERE {
          BIND("SERVICE <http://example.org/> { }" AS ?service)
          BIND('''FROM <http://x> LOAD <http://y>''' AS ?from)
          ?r a ikg:Report ; ikg:kind ?kind .
          FILTER(?kind != "SERVICE" && !STRSTARTS(STR(?r), "http://load.example/"))
        } LIMIT 1""")
    assert value(rows[0]["service"]).startswith("SERVICE")


def test_api_and_cli_refuse_with_one_line(built_store, listener, tmp_path):
    port, hits = listener
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        api.query(query, store=built_store)
    out = subprocess.run(
        [sys.executable, "-m", "inspectkg.cli", "query", query, "--store",
         built_store.location], capture_output=True, text=True, timeout=120,
    )
    assert out.returncode != 0
    assert "SERVICE is not allowed" in out.stderr and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert hits == []
