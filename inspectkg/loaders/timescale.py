"""Dates and periods as council reports print them, read into ISO dates.

Action-plan timescales are free text ("Jan - March 2010", "Exec Head in post by Sept 10",
"Ongoing until March 2011"); the graph wants a start and an end it can compare. This module
finds the periods a text names and says what they bound, and nothing else: callers keep the
text verbatim beside what is parsed here.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

# Month words from the calendar module (C locale: English), plus the "Sept" that reports use.
_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_name[_number].lower()] = _number
    _MONTHS[calendar.month_abbr[_number].lower()] = _number
_MONTHS["sept"] = 9
_MONTH_WORD = "|".join(sorted(_MONTHS, key=len, reverse=True))

# Seasons as months (meteorological), and school terms, which start and end differently.
_SEASONS = {
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)
}
_TERMS = {"spring": (1, 3), "summer": (4, 7), "autumn": (9, 12), "fall": (9, 12), "winter": (1, 3)}

_Y4 = r"(?:19|20)\d{2}"
_MON = rf"(?P<mon>{_MONTH_WORD})\.?"
_DAY = r"(?P<day>[0-3]?\d)\s?(?:st|nd|rd|th)?"
_NUMERIC = r"(?<![\d/.])(?P<day>[0-3]?\d)[/.](?P<m>[01]?\d)[/.](?P<y>(?:19|20)?\d{2})(?![\d/])"
_SEASON = (
    r"\b(?P<season>spring|summer|autumn|fall|winter)(?P<term>\s+term)?"
    rf"(?:\s*'?(?P<y>{_Y4}|\d{{2}}))?\b"
)

# Patterns in priority order: an earlier kind wins where two overlap.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("numeric", re.compile(_NUMERIC)),
    ("day", re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MON}\s*,?\s+(?P<y>{_Y4})\b", re.I)),
    ("day", re.compile(rf"\b{_MON}\s+{_DAY},?\s+(?P<y>{_Y4})\b", re.I)),
    ("quarter", re.compile(rf"\bQ(?P<q>[1-4])\s*(?P<y>{_Y4})\b", re.I)),
    ("split", re.compile(rf"\b(?P<y>{_Y4})\s?[/-]\s?(?P<y2>\d{{2}})(?![\d/])")),
    ("season", re.compile(_SEASON, re.I)),
    ("month", re.compile(rf"\b{_MON}(?:\s*,?\s*|-|\s*')(?P<y>{_Y4}|\d{{2}})(?![\d/])", re.I)),
    ("month", re.compile(rf"\b(?P<mon>{_MONTH_WORD})\b\.?", re.I)),  # no year: see _accept
    ("year", re.compile(rf"(?<![\d/])(?P<y>{_Y4})(?![\d/])")),
]

_SAME_UNIT_YEAR = re.compile(rf"\s*(?:and|&|,|-|to)\s*'?(?P<y>{_Y4})(?![\d/])", re.I)
_DEADLINE_BEFORE = re.compile(
    r"(?:\b(?:by|before|until|till|til|due|deadline|no\s+later\s+than)\b[\s:]*(?:the\s+)?"
    r"(?:end\s+(?:of\s+)?(?:the\s+)?)?|(?:^|\s)end\s+(?:of\s+)?(?:the\s+)?)$",
    re.I,
)
_START_BEFORE = re.compile(
    r"\b(?:from|starting|start|commencing|beginning|since)\b\s*(?:in\s+|on\s+)?$", re.I
)
_START_AFTER = re.compile(r"\s*(?:onwards?|and\s+(?:beyond|on-?going|ongoing))\b", re.I)
_RANGE_DASH = re.compile(r"^\s*[-\u2013\u2014]")
_COMPLETED = re.compile(
    r"^\s*(?:now\s+|action\s+)?(?:completed|achieved|done|finished|complete)\b"
    r"(?!\s+(?:by|before|in|within|during|on)\b)",
    re.I,
)
_IN_PLACE = re.compile(r"^\s*(?:already\s+|now\s+)?in\s+place\b(?!\s+by\b)", re.I)
_ONGOING = re.compile(r"\b(?:on-?going|continuous(?:ly)?|continuing)\b", re.I)


@dataclass(frozen=True)
class Period:
    """A stretch of time a text names, with where it was found and how precisely."""

    start: date
    end: date
    begin: int  # offset of the mention in the text
    stop: int
    precision: str  # "day", "month", "season", "quarter", "split" or "year"
    has_year: bool = True

    @property
    def iso(self) -> str:
        """The mention as an ISO date at the precision printed (2009-10-12, 2009-09, 2009)."""
        if self.precision == "day":
            return self.start.isoformat()
        if self.precision == "month":
            return self.start.isoformat()[:7]
        return str(self.start.year)


@dataclass(frozen=True)
class Timescale:
    """What a timescale cell bounds: ISO start and end where it names them, and a status."""

    start: str | None = None
    end: str | None = None
    status: str | None = None  # "ongoing", "completed" or "in_place"


def _year(text: str) -> int:
    """A printed year; two digits mean this century (reports here are 1990s onwards)."""
    text = text.lstrip("'")
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _season(name: str, year: int, term: bool) -> tuple[date, date]:
    first, last = (_TERMS if term else _SEASONS)[name.lower()]
    end_year = year + 1 if last < first else year
    return date(year, first, 1), _month_end(end_year, last)


def _period(kind: str, m: re.Match[str], year: int | None) -> tuple[date, date, str] | None:
    """The dates one pattern match names, or None where they are not a real date."""
    groups = m.groupdict()
    y = year if year is not None else (_year(groups["y"]) if groups.get("y") else None)
    if y is None:
        return None
    try:
        if kind == "numeric":
            d = date(y, int(groups["m"]), int(groups["day"]))
            return d, d, "day"
        if kind == "day":
            d = date(y, _MONTHS[groups["mon"].lower()], int(groups["day"]))
            return d, d, "day"
        if kind == "quarter":
            q = int(groups["q"])
            return date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter"
        if kind == "split":
            return date(y, 9, 1), date(y + 1, 8, 31), "split"  # an academic year
        if kind == "season":
            start, end = _season(groups["season"], y, bool(groups.get("term")))
            return start, end, "season"
        if kind == "month":
            month = _MONTHS[groups["mon"].lower()]
            return date(y, month, 1), _month_end(y, month), "month"
        return date(y, 1, 1), date(y, 12, 31), "year"
    except ValueError:  # 31 February, month 13 ...
        return None


def _accept(kind: str, m: re.Match[str]) -> bool:
    """Pattern-specific checks a regular expression cannot make on its own."""
    if kind == "split":
        y, y2 = int(m.group("y")), int(m.group("y2"))
        return (y + 1) % 100 == y2
    if kind in ("month", "season"):
        # "may" the verb is not a month, and "summer 10 schools" is not summer 2010: a month
        # or season without a four-digit year counts only where it is capitalised.
        year = m.groupdict().get("y")
        if year is None or len(year.lstrip("'")) == 2:
            return m.group(0)[0].isupper()
    return True


def _overlaps(spans: list[tuple[int, int]], begin: int, stop: int) -> bool:
    return any(begin < s_stop and s_begin < stop for s_begin, s_stop in spans)


def _same_unit_years(text: str, found: list[Period]) -> list[Period]:
    """ "Summer 2010 and 2011": a bare year after a season or month means that unit again."""
    out: list[Period] = []
    for p in found:
        out.append(p)
        if p.precision not in ("season", "month"):
            continue
        m = _SAME_UNIT_YEAR.match(text, p.stop)
        if not m:
            continue
        shift = int(m.group("y")) - p.start.year
        try:
            start = p.start.replace(year=p.start.year + shift)
            end = p.end.replace(year=p.end.year + shift)
        except ValueError:
            continue
        out.append(Period(start, end, m.start("y"), m.end("y"), p.precision))
    return out


def find_periods(text: str) -> list[Period]:
    """Every date or period the text names, in order; month or season names without a year
    take the year of the next dated mention (or the previous one) as "Jan - March 2010" does."""
    spans: list[tuple[int, int]] = []
    raw: list[tuple[str, re.Match[str]]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if kind in ("numeric", "day") and _period(kind, m, None) is None:
                continue  # "31 February 2010": let the month pattern have it
            if _accept(kind, m) and not _overlaps(spans, m.start(), m.end()):
                spans.append((m.start(), m.end()))
                raw.append((kind, m))
    raw.sort(key=lambda item: item[1].start())
    dated = [(kind, m, _period(kind, m, None)) for kind, m in raw]
    found: list[Period] = []
    for i, (kind, m, dates) in enumerate(dated):
        if dates is None:
            dates = _undated(kind, m, dated, i)
        if dates is not None:
            found.append(Period(dates[0], dates[1], m.start(), m.end(), dates[2], True))
    found = _same_unit_years(text, found)
    found.sort(key=lambda p: p.begin)
    return _dedupe(found)


def _dedupe(found: list[Period]) -> list[Period]:
    seen: set[int] = set()
    out = []
    for p in found:
        if p.begin not in seen:
            seen.add(p.begin)
            out.append(p)
    return out


def _undated(
    kind: str, m: re.Match[str], dated: list[tuple[str, re.Match[str], tuple | None]], i: int
) -> tuple[date, date, str] | None:
    """Dates for a month or season printed without a year, borrowed from a neighbour."""
    if kind not in ("month", "season"):
        return None
    after = [d for _, _, d in dated[i + 1 :] if d is not None]
    if after:
        guess = _period(kind, m, after[0][0].year)
        if guess is not None and guess[0] > after[0][1]:
            guess = _period(kind, m, after[0][0].year - 1)
        return guess
    before = [d for _, _, d in dated[:i] if d is not None]
    if before:
        return _period(kind, m, before[-1][1].year)
    return None


def timescale_status(text: str) -> str | None:
    """ "ongoing", "completed" or "in_place" where the text says so, else None."""
    if _COMPLETED.search(text):
        return "completed"
    if _IN_PLACE.search(text):
        return "in_place"
    if _ONGOING.search(text):
        return "ongoing"
    return None


def parse_timescale(text: str | None) -> Timescale:
    """Read a timescale cell: the start and end it names (ISO) and any status it states.

    "by X" / "until X" give an end only; "from X" or "X onwards" a start only; otherwise the
    span from the earliest to the latest period named ("Dec 2009 - Mar 2011", "Spring 2010").
    """
    if not text or not text.strip():
        return Timescale()
    status = timescale_status(text)
    periods = find_periods(text)
    if not periods:
        return Timescale(status=status)
    before = [text[(periods[i - 1].stop if i else 0) : p.begin] for i, p in enumerate(periods)]
    deadlines = [i for i, gap in enumerate(before) if _DEADLINE_BEFORE.search(gap)]
    starts = [
        i
        for i, p in enumerate(periods)
        if _START_BEFORE.search(before[i]) or _START_AFTER.match(text, p.stop)
    ]
    if deadlines:
        first = deadlines[0]
        opened = [i for i in starts if i < first]
        if first > 0 and _RANGE_DASH.match(before[first]):
            opened.append(first - 1)
        start = min((periods[i].start for i in opened), default=None)
        end = max(periods[i].end for i in deadlines)
        return Timescale(_iso(start), _iso(end), status)
    if starts and len(periods) == 1:
        return Timescale(_iso(periods[0].start), None, status)
    start = min(p.start for p in periods)
    end = max(p.end for p in periods)
    return Timescale(start.isoformat(), end.isoformat(), status)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def parse_date(text: str, *, last: bool = False) -> str | None:
    """The first (or last) date the text names, as ISO at the precision printed:
    "23rd April 2010" -> "2010-04-23", "September 2009" -> "2009-09", "2009" -> "2009"."""
    periods = find_periods(text)
    if not periods:
        return None
    return (periods[-1] if last else periods[0]).iso
