"""The judgements of a children's services inspection, as its judgement table prints them.

- ILACS (2018-): a table "Judgement | Grade" on the first page, each area's words wrapped over
  lines and the grade after them ("Requires improvement to be good" itself may wrap).
- SIF and its re-inspections (2013-18): the overall judgement as a sentence ("Children's
  services in X are inadequate", "The overall judgement is good") and a numbered list of
  areas with sub-judgements ("2.1 Adoption performance Good"); the LSCB judgement as a
  sentence ("The Local Safeguarding Children Board is good").
- 2012-13 looked after children inspections: "Grade 4 (inadequate)" under each heading.

``key`` names the judgement area the same way on every framework, so the history of an area
can be followed across inspections; areas of no known kind get a slug of their own words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..records import AreaGrade
from .lines import Line, joined

_GRADE = (
    r"requires?\s+improvement(?:\s+to\s+be\s+good)?|outstanding|good|inadequate|adequate"
)
_GRADE_AT_END = re.compile(rf"^(?P<area>.*?)\s*\b(?P<grade>{_GRADE})\s*\.?$", re.I)
_GRADE_IN_TABLE = re.compile(rf"(?P<area>.+?)\s+(?P<grade>{_GRADE})\b", re.I)
_TABLE_HEAD = re.compile(r"^judgements?\s+grades?$", re.I)
_OVERALL_ROW = re.compile(r"^overall\s+effectiveness\b", re.I)
_CONTINUED_GRADE = re.compile(r"^to\s+be\s+good\.?$", re.I)
_SIF_ROW = re.compile(r"^(?P<num>\d(?:\.\d)?)\.?\s+(?P<rest>\S.*)$")
_OVERALL_SENTENCE = re.compile(
    rf"(?P<sentence>(?:(?:the\s+)?overall\s+judgement\s+is\s+(?:that\s+)?(?:children['’]s\s+"
    rf"services\s+(?:in\s+[^.]{{1,90}}?\s+)?)?|children['’]s\s+services\s+in\s+[^.]{{1,100}}?\s+)"
    rf"(?:are\s+|is\s+)?(?P<grade>{_GRADE}))\b",
    re.I,
)
_LSCB_SENTENCE = re.compile(
    rf"(?P<sentence>(?:the\s+judgement\s+(?:for|on)\s+)?(?:the\s+)?(?:effectiveness\s+of\s+"
    r"(?:the\s+)?)?(?:local\s+safeguarding\s+children\s+board|lscb|safeguarding\s+children\s+"
    rf"board)(?:\s+\(lscb\))?(?:\s+in\s+[A-Z][^.]{{0,60}}?)?\s+(?:is\s+|are\s+)?"
    rf"(?P<grade>{_GRADE}))\b",
    re.I,
)
_LAC_GRADE = re.compile(rf"^grade\s+(?P<step>[1-4])\s*\((?P<grade>{_GRADE})\)\s*$", re.I)
# A heading line of a 2012-13 report is shorter than a line of its prose.
LAC_HEADING_CHARS = 100
# How far into the report the judgement table or sentences may be (lines).
TABLE_WINDOW = 120

_KEYS: tuple[tuple[str, str | None, re.Pattern[str]], ...] = (
    ("adoption", "children-in-care", re.compile(r"\badoption\b", re.I)),
    ("care-leavers", "children-in-care",
     re.compile(r"^(?:\d\.\d\s+)?(?:the\s+)?experiences\s+and\s+progress\s+of\s+care\s+"
                r"leavers", re.I)),
    ("lscb", None, re.compile(r"safeguarding\s+children\s+board|\blscb\b", re.I)),
    ("overall", None, re.compile(r"\boverall\b|children['’]s\s+services\s+in\b", re.I)),
    ("leadership", None, re.compile(
        r"\bimpact\s+of\s+leaders\b|\bleadership,?\s+(?:and\s+)?management", re.I)),
    ("help-and-protection", None, re.compile(r"\bhelp\s+and\s+protection\b", re.I)),
    ("children-in-care", None,
     re.compile(r"\bchildren\s+in\s+care\b|\bchildren\s+looked\s+after\b", re.I)),
    ("care-leavers", None, re.compile(r"^(?:the\s+)?(?:experiences\s+and\s+progress\s+of\s+)?"
                                      r"care\s+leavers\b", re.I)),
)


# The judgement areas every framework reports on, as keys.
AREA_KEYS = frozenset({"overall", "leadership", "help-and-protection", "children-in-care",
                       "care-leavers", "adoption", "lscb"})


def area_key(area: str, numbered_sub: bool | None = None) -> tuple[str, str | None]:
    """The judgement area an area's words name, and the area it is a sub-judgement of
    (``numbered_sub``: the SIF list numbers it as one, "2.2"; by default read from the words)."""
    if numbered_sub is None:
        numbered_sub = re.match(r"^\d\.\d", area) is not None
    for key, parent, pattern in _KEYS:
        if pattern.search(area):
            if key == "care-leavers" and parent and not numbered_sub:
                # ILACS 2023- judges care leavers on their own, not under children in care.
                parent = None
            return key, parent
    slug = re.sub(r"[^a-z0-9]+", "-", area.lower()).strip("-")
    return slug[:60] or "area", None


def _grade(area: str, grade: str, line: Line) -> AreaGrade:
    area = " ".join(area.split()).strip(" :–-")
    numbered_sub = re.match(r"^\d\.\d", area) is not None
    area = re.sub(r"^\d(?:\.\d)?\.?\s+", "", area)  # the SIF list's numbering is not the area
    key, parent = area_key(area, numbered_sub)
    return AreaGrade(area=area, grade=" ".join(grade.split()), line=line.number, key=key,
                     parent=parent)


def ilacs_table(lines: list[Line]) -> list[AreaGrade]:
    """Rows of an ILACS "Judgement | Grade" table, overall effectiveness last."""
    start = next((i for i, ln in enumerate(lines[:TABLE_WINDOW]) if _TABLE_HEAD.match(ln.text)),
                 None)
    if start is None:
        return []
    rows: list[AreaGrade] = []
    buf: list[Line] = []
    i = start + 1
    while i < min(len(lines), start + 40):
        ln = lines[i]
        if not ln.text:
            i += 1
            continue
        buf.append(ln)
        text = joined(buf)
        m = _GRADE_AT_END.match(text)
        if m and m.group("area"):
            grade = m.group("grade")
            if re.match(r"requires?\s+improvement$", grade, re.I) and i + 1 < len(lines) and \
                    _CONTINUED_GRADE.match(lines[i + 1].text):
                grade = f"{grade} to be good"
                i += 1
            rows.append(_grade(m.group("area"), grade, buf[0]))
            buf = []
            if _OVERALL_ROW.match(m.group("area")):
                break
        elif len(buf) > 6:  # not a table row: the table has ended
            break
        i += 1
    return rows


def sif_list(lines: list[Line]) -> list[AreaGrade]:
    """The SIF's numbered judgement list ("1. Children who need help and protection Good")."""
    rows: list[AreaGrade] = []
    buf: list[Line] = []
    for ln in lines[:TABLE_WINDOW]:
        row = _SIF_ROW.match(ln.text)
        if row and not buf and not rows and row.group("num") != "1":
            continue
        if not buf and not row:
            if rows:
                break
            continue
        buf.append(ln)
        text = joined(buf)
        m = _GRADE_AT_END.match(_SIF_ROW.sub(r"\g<num> \g<rest>", text))
        if m and m.group("area") and re.match(r"^\d", text):
            rows.append(_grade(m.group("area"), m.group("grade"), buf[0]))
            buf = []
        elif len(buf) > 4:
            break
    return [r for r in rows if len(r.area.split()) >= 2]


def sentence_grades(lines: list[Line]) -> Iterator[AreaGrade]:
    """The overall judgement stated as a sentence near the start of a report, and the LSCB's
    judgement where its part of the report (or the title page) begins."""
    text_lines = [ln for ln in lines if ln.text]
    seen: set[str] = set()
    for k, ln in enumerate(text_lines):
        text = joined(text_lines[k : k + 3])
        for key, pattern in (("overall", _OVERALL_SENTENCE), ("lscb", _LSCB_SENTENCE)):
            if key == "overall" and ln.number > TABLE_WINDOW:
                continue
            m = pattern.match(text)
            if m and key not in seen and not re.search(r"\blikely\b", text[: m.end()], re.I):
                seen.add(key)
                yield AreaGrade(area=" ".join(m.group("sentence").split()),
                                grade=" ".join(m.group("grade").split()), line=ln.number,
                                key=key, parent=None)
    return


def lac_grades(lines: list[Line]) -> list[AreaGrade]:
    """2012-13 inspections: "Grade 4 (inadequate)" under each heading, the heading its area."""
    rows: list[AreaGrade] = []
    for i, ln in enumerate(lines):
        m = _LAC_GRADE.match(ln.text)
        if not m:
            continue
        head: list[Line] = []
        j = i - 1
        while j >= 0 and not lines[j].text:  # the PDF reader puts a blank line after a heading
            j -= 1
        while (j >= 0 and lines[j].text and not lines[j].ends_sentence and len(head) < 3
               and len(lines[j].text) < LAC_HEADING_CHARS):
            head.insert(0, lines[j])
            j -= 1
        while head and not head[0].text[:1].isupper():
            head.pop(0)
        if head:
            area = joined(head)
            key, parent = area_key(area)
            rows.append(AreaGrade(area=area, grade=m.group("grade"), line=ln.number, key=key,
                                  parent=parent))
    return rows


def read_grades(lines: list[Line], framework: str) -> list[AreaGrade]:
    """Every judgement of the report, each once, in the order printed."""
    if framework.startswith("ilacs"):
        rows = ilacs_table(lines)
    elif framework in ("lac-2012", "safeguarding-and-lac-2012"):
        rows = lac_grades(lines)
    else:
        rows = sif_list(lines)
    keys = {r.key for r in rows}
    extra = [g for g in sentence_grades(lines) if g.key not in keys]
    ordered = sorted(rows + extra, key=lambda g: g.line)
    return ordered
