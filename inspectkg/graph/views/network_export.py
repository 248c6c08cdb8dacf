"""The graph for desktop tools (Gephi, Cytoscape, yEd): GraphML and GEXF through networkx.

Nodes are keyed by IRI and keep their ``label``, ``kind``, ``status``, grade and normalised
rank, report, date, services and verbatim text; edges their relation and, for trace links,
method, score and evidence. Both formats take only plain values, so lists become "; "-joined
text and absent values are left out. GEXF also gets each node's colour (status, else grade,
else kind) for tools that draw it straight away.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ...errors import InspectKGError
from ..store import Store
from .items import network
from .lookup import authorities
from .style import node_color

NETWORK_FORMATS = ("graphml", "gexf")
_XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"
_NODE_KEYS = {
    "label": "label", "kind": "kind", "subkind": "subkind", "iri": "iri", "status": "status",
    "status_label": "status_label", "grade": "grade", "rank": "rank", "date": "date",
    "report": "report", "text": "text", "quote": "quote", "line": "line",
    "paragraph": "paragraph", "services": "services", "service_labels": "service_labels",
    "authority_name": "authority",
}
_EDGE_KEYS = ("relation", "label", "method", "score", "link_type", "evidence_from",
              "evidence_to", "iri", "count")


def plain_network(store: Store, *, colours: bool = False) -> nx.MultiDiGraph:
    """The whole store's network with plain attribute values (what GraphML and GEXF hold)."""
    authorities(store)  # a clear error for an empty store
    g = network(store)
    out = nx.MultiDiGraph(name="inspectkg")
    for n, d in g.nodes(data=True):
        attrs = {key: _plain(d.get(src)) for src, key in _NODE_KEYS.items()}
        attrs = {k: v for k, v in attrs.items() if v is not None}
        attrs.setdefault("label", n)
        if colours:
            attrs["viz"] = {"color": _rgb(node_color(d["kind"], d.get("status"), d.get("rank")))}
        out.add_node(n, **attrs)
    for u, v, k, d in g.edges(keys=True, data=True):
        attrs = {key: _plain(d.get(key)) for key in _EDGE_KEYS}
        attrs = {k2: v2 for k2, v2 in attrs.items() if v2 is not None}
        if "score" in attrs:
            attrs["weight"] = attrs["score"]
        out.add_edge(u, v, key=str(k), **attrs)
    return out


def export_network(store: Store, fmt: str) -> str:
    """The store's network as GraphML or GEXF text."""
    if fmt not in NETWORK_FORMATS:
        raise InspectKGError(f"unknown network format {fmt!r} (use {', '.join(NETWORK_FORMATS)})")
    if fmt == "graphml":
        lines = nx.generate_graphml(plain_network(store), named_key_ids=True)
    else:
        lines = nx.generate_gexf(plain_network(store, colours=True))
    return _XML_DECLARATION + "\n".join(lines) + "\n"


def _plain(value: Any) -> str | int | float | bool | None:
    if value is None or value == "" or value == ():
        return None
    if isinstance(value, (tuple, list)):
        return "; ".join(str(v) for v in value) or None
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _rgb(colour: str) -> dict[str, int | float]:
    c = colour.lstrip("#")
    return {"r": int(c[0:2], 16), "g": int(c[2:4], 16), "b": int(c[4:6], 16), "a": 1.0}
