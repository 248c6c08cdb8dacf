"""What inspectkg needs from a quad store, and the helpers every store shares."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from platformdirs import user_data_dir
from rdflib import Graph

from ...ontology.namespaces import IKG

STORE_ENV = "INSPECTKG_STORE"

Term = ox.NamedNode | ox.BlankNode | ox.Literal


def default_store_path() -> Path:
    """The embedded store's folder: $INSPECTKG_STORE, else the user data folder."""
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env)
    return Path(user_data_dir("inspectkg", appauthor=False)) / "store"


class Store(Protocol):
    """What inspectkg needs from a quad store."""

    location: str

    def replace_graph(self, graph: str, ntriples: str) -> None:
        """Atomically replace a named graph's content with the given N-Triples."""
        ...

    def drop_graph(self, graph: str) -> None: ...

    def graphs(self) -> list[str]: ...

    def select(
        self, query: str, bindings: Mapping[str, Term] | None = None
    ) -> tuple[list[str], list[dict[str, Term | None]]]:
        """Run a SELECT (or ASK) query; the variables and one dict per solution."""
        ...

    def quads(self) -> Iterator[ox.Quad]: ...

    def close(self) -> None: ...


def _solutions(result: object) -> tuple[list[str], list[dict[str, Term | None]]]:
    if isinstance(result, ox.QueryBoolean):
        return ["ask"], [{"ask": ox.Literal(str(bool(result)).lower(), datatype=_XSD_BOOL)}]
    if isinstance(result, ox.QueryTriples):
        rows = [{"s": t.subject, "p": t.predicate, "o": t.object} for t in result]
        return ["s", "p", "o"], rows
    variables = [v.value for v in result.variables]
    rows = [{v: sol[v] for v in variables} for sol in result]
    return variables, rows


_XSD_BOOL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")


DIGEST = str(IKG.graphDigest)


def to_ntriples(graph: Graph) -> str:
    """N-Triples of a graph, sorted so that identical graphs give identical text."""
    data = graph.serialize(format="nt")
    return "\n".join(sorted(line for line in data.splitlines() if line.strip()))


def write_graph(store: Store, graph_iri: str, graph: Graph) -> bool:
    """Replace a named graph with this content unless it already holds exactly it.

    The graph carries the digest of its content (``<graph> ikg:graphDigest "..."``), so a
    rebuild of unchanged reports writes nothing. True if the graph was written.
    """
    text = to_ntriples(graph)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    stamp = f'<{graph_iri}> <{DIGEST}> "{digest}" .'
    _, rows = store.select(f"ASK {{ GRAPH <{graph_iri}> {{ {stamp[:-2]} }} }}")
    if rows and rows[0]["ask"] is not None and rows[0]["ask"].value == "true":
        return False
    store.replace_graph(graph_iri, f"{text}\n{stamp}")
    return True
