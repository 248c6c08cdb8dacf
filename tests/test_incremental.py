"""Incremental builds: a new report changes only its authority's links and shared nodes, and
files whose bytes are unchanged are skipped without being read again."""

from __future__ import annotations

import re

from inspectkg.graph.build import build
from inspectkg.graph.iris import Minter
from inspectkg.graph.links import compute_links, link_graph_names
from inspectkg.graph.shared import authority_graph_name
from inspectkg.graph.store import DIGEST, open_store
from inspectkg.samples import sample_paths

BASE = "https://w3id.org/inspectkg/id/"
WESTMINSTER = BASE + "authority/westminster"
LEICESTER = BASE + "authority/leicester"
RUTLAND = BASE + "authority/rutland"


def _derived(store, authority: str) -> dict[str, set[str]]:
    minter = Minter()
    names = [*link_graph_names(minter, authority), authority_graph_name(minter, authority)]
    return {g: {str(q) for q in store.quads_of(g)} for g in names}


def test_a_new_report_relinks_only_its_authority(tmp_path, westminster_apa_2006, leicester_2001):
    store = open_store(tmp_path / "kg")
    build(store)
    westminster = _derived(store, WESTMINSTER)
    leicester = _derived(store, LEICESTER)
    assert westminster[link_graph_names(Minter(), WESTMINSTER)[1]]  # inferred links exist

    # a report of a third authority: its own graphs appear, no other authority's change
    rutland = tmp_path / "rutland-2001.txt"
    rutland.write_text(re.sub("leicester", "Rutland", leicester_2001.read_text("utf-8"),
                              flags=re.I), encoding="utf-8")
    result = build(store, [rutland])
    assert result.written == 1 and result.relinked == 1
    assert _derived(store, WESTMINSTER) == westminster
    assert _derived(store, LEICESTER) == leicester
    assert any(_derived(store, RUTLAND).values())

    # a later APA letter of Westminster: Westminster's links change, Leicester's do not
    later = tmp_path / "westminster-apa-2007.txt"
    later.write_text(westminster_apa_2006.read_text("utf-8").replace("2006", "2007"),
                     encoding="utf-8")
    result = build(store, [later])
    assert result.written == 1 and result.relinked == 1
    after = _derived(store, WESTMINSTER)
    inferred = link_graph_names(Minter(), WESTMINSTER)[1]
    assert after[inferred] != westminster[inferred]
    assert any("2007-apa-letter" in q for q in after[inferred])
    assert _derived(store, LEICESTER) == leicester

    # the links kept incrementally are the links computed from scratch
    explicit, inferred_all, _ = compute_links(store, Minter())
    own = (DIGEST, "http://purl.org/dc/terms/subject")  # each link graph's stamp and authority
    stored = {q.triple for g in store.graphs() if "/graph/links/" in g for q in store.quads_of(g)
              if q.predicate.value not in own}
    assert stored == explicit | inferred_all
    store.close()


def test_unchanged_files_are_skipped_and_changed_ones_read(tmp_path, westminster_2002):
    store = open_store(tmp_path / "kg")
    first = build(store)
    quads = {str(q) for q in store.quads()}
    again = build(store)
    assert [f.unchanged for f in again.files] == [True] * len(sample_paths())
    assert again.written == 0 and again.relinked == 0
    assert [f.message for f in again.files] == [f.message for f in first.files]
    assert {str(q) for q in store.quads()} == quads

    edited = tmp_path / westminster_2002.name
    edited.write_text(westminster_2002.read_text("utf-8") + "\n", encoding="utf-8")
    result = build(store, [edited])
    assert not result.files[0].unchanged  # other bytes (another ikg:sha256): read again,
    assert result.written == 1 and result.relinked == 1  # written, its authority relinked
    store.close()


def test_authorities_linked_in_workers_match_those_linked_in_the_build(tmp_path):
    """Two authorities relinked by two worker processes (over in-memory copies of their
    reports) give the very quads the build process gives relinking them itself."""
    stores = {}
    for jobs in (1, 2):
        store = open_store(tmp_path / f"kg{jobs}")
        result = build(store, jobs=jobs)
        assert result.relinked == 2
        stores[jobs] = {str(q) for q in store.quads()}
    assert any("/links/inferred/" in q for q in stores[2])
    assert stores[1] == stores[2]


def _stored_links(store, authority: str) -> set[str]:
    return {str(q) for q in store.quads_of(link_graph_names(Minter(), authority)[1])}


def test_a_relink_ranks_only_the_pairs_of_reports_with_the_new_one(tmp_path, monkeypatch,
                                                                   westminster_apa_2006):
    """Same-issue links are kept by pair of reports (`links.pairs`): adding a report ranks
    the earlier reports against it, not the pairs that did not change, and gives the links a
    relink from nothing gives; a garbled or stale file of kept pairs is ignored."""
    from inspectkg.graph.links import inferred

    store = open_store(tmp_path / "kg")
    build(store)
    kept = tmp_path / "kg" / "pairs" / "westminster.json"
    assert kept.is_file()

    ranked: list[tuple[str, str]] = []
    real = inferred._pair_links

    def counting(sources, candidates, mix, kinds):
        ranked.append((sources[0].report, candidates[0].iri))
        return real(sources, candidates, mix, kinds)

    monkeypatch.setattr(inferred, "_pair_links", counting)
    later = tmp_path / "westminster-apa-2011.txt"
    later.write_text(westminster_apa_2006.read_text("utf-8").replace("2006", "2011"),
                     encoding="utf-8")
    build(store, [later])
    assert ranked and all("2011-apa-letter" in target for _, target in ranked)
    incremental = _stored_links(store, WESTMINSTER)

    for damage in ("garbled", "stale"):
        ranked.clear()
        kept.write_text("{not json" if damage == "garbled" else
                        kept.read_text("utf-8").replace('"version":"', '"version":"0', 1),
                        encoding="utf-8")
        edited = tmp_path / "westminster-apa-2011.txt"
        edited.write_text(edited.read_text("utf-8") + "\n" * (2 if damage == "garbled" else 3),
                          encoding="utf-8")
        build(store, [edited])  # the same items again: every pair is ranked anew
        assert any("2011-apa-letter" not in target for _, target in ranked)
        assert _stored_links(store, WESTMINSTER) == incremental
    store.close()
