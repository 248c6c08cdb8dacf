"""Crash safety of the build: a reader in another process during a build, kill -9 at random
moments of a build, and a store left by an older inspectkg (staging graph, half-written report,
one graph for all links) healed by the next build."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from inspectkg.graph.build import build
from inspectkg.graph.ingest.state import read_state
from inspectkg.graph.iris import Minter
from inspectkg.graph.mapping import canonical_ntriples, digest
from inspectkg.graph.store import DIGEST, EmbeddedStore, open_store
from inspectkg.graph.validate import validate_store
from inspectkg.queries import run, value
from inspectkg.samples import sample_paths

BASE = "https://w3id.org/inspectkg/id/"
W2002 = BASE + "report/westminster-2002-lea-inspection"
STAMPS = ("graphDigest", "sourceKey", "buildSummary")

# A build in its own process, saying on stdout when each file is done.
WRITER = """
import sys
from pathlib import Path
from inspectkg.graph.build import build
from inspectkg.graph.store import open_store
from inspectkg.samples import sample_paths
store = open_store(sys.argv[1])
rounds, files = int(sys.argv[2]), sys.argv[3:]
for n in range(rounds):
    build(store, [files[n % len(files)]] if rounds > 1 else files,
          progress=lambda i, t, p: print("done", p.name, flush=True))
    print("built", n, flush=True)
store.close()
"""


def _writer(store: Path, rounds: int, files: list[Path]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store), str(rounds), *map(str, files)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _graph_state(store: EmbeddedStore, graph: str) -> tuple[str | None, str]:
    """(the digest the graph is stamped with, the digest of what it holds)."""
    quads = store.quads_of(graph)
    stamp = [q.object.value for q in quads if q.predicate.value == DIGEST]
    content = {q.triple for q in quads if not any(s in q.predicate.value for s in STAMPS)}
    return (stamp[0] if len(stamp) == 1 else None), digest(canonical_ntriples(content))


def _renamed(folder: Path, names: list[str]) -> list[Path]:
    """The text samples under other authorities' names: reports the store does not hold yet."""
    out = []
    for name in names:
        for path in sample_paths():
            if path.suffix != ".txt":
                continue
            text = re.sub("westminster|leicester", name, path.read_text(encoding="utf-8"),
                          flags=re.I)
            target = folder / f"{name.lower()}-{path.name}"
            target.write_text(text, encoding="utf-8")
            out.append(target)
    return out


def test_a_reader_during_builds_never_sees_half_a_report(tmp_path, westminster_2002):
    path = tmp_path / "kg"
    store = open_store(path)
    build(store, [westminster_2002])
    store.close()
    other = tmp_path / "w2002-revised.txt"  # the same report, other judgements: other content
    other.write_text(westminster_2002.read_text(encoding="utf-8").replace(" good", " poor"),
                     encoding="utf-8")
    writer = _writer(path, 8, [other, westminster_2002])
    seen: set[str] = set()
    reads = 0
    try:
        while writer.poll() is None or reads == 0:
            reader = EmbeddedStore(path, read_only=True)
            stamp, content = _graph_state(reader, W2002)
            assert stamp == content, "a report graph whose content is not what it was stamped"
            seen.add(content)
            _, rows = run(reader, "SELECT (COUNT(?p) AS ?n) WHERE { ?p a ikg:Paragraph ; "
                                  f"ikg:report <{W2002}> }}")
            assert value(rows[0]["n"]) == "172"  # never twice (no staging graph in the union)
            assert not [g for g in reader.graphs() if g.endswith("#staging")]
            reader.close()
            reads += 1
    finally:
        out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    assert out.count("built") == 8
    assert reads >= 3 and len(seen) >= 1


def _kill_during(path: Path, files: list[Path], after_lines: int, delay: float) -> None:
    writer = _writer(path, 1, files)
    lines = 0
    while lines < after_lines:
        line = writer.stdout.readline()
        if not line:
            break
        lines += 1
    time.sleep(delay)
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)


def test_kill_9_during_a_build_keeps_every_earlier_report(tmp_path):
    path = tmp_path / "kg"
    store = open_store(path)
    build(store)
    before = {g: _graph_state(store, g) for g in store.graphs() if "/report/" in g}
    assert len(before) == len(sample_paths())
    store.close()
    folder = tmp_path / "more"
    folder.mkdir()
    files = _renamed(folder, ["Camden", "Hackney", "Islington"])
    rng = random.Random(11)
    for _ in range(4):
        _kill_during(path, files, rng.randint(0, len(files)), rng.uniform(0, 0.8))
        store = open_store(path)
        state = read_state(store, Minter())
        assert state.staging == [] and state.half_written == []
        for graph, (stamp, content) in before.items():
            assert _graph_state(store, graph) == (stamp, content)  # intact, as it was
        for graph in state.stamps:  # whatever was written is whole
            assert _graph_state(store, graph)[0] == _graph_state(store, graph)[1]
        store.close()
    store = open_store(path)
    result = build(store, files)
    assert not result.failed
    held = len([g for g in store.graphs() if "/report/" in g])
    assert held == len(sample_paths()) + len(files)
    report = validate_store(store)
    assert report.store_problems == []
    assert report.conforms, report.text()
    store.close()


def test_kill_9_during_a_cold_build_leaves_nothing_half_done(tmp_path):
    path = tmp_path / "kg"
    folder = tmp_path / "more"
    folder.mkdir()
    files = _renamed(folder, ["Camden", "Hackney"])
    _kill_during(path, files, 3, 0.1)
    debris = [p for p in tmp_path.iterdir() if ".loading-" in p.name]
    if path.exists():  # killed before the swap: the store is still empty, or whole after it
        store = open_store(path)
        state = read_state(store, Minter())
        assert state.half_written == [] and state.staging == []
        assert len(state.stamps) in (0, len(files))
        store.close()
    store = open_store(path)  # opening to build removes what the killed build left beside it
    assert not [p for p in tmp_path.iterdir() if ".loading-" in p.name]
    result = build(store, files)
    assert not result.failed and len(store.graphs()) > len(files)
    store.close()
    assert debris or True  # (whether the kill left a loading folder depends on its moment)


def test_a_store_left_by_the_old_code_is_healed_and_validate_says_so(tmp_path):
    path = tmp_path / "kg"
    store = open_store(path)
    build(store)
    leicester = BASE + "report/leicester-2001-lea-inspection"
    raw = store._store  # what the old code left, made with the engine itself
    staging = ox.NamedNode(W2002 + "#staging")
    raw.extend([ox.Quad(q.subject, q.predicate, q.object, staging) for q in store.quads_of(W2002)])
    for q in store.quads_of(leicester):
        if q.predicate.value == DIGEST:
            raw.remove(q)  # a report graph without its stamp: half-written
    old_links = ox.NamedNode(BASE + "graph/links/inferred")
    raw.add(ox.Quad(ox.NamedNode(BASE + "link/x"), ox.NamedNode(DIGEST), ox.Literal("x"),
                    old_links))
    _, rows = run(store, f"SELECT (COUNT(?p) AS ?n) WHERE {{ ?p a ikg:Paragraph ; "
                         f"ikg:report <{W2002}> }}")
    assert value(rows[0]["n"]) == "688"  # the fault of issue 10: each paragraph counted 4 times
    report = validate_store(store)
    assert not report.conforms
    problems = "\n".join(report.store_problems)
    assert "staging graph" in problems and W2002 + "#staging" in problems
    assert "half-written" in problems and leicester in problems
    assert "old layout" in problems and str(old_links.value) in problems
    assert "the next `inspectkg build` heals it" in report.text()

    result = build(store)
    assert len(result.repaired) == 3
    _, rows = run(store, f"SELECT (COUNT(?p) AS ?n) WHERE {{ ?p a ikg:Paragraph ; "
                         f"ikg:report <{W2002}> }}")
    assert value(rows[0]["n"]) == "172"
    assert old_links.value not in store.graphs() and staging.value not in store.graphs()
    assert _graph_state(store, leicester)[0] == _graph_state(store, leicester)[1]
    report = validate_store(store)
    assert report.store_problems == [] and report.conforms, report.text()
    store.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_a_loader_that_hangs_fails_alone_after_the_time_limit(tmp_path, westminster_apa_2006):
    from inspectkg.loaders import _LOADERS, register

    class Hangs:
        kind, label = "hangs", "a loader that never returns"

        def detect(self, text: str) -> float:
            if "HANG HERE" in text:
                time.sleep(3600)
            return 0.0

        def read(self, text: str, source: str):  # pragma: no cover - never reached
            raise AssertionError

    register(Hangs())
    try:
        bad = tmp_path / "odd.txt"
        bad.write_text("HANG HERE\n" + "Some words of an odd file.\n" * 40, encoding="utf-8")
        store = open_store(tmp_path / "kg")
        started = time.monotonic()
        result = build(store, [bad, westminster_apa_2006], timeout=2.0)
        assert time.monotonic() - started < 60
        failed = {Path(f.path).name: f.message for f in result.failed}
        assert list(failed) == ["odd.txt"] and "gave up after 2 s" in failed["odd.txt"]
        assert [Path(f.path).name for f in result.loaded] == [westminster_apa_2006.name]
        store.close()
    finally:
        _LOADERS.pop("hangs", None)


def test_replacing_a_graph_leaves_exactly_its_new_triples(tmp_path):
    """A graph already there is rewritten as the triples that go and come (one update): what
    stays, what goes, what comes, blank nodes, an emptied graph, and the graphs beside it."""
    store = open_store(tmp_path / "kg")
    ex = "https://example.org/"

    def t(s, p, o):
        return ox.Triple(ox.NamedNode(ex + s), ox.NamedNode(ex + p),
                         o if isinstance(o, (ox.Literal, ox.BlankNode)) else ox.NamedNode(ex + o))

    def held(graph):
        return {q.triple for q in store.quads_of(ex + graph)}

    a = {t("a", "p", "b"), t("a", "q", ox.Literal("x \" y\n", language="en")), t("c", "p", "d")}
    b = {t("b", "p", "c")}
    store.replace({ex + "g1": canonical_ntriples(a), ex + "g2": canonical_ntriples(b)})
    assert held("g1") == a and held("g2") == b

    a2 = {t("a", "p", "b"), t("e", "p", ox.Literal("new")), t("a", "r", ox.Literal("2"))}
    store.replace({ex + "g1": canonical_ntriples(a2), ex + "g2": canonical_ntriples(b)})
    assert held("g1") == a2 and held("g2") == b

    blank = {t("a", "p", ox.BlankNode("n1")), t("a", "p", "b")}
    store.replace({ex + "g1": canonical_ntriples(blank)})
    assert len(held("g1")) == 2 and t("a", "p", "b") in held("g1")
    store.replace({ex + "g1": canonical_ntriples(blank)})  # again: still one blank node
    assert len(held("g1")) == 2 and t("a", "p", "b") in held("g1")
    store.replace({ex + "g1": canonical_ntriples(a)})  # old triples with a blank node go too
    assert held("g1") == a

    store.replace({ex + "g1": b"", ex + "g2": canonical_ntriples(b)})
    assert held("g1") == set() and held("g2") == b
    store.close()
