"""Loader for council committee reports on progress with an action plan.

The kind: a committee report whose front matter prints labels ("Date:", "Subject:", "Report
of:", "Report Author:"), whose narrative sections cite "(Recommendation N)", which lists its
background papers (the earlier reports it continues), and whose appendix holds one table per
numbered recommendation. Table cells are separated by tabs; a table starts with a header
(Objective / Lead / Timescale / Action/Progress / Detail / RAG rating) and each row is an
"Action" line, usually followed by a "Progress" line, with a RAG rating on either.

Reports of this kind from other councils and years differ in labels, column names and order,
so columns are read by what their header says and rows by their "Action"/"Progress" cell,
never by position alone.

This module scores and reads the kind; the parts are read by ``committee_front_matter``,
``committee_summary`` (background papers and summary sections), ``action_appendix`` (the
recommendations and their tables) and ``action_table`` (header columns, rows and ratings).
"""

from __future__ import annotations

import re

from ..records import ActionPlanProgress
from .appendix import Appendix, appendix_start
from .front_matter import (
    first_person,
    report_authority,
    report_committee,
    report_date,
    report_title,
)
from .summary import background_papers, summary_sections
from .table import header, is_marker_line, retab

# Line patterns run over the whole text: "[ \t]*", never "\s*", after "^" so that a run of
# blank lines is not rescanned from every line start (quadratic in the number of lines).
_FRONT_MATTER = [
    re.compile(p, re.I | re.M)
    for p in (
        r"^[ \t]*report[ \t]+(?:of|by)[ \t]*:",
        r"^[ \t]*report[ \t]+author",
        r"^[ \t]*(?:list[ \t]+of[ \t]+)?background[ \t]+papers",
        r"^.{0,40}\bcommittee[ \t]+report[ \t]*$|^[ \t]*report[ \t]+to\b",
        r"^[ \t]*wards?[ \t]+(?:involved|affected)",
        r"^[ \t]*classification[ \t]*:?[ \t]*$|for\s+general\s+release",
        r"^[ \t]*item[ \t]+no",
        r"^[ \t]*(?:\d{1,3}\.?[ \t]*)?(?:financial|legal|staffing)[ \t]+implications",
        r"^[ \t]*reason[ \t]+for[ \t]+decision",
    )
]
_CITATION = re.compile(r"\(Recommendations?\s+\d", re.I)


def _detect_score(text: str) -> float:
    """How sure the text is this kind: table headers, Action/Progress rows, citations, labels."""
    lines = text.split("\n")
    table_lines = [(i, raw) for i, raw in enumerate(lines) if "\t" in raw]
    headers = sum(1 for i, raw in table_lines if header(raw, i + 1))
    markers = sum(1 for _, raw in table_lines if is_marker_line(raw))
    score = 0.0
    if headers:
        score += 0.4 + (0.05 if headers > 1 else 0.0)
    if markers:
        score += 0.25 if markers >= 4 else 0.1
    if _CITATION.search(text):
        score += 0.1
    if re.search(r"\bRAG\b", text):
        score += 0.05
    score += min(0.2, 0.04 * sum(1 for p in _FRONT_MATTER if p.search(text)))
    return round(min(score, 1.0), 3)


class ActionPlanLoader:
    """Recognises and reads the council action-plan progress report kind."""

    kind = "action_plan_progress"
    label = "council action-plan progress report"

    def detect(self, text: str) -> float:
        """Sure when the text has the action table header and Action/Progress rows; committee
        front matter and "(Recommendation N)" citations add to it."""
        return _detect_score("\n".join(retab(text.replace("\r\n", "\n").split("\n"))))

    def read(self, text: str, source: str) -> ActionPlanProgress:
        """Read front matter, background papers, summary, recommendations and action rows."""
        lines = retab(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        start = appendix_start(lines, source)
        appendix = Appendix(lines, source)
        appendix.read(start)
        body = lines[:start]
        authority = report_authority(body)
        return ActionPlanProgress(
            kind=self.kind,
            source=source,
            authority=authority,
            date=report_date(body),
            title=report_title(body),
            publisher=authority,
            committee=report_committee(body),
            author=first_person(body, "author"),
            lead_officer=first_person(body, "lead_officer"),
            background_papers=background_papers(body),
            recommendations=appendix.recommendations,
            actions=appendix.actions,
            summary=summary_sections(body),
        )


LOADER = ActionPlanLoader()
