"""Read a PDF report's text layer with pypdfium2, page by page, into a `SourceText`.

Loaders read the text this module writes; these are the conventions it follows, for every kind
of report, so that a loader written for a text file reads the PDF of the same report too.

Lines and pages
  - One line per paragraph, as in the text samples: the printed lines of a paragraph (or of a
    bullet, a heading, a title) are joined with a space where the text wrapped, judged by the
    right margin (the next word would not have fitted) or by a long line that stops
    mid-sentence before a line in lower case. Lines that end short stay lines of their own
    (addresses, a list without bullets, "Lead inspector: ..."). Lines carry no indentation
    (nested bullets aside) and no trailing spaces; runs of spaces of any width are one space.
  - ``SourceText.pages`` gives the page (1-based) of every line of ``text``: for a paragraph,
    the page it starts on.
  - A blank line separates paragraphs wherever the printed gap between them is clearly wider
    than the document's line spacing, or the type size changes (a heading begins or ends).
    Consecutive lines with no such gap stay consecutive (a list whose items are not spaced).
  - Page breaks leave no mark. A paragraph that runs on over a page break is one line if its
    next line plainly carries on (starts in lower case, or the page ended on a comma or
    semicolon), else it continues on the next line with no blank line between; a paragraph
    that ends at the foot of a page is followed by a blank line. A blank line has the page of
    the line before it.

Removed from the pages (and kept once at the end)
  - Running headers and footers: text of the same shape (digits aside) and size at about the
    same height among the top or bottom three lines of at least half the pages, or of three
    pages in a row (every page or every other page: a section's own header). Lone page
    numbers ("7", "Page 7", "7 of 20") there are dropped. Every other running text is
    written once at the end as ``[page header]: text`` or ``[page footer]: text`` (a page
    number it carries removed), with the page it was first seen on: nothing printed is lost.
  - Footnotes: the lowest lines of a page, set smaller than the body text, that start with a
    note number (superscript, or a number whose marker is in the text above) are taken out of
    the page and written at the end, one line each, ``[^N]: text``, with their page.
    Footnote markers (superscript digits glued to a word, "Board¹"; or a full-size number
    glued to a word whose footnote is on that page) are removed from the prose.
  - The end matter (footnotes first, then running texts) follows one blank line after the
    last line of the last page. Nothing else starts with ``[^`` or ``[page ``
    (`is_end_matter` tells such a line).

Within lines
  - Bullets: a bullet glyph starting a line (symbol-font private-use glyphs such as U+F0A7,
    U+F06E, U+F0B7, U+F02D, geometric shapes such as ◼ and ▪, box-drawing and dingbat glyphs,
    a stray combining stroke; and a dash, "o" or "*" followed by a tab or starting the lines
    of a list) is written "• " at the start of the line. A nested bullet (its glyph further
    right than the bullet above it in the same list) is indented by two spaces per level:
    "  • sub-item". Bullet glyphs inside a line (a table cell of items) become " • ".
  - Paragraph numbers stay at the start of their line with one space: "12. Text".
  - Tables: one line per row, its cells in column order separated by a tab, each cell's text
    on one line ("The impact of leaders on social work practice ...\tGood"). A table drawn
    with rules is read from them (cells between vertical rules, rows between horizontal
    ones; a narrow empty first cell, an indent, is left out); one without is told by gaps
    much wider than a space. Empty cells inside a row are kept (consecutive tabs), trailing
    ones dropped. Rows are never joined to other lines nor separated by blank lines. A cell
    that spans a whole ruled box (a framed paragraph, a heading over a table) is a paragraph.
    Contents pages come out the same way ("Executive summary\t6").
  - Hyphens: U+FFFE (pdfium's mark of a hyphen at a line end, where it joins the two lines)
    becomes "-"; a line ending in a hyphen joins the next line when that starts in lower case.
    In both cases the hyphen is kept (a hyphen the author typed: "decision-making",
    "day-to-day") unless the document writes the joined word elsewhere and never with a hyphen
    (a word broken at the line end); "- " before "and", "or", "to". Soft hyphens (U+00AD) are
    removed. A space the text had after a hyphen or an opening bracket at a line break cannot
    be seen in a PDF and is not restored. "\r\n" never appears.
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


def is_end_matter(line: str) -> bool:
    """Whether a line is one the reader moved to the end (a footnote, a running header or
    footer), for a loader that reads a last section to the end of the text."""
    return line.startswith(("[^", "[page header]: ", "[page footer]: "))


def is_pdf(data: bytes) -> bool:
    """Whether bytes are a PDF file, judged by the header, never by a file name.

    The header starts the file (after any white space); readers also accept it later in the
    first kilobyte after binary junk (a transfer wrapper), but not after text: a text report
    may well quote "%PDF-".
    """
    if data.lstrip()[: len(PDF_MAGIC)] == PDF_MAGIC:
        return True
    at = data.find(PDF_MAGIC, 0, _HEADER_WINDOW)
    return at > 0 and any(b < 9 for b in data[:at])


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
                spanning = len(row.cells) == 1  # one cell across a ruled box: a paragraph
                items.append(Item(
                    "\t".join(cells), page.number, min(ln.x0 for ln in row.lines),
                    max(ln.base for ln in row.lines), lowest.base, first.size,
                    x1=max(ln.x1 for ln in row.lines), table=None if spanning else tables,
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
