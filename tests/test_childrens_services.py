"""The children's services loaders on real Ofsted PDFs: every framework, the judgement tables,
the lists of what to improve, references to earlier inspections, and the authorities that
changed. The bundled samples are Westminster's and Leicester's reports; others come from the
development corpus beside the checkout (../shared/corpus/childrens-services)."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectkg import api
from inspectkg.graph.authorities import default_register
from inspectkg.loaders import parse, parse_text
from inspectkg.loaders.childrens_services.head import date_ranges
from inspectkg.loaders.records import ChildrensServicesReport
from inspectkg.samples import sample

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "childrens-services"
SYNTHETIC = Path(__file__).parent / "data" / "childrens_services"


def corpus(stem: str) -> Path:
    path = CORPUS / f"{stem}.pdf"
    if not path.exists():
        pytest.skip(f"development corpus not beside the checkout: {path}")
    return path


@pytest.fixture(scope="module")
def westminster_2016() -> ChildrensServicesReport:
    return parse(sample("80519_westminster_29_march_2016"))


@pytest.fixture(scope="module")
def westminster_2019() -> ChildrensServicesReport:
    return parse(sample("80519_westminster_15_october_2019"))


@pytest.fixture(scope="module")
def westminster_2025() -> ChildrensServicesReport:
    return parse(sample("80519_westminster_13_january_2025"))


@pytest.fixture(scope="module")
def leicester_2015() -> ChildrensServicesReport:
    return parse(sample("80482_leicester_20_march_2015"))


def grades(report: ChildrensServicesReport) -> dict[str, str]:
    return {g.key: g.grade for g in report.grades}


# ---- the single inspection framework (2013-18) --------------------------------------------
def test_sif_head(westminster_2016: ChildrensServicesReport) -> None:
    r = westminster_2016
    assert (r.kind, r.framework) == ("childrens_services_inspection", "sif")
    assert r.authority == "Westminster City Council"
    assert (r.inspection_start, r.inspection_end) == ("2016-01-11", "2016-02-04")
    assert r.published == "2016-03-29"
    assert r.lead_inspector == "Brenda McLaughlin"
    assert r.source_format == "pdf" and r.page_count == 44


def test_sif_judgements_overall_sentence_sub_judgements_and_lscb(
    westminster_2016: ChildrensServicesReport,
) -> None:
    assert grades(westminster_2016) == {
        "overall": "outstanding",
        "help-and-protection": "Good",
        "children-in-care": "Outstanding",
        "adoption": "Outstanding",
        "care-leavers": "Good",
        "leadership": "Outstanding",
        "lscb": "good",
    }
    overall = next(g for g in westminster_2016.grades if g.key == "overall")
    assert overall.area.startswith("Children’s services in Westminster City Council are")
    subs = {g.key: g.parent for g in westminster_2016.grades}
    assert subs["adoption"] == subs["care-leavers"] == "children-in-care"


def test_sif_recommendations_and_the_lscb_list(westminster_2016: ChildrensServicesReport) -> None:
    recs = westminster_2016.recommendations
    assert [r.number for r in recs] == list(range(1, 10))
    assert [r.group for r in recs] == ["Recommendations"] * 4 + ["LSCB: Recommendations"] * 5
    # the LSCB's list is numbered in the paragraph sequence
    assert [r.printed_number for r in recs[4:]] == ["118", "119", "120", "121", "122"]
    assert recs[1].text == (
        "Ensure that children missing from home and care are routinely offered a return home "
        "interview, and that aggregated information from interviews informs service planning."
    )
    assert recs[1].page == 7
    assert recs[4].text == (
        "Review the extensive dataset to ensure that it is aligned to the board’s priorities.")
    # recommendation numbers are not paragraphs; the paragraphs run on around them
    numbers = [p.number for p in westminster_2016.paragraphs if p.number is not None]
    assert 118 not in numbers and {5, 117, 123} <= set(numbers)


def test_2014_sif_lists_priority_and_areas_with_topic_headings(
    leicester_2015: ChildrensServicesReport,
) -> None:
    recs = leicester_2015.recommendations
    groups = [r.group for r in recs]
    assert groups.count("Priority and immediate action") == 6
    assert groups.count("Areas for improvement") == 18
    assert groups.count("LSCB: Priority and immediate action") == 3
    assert groups.count("LSCB: Areas for improvement") == 6
    assert recs[0].heading == "Leadership and management"
    assert recs[3].heading == "Quality of practice"
    # sub-bullets join the sentence they finish
    assert recs[0].text == (
        "Put into place an effective performance management framework; this to include "
        "comprehensive and reliable performance data; clear monitoring and quality assurance "
        "arrangements; effective performance management of teams and individuals."
    )
    assert len(recs[0].sub_bullets) == 3


# ---- ILACS (2018-) --------------------------------------------------------------------------
def test_ilacs_2019_short_inspection(westminster_2019: ChildrensServicesReport) -> None:
    r = westminster_2019
    assert r.framework == "ilacs-short"  # one week on site
    assert r.title == "Inspection of children’s social care services"
    assert r.authority == "City of Westminster"
    assert (r.inspection_start, r.inspection_end, r.published) == (
        "2019-09-09", "2019-09-13", None)  # ILACS reports print no publication date
    assert r.lead_inspector == "Nick Stacey"
    assert grades(r) == dict.fromkeys(
        ["leadership", "help-and-protection", "children-in-care", "overall"], "Outstanding")
    assert [(x.group, x.text) for x in r.recommendations] == [
        ("What needs to improve",
         "The formal matching and panel approval of adolescents in long-term foster homes.")
    ]
    assert [p.number for p in r.paragraphs if p.number is not None] == list(range(1, 37))
    # the opening summary, which the report does not number, is kept as paragraphs too
    summary = [p for p in r.paragraphs if p.number is None]
    assert summary[0].key == "u1" and summary[0].text.startswith("Excellent services for")
    assert all(p.line < r.paragraphs[-1].line for p in summary)
    first = next(p for p in r.paragraphs if p.number == 1)
    assert first.section == (
        "The experiences and progress of children who need help and protection: outstanding")
    assert first.area == "help-and-protection" and first.page == 2


def test_ilacs_2023_framework_judges_care_leavers_apart(
    westminster_2025: ChildrensServicesReport,
) -> None:
    r = westminster_2025
    assert list(grades(r)) == [
        "leadership", "help-and-protection", "children-in-care", "care-leavers", "overall"]
    care_leavers = next(g for g in r.grades if g.key == "care-leavers")
    assert care_leavers.parent is None
    assert r.recommendations[0].text.startswith("The consistency of response to children’s")
    assert r.recommendations[0].group == "What needs to improve"


def test_standard_ilacs_is_two_weeks_on_site() -> None:
    r = parse(corpus("80522_medway_11_september_2023"))
    assert r.framework == "ilacs-standard"
    assert (r.inspection_start, r.inspection_end) == ("2023-07-17", "2023-07-28")


def test_references_to_the_last_inspection(westminster_2025: ChildrensServicesReport,
                                           leicester_2015: ChildrensServicesReport) -> None:
    first = westminster_2025.references[0]
    assert first.quote.startswith("Since the last inspection, in 2019, Westminster Council")
    assert (first.kind, first.date) == ("previous_inspection", "2019")
    kinds = {(r.kind, r.date, r.grade) for r in leicester_2015.references}
    assert ("previous_judgement", "2011-12", "adequate") in kinds
    assert ("recommendations_not_met", "2011-11", None) in kinds


def test_rank_on_the_shared_scale_in_parse_output() -> None:
    data = api.parse_dict(sample("80519_westminster_15_october_2019"))
    assert {g["key"]: g["rank"] for g in data["grades"]}["overall"] == 4.0
    assert data["authority_resolved"]["la_number"] == "213"
    for key in ("kind", "framework", "authority", "inspection_start", "inspection_end",
                "published", "lead_inspector", "grades", "recommendations", "paragraphs",
                "judgements", "references"):
        assert key in data
    assert {"number", "text", "group", "page"} <= set(data["recommendations"][0])
    assert {"number", "page", "section"} <= set(data["paragraphs"][0])


# ---- 2012-13 inspections and a separate LSCB review ------------------------------------------
def test_2013_looked_after_children_inspection_timescale_groups() -> None:
    r = parse(corpus("80418_norfolk_16_august_2013"))
    assert r.framework == "lac-2012"
    assert r.lead_inspector == "Gary Lamb" and r.published == "2013-08-16"
    assert grades(r)["overall"] == "inadequate"
    groups = [x.group for x in r.recommendations]
    assert groups.count("Areas for improvement: Immediately") == 6
    assert groups.count("Areas for improvement: Within three months") == 4
    assert groups.count("Areas for improvement: Within six months") == 7
    assert r.recommendations[0].text.startswith("ensure all elected members understand")


def test_separately_published_lscb_review() -> None:
    r = parse(corpus("80567_surrey_03_august_2015"))
    assert r.framework == "lscb-review"
    assert grades(r) == {"lscb": "requires improvement"}
    auth = default_register().resolve(r.authority, r.date)
    assert auth is not None and auth.slug == "surrey" and auth.in_register


# ---- authorities that changed ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("stem", "la", "gss"),
    [
        ("2532287_bournemouth_christchurch_poole_11_february_2022", "839", "E06000058"),
        ("2637548_west_northamptonshire_25_november_2022", "941", "E06000062"),
        ("2733690_cumberland_26_november_2024", "942", "E06000063"),
        ("2733698_westmorland_and_furness_12_july_2024", "943", "E06000064"),
    ],
)
def test_unitaries_created_2019_2023_resolve_with_their_codes(stem: str, la: str, gss: str) -> None:
    r = parse(corpus(stem))
    auth = default_register().resolve(r.authority, r.date)
    assert auth is not None and auth.row is not None
    assert (auth.row.la_number, auth.row.gss_code) == (la, gss)


@pytest.mark.parametrize(
    ("name", "date", "la"),
    [
        ("Dorset Council", "2023-01-10", "838"),
        ("Dorset County Council", "2015-06-01", "835"),
        ("North Northamptonshire Council", "2023-05-01", "940"),
        ("Northamptonshire County Council", "2019-06-01", "928"),
        ("Cumbria County Council", "2020-01-01", "909"),
    ],
)
def test_register_before_and_after_reorganisation(name: str, date: str, la: str) -> None:
    auth = default_register().resolve(name, date)
    assert auth is not None and auth.row is not None and auth.row.la_number == la


# ---- visits and joint targeted area inspections (synthetic letters: see tests/data) -------------
def test_focused_visit_letter() -> None:
    r = parse(SYNTHETIC / "focused-visit.txt")
    assert (r.kind, r.framework) == ("childrens_services_visit", "focused-visit")
    assert (r.authority, r.inspection_start, r.inspection_end) == (
        "Exampleshire", "2023-02-07", "2023-02-08")
    assert r.lead_inspector == "Alex Sample"
    assert len(r.recommendations) == 3
    repeated = [x for x in r.references if x.kind == "previous_recommendation"]
    assert repeated and repeated[0].context.startswith("Return home interviews are not")


def test_monitoring_visit_letter() -> None:
    r = parse(SYNTHETIC / "monitoring-visit.txt")
    assert r.framework == "monitoring-visit"
    first = r.references[0]
    assert (first.kind, first.date, first.grade) == ("previous_judgement", "2021-03", "inadequate")


def test_joint_targeted_area_inspection_letter() -> None:
    r = parse(SYNTHETIC / "jtai.txt")
    assert (r.kind, r.authority) == ("joint_targeted_area_inspection", "Testborough")
    assert (r.inspection_start, r.inspection_end) == ("2021-09-20", "2021-09-24")
    assert len(r.recommendations) == 3 and len(r.strengths) == 2


# ---- the title line parser ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ranges"),
    [
        ("11 January 2016 to 4 February 2016", [("2016-01-11", "2016-02-04")]),
        ("14 January – 4 February 2015", [("2015-01-14", "2015-02-04")]),
        ("8 – 12 July 2013", [("2013-07-08", "2013-07-12")]),
        ("15-19 July 2013", [("2013-07-15", "2013-07-19")]),
        ("20 June 2017 ─ 13 July 2017", [("2017-06-20", "2017-07-13")]),
        ("5 to 9 December 2022 and 14 to 15 February 2023",
         [("2022-12-05", "2022-12-09"), ("2023-02-14", "2023-02-15")]),
    ],
)
def test_inspection_date_ranges(text: str, ranges: list[tuple[str, str]]) -> None:
    assert [(r.start, r.end) for r in date_ranges(text)] == ranges


def test_text_that_is_no_children_services_report_is_refused() -> None:
    from inspectkg.errors import LoadError

    with pytest.raises(LoadError, match="not a known kind"):
        parse_text("Inspection of a children's home\n" + "Some text. " * 50, "home.txt")


def test_a_note_about_reports_is_not_read_as_one(tmp_path):
    """A list of report titles (like the corpus' SOURCES.md) has the kind's words but no
    authority, dates, judgements or recommendations: refused with one line."""
    from inspectkg.errors import LoadError
    from inspectkg.loaders import parse

    note = tmp_path / "SOURCES.md"
    note.write_text(
        "# Ofsted children's services inspection reports (2013-2025)\n\n"
        "Published Ofsted reports about English local authorities' children's services: the "
        "single inspection framework (SIF, 2013-2017, with its review of the Local Safeguarding "
        "Children Board), the Inspection of local authority children's services (ILACS, 2018-), "
        "focused visits, monitoring visits and joint targeted area inspections.\n\n"
        "File names are `<Ofsted URN>_<authority>_<publication date>.pdf`.\n" * 3,
        encoding="utf-8")
    with pytest.raises(LoadError, match="not a children's services report|not a known kind"):
        parse(note)
