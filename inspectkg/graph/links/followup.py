"""Stated follow-up in children's services reports: what a later report says of an earlier one.

- a sentence about the last inspection ("At the last inspection in 2018 ...", "Since the
  previous inspection ...") is linked from the inspection it speaks of: the authority's latest
  earlier inspection in the year it names, or its latest earlier inspection when it names none;
- a sentence about that inspection's recommendations ("This was a recommendation at the last
  inspection.", "The areas for improvement identified at the last inspection have been
  addressed") is linked from the recommendation of that inspection whose issue it states (the
  sentence, or the sentence it points back to, matched on the recommendation's rare words);
- a focused or monitoring visit follows up the authority's latest earlier inspection;
- each judgement area's grade is linked to the same area's grade at the next inspection, so the
  history of an area (Inadequate 2014, Requires improvement 2018, Good 2023) can be followed.

Every link carries the sentence as its evidence. These are links the reports state; only which
recommendation a sentence speaks of is read from its words, and below a clear match none is made.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from ...loaders.records import CHILDRENS_SERVICES_KINDS
from ...queries import internal
from ..store import Store
from .issue import match
from .items import Item, Link
from .verdict import verdict

RECOMMENDATION_KINDS = {"previous_recommendation", "recommendations_addressed",
                        "recommendations_not_met"}
# How much of a recommendation's rare-word weight a sentence must repeat to be said to state it.
STATED_COVERAGE = 0.35
METHOD_OF = {
    "previous_recommendation": "repeated-recommendation",
    "recommendations_addressed": "recommendations-addressed",
    "recommendations_not_met": "recommendations-not-met",
}


@dataclass(frozen=True)
class _Report:
    iri: str
    kind: str
    framework: str
    date: str


def followup_links(store: Store, authority: str, items: list[Item]) -> list[Link]:
    """The stated follow-up links of one authority's children's services reports."""
    _, rows = store.select(internal("link-followup"), {"authority": ox.NamedNode(authority)})
    reports: dict[str, _Report] = {}
    refs, grades = [], []
    for r in rows:
        report = r["report"].value
        if r["kind"].value not in CHILDRENS_SERVICES_KINDS:
            continue
        reports.setdefault(report, _Report(report, r["kind"].value,
                                           r["framework"].value if r["framework"] else "",
                                           r["date"].value))
        if r["what"].value == "reference":
            refs.append(r)
        elif r["what"].value == "grade":
            grades.append(r)
    inspections = sorted((x for x in reports.values()
                          if x.kind == "childrens_services_inspection"), key=lambda x: x.date)
    recs: dict[str, list[Item]] = {}
    for item in items:
        if item.kind == "recommendation" and item.report in reports:
            recs.setdefault(item.report, []).append(item)
    links: list[Link] = []
    for r in sorted(refs, key=lambda r: r["item"].value):
        citing = reports[r["report"].value]
        year = r["referredDate"].value[:4] if r["referredDate"] is not None else None
        earlier = _inspection_before(inspections, citing, year)
        if earlier is None:
            continue
        quote = r["quote"].value
        ref_kind = r["refKind"].value
        links.append(Link(earlier.iri, r["item"].value, "previous-inspection", 1.0, "", quote,
                          authority, explicit=True))
        if ref_kind in RECOMMENDATION_KINDS:
            said = " ".join(v.value for v in (r["context"], r["quote"]) if v is not None)
            best = _stated_recommendation(recs.get(earlier.iri, []), said)
            if best is not None:
                rec, m = best
                links.append(Link(rec.iri, r["item"].value, METHOD_OF[ref_kind], 1.0,
                                  rec.own_text or rec.text, said, authority, explicit=True,
                                  matched=m.matched, verdict=verdict(quote)))
    for visit in sorted(reports.values(), key=lambda x: x.iri):
        if visit.kind != "childrens_services_visit":
            continue
        earlier = _inspection_before(inspections, visit, None)
        if earlier is not None:
            links.append(Link(earlier.iri, visit.iri, "follows-up", 1.0, "",
                              f"{visit.framework or 'visit'} of {visit.date}", authority,
                              explicit=True))
    links += _judgement_history(grades, reports, authority)
    return links


def _inspection_before(inspections: list[_Report], citing: _Report,
                       year: str | None) -> _Report | None:
    """The inspection a later report speaks of: in the year it names, else the latest one."""
    before = [x for x in inspections if x.date < citing.date and x.iri != citing.iri]
    if year:
        named = [x for x in before if x.date[:4] == year]
        return named[-1] if named else None
    return before[-1] if before else None


def _stated_recommendation(recs: list[Item], said: str):
    """The recommendation whose issue a sentence states, if one clearly is."""
    scored = []
    for rec in recs:
        m = match(rec.own_text or rec.text, said)
        scored.append((m.coverage, rec.iri, rec, m))
    scored.sort(key=lambda s: (-s[0], s[1]))
    if not scored or scored[0][0] < STATED_COVERAGE:
        return None
    if len(scored) > 1 and scored[1][0] > 0.8 * scored[0][0]:
        return None  # two recommendations fit about as well: the sentence does not say which
    return scored[0][2], scored[0][3]


def _judgement_history(grades, reports: dict[str, _Report], authority: str) -> list[Link]:
    """Each area's grade linked to the same area's grade at the authority's next inspection."""
    by_area: dict[str, list[tuple[str, str, str, str]]] = {}
    for g in grades:
        report = reports[g["report"].value]
        if report.kind != "childrens_services_inspection":
            continue
        by_area.setdefault(g["area"].value, []).append(
            (report.date, g["item"].value, g["gradeLabel"].value, report.iri))
    links = []
    for area in sorted(by_area):
        history = sorted(set(by_area[area]))
        for (d1, g1, label1, r1), (d2, g2, label2, r2) in zip(history, history[1:],
                                                              strict=False):
            if r1 == r2:
                continue
            links.append(Link(g1, g2, "judgement-history", 1.0, f"{label1} ({d1[:4]})",
                              f"{label2} ({d2[:4]})", authority, explicit=True))
    return links
