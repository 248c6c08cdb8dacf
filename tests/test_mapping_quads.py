"""The mapping straight to pyoxigraph quads says exactly what the rdflib mapping it replaced
said (tests/reference/rdflib_mapping.py, kept only for this comparison), on every sample."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from reference.rdflib_mapping import Minter as ReferenceMinter
from reference.rdflib_mapping import map_report as reference_map_report

from inspectkg.graph.build import read_report
from inspectkg.graph.mapping import canonical_ntriples, map_report
from inspectkg.samples import sample_paths


def _as_stored(ntriples: bytes) -> set[str]:
    """Triples as a store keeps them (canonical literals), so equal values compare equal."""
    store = ox.Store()
    store.load(ntriples, format=ox.RdfFormat.N_TRIPLES)
    return {str(q.triple) for q in store}


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_same_triples_and_iris_as_the_rdflib_mapping(path):
    report, sha = read_report(path)
    new = map_report(report, source_name=path.name, sha256=sha)
    old = reference_map_report(report, minter=ReferenceMinter(), source_name=path.name,
                               sha256=sha)
    assert new.iri == str(old.iri)
    assert new.counts == old.counts
    new_triples = _as_stored(new.ntriples())
    old_triples = _as_stored(old.graph.serialize(format="nt").encode("utf-8"))
    assert new_triples == old_triples
    assert len(new_triples) > 500


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_the_mapping_writes_what_the_store_reads_back(path):
    """Canonical lexical forms: the graph's digest is the same before and after storing it."""
    report, sha = read_report(path)
    mapped = map_report(report, source_name=path.name, sha256=sha)
    store = ox.Store()
    store.extend(mapped.quads())
    assert canonical_ntriples({q.triple for q in store}) == mapped.ntriples()


def test_records_are_not_changed_by_mapping(westminster_plan_2010):
    report, sha = read_report(westminster_plan_2010)
    before = report.to_dict()
    map_report(report, source_name=westminster_plan_2010.name, sha256=sha)
    assert report.to_dict() == before
