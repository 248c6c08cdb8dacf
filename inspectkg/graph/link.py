"""Links across reports (explicit and inferred), recomputed after every build."""

from __future__ import annotations

from .iris import Minter
from .store import Store


def relink(store: Store, minter: Minter) -> dict[str, int]:
    """Recompute the link graphs for every authority in the store; counts per link method."""
    return {}
