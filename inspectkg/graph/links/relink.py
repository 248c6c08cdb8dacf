"""Links across reports, recomputed after every build from what the store holds.

Explicit links (stated by reports) and inferred links (same authority, same service, later
date, similar wording) live in two named graphs of their own, apart from the extracted facts, so
a user can filter them out or switch them off. The same store always gives the same links.
"""

from __future__ import annotations

from collections import Counter

from rdflib import Graph, URIRef

from ...ontology.namespaces import IKG
from ..iris import Minter
from ..store import Store, write_graph
from .explicit import earlier_report_links, same_action_links, stated_links
from .inferred import infer_links
from .items import GRAPH_EXPLICIT, GRAPH_INFERRED, Link, links_graph, read_items


def compute_links(store: Store, minter: Minter) -> tuple[Graph, Graph, Counter[str]]:
    """The explicit and the inferred link graphs, and how many links of each method."""
    explicit: list[Link] = stated_links(store)
    previous, cited = earlier_report_links(store, minter)
    explicit += previous
    continued = same_action_links(store)
    explicit += continued
    inferred = infer_links(read_items(store))
    g_explicit = links_graph(explicit, minter) + cited
    for link in continued:
        g_explicit.add((URIRef(link.target), IKG.continues, URIRef(link.source)))
    g_inferred = links_graph(inferred, minter)
    counts = Counter(link.method for link in explicit + inferred)
    return g_explicit, g_inferred, counts


def relink(store: Store, minter: Minter) -> dict[str, int]:
    """Replace both link graphs; counts of links per method."""
    explicit, inferred, counts = compute_links(store, minter)
    write_graph(store, str(minter.graph(GRAPH_EXPLICIT)), explicit)
    write_graph(store, str(minter.graph(GRAPH_INFERRED)), inferred)
    return dict(sorted(counts.items()))
