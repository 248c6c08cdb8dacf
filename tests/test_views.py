"""Authority views: the copy of each authority's graphs that catalogue queries about it read.

A view must answer what the store's own graphs answer, be rewritten when its authority's
graphs change, and never be used once it no longer holds them as they are (stale, damaged or
missing: the query runs over the store, with the same answers).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from answers import canonical

from inspectkg.graph.build import build
from inspectkg.graph.ingest import derived
from inspectkg.graph.store import open_store
from inspectkg.graph.store.views import FOLDER, read_digests, remove_debris, view_path
from inspectkg.queries import authority_scope, bindings, catalogue, run
from inspectkg.samples import sample_paths

BASE = "https://w3id.org/inspectkg/id/"
WESTMINSTER = BASE + "authority/westminster"
SCOPED = sorted(n for n, q in catalogue().items()
                if q.scope == "authority" and "authority" in {p.name for p in q.params})


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "kg")
    build(s, [p for p in sample_paths() if p.suffix == ".txt"])
    yield s
    s.close()


def _from_view(store, name: str, authority: str):
    q = catalogue()[name]
    params = {"authority": authority, **({"number": "1"} if name.endswith("-by-number") else {})}
    terms = bindings(q, params)
    scope = authority_scope(store, terms)
    assert scope is not None and len(scope.authorities) == 1
    view = store.select_view(q.text, terms, scope.authorities[0], scope.digests(scope.owned),
                             scope.digests(scope.shared))
    cols, own = store.select(q.text, terms, graphs=scope.graphs)
    return q, cols, view, own


@pytest.mark.parametrize("authority", ["Westminster", "Leicester"])
def test_each_authority_has_a_view_that_answers_what_its_graphs_answer(store, authority):
    answered = 0
    for name in SCOPED:
        q, cols, view, own = _from_view(store, name, authority)
        assert view is not None, name  # the view was used, not the store
        assert canonical(q.text, cols, view[1]) == canonical(q.text, cols, own), name
        answered += len(own)
    assert answered > 100


def test_a_view_is_rewritten_when_its_authority_gets_a_report(store, tmp_path,
                                                              westminster_apa_2006):
    before = read_digests(view_path(store.path, WESTMINSTER))
    later = tmp_path / "westminster-apa-2007.txt"
    later.write_text(westminster_apa_2006.read_text("utf-8").replace("2006", "2007"),
                     encoding="utf-8")
    build(store, [later])
    after = read_digests(view_path(store.path, WESTMINSTER))
    assert before and after and set(after) - set(before) == {
        BASE + "report/westminster-2007-apa-letter"}
    q, cols, view, own = _from_view(store, "apa-grades", "Westminster")
    assert view is not None and any("2007" in str(r.values()) for r in view[1])
    assert canonical(q.text, cols, view[1]) == canonical(q.text, cols, own)
    # the graphs kept from the old view are the graphs a view written afresh holds
    kept = view_path(store.path, WESTMINSTER).read_bytes()
    view_path(store.path, WESTMINSTER).unlink()
    assert derived.heal_views(store, [WESTMINSTER]) == 1
    assert view_path(store.path, WESTMINSTER).read_bytes() == kept


def _damage(path, how: str) -> None:
    data = path.read_bytes()
    first, _, body = data.partition(b"\n")
    if how == "stale":  # the view of graphs as they were before a change
        first = re.sub(rb'"[0-9a-f]{64}"', b'"' + b"0" * 64 + b'"', first, count=1)
        path.write_bytes(first + b"\n" + body)
    elif how == "cut":  # lost its end (a line boundary: it still parses)
        path.write_bytes(first + b"\n" + body[:body.rfind(b"\n", 0, len(body) // 2) + 1])
    elif how == "garbled":
        path.write_bytes(first + b"\n" + body[: len(body) // 2] + b"\x00<not n-quads")
    else:
        path.unlink()


@pytest.mark.parametrize("how", ["stale", "cut", "garbled", "missing"])
def test_a_view_that_does_not_hold_the_graphs_as_they_are_is_not_used(store, how):
    location = store.path
    store.close()
    _damage(view_path(location, WESTMINSTER), how)
    reader = open_store(location, read_only=True)
    try:
        q, cols, view, own = _from_view(reader, "recommendations", "Westminster")
        assert view is None
        # the catalogue still answers, from the store's graphs
        cols, answer = run(reader, "recommendations", {"authority": "Westminster"})
        assert len(answer) == len(own) > 30
        # another authority's view is untouched and used
        assert _from_view(reader, "recommendations", "Leicester")[2] is not None
    finally:
        reader.close()


def test_a_killed_writers_half_written_view_is_removed(store):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    debris = store.path / FOLDER / f".westminster.nq.{dead}.tmp"
    mine = store.path / FOLDER / f".leicester.nq.{os.getpid()}.tmp"
    debris.write_bytes(b"half a view")
    mine.write_bytes(b"a view being written")
    remove_debris(store.path)
    assert not debris.exists() and mine.exists()
    mine.unlink()


def test_a_build_writes_the_views_that_are_missing_or_stale(store):
    path = view_path(store.path, WESTMINSTER)
    written = path.read_bytes()
    _damage(path, "missing")
    _damage(view_path(store.path, BASE + "authority/leicester"), "stale")
    result = build(store, [p for p in sample_paths() if p.suffix == ".txt"])
    assert result.written == 0 and result.relinked == 0  # nothing else to do
    assert path.read_bytes() == written
    assert _from_view(store, "recommendations", "Leicester")[2] is not None
