"""`inspectkg serve`: the read-only SPARQL endpoint, tested over HTTP with real clients.

The bundled samples are built into a store of this module's own, closed, and served twice: with
roomy limits for the protocol and the clients, and with tight ones (1 s, 100 rows) for the time
limit and the cap. Answers are compared with the embedded store's, never with fixed figures.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from inspectkg.errors import ServeError
from inspectkg.graph.build import build
from inspectkg.graph.store import open_store
from inspectkg.queries import catalogue, run
from inspectkg.samples import sample_paths
from inspectkg.serve import start

# Deliberately heavy queries over the ~20000 sample triples: a two-way cross product, which the
# engine cancels itself at its deadline; a three-way one and a sort of the two-way one, which it
# does not (they run in memory, where it does not look at the clock), so the front cuts them
# off and restarts it.
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
HEAVIER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
HEAVY_SORT = "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f LIMIT 1"
CONSTRUCT = ("PREFIX ikg: <https://w3id.org/inspectkg/ontology#> CONSTRUCT { ?r ikg:text ?t } "
             "WHERE { ?r a ikg:Recommendation ; ikg:text ?t ; ikg:authority ?a . "
             "?a <http://www.w3.org/2004/02/skos/core#prefLabel> \"Leicester\" }")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("served") / "kg"
    store = open_store(path)
    assert not build(store).failed
    store.close()
    return path


@pytest.fixture(scope="module")
def embedded(store_path):
    store = open_store(store_path, read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="module")
def endpoint(store_path):
    ep = start(store_path, port=0, timeout=120, max_results=1_000_000)
    yield ep
    ep.stop()


@pytest.fixture(scope="module")
def tight(store_path):
    ep = start(store_path, port=0, timeout=1, max_results=100)
    yield ep
    ep.stop()


def http(url: str, *, data: bytes | str | None = None, headers: dict[str, str] | None = None,
         method: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body, whatever the status."""
    body = data.encode("utf-8") if isinstance(data, str) else data
    req = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def get(ep, query: str, accept: str | None = None, **extra: str):
    params = urllib.parse.urlencode({"query": query, **extra})
    return http(f"{ep.url}/query?{params}", headers={"Accept": accept} if accept else {})


def form(ep, **fields: str):
    return http(f"{ep.url}/query", data=urllib.parse.urlencode(fields),
                headers={"Content-Type": "application/x-www-form-urlencoded"})


def _rows(cols, rows) -> Counter:
    return Counter(tuple("" if r[c] is None else str(r[c]) for c in cols) for r in rows)


# ---- protocol and content types ---------------------------------------------------------------
@pytest.mark.parametrize("accept,fmt", [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
    (None, ox.QueryResultsFormat.JSON),
    ("text/html,application/xhtml+xml,*/*;q=0.8", ox.QueryResultsFormat.JSON),
])
def test_select_in_every_lossless_results_format(endpoint, embedded, accept, fmt):
    q = catalogue()["counts"].text
    status, headers, body = get(endpoint, q, accept)
    assert status == 200, body
    assert headers["Content-Type"].startswith(fmt.media_type.split(";")[0])
    result = ox.parse_query_results(body, fmt)
    cols = [v.value for v in result.variables]
    got = Counter(tuple("" if s[c] is None else str(s[c]) for c in cols) for s in result)
    assert got == _rows(*embedded.select(q)) and sum(got.values()) == len(sample_paths())


def test_select_as_csv(endpoint, embedded):
    q = catalogue()["recommendations"].text
    status, headers, body = get(endpoint, q, "text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    cols, rows = embedded.select(q)
    assert list(table[0]) == cols
    assert Counter(r["text"] for r in table) == Counter(r["text"].value for r in rows)


def test_ask_in_json_and_xml(endpoint):
    for accept, fmt in [("application/sparql-results+json", ox.QueryResultsFormat.JSON),
                        ("application/sparql-results+xml", ox.QueryResultsFormat.XML)]:
        yes = get(endpoint, "ASK { ?r a ikg:Recommendation }", accept)
        no = get(endpoint, "ASK { ?r a ikg:NoSuchClass }", accept)
        assert bool(ox.parse_query_results(yes[2], fmt)) is True
        assert bool(ox.parse_query_results(no[2], fmt)) is False


@pytest.mark.parametrize("accept,rdflib_format", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"), (None, "turtle"),
])
def test_construct_in_every_rdf_format(endpoint, embedded, accept, rdflib_format):
    status, headers, body = get(endpoint, CONSTRUCT, accept)
    assert status == 200, body
    if accept:
        assert headers["Content-Type"].startswith(accept)
    g = rdflib.Graph().parse(data=body, format=rdflib_format)
    _, rows = embedded.select(CONSTRUCT)
    assert {(str(s), str(o)) for s, _, o in g} == {(r["s"].value, r["o"].value) for r in rows}
    assert len(g) > 10


def test_describe_as_turtle(endpoint):
    iri = "https://w3id.org/inspectkg/id/authority/westminster"
    status, _, body = get(endpoint, f"DESCRIBE <{iri}>", "text/turtle")
    g = rdflib.Graph().parse(data=body, format="turtle")
    assert status == 200 and rdflib.URIRef(iri) in set(g.subjects())


def test_get_form_and_body_posts_answer_the_same(endpoint):
    q = catalogue()["apa-grades"].text
    one = get(endpoint, q)[2]
    two = form(endpoint, query=q)[2]
    three = http(f"{endpoint.url}/sparql", data=q,
                 headers={"Content-Type": "application/sparql-query"})[2]
    assert one == two == three and b"Westminster" in one


def test_format_parameter_as_sparqlwrapper_sends_it(endpoint):
    status, headers, _ = get(endpoint, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", format="csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    status, headers, _ = get(endpoint, CONSTRUCT, format="json-ld")
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")


def test_dataset_parameters_pick_graphs(endpoint):
    g = "https://w3id.org/inspectkg/id/report/westminster-2006-apa-letter"
    q = "SELECT DISTINCT ?report WHERE { ?x ikg:report ?report }"
    status, _, body = get(endpoint, q, **{"default-graph-uri": g})
    reports = {s["report"].value for s in ox.parse_query_results(body, ox.QueryResultsFormat.JSON)}
    assert status == 200 and reports == {g}


def test_inspectkg_prefixes_need_no_declaration(endpoint, embedded):
    q = "SELECT ?r WHERE { ?r a ikg:ApaLetter }"
    status, _, body = get(endpoint, q)
    got = {s["r"].value for s in ox.parse_query_results(body, ox.QueryResultsFormat.JSON)}
    assert status == 200 and got == {r["r"].value for r in embedded.select(q)[1]} != set()


def test_not_acceptable_says_what_is(endpoint):
    status, _, body = get(endpoint, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "text/turtle")
    assert status == 406 and b"application/sparql-results+json" in body
    status, _, body = get(endpoint, CONSTRUCT, "text/csv")
    assert status == 406 and b"text/turtle" in body


# ---- read-only ---------------------------------------------------------------------------------
def _triples(ep) -> int:
    body = get(ep, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[2]
    return int(next(iter(ox.parse_query_results(body, ox.QueryResultsFormat.JSON)))["n"].value)


def test_updates_are_refused_in_every_form(endpoint):
    before = _triples(endpoint)
    drop = "DROP ALL"
    answers = [
        form(endpoint, update=drop),
        http(f"{endpoint.url}/update", data=urllib.parse.urlencode({"update": drop}),
             headers={"Content-Type": "application/x-www-form-urlencoded"}),
        http(f"{endpoint.url}/query", data=drop,
             headers={"Content-Type": "application/sparql-update"}),
        http(f"{endpoint.url}/update", data=drop,
             headers={"Content-Type": "application/sparql-update"}),
        get(endpoint, "PREFIX ikg: <https://w3id.org/inspectkg/ontology#>\n"
                      "DELETE WHERE { ?s ?p ?o }"),
        form(endpoint, query="INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
    ]
    for status, _, body in answers:
        assert status == 403 and b"read-only" in body, body
    assert _triples(endpoint) == before > 20000


def test_service_is_refused_but_service_names_are_not(endpoint):
    status, _, body = get(endpoint, f"SELECT * WHERE {{ SERVICE <{endpoint.url}/query> "
                                    "{ ?s ?p ?o } } LIMIT 1")
    assert status == 403 and b"SERVICE" in body
    status, _, body = get(endpoint, "select * { service silent <http://127.0.0.1:9/> {?s ?p ?o} }")
    assert status == 403
    # ?service variables, service: prefixed names and the word in strings are not the keyword
    q = ('SELECT ?service WHERE { ?service a skos:Concept ; skos:inScheme scheme:services . '
         'FILTER(?service != service:x && STR(?service) != "SERVICE") } LIMIT 3')
    status, _, body = get(endpoint, q)
    assert status == 200, body


# ---- limits ------------------------------------------------------------------------------------
def _answers_again(ep) -> None:
    for _ in range(100):
        status, _, body = get(ep, "ASK { ?s ?p ?o }")
        if status == 200:
            break
        time.sleep(0.1)
    assert status == 200 and b"true" in body


@pytest.mark.parametrize("heavy", [HEAVY, HEAVIER, HEAVY_SORT])
def test_time_limit_is_a_clear_error_and_the_engine_recovers(tight, heavy):
    generation = tight._engine.generation
    status, _, body = form(tight, query=heavy)
    assert status == 503, body
    assert b"time limit of 1 s" in body and b"--timeout" in body
    _answers_again(tight)
    if heavy != HEAVY:  # the engine could not stop it: it was restarted to free its core
        assert tight._engine.generation > generation


def test_result_cap_is_a_clear_error(tight):
    status, _, body = get(tight, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 422 and b"more than 100 rows" in body and b"--max-results" in body
    status, _, body = get(tight, "CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle")
    assert status == 422 and b"more than 100 rows" in body
    status, _, body = get(tight, "SELECT * WHERE { ?s ?p ?o } LIMIT 100")
    assert status == 200
    assert len(list(ox.parse_query_results(body, ox.QueryResultsFormat.JSON))) == 100


# ---- bad requests ------------------------------------------------------------------------------
def test_bad_requests_get_a_status_and_one_line(endpoint):
    cases = [
        (get(endpoint, "SELECT ?s WHERE {\n  ?s ikg:text ?t \n  FILTER(\n}"), 400, rb"line|at 4:"),
        (http(f"{endpoint.url}/query"), 400, b"no query"),
        (http(f"{endpoint.url}/query?query=ASK%7B%7D&query=ASK%7B%7D"), 400, b"more than one"),
        (http(f"{endpoint.url}/query", data="ASK {}", headers={"Content-Type": "text/plain"}),
         415, b"application/sparql-query"),
        (get(endpoint, "ASK {}", format="pdf"), 400, b"format"),
        (get(endpoint, "   "), 400, b"empty"),
        (http(f"{endpoint.url}/query", method="PUT", data="x"), 405, b"GET or POST"),
        (http(f"{endpoint.url}/nowhere"), 404, b"no such page"),
    ]
    for (status, headers, body), want, says in cases:
        assert status == want, body
        assert headers["Content-Type"].startswith("text/plain")
        assert re.search(says, body), body
        assert body.decode().count("\n") == 1, body


def test_syntax_error_position_is_in_the_users_text(endpoint):
    # ikg: is declared for the user on a line of its own: the position must not count it
    status, _, body = get(endpoint, "SELECT ?s\nWHERE { ?s ikg:text ?t ?? }")
    assert status == 400 and b"2:" in body, body


# ---- editor, catalogue, browse pages -----------------------------------------------------------
def test_editor_page_lists_the_catalogue_offline(endpoint):
    status, headers, body = http(endpoint.url + "/")
    page = body.decode("utf-8")
    assert status == 200 and "yasgui.min.js" in page
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    data = json.loads(re.search(r'<script type="application/json" id="catalogue">(.*?)</script>',
                                page, re.S).group(1))
    assert {q["name"] for q in data} == set(catalogue())
    for name in ("yasgui.min.js", "yasgui.min.css", "assets/editor.js", "assets/editor.css"):
        status, _, body = http(f"{endpoint.url}/{name}")
        assert status == 200 and len(body) > 500, name
    assert not re.search(rb"https?://(?!127\.0\.0\.1)", http(endpoint.url + "/assets/editor.js")[2])


def test_catalogue_query_bound_runs_as_in_the_cli(endpoint, embedded):
    status, _, text = http(f"{endpoint.url}/catalogue/recommendations.rq?authority=Westminster"
                           "&service=attendance")
    assert status == 200 and b"VALUES" in text
    body = form(endpoint, query=text.decode("utf-8"))[2]
    got = Counter(s["recommendation"].value for s in
                  ox.parse_query_results(body, ox.QueryResultsFormat.JSON))
    _, rows = run(embedded, "recommendations", {"authority": "Westminster",
                                                "service": "attendance"})
    assert got == Counter(r["recommendation"].value for r in rows) and rows
    # a value is an escaped literal, never syntax; an unknown parameter is refused
    evil = urllib.parse.quote('x" ) } } ; DROP ALL ; #')
    status, _, text = http(f"{endpoint.url}/catalogue/recommendations.rq?authority={evil}")
    assert status == 200 and form(endpoint, query=text.decode())[0] == 200
    assert http(f"{endpoint.url}/catalogue/recommendations.rq?colour=red")[0] == 400
    assert http(f"{endpoint.url}/catalogue/nothing.rq")[0] == 404


def test_browse_pages_are_served(endpoint):
    status, _, body = http(endpoint.url + "/browse/")
    assert status == 200 and b"<html" in body.lower()
    pages = set(re.findall(rb'href="([\w.-]+\.html)"', body))
    assert pages and any(p.startswith(b"timeline-") for p in pages)
    for page in pages:
        status, headers, body = http(f"{endpoint.url}/browse/{page.decode()}")
        assert status == 200 and headers["Content-Type"].startswith("text/html"), page
    assert http(endpoint.url + "/browse/../../etc/passwd")[0] == 404


# ---- real clients ------------------------------------------------------------------------------
def test_sparqlwrapper(endpoint, embedded):
    from SPARQLWrapper import CSV, JSON, JSONLD, TURTLE, XML, SPARQLWrapper

    q = catalogue()["counts"].text
    client = SPARQLWrapper(endpoint.url + "/query")
    client.setQuery(q)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    want = {r["report"].value for r in embedded.select(q)[1]}
    assert {r["report"]["value"] for r in rows} == want
    client.setReturnFormat(XML)
    assert len(client.query().convert().getElementsByTagName("result")) == len(want)
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().count("\n") == len(want) + 1
    client.setMethod("POST")
    client.setQuery(CONSTRUCT)
    for fmt in (TURTLE, JSONLD):
        client.setReturnFormat(fmt)
        result = client.query().convert()
        g = result if isinstance(result, rdflib.Graph) else rdflib.Graph().parse(
            data=result, format="turtle" if fmt == TURTLE else "json-ld")
        assert len(g) == len(embedded.select(CONSTRUCT)[1])
    client.setQuery("ASK { ?r a ikg:Recommendation }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


def test_rdflib_sparqlstore(endpoint, embedded):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore

    g = rdflib.Graph(store=SPARQLStore(endpoint.url + "/query"))
    q = catalogue()["apa-grades"].text
    got = Counter(str(r.area) for r in g.query(q))
    assert got == Counter(r["area"].value for r in embedded.select(q)[1]) and got
    built = g.query(CONSTRUCT).graph
    assert len(built) == len(embedded.select(CONSTRUCT)[1])
    writer = SPARQLUpdateStore(f"{endpoint.url}/query", f"{endpoint.url}/update")
    with pytest.raises(urllib.error.HTTPError, match="403"):
        writer.update("DROP ALL")


# ---- the command -------------------------------------------------------------------------------
INSPECTKG = str(Path(sys.executable).parent / "inspectkg")


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found |= {int(c) for c in text.split()}
    return found


def test_the_command_serves_until_sigterm_and_leaves_nothing_running(store_path):
    proc = subprocess.Popen([INSPECTKG, "serve", "--store", str(store_path), "--port", "0"],
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        url = re.search(r"(http://[\d.:]+)/query", line).group(1)
        status, _, body = http(url + "/query?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"))
        assert status == 200 and b"true" in body
        engines = _children(proc.pid)
        assert engines
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
        proc.stderr.close()
    for pid in engines:  # the engine stopped with it
        status = Path(f"/proc/{pid}/status")
        assert not status.exists() or "zombie" in status.read_text()


@pytest.mark.parametrize("args,says", [
    (["--port", "70000"], "--port 70000: not a port number"),
    (["--timeout", "0"], "--timeout 0"),
    (["--max-results", "0"], "--max-results 0"),
    (["--store", "{missing}"], "no store here"),
    (["--store", "http://127.0.0.1:9/query"], "already a SPARQL endpoint"),
    (["--store", "{file}"], "is a file"),
])
def test_bad_options_and_missing_store_are_one_line(tmp_path, store_path, args, says):
    (tmp_path / "file").write_text("x")
    args = [a.format(missing=tmp_path / "none", file=tmp_path / "file") for a in args]
    if "--store" not in args:
        args += ["--store", str(store_path)]
    done = subprocess.run([INSPECTKG, "serve", *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "INSPECTKG_STORE": str(store_path)})
    assert done.returncode == 1
    assert says in done.stderr and done.stderr.strip().count("\n") == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_a_port_in_use_is_one_line(store_path, endpoint):
    port = int(endpoint.url.rsplit(":", 1)[1])
    with pytest.raises(ServeError, match=f"{port}: cannot listen there: in use"):
        start(store_path, port=port)


# ---- the editor in a browser -------------------------------------------------------------------
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def test_editor_runs_a_catalogue_query_in_chromium(endpoint, embedded):
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("no /usr/bin/chromium: .ci/run should have installed it")
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            page = browser.new_page()

            def route(r):
                if r.request.url.startswith(endpoint.url + "/"):
                    r.continue_()
                else:
                    outside.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(endpoint.url + "/")
            page.wait_for_selector(".yasqe")
            box = page.locator('details[data-query="recommendations"]')
            box.locator("summary").click()
            box.locator('input[name="authority"]').fill("Westminster")
            box.locator('input[name="service"]').fill("attendance")
            box.locator("button.run").click()
            page.wait_for_selector(".yasr table tbody tr", timeout=30_000)
            page.wait_for_function("() => [...document.querySelectorAll('.yasr_response_chip')]"
                                   ".some(e => /results/.test(e.textContent))")
            summary = " ".join(page.locator(".yasr_response_chip").all_inner_texts())
            cells = page.locator(".yasr table tbody").inner_text()
            typed = page.evaluate("() => window.inspectkgYasgui.getTab().getQuery()")
        finally:
            browser.close()
    _, rows = run(embedded, "recommendations", {"authority": "Westminster",
                                                "service": "attendance"})
    assert rows and f"{len(rows)} results" in summary, summary
    assert all(r["text"].value[:40] in cells for r in rows)
    assert 'VALUES (?authority ?service) { ("Westminster" "attendance") }' in typed
    assert outside == [] and errors == []
