"""The embedded store: pyoxigraph's on-disk store (RocksDB), for one user on one machine.

Crash safety: every change to graphs is one RocksDB transaction (`replace`), so a reader, or
the store after kill -9, sees each graph as it was before or after, never half. A cold build
bulk-loads beside the empty store and swaps the finished folder in (`load_new`). Damaged files,
a folder that is not a store, or a store in use come back as one line (`StoreError`).
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from ...errors import QueryError, StoreError
from ...ontology.namespaces import PREFIXES
from . import views
from .base import DIGEST, Term, as_nquads, check_query, insert_data, process_alive, solutions
from .inline import inline_filters

T = TypeVar("T")
# A cold build's folder beside the store, swapped in when complete; left behind only by a kill.
_LOADING = ".loading-"
_MARKER = "INSPECTKG-LOADING"
# Files that every RocksDB folder holds.
_STORE_FILES = ("CURRENT", "IDENTITY")

PAIRS_FOLDER = "pairs"  # same-issue links by pair of reports: a cache, deleting it loses nothing


class EmbeddedStore:
    """pyoxigraph's on-disk store."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.location = str(path)
        self.read_only = read_only
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{path}: is a file, not a store folder")
        if self.path.is_dir() and any(self.path.iterdir()) and not is_store_folder(self.path):
            raise StoreError(
                f"{path}: not an inspectkg store (the folder holds other files); give a new or "
                "empty folder, or the folder `inspectkg build` made"
            )
        if read_only and not is_store_folder(self.path):
            raise StoreError(f"{path}: no store here yet (run `inspectkg build` first)")
        if not read_only:
            _remove_debris(self.path)
            views.remove_debris(self.path)
            views.remove_debris(self.path, PAIRS_FOLDER)
        self._store = self._open()
        self._views = views.ViewCache()

    @classmethod
    def in_memory(cls, nquads: bytes = b"") -> EmbeddedStore:
        """A store in memory holding some N-Quads: a worker's private copy of a few graphs,
        queried with the same code as the store on disk."""
        self = cls.__new__(cls)
        self.path = Path()
        self.location = ":memory:"
        self.read_only = False
        self._store = ox.Store()
        self._views = views.ViewCache()
        if nquads:
            self._store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        return self

    def _open(self) -> ox.Store:
        # a reader opened while a build compacts may find a file named by the store's manifest
        # already gone: it opens again (a fresh view); real damage stays after a few tries
        for attempt in range(5):
            try:
                if self.read_only:
                    return ox.Store.read_only(str(self.path))
                self.path.mkdir(parents=True, exist_ok=True)
                return ox.Store(str(self.path))
            except (OSError, RuntimeError) as exc:
                gone = "No such file" in str(exc) or ".sst" in str(exc)
                if self.read_only and gone and attempt < 4:
                    time.sleep(0.05)
                    continue
                raise StoreError(describe_failure(self.path, exc)) from None
        raise AssertionError("unreachable")

    # ---- writing ---------------------------------------------------------------------------
    def replace(self, graphs: Mapping[str, bytes]) -> None:
        if not graphs:
            return
        if not any(self._store.contains_named_graph(ox.NamedNode(g)) for g in graphs):
            # none there yet (a cold build's derived graphs, a new report): one transactional
            # load, twice as fast as the same quads parsed from a SPARQL update
            data = b"".join(as_nquads(g, nt) for g, nt in graphs.items() if nt)
            if data:
                self._guarded(lambda: self._store.load(data, format=ox.RdfFormat.N_QUADS))
            return
        update = " ;\n".join(filter(None, (self._change(g, data) for g, data in graphs.items())))
        if update:
            self._guarded(lambda: self._store.update(update))

    def _change(self, graph: str, ntriples: bytes) -> str:
        """The update that makes a graph hold these triples: only the triples that go and
        those that come, when the graph is there (a relink's derived graphs keep most of
        their triples: writing 16 MB of an authority's links and chains again took ~2.9 s, the
        difference ~0.6 s); the whole graph when it is new or either side may hold a blank node
        (DELETE DATA takes none, and a label says nothing about which node it was). Both sides
        are Oxigraph's N-Triples, one triple per line."""
        if (not ntriples.strip() or b"_:" in ntriples
                or not self._store.contains_named_graph(ox.NamedNode(graph))):
            return insert_data(graph, ntriples)
        dumped = self._guarded(lambda: self._store.dump(
            format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph)))
        if b"_:" in dumped:
            return insert_data(graph, ntriples)
        old, new = set(dumped.split(b"\n")), set(ntriples.split(b"\n"))
        old.discard(b"")
        new.discard(b"")
        gone, come = sorted(old - new), sorted(new - old)
        g = f"<{graph}>"
        parts = []
        for verb, lines in (("DELETE", gone), ("INSERT", come)):
            if lines:
                body = b"\n".join(lines).decode("utf-8")
                parts.append(f"{verb} DATA {{ GRAPH {g} {{\n{body}\n}} }}")
        return " ;\n".join(parts)

    def write_view(self, authority: str, graphs: Sequence[str]) -> None:
        """Write the view of an authority (`views`): its graphs as they are now (none: the
        view goes). Not for a store in memory."""
        if self.location == ":memory:":
            return
        views.write_view(self.path, authority, self.graph_digests(graphs), self._graph_nquads)

    def pairs_folder(self) -> Path | None:
        """Where the same-issue links of report pairs are kept beside the store (`links.pairs`;
        none for a store in memory)."""
        return None if self.location == ":memory:" else self.path / PAIRS_FOLDER

    def graphs_nquads(self, authority: str, graphs: Sequence[str]) -> bytes:
        """Some of an authority's graphs as N-Quads: those its view holds as they are now
        from the view, the others dumped from the store (~0.3 s for an authority of ten
        reports)."""
        kept = ({} if self.location == ":memory:"
                else views.kept_graphs(self.path, authority, self.graph_digests(graphs)))
        return b"".join(kept[g] if g in kept else self._graph_nquads(g) for g in graphs)

    def view_is_current(self, authority: str, graphs: Sequence[str]) -> bool:
        """Whether the authority's view file holds these graphs as they are now."""
        digests = self.graph_digests(graphs)
        return views.read_digests(views.view_path(self.path, authority)) == (digests or None)

    def graph_digests(self, graphs: Sequence[str]) -> dict[str, str]:
        """The digest each of these graphs is stamped with (unstamped ones left out)."""
        out = {}
        for graph in graphs:
            g = ox.NamedNode(graph)
            found = self._guarded(lambda g=g: next(iter(
                self._store.quads_for_pattern(g, ox.NamedNode(DIGEST), None, g)), None))
            if found is not None:
                out[graph] = found.object.value
        return out

    def _graph_nquads(self, graph: str) -> bytes:
        """One named graph's quads as N-Quads (dumped by Oxigraph, the graph name put on)."""
        return as_nquads(graph, self._guarded(lambda: self._store.dump(
            format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))))

    def is_empty(self) -> bool:
        return self._guarded(
            lambda: next(iter(self._store.quads_for_pattern(None, None, None, None)), None)
        ) is None

    def load_new(self, nquads: Iterable[bytes]) -> bool:
        """Bulk-load beside the store, then swap the loaded folder in (only if it is empty)."""
        if self.read_only or not self.is_empty():
            return False
        loading = self.path.parent / f".{self.path.name}{_LOADING}{os.getpid()}"
        shutil.rmtree(loading, ignore_errors=True)
        loading.mkdir(parents=True)
        (loading / _MARKER).write_text("a cold build of inspectkg in progress\n")
        try:
            fresh = ox.Store(str(loading))
            for chunk in nquads:
                if chunk:
                    fresh.bulk_load(chunk, format=ox.RdfFormat.N_QUADS)
            fresh.flush()
            del fresh
            (loading / _MARKER).unlink()
            self._store.flush()
            del self._store
            _exchange(loading, self.path)
        except BaseException:
            if not hasattr(self, "_store"):
                self._store = self._open()
            shutil.rmtree(loading, ignore_errors=True)
            raise
        shutil.rmtree(loading, ignore_errors=True)  # now the empty store that was swapped out
        self._store = self._open()
        return True

    def flush(self) -> None:
        if not self.read_only:
            self._guarded(self._store.flush)

    def optimize(self) -> None:
        """Compact the files after a bulk load so that queries read fewer of them."""
        if not self.read_only:
            self._guarded(self._store.optimize)

    # ---- reading ---------------------------------------------------------------------------
    def graphs(self) -> list[str]:
        return self._guarded(lambda: sorted(
            g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)
        ))

    def select(
        self, query: str, bindings: Mapping[str, Term] | None = None, *,
        graphs: Sequence[str] | None = None,
    ) -> tuple[list[str], list[dict[str, Term | None]]]:
        dataset = check_query(query, lambda: set(self.graphs()))
        subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        scope = [ox.NamedNode(g) for g in graphs] if graphs is not None else None

        def run() -> tuple[list[str], list[dict[str, Term | None]]]:
            if scope is not None and not dataset.given:
                result = _query(self._store, query, bindings, subs, default_graph=scope)
            else:
                result = _query(self._store, query, bindings, subs,
                                use_default_graph_as_union=not dataset.given)
            return solutions(result)

        try:
            return self._guarded(run)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {_first_line(str(exc))}") from None
        except ValueError as exc:
            raise QueryError(f"query failed: {exc}") from None

    def select_view(
        self, query: str, bindings: Mapping[str, Term] | None, authority: str,
        graphs: Mapping[str, str], shared: Mapping[str, str],
    ) -> tuple[list[str], list[dict[str, Term | None]]] | None:
        """A query over one authority's view (its ``graphs``, with the ``shared`` graphs that
        belong to no authority; each with the digest the store holds now): the answers the
        store's own graphs give, faster; None when the view does not hold those graphs as they
        are (the caller asks the store)."""
        if self.location == ":memory:" or check_query(query, lambda: set(self.graphs())).given:
            return None
        memory = self._views.get(
            views.view_path(self.path, authority), graphs, repr(sorted(shared.items())),
            lambda: b"".join(self._graph_nquads(g) for g in shared))
        if memory is None:
            return None
        subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        try:
            return solutions(_query(memory, query, bindings, subs,
                                    use_default_graph_as_union=True))
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {_first_line(str(exc))}") from None
        except ValueError as exc:
            raise QueryError(f"query failed: {exc}") from None

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad, streamed (an export of a national store does not hold them all)."""
        it = self._guarded(lambda: iter(self._store.quads_for_pattern(None, None, None, None)))
        while True:
            try:
                quad = next(it)
            except StopIteration:
                return
            except (OSError, RuntimeError) as exc:
                raise StoreError(describe_failure(self.path, exc)) from None
            yield quad

    def quads_of(self, graph: str, subject: ox.NamedNode | None = None,
                 predicate: ox.NamedNode | None = None,
                 obj: ox.NamedNode | ox.Literal | None = None) -> list[ox.Quad]:
        """Every quad of one named graph (with that subject, predicate, object if given)."""
        g = ox.NamedNode(graph)
        return self._guarded(
            lambda: list(self._store.quads_for_pattern(subject, predicate, obj, g)))

    def quads_with(self, predicate: ox.NamedNode, obj: ox.NamedNode | ox.Literal) -> list[ox.Quad]:
        """Every quad of any named graph with this predicate and object (one index lookup)."""
        return self._guarded(lambda: [
            q for q in self._store.quads_for_pattern(None, predicate, obj, None)
            if isinstance(q.graph_name, ox.NamedNode)])

    def close(self) -> None:
        if hasattr(self, "_store"):
            if not self.read_only:
                self._store.flush()
            del self._store

    def _guarded(self, fn: Callable[[], T]) -> T:
        """Run a store operation; a reader whose files a running build compacted away reopens
        (a fresh view, consistent as of now); damage comes back as one line."""
        for attempt in range(4):
            try:
                return fn()
            except (OSError, RuntimeError) as exc:
                vanished = "No such file" in str(exc) and self.read_only
                if vanished and attempt < 3:
                    self._store = self._open()
                    continue
                raise StoreError(describe_failure(self.path, exc)) from None
        raise AssertionError("unreachable")


def _query(store: ox.Store, query: str, bindings: Mapping[str, Term] | None,
           subs: dict[ox.Variable, Term], **dataset: object) -> object:
    """Run a query with its parameters substituted and written into its FILTERs (`inline`:
    what Oxigraph's planner needs to push them down); the query as given if that does not
    parse (its own error is the one to report)."""
    inlined = inline_filters(query, bindings or {})
    if inlined != query:
        try:
            return store.query(inlined, prefixes=PREFIXES, substitutions=subs, **dataset)
        except SyntaxError:
            pass
    return store.query(query, prefixes=PREFIXES, substitutions=subs, **dataset)


def is_store_folder(path: Path) -> bool:
    """A folder RocksDB made (inspectkg's embedded store), not any other folder."""
    return path.is_dir() and all((path / name).is_file() for name in _STORE_FILES)


def describe_failure(path: Path, exc: BaseException) -> str:
    """One line for a store that cannot be opened or read, instead of RocksDB's message."""
    text = str(exc)
    if "lock" in text.lower() and ("hold" in text.lower() or "unavailable" in text.lower()):
        return (f"{path}: the store is in use by another inspectkg process (a build?); "
                "wait for it to finish")
    if "Corruption" in text or "corrupt" in text.lower() or "No such file" in text:
        m = re.search(r"(\d+\.sst|\d+\.log|MANIFEST-\d+|CURRENT|OPTIONS-\d+)", text)
        which = f" ({m.group(1)})" if m else ""
        return (f"{path}: the store's files are damaged{which}; move the folder away and run "
                "`inspectkg build` to make it again")
    if isinstance(exc, PermissionError) or "Permission denied" in text:
        return f"{path}: no permission to use the store folder"
    return f"{path}: cannot use the store ({text.splitlines()[0][:120] if text else 'error'})"


def _remove_debris(path: Path) -> None:
    """Folders a killed cold build left beside the store (only ours: named and marked so)."""
    parent = path.parent
    if not parent.is_dir():
        return
    for p in parent.glob(f".{path.name}{_LOADING}*"):
        pid = p.name.rsplit("-", 1)[-1]
        if pid.isdigit() and process_alive(int(pid)) and int(pid) != os.getpid():
            continue
        if (p / _MARKER).exists() or is_store_folder(p):
            shutil.rmtree(p, ignore_errors=True)


def _exchange(new: Path, current: Path) -> None:
    """Put ``new`` where ``current`` is in one step (Linux renameat2 RENAME_EXCHANGE), leaving
    the old folder at ``new``; two renames where the system cannot exchange."""
    if not current.exists():
        os.rename(new, current)
        new.mkdir()
        return
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        at_fdcwd, rename_exchange = -100, 2
        if renameat2(at_fdcwd, os.fsencode(new), at_fdcwd, os.fsencode(current),
                     rename_exchange) == 0:
            return
    aside = new.with_name(new.name + "-old")
    os.rename(current, aside)
    os.rename(new, current)
    os.rename(aside, new)


def _first_line(message: str) -> str:
    """Oxigraph's syntax errors list every expected token over several lines; keep the gist."""
    line = message.splitlines()[0] if message else "syntax error"
    return line.split(" expected one of")[0].rstrip(":") + (
        " (unexpected token)" if "expected one of" in line else ""
    )
