"""The action tables of a council action-plan progress report: header columns, rows, ratings.

Cells are separated by tabs. A table starts with a header (Objective / Lead / Timescale /
Action/Progress / Detail / RAG rating) and each row is an "Action" line, usually followed by a
"Progress" line, with a RAG rating on either. Reports from other councils and years differ in
column names and order, so columns are read by what their header says and rows by their
"Action"/"Progress" cell, never by position alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import clean

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
MARKER = re.compile(r"^(?:actions?|progress(?:\s+(?:update|to\s+date))?|update)\s*:?$", re.I)
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


@dataclass(frozen=True)
class Columns:
    """What each column of an action table holds, read from its header line."""

    names: tuple[str | None, ...]
    line: int

    def index(self, name: str) -> int | None:
        """The position of a named column, or None where the table has no such column."""
        return self.names.index(name) if name in self.names else None

    @property
    def width(self) -> int:
        """How many cells the header has, against which rows are checked for being cut off."""
        return len(self.names)

    @property
    def has_marker(self) -> bool:
        """Rows are Action / Progress line pairs (else one line per row, by column)."""
        return "marker" in self.names or not (
            "action" in self.names and ("progress" in self.names or "detail" in self.names)
        )


@dataclass
class Row:
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


_SPACE_RUN = re.compile(r"(?<! ) {2,}")


def retab(lines: list[str]) -> list[str]:
    """Lines whose tabs a conversion or an editor turned into runs of spaces, tabs again.

    Only where no header is tab-separated: the width of one tab is read from the first line
    that is a header once its runs of spaces are tabs, and only header and Action/Progress
    lines are changed, so prose with double spaces stays prose. A run of spaces that stood
    for several tabs (empty cells) becomes as many tabs, so cells keep their columns.
    """
    if any(header(raw, 0) for raw in lines if "\t" in raw):
        return lines
    unit = None
    for raw in lines:
        if "  " in raw and header(_SPACE_RUN.sub("\t", raw.strip()), 0):
            unit = min(len(run) for run in _SPACE_RUN.findall(raw.strip()))
            break
    if unit is None:
        return lines
    out: list[str] = []
    for raw in lines:
        if "  " not in raw:
            out.append(raw)
            continue
        tabbed = _SPACE_RUN.sub(lambda m: "\t" * max(1, round(len(m.group()) / unit)), raw)
        keep = header(tabbed.strip(" "), 0) is not None or is_marker_line(tabbed)
        out.append(tabbed if keep else raw)
    return out


def split_cells(raw: str) -> list[str]:
    """A table line's cells, each cleaned of markup and extra whitespace."""
    return [clean(cell) for cell in raw.split("\t")]


def is_marker_line(raw: str) -> bool:
    """Whether a line has an "Action"/"Progress" cell, i.e. is a row of an action table."""
    return any(MARKER.match(c) for c in split_cells(raw))


def header(raw: str, line: int) -> Columns | None:
    """The columns a header line names, or None where the line is not a table header."""
    if "\t" not in raw:
        return None
    cells = split_cells(raw)
    if any(len(c) > _HEADER_CELL_MAX or rag_rating(c) for c in cells):
        return None  # a row: long content or a rating
    names = tuple(_column_name(c) if c else None for c in cells)
    found = {n for n in names if n}
    if "lead" not in found or not found & {"timescale", "rag"}:
        return None
    if not found & {"objective", "action", "marker"} or len(found) < 3:
        return None
    return Columns(names, line)


def _column_name(cell: str) -> str | None:
    """The column a header cell names, by the first of `_COLUMN_WORDS` its words match."""
    for name, pattern in _COLUMN_WORDS:
        if pattern.search(cell):
            return name
    return None


def rag_rating(cell: str | None) -> str | None:
    """ "Red", "Amber" or "Green" from a rating cell ("AMBER", "g"); None for "Amber/Green"."""
    if not cell or _RAG_BETWEEN.match(cell.strip()):
        return None
    m = _RAG.match(cell.strip())
    if not m:
        return None
    word = (m.group(1) or m.group(2)).lower()
    return _RAG_NAMES.get(word, word.capitalize())


def done_status(text: str | None) -> str | None:
    """ "achieved" or "completed" where a progress note or rating says so."""
    m = _DONE.match(text or "")
    if not m:
        return None
    return "achieved" if m.group(1).lower().startswith("achiev") else "completed"


def marker_row(cells: list[str], columns: Columns, line: int) -> Row | None:
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
    row = Row(kind, line, len(cells), has_detail=at + 1 < len(cells))
    fields = ("objective", "lead", "timescale")
    for i, cell in enumerate(cells[:at]):
        name = columns.names[i] if i < columns.width else None
        name = name if name in fields else (fields[i] if i < len(fields) else None)
        if name and cell:
            setattr(row, name, cell)
    detail = (cells[at + 1] or None) if row.has_detail else None
    if kind == "action":
        row.action = detail
    else:
        row.progress = detail
    row.rag_text = _rating_cell(cells, columns, at + 1)
    return row


def column_row(cells: list[str], columns: Columns, line: int) -> Row:
    """Read a row of a table with separate Action and Progress columns (one line per row)."""
    row = Row("action", line, len(cells))
    for i, cell in enumerate(cells[: columns.width]):
        name = columns.names[i]
        if name == "detail":
            name = "progress" if columns.index("action") is not None else "action"
        if name in ("objective", "lead", "timescale", "action", "progress") and cell:
            setattr(row, name, cell)
    row.rag_text = _rating_cell(cells, columns, -1, scan=False)
    return row


def _marker_at(cells: list[str], columns: Columns) -> int | None:
    """Where the "Action"/"Progress" cell of a row is."""
    for name in ("marker", "action"):
        i = columns.index(name)
        if i is not None and i < len(cells) and MARKER.match(cells[i]):
            return i
    for i, cell in enumerate(cells):
        if MARKER.match(cell):
            return i
    return None


def _rating_cell(cells: list[str], columns: Columns, after: int, scan: bool = True) -> str | None:
    """The rating cell: the RAG column where it is filled, else (scan) a RAG word after the
    cell at `after`, for rows whose rating has slipped out of its column."""
    i = columns.index("rag")
    if i is not None and after < i < len(cells) and cells[i]:
        return cells[i]
    if not scan:
        return None
    for cell in cells[after + 1 :]:
        if rag_rating(cell) or done_status(cell):
            return cell
    return None
