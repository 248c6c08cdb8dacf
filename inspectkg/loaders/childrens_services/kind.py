"""Which children's services document a text is: its kind and framework, from its title page.

Ofsted has titled each regime the same way in every report of it, so the title words decide:
"Inspection of services for children in need of help and protection, children looked after
and care leavers" is the single inspection framework (SIF), "Re-inspection of ..." its
re-inspection; "Inspection of children's social care services" (2018-19) and "Inspection of X
local authority children's services" the ILACS framework; and so on. A short ILACS inspection
lasts one week on site, a standard one two: the inspection dates tell them apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

INSPECTION = "childrens_services_inspection"
VISIT = "childrens_services_visit"
JTAI = "joint_targeted_area_inspection"

_APOS = "['’]"
_TITLES: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    (JTAI, "jtai", re.compile(r"\bjoint\s+targeted\s+area\s+inspection\b", re.I)),
    (VISIT, "focused-visit", re.compile(r"\bfocused\s+visit\s+to\b|\bfindings\s+of\s+the\s+"
                                         r"focused\s+visit\b", re.I)),
    (VISIT, "monitoring-visit", re.compile(r"\bmonitoring\s+visit\s+(?:to|of)\b|\bfindings\s+of"
                                            r"\s+the\s+\w*\s*monitoring\s+visit\b", re.I)),
    (INSPECTION, "sif-reinspection", re.compile(
        r"\bre-?\s?inspection\s+of\s+services\s+for\s+children\s+in\s+need\s+of\s+help", re.I)),
    (INSPECTION, "sif", re.compile(
        r"\binspection\s+of\s+services\s+for\s+children\s+in\s+need\s+of\s+help\s+and\s+"
        r"protection", re.I)),
    (INSPECTION, "safeguarding-and-lac-2012", re.compile(
        rf"\binspection\s+of\s+safeguarding\s+and\s+looked\s+after\s+children{_APOS}?s?\s+"
        r"services\b", re.I)),
    (INSPECTION, "lac-2012", re.compile(
        rf"\binspection\s+of\s+(?:the\s+)?(?:services\s+for\s+)?looked\s+after\s+children"
        rf"{_APOS}?s?(?:\s+services)?\b", re.I)),
    (INSPECTION, "ilacs", re.compile(
        rf"\binspection\s+of\s+(?:the\s+)?(?:[\w,&'’.-]+\s+){{0,8}}?(?:local\s+authority\s+)?"
        rf"children{_APOS}s\s+(?:social\s+care\s+)?services\b", re.I)),
    (INSPECTION, "lscb-review", re.compile(
        r"\breview\s+of\s+the\s+effectiveness\s+of\s+the\s+local\s+safeguarding\s+children"
        r"\s+board\b", re.I)),
)
# How many lines of the title page to read.
HEAD_LINES = 40


@dataclass(frozen=True)
class Kind:
    kind: str
    framework: str
    title: str  # the matched title words as printed


_DATES = re.compile(r"^\s*(?:inspection|visit)\s+dates?\b", re.I)


def head_text(lines: list[str], count: int = HEAD_LINES) -> str:
    """The title: the first lines with text, up to the inspection dates where they are printed
    (what follows is the report's own prose, which may name other inspections)."""
    kept: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        if _DATES.match(line) and kept:
            break
        kept.append(line.strip()[:300])
        if len(kept) >= count:
            break
    return " ".join(kept)[:6000]


def identify(head: str) -> Kind | None:
    """The kind and framework the title words name, or None.

    Earlier patterns win: a JTAI letter or a visit letter may name an inspection in its
    first lines; a SIF report always names its LSCB review too.
    """
    first = head[:1500]
    for kind, framework, pattern in _TITLES:
        m = pattern.search(first)
        if m:
            return Kind(kind, framework, " ".join(m.group(0).split()))
    return None


def ilacs_length(start: str | None, end: str | None) -> str:
    """ "ilacs-short" for an inspection of at most a week on site, else "ilacs-standard"."""
    if not start or not end:
        return "ilacs-standard"
    from datetime import date

    days = (date.fromisoformat(end) - date.fromisoformat(start)).days
    return "ilacs-short" if 0 <= days <= 7 else "ilacs-standard"
