"""Where the graph lives: an embedded Oxigraph store on disk, or a SPARQL engine over HTTP.

Both speak the same small interface, so building, querying and exporting run unchanged against
the embedded default or an existing SPARQL 1.1 server (Oxigraph server, Fuseki, GraphDB ...).
"""

from __future__ import annotations

import hashlib
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from platformdirs import user_data_dir
from rdflib import Graph

from ..errors import QueryError, StoreError
from ..ontology.namespaces import IKG, PREFIXES

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


def open_store(location: str | Path | None = None, *, read_only: bool = False) -> Store:
    """The embedded store at a path (default location if None), or a remote SPARQL endpoint.

    A location starting with http:// or https:// is a SPARQL 1.1 endpoint (query URL; the
    update URL is the same with /update, or set $INSPECTKG_UPDATE_URL).
    """
    loc = str(location) if location is not None else str(default_store_path())
    if re.match(r"^https?://", loc):
        return RemoteStore(loc, os.environ.get("INSPECTKG_UPDATE_URL"))
    return EmbeddedStore(Path(loc), read_only=read_only)


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


class RemoteStore:
    """A SPARQL 1.1 endpoint: protocol queries and updates over HTTP."""

    def __init__(self, query_url: str, update_url: str | None = None) -> None:
        self.location = query_url
        self.query_url = query_url
        self.update_url = update_url or re.sub(r"/(?:query|sparql)?$", "", query_url) + "/update"

    def _post(self, url: str, body: str, content_type: str, accept: str) -> bytes:
        req = urllib.request.Request(
            url, data=body.encode("utf-8"), method="POST",
            headers={"Content-Type": content_type, "Accept": accept},
        )
        try:
            with urllib.request.urlopen(req, timeout=300) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(f"{url}: HTTP {exc.code} {detail[0] if detail else ''}") from None
        except urllib.error.URLError as exc:
            raise StoreError(f"{url}: cannot reach the SPARQL endpoint ({exc.reason})") from None

    def update(self, update: str) -> None:
        self._post(self.update_url, update, "application/sparql-update", "*/*")

    def replace_graph(self, graph: str, ntriples: str) -> None:
        g = f"<{graph}>"
        self.update(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{ntriples}\n}} }}")

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph}>")

    def graphs(self) -> list[str]:
        _, rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(r["g"].value for r in rows if r["g"] is not None)

    def select(
        self, query: str, bindings: Mapping[str, Term] | None = None
    ) -> tuple[list[str], list[dict[str, Term | None]]]:
        text = _with_prefixes(bind_variables(query, bindings or {}))
        data = self._post(
            self.query_url, text, "application/sparql-query",
            "application/sparql-results+json, application/n-triples;q=0.9",
        )
        try:
            result = ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise QueryError(f"{self.query_url}: unreadable results ({exc})") from None
        return _solutions(result)

    def quads(self) -> Iterator[ox.Quad]:
        # inspectkg writes only named graphs; the default graph of a server that queries the
        # union of named graphs holds nothing else, so it is not read twice.
        _, rows = self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for r in rows:
            yield ox.Quad(r["s"], r["p"], r["o"], r["g"])

    def close(self) -> None:
        return None


def _with_prefixes(query: str) -> str:
    """Declare inspectkg's prefixes a query uses but does not declare (servers need them)."""
    declared = {m.lower() for m in re.findall(r"PREFIX\s+([\w-]*):", query, re.I)}
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p.lower() not in declared]
    return "\n".join(lines) + "\n" + query


_SKIP = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*|(?P<brace>\{)"
)


def bind_variables(query: str, bindings: Mapping[str, Term]) -> str:
    """Bind variables with a VALUES block opening the query's WHERE group.

    Terms are written in their escaped N-Triples form, so a value can never add syntax to the
    query. This is for endpoints that cannot take bindings themselves; catalogue queries keep
    their parameters in the outer group so that it means the same as pyoxigraph's substitution.
    """
    if not bindings:
        return query
    for m in _SKIP.finditer(query):
        if m.group("brace"):
            names = " ".join(f"?{k}" for k in bindings)
            values = " ".join(str(v) for v in bindings.values())
            at = m.end()
            return f"{query[:at]} VALUES ({names}) {{ ({values}) }} {query[at:]}"
    raise QueryError("query has no group pattern to bind parameters in")


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
