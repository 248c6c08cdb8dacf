"""
Classify every item of a report of any kind from the fields that kind has.
"""

from __future__ import annotations

from typing import Any

from .classifier import Classification, classify, classify_sources
from .scheme import (
    outcome_exact,
    outcome_for,
    scheme,
)

_CLASSIFIED_ATTR = "_inspectkg_classifications"


def _remember(record: Any, result: list[Classification]) -> None:
    """Keep the classifications with the record (not a dataclass field: to_dict ignores it)."""
    try:
        object.__setattr__(record, _CLASSIFIED_ATTR, list(result))
    except (AttributeError, TypeError):  # slotted or frozen records: recomputed on demand
        pass


def _apply(record: Any, result: list[Classification]) -> None:
    """Fill ``services`` (and ``service`` where the record has it) from the classifications."""
    sch = scheme()
    ids = [c.concept for c in result]
    if hasattr(record, "services"):
        record.services = ids
    if hasattr(record, "service"):
        current = getattr(record, "service", None)
        if ids:
            record.service = ids[0]
        elif current not in sch.concepts:
            record.service = None
    _remember(record, result)


def _subject_of(record: Any) -> str | None:
    """A judgement's subject; a loader may have put the subject words in ``service``.

    Such words move to ``subject`` (where the record has it) before ``service`` gets a concept,
    so classifying the same report again gives the same answer.
    """
    subject = getattr(record, "subject", None)
    service = getattr(record, "service", None)
    if not subject and isinstance(service, str) and service not in scheme().concepts:
        if hasattr(record, "subject"):
            record.subject = service
        return service
    return subject


def _paragraph_context(record: Any, paragraphs: dict[int, Any]) -> tuple[str | None, str | None]:
    """(heading, section) of a record, from itself or from the paragraph it cites."""
    heading = getattr(record, "heading", None)
    section = getattr(record, "section", None)
    para = paragraphs.get(getattr(record, "paragraph", None) or -1)
    if para is not None:
        heading = heading or getattr(para, "heading", None)
        section = section or getattr(para, "section", None)
    return heading, section


def _classify_judgement(record: Any, paragraphs: dict[int, Any]) -> list[Classification]:
    """A judgement by what it grades, its quote, and its heading, section as the fallback."""
    heading, section = _paragraph_context(record, paragraphs)
    return classify(
        getattr(record, "quote", None),
        subject=_subject_of(record),
        heading=heading,
        section=section,
    )


def _classify_statement(record: Any, paragraphs: dict[int, Any]) -> list[Classification]:
    """A strength, area, focus or reference by its words and the heading it sits under."""
    heading, section = _paragraph_context(record, paragraphs)
    text = getattr(record, "text", None) or getattr(record, "quote", None)
    return classify(text, heading=heading, section=section)


def _classify_lea_recommendation(record: Any) -> list[Classification]:
    """An inspection recommendation by its aim first; its heading counts only if it agrees."""
    locations = list(getattr(record, "locations", None) or [])
    heading = getattr(record, "heading", None) or next(
        (loc.heading for loc in locations if getattr(loc, "heading", None)), None
    )
    section = getattr(record, "section", None) or next(
        (loc.section for loc in locations if getattr(loc, "section", None)), None
    )
    aim = getattr(record, "aim", None) or next(
        (loc.aim for loc in locations if getattr(loc, "aim", None)), None
    )
    return classify_sources(
        [("aim", aim), ("heading", heading), ("wording", getattr(record, "text", None))],
        section,
        heading_must_agree_with_aim=True,
    )


def _plan_number_parts(number: str | None) -> list[str]:
    """ "4.2" -> ["4.2", "4"]: the recommendation and the group it belongs to."""
    if not number:
        return []
    number = str(number).strip().rstrip(".")
    parts = [number]
    if "." in number:
        parts.append(number.split(".", 1)[0])
    return parts


def _summary_titles(report: Any, number: str | None) -> str | None:
    """Titles of an action plan's summary sections that cite this recommendation (or its group)."""
    wanted = _plan_number_parts(number)
    titles = []
    for sec in getattr(report, "summary", None) or []:
        cited = {str(n).strip().rstrip(".") for n in getattr(sec, "recommendations", None) or []}
        if cited & set(wanted) and getattr(sec, "title", None):
            titles.append(sec.title)
    return "; ".join(titles) or None


def _classify_plan_recommendation(record: Any, report: Any) -> list[Classification]:
    """A plan recommendation by its words, headed by the summary sections that cite it."""
    return classify(
        getattr(record, "text", None),
        heading=_summary_titles(report, getattr(record, "number", None)),
    )


def _classify_action(
    record: Any, recs: dict[str, tuple[Any, list[Classification]]]
) -> list[Classification]:
    """An action's objective and text, plus the main concept of the recommendation it addresses."""
    return classify_sources(
        [("aim", getattr(record, "objective", None)), ("wording", getattr(record, "action", None))],
        extra=_recommendation_evidence(record, recs),
    )


def _recommendation_evidence(
    record: Any, recs: dict[str, tuple[Any, list[Classification]]]
) -> list[Classification]:
    """The top concept of the recommendation an action addresses (or of its group), if any."""
    parts = _plan_number_parts(getattr(record, "recommendation", None))
    number = next((n for n in parts if n in recs), None)
    if number is None or not recs[number][1]:
        return []
    top = recs[number][1][0]
    evidence = f"recommendation {number}: {top.evidence}"
    return [Classification(top.concept, "recommendation", evidence)]


def _fill_apa_outcome(record: Any) -> None:
    """Give an APA item with no outcome the one its heading or "Outcome: text" prefix names."""
    if not hasattr(record, "outcome") or getattr(record, "outcome", None):
        return
    slug = None
    for cand in (getattr(record, "heading", None), getattr(record, "section", None)):
        slug = slug or outcome_for(cand)
    text = getattr(record, "text", None) or getattr(record, "quote", None) or ""
    if not slug and ":" in text:
        slug = outcome_exact(text.split(":", 1)[0])
    if slug:
        record.outcome = scheme().outcome_concepts[slug].pref_label


def classify_report(report: Any) -> Any:
    """Fill ``services`` / ``service`` on every item of a report of any kind, in place.

    Items: recommendations, judgements, strengths, weaknesses, areas for improvement, future
    focus, references, plan recommendations and actions. Returns the same report.
    """
    paragraphs = {
        p.number: p for p in getattr(report, "paragraphs", None) or [] if hasattr(p, "number")
    }
    is_apa = getattr(report, "kind", None) == "apa_letter" or type(report).__name__ == "ApaLetter"
    is_plan = getattr(report, "kind", None) == "action_plan_progress" or hasattr(report, "actions")

    plan_recs: dict[str, tuple[Any, list[Classification]]] = {}
    for rec in getattr(report, "recommendations", None) or []:
        if is_plan:
            result = _classify_plan_recommendation(rec, report)
            plan_recs.setdefault(str(getattr(rec, "number", "")).strip().rstrip("."), (rec, result))
        else:
            result = _classify_lea_recommendation(rec)
        _apply(rec, result)

    for j in getattr(report, "judgements", None) or []:
        if is_apa:
            _fill_apa_outcome(j)
        _apply(j, _classify_judgement(j, paragraphs))

    for name in ("strengths", "weaknesses", "areas_for_improvement", "future_focus", "references"):
        for item in getattr(report, name, None) or []:
            if is_apa:
                _fill_apa_outcome(item)
            _apply(item, _classify_statement(item, paragraphs))

    previous = getattr(report, "previous_inspection", None)
    if previous is not None and hasattr(previous, "services"):
        _apply(previous, _classify_statement(previous, paragraphs))

    for action in getattr(report, "actions", None) or []:
        _apply(action, _classify_action(action, plan_recs))
    return report


def classifications_for(record: Any) -> list[Classification]:
    """How each of a record's services was found (method and evidence), for the graph mapping.

    After `classify_report` this is exactly what it decided (actions and plan recommendations
    included, with their report context); for a record never classified it is worked out from
    the record's own fields. Deterministic: the same record gives the same list.
    """
    stored = getattr(record, _CLASSIFIED_ATTR, None)
    if stored is not None:
        return list(stored)
    if hasattr(record, "quote") and hasattr(record, "grade"):
        return _classify_judgement(record, {})
    if hasattr(record, "aim") and hasattr(record, "locations"):
        return _classify_lea_recommendation(record)
    if hasattr(record, "objective"):
        return _classify_action(record, {})
    if hasattr(record, "area"):  # a row of an APA grade table: the area is what is graded
        return classify(subject=getattr(record, "area", None))
    return _classify_statement(record, {})
