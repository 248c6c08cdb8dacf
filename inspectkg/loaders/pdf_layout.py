"""The geometry of a PDF page's text layer: visual lines split into fragments at wide gaps.

pdfium gives a page's text in reading order with a line break where the baseline changes. This
module adds what clean-up needs and the plain text lacks: where each line sits on the page, its
font size, and where a line holds cells of a table (a gap much wider than a space). It asks
pdfium about runs of characters (rectangles), not every character, because one call per
character would cost more than the whole rest of the reading.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c

# A gap wider than this many font sizes separates two cells, not two words; one this wide
# does where other lines of the page have a column.
CELL_GAP = 1.5
RESPLIT_GAP = 0.6
# A bullet or paragraph number is followed by a tab of at most this many font sizes; a wider
# gap after a number makes it a table cell of its own.
MARKER_TAB = 3.0
# A path no wider (or taller) than this many points is a rule.
RULE_WIDTH = 2.5
# Digits this much smaller than their neighbour, or raised this much, are a footnote marker.
SUPERSCRIPT_SIZE = 0.85
SUPERSCRIPT_RISE = 0.2

# A list marker that may be followed by a wide gap without making the line a table row.
_LIST_MARKER = re.compile(r"^\s*(?:\S|\(?[0-9]{1,3}(?:\.[0-9]{1,2})*[.)]?|\(?[a-z]{1,4}[.)])\s*$")
# Digits glued to the end of a word: possibly a superscript footnote marker ("Board1").
_GLUED_DIGITS = re.compile(r"(?<=[^\s\d\-–−/.,:(£$%#])([0-9]{1,2})(?=[\s.,;:)’'\"]|$)")
_ANY_DIGIT = re.compile(r"\d")
_DIGITS_ONLY = re.compile(r"^\s*[0-9]{1,2}\s*$")


@dataclass
class Fragment:
    """Text of one line between wide gaps, with its box (PDF points, y up) and font size."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    base: float  # baseline of its first character
    size: float  # font size of its first letter
    start: int = 0  # index of its first character in the page's text
    lead_gap: float | None = None  # gap after a leading one-character marker ("– text")
    end_base: float | None = None  # baseline of its last character, if on a lower line
    # Superscript digits it starts with ("³ all of whom"), and the baseline of the text after.
    lead_sup: tuple[str, float] | None = None
    markers: list[str] = field(default_factory=list)  # superscript digits taken out of it


@dataclass
class Line:
    """One visual line: its fragments left to right."""

    frags: list[Fragment]
    markers: list[str] = field(default_factory=list)  # footnote markers taken out of it
    # Where it came from in the page's text, and its runs of characters (for `_resplit`).
    span: tuple[int, int] | None = field(default=None, repr=False)
    rects: list[tuple[float, float, float, float]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        for f in self.frags:
            self.markers.extend(f.markers)

    @property
    def text(self) -> str:
        return " ".join(f.text for f in self.frags)

    @property
    def x0(self) -> float:
        return min(f.x0 for f in self.frags)

    @property
    def x1(self) -> float:
        return max(f.x1 for f in self.frags)

    @property
    def y0(self) -> float:
        return min(f.y0 for f in self.frags)

    @property
    def y1(self) -> float:
        return max(f.y1 for f in self.frags)

    @property
    def base(self) -> float:
        return min(f.base for f in self.frags)

    @property
    def size(self) -> float:
        return max(f.size for f in self.frags)

    @property
    def bottom(self) -> float:
        """Baseline of its lowest text: lower than `base` where pdfium joined a hyphenated
        word's two lines into one."""
        return min(f.base if f.end_base is None else f.end_base for f in self.frags)


@dataclass
class PageLayout:
    """A page's visual lines in reading order, with the page's size."""

    number: int  # 1-based
    width: float
    height: float
    lines: list[Line]
    rules: list = field(default_factory=list)  # horizontal rules (`pdf_grid.Segment`)
    grids: list = field(default_factory=list)  # ruled tables (`pdf_grid.Grid`)


class _Probe:
    """Small reusable ctypes buffers for pdfium's out-parameters."""

    def __init__(self, textpage: object) -> None:
        self.tp = textpage
        self.a, self.b, self.c, self.d = (ctypes.c_double() for _ in range(4))
        self.refs = tuple(ctypes.byref(v) for v in (self.a, self.b, self.c, self.d))

    def rects(self, start: int, count: int) -> list[tuple[float, float, float, float]]:
        """(left, bottom, right, top) of the runs of characters start..start+count."""
        out = []
        n = pdfium_c.FPDFText_CountRects(self.tp, start, count)
        for i in range(n):
            pdfium_c.FPDFText_GetRect(self.tp, i, *self.refs)  # left, top, right, bottom
            out.append((self.a.value, self.d.value, self.c.value, self.b.value))
        return out

    def origin(self, index: int) -> tuple[float, float]:
        pdfium_c.FPDFText_GetCharOrigin(self.tp, index, self.refs[0], self.refs[1])
        return self.a.value, self.b.value

    def size(self, index: int) -> float:
        return float(pdfium_c.FPDFText_GetFontSize(self.tp, index))

    def box(self, index: int) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) of one character."""
        pdfium_c.FPDFText_GetCharBox(self.tp, index, *self.refs)  # left, right, bottom, top
        return self.a.value, self.c.value, self.b.value, self.d.value

    def index_at(self, x: float, y: float) -> int:
        return int(pdfium_c.FPDFText_GetCharIndexAtPos(self.tp, x, y, 1.0, 1.0))


def page_text(textpage: object, count: int) -> str:
    """The page's text, one character per pdfium index (so indices line up with the text)."""
    n = count
    buf = ctypes.create_string_buffer((n + 1) * 2)
    out = ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort))
    got = pdfium_c.FPDFText_GetText(textpage, 0, n, out)
    text = buf.raw[: max(got - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if len(text) == n:
        return text
    # Characters beyond the BMP take two UTF-16 units: ask for them one by one instead.
    return "".join(_char(pdfium_c.FPDFText_GetUnicode(textpage, i)) for i in range(n))


def _char(code: int) -> str:
    try:
        return chr(code)
    except (ValueError, OverflowError):
        return "\ufffd"


def read_layout(
    textpage: object, number: int, width: float, height: float, walls: list | None = None
) -> PageLayout:
    """The visual lines of one page; a line is split where a table's vertical rule (``walls``,
    `pdf_grid.Segment`) runs between two of its runs of text."""
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return PageLayout(number, width, height, [])
    text = page_text(textpage, count)
    probe = _Probe(textpage)
    raw_lines: list[Line] = []
    start = 0
    while start < len(text):
        end = text.find("\r\n", start)
        if end < 0:
            end = len(text)
        if text[start:end].strip():
            line = _line(probe, text, start, end, walls or [])
            if line is not None:
                raw_lines.append(line)
        start = end + 2
    lines = _merge_visual(raw_lines)
    _resplit(probe, text, lines)
    for line in lines:
        line.rects = []
    return PageLayout(number, width, height, lines)


def _line(probe: _Probe, text: str, start: int, end: int, walls: list) -> Line | None:
    """One pdfium line split into fragments at gaps wider than a few spaces, and at rules."""
    rects = [r for r in probe.rects(start, end - start) if r[2] > r[0]]
    if not rects:
        return None
    first = _first_visible(text, start, end)
    size = _letter_size(probe, text, first, end)
    splits: list[int] = []
    for a, b in zip(rects, rects[1:], strict=False):
        wide = b[0] - a[2] > CELL_GAP * size
        if (wide or _wall_between(walls, a, b)) and b[1] < a[3] and b[3] > a[1]:
            idx = _index_near(probe, text, start, end, b)
            if idx is not None and idx > start and (not splits or idx > splits[-1]):
                splits.append(idx)
    bounds = [start, *splits, end]
    frags = []
    for s, e in zip(bounds, bounds[1:], strict=False):
        frag = _fragment(probe, text, s, e, rects)
        if frag is not None:
            frags.append(frag)
    frags = _rejoin_markers(frags)
    if not frags:
        return None
    return Line(frags, span=(start, end), rects=rects)


def _resplit(probe: _Probe, text: str, lines: list[Line]) -> None:
    """Split single-piece lines at the page's table columns where a narrower gap falls on one.

    A cell whose text nearly fills its column leaves a gap narrower than `CELL_GAP` before the
    next cell; that gap still falls where other rows of the table have theirs: on the left edge
    of a column, or before a number ending on a column's right edge (page numbers of a contents
    page, right-aligned).
    """
    lefts = sorted({round(f.x0) for ln in lines if len(ln.frags) > 1 for f in ln.frags[1:]})
    rights = sorted({round(f.x1) for ln in lines if len(ln.frags) > 1 for f in ln.frags[1:]})
    if not lefts:
        return
    for line in lines:
        if len(line.frags) != 1 or line.span is None or len(line.rects) < 2:
            continue
        start, end = line.span
        size = line.frags[0].size
        for a, b in zip(line.rects, line.rects[1:], strict=False):
            gap = b[0] - a[2]
            if gap < RESPLIT_GAP * size:
                continue
            on_left = any(abs(b[0] - x) <= 2 for x in lefts)
            tail = b is line.rects[-1] and text[start:end].rstrip()[-1:].isdigit()
            on_right = tail and any(abs(b[2] - x) <= 2 for x in rights)
            if not (on_left or on_right):
                continue
            idx = _index_near(probe, text, start, end, b)
            if idx is None or idx <= start:
                continue
            frags = [
                f for f in (
                    _fragment(probe, text, start, idx, line.rects),
                    _fragment(probe, text, idx, end, line.rects),
                ) if f is not None
            ]
            if len(frags) == 2 and not _LIST_MARKER.match(frags[0].text):
                line.frags = frags
            break


def _wall_between(
    walls: list, a: tuple[float, float, float, float], b: tuple[float, float, float, float]
) -> bool:
    """Whether a vertical rule runs between two runs of text on one line."""
    if not walls or b[0] < a[2] - 1:
        return False
    y = (a[1] + a[3]) / 2
    return any(a[2] - 1 <= w.at <= b[0] + 1 and w.lo - 1 <= y <= w.hi + 1 for w in walls)


def _first_visible(text: str, start: int, end: int) -> int:
    for i in range(start, end):
        if not text[i].isspace():
            return i
    return start


def _letter_size(probe: _Probe, text: str, first: int, end: int) -> float:
    """Font size of the first letter (a leading footnote number may be smaller)."""
    for i in range(first, min(end, first + 12)):
        if text[i].isalpha():
            return probe.size(i) or probe.size(first) or 10.0
    return probe.size(first) or 10.0


def _index_near(
    probe: _Probe, text: str, start: int, end: int, rect: tuple[float, float, float, float]
) -> int | None:
    """The index of the first character of a run of characters, found by its position."""
    x = rect[0] + min(1.0, (rect[2] - rect[0]) / 2)
    y = (rect[1] + rect[3]) / 2
    idx = probe.index_at(x, y)
    if start <= idx < end:
        while idx > start and not text[idx - 1].isspace() and probe.box(idx - 1)[0] >= rect[0] - 1:
            idx -= 1
        return idx
    # Not found by position: walk the characters after spaces until one starts the run.
    for i in range(start + 1, end):
        if text[i - 1].isspace() and not text[i].isspace() and probe.box(i)[0] >= rect[0] - 1:
            return i
    return None


def _fragment(
    probe: _Probe, text: str, s: int, e: int, rects: list[tuple[float, float, float, float]]
) -> Fragment | None:
    raw = text[s:e]
    if not raw.strip():
        return None
    first = _first_visible(text, s, e)
    last = e - 1
    while last > first and text[last].isspace():
        last -= 1
    x0 = probe.box(first)[0]
    x1 = probe.box(last)[2]
    inside = [r for r in rects if r[0] >= x0 - 1 and r[2] <= x1 + 1 and r[3] > r[1]]
    y0 = min((r[1] for r in inside), default=0.0)
    y1 = max((r[3] for r in inside), default=0.0)
    base = probe.origin(first)[1]
    size = _letter_size(probe, text, first, e)
    if not inside:
        box = probe.box(first)
        y0, y1 = box[1], box[3]
    body, markers = _without_glued_markers(probe, text, first, last + 1)
    frag = Fragment(body, x0, x1, y0, y1, base, size, first, markers=markers)
    if "\ufffe" in body:
        end = probe.origin(last)[1]
        if end < base - 0.5 * size:
            frag.end_base = end
    if text[first].isdigit():
        frag.lead_sup = _leading_superscript(probe, text, first, last + 1)
    if not text[first].isalnum() or text[first] == "o":
        nxt = first + 1
        while nxt <= last and text[nxt].isspace():
            nxt += 1
        if first + 1 < nxt <= last:
            frag.lead_gap = probe.box(nxt)[0] - probe.box(first)[2]
    return frag


def _leading_superscript(probe: _Probe, text: str, s: int, e: int) -> tuple[str, float] | None:
    """The digits a piece of text starts with, if they are superscript, and the baseline of
    the letters after them."""
    k = s
    while k < e and text[k].isdigit() and k - s < 2:
        k += 1
    after = k
    while after < e and text[after].isspace():
        after += 1
    if k == s or after >= e or not text[after].isalpha():
        return None
    if not _is_superscript(probe, s, after):
        return None
    return text[s:k], probe.origin(after)[1]


def _rejoin_markers(frags: list[Fragment]) -> list[Fragment]:
    """A bullet or a paragraph number before a tab is a hanging indent, not a table cell."""
    if (
        len(frags) >= 2
        and _LIST_MARKER.match(frags[0].text)
        and len(frags[0].text) <= 6
        and frags[1].x0 - frags[0].x1 <= MARKER_TAB * frags[1].size
    ):
        a, b = frags[0], frags[1]
        joined = Fragment(
            f"{a.text} {b.text}", a.x0, b.x1, min(a.y0, b.y0), max(a.y1, b.y1), b.base,
            b.size, a.start, lead_gap=b.x0 - a.x1, end_base=b.end_base,
            markers=a.markers + b.markers,
        )
        return [joined, *frags[2:]]
    return frags


def _without_glued_markers(probe: _Probe, text: str, s: int, e: int) -> tuple[str, list[str]]:
    """Text of s..e without superscript digits glued to a word ("Board1"), and those digits."""
    body = text[s:e]
    if not _ANY_DIGIT.search(body):
        return body, []
    out: list[str] = []
    markers: list[str] = []
    pos = 0
    for m in _GLUED_DIGITS.finditer(body):
        idx = s + m.start(1)
        if not _is_superscript(probe, idx, idx - 1):
            continue
        out.append(body[pos : m.start(1)])
        pos = m.end(1)
        markers.append(m.group(1))
    if not markers:
        return body, []
    out.append(body[pos:])
    return "".join(out), markers


def _is_superscript(probe: _Probe, idx: int, before: int) -> bool:
    size, prev = probe.size(idx), probe.size(before)
    if prev <= 0:
        return False
    if size < SUPERSCRIPT_SIZE * prev:
        return True
    return probe.origin(idx)[1] > probe.origin(before)[1] + SUPERSCRIPT_RISE * prev


def _merge_visual(lines: list[Line]) -> list[Line]:
    """Join pdfium lines that sit on one baseline (pdfium breaks a line at a superscript)."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and _is_marker_line(line, prev):
            prev.markers.append(line.text.strip())
            prev.frags[-1].x1 = max(prev.frags[-1].x1, line.x1)
            continue
        if prev is not None and _same_baseline(prev, line):
            _append(prev, line)
            continue
        if prev is not None and _marker_then_text(line, prev):
            first = line.frags[0]
            digits, base = first.lead_sup  # type: ignore[misc]
            first.text = first.text[len(digits) :].lstrip()
            first.base = base
            first.markers.insert(0, digits)
            line.markers.insert(0, digits)
            _append(prev, line)
            continue
        out.append(line)
    return out


def _marker_then_text(line: Line, prev: Line) -> bool:
    """A line that starts with a superscript marker and carries on the line before it."""
    first = line.frags[0]
    if first.lead_sup is None:
        return False
    size = max(prev.size, first.size)
    return abs(prev.frags[-1].base - first.lead_sup[1]) < 0.3 * size and (
        first.x0 >= prev.frags[-1].x1 - 1
    )


def _is_marker_line(line: Line, prev: Line) -> bool:
    """A line of one or two small digits beside the end of the line before it."""
    if len(line.frags) != 1 or not _DIGITS_ONLY.match(line.text):
        return False
    frag = line.frags[0]
    ref = prev.frags[-1]
    small = frag.size < SUPERSCRIPT_SIZE * ref.size
    beside = frag.x0 >= ref.x1 - 1 and frag.x0 - ref.x1 < 2 * ref.size
    level = ref.base - 0.3 * ref.size <= frag.base <= ref.base + ref.size
    return small and beside and level


def _same_baseline(prev: Line, line: Line) -> bool:
    size = max(prev.size, line.size)
    return abs(prev.frags[-1].base - line.frags[0].base) < 0.3 * size and (
        line.frags[0].x0 >= prev.frags[-1].x1 - 1
    )


def _append(prev: Line, line: Line) -> None:
    last, first = prev.frags[-1], line.frags[0]
    if first.x0 - last.x1 > CELL_GAP * max(last.size, first.size):
        prev.frags.extend(line.frags)
    else:
        last.text = f"{last.text} {first.text}"
        last.x1 = first.x1
        last.y0, last.y1 = min(last.y0, first.y0), max(last.y1, first.y1)
        prev.frags.extend(line.frags[1:])
    prev.markers.extend(line.markers)


def read_rules(page: object) -> list[tuple[float, float, float, float]]:
    """Boxes (left, bottom, right, top) of the page's drawn rules: thin paths, and the four
    sides of a stroked rectangle. Filled boxes are left out: they are shading (Word shades
    paragraphs line by line), not cell borders."""
    out = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    refs = [ctypes.byref(v) for v in (left, bottom, right, top)]
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for i in range(pdfium_c.FPDFPage_CountObjects(page)):
        obj = pdfium_c.FPDFPage_GetObject(page, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
            continue
        box = (left.value, bottom.value, right.value, top.value)
        if min(box[2] - box[0], box[3] - box[1]) <= RULE_WIDTH:
            out.append(box)
            continue
        pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
        if stroke.value and not fill.value and pdfium_c.FPDFPath_CountSegments(obj) <= 6:
            x0, y0, x1, y1 = box  # a drawn frame: its sides are rules
            out += [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]
    return out
