"""Interactive views of the knowledge graph and its export for desktop network tools.

- ``views``: networkx graphs built from SPARQL results (``queries/*.rq`` beside this package);
- ``layout``: fixed positions, so a page opens the same way every time;
- ``render``: pyvis with our own autoescaping template and inlined assets (``assets/``);
- ``site``: ``browse()``, the pages and their index;
- ``network_export``: ``export_network()``, GraphML and GEXF.
"""

from __future__ import annotations

from .network_export import NETWORK_FORMATS, export_network
from .site import BrowseResult, Page, browse
from .views import MAX_NODES

__all__ = ["MAX_NODES", "NETWORK_FORMATS", "BrowseResult", "Page", "browse", "export_network"]
