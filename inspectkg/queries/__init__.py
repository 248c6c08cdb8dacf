"""The query catalogue: SPARQL files with a header saying what they answer and their parameters.

Each ``.rq`` file starts with comment lines::

    # title: Recommendations of an authority
    # description: ...
    # param: authority  literal  required  Authority name, e.g. "Westminster"
    # param: service    literal  optional  A service concept notation, e.g. "attendance"

Parameters are bound as RDF terms, never pasted into the query text, so a value cannot change
what a query does. Conventions that make binding work the same on every engine:

- a parameter is a variable of the query and is projected (SELECT ... ?authority), because
  Oxigraph substitutes only projected variables;
- an optional parameter is tested with ``COALESCE(!ISLITERAL(?p), true) || <test>``: unbound,
  ISLITERAL errs (Oxigraph) or is false (Virtuoso) and every row passes (``BOUND`` cannot be
  used, it is false for a substituted variable; Virtuoso mis-evaluates ``IF(..., EXISTS {...},
  true)`` when the variable is unbound). Where the test needs a property path, the path goes in
  an OPTIONAL that binds a flag, guarded by ``FILTER(ISLITERAL(?p))`` so that it cannot repeat
  rows when the parameter is not given, and the filter tests ``BOUND(?flag)``: EXISTS around a
  path is slow;
- parameters are used in the outer group only, never inside a nested SELECT, which does not
  see them.

The catalogue answers the same on the embedded store, Oxigraph server and Virtuoso
(tests/test_engines.py). What that takes, besides the above: no alternative path whose branches
can both match (Oxigraph drops the duplicates, other engines keep them); no function around an
aggregate in the projection other than REPLACE or CONCAT (Virtuoso fails to compile
``IF(COUNT(...))`` or ``COALESCE(GROUP_CONCAT(...))``); no division that can be by zero (an error
on Virtuoso, unbound elsewhere); a GROUP_CONCAT that may be empty or see an unbound value goes
in a nested SELECT of its own or gets ``COALESCE(?x, "")`` inside (engines differ on both), and
over ``STR()`` of language-tagged labels (engines differ on keeping the tag).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError
from ..graph.store import EmbeddedStore, Store, Term
from ..graph.store.inline import NOT_CODE
from ..ontology.namespaces import PREFIXES

_HEADER = re.compile(r"^#\s*(?P<key>title|description|param|scope)\s*:\s*(?P<value>.*)$")
_TYPES = {"literal", "iri", "integer", "decimal", "date", "boolean"}
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Param:
    """A query parameter: a variable of the query bound to a value the user gives."""

    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class Query:
    """A catalogue query: its SPARQL text and what its header says."""

    name: str
    text: str
    title: str
    description: str
    params: tuple[Param, ...] = field(default_factory=tuple)
    path: str | None = None
    # "authority": every row is about the authority the parameters name (`authority`, or a
    # `recommendation` IRI), so the query may run over that authority's graphs only
    scope: str | None = None


def catalogue_dir() -> Path:
    return Path(str(files("inspectkg") / "queries"))


def catalogue() -> dict[str, Query]:
    """Every shipped query by name (file stem)."""
    return {p.stem: read_query(p) for p in sorted(catalogue_dir().glob("*.rq"))}


def read_query(path: str | Path) -> Query:
    """A query file with its header parsed."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise QueryError(f"{p}: cannot read query file ({exc.strerror or exc})") from None
    return parse_query(text, p.stem, str(p))


def parse_query(text: str, name: str = "query", path: str | None = None) -> Query:
    title, description, params, scope = name, "", [], None
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if not line.strip().startswith("#"):
            if line.strip():
                break
            continue
        if not m:
            continue
        key, value = m.group("key"), m.group("value").strip()
        if key == "title":
            title = value
        elif key == "description":
            description = f"{description} {value}".strip()
        elif key == "scope":
            if value != "authority":
                raise QueryError(f"{path or name}: bad scope header {value!r} (authority)")
            scope = value
        else:
            params.append(_param(value, path or name))
    return Query(name, text, title, description, tuple(params), path, scope)


def _param(spec: str, where: str) -> Param:
    parts = spec.split(None, 3)
    if len(parts) < 3 or parts[1] not in _TYPES or parts[2] not in ("required", "optional"):
        raise QueryError(f"{where}: bad param header {spec!r} (name type required|optional text)")
    return Param(parts[0], parts[1], parts[2] == "required", parts[3] if len(parts) > 3 else "")


@cache
def internal(name: str) -> str:
    """The text of an internal query (``queries/internal/<name>.rq``): what inspectkg asks the
    store for itself, kept out of the catalogue. Read once."""
    return read_query(catalogue_dir() / "internal" / f"{name}.rq").text


def resolve(query: str) -> Query:
    """A catalogue name, a path to a ``.rq`` file, or SPARQL text itself."""
    stripped = query.strip()
    names = catalogue()
    if stripped in names:
        return names[stripped]
    if stripped.endswith((".rq", ".sparql")) or (
        "\n" not in stripped and Path(stripped).is_file()
    ):
        if not Path(stripped).is_file():
            raise QueryError(f"{stripped}: no such query file")
        return read_query(stripped)
    if re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", stripped, re.I):
        return parse_query(query, "query")
    known = ", ".join(sorted(names))
    raise QueryError(f"{query!r}: not a named query, a .rq file or SPARQL (named queries: {known})")


def term(value: str, type_: str) -> Term:
    """A parameter value as an RDF term of the declared type."""
    if type_ == "iri":
        if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|^`\\]*$", value):
            raise QueryError(f"{value!r} is not an IRI")
        return ox.NamedNode(value)
    if type_ == "literal":
        return ox.Literal(value)
    checks = {
        "integer": r"^[+-]?\d+$",
        "decimal": r"^[+-]?(\d+(\.\d*)?|\.\d+)$",
        "date": r"^\d{4}-\d\d-\d\d$",
        "boolean": r"^(true|false)$",
    }
    if not re.match(checks[type_], value):
        raise QueryError(f"{value!r} is not a valid {type_}")
    return ox.Literal(value, datatype=ox.NamedNode(_XSD + type_))


_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def bindings(q: Query, params: Mapping[str, str]) -> dict[str, Term]:
    """Check parameters against the query's header and turn them into terms."""
    for name in params:
        if not _VARNAME.match(name):
            raise QueryError(
                f"parameter name {name!r}: a name is letters, digits and underscores "
                "(the query's variable without its ?), e.g. authority"
            )
    declared = {p.name: p for p in q.params}
    unknown = sorted(set(params) - set(declared))
    if unknown and (declared or q.path):
        raise QueryError(
            f"{q.name}: unknown parameter {', '.join(unknown)} "
            f"(takes: {', '.join(declared) or 'none'})"
        )
    out: dict[str, Term] = {}
    for name, value in params.items():
        p = declared.get(name)
        out[name] = term(value, p.type if p else "literal")
    missing = [p.name for p in q.params if p.required and p.name not in out]
    if missing:
        raise QueryError(f"{q.name}: missing required parameter {', '.join(missing)}")
    return out


def run(
    store: Store, query: str | Query, params: Mapping[str, str] | None = None
) -> tuple[list[str], list[dict[str, Term | None]]]:
    """Run a catalogue query, a query file or SPARQL text with bound parameters."""
    q = query if isinstance(query, Query) else resolve(query)
    terms = bindings(q, params or {})
    scope = authority_scope(store, terms) if q.scope == "authority" else None
    try:
        if scope is not None and len(scope.authorities) == 1 and isinstance(store, EmbeddedStore):
            owned, shared = scope.digests(scope.owned), scope.digests(scope.shared)
            answer = None if owned is None or shared is None else store.select_view(
                q.text, terms, scope.authorities[0], owned, shared)
            if answer is not None:
                return answer
        return store.select(q.text, terms, graphs=scope.graphs if scope else None)
    except QueryError as exc:
        unknown = unknown_prefixes(q.text)
        if not unknown or not str(exc).startswith("invalid SPARQL"):
            raise
        names = ", ".join(f"{p}:" for p in unknown)
        raise QueryError(
            f"invalid SPARQL: unknown prefix {names} (declare it with PREFIX {unknown[0]}: <...>, "
            f"or use a built-in one: {', '.join(PREFIXES)})"
        ) from None


@dataclass(frozen=True)
class Scope:
    """The graphs a query scoped to authorities reads: theirs and those of no authority."""

    authorities: tuple[str, ...]
    owned: tuple[str, ...]   # reports and derived graphs of these authorities
    shared: tuple[str, ...]  # graphs that belong to no authority (ontology, organisations)
    stamps: Mapping[str, str] = field(default_factory=dict)  # graph -> digest, as read

    @property
    def graphs(self) -> list[str]:
        return sorted({*self.owned, *self.shared})

    def digests(self, graphs: tuple[str, ...]) -> dict[str, str] | None:
        """The digests of these graphs (None if one has none: it is not whole)."""
        if any(g not in self.stamps for g in graphs):
            return None
        return {g: self.stamps[g] for g in graphs}


def authority_scope(store: Store, terms: Mapping[str, Term]) -> Scope | None:
    """The scope of a query about the authorities the parameters name (`authority`, a
    `recommendation` IRI); None (the whole store) when they name none: over the union of
    graphs, a query about one authority of a national store scans every report; over its own
    graphs, only its own."""
    every = store.graphs()
    stamps = sorted((r["graph"].value, r["digest"].value)
                    for r in store.select(internal("graph-stamp"))[1] if r["graph"] and r["digest"])
    known = _SCOPES.get(store.location)
    if known is None or known[0] != (every, stamps):  # a graph came, went or changed
        known = ((every, stamps), graph_owners(store), {})
        _SCOPES[store.location] = known
    _, owner, names = known
    wanted: set[str] = set()
    if isinstance(terms.get("authority"), ox.Literal):
        name = terms["authority"].value
        if name not in names:
            rows = store.select(internal("scope-named"), {"name": terms["authority"]})[1]
            names[name] = {r["authority"].value for r in rows if r["authority"] is not None}
        wanted |= names[name]
    if isinstance(terms.get("recommendation"), ox.NamedNode):
        rows = store.select(internal("scope-recommendation"),
                            {"recommendation": terms["recommendation"]})[1]
        wanted |= {r["authority"].value for r in rows if r["authority"] is not None}
    if not wanted:
        return None
    return Scope(tuple(sorted(wanted)),
                 tuple(g for g in every if g in owner and owner[g] & wanted),
                 tuple(g for g in every if g not in owner), dict(stamps))


# Per store location: its graphs and their digests when last asked, their owners, and the
# names looked up. Why kept: over 2,000 graphs the owners take ~35 ms and a name ~15 ms, more
# than a query about one authority from its view; the digests (~20 ms) say when to look again.
_SCOPES: dict[str, tuple[tuple[list[str], list[tuple[str, str]]], dict[str, set[str]],
                         dict[str, set[str]]]] = {}


def graph_owners(store: Store) -> dict[str, set[str]]:
    """The authorities each graph belongs to (a report's, a derived graph's subject)."""
    owner: dict[str, set[str]] = {}
    for r in store.select(internal("scope-graphs"))[1]:
        if r["graph"] is not None and r["authority"] is not None:
            owner.setdefault(r["graph"].value, set()).add(r["authority"].value)
    return owner


def authority_graphs(store: Store, terms: Mapping[str, Term]) -> list[str] | None:
    """The graphs of `authority_scope` (None: the whole store)."""
    scope = authority_scope(store, terms)
    return scope.graphs if scope is not None else None


# Strings, IRIs and comments, where a colon is not a prefixed name; then prefixed names.
_NOT_CODE = re.compile(NOT_CODE)
_PNAME = re.compile(r"(?<![\w?$:.-])([A-Za-z][\w.-]*)?:(?=[\w%\\(]|$|\s)")
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)


def unknown_prefixes(text: str) -> list[str]:
    """Prefixes a query uses that it does not declare and that are not built in."""
    code = _NOT_CODE.sub(" ", text)
    declared = {m.group(1) or "" for m in _DECLARED.finditer(code)}
    used = [m.group(1) or "" for m in _PNAME.finditer(_DECLARED.sub(" ", code))]
    return [p for p in dict.fromkeys(used) if p not in declared and p not in PREFIXES]


def value(t: Term | None) -> str:
    """A term as plain text for tables and CSV."""
    if t is None:
        return ""
    return t.value


_INTEGERS = {
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte",
}
PyValue = str | int | float | bool | Decimal | dt.date | dt.datetime | None


def to_python(t: Term | None) -> PyValue:
    """A term as the Python value it stands for: IRIs as strings, numbers as int, Decimal or
    float, booleans as bool, xsd:date and xsd:dateTime as date and datetime; other literals
    (and a malformed number) as their text."""
    if t is None:
        return None
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    if not isinstance(t, ox.Literal):
        return t.value
    kind = t.datatype.value.removeprefix(_XSD)
    text = t.value.strip()
    try:
        if kind in _INTEGERS:
            return int(text)
        if kind == "decimal":
            return Decimal(text)
        if kind in ("double", "float"):
            return float(text.replace("INF", "inf"))
        if kind == "boolean" and text in ("true", "false", "1", "0"):
            return text in ("true", "1")
        if kind == "date":
            return dt.date.fromisoformat(text)
        if kind == "dateTime":
            return dt.datetime.fromisoformat(text)
    except (ValueError, ArithmeticError):
        return t.value
    return t.value


def json_value(v: PyValue) -> str | int | float | bool | None:
    """A Python value as JSON has it: numbers stay numbers (an integral Decimal an int), dates
    as ISO 8601 text."""
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return v


@cache
def internal_query(name: str) -> Query:
    """An internal query with its header, for those that take parameters."""
    return read_query(catalogue_dir() / "internal" / f"{name}.rq")


def run_internal(
    store: Store, name: str, params: Mapping[str, str | None] | None = None
) -> list[dict[str, str | None]]:
    """Solutions of an internal query as plain strings (None where unbound); parameters
    bound as terms like a catalogue query's, unset ones left out."""
    q = internal_query(name)
    given = {k: v for k, v in (params or {}).items() if v is not None}
    _, solutions = store.select(q.text, bindings(q, given))
    return [{k: (t.value if t is not None else None) for k, t in s.items()} for s in solutions]
