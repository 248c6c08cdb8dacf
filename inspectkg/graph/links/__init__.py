"""Links across reports: what reports state about each other, and what is inferred."""

from .relink import compute_links, relink

__all__ = ["compute_links", "relink"]
