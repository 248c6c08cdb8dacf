"""Queries never reach the network: SERVICE, updates (LOAD, INSERT ...) and FROM / FROM NAMED of
graphs the store does not hold are refused before the query runs.

Why: an embedded engine makes an HTTP request to any address a query names, which behind an
endpoint is a server-side request forgery and on a desktop a surprise; a FROM naming a graph that
is not in the store would otherwise be ignored and the query answer from the whole store.

The check reads the query as SPARQL tokens: strings, comments and IRIs are skipped as units, so
``"SERVICE"`` in a literal, ``# FROM`` in a comment, ``?service`` or ``ex:load`` never count.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..errors import QueryError

# One SPARQL token; the groups say which kind. Long strings before short ones.
_TOKEN = re.compile(
    r'(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\')'
    r'|(?P<comment>#[^\n\r]*)'
    r'|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r"|(?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)"
    r"|(?P<pname>(?:[A-Za-z\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*)?:"
    r"(?:[\w\-:%\u00b7\u00c0-\uffff]|\\.|\.(?=[\w\-:%]))*)"
    r"|(?P<word>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<space>\s+)"
    r"|(?P<other>.)",
    re.DOTALL,
)
_UPDATES = {"LOAD", "INSERT", "DELETE", "DROP", "CLEAR", "CREATE", "ADD", "MOVE", "COPY",
            "WITH", "USING"}


@dataclass(frozen=True)
class Dataset:
    """The graphs a query names with FROM and FROM NAMED (empty: the whole store)."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()

    @property
    def given(self) -> bool:
        return bool(self.default or self.named)


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str


def tokens(query: str) -> Iterator[_Token]:
    """The query's tokens without white space and comments."""
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup or "other"
        if kind not in ("space", "comment"):
            yield _Token(kind, m.group())


@lru_cache(maxsize=512)
def _scan(query: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...],
                                str | None]:
    """(FROM graphs, FROM NAMED graphs, declared prefixes, BASE) as written; raise if refused."""
    toks = list(tokens(query))
    default: list[str] = []
    named: list[str] = []
    prefixes: list[tuple[str, str]] = []
    base: str | None = None
    for i, tok in enumerate(toks):
        if tok.kind != "word":
            continue
        word = tok.text.upper()
        if word == "SERVICE":
            raise QueryError(
                "SERVICE is not allowed: a query runs on the store only and never fetches data "
                "from another endpoint"
            )
        if word in _UPDATES:
            raise QueryError(
                f"{word} is not allowed: queries only read; the store is changed by "
                "`inspectkg build`"
            )
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if word == "PREFIX" and nxt is not None and nxt.kind == "pname" and i + 2 < len(toks):
            prefixes.append((nxt.text[:-1] if nxt.text.endswith(":") else nxt.text,
                             toks[i + 2].text[1:-1]))
        elif word == "BASE" and nxt is not None and nxt.kind == "iri":
            base = nxt.text[1:-1]
        elif word == "FROM":
            target = nxt
            into = default
            if target is not None and target.kind == "word" and target.text.upper() == "NAMED":
                target = toks[i + 2] if i + 2 < len(toks) else None
                into = named
            if target is None or target.kind not in ("iri", "pname"):
                raise QueryError("FROM must name a graph of the store (an IRI)")
            into.append(target.text)
    return tuple(default), tuple(named), tuple(prefixes), base


def check(
    query: str,
    graphs: Callable[[], set[str]],
    prefixes: Mapping[str, str] | None = None,
) -> Dataset:
    """Refuse what would reach beyond the store; the FROM / FROM NAMED graphs to honour.

    ``graphs`` lists the store's named graphs; it is called only when the query has FROM.
    """
    default, named, declared, base = _scan(query)
    if not default and not named:
        return Dataset()
    known_prefixes = dict(prefixes or {}) | dict(declared)
    resolved_default = tuple(_resolve(t, known_prefixes, base) for t in default)
    resolved_named = tuple(_resolve(t, known_prefixes, base) for t in named)
    held = graphs()
    for g in resolved_default + resolved_named:
        if g not in held:
            raise QueryError(
                f"FROM <{g}>: not a graph of this store (a query never fetches remote data)"
            )
    return Dataset(resolved_default, resolved_named)


def _resolve(token: str, prefixes: Mapping[str, str], base: str | None) -> str:
    if token.startswith("<"):
        value = token[1:-1]
        if base and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value):
            from urllib.parse import urljoin

            return urljoin(base, value)
        return value
    prefix, _, local = token.partition(":")
    if prefix not in prefixes:
        raise QueryError(f"FROM {token}: unknown prefix {prefix!r}")
    return prefixes[prefix] + local


# ---- for the endpoint (inspectkg.serve): what a request holds, and the same refusals --------
_PROLOGUE = {"PREFIX", "BASE"}
UPDATE_KEYWORDS = _UPDATES


def keywords(text: str) -> list[str]:
    """The bare words of a query (keywords and function names), upper-cased, in order."""
    return [t.text.upper() for t in tokens(text) if t.kind == "word"]


def is_update(text: str) -> bool:
    """Whether the text is a SPARQL update: its first word after the prologue is an update
    operation (INSERT, DELETE, DROP ...)."""
    first = next((w for w in keywords(text) if w not in _PROLOGUE), "")
    return first in _UPDATES


def check_query(text: str) -> None:
    """Refuse a query that would reach out of the store (SERVICE, LOAD and other updates).

    FROM is left to the engine behind the endpoint, which never fetches a FROM IRI.
    """
    _scan(text)
