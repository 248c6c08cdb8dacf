"""Tables on a PDF page: rows rebuilt from where the text sits, cells in reading order.

pdfium reads a table line by line across its columns, so a row whose cells wrap comes out as
pieces of several cells on several lines ("2. Children looked after and achieving" /
"permanence" / "Inadequate"). A line with a gap much wider than a space (a `Line` of two or more
fragments) starts a table; neighbouring lines whose pieces fall inside its columns belong to
it. Rows are told apart by the table's ruling lines where it has them, else by the text: a row
is complete once a cell right of the first has text, and the next text in the first column
starts a new row. Each row becomes one line: its cells in column order, separated by a tab,
a cell's own lines joined by a space.
"""

from __future__ import annotations

from dataclasses import dataclass

from .pdf_layout import Fragment, Line

# How far (points) a piece may start left of its column, or overhang the next one.
_ALIGN = 4.0
# Column starts of two table lines closer than this (points) are the same column.
_SAME_COLUMN = 8.0
# A line more than this many font sizes below the one before it is not in the same table.
_MAX_STEP = 3.5
# A baseline step larger than this many font sizes leaves a cell's text and starts a new row.
_ROW_STEP = 1.45
# A rule separates rows if it runs along at least this share of the table's width.
_RULE_SPAN = 0.6


@dataclass
class Rule:
    """A horizontal ruling line (or the edge of a shaded box) of the page."""

    y: float
    x0: float
    x1: float


@dataclass
class Row:
    """A rebuilt table row: the lines it was made of, and its cells' texts in column order."""

    lines: list[Line]
    cells: list[str]

    @property
    def text(self) -> str:
        cells = list(self.cells)
        while cells and not cells[-1]:
            cells.pop()
        return "\t".join(cells)


@dataclass
class Table:
    """Consecutive lines of a page read as a table: its rows, top to bottom."""

    first: int  # index of its first line in the page's lines
    last: int  # index of its last line
    rows: list[Row]


def find_tables(lines: list[Line], rules: list[Rule]) -> list[Table]:
    """The tables among a page's lines (in reading order), each a run of consecutive lines."""
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        if len(lines[i].frags) < 2 or (tables and i <= tables[-1].last):
            i += 1
            continue
        columns = [f.x0 for f in lines[i].frags]
        first, last, columns = _grow(lines, i, columns, floor=tables[-1].last + 1 if tables else 0)
        table = _rows(lines, first, last, columns, rules)
        if table is not None:
            tables.append(table)
            i = table.last + 1
        else:
            i += 1
    return tables


def _grow(
    lines: list[Line], seed: int, columns: list[float], floor: int
) -> tuple[int, int, list[float]]:
    """The run of lines around a seed line that fit its columns."""
    last = seed
    while last + 1 < len(lines):
        nxt = lines[last + 1]
        merged = _fit(nxt, columns)
        if merged is None or not _near(lines[last], nxt):
            break
        columns = merged
        last += 1
    first = seed
    while first - 1 >= floor:
        prev = lines[first - 1]
        merged = _fit(prev, columns)
        if merged is None or not _near(prev, lines[first]):
            break
        columns = merged
        first -= 1
    return first, last, columns


def _near(upper: Line, lower: Line) -> bool:
    """Whether two lines are close enough (vertically) to belong to one table."""
    step = upper.base - lower.base
    return -upper.size * 1.5 <= step <= _MAX_STEP * max(upper.size, lower.size)


def _fit(line: Line, columns: list[float]) -> list[float] | None:
    """The columns, refined by the line, if every piece of the line falls inside one column."""
    if len(line.frags) >= 2:
        starts = [f.x0 for f in line.frags]
        if not _same_grid(starts, columns):
            return None
        return columns
    for f in line.frags:
        if _column_of(f, columns) is None:
            return None
    return columns


def _same_grid(starts: list[float], columns: list[float]) -> bool:
    """Whether a line's fragment starts fall on the table's columns (first column loosely)."""
    for x in starts[1:]:
        if not any(abs(x - c) <= _SAME_COLUMN for c in columns[1:]):
            return False
    return starts[0] >= columns[0] - 2 * _SAME_COLUMN and starts[0] < columns[1] - _ALIGN


def _column_of(f: Fragment, columns: list[float]) -> int | None:
    """The column a piece of text belongs to, or None if it straddles two or starts outside."""
    for j in range(len(columns) - 1, -1, -1):
        start = columns[j]
        if j > 0 and abs(f.x0 - start) <= _SAME_COLUMN:
            end = columns[j + 1] if j + 1 < len(columns) else None
            return j if end is None or f.x1 < end + _ALIGN else None
        if j == 0 and f.x0 >= start - 2 * _SAME_COLUMN:
            end = columns[1] if len(columns) > 1 else None
            return 0 if end is None or f.x1 < end - _ALIGN / 2 else None
        if j > 0 and f.x0 > start + _SAME_COLUMN:
            # Inside column j but not at its start: a wrapped, indented line of that cell.
            end = columns[j + 1] if j + 1 < len(columns) else None
            if end is None or f.x1 < end + _ALIGN:
                return j
            return None
    return None


def _rows(
    lines: list[Line], first: int, last: int, columns: list[float], rules: list[Rule]
) -> Table | None:
    ruled = _row_rules(lines[first : last + 1], rules)
    if ruled:
        groups = _rows_by_rules(lines, first, last, ruled)
    else:
        groups = _rows_by_text(lines, first, last, columns)
    if not groups:
        return None
    rows = [Row([lines[k] for k in g], _cells([lines[k] for k in g], columns)) for g in groups]
    if not ruled:
        # Without rules, rows of the first column only at either end are ordinary lines.
        while rows and _one_column(rows[0]):
            groups.pop(0)
            rows.pop(0)
        while rows and _one_column(rows[-1]):
            groups.pop()
            rows.pop()
    if not rows or not any(len([c for c in r.cells if c]) >= 2 for r in rows):
        return None
    return Table(groups[0][0], groups[-1][-1], rows)


def _one_column(row: Row) -> bool:
    return not any(row.cells[1:])


def _row_rules(lines: list[Line], rules: list[Rule]) -> list[float]:
    """The y of the rules that cross the table's width, top to bottom (empty if unruled)."""
    x0 = min(ln.x0 for ln in lines)
    x1 = max(ln.x1 for ln in lines)
    top = max(ln.y1 for ln in lines) + 30
    bottom = min(ln.y0 for ln in lines) - 30
    width = max(x1 - x0, 1.0)
    ys = sorted(
        {
            round(r.y, 0)
            for r in rules
            if bottom <= r.y <= top and (min(r.x1, x1) - max(r.x0, x0)) >= _RULE_SPAN * width
        },
        reverse=True,
    )
    merged: list[float] = []
    for y in ys:
        if not merged or merged[-1] - y > 2:
            merged.append(y)
    return merged if len(merged) >= 2 else []


def _rows_by_rules(lines: list[Line], first: int, last: int, ys: list[float]) -> list[list[int]]:
    """Lines grouped by the band between two rules their baseline falls in."""
    groups: dict[int, list[int]] = {}
    for k in range(first, last + 1):
        mid = lines[k].base + 0.3 * lines[k].size
        band = next((b for b in range(len(ys) - 1) if ys[b] >= mid >= ys[b + 1]), None)
        if band is None:
            continue
        groups.setdefault(band, []).append(k)
    ordered = [groups[b] for b in sorted(groups)]
    # Keep the table a run of consecutive lines: drop lines outside the first..last band.
    if not ordered:
        return []
    lo, hi = min(min(g) for g in ordered), max(max(g) for g in ordered)
    inside = {k for g in ordered for k in g}
    if len(inside) != hi - lo + 1:
        return []
    return ordered


def _rows_by_text(
    lines: list[Line], first: int, last: int, columns: list[float]
) -> list[list[int]]:
    """Lines grouped into rows when the table has no rules."""
    groups: list[list[int]] = []
    complete = False
    lowest = 0.0
    for k in range(first, last + 1):
        line = lines[k]
        cols = {_column_of(f, columns) for f in line.frags}
        starts_first = 0 in cols and _starts_column(line, columns[0])
        far = groups and lowest - line.base > _ROW_STEP * line.size
        if not groups or far or (complete and starts_first):
            groups.append([k])
            complete = any(c not in (0, None) for c in cols)
            lowest = line.base
            continue
        groups[-1].append(k)
        complete = complete or any(c not in (0, None) for c in cols)
        lowest = min(lowest, line.base)
    return groups


def _starts_column(line: Line, start: float) -> bool:
    return abs(line.frags[0].x0 - start) <= _SAME_COLUMN or line.frags[0].x0 < start


def _cells(lines: list[Line], columns: list[float]) -> list[str]:
    """The text of each column of a row, its pieces top to bottom."""
    pieces: list[list[Fragment]] = [[] for _ in columns]
    for line in lines:
        for f in line.frags:
            j = _column_of(f, columns)
            pieces[j if j is not None else 0].append(f)
    out = []
    for col in pieces:
        col.sort(key=lambda f: (-round(f.base, 0), f.x0))
        out.append(" ".join(f.text for f in col))
    return out
