"""What a PDF prints in its margins: running headers and footers, page numbers, footnotes.

Running lines are found by what repeats: a piece of text of the same shape (digits aside) and
size at about the same height in the top or bottom lines of most pages. Footnotes are found by
size and place: the lowest lines of a page, smaller than the body text, starting with a number.
Nothing here knows any publisher's wording.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from .pdf_layout import Line, PageLayout

# How many of a page's top and bottom lines may be running lines, and how far in they may sit.
_EDGE_LINES = 3
_EDGE_ZONE = 0.2
# A lone page number repeats on at least this share of the pages (and on two at least); other
# running text on as many pages, or on this many in a row (a section's own running header).
_REPEAT_SHARE = 0.5
_REPEAT_PAGES = 3
# Its height on the pages it repeats on varies by no more than this (points).
_SAME_HEIGHT = 12.0
# Footnote text is at most this share of the body text's size; a note number on a line of its
# own this share of its text's.
_FOOTNOTE_SIZE = 0.92
SMALL_NUMBER = 0.85
# ... and lies in the lower part of the page.
_FOOTNOTE_ZONE = 0.5

_NUMBER_ONLY = re.compile(r"^\s*(?:page\s*)?#(?:\s*(?:of|/)\s*#)?\s*$", re.IGNORECASE)
_FOOTNOTE_START = re.compile(r"^\s*(\d{1,3})(?:\s+|(?=[A-Z]))(\S.*)$")
_DIGITS = re.compile(r"^\s*(\d{1,3})\s*$")


@dataclass(frozen=True)
class RunningText:
    """A running header or footer, kept once: where it was and its text where first seen."""

    side: str  # "header" or "footer"
    text: str
    page: int


@dataclass(frozen=True)
class Footnote:
    """A footnote's number and text, and the page it is printed on."""

    number: str
    text: list[str]  # its lines, top to bottom
    page: int


def shape(text: str) -> str:
    """Text with digits as '#', case and spacing folded: the same on every page."""
    return " ".join(re.sub(r"\d+", "#", text.lower()).split())


def strip_running(pages: list[PageLayout]) -> list[RunningText]:
    """Remove running headers, footers and page numbers from the pages; return them once each.

    Lone page numbers are dropped; other running text is returned so that nothing printed is
    lost (a report's only statement of its authority may be its running header).
    """
    if len(pages) < 2:
        return []
    numbers_need = max(2, math.ceil(_REPEAT_SHARE * len(pages)))
    text_need = min(numbers_need, _REPEAT_PAGES)
    seen: dict[tuple[str, str, int], list[tuple[int, int, int, float]]] = defaultdict(list)
    for p, page in enumerate(pages):
        for side, idxs in _edges(page).items():
            for i in idxs:
                for j, frag in enumerate(page.lines[i].frags):
                    key = (side, shape(frag.text), round(frag.size))
                    seen[key].append((p, i, j, frag.base))
    drop: dict[int, set[tuple[int, int]]] = defaultdict(set)
    kept: list[RunningText] = []
    order: list[tuple[int, int, int]] = []
    for (side, form, _), hits in seen.items():
        cluster = _same_height(hits)
        number = bool(_NUMBER_ONLY.match(form))
        if not form or len(cluster) < (numbers_need if number else text_need):
            continue
        if not number and len(cluster) < numbers_need and _longest_run(cluster) < text_need:
            continue  # on a few scattered pages: a heading that recurs, not a running line
        if not number and sum(ch.isalpha() for ch in form) < 2:
            continue
        for p, i, j, _ in cluster:
            drop[p].add((i, j))
        if not number:
            p, i, j, _ = min(cluster)
            texts = [(pages[q].number, pages[q].lines[a].frags[b].text) for q, a, b, _ in cluster]
            kept.append(RunningText(side, _without_page_number(texts), pages[p].number))
            order.append((p, i, j))
    for p, where in drop.items():
        page = pages[p]
        lines = []
        for i, line in enumerate(page.lines):
            frags = [f for j, f in enumerate(line.frags) if (i, j) not in where]
            if frags:
                line.frags = frags
                lines.append(line)
        page.lines = lines
    out: list[RunningText] = []
    for _, r in sorted(zip(order, kept, strict=True)):
        if not any(o.side == r.side and o.text == r.text for o in out):
            out.append(r)
    return out


def _longest_run(cluster: list[tuple[int, int, int, float]]) -> int:
    """The most pages in a row the text is on (every page, or every other page)."""
    pages = sorted({h[0] for h in cluster})
    best = run = 1
    for a, b in zip(pages, pages[1:], strict=False):
        run = run + 1 if b - a <= 2 else 1  # left and right pages may differ
        best = max(best, run)
    return best


def _without_page_number(texts: list[tuple[int, str]]) -> str:
    """The first text without a number at its start or end that follows the page number."""
    for pattern in (r"^(\d{1,4})\s+(.*)$", r"^(.*?)\s+(\d{1,4})$"):
        found = [(page, re.match(pattern, t)) for page, t in texts]
        if all(m for _, m in found) and len(found) >= 2:
            nums = [(page, int(m.group(1) if m.group(1).isdigit() else m.group(2)))
                    for page, m in found if m]
            if len({n - page for page, n in nums}) == 1:
                m = found[0][1]
                assert m is not None
                return m.group(2) if m.group(1).isdigit() else m.group(1)
    return texts[0][1]


def _edges(page: PageLayout) -> dict[str, list[int]]:
    """Indices of the page's top and bottom lines that lie in its margins."""
    order = sorted(range(len(page.lines)), key=lambda i: -page.lines[i].y1)
    top = [i for i in order[:_EDGE_LINES] if page.lines[i].y0 > page.height * (1 - _EDGE_ZONE)]
    bottom = [i for i in order[-_EDGE_LINES:] if page.lines[i].y1 < page.height * _EDGE_ZONE]
    return {"header": top, "footer": [i for i in bottom if i not in top]}


def _same_height(
    hits: list[tuple[int, int, int, float]],
) -> list[tuple[int, int, int, float]]:
    """The occurrences around the commonest height (one per page)."""
    centre = max(hits, key=lambda h: sum(abs(o[3] - h[3]) <= _SAME_HEIGHT for o in hits))[3]
    chosen: dict[int, tuple[int, int, int, float]] = {}
    for h in sorted(hits, key=lambda h: abs(h[3] - centre)):
        if abs(h[3] - centre) <= _SAME_HEIGHT and h[0] not in chosen:
            chosen[h[0]] = h
    return sorted(chosen.values())


def body_size(pages: list[PageLayout]) -> float:
    """The font size most of the document's text is set in."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            for f in line.frags:
                sizes[round(f.size * 2) / 2] += len(f.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def take_footnotes(page: PageLayout, body: float) -> list[Footnote]:
    """Remove the footnotes printed at the foot of a page and return them."""
    if not page.lines or body <= 0:
        return []
    order = sorted(range(len(page.lines)), key=lambda i: page.lines[i].base)
    block: list[int] = []
    for i in order:
        line = page.lines[i]
        if line.size <= _FOOTNOTE_SIZE * body and len(line.frags) == 1 and not _in_grid(page, line):
            block.append(i)
        else:
            break
    if not block:
        return []
    block.sort(key=lambda i: -page.lines[i].base)  # top to bottom
    rest = [ln for k, ln in enumerate(page.lines) if k not in set(block)]
    if not rest or min(ln.base for ln in rest) < page.lines[block[0]].base:
        return []  # a page all in small print, or small lines that are not at its foot
    if page.lines[block[0]].base > page.height * _FOOTNOTE_ZONE:
        return []
    # The block starts at its first numbered line; small lines above it are not footnotes.
    lines = [page.lines[i] for i in block]
    start = next((k for k, ln in enumerate(lines) if _number(ln) is not None), None)
    if start is None or not _marked(page, lines, start, set(block)):
        return []
    notes = _split(lines[start:], page.number)
    if not notes:
        return []
    taken = set(block[start:])
    page.lines = [ln for k, ln in enumerate(page.lines) if k not in taken]
    return notes


def _in_grid(page: PageLayout, line: Line) -> bool:
    return any(g.contains(line.x0, line.x1, line.base) for g in page.grids)


def _marked(page: PageLayout, lines: list[Line], start: int, block: set[int]) -> bool:
    """Whether the first footnote's number is printed as a note number: set small (or raised)
    at the foot, or found as a marker in the text above."""
    first = lines[start]
    number = _number(first)
    if number is None:
        return False
    above = [ln for k, ln in enumerate(page.lines) if k not in block]
    if any(number in ln.markers for ln in above):
        return True
    if _DIGITS.match(first.text):
        after = lines[start + 1] if start + 1 < len(lines) else None
        return after is not None and first.size <= SMALL_NUMBER * after.size
    if first.frags[0].lead_sup is not None:
        return True
    glued = re.compile(rf"[a-z]{number}(?=[\s.,;:)]|$)")
    return any(glued.search(ln.text) for ln in above)


def _number(line: Line) -> str | None:
    m = _DIGITS.match(line.text) or _FOOTNOTE_START.match(line.text)
    return m.group(1) if m else None


def _split(lines: list[Line], page: int) -> list[Footnote]:
    """Footnotes from the lines of a page's foot: each begins with its number."""
    notes: list[Footnote] = []
    number: str | None = None
    body: list[str] = []
    for line in lines:
        m = _DIGITS.match(line.text)
        start = _FOOTNOTE_START.match(line.text)
        expected = number is None or (
            (m or start) and int((m or start).group(1)) == int(number) + 1  # type: ignore[union-attr]
        )
        if m and expected:
            if number is not None:
                notes.append(Footnote(number, body, page))
            number, body = m.group(1), []
        elif start and expected and (number is None or body):
            if number is not None:
                notes.append(Footnote(number, body, page))
            number, body = start.group(1), [start.group(2)]
        else:
            body.append(line.text)
    if number is not None and body:
        notes.append(Footnote(number, body, page))
    return notes
