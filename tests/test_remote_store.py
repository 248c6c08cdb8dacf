"""The same build, queries and trace against a SPARQL 1.1 server (Oxigraph server over HTTP)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from inspectkg.errors import StoreError
from inspectkg.graph.build import build
from inspectkg.graph.store import RemoteStore, open_store
from inspectkg.graph.trace import trace
from inspectkg.queries import run, value

SERVER = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def remote():
    if not Path(SERVER).exists():
        pytest.skip("the oxigraph server command is not installed (pip install oxigraph)")
    port = _free_port()
    proc = subprocess.Popen(
        [SERVER, "serve", "--union-default-graph", "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    store = open_store(url + "/query")
    assert isinstance(store, RemoteStore)
    result = build(store)
    assert not result.failed
    yield store
    proc.terminate()
    proc.wait(timeout=10)


def test_remote_holds_the_same_quads_as_embedded(remote, built_store):
    assert {str(q) for q in remote.quads()} == {str(q) for q in built_store.quads()}


def _plain(row, columns) -> dict[str, str]:
    """A row as text; GROUP_CONCAT lists compared as sets (SPARQL leaves their order open)."""
    return {c: "; ".join(sorted(value(row[c]).split("; "))) for c in columns}


def test_named_queries_and_trace_run_unchanged(remote, built_store):
    for name, params in [("counts", {}), ("recommendations", {"authority": "Westminster",
                                                              "service": "attendance"}),
                         ("rag-summary", {}), ("open-recommendations", {"authority": "leicester"})]:
        cols_r, rows_r = run(remote, name, params)
        cols_e, rows_e = run(built_store, name, params)
        assert cols_r == cols_e
        assert [_plain(r, cols_r) for r in rows_r] == [_plain(r, cols_e) for r in rows_e], name
    one = [c.to_dict() for c in trace(remote, authority="Westminster")]
    two = [c.to_dict() for c in trace(built_store, authority="Westminster")]
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)


def test_remote_parameters_cannot_inject(remote):
    before = len(list(remote.quads()))
    _, rows = run(remote, "recommendations", {"authority": 'x" ) } } ; DROP ALL ; #'})
    assert rows == []
    assert len(list(remote.quads())) == before


def test_unreachable_endpoint_is_one_line():
    store = open_store("http://127.0.0.1:9/query")
    with pytest.raises(StoreError, match="cannot reach the SPARQL endpoint"):
        store.select("ASK {}")
