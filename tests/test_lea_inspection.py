"""The LEA-inspection loader on the two real sample reports, their layout variants and bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from inspectkg.errors import LoadError
from inspectkg.loaders import detect, parse, parse_text
from inspectkg.loaders.records import LeaInspection


def _read(path: Path) -> LeaInspection:
    report = parse(path)
    assert isinstance(report, LeaInspection)
    return report


def _appendix_bullets(path: Path) -> list[str]:
    """The top-level bullets after the appendix heading, read independently with a regex."""
    text = path.read_text(encoding="utf-8")
    start = [m.start() for m in re.finditer(r"^APPENDIX", text, re.M)][-1]
    end = text.index("©", start)
    return re.findall(r"^- (.+)$", text[start:end], re.M)


@pytest.fixture(scope="module")
def wm(westminster_2002: Path) -> LeaInspection:
    return _read(westminster_2002)


@pytest.fixture(scope="module")
def lc(leicester_2001: Path) -> LeaInspection:
    return _read(leicester_2001)


def test_detects_the_kind_from_content(westminster_2002, leicester_2001, westminster_apa_2006,
                                       westminster_plan_2010):
    for path in (westminster_2002, leicester_2001):
        loader, score = detect(path.read_text(encoding="utf-8"))
        assert loader is not None and loader.kind == "lea_inspection" and score >= 0.5
    for path in (westminster_apa_2006, westminster_plan_2010):
        loader, _ = detect(path.read_text(encoding="utf-8"))
        assert loader is None or loader.kind != "lea_inspection"


def test_title_page(wm, lc):
    assert wm.kind == "lea_inspection"
    assert wm.authority == "City of Westminster"
    assert wm.date == "2002-07"
    assert wm.lead_inspector == "Linda Kelsey HMI"
    assert wm.framework == (
        "Framework for the Inspection of Local Education Authorities (December 2001)"
    )
    assert wm.publisher == "Ofsted"
    assert lc.authority == "Leicester City"
    assert lc.date == "2001-05"
    assert lc.lead_inspector is None


def test_previous_inspection_is_dated(wm, lc):
    assert wm.previous_inspection is not None
    assert wm.previous_inspection.date == "2000-05"
    assert wm.previous_inspection.paragraph == 1
    assert "spring 2000" in wm.previous_inspection.quote
    assert lc.previous_inspection is not None and lc.previous_inspection.date == "1999-07"


def test_contents_with_spaces_and_with_tabs(wm, lc):
    titles = {e.title: e for e in wm.contents}
    assert titles["Context"].first_paragraph == 9 and titles["Context"].last_paragraph == 13
    # this row is tab-separated in the Westminster contents
    assert titles["Attendance"].first_paragraph == 135
    assert titles["Attendance"].section == "SECTION 4: PROMOTING SOCIAL INCLUSION"
    assert titles["SECTION 3: SPECIAL EDUCATIONAL NEEDS"].level == "section"
    lc_titles = {e.title: e for e in lc.contents}
    assert lc_titles["Support for attendance"].first_paragraph == 135
    assert lc_titles["Support for attendance"].last_paragraph == 139
    assert any(e.title == "APPENDIX: RECOMMENDATIONS" for e in lc.contents)


def test_every_numbered_paragraph_with_section_and_heading(wm, lc):
    assert [p.number for p in wm.paragraphs] == list(range(1, 173))
    assert [p.number for p in lc.paragraphs] == list(range(1, 150))
    p135 = wm.paragraphs[134]
    assert p135.section == "SECTION 4: PROMOTING SOCIAL INCLUSION"
    assert p135.heading == "Attendance"
    assert p135.text.startswith("The support for attendance is satisfactory.")
    # a paragraph broken by a page break keeps its continuation
    assert wm.paragraphs[12].text.endswith("intends to report in summer 2003.")
    assert wm.paragraphs[0].section == "INTRODUCTION" and wm.paragraphs[0].heading is None
    assert lc.paragraphs[131].heading == "Support to improve behaviour in school"


def test_commentary_strengths_and_weaknesses(wm, lc):
    assert [s.text for s in wm.strengths][:2] == [
        "the effectiveness of the LEA's identification of, and intervention in, "
        "under-performing schools",
        "the quality of the leadership provided by elected members",
    ]
    assert len(wm.strengths) == 5 and wm.strengths[-1].text == "catering services"
    assert len(wm.weaknesses) == 4
    assert wm.weaknesses[0].text == (
        "the strategy and value for money for special educational needs (SEN)"
    )
    assert all(s.paragraph in (5, 6) for s in wm.strengths + wm.weaknesses)
    # Leicester's list of weaknesses is broken by a blank line and still read whole
    assert [s.text for s in lc.weaknesses] == [
        "strategic planning for special educational needs (SEN)",
        "building partnerships with local communities",
        "liaison with social services at a school level",
        "support for pupils educated otherwise than at school",
        "measures to combat racism",
        "ICT in the curriculum",
        "payroll services",
        "property services",
    ]
    assert len(lc.strengths) == 8 and lc.strengths[0].polarity == "strength"


@pytest.mark.parametrize("fixture", ["westminster_2002", "leicester_2001"])
def test_every_appendix_recommendation_verbatim_and_no_more(fixture, request):
    path: Path = request.getfixturevalue(fixture)
    report = _read(path)
    bullets = [" ".join(b.split()) for b in _appendix_bullets(path)]
    assert [r.number for r in report.recommendations] == list(range(1, len(bullets) + 1))
    for rec, expected in zip(report.recommendations, bullets, strict=True):
        assert rec.text.startswith(expected)
        assert report_line(path, rec.line).lstrip("- ").startswith(expected[:30])
        assert rec.aim and rec.aim[0].isupper() and not rec.aim.endswith((":", ","))


def report_line(path: Path, line: int) -> str:
    return path.read_text(encoding="utf-8").split("\n")[line - 1]


def test_recommendation_aims_and_sub_bullets(wm):
    first = wm.recommendations[0]
    assert first.aim == "In order to improve support for special educational needs"
    assert first.text == (
        "draw up with schools a clear plan of action that sets out the way in which the LEA will "
        "move towards developing more inclusive provision. Clarify : the amount and type of future "
        "specialist provision to be developed in special and mainstream schools; the role of "
        "special schools in supporting inclusion and developing as centres of excellence; the "
        "time frame and resource implications for action."
    )
    assert len(first.sub_bullets) == 3
    racism = [r for r in wm.recommendations if "racist incidents" in r.text][0]
    # the appendix prints this aim with a trailing comma instead of a colon
    assert racism.aim == "In order to support measures already in place to combat racism"
    assert len(wm.recommendations) == 39


def test_sub_bullets_join_without_doubled_punctuation(westminster_2002):
    """A parent bullet ending "in particular," or ";" loses that mark before "; "."""
    text = westminster_2002.read_text(encoding="utf-8")
    for ending in ("in particular,", "in particular;", "in particular, and"):
        damaged = text.replace("inclusive provision. Clarify :", f"inclusive provision {ending}")
        first = parse_text(damaged, "w.txt").recommendations[0]
        assert first.text.startswith(
            "draw up with schools a clear plan of action that sets out the way in which the LEA "
            "will move towards developing more inclusive provision in particular; the amount and "
            "type of future specialist provision"
        ), first.text
        assert ",;" not in first.text and ";;" not in first.text


def test_body_block_and_appendix_entry_are_one_recommendation(wm, lc):
    for report in (wm, lc):
        for rec in report.recommendations:
            wheres = [loc.where for loc in rec.locations]
            assert wheres == ["body", "appendix"], rec.text
            assert rec.locations[0].line < rec.locations[1].line
    attendance = [r for r in wm.recommendations if "truancy patrols" in r.text][0]
    assert attendance.heading == "Attendance"
    assert attendance.locations[0].after_paragraph == 140
    # worded differently in the body ("a service plan which defines in more detail ...")
    plan = [r for r in lc.recommendations if "detailed service plan" in r.text][0]
    assert "in more detail" in plan.locations[0].text
    assert plan.locations[0].line == 362


def test_judgements_carry_paragraph_grade_and_quote(wm, lc):
    by_para = {(j.paragraph, j.grade): j for j in wm.judgements}
    j = by_para[(55, "good")]
    assert j.quote == "Support for under-performing schools is now good."
    assert j.subject == "Support for under-performing schools" and j.polarity == "positive"
    assert by_para[(106, "poor")].subject == "The strategy for SEN"
    assert by_para[(129, "unsatisfactory")].heading == (
        "Provision of education for pupils who have no school place"
    )
    assert by_para[(135, "satisfactory")].line == 616
    # sentences about the earlier inspection are not this report's judgements
    assert not any("last inspection" in j.quote and j.grade == "unsatisfactory" and
                   j.paragraph == 141 for j in wm.judgements)
    assert all(j.paragraph is not None for j in wm.judgements + lc.judgements)
    assert ("support for ICT in the curriculum", "poor") in {(j.subject, j.grade)
                                                               for j in lc.judgements}


def test_references_to_the_earlier_inspection(wm, lc):
    kinds = {(r.paragraph, r.kind) for r in wm.references}
    assert (48, "recommendations_addressed") in kinds
    assert (105, "recommendations_not_met") in kinds
    earlier = {r.paragraph: r.grade for r in wm.references if r.kind == "previous_judgement"}
    assert earlier[141] == "unsatisfactory" and earlier[162] == "poor"
    lc_kinds = {(r.paragraph, r.kind) for r in lc.references}
    assert (98, "recommendations_addressed") in lc_kinds
    assert (104, "recommendations_not_met") in lc_kinds


# ---- layout variants built from the real report ---------------------------------------------
def _variant(path: Path, *subs: tuple[str, str]) -> LeaInspection:
    text = path.read_text(encoding="utf-8")
    for old, new in subs:
        assert re.search(old, text, re.M), old
        text = re.sub(old, new, text, flags=re.M)
    report = parse_text(text, "variant.txt")
    assert isinstance(report, LeaInspection)
    return report


def test_appendix_heading_variants(wm, westminster_2002):
    expected = [r.text for r in wm.recommendations]
    for heading in ("APPENDIX\n\nRECOMMENDATIONS", "APPENDIX: SUMMARY OF RECOMMENDATIONS",
                    "APPENDIX 1: RECOMMENDATIONS"):
        v = _variant(westminster_2002, (r"^APPENDIX: RECOMMENDATIONS$", heading))
        assert [r.text for r in v.recommendations] == expected, heading


def test_markup_bullets_wrapping_and_case(wm, westminster_2002):
    v = _variant(
        westminster_2002,
        (r"^(In order to [^\n]*:)$", r"**\1**"),
        (r"^- (monitor attendance by ethnicity so that secure data is available) ",
         r"• <b>\1</b>\n  "),
        (r"^- urgently", "- Urgently"),
    )
    texts = [r.text for r in v.recommendations]
    assert len(texts) == len(wm.recommendations)
    assert texts[16] == wm.recommendations[16].text
    assert texts[1].startswith("Urgently finalise")
    assert v.recommendations[16].aim == "In order to improve support for attendance"


def test_tab_separated_contents(westminster_2002):
    v = _variant(westminster_2002, (r"^(Context) (9 -13)$", "\\1\t\\2"))
    ctx = [e for e in v.contents if e.title == "Context"][0]
    assert (ctx.first_paragraph, ctx.last_paragraph) == (9, 13)


# ---- bad input --------------------------------------------------------------------------------
def test_truncated_report_is_refused_with_the_reason(westminster_2002, tmp_path):
    text = westminster_2002.read_text(encoding="utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_text(text[: text.index("100. Leadership")], encoding="utf-8")
    with pytest.raises(LoadError) as err:
        parse(cut)
    assert str(err.value).startswith(f"{cut}: truncated")
    assert "\n" not in str(err.value)


def test_report_cut_inside_the_appendix_is_refused(westminster_2002, tmp_path):
    text = westminster_2002.read_text(encoding="utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_text(text[: text.index("- rectify errors in the payroll system.\n\nIn order")],
                   encoding="utf-8")
    with pytest.raises(LoadError, match="truncated"):
        parse(cut)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40, "binary"),
        (b"Minutes of the allotments committee.\n" * 20, "not a known kind"),
    ],
)
def test_bad_files_get_one_line_naming_the_file(tmp_path, content, reason):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(LoadError) as err:
        parse(bad)
    message = str(err.value)
    assert message.startswith(str(bad)) and reason in message and "\n" not in message


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(LoadError, match="no such file"):
        parse(tmp_path / "nope.txt")
    with pytest.raises(LoadError, match="folder"):
        parse(tmp_path)


def test_recommendations_appendix_after_another_appendix(wm, westminster_2002):
    v = _variant(
        westminster_2002,
        (r"^APPENDIX: RECOMMENDATIONS$",
         "APPENDIX 1: RECORD OF JUDGEMENTS\n\nSupport for literacy\t4\nSupport for numeracy\t4\n\n"
         "APPENDIX 2: RECOMMENDATIONS"),
    )
    assert [r.text for r in v.recommendations] == [r.text for r in wm.recommendations]


def test_front_summary_of_recommendations_without_appendix(wm, westminster_2002):
    text = westminster_2002.read_text(encoding="utf-8")
    start = text.index("APPENDIX: RECOMMENDATIONS\n\nThese")
    end = text.index("© Crown copyright")
    listing = text[start:end].replace("APPENDIX: RECOMMENDATIONS", "RECOMMENDATIONS")
    text = text[:start] + text[end:]
    text = text.replace("\nSECTION 1: THE LEA STRATEGY FOR SCHOOL IMPROVEMENT\n\nContext\n\n9.",
                        "\n" + listing + "SECTION 1: THE LEA STRATEGY FOR SCHOOL IMPROVEMENT\n\n"
                        "Context\n\n9.")
    text = text.replace("\nAPPENDIX: RECOMMENDATIONS\n", "\n", 1)  # the contents entry
    report = parse_text(text, "summary-variant.txt")
    assert [r.text for r in report.recommendations] == [r.text for r in wm.recommendations]
    for rec in report.recommendations:
        assert [loc.where for loc in rec.locations] == ["summary", "body"]
    attendance = [r for r in report.recommendations if "truancy patrols" in r.text][0]
    assert attendance.heading == "Attendance"


def test_appendix_recommendations_printed_as_paragraphs(wm, westminster_2002):
    text = westminster_2002.read_text(encoding="utf-8")
    start = text.index("In order to improve support for attendance:\n\n- monitor", text.index(
        "APPENDIX: RECOMMENDATIONS\n\nThese"))
    end = text.index("In order to improve support for behaviour:", start)
    group = text[start:end].replace("\n- ", "\n\n")
    report = parse_text(text[:start] + group + text[end:], "paragraphs.txt")
    assert [r.text for r in report.recommendations] == [r.text for r in wm.recommendations]
    attendance = [r for r in report.recommendations if "truancy patrols" in r.text][0]
    assert attendance.aim == "In order to improve support for attendance"
    assert [loc.where for loc in attendance.locations] == ["body", "appendix"]
