"""Links across reports: what reports state about each other, and what is inferred."""

from .relink import AuthorityLinks, authority_links, compute_links, link_graph_names

__all__ = ["AuthorityLinks", "authority_links", "compute_links", "link_graph_names"]
