"""What each kind of node looks like, shared by the pages, their legends and the GEXF export.

Colour never carries meaning alone: every kind also has its own shape and a text label, every
status and grade colour goes with the status or grade written in the node's label.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """A kind of node: its name in the page, its vis-network shape and colour."""

    label: str
    shape: str
    color: str


KINDS: dict[str, Kind] = {
    "authority": Kind("Authority", "box", "#e15759"),
    "report": Kind("Report", "box", "#4e79a7"),
    "recommendation": Kind("Recommendation", "diamond", "#f28e2b"),
    "judgement": Kind("Judgement", "dot", "#76b7b2"),
    "reference": Kind("Reference to an earlier report", "star", "#9c755f"),
    "summary": Kind("Summary section", "triangleDown", "#b07aa1"),
    "action": Kind("Action", "square", "#59a14f"),
    "progress": Kind("Progress update", "triangle", "#edc948"),
    "service": Kind("Service", "hexagon", "#bab0ac"),
    "group": Kind("Items about a service (counts)", "ellipse", "#ff9da7"),
}

# The order kinds take inside a report's column, left to right: context first, then what the
# report asks for, then what was done about it (so trace links mostly run left to right).
COLUMN_ORDER = ("reference", "judgement", "summary", "recommendation", "action", "progress",
                "group")

# RAG and progress statuses by skos:notation of the status concept.
STATUS_COLORS: dict[str, tuple[str, str]] = {
    "red": ("Red", "#d62728"),
    "not-achieved": ("Not achieved", "#d62728"),
    "amber": ("Amber", "#ff9f1c"),
    "green": ("Green", "#2ca02c"),
    "achieved": ("Achieved", "#1f77b4"),
    "completed": ("Completed", "#1f77b4"),
    "in-place": ("In place", "#1f77b4"),
    "ongoing": ("Ongoing", "#9467bd"),
    "not-started": ("Not started", "#8c8c8c"),
    "no-rating": ("No rating", "#8c8c8c"),
}

# Bands of the normalised grade rank (1-4, 4 best; LEA words and APA numbers on one scale).
GRADE_BANDS: tuple[tuple[float, str, str, str], ...] = (
    (2.0, "poor", "Below satisfactory (rank under 2)", "#d62728"),
    (3.0, "adequate", "Satisfactory or adequate (rank 2 to 2.9)", "#ff9f1c"),
    (3.5, "good", "Good (rank 3 to 3.4)", "#8fd175"),
    (4.01, "very-good", "Very good or outstanding (rank 3.5 to 4)", "#2ca02c"),
)

NO_VALUE_COLOR = "#dddddd"

# Edges: explicit ones (stated in a report) solid, inferred ones dashed, width by score.
RELATION_LABELS: dict[str, str] = {
    "addresses": "addressed by",
    "updates": "progress update",
    "cites": "cited in",
    "previous-inspection": "previous inspection of",
    "continues": "continued in",
    "link": "trace link",
    "about": "about service",
    "report": "report about",
    "aggregate": "trace links between groups",
}


def grade_band(rank: float | None) -> str | None:
    """The band key of a normalised rank, or None for an ungraded item."""
    if rank is None:
        return None
    for upper, key, _, _ in GRADE_BANDS:
        if rank < upper:
            return key
    return GRADE_BANDS[-1][1]


def palette() -> dict[str, dict[str, dict[str, str]]]:
    """Colours and legend labels per colouring mode, for the page's script."""
    return {
        "kind": {k: {"label": v.label, "color": v.color, "shape": v.shape}
                 for k, v in KINDS.items()},
        "status": {k: {"label": label, "color": color} for k, (label, color) in
                   STATUS_COLORS.items()},
        "grade": {key: {"label": label, "color": color} for _, key, label, color in GRADE_BANDS},
    }


def node_color(kind: str, status: str | None = None, rank: float | None = None) -> str:
    """One colour for tools without a colouring switch: status, then grade, then kind."""
    if status in STATUS_COLORS:
        return STATUS_COLORS[status][1]
    band = grade_band(rank)
    if band is not None:
        return next(c for _, k, _, c in GRADE_BANDS if k == band)
    return KINDS[kind].color if kind in KINDS else NO_VALUE_COLOR
