"""Inferred links: from what an authority was told to do to later findings on the same issue.

For each recommendation (or APA area for improvement / focus aspect) and each later report of
the same authority, the report's items are ranked by how specifically they speak to the
recommendation's issue (`same_issue.rank_report`: its distinctive words and phrases weighted by
rarity, the service its carrying phrase names, the judgement area of the section), and the best
few above the calibrated threshold become links. The score is that calibrated probability: 0.8
means about 8 in 10 such links were on the issue when read. Below the threshold nothing is said.
A report that numbers its paragraphs is compared paragraph by paragraph (its sentences'
judgements and references are inside them); an older report without paragraphs, item by item.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from functools import lru_cache

from ...loaders.records import CHILDRENS_SERVICES_KINDS
from ..iris import last_segment
from ..services import scheme
from .items import Item, Link
from .pairs import PairLinks
from .same_issue import Candidate, MixedModel, forget_texts, rank_report, report_model

SOURCE_KINDS = {"recommendation", "plan_recommendation", "area_for_improvement", "focus"}
# The items of a later report compared with a recommendation, as the features name their kind.
CANDIDATE_KIND = {
    "paragraph": "paragraph",
    "recommendation": "recommendation",
    "plan_recommendation": "recommendation",
    "judgement": "judgement",
    "strength": "statement",
    "weakness": "statement",
    "area_for_improvement": "statement",
    "focus": "statement",
    "grade": "grade",
    "action": "action",
}
# Where a report has paragraphs, these are what is compared (with its recommendations).
_WITH_PARAGRAPHS = {"paragraph", "recommendation", "plan_recommendation"}
TOP_PER_REPORT = 3
# Between reports of the LEA era the calibration does not hold (it was fitted on children's
# services reports; read on the Westminster 2002 sample, 2 of 18 of its links were on the
# issue), so there a link also needs a phrase of the recommendation repeated word for word
# ("pupil referral unit", "18 week"), and a council's action plan is reached only through the
# links it states itself: a plan answers its own commission, not every earlier inspection.
PLAN_KINDS = {"plan_recommendation", "action"}
# Reports of the two families inspect different things: an LEA inspection, APA letter or council
# plan the local education authority's functions, a children's services inspection or visit
# social care. A 2016 social care inspection does not say what became of a 2002 recommendation
# on school places (read pairs across the families were almost never on the issue), and the
# calibration was fitted within a family: no same-issue link crosses them.

METHOD = "same-issue"


@lru_cache(maxsize=8192)
def is_specific(service_iri: str) -> bool:
    """A service concept that names a function, not a cross-cutting one (planning, funding)."""
    sch = scheme()
    cid = last_segment(service_iri)
    return cid in sch.concepts and not sch.is_cross_cutting(cid)


def infer_links(items: list[Item], digests: Mapping[str, str] | None = None,
                kept: PairLinks | None = None) -> list[Link]:
    """Inferred links of every authority, deterministic for the same items. With ``digests``
    (of each report graph) and ``kept`` (links of pairs of reports ranked before), a pair of
    reports whose two digests it holds is not ranked again."""
    by_authority: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_authority[item.authority].append(item)
    links: list[Link] = []
    for authority in sorted(by_authority):
        links.extend(_authority_links(by_authority[authority], digests or {}, kept))
        forget_texts()  # the next authority's passages are others: keep memory flat
    return links


def report_candidates(items: list[Item]) -> dict[str, list[Candidate]]:
    """The comparable items of each report, as candidates."""
    by_report: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        if item.kind in CANDIDATE_KIND and item.text:
            by_report[item.report].append(item)
    out: dict[str, list[Candidate]] = {}
    for report, members in by_report.items():
        if any(i.kind == "paragraph" for i in members):
            members = [i for i in members if i.kind in _WITH_PARAGRAPHS]
        out[report] = [
            Candidate(i.iri, CANDIDATE_KIND[i.kind], i.text, area=i.area)
            for i in sorted(members, key=lambda i: i.iri)
        ]
    return out


def _authority_links(items: list[Item], digests: Mapping[str, str],
                     kept: PairLinks | None) -> list[Link]:
    items = sorted(items, key=lambda i: i.iri)
    candidates = report_candidates(items)
    report_dates = {i.report: i.date for i in items}
    report_kinds = {i.report: i.report_kind for i in items}
    kinds = {i.iri: i.kind for i in items}
    mixes: dict[str, MixedModel] = {}
    sources: dict[str, list[Item]] = defaultdict(list)
    for source in items:
        # the recommendation's own words: an aim ("In order to improve SEN:") shared by all
        # the recommendations under it would make them all find the same later item
        if source.kind in SOURCE_KINDS and (source.own_text or source.text):
            sources[source.report].append(source)
    out: list[Link] = []
    for earlier in sorted(sources):
        for report in sorted(candidates):
            if report == earlier or report_dates[report] <= report_dates[earlier]:
                continue
            if ((report_kinds[earlier] in CHILDRENS_SERVICES_KINDS)
                    != (report_kinds[report] in CHILDRENS_SERVICES_KINDS)):
                continue
            pair = (digests[earlier], digests[report]) \
                if earlier in digests and report in digests else None
            found = kept.get(pair) if kept is not None and pair else None
            if found is None:
                if report not in mixes:
                    mixes[report] = report_model(candidates[report])
                found = _pair_links(sources[earlier], candidates[report], mixes[report], kinds)
                if kept is not None and pair:
                    kept.put(pair, found)
            out.extend(found)
    return out


def _pair_links(sources: list[Item], candidates: list[Candidate], mix: MixedModel,
                kinds: Mapping[str, str]) -> list[Link]:
    """What the recommendations of one report find in one later report."""
    out: list[Link] = []
    for source in sources:
        words = source.own_text or source.text
        education = source.report_kind not in CHILDRENS_SERVICES_KINDS
        for s in rank_report(words, candidates, top=TOP_PER_REPORT, mix=mix):
            if education and (not s.match.phrases or kinds.get(s.candidate.iri) in PLAN_KINDS):
                continue
            out.append(Link(
                source.iri, s.candidate.iri, METHOD, s.probability, source.text, s.sentence,
                source.authority, explicit=False, matched=s.match.matched, verdict=s.verdict,
            ))
    return out
