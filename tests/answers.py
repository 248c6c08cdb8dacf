"""Query answers compared as SPARQL defines them: rows as a multiset, and the items of a
GROUP_CONCAT as a set (SPARQL leaves their order to the engine, and two stores of one engine
holding the same quads may give them in another order)."""

from __future__ import annotations

import re
from collections import Counter

import pyoxigraph as ox

_CONCAT = re.compile(
    r'GROUP_CONCAT\((?:(?!\bAS\b).)*?separator\s*=\s*"([^"]*)"(?:(?!\bAS\b).)*?\bAS\s+\?(\w+)',
    re.S | re.I)


def concat_separators(query: str) -> dict[str, str]:
    """The separator of each variable a GROUP_CONCAT binds."""
    return {m.group(2): m.group(1) for m in _CONCAT.finditer(query)}


def cell(seps: dict[str, str], column: str, term: ox.NamedNode | ox.Literal | None) -> str:
    """A term as N-Triples (datatype and language compared too), a GROUP_CONCAT's items
    sorted."""
    if term is None:
        return "UNBOUND"
    if column in seps and isinstance(term, ox.Literal):
        return f"{sorted(term.value.split(seps[column]))} {term.language} {term.datatype}"
    return str(term)


def canonical(query: str, columns: list[str], rows: list[dict]) -> Counter:
    """The rows of an answer as a multiset of canonical cells."""
    seps = concat_separators(query)
    return Counter(tuple(cell(seps, c, r.get(c)) for c in columns) for r in rows)
