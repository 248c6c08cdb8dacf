"""Make the PDF test fixtures: the bundled text samples typeset as PDFs, and bad PDFs.

Each sample report (``inspectkg/data/samples/*.txt``) is laid out as a published report would
be: paragraphs that wrap, with space between them, bullets with a hanging indent, tables with
ruled cells for the lines the text separates with tabs, bold and italic where the text marks
them, a running header and a page number on every page. The loader tests read each PDF and
compare its records with those of the text. The bad PDFs cover the refusal paths: an
image-only page (a scan), an encrypted file, a truncated file, a PDF with no pages.

Needs the ``test`` extra (reportlab, pypdf). Output is byte-for-byte reproducible, except the
encrypted file (pypdf draws its file identifier at random).

    python scripts/make_pdf_fixtures.py [OUT_FOLDER]   # default tests/data/pdf
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

rl_config.invariant = 1  # no timestamps or random ids: the same bytes on every run

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "inspectkg" / "data" / "samples"
OUT = ROOT / "tests" / "data" / "pdf"

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12.5)
BULLET = ParagraphStyle("bullet", parent=BODY, leftIndent=16, bulletIndent=4)
SUB_BULLET = ParagraphStyle("sub-bullet", parent=BODY, leftIndent=32, bulletIndent=20)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=9, leading=11)
# Markup the text samples carry: bold as **...** or __...__, italic as *...* or <i>...</i>, the odd
# HTML tag of a converted document, which a printed report would not show.
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_TAG = re.compile(r"</?(?!i>|b>)[a-z]+\b[^<>]*>", re.IGNORECASE)
_HEADERS = {
    "westminster-lea-inspection-2002": "Inspection of the City of Westminster LEA",
    "leicester-lea-inspection-2001": "Inspection of Leicester City LEA",
    "westminster-apa-2006": "Annual performance assessment 2006",
    "westminster-cabinet-action-plan-2010": "Cabinet Committee Report",
}


def markup(text: str) -> str:
    """A line of the text sample as reportlab paragraph markup."""
    text = _TAG.sub("", text)
    keep = []
    for i, piece in enumerate(re.split(r"(</?[ib]>)", text)):
        keep.append(piece if i % 2 else escape(piece))
    text = "".join(keep)
    text = _BOLD.sub(lambda m: f"<b>{m.group(1) or m.group(2)}</b>", text)
    text = _ITALIC.sub(r"<i>\1</i>", text)
    return text.replace("**", "").strip()


def flowables(text: str, width: float) -> list:
    """Paragraphs, bullets, spaces and tables for the lines of a text sample."""
    out: list = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].rstrip("\r")
        if "\t" in line:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].rstrip("\r").split("\t"))
                i += 1
            out.append(table(rows, width))
            out.append(Spacer(1, 6))
            continue
        i += 1
        if not line.strip():
            if out and not isinstance(out[-1], Spacer):
                out.append(Spacer(1, 8))
            continue
        m = re.match(r"^(\s*)[-•*]\s+(.*)$", line)
        if m:  # a bullet indented in the text is a sub-bullet: printed further in
            style, glyph = (SUB_BULLET, "–") if m.group(1) else (BULLET, "•")
            out.append(Paragraph(markup(m.group(2)), style, bulletText=glyph))
        else:
            out.append(Paragraph(markup(line), BODY))
    return out


def table(rows: list[list[str]], width: float) -> Table:
    columns = max(len(r) for r in rows)
    cells = [[Paragraph(markup(c), CELL) for c in r + [""] * (columns - len(r))] for r in rows]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]
    for k, r in enumerate(rows):  # a row of one cell (a heading) spans the table
        if columns > 1 and r[0].strip() and not any(c.strip() for c in r[1:]):
            style.append(("SPAN", (0, k), (-1, k)))
    return Table(cells, colWidths=[width / columns] * columns, style=TableStyle(style))


def sample_pdf(path: Path, out: Path) -> None:
    text = path.read_text(encoding="utf-8")
    wide = "\t\t\t" in text  # a table of many columns is printed on a landscape page
    size = landscape(A4) if wide else A4
    header = _HEADERS.get(path.stem, path.stem)

    def furniture(c: canvas.Canvas, doc: SimpleDocTemplate) -> None:
        c.saveState()
        c.setFont("Helvetica", 8)
        c.drawString(doc.leftMargin, size[1] - 12 * mm, header)
        c.drawRightString(size[0] - doc.rightMargin, 10 * mm, str(doc.page))
        c.restoreState()

    doc = SimpleDocTemplate(
        str(out), pagesize=size, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm,
        bottomMargin=20 * mm, title=header, author="inspectkg test fixture",
    )
    doc.build(flowables(text, size[0] - 40 * mm), onFirstPage=furniture, onLaterPages=furniture)


def scanned_pdf(out: Path) -> None:
    """A page with a picture of text and no text layer, as a scanner makes it."""
    c = canvas.Canvas(str(out), pagesize=A4)
    c.setFillColor(colors.black)
    for k in range(40):  # bars where lines of print would be
        c.rect(60, 780 - k * 18, 300 + (k * 37) % 160, 9, stroke=0, fill=1)
    c.showPage()
    c.save()


def text_pdf(lines: list[str]) -> bytes:
    """A plain one-page PDF of the given lines."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Helvetica", 11)
    for k, line in enumerate(lines):
        c.drawString(60, 780 - k * 15, line)
    c.showPage()
    c.save()
    return buf.getvalue()


def encrypted_pdf(out: Path, plain: bytes) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain)))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    with out.open("wb") as fh:
        writer.write(fh)


def no_pages_pdf(out: Path) -> None:
    writer = PdfWriter()
    with out.open("wb") as fh:
        writer.write(fh)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(SAMPLES.glob("*.txt")):
        sample_pdf(path, out / f"{path.stem}.pdf")
    scanned_pdf(out / "scanned.pdf")
    unknown = [
        "Minutes of the allotment society, spring meeting.",
        "Members discussed the water supply, the shed roof and the prize for the best marrow.",
        "The treasurer reported that subscriptions had risen and that the shed would be mended.",
        "The next meeting will be held in the village hall in June.",
    ]
    (out / "not-a-report.pdf").write_bytes(text_pdf(unknown))
    encrypted_pdf(out / "encrypted.pdf", text_pdf(unknown))
    no_pages_pdf(out / "no-pages.pdf")
    for p in sorted(out.glob("*.pdf")):
        print(f"{p.stat().st_size:>8}  {p.relative_to(ROOT) if p.is_relative_to(ROOT) else p}")


if __name__ == "__main__":
    main()
