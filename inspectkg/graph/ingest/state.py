"""What the store holds, as the build needs it: each report graph's stamp and source key, and
what a crash or an older inspectkg left behind (checked by `validate`, healed by `build`).

A report's graph carries its stamp (``<graph> ikg:graphDigest``, ``ikg:sourceKey``,
``ikg:buildSummary``) written in the same transaction as its triples, so a report graph without
a stamp was half-written. Older versions loaded a report into ``<graph>#staging`` and moved it
over; a kill in between left the staging graph, and they kept one graph for all links and one
for all shared nodes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

import pyoxigraph as ox

from ...queries import internal
from ..iris import Minter
from ..store import Store
from ..store.base import DIGEST

SOURCE_KEY = DIGEST.replace("graphDigest", "sourceKey")
SUMMARY = DIGEST.replace("graphDigest", "buildSummary")
STAGING_SUFFIX = "#staging"
# Graph names of the old layout (one for all authorities), under the base.
LEGACY_GRAPHS = ("links/explicit", "links/inferred", "shared")


@dataclass(frozen=True)
class Stamp:
    """A complete report graph: its content digest, source key and what the build said."""

    graph: str
    digest: str
    key: str | None
    summary: dict
    authority: str | None


@dataclass
class StoreState:
    """Report graphs by name, and what needs healing."""

    stamps: dict[str, Stamp] = field(default_factory=dict)
    authority_of: dict[str, str] = field(default_factory=dict)  # every report graph
    staging: list[str] = field(default_factory=list)
    half_written: list[str] = field(default_factory=list)
    legacy: list[str] = field(default_factory=list)
    # stamps of the other graphs (ontology, each authority's shared graph)
    others: dict[str, str] = field(default_factory=dict)

    def basis(self, authority: str) -> str:
        """What an authority's derived graphs are computed from: its report graphs' digests.
        Its shared graph is stamped with this, so a build that was killed before relinking is
        seen (the stamp differs) and finished by the next one."""
        parts = sorted(f"{s.graph} {s.digest}" for s in self.stamps.values()
                       if s.authority == authority)
        return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()

    def authorities(self) -> set[str]:
        return {s.authority for s in self.stamps.values() if s.authority}

    def by_key(self) -> dict[str, Stamp]:
        return {s.key: s for s in self.stamps.values() if s.key}

    def problems(self) -> list[str]:
        """One line per thing a build heals."""
        out = [f"staging graph left by an interrupted build: <{g}>" for g in self.staging]
        out += [f"half-written report graph (no completion stamp): <{g}>"
                for g in self.half_written]
        out += [f"graph of the old layout (links and shared nodes are now per authority): <{g}>"
                for g in self.legacy]
        return out


def read_state(store: Store, minter: Minter) -> StoreState:
    state = StoreState()
    graphs = store.graphs()
    state.staging = [g for g in graphs if g.endswith(STAGING_SUFFIX)]
    legacy = {minter.graph(name) for name in LEGACY_GRAPHS}
    state.legacy = [g for g in graphs if g in legacy]
    _, rows = store.select(internal("report-authorities"))
    for r in rows:
        graph = r["graph"].value
        if graph.endswith(STAGING_SUFFIX):
            continue
        authority = r["authority"].value if r["authority"] is not None else None
        if authority:
            state.authority_of[graph] = authority
        if r["digest"] is None:
            state.half_written.append(graph)
            continue
        summary = {}
        if r["summary"] is not None:
            try:
                summary = json.loads(r["summary"].value)
            except ValueError:
                summary = {}
        state.stamps[graph] = Stamp(graph, r["digest"].value,
                                    r["key"].value if r["key"] is not None else None,
                                    summary, authority)
    _, rows = store.select(internal("graph-stamp"))
    state.others = {r["graph"].value: r["digest"].value for r in rows
                    if r["graph"].value not in state.stamps}
    # a report graph too little written to say it is one (no type triple): no stamp either
    prefix = minter.report("")
    state.half_written = sorted(
        set(state.half_written)
        | {g for g in graphs if g.startswith(prefix) and g not in state.stamps
           and not g.endswith(STAGING_SUFFIX)}
    )
    return state


def stamp_lines(graph: str, digest: str, key: str, summary: dict) -> bytes:
    """The stamp triples of a report graph, as N-Triples."""
    g = ox.NamedNode(graph)
    triples = [
        ox.Triple(g, ox.NamedNode(DIGEST), ox.Literal(digest)),
        ox.Triple(g, ox.NamedNode(SOURCE_KEY), ox.Literal(key)),
        ox.Triple(g, ox.NamedNode(SUMMARY), ox.Literal(json.dumps(summary, sort_keys=True))),
    ]
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def store_authorities(store: Store) -> set[str]:
    """Every authority that a report in the store is about."""
    _, rows = store.select(internal("report-authorities"))
    return {r["authority"].value for r in rows if r["authority"] is not None}
