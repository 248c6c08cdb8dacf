"""An authority's derived graphs, rewritten together in one transaction: its shared node (names,
codes, posts), its explicit and inferred links and its chains. Organisations have one shared
graph. Each derived graph names its authority (dcterms:subject), so that a query about one
authority can be run over that authority's graphs only."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from ...queries import graph_owners, internal
from ..authorities import Register
from ..iris import Minter, last_segment
from ..links import authority_links, link_graph_names
from ..links.chains import chain_graph_name, chain_triples, graph_triples, notation_triples
from ..links.pairs import PairLinks
from ..links.scope import AuthorityScope
from ..mapping import canonical_ntriples, digest
from ..mapping.terms import DCTERMS
from ..shared import (
    ORGANISATIONS_GRAPH,
    authority_graph_name,
    authority_triples,
    organisation_triples,
)
from ..store import DIGEST, EmbeddedStore, Store
from .relinkers import compute_all
from .workers import default_jobs


def authority_graphs(
    store: Store, minter: Minter, register: Register, authority: str, basis: str = "",
    link: bool = True, notations: list[ox.Triple] | None = None, pairs: Path | None = None,
) -> tuple[dict[str, bytes], Counter[str]]:
    """The authority's four derived graphs as N-Triples (empty: the graph goes), with the
    number of links per method; the shared graph is stamped with ``basis`` (what they were
    computed from). Without ``link``, only the shared graph (unstamped: links are still due).
    ``pairs``: the folder where same-issue links are kept by pair of reports (default: the
    embedded store's own)."""
    scope = AuthorityScope(store, authority)
    shared_name = authority_graph_name(minter, authority)
    shared = _about(shared_name, authority, authority_triples(scope, register, authority))
    if shared and basis:
        shared.add(ox.Triple(ox.NamedNode(shared_name), ox.NamedNode(DIGEST),
                             ox.Literal(basis)))
    elif shared:  # links still due: a stamp that is no basis, so the next build relinks it
        shared = set(_stamped(shared_name, shared))
    if not link:
        return {shared_name: _nt(shared)}, Counter()
    if pairs is None and isinstance(store, EmbeddedStore):
        pairs = store.pairs_folder()
    kept = PairLinks(pairs / f"{last_segment(authority)}.json" if pairs else None)
    links = authority_links(store, minter, authority, scope, kept)
    kept.save()
    explicit, inferred = link_graph_names(minter, authority)
    chains = chain_graph_name(minter, authority)
    known = graph_triples(scope.memory, scope.graphs)
    steps = chain_triples(authority, [*known, *links.explicit, *links.inferred, *shared,
                                      *(notation_triples(store) if notations is None
                                        else notations)])
    graphs = {
        shared_name: _nt(shared),
        explicit: _nt(_stamped(explicit, _about(explicit, authority, links.explicit))),
        inferred: _nt(_stamped(inferred, _about(inferred, authority, links.inferred))),
        chains: _nt(_stamped(chains, _about(chains, authority, steps))),
    }
    return graphs, links.counts


def refresh(
    store: Store, minter: Minter, register: Register, authorities: Iterable[str],
    basis: Mapping[str, str] | None = None, link: bool = True, jobs: int | None = None,
) -> Counter[str]:
    """Rewrite each authority's derived graphs (one transaction per authority) and the
    organisations graph; links per method of the authorities rewritten. With several
    authorities to link on the embedded store, ``jobs`` worker processes compute them (default:
    one per core)."""
    counts: Counter[str] = Counter()
    notations = notation_triples(store) if link else []
    chosen = sorted(set(authorities))
    stamps = {a: (basis or {}).get(a, "") if link else "" for a in chosen}
    workers = min(jobs or default_jobs(), len(chosen))
    if link and workers > 1 and isinstance(store, EmbeddedStore):
        _, rows = store.select(internal("authority-reports"))
        reports: dict[str, list[str]] = {}
        for r in rows:
            reports.setdefault(r["authority"].value, []).append(r["graph"].value)  # type: ignore[union-attr]
        done = compute_all(store, chosen, {a: sorted(g) for a, g in reports.items()},
                           authority_graphs, minter, register, stamps, notations, workers,
                           store.pairs_folder())
        for item in done:
            store.replace(item.graphs)
            _write_view(store, item.authority)
            counts += item.counts
    else:
        for authority in chosen:
            graphs, n = authority_graphs(store, minter, register, authority, stamps[authority],
                                         link, notations)
            store.replace(graphs)
            _write_view(store, authority)
            counts += n
    organisations = minter.graph(ORGANISATIONS_GRAPH)
    store.replace({organisations: _nt(_stamped(organisations,
                                               organisation_triples(store, minter)))})
    return counts


def _write_view(store: Store, authority: str, *, unless_current: bool = False,
                graphs: list[str] | None = None) -> bool:
    """The authority's view beside an embedded store (`store.views`), from its graphs as they
    are now (``graphs``, when the caller listed them; ``unless_current``: only if the view
    does not hold them already); whether it was written."""
    if not isinstance(store, EmbeddedStore):
        return False
    if graphs is None:
        _, rows = store.select(internal("scope-graphs"), {"authority": ox.NamedNode(authority)})
        graphs = sorted({r["graph"].value for r in rows if r["graph"]})
    if unless_current and store.view_is_current(authority, graphs):
        return False
    store.write_view(authority, graphs)
    return True


def heal_views(store: Store, authorities: Iterable[str]) -> int:
    """Write the views that are missing or stale (deleted, or left by a build killed between
    a relink and its view); how many were written. The graphs of every authority are listed
    by one query (one per authority cost ~10 ms each on a store of 1,500 reports)."""
    if not isinstance(store, EmbeddedStore):
        return 0
    chosen = set(authorities)
    if not chosen:
        return 0
    owned: dict[str, set[str]] = {}
    for graph, owners in graph_owners(store).items():
        for a in owners:
            owned.setdefault(a, set()).add(graph)
    return sum(_write_view(store, a, unless_current=True, graphs=sorted(owned.get(a, ())))
               for a in sorted(chosen))


def link_counts(store: Store, minter: Minter, authorities: Iterable[str]) -> dict[str, int]:
    """How many links of each method the store holds: on the embedded store counted over the
    authorities' link graphs alone, elsewhere over every graph."""
    if isinstance(store, EmbeddedStore):  # a graph the store does not hold counts nothing
        graphs = [g for a in sorted(set(authorities)) for g in link_graph_names(minter, a)]
        rows = store.select(internal("link-methods"), graphs=graphs)[1] if graphs else []
    else:
        rows = store.select(internal("link-counts"))[1]
    return dict(sorted((r["method"].value, int(r["links"].value)) for r in rows
                       if r["method"] is not None and r["links"] is not None))


def _nt(triples: Iterable[ox.Triple]) -> bytes:
    return canonical_ntriples(set(triples))


def _about(graph: str, authority: str, triples: Iterable[ox.Triple]) -> set[ox.Triple]:
    """A derived graph's triples with the one that names its authority (none when empty)."""
    content = set(triples)
    if content:
        content.add(ox.Triple(ox.NamedNode(graph), DCTERMS.subject, ox.NamedNode(authority)))
    return content


def _stamped(graph: str, triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """A derived graph's triples with the digest of their content, so that every graph
    inspectkg writes carries its stamp (a remote engine's graphs are told apart by it); an
    empty graph stays empty (it goes)."""
    content = list(triples)
    if not content:
        return content
    stamp = ox.Triple(ox.NamedNode(graph), ox.NamedNode(DIGEST),
                      ox.Literal(digest(canonical_ntriples(set(content)))))
    return [*content, stamp]
