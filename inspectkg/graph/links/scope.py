"""The part of the store an authority's links are computed from: its report graphs.

Every triple the link and shared-node queries read is in the reports about the authority, so
they run over those graphs only; their cost is the authority's, whatever the store's size.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

from ...queries import internal
from ..store import Store, Term


class AuthorityScope:
    """A store seen through one authority's report graphs (for `select` only)."""

    def __init__(self, store: Store, authority: str) -> None:
        self.store = store
        self.authority = authority
        _, rows = store.select(internal("authority-reports"),
                               {"authority": ox.NamedNode(authority)})
        self.graphs = sorted({r["graph"].value for r in rows})

    def select(
        self, query: str, bindings: Mapping[str, Term] | None = None
    ) -> tuple[list[str], list[dict[str, Term | None]]]:
        return self.store.select(query, bindings, graphs=self.graphs)
