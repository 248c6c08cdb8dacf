"""Explicit links: what reports state about each other.

- an action addresses its recommendation; a summary section cites "(Recommendation N)";
- a report names its previous inspection (or last year's APA) and says whether that report's
  recommendations were addressed: the statement is linked to the earlier report, which gets a
  node of its own (the IRI it will have when loaded) if it is not in the store;
- a progress report lists the earlier papers it continues;
- the same action rated again by a later progress report continues the earlier one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from ...queries import internal
from ..iris import Minter, last_segment
from ..mapping.terms import DCTERMS, IKG, RDF, RDFS, XSD, iri, literal
from ..store import Store
from .inferred import is_specific
from .items import Link
from .wording import similarity

# The kind of earlier report a statement of each report kind refers to.
_EARLIER_KIND = {"lea_inspection": "lea_inspection", "apa_letter": "apa_letter"}
_LABEL = {
    "lea_inspection": "LEA inspection",
    "apa_letter": "APA letter",
    "action_plan_progress": "action plan progress report",
}


@dataclass(frozen=True)
class _Report:
    iri: str
    authority: str
    kind: str
    date: str  # full ISO date for ordering
    issued: str  # as precise as the report gives it


def _of(authority: str) -> dict[str, ox.NamedNode]:
    return {"authority": ox.NamedNode(authority)}


def stated_links(store: Store, authority: str) -> list[Link]:
    """Recommendation -> action (addresses) and recommendation -> summary section (cites)."""
    _, rows = store.select(internal("link-stated"), _of(authority))
    return sorted(
        Link(r["rec"].value, r["item"].value, r["method"].value, 1.0, r["recText"].value,
             r["itemText"].value if r["itemText"] is not None else "",
             r["authority"].value, explicit=True)
        for r in rows
    )


def earlier_report_links(
    store: Store, minter: Minter, authority: str
) -> tuple[list[Link], set[ox.Triple]]:
    """Statements about earlier reports linked to those reports (loaded or not yet)."""
    _, report_rows = store.select(internal("link-reports"), _of(authority))
    reports = [
        _Report(r["report"].value, r["authority"].value, r["kind"].value, r["date"].value,
                r["issued"].value)
        for r in report_rows
    ]
    by_iri = {r.iri: r for r in reports}
    _, rows = store.select(internal("link-references"), _of(authority))
    previous_date = {
        r["report"].value: r["referredDate"].value
        for r in rows
        if r["refKind"].value == "previous_inspection" and r["referredDate"] is not None
    }
    links: list[Link] = []
    cited: set[ox.Triple] = set()
    earlier_recs = _recommendations_by_report(store, authority)
    ref_services = _reference_services(store, authority)
    for r in sorted(rows, key=lambda r: r["item"].value):
        citing = by_iri.get(r["report"].value)
        if citing is None:
            continue
        ref_kind = r["refKind"].value
        when = r["referredDate"].value if r["referredDate"] is not None else None
        if ref_kind == "background_paper":
            target = _same_day_report(reports, citing, when)
            method = "background-paper"
        else:
            kind = _EARLIER_KIND.get(citing.kind)
            if ref_kind.startswith("recommendations_"):
                # the recommendations are the previous inspection's: a date in the sentence
                # ("Up until May 2000 the LEA made slow progress") is when, not whose
                when = previous_date.get(citing.iri) or when
            else:
                when = when or previous_date.get(citing.iri)
            if kind is None or when is None or when[:4] > citing.issued[:4]:
                continue
            report_id = minter.report_id(last_segment(citing.authority), kind, when)
            target = str(minter.report(report_id))
            if target not in by_iri:
                _cited_report(cited, target, citing.authority, kind, when)
            method = ref_kind.replace("_", "-")
        if target is None or target == citing.iri:
            continue
        links.append(
            Link(target, r["item"].value, method, 1.0, "", r["quote"].value, citing.authority,
                 explicit=True)
        )
        services = ref_services.get(r["item"].value, set())
        for rec, text, rec_services in earlier_recs.get(target, []):
            if ref_kind != "background_paper" and services & rec_services:
                links.append(
                    Link(rec, r["item"].value, method, 0.9, text, r["quote"].value,
                         citing.authority, explicit=True)
                )
        if ref_kind == "previous_inspection":
            cited.add(ox.Triple(iri(citing.iri), IKG.previousInspection, iri(target)))
    return links, cited


def _recommendations_by_report(
    store: Store, authority: str
) -> dict[str, list[tuple[str, str, set[str]]]]:
    """Each loaded report's recommendations with their specific (not cross-cutting) services."""
    _, rows = store.select(internal("link-earlier-recommendations"), _of(authority))
    recs: dict[tuple[str, str], set[str]] = defaultdict(set)
    texts: dict[str, str] = {}
    for r in rows:
        texts[r["recommendation"].value] = r["text"].value
        if is_specific(r["service"].value):
            recs[(r["report"].value, r["recommendation"].value)].add(r["service"].value)
    out: dict[str, list[tuple[str, str, set[str]]]] = defaultdict(list)
    for (report, rec), services in sorted(recs.items()):
        out[report].append((rec, texts[rec], services))
    return out


def _reference_services(store: Store, authority: str) -> dict[str, set[str]]:
    _, rows = store.select(internal("link-reference-services"), _of(authority))
    out: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if is_specific(r["service"].value):
            out[r["item"].value].add(r["service"].value)
    return out


def _same_day_report(reports: list[_Report], citing: _Report, when: str | None) -> str | None:
    if not when or len(when) < 10:
        return None
    for r in reports:
        if r.authority == citing.authority and r.date == when and r.iri != citing.iri:
            return r.iri
    return None


def _cited_report(g: set[ox.Triple], report: str, authority: str, kind: str, when: str) -> None:
    """A node for an earlier report that a loaded one names but that is not loaded itself."""
    node = iri(report)
    label = (f"{last_segment(authority)} {_LABEL.get(kind, kind)} {when} "
             "(named by a later report, not loaded)")
    g.update([
        ox.Triple(node, RDF.type, IKG.CitedReport),
        ox.Triple(node, IKG.kind, literal(kind)),
        ox.Triple(node, IKG.authority, iri(authority)),
        ox.Triple(node, IKG.referredDate, literal(when)),
        ox.Triple(node, RDFS.label, literal(label)),
        ox.Triple(node, IKG.date, literal(_first_day(when), XSD.date)),
        ox.Triple(node, DCTERMS.issued, literal(when)),
    ])


def _first_day(when: str) -> str:
    parts = when.split("-") + ["01", "01"]
    return "-".join(parts[:3])


def same_action_links(store: Store, authority: str) -> list[Link]:
    """An action of a later progress report continues the earlier report's same action.

    Same authority, same recommendation number, and the same objective and lead or a clearly
    similar action text.
    """
    _, rows = store.select(internal("link-actions"), _of(authority))
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in rows:
        groups[(r["authority"].value, r["number"].value)].append(r)
    links: list[Link] = []
    for (authority, _), actions in sorted(groups.items()):
        dates = sorted({a["date"].value for a in actions})
        for earlier_date, later_date in zip(dates, dates[1:], strict=False):
            earlier = [a for a in actions if a["date"].value == earlier_date]
            later = [a for a in actions if a["date"].value == later_date]
            links.extend(_match_actions(authority, earlier, later))
    return links


def _describe(a: dict) -> str:
    return " ".join(a[k].value for k in ("objective", "text") if a[k] is not None)


def _match_actions(authority: str, earlier: list[dict], later: list[dict]) -> list[Link]:
    texts_e = [_describe(a) for a in earlier]
    texts_l = [_describe(a) for a in later]
    sims = similarity(texts_e, texts_l)
    used: set[int] = set()
    out: list[Link] = []
    for j, a in sorted(enumerate(later), key=lambda p: p[1]["action"].value):
        best, best_score = None, 0.5
        for i, e in enumerate(earlier):
            if i in used:
                continue
            score = sims[i][j]
            if _same(e, a, "objective") and _same(e, a, "lead"):
                score = max(score, 0.9)
            if score > best_score:
                best, best_score = i, score
        if best is not None:
            used.add(best)
            out.append(
                Link(earlier[best]["action"].value, a["action"].value, "same-action",
                     round(min(best_score, 1.0), 3), texts_e[best], texts_l[j], authority,
                     explicit=True)
            )
    return out


def _same(a: dict, b: dict, key: str) -> bool:
    return a[key] is not None and b[key] is not None and a[key].value == b[key].value
