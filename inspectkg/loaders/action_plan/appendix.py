"""The appendix of an action-plan progress report: numbered recommendations, each with its
action table, read line by line into recommendations and actions.

Converted reports break rows inside cells and tables at page ends; a plan cut short (a
recommendation with no table, a row cut off mid-cell, a rating cut short) is refused with the
line where it breaks, never read as if whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ...errors import LoadError
from ..records import Action, PlanRecommendation
from ..text import clean
from ..timescale import parse_timescale
from .table import (
    Columns,
    Row,
    column_row,
    done_status,
    header,
    is_marker_line,
    marker_row,
    rag_rating,
    split_cells,
)

# What may sit between two tables of one recommendation (a page footer, "continued").
_NOISE_WORDS = 3
# A recommendation line of the plan: "1.1 Ensure ...", "12 Commissioners ...", "Recommendation 3:".
_REC_LINE = re.compile(
    r"^\s*(?:[-*\u2022]\s+)?(?:recommendation\s+|rec\.?\s*)?"
    r"(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?(?:\s*[):\-\u2013])?\s+(?P<text>\S.*)$",
    re.I | re.S,
)
NEW_APPENDIX = re.compile(r"^\s*(?:appendix|annex)\b", re.I)


_SEE_ALSO = re.compile(r"\bsee\s+recommendations?\s+(\d{1,2}(?:\.\d{1,2})?)\b", re.I)


def see_also(text: str, own: str) -> tuple[str, ...]:
    """The other recommendations a cell points to ("See recommendation 1.2"), in order."""
    found = [m.group(1) for m in _SEE_ALSO.finditer(text[:5000])]
    return tuple(dict.fromkeys(n for n in found if n != own))


def rec_match(text: str) -> re.Match[str] | None:
    """The numbered recommendation a line opens, if it opens one (not a tab-split number)."""
    m = _REC_LINE.match(text)
    return m if m and "\t" not in m.group("num") else None


@dataclass
class _Paragraph:
    """Consecutive non-table lines between tables (a recommendation, or noise)."""

    lines: list[tuple[int, str]]
    after_row: bool  # starts on the line straight after a table row

    @property
    def number(self) -> str | None:
        """The recommendation number the paragraph opens with, or None for noise."""
        m = rec_match(self.lines[0][1])
        return m.group("num") if m else None


def _words(paragraph: _Paragraph) -> int:
    """How many words a paragraph has: a few are page noise, more are a lost heading."""
    return sum(len(text.split()) for _, text in paragraph.lines)


def _line_text(raw: str) -> str:
    """A text line that may carry stray tabs (a merged table cell): its cells joined."""
    return " ".join(c for c in split_cells(raw) if c)


class Appendix:
    """Reads the recommendation tables line by line, refusing what is cut off or damaged."""

    def __init__(self, lines: list[str], source: str) -> None:
        """Start with no table, recommendation or rows read."""
        self.lines = lines
        self.source = source
        self.recommendations: list[PlanRecommendation] = []
        self.actions: list[Action] = []
        self.columns: Columns | None = None
        self.rec: PlanRecommendation | None = None
        self.last: Action | None = None  # the last action of the current table
        self.pending: list[_Paragraph] = []
        self.prev: str = "blank"  # what the previous line was: blank, text, header or row
        self.rows: list[Row] = []
        self.table_rows = 0
        self.tail = lines[-1] if lines else ""  # the text's last line, before any joining

    def fail(self, reason: str) -> LoadError:
        """The error that refuses the report, naming its source."""
        return LoadError(self.source, reason)

    def read(self, start: int) -> None:
        """Read every line from `start` to the end of the plan, then check it is whole."""
        self.lines = _join_continuations(self.lines, start)
        for index in range(start, len(self.lines)):
            if self._line(self.lines[index], index + 1):
                break
        self._finish()

    def _heads_table(self, n: int) -> bool:
        """The line numbered n is a recommendation: numbered, and a table header follows."""
        if not rec_match(_line_text(self.lines[n - 1])):
            return False
        following = (self.lines[i] for i in range(n, len(self.lines)))  # no copy of the rest
        after = next((raw for raw in following if raw.strip(" \t")), None)
        return after is not None and header(after, n + 1) is not None

    def _line(self, raw: str, n: int) -> bool:
        """Take one line; True where the action plan has ended (a new appendix starts)."""
        cells = split_cells(raw) if "\t" in raw else [clean(raw)]
        if not any(cells):
            self.prev = "blank"
            return False
        columns = header(raw, n)
        if columns is not None:
            self._start_table(columns)
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

    def _row(self, cells: list[str], n: int) -> Row | None:
        """The table row a tabbed line holds, or None where it holds none."""
        if self.columns is None:
            return None
        row = marker_row(cells, self.columns, n)  # an "Action"/"Progress" cell decides
        if row is None and not self.columns.has_marker and sum(1 for c in cells if c) > 1:
            row = column_row(cells, self.columns, n)
        return row

    def _text(self, text: str, n: int) -> bool:
        """Take a line of text between tables; True where a new appendix ends the plan."""
        if self.prev == "text" and self.pending:
            self.pending[-1].lines.append((n, text))
            return False
        if self.recommendations and NEW_APPENDIX.match(text) and not rec_match(text):
            return True
        self.pending.append(_Paragraph([(n, text)], after_row=self.prev == "row"))
        self.prev = "text"
        return False

    def _start_table(self, columns: Columns) -> None:
        """Take a table header: the recommendation above it (if any) is now the current one."""
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
        numbered = [i for i, (_, t) in enumerate(last.lines) if rec_match(t)] if last else []
        if not numbered:
            if self.rec is None or (last and _words(last) > _NOISE_WORDS):
                raise self.fail(f"line {line}: action table has no numbered recommendation above")
            return None  # the current recommendation's table goes on after a page break
        first = numbered[-1]
        line_no = last.lines[first][0]
        m = rec_match(" ".join(t for _, t in last.lines[first:]))
        if m is None:  # cannot happen: its first line matched on its own
            raise self.fail(f"line {line_no}: recommendation line cannot be read")
        number = m.group("num")
        for existing in self.recommendations:
            if existing.number == number:
                return existing
        rec = PlanRecommendation(number=number, text=clean(m.group("text")), line=line_no)
        self.recommendations.append(rec)
        return rec

    def _take(self, row: Row) -> None:
        """Take a table row: an Action line starts an action, a Progress line adds to it."""
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

    def _action(self, row: Row) -> None:
        """Record an action of the current recommendation from its Action line."""
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
            rag=rag_rating(row.rag_text),
            line=row.line,
            progress_line=row.line if row.progress else None,
            timescale_start=parsed.start,
            timescale_end=parsed.end,
            timescale_status=parsed.status,
            progress_status=done_status(row.progress) or done_status(row.rag_text),
            rag_text=row.rag_text,
            rag_line=row.line if row.rag_text else None,
            see_also=see_also(" ".join(c for c in (row.objective, row.action, row.progress) if c),
                              self.rec.number),
        )
        self.actions.append(action)
        self.last = action

    def _progress(self, row: Row) -> None:
        """Add a Progress line's note, rating and status to the action above it (a new record
        in its place: records are never changed)."""
        action = self.last
        if action is None:
            raise self.fail(f"line {row.line}: Progress line has no Action line above it")
        changes: dict[str, object] = {}
        if action.progress_line is None:
            changes["progress_line"] = row.line
        if row.progress:  # a second Progress line adds to the first
            joined = f"{action.progress} {row.progress}" if action.progress else row.progress
            changes["progress"] = joined
        if action.rag_text is None and row.rag_text:
            changes.update(rag_text=row.rag_text, rag=rag_rating(row.rag_text), rag_line=row.line)
        changes["progress_status"] = (
            action.progress_status or done_status(row.progress) or done_status(row.rag_text)
        )
        self.last = replace(action, **changes)
        self.actions[-1] = self.last  # the action above is always the last one read

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
    columns: Columns | None = None
    for i in range(start, len(out)):
        raw = out[i]
        columns = header(raw, i + 1) or columns
        if columns is None or "\t" not in raw or not is_marker_line(raw):
            continue
        j = i + 1
        while j < len(out) and _continues(out[i], out[j], columns):
            out[i] = f"{out[i]} {out[j]}"
            out[j] = ""
            j += 1
    return out


def _continues(row: str, raw: str, columns: Columns) -> bool:
    """Whether `raw` carries on a cell of `row` that the conversion broke onto a new line."""
    if not raw.strip() or row.count("\t") >= columns.width - 1:
        return False
    if row.count("\t") + raw.count("\t") > columns.width - 1 or header(raw, 0):
        return False
    return not is_marker_line(raw) and not rec_match(clean(raw))


def appendix_start(lines: list[str], source: str) -> int:
    """Index of the line where the plan's tables begin: the paragraph above the first header."""
    first = next((i for i, raw in enumerate(lines) if header(raw, i + 1)), None)
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
        if "\t" in lines[i] and is_marker_line(lines[i]):
            raise LoadError(
                source, f"line {i + 1}: action rows come before any table header (cut off?)"
            )
    return start
