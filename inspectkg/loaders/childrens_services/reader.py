"""Read a children's services report into records: the parts put together."""

from __future__ import annotations

import re

from ...errors import LoadError
from ..records import ChildrensServicesReport
from .body import read_body
from .grades import read_grades
from .head import read_head
from .judgements import read_judgements
from .kind import head_text, identify, ilacs_length
from .lines import read_lines
from .references import read_references

_REINSPECTION = re.compile(r"\bthis\s+(?:is|was)\s+a\s+re-?\s?inspection\b", re.I)


def read_report(text: str, source: str) -> ChildrensServicesReport:
    raw_lines = text.split("\n")
    kind = identify(head_text(raw_lines))
    if kind is None:
        raise LoadError(source, "not a children's services inspection or visit")
    lines = read_lines(text)
    head = read_head(raw_lines)
    start = head.ranges[0].start if head.ranges else None
    end = head.ranges[-1].end if head.ranges else None
    framework = kind.framework
    if framework == "sif" and _REINSPECTION.search(text[:8000]):
        framework = "sif-reinspection"  # said so in the summary, not the title
    if framework == "ilacs":
        days = sum(r.weekdays() for r in head.ranges)
        framework = "ilacs-short" if head.ranges and days <= 7 else ilacs_length(start, end)
    grades = read_grades(lines, framework)
    table_end = 0 if framework in ("lac-2012", "safeguarding-and-lac-2012") else max(
        (g.line for g in grades if g.line < 150), default=0)
    body = read_body(lines, table_end)
    date = head.published or end
    return ChildrensServicesReport(
        kind=kind.kind,
        source=source,
        authority=head.authority,
        date=date,
        title=kind.title,
        publisher="Ofsted",
        framework=framework,
        inspection_start=start,
        inspection_end=end,
        published=head.published,
        lead_inspector=head.lead_inspector,
        grades=grades,
        paragraphs=body.paragraphs,
        recommendations=body.recommendations,
        strengths=body.strengths,
        judgements=read_judgements(body.units),
        references=read_references(body.units, date),
    )
