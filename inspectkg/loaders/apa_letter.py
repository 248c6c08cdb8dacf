"""Loader for the Ofsted Annual Performance Assessment (APA) letter kind (2005-2008).

An APA letter is addressed to a council's director of children's services and holds, in order:
a title ("2006 ANNUAL PERFORMANCE ASSESSMENT OF SERVICES FOR CHILDREN AND YOUNG PEOPLE IN <X>"),
a summary grade table (judgement area, grade 1-4 where 4 is best), a table of what the grades
mean, an overall summary, one section per Every Child Matters outcome plus the management of
services, a two-column "Key strengths / Key areas for improvement" table, a bullet list of
"Aspects for focus" and the sign-off of Ofsted (and, up to 2006, CSCI). Later letters print a
"Grade N" after each section heading and may list strengths and weaknesses inside each section;
both are read too.

Conventions of the records:
- every list item (strength, area for improvement, focus) keeps its words verbatim, without its
  bullet and without a final full stop;
- quotes are whole sentences, whitespace-normalised, markup stripped;
- grades are integers 1-4 as printed; judgement grades are lower-case words from `GRADE_WORDS`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from ..errors import LoadError
from . import ecm
from .records import (
    ApaLetter,
    Grade,
    GradeDescriptor,
    Judgement,
    OutcomeSection,
    Person,
    Reference,
    Statement,
)
from .text import clean, squash, strip_markup

# Below this detection score `read` refuses the text as not being an APA letter at all.
_MIN_SCORE = 0.3
_TOP_LINES = 80  # the letter head (addresses, date, title) sits in the first lines

# ---------------------------------------------------------------------------------------------
# Lines and paragraphs
# ---------------------------------------------------------------------------------------------

_BULLET = re.compile(r"^\s*(?:[•·▪◦]\s*|[-*–—o]\s+|\(?\d{1,2}[.)]\s+|\(?[a-h][.)]\s+)(?=\S)")
_BULLET_CHARS = re.compile(r"\s*[•·▪◦]\s*")
_SUPERSCRIPT = re.compile(r"<sup>.*?</sup>|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\^\d+\]", re.IGNORECASE)
_SEPARATOR = re.compile(r"\t+|\s*\|\s*")
_WIDE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_TERMINAL = re.compile(r"[.!?:;)\"'’”]$")


def _is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line))


def _unbullet(line: str) -> str:
    return _BULLET.sub("", line, count=1)


@dataclass
class _Para:
    """A paragraph as consecutive non-blank lines: (1-based line number, raw text) pairs."""

    parts: list[tuple[int, str]]

    @property
    def line(self) -> int:
        return self.parts[0][0]

    @property
    def last_line(self) -> int:
        return self.parts[-1][0]

    @property
    def text(self) -> str:
        return clean(" ".join(raw for _, raw in self.parts))

    @property
    def is_list(self) -> bool:
        return all(_is_bullet(raw) for _, raw in self.parts)


def _paragraphs(lines: list[str], start: int, end: int) -> list[_Para]:
    """Paragraphs of lines[start:end]; blank and spaces-only lines separate them.

    PDF conversions break paragraphs at page ends: a paragraph that stops mid-sentence is joined
    with the next one when that one carries on the sentence.
    """
    paras: list[_Para] = []
    current: list[tuple[int, str]] = []
    for i in range(start, min(end, len(lines))):
        if lines[i].strip():
            current.append((i + 1, lines[i]))
        elif current:
            paras.append(_Para(current))
            current = []
    if current:
        paras.append(_Para(current))
    return _join_page_breaks(paras)


def _join_page_breaks(paras: list[_Para]) -> list[_Para]:
    joined: list[_Para] = []
    for para in paras:
        if joined and _continues(joined[-1], para):
            joined[-1] = _Para(joined[-1].parts + para.parts)
        else:
            joined.append(para)
    return joined


def _continues(prev: _Para, nxt: _Para) -> bool:
    """Whether `nxt` carries on the sentence that `prev` leaves unfinished."""
    if prev.is_list or nxt.is_list or _heading(nxt.parts[0][1]) is not None:
        return False
    if _heading(prev.parts[-1][1]) is not None:
        return False
    last, first = clean(prev.parts[-1][1]), clean(nxt.parts[0][1])
    if not last or not first or _TERMINAL.search(last) or "\t" in prev.parts[-1][1]:
        return False
    if first[0].islower():
        return True
    return last.split()[-1].lower() in _NP_BLOCKERS


def _cells(raw: str) -> list[str]:
    """A table row's cells: tabs or | separate them; failing those, runs of 2+ spaces."""
    row = raw.strip()
    if row.startswith("|") or row.endswith("|"):
        row = row.strip("|")
    parts = _SEPARATOR.split(row)
    if len(parts) == 1:
        parts = _WIDE_SPACE.split(row)
    return [c for c in (squash(strip_markup(_SUPERSCRIPT.sub("", p))) for p in parts) if c]


def _is_rule(raw: str) -> bool:
    """A markdown table rule such as |---|:---:|."""
    return bool(raw.strip()) and not re.sub(r"[\s|:\-+=]", "", raw)


# ---------------------------------------------------------------------------------------------
# Headings, grades
# ---------------------------------------------------------------------------------------------

_GRADE_SUFFIX = re.compile(
    r"(?:\t+|\s*\|\s*|\s{2,}|\s+)\(?grade(?:\s+awarded)?\s*:?\s*(?P<grade>[1-4])\)?\s*\|?\s*$",
    re.IGNORECASE,
)
_GRADE_ALONE = re.compile(r"^\W*grade(?:\s+awarded)?\s*:?\s*(?P<grade>[1-4])\W*$", re.IGNORECASE)
_MAX_HEADING_WORDS = 25


def _heading(raw: str) -> tuple[str, str, int | None] | None:
    """(outcome, heading as printed, grade or None) if the line is an outcome heading."""
    if len(raw.split()) > _MAX_HEADING_WORDS + 3:  # prose; cheap to tell before any clean-up
        return None
    grade = None
    m = _GRADE_SUFFIX.search(raw)
    if m:
        grade = int(m.group("grade"))
        raw = raw[: m.start()]
    if "\t" in raw.strip() or "|" in raw.strip("| \t"):
        return None
    text = clean(_SUPERSCRIPT.sub("", raw)).strip("#* ")
    if not text or text.endswith(".") or len(text.split()) > _MAX_HEADING_WORDS:
        return None
    outcome = ecm.outcome_for(text)
    if outcome is None:
        return None
    return outcome, ecm.normalise_label(text), grade


_GRADE_HEADER = re.compile(r"grade\s+awarded|areas?\s+for\s+judgement", re.IGNORECASE)
_DESCRIPTOR_HEADER = re.compile(r"^\W*grade\b.*\bdescriptors?\b", re.IGNORECASE)
_GRADE_CELL = re.compile(r"^(?:grade\s*:?\s*)?(?P<grade>[1-4])\s*(?:\(\w+\))?$", re.IGNORECASE)
_GRADE_WORD_CELL = {"outstanding": 4, "excellent": 4, "good": 3, "adequate": 2, "inadequate": 1}
_TABLE_END_GAP = 3  # blank lines that end a table


def _grade_value(cell: str) -> int | None:
    m = _GRADE_CELL.match(cell.strip())
    if m:
        return int(m.group("grade"))
    return _GRADE_WORD_CELL.get(cell.strip().lower().rstrip("."))


def _grade_row(raw: str) -> tuple[str, int] | None:
    """(area, grade) if the line is a row of a grade table: an area then a grade 1-4 cell."""
    cells = _cells(raw)
    if len(cells) >= 2:
        grade = _grade_value(cells[-1])
        area = " ".join(cells[:-1])
    else:
        m = re.match(r"^(?P<area>.*[A-Za-z].*?)\s+(?P<grade>[1-4])$", cells[0] if cells else "")
        grade = int(m.group("grade")) if m else None
        area = m.group("area") if m else ""
        if len(area.split()) < 4:  # without a separator only a long area is safe to take
            grade = None
    if grade is None or not re.search(r"[A-Za-z]{3}", area) or _GRADE_HEADER.search(area):
        return None
    return area.strip(), grade


def _summary_grades(lines: list[str]) -> list[Grade]:
    """Rows of the summary table that follows the "Areas for judgement | Grade awarded" header."""
    for i, raw in enumerate(lines[: _TOP_LINES * 2]):
        if _GRADE_HEADER.search(raw):
            return _grade_rows(lines, i + 1)
    return []


def _grade_rows(lines: list[str], start: int) -> list[Grade]:
    grades: list[Grade] = []
    blanks = 0
    for i in range(start, len(lines)):
        raw = lines[i]
        if not raw.strip() or _is_rule(raw):
            blanks += 1
            if blanks >= _TABLE_END_GAP and grades:
                break
            continue
        blanks = 0
        row = _grade_row(raw)
        if row is None:
            if grades or _heading(raw) or _DESCRIPTOR_HEADER.search(raw):
                break
            continue
        area, grade = row
        grades.append(Grade(area=area, grade=grade, line=i + 1, outcome=ecm.outcome_for(area)))
    return grades


def _heading_grades(lines: list[str], end: int) -> list[Grade]:
    """Grades printed with a heading ("Being healthy  Grade 3", or "Grade 3" on the next line)."""
    grades: list[Grade] = []
    for i in range(min(end, len(lines))):
        raw = lines[i]
        m = _GRADE_SUFFIX.search(raw)
        if m and raw[: m.start()].strip() and len(raw[: m.start()].split()) <= _MAX_HEADING_WORDS:
            area = clean(raw[: m.start()]).strip("#*: ")
            if area and not area.endswith(".") and not _GRADE_HEADER.search(area):
                grades.append(_grade(area, int(m.group("grade")), i + 1))
            continue
        m = _GRADE_ALONE.match(raw)
        prev = _previous_nonblank(lines, i)
        if m and prev is not None:
            area = clean(lines[prev]).strip("#*: ")
            if area and not area.endswith(".") and len(area.split()) <= _MAX_HEADING_WORDS:
                grades.append(_grade(area, int(m.group("grade")), prev + 1))
    return grades


def _grade(area: str, grade: int, line: int) -> Grade:
    return Grade(area=area, grade=grade, line=line, outcome=ecm.outcome_for(area))


def _previous_nonblank(lines: list[str], i: int) -> int | None:
    for j in range(i - 1, max(-1, i - 4), -1):
        if lines[j].strip():
            return j
    return None


def _descriptors(lines: list[str]) -> list[GradeDescriptor]:
    """The table that says what each grade means: grade, service descriptor, capacity word."""
    for i, raw in enumerate(lines[: _TOP_LINES * 2]):
        if _DESCRIPTOR_HEADER.search(raw):
            return _descriptor_rows(lines, i + 1)
    return []


def _descriptor_rows(lines: list[str], start: int) -> list[GradeDescriptor]:
    rows: list[GradeDescriptor] = []
    for i in range(start, len(lines)):
        raw = lines[i]
        if not raw.strip() or _is_rule(raw):
            if rows:
                break
            continue
        cells = _cells(raw)
        grade = _grade_value(cells[0]) if cells else None
        if grade is None or len(cells) < 2:
            break
        capacity = cells[2] if len(cells) > 2 else None
        rows.append(GradeDescriptor(grade=grade, service=cells[1], capacity=capacity, line=i + 1))
    return rows


# ---------------------------------------------------------------------------------------------
# The letter head: title, date, authority, addressee; the sign-off
# ---------------------------------------------------------------------------------------------

_APA = re.compile(r"annual\s+performance\s+assessment", re.IGNORECASE)
_MONTH_NAMES = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATES = (
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I
    ),
    re.compile(
        rf"\b{_MONTH}\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I
    ),
    re.compile(r"^\s*(?P<day>\d{1,2})[/.](?P<num>\d{1,2})[/.](?P<year>(?:19|20)\d\d)\s*$"),
)
_YEAR = re.compile(r"\b(20\d\d)\b")
_HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof(?:essor)?|Sir|Dame|Cllr|Councillor|Rev(?:erend)?)\.?"
_SALUTATION = re.compile(rf"^\s*Dear\s+(?:{_HONORIFIC}\s+)?(?P<name>.+?)\s*[,:]?\s*$")
_NAME_WORD = re.compile(r"^[A-Z][A-Za-z'’\-]+$")
_POST_NAMES = (
    r"director|manager|inspector|chief|head|executive|officer|commissioner|assistant|deputy|"
    r"lead|hmi|secretary|chair|president|controller"
)
_POST_WORDS = re.compile(rf"\b(?:{_POST_NAMES})\b", re.IGNORECASE)
_ORGANISATION = re.compile(
    r"Office\s+for\s+Standards\s+in\s+Education(?:,?\s+Children['’]?s\s+Services\s+and\s+Skills)?"
    r"|\bOfsted\b|Commission\s+for\s+Social\s+Care\s+Inspection|\bCSCI\b|Audit\s+Commission"
    r"|Healthcare\s+Commission|Her\s+Majesty['’]?s\s+Inspectorate[\w ]*",
    re.IGNORECASE,
)
_COUNCIL = re.compile(
    r"(?:(?:the\s+)?(?:London|Royal|Metropolitan)\s+Borough\s+of\s+[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*"
    r"|(?:[A-Z][\w'’\-]*\s+){1,4}(?:City|County|Borough|District|Metropolitan\s+Borough)?\s*Council"
    r"|City\s+of\s+[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*\s+Council)"
)
_SMALL_WORDS = {"of", "and", "the", "upon", "on", "in", "under", "by", "le", "with"}
_SIGN_OFF = re.compile(r"^\W*yours\s+(?:sincerely|faithfully|truly)\b", re.IGNORECASE)


def _iso_date(text: str) -> str | None:
    for rx in _DATES:
        m = rx.search(text)
        if not m:
            continue
        month = int(m.group("num")) if "num" in rx.groupindex else _month(m.group("month"))
        try:
            return date(int(m.group("year")), month, int(m.group("day"))).isoformat()
        except ValueError:
            continue
    return None


def _month(word: str) -> int:
    return _MONTH_NAMES.index(word.lower()[:3]) + 1


def _title(lines: list[str]) -> tuple[str | None, int | None]:
    """The title line(s) that name the assessment and the council, and the first line number."""
    for i, raw in enumerate(lines[:_TOP_LINES]):
        text = clean(raw)
        if _APA.search(text) and len(text.split()) <= 30 and not text.endswith("."):
            parts = [text]
            j = i + 1
            while j < len(lines) and lines[j].strip() and len(parts) < 3:
                nxt = clean(lines[j])
                if nxt.endswith(".") or len(nxt.split()) > 15:
                    break
                parts.append(nxt)
                j += 1
            return " ".join(parts), i + 1
    return None, None


def _authority_in_title(title: str) -> str | None:
    """The council the title names: "... IN <X> [2007]" or "... OF <X>'S ... SERVICES"."""
    tail = _APA.split(title, maxsplit=1)[-1]
    m = re.search(
        r"\b(?:in|for)\s+(?P<name>(?:(?!\bin\b).)+?)\s*(?:[-–,(]?\s*(?:19|20)\d\d\)?)?\W*$",
        tail,
        re.I,
    )
    if m is None:
        m = re.search(r"\bof\s+(?P<name>.+?)['’]s\s+\w", tail, re.IGNORECASE)
    if m is None:
        return None
    name = re.sub(r"^\s*the\s+", "", m.group("name"), flags=re.IGNORECASE).strip(" .,:;-–")
    name = re.sub(r"\s+(?:19|20)\d\d$", "", name)
    if not name or re.fullmatch(r"(?i)services?.*|children.*", name):
        return None
    return name


def _as_printed(name: str, text: str) -> str:
    """The council's name in the letter's own mixed case when it prints one, else title case."""
    if not name.isupper():
        return name
    rx = re.compile(r"\s+".join(re.escape(w) for w in name.split()), re.IGNORECASE)
    for m in rx.finditer(text):
        if not m.group(0).isupper():
            return squash(m.group(0))
    return _title_case(name)


def _title_case(name: str) -> str:
    words = []
    for i, word in enumerate(name.lower().split()):
        parts = word.split("-")
        parts = [
            p if (p in _SMALL_WORDS and (i or k)) else p[:1].upper() + p[1:]
            for k, p in enumerate(parts)
        ]
        words.append("-".join(parts))
    return " ".join(words)


def _person_name(name: str) -> str:
    """A person's name as written, with an all-capitals name put in ordinary case."""
    name = squash(name).strip(" ,.")
    if not name.isupper():
        return name
    out = []
    for word in name.lower().split():
        word = re.sub(r"(^mc|^|[-'’])(\w)", lambda m: m.group(1).title() + m.group(2).upper(), word)
        out.append(word)
    return " ".join(out)


def _addressee(lines: list[str], authority: str | None) -> Person | None:
    """The director the letter is addressed to: the address-block line that holds the name the
    salutation uses ("Dear Ms Jones"), or else the line that opens with an honorific."""
    salutation = next(
        (
            (i, m)
            for i, raw in enumerate(lines[:_TOP_LINES])
            if (m := _SALUTATION.match(clean(raw)))
        ),
        None,
    )
    if salutation is None:
        return None
    at, m = salutation
    greeting = clean(m.group("name"))
    block = [j for j in range(max(0, at - 15), at) if lines[j].strip()]
    name_rx = _named(greeting.split()[-1])
    if _POST_WORDS.search(greeting) or greeting.lower() in _GENERIC_GREETINGS:
        name_rx = _HONORIFIC_LED
    for j in block:
        found = re.search(name_rx, clean(lines[j]))
        if found:
            return _person_from_address(lines, j, found, authority)
    return Person(name=greeting, line=at + 1)


_GENERIC_GREETINGS = frozenset(
    {"colleague", "colleagues", "sir", "madam", "sir/madam", "sir or madam"}
)
# Failing a usable salutation: the capitalised words after an honorific that opens a line.
_HONORIFIC_LED = (
    rf"^{_HONORIFIC}\s+(?P<name>[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){{0,2}}?)"
    rf"(?=\s+(?i:{_POST_NAMES}|corporate|strategic|interim|acting)\b|\s*$)"
)


def _named(surname: str) -> str:
    """The addressee's name in the address block: given names, then the salutation's surname."""
    return rf"(?:{_HONORIFIC}\s+)?(?P<name>(?:[A-Z][\w'’.\-]*\s+){{0,3}}{re.escape(surname)})\b"


def _person_from_address(
    lines: list[str], j: int, found: re.Match[str], authority: str | None
) -> Person:
    """The person whose name `found` matched on line j, with the post and council after it."""
    line = clean(lines[j])
    rest = line[found.end() :].strip(" ,")
    if not rest:  # the post and the council on the lines below
        below = [clean(x) for x in lines[j + 1 : j + 4] if x.strip()]
        rest = " ".join(below[:2])
    post, organisation = _split_post(rest, authority)
    name = _person_name(found.group("name"))
    return Person(name=name, post=post, organisation=organisation, line=j + 1)


_POST_END = re.compile(
    r"\b(?:Services|Service|Officer|Education|Learning|Families|Director|Manager|Executive)\b\s*"
)


def _split_post(rest: str, authority: str | None) -> tuple[str | None, str | None]:
    """Split "Director of Children's Services <Council> <street> ..." into post and council."""
    m = None
    if authority:
        rx = r"\s+".join(re.escape(w) for w in authority.split())
        m = re.search(rf"(?:the\s+)?{rx}", rest, re.IGNORECASE)
    if m is None:
        m = _COUNCIL.search(rest)
        # the capitalised run may have taken in the end of the post: "... Children's Services"
        ends = list(_POST_END.finditer(m.group(0))) if m else []
        if m is not None and ends:
            start = m.start() + ends[-1].end()
            return rest[:start].strip(" ,") or None, rest[start : m.end()].strip(" ,") or None
    if m is None:
        return (rest.strip(" ,") or None), None
    return rest[: m.start()].strip(" ,") or None, squash(m.group(0)).strip(" ,")


def _signatories(lines: list[str]) -> list[Person]:
    """Signatories after "Yours sincerely": a name line, then a post line naming the body.

    A scrawled signature ("F.Hadny") or a stray phrase is neither a name nor a post and is
    skipped; a name in capitals is put in ordinary case.
    """
    start = max((i for i, raw in enumerate(lines) if _SIGN_OFF.match(raw)), default=None)
    if start is None:
        return []
    people: list[Person] = []
    pending: tuple[str, int] | None = None
    for i in range(start + 1, len(lines)):
        text = clean(lines[i])
        if not text:
            continue
        combined = re.match(
            r"^(?P<name>[A-Z][A-Z'’\-]+(?:\s+[A-Z][A-Z'’\-]+){1,3})\s+(?P<role>.*[a-z].*)$", text
        )
        if combined and _POST_WORDS.search(combined.group("role")):
            people.append(_signatory(combined.group("name"), combined.group("role"), i + 1))
            pending = None
        elif _is_name(text):
            pending = (text, i + 1)
        elif pending and (_POST_WORDS.search(text) or _ORGANISATION.search(text)):
            people.append(_signatory(pending[0], text, pending[1]))
            pending = None
        elif (
            people and people[-1].organisation is None and _ORGANISATION.fullmatch(text.strip(" ,"))
        ):
            people[-1].organisation = text.strip(" ,")
    return people


def _is_name(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= 4
        and all(_NAME_WORD.match(w) for w in words)
        and not _POST_WORDS.search(text)
        and not _ORGANISATION.search(text)
    )


def _signatory(name: str, role: str, line: int) -> Person:
    m = _ORGANISATION.search(role)
    if m is None:
        return Person(name=_person_name(name), post=role.strip(" ,") or None, line=line)
    post = (role[: m.start()] + " " + role[m.end() :]).strip(" ,-–")
    return Person(
        name=_person_name(name), post=squash(post) or None, organisation=m.group(0), line=line
    )


# ---------------------------------------------------------------------------------------------
# Key strengths and areas for improvement
# ---------------------------------------------------------------------------------------------

_STRENGTHS_HEADER = re.compile(
    r"^\W*(?:key|major|main)\s+strengths\b|^\W*strengths\s*(?:\t|\||\s{2,}|$)", re.I
)
_WEAKNESS_HEADER = re.compile(
    r"^\W*(?:key\s+|important\s+|main\s+)?(?:areas?\s+for\s+(?:improvement|development)|weaknesses)\b",
    re.I,
)
_FOCUS_HEADER = re.compile(
    r"^\W*(?:aspects|areas|issues)\s+for\s+(?:focus|(?:further\s+)?exploration)\b", re.IGNORECASE
)
_NONE = re.compile(
    r"^\W*(?:none|nil|n/?a|no\s+(?:key\s+)?(?:areas?|strengths?|weaknesses?)\b.*"
    r"|none\s+(?:identified|noted|found|at\s+(?:this|the\s+present|present)\s+time)\b.*)\W*$",
    re.I,
)


def _combined_table_start(lines: list[str]) -> int | None:
    """Index of the header of the one table of strengths and areas for all outcomes.

    A strengths header counts only if rows that start with an outcome label follow it; a header
    with plain bullets under it belongs to one section (later letters).
    """
    for i, raw in enumerate(lines):
        if not _is_strengths_header(raw):
            continue
        following = [x for x in lines[i + 1 : i + 12] if x.strip()][:6]
        if any(_row_label(x) for x in following):
            return i
    return None


def _row_label(raw: str) -> bool:
    cells = _cells(_unbullet(raw))
    return bool(cells) and ecm.split_label(cells[0]) is not None and not _heading(raw)


@dataclass
class _Cell:
    """One cell of a strengths table as read so far, with its column and outcome."""

    polarity: str
    outcome: str | None
    line: int
    parts: list[str] = field(default_factory=list)


def _strength_rows(
    lines: list[str], start: int, end: int, default_outcome: str | None
) -> tuple[list[Statement], list[Statement]]:
    """Read a strengths / areas table between start and end into statements.

    Rows hold a strengths cell and an areas cell; a one-cell row belongs to the column its
    position or the last one-cell header ("Key areas for improvement") says.
    """
    cells: list[_Cell] = []
    last: dict[str, _Cell] = {}
    column = "strength"
    for i in range(start, end):
        raw = lines[i]
        if not raw.strip() or _is_rule(raw):
            continue
        row = _row_cells(raw)
        header = _header_column(row)
        if header is not None:
            column = header
        else:
            _add_row(row, i + 1, column, default_outcome, cells, last)
    return _statements(cells)


def _row_cells(raw: str) -> list[str]:
    """Cells of a strengths row by position: an empty first cell means a right-column entry."""
    row = raw.rstrip().replace("\u2022\t", "\u2022 ")
    if "\t" in row or "|" in row:
        if row.lstrip().startswith("|"):
            row = row.strip().strip("|")
        parts = re.split(r"[ \u00a0]*(?:\t|\|)[ \u00a0]*", row)
    else:
        parts = _WIDE_SPACE.split(row.strip())
    cells = [squash(strip_markup(_SUPERSCRIPT.sub("", p))) for p in parts]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _header_column(row: list[str]) -> str | None:
    """None for a row of items; for a header row, the column that one-cell rows now fill."""
    filled = [c for c in row if c]
    if not filled or any(len(c.split()) > 12 or ecm.split_label(c) for c in filled):
        return None
    if not all(_STRENGTHS_HEADER.match(c) or _WEAKNESS_HEADER.match(c) for c in filled):
        return None
    only_areas = len(filled) == 1 and not _STRENGTHS_HEADER.match(filled[0])
    return "weakness" if only_areas else "strength"


def _add_row(
    row: list[str],
    line: int,
    column: str,
    default_outcome: str | None,
    cells: list[_Cell],
    last: dict[str, _Cell],
) -> None:
    """Add one row: two cells are strength and area; one cell goes by position, column or label."""
    filled = [c for c in row if c]
    if len(filled) >= 3 and ecm.outcome_for(filled[0]) and ecm.split_label(filled[1]) is None:
        filled = [f"{filled[0]}: {filled[1]}", f"{filled[0]}: {' '.join(filled[2:])}"]
    filled = _split_run_on_row(filled)
    labelled = [ecm.split_label(_unbullet(c)) for c in filled]
    row_label = next((label[0] for label in labelled if label), None)
    if len(filled) > 1:
        targets = ["strength"] + ["weakness"] * (len(filled) - 1)
    elif row[0] == "":
        targets = ["weakness"]
    elif labelled[0] and column == "strength" and _has_cell(cells, "strength", labelled[0][0]):
        targets = ["weakness"]  # the areas column printed below the strengths column
    else:
        targets = [column]
    for text, label, polarity in zip(filled, labelled, targets, strict=True):
        if label is not None:
            cell = _Cell(polarity, label[0], line, parts=[label[2]])
        elif polarity in last and _continues_cell(text, row_label, default_outcome):
            last[polarity].parts.append(text)
            continue
        else:
            cell = _Cell(polarity, row_label or default_outcome, line, parts=[text])
        cells.append(cell)
        last[polarity] = cell


def _continues_cell(text: str, row_label: str | None, default_outcome: str | None) -> bool:
    """Whether an unlabelled cell carries on the cell above: in the one table of all outcomes,
    a row without labels was broken by a page end; in a section's list, a line without a bullet
    is a wrapped bullet."""
    if default_outcome is None:
        return row_label is None
    return not _is_bullet(text)


def _has_cell(cells: list[_Cell], polarity: str, outcome: str) -> bool:
    return any(c.polarity == polarity and c.outcome == outcome for c in cells)


def _split_run_on_row(row: list[str]) -> list[str]:
    """A row whose separator was lost: split where the same outcome label starts again."""
    if len(row) != 1:
        return row
    label = ecm.split_label(row[0])
    if label is None:
        return row
    rx = re.compile(rf"(?<=[.\s])\s*(?={re.escape(label[1])}\b)", re.IGNORECASE)
    for m in rx.finditer(row[0]):
        if m.start() > len(label[1]):
            return [row[0][: m.start()].strip(), row[0][m.end() :].strip()]
    return row


def _statements(cells: list[_Cell]) -> tuple[list[Statement], list[Statement]]:
    strengths: list[Statement] = []
    areas: list[Statement] = []
    for cell in cells:
        target = strengths if cell.polarity == "strength" else areas
        for item in split_items("\n".join(cell.parts)):
            target.append(
                Statement(text=item, line=cell.line, polarity=cell.polarity, outcome=cell.outcome)
            )
    return strengths, areas


# ---------------------------------------------------------------------------------------------
# The cell splitter
# ---------------------------------------------------------------------------------------------

# Words after which a noun phrase cannot end, so no new item can start after them.
_NP_BLOCKERS = frozenset(
    """of in for to with on at by from through within into across between among amongst about
    under over after before towards toward against including via per without during beyond upon
    around throughout like than as such the a an its their his her our your this that these those
    all some any no each every both either neither other another most many much few several
    and or but nor and/or whilst while although though which who whose where when whether is are
    was were be been being has have had will would can could should may might must do does did
    not very so too well also still particularly only just even one two three four five six
    seven eight nine ten""".split()
)
# Evaluative adjectives, participles and quantifiers that open an item ("good promotion of ...").
_STARTERS = frozenset(
    """good very effective high higher low lower strong stronger clear clearer improved improving
    reduced reducing increased increasing sustained continued continuing consistent weak weaker
    more comprehensive challenging robust rigorous excellent outstanding successful better poor
    poorer limited insufficient inconsistent slow rising falling declining innovative timely
    positive secure significant considerable greater fewer less lack too wide extensive thorough
    coherent prompt proactive exemplary inadequate unsatisfactory satisfactory adequate variable
    raising ensuring developing strengthening extending maintaining promoting securing tackling
    addressing embedding the a an all""".split()
)
# Topic nouns that often open an item ("attainment at Key Stages 1 and 2"); weaker evidence, so
# they start an item only after a word that surely ends a noun phrase.
_TOPICS = frozenset(
    """access achievement attainment attendance availability capacity commitment consultation
    delivery duration engagement identification implementation involvement leadership outcomes
    participation partnership partnerships performance progress promotion provision quality
    recruitment standards support take-up timeliness transition use""".split()
)
_NOT_ADVERBS = frozenset("family supply assembly anomaly early july italy".split())
_NOT_PLURALS = frozenset(
    """various previous serious numerous across always perhaps thus plus whereas its has was this
    his yes does goes less unless towards afterwards""".split()
)
_IRREGULAR_PLURALS = frozenset("children people men women staff".split())
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,}s?$")
_CLAUSE_END = re.compile(r"(?<=[.;])\s+(?=\S)")


def split_items(cell: str) -> list[str]:
    """Split a table cell whose bullets were lost into its items, words verbatim and in order.

    Bullets, full stops and semicolons are hard boundaries. Within a run, an item starts at an
    evaluative word, a determiner or an acronym ("... in child protection low rate of ...") or
    at a topic noun ("... early years attainment at ...") - but only where the previous word can
    end a noun phrase: never after a preposition, determiner, conjunction, adverb, possessive,
    comma or another starter. A line break is a boundary where the next line opens an item.
    "none identified" means no items. Only a final full stop is stripped.
    """
    cell = cell.strip()
    if not cell or _NONE.match(cell):
        return []
    if _BULLET_CHARS.search(cell) or any(_is_bullet(x) for x in cell.split("\n")):
        pieces = [_unbullet(p) for p in re.split(r"\s*[•·▪◦]\s*|\n(?=\s*[-–*o•]\s)", cell)]
        return [item for item in (_finish(p) for p in pieces) if item and not _NONE.match(item)]
    items: list[str] = []
    for chunk in _CLAUSE_END.split(cell):
        items.extend(_split_run(chunk))
    return [item for item in (_finish(x) for x in items) if item]


def _finish(item: str) -> str:
    item = squash(item)
    return item[:-1].rstrip() if item.endswith(".") else item


def _split_run(chunk: str) -> list[str]:
    """Split one run of words at the item starts `split_items` describes."""
    tokens = _tokens(chunk)
    items: list[list[str]] = [[]]
    for i, (word, after_break) in enumerate(tokens):
        current = items[-1]
        if current and i + 1 < len(tokens) and _starts_item(tokens, i, len(current), after_break):
            items.append([])
        items[-1].append(word)
    return [" ".join(words) for words in items if words]


def _tokens(chunk: str) -> list[tuple[str, bool]]:
    """Words of a chunk, each marked with whether a line break came before it."""
    tokens: list[tuple[str, bool]] = []
    for n, line in enumerate(chunk.split("\n")):
        for k, word in enumerate(line.split()):
            tokens.append((word, n > 0 and k == 0))
    return tokens


def _starts_item(tokens: list[tuple[str, bool]], i: int, item_len: int, after_break: bool) -> bool:
    word = tokens[i][0]
    prev = tokens[i - 1][0]
    before = tokens[i - 2][0] if i >= 2 else None
    if not _can_end_np(prev, before):
        return False
    kind = _starter_kind(word)
    if after_break and (kind or word[:1].isupper()):
        return True
    if item_len < 2:
        return False
    if kind == "strong":
        return True
    return kind == "topic" and _surely_ends_np(prev, before)


def _starter_kind(word: str) -> str | None:
    """ "strong" for evaluative words, determiners and acronyms, "topic" for topic nouns."""
    if word.startswith("("):
        return None
    bare = word.strip(",;:.\"'’").lower()
    head = bare.split("-")[0]
    if bare in _STARTERS or (head in _STARTERS and "-" in bare and head not in {"the", "a", "an"}):
        return "strong"
    if bare.startswith("well-"):
        return "strong"
    if _ACRONYM.match(word.strip(",;:.\"'’")):
        return "strong"
    if bare in _TOPICS:
        return "topic"
    return None


def _can_end_np(word: str, before: str | None) -> bool:
    """Whether a noun phrase can end with `word` (so an item may end there)."""
    if word.endswith((",", ";", ":", "-", "/", "(")):
        return False
    bare = word.strip("\"'’()").lower()
    if bare in _NP_BLOCKERS or bare.endswith(("'s", "’s", "s'", "s’")):
        return False
    if bare.endswith("ly") and bare not in _NOT_ADVERBS:
        return False
    if before is not None and before.lower() == "to":  # "to cover", "to improve": a verb
        return False
    return _starter_kind(word) != "strong" or bool(_ACRONYM.match(word.strip(",;:.\"'’")))


def _surely_ends_np(word: str, before: str | None) -> bool:
    """Stronger evidence for a topic noun: a plural, a number, an -ity noun or a gerund noun."""
    bare = word.strip("\"'’()").lower()
    if _starter_kind(word) is not None:
        return False
    if word.endswith(")"):  # "(NEET)", "(CAMHS)": an acronym spelt out closes a noun phrase
        return True
    if any(ch.isdigit() for ch in bare) or bare in _IRREGULAR_PLURALS or bare.endswith("ity"):
        return True
    if bare.endswith("ing"):
        return before is not None and _can_end_np(before, None) and _starter_kind(before) is None
    return (
        len(bare) > 3
        and bare.endswith("s")
        and not bare.endswith(("ss", "us", "is"))
        and bare not in _NOT_PLURALS
    )


# ---------------------------------------------------------------------------------------------
# Outcome sections, judgements, references
# ---------------------------------------------------------------------------------------------


@dataclass
class _Section:
    """An outcome section as read: its paragraphs and any strengths listed inside it."""

    outcome: str
    heading: str
    line: int
    grade: int | None = None
    paras: list[_Para] = field(default_factory=list)
    table: tuple[int, int] | None = None  # first and last line of strengths listed inside it


def _sections(lines: list[str], end: int) -> list[_Section]:
    """Outcome sections from the first outcome heading up to `end` (the strengths table).

    A section runs until the next outcome heading; paragraphs split by page breaks are joined.
    """
    sections: list[_Section] = []
    for para in _paragraphs(lines, 0, end):
        head = _heading(para.parts[0][1])
        if head is not None:
            sections.append(
                _Section(outcome=head[0], heading=head[1], line=para.line, grade=head[2])
            )
            para = _Para(para.parts[1:])  # a "Grade 3" line or text run on below the heading
        if sections and para.parts:
            _add_to_section(sections[-1], para)
    return sections


def _add_to_section(section: _Section, para: _Para) -> None:
    grade = _GRADE_ALONE.match(para.text)
    if grade and not section.paras and section.table is None:
        section.grade = section.grade or int(grade.group("grade"))
    elif section.table is not None or _is_strengths_header(para.parts[0][1]):
        first = section.table[0] if section.table else para.line
        section.table = (first, para.last_line)
    else:
        section.paras.append(para)


def _is_strengths_header(raw: str) -> bool:
    """A strengths table header line, not prose that happens to open with "Key strengths"."""
    return len(raw.split()) <= 12 and bool(_STRENGTHS_HEADER.match(clean(raw)))


def _section_text(section: _Section) -> str:
    blocks = []
    for para in section.paras:
        if para.is_list:
            blocks.append("\n".join(clean(raw) for _, raw in para.parts))
        else:
            blocks.append(para.text)
    return "\n\n".join(blocks)


_ABBREVIATIONS = frozenset("e.g i.e etc mr mrs ms dr st no nos vs approx cf para paras fig".split())
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[A-Z0-9\"'‘“(])")


def _sentences(para: _Para) -> Iterator[tuple[int, str]]:
    """(line, sentence) pairs of a prose paragraph; the line is where the sentence starts."""
    text = ""
    starts: list[tuple[int, int]] = []
    for line, raw in para.parts:
        piece = clean(raw)
        if not piece:
            continue
        if text:
            text += " "
        starts.append((len(text), line))
        text += piece
    begin = 0
    for m in _SENTENCE_END.finditer(text):
        word = text[begin : m.start()].split()[-1] if text[begin : m.start()].split() else ""
        bare = word.rstrip(".").lower()
        if bare in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", word.rstrip(".")):
            continue
        yield _line_at(starts, begin), text[begin : m.start()].strip()
        begin = m.end()
    if text[begin:].strip():
        yield _line_at(starts, begin), text[begin:].strip()


def _line_at(starts: list[tuple[int, int]], offset: int) -> int:
    line = starts[0][1]
    for at, n in starts:
        if at <= offset:
            line = n
    return line


# Grade words and phrases a judgement may use, mapped to the controlled value kept.
GRADE_WORDS: dict[str, str] = {
    "outstanding": "outstanding",
    "excellent": "excellent",
    "very good": "very good",
    "good": "good",
    "satisfactory": "satisfactory",
    "unsatisfactory": "unsatisfactory",
    "adequate": "adequate",
    "inadequate": "inadequate",
    "very poor": "poor",
    "poor": "poor",
    "strong": "strong",
    "weak": "weak",
    "ineffective": "ineffective",
    "effective": "effective",
    "unsuccessful": "unsuccessful",
    "successful": "successful",
    "well above": "well above",
    "well below": "well below",
    "above": "above",
    "below": "below",
    "broadly in line with": "in line with",
    "in line with": "in line with",
    "close to": "in line with",
    "similar to": "in line with",
    "high": "high",
    "low": "low",
    "improved": "improved",
    "improving": "improved",
    "declined": "declined",
    "declining": "declined",
    "deteriorated": "declined",
    "well established": "well established",
    "well developed": "well developed",
    "well managed": "well managed",
    "well coordinated": "well coordinated",
    "well co-ordinated": "well coordinated",
    "well embedded": "well embedded",
    "well led": "well led",
    "well planned": "well planned",
    "well organised": "well organised",
    "well targeted": "well targeted",
    "strength": "strength",
    "weakness": "weakness",
    "concern": "concern",
    "variable": "variable",
    "inconsistent": "inconsistent",
}
_POSITIVE = (
    frozenset(
        """outstanding excellent good strong effective successful improved strength""".split()
    )
    | {"very good"}
    | {
        g
        for g in GRADE_WORDS.values()
        if g.startswith("well ") and g not in ("well above", "well below")
    }
)
_NEGATIVE = frozenset(
    """inadequate unsatisfactory poor weak ineffective unsuccessful declined weakness concern
    variable inconsistent""".split()
)
_UP = frozenset({"above", "well above", "high"})
_DOWN = frozenset({"below", "well below", "low"})
# Grades that describe a thing someone has or gives ("a strong commitment"), not a comparison.
_QUALITY = _POSITIVE | _NEGATIVE | {"satisfactory", "adequate", "high", "low"}


def _phrase_rx(phrases: Iterable[str]) -> str:
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(
        r"\s+".join(re.escape(w) for w in p.split()).replace(r"\-", r"[\s-]?") for p in ordered
    )


_GRADE_RX = _phrase_rx(GRADE_WORDS)
_ADVERB = (
    r"(?:now|still|also|generally|consistently|very(?!\s+good\b)|particularly|especially|highly|"
    r"significantly|substantially|considerably|markedly|just|comparatively|relatively|broadly|"
    r"mostly|largely|overall|currently|increasingly|already|often|usually|slightly|much|far|"
    r"sufficiently|at\s+least|remarkably|notably|exceptionally|particular|relative|key|major|"
    r"cause\s+for|cause\s+of|area\s+of)"
)
_CHANGE_TO = r"(?:(?:risen|fallen|increased|decreased|reduced|dropped|moved|improved)\s+to\s+)"
_PREDICATE = re.compile(
    rf"^(?:{_ADVERB}\s+){{0,3}}{_CHANGE_TO}?(?:{_ADVERB}\s+){{0,2}}(?:at\s+)?(?:(?:a|an)\s+)?"
    rf"(?:{_ADVERB}\s+){{0,2}}(?P<grade>{_GRADE_RX})(?![\w-])",
    re.IGNORECASE,
)
_VERB = re.compile(
    r"\b(?P<verb>has\s+been|have\s+been|had\s+been|continues\s+to\s+be|continue\s+to\s+be|"
    r"is|are|was|were|remains|remain|remained|has|have|makes|make|provides|provide|offers|offer|"
    r"shows|show|gives|give|demonstrates|demonstrate)\b",
    re.IGNORECASE,
)
_TRANSITIVE = frozenset(
    """has have makes make provides provide offers offer shows show gives give demonstrates
    demonstrate""".split()
)
_PERFECT = re.compile(  # "has risen to", "have significantly improved": not possession
    rf"^(?:{_ADVERB}\s+){{0,3}}(?:risen|fallen|increased|decreased|reduced|dropped|moved|improved|"
    r"declined|deteriorated)\b",
    re.IGNORECASE,
)
_AND_CLAUSE = re.compile(
    r"\band\s+(?:is|are|remains?|has\s+been|have\s+been|was|were)\s+", re.IGNORECASE
)
_CLAUSE_BREAK = re.compile(
    r",|;|:|\s(?:but|although|though|whilst|while|which|whereas|however|despite|except)\b",
    re.IGNORECASE,
)
_AUX = frozenset("is are was were has have had will would can could should must been".split())
_FINITE = frozenset(
    """exists exist continues ensures includes shows demonstrates requires needs operates works
    takes receives leads sets helps allows enables means indicates suggests reflects
    undertakes""".split()
)
_RELATIVE = frozenset("who which that whom whose".split())
_BAD_SUBJECT_START = frozenset(
    """it this that these those they there he she we which who one although though whilst while
    if when as because since following despite where unless until whereas at in from for by on
    to between with without during after before further""".split()
)
_LEAD = re.compile(
    r"^(?:however|overall(?=,)|in\s+addition|additionally|furthermore|moreover|consequently|"
    r"as\s+a\s+result|in\s+particular|importantly|similarly|currently|nevertheless|at\s+present|"
    r"for\s+example|for\s+instance|also|in\s+general|indeed|therefore|in\s+contrast)\s*,?\s+",
    re.IGNORECASE,
)
_LEAD_PHRASE = re.compile(
    r"^(?:at|in|from|for|by|over|since|within|across|during|between|throughout|following|"
    r"compared\s+with|despite|working|through|with|after|as)\b[^,]{1,80},\s+",
    re.IGNORECASE,
)
_THERE = re.compile(
    rf"^there\s+(?:is|are|was|were|has\s+been|have\s+been|remains|continues\s+to\s+be)\s+"
    rf"(?:(?:a|an)\s+)?(?:{_ADVERB}\s+){{0,2}}"
    r"(?P<grade>(?:significant|considerable|good|marked|substantial|some|further|clear|continued)"
    r"\s+improvements?|outstanding|excellent|very\s+good|good|strong|effective|improved|improving|"
    r"successful|weak|poor|inadequate|unsatisfactory|ineffective)\s+(?P<np>.+)$",
    re.IGNORECASE,
)
_INVERTED = re.compile(
    rf"^(?:particularly|especially|very|highly|most|equally)\s+(?P<grade>{_GRADE_RX})\s+"
    r"(?:is|are|was|were|has\s+been|have\s+been)\s+(?P<np>.+)$",
    re.IGNORECASE,
)
_ATTRIBUTIVE = re.compile(
    r"^(?P<grade>very\s+good|good|excellent|outstanding|strong|effective|poor|weak|inadequate|"
    r"unsatisfactory)\s+\w",
    re.IGNORECASE,
)
_NEGATIVE_MARK = re.compile(
    r"area\s+for\s+(?:further\s+)?(?:improvement|development)|\ba\s+concern\b|\bweakness|"
    r"too\s+(?:high|low|many|few|slow)|not\s+(?:yet\s+)?(?:been\s+)?met|requires?\s+improvement",
    re.IGNORECASE,
)
# Measures where less is better; for these "below" and "low" are praise.
_LOWER_BETTER = re.compile(
    r"absence|exclu|conception|pregnanc|offend|offence|re-?registration|duration|truan|bullying|"
    r"obes|smok|\bneet\b|not\s+in\s+education|delay|vacanc|misuse|re-?referral|repeat\s+referral|"
    r"homeless|accident|injur|death|waiting|drift",
    re.IGNORECASE,
)
_HIGHER_BETTER = re.compile(
    r"attain|achiev|result|progress|attendance|adoption|stability|participation|immunis|take[-\s]?up|"
    r"performance|standard|in\s+education(?:,|\s+or|\s+and)?\s+(?:employment|training)|"
    r"suitable\s+accommodation|"
    r"timeliness|satisfaction",
    re.IGNORECASE,
)


def _judgements(section: _Section) -> list[Judgement]:
    found: list[Judgement] = []
    for para in section.paras:
        if para.is_list:
            continue
        for line, sentence in _sentences(para):
            judgement = _judgement(sentence, line, section)
            if judgement is not None:
                found.append(judgement)
    return found


def _judgement(sentence: str, line: int, section: _Section) -> Judgement | None:
    """A judgement if the sentence grades something; None for a sentence of plain fact."""
    body = _strip_lead(sentence.rstrip(".!? "))
    found = _there_clause(body) or _inverted_clause(body) or _main_clause(body)
    if found is None:
        return None
    grade, subject = found
    return Judgement(
        quote=sentence,
        line=line,
        grade=grade,
        subject=subject,
        section=section.heading,
        outcome=section.outcome,
        polarity=_polarity(grade, subject, sentence),
    )


def _strip_lead(body: str) -> str:
    """Drop a leading "However," or an adverbial phrase ("At Key Stage 3, ") before the subject."""
    for _ in range(3):
        stripped = _LEAD.sub("", body, count=1)
        stripped = _LEAD_PHRASE.sub("", stripped, count=1)
        if stripped == body:
            break
        body = stripped
    return body


def _there_clause(body: str) -> tuple[str, str] | None:
    """ "There is good progress on ..." grades what follows the grade word."""
    m = _THERE.match(body)
    if m is None:
        return None
    phrase = squash(m.group("grade").lower())
    np = _cut_np(m.group("np"))
    if "improvement" in phrase:
        grade = "improved"
        np = re.sub(r"^(?:in|to|of|on)\s+", "", np)
    else:
        grade = _normal_grade(phrase)
    return (grade, np) if np else None


def _inverted_clause(body: str) -> tuple[str, str] | None:
    """ "Particularly effective is the programme of ..." grades the phrase after the verb."""
    m = _INVERTED.match(body)
    if m is None:
        return None
    return _normal_grade(m.group("grade")), _cut_np(m.group("np"))


def _main_clause(body: str) -> tuple[str, str] | None:
    """ "<subject> is/remains/has ... <grade>": the grade must open the predicate."""
    for m in _VERB.finditer(body):
        before = body[: m.start()].split()
        if not before:
            return None
        if before[-1].lower() in _RELATIVE:
            continue
        subject = " ".join(before)
        if not _valid_subject(subject):
            return None
        return _predicate(subject, m.group("verb").lower(), _clause(body[m.end() :].strip()))
    return None


def _predicate(subject: str, verb: str, predicate: str) -> tuple[str, str] | None:
    """The grade that opens the predicate, with what it grades: the subject, or the object of
    "has/makes/provides a <grade> <noun>"."""
    transitive = verb in _TRANSITIVE and not (verb in ("has", "have") and _PERFECT.match(predicate))
    m = _PREDICATE.match(predicate)
    if m is not None:
        grade = _normal_grade(m.group("grade"))
        if not transitive:
            return grade, subject
        if grade in _QUALITY:
            np = _cut_np(predicate[m.end() :])
            return grade, np or subject
    more = _AND_CLAUSE.search(predicate)
    if more is not None and not transitive:
        m = _PREDICATE.match(predicate[more.end() :])
        if m is not None:
            return _normal_grade(m.group("grade")), subject
    attributive = _ATTRIBUTIVE.match(subject)
    if attributive is not None and not transitive:
        return _normal_grade(attributive.group("grade")), subject
    return None


def _normal_grade(phrase: str) -> str:
    key = squash(phrase.lower())
    return GRADE_WORDS.get(key) or GRADE_WORDS.get(key.replace("-", " ")) or key


def _valid_subject(subject: str) -> bool:
    """A subject is a noun phrase: no pronoun, no subordinate clause, no verb of its own."""
    words = [w.strip(",;:()").lower() for w in subject.split()]
    if not words or len(words) > 25 or words[0] in _BAD_SUBJECT_START or ";" in subject:
        return False
    for k, word in enumerate(words):
        if word in _AUX or word in _FINITE:
            if not any(w in _RELATIVE for w in words[max(0, k - 3) : k]):
                return False
    return True


def _clause(text: str) -> str:
    m = _CLAUSE_BREAK.search(text)
    return text[: m.start()] if m else text


_NP_END = re.compile(
    r"\s+and\s+(?=(?:\w+\s+){0,3}(?:is|are|was|were|has|have|will|remain|remains)\b)"
    r"|\s+and\s+(?=(?:ensures?|provides?|makes?|helps?|enables?|includes?|offers?|works?|"
    r"continues?|supports?|has|have|is|are)\b)",
    re.IGNORECASE,
)


def _cut_np(text: str) -> str:
    """The noun phrase that opens `text`: up to a clause break or an "and" that starts a clause."""
    np = _clause(text)
    m = _NP_END.search(np)
    if m:
        np = np[: m.start()]
    return np.strip().rstrip(".")


def _polarity(grade: str, subject: str, sentence: str) -> str | None:
    """Positive or negative as the grade says; for "below"/"low" it depends on the measure."""
    if grade in _POSITIVE:
        return "positive"
    if grade in _NEGATIVE:
        return "negative"
    if grade in _UP or grade in _DOWN:
        lower_better = bool(_LOWER_BETTER.search(subject))
        if lower_better or _HIGHER_BETTER.search(subject):
            return "positive" if (grade in _DOWN) == lower_better else "negative"
    if _NEGATIVE_MARK.search(sentence):
        return "negative"
    return None


_PREVIOUS = re.compile(
    r"\b(?:last\s+year['’]?s?|previous(?:\s+year['’]s)?|last|prior|earlier|(?P<year>(?:19|20)\d\d))\s+"
    r"(?:APA|annual\s+performance\s+assessment|inspection|joint\s+area\s+review|JAR)\b",
    re.IGNORECASE,
)
_ADDRESSED = re.compile(
    r"\b(?:addressed|tackled|acted\s+(?:up)?on|resolved|responded|made\s+(?:good\s+|significant\s+|"
    r"some\s+)?(?:progress|improvements?)|improvements?\s+(?:in|on)|(?:have|has)\s+been\s+met)\b",
    re.IGNORECASE,
)
_NOT_ADDRESSED = re.compile(
    r"\bnot\s+(?:yet\s+)?(?:been\s+)?(?:fully\s+)?(?:addressed|tackled|met|resolved)\b",
    re.IGNORECASE,
)


def _references(paras: Iterable[_Para], year: int | None) -> list[Reference]:
    """Sentences that speak of the previous APA or inspection and what became of its issues."""
    refs: list[Reference] = []
    for para in paras:
        if para.is_list:
            continue
        for line, sentence in _sentences(para):
            m = next((m for m in _PREVIOUS.finditer(sentence) if _earlier(m, year)), None)
            if m is None:
                continue
            if _NOT_ADDRESSED.search(sentence):
                kind = "recommendations_not_met"
            elif _ADDRESSED.search(sentence):
                kind = "recommendations_addressed"
            else:
                kind = "previous_inspection"
            when = m.group("year") or (
                str(year - 1) if year and "year" in m.group(0).lower() else None
            )
            refs.append(Reference(quote=sentence, line=line, kind=kind, date=when))
    return refs


def _earlier(m: re.Match[str], year: int | None) -> bool:
    """Whether a mention is of an earlier assessment, not this year's ("the 2006 APA")."""
    return not (m.group("year") and year and int(m.group("year")) >= year)


def _focus(lines: list[str], start: int, end: int) -> list[Statement]:
    """The list under "Aspects for focus ...": one statement per bullet.

    A bullet's wrapped line joins it; a list that lost its bullets has one item per line. The
    list ends at the first paragraph of prose.
    """
    items: list[Statement] = []
    bulleted = False
    blank = False
    for i in range(start + 1, end):
        raw = lines[i]
        if not raw.strip():
            blank = True
            continue
        text = clean(_unbullet(raw))
        if _is_bullet(raw):
            bulleted = True
            items.append(_focus_item(text, i + 1))
        elif bulleted and not blank:
            items[-1].text = _finish(f"{items[-1].text} {text}")
        elif not bulleted and len(text.split()) <= _MAX_HEADING_WORDS and not text.endswith(":"):
            items.append(_focus_item(text, i + 1))
        elif items or bulleted:
            break
        blank = False
    return [item for item in items if item.text]


def _focus_item(text: str, line: int) -> Statement:
    label = ecm.split_label(text)
    outcome = None
    if label is not None and ":" in text.split(label[1], 1)[-1][:2]:
        outcome, text = label[0], label[2]
    return Statement(text=_finish(text), line=line, polarity="focus", outcome=outcome)


def _overview(lines: list[str], start: int, end: int) -> str | None:
    """The overall summary: prose between the grade tables and the first outcome section."""
    paras = [
        p.text
        for p in _paragraphs(lines, start, end)
        if len(p.text.split()) > 12 and "\t" not in "".join(raw for _, raw in p.parts)
    ]
    return "\n\n".join(paras) or None


# ---------------------------------------------------------------------------------------------
# The loader
# ---------------------------------------------------------------------------------------------


@dataclass
class _Layout:
    """Where the parts after the outcome sections start (0-based line indexes, None if absent)."""

    table: int | None
    focus: int | None
    sign_off: int | None
    end: int

    @property
    def body_end(self) -> int:
        """Where the outcome sections stop."""
        parts = (self.table, self.focus, self.sign_off)
        return min((x for x in parts if x is not None), default=self.end)

    @property
    def focus_end(self) -> int:
        return self.sign_off if self.sign_off is not None else self.end


def _layout(lines: list[str]) -> _Layout:
    table = _combined_table_start(lines)
    after = table or 0
    focus = next(
        (i for i in range(after, len(lines)) if _FOCUS_HEADER.match(clean(lines[i]))), None
    )
    sign_off = next((i for i in range(after, len(lines)) if _SIGN_OFF.match(lines[i])), None)
    return _Layout(table=table, focus=focus, sign_off=sign_off, end=len(lines))


@dataclass
class _Found:
    """The parts whose absence means the letter is damaged, read before the rest."""

    grades: list[Grade]
    sections: list[_Section]
    strengths: list[Statement]
    areas: list[Statement]
    focus: list[Statement]


class ApaLoader:
    """Recognises and reads the Ofsted Annual Performance Assessment letter kind."""

    kind = "apa_letter"
    label = "Ofsted Annual Performance Assessment letter"

    def detect(self, text: str) -> float:
        """Score the title, salutation, grade table, outcome headings and strengths table."""
        lines = text.split("\n")
        score = 0.0
        if _title(lines)[0] is not None:
            score += 0.35
        if any(_SALUTATION.match(clean(x)) for x in lines[:_TOP_LINES]):
            score += 0.1
        if re.search(r"\bAPA\b", text):
            score += 0.05
        if _summary_grades(lines) or _heading_grades(lines, len(lines)):
            score += 0.15
        outcomes = {h[0] for h in (_heading(x) for x in lines if x.strip()) if h}
        score += 0.05 * len(outcomes & set(ecm.OUTCOMES))
        if _combined_table_start(lines) is not None or re.search(r"major\s+strengths", text, re.I):
            score += 0.1
        return round(min(score, 1.0), 2)

    def read(self, text: str, source: str) -> ApaLetter:
        """Read the letter; a letter cut short (no grades, sections or strengths) is refused."""
        if self.detect(text) < _MIN_SCORE:
            raise LoadError(source, "not an Ofsted Annual Performance Assessment letter")
        lines = text.split("\n")
        layout = _layout(lines)
        found = _Found(
            _all_grades(lines, layout.body_end), _sections(lines, layout.body_end), [], [], []
        )
        if not found.grades:
            raise LoadError(source, "truncated: no grade table found")
        if not found.sections:
            raise LoadError(source, "truncated: no Every Child Matters outcome sections found")
        if layout.table is None and not any(s.table for s in found.sections):
            raise LoadError(
                source, "truncated: no key strengths and areas for improvement table found"
            )
        found.strengths, found.areas = _all_strengths(lines, layout, found.sections)
        if layout.focus is not None:
            found.focus = _focus(lines, layout.focus, layout.focus_end)
        if layout.sign_off is None and not found.focus:
            raise LoadError(source, "truncated: the letter ends before its focus list and sign-off")
        return self._letter(text, source, lines, layout, found)

    def _letter(
        self, text: str, source: str, lines: list[str], layout: _Layout, found: _Found
    ) -> ApaLetter:
        title, title_line = _title(lines)
        head_end = title_line or _TOP_LINES
        letter_date = next((d for x in lines[:head_end] if (d := _iso_date(clean(x)))), None)
        year = _assessment_year(title, text, letter_date)
        named = _authority_in_title(title) if title else None
        authority = _as_printed(named, text) if named else None
        addressee = _addressee(lines, authority)
        if authority is None and addressee is not None:
            authority = addressee.organisation
        first_section = found.sections[0].line - 1
        descriptors = _descriptors(lines)
        overview_start = _after_tables(found.grades, descriptors, title_line, first_section)
        return ApaLetter(
            kind=self.kind,
            source=source,
            authority=authority,
            date=letter_date,
            title=title,
            publisher="Ofsted" if _OFSTED.search(text) else None,
            assessment_year=year,
            addressee=addressee,
            signatories=_signatories(lines),
            grades=found.grades,
            grade_descriptors=descriptors,
            overview=_overview(lines, overview_start, first_section),
            sections=[_outcome_section(s) for s in found.sections],
            judgements=[j for s in found.sections for j in _judgements(s)],
            strengths=found.strengths,
            areas_for_improvement=found.areas,
            future_focus=found.focus,
            references=_references(_paragraphs(lines, 0, layout.body_end), year),
        )


_OFSTED = re.compile(r"ofsted|office\s+for\s+standards\s+in\s+education", re.IGNORECASE)


def _outcome_section(section: _Section) -> OutcomeSection:
    return OutcomeSection(
        outcome=section.outcome,
        heading=section.heading,
        text=_section_text(section),
        line=section.line,
        grade=section.grade,
    )


def _after_tables(
    grades: list[Grade], descriptors: list[GradeDescriptor], title: int | None, first_section: int
) -> int:
    """Where the overall summary may start: after the title and the grade tables (line index)."""
    table_lines = [x.line for x in [*grades, *descriptors] if x.line <= first_section]
    return max([*table_lines, title or 0])


def _all_grades(lines: list[str], end: int) -> list[Grade]:
    """The summary table's grades, then grades printed with headings, each area once."""
    grades = _summary_grades(lines)
    seen = {(g.area.lower(), g.grade) for g in grades}
    for grade in _heading_grades(lines, end):
        if (grade.area.lower(), grade.grade) not in seen:
            grades.append(grade)
            seen.add((grade.area.lower(), grade.grade))
    return grades


def _all_strengths(
    lines: list[str], layout: _Layout, sections: list[_Section]
) -> tuple[list[Statement], list[Statement]]:
    """The combined table's items, or the items listed inside each section."""
    strengths: list[Statement] = []
    areas: list[Statement] = []
    for section in sections:
        if section.table is not None:
            s, a = _strength_rows(lines, section.table[0] - 1, section.table[1], section.outcome)
            strengths += s
            areas += a
    if layout.table is not None:
        stop = min(x for x in (layout.focus, layout.sign_off, layout.end) if x is not None)
        s, a = _strength_rows(lines, layout.table, stop, None)
        strengths += s
        areas += a
    return strengths, areas


def _assessment_year(title: str | None, text: str, letter_date: str | None) -> int | None:
    """The APA year: from the title, else from "the <year> annual performance assessment"."""
    m = _YEAR.search(title or "")
    if m is None:
        m = re.search(r"\b(20\d\d)\s+annual\s+performance\s+assessment", text, re.IGNORECASE)
    if m is not None:
        return int(m.group(1))
    return int(letter_date[:4]) if letter_date else None


LOADER = ApaLoader()
