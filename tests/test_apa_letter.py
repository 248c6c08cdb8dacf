"""The APA letter loader on the real Westminster 2006 letter, its damaged copies and variants."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inspectkg.errors import LoadError
from inspectkg.loaders import detect, parse, parse_text
from inspectkg.loaders.apa_letter import ecm
from inspectkg.loaders.apa_letter.reader import LOADER, split_items
from inspectkg.loaders.records import ApaLetter, Judgement, Statement


@pytest.fixture(scope="module")
def apa_text(westminster_apa_2006: Path) -> str:
    return westminster_apa_2006.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def letter(westminster_apa_2006: Path) -> ApaLetter:
    report = parse(westminster_apa_2006)
    assert isinstance(report, ApaLetter)
    return report


def _items(statements: list[Statement], outcome: str) -> list[str]:
    return [s.text for s in statements if s.outcome == outcome]


def _judgement(letter: ApaLetter, start: str) -> Judgement:
    found = [j for j in letter.judgements if j.quote.startswith(start)]
    assert len(found) == 1, start
    return found[0]


# --- detection ------------------------------------------------------------------------------


def test_detects_the_apa_letter(apa_text: str) -> None:
    loader, score = detect(apa_text)
    assert loader is LOADER
    assert score >= 0.9


@pytest.mark.parametrize("fixture", ["westminster_2002", "leicester_2001", "westminster_plan_2010"])
def test_other_kinds_are_not_apa_letters(fixture: str, request: pytest.FixtureRequest) -> None:
    text = request.getfixturevalue(fixture).read_text(encoding="utf-8")
    assert LOADER.detect(text) < 0.5


def test_read_refuses_text_of_another_kind(westminster_2002: Path) -> None:
    with pytest.raises(LoadError, match="not an Ofsted Annual Performance Assessment letter"):
        LOADER.read(westminster_2002.read_text(encoding="utf-8"), "lea.txt")


# --- letter head and sign-off -----------------------------------------------------------------


def test_head(letter: ApaLetter) -> None:
    assert letter.kind == "apa_letter"
    assert letter.authority == "Westminster City Council"
    assert letter.date == "2006-11-01"
    assert letter.assessment_year == 2006
    assert letter.publisher == "Ofsted"
    assert letter.title is not None and letter.title.startswith("2006 ANNUAL PERFORMANCE")


def test_addressee(letter: ApaLetter) -> None:
    person = letter.addressee
    assert person is not None
    assert (person.name, person.post, person.organisation, person.line) == (
        "Julie Jones",
        "Director of Children's Services",
        "Westminster City Council",
        11,
    )


def test_signatories_are_people_with_post_and_body(letter: ApaLetter) -> None:
    got = [(p.name, p.post, p.organisation, p.line) for p in letter.signatories]
    assert got == [
        ("Flo Hadley", "Divisional Manager", "Office for Standards in Education", 185),
        (
            "Jonathan Phillips",
            "Director – Quality, Performance and Methods",
            "Commission for Social Care Inspection",
            191,
        ),
    ]


# --- grades -----------------------------------------------------------------------------------


def test_grade_table(letter: ApaLetter) -> None:
    got = [(g.area, g.grade, g.line) for g in letter.grades]
    assert got == [
        (
            "The contribution of the local authority's children's services in maintaining and "
            "improving outcomes for children and young people.",
            3,
            25,
        ),
        (
            "The council's overall capacity to improve its services for children and young people",
            4,
            26,
        ),
        (
            "The contribution of the local authority's social care services in maintaining and "
            "improving outcomes for children and young people",
            3,
            27,
        ),
    ]
    assert letter.grades[1].outcome == ecm.SERVICE_MANAGEMENT


def test_grade_descriptors(letter: ApaLetter) -> None:
    got = [(d.grade, d.capacity) for d in letter.grade_descriptors]
    assert got == [(4, "Excellent / outstanding"), (3, "Good"), (2, "Adequate"), (1, "Inadequate")]
    assert (
        letter.grade_descriptors[2].service
        == "A service that delivers only minimum requirements for users"
    )


# --- sections ---------------------------------------------------------------------------------


def test_sections_have_canonical_outcomes(letter: ApaLetter) -> None:
    assert [s.outcome for s in letter.sections] == list(ecm.LABELS)
    assert [s.line for s in letter.sections] == [43, 48, 64, 86, 100, 115]
    assert letter.sections[-1].heading.startswith("The council's management of its services")


def test_section_text_joins_paragraphs_split_by_page_breaks(letter: ApaLetter) -> None:
    safe = letter.sections[1].text
    assert "ensure it develops detailed care plans for children with complex needs." in safe
    assert "young people are central to service delivery" in letter.sections[3].text
    assert "Being healthy" not in letter.sections[0].text
    assert "Key strengths" not in letter.sections[-1].text
    assert letter.overview is not None
    assert letter.overview.startswith("The Westminster City Council provides a service")


# --- key strengths and areas for improvement --------------------------------------------------

STRENGTHS = {
    ecm.BEING_HEALTHY: [
        "good promotion of healthy lifestyles through partnership working",
        "sustained reductions in teenage conception rates",
    ],
    ecm.STAYING_SAFE: [
        "availability of family support and prevention services",
        "improved care planning in child protection",
        "low rate of re-registrations on CPR",
        "reduced numbers of looked after children",
        "increased availability of family placements",
        "more placement stability",
        "transition planning for disabled children",
    ],
    ecm.ENJOYING_AND_ACHIEVING: [
        "provision and quality of care in early years",
        "attainment at Key Stages 1 and 2",
        "effective consultation and involvement of children and young people in decision making",
        "quality of provision and outcomes for pupils with learning difficulties and/or "
        "disabilities",
    ],
    ecm.POSITIVE_CONTRIBUTION: [
        "effective anti-bullying strategy",
        "good rate of participation of looked after children in their reviews",
        "effective multi-agency working",
        "comprehensive pathway planning for care leavers",
    ],
    ecm.ECONOMIC_WELL_BEING: [
        "high proportion of young people in education, employment or training post-16",
        "good range of work-based vocational provision",
        "good 14-19 strategy with a coherent strategic partnership in place",
        "high proportion of care leavers in employment, education or training",
    ],
    ecm.SERVICE_MANAGEMENT: [
        "clear strategic vision and agenda for change in CYPP",
        "challenging targets for improvement",
        "strong commitment to children's services",
        "strong, collaborative working arrangements with a range of partners",
        "effective budget planning and control",
    ],
}
AREAS = {
    ecm.BEING_HEALTHY: [
        "the implementation of substance misuse development plans",
        "the engagement of schools not in Healthy Schools programme",
        "CAMHS development to cover consistently young people with complex needs",
    ],
    ecm.STAYING_SAFE: ["duration on the CPR"],
    ecm.ENJOYING_AND_ACHIEVING: [
        "attainment in science at Key Stages 3 and 4",
        "support for low performing schools, particularly below floor targets",
        "high rate of exclusions within secondary phase",
        "high rates of absence from school for looked after children",
    ],
    ecm.POSITIVE_CONTRIBUTION: [],
    ecm.ECONOMIC_WELL_BEING: [
        "continued low proportion of youth offenders in education, employment or training "
        "consistently 16+",
        "weak performance at GCE advanced level",
    ],
    ecm.SERVICE_MANAGEMENT: [],
}


@pytest.mark.parametrize("outcome", ecm.LABELS)
def test_strengths_per_outcome(letter: ApaLetter, outcome: str) -> None:
    assert _items(letter.strengths, outcome) == STRENGTHS[outcome]


@pytest.mark.parametrize("outcome", ecm.LABELS)
def test_areas_for_improvement_per_outcome(letter: ApaLetter, outcome: str) -> None:
    assert _items(letter.areas_for_improvement, outcome) == AREAS[outcome]


def test_strength_records_carry_polarity_and_row_line(letter: ApaLetter) -> None:
    assert {s.polarity for s in letter.strengths} == {"strength"}
    assert {s.polarity for s in letter.areas_for_improvement} == {"weakness"}
    assert {s.line for s in letter.strengths if s.outcome == ecm.ECONOMIC_WELL_BEING} == {164}
    assert len(letter.strengths) == 26 and len(letter.areas_for_improvement) == 10


def test_none_identified_gives_no_items() -> None:
    assert split_items("none identified.") == []
    assert split_items("None identified") == []
    assert split_items("none") == []


# --- the splitter on cells the sample does not have ---------------------------------------------


def test_splitter_on_unseen_cells() -> None:
    cell = (
        "effective multi-agency safeguarding arrangements timely completion of initial "
        "assessments reduced use of temporary accommodation."
    )
    assert split_items(cell) == [
        "effective multi-agency safeguarding arrangements",
        "timely completion of initial assessments",
        "reduced use of temporary accommodation",
    ]
    cell = (
        "the proportion of schools in special measures low attendance in secondary schools "
        "ICT provision in primary schools attainment of boys at Key Stage 4 progress of pupils "
        "between Key Stages 2 and 4"
    )
    assert split_items(cell) == [
        "the proportion of schools in special measures",
        "low attendance in secondary schools",
        "ICT provision in primary schools",
        "attainment of boys at Key Stage 4",
        "progress of pupils between Key Stages 2 and 4",
    ]


def test_splitter_after_an_acronym_in_brackets_and_before_all() -> None:
    cell = (
        "the number of young people not in education, employment or training (NEET) access "
        "to CAMHS for 16-18 year olds"
    )
    assert split_items(cell) == [
        "the number of young people not in education, employment or training (NEET)",
        "access to CAMHS for 16-18 year olds",
    ]
    cell = "timely core assessments all looked after children allocated to a social worker"
    assert split_items(cell) == [
        "timely core assessments",
        "all looked after children allocated to a social worker",
    ]


def test_splitter_keeps_phrases_that_only_look_like_two_items() -> None:
    # after a preposition, a conjunction, an adverb or a starter word no new item can begin
    assert split_items("support for low achieving pupils and more able pupils") == [
        "support for low achieving pupils and more able pupils"
    ]
    assert split_items("consistently good outcomes for looked after children") == [
        "consistently good outcomes for looked after children"
    ]
    assert split_items("access to CAMHS for young people") == ["access to CAMHS for young people"]


def test_splitter_uses_bullets_and_full_stops_when_the_cell_has_them() -> None:
    assert split_items("• good health checks • strong leadership of schools.") == [
        "good health checks",
        "strong leadership of schools",
    ]
    assert split_items("good health checks. better access to dentists.") == [
        "good health checks",
        "better access to dentists",
    ]


# --- aspects for focus, references ------------------------------------------------------------


def test_future_focus(letter: ApaLetter) -> None:
    assert [(f.text, f.line, f.polarity) for f in letter.future_focus] == [
        (
            "CAMHS developments to provide a consistent service for young people with complex "
            "needs",
            169,
            "focus",
        ),
        ("Attainment in science and recruitment of staff in this subject", 170, "focus"),
        ("Reducing exclusions within secondary phase", 171, "focus"),
        ("Youth offenders in education, employment or training", 172, "focus"),
        ("Performance at GCE Advanced Level", 173, "focus"),
    ]


def test_references_to_last_years_apa(letter: ApaLetter) -> None:
    got = [(r.line, r.kind, r.date) for r in letter.references]
    assert got == [
        (41, "recommendations_addressed", "2005"),
        (134, "recommendations_addressed", "2005"),
    ]
    assert letter.references[1].quote.startswith("Most of the issues identified in last year's APA")


# --- judgements -------------------------------------------------------------------------------


def test_learning_difficulties_judgement(letter: ApaLetter) -> None:
    j = _judgement(letter, "The provision for pupils with learning difficulties")
    assert j.quote == (
        "The provision for pupils with learning difficulties and/or disabilities has "
        "significantly improved."
    )
    assert (j.outcome, j.grade, j.polarity, j.line) == (
        ecm.ENJOYING_AND_ACHIEVING,
        "improved",
        "positive",
        80,
    )
    assert j.subject == "The provision for pupils with learning difficulties and/or disabilities"
    assert j.service is None and j.services == []


def test_permanent_exclusions_judgement(letter: ApaLetter) -> None:
    j = _judgement(letter, "The percentage of permanent exclusions")
    assert (j.outcome, j.grade, j.polarity, j.line) == (
        ecm.ENJOYING_AND_ACHIEVING,
        "well above",
        "negative",
        82,
    )
    assert j.subject == "The percentage of permanent exclusions"


def test_judgement_grades_and_subjects(letter: ApaLetter) -> None:
    j = _judgement(letter, "The quality of early year's provision is good")
    assert (j.grade, j.subject, j.polarity) == (
        "good",
        "The quality of early year's provision",
        "positive",
    )
    j = _judgement(letter, "Rates of unauthorised absence")
    assert (j.grade, j.polarity) == ("below", "positive")  # less absence is better
    j = _judgement(letter, "English results are in line with")
    assert (j.grade, j.polarity) == ("in line with", None)
    j = _judgement(letter, "The Council's contribution to Children's Services")
    assert (j.outcome, j.grade) == (ecm.POSITIVE_CONTRIBUTION, "very good")
    j = _judgement(letter, "Teenage conception rates have been substantially reduced")
    assert (j.outcome, j.grade, j.polarity) == (ecm.BEING_HEALTHY, "well below", "positive")
    j = _judgement(letter, "Working collaboratively with its partners")
    assert (j.outcome, j.grade) == (ecm.SERVICE_MANAGEMENT, "excellent")


def test_statements_of_fact_are_not_judgements(letter: ApaLetter) -> None:
    quotes = {j.quote for j in letter.judgements}
    assert (
        "The assessment service is now fully staffed with permanent social workers." not in quotes
    )
    assert not any(q.startswith("All children in need of protection are allocated") for q in quotes)
    assert not any(q.startswith("The council has reached its target") for q in quotes)
    assert all(j.outcome in ecm.LABELS and j.grade for j in letter.judgements)


def test_judgement_quotes_are_whole_sentences_from_the_letter(
    letter: ApaLetter, apa_text: str
) -> None:
    flat = " ".join(apa_text.split())
    for j in letter.judgements:
        assert j.quote[-1] in ".:"
        assert j.quote[0].isupper()
        if j.quote in flat:
            continue
        # a sentence broken by a page end is joined again
        assert j.line in (52, 70, 88)


# --- JSON as `inspectkg parse` prints it -------------------------------------------------------


def test_to_dict_has_the_required_keys(letter: ApaLetter) -> None:
    data = json.loads(json.dumps(letter.to_dict()))
    for key in (
        "kind",
        "authority",
        "date",
        "grades",
        "strengths",
        "areas_for_improvement",
        "future_focus",
        "judgements",
    ):
        assert key in data
    assert {"area", "grade"} <= set(data["grades"][0])
    assert {"outcome", "text"} <= set(data["strengths"][0])


# --- damaged input ----------------------------------------------------------------------------


def _cut_before(text: str, marker: str) -> str:
    return text[: text.index(marker)]


def test_cut_before_the_outcome_sections(apa_text: str) -> None:
    with pytest.raises(LoadError) as err:
        LOADER.read(_cut_before(apa_text, "Being healthy\n"), "cut.txt")
    assert err.value.path == "cut.txt"
    assert str(err.value) == "cut.txt: truncated: no Every Child Matters outcome sections found"


def test_cut_before_the_strengths_table(apa_text: str) -> None:
    with pytest.raises(LoadError, match=r"^cut\.txt: truncated: no key strengths"):
        LOADER.read(_cut_before(apa_text, "Making a positive contribution\n"), "cut.txt")


def test_cut_after_the_strengths_table(apa_text: str) -> None:
    with pytest.raises(LoadError, match=r"^cut\.txt: truncated: .*sign-off"):
        LOADER.read(_cut_before(apa_text, "- CAMHS developments"), "cut.txt")


def test_text_without_a_grade_table(apa_text: str) -> None:
    lines = apa_text.split("\n")
    text = "\n".join(x for x in lines if not x.rstrip().endswith(("\t3", "\t4")))
    with pytest.raises(LoadError, match=r"^nogrades\.txt: truncated: no grade table found$"):
        parse_text(text, "nogrades.txt")


def test_any_cut_is_read_or_refused_with_a_load_error(apa_text: str) -> None:
    lines = apa_text.split("\n")
    read = 0
    for n in range(0, len(lines), 3):
        for text in ("\n".join(lines[:n]), "\n".join(lines[n:])):
            try:
                LOADER.read(text, "cut.txt")
                read += 1
            except LoadError as err:
                assert err.path == "cut.txt" and "\n" not in err.reason
    assert 0 < read < len(lines) // 3


# --- other layouts of the same kind -------------------------------------------------------------


def test_markdown_pipe_tables_and_headings(apa_text: str) -> None:
    out = []
    for line in apa_text.split("\n"):
        if "\t" in line:
            line = "| " + " | ".join(c.strip() for c in line.split("\t")) + " |"
        elif ecm.outcome_for(line):
            line = "## " + line
        out.append(line)
    letter = parse_text("\n".join(out), "pipes.md")
    assert isinstance(letter, ApaLetter)
    assert [g.grade for g in letter.grades] == [3, 4, 3]
    assert [s.outcome for s in letter.sections] == list(ecm.LABELS)
    for outcome in ecm.LABELS:
        assert _items(letter.strengths, outcome) == STRENGTHS[outcome]
        assert _items(letter.areas_for_improvement, outcome) == AREAS[outcome]


LATER_LETTER = """\
Mr John Smith
Director of Children's Services
London Borough of Newtown

18 December 2007

Dear Mr Smith

Annual performance assessment of services for children and young people in the London Borough \
of Newtown 2007

This letter summarises the findings of the 2007 annual performance assessment (APA) process.

Overall effectiveness of children's services\tGrade 3

Newtown delivers good services for children and young people. Most of the recommendations of \
last year's APA have been addressed.

Being healthy\tGrade 3

The contribution of the council to health outcomes is good. Teenage conception rates are high.

Major strengths\tImportant weaknesses and areas for development
•\tGood access to CAMHS for young people\t•\tHigh teenage conception rates
•\tEffective promotion of healthy eating\t
\t•\tLow take-up of school meals

Staying safe\tGrade 2

Arrangements for safeguarding are adequate.

Enjoying and achieving
Grade 3

Standards at Key Stage 2 are in line with the national average.

Making a positive contribution\tGrade 3

Young people have good opportunities to contribute to decisions.

Achieving economic well-being\tGrade 2

The proportion of young people not in education, employment or training is above average.

Capacity to improve, including the management of children's services\tGrade 3

Leadership is strong.

Major strengths\tImportant weaknesses and areas for development
•\tStrong leadership\t•\tUse of performance data

Yours sincerely

Jane Roe
Divisional Manager, Local Services Inspection
"""


def test_later_layout_with_grades_per_section() -> None:
    letter = parse_text(LATER_LETTER, "later.txt")
    assert isinstance(letter, ApaLetter)
    assert (letter.authority, letter.date, letter.assessment_year) == (
        "London Borough of Newtown",
        "2007-12-18",
        2007,
    )
    assert [(g.outcome, g.grade) for g in letter.grades] == [
        (None, 3),
        (ecm.BEING_HEALTHY, 3),
        (ecm.STAYING_SAFE, 2),
        (ecm.ENJOYING_AND_ACHIEVING, 3),
        (ecm.POSITIVE_CONTRIBUTION, 3),
        (ecm.ECONOMIC_WELL_BEING, 2),
        (ecm.SERVICE_MANAGEMENT, 3),
    ]
    assert [s.grade for s in letter.sections] == [3, 2, 3, 3, 2, 3]
    assert [(s.outcome, s.text) for s in letter.strengths] == [
        (ecm.BEING_HEALTHY, "Good access to CAMHS for young people"),
        (ecm.BEING_HEALTHY, "Effective promotion of healthy eating"),
        (ecm.SERVICE_MANAGEMENT, "Strong leadership"),
    ]
    assert [(s.outcome, s.text) for s in letter.areas_for_improvement] == [
        (ecm.BEING_HEALTHY, "High teenage conception rates"),
        (ecm.BEING_HEALTHY, "Low take-up of school meals"),
        (ecm.SERVICE_MANAGEMENT, "Use of performance data"),
    ]
    j = _judgement(letter, "The proportion of young people not in education")
    assert (j.grade, j.polarity) == ("above", "negative")
    assert [(p.name, p.post) for p in letter.signatories] == [
        ("Jane Roe", "Divisional Manager, Local Services Inspection")
    ]


# --- the outcome vocabulary ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "outcome"),
    [
        ("Being healthy", ecm.BEING_HEALTHY),
        ("**Staying safe**", ecm.STAYING_SAFE),
        ("Enjoy and achieve:", ecm.ENJOYING_AND_ACHIEVING),
        ("Making a positive contribution", ecm.POSITIVE_CONTRIBUTION),
        ("Achieving economic wellbeing", ecm.ECONOMIC_WELL_BEING),
        ("Management of children's services", ecm.SERVICE_MANAGEMENT),
        (
            "Capacity to improve, including the management of children's services",
            ecm.SERVICE_MANAGEMENT,
        ),
        ("Summary", None),
        ("Being healthy is a priority for the council and its partners in the borough", None),
    ],
)
def test_outcome_for(label: str, outcome: str | None) -> None:
    assert ecm.outcome_for(label) == outcome


def test_split_label_with_and_without_colon() -> None:
    assert ecm.split_label("Being healthy: good checks") == (
        ecm.BEING_HEALTHY,
        "Being healthy",
        "good checks",
    )
    assert ecm.split_label("Management of children's services clear plans") == (
        ecm.SERVICE_MANAGEMENT,
        "Management of children's services",
        "clear plans",
    )
    assert ecm.split_label("good checks: all schools") is None
