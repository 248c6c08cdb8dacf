"""A SPARQL 1.1 engine over HTTP (Oxigraph server, Fuseki, GraphDB, Virtuoso ...)."""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping, Sequence

import pyoxigraph as ox

from ...errors import QueryError, StoreError
from ...ontology.namespaces import PREFIXES
from .base import Term, _solutions, check_query, insert_data


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

    def replace(self, graphs: Mapping[str, bytes]) -> None:
        # one update request: the server runs it as one transaction
        if graphs:
            self.update(" ;\n".join(insert_data(g, data) for g, data in graphs.items()))

    def load_new(self, nquads: Iterable[bytes]) -> bool:
        # no bulk path over the protocol: each chunk's graphs replaced in one request
        for chunk in nquads:
            by_graph: dict[str, list[ox.Triple]] = {}
            for q in ox.parse(chunk, format=ox.RdfFormat.N_QUADS):
                by_graph.setdefault(q.graph_name.value, []).append(q.triple)
            self.replace({g: ox.serialize(ts, format=ox.RdfFormat.N_TRIPLES)
                          for g, ts in by_graph.items()})
        return True

    def graphs(self) -> list[str]:
        _, rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(r["g"].value for r in rows if r["g"] is not None)

    def select(
        self, query: str, bindings: Mapping[str, Term] | None = None, *,
        graphs: Sequence[str] | None = None,  # a scope hint; the union answers the same
    ) -> tuple[list[str], list[dict[str, Term | None]]]:
        check_query(query, lambda: set(self.graphs()))
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


