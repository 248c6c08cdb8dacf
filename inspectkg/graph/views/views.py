"""The three views as networkx graphs with positions: overview, authority timeline, chain.

A view never holds more nodes than ``max_nodes``: above it a timeline counts items per report and
service instead of drawing them one by one, an overview drops the report level, a chain keeps the
items nearest its recommendation; each says so in its ``notes``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ...errors import InspectKGError
from ..store import Store
from . import layout
from .fetch import Row, integer, number, rows
from .items import COUNT_NAMES, REPORT_KINDS, add_report, count_of, fields, item_graph
from .lookup import AuthorityRef, RecommendationRef, file_part, service_label
from .style import RELATION_LABELS

MAX_NODES = 1500
"""Default most nodes a page draws; `inspectkg browse --max-nodes` changes it."""


@dataclass
class View:
    """One page's graph: positions are node attributes ``x`` and ``y``."""

    name: str
    kind: str
    title: str
    description: str
    graph: nx.MultiDiGraph
    notes: list[str] = field(default_factory=list)
    aggregated: bool = False
    focus: str | None = None
    bands: list[dict[str, Any]] = field(default_factory=list)


def timeline(
    store: Store, authority: AuthorityRef, service: str | None = None,
    max_nodes: int = MAX_NODES,
) -> View:
    """An authority's reports left to right by date, their items under them, trace links drawn."""
    name = f"timeline-{authority.slug}"
    title = f"{authority.name}: reports and what became of their recommendations"
    about = f" about {service_label(store, service)}" if service else ""
    count = integer(rows(store, "item-count", {"authority": authority.name,
                                               "service": service})[0]["items"]) or 0
    reports = rows(store, "reports", {"authority": authority.name})
    if count + len(reports) > max_nodes:
        return _aggregated_timeline(store, authority, service, max_nodes, count, name, title)
    g = item_graph(store, authority.name, service)
    if g.number_of_nodes() > max_nodes:  # reports named by these but not loaded count too
        return _aggregated_timeline(store, authority, service, max_nodes, count, name, title)
    bands = layout.timeline(g)
    view = View(
        name, "timeline", title,
        f"{count_of(len(reports), 'report')} and {count_of(count, 'item')}{about}, with "
        f"{count_of(g.number_of_edges(), 'trace edge')}; reports left to right by date.",
        g, bands=bands,
    )
    if service:
        view.notes.append(f"Only items about {service_label(store, service)} are drawn "
                          "(from --service).")
    _note_outside(view)
    return view


def chain(
    store: Store, rec: RecommendationRef, max_nodes: int = MAX_NODES
) -> View:
    """One recommendation's chain: every item it reaches through trace edges, and every item
    that reaches it."""
    full = item_graph(store, rec.authority.name)
    if rec.iri not in full:
        raise InspectKGError(f"{rec.iri}: not in the reports about {rec.authority.name}")
    trace = full.subgraph(n for n, d in full.nodes(data=True) if d["kind"] != "report")
    members = {rec.iri} | nx.ancestors(trace, rec.iri) | nx.descendants(trace, rec.iri)
    notes: list[str] = []
    n_reports = sum(1 for _, d in full.nodes(data=True) if d["kind"] == "report")
    room = max(max_nodes - n_reports, max_nodes // 2)
    if len(members) > room:
        members, dropped = _nearest(trace, rec.iri, members, room)
        notes.append(f"This chain reaches {len(members) + dropped} items, more than this page "
                     f"draws ({max_nodes}): the {len(members)} nearest to the recommendation "
                     "are shown. Raise --max-nodes to see more.")
    reports = {full.nodes[n]["report"] for n in members}
    g = full.subgraph(members | reports).copy()
    bands = layout.timeline(g, compact=True)
    links = sum(1 for *_, d in g.edges(data=True) if d.get("relation") == "link")
    view = View(
        f"chain-{file_part(rec.slug)}", "chain",
        f"Trace of {rec.label}",
        f"{count_of(len(members), 'item')} across {count_of(len(reports), 'report')}, "
        f"{count_of(links, 'trace link')}; earlier items on the left.",
        g, notes=notes, focus=rec.iri, bands=bands,
    )
    if len(members) == 1:
        view.notes.append("No later report is linked to this recommendation yet.")
    return view


def overview(
    store: Store, authority: AuthorityRef | None = None, service: str | None = None,
    max_nodes: int = MAX_NODES,
) -> View:
    """Authorities, their reports by kind and year with counts, and the services they touch."""
    who = authority.name if authority else None
    reports = rows(store, "reports", {"authority": who})
    g = nx.MultiDiGraph()
    for r in reports:
        _add_authority(g, r)
    n_services = len({r["svc"] for r in rows(store, "authority-services",
                                              {"authority": who, "service": service})})
    n_authorities = g.number_of_nodes()
    title = f"{authority.name}: overview" if authority else "Overview of the store"
    about = f" about {service_label(store, service)}" if service else ""
    view = View("overview", "overview", title, "", g)
    if n_authorities + len(reports) + n_services <= max_nodes:
        for r in reports:
            add_report(g, r)
            node = g.nodes[r["report"]]
            counts = [f"{integer(r[k])} {name}" for k, name in COUNT_NAMES if integer(r[k])]
            node["label"] = (f"{REPORT_KINDS.get(r['kind'] or '', r['kind'])} "
                             f"{(r['date'] or '')[:7]}\n" + ", ".join(counts))
            g.add_edge(r["authorityIri"], r["report"], key="report", relation="report",
                       label=RELATION_LABELS["report"])
        for r in rows(store, "report-services", {"authority": who, "service": service}):
            _add_service(g, r)
            items = integer(r["items"]) or 0
            g.add_edge(r["report"], r["svc"], key="about", relation="about", count=items,
                       label=f"{items} items about {r['serviceLabel']}")
        view.description = (f"{count_of(n_authorities, 'authority', 'authorities')}, "
                             f"{count_of(len(reports), 'report')} and the "
                             f"{count_of(n_services, 'service')} their items are about{about}.")
    else:
        view.aggregated = True
        found = rows(store, "authority-services", {"authority": who, "service": service})
        keep = _first_authorities(g, max(max_nodes - n_services, max_nodes // 2))
        totals: dict[str, int] = defaultdict(int)
        for r in found:
            if r["authorityIri"] in keep:
                totals[r["svc"] or ""] += integer(r["items"]) or 0
        ranked = sorted(totals, key=lambda svc: (-totals[svc], svc))
        services_kept = set(ranked[: max_nodes - len(keep)])
        for r in found:
            if r["authorityIri"] in keep and r["svc"] in services_kept:
                _add_service(g, r)
                items = integer(r["items"]) or 0
                g.add_edge(r["authorityIri"], r["svc"], key="about", relation="about",
                           count=items, label=f"{items} items in {r['reports']} reports")
        view.notes.append(
            f"The store holds {len(reports)} reports about {n_authorities} authorities, more "
            f"than this page draws ({max_nodes} nodes): reports are not drawn one by one, each "
            "authority links to the services its reports are about, with counts. Pick an "
            "authority with --authority, or raise --max-nodes."
        )
        if len(keep) < n_authorities:
            g.remove_nodes_from([n for n, d in list(g.nodes(data=True))
                                 if d["kind"] == "authority" and n not in keep])
            view.notes.append(f"Only the first {len(keep)} of {n_authorities} authorities "
                              "(by name) are drawn.")
        if len(services_kept) < len(ranked):
            view.notes.append(f"Only the {len(services_kept)} services with most items of "
                              f"{len(ranked)} are drawn.")
        view.description = (f"{count_of(n_authorities, 'authority', 'authorities')} and the "
                            "services their reports are about.")
    if service:
        view.notes.append(f"Only services within {service_label(store, service)} are drawn "
                          "(from --service).")
    layout.overview(g)
    return view


def _add_authority(g: nx.MultiDiGraph, r: Row) -> None:
    iri = r["authorityIri"] or ""
    if iri in g:
        g.nodes[iri]["reports"] += 1
        n = g.nodes[iri]["reports"]
        g.nodes[iri]["fields"][1] = ("Reports", str(n))
        return
    g.add_node(iri, kind="authority", subkind="authority", label=r["authorityName"], iri=iri,
               text=None, reports=1, services=(), service_labels=(),
               fields=[("Name", r["authorityName"]), ("Reports", "1")])


def _add_service(g: nx.MultiDiGraph, r: Row) -> None:
    iri = r["svc"] or ""
    if iri not in g:
        g.add_node(iri, kind="service", subkind="service", label=r["serviceLabel"], iri=iri,
                   text=None, notation=r["notation"], services=(iri,),
                   service_labels=(r["serviceLabel"],),
                   fields=[("Service", r["serviceLabel"]), ("Notation", r["notation"])])


def _first_authorities(g: nx.MultiDiGraph, room: int) -> set[str]:
    names = sorted((d["label"] or "", n) for n, d in g.nodes(data=True) if d["kind"] == "authority")
    return {n for _, n in names[: max(room, 1)]}


def _aggregated_timeline(
    store: Store, authority: AuthorityRef, service: str | None, max_nodes: int, count: int,
    name: str, title: str,
) -> View:
    """Counts per report and service, for an authority with too many items to draw."""
    g = nx.MultiDiGraph()
    for r in rows(store, "reports", {"authority": authority.name}):
        add_report(g, r)
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows(store, "item-groups", {"authority": authority.name, "service": service}):
        key = (r["report"] or "", r["group"] or "")
        grp = groups.setdefault(key, {"label": r["groupLabel"], "counts": {}, "total": 0})
        grp["counts"][r["kind"] or "item"] = integer(r["count"]) or 0
        grp["total"] += integer(r["count"]) or 0
    room = max_nodes - g.number_of_nodes()
    ranked = sorted(groups.items(), key=lambda kv: (-kv[1]["total"], kv[0]))
    kept, dropped = ranked[:room], ranked[room:]
    for (report, svc), grp in kept:
        counts = ", ".join(f"{n} {k}" for k, n in sorted(grp["counts"].items()))
        gid = f"{report}#group={svc}"
        g.add_node(
            gid, kind="group", subkind="group", label=f"{grp['label']}\n{counts}", iri=svc or None,
            report=report, report_label=g.nodes[report]["report_label"], text=None,
            date=g.nodes[report]["date"], services=(svc,) if svc else (),
            service_labels=(grp["label"],), count=grp["total"],
            fields=fields(("Service", grp["label"]), ("Items", counts),
                           ("Report", g.nodes[report]["report_label"])),
        )
    for r in rows(store, "group-links", {"authority": authority.name, "service": service}):
        u, v = f"{r['fromReport']}#group={r['group']}", f"{r['toReport']}#group={r['group']}"
        if u in g and v in g:
            n = integer(r["links"]) or 0
            methods = tuple(sorted(set((r["methods"] or "link").split("; "))))
            g.add_edge(u, v, key="aggregate", relation="aggregate", count=n,
                       score=number(r["bestScore"]) or 1.0, methods=methods,
                       link_type="aggregate", label=f"{n} trace links (best score "
                       f"{number(r['bestScore']) or 0:.2f}; {', '.join(methods)})")
    view = View(
        name, "timeline", title,
        f"{count_of(g.number_of_nodes() - len(kept), 'report')}; "
        f"{count_of(count, 'item')} counted per report and service.",
        g, aggregated=True, bands=layout.timeline(g),
    )
    view.notes.append(
        f"{authority.name}'s reports hold {count} items, more than this page draws "
        f"({max_nodes} nodes): each node counts one report's items about one service, and "
        "edges count the trace links between them. Narrow it with --service, or raise "
        "--max-nodes."
    )
    if dropped:
        view.notes.append(f"The {len(dropped)} smallest groups are not drawn.")
    return view


def _nearest(
    g: nx.MultiDiGraph, start: str, members: set[str], room: int
) -> tuple[set[str], int]:
    """The ``room`` members closest to ``start`` (hops either way), and how many were left out."""
    sub = g.subgraph(members).to_undirected(as_view=True)
    order = list(nx.single_source_shortest_path_length(sub, start))
    return set(order[:room]), max(len(members) - room, 0)


def _note_outside(view: View) -> None:
    n = view.graph.graph.get("outside_links", 0)
    if n:
        view.notes.append(f"{n} trace links lead to items this view does not draw.")
