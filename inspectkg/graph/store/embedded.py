"""The embedded store: pyoxigraph's on-disk store, for one user on one machine."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox

from ...errors import QueryError, StoreError
from ...ontology.namespaces import PREFIXES
from .base import Term, _solutions


class EmbeddedStore:
    """pyoxigraph's on-disk store."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.location = str(path)
        self.read_only = read_only
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path}: is a file, not a store folder")
        try:
            if read_only:
                if not path.exists():
                    raise StoreError(f"{path}: no store here yet (run `inspectkg build` first)")
                self._store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the store ({exc})") from None

    def replace_graph(self, graph: str, ntriples: str) -> None:
        # The new content is loaded beside the old graph, then moved over it in one update
        # (one transaction): the old graph is never half-replaced or lost.
        staging = ox.NamedNode(graph + "#staging")
        self._store.update(f"DROP SILENT GRAPH <{staging.value}>")
        self._store.load(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=staging)
        self._store.update(f"MOVE SILENT GRAPH <{staging.value}> TO <{graph}>")

    def drop_graph(self, graph: str) -> None:
        self._store.update(f"DROP SILENT GRAPH <{graph}>")

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def select(
        self, query: str, bindings: Mapping[str, Term] | None = None
    ) -> tuple[list[str], list[dict[str, Term | None]]]:
        subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        try:
            result = self._store.query(
                query, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=subs
            )
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {_first_line(str(exc))}") from None
        except (RuntimeError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from None
        return _solutions(result)

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._store.quads_for_pattern(None, None, None, None))

    def close(self) -> None:
        if not self.read_only:
            self._store.flush()
        del self._store


def _first_line(message: str) -> str:
    """Oxigraph's syntax errors list every expected token over several lines; keep the gist."""
    line = message.splitlines()[0] if message else "syntax error"
    return line.split(" expected one of")[0].rstrip(":") + (
        " (unexpected token)" if "expected one of" in line else ""
    )


