"""Fixed positions for the views, computed once in Python so every page opens the same way.

Physics stays off in the page: a timeline is a grid, reports left to right by date with their
items in columns under them by kind, each item placed level with the earlier items that lead to
it (the barycentre of their rows), so trace links run mostly left to right, not as a hairball.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from typing import Any

import networkx as nx

from .style import COLUMN_ORDER

DX = 250.0  # between columns
DY = 92.0  # between rows
MAX_ROWS = 20  # a kind's items wrap into another column after this many rows
REPORT_GAP = 1.2 * DX  # between one report's columns and the next report's
HEADINGS = {
    "recommendation": "Recommendations", "judgement": "Judgements", "reference": "References",
    "summary": "Summary sections", "action": "Actions and their progress", "progress": "Progress",
    "group": "Services",
}


def timeline(g: nx.MultiDiGraph, *, compact: bool = False) -> list[dict[str, Any]]:
    """Set ``x``/``y`` on every node; the background band of each report (for the page).

    ``compact`` (for a chain, a few items per report): one column per report for everything
    but actions, which keep their progress updates beside them, and narrower gaps.
    """
    reports = sorted((n for n, d in g.nodes(data=True) if d["kind"] == "report"),
                     key=lambda n: (g.nodes[n].get("date") or "", n))
    by_report: dict[str, list[str]] = defaultdict(list)
    for n, d in g.nodes(data=True):
        if d["kind"] != "report":
            by_report[d.get("report") if d.get("report") in reports else ""].append(n)
    placed: dict[str, tuple[float, float]] = {}
    bands: list[dict[str, Any]] = []
    x = 0.0
    for report in [*reports, ""]:
        items = by_report.get(report, [])
        if not report and not items:
            continue
        start = x
        columns: list[dict[str, Any]] = []
        x = _report_columns(g, items, placed, x, columns, compact)
        right = max(x - DX, start)
        if report:
            placed[report] = ((start + right) / 2, -1.9 * DY)
            bands.append({"report": report, "x0": start - DX / 2, "x1": right + DX / 2,
                          "label": g.nodes[report].get("band_label")
                          or g.nodes[report].get("label") or "", "columns": columns})
        x += REPORT_GAP / 2 if compact else REPORT_GAP
    bottom = max((y for _, y in placed.values()), default=0.0) + DY
    for band, after in zip(bands, [*bands[1:], None], strict=True):
        # a title may run on over the gap to the next band, so narrow bands keep it short
        room = (after["x0"] if after else band["x1"]) - band["x0"]
        band.update(y0=-2.6 * DY, y1=bottom, title_width=room - DX / 5)
    _apply(g, placed)
    return bands


def _report_columns(
    g: nx.MultiDiGraph, items: list[str], placed: dict[str, tuple[float, float]], x: float,
    columns: list[dict[str, Any]], compact: bool = False,
) -> float:
    """Place one report's items in columns by kind from ``x``; the x after its last column.

    ``columns`` gets a heading per block of columns (kind and count) for the page to draw.
    """
    by_kind: dict[str, list[str]] = defaultdict(list)
    for n in items:
        by_kind[g.nodes[n]["kind"]].append(n)
    updates_of = {
        n: [v for v in g.successors(n) if g.nodes[v]["kind"] == "progress" and v in items]
        for n in by_kind.get("action", [])
    }
    paired = {v for vs in updates_of.values() for v in vs}
    kinds = [k for k in COLUMN_ORDER if k in by_kind] + sorted(set(by_kind) - set(COLUMN_ORDER))
    blocks = [(k, [n for n in by_kind[k] if n not in paired]) for k in kinds]
    if compact:  # everything but actions (and their updates) in one block, kinds in order
        rest = [(k, b) for k, b in blocks if k != "action"]
        merged = [n for _, b in rest for n in _ordered(g, b, placed)]
        blocks = [("items", merged)] + [(k, b) for k, b in blocks if k == "action"]
    for kind, block in blocks:
        if not block:
            continue
        if kind != "items":
            block = _ordered(g, block, placed)
        ncols = math.ceil(len(block) / MAX_ROWS)
        nrows = math.ceil(len(block) / ncols)
        width = 2 if kind == "action" and paired else 1
        for i, n in enumerate(block):
            col, row = divmod(i, nrows)
            placed[n] = (x + col * width * DX, row * DY)
            for k, upd in enumerate(updates_of.get(n, [])):
                placed[upd] = (x + (col * width + 1) * DX, row * DY + k * DY / 3)
        if kind == "items":
            counts: dict[str, int] = defaultdict(int)
            for n in block:
                counts[g.nodes[n]["kind"]] += 1
            heading = " · ".join(f"{HEADINGS.get(k, k)} ({c})" for k, c in counts.items())
        else:
            heading = f"{HEADINGS.get(kind, kind)} ({len(block)})"
        columns.append({"x0": x - DX / 2, "x1": x + (ncols * width - 0.5) * DX,
                        "y": -0.55 * DY, "label": heading})
        x += ncols * width * DX
    return x


def _ordered(
    g: nx.MultiDiGraph, block: list[str], placed: dict[str, tuple[float, float]]
) -> list[str]:
    """Items led to by already placed items first, level with them; the rest in printed order."""

    def key(n: str) -> tuple[int, float, tuple[Any, ...]]:
        ys = [placed[p][1] for p in g.predecessors(n) if p in placed]
        natural = _natural(n)
        return (0, sum(ys) / len(ys), natural) if ys else (1, 0.0, natural)

    return sorted(block, key=key)


def overview(g: nx.MultiDiGraph) -> None:
    """Authorities left, their reports in the middle by date, services right near their reports."""
    placed: dict[str, tuple[float, float]] = {}
    authorities = sorted((n for n, d in g.nodes(data=True) if d["kind"] == "authority"),
                         key=lambda n: (g.nodes[n].get("label") or "", n))
    row = 0
    has_reports = any(d["kind"] == "report" for _, d in g.nodes(data=True))
    for a in authorities:
        reports = sorted((v for v in g.successors(a) if g.nodes[v]["kind"] == "report"),
                         key=lambda n: (g.nodes[n].get("date") or "", n))
        first = row
        for r in reports:
            placed[r] = (2.2 * DX, row * 1.5 * DY)
            row += 1
        if not reports:
            row += 1
        placed[a] = (0.0, (first + max(row - 1, first)) / 2 * 1.5 * DY)
        row += 0.5
    services = [n for n, d in g.nodes(data=True) if d["kind"] == "service"]
    column = 4.6 * DX if has_reports else 3.0 * DX

    def near(s: str) -> tuple[float, int, str]:
        ys = [placed[p][1] for p in g.predecessors(s) if p in placed]
        items = sum(d.get("count", 0) for _, _, d in g.in_edges(s, data=True))
        return (round(sum(ys) / len(ys), 1) if ys else 0.0, -items, g.nodes[s].get("label") or s)

    ordered = sorted(services, key=near)
    if ordered:
        ncols = math.ceil(len(ordered) / MAX_ROWS)
        nrows = math.ceil(len(ordered) / ncols)
        middle = (max((y for _, y in placed.values()), default=0.0)) / 2
        top = max(middle - (nrows - 1) * DY * 0.9 / 2, -DY)
        for i, s in enumerate(ordered):
            col, r = divmod(i, nrows)
            placed[s] = (column + col * DX, top + r * DY * 0.9)
    _apply(g, placed)


def _apply(g: nx.MultiDiGraph, placed: dict[str, tuple[float, float]]) -> None:
    for n, (x, y) in placed.items():
        g.nodes[n]["x"] = round(x, 1)
        g.nodes[n]["y"] = round(y, 1)


def _natural(iri: str) -> tuple[Any, ...]:
    """Sort key that puts recommendation 2 before 10 and 5.2 after 5.1."""
    tail = iri.rsplit("/", 2)
    parts = re.split(r"(\d+)", "/".join(tail[-2:]))
    return tuple(int(p) if p.isdigit() else p for p in parts)
