"""Later findings on the same issue as a recommendation: candidates scored and calibrated.

For a recommendation and a later item of the same authority (a paragraph, judgement,
reference, recommendation, action ...), the features are how specifically the later text
speaks to the recommendation's issue (`issue.match` on its best sentence), whether the
service that carries each one agrees, and what kind of item the later one is. A logistic
model fitted on pairs judged by reading (``scripts/calibrate_links.py``, data in
``tests/data/trace_judged.jsonl``) turns them into the probability that the link is on the
issue: a score of 0.8 means about 8 in 10 such links are. Below the threshold nothing is said.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from ..services import classify, scheme
from .issue import (
    IdfModel,
    IssueMatch,
    best_sentence,
    clear_caches,
    coverages,
    default_model,
    match,
)
from .verdict import verdict

# The words of a recommendation that carry its issue: its first clause, before the purpose.
_PURPOSE = re.compile(
    r",?\s+\b(?:so\s+that|in\s+order\s+to|to\s+ensure|ensuring|which|that\s+(?:is|are)\s+)\b", re.I
)
SHORTLIST = 12  # items of a later report given the full features, by a first cheap match
KINDS = ("paragraph", "judgement", "reference", "recommendation", "action", "statement", "grade",
         "other")


@dataclass(frozen=True)
class Candidate:
    """A later item, as the linker sees it."""

    iri: str
    kind: str
    text: str
    services: frozenset[str] = field(default_factory=frozenset)
    mentions_earlier: bool = False  # the item speaks of the last inspection (a reference)
    area: str | None = None  # the judgement area its report section is about


# The judgement area a service belongs to, by its family in the scheme.
_AREA_ROOTS = (
    ("care-leavers", "care-leavers"),
    ("safeguarding-partnership", "lscb"),
    ("children-in-care", "children-in-care"),
    ("child-protection", "help-and-protection"),
    ("childrens-social-care", "help-and-protection"),
)


def service_area(services: frozenset[str]) -> str | None:
    """The judgement area the services of a recommendation report on, if one."""
    sch = scheme()
    areas = set()
    for sid in services:
        for root, area in _AREA_ROOTS:
            if sid == root or root in sch.ancestors(sid):
                areas.add(area)
                break
    if "care-leavers" in areas:
        areas.discard("children-in-care")
    return areas.pop() if len(areas) == 1 else None


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    probability: float
    sentence: str  # the candidate's sentence that speaks to the issue
    match: IssueMatch
    verdict: str | None
    features: dict[str, float]


def carrying_phrase(text: str) -> str:
    """The phrase that names what a recommendation is about (its first clause)."""
    head = _PURPOSE.split(text, maxsplit=1)[0]
    return head if len(head.split()) >= 3 else text


@lru_cache(maxsize=65536)
def specific_services(text: str) -> frozenset[str]:
    """The services the phrase names, without the cross-cutting management concepts (cached:
    a later sentence is classified once for all the recommendations it is compared with)."""
    sch = scheme()
    return frozenset(
        c.concept for c in classify(text) if c.concept in sch.concepts
        and not sch.is_cross_cutting(c.concept)
    )


def features(rec_text: str, rec_services: frozenset[str], cand: Candidate,
             model: IdfModel | None = None, rec_area: str | None = None,
             ) -> tuple[dict[str, float], str, IssueMatch]:
    """The numbers the calibrated model weighs, the best sentence and its match."""
    sentence, m = best_sentence(rec_text, cand.text, model)
    whole = match(rec_text, cand.text, model)
    carrying = carrying_phrase(rec_text)
    carried = match(carrying, sentence, model) if carrying != rec_text else m
    cand_services = cand.services or specific_services(sentence)
    agree = 1.0 if rec_services & cand_services else 0.0
    conflict = 1.0 if rec_services and cand_services and not rec_services & cand_services else 0.0
    f = {
        "coverage": m.coverage,
        "phrase_coverage": m.phrase_coverage,
        "strongest": m.strongest / 10.0,
        "matched_words": min(len(m.words), 8) / 8.0,
        "whole_coverage": whole.coverage,
        "service_agree": agree,
        "service_conflict": conflict,
        "mentions_earlier": 1.0 if cand.mentions_earlier else 0.0,
        "has_verdict": 1.0 if verdict(sentence) else 0.0,
        "carried_coverage": carried.coverage,
        "phrases": min(len(m.phrases), 3) / 3.0,
        "area_agree": 1.0 if rec_area and cand.area == rec_area else 0.0,
        "area_conflict": 1.0 if rec_area and cand.area and cand.area != rec_area else 0.0,
    }
    for k in KINDS:
        f[f"kind_{k}"] = 1.0 if cand.kind == k else 0.0
    return f, sentence, m


@dataclass(frozen=True)
class Calibration:
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, f: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in f.items())
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def calibration() -> Calibration:
    """The fitted model shipped with the package (``links/calibration.json``)."""
    data = json.loads((files("inspectkg.graph.links") / "calibration.json").read_text("utf-8"))
    return Calibration(data["weights"], data["bias"], data["threshold"])


class MixedModel:
    """Word rarity within the later report times rarity across the corpus (square root): a word
    every paragraph of that report uses ("placements" in a report on children in care) tells
    its passages apart less than one it uses once."""

    def __init__(self, local: IdfModel, corpus: IdfModel) -> None:
        self.local, self.corpus = local, corpus
        self._idf: dict[str, float] = {}

    def idf(self, stem: str) -> float:
        value = self._idf.get(stem)
        if value is None:
            value = self._idf[stem] = self.local.idf(stem) * self.corpus.idf(stem) ** 0.5
        return value


def report_features(rec_text: str, candidates: list[Candidate], *,
                    model: IdfModel | None = None, shortlist: int = SHORTLIST,
                    mix: MixedModel | None = None,
                    ) -> list[tuple[Candidate, dict[str, float], str, IssueMatch]]:
    """Features of a recommendation against the items of one later report.

    Every item is first matched cheaply (whole text, rarity within the report and corpus);
    only the best ``shortlist`` get the full features, so linking stays fast on long reports.
    The calibration script and the linker both call this, so they see the same numbers.
    ``mix`` is the later report's word rarity (`report_model`), when the caller has it.
    """
    model = model or default_model()
    if not candidates:
        return []
    mix = mix or report_model(candidates, model)
    cheap = coverages(rec_text, [c.text for c in candidates], mix)
    quick = sorted(((cov, c) for cov, c in zip(cheap, candidates, strict=True)
                    if cov is not None), key=lambda mc: (-mc[0], mc[1].iri))
    rec_services = specific_services(carrying_phrase(rec_text))
    rec_area = service_area(rec_services)
    out = []
    for whole_local, cand in quick[:shortlist]:
        f, sentence, m = features(rec_text, rec_services, cand, model, rec_area)
        f["local_whole"] = whole_local
        f["local_cov"] = match(rec_text, sentence, mix).coverage
        out.append((cand, f, sentence, m))
    return out


def forget_texts() -> None:
    """Empty the per-text caches of the ranking (between authorities: their texts differ)."""
    specific_services.cache_clear()
    clear_caches()


def report_model(candidates: list[Candidate], model: IdfModel | None = None) -> MixedModel:
    """Word rarity within one later report and across the corpus: made once per report, not
    per recommendation."""
    return MixedModel(IdfModel.fit([c.text for c in candidates]), model or default_model())


def rank_report(rec_text: str, candidates: list[Candidate], *, model: IdfModel | None = None,
                cal: Calibration | None = None, top: int = 3,
                mix: MixedModel | None = None) -> list[Scored]:
    """The items of one later report that speak to the recommendation's issue, best first,
    each with its calibrated probability; nothing below the calibration's threshold."""
    cal = cal or calibration()
    out = []
    for cand, f, sentence, m in report_features(rec_text, candidates, model=model, mix=mix):
        p = cal.probability(f)
        if p >= cal.threshold:
            out.append(Scored(cand, round(p, 3), sentence, m, verdict(sentence), f))
    out.sort(key=lambda s: (-s.probability, s.candidate.iri))
    return out[:top]
