"""Ruled tables on a PDF page: the grid its drawn lines make, and the cells text falls in.

A table drawn with cell borders (Word, LibreOffice and reportlab all draw them as thin paths or
thin filled boxes) is read from its rules rather than from the gaps in its text: a row is the
band between two horizontal rules, a cell the part of the band between two vertical rules
that cross it. This also reads a table that carries on over a page break (no header on the
new page) and one whose cells are so full that no wide gap separates them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# A path this thin (points) is a rule.
_THIN = 2.5
# Rules closer than this (points) are one rule; ends this close touch.
_SNAP = 2.0
# A grid is a table when some row has at least this many cells.
_MIN_COLUMNS = 2
# An empty first cell narrower than this share of the table is an indent, not a column.
_INDENT_SHARE = 0.15


@dataclass
class Segment:
    """A rule: horizontal (``at`` = y, from ``lo`` to ``hi`` in x) or vertical (``at`` = x)."""

    at: float
    lo: float
    hi: float

    def covers(self, v: float, slack: float = _SNAP) -> bool:
        return self.lo - slack <= v <= self.hi + slack


@dataclass
class Grid:
    """The rules of one table, and its box."""

    h: list[Segment]
    v: list[Segment]
    x0: float = 0.0
    y0: float = 0.0
    x1: float = 0.0
    y1: float = 0.0
    bands: list[float] = field(default_factory=list)  # y of its horizontal rules, top down

    def contains(self, x0: float, x1: float, y: float) -> bool:
        return self.x0 - _SNAP <= x0 and x1 <= self.x1 + _SNAP and self.y0 <= y <= self.y1

    def walls(self, y: float) -> list[float]:
        """The x of the vertical rules that cross height y, left to right (borders too)."""
        xs = sorted({round(s.at, 1) for s in self.v if s.covers(y, 0.5)})
        out: list[float] = []
        for x in xs:
            if not out or x - out[-1] > _SNAP:
                out.append(x)
        return out

    def band(self, y: float) -> int | None:
        """Which row band (0 = top) height y is in, or None if above or below the grid."""
        for i in range(len(self.bands) - 1):
            if self.bands[i] >= y >= self.bands[i + 1]:
                return i
        return None


def segments(
    boxes: list[tuple[float, float, float, float]],
) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical rules from the boxes of a page's rules, collinear ones joined."""
    hs: list[Segment] = []
    vs: list[Segment] = []
    for left, bottom, right, top in boxes:
        w, h = right - left, top - bottom
        if h <= _THIN and w > _THIN:
            hs.append(Segment((top + bottom) / 2, left, right))
        elif w <= _THIN and h > _THIN:
            vs.append(Segment((left + right) / 2, bottom, top))
    return _join(hs), _join(vs)


def _join(segs: list[Segment]) -> list[Segment]:
    segs = sorted(segs, key=lambda s: (round(s.at / _SNAP), s.lo))
    out: list[Segment] = []
    for s in segs:
        last = out[-1] if out else None
        if last is not None and abs(last.at - s.at) <= _SNAP / 2 and s.lo <= last.hi + _SNAP:
            last.hi = max(last.hi, s.hi)
        else:
            out.append(Segment(s.at, s.lo, s.hi))
    return out


def grids(hs: list[Segment], vs: list[Segment]) -> list[Grid]:
    """Tables drawn on the page: sets of rules that touch one another, with two columns or more."""
    items = [("h", s) for s in hs] + [("v", s) for s in vs]
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (ki, si) in enumerate(items):
        if ki != "h":
            continue
        for j, (kj, sj) in enumerate(items):
            if kj == "v" and si.covers(sj.at) and sj.covers(si.at):
                parent[find(i)] = find(j)
    groups: dict[int, list[tuple[str, Segment]]] = {}
    for i, item in enumerate(items):
        groups.setdefault(find(i), []).append(item)
    out = []
    for members in groups.values():
        h = [s for k, s in members if k == "h"]
        v = [s for k, s in members if k == "v"]
        if len(h) < 2 or len(v) < 2:
            continue
        grid = Grid(h, v)
        grid.x0 = min(s.lo for s in h)
        grid.x1 = max(s.hi for s in h)
        grid.y0 = min(s.lo for s in v)
        grid.y1 = max(s.hi for s in v)
        ys = sorted({round(s.at, 1) for s in h}, reverse=True)
        for y in ys:
            if not grid.bands or grid.bands[-1] - y > _SNAP:
                grid.bands.append(y)
        if any(len(grid.walls(y)) - 1 >= _MIN_COLUMNS for y in _mids(grid.bands)):
            out.append(grid)
    return out


def _mids(bands: list[float]) -> list[float]:
    return [(a + b) / 2 for a, b in zip(bands, bands[1:], strict=False)]


def cells_of_band(grid: Grid, band: int, pieces: list[tuple[float, float, str]]) -> list[str]:
    """The texts of the cells of one row band, from its pieces (x0, baseline, text)."""
    top, bottom = grid.bands[band], grid.bands[band + 1]
    walls = grid.walls((top + bottom) / 2)
    if len(walls) < 2:
        walls = [grid.x0, grid.x1]
    cells: list[list[tuple[float, float, str]]] = [[] for _ in range(len(walls) - 1)]
    for piece in pieces:
        col = sum(1 for x in walls[1:-1] if x <= piece[0] + 1)
        cells[col].append(piece)
    texts = [" ".join(t for *_, t in sorted(c, key=lambda p: (-round(p[1]), p[0]))) for c in cells]
    narrow = walls[1] - walls[0] < _INDENT_SHARE * (grid.x1 - grid.x0)
    if len(texts) > 1 and not texts[0] and narrow:
        texts = texts[1:]
    return texts
