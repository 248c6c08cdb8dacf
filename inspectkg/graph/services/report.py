"""Classify every item of a report of any kind from the fields that kind has.

Records are immutable: classifying returns new records (and a new report) with ``services`` /
``service`` filled, never changes the ones given.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .classifier import Classification, classify, classify_sources
from .scheme import (
    outcome_exact,
    outcome_for,
    scheme,
)

_CLASSIFIED_ATTR = "_inspectkg_classifications"


def _remember(record: Any, result: list[Classification]) -> Any:
    """Keep the classifications with the new record (not a field: to_dict ignores them)."""
    object.__setattr__(record, _CLASSIFIED_ATTR, list(result))
    return record


def _with(record: Any, **changes: Any) -> Any:
    """A copy of a record with some fields changed (only fields the record has)."""
    fields = {f.name for f in dataclasses.fields(record)}
    changes = {k: v for k, v in changes.items() if k in fields}
    return dataclasses.replace(record, **changes) if changes else dataclasses.replace(record)


def _apply(record: Any, result: list[Classification], **changes: Any) -> Any:
    """A new record with ``services`` (and ``service`` where it has one) from the
    classifications, plus any other changes (a subject or outcome found on the way)."""
    sch = scheme()
    ids = [c.concept for c in result]
    changes["services"] = ids
    current = changes.get("service", getattr(record, "service", None))
    if ids:
        changes["service"] = ids[0]
    elif current not in sch.concepts:
        changes["service"] = None
    return _remember(_with(record, **changes), result)


def _subject_of(record: Any) -> str | None:
    """A judgement's subject; a loader may have put the subject words in ``service``.

    Such words move to ``subject`` (where the record has it) before ``service`` gets a concept,
    so classifying the same report again gives the same answer.
    """
    subject = getattr(record, "subject", None)
    service = getattr(record, "service", None)
    if not subject and isinstance(service, str) and service not in scheme().concepts:
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


def _apa_outcome(record: Any) -> dict[str, Any]:
    """The outcome an APA item with none gets from its heading or "Outcome: text" prefix."""
    if not hasattr(record, "outcome") or getattr(record, "outcome", None):
        return {}
    slug = None
    for cand in (getattr(record, "heading", None), getattr(record, "section", None)):
        slug = slug or outcome_for(cand)
    text = getattr(record, "text", None) or getattr(record, "quote", None) or ""
    if not slug and ":" in text:
        slug = outcome_exact(text.split(":", 1)[0])
    return {"outcome": scheme().outcome_concepts[slug].pref_label} if slug else {}


def _subject_change(record: Any) -> dict[str, Any]:
    """Subject words a loader left in ``service`` move to ``subject``."""
    subject = _subject_of(record)
    if subject and not getattr(record, "subject", None) and hasattr(record, "subject"):
        return {"subject": subject}
    return {}


STATEMENT_LISTS = ("strengths", "weaknesses", "areas_for_improvement", "future_focus", "references")


def classify_report(report: Any) -> Any:
    """A new report whose items carry ``services`` / ``service``; the one given is unchanged.

    Items: recommendations, judgements, strengths, weaknesses, areas for improvement, future
    focus, references, plan recommendations and actions, and whatever other lists of those
    record types a kind has. Classifying a classified report again gives the same result.
    """
    paragraphs = {
        p.number: p for p in getattr(report, "paragraphs", None) or [] if hasattr(p, "number")
    }
    is_apa = getattr(report, "kind", None) == "apa_letter" or type(report).__name__ == "ApaLetter"
    is_plan = getattr(report, "kind", None) == "action_plan_progress" or hasattr(report, "actions")
    changes: dict[str, Any] = {}

    plan_recs: dict[str, tuple[Any, list[Classification]]] = {}
    recs = []
    for rec in getattr(report, "recommendations", None) or []:
        if is_plan:
            result = _classify_plan_recommendation(rec, report)
            plan_recs.setdefault(str(getattr(rec, "number", "")).strip().rstrip("."), (rec, result))
        else:
            result = _classify_lea_recommendation(rec)
        recs.append(_apply(rec, result))
    changes["recommendations"] = recs

    judgements = []
    for j in getattr(report, "judgements", None) or []:
        extra = (_apa_outcome(j) if is_apa else {}) | _subject_change(j)
        j2 = _with(j, **extra) if extra else j
        judgements.append(_apply(j2, _classify_judgement(j2, paragraphs), **extra))
    changes["judgements"] = judgements

    for name in STATEMENT_LISTS:
        items = []
        for item in getattr(report, name, None) or []:
            extra = _apa_outcome(item) if is_apa else {}
            item2 = _with(item, **extra) if extra else item
            items.append(_apply(item2, _classify_statement(item2, paragraphs), **extra))
        changes[name] = items

    previous = getattr(report, "previous_inspection", None)
    if previous is not None and hasattr(previous, "services"):
        changes["previous_inspection"] = _apply(
            previous, _classify_statement(previous, paragraphs)
        )

    changes["actions"] = [
        _apply(action, _classify_action(action, plan_recs))
        for action in getattr(report, "actions", None) or []
    ]
    return _with(report, **changes)


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
