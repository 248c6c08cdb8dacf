"""What inspectkg needs from a quad store, and the helpers every store shares."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox
from platformdirs import user_data_dir

from ...ontology.namespaces import IKG

if TYPE_CHECKING:
    from ...queries.guard import Dataset

STORE_ENV = "INSPECTKG_STORE"

Term = ox.NamedNode | ox.BlankNode | ox.Literal

# The stamp a report's graph carries once it is complete: ``<graph> ikg:graphDigest "sha256"``.
DIGEST = str(IKG.graphDigest)


def default_store_path() -> Path:
    """The embedded store's folder: $INSPECTKG_STORE, else the user data folder."""
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env)
    return Path(user_data_dir("inspectkg", appauthor=False)) / "store"


class Store(Protocol):
    """What inspectkg needs from a quad store."""

    location: str

    def replace(self, graphs: Mapping[str, bytes]) -> None:
        """In ONE transaction, each named graph's old quads out and the given N-Triples in
        (empty bytes: the graph is dropped). A reader sees every graph old or new, never half."""
        ...

    def load_new(self, nquads: Iterable[bytes]) -> bool:
        """Bulk-load N-Quads into a store that holds nothing yet, readers seeing nothing until
        it is done; False (and nothing done) if the store is not empty: use `replace`."""
        ...

    def graphs(self) -> list[str]: ...

    def select(
        self, query: str, bindings: Mapping[str, Term] | None = None, *,
        graphs: Sequence[str] | None = None,
    ) -> tuple[list[str], list[dict[str, Term | None]]]:
        """Run a SELECT (or ASK) query; the variables and one dict per solution.

        ``graphs``: the query's default graph is these named graphs only, not the union of all
        (the same answers when every triple the query needs is in them, found without looking
        through the rest of a big store); an engine may ignore it.

        Refuses SERVICE, updates, and FROM / FROM NAMED of graphs the store does not hold
        (`inspectkg.queries.guard`): a query never reaches the network.
        """
        ...

    def quads(self) -> Iterator[ox.Quad]: ...

    def close(self) -> None: ...


def solutions(result: object) -> tuple[list[str], list[dict[str, Term | None]]]:
    """Query results as the variables and one dict per solution."""
    if isinstance(result, ox.QueryBoolean):
        return ["ask"], [{"ask": ox.Literal(str(bool(result)).lower(), datatype=_XSD_BOOL)}]
    if isinstance(result, ox.QueryTriples):
        rows = [{"s": t.subject, "p": t.predicate, "o": t.object} for t in result]
        return ["s", "p", "o"], rows
    variables = [v.value for v in result.variables]
    rows = [{v: sol[v] for v in variables} for sol in result]
    return variables, rows


_solutions = solutions  # the name remote.py uses
_XSD_BOOL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")


def insert_data(graph: str, ntriples: bytes) -> str:
    """The SPARQL update that replaces a graph's content: drop it, insert the triples.

    N-Triples lines are valid SPARQL triples with the same escapes, so the text is inserted as
    the serialiser wrote it (no value can add syntax: it is escaped N-Triples).
    """
    g = f"<{graph}>"
    if not ntriples.strip():
        return f"DROP SILENT GRAPH {g}"
    body = ntriples.decode("utf-8")
    return f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}"


def check_query(query: str, graphs: Callable[[], set[str]]) -> Dataset:
    """The query's FROM / FROM NAMED dataset after the network guard (see `Store.select`);
    ``graphs`` lists the store's named graphs and is called only when the query has FROM."""
    from ...ontology.namespaces import PREFIXES
    from ...queries.guard import check

    return check(query, graphs, PREFIXES)


def as_nquads(graph: str, ntriples: bytes) -> bytes:
    """N-Triples lines put in a graph: ``<s> <p> <o> .`` -> ``<s> <p> <o> <g> .``."""
    tail = f" <{graph}> .".encode()
    return b"".join(line[:-2] + tail + b"\n" for line in ntriples.split(b"\n") if line)


def process_alive(pid: int) -> bool:
    """Whether a process runs (one that left files behind, say)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
