"""Inferred links: from what an authority was told to do to later items on the same service.

A recommendation (or an APA area for improvement / focus aspect) is linked to items of later
reports about the same authority when they share its service, and the link is scored by how
specific that service match is and how alike the wording is (TF-IDF cosine). Precision first:
cross-cutting concepts (planning, funding, partnership ...) never make a link on their own, and
each source keeps only its best few links per later report.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..iris import last_segment
from ..services import scheme
from .items import Item, Link
from .wording import similarity_matrix

SOURCE_KINDS = {"recommendation", "plan_recommendation", "area_for_improvement", "focus"}
TARGET_KINDS = {
    "recommendation", "plan_recommendation", "judgement", "strength", "weakness",
    "area_for_improvement", "focus", "grade", "action",
}
# Scores: a match on the source's primary service, or on another specific service of it.
PRIMARY_MATCH = 1.0
OTHER_MATCH = 0.75
SERVICE_WEIGHT = 0.7
WORDING_WEIGHT = 0.3
# Cosine at which wording counts fully; below WORDING_ALONE, wording never links on its own.
WORDING_FULL = 0.3
WORDING_ALONE = 0.35
WORDING_SUPPORT = 0.12  # enough shared words to call a service link "service and wording"
MIN_SCORE = 0.6
TOP_PER_REPORT = 4


@dataclass(frozen=True)
class Scored:
    """A candidate link before the per-report cut."""

    score: float
    method: str
    target: Item


def is_specific(service_iri: str) -> bool:
    """A service concept that names a function, not a cross-cutting one (planning, funding)."""
    sch = scheme()
    cid = last_segment(service_iri)
    return cid in sch.concepts and not sch.is_cross_cutting(cid)


def specific_services(item: Item) -> set[str]:
    """The item's services without the cross-cutting ones."""
    return {s for s in item.services if is_specific(s)}


def service_score(source: Item, target: Item) -> float:
    """How specifically the target shares the source's service (0 when it does not)."""
    specific = specific_services(source)
    if source.primary and source.primary in specific and source.primary in target.services:
        return PRIMARY_MATCH
    if specific & target.services:
        return OTHER_MATCH
    return 0.0


def score_pair(source: Item, target: Item, cosine: float) -> Scored | None:
    """The link a pair deserves, if any, with its method and score."""
    svc = service_score(source, target)
    wording = min(1.0, cosine / WORDING_FULL)
    if svc > 0:
        score = SERVICE_WEIGHT * svc + WORDING_WEIGHT * wording
        method = "same-service+wording" if cosine >= WORDING_SUPPORT else "same-service"
        return Scored(round(score, 3), method, target) if score >= MIN_SCORE else None
    if cosine >= WORDING_ALONE:
        return Scored(round(WORDING_WEIGHT + 0.4 * wording, 3), "wording", target)
    return None


def infer_links(items: list[Item]) -> list[Link]:
    """Inferred links of every authority, deterministic for the same items."""
    by_authority: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_authority[item.authority].append(item)
    links: list[Link] = []
    for authority in sorted(by_authority):
        links.extend(_authority_links(by_authority[authority]))
    return links


def _authority_links(items: list[Item]) -> list[Link]:
    items = sorted(items, key=lambda i: i.iri)
    sims = similarity_matrix([i.text or "" for i in items])
    index = {item.iri: n for n, item in enumerate(items)}
    out: list[Link] = []
    for source in items:
        if source.kind not in SOURCE_KINDS:
            continue
        per_report: dict[str, list[Scored]] = defaultdict(list)
        for target in items:
            if target.kind not in TARGET_KINDS or target.date <= source.date:
                continue
            if target.report == source.report:
                continue
            scored = score_pair(source, target, sims[index[source.iri]][index[target.iri]])
            if scored is not None:
                per_report[target.report].append(scored)
        for report in sorted(per_report):
            best = sorted(per_report[report], key=lambda s: (-s.score, s.target.iri))
            for s in best[:TOP_PER_REPORT]:
                out.append(
                    Link(source.iri, s.target.iri, s.method, s.score, source.text,
                         s.target.text, source.authority, explicit=False)
                )
    return out
