"""An authority's derived graphs, rewritten together in one transaction: its shared node (names,
codes, posts) and its explicit and inferred links. Organisations have one shared graph."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pyoxigraph as ox

from ..authorities import Register
from ..iris import Minter
from ..links import authority_links, link_graph_names
from ..links.scope import AuthorityScope
from ..mapping import canonical_ntriples
from ..shared import (
    ORGANISATIONS_GRAPH,
    authority_graph_name,
    authority_triples,
    organisation_triples,
)
from ..store import Store


def authority_graphs(
    store: Store, minter: Minter, register: Register, authority: str
) -> tuple[dict[str, bytes], Counter[str]]:
    """The authority's three derived graphs as N-Triples (empty: the graph goes), with the
    number of links per method."""
    links = authority_links(store, minter, authority)
    explicit, inferred = link_graph_names(minter, authority)
    scope = AuthorityScope(store, authority)
    graphs = {
        authority_graph_name(minter, authority): _nt(authority_triples(scope, register,
                                                                       authority)),
        explicit: _nt(links.explicit),
        inferred: _nt(links.inferred),
    }
    return graphs, links.counts


def refresh(
    store: Store, minter: Minter, register: Register, authorities: Iterable[str]
) -> Counter[str]:
    """Rewrite each authority's derived graphs (one transaction per authority) and the
    organisations graph; links per method of the authorities rewritten."""
    counts: Counter[str] = Counter()
    for authority in sorted(set(authorities)):
        graphs, n = authority_graphs(store, minter, register, authority)
        store.replace(graphs)
        counts += n
    store.replace({minter.graph(ORGANISATIONS_GRAPH): _nt(organisation_triples(store, minter))})
    return counts


def _nt(triples: Iterable[ox.Triple]) -> bytes:
    return canonical_ntriples(set(triples))
