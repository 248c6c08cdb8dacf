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
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from ..errors import LoadError
from .records import (
    Action,
    ActionPlanProgress,
    BackgroundPaper,
    Person,
    PlanRecommendation,
    SummarySection,
)
from .text import clean
from .timescale import find_periods, parse_timescale

# ---------------------------------------------------------------------------------------------
# Table vocabulary

# What a header cell says -> the column it names. Order matters: "Detail of Action/ Progress"
# is the detail column although it also says "action" and "progress".
_COLUMN_WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("detail", re.compile(r"\bdetails?\b|\bdescription\b|\bcommentary\b", re.I)),
    ("rag", re.compile(r"\bb?rag\b|\br\s*/\s*a\s*/\s*g\b|\brating\b|\bstatus\b", re.I)),
    ("marker", re.compile(r"\baction\s*(?:/|and|&)\s*progress\b", re.I)),
    ("objective", re.compile(r"\bobjectives?\b|\boutcomes?\b|\baims?\b|\bpurpose\b", re.I)),
    ("lead", re.compile(r"\blead\b|\bresponsib|\bowner\b|\bofficer\b", re.I)),
    (
        "timescale",
        re.compile(r"\btime\s*scales?\b|\btimings?\b|\bdeadline|\bdates?\b|\bby\s+when\b", re.I),
    ),
    ("action", re.compile(r"\bactions?\b|\btasks?\b", re.I)),
    ("progress", re.compile(r"\bprogress\b|\bupdates?\b|\bcomments?\b", re.I)),
]
_HEADER_CELL_MAX = 50  # header cells are labels; a longer cell is content
_MARKER = re.compile(r"^(?:actions?|progress(?:\s+(?:update|to\s+date))?|update)\s*:?$", re.I)
_RAG = re.compile(r"^(red|amber|green)\b|^([rag])\s*[.)]?$", re.I)
_RAG_NAMES = {"r": "Red", "a": "Amber", "g": "Green"}
# "Amber/Green", "R/A": a step between two ratings, kept only as rag_text.
_RAG_BETWEEN = re.compile(
    r"^(?:red|amber|green|[rag])\s*[/\-\u2013]\s*(?:red|amber|green|[rag])\b", re.I
)
# "ACHIEVED", "Completed", "Completed - protocol signed"; not "Completed by June", "Done weekly".
_DONE = re.compile(
    r"^\s*(?:now\s+|action\s+)?(achieved|completed|complete|done)\s*(?:$|[-.:;,!(\u2013])",
    re.I,
)
# What may sit between two tables of one recommendation (a page footer, "continued").
_NOISE_WORDS = 3

# A recommendation line of the plan: "1.1 Ensure ...", "12 Commissioners ...", "Recommendation 3:".
_REC_LINE = re.compile(
    r"^\s*(?:[-*\u2022]\s+)?(?:recommendation\s+|rec\.?\s*)?"
    r"(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?(?:\s*[):\-\u2013])?\s+(?P<text>\S.*)$",
    re.I | re.S,
)
_NEW_APPENDIX = re.compile(r"^\s*(?:appendix|annex)\b", re.I)

# ---------------------------------------------------------------------------------------------
# Front-matter vocabulary

_LABELS = {
    "date": r"date(?:\s+of\s+(?:the\s+)?(?:meeting|report|decision))?|meeting\s+date"
    r"|decision\s+date",
    "title": r"subject|title(?:\s+of\s+(?:the\s+)?report)?|report\s+title|report\s+subject",
    "committee": r"committee|meeting|report\s+to|decision[\s-]+maker|decision[\s-]+taker",
    "lead_officer": r"report\s+of|report\s+by|report\s+from|lead\s+officer"
    r"|responsible\s+officer",
    "author": r"report\s+author(?:\s+and\s+contact\s+details)?|author|contact\s+officer"
    r"|report\s+prepared\s+by|officer\s+contact",
}
# Labels that may run into their value without a colon: "Report of the Director of ...".
_PHRASE_LABELS = {"lead_officer", "author"}
_ANY_LABEL = re.compile(r"^\s*[A-Z][\w /()'&,-]{1,40}:\s*$|^\s*[A-Z][\w /()'&-]{1,30}:\s+\S")
_COMMITTEE_REPORT = re.compile(
    r"^\s*(?P<c>(?:[A-Z][\w&'-]*\s+)*(?:Committee|Cabinet|Board|Panel|Forum"
    r"|Executive|Sub-Committee|Council))\s+Report\s*$"
)
_REPORT_TO = re.compile(r"^\s*report\s+to\s*:?\s*(?:the\s+)?(?P<c>[A-Z].{2,80})$", re.I)
_AUTHORITY_OF = re.compile(
    r"^(?:The\s+)?(?:(?:Royal|London|Metropolitan)\s+Borough|Borough|City(?:\s+and\s+County)?"
    r"|County|Council)\s+of\s+(?:the\s+)?(?P<place>[A-Z][\w'\u2019.-]*"
    r"(?:\s+(?:and|upon|on|in|the|&|[A-Z][\w'\u2019.-]*))*)$"
)
_AUTHORITY_COUNCIL = re.compile(
    r"^(?P<place>[A-Z][\w'\u2019.-]*(?:\s+(?:and|upon|on|in|&|[A-Z][\w'\u2019.-]*))*?)"
    r"(?:\s+(?:City|County|Borough|District|Metropolitan\s+Borough|Metropolitan\s+District))?"
    r"\s+Council$"
)
_AUTHORITY_INLINE = re.compile(
    r"\b(?:(?:Royal|London)\s+Borough|City|County)\s+of\s+[A-Z][\w'\u2019-]+"
    r"(?:\s+(?:and|upon)\s+[A-Z][\w'\u2019-]+)?"
    r"|\b[A-Z][\w'\u2019-]+(?:\s+(?:and|upon)\s+[A-Z][\w'\u2019-]+)?"
    r"\s+(?:City|County|Borough|District)\s+Council\b"
)
_NOT_PLACES = {
    "full", "county", "city", "borough", "district", "metropolitan", "royal", "london", "the",
    "cabinet", "executive", "education", "schools", "youth", "parish", "town", "joint",
    "special", "extraordinary", "annual", "and", "of", "school", "children's", "pupils",
}
_HONORIFIC = r"(?:Cllr\.?|Councillor|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Prof\.?|Professor|Sir|Dame)"
_NAME = re.compile(
    rf"^(?:{_HONORIFIC}\s+)?(?:[A-Z][a-z'\u2019-]+|[A-Z]\.?|[A-Z][a-z]*'[A-Z][a-z]+)"
    r"(?:\s+(?:[A-Z][a-zA-Z'\u2019-]+|[A-Z]\.?|de|van|von|der|le|la|du|da)){1,4}$"
)
_POST_WORDS = re.compile(
    r"\b(?:director|head|manager|officer|chief|executive|leader|member|assistant|deputy"
    r"|strategic|commissioner|co-?ordinator|analyst|advis[eo]r|lead|principal|secretary|clerk"
    r"|cabinet|chair(?:man|person)?|services?|team|consultant|partner|policy|portfolio)\b",
    re.I,
)
_WEEKDAYS = re.compile(
    "|".join(rf"\b{day}\b" for day in (*calendar.day_name, *calendar.day_abbr)), re.I
)
_CONTACT = re.compile(r"@|\b(?:tel|telephone|email|e-mail|phone|ext|fax)\b|\d{3,}|\bx\d", re.I)

_BACKGROUND = re.compile(
    r"^\s*(?:list\s+of\s+)?background\s+(?:papers|documents|information\s+papers)\s*:?\s*"
    r"(?P<rest>.*)$",
    re.I,
)
_LIST_MARK = re.compile(r"^\s*(?:[-*\u2022\u00b7\u2013]|\d{1,2}[.)]|\(?[a-z]\))\s+")
_QUOTED = re.compile(
    r"\u2018(?P<a>[^\u2019]+)\u2019|\u201c(?P<b>[^\u201d]+)\u201d|\"(?P<c>[^\"]+)\""
    r"|(?<!\w)'(?P<d>.+?)'(?!\w)"
)
_SUMMARY_HEAD = re.compile(
    r"^\s*(?:[-*]\s+)?(?P<num>\d{1,2})\.?\s+(?P<title>[^\t]+?)\s*"
    r"[(\[]\s*(?P<cite>Recommendations?\s+[^)\]]+)[)\]]\s*:?\s*$",
    re.I,
)
_SECTION_HEAD = re.compile(r"^\s*(?:[-*]\s+)?(?P<num>\d{1,2})\.?\s+(?P<title>[A-Z][^.\t]{0,118})$")
_REC_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})*")


# ---------------------------------------------------------------------------------------------
# Tables


@dataclass(frozen=True)
class _Columns:
    """What each column of an action table holds, read from its header line."""

    names: tuple[str | None, ...]
    line: int

    def index(self, name: str) -> int | None:
        return self.names.index(name) if name in self.names else None

    @property
    def width(self) -> int:
        return len(self.names)

    @property
    def has_marker(self) -> bool:
        """Rows are Action / Progress line pairs (else one line per row, by column)."""
        return "marker" in self.names or not (
            "action" in self.names and ("progress" in self.names or "detail" in self.names)
        )


def _cells(raw: str) -> list[str]:
    """A table line's cells, each cleaned of markup and extra whitespace."""
    return [clean(cell) for cell in raw.split("\t")]


def _column_name(cell: str) -> str | None:
    for name, pattern in _COLUMN_WORDS:
        if pattern.search(cell):
            return name
    return None


def _header(raw: str, line: int) -> _Columns | None:
    """The columns a header line names, or None where the line is not a table header."""
    if "\t" not in raw:
        return None
    cells = _cells(raw)
    if any(len(c) > _HEADER_CELL_MAX or _rag(c) for c in cells):
        return None  # a row: long content or a rating
    names = tuple(_column_name(c) if c else None for c in cells)
    found = {n for n in names if n}
    if "lead" not in found or not found & {"timescale", "rag"}:
        return None
    if not found & {"objective", "action", "marker"} or len(found) < 3:
        return None
    return _Columns(names, line)


def _marker_at(cells: list[str], columns: _Columns) -> int | None:
    """Where the "Action"/"Progress" cell of a row is."""
    for name in ("marker", "action"):
        i = columns.index(name)
        if i is not None and i < len(cells) and _MARKER.match(cells[i]):
            return i
    for i, cell in enumerate(cells):
        if _MARKER.match(cell):
            return i
    return None


def _rag(cell: str | None) -> str | None:
    """ "Red", "Amber" or "Green" from a rating cell ("AMBER", "g"); None for "Amber/Green"."""
    if not cell or _RAG_BETWEEN.match(cell.strip()):
        return None
    m = _RAG.match(cell.strip())
    if not m:
        return None
    word = (m.group(1) or m.group(2)).lower()
    return _RAG_NAMES.get(word, word.capitalize())


def _done(text: str | None) -> str | None:
    """ "achieved" or "completed" where a progress note or rating says so."""
    m = _DONE.match(text or "")
    if not m:
        return None
    return "achieved" if m.group(1).lower().startswith("achiev") else "completed"


@dataclass
class _Row:
    """One line of an action table, read by its columns."""

    kind: str  # "action" or "progress"
    line: int
    width: int  # how many cells the line has
    objective: str | None = None
    lead: str | None = None
    timescale: str | None = None
    action: str | None = None
    progress: str | None = None
    rag_text: str | None = None
    has_detail: bool = True


def _or_none(text: str | None) -> str | None:
    return text if text else None


def _rating_cell(cells: list[str], columns: _Columns, after: int, scan: bool = True) -> str | None:
    """The rating cell: the RAG column where it is filled, else (scan) a RAG word after the
    cell at `after`, for rows whose rating has slipped out of its column."""
    i = columns.index("rag")
    if i is not None and after < i < len(cells) and cells[i]:
        return cells[i]
    if not scan:
        return None
    for cell in cells[after + 1 :]:
        if _rag(cell) or _done(cell):
            return cell
    return None


def _marker_row(cells: list[str], columns: _Columns, line: int) -> _Row | None:
    """Read an Action or Progress line; None where it has no Action/Progress cell."""
    at = _marker_at(cells, columns)
    if at is not None:
        kind = "action" if cells[at].lower().startswith("action") else "progress"
    else:
        # The Action/Progress word is missing but the line fills the columns up to the detail:
        # a line whose leading cells are empty is a Progress line.
        at = columns.index("marker")
        if at is None or len(cells) < at + 2 or cells[at] or not cells[at + 1]:
            return None
        kind = "progress" if not any(cells[:at]) else "action"
    row = _Row(kind, line, len(cells), has_detail=at + 1 < len(cells))
    fields = ("objective", "lead", "timescale")
    for i, cell in enumerate(cells[:at]):
        name = columns.names[i] if i < columns.width else None
        name = name if name in fields else (fields[i] if i < len(fields) else None)
        if name and cell:
            setattr(row, name, cell)
    detail = _or_none(cells[at + 1]) if row.has_detail else None
    if kind == "action":
        row.action = detail
    else:
        row.progress = detail
    row.rag_text = _rating_cell(cells, columns, at + 1)
    return row


def _column_row(cells: list[str], columns: _Columns, line: int) -> _Row:
    """Read a row of a table with separate Action and Progress columns (one line per row)."""
    row = _Row("action", line, len(cells))
    for i, cell in enumerate(cells[: columns.width]):
        name = columns.names[i]
        if name == "detail":
            name = "progress" if columns.index("action") is not None else "action"
        if name in ("objective", "lead", "timescale", "action", "progress") and cell:
            setattr(row, name, cell)
    row.rag_text = _rating_cell(cells, columns, -1, scan=False)
    return row


# ---------------------------------------------------------------------------------------------
# The appendix: recommendations and their action tables


def _rec_match(text: str) -> re.Match[str] | None:
    m = _REC_LINE.match(text)
    return m if m and "\t" not in m.group("num") else None


@dataclass
class _Paragraph:
    """Consecutive non-table lines between tables (a recommendation, or noise)."""

    lines: list[tuple[int, str]]
    after_row: bool  # starts on the line straight after a table row

    @property
    def number(self) -> str | None:
        m = _rec_match(self.lines[0][1])
        return m.group("num") if m else None


def _words(paragraph: _Paragraph) -> int:
    return sum(len(text.split()) for _, text in paragraph.lines)


def _line_text(raw: str) -> str:
    """A text line that may carry stray tabs (a merged table cell): its cells joined."""
    return " ".join(c for c in _cells(raw) if c)


class _Appendix:
    """Reads the recommendation tables line by line, refusing what is cut off or damaged."""

    def __init__(self, lines: list[str], source: str) -> None:
        self.lines = lines
        self.source = source
        self.recommendations: list[PlanRecommendation] = []
        self.actions: list[Action] = []
        self.columns: _Columns | None = None
        self.rec: PlanRecommendation | None = None
        self.last: Action | None = None  # the last action of the current table
        self.pending: list[_Paragraph] = []
        self.prev: str = "blank"  # what the previous line was: blank, text, header or row
        self.rows: list[_Row] = []
        self.table_rows = 0
        self.tail = lines[-1] if lines else ""  # the text's last line, before any joining

    def fail(self, reason: str) -> LoadError:
        return LoadError(self.source, reason)

    def read(self, start: int) -> None:
        self.tail = self.lines[-1]
        self.lines = _join_continuations(self.lines, start)
        for index in range(start, len(self.lines)):
            if self._line(self.lines[index], index + 1):
                break
        self._finish()

    def _heads_table(self, n: int) -> bool:
        """The line numbered n is a recommendation: numbered, and a table header follows."""
        if not _rec_match(_line_text(self.lines[n - 1])):
            return False
        following = (raw for raw in self.lines[n:] if raw.strip(" \t"))
        after = next(following, None)
        return after is not None and _header(after, n + 1) is not None

    def _line(self, raw: str, n: int) -> bool:
        """Take one line; True where the action plan has ended (a new appendix starts)."""
        cells = _cells(raw) if "\t" in raw else [clean(raw)]
        if not any(cells):
            self.prev = "blank"
            return False
        columns = _header(raw, n)
        if columns is not None:
            self._header(columns)
            return False
        tabbed = "\t" in raw.strip(" ") and not self._heads_table(n)
        row = self._row(cells, n) if tabbed else None
        if row is not None:
            self._take(row)
            return False
        cell_like = tabbed and (sum(1 for c in cells if c) > 1 or not cells[0])
        if cell_like and self.columns is not None and self.prev in ("row", "header"):
            raise self.fail(f"line {n}: table row cannot be read (cut off or damaged)")
        return self._text(_line_text(raw), n)

    def _row(self, cells: list[str], n: int) -> _Row | None:
        """The table row a tabbed line holds, or None where it holds none."""
        if self.columns is None:
            return None
        row = _marker_row(cells, self.columns, n)  # an "Action"/"Progress" cell decides
        if row is None and not self.columns.has_marker and sum(1 for c in cells if c) > 1:
            row = _column_row(cells, self.columns, n)
        return row

    def _text(self, text: str, n: int) -> bool:
        if self.prev == "text" and self.pending:
            self.pending[-1].lines.append((n, text))
            return False
        if self.recommendations and _NEW_APPENDIX.match(text) and not _rec_match(text):
            return True
        self.pending.append(_Paragraph([(n, text)], after_row=self.prev == "row"))
        self.prev = "text"
        return False

    def _header(self, columns: _Columns) -> None:
        rec = self._recommendation_above(columns.line)
        if rec is not None:
            self.rec = rec
            self.last = None
        self.pending = []
        self.columns = columns
        self.table_rows = 0
        self.prev = "header"

    def _recommendation_above(self, line: int) -> PlanRecommendation | None:
        """The numbered recommendation a table header sits under (None: the table continues
        the current recommendation after a page break)."""
        for paragraph in self.pending[:-1]:
            if paragraph.number:
                raise self.fail(
                    f"recommendation {paragraph.number} at line {paragraph.lines[0][0]} "
                    "has no action table"
                )
        last = self.pending[-1] if self.pending else None
        numbered = [i for i, (_, t) in enumerate(last.lines) if _rec_match(t)] if last else []
        if not numbered:
            if self.rec is None or (last and _words(last) > _NOISE_WORDS):
                raise self.fail(f"line {line}: action table has no numbered recommendation above")
            return None  # the current recommendation's table goes on after a page break
        first = numbered[-1]
        line_no = last.lines[first][0]
        m = _rec_match(" ".join(t for _, t in last.lines[first:]))
        if m is None:  # cannot happen: its first line matched on its own
            raise self.fail(f"line {line_no}: recommendation line cannot be read")
        number = m.group("num")
        for existing in self.recommendations:
            if existing.number == number:
                return existing
        rec = PlanRecommendation(number=number, text=clean(m.group("text")), line=line_no)
        self.recommendations.append(rec)
        return rec

    def _take(self, row: _Row) -> None:
        for paragraph in self.pending:
            if paragraph.number:
                raise self.fail(
                    f"recommendation {paragraph.number} at line {paragraph.lines[0][0]} has "
                    "action rows but no Objective/Lead/Timescale header"
                )
        self.pending = []
        self.prev = "row"
        self.rows.append(row)
        self.table_rows += 1
        if row.kind == "action":
            self._action(row)
        else:
            self._progress(row)

    def _action(self, row: _Row) -> None:
        if self.rec is None:  # rows are read only under a header, which has a recommendation
            raise self.fail(f"line {row.line}: action row outside any recommendation's table")
        parsed = parse_timescale(row.timescale)
        action = Action(
            recommendation=self.rec.number,
            objective=row.objective,
            lead=row.lead,
            timescale=row.timescale,
            action=row.action,
            progress=row.progress,
            rag=_rag(row.rag_text),
            line=row.line,
            progress_line=row.line if row.progress else None,
            timescale_start=parsed.start,
            timescale_end=parsed.end,
            timescale_status=parsed.status,
            progress_status=_done(row.progress) or _done(row.rag_text),
            rag_text=row.rag_text,
            rag_line=row.line if row.rag_text else None,
        )
        self.actions.append(action)
        self.last = action

    def _progress(self, row: _Row) -> None:
        action = self.last
        if action is None:
            raise self.fail(f"line {row.line}: Progress line has no Action line above it")
        if action.progress_line is None:
            action.progress_line = row.line
        if row.progress:  # a second Progress line adds to the first
            joined = f"{action.progress} {row.progress}" if action.progress else row.progress
            action.progress = joined
        if action.rag_text is None and row.rag_text:
            action.rag_text = row.rag_text
            action.rag = _rag(row.rag_text)
            action.rag_line = row.line
        action.progress_status = (
            action.progress_status or _done(row.progress) or _done(row.rag_text)
        )

    def _rating_cut(self, text: str | None) -> bool:
        """A rating that is the start of a RAG word only ("Am"; "G" where the report writes
        its ratings out in full)."""
        if not text:
            return False
        word = text.lower()
        prefix = any(full != word and full.startswith(word) for full in ("red", "amber", "green"))
        written_out = all(len(a.rag_text or "xx") > 1 for a in self.actions[:-1])
        return prefix and (len(word) > 1 or written_out)

    def _finish(self) -> None:
        """At the end of the text: refuse a plan that is cut off."""
        for paragraph in self.pending:
            if paragraph.number:
                raise self.fail(
                    f"recommendation {paragraph.number} at line {paragraph.lines[0][0]} has "
                    "no action table (the text ends there: truncated?)"
                )
            if paragraph.after_row:
                raise self.fail(
                    f"line {paragraph.lines[0][0]}: the action table is cut off mid-row"
                )
        if not self.actions:
            raise self.fail("the action plan tables hold no Action rows")
        if self.prev == "header" or (self.columns is not None and self.table_rows == 0):
            raise self.fail(
                f"line {self.columns.line if self.columns else 0}: action table header with no "
                "rows (the text ends there: truncated?)"
            )
        self._check_last_row()

    def _check_last_row(self) -> None:
        """The final row has fewer cells than its fellows, no detail, a rating cut short, or
        is followed by a last line of bare tabs: the text is cut off mid-row."""
        last = self.rows[-1]
        tail = self.tail
        if last.line == len(self.lines) - 1 and "\t" in tail and not tail.strip():
            raise self.fail(f"line {len(self.lines)}: the action table is cut off mid-row")
        if last.kind == "action" and not last.has_detail:
            raise self.fail(f"line {last.line}: the last action row is cut off")
        if last.line == len(self.lines) and self._rating_cut(last.rag_text):
            raise self.fail(f"line {last.line}: the last RAG rating is cut off")
        same = [r for r in self.rows[:-1] if r.kind == last.kind]
        if self.columns is None:
            return
        full = max(r.width for r in same) if same else self.columns.width
        usual = not same or sum(1 for r in same if r.width == full) > len(same) / 2
        if usual and last.width < full:
            raise self.fail(
                f"line {last.line}: the last row has {last.width} of {full} cells "
                "(the text is cut off mid-row)"
            )


def _join_continuations(lines: list[str], start: int) -> list[str]:
    """Rows whose cell text runs onto the next line(s) joined back into one line.

    A row line with fewer cells than its header, followed by a line that starts no row,
    header or recommendation and brings the count no higher than the header's, is one row
    broken inside a cell. The joined line keeps the first line's number; the lines it took
    become blank, so every other line keeps its own number."""
    out = list(lines)
    columns: _Columns | None = None
    for i in range(start, len(out)):
        raw = out[i]
        columns = _header(raw, i + 1) or columns
        if columns is None or "\t" not in raw or not any(_MARKER.match(c) for c in _cells(raw)):
            continue
        j = i + 1
        while j < len(out) and _continues(out[i], out[j], columns):
            out[i] = f"{out[i]} {out[j]}"
            out[j] = ""
            j += 1
    return out


def _continues(row: str, raw: str, columns: _Columns) -> bool:
    if not raw.strip() or row.count("\t") >= columns.width - 1:
        return False
    if row.count("\t") + raw.count("\t") > columns.width - 1 or _header(raw, 0):
        return False
    cells = _cells(raw)
    return not any(_MARKER.match(c) for c in cells) and not _rec_match(clean(raw))


def _appendix_start(lines: list[str], source: str) -> int:
    """Index of the line where the plan's tables begin: the paragraph above the first header."""
    first = next((i for i, raw in enumerate(lines) if _header(raw, i + 1)), None)
    if first is None:
        raise LoadError(
            source, "no action plan table found (no Objective / Lead / Timescale header line)"
        )
    start = first
    while start > 0 and not lines[start - 1].strip():
        start -= 1
    while start > 0 and lines[start - 1].strip():
        start -= 1
    for i in range(start):
        cells = _cells(lines[i]) if "\t" in lines[i] else []
        if any(_MARKER.match(c) for c in cells):
            raise LoadError(
                source, f"line {i + 1}: action rows come before any table header (cut off?)"
            )
    return start


# ---------------------------------------------------------------------------------------------
# Front matter


def _block(lines: list[str], start: int, limit: int = 3) -> list[tuple[int, str]]:
    """The value printed under a label: the next non-blank lines, up to a blank or a label."""
    i = start
    while i < len(lines) and i < start + 4 and not lines[i].strip():
        i += 1
    out: list[tuple[int, str]] = []
    while i < len(lines) and lines[i].strip() and len(out) < limit:
        if _ANY_LABEL.match(lines[i]) or "\t" in lines[i].strip():
            break
        out.append((i + 1, clean(lines[i])))
        i += 1
    return out


def _labelled(lines: list[str], key: str) -> list[list[tuple[int, str]]]:
    """Each value printed for a label ("Date: 23 April 2010" or "Date:" then the value)."""
    label = _LABELS[key]
    joint = r"(?::|\s+(?:the\s+)?)" if key in _PHRASE_LABELS else ":"
    pattern = re.compile(rf"^\s*(?:{label})\s*(?:{joint}\s*(?P<rest>.*?)|\s*)$", re.I)
    values = []
    for i, raw in enumerate(lines):
        m = pattern.match(raw)
        if not m:
            continue
        rest = clean(m.group("rest") or "")
        if rest and ":" not in raw[: m.start("rest")] and (len(raw) > 100 or rest.endswith(".")):
            continue  # a sentence that happens to start "Report by ...", not a label
        block = [(i + 1, rest), *_continuation(lines, i + 1)] if rest else _block(lines, i + 1)
        if block:
            values.append(block)
    return values


def _continuation(lines: list[str], start: int) -> list[tuple[int, str]]:
    """Lines straight after a "Label: value" line that continue it (a post under a name)."""
    out = []
    i = start
    while i < len(lines) and lines[i].strip() and len(out) < 2:
        if _ANY_LABEL.match(lines[i]) or "\t" in lines[i]:
            break
        out.append((i + 1, clean(lines[i])))
        i += 1
    return out


def _report_date(lines: list[str]) -> str | None:
    """The meeting or report date: under a "Date:" label, else a line that is only a date."""
    for block in _labelled(lines, "date"):
        found = find_periods(block[0][1])
        if found and found[0].precision == "day":
            return found[0].iso
    for raw in lines:
        text = clean(raw)
        found = find_periods(text) if len(text) <= 40 else []
        if len(found) == 1 and found[0].precision == "day":
            rest = text[: found[0].begin] + text[found[0].stop :]
            if not _WEEKDAYS.sub("", rest).strip(" ,.-"):
                return found[0].iso
    return None


def _title(lines: list[str]) -> str | None:
    for block in _labelled(lines, "title"):
        if block[0][1]:
            return block[0][1]
    return None


def _strip_dates(text: str) -> str:
    periods = find_periods(text)
    if periods:
        text = text[: periods[0].begin]
    return text.strip(" ,;:-\u2013")


def _committee(lines: list[str]) -> str | None:
    """The meeting the report goes to: a "Committee:"/"Report to:" label, else a title line
    such as "Cabinet Committee Report"."""
    for block in _labelled(lines, "committee"):
        value = _strip_dates(block[0][1])
        if value:
            return value
    for raw in lines:
        text = clean(raw)
        m = _REPORT_TO.match(text)
        if m and _strip_dates(m.group("c")):
            return _strip_dates(m.group("c"))
        m = _COMMITTEE_REPORT.match(text.title() if text.isupper() else text)
        if m and len(m.group("c").split()) >= 2:
            return text[m.start("c") : m.end("c")]
    return None


def _is_place(place: str) -> bool:
    words = [w.lower() for w in place.split()]
    return any(w not in _NOT_PLACES for w in words)


def _authority(lines: list[str]) -> str | None:
    """The council as printed: a line of its own ("City of X", "X City Council"),
    else the first such name in the text."""
    for raw in lines:
        text = clean(raw)
        if not text or len(text) > 70 or "\t" in raw.strip():
            continue
        shape = text.title() if text.isupper() else text  # "X CITY COUNCIL" in capitals
        m = _AUTHORITY_OF.match(shape) or _AUTHORITY_COUNCIL.match(shape)
        if m and _is_place(m.group("place")):
            return text
    for raw in lines:
        for m in _AUTHORITY_INLINE.finditer(clean(raw)):
            name = m.group(0)
            if _is_place(re.sub(r"\b(?:City|County|Borough|District|Council|of)\b", "", name)):
                return name
    return None


def _person(block: list[tuple[int, str]]) -> Person | None:
    """A person from a label's value: a name line and a post line, or "Name, Post"."""
    texts: list[tuple[int, str]] = []
    for n, text in block:
        contact = _CONTACT.search(text)
        text = text[: contact.start()].strip(" ,;:-\u2013") if contact else text
        if not text or text.endswith(":"):
            break
        texts.append((n, text))
    if not texts:
        return None
    line, first = texts[0]
    rest = [t for _, t in texts[1:]]
    named = [(n, t) for n, t in texts[1:] if _NAME.match(t) and not _POST_WORDS.search(t)]
    if _POST_WORDS.search(first) and named:  # the post printed above the name
        return Person(named[0][1], first, line=named[0][0])
    parts = re.split(r",\s*|\s[-\u2013]\s", first, maxsplit=1)
    if len(parts) == 2 and _NAME.match(parts[0]) and not _POST_WORDS.search(parts[0]):
        return Person(parts[0], " ".join([parts[1], *rest]).strip() or None, line=line)
    if _NAME.match(first) and not _POST_WORDS.search(first):
        posts = [t for t in rest if _POST_WORDS.search(t)]
        return Person(first, " ".join(posts) or None, line=line)
    if _POST_WORDS.search(first):
        return Person(None, " ".join([first, *rest]), line=line)
    return None


def _first_person(lines: list[str], label: str) -> Person | None:
    for block in _labelled(lines, label):
        person = _person(block)
        if person is not None:
            return person
    return None


# ---------------------------------------------------------------------------------------------
# Background papers and the narrative summary


def _paper(text: str, line: int) -> BackgroundPaper:
    """One listed paper: its (quoted) title, its date and the rest of the entry."""
    periods = find_periods(text)
    date = periods[-1].iso if periods else None
    m = _QUOTED.search(text)
    if m:
        title = next(g for g in m.groups() if g)
        rest = (text[: m.start()] + " " + text[m.end() :]).strip()
    else:
        cut = periods[-1].begin if periods else len(text)
        title = text[:cut].strip(" ,;:-\u2013") or text
        rest = ""
    if periods and rest:
        rest = _strip_dates(rest) if find_periods(rest) else rest
    description = rest.strip(" ,;:-\u2013'\"") or None
    return BackgroundPaper(title.strip(), date, text, line, description=description)


def _background_papers(lines: list[str]) -> list[BackgroundPaper]:
    """The papers listed under a "Background Papers" heading."""
    for i, raw in enumerate(lines):
        m = _BACKGROUND.match(clean(raw))
        if not m:
            continue
        if m.group("rest") and not re.match(r"(?i)none\b", m.group("rest")):
            return [_paper(m.group("rest"), i + 1)]
        return _paper_list(lines, i + 1)
    return []


def _paper_list(lines: list[str], start: int) -> list[BackgroundPaper]:
    papers: list[BackgroundPaper] = []
    bulleted = False
    gap = False
    for i in range(start, len(lines)):
        raw = lines[i]
        if not raw.strip():
            gap = gap or bool(papers)
            continue
        text = clean(raw)
        marked = bool(_LIST_MARK.match(text))
        if "\t" in raw.strip() or _NEW_APPENDIX.match(text) or _SECTION_HEAD.match(text):
            break
        if papers and gap and not (bulleted and marked):
            break
        if not papers:
            bulleted = marked
            if re.match(r"(?i)none\b", text):
                break
        papers.append(_paper(_LIST_MARK.sub("", text, count=1), i + 1))
        gap = False
    return papers


def _summary(lines: list[str]) -> list[SummarySection]:
    """Narrative sections whose heading cites "(Recommendation N)", with their paragraphs."""
    sections: list[SummarySection] = []
    current: SummarySection | None = None
    body: list[str] = []
    for i, raw in enumerate(lines):
        text = clean(raw)
        head = _SUMMARY_HEAD.match(text)
        section = _SECTION_HEAD.match(text)
        ends = _BACKGROUND.match(text) or _NEW_APPENDIX.match(text)
        if current and (head or ends or (section and _later(section, current))):
            current.text = "\n".join(body)
            current = None
        if head:
            current = SummarySection(
                number=head.group("num"),
                title=head.group("title").strip(" -\u2013:"),
                recommendations=_REC_NUMBER.findall(head.group("cite")),
                text="",
                line=i + 1,
            )
            sections.append(current)
            body = []
        elif current and text:
            body.append(_LIST_MARK.sub("", text, count=1) if text.startswith(("-", "*")) else text)
    if current:
        current.text = "\n".join(body)
    return sections


def _later(section: re.Match[str], current: SummarySection) -> bool:
    return int(section.group("num")) > int(current.number)


# ---------------------------------------------------------------------------------------------
# Detection

_FRONT_MATTER = [
    re.compile(p, re.I | re.M)
    for p in (
        r"^\s*report\s+(?:of|by)\s*:",
        r"^\s*report\s+author",
        r"^\s*(?:list\s+of\s+)?background\s+papers",
        r"^.{0,40}\bcommittee\s+report\s*$|^\s*report\s+to\b",
        r"^\s*wards?\s+(?:involved|affected)",
        r"^\s*classification\s*:?\s*$|for\s+general\s+release",
        r"^\s*item\s+no",
        r"^\s*\d*\.?\s*(?:financial|legal|staffing)\s+implications",
        r"^\s*reason\s+for\s+decision",
    )
]
_CITATION = re.compile(r"\(Recommendations?\s+\d", re.I)


def _detect_score(text: str) -> float:
    lines = text.split("\n")
    table_lines = [(i, raw) for i, raw in enumerate(lines) if "\t" in raw]
    headers = sum(1 for i, raw in table_lines if _header(raw, i + 1))
    markers = sum(1 for _, raw in table_lines if any(_MARKER.match(c) for c in _cells(raw)))
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


# ---------------------------------------------------------------------------------------------


class ActionPlanLoader:
    """Recognises and reads the council action-plan progress report kind."""

    kind = "action_plan_progress"
    label = "council action-plan progress report"

    def detect(self, text: str) -> float:
        """Sure when the text has the action table header and Action/Progress rows; committee
        front matter and "(Recommendation N)" citations add to it."""
        return _detect_score(text.replace("\r\n", "\n"))

    def read(self, text: str, source: str) -> ActionPlanProgress:
        """Read front matter, background papers, summary, recommendations and action rows."""
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        start = _appendix_start(lines, source)
        appendix = _Appendix(lines, source)
        appendix.read(start)
        body = lines[:start]
        authority = _authority(body)
        return ActionPlanProgress(
            kind=self.kind,
            source=source,
            authority=authority,
            date=_report_date(body),
            title=_title(body),
            publisher=authority,
            committee=_committee(body),
            author=_first_person(body, "author"),
            lead_officer=_first_person(body, "lead_officer"),
            background_papers=_background_papers(body),
            recommendations=appendix.recommendations,
            actions=appendix.actions,
            summary=_summary(body),
        )


LOADER = ActionPlanLoader()
