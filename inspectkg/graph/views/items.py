"""The graph of an authority's reports and items, built from the view queries' results.

Every node is keyed by its IRI and carries what a page or a desktop tool shows: ``kind``,
``label`` (short, drawn), ``text``/``quote`` (verbatim), its report, paragraph and line,
services, status or grade, and ``fields`` (the details panel, in order). Every edge runs from
the earlier or causing item to the later one and carries its ``relation`` and, for trace links,
``method``, ``score`` and the two quotes. Nothing here reads a report: only SPARQL results.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from ..store import Store
from .fetch import Row, integer, number, rows
from .lookup import tail
from .style import KINDS, RELATION_LABELS, grade_band

SUBKIND_LABELS = {
    "judgement": "Judgement",
    "strength": "Strength",
    "weakness": "Weakness",
    "area for improvement": "Area for improvement",
    "aspect for future focus": "Aspect for future focus",
    "grade": "Grade",
    "plan recommendation": "Plan recommendation",
    "cited report": "Report named by a later one (not loaded)",
}


REPORT_KINDS = {
    "lea_inspection": "LEA inspection",
    "apa_letter": "APA letter",
    "action_plan_progress": "Action plan progress report",
}


COUNT_NAMES = (
    ("recommendations", "recommendations"),
    ("judgements", "judgements"),
    ("actions", "actions"),
    ("progressUpdates", "progress updates"),
)


def item_graph(
    store: Store, authority: str | None = None, service: str | None = None
) -> nx.MultiDiGraph:
    """Reports, their items and every trace edge between them (of one authority, or all)."""
    g = nx.MultiDiGraph()
    reports = rows(store, "reports", {"authority": authority})
    for r in reports:
        add_report(g, r)
    services = _services_by_item(rows(store, "item-services", {"authority": authority}))
    for item, merged in _merge(rows(store, "items", {"authority": authority, "service": service}),
                               "item").items():
        if merged["report"] in g:
            _add_item(g, item, merged, g.nodes[merged["report"]], services.get(item, []))
    linked: set[tuple[str, str]] = set()
    outside = 0
    for r in rows(store, "links", {"authority": authority}):
        for end in ("from", "to"):
            if r[end] not in g and r[f"{end}Label"]:
                _add_cited_report(g, r[end] or "", r[f"{end}Label"], r[f"{end}Date"],
                                  r[f"{end}Kind"])
        if r["from"] in g and r["to"] in g:
            _add_link(g, r)
            linked |= {(r["from"], r["to"]), (r["to"], r["from"])}
        else:
            outside += 1
    for r in rows(store, "edges", {"authority": authority}):
        u, v = r["source"], r["target"]
        if u in g and v in g and (u, v) not in linked:
            rel = r["relation"] or "link"
            g.add_edge(u, v, key=rel, relation=rel, label=RELATION_LABELS.get(rel, rel),
                       method=rel, score=1.0, link_type="stated")
    _carry_status_to_actions(g)
    g.graph["outside_links"] = outside
    return g


def add_report(g: nx.MultiDiGraph, r: Row) -> None:
    kind = REPORT_KINDS.get(r["kind"] or "", r["kind"] or "report")
    counts = ", ".join(f"{integer(r[k]) or 0} {name}" for k, name in COUNT_NAMES)
    g.add_node(
        r["report"], kind="report", subkind=r["kind"] or "report",
        label=r["label"] or r["report"], text=r["title"], iri=r["report"],
        report=r["report"], report_label=r["label"], date=r["date"],
        authority=r["authorityIri"], authority_name=r["authorityName"],
        services=(), service_labels=(), counts=counts,
        fields=fields(("Title", r["title"]), ("Kind", kind), ("Date", r["date"]),
                       ("Authority", r["authorityName"]), ("Holds", counts),
                       ("Source file", r["sourceFile"])),
    )


def _add_cited_report(
    g: nx.MultiDiGraph, iri: str, label: str | None, date: str | None, kind: str | None
) -> None:
    """A report a loaded one names (its previous inspection) but which is not in the store."""
    short = f"{REPORT_KINDS.get(kind or '', kind or 'report')} {(date or '')[:7]}".strip()
    g.add_node(
        iri, kind="report", subkind="cited report", label=label or iri, text=None, iri=iri,
        band_label=f"{short} (named, not loaded)",
        report=iri, report_label=label, date=date, services=(), service_labels=(),
        fields=fields(("Kind", REPORT_KINDS.get(kind or "", kind)), ("Date", date),
                       ("Note", "Named by a later report; not loaded into the store.")),
    )


def _add_item(
    g: nx.MultiDiGraph, item: str, r: Row, report: dict[str, Any],
    services: list[tuple[str, str, str]],
) -> None:
    kind, sub = r["kind"] or "item", r["subkind"] or r["kind"] or "item"
    rank = number(r["rank"])
    status = tail(r["status"], "status/") if r["status"] else None
    label, text = _item_label(item, kind, sub, r)
    source = _source(report.get("report_label"), r["paragraph"], r["line"])
    by_service: dict[str, list[str]] = defaultdict(list)
    for _iri, svc_label, how in services:
        if how and how not in by_service[svc_label]:
            by_service[svc_label].append(how)
        by_service.setdefault(svc_label, [])
    service_text = "; ".join(
        f"{name} (by {', '.join(how)})" if how else name for name, how in by_service.items()
    )
    grade = None
    if r["gradeLabel"]:
        grade = r["gradeLabel"] + (f" (rank {rank:g} of 4)" if rank is not None else "")
    g.add_node(
        item, kind=kind, subkind=sub, label=label, text=text, quote=r["quote"], iri=item,
        report=r["report"], report_label=report.get("report_label"),
        date=r["date"] or report.get("date"), line=integer(r["line"]),
        paragraph=integer(r["paragraph"]), source=source,
        services=tuple(dict.fromkeys(s[0] for s in services)),
        service_labels=tuple(by_service), grade=r["gradeLabel"], rank=rank,
        grade_band=grade_band(rank), status=status, status_label=r["statusLabel"],
        status_rank=integer(r["statusRank"]),
        fields=fields(
            ("Text", text), ("Quote", r["quote"] if r["quote"] != text else None),
            ("Aim", r["aim"]), ("Subject", r["subject"]), ("Heading", r["heading"]),
            ("Grade", grade), ("Status", r["statusLabel"]), ("Objective", r["objective"]),
            ("Lead", r["lead"]), ("Timescale", r["timescale"]),
            ("Reference to", r["referenceKind"].replace("_", " ") if r["referenceKind"] else None),
            ("Services", service_text), ("Report", report.get("report_label")),
            ("Date", r["date"] or report.get("date")), ("Paragraph", r["paragraph"]),
            ("Line", r["line"]),
        ),
    )


def _item_label(item: str, kind: str, sub: str, r: Row) -> tuple[str, str | None]:
    """The short label drawn on the node and the item's full text."""
    name = SUBKIND_LABELS.get(sub, KINDS[kind].label if kind in KINDS else kind.title())
    if kind == "recommendation":
        return f"Recommendation {r['number'] or tail(item, '/')}: {short(r['text'])}", r["text"]
    if kind == "judgement":
        text = r["text"] or r["quote"] or r["area"] or r["subject"]
        if sub == "grade":
            return f"Grade: {short(r['area'], 40)} - {r['gradeLabel'] or '?'}", r["area"]
        grade = f" ({r['gradeLabel']})" if r["gradeLabel"] else ""
        return f"{name}{grade}: {short(text)}", text
    if kind == "action":
        text = r["text"] or r["objective"]
        return f"Action {tail(item, 'action/')}: {short(text)}", text
    if kind == "progress":
        return f"Progress: {r['statusLabel'] or 'no status'}", r["note"]
    if kind == "summary":
        return f"Summary {tail(item, 'summary/')}: {short(r['title'])}", r["text"] or r["title"]
    if kind == "reference":
        return f"Reference: {short(r['quote'])}", r["quote"]
    return f"{name}: {short(r['text'] or r['quote'])}", r["text"] or r["quote"]


def _add_link(g: nx.MultiDiGraph, r: Row) -> None:
    score = number(r["score"])
    method = r["method"] or r["linkType"] or "link"
    g.add_edge(
        r["from"], r["to"], key=r["link"], relation="link", iri=r["link"],
        label=f"{r['linkType'] or ''} link".strip(), method=method,
        score=score if score is not None else 1.0, link_type=r["linkType"] or "link",
        evidence_from=r["evidenceFrom"], evidence_to=r["evidenceTo"],
    )


def _carry_status_to_actions(g: nx.MultiDiGraph) -> None:
    """An action shows the status of its latest progress update (updates are never overwritten)."""
    for u, v, d in g.edges(data=True):
        if d.get("relation") != "updates" or g.nodes[u].get("kind") != "action":
            continue
        upd, act = g.nodes[v], g.nodes[u]
        if upd.get("status") and (upd.get("date") or "") >= (act.get("status_date") or ""):
            act.update(status=upd["status"], status_label=upd["status_label"],
                       status_rank=upd.get("status_rank"), status_date=upd.get("date") or "")
            act["fields"] = [f for f in act["fields"] if f[0] != "Latest status"]
            act["fields"].insert(1, ("Latest status", f"{upd['status_label']} ({upd['date']})"))


def _services_by_item(found: list[Row]) -> dict[str, list[tuple[str, str, str]]]:
    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for r in found:
        out[r["item"] or ""].append(
            (r["service"] or "", r["serviceLabel"] or "", r["method"] or "")
        )
    return out


def network(store: Store) -> nx.MultiDiGraph:
    """Every authority, report, item and service with trace, membership and service edges."""
    g = item_graph(store)
    for n, d in list(g.nodes(data=True)):
        if d["kind"] == "report":
            auth = d.get("authority")
            if auth and auth not in g:
                g.add_node(auth, kind="authority", subkind="authority",
                           label=d.get("authority_name"), iri=auth, services=(),
                           service_labels=(), fields=[])
            if auth:
                g.add_edge(auth, n, key="report", relation="report",
                           label=RELATION_LABELS["report"])
        elif d["kind"] not in ("authority", "service"):
            g.add_edge(n, d["report"], key="in report", relation="in report", label="in report")
            for svc, svc_label in zip(d["services"], d["service_labels"], strict=False):
                if svc not in g:
                    g.add_node(svc, kind="service", subkind="service", label=svc_label, iri=svc,
                               services=(svc,), service_labels=(svc_label,), fields=[])
                g.add_edge(n, svc, key="about", relation="about", label=RELATION_LABELS["about"])
    return g


def _merge(found: list[Row], key: str) -> dict[str, Row]:
    """One row per key: the first value of each column that some row binds."""
    out: dict[str, Row] = {}
    for r in found:
        k = r[key] or ""
        if k not in out:
            out[k] = dict(r)
        else:
            for c, v in r.items():
                if out[k].get(c) is None and v is not None:
                    out[k][c] = v
    return out


def count_of(count: int, word: str, plural: str | None = None) -> str:
    """A count in words ("1 report", "3 reports"), so page text reads as English."""
    return f"{count} {word if count == 1 else plural or word + 's'}"


def short(text: str | None, limit: int = 48) -> str:
    """Whitespace collapsed, cut at a word before ``limit`` characters with an ellipsis."""
    words = " ".join((text or "").split())
    if len(words) <= limit:
        return words
    cut = words[:limit].rsplit(" ", 1)[0]
    return (cut if len(cut) > limit // 2 else words[:limit]) + "…"


def _source(report_label: str | None, paragraph: str | None, line: str | None) -> str:
    parts = [report_label or "report"]
    if paragraph:
        parts.append(f"paragraph {paragraph}")
    if line:
        parts.append(f"line {line}")
    return ", ".join(parts)


def fields(*pairs: tuple[str, str | None]) -> list[tuple[str, str]]:
    """The details panel's (name, value) rows, leaving out what an item does not have."""
    return [(k, str(v)) for k, v in pairs if v not in (None, "")]
