"""Traces: each recommendation with the later items that say what became of it, in date order.

The chain comes from the catalogue query ``trace.rq``; this module only groups its rows into
chains, keeps the strongest link to each step, and orders the steps.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import QueryError
from ..queries import run
from . import resolve
from .store import Store, Term

# Within one date: what was decided first, then what was done, then what was said of it.
KIND_ORDER = [
    "recommendation", "plan_recommendation", "action", "progress_update", "summary_section",
    "grade", "judgement", "strength", "weakness", "area_for_improvement", "focus", "reference",
    "item",
]
# A step of several classes (a strength is also a judgement) is shown as the most specific.
SPECIFICITY = [
    "progress_update", "action", "plan_recommendation", "recommendation",
    "area_for_improvement", "focus", "strength", "weakness", "grade", "summary_section",
    "reference", "judgement", "item",
]
# A link made by a report itself outranks an inferred one of the same score.
_EXPLICIT = {
    "addresses", "cites", "progress-update", "same-action", "previous-inspection",
    "previous-judgement", "recommendations-addressed", "recommendations-not-met",
}


@dataclass
class LinkInfo:
    method: str
    score: float
    evidence: str
    via: str


@dataclass
class Step:
    iri: str
    kind: str
    text: str
    report: str
    report_label: str
    date: str
    status: str | None
    grade: str | None
    rank: float | None
    link: LinkInfo


@dataclass
class Chain:
    recommendation: dict[str, Any]
    steps: list[Step] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"recommendation": self.recommendation, "steps": [asdict(s) for s in self.steps]}


def _v(t: Term | None) -> str | None:
    return None if t is None else t.value


def resolve_recommendations(store: Store, authority: str | None, ref: str) -> list[str]:
    """A recommendation given as an IRI, the end of one, or its number among the authority's
    reports (every command resolves names the same way: `inspectkg.graph.resolve`)."""
    return [m.iri for m in resolve.recommendations(store, ref, authority)]


def trace(
    store: Store,
    authority: str | None = None,
    service: str | None = None,
    recommendation: str | None = None,
    *,
    inferred: bool = True,
    min_score: float = 0.0,
) -> list[Chain]:
    """The chains of an authority (optionally one service) or of one recommendation.

    ``inferred=False`` keeps only what reports state (and what hangs off it); ``min_score``
    drops links, and what was reached through them, below a score.
    """
    if not authority and not recommendation:
        raise QueryError("give an authority or a recommendation to trace")
    params: dict[str, str] = {}
    if authority:
        params["authority"] = resolve.authority(store, authority).name
    if service:
        concept = resolve.service(service)
        params["service"] = concept.notation or concept.id
    targets: list[str | None] = [None]
    if recommendation:
        targets = list(resolve_recommendations(store, authority, recommendation))
    chains: dict[str, Chain] = {}
    for target in targets:
        p = dict(params)
        if target:
            p["recommendation"] = target
        _, rows = run(store, "trace", p)
        for row in rows:
            _add_row(chains, row)
    ordered = sorted(chains.values(), key=_chain_key)
    for chain in ordered:
        chain.steps = _keep(chain, inferred, min_score)
        chain.steps.sort(key=lambda s: (s.date, KIND_ORDER.index(s.kind), s.iri))
    return ordered


def _keep(chain: Chain, inferred: bool, min_score: float) -> list[Step]:
    """The steps whose own link passes, reached through steps that pass too."""
    root = chain.recommendation["iri"]

    def passes(step: Step) -> bool:
        allowed = inferred or step.link.method in _EXPLICIT or step.link.via != root
        return allowed and step.link.score >= min_score

    kept = {s.iri for s in chain.steps if s.link.via == root and passes(s)}
    changed = True
    while changed:
        changed = False
        for s in chain.steps:
            if s.iri not in kept and s.link.via in kept and s.link.score >= min_score:
                kept.add(s.iri)
                changed = True
    return [s for s in chain.steps if s.iri in kept]


def _chain_key(chain: Chain) -> tuple[str, str, tuple[int, ...], str]:
    """Date, report, then the number in natural order (2 before 4.1 before 4.2 before 12)."""
    rec = chain.recommendation
    parts = tuple(int(p) for p in re.findall(r"\d+", rec["number"]))
    return (rec["date"], rec["report"], parts, rec["number"])


def _add_row(chains: dict[str, Chain], row: dict[str, Term | None]) -> None:
    iri = row["recommendation"].value
    chain = chains.get(iri)
    if chain is None:
        services = (_v(row["recServices"]) or "").split()
        chain = Chain(
            {
                "iri": iri,
                "number": row["recNumber"].value,
                "text": row["recText"].value,
                "report": row["recReport"].value,
                "report_label": row["recReportLabel"].value,
                "date": row["recDate"].value,
                "services": sorted(services),
            }
        )
        chains[iri] = chain
    if row["step"] is None:
        return
    step = Step(
        iri=row["step"].value,
        kind=_v(row["stepKind"]) or "item",
        text=_v(row["stepText"]) or "",
        report=row["stepReport"].value,
        report_label=_v(row["stepReportLabel"]) or "",
        date=row["stepDate"].value,
        status=_v(row["status"]),
        grade=_v(row["grade"]),
        rank=float(row["rank"].value) if row["rank"] is not None else None,
        link=LinkInfo(
            method=row["method"].value,
            score=round(float(row["score"].value), 3),
            evidence=_v(row["evidence"]) or "",
            via=row["via"].value,
        ),
    )
    for i, existing in enumerate(chain.steps):
        if existing.iri == step.iri:
            kind = min(step.kind, existing.kind, key=SPECIFICITY.index)
            if _strength(step, iri) > _strength(existing, iri):
                chain.steps[i] = step
            chain.steps[i].kind = kind
            return
    chain.steps.append(step)


def _strength(step: Step, root: str) -> tuple[bool, float, bool, str]:
    """Prefer a direct link, then the higher score, then an explicit method."""
    direct = step.link.via == root
    return (direct, step.link.score, step.link.method in _EXPLICIT, step.link.method)
