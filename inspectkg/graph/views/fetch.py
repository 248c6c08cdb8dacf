"""Run the views' SPARQL files (in ``queries/`` beside this module) and return plain rows.

The view queries are internal: they return rows shaped for drawing, not answers a user asks
for, so they stay out of the public catalogue. They follow its conventions all the same (a
header, parameters bound as RDF terms through :func:`inspectkg.queries.bindings`, never pasted
into the text), so each one runs as it is with ``inspectkg query FILE.rq --param ...``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from pathlib import Path

from ...queries import Query, bindings, read_query
from ..store import Store

Row = dict[str, str | None]


def queries_dir() -> Path:
    return Path(str(files("inspectkg.graph.views") / "queries"))


@cache
def view_query(name: str) -> Query:
    """One of the view queries by file stem, e.g. ``items``."""
    return read_query(queries_dir() / f"{name}.rq")


def rows(store: Store, name: str, params: Mapping[str, str | None] | None = None) -> list[Row]:
    """Solutions of a view query as strings (None where unbound); unset parameters are left out."""
    q = view_query(name)
    given = {k: v for k, v in (params or {}).items() if v is not None}
    _, solutions = store.select(q.text, bindings(q, given))
    return [{k: (t.value if t is not None else None) for k, t in s.items()} for s in solutions]


def number(value: str | None) -> float | None:
    """A numeric literal's value, or None when absent or not a number."""
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def integer(value: str | None) -> int | None:
    n = number(value)
    return int(n) if n is not None else None
