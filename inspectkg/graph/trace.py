"""Traces: each recommendation with the later items that say what became of it, in date order.

The chain comes from the catalogue query ``trace.rq``; this module only groups its rows into
chains, keeps the strongest link to each step, and orders the steps.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

import pyoxigraph as ox

from ..errors import QueryError
from ..loaders.records import CHILDRENS_SERVICES_KINDS
from ..queries import authority_graphs, internal, run
from . import resolve
from .iris import last_segment
from .links.chains import COLUMN, COLUMNS, GRAPH_CHAINS, PROPERTY
from .services import scheme
from .store import Store, Term

# Within one date: what was decided first, then what was done, then what was said of it.
KIND_ORDER = [
    "recommendation", "plan_recommendation", "action", "progress_update", "summary_section",
    "grade", "judgement", "strength", "weakness", "area_for_improvement", "focus", "reference",
    "paragraph", "item",
]
# A step of several classes (a strength is also a judgement) is shown as the most specific.
SPECIFICITY = [
    "progress_update", "action", "plan_recommendation", "recommendation",
    "area_for_improvement", "focus", "strength", "weakness", "grade", "summary_section",
    "reference", "judgement", "paragraph", "item",
]
# A link made by a report itself outranks an inferred one of the same score.
_EXPLICIT = {
    "addresses", "cites", "progress-update", "same-action", "previous-inspection",
    "previous-judgement", "recommendations-addressed", "recommendations-not-met",
    "recommendations-partly-met",
    "repeated-recommendation", "follows-up", "judgement-history",
}


@dataclass
class LinkInfo:
    method: str
    score: float
    evidence: str
    via: str
    matched: list[str] = field(default_factory=list)  # phrases of the recommendation it repeats
    verdict: str | None = None  # improved / partly / not improved / worse, from its own words


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
    rests_on: str = ""  # what the chain rests on: stated follow-up, later findings, or nothing
    reason: str | None = None  # why nothing was found, when nothing was

    def to_dict(self) -> dict[str, Any]:
        return {"recommendation": self.recommendation, "rests_on": self.rests_on,
                "reason": self.reason, "steps": [asdict(s) for s in self.steps]}


STATED = "stated follow-up"
FINDINGS = "later findings on the same issue"
NOTHING = "nothing found"


def _v(t: Term | None) -> str | None:
    return None if t is None else t.value


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
    whose: set[str] = set()  # the authorities traced (their reports say why nothing was found)
    if authority:
        match = resolve.authority(store, authority)
        params["authority"] = match.name
        whose.add(match.iri)
    if service:
        concept = resolve.service(service)
        params["service"] = concept.notation or concept.id
    targets: list[str | None] = [None]
    owners: dict[str, str] = {}  # recommendation -> its authority, as resolving found it
    if recommendation:
        found = resolve.recommendations(store, recommendation, authority)
        targets = [m.iri for m in found]
        owners = {m.iri: m.authority.iri for m in found}
        whose |= set(owners.values())
    chains: dict[str, Chain] = {}
    for target in targets:
        p = dict(params)
        if target:
            p["recommendation"] = target
        rows = _chain_rows(store, p, owners.get(target or ""))
        if rows is None:  # a remote store: its engine runs the catalogue's trace query
            _, rows = run(store, "trace", p)
        for row in rows:
            _add_row(chains, row)
    ordered = sorted(chains.values(), key=_chain_key)
    reports: dict[str, tuple[str, str, str]] | None = None
    for chain in ordered:
        chain.steps = _without_repeats(_keep(chain, inferred, min_score))
        chain.steps.sort(key=lambda s: (s.date, KIND_ORDER.index(s.kind), s.iri))
        if not chain.steps and reports is None:
            reports = _reports(store, whose)
        _say_what_it_rests_on(chain, reports or {}, inferred, min_score)
    return ordered


def _chain_rows(store: Store, params: dict[str, str], owner: str | None = None,
                ) -> list[dict[str, Term | None]] | None:
    """The trace query's rows, read straight from the chain graphs of the embedded store (the
    catalogue's `trace` query gives the same rows on any engine; this is the lookup it stands
    for, without a join over the store): None for a store that cannot be read so. ``owner``:
    the authority of the one recommendation asked for, when the caller knows it."""
    quads_of = getattr(store, "quads_of", None)
    if quads_of is None:
        return None
    terms: dict[str, Term] = {}
    if "authority" in params:
        terms["authority"] = ox.Literal(params["authority"])
    rec = ox.NamedNode(params["recommendation"]) if "recommendation" in params else None
    if rec is not None:
        terms["recommendation"] = rec
    marker = f"/graph/{GRAPH_CHAINS}/"
    if owner is not None and rec is not None and "authority" not in params:  # its chain graph
        end = f"{marker}{last_segment(owner)}"
        # found by one lookup of the recommendation in every graph, not by listing the
        # store's graphs (8 of 10 ms on a store of 1,500 reports)
        heads = store.quads_with(PROPERTY["recommendation"], rec)  # type: ignore[attr-defined]
        graphs = sorted({q.graph_name.value for q in heads if q.graph_name.value.endswith(end)})
    else:
        graphs = [g for g in authority_graphs(store, terms) or [] if marker in g]
    quads = []
    for g in graphs:
        if rec is None:
            quads += quads_of(g)
            continue
        for head in quads_of(g, predicate=PROPERTY["recommendation"], obj=rec):
            quads += quads_of(g, subject=head.subject)
    by_row: dict[str, dict[str, Term | None]] = {}
    for quad in quads:
        column = COLUMN.get(quad.predicate.value)
        if column is not None:
            row = by_row.setdefault(quad.subject.value, dict.fromkeys(COLUMNS))
            row[column] = quad.object
    rows = [r for r in by_row.values() if r["recommendation"] is not None]
    if "recommendation" in params:
        rows = [r for r in rows if r["recommendation"].value == params["recommendation"]]
    if "service" in params:
        rows = [r for r in rows if _under(r, params["service"])]
    rows.sort(key=_row_order)
    return rows


def _under(row: dict[str, Term | None], notation: str) -> bool:
    """A recommendation's services include the concept or one of its narrower concepts."""
    sch = scheme()
    own = (_v(row["recServices"]) or "").split()
    return any(n == notation or notation in sch.ancestors(n) for n in own)


def _row_order(row: dict[str, Term | None]) -> tuple[str, ...]:
    """The trace query's ORDER BY (unbound first)."""
    keys = ("recDate", "recReport", "recommendation", "stepDate", "stepKind", "step")
    return tuple("" if row[c] is None else "\x01" + row[c].value for c in keys)


def _without_repeats(steps: list[Step]) -> list[Step]:
    """A passage found on the issue whose sentence a stated link already shows is not shown
    again (the paragraph of "This was a recommendation at the last inspection.")."""
    stated = {(s.report, " ".join(s.text.split())) for s in steps if s.link.method in _EXPLICIT}
    return [s for s in steps if not (s.kind == "paragraph" and any(
        r == s.report and " ".join(s.text.split()) in t for r, t in stated))]


def _reports(store: Store, authorities: set[str]) -> dict[str, tuple[str, str, str]]:
    """The reports of these authorities (of every authority when none is known): on a store of
    1,500 reports, one authority's take ~15 ms, all ~55 ms."""
    query = internal("trace-reports")
    rows = [r for a in sorted(authorities)
            for r in store.select(query, {"authority": ox.NamedNode(a)})[1]] \
        if authorities else store.select(query)[1]
    return {r["report"].value: (r["authority"].value, r["kind"].value, r["date"].value)
            for r in rows}


def _say_what_it_rests_on(chain: Chain, reports: dict[str, tuple[str, str, str]],
                          inferred: bool, min_score: float) -> None:
    """What the chain rests on, and for an empty chain why nothing was found."""
    methods = {s.link.method for s in chain.steps if s.link.via == chain.recommendation["iri"]}
    stated = bool(methods & _EXPLICIT)
    found = bool(methods - _EXPLICIT)
    chain.rests_on = (f"{STATED} and {FINDINGS}" if stated and found else
                      STATED if stated else FINDINGS if found else NOTHING)
    if chain.steps:
        return
    own = reports.get(chain.recommendation["report"])
    if own is None:
        chain.reason = "its report is not in the store"
        return
    authority, kind, date = own
    later = [k for a, k, d in reports.values() if a == authority and d > date]
    cs = CHILDRENS_SERVICES_KINDS
    family = [k for k in later if (k in cs) == (kind in cs)]
    if not later:
        chain.reason = "no later report of this authority is in the store"
    elif not family:
        chain.reason = (f"the {len(later)} later report(s) inspect other services (children's "
                        "social care, not the education authority, or the reverse)")
    else:
        limits = "above the score threshold" + (f" and --min-score {min_score}"
                                                  if min_score else "")
        if not inferred:
            limits = "in what they state (inferred links are off)"
        chain.reason = f"the {len(family)} later report(s) say nothing on its issue {limits}"


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
    kind = _v(row["stepKind"]) or "item"
    text = _v(row["stepText"]) or ""
    if kind == "paragraph" and _v(row["evidence"]):
        text = _v(row["evidence"]) or text  # a paragraph is shown by the sentence on the issue
    step = Step(
        iri=row["step"].value,
        kind=kind,
        text=text,
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
            matched=[m for m in (_v(row.get("matched")) or "").split(" | ") if m],
            verdict=_v(row.get("verdict")),
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
