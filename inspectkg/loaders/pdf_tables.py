"""Tables on a PDF page: rows rebuilt from where the text sits, cells in reading order.

pdfium reads a table line by line across its columns, so a row whose cells wrap comes out as
pieces of several cells on several lines ("2. Children looked after and achieving" /
"permanence" / "Inadequate"). A table drawn with rules is read from them (`pdf_grid`). Else a
line with a gap much wider than a space (a `Line` of two or more fragments) starts a table, and
neighbouring lines whose pieces fall inside its columns (between its gutters) belong to it.
Rows are then told apart by horizontal rules where there are some, else by the text: a row is
complete once a cell right of the first has text, and the next text at the first column's
left edge starts a new row. Each row becomes one line: its cells in column order, separated
by a tab, a cell's own lines joined by a space.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .pdf_grid import Grid, Segment, cells_of_band
from .pdf_layout import Fragment, Line

# Lines starting within this (points) of a column's left edge start a new cell there.
_SAME_COLUMN = 8.0
# A line more than this many font sizes below the one before it is not in the same table.
_MAX_STEP = 3.5
# A baseline step larger than this many font sizes leaves a cell's text and starts a new row.
_ROW_STEP = 1.45
# Lines of a table are set within this share of the size of the line that starts it.
_SIZE_CHANGE = 0.3
# A rule separates rows if it runs along at least this share of the table's width.
_RULE_SPAN = 0.6


@dataclass
class Row:
    """A rebuilt table row: the lines it was made of, and its cells' texts in column order."""

    lines: list[Line]
    cells: list[str]


@dataclass
class Table:
    """Consecutive lines of a page read as a table: its rows, top to bottom."""

    first: int  # index of its first line in the page's lines
    last: int  # index of its last line
    rows: list[Row]
    others: list[int] = field(default_factory=list)  # lines among them outside the table


def grid_tables(lines: list[Line], grids: list[Grid]) -> list[Table]:
    """The ruled tables of a page: every line inside a grid's box, read cell by cell."""
    tables = []
    for grid in grids:
        inside = [
            k for k, ln in enumerate(lines)
            if all(
                grid.contains(f.x0, f.x1, f.base + 0.3 * f.size)
                and grid.band(f.base + 0.3 * f.size) is not None
                for f in ln.frags
            )
        ]
        if not inside:
            continue
        bands: dict[int, list[tuple[float, float, str]]] = {}
        members: dict[int, list[Line]] = {}
        for k in inside:
            for f in lines[k].frags:
                b = grid.band(f.base + 0.3 * f.size)
                assert b is not None
                bands.setdefault(b, []).append((f.x0, f.base, f.text))
                if lines[k] not in members.setdefault(b, []):
                    members[b].append(lines[k])
        rows = []
        for b in sorted(bands):
            cells = cells_of_band(grid, b, bands[b])
            if any(cells):
                rows.append(Row(members[b], cells))
        if not rows:
            continue
        first, last = inside[0], inside[-1]
        others = [k for k in range(first, last + 1) if k not in set(inside)]
        tables.append(Table(first, last, rows, others))
    tables.sort(key=lambda t: t.first)
    out: list[Table] = []
    for t in tables:  # grids whose lines interleave are read as one would be: keep the first
        if not out or t.first > out[-1].last:
            out.append(t)
    return out


class Gutters:
    """The blank strips between a table's columns, narrowed by every line that joins it."""

    def __init__(self, line: Line) -> None:
        self.spans = [[a.x1, b.x0] for a, b in zip(line.frags, line.frags[1:], strict=False)]
        self.left = line.frags[0].x0  # where the first column's text starts

    def column(self, f: Fragment) -> int | None:
        """The column of a piece of text, or None if it crosses a gutter."""
        col = 0
        for lo, hi in self.spans:
            if f.x0 > lo + 1:
                col += 1
            elif f.x1 >= hi - 1:
                return None
        return col

    def fit(self, line: Line) -> bool:
        """Whether the line's pieces fall in the columns (one piece per column at most);
        if so, narrow the gutters to leave room for them."""
        cols = [self.column(f) for f in line.frags]
        if any(c is None for c in cols) or len(set(cols)) != len(cols):
            return False
        for f, c in zip(line.frags, cols, strict=True):
            assert c is not None
            if c < len(self.spans):
                self.spans[c][0] = max(self.spans[c][0], f.x1)
            if c > 0:
                self.spans[c - 1][1] = min(self.spans[c - 1][1], f.x0)
            if c == 0:
                self.left = min(self.left, f.x0)
        return all(lo < hi for lo, hi in self.spans)


def find_tables(lines: list[Line], rules: list[Segment], grids: list[Grid]) -> list[Table]:
    """The tables among a page's lines (in reading order), each a run of consecutive lines:
    ruled tables first, then tables told by the gaps in their text."""
    ruled = grid_tables(lines, grids)
    taken = {k for t in ruled for k in range(t.first, t.last + 1)}
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        if len(lines[i].frags) < 2 or i in taken or (tables and i <= tables[-1].last):
            i += 1
            continue
        floor = max([tables[-1].last + 1 if tables else 0] + [k + 1 for k in taken if k < i])
        first, last, gutters = _grow(lines, i, floor)
        nxt = min([k for k in taken if k > i], default=None)
        if nxt is not None:
            last = min(last, nxt - 1)
        table = _rows(lines, first, last, gutters, rules)
        if table is not None:
            tables.append(table)
            i = table.last + 1
        else:
            i += 1
    return sorted(ruled + tables, key=lambda t: t.first)


def _grow(lines: list[Line], seed: int, floor: int) -> tuple[int, int, Gutters]:
    """The run of lines around a seed line that fit its columns and follow on below or above
    the table's text (a row's cell may hold several lines before the next row starts)."""
    gutters = Gutters(lines[seed])
    size = lines[seed].size
    last = seed
    lowest = lines[seed].base
    while last + 1 < len(lines) and _near(lines[last + 1], lowest, below=True, size=size):
        if not gutters.fit(lines[last + 1]):
            break
        last += 1
        lowest = min(lowest, lines[last].base)
    first = seed
    highest = max(ln.base for ln in lines[first : last + 1])
    while first - 1 >= floor and _near(lines[first - 1], highest, below=False, size=size):
        if not gutters.fit(lines[first - 1]):
            break
        first -= 1
        highest = max(highest, lines[first].base)
    return first, last, gutters


def _near(line: Line, edge: float, *, below: bool, size: float) -> bool:
    """Whether a line is close enough to the table's text (``edge``: its lowest baseline when
    the line comes after it, its highest when before) to belong to it, and in its type size
    (a heading above a table is not part of it). A line may sit a little beyond the edge: a
    cell's text beside a taller cell."""
    if abs(line.size - size) > _SIZE_CHANGE * size:
        return False
    step = edge - line.base if below else line.base - edge
    return -line.size * 4 <= step <= _MAX_STEP * line.size


def _rows(
    lines: list[Line], first: int, last: int, gutters: Gutters, rules: list[Segment]
) -> Table | None:
    ruled = _row_rules(lines[first : last + 1], rules)
    if ruled:
        groups = _rows_by_rules(lines, first, last, ruled)
    else:
        groups = _rows_by_text(lines, first, last, gutters)
    if not groups:
        return None
    rows = [Row([lines[k] for k in g], _cells([lines[k] for k in g], gutters)) for g in groups]
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


def _row_rules(lines: list[Line], rules: list[Segment]) -> list[float]:
    """The y of the rules that cross the table's width, top to bottom (empty if unruled)."""
    x0 = min(ln.x0 for ln in lines)
    x1 = max(ln.x1 for ln in lines)
    top = max(ln.y1 for ln in lines) + 30
    bottom = min(ln.y0 for ln in lines) - 30
    width = max(x1 - x0, 1.0)
    ys = sorted(
        {
            round(r.at, 0)
            for r in rules
            if bottom <= r.at <= top and (min(r.hi, x1) - max(r.lo, x0)) >= _RULE_SPAN * width
        },
        reverse=True,
    )
    merged: list[float] = []
    for y in ys:
        if not merged or merged[-1] - y > 2:
            merged.append(y)
    inner = [y for y in merged if min(ln.base for ln in lines) < y < max(ln.base for ln in lines)]
    return merged if len(merged) >= 2 and inner else []  # rules only around it: no row rules


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


def _rows_by_text(lines: list[Line], first: int, last: int, gutters: Gutters) -> list[list[int]]:
    """Lines grouped into rows when the table has no rules."""
    groups: list[list[int]] = []
    complete = False
    lowest = 0.0
    for k in range(first, last + 1):
        line = lines[k]
        cols = {gutters.column(f) for f in line.frags}
        starts_first = 0 in cols and line.frags[0].x0 <= gutters.left + _SAME_COLUMN
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


def _cells(lines: list[Line], gutters: Gutters) -> list[str]:
    """The text of each column of a row, its pieces top to bottom."""
    pieces: list[list[Fragment]] = [[] for _ in range(len(gutters.spans) + 1)]
    for line in lines:
        for f in line.frags:
            j = gutters.column(f)
            pieces[j if j is not None else 0].append(f)
    out = []
    for col in pieces:
        col.sort(key=lambda f: (-round(f.base, 0), f.x0))
        out.append(" ".join(f.text for f in col))
    return out
