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
from functools import lru_cache

import numpy as np

from ..iris import last_segment
from ..services import scheme
from .items import Item, Link
from .wording import similarity_array

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


@lru_cache(maxsize=8192)
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
    """The best links of each source item to each later report of the same authority.

    Only pairs that can score are looked at: targets sharing one of the source's specific
    services (an index by service) and targets worded alike enough to link on wording alone;
    every other pair scores nothing, so the links are those of comparing every pair.
    """
    items = sorted(items, key=lambda i: i.iri)
    sims = similarity_array([i.text or "" for i in items])
    targets = [n for n, t in enumerate(items) if t.kind in TARGET_KINDS]
    by_service: dict[str, set[int]] = defaultdict(set)
    for n in targets:
        for svc in items[n].services:
            by_service[svc].add(n)
    target_mask = np.zeros(len(items), dtype=bool)
    target_mask[targets] = True
    out: list[Link] = []
    for i, source in enumerate(items):
        if source.kind not in SOURCE_KINDS:
            continue
        candidates: set[int] = set()
        for svc in specific_services(source):
            candidates |= by_service.get(svc, set())
        worded = np.nonzero((sims[i] >= WORDING_ALONE) & target_mask)[0]
        candidates.update(int(n) for n in worded)
        per_report: dict[str, list[Scored]] = defaultdict(list)
        for n in sorted(candidates):
            target = items[n]
            if target.date <= source.date or target.report == source.report:
                continue
            scored = score_pair(source, target, float(sims[i, n]))
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
