"""A SPARQL 1.1 engine over HTTP (Oxigraph server, Fuseki, GraphDB, Virtuoso ...).

Only what every engine does the same is used: queries and updates as HTML-form POSTs (Virtuoso
7 hangs on a raw ``application/sparql-query`` body), SPARQL JSON results, N-Triples for graph
results. What engines do differently is checked, never assumed:

- the default graph must be the union of the named graphs (the catalogue queries have no
  GRAPH clause); an engine that keeps it apart is refused with the setting to change;
- the graphs inspectkg wrote are those carrying its digest stamp, so an engine's own graphs
  (Virtuoso's system graphs) or another data set on the same server are never read as ours;
- an engine that cuts a result short (Virtuoso's ``ResultSetMaxRows``) says so in a header:
  that is an error, never a silent partial answer; whole graphs are read in pages below it;
- one update request holds a graph's replacement, its triples in INSERT DATA blocks small
  enough for every engine (Virtuoso refuses very large single blocks).
"""

from __future__ import annotations

import itertools
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping, Sequence

import pyoxigraph as ox

from ...errors import QueryError, StoreError
from ...ontology.namespaces import PREFIXES
from .base import DIGEST, Term, _solutions, check_query

INSERT_BLOCK = 2000
"""Triples per INSERT DATA block of a graph replacement."""

PAGE = 5000
"""Rows per page when a whole graph is read."""

TIMEOUT_S = 300
_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")


class RemoteStore:
    """A SPARQL 1.1 endpoint: protocol queries and updates over HTTP."""

    def __init__(self, query_url: str, update_url: str | None = None) -> None:
        self.location = query_url
        self.query_url = query_url
        self.update_url = update_url or default_update_url(query_url)
        self._union_checked = False

    def _post(self, url: str, field: str, text: str, accept: str) -> bytes:
        body = urllib.parse.urlencode({field: text}).encode("utf-8")
        req = urllib.request.Request(
            url, data=body, method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
        )
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT_S) as resp:
                _check_complete(url, resp.headers)
                return resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            first = next((line.strip() for line in detail if line.strip()), "")
            raise StoreError(f"{url}: HTTP {exc.code} {first[:300]}".rstrip()) from None
        except urllib.error.URLError as exc:
            raise StoreError(f"{url}: cannot reach the SPARQL endpoint ({exc.reason})") from None
        except TimeoutError:
            raise StoreError(f"{url}: no answer within {TIMEOUT_S} s") from None

    def update(self, update: str) -> None:
        self._post(self.update_url, "update", update, "*/*")

    def replace(self, graphs: Mapping[str, bytes]) -> None:
        # one update request (the server runs it as one transaction); each graph dropped, then
        # inserted in blocks (engines such as Virtuoso refuse one huge INSERT DATA)
        ops: list[str] = []
        for graph, data in graphs.items():
            g = f"<{graph}>"
            ops.append(f"DROP SILENT GRAPH {g}")
            lines = [line for line in data.decode("utf-8").splitlines() if line.strip()]
            for at in range(0, len(lines), INSERT_BLOCK):
                block = "\n".join(lines[at:at + INSERT_BLOCK])
                ops.append(f"INSERT DATA {{ GRAPH {g} {{\n{block}\n}} }}")
        if ops:
            self.update(" ;\n".join(ops))

    def replace_graph(self, graph: str, ntriples: str) -> None:
        """One graph's content replaced (the older interface, kept for callers of it)."""
        self.replace({graph: ntriples.encode("utf-8")})

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
        _, rows = self.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g <{DIGEST}> ?d }} }}")
        return sorted(r["g"].value for r in rows if isinstance(r["g"], ox.NamedNode))

    def select(
        self, query: str, bindings: Mapping[str, Term] | None = None, *,
        graphs: Sequence[str] | None = None,  # a scope hint; the union answers the same
    ) -> tuple[list[str], list[dict[str, Term | None]]]:
        check_query(query, lambda: set(self.graphs()))
        if not self._union_checked:
            self._check_union_default_graph()
        return self._select(query, bindings)

    def _select(
        self, query: str, bindings: Mapping[str, Term] | None = None
    ) -> tuple[list[str], list[dict[str, Term | None]]]:
        text = _with_prefixes(bind_variables(query, bindings or {}))
        data = self._post(self.query_url, "query", text, "application/sparql-results+json")
        try:
            result = ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise QueryError(f"{self.query_url}: unreadable results ({exc})") from None
        form, distinct = _form(query)
        if form == "ASK" and isinstance(result, ox.QuerySolutions):
            # Virtuoso answers some ASK queries as a table of one 0/1 column
            yes = any(isinstance(t, ox.Literal) and t.value in ("1", "true")
                      for sol in result for t in sol)
            return ["ask"], [{"ask": ox.Literal(str(yes).lower(), datatype=_BOOLEAN)}]
        cols, rows = _solutions(result)
        rows = [{c: _canonical(t) for c, t in r.items()} for r in rows]
        return cols, (_distinct(cols, rows) if distinct else rows)

    def _check_union_default_graph(self) -> None:
        """Refuse an engine whose default graph is not the union of the named graphs.

        Settled by the first graph inspectkg finds (its stamp must show without GRAPH); until
        one exists, every query asks again, so a build into an empty server is checked too.
        """
        _, rows = self._select(
            f"SELECT ?g ?seen WHERE {{ GRAPH ?g {{ ?g <{DIGEST}> ?d }} "
            f"OPTIONAL {{ ?g <{DIGEST}> ?d . BIND(true AS ?seen) }} }} LIMIT 1"
        )
        if not rows:
            return
        if rows[0]["seen"] is None:
            raise StoreError(
                f"{self.query_url}: the endpoint's default graph is not the union of its named "
                "graphs, so queries would find nothing (Oxigraph: serve --union-default-graph; "
                "Fuseki: tdb2:unionDefaultGraph true; see the README)"
            )
        self._union_checked = True

    def quads(self) -> Iterator[ox.Quad]:
        # Graph by graph (only inspectkg's), in ordered pages below the row caps engines put on
        # one result (Virtuoso: 10000 by default, and it cuts CONSTRUCT results without a word).
        for g in self.graphs():
            name = ox.NamedNode(g)
            for at in itertools.count(0, PAGE):
                _, rows = self._select(
                    f"SELECT ?s ?p ?o WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }} "
                    f"ORDER BY ?s ?p ?o LIMIT {PAGE} OFFSET {at}"
                )
                for r in rows:
                    yield ox.Quad(r["s"], r["p"], r["o"], name)
                if len(rows) < PAGE:
                    break

    def close(self) -> None:
        return None


def default_update_url(query_url: str) -> str:
    """Where an engine takes updates, from its query URL, for the engines' usual layouts.

    ``.../ds/query`` or ``.../ds/sparql`` (Oxigraph, Fuseki) -> ``.../ds/update``; a root
    ``/sparql`` (Virtuoso) takes both; GraphDB's ``/repositories/ID`` -> ``.../statements``.
    Anything else: the query URL itself. ``$INSPECTKG_UPDATE_URL`` overrides all of this.
    """
    parts = urllib.parse.urlsplit(query_url)
    path = parts.path.rstrip("/")
    if re.fullmatch(r"/sparql", path, re.I):
        new = path
    elif re.search(r"/(query|sparql)$", path, re.I):
        new = re.sub(r"/(query|sparql)$", "/update", path, flags=re.I)
    elif re.search(r"/repositories/[^/]+$", path):
        new = path + "/statements"
    else:
        new = path
    return urllib.parse.urlunsplit(parts._replace(path=new))


def _check_complete(url: str, headers: object) -> None:
    """Virtuoso marks a result cut at its ResultSetMaxRows with these headers."""
    get = getattr(headers, "get", lambda _k, _d=None: None)
    cap = get("X-SPARQL-MaxRows")
    if cap or get("X-SQL-State") == "S1TAT":
        raise StoreError(
            f"{url}: the endpoint cut the result short"
            + (f" at {cap} rows" if cap else "")
            + " (raise its result limit: Virtuoso [SPARQL] ResultSetMaxRows)"
        )


def _form(query: str) -> tuple[str, bool]:
    """The query form (SELECT, ASK, CONSTRUCT, DESCRIBE) and whether the outer SELECT is
    DISTINCT: the first keyword after the prologue, outside strings, IRIs and comments."""
    text = _SKIP.sub(lambda m: "{" if m.group("brace") else " ", query)
    m = re.match(r"\s*(?:(?:PREFIX\s+[\w.-]*:|BASE)\s*)*(\w+)(\s+DISTINCT\b)?", text, re.I)
    return (m.group(1).upper(), bool(m.group(2))) if m else ("", False)


def _canonical(t: Term | None) -> Term | None:
    """Booleans in their canonical form: Virtuoso writes true as "1"^^xsd:boolean."""
    if isinstance(t, ox.Literal) and t.datatype == _BOOLEAN and t.value in ("0", "1"):
        return ox.Literal("true" if t.value == "1" else "false", datatype=_BOOLEAN)
    return t


def _distinct(
    cols: list[str], rows: list[dict[str, Term | None]]
) -> list[dict[str, Term | None]]:
    """Drop repeated rows, keeping the order. Virtuoso 7 lets identical rows through DISTINCT
    when a projected variable is unbound and the pattern matched more than once."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for row in rows:
        key = tuple("" if row[c] is None else str(row[c]) for c in cols)
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


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
