"""Read a PDF report's text layer with pypdfium2, page by page, into a `SourceText`.

Loaders read the text this module writes; these are the conventions it follows, for every kind
of report, so that a loader written for a text file reads the PDF of the same report too.

Lines and pages
  - One line per printed line, in the reading order of the text layer. ``SourceText.pages``
    gives the page (1-based) of every line of ``text``; lines carry no indentation (except
    nested bullets) and no trailing spaces; runs of spaces of any width are one space.
  - A blank line separates paragraphs: wherever the gap between two lines is clearly wider
    than the document's line spacing (so also before and after headings, tables and list
    items that are spaced out).
  - Page breaks leave no mark. A blank line stands at a page break unless the last line of the
    page stops mid-sentence and the next page's first line carries it on (not a bullet, not a
    numbered paragraph), so a paragraph split by a page break reads as one paragraph.
  - A blank line has the page of the line before it.

Removed from the pages (and kept once at the end)
  - Running headers and footers: text of the same shape (digits aside) and size at the same
    height in the top or bottom lines of at least half the pages. Lone page numbers ("7",
    "Page 7", "7 of 20") there are dropped. Each distinct running text is written once at the
    end of the document as ``[page header]: text`` or ``[page footer]: text`` (its first
    occurrence, with the page it was first seen on), so nothing printed is lost.
  - Footnotes: the lowest lines of a page, set smaller than the body text and starting with
    their number, are taken out of the page and written at the end of the document, one line
    each, ``[^N]: text``, with the page they were printed on. Footnote markers (superscript
    digits glued to a word, "Board1") are removed from the prose.
  - The end matter (footnotes first, then running texts) follows one blank line after the
    last line of the last page. It is the only place lines start with ``[^`` or ``[page ``.

Within lines
  - Bullets: any bullet glyph starting a line (symbol-font private-use glyphs such as U+F0A7,
    U+F06E, U+F0B7, geometric shapes such as ◼ and ▪, box-drawing and dingbat glyphs, and a
    dash, "o" or "*" followed by a tab) is written "• " at the start of the line. A nested
    bullet (its glyph further right than the bullet above it in the same list) is indented by
    two spaces per level: "  • sub-item". A bullet's wrapped lines follow it unindented.
  - Paragraph numbers stay at the start of their line with one space: "12. Text".
  - Tables: a line whose text has a gap much wider than a space starts a table, and its
    neighbours inside its columns join it. Each row is one line, its cells in column order
    separated by a tab ("The impact of leaders on social work practice ...\tGood"); a cell's
    wrapped lines are joined by a space. Trailing empty cells are dropped. Rows of one table
    are never separated by blank lines. Contents pages come out the same way ("Executive
    summary\t6").
  - Hyphens: U+FFFE (pdfium's mark of a hyphen at a line end) becomes "-"; a line ending in a
    hyphen is joined with the next line when that line starts in lower case. In both cases
    the hyphen is kept, unless the document itself writes the joined word more often without
    it. Soft hyphens (U+00AD) are removed. "\\r\\n" never appears.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium

from ..errors import LoadError
from .base import MIN_REPORT_CHARS, SourceText
from .pdf_clean import (
    Item,
    Vocabulary,
    bullet_levels,
    inner_glyphs,
    line_pitch,
    normalise,
    reflow,
    render,
    resolve_line_break_hyphens,
    right_margins,
    take_bullets,
)
from .pdf_grid import grids, segments
from .pdf_layout import Line, PageLayout, read_layout, read_rules
from .pdf_margins import Footnote, RunningText, body_size, strip_running, take_footnotes
from .pdf_tables import find_tables

PDF_MAGIC = b"%PDF-"
# PDF readers accept the header anywhere in the first kilobyte.
_HEADER_WINDOW = 1024
# A complete PDF ends with %%EOF (a few bytes of padding may follow it).
_EOF_WINDOW = 2048
_ENCRYPT = re.compile(rb"/Encrypt\b")
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?!s)\b")
_EMPTY_PAGE_TREE = re.compile(rb"/Count\s+0\b")


def is_pdf(data: bytes) -> bool:
    """Whether bytes are a PDF file, judged by the header, never by a file name."""
    return PDF_MAGIC in data[:_HEADER_WINDOW]


def read_pdf(data: bytes, path: str | Path = "<pdf>") -> SourceText:
    """The cleaned text of a PDF's text layer, with the page of every line.

    Raises `LoadError` (one line naming the file and the reason) for a PDF that is truncated,
    corrupt, encrypted, has no pages, or has no text layer.
    """
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise LoadError(path, "truncated PDF (no end-of-file marker): download it again")
    pages, count = _read_pages(data, path)
    chars = sum(len(f.text.strip()) for p in pages for ln in p.lines for f in ln.frags)
    if chars < MIN_REPORT_CHARS:
        raise LoadError(
            path, "PDF has no text layer (a scanned image?): run OCR on it first, e.g. ocrmypdf"
        )
    lines, page_of = compose(pages)
    return SourceText(str(path), "\n".join(lines), tuple(page_of), "pdf", count)


def _read_pages(data: bytes, path: str | Path) -> tuple[list[PageLayout], int]:
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        raise LoadError(path, _open_error(data)) from None
    try:
        count = len(doc)
        if count == 0:
            raise LoadError(path, "PDF has no pages")
        pages = []
        for i in range(count):
            page = doc[i]
            textpage = page.get_textpage()
            try:
                width, height = page.get_size()
                hs, vs = segments(read_rules(page.raw))
                tables = grids(hs, vs)
                walls = [v for g in tables for v in g.v]
                layout = read_layout(textpage.raw, i + 1, width, height, walls)
                layout.rules, layout.grids = hs, tables
                pages.append(layout)
            finally:
                textpage.close()
                page.close()
        return pages, count
    except pdfium.PdfiumError as exc:
        raise LoadError(path, f"corrupt PDF ({exc})") from None
    finally:
        doc.close()


def _open_error(data: bytes) -> str:
    """Why pdfium could not open a file, in a user's words.

    Told from the file itself: pdfium's error code is not reset between calls, so after one
    bad file it may still give the reason for the one before.
    """
    if _ENCRYPT.search(data):
        return "encrypted PDF (password-protected): save an unprotected copy to read it"
    if not _PAGE_OBJECT.search(data) and _EMPTY_PAGE_TREE.search(data):
        return "PDF has no pages"
    return "corrupt PDF (pdfium cannot read its structure)"


def compose(pages: list[PageLayout]) -> tuple[list[str], list[int]]:
    """The document's lines (and each line's page) from its pages' layouts."""
    running = strip_running(pages)
    body = body_size(pages)
    notes: list[Footnote] = []
    items: list[Item] = []
    tables = 0
    for page in pages:
        found = take_footnotes(page, body)
        notes.extend(found)
        marked = {m for ln in page.lines for m in ln.markers}
        first = len(items)
        tables = _page_items(page, items, tables)
        unmarked = {n.number for n in found} - marked
        if unmarked:
            _drop_plain_markers(items[first:], unmarked)
    vocab = Vocabulary([it.text for it in items] + [t for n in notes for t in n.text])
    for item in items:
        item.text = resolve_line_break_hyphens(item.text, vocab)
    take_bullets(items)
    for item in items:
        item.text = inner_glyphs(item.text) if not item.bullet else item.text
    items = [it for it in items if it.text]
    bullet_levels(items)
    pitch = line_pitch(items, body)
    items = reflow(items, vocab, pitch, body, right_margins(items, body))
    lines: list[str] = []
    page_of: list[int] = []
    for k, item in enumerate(items):
        if k and item.blank_before:
            lines.append("")
            page_of.append(items[k - 1].end_page)
        lines.append(render(item))
        page_of.append(item.page)
    _end_matter(lines, page_of, notes, running, vocab)
    return lines, page_of


def _page_items(page: PageLayout, items: list[Item], tables: int) -> int:
    """Append the page's lines and table rows as items; return the count of tables so far."""
    found = find_tables(page.lines, page.rules, page.grids)
    by_first = {t.first: t for t in found}
    k = 0
    while k < len(page.lines):
        table = by_first.get(k)
        if table is not None:
            tables += 1
            for row in table.rows:
                cells = [normalise(c) for c in row.cells]
                while cells and not cells[-1]:
                    cells.pop()
                first, lowest = row.lines[0], min(row.lines, key=lambda ln: ln.base)
                items.append(Item(
                    "\t".join(cells), page.number, min(ln.x0 for ln in row.lines),
                    max(ln.base for ln in row.lines), lowest.base, first.size,
                    x1=max(ln.x1 for ln in row.lines), table=tables,
                ))
            for other in table.others:  # lines amid a table but outside it come after it
                _line_item(page, page.lines[other], items)
            k = table.last + 1
            continue
        _line_item(page, page.lines[k], items)
        k += 1
    return tables


def _line_item(page: PageLayout, line: Line, items: list[Item]) -> None:
    text = normalise(line.text.replace("\t", " "))
    lead = line.frags[0].lead_gap
    items.append(
        Item(
            text, page.number, line.x0, line.base, line.bottom, line.size, x1=line.x1,
            lead_gap=lead,
        )
    )


def _drop_plain_markers(items: list[Item], numbers: set[str]) -> None:
    """Footnote numbers printed at full size, glued to a word ("schools3"), on the page whose
    foot has that footnote and where no superscript marker for it was found: the first
    occurrence of each is removed."""
    for number in sorted(numbers):
        pattern = re.compile(rf"(?<=[a-z]){number}(?=[\s.,;:)]|$)")
        for item in items:
            if item.table is None and pattern.search(item.text):
                item.text = pattern.sub("", item.text, count=1)
                break


def _end_matter(
    lines: list[str], page_of: list[int], notes: list[Footnote], running: list[RunningText],
    vocab: Vocabulary,
) -> None:
    extra: list[tuple[str, int]] = []
    for note in notes:
        text = resolve_line_break_hyphens(normalise(" ".join(note.text)), vocab)
        extra.append((f"[^{note.number}]: {inner_glyphs(text)}", note.page))
    for r in running:
        extra.append((f"[page {r.side}]: {normalise(r.text)}", r.page))
    if not extra:
        return
    lines.append("")
    page_of.append(page_of[-1] if page_of else 1)
    for text, page in extra:
        lines.append(text)
        page_of.append(page)
