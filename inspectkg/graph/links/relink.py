"""Links across reports, recomputed per authority from what the store holds.

Every link is between items about one authority, so an authority's links depend on its own
reports only: adding or replacing a report recomputes its authority's links and no other's.
Explicit links (stated by reports) and inferred links (same service, later date, similar
wording) live in two named graphs per authority, apart from the extracted facts, so a user can
filter them out or switch them off. The same store always gives the same links.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..iris import Minter, last_segment
from ..mapping.terms import IKG, iri
from ..store import Store
from .explicit import earlier_report_links, same_action_links, stated_links
from .followup import followup_links
from .inferred import infer_links
from .items import GRAPH_EXPLICIT, GRAPH_INFERRED, Link, links_triples, read_items
from .pairs import PairLinks
from .scope import AuthorityScope


@dataclass(frozen=True)
class AuthorityLinks:
    """One authority's two link graphs and how many links of each method they hold."""

    authority: str
    explicit: frozenset[ox.Triple]
    inferred: frozenset[ox.Triple]
    counts: Counter[str] = field(default_factory=Counter)


def link_graph_names(minter: Minter, authority: str) -> tuple[str, str]:
    """(explicit, inferred) graph names of an authority."""
    slug = last_segment(authority)
    return minter.graph(f"{GRAPH_EXPLICIT}/{slug}"), minter.graph(f"{GRAPH_INFERRED}/{slug}")


def authority_links(store: Store, minter: Minter, authority: str,
                    scope: AuthorityScope | None = None,
                    kept: PairLinks | None = None) -> AuthorityLinks:
    """The explicit and inferred links of one authority's reports (``scope``: its report
    graphs, when the caller has them already; ``kept``: same-issue links of report pairs
    ranked before, reused where both reports are unchanged)."""
    scope = scope or AuthorityScope(store, authority)
    explicit: list[Link] = stated_links(scope, authority)  # type: ignore[arg-type]
    previous, cited = earlier_report_links(scope, minter, authority)  # type: ignore[arg-type]
    explicit += previous
    continued = same_action_links(scope, authority)  # type: ignore[arg-type]
    explicit += continued
    items = read_items(scope, authority)  # type: ignore[arg-type]
    explicit += followup_links(scope, authority, items)  # type: ignore[arg-type]
    inferred = infer_links(items, scope.digests(), kept)
    g_explicit = links_triples(explicit, minter) | cited
    for link in continued:
        g_explicit.add(ox.Triple(iri(link.target), IKG.continues, iri(link.source)))
    counts = Counter(link.method for link in explicit + inferred)
    return AuthorityLinks(authority, frozenset(g_explicit),
                          frozenset(links_triples(inferred, minter)), counts)


def compute_links(
    store: Store, minter: Minter, authorities: Iterable[str] | None = None
) -> tuple[set[ox.Triple], set[ox.Triple], Counter[str]]:
    """Explicit and inferred link triples of some authorities (all when None), with counts."""
    from ..ingest.state import store_authorities

    explicit: set[ox.Triple] = set()
    inferred: set[ox.Triple] = set()
    counts: Counter[str] = Counter()
    chosen = store_authorities(store) if authorities is None else authorities
    for authority in sorted(chosen):
        links = authority_links(store, minter, authority)
        explicit |= links.explicit
        inferred |= links.inferred
        counts += links.counts
    return explicit, inferred, counts
