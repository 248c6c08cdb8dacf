"""The views without a browser: graphs from SPARQL, layout, thresholds, escaping, exports, CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html import unescape

import networkx as nx
import pytest
from click.testing import CliRunner
from viz_data import (
    CITED,
    LDD_2006,
    POOR_SEN_2002,
    R02,
    R06,
    R10,
    SEN_2002,
    SEN_2010,
    XSS_EVIDENCE,
    XSS_LINKS,
    XSS_REC,
    XSS_TITLE,
    linked_store,
    xss_reports,
)

import inspectkg
from inspectkg.cli import main
from inspectkg.errors import InspectKGError
from inspectkg.graph.store import open_store
from inspectkg.graph.views import browse, export_network
from inspectkg.graph.views.fetch import queries_dir, rows, view_query
from inspectkg.graph.views.items import item_graph
from inspectkg.graph.views.lookup import authorities, find_recommendation
from inspectkg.graph.views.render import render_view, script_json
from inspectkg.graph.views.views import chain, overview, timeline
from inspectkg.queries import run


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = linked_store(tmp_path_factory.mktemp("viz") / "kg")
    yield s
    s.close()


@pytest.fixture(scope="module")
def westminster(store):
    return authorities(store, "Westminster")[0]


# ---- queries are files --------------------------------------------------------------------------
def test_view_queries_are_files_with_headers_that_run(store):
    files = sorted(queries_dir().glob("*.rq"))
    assert len(files) >= 10
    for path in files:
        q = view_query(path.stem)
        assert q.title != path.stem and q.description, path.name
        params = {p.name: ("1" if p.name == "recommendation" else "Westminster")
                  for p in q.params if p.required}
        columns, _ = run(store, q, params)
        assert columns, path.name


def test_view_parameters_cannot_change_the_query(store):
    evil = 'Westminster" } UNION { ?report ?p ?o } #'
    assert rows(store, "items", {"authority": evil}) == []
    assert len(rows(store, "items", {"authority": "westminster"})) > 300


# ---- graphs from SPARQL -------------------------------------------------------------------------
def test_item_graph_holds_items_and_every_kind_of_trace_edge(store):
    g = item_graph(store, "Westminster")
    kinds = nx.get_node_attributes(g, "kind")
    assert {kinds[r] for r in (R02, R06, R10)} == {"report"}
    assert kinds[SEN_2002] == "recommendation" and kinds[LDD_2006] == "judgement"
    assert kinds[R10 + "/action/6-1/update"] == "progress"
    assert kinds[CITED] == "report"  # named by the 2002 report, not loaded
    rels = {(u, v): d for u, v, d in g.edges(data=True)}
    link = rels[(SEN_2002, LDD_2006)]
    assert (link["relation"], link["method"], link["score"]) == ("link", "same-service", 0.82)
    assert link["link_type"] == "inferred" and "clear plan" in link["evidence_from"]
    assert rels[(R10 + "/action/6-2", R10 + "/action/6-2/update")]["relation"] == "updates"
    assert rels[(R10 + "/recommendation/7", R10 + "/summary/8")]["relation"] == "cites"
    # an explicit link and the addresses triple it states are one edge, not two
    assert g.number_of_edges(SEN_2010, R10 + "/action/6-1") == 1
    assert rels[(SEN_2010, R10 + "/action/6-1")]["link_type"] == "explicit"


def test_items_carry_quote_source_grade_and_status(store):
    g = item_graph(store, "Westminster")
    poor = g.nodes[POOR_SEN_2002]
    assert poor["quote"] == "The strategy for SEN is poor."
    assert (poor["grade"], poor["rank"], poor["grade_band"]) == ("poor", 1.25, "poor")
    assert re.fullmatch(r"Westminster LEA inspection 2002-07, paragraph \d+, line \d+",
                        poor["source"])
    red = g.nodes[R10 + "/action/7-4/update"]
    assert (red["status"], red["status_label"], red["label"]) == ("red", "Red", "Progress: Red")
    assert g.nodes[R10 + "/action/7-4"]["status"] == "red"  # an action shows its latest status
    assert "Special educational needs" in g.nodes[SEN_2002]["service_labels"]


def test_service_narrows_a_timeline(store, westminster):
    view = timeline(store, westminster, service="SEN")
    items = [d for _, d in view.graph.nodes(data=True) if d["kind"] != "report"]
    assert 10 < len(items) < 60
    assert all("Special educational needs" in d["service_labels"] for d in items)
    assert SEN_2002 in view.graph and R02 + "/recommendation/17" not in view.graph
    assert any("Only items about Special educational needs" in n for n in view.notes)


def test_timeline_lays_reports_left_to_right_with_items_under_them(store, westminster):
    view = timeline(store, westminster)
    g = view.graph
    xs = [g.nodes[r]["x"] for r in (CITED, R02, R06, R10)]
    assert xs == sorted(xs) and len(set(xs)) == 4
    bands = {b["report"]: b for b in view.bands}
    for n, d in g.nodes(data=True):
        if d["kind"] != "report":
            band = bands[d["report"]]
            assert band["x0"] <= d["x"] <= band["x1"], n
            assert d["y"] > g.nodes[d["report"]]["y"]
    # a progress update sits right of its action, on its row
    act, upd = g.nodes[R10 + "/action/6-1"], g.nodes[R10 + "/action/6-1/update"]
    assert upd["x"] > act["x"] and abs(upd["y"] - act["y"]) < 40


def test_pages_are_the_same_on_every_render(store, westminster):
    a, b = timeline(store, westminster), timeline(store, westminster)
    assert render_view(a) == render_view(b)


def test_chain_follows_every_link_both_ways(store):
    rec = find_recommendation(store, "westminster-2002-lea-inspection/recommendation/1")
    view = chain(store, rec)
    nodes = set(view.graph)
    assert {SEN_2002, LDD_2006, SEN_2010, R10 + "/action/6-1", R10 + "/action/6-1/update"} <= nodes
    assert R02 + "/recommendation/17" not in nodes  # attendance: not in this chain
    assert {R02, R06, R10} <= nodes and view.focus == SEN_2002
    later = chain(store, find_recommendation(store, SEN_2010))
    assert SEN_2002 in later.graph  # what led to it is part of its chain too


def test_recommendation_is_found_by_iri_tail_or_number(store):
    assert find_recommendation(store, SEN_2010).iri == SEN_2010
    assert find_recommendation(store, "5.2").iri == R10 + "/recommendation/5.2"
    with pytest.raises(InspectKGError, match="ambiguous"):
        find_recommendation(store, "6", "Westminster")
    with pytest.raises(InspectKGError, match="no recommendation '99'"):
        find_recommendation(store, "99")


# ---- large graphs -------------------------------------------------------------------------------
def test_a_big_timeline_is_counted_per_report_and_service(store, westminster):
    view = timeline(store, westminster, max_nodes=60)
    g = view.graph
    assert view.aggregated and g.number_of_nodes() <= 60
    assert {d["kind"] for _, d in g.nodes(data=True)} == {"report", "group"}
    assert any("more than this page draws (60 nodes)" in n and "--service" in n
               for n in view.notes)
    sen = g.nodes[f"{R02}#group=https://w3id.org/inspectkg/service/special-educational-needs"]
    _, recs = run(store, "recommendations",
                  {"authority": "Westminster", "service": "special-educational-needs"})
    n_2002 = sum(1 for r in recs if r["reportLabel"].value.endswith("2002-07"))
    assert f"{n_2002} recommendation" in sen["label"]
    html = render_view(view)
    assert "more than this page draws (60 nodes)" in html


def test_overview_and_chain_never_exceed_the_limit(store, westminster):
    full = overview(store)
    assert not full.aggregated and full.graph.number_of_nodes() > 20
    small = overview(store, max_nodes=20)
    assert small.aggregated and small.graph.number_of_nodes() <= 20
    assert "report" not in {d["kind"] for _, d in small.graph.nodes(data=True)}
    assert any("Pick an authority with --authority" in n for n in small.notes)
    rec = find_recommendation(store, SEN_2002)
    cut = chain(store, rec, max_nodes=10)
    assert cut.graph.number_of_nodes() <= 10 and SEN_2002 in cut.graph
    assert any("nearest to the recommendation" in n for n in cut.notes)


# ---- escaping and offline -----------------------------------------------------------------------
def test_script_json_cannot_close_its_script_element():
    data = {"t": "</script><img src=x onerror=alert(1)> & \u2028"}
    text = str(script_json(data))
    assert not set("<>&\u2028") & set(text)
    assert json.loads(text) == data


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("xss")
    s = linked_store(tmp / "kg", xss_reports(tmp / "reports"), XSS_LINKS)
    result = browse(s, tmp / "site", recommendation=SEN_2010)
    s.close()
    return result


def test_report_text_never_reaches_html_unescaped(xss_site):
    pages = [xss_site.index, *(p.path for p in xss_site.pages)]
    assert len(pages) == 4
    for path in pages:
        html = path.read_text(encoding="utf-8")
        for raw in ("<script>alert", "<img src=x", "onerror=alert(1)>", XSS_EVIDENCE):
            assert raw not in html, (path.name, raw)
    timeline_html = next(p.path for p in xss_site.pages if p.kind == "timeline").read_text()
    assert "\\u003cscript\\u003ealert(2)\\u003c/script\\u003e" in timeline_html


def test_pages_load_nothing_from_anywhere(xss_site):
    for path in [xss_site.index, *(p.path for p in xss_site.pages)]:
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), path.name
        assert not re.search(r"<script[^>]+src|<link[^>]+stylesheet|@import|url\(http",
                             html), path.name
        csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
        policy = unescape(csp.group(1)) if csp else ""
        assert "default-src 'none'" in policy and "unsafe" not in policy, path.name
        assert "sourceMappingURL" not in html


# ---- export for desktop tools -------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_export_reads_back_with_labels_kinds_statuses_iris(store, tmp_path, fmt):
    path = tmp_path / f"kg.{fmt}"
    path.write_text(export_network(store, fmt), encoding="utf-8")
    g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    report = g.nodes[R02]
    assert (report["label"], report["kind"], report["iri"]) == (
        "Westminster LEA inspection 2002-07", "report", R02)
    red = g.nodes[R10 + "/action/7-4/update"]
    assert (red["kind"], red["status"], red["status_label"]) == ("progress", "red", "Red")
    assert red["label"] == "Progress: Red"
    poor = g.nodes[POOR_SEN_2002]
    assert (poor["grade"], float(poor["rank"]), poor["quote"]) == (
        "poor", 1.25, "The strategy for SEN is poor.")
    assert g.nodes["https://w3id.org/inspectkg/id/authority/westminster"]["kind"] == "authority"
    assert g.nodes["https://w3id.org/inspectkg/service/special-educational-needs"]["kind"] \
        == "service"
    link = g.get_edge_data(SEN_2002, LDD_2006)
    link = next(iter(link.values())) if isinstance(g, nx.MultiDiGraph) else link
    assert (link["method"], float(link["score"])) == ("same-service", 0.82)
    if fmt == "gexf":
        assert g.nodes[R10 + "/action/7-4/update"]["viz"]["color"]["r"] == 214


# ---- CLI and library ----------------------------------------------------------------------------
def test_browse_command_writes_the_pages_and_says_where(store, tmp_path):
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["browse", "--authority", "westminster", "--out", str(out),
                                       "--recommendation", "5.2", "--store", store.location])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == ["chain-westminster-2010-04-23-action-plan-progress-recommendation-5-2.html",
                     "index.html", "overview.html", "timeline-westminster.html"]
    assert f"open {out / 'index.html'}" in result.output
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{n}"' in index for n in names if n != "index.html")


def test_many_authorities_get_the_overview_and_a_note_not_a_page_each(store, tmp_path):
    result = browse(store, tmp_path / "site", max_timelines=1)
    assert [p.kind for p in result.pages] == ["overview"]
    assert result.notes == ["The store holds 2 authorities: no timelines are written for more "
                            "than 1 at once. Write one with --authority NAME."]
    assert result.notes[0] in result.index.read_text(encoding="utf-8")


def test_library_browse_and_export(store, tmp_path):
    result = inspectkg.api.browse(tmp_path / "site", store=store.location, service="attendance")
    assert result.index.exists()
    assert [p.kind for p in result.pages] == ["overview", "timeline", "timeline"]
    assert {p.path.name for p in result.pages} >= {"timeline-leicester.html",
                                                   "timeline-westminster.html"}
    text = inspectkg.api.export("graphml", tmp_path / "kg.graphml", store=store.location)
    assert "<graphml" in text and (tmp_path / "kg.graphml").exists()


def test_user_mistakes_are_one_line_and_exit_1_or_2(store, tmp_path):
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    empty = tmp_path / "empty"
    open_store(empty).close()
    site, loc = str(tmp_path / "site"), store.location
    cases = {
        ("--out", site, "--authority", "Narnia", "--store", loc): "no authority named 'Narnia'",
        ("--out", site, "--service", "sne", "--store", loc): "did you mean 'SEN'",
        ("--out", site, "--recommendation", "6", "--store", loc): "ambiguous",
        ("--out", str(a_file), "--store", loc): "is a file, not a folder",
        ("--out", site, "--store", str(empty)): "holds no reports yet",
        ("--out", site, "--store", str(tmp_path / "missing")): "no store here yet",
        ("--out", site, "--max-nodes", "3", "--store", loc): "at least 10 nodes",
    }
    names = {"--authority", "--service", "--recommendation"}
    for args, message in cases.items():
        result = CliRunner().invoke(main, ["browse", *args])
        # a name that names nothing is a usage error (2); any other mistake exits 1
        assert result.exit_code == (2 if names & set(args) else 1), (args, result.output)
        assert isinstance(result.exception, SystemExit), result.exception
        assert result.output.count("\n") == 1 and message in result.output, result.output
    proc = subprocess.run([sys.executable, "-m", "inspectkg.cli", "browse", "--out", site,
                           "--authority", "Narnia", "--store", loc], capture_output=True,
                          text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("Error: no authority named 'Narnia'")


def test_xss_fixture_really_carries_the_payloads(xss_site):
    # guards the browser test: the payloads reached the graph as text
    timeline_page = next(p for p in xss_site.pages if p.kind == "timeline")
    data = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>',
                                timeline_page.path.read_text(encoding="utf-8"), re.S).group(1))
    texts = [n.get("text") or "" for n in data["nodes"]]
    assert any(XSS_TITLE in t for t in texts) and any(XSS_REC in t for t in texts)
    assert any(e.get("evidence_from") == XSS_EVIDENCE for e in data["edges"])
