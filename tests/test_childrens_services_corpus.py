"""Every children's services PDF of the development corpus, and the grades sheet another tool
made of them. Slow (reads about 170 PDFs): `pytest -m "not slow"` leaves it out; CI runs it."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pytest

from inspectkg.errors import LoadError
from inspectkg.graph.authorities import default_register
from inspectkg.loaders import parse
from inspectkg.loaders.records import ChildrensServicesReport

pytestmark = pytest.mark.slow

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "childrens-services"
SHEET = SHARED / "data" / "childrens-services-grades.csv"
PDFS = sorted(CORPUS.glob("*.pdf")) if CORPUS.exists() else []
# The sheet's columns and the judgement areas they are.
COLUMNS = {
    "overall": "overall",
    "leaders": "leadership",
    "help_and_protection": "help-and-protection",
    "in_care": "children-in-care",
    "care_leavers": "care-leavers",
}
# Rows where reading the PDF shows the sheet is wrong (see the test of each).
SHEET_ERRORS = {("80533_nottingham_05_september_2022", "care_leavers")}


@cache
def report(path: Path) -> ChildrensServicesReport:
    return parse(path)


def test_the_corpus_is_there() -> None:
    if not CORPUS.exists():
        pytest.skip(f"no development corpus beside the checkout ({CORPUS})")
    assert len(PDFS) >= 160


@pytest.mark.parametrize("path", PDFS, ids=[p.stem[:60] for p in PDFS])
def test_every_pdf_parses_with_its_essentials(path: Path) -> None:
    try:
        r = report(path)
    except LoadError as exc:  # pragma: no cover - the failure message is the point
        pytest.fail(f"refused: {exc}")
    assert isinstance(r, ChildrensServicesReport)
    assert r.framework and r.inspection_start and r.inspection_end
    assert r.inspection_start <= r.inspection_end
    auth = default_register().resolve(r.authority, r.inspection_end)
    assert auth is not None and auth.in_register, r.authority
    keys = {g.key for g in r.grades}
    assert "overall" in keys or r.framework == "lscb-review"
    assert r.paragraphs or r.framework in ("sif",)  # a few early SIF reports number nothing
    # each item once, in order
    texts = [x.text for x in r.recommendations]
    assert len(texts) == len(set(texts))
    assert [x.number for x in r.recommendations] == list(range(1, len(texts) + 1))
    assert all(x.page for x in r.recommendations)


def _sheet() -> list[dict[str, str]]:
    if not SHEET.exists():
        pytest.skip("no grades sheet beside the checkout")
    with SHEET.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _norm(grade: str) -> str:
    g = grade.strip().lower()
    return "requires improvement" if g.startswith("requires improvement") else g


def test_grades_agree_with_the_grades_sheet() -> None:
    disagreements = []
    rows = _sheet()
    for row in rows:
        r = report(CORPUS / f"{row['file']}.pdf")
        got = {g.key: _norm(g.grade) for g in r.grades}
        for column, key in COLUMNS.items():
            want = row[column].strip().lower()
            if want == "inspection_pre_dates_judgement":
                assert key not in got, (row["file"], key)
                continue
            if (row["file"], column) in SHEET_ERRORS:
                continue
            if _norm(want) != got.get(key):
                disagreements.append((row["file"], column, want, got.get(key)))
    assert len(rows) >= 38
    assert disagreements == []


def test_the_sheet_is_wrong_about_nottingham_2022_care_leavers() -> None:
    # The sheet says "inadequate" for care leavers, but the 2022 report predates the separate
    # care leavers judgement (2023): its table has four rows, children in care and care
    # leavers judged together as requires improvement to be good.
    r = report(CORPUS / "80533_nottingham_05_september_2022.pdf")
    assert [g.key for g in r.grades] == [
        "leadership", "help-and-protection", "children-in-care", "overall"]
    combined = next(g for g in r.grades if g.key == "children-in-care")
    assert "care leavers" in combined.area and combined.grade.startswith("Requires improvement")


def test_the_sheet_gives_cumberland_the_code_of_cumbria() -> None:
    row = next(r for r in _sheet() if r["file"].startswith("2733690_cumberland"))
    assert row["gss"] == "E10000006"  # Cumbria County Council's code, abolished April 2023
    r = report(CORPUS / "2733690_cumberland_26_november_2024.pdf")
    auth = default_register().resolve(r.authority, r.inspection_end)
    assert auth is not None and auth.row is not None and auth.row.gss_code == "E06000063"


def _day(text: str) -> str | None:
    from datetime import datetime

    try:
        return datetime.strptime(text.strip(), "%d/%m/%Y").date().isoformat()
    except ValueError:
        return None  # the sheet leaves some cells empty or "None"


def test_lead_inspector_dates_and_framework_agree_with_the_sheet() -> None:
    for row in _sheet():
        r = report(CORPUS / f"{row['file']}.pdf")
        start, end = _day(row["start"]), _day(row["end"])
        if start and end and not row["file"].startswith("80557_south_tyneside"):
            assert (r.inspection_start, r.inspection_end) == (start, end), row["file"]
        if row["inspector"].strip() not in ("", "None"):
            assert (r.lead_inspector or "").lower() == row["inspector"].strip().lower()
        if row["framework"] in ("standard", "short"):
            assert r.framework == f"ilacs-{row['framework']}", row["file"]


def test_the_sheet_keeps_only_the_first_of_two_visits() -> None:
    # South Tyneside 2023 was inspected "5 to 9 December 2022 and 14 to 15 February 2023": the
    # sheet ends the inspection on 9 December; it ended on 15 February.
    row = next(r for r in _sheet() if r["file"].startswith("80557_south_tyneside"))
    assert _day(row["end"]) == "2022-12-09"
    r = report(CORPUS / f"{row['file']}.pdf")
    assert (r.inspection_start, r.inspection_end) == ("2022-12-05", "2023-02-15")
    assert r.framework == "ilacs-short"  # seven days on site in all


def _corpus_report(stem: str) -> ChildrensServicesReport:
    path = CORPUS / f"{stem}.pdf"
    if not path.exists():
        pytest.skip(f"{path.name} is not in the development corpus")
    return report(path)


@pytest.mark.parametrize("stem", [
    "80419_isle_of_wight_15_december_2023", "80557_south_tyneside_10_may_2023",
    "80477_kingston_upon_hull_13_january_2023", "80477_kingston_upon_hull_17_may_2019",
    "80448_cheshire_west_and_chester_28_august_2024",
])
def test_a_judgement_heading_with_its_grade_is_a_heading_not_a_paragraph(stem: str) -> None:
    """A heading as long as a line, or ended with a full stop, still opens its section."""
    r = _corpus_report(stem)
    headings = [p for p in r.paragraphs if re.match(
        r"(?:the experiences and progress|the impact of leaders)[^.]*:\s*(?:requires|good|"
        r"outstanding|inadequate)", p.text, re.I) and len(p.text.split()) < 30]
    assert headings == []
    assert any(p.section and p.section.lower().startswith("the experiences and progress")
               and p.number is not None for p in r.paragraphs)


def test_a_paragraph_cut_by_a_page_break_is_one_paragraph() -> None:
    r = _corpus_report("80418_norfolk_13_january_2023")
    numbered = {p.number: p.text for p in r.paragraphs if p.number is not None}
    assert numbered[28].startswith("Norfolk is a protective corporate parent")
    assert "When children in care go missing or are vulnerable to exploitation" in numbered[28]
    assert not any(p.text.startswith("When children in care go missing") for p in r.paragraphs
                   if p.number is None)


def test_a_paragraph_number_without_its_full_stop_is_read() -> None:
    """Nottingham 2022 prints "34 Most children in care ..." (no full stop after 34)."""
    r = _corpus_report("80533_nottingham_05_september_2022")
    numbered = {p.number: p.text for p in r.paragraphs if p.number is not None}
    assert numbered[34].startswith("Most children in care live in stable placements")
    assert {33, 35} <= set(numbered)
    assert not any(re.match(r"\d+ [A-Z]", p.text) for p in r.paragraphs)
