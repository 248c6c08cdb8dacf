"""The grades of an APA letter: the summary grade table, grades printed with headings, and the
table of what each grade means.

A letter grades each judgement area 1-4 (4 best) in a table near its head; later letters also
print "Grade N" with each section heading. Both are read so that every graded area is found.
"""

from __future__ import annotations

import re

from ..records import Grade, GradeDescriptor
from ..text import clean
from . import ecm
from .lines import (
    GRADE_ALONE,
    GRADE_SUFFIX,
    MAX_HEADING_WORDS,
    TOP_LINES,
    cells,
    heading,
    is_rule,
    top,
)

GRADE_HEADER = re.compile(r"grade\s+awarded|areas?\s+for\s+judgement", re.IGNORECASE)
_DESCRIPTOR_HEADER = re.compile(r"^\W*grade\b.*\bdescriptors?\b", re.IGNORECASE)
_GRADE_CELL = re.compile(r"^(?:grade\s*:?\s*)?(?P<grade>[1-4])\s*(?:\(\w+\))?$", re.IGNORECASE)
_GRADE_WORD_CELL = {"outstanding": 4, "excellent": 4, "good": 3, "adequate": 2, "inadequate": 1}
_TABLE_END_GAP = 3  # blank lines that end a table
# A row whose grade follows its area after spaces only ("Being healthy 3"); tried once per run
# of spaces.
_TRAILING_GRADE = re.compile(r"(?<!\s)\s+(?P<grade>[1-4])$")


def all_grades(lines: list[str], end: int) -> list[Grade]:
    """The summary table's grades, then grades printed with headings, each area once."""
    grades = summary_grades(lines)
    seen = {(g.area.lower(), g.grade) for g in grades}
    for grade in heading_grades(lines, end):
        if (grade.area.lower(), grade.grade) not in seen:
            grades.append(grade)
            seen.add((grade.area.lower(), grade.grade))
    return grades


def summary_grades(lines: list[str]) -> list[Grade]:
    """Rows of the summary table that follows the "Areas for judgement | Grade awarded" header."""
    for i, raw in enumerate(lines[: top(lines, TOP_LINES * 2)]):
        if GRADE_HEADER.search(raw):
            return _grade_rows(lines, i + 1)
    return []


def heading_grades(lines: list[str], end: int) -> list[Grade]:
    """Grades printed with a heading ("Being healthy  Grade 3", or "Grade 3" on the next line)."""
    grades: list[Grade] = []
    for i in range(min(end, len(lines))):
        raw = lines[i]
        m = GRADE_SUFFIX.search(raw)
        if m and raw[: m.start()].strip() and len(raw[: m.start()].split()) <= MAX_HEADING_WORDS:
            area = clean(raw[: m.start()]).strip("#*: ")
            if area and not area.endswith(".") and not GRADE_HEADER.search(area):
                grades.append(_grade(area, int(m.group("grade")), i + 1))
        elif (found := _grade_below_heading(lines, i)) is not None:
            grades.append(found)
    return grades


def _grade_below_heading(lines: list[str], i: int) -> Grade | None:
    """The grade of a "Grade 3" line, for the heading just above it."""
    m = GRADE_ALONE.match(lines[i])
    if not m:
        return None
    prev = _previous_nonblank(lines, i)
    if prev is None:
        return None
    area = clean(lines[prev]).strip("#*: ")
    if area and not area.endswith(".") and len(area.split()) <= MAX_HEADING_WORDS:
        return _grade(area, int(m.group("grade")), prev + 1)
    return None


def descriptors(lines: list[str]) -> list[GradeDescriptor]:
    """The table that says what each grade means: grade, service descriptor, capacity word."""
    for i, raw in enumerate(lines[: top(lines, TOP_LINES * 2)]):
        if _DESCRIPTOR_HEADER.search(raw):
            return _descriptor_rows(lines, i + 1)
    return []


def _grade_value(cell: str) -> int | None:
    """A grade cell's number: "3", "Grade 3", "3 (good)" or the grade word "good"."""
    m = _GRADE_CELL.match(cell.strip())
    if m:
        return int(m.group("grade"))
    return _GRADE_WORD_CELL.get(cell.strip().lower().rstrip("."))


def _grade_row(raw: str) -> tuple[str, int] | None:
    """(area, grade) if the line is a row of a grade table: an area then a grade 1-4 cell."""
    row = cells(raw)
    if len(row) >= 2:
        grade = _grade_value(row[-1])
        area = " ".join(row[:-1])
    else:
        text = row[0] if row else ""
        m = _TRAILING_GRADE.search(text)
        grade = int(m.group("grade")) if m and re.search(r"[A-Za-z]", text[: m.start()]) else None
        area = text[: m.start()] if grade is not None else ""
        if len(area.split()) < 4:  # without a separator only a long area is safe to take
            grade = None
    if grade is None or not re.search(r"[A-Za-z]{3}", area) or GRADE_HEADER.search(area):
        return None
    return area.strip(), grade


def _grade_rows(lines: list[str], start: int) -> list[Grade]:
    """The rows of a grade table from `start` to the gap, heading or table that ends it."""
    grades: list[Grade] = []
    blanks = 0
    for i in range(start, len(lines)):
        raw = lines[i]
        if not raw.strip() or is_rule(raw):
            blanks += 1
            if blanks >= _TABLE_END_GAP and grades:
                break
            continue
        blanks = 0
        row = _grade_row(raw)
        if row is None:
            if grades or heading(raw) or _DESCRIPTOR_HEADER.search(raw):
                break
            continue
        grades.append(_grade(*row, i + 1))
    return grades


def _grade(area: str, grade: int, line: int) -> Grade:
    """A grade record with the outcome its area names, so grades join their sections."""
    return Grade(area=area, grade=grade, line=line, outcome=ecm.outcome_for(area))


def _previous_nonblank(lines: list[str], i: int) -> int | None:
    """The nearest non-blank line above line i (within three), where a grade's heading sits."""
    for j in range(i - 1, max(-1, i - 4), -1):
        if lines[j].strip():
            return j
    return None


def _descriptor_rows(lines: list[str], start: int) -> list[GradeDescriptor]:
    """The rows of the grade descriptor table, up to the first line that is not one."""
    rows: list[GradeDescriptor] = []
    for i in range(start, len(lines)):
        raw = lines[i]
        if not raw.strip() or is_rule(raw):
            if rows:
                break
            continue
        row = cells(raw)
        grade = _grade_value(row[0]) if row else None
        if grade is None or len(row) < 2:
            break
        capacity = row[2] if len(row) > 2 else None
        rows.append(GradeDescriptor(grade=grade, service=row[1], capacity=capacity, line=i + 1))
    return rows
