"""The title page of a children's services report: the authority, dates and lead inspector.

Every framework prints "Inspection date(s): <range>" (visits: "visit to ... on <dates>"),
most print "Lead inspector: <name>" (older reports: "Reporting inspector <name> HMI", or
only in "The inspection team" at the end) and the SIF and 2012-13 reports print "Report
published: <date>" / "Published: <date>". The authority is named in the title ("Inspection
of Bolton local authority children's services") or on a line of its own beside it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..text import clean

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_MONTH = "|".join(sorted((m for m in _MONTHS), key=len, reverse=True))
_DATE_TOKEN = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s{{0,3}}(?P<month>{_MONTH})\.?)?"
    rf"(?:\s{{0,3}},?\s{{0,3}}(?P<year>(?:19|20)\d\d))?\b",
    re.I,
)
_RANGE_SEP = re.compile(r"^\s{0,5}(?:to|until|[-–—─‒―])\s{0,5}$", re.I)
_DATES_LABEL = re.compile(r"\b(?:inspection|visit)\s+dates?\s*:?\s*", re.I)
_PUBLISHED = re.compile(r"\b(?:report\s+)?published\s*:?\s*(?P<rest>.{0,60})", re.I)
_LEAD = re.compile(
    r"^(?:lead\s+inspector(?:\s+on\s+site)?|reporting\s+inspector)\s*:?\s*(?P<name>.{2,120})$",
    re.I,
)
_HMI = re.compile(
    r"[,;]?\s*(?:(?:his|her)\s+majesty['’]s\s+inspector|hmi|senior\s+hmi|"
    r"ofsted\s+inspector|social\s+care\s+regulatory\s+inspector)\b.*$",
    re.I,
)
# Words around an authority's name in a title or on its line.
_VISIT_DATES = re.compile(
    r"\b(?:(?:visit|inspection)\b[^.]{0,160}?\bon\s+|carried\s+out\s+(?:on|between)\s+|"
    r"\bbetween\s+|\bvisited\b[^.]{0,80}?\bon\s+)(?P<dates>\d{1,2}[^.]{0,60}?"
    r"(?:19|20)\d\d)",
    re.I,
)
_LED_BY = re.compile(
    r"\b(?:was\s+led\s+by|lead\s+inspector\s+(?:was|for\s+this\s+visit\s+was))\s+(?P<name>[A-Z]"
    r"[\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})\s*,?\s*(?:(?:his|her)\s+majesty|hmi\b)",
    re.I,
)
_JTAI_AUTHORITY = re.compile(
    r"(?i:\bjoint\s+targeted\s+area\s+inspection\s+of\s+[^.]{0,200}?\s+in)\s+"
    r"(?P<name>[A-Z][\w,&'’ -]{1,60}?)(?=\s+(?:Between|This|Dear|On|In|From|The)\b|\s*$)",
)
_TITLE_AUTHORITY = re.compile(
    r"\b(?:inspection|visit|focused\s+visit|monitoring\s+visit)\s+(?:of|to)\s+(?P<name>.{2,90}?)"
    r"\s+(?:local\s+authority\s+children|children)['’]s\s+(?:social\s+care\s+)?services\b",
    re.I,
)
_GENERIC_TITLE = re.compile(
    r"^(?:the\s+)?(?:local\s+authority|services|safeguarding|looked\s+after|children)\b", re.I
)
_NOT_A_NAME = re.compile(
    r"\b(?:inspection|inspections|review|services|dates?|published|lead|judgement|grade|"
    r"ofsted|children|board1?|and|protection|care\s+leavers)\s*$|^\d|:",
    re.I,
)
_COUNCIL_WORDS = re.compile(
    r"\b(?:council|borough|county|city|metropolitan|london|royal|district|safeguarding\s+children"
    r"\s+board|lscb)\b",
    re.I,
)


@dataclass(frozen=True)
class DateRange:
    start: str
    end: str

    def weekdays(self) -> int:
        a, b = date.fromisoformat(self.start), date.fromisoformat(self.end)
        return sum(1 for n in range((b - a).days + 1) if (a + timedelta(n)).weekday() < 5)


def _tokens(text: str) -> list[tuple[int, int | None, int | None, int, int]]:
    out = []
    for m in _DATE_TOKEN.finditer(text):
        month = _MONTHS.get((m.group("month") or "").lower())
        year = int(m.group("year")) if m.group("year") else None
        out.append((int(m.group("day")), month, year, m.start(), m.end()))
    return out


def date_ranges(text: str) -> list[DateRange]:
    """Every date range in a line such as "8 July 2019 to 12 July 2019 and 7 to 8 August 2019".

    A date without month or year takes them from the next date that has them ("8 – 12 July
    2013"); a lone date is a range of one day.
    """
    toks = _tokens(text[:400])
    # Fill month and year from the right.
    filled: list[tuple[int, int, int, int, int]] = []
    month: int | None = None
    year: int | None = None
    for day, m, y, s, e in reversed(toks):
        month = m or month
        year = y or year
        if month is None or year is None:
            continue
        filled.append((day, month, year, s, e))
    filled.reverse()
    dates: list[tuple[date, int, int]] = []
    for day, m, y, s, e in filled:
        try:
            dates.append((date(y, m, day), s, e))
        except ValueError:
            continue
    ranges: list[DateRange] = []
    i = 0
    while i < len(dates):
        d, _, e = dates[i]
        if i + 1 < len(dates) and _RANGE_SEP.match(text[e : dates[i + 1][1]]):
            ranges.append(DateRange(d.isoformat(), dates[i + 1][0].isoformat()))
            i += 2
        else:
            ranges.append(DateRange(d.isoformat(), d.isoformat()))
            i += 1
    return ranges


def one_date(text: str) -> str | None:
    """The first full date of a text, ISO."""
    ranges = date_ranges(text)
    return ranges[0].start if ranges else None


@dataclass(frozen=True)
class Head:
    authority: str | None
    ranges: tuple[DateRange, ...]
    published: str | None
    lead_inspector: str | None
    lead_line: int | None


_NEXT_LABEL = re.compile(r"\b(?:report\s+published|published|lead\s+inspector|reporting\s+"
                         r"inspector)\b.*$", re.I)


def _dates_text(lines: list[str], i: int) -> str:
    """The text after "Inspection dates:", with a continuation line if the range wraps, up to
    the next label where one line holds several ("... 2 April 2014 Report published: ...")."""
    text = _NEXT_LABEL.sub("", _DATES_LABEL.split(lines[i], maxsplit=1)[-1])
    if i + 1 < len(lines) and re.match(r"^\s*\d{1,2}\s+\w+\s+(?:19|20)\d\d\s*$", lines[i + 1]):
        text = f"{text} {lines[i + 1]}"
    elif re.search(r"\b(?:to|and|-|–)\s*$", text) and i + 1 < len(lines):
        text = f"{text} {lines[i + 1]}"
    return text


def read_head(lines: list[str]) -> Head:
    """The title page facts (lines are the report's lines, 0-based here)."""
    head = [clean(x) for x in lines[:60]]
    ranges: tuple[DateRange, ...] = ()
    for i, line in enumerate(head):
        if _DATES_LABEL.search(line) and re.search(r"\d", line + " ".join(head[i + 1 : i + 2])):
            ranges = tuple(date_ranges(_dates_text(head, i)))
            if ranges:
                break
    if not ranges:  # a letter: "the focused visit ... on 7 and 8 February 2023", "Between ..."
        text = " ".join(head)
        m = _VISIT_DATES.search(text)
        if m:
            ranges = tuple(date_ranges(m.group("dates")))
    if not ranges:  # a title page with a bare date range line ("10 to 14 June 2024")
        for line in head[:12]:
            found = date_ranges(line)
            if found and re.fullmatch(r"[\d\s\w,–-]{6,80}", line) and len(line.split()) <= 12:
                ranges = tuple(found)
                break
    published = None
    for line in head:
        m = _PUBLISHED.search(line)
        if m and (m.start() < 12 or re.match(r"report\s+published", m.group(0), re.I)):
            published = one_date(m.group("rest"))
            if published:
                break
    lead, lead_line = _lead_inspector([clean(x) for x in lines])
    if lead is None:
        lead, lead_line = _signature([clean(x) for x in lines])
    return Head(authority_name(head), ranges, published, lead, lead_line)


def _lead_inspector(lines: list[str]) -> tuple[str | None, int | None]:
    """The lead inspector from the title page, or from "The inspection team" at the end."""
    for i, line in enumerate(lines):
        m = _LEAD.match(line)
        if not m:
            continue
        name = _HMI.sub("", m.group("name")).strip(" ,.;")
        name = re.sub(r"\s*\(?\b(?:HMI|SHMI)\)?$", "", name).strip(" ,(")
        if name and len(name.split()) <= 6 and not re.search(r"\d", name):
            return name, i + 1
    return None, None


def _signature(lines: list[str]) -> tuple[str | None, int | None]:
    """A letter's lead inspector: "led by X, His Majesty's Inspector", or who signs it."""
    for i, line in enumerate(lines):
        m = _LED_BY.search(line)
        if m:
            return m.group("name").strip(" ,."), i + 1
    for i, line in enumerate(lines):
        if re.match(r"^yours\s+(?:sincerely|faithfully)", line, re.I):
            for j in range(i + 1, min(i + 5, len(lines))):
                name = lines[j].strip(" ,.")
                if name and _HMI.match(lines[j + 1] if j + 1 < len(lines) else "") is not None:
                    return name, j + 1
                if name and 1 < len(name.split()) <= 5 and not re.search(r"\d", name):
                    nxt = lines[j + 1] if j + 1 < len(lines) else ""
                    if re.search(r"inspector|hmi", nxt, re.I):
                        return name, j + 1
    return None, None


def authority_name(head: list[str]) -> str | None:
    """The authority as printed: in the title, or the council's line beside the title."""
    title: list[str] = []
    for line in head[:12]:
        if _DATES_LABEL.match(line) or _LEAD.match(line):
            break
        title.append(line)
    jtai = _JTAI_AUTHORITY.search(" ".join(head[:30]))
    if jtai:
        return jtai.group("name").strip(" ,")
    m = _TITLE_AUTHORITY.search(" ".join(title))
    if m:
        name = m.group("name").strip(" ,")
        if not _GENERIC_TITLE.match(name) and not re.search(r"\binspection\b", name, re.I):
            return re.sub(r"^the\s+", "", name, flags=re.I)
    for i, line in enumerate(title):
        line = re.sub(r"\s+children['’]s\s+services$", "", line, flags=re.I)
        if _is_name_line(line):
            name = line.strip(" ,")
            # A name wrapped over two lines ("London Borough of Hammersmith and" / "Fulham").
            after = title[i + 1].strip(" ,") if i + 1 < len(title) else ""
            if re.search(r"\b(?:and|of|&)$", name) and after:
                name = f"{name} {after}"
            elif re.fullmatch(r"(?:(?:borough|county|city|district)\s+)?council", after, re.I):
                name = f"{name} {after}"
            return name
    return None


def _is_name_line(line: str) -> bool:
    words = line.split()
    if not 1 <= len(words) <= 8 or re.fullmatch(r"\d+", line):
        return False
    if _NOT_A_NAME.search(line) and not _COUNCIL_WORDS.search(line):
        return False
    if re.search(r"\b(?:inspection|review|dates?|published|inspector|judgement)\b", line, re.I):
        return False
    return line[:1].isupper()
