"""The service scheme and classifier, on the wordings of the real sample reports."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import RDF

from inspectkg.graph.services import (
    METHODS,
    Classification,
    classifications_for,
    classify,
    classify_report,
    label_forms,
    outcome_for,
    scheme,
)
from inspectkg.loaders.records import (
    Action,
    ActionPlanProgress,
    ApaLetter,
    Judgement,
    LeaInspection,
    Location,
    PlanRecommendation,
    Recommendation,
    Statement,
    SummarySection,
)
from inspectkg.ontology.namespaces import IKG, OUTCOME, SCHEME, SERVICE, SKOS, ontology_file


def concepts(result: list[Classification]) -> list[str]:
    return [c.concept for c in result]


def first(result: list[Classification]) -> str | None:
    return result[0].concept if result else None


# ---------------------------------------------------------------------------------------------
# Reading the sample reports (plain text handling, no loader needed)
# ---------------------------------------------------------------------------------------------

_RANGE = re.compile(r"^(?P<title>.+?)\s+(?P<first>\d+)(?:\s*[-\u2013]\s*(?P<last>\d+))?\s*$")


def contents_headings(path: Path) -> tuple[list[str], list[str]]:
    """(section titles, headings with paragraph ranges) of an LEA inspection's CONTENTS."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("CONTENTS"))
    sections: list[str] = []
    headings: list[str] = []
    for line in lines[start + 1 :]:
        text = " ".join(line.replace("\t", " ").split())
        if text.startswith("APPENDIX"):
            break
        if text.startswith("SECTION"):
            sections.append(text)
            continue
        m = _RANGE.match(text)
        if m and m.group("title") not in ("INTRODUCTION", "COMMENTARY"):
            headings.append(m.group("title"))
    return sections, headings


def appendix_aims(path: Path) -> list[str]:
    """The "In order to ...:" / "To ...:" lines of an inspection's appendix of recommendations."""
    text = path.read_text(encoding="utf-8")
    appendix = text[text.rindex("RECOMMENDATIONS") :]
    return [
        line.strip()
        for line in appendix.split("\n")
        if re.match(r"^(In order to|To) .*[:,]\s*$", line.strip())
    ]


def appendix_recommendations(path: Path) -> list[tuple[str, str]]:
    """(aim, bullets joined) for each recommendation block of the appendix."""
    text = path.read_text(encoding="utf-8")
    appendix = text[text.rindex("RECOMMENDATIONS") :]
    blocks: list[tuple[str, list[str]]] = []
    for line in appendix.split("\n"):
        s = line.strip()
        if re.match(r"^(In order to|To) .*[:,]$", s):
            blocks.append((s, []))
        elif s.startswith("- ") and blocks:
            blocks[-1][1].append(s[2:])
        elif s.startswith("\u00a9"):
            break
    return [(aim, " ".join(bullets)) for aim, bullets in blocks]


def plan_rows(path: Path) -> tuple[list[tuple[str, str]], list[dict[str, str]]]:
    """Recommendations (number, text) and action rows of the action plan's appendix."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("Appendix 1"))
    recs: list[tuple[str, str]] = []
    rows: list[dict[str, str]] = []
    for line in lines[start + 1 :]:
        m = re.match(r"^(\d+(?:\.\d+)?) ([A-Z].*)$", line)
        cells = line.split("\t")
        if m:
            recs.append((m.group(1), m.group(2).strip()))
        elif len(cells) >= 5 and cells[0].strip() and cells[0].strip() != "Objective" and recs:
            rows.append(
                {
                    "recommendation": recs[-1][0],
                    "objective": cells[0].strip(),
                    "lead": cells[1].strip(),
                    "timescale": cells[2].strip(),
                    "action": cells[4].strip(),
                    "rag": cells[5].strip() if len(cells) > 5 else "",
                }
            )
    return recs, rows


def plan_summary(path: Path) -> list[tuple[str, str, str]]:
    """(section number, title, cited recommendation) of the report's narrative sections."""
    out = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        m = re.match(r"^(\d+)\.? (.+?) \(Recommendation (\d+)\)\s*$", line.strip())
        if m:
            out.append((m.group(1), m.group(2), m.group(3)))
    return out


# ---------------------------------------------------------------------------------------------
# The Turtle files
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["services.ttl", "outcomes.ttl"])
def test_turtle_parses_with_rdflib_and_pyoxigraph(name: str) -> None:
    path = ontology_file(name)
    g = rdflib.Graph().parse(path, format="turtle")
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    assert len(g) == len(quads) > 0


@pytest.fixture(scope="module")
def services_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_file("services.ttl"), format="turtle")


def test_every_service_concept_is_complete(services_graph: rdflib.Graph) -> None:
    g = services_graph
    concept_iris = set(g.subjects(RDF.type, SKOS.Concept))
    assert len(concept_iris) >= 50
    top = set(g.objects(SCHEME["services"], SKOS.hasTopConcept))
    for c in concept_iris:
        slug = str(c).removeprefix(str(SERVICE))
        assert str(c).startswith(str(SERVICE)) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
        assert (c, SKOS.inScheme, SCHEME["services"]) in g
        prefs = list(g.objects(c, SKOS.prefLabel))
        assert len(prefs) == 1 and prefs[0].language == "en", c
        assert [str(n) for n in g.objects(c, SKOS.notation)] == [slug]
        assert list(g.objects(c, SKOS.definition)), c
        broader = set(g.objects(c, SKOS.broader))
        assert broader <= concept_iris, c
        # Top concepts are exactly those with nothing broader, both ways round.
        assert (c in top) == (not broader) == ((c, SKOS.topConceptOf, SCHEME["services"]) in g)
        assert set(g.objects(c, IKG.ecmOutcome)) == set(g.objects(c, SKOS.relatedMatch))


def test_service_outcomes_exist() -> None:
    sch = scheme()
    assert set(sch.outcome_concepts) == {
        "being-healthy",
        "staying-safe",
        "enjoying-and-achieving",
        "making-a-positive-contribution",
        "achieving-economic-well-being",
        "service-management",
    }
    for c in sch.concepts.values():
        assert set(c.outcomes) <= set(sch.outcome_concepts), c.id
    assert sch.concepts["special-educational-needs"].outcomes == ("enjoying-and-achieving",)
    assert "being-healthy" in sch.concepts["mental-health"].outcomes


def test_outcome_labels_are_exact() -> None:
    g = rdflib.Graph().parse(ontology_file("outcomes.ttl"), format="turtle")
    labels = {
        str(c).removeprefix(str(OUTCOME)): str(g.value(c, SKOS.prefLabel))
        for c in g.subjects(RDF.type, SKOS.Concept)
    }
    assert labels == {
        "being-healthy": "Being healthy",
        "staying-safe": "Staying safe",
        "enjoying-and-achieving": "Enjoying and achieving",
        "making-a-positive-contribution": "Making a positive contribution",
        "achieving-economic-well-being": "Achieving economic well-being",
        "service-management": "Service management",
    }
    for c in g.subjects(RDF.type, SKOS.Concept):
        assert str(g.value(c, SKOS.notation)) == str(c).removeprefix(str(OUTCOME))


def test_no_label_names_two_concepts() -> None:
    owner: dict[tuple[str, ...], str] = {}
    for c in scheme().concepts.values():
        lowered = [
            {x.lower() for x in group}
            for group in ({c.pref_label}, set(c.alt_labels), set(c.hidden_labels))
        ]
        assert not (lowered[0] & lowered[1] or lowered[0] & lowered[2] or lowered[1] & lowered[2])
        assert not {f for lab in c.heading_labels for f in label_forms(lab)} & {
            f for lab in c.labels for f in label_forms(lab)
        }, c.id  # ikg:headingLabel is a kind of hidden label: disjoint from the others
        for label in (*c.labels, *c.heading_labels):
            for form in label_forms(label):
                assert owner.setdefault(form, c.id) == c.id, (label, owner[form], c.id)


@pytest.mark.parametrize(
    "generic",
    [
        "support",
        "plans",
        "plan",
        "health",
        "training",
        "service",
        "services",
        "school",
        "provision",
        "strategy",
        "improvement",
        "partnership",
        "funding",
        "management",
        "pupils",
    ],
)
def test_no_generic_word_is_a_label(generic: str) -> None:
    for c in scheme().concepts.values():
        forms = {f for label in c.labels for f in label_forms(label)}
        assert (generic,) not in forms, (generic, c.id)


def test_broader_hierarchy() -> None:
    sch = scheme()
    assert "school-improvement" in sch.ancestors("literacy")
    assert "school-improvement" in sch.ancestors("secondary-standards")  # via attainment
    assert {"ict", "school-management-services"} <= sch.ancestors("administrative-ict")
    assert "social-inclusion" in sch.ancestors("education-otherwise-than-at-school")
    assert "health" in sch.ancestors("teenage-pregnancy")


# ---------------------------------------------------------------------------------------------
# Headings of the LEA inspections
# ---------------------------------------------------------------------------------------------

WESTMINSTER_HEADINGS: dict[str, str | None] = dict(
    [
        ("Context", None),
        ("Performance", "attainment"),
        ("Funding", "funding-and-resources"),
        ("Council structure", "leadership-and-decision-making"),
        ("The LEA strategy for school improvement", "school-improvement"),
        ("The allocation of resources to priorities", "funding-and-resources"),
        ("Promoting continuous improvement, including Best Value", "best-value"),
        (
            "Summary of effectiveness of the LEA's support for school improvement",
            "school-improvement",
        ),
        ("Monitoring, challenge and intervention", "monitoring-challenge-intervention"),
        (
            "The effectiveness of the LEA's work in monitoring and challenging schools",
            "monitoring-challenge-intervention",
        ),
        (
            "The effectiveness of the LEA's work with under-performing schools",
            "schools-causing-concern",
        ),
        ("Support for literacy", "literacy"),
        ("Support for numeracy", "numeracy"),
        ("Support for information and communication technology (ICT)", "ict-curriculum"),
        ("Support for raising standards at Key Stage 3", "secondary-standards"),
        ("Review of Secondary Education", "school-places"),
        ("Support for ethnic minority groups including Travellers", "minority-ethnic-pupils"),
        ("Support for gifted and talented pupils", "gifted-and-talented"),
        ("Support for school management", "school-leadership-support"),
        ("Support for governors", "governors"),
        (
            "The effectiveness of services to support school management",
            "school-management-services",
        ),
        ("The LEA's work in assuring the supply and quality of teachers", "teacher-supply"),
        ("The effectiveness of services to support school improvement", "school-improvement"),
        (
            "Summary of effectiveness of LEA's Special Educational Needs provision",
            "special-educational-needs",
        ),
        ("The LEA's strategy for Special Educational Needs", "special-educational-needs"),
        ("Statutory obligations", None),
        ("School improvement", "school-improvement"),
        ("Value for money", None),
        ("Summary of effectiveness in promoting social inclusion", "social-inclusion"),
        ("The strategy to promote social inclusion", "social-inclusion"),
        ("The supply of school places", "school-places"),
        ("Asset management", "asset-management"),
        ("Admissions", "admissions"),
        (
            "Provision of education for pupils who have no school place",
            "education-otherwise-than-at-school",
        ),
        ("Attendance", "attendance"),
        ("Behaviour support", "behaviour-and-exclusions"),
        ("Health, safety, welfare and child protection", "child-protection"),
        ("Children in public care", "children-in-care"),
        ("Measures to combat racism", "racism"),
        ("Introduction to corporate issues", "corporate-planning"),
        ("Corporate planning", "corporate-planning"),
        ("Decision making", "leadership-and-decision-making"),
        ("Leadership of officers and elected members", "leadership-and-decision-making"),
        ("Partnership", "partnership"),
    ]
)

LEICESTER_HEADINGS: dict[str, str | None] = dict(
    [
        ("Context", None),
        ("Performance of schools", "attainment"),
        ("Council and education department structure", "leadership-and-decision-making"),
        ("Funding", "funding-and-resources"),
        ("The Education Development Plan", "school-improvement"),
        ("Allocation of resources to priorities", "funding-and-resources"),
        ("Structures for achieving Best Value", "best-value"),
        ("Monitoring, challenge, support and intervention", "monitoring-challenge-intervention"),
        ("Performance data", "performance-data"),
        ("Support for literacy", "literacy"),
        ("Support for numeracy", "numeracy"),
        (
            "Support for information and communication technology in the curriculum",
            "ict-curriculum",
        ),
        ("Support for schools causing concern", "schools-causing-concern"),
        ("Support for school management", "school-leadership-support"),
        ("Support for governors", "governors"),
        ("Corporate planning", "corporate-planning"),
        ("Liaison with other agencies", "partnership"),
        ("Management support services", "school-management-services"),
        ("The LEA's Strategy for Special Educational Needs", "special-educational-needs"),
        ("Statutory obligations", None),
        ("Support for school improvement", "school-improvement"),
        ("The Supply of school places", "school-places"),
        ("Admissions", "admissions"),
        ("Property management", "property-services"),
        (
            "Support for pupils educated otherwise than at school",
            "education-otherwise-than-at-school",
        ),
        ("Children in public care", "children-in-care"),
        ("Support to improve behaviour in school", "behaviour-and-exclusions"),
        ("Support for attendance", "attendance"),
        ("Ethnic minority children", "minority-ethnic-pupils"),
        ("Measures to combat racism", "racism"),
        ("Measures to combat social exclusion", "social-inclusion"),
    ]
)


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [("westminster_2002", WESTMINSTER_HEADINGS), ("leicester_2001", LEICESTER_HEADINGS)],
)
def test_every_contents_heading_classifies(
    fixture: str, expected: dict[str, str | None], request: pytest.FixtureRequest
) -> None:
    _, headings = contents_headings(request.getfixturevalue(fixture))
    assert headings, "no headings read from CONTENTS"
    assert set(headings) == set(expected), "the sample's CONTENTS changed"
    for heading in headings:
        result = classify(heading=heading)
        want = expected[heading]
        assert concepts(result) == ([want] if want else []), heading
        assert all(c.method == "heading" for c in result)


def test_section_titles_classify(westminster_2002: Path, leicester_2001: Path) -> None:
    sections = contents_headings(westminster_2002)[0] + contents_headings(leicester_2001)[0]
    got = {s: first(classify(heading=s)) for s in sections}
    assert got == {
        "SECTION 1: THE LEA STRATEGY FOR SCHOOL IMPROVEMENT": "school-improvement",
        "SECTION 2: SUPPORT FOR SCHOOL IMPROVEMENT": "school-improvement",
        "SECTION 3: SPECIAL EDUCATIONAL NEEDS": "special-educational-needs",
        "SECTION 4: PROMOTING SOCIAL INCLUSION": "social-inclusion",
        "SECTION 5: CORPORATE ISSUES": "corporate-planning",
        "SECTION 2: SCHOOL IMPROVEMENT": "school-improvement",
        "SECTION 3: STRATEGIC MANAGEMENT": "corporate-planning",
        "SECTION 4: SPECIAL EDUCATION PROVISION": "special-educational-needs",
        "SECTION 5: ACCESS": "social-inclusion",
    }


def test_section_is_only_a_fallback() -> None:
    section = "SECTION 3: SPECIAL EDUCATIONAL NEEDS"
    result = classify(
        "Value for money is unsatisfactory.", heading="Value for money", section=section
    )
    assert result == [
        Classification("special-educational-needs", "section", "SPECIAL EDUCATIONAL NEEDS")
    ]
    # When anything else names a service, the section adds nothing.
    result = classify("Support for literacy remains satisfactory.", section=section)
    assert concepts(result) == ["literacy"]


# ---------------------------------------------------------------------------------------------
# Aims of the recommendations
# ---------------------------------------------------------------------------------------------

AIMS: dict[str, str | None] = dict(
    [
        ("In order to improve support for special educational needs:", "special-educational-needs"),
        ("In order to promote social inclusion:", "social-inclusion"),
        (
            "In order to improve the supply of school places, as part of the school "
            "organisation plan:",
            "school-places",
        ),
        (
            "In order to improve provision for pupils who have no school place:",
            "education-otherwise-than-at-school",
        ),
        ("In order to improve support for attendance:", "attendance"),
        ("In order to improve support for behaviour:", "behaviour-and-exclusions"),
        ("In order to support measures already in place to combat racism,", "racism"),
        (
            "In order to further improve effectiveness and efficiency of monitoring of schools:",
            "monitoring-challenge-intervention",
        ),
        (
            "In order to ensure more effective dissemination of good practice:",
            "school-leadership-support",
        ),
        (
            "In order to improve services to support school management:",
            "school-management-services",
        ),
        ("In order to improve financial management support for schools:", "financial-services"),
        ("In order to improve property services:", "property-services"),
        (
            "In order to raise pupils' standards in ICT, improve the information available to "
            "teachers and give support for administration in school:",
            "ict-curriculum",
        ),
        ("In order to promote the value of training in the LEA:", None),
        (
            "In order to improve the focus on school improvement in all service units:",
            "school-improvement",
        ),
        ("In order to improve the impact of partnership working:", "partnership"),
        ("In order to improve planning for school improvement:", "school-improvement"),
        (
            "To further improve the monitoring, challenge, intervention and support provided "
            "to schools:",
            "monitoring-challenge-intervention",
        ),
        ("In order to improve support for numeracy:", "numeracy"),
        ("In order to improve support for ICT in the curriculum:", "ict-curriculum"),
        ("To further improve the support to schools causing concern:", "schools-causing-concern"),
        (
            "In order to maintain the good progress made on strategic management:",
            "corporate-planning",
        ),
        ("To make relationships with other services more productive:", "partnership"),
        ("In order to secure a reliable payroll service for schools:", "payroll"),
        (
            "In order to improve the effectiveness of support for pupils with special "
            "educational needs:",
            "special-educational-needs",
        ),
        (
            "To improve the education property function, the property review should ensure that:",
            "property-services",
        ),
        (
            "To improve support provided to pupils educated otherwise than in school:",
            "education-otherwise-than-at-school",
        ),
        (
            "To take better account of the ethnic diversity of its population and to promote "
            "the attainments of minority ethnic pupils:",
            "minority-ethnic-pupils",
        ),
        ("To improve measures to combat racism:", "racism"),
    ]
)


def test_every_appendix_aim_classifies(westminster_2002: Path, leicester_2001: Path) -> None:
    aims = appendix_aims(westminster_2002) + appendix_aims(leicester_2001)
    assert len(aims) == 16 + 13
    assert set(aims) == set(AIMS)
    for aim in aims:
        result = classify(aim=aim)
        assert first(result) == AIMS[aim], aim
        assert all(c.method == "aim" for c in result)


def test_ict_aim_names_both_ict_services() -> None:
    aim = next(a for a in AIMS if "standards in ICT" in a)
    assert concepts(classify(aim=aim)) == ["ict-curriculum", "administrative-ict"]


def test_heading_rescues_an_aim_that_names_nothing() -> None:
    result = classify(
        "develop a well-marketed programme that offers all staff a continuum of professional "
        "development using a wide range of providers and expertise.",
        aim="In order to promote the value of training in the LEA:",
        heading="The LEA's work in assuring the supply and quality of teachers",
    )
    assert result[0] == Classification(
        "teacher-supply", "heading", "supply and quality of teachers"
    )
    assert len(result) == 1  # wording agreed: one entry per concept, the strongest method


def test_recommendation_wordings(westminster_2002: Path) -> None:
    recs = dict(appendix_recommendations(westminster_2002))
    sen = recs["In order to improve support for special educational needs:"]
    assert first(classify(sen)) == "special-educational-needs"
    eotas = recs["In order to improve provision for pupils who have no school place:"]
    assert "education-otherwise-than-at-school" in concepts(classify(eotas))
    attendance = recs["In order to improve support for attendance:"]
    assert {"attendance", "minority-ethnic-pupils", "anti-bullying"} == set(
        concepts(classify(attendance))
    )
    behaviour = recs["In order to improve support for behaviour:"]
    assert concepts(classify(behaviour)) == ["behaviour-and-exclusions"]


# ---------------------------------------------------------------------------------------------
# APA letter and action plan
# ---------------------------------------------------------------------------------------------


def test_apa_subjects_and_statements(westminster_apa_2006: Path) -> None:
    text = westminster_apa_2006.read_text(encoding="utf-8")
    subject = "The provision for pupils with learning difficulties and/or disabilities"
    assert subject in text
    assert classify(subject=subject) == [
        Classification(
            "special-educational-needs", "subject", "learning difficulties and/or disabilities"
        )
    ]
    expected = {
        "CAMHS developments": "mental-health",
        "Attainment in science": "science",
        "Reducing exclusions": "behaviour-and-exclusions",
        "Youth offenders": "youth-offending",
        "Performance at GCE Advanced Level": "careers-and-14-19",
        "teenage conceptions": "teenage-pregnancy",
        "ensuring the safety of children": "child-protection",
        "robust referral and review of children in need": "childrens-social-care",
        "foster parent placements": "children-in-care",
        "attainment at Key Stage 3": "secondary-standards",
        "involving young people": "participation-of-young-people",
        "promoting the life chances of disabled children": "special-educational-needs",
    }
    bullets = [line.strip()[2:] for line in text.split("\n") if line.strip().startswith("- ")]
    assert len(bullets) == 14
    for start, want in expected.items():
        bullet = next(b for b in bullets if b.startswith(start))
        assert first(classify(bullet)) == want, bullet
    sentences = {
        "The percentage of permanent exclusions remains well above": "behaviour-and-exclusions",
        "However, the council has been particularly successful": "behaviour-and-exclusions",
        "The quality of early year's provision is good overall.": "early-years",
        "Rates of unauthorised absence in primary and secondary schools": "attendance",
    }
    for start, want in sentences.items():
        sentence = text[text.index(start) :].split(".")[0]
        assert first(classify(sentence)) == want, sentence
    prus = text[text.index("However, the council has been particularly") :].split(".")[0]
    assert "education-otherwise-than-at-school" in concepts(classify(prus))


PLAN_RECOMMENDATIONS = {
    "1.1": "monitoring-challenge-intervention",
    "1.2": "performance-data",
    "2": "governors",
    "3": "early-years",
    "4.1": "extended-services",
    "4.2": "gifted-and-talented",
    "5.2": "information-sharing",
    "6": "special-educational-needs",
    "7": "behaviour-and-exclusions",
    "8": "partnership",
    "10": "leadership-and-decision-making",
    "11": "parenting",
    "12": "english-and-maths",
}


def test_action_plan_recommendations(westminster_plan_2010: Path) -> None:
    recs, rows = plan_rows(westminster_plan_2010)
    assert [n for n, _ in recs] == [
        "1.1",
        "1.2",
        "2",
        "3",
        "4.1",
        "4.2",
        "5.1",
        "5.2",
        "6",
        "7",
        "8",
        "9",
        "10",
        "11",
        "12",
    ]
    assert len(rows) == 59
    texts = dict(recs)
    for number, want in PLAN_RECOMMENDATIONS.items():
        assert first(classify(texts[number])) == want, texts[number]


def test_action_plan_rows_on_alternative_provision_and_sen_outreach(
    westminster_plan_2010: Path,
) -> None:
    _, rows = plan_rows(westminster_plan_2010)
    alternative = [
        r for r in rows if re.search(r"alternative (provision|education)", r["action"], re.I)
    ]
    assert len(alternative) == 2
    for row in alternative:
        got = concepts(classify(row["action"], aim=row["objective"]))
        assert "education-otherwise-than-at-school" in got, row["action"]
        assert "behaviour-and-exclusions" in got, row["objective"]
    outreach = [r for r in rows if "outreach" in r["action"] and r["recommendation"] == "6"]
    assert len(outreach) == 2
    for row in outreach:
        assert first(classify(row["action"], aim=row["objective"])) == "special-educational-needs"


# ---------------------------------------------------------------------------------------------
# Precision
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "support",
        "plans",
        "The LEA has made good progress.",
        "There are no specific implications.",
        "The council consists of 47 Conservative and 13 Labour members.",
        "This letter summarises the findings of the 2006 annual performance assessment (APA) "
        "process for your local authority.",
        "Lead Inspector: Linda Kelsey HMI",
        "A further copy of this report can be obtained from the Local Education Authority "
        "concerned:",
        "There are no immediate legal implications arising from this report.",
        "Yours sincerely",
        "The response rate to the questionnaire was 55 per cent.",
        "Plans and support are in place.",
    ],
)
def test_unrelated_sentences_classify_to_nothing(text: str) -> None:
    assert classify(text) == []


@pytest.mark.parametrize(
    ("text", "not_concept"),
    [
        (
            "Despite the absence of a written policy, the strategies are likely to work.",
            "attendance",
        ),
        (
            "The proportion of pupils eligible for free school meals remains above average.",
            "catering",
        ),
        ("Provision of education for pupils who have no school place", "school-places"),
        ("This gives a level of support that schools value.", "careers-and-14-19"),
        ("The LEA is in a period of transition.", "transition"),
        ("Social exclusion remains a concern.", "behaviour-and-exclusions"),
        (
            "There is no overarching strategy to deliver effective support for ICT in schools "
            "administration.",
            "ict-curriculum",
        ),
    ],
)
def test_wordings_do_not_reach_the_wrong_concept(text: str, not_concept: str) -> None:
    assert not_concept not in concepts(classify(text))


def test_phrases_do_not_run_across_punctuation() -> None:
    text = "That approach brings together all key players (school, governors, contractor and LEA)."
    assert classify(text) == [Classification("governors", "wording", "governors")]
    assert classify("This is how the LEA works with schools. Governors are informed.") == [
        Classification("governors", "wording", "Governors")
    ]
    # A comma that the label itself has is fine.
    assert first(classify("monitoring, challenge and intervention")) == (
        "monitoring-challenge-intervention"
    )


def test_partly_overlapping_phrases_both_count() -> None:
    # "financial services" and "services to schools" share a word; the function named first wins
    # and the broader group is implied by skos:broader, not repeated.
    result = classify("Financial services to schools remain unsatisfactory.")
    assert concepts(result) == ["financial-services"]
    assert concepts(classify("Property services to schools have not improved.")) == [
        "property-services"
    ]


def test_inflection_and_spelling_tolerance() -> None:
    assert first(classify("exclusion of pupils")) == "behaviour-and-exclusions"
    assert first(classify("Exclusions rose.")) == "behaviour-and-exclusions"
    assert first(classify("support for underperforming schools")) == "schools-causing-concern"
    assert first(classify("support for under-performing schools")) == "schools-causing-concern"
    assert first(classify("PRUs")) == "education-otherwise-than-at-school"
    assert first(classify("SPECIAL EDUCATIONAL NEED")) == "special-educational-needs"
    assert first(classify("gifted & talented pupils")) == "gifted-and-talented"


# ---------------------------------------------------------------------------------------------
# Method, evidence, order
# ---------------------------------------------------------------------------------------------


def test_methods_order_and_evidence() -> None:
    text = "work with the police to establish a regular programme of truancy patrols."
    result = classify(
        text,
        aim="In order to improve support for attendance:",
        heading="Attendance",
        subject=None,
    )
    assert result == [Classification("attendance", "aim", "support for attendance")]
    result = classify("Exclusion rates are high and attendance well below the national average.")
    assert [c.method for c in result] == ["wording", "wording"]
    for c in result:
        assert c.evidence.lower() in "exclusion rates are high and attendance well below"
    assert set(METHODS) >= {c.method for c in result}


def test_classification_is_deterministic() -> None:
    text = (
        "Develop and extend cross borough commissioning arrangements to support SEN with shared "
        "outreach and specialist support service provision."
    )
    assert classify(text) == classify(text)
    assert first(classify(text)) == "special-educational-needs"  # not the cross-cutting ones


def test_outcome_for() -> None:
    assert outcome_for("Being healthy") == "being-healthy"
    assert outcome_for("Be healthy") == "being-healthy"
    assert outcome_for("STAYING SAFE") == "staying-safe"
    assert outcome_for("Enjoy and achieve") == "enjoying-and-achieving"
    assert outcome_for("Making a positive contribution") == "making-a-positive-contribution"
    assert outcome_for("Achieving economic wellbeing") == "achieving-economic-well-being"
    assert outcome_for("Management of children's services") == "service-management"
    assert (
        outcome_for(
            "The council's management of its services for children and young people, including "
            "its capacity to improve them further"
        )
        == "service-management"
    )
    assert outcome_for("service-management") == "service-management"
    assert outcome_for("Key strengths") is None
    assert outcome_for(None) is None


# ---------------------------------------------------------------------------------------------
# Whole reports
# ---------------------------------------------------------------------------------------------


def lea_report(path: Path) -> LeaInspection:
    recs = [
        Recommendation(number=i, aim=aim, text=text, line=0)
        for i, (aim, text) in enumerate(appendix_recommendations(path), start=1)
    ]
    judgements = [
        Judgement(
            quote="Support for under-performing schools is now good.",
            line=0,
            grade="good",
            paragraph=55,
            heading="The effectiveness of the LEA's work with under-performing schools",
        ),
        Judgement(
            quote="Value for money is unsatisfactory.",
            line=0,
            grade="unsatisfactory",
            paragraph=115,
            heading="Value for money",
            section="SECTION 3: SPECIAL EDUCATIONAL NEEDS",
        ),
        Judgement(
            quote="Support for numeracy is satisfactory.", line=0, service="Support for numeracy"
        ),
    ]
    weaknesses = [
        Statement(
            text="the strategy and value for money for special educational needs (SEN);",
            line=0,
            polarity="weakness",
            paragraph=6,
        ),
    ]
    return LeaInspection(
        kind="lea_inspection",
        source=str(path),
        authority="Westminster",
        date="2002-07-01",
        recommendations=recs,
        judgements=judgements,
        weaknesses=weaknesses,
    )


def test_classify_report_lea_inspection(westminster_2002: Path) -> None:
    report = classify_report(lea_report(westminster_2002))
    by_aim = {r.aim: r for r in report.recommendations}
    assert by_aim["In order to improve support for special educational needs:"].services[0] == (
        "special-educational-needs"
    )
    assert (
        by_aim["In order to improve provision for pupils who have no school place:"].services[0]
        == "education-otherwise-than-at-school"
    )
    assert all(r.services for r in report.recommendations)
    j_good, j_vfm, j_numeracy = report.judgements
    assert j_good.service == "schools-causing-concern" and j_good.services[0] == j_good.service
    assert j_vfm.service == "special-educational-needs"
    assert classifications_for(j_vfm)[0].method == "section"
    # A loader that put the subject words into `service` still gets a concept there.
    assert j_numeracy.service == "numeracy"
    assert classifications_for(j_numeracy)[0].method == "subject"
    assert report.weaknesses[0].services == ["special-educational-needs"]
    # The stored classifications are not fields: `inspectkg parse` output is unchanged.
    assert "_inspectkg_classifications" not in str(report.to_dict())


def test_classify_report_uses_body_location_heading() -> None:
    rec = Recommendation(
        number=14,
        aim="In order to promote the value of training in the LEA:",
        text="develop a well-marketed programme that offers all staff a continuum of training.",
        line=0,
        locations=[
            Location(
                where="body",
                line=0,
                text="...",
                heading="The LEA's work in assuring the supply and quality of teachers",
            ),
        ],
    )
    report = classify_report(
        LeaInspection(
            kind="lea_inspection", source="x", authority=None, date=None, recommendations=[rec]
        )
    )
    assert report.recommendations[0].services == ["teacher-supply"]


def plan_report(path: Path) -> ActionPlanProgress:
    recs, rows = plan_rows(path)
    return ActionPlanProgress(
        kind="action_plan_progress",
        source=str(path),
        authority="Westminster",
        date="2010-04-23",
        recommendations=[PlanRecommendation(number=n, text=t, line=0) for n, t in recs],
        actions=[
            Action(
                recommendation=r["recommendation"],
                objective=r["objective"],
                lead=r["lead"],
                timescale=r["timescale"],
                action=r["action"],
                progress=None,
                rag=r["rag"] or None,
                line=0,
            )
            for r in rows
        ],
        summary=[
            SummarySection(number=n, title=t, recommendations=[rec], text="", line=0)
            for n, t, rec in plan_summary(path)
        ],
    )


def test_classify_report_action_plan(westminster_plan_2010: Path) -> None:
    report = classify_report(plan_report(westminster_plan_2010))
    recs = {r.number: r for r in report.recommendations}
    # The narrative's title "Alternative Provision (Recommendation 7)" counts as its heading.
    assert recs["7"].services[:2] == [
        "education-otherwise-than-at-school",
        "behaviour-and-exclusions",
    ]
    assert classifications_for(recs["7"])[0].method == "heading"
    assert recs["6"].services[0] == "special-educational-needs"
    assert recs["4.2"].services[0] == "gifted-and-talented"  # group title names 4.1's topic too
    assert recs["12"].services[0] == "english-and-maths"

    for action in report.actions:
        if action.recommendation == "6":
            assert action.services[0] == "special-educational-needs", action.action
        if action.recommendation == "7":
            assert "education-otherwise-than-at-school" in action.services, action.action
    classified = [a for a in report.actions if a.services]
    assert len(classified) >= 55
    methods = {c.method for a in report.actions for c in classifications_for(a)}
    assert {"aim", "wording", "recommendation"} <= methods
    via_rec = next(
        c for a in report.actions for c in classifications_for(a) if c.method == "recommendation"
    )
    assert via_rec.evidence.startswith("recommendation ")


def test_classify_report_twice_changes_nothing(westminster_2002: Path) -> None:
    report = classify_report(lea_report(westminster_2002))
    first_pass = copy.deepcopy(report.to_dict())
    first_how = [classifications_for(j) for j in report.judgements]
    again = classify_report(report)
    assert again.to_dict() == first_pass
    assert [classifications_for(j) for j in again.judgements] == first_how


def test_classify_report_is_deterministic(westminster_plan_2010: Path) -> None:
    a = classify_report(plan_report(westminster_plan_2010))
    b = classify_report(copy.deepcopy(plan_report(westminster_plan_2010)))
    assert [x.services for x in a.actions] == [x.services for x in b.actions]
    assert [classifications_for(x) for x in a.actions] == [
        classifications_for(x) for x in b.actions
    ]


def test_classify_report_apa_letter() -> None:
    letter = ApaLetter(
        kind="apa_letter",
        source="x",
        authority="Westminster",
        date="2006-11-01",
        judgements=[
            Judgement(
                quote="The provision for pupils with learning difficulties and/or disabilities "
                "has significantly improved.",
                line=0,
                subject="The provision for pupils with learning difficulties and/or disabilities",
                outcome="Enjoying and achieving",
            )
        ],
        areas_for_improvement=[
            Statement(text="Staying safe: duration on the CPR.", line=0, polarity="weakness"),
            Statement(
                text="high rate of exclusions within secondary phase",
                line=0,
                polarity="weakness",
                outcome="Enjoying and achieving",
            ),
        ],
        future_focus=[
            Statement(text="Reducing exclusions within secondary phase.", line=0, polarity="focus")
        ],
    )
    given, original = letter, copy.deepcopy(letter.to_dict())
    letter = classify_report(letter)
    assert letter.judgements[0].service == "special-educational-needs"
    cpr, exclusions = letter.areas_for_improvement
    assert cpr.outcome == "Staying safe" and cpr.services == ["child-protection"]
    assert exclusions.outcome == "Enjoying and achieving"
    assert exclusions.services == ["behaviour-and-exclusions"]
    assert letter.future_focus[0].services == ["behaviour-and-exclusions"]
    assert letter.future_focus[0].outcome is None  # no heading names one: nothing is guessed
    assert given.to_dict() == original  # records are immutable: classifying made new ones


def test_classifications_for_unclassified_record() -> None:
    s = Statement(
        text="support to schools in the use of performance data;", line=0, polarity="strength"
    )
    assert classifications_for(s) == [
        Classification("performance-data", "wording", "performance data")
    ]


# ---------------------------------------------------------------------------------------------
# With the real loaders (skipped while a loader cannot read its sample yet)
# ---------------------------------------------------------------------------------------------


def parsed(path: Path) -> object:
    from inspectkg.errors import LoadError
    from inspectkg.loaders import parse

    try:
        return classify_report(parse(path))
    except LoadError as exc:
        pytest.skip(f"loader not ready: {exc}")


def test_loaded_westminster_inspection(westminster_2002: Path) -> None:
    report = parsed(westminster_2002)
    recs = report.recommendations
    assert recs and all(r.services for r in recs)
    by_aim = {}
    for r in recs:
        by_aim.setdefault(r.aim or "", []).append(r)
    for aim, want in AIMS.items():
        for r in by_aim.get(aim.rstrip(":,"), []) + by_aim.get(aim, []):
            if want:  # the aim decides the main service; the wording may reorder its concepts
                assert want in r.services, (aim, r.text)
                assert r.services[0] in concepts(classify(aim=aim)), (aim, r.text)
    judged = [j for j in report.judgements if j.services]
    assert len(judged) >= 0.9 * len(report.judgements)


def test_loaded_reports_meet_on_the_traced_services(
    westminster_2002: Path, westminster_apa_2006: Path, westminster_plan_2010: Path
) -> None:
    lea, apa, plan = (
        parsed(p) for p in (westminster_2002, westminster_apa_2006, westminster_plan_2010)
    )

    def services_of(items: object) -> set[str]:
        return {s for item in items for s in item.services}

    for concept in ("special-educational-needs", "education-otherwise-than-at-school"):
        assert concept in services_of(lea.recommendations), concept
        assert concept in services_of(plan.actions), concept
    assert "special-educational-needs" in services_of(apa.judgements)
    assert "behaviour-and-exclusions" in services_of(apa.judgements)
    assert "behaviour-and-exclusions" in services_of(lea.recommendations)
    assert all(a.services for a in plan.actions)


def test_iris_and_grade_table_rows() -> None:
    from inspectkg.graph.services import concept_iri, outcome_iri
    from inspectkg.loaders.records import Grade

    assert concept_iri("attendance") == str(SERVICE["attendance"])
    assert outcome_iri("staying-safe") == str(OUTCOME["staying-safe"])
    with pytest.raises(KeyError):
        concept_iri("no-such-service")
    row = Grade(
        area="The contribution of the local authority's social care services in maintaining "
        "and improving outcomes for children and young people",
        grade=3,
        line=0,
    )
    assert concepts(classifications_for(row)) == ["childrens-social-care"]
    assert classifications_for(row)[0].method == "subject"
