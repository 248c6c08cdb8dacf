"""PDF input: the text layer read page by page, cleaned, for every kind of report.

Real Ofsted PDFs from ../shared/corpus/childrens-services show each clean-up on the pages where
it occurs; the bundled text samples typeset as PDFs (tests/data/pdf, made by
scripts/make_pdf_fixtures.py) show that every loader reads the PDF of its kind to the records
it reads from the text; small made-up inputs pin the rules one by one.
"""

from __future__ import annotations

import functools
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from inspectkg.cli import main
from inspectkg.errors import LoadError
from inspectkg.graph.mapping import map_report
from inspectkg.graph.mapping.facts import RFC8118 as _RFC8118
from inspectkg.loaders import parse, parse_bytes
from inspectkg.loaders.base import SourceText, read_source, source_from_bytes
from inspectkg.loaders.pdf import is_end_matter, is_pdf
from inspectkg.loaders.pdf_clean import (
    Item,
    Vocabulary,
    normalise,
    reflow,
    resolve_line_break_hyphens,
    take_bullet,
    take_bullets,
)
from inspectkg.loaders.pdf_margins import shape
from inspectkg.ontology.namespaces import IKG, OA
from inspectkg.samples import sample

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "data" / "pdf"
CORPUS = ROOT.parent / "shared" / "corpus" / "childrens-services"
SAMPLES = [
    "westminster-lea-inspection-2002",
    "leicester-lea-inspection-2001",
    "westminster-apa-2006",
    "westminster-cabinet-action-plan-2010",
]


@functools.cache
def _corpus(name: str) -> SourceText:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"the shared corpus is not beside the checkout ({path})")
    return read_source(path)


def _lines_on(src: SourceText, page: int) -> list[str]:
    return [ln for ln, p in zip(src.lines, src.pages, strict=True) if p == page]


# ---- telling a PDF by its content ------------------------------------------------------------


def test_a_pdf_is_told_by_its_header_not_its_name(tmp_path):
    assert is_pdf(b"%PDF-1.7\n...") and is_pdf(b"\n\n   %PDF-1.4 white space before the header")
    assert is_pdf(b"\x00\x05MacBinary junk%PDF-1.3\n")
    assert not is_pdf(b"INSPECTION OF THE CITY OF WESTMINSTER %PDF-1.4 later in a text")
    named_txt = tmp_path / "really-a-pdf.txt"
    shutil.copy(FIXTURES / "westminster-apa-2006.pdf", named_txt)
    report = parse(named_txt)
    assert report.kind == "apa_letter" and report.source_format == "pdf"
    named_pdf = tmp_path / "really-text.pdf"
    shutil.copy(sample("westminster-lea-inspection-2002"), named_pdf)
    report = parse(named_pdf)
    assert report.kind == "lea_inspection" and report.source_format == "text"
    assert report.page_count is None and report.recommendations[0].page is None


def test_bytes_in_memory_are_read_the_same_way():
    data = (FIXTURES / "westminster-apa-2006.pdf").read_bytes()
    src = source_from_bytes(data, "letter.pdf")
    assert src.format == "pdf" and src.page_count == 6 and len(src.pages) == len(src.lines)
    assert parse_bytes(data, "letter.pdf").grades[0].page == 1


# ---- bad PDFs: one line naming the file and the reason ---------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("scanned.pdf", "no text layer"),
        ("encrypted.pdf", "encrypted PDF (password-protected)"),
        ("no-pages.pdf", "PDF has no pages"),
        ("not-a-report.pdf", "not a known kind of report"),
    ],
)
def test_bad_pdfs_are_refused_with_the_reason(name, reason):
    with pytest.raises(LoadError) as err:
        parse(FIXTURES / name)
    message = str(err.value)
    assert message.startswith(str(FIXTURES / name)) and reason in message
    assert "\n" not in message


def test_truncated_corrupt_and_empty_pdfs(tmp_path):
    whole = (FIXTURES / "westminster-apa-2006.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(LoadError, match=r"cut\.pdf: truncated PDF"):
        read_source(cut)
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    with pytest.raises(LoadError, match=r"corrupt\.pdf: corrupt PDF"):
        read_source(corrupt)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(LoadError, match=r"empty\.pdf: file is empty"):
        read_source(empty)


def test_a_pdf_encrypted_without_a_user_password_is_read():
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(FIXTURES / "not-a-report.pdf")
    writer = PdfWriter(clone_from=reader)
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    src = source_from_bytes(buf.getvalue(), "owner-locked.pdf")
    assert "allotment society" in src.text


def test_build_loads_good_pdfs_and_names_each_bad_one(tmp_path):
    from inspectkg.api import build

    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("westminster-apa-2006.pdf", "scanned.pdf", "encrypted.pdf"):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "cut.pdf").write_bytes((FIXTURES / "westminster-apa-2006.pdf").read_bytes()[:900])
    result = build([folder], store=tmp_path / "kg")
    outcome = {Path(f.path).name: (f.ok, f.message) for f in result.files}
    assert outcome["westminster-apa-2006.pdf"][0]
    assert "apa_letter, Westminster" in outcome["westminster-apa-2006.pdf"][1]
    assert not outcome["scanned.pdf"][0] and "no text layer" in outcome["scanned.pdf"][1]
    assert "encrypted" in outcome["encrypted.pdf"][1] and "truncated" in outcome["cut.pdf"][1]
    from inspectkg.api import validate

    assert validate(store=tmp_path / "kg").conforms


# ---- every loader reads the PDF of its kind ----------------------------------------------------

# Where what a PDF prints must differ from the text it was made from: the text writes bullets
# as "-" where a PDF prints a bullet glyph (the reader writes "•"), and a space after a hyphen
# or an opening bracket at a line break cannot be seen on the page.
_NOT_IN_PDF = {"line", "page", "source", "source_format", "page_count"}


def _comparable(value):
    if isinstance(value, dict):
        return {
            k: _comparable(v) for k, v in value.items()
            if k not in _NOT_IN_PDF and not k.endswith("_line")
        }
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    if isinstance(value, str):
        value = re.sub(r"(^|\s)[•-] ", r"\1- ", value)
        return re.sub(r"([(-])\s+", r"\1", re.sub(r"\s+\)", ")", value))
    return value


@pytest.mark.parametrize("stem", SAMPLES)
def test_each_loader_reads_its_pdf_to_the_same_records(stem):
    from_text = parse(sample(stem))
    from_pdf = parse(FIXTURES / f"{stem}.pdf")
    assert from_pdf.source_format == "pdf" and from_pdf.page_count and from_pdf.page_count > 1
    assert _comparable(from_pdf.to_dict()) == _comparable(from_text.to_dict())


def test_records_read_from_a_pdf_carry_their_page():
    report = parse(FIXTURES / "westminster-lea-inspection-2002.pdf")
    src = read_source(FIXTURES / "westminster-lea-inspection-2002.pdf")
    assert all(r.page == src.pages[r.line - 1] for r in report.recommendations)
    assert all(1 <= p.page <= report.page_count for p in report.paragraphs)
    pages = [p.page for p in report.paragraphs]
    assert pages == sorted(pages) and pages[0] < pages[-1]
    para_1 = report.paragraphs[0]
    assert para_1.number == 1 and src.lines[para_1.line - 1].startswith("1. The inspection")


def test_the_fixtures_are_what_the_script_makes(tmp_path):
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_pdf_fixtures.py"), str(tmp_path)],
        check=True, capture_output=True,
    )
    for stem in SAMPLES + ["scanned", "not-a-report", "no-pages"]:
        assert (tmp_path / f"{stem}.pdf").read_bytes() == (FIXTURES / f"{stem}.pdf").read_bytes()


# ---- the command line ----------------------------------------------------------------------


def test_parse_command_reads_a_pdf():
    result = CliRunner().invoke(main, ["parse", str(FIXTURES / "westminster-apa-2006.pdf")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["kind"] == "apa_letter" and data["source_format"] == "pdf"
    assert data["page_count"] == 6
    assert [g["page"] for g in data["grades"]] == [1, 1, 1]
    assert data["authority_resolved"]["gss_code"] == "E09000033"


def test_parse_command_refuses_a_scan_in_one_line():
    result = CliRunner().invoke(main, ["parse", str(FIXTURES / "scanned.pdf")])
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "scanned.pdf" in lines[0] and "no text layer" in lines[0]
    assert "Traceback" not in result.output


# ---- provenance into the PDF -------------------------------------------------------------------


def test_graph_links_each_fact_to_its_page():
    from rdflib.namespace import RDF, XSD  # here: pytest's collection trips over XSD's getattr

    report = parse(FIXTURES / "westminster-apa-2006.pdf")
    from rdflib import Graph

    mapped = map_report(report, source_name="westminster-apa-2006.pdf")
    g = Graph().parse(data=mapped.ntriples().decode("utf-8"), format="nt")
    RFC8118 = URIRef(_RFC8118.value)
    grade = next(iter(g.subjects(RDF.type, IKG.GradeAward)))
    assert (grade, IKG.page, Literal(1, datatype=XSD.integer)) in g
    assert (grade, IKG.pageLink, Literal("westminster-apa-2006.pdf#page=1")) in g
    selectors = list(g.objects(URIRef(f"{grade}/source"), OA.hasSelector))
    pages = [s for s in selectors if (s, URIRef("http://purl.org/dc/terms/conformsTo"), RFC8118)
             in g]
    assert len(pages) == 1 and (pages[0], RDF.value, Literal("page=1")) in g
    links = {str(o) for o in g.objects(None, IKG.pageLink)}
    assert "westminster-apa-2006.pdf#page=6" in links
    report_from_text = parse(sample("westminster-apa-2006"))
    text_graph = Graph().parse(data=map_report(report_from_text).ntriples().decode("utf-8"),
                               format="nt")
    assert not list(text_graph.triples((None, IKG.page, None)))
    # The shapes check the pages too: see test_build_loads_good_pdfs_and_names_each_bad_one.


# ---- clean-up rules, one by one ------------------------------------------------------------


def _item(text: str, **kw) -> Item:
    base = dict(page=1, x0=72.0, top=700.0, bottom=700.0, size=12.0, x1=500.0)
    base.update(kw)
    return Item(text, **base)


@pytest.mark.parametrize("glyph", ["\uf0a7", "\uf06e", "\uf0b7", "\uf02d", "◼", "▪", "─", "\u0336"])
def test_bullet_glyphs_become_one_bullet(glyph):
    item = _item(f"{glyph} the practice response to homeless 16 and 17 year olds")
    take_bullet(item)
    assert item.bullet and item.text == "• the practice response to homeless 16 and 17 year olds"


def test_a_dash_is_a_bullet_only_after_a_tab_or_in_a_list():
    prose = _item("– 30 July 2015 the inspection ended", lead_gap=3.0)
    take_bullet(prose)
    assert not prose.bullet and prose.text.startswith("– 30 July")
    tabbed = _item("– in primary schools is 8%", lead_gap=11.0)
    take_bullet(tabbed)
    assert tabbed.text == "• in primary schools is 8%"
    listed = [_item("− leaving care services", x0=90.0, lead_gap=4.0),
              _item("− children’s rights", x0=90.0, lead_gap=4.0)]
    take_bullets(listed)
    assert [i.text for i in listed] == ["• leaving care services", "• children’s rights"]


def test_line_break_hyphens_follow_the_documents_own_words():
    vocab = Vocabulary(["decision-making is sound", "a recommendation", "recommendation 3"])
    assert resolve_line_break_hyphens("a decision\ufffemaking", vocab) == "a decision-making"
    assert resolve_line_break_hyphens("the recom\ufffemendation", vocab) == "the recommendation"
    assert resolve_line_break_hyphens("semi\ufffeindependent", vocab) == "semi-independent"
    assert resolve_line_break_hyphens("short\ufffeand long-term", vocab) == "short- and long-term"
    assert resolve_line_break_hyphens("COVID\ufffe19", vocab) == "COVID-19"


def test_soft_hyphens_and_odd_spaces():
    assert normalise("co\u00adordinated  care\u202fplans\u00a0now ") == "coordinated care plans now"
    vocab = Vocabulary([])
    items = [_item("a line that ends in a soft-hyphenated recom\u00ad", x1=520.0),
             _item("mendation to the local authority.", top=686.0, bottom=686.0, x1=300.0)]
    items[0].text = normalise(items[0].text)
    out = reflow(items, vocab, pitch=14.0, body=12.0, margins={(1, 12.0): 520.0})
    assert [i.text for i in out] == [
        "a line that ends in a soft-hyphenated recommendation to the local authority."
    ]


def test_wrapped_lines_join_and_short_lines_stay():
    vocab = Vocabulary([])
    lines = [
        _item("Since the last inspection, services for children have improved and", x1=505.0),
        _item("leaders know their strengths.", top=686.0, bottom=686.0, x1=240.0),
        _item("Piccadilly Gate", top=640.0, bottom=640.0, x1=150.0),
        _item("Store Street", top=626.0, bottom=626.0, x1=130.0),
    ]
    out = reflow(lines, vocab, pitch=14.0, body=12.0, margins={(1, 12.0): 520.0})
    assert [i.text for i in out] == [
        "Since the last inspection, services for children have improved and leaders know "
        "their strengths.",
        "Piccadilly Gate",
        "Store Street",
    ]
    assert out[1].blank_before and not out[2].blank_before


def test_shape_ignores_page_numbers_and_case():
    assert shape("Inspection of Norfolk  7 to 18 November 2022 2") == shape(
        "inspection of norfolk 7 to 18 november 2022 11"
    )


# ---- real reports: each artefact where it occurs -------------------------------------------


def test_ilacs_judgement_table_bullets_footer_and_hyphens():
    src = _corpus("80418_norfolk_13_january_2023.pdf")
    assert src.page_count == 12 and set(src.pages) == set(range(1, 13))
    assert "\r" not in src.text and "\ufffe" not in src.text and "\uf0a7" not in src.text
    page_1 = _lines_on(src, 1)
    assert page_1[0] == "Inspection of Norfolk local authority children’s services"
    assert "Judgement\tGrade" in page_1
    assert (
        "The impact of leaders on social work practice with children and families\tGood" in page_1
    )
    assert "Overall effectiveness\tGood" in page_1
    page_2 = _lines_on(src, 2)
    assert "• The practice response to children aged 16 and 17 who present as homeless." in page_2
    assert "The experiences and progress of children who need help and protection: good" in page_2
    four = next(ln for ln in page_2 if ln.startswith("4. "))
    assert "responsive out-of-hours service, providing assurance" in four
    assert "professionals and families who may need this support" in four  # one paragraph
    # The running footer is gone from every page and kept once at the end.
    body = src.lines[: src.lines.index("[page footer]: 7 to 18 November 2022")]
    assert not [ln for ln in body if ln.startswith("7 to 18 November 2022")]
    assert src.lines.count("[page footer]: Inspection of Norfolk local authority children’s "
                           "services") == 1
    assert next(p for ln, p in zip(src.lines, src.pages, strict=True) if ln.startswith("12. ")) == 4


def test_sif_footnotes_markers_page_numbers_and_nested_bullets():
    src = _corpus("80418_norfolk_20_october_2015.pdf")
    lines = src.lines
    assert "Review of the effectiveness of the Local Safeguarding Children Board" in lines
    assert "Information about this local authority area" in lines
    notes = {ln.split(":", 1)[0]: p for ln, p in zip(lines, src.pages, strict=True)
             if ln.startswith("[^")}
    end = [ln for ln in lines if is_end_matter(ln)]
    assert len(end) == 3 and lines[-3:] == end and lines[-4] == ""
    assert notes == {"[^1]": 1, "[^2]": 3, "[^3]": 4}
    assert any(ln.startswith("[^1]: Ofsted produces this report under its power") for ln in lines)
    # The superscript 3 sat on a line of its own in the middle of the sentence.
    assert "  • 18 live in residential special schools, of whom 55% live out of the authority " \
        "area" in lines
    assert "• The proportion of children entitled to free school meals:" in lines
    assert "  • in primary schools is 16% (the national average is 17%)" in lines
    assert not [ln for ln in lines if re.fullmatch(r"\d{1,3}", ln)]  # page numbers gone
    assert "2.1 Adoption performance\tRequires improvement" in _lines_on(src, 1)
    assert "Executive summary\t6" in _lines_on(src, 2)
    rec_6 = next(ln for ln in lines if ln.startswith("6. Ensure that child sexual exploitation"))
    assert rec_6.endswith("inform subsequent planning for children and young people "
                          "(paragraphs 43, 63).")


def test_full_size_footnote_number_glued_to_a_word():
    src = _corpus("80481_leeds_27_march_2015.pdf")
    assert "schools3" not in src.text
    assert any("live in residential special schools, all of whom" in ln for ln in src.lines)
    assert any(ln.startswith("[^3]: These are residential special schools") for ln in src.lines)


def test_superscript_marker_at_the_start_of_a_line_joins_its_sentence():
    src = _corpus("80427_bath_and_north_east_somerset_07_july_2017.pdf")
    assert "  • eight live in residential special schools, all of whom live out of the " \
        "authority area" in src.lines


def test_a_sections_running_header_on_alternate_pages():
    src = _corpus(
        "80477_kingston_upon_hull_single_inspection_of_la_children's_services_as_pdf_-_10_"
        "february_2015.pdf"
    )
    header = "Inspection of the effectiveness of the local safeguarding children board: Hull"
    assert not [ln for ln in src.lines if ln.endswith(header) and not ln.startswith("[page")]
    assert sum(1 for ln in src.lines if ln.startswith("[page") and ln.endswith(header)) == 1


def test_page_numbers_that_move_between_left_and_right_pages():
    src = _corpus("80505_islington_14_july_2017.pdf")
    assert not [ln for ln in src.lines if re.fullmatch(r"\d{1,3}", ln)]


def test_grade_cell_of_several_lines_beside_its_area():
    src = _corpus("80458_darlington_21_may_2018.pdf")
    page_1 = _lines_on(src, 1)
    assert "1. Children who need help and protection\tRequires improvement to be good" in page_1
    assert "2. Children looked after and achieving permanence\tRequires improvement to be good" \
        in page_1
    assert "2.1 Adoption performance\tGood" in page_1


def test_a_cell_that_fills_its_column():
    src = _corpus("80418_norfolk_16_august_2013.pdf")
    assert "Outstanding (Grade 1)\tA service that significantly exceeds minimum requirements" \
        in src.lines
    assert "Outcomes for looked after children and young people\tInadequate" in src.lines


def test_shaded_lines_are_not_a_table():
    src = _corpus("80432_bolton_27_october_2023.pdf")
    line = next(ln for ln in src.lines if "The judiciary and Children and Family Court" in ln)
    assert "\t" not in line and line.startswith("17. Most children come into care")


def test_dash_sub_bullets_with_a_narrow_gap():
    src = _corpus("80521_manchester_21_december_2017.pdf")
    assert any(ln.startswith("  • four live in residential special schools") for ln in src.lines)
    assert not [ln for ln in src.lines if ln.startswith(("−", "–"))]


_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.mark.parametrize(
    "name",
    [
        "80418_norfolk_20_october_2015.pdf",
        "80418_norfolk_16_august_2013.pdf",
        "80432_bolton_27_october_2023.pdf",
        "80484_lincolnshire_06_january_2015.pdf",
        "80522_medway_23_august_2013.pdf",
    ],
)
def test_nothing_printed_is_lost(name):
    """Every word of the text layer is in the text, save repeats of running headers and
    footers (kept once) and the halves of a word broken at a line end (kept joined)."""
    import collections

    import pypdfium2 as pdfium

    src = _corpus(name)
    doc = pdfium.PdfDocument(CORPUS / name)
    raw: collections.Counter[str] = collections.Counter()
    for i in range(len(doc)):
        raw.update(_WORD.findall(doc[i].get_textpage().get_text_range().replace("\ufffe", " ")))
    doc.close()
    out = collections.Counter(_WORD.findall(src.text))
    running = {w for ln in src.lines if ln.startswith("[page ") for w in _WORD.findall(ln)}
    joined = [w for w in out if out[w] > raw[w]]  # words the reader made from two halves
    for word, count in raw.items():
        if out[word] < count:
            assert word in running or any(word in j for j in joined), (word, count, out[word])
