"""The SPARQL 1.1 Protocol's query operation, read from an HTTP request, and the answer's format.

A query comes as ``?query=`` (GET), as a form field (POST ``application/x-www-form-urlencoded``)
or as the body (POST ``application/sparql-query``), with any ``default-graph-uri`` and
``named-graph-uri``. Updates, in whatever form, are refused with 403: the endpoint is read-only.
The format follows the Accept header, or a ``format`` / ``output`` parameter (what SPARQLWrapper
and browsers' links send), among what the query form can give.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header
from werkzeug.wrappers import Request

from ..queries.guard import is_update, keywords

FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"
READ_ONLY = "this endpoint is read-only: updates are refused"


class HttpError(Exception):
    """An answer that is not a result: a status and a one-line reason."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


@dataclass(frozen=True)
class QueryRequest:
    """What the client asked: the query text and the protocol's dataset parameters."""

    query: str
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    format: str | None = None


def read_request(request: Request) -> QueryRequest:
    """The query operation of a request, or an HttpError saying what is wrong with it."""
    args = request.args
    if request.method == "GET":
        fields = args
    elif request.method == "POST":
        kind = request.mimetype
        if kind == UPDATE_BODY:
            raise HttpError(403, READ_ONLY)
        if kind == FORM:
            fields = request.form
        elif kind == QUERY_BODY:
            try:
                body = request.get_data().decode(request.mimetype_params.get("charset", "utf-8"))
            except (UnicodeDecodeError, LookupError):
                raise HttpError(400, "the query body is not UTF-8 text") from None
            return _checked(body, args)
        else:
            raise HttpError(415, f"a POST must be {FORM} (a query field) or {QUERY_BODY} "
                                 f"(the query as the body), not {kind or 'untyped'}")
    else:
        raise HttpError(405, f"{request.method} is not a SPARQL query operation: use GET or POST",
                        {"Allow": "GET, POST"})
    if "update" in fields or "update" in args:
        raise HttpError(403, READ_ONLY)
    queries = fields.getlist("query")
    if not queries:
        raise HttpError(400, "no query: give it as ?query=..., as a form field named query, or "
                             f"as a POST body of type {QUERY_BODY}")
    if len(queries) > 1:
        raise HttpError(400, "more than one query parameter: send one query at a time")
    return _checked(queries[0], args, fields)


def _checked(text: str, args, fields=None) -> QueryRequest:
    if not text.strip():
        raise HttpError(400, "the query is empty")
    if is_update(text):
        raise HttpError(403, READ_ONLY)
    both = [args] + ([fields] if fields is not None and fields is not args else [])
    def many(name: str) -> list[str]:
        return [v for d in both for v in d.getlist(name)]
    fmt = next((v for name in ("format", "output") for v in many(name)), None)
    return QueryRequest(text, many("default-graph-uri"), many("named-graph-uri"), fmt)


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first word after the prologue (so a format the
    form cannot give is refused before the query runs)."""
    return next((w for w in keywords(text) if w not in ("PREFIX", "BASE")), "")


# ---- formats ---------------------------------------------------------------------------------
R = ox.QueryResultsFormat
G = ox.RdfFormat

# (media type offered, format, name for ?format=); the first is the default for */*.
RESULT_TYPES: list[tuple[str, R]] = [
    ("application/sparql-results+json", R.JSON), ("application/sparql-results+xml", R.XML),
    ("text/csv", R.CSV), ("text/tab-separated-values", R.TSV),
    ("application/json", R.JSON), ("application/xml", R.XML), ("text/xml", R.XML),
]
GRAPH_TYPES: list[tuple[str, G]] = [
    ("text/turtle", G.TURTLE), ("application/n-triples", G.N_TRIPLES),
    ("application/ld+json", G.JSON_LD), ("application/rdf+xml", G.RDF_XML),
    ("application/n-quads", G.N_QUADS), ("application/trig", G.TRIG), ("text/n3", G.N3),
    ("application/x-turtle", G.TURTLE), ("text/plain", G.N_TRIPLES),
    ("application/json", G.JSON_LD), ("application/xml", G.RDF_XML),
]
RESULT_NAMES = {"json": R.JSON, "xml": R.XML, "csv": R.CSV, "tsv": R.TSV}
GRAPH_NAMES = {"turtle": G.TURTLE, "ttl": G.TURTLE, "n3": G.TURTLE, "ntriples": G.N_TRIPLES,
               "nt": G.N_TRIPLES, "json-ld": G.JSON_LD, "jsonld": G.JSON_LD, "json": G.JSON_LD,
               "rdf": G.RDF_XML, "xml": G.RDF_XML, "rdfxml": G.RDF_XML, "nquads": G.N_QUADS,
               "trig": G.TRIG}


def choose(accept: str | None, fmt: str | None, graph: bool) -> R | G:
    """The format to answer in: ``format``/``output`` first, else the Accept header."""
    names = GRAPH_NAMES if graph else RESULT_NAMES
    offered = GRAPH_TYPES if graph else RESULT_TYPES
    what = "a CONSTRUCT or DESCRIBE result" if graph else "a SELECT or ASK result"
    if fmt:
        key = fmt.strip().lower()
        by_type = dict(offered)
        if key in names:
            return names[key]
        if key.split(";")[0] in by_type:
            return by_type[key.split(";")[0]]
        raise HttpError(400, f"format {fmt!r}: {what} comes as one of {', '.join(sorted(names))}")
    if not accept or not accept.strip():
        return offered[0][1]
    best = parse_accept_header(accept, MIMEAccept).best_match([t for t, _ in offered])
    if best is None:
        types = ", ".join(dict.fromkeys(t for t, _ in offered))
        raise HttpError(406, f"cannot answer {what} as {accept}: it comes as {types}")
    return dict(offered)[best]
