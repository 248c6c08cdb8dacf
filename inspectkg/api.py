"""The library: one function per CLI command, usable from Python and notebooks.

    >>> import inspectkg
    >>> result = inspectkg.build()                      # the bundled sample reports
    >>> cols, rows = inspectkg.query("recommendations", {"authority": "Westminster"})
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from .graph.build import BuildResult, read_report
from .graph.build import build as _build
from .graph.store import Store, open_store
from .loaders.records import Report


def parse(path: str | Path, *, classify: bool = True) -> Report:
    """Read one report file into records (kind detected from its content)."""
    if classify:
        return read_report(path)[0]
    from .loaders import parse as load

    return load(path)


def parse_dict(path: str | Path) -> dict[str, Any]:
    """What `inspectkg parse` prints: the records as a JSON-ready dictionary."""
    report = parse(path)
    data = report.to_dict()
    from .graph.authorities import default_register

    auth = default_register().resolve(report.authority, report.date)
    _add_ranks(data)
    if auth is not None:
        row = auth.row
        data["authority_resolved"] = {
            "slug": auth.slug,
            "name": auth.name,
            "in_register": auth.in_register,
            "la_number": row.la_number if row else None,
            "gss_code": row.gss_code if row else None,
        }
    return data


def _add_ranks(data: dict[str, Any]) -> None:
    """Each grade of the judgement table with its rank on the shared 1-4 scale (4 best)."""
    from .graph.grades import grade_concept
    from .graph.mapping import GRADE_SCHEMES

    scheme = GRADE_SCHEMES.get(data.get("kind", ""))
    if scheme is None:
        return
    for grade in data.get("grades") or []:
        concept = grade_concept(grade.get("grade"), scheme)
        grade["rank"] = concept.rank if concept is not None else None


def build(
    paths: Iterable[str | Path] | None = None,
    *,
    store: str | Path | Store | None = None,
    base: str | None = None,
    progress: Callable[[int, int, Path], None] | None = None,
    jobs: int | None = None,
) -> BuildResult:
    """Load reports (default: the bundled samples; a folder: every file in it) into the store;
    ``jobs`` worker processes read the files and link the authorities (default: one per core)."""
    with _opened(store) as s:
        return _build(s, paths, base=base, progress=progress, jobs=jobs)


def query(
    query: str,
    params: Mapping[str, str] | None = None,
    *,
    store: str | Path | Store | None = None,
    terms: bool = False,
) -> tuple[list[str], list[dict[str, Any]]]:
    """Run a named query, a .rq file or SPARQL text; the variables and the solutions.

    Values come as Python values (str for IRIs and text, int / Decimal / float, bool,
    datetime.date, None where unbound); ``terms=True`` gives the pyoxigraph terms instead.
    Names in the parameters (``authority``, ``service``, ``recommendation``) are resolved the
    way every command resolves them: an unknown one raises `UnknownName` with suggestions.
    """
    from .graph.resolve import params as resolved
    from .queries import resolve, run, to_python

    q = resolve(query)
    with _opened(store, read_only=True) as s:
        columns, rows = run(s, q, resolved(s, q, params or {}))
    if terms:
        return columns, rows
    return columns, [{k: to_python(v) for k, v in r.items()} for r in rows]


def export(
    fmt: str | None = None,
    out: str | Path | None = None,
    *,
    store: str | Path | Store | None = None,
) -> str:
    """Serialise the whole store (ttl, nt, nq, trig, jsonld; graphml, gexf for network tools)
    to a file or return it. The format is told by ``out``'s extension when ``fmt`` is None (a
    ``fmt`` that disagrees with it is refused); never written inside a store's folder."""
    from .graph.export import choose_format, export_rdf, write
    from .graph.output import refuse_store
    from .graph.views import NETWORK_FORMATS, export_network

    fmt = choose_format(fmt, out)
    if out is not None:
        refuse_store(out)
    with _opened(store, read_only=True) as s:
        text = export_network(s, fmt) if fmt in NETWORK_FORMATS else export_rdf(s, fmt)
    if out is not None:
        write(text, out)
    return text


def browse(
    out: str | Path,
    *,
    authority: str | None = None,
    service: str | None = None,
    recommendation: str | None = None,
    max_nodes: int | None = None,
    store: str | Path | Store | None = None,
) -> Any:
    """Write interactive, offline HTML views (overview, timelines, a recommendation's chain)
    and an index page to the folder ``out``; what was written (a ``BrowseResult``)."""
    from .graph.views import MAX_NODES
    from .graph.views import browse as _browse

    with _opened(store, read_only=True) as s:
        return _browse(s, out, authority=authority, service=service,
                       recommendation=recommendation, max_nodes=max_nodes or MAX_NODES)


def trace(
    authority: str | None = None,
    *,
    service: str | None = None,
    recommendation: str | None = None,
    store: str | Path | Store | None = None,
    inferred: bool = True,
    min_score: float = 0.0,
) -> list[Any]:
    """Each recommendation with what later reports say became of it, in date order."""
    from .graph.trace import trace as _trace

    with _opened(store, read_only=True) as s:
        return _trace(s, authority=authority, service=service, recommendation=recommendation,
                      inferred=inferred, min_score=min_score)


def services(
    authority: str | None = None,
    *,
    store: str | Path | Store | None = None,
    terms: bool = False,
) -> tuple[list[str], list[dict[str, Any]]]:
    """The service scheme with how many items each concept holds per authority."""
    params = {"authority": authority} if authority else {}
    return query("services", params, store=store, terms=terms)


def validate(*, store: str | Path | Store | None = None) -> Any:
    """Check the graph against the SHACL shapes."""
    from .graph.validate import validate_store

    with _opened(store, read_only=True) as s:
        return validate_store(s)


def serve(
    *,
    store: str | Path | None = None,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: int = 30,
    max_results: int = 10_000,
    ready: Callable[[Any], None] | None = None,
) -> None:
    """Serve the embedded store as a read-only SPARQL 1.1 endpoint (with the editor and the
    browse pages) until interrupted; ``inspectkg.serve.start`` runs one in the background."""
    from .serve import serve as _serve

    _serve(store, host=host, port=port, timeout=timeout, max_results=max_results, ready=ready)


class _opened:
    """Open a store from a path (or take an open one) and close it if we opened it."""

    def __init__(self, store: str | Path | Store | None, *, read_only: bool = False) -> None:
        self._given = store if not isinstance(store, (str, Path)) and store is not None else None
        self._loc = store if isinstance(store, (str, Path)) else None
        self._read_only = read_only
        self._store: Store | None = None

    def __enter__(self) -> Store:
        if self._given is not None:
            return self._given
        self._store = open_store(self._loc, read_only=self._read_only)
        return self._store

    def __exit__(self, *exc: object) -> None:
        if self._store is not None:
            self._store.close()
