"""An authority's chains, worked out once when its links are computed and written as a graph.

Following a recommendation through links, actions, progress updates and the items they reach
is a join over every report of the authority; done at query time over the union of all graphs
it took seconds on a national store. The same join is run here over the authority's own quads
in a small in-memory store (its reports, its new links, the service notations), and each row of
the answer becomes one ``ikg:ChainStep`` node of the authority's chain graph, so that a trace
is a lookup. The chain graph is rewritten with the links, in the same transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pyoxigraph as ox

from ...queries import internal
from ..iris import Minter, last_segment
from ..mapping.terms import IKG, RDF, SKOS
from ..store import Store

GRAPH_CHAINS = "chains"
# The chain-steps query's columns, each kept as the property ikg:chain<Column>.
COLUMNS = (
    "recommendation", "recNumber", "recText", "recReport", "recReportLabel", "recDate",
    "recServices", "step", "stepKind", "stepText", "stepReport", "stepReportLabel", "stepDate",
    "status", "grade", "rank", "method", "score", "evidence", "via", "matched", "verdict",
)
PROPERTY = {c: IKG["chain" + c[0].upper() + c[1:]] for c in COLUMNS}
COLUMN = {p.value: c for c, p in PROPERTY.items()}


def chain_graph_name(minter: Minter, authority: str) -> str:
    """``<base>graph/chains/<slug>``: the chain graph of one authority."""
    return minter.graph(f"{GRAPH_CHAINS}/{last_segment(authority)}")


def notation_triples(store: Store) -> list[ox.Triple]:
    """The service scheme's notations (what a chain names its recommendation's services by)."""
    _, rows = store.select(internal("service-notations"))
    return [ox.Triple(r["concept"], SKOS.notation, r["notation"])  # type: ignore[arg-type]
            for r in rows if r["concept"] is not None and r["notation"] is not None]


def graph_triples(store: Store, graphs: Iterable[str]) -> list[ox.Triple]:
    """Every triple of some named graphs (the authority's reports)."""
    out: list[ox.Triple] = []
    quads_of = getattr(store, "quads_of", None)  # the embedded store reads a graph directly
    if quads_of is not None:
        for g in graphs:
            out.extend(q.triple for q in quads_of(g))
        return out
    query = internal("graph-triples")
    for g in graphs:
        _, rows = store.select(query, {"graph": ox.NamedNode(g)})
        out.extend(ox.Triple(r["s"], r["p"], r["o"]) for r in rows)  # type: ignore[arg-type]
    return out


def chain_triples(authority: str, triples: Iterable[ox.Triple]) -> set[ox.Triple]:
    """The chain steps of an authority's recommendations, from its report and link triples."""
    mem = ox.Store()
    mem.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    result = mem.query(internal("chain-steps"),
                       substitutions={ox.Variable("authority"): ox.NamedNode(authority)})
    names = [v.value for v in result.variables]  # type: ignore[union-attr]
    out: set[ox.Triple] = set()
    for solution in result:  # type: ignore[union-attr]
        row = {n: solution[n] for n in names}
        rec = row["recommendation"]
        key = "|".join(row[c].value if row.get(c) is not None else "" for c in COLUMNS[7:])
        node = ox.NamedNode(f"{rec.value}/chain/{hashlib.sha1(key.encode()).hexdigest()[:16]}")
        out.add(ox.Triple(node, RDF.type, IKG.ChainStep))
        for column in COLUMNS:
            value = row.get(column)
            if column == "recServices" and value is not None:  # the same on every engine
                value = ox.Literal(" ".join(sorted(value.value.split())))
            if value is not None:
                out.add(ox.Triple(node, PROPERTY[column], value))
    return out
