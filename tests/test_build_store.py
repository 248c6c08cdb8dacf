"""Building the graph: named graphs per report, idempotent rebuilds, bad files, provenance."""

from __future__ import annotations

import pyoxigraph as ox

from inspectkg.graph.build import build
from inspectkg.graph.iris import Minter
from inspectkg.graph.store import open_store
from inspectkg.queries import run

BASE = "https://w3id.org/inspectkg/id/"
W2002 = BASE + "report/westminster-2002-lea-inspection"


def _quads(store) -> set[str]:
    return {str(q) for q in store.quads()}


def test_one_named_graph_per_report(built_store):
    graphs = built_store.graphs()
    for report in (
        "report/westminster-2002-lea-inspection",
        "report/leicester-2001-lea-inspection",
        "report/westminster-2006-apa-letter",
        "report/westminster-2010-04-23-action-plan-progress",
    ):
        assert BASE + report in graphs


def test_rebuilding_changes_nothing(tmp_path, westminster_2002, leicester_2001):
    store = open_store(tmp_path / "kg")
    build(store, [westminster_2002, leicester_2001])
    first = _quads(store)
    build(store, [westminster_2002, leicester_2001])
    build(store, [westminster_2002])
    assert _quads(store) == first
    store.close()


def test_bad_files_fail_alone_and_lose_nothing(tmp_path, westminster_2002):
    store = open_store(tmp_path / "kg")
    build(store, [westminster_2002])
    before = _quads(store)
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "minutes.txt").write_text("Minutes of the allotments committee.\n" * 30)
    text = westminster_2002.read_text(encoding="utf-8")
    (folder / "cut.txt").write_text(text[: len(text) // 3], encoding="utf-8")
    (folder / "good.txt").write_text(text, encoding="utf-8")
    result = build(store, [folder])
    reasons = {f.path.rsplit("/", 1)[-1]: f.message for f in result.failed}
    assert set(reasons) == {"empty.txt", "binary.txt", "minutes.txt", "cut.txt"}
    assert "empty" in reasons["empty.txt"] and "binary" in reasons["binary.txt"]
    assert "not a known kind" in reasons["minutes.txt"] and "truncated" in reasons["cut.txt"]
    assert [f.path.rsplit("/", 1)[-1] for f in result.loaded] == ["good.txt"]
    # the good copy is the same report: same IRIs, so the same triples but its file name
    # (and the build's stamp of the graph: its digest, source key and summary)
    stamps = ("graphDigest", "sourceKey", "buildSummary")
    changed = {q for q in _quads(store) - before if not any(s in q for s in stamps)}
    assert changed and all("good.txt" in q for q in changed)
    store.close()


def test_base_iri_is_configurable(tmp_path, westminster_apa_2006):
    store = open_store(tmp_path / "kg")
    build(store, [westminster_apa_2006], base="https://example.org/kg")
    assert "https://example.org/kg/report/westminster-2006-apa-letter" in store.graphs()
    assert Minter("https://example.org/kg").base == "https://example.org/kg/"
    store.close()


def test_four_kinds_meet_at_one_authority(built_store):
    _, rows = run(
        built_store,
        """SELECT DISTINCT ?auth ?kind WHERE { ?r a ikg:Report ; ikg:kind ?kind ;
           ikg:authority ?auth . ?auth skos:altLabel "Westminster City Council" }""",
    )
    assert {r["auth"].value for r in rows} == {BASE + "authority/westminster"}
    assert {r["kind"].value for r in rows} == {
        "lea_inspection", "apa_letter", "action_plan_progress", "childrens_services_inspection"
    }


def test_authority_codes_and_area(built_store):
    _, rows = run(
        built_store,
        """SELECT DISTINCT ?gss ?la ?area WHERE { ?a ikg:gssCode ?gss ; ikg:laNumber ?la ;
           dcterms:spatial ?area ; skos:prefLabel "Leicester" }""",
    )
    assert [(r["gss"].value, r["la"].value, r["area"].value) for r in rows] == [
        ("E06000016", "856",
         "http://statistics.data.gov.uk/id/statistical-geography/E06000016")
    ]


def test_recommendation_keeps_provenance(built_store):
    rec = ox.NamedNode(W2002 + "/recommendation/17")
    _, rows = run(
        built_store,
        """SELECT ?line ?quote ?aim ?where ?mline ?exact ?frag WHERE {
             ?rec ikg:line ?line ; ikg:quote ?quote ; ikg:aim ?aim ; ikg:statedIn ?m ;
                  prov:wasDerivedFrom ?src .
             ?m ikg:where ?where ; ikg:line ?mline .
             ?src oa:hasSelector ?s1 , ?s2 . ?s1 oa:exact ?exact . ?s2 rdf:value ?frag }
           ORDER BY ?mline""".replace("?rec", str(rec)),
    )
    assert rows
    first = rows[0]
    assert first["line"].value == "780"
    assert first["quote"].value.startswith("monitor attendance by ethnicity")
    assert first["aim"].value == "In order to improve support for attendance"
    assert {(r["where"].value, r["mline"].value) for r in rows} == {
        ("body", "634"), ("appendix", "780")
    }
    assert {r["frag"].value for r in rows} == {"line=779,780"}


def test_unknown_authority_still_loads_and_is_reported(tmp_path, westminster_2002):
    text = westminster_2002.read_text(encoding="utf-8").replace(
        "THE CITY OF WESTMINSTER", "THE COUNTY OF BORSETSHIRE"
    )
    path = tmp_path / "borsetshire.txt"
    path.write_text(text, encoding="utf-8")
    store = open_store(tmp_path / "kg")
    result = build(store, [path])
    assert result.loaded and not result.loaded[0].in_register
    assert "not in the register" in result.loaded[0].message
    assert BASE + "report/county-of-borsetshire-2002-lea-inspection" in store.graphs()
    store.close()
