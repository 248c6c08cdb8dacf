"""Authority views: a copy of each authority's graphs beside the embedded store, for queries.

Why: a catalogue query about one authority runs over that authority's graphs only, but
Oxigraph evaluates every triple pattern once per graph of a default graph made of named graphs
(12-16 for an authority), which made those queries 10-20 times slower than the same query over
one in-memory store holding just those graphs as its union. So each relink also writes the
authority's graphs as one N-Quads file (``<store>/views/<slug>.nq``); a query loads it (and
the graphs that belong to no authority: ontology, organisations) into an in-memory store, kept
for the next query of the process.

Never wrong, only sometimes unused: the file's first line lists the digest of every graph in
it, and a query uses the view only when those are the digests the store holds now for that
authority; else it runs over the store's graphs as before. Files are written under a temporary
name and renamed, so a reader or a kill -9 sees a whole file or the old one.
"""

from __future__ import annotations

import json
import os
from collections import OrderedDict
from collections.abc import Callable, Mapping
from pathlib import Path

import pyoxigraph as ox

from .base import process_alive

FOLDER = "views"
_HEADER = b"# inspectkg authority view "
_GRAPH = b"# graph "
_KEEP = 8  # in-memory views a process keeps


def view_path(store_folder: Path, authority: str) -> Path:
    """The view file of an authority (named by the last segment of its IRI)."""
    slug = authority.rstrip("/").rsplit("/", 1)[-1]
    return store_folder / FOLDER / f"{slug}.nq"


def write_view(store_folder: Path, authority: str, digests: Mapping[str, str],
               nquads: Callable[[str], bytes]) -> None:
    """Write the view of an authority: its graphs' digests on the first line, then each
    graph's quads after a line naming it (no digests: the view goes). A graph the old view
    holds with the same digest is copied from it, not read from the store again (adding a
    report to an authority reads only the graphs that changed)."""
    path = view_path(store_folder, authority)
    if not digests:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(exist_ok=True)
    kept = _sections(path)
    parts = []
    for graph, digest in sorted(digests.items()):
        mark = _mark(graph, digest)
        parts.append(mark + (kept[mark] if mark in kept else nquads(graph)))
    body = b"".join(parts)
    header = json.dumps({"authority": authority, "graphs": dict(sorted(digests.items())),
                         "bytes": len(body)}, separators=(",", ":"))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as out:
        out.write(_HEADER + header.encode() + b"\n")
        out.write(body)
    os.replace(tmp, path)


def kept_graphs(store_folder: Path, authority: str,
                digests: Mapping[str, str]) -> dict[str, bytes]:
    """The graphs the authority's view holds with these digests, as N-Quads (a relink reads
    the graphs that did not change from the view, not from the store)."""
    kept = _sections(view_path(store_folder, authority))
    out = {}
    for graph, digest in digests.items():
        mark = _mark(graph, digest)
        if mark in kept:
            out[graph] = kept[mark]
    return out


def _mark(graph: str, digest: str) -> bytes:
    return _GRAPH + f"<{graph}> {digest}".encode() + b"\n"


def _sections(path: Path) -> dict[bytes, bytes]:
    """The graphs of a whole view file by the line that names them (nothing: no such file,
    or one that is not whole)."""
    try:
        whole = _whole(path.read_bytes())
    except OSError:
        return {}
    body = whole[1] if whole else b""
    if not body.startswith(_GRAPH):
        return {}
    out = {}
    for part in body[len(_GRAPH):].split(b"\n" + _GRAPH):
        mark, _, quads = part.partition(b"\n")
        out[_GRAPH + mark + b"\n"] = quads + b"\n" if quads and not quads.endswith(b"\n") \
            else quads
    return out


def remove_debris(store_folder: Path, name: str = FOLDER) -> None:
    """Temporary files a killed build left in one of the store's folders (views by default;
    only those of processes no longer running)."""
    folder = store_folder / name
    if not folder.is_dir():
        return
    for tmp in folder.glob(".*.tmp"):
        pid = tmp.name.rsplit(".", 2)[-2]
        if pid.isdigit() and not process_alive(int(pid)):
            tmp.unlink(missing_ok=True)


def read_digests(path: Path) -> dict[str, str] | None:
    """The digests a view file was written from (None: no file, or not a view)."""
    try:
        with open(path, "rb") as f:
            graphs = _header(f.readline()).get("graphs")
    except OSError:
        return None
    return graphs if isinstance(graphs, dict) else None


def _whole(data: bytes) -> tuple[dict, bytes] | None:
    """A view file's header and body, if the body is as long as the header says (else it was
    cut or damaged since it was written)."""
    first, _, body = data.partition(b"\n")
    header = _header(first)
    return (header, body) if header.get("bytes") == len(body) else None


def _header(line: bytes) -> dict:
    if not line.startswith(_HEADER):
        return {}
    try:
        header = json.loads(line[len(_HEADER):])
    except ValueError:
        return {}
    return header if isinstance(header, dict) else {}


class ViewCache:
    """In-memory stores of the views a process queried lately, each valid for the digests it
    was loaded with."""

    def __init__(self) -> None:
        self._stores: OrderedDict[tuple[str, str], ox.Store] = OrderedDict()

    def get(self, path: Path, digests: Mapping[str, str], shared_key: str,
            shared: Callable[[], bytes]) -> ox.Store | None:
        """The view at ``path`` with the ``shared`` graphs (N-Quads, read only when the view is
        loaded) beside it, if the file holds exactly ``digests``; None if it does not (stale,
        missing, unreadable)."""
        key = (f"{path}\n{json.dumps(dict(sorted(digests.items())))}", shared_key)
        if key in self._stores:
            self._stores.move_to_end(key)
            return self._stores[key]
        try:
            data = path.read_bytes()  # one file, old or new: it is replaced by a rename
            whole = _whole(data)
            if whole is None or whole[0].get("graphs") != dict(digests):
                return None  # damaged since it was written, or stale
            memory = ox.Store()
            beside = shared()
            if beside:
                memory.bulk_load(beside, format=ox.RdfFormat.N_QUADS)
            memory.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError, ValueError):
            return None
        self._stores[key] = memory
        while len(self._stores) > _KEEP:
            self._stores.popitem(last=False)
        return memory

