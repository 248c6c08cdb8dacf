"""The council action-plan progress report loader, on the real 2010 sample and damaged copies."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest

import inspectkg.loaders as loaders
from inspectkg.errors import LoadError
from inspectkg.loaders import timescale
from inspectkg.loaders.action_plan import reader as action_plan
from inspectkg.loaders.action_plan.reader import LOADER
from inspectkg.loaders.records import Action, ActionPlanProgress, Person
from inspectkg.samples import register_csv

RECOMMENDATION_NUMBERS = [
    "1.1", "1.2", "2", "3", "4.1", "4.2", "5.1", "5.2", "6", "7", "8", "9", "10", "11", "12",
]  # fmt: skip


@pytest.fixture(scope="module")
def text(westminster_plan_2010: Path) -> str:
    return westminster_plan_2010.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report(text: str, westminster_plan_2010: Path) -> ActionPlanProgress:
    return LOADER.read(text, str(westminster_plan_2010))


def line_of(text: str, start: str) -> int:
    """1-based number of the first line that starts with `start`."""
    return next(i for i, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def action_at(report: ActionPlanProgress, line: int) -> Action:
    return next(a for a in report.actions if a.line == line)


# --- detection -------------------------------------------------------------------------------


def test_detects_the_sample(text: str) -> None:
    assert LOADER.detect(text) >= 0.9


@pytest.mark.parametrize("name", ["westminster_2002", "leicester_2001", "westminster_apa_2006"])
def test_other_kinds_are_not_detected(name: str, request: pytest.FixtureRequest) -> None:
    other = request.getfixturevalue(name).read_text(encoding="utf-8")
    assert LOADER.detect(other) < 0.5


def test_front_matter_alone_is_not_enough(text: str) -> None:
    """Without the action tables the text is not claimed by this kind."""
    body = text[: text.index("Appendix 1")]
    assert LOADER.detect(body) < 0.5


def test_registry_picks_this_kind(text: str) -> None:
    loader, score = loaders.detect(text)
    assert loader is not None and loader.kind == "action_plan_progress"
    assert score >= 0.9


def test_parse_reads_the_file(westminster_plan_2010: Path) -> None:
    report = loaders.parse(westminster_plan_2010)
    assert isinstance(report, ActionPlanProgress)
    assert len(report.actions) == 59


# --- front matter ----------------------------------------------------------------------------


def test_front_matter(report: ActionPlanProgress, westminster_plan_2010: Path) -> None:
    assert report.kind == "action_plan_progress"
    assert report.source == str(westminster_plan_2010)
    assert report.authority == "City of Westminster"
    assert report.publisher == "City of Westminster"
    assert report.committee == "Cabinet Committee"
    assert report.date == "2010-04-23"
    assert report.title == "Improving Education in Westminster"


def test_people(report: ActionPlanProgress, text: str) -> None:
    assert report.author == Person("Anita Gibbons", None, line=line_of(text, "Anita Gibbons"))
    assert report.lead_officer == Person(
        "Angela Drizi",
        "Operational Director for Schools and Learning",
        line=line_of(text, "Angela Drizi"),
    )


def test_background_papers(report: ActionPlanProgress, text: str) -> None:
    papers = report.background_papers
    assert [p.date for p in papers] == [
        "2009-09", "2009-10-12", "2009-11", "2009-12-08",
        "2009-12-16", "2010-01-26", "2010-02-24", "2010-03-24",
    ]  # fmt: skip
    assert papers[0].title == "The Westminster Education Commission Report"
    assert papers[0].text == "'The Westminster Education Commission Report', September 2009"
    assert papers[1].title == "Improving Education in Westminster"
    assert papers[1].description == "report to Cabinet"
    assert papers[2].title == "Cost of LEA functions"
    assert [p.description for p in papers[4:]] == ["Cabinet Committee Report"] * 4
    assert all(p.title == "Education in Westminster" for p in papers[3:])
    assert papers[0].line == line_of(text, "- 'The Westminster Education Commission Report'")
    assert [p.line for p in papers] == list(range(papers[0].line, papers[0].line + 8))


# --- recommendations -------------------------------------------------------------------------


def test_recommendation_numbers_in_order(report: ActionPlanProgress) -> None:
    assert [r.number for r in report.recommendations] == RECOMMENDATION_NUMBERS


def test_recommendation_text_and_lines(report: ActionPlanProgress, text: str) -> None:
    by_number = {r.number: r for r in report.recommendations}
    first = by_number["1.1"]
    assert first.text == (
        "Ensure that senior management make an annual visit to all schools to gain a greater "
        "understanding of the merits of individual schools."
    )
    assert first.line == line_of(text, "1.1 Ensure that senior management")
    # a header line with trailing tabs, straight above its table
    assert by_number["11"].text == "Parenting is a priority in Westminster"
    assert by_number["12"].text.startswith("Commissioners recommend that further attention")
    assert all("\t" not in r.text and not r.text.endswith(" ") for r in report.recommendations)


def test_narrative_paragraphs_are_not_recommendations(report: ActionPlanProgress) -> None:
    numbers = {r.number for r in report.recommendations}
    assert not numbers & {"2.1", "8.1", "13.1", "22.1"}
    assert not any(r.text.startswith("Notes the progress") for r in report.recommendations)


# --- actions ---------------------------------------------------------------------------------


def test_action_count(report: ActionPlanProgress) -> None:
    assert len(report.actions) == 59


def test_actions_per_recommendation(report: ActionPlanProgress) -> None:
    counts = Counter(a.recommendation for a in report.actions)
    assert list(counts) == RECOMMENDATION_NUMBERS
    assert counts["1.2"] == 7
    assert counts["10"] == 1
    assert counts["12"] == 6


def test_rag_counts(report: ActionPlanProgress) -> None:
    assert Counter(a.rag for a in report.actions) == {"Green": 32, "Amber": 24, "Red": 2, None: 1}


def test_rating_on_the_progress_line(report: ActionPlanProgress, text: str) -> None:
    line = line_of(text, "For senior managers to have greater understanding")
    row = action_at(report, line)
    assert row.recommendation == "1.1"
    assert row.rag == "Amber"
    assert row.progress == "70% of Schools visited"
    assert row.progress_line == line + 1
    assert row.rag_line == line + 1


def test_row_without_progress_line_and_empty_detail(report: ActionPlanProgress, text: str) -> None:
    line = line_of(text, "Education report discussion scheduled")
    row = action_at(report, line)
    assert row.action is None
    assert row.progress is None
    assert row.progress_line is None
    assert row.rag == "Green"
    assert row.timescale == "December 2010"
    following = action_at(report, line + 1)  # the next row is not mistaken for its progress
    assert following.objective is not None
    assert following.objective.startswith("Implement communication strategy")


def test_row_with_no_rating(report: ActionPlanProgress, text: str) -> None:
    row = action_at(report, line_of(text, "Cabinet Member for Children's Services and the Dir"))
    assert row.recommendation == "10"
    assert row.rag is None
    assert row.rag_text is None
    assert row.progress == "No further action required"
    assert row.timescale == "In place"
    assert row.timescale_status == "in_place"


def test_empty_timescale_cells(report: ActionPlanProgress) -> None:
    empty = [a for a in report.actions if a.timescale is None]
    assert [a.recommendation for a in empty] == ["4.1", "4.1", "4.2", "4.2"]
    assert all(a.timescale_start is None and a.timescale_end is None for a in empty)
    assert all(a.rag == "Green" and a.progress for a in empty)


def test_every_other_row_has_a_progress_line(report: ActionPlanProgress) -> None:
    without = [a for a in report.actions if a.progress_line is None]
    assert len(without) == 1
    assert all(a.progress_line == a.line + 1 for a in report.actions if a.progress_line)


def test_markup_is_removed(report: ActionPlanProgress, text: str) -> None:
    fields = [
        value
        for a in report.actions
        for value in (a.objective, a.lead, a.timescale, a.action, a.progress)
        if value
    ]
    assert not [v for v in fields if re.search(r"</?\w+[^>]*>|\t", v)]
    talker = action_at(report, line_of(text, "Reduce referrals to speech therapy"))
    assert talker.action is not None
    assert talker.action.startswith("Extend Every Child a Talker programme across")
    listed = action_at(report, line_of(text, "Opportunities for young people are maximised"))
    assert listed.action is not None
    assert "include; - Sports activities - Arts - Maths & Literacy" in listed.action
    lobbying = action_at(
        report,
        line_of(
            text,
            "Improve outcomes for all pupils in Westminster, including Academies.\tPolicy Analyst",
        ),
    )
    assert lobbying.action is not None
    assert "Local Democracy Bill: A bill to tackle" in lobbying.action


def test_leads_are_posts(report: ActionPlanProgress) -> None:
    leads = Counter(a.lead for a in report.actions)
    assert None not in leads
    assert leads["Operational Director of Schools and Learning"] == 21
    assert leads["Head of PPI"] == 3
    assert leads["Head of Communications and Operational Director for Schools and Learning"] == 1
    assert leads["Policy Analyst"] == 1


def test_first_row_fields(report: ActionPlanProgress, text: str) -> None:
    line = line_of(text, "For senior managers to have greater understanding")
    assert report.actions[0] == Action(
        recommendation="1.1",
        objective=(
            "For senior managers to have greater understanding of individual schools, and for "
            "schools to feel supported by the local authority"
        ),
        lead="Operational Director for Schools and Learning",
        timescale="January 2010",
        action="Programme of visits to all schools established",
        progress="70% of Schools visited",
        rag="Amber",
        line=line,
        progress_line=line + 1,
        timescale_start="2010-01-01",
        timescale_end="2010-01-31",
        rag_text="Amber",
        rag_line=line + 1,
    )


@pytest.mark.parametrize(
    ("cell", "start", "end", "status"),
    [
        ("Jan - March 2010", "2010-01-01", "2010-03-31", None),
        ("2010 - 2011", "2010-01-01", "2011-12-31", None),
        ("Dec 2009 - Mar 2011", "2009-12-01", "2011-03-31", None),
        ("Exec Head in post by Sept 10", None, "2010-09-30", None),
        ("Ongoing until March 2011", None, "2011-03-31", "ongoing"),
        ("To be in place by April 2010", None, "2010-04-30", None),
        ("Completed", None, None, "completed"),
    ],
)
def test_parsed_timescales(
    report: ActionPlanProgress, cell: str, start: str | None, end: str | None, status: str | None
) -> None:
    rows = [a for a in report.actions if a.timescale == cell]
    assert rows
    assert {(a.timescale_start, a.timescale_end, a.timescale_status) for a in rows} == {
        (start, end, status)
    }


def test_progress_status(report: ActionPlanProgress, text: str) -> None:
    done = {a.line: a.progress_status for a in report.actions if a.progress_status}
    assert done == {
        line_of(
            text,
            "Opportunities for children with special educational needs are extended, "
            "and support for parents is improved\tHead of Special Education & "
            "Additional Needs\tSeptember",
        ): "achieved",
        line_of(
            text,
            "Improve outcomes for all pupils in Westminster, including Academies.\tOperational",
        ): "completed",
    }


# --- summary ---------------------------------------------------------------------------------


def test_summary_sections(report: ActionPlanProgress) -> None:
    assert [(s.number, s.recommendations) for s in report.summary] == [
        ("2", ["1"]), ("3", ["2"]), ("4", ["3"]), ("5", ["4"]), ("6", ["5"]), ("7", ["6"]),
        ("8", ["7"]), ("9", ["8"]), ("10", ["9"]), ("11", ["11"]), ("12", ["12"]),
    ]  # fmt: skip
    first = report.summary[0]
    assert first.title == "Annual Visits and School Report Cards"
    assert report.summary[7].title == "Amalgamation / Collaboration"


def test_summary_text_runs_to_the_next_section(report: ActionPlanProgress, text: str) -> None:
    first = report.summary[0]
    assert first.line == line_of(text, "2. Annual Visits and School Report Cards")
    assert first.text.startswith("2.1 The Director of Schools and Learning has visited 70%")
    assert first.text.split("\n")[-1].startswith("2.2 Draft report cards")
    parenting = report.summary[-2]
    assert "58 of which have completed a parenting course" in parenting.text
    last = report.summary[-1]
    assert last.text.split("\n")[-1].startswith("12.2 Resources need to be identified")
    assert "13.1" not in last.text and "Financial" not in last.text


# --- output ----------------------------------------------------------------------------------


def test_to_dict_has_what_parse_prints(report: ActionPlanProgress) -> None:
    data = json.loads(json.dumps(report.to_dict()))
    assert data["kind"] == "action_plan_progress"
    assert data["authority"] == "City of Westminster"
    assert data["date"] == "2010-04-23"
    assert data["recommendations"][0]["number"] == "1.1"
    assert data["recommendations"][0]["text"].startswith("Ensure that senior management")
    row = data["actions"][0]
    for key in ("recommendation", "objective", "lead", "timescale", "action", "progress", "rag"):
        assert key in row
    assert row["rag"] == "Amber"


def test_loader_names_no_authority() -> None:
    """Built for the kind, not the file: no register name appears in the loader's code."""
    with register_csv().open(encoding="utf-8") as handle:
        names = {row["name"] for row in csv.DictReader(handle)}
    for module in (action_plan, timescale):
        path = Path(module.__file__ or "")
        source = path.read_text(encoding="utf-8")
        found = [n for n in names if re.search(rf"\b{re.escape(n)}\b", source)]
        assert not found, f"{path.name} names {found}"


# --- variants that must still be read --------------------------------------------------------


def test_final_row_without_progress_line_is_normal(text: str) -> None:
    lines = text.split("\n")
    kept = "\n".join(lines[: line_of(text, "Continuous improvement in pupils achieving")])
    report = LOADER.read(kept, "short.txt")
    assert len(report.actions) == 59
    assert report.actions[-1].progress is None
    assert report.actions[-1].rag == "Amber"


def test_windows_line_ends_and_dropped_trailing_tabs(text: str) -> None:
    variant = "\r\n".join(line.rstrip("\t") for line in text.split("\n"))
    report = LOADER.read(variant, "variant.txt")
    assert len(report.actions) == 59
    assert Counter(a.rag for a in report.actions) == {"Green": 32, "Amber": 24, "Red": 2, None: 1}


def test_cell_broken_over_two_lines(text: str) -> None:
    broken = text.replace(
        "Programme of visits to all schools established\t",
        "Programme of visits\nto all schools established\t",
    )
    report = LOADER.read(broken, "broken.txt")
    assert len(report.actions) == 59
    assert report.actions[0].action == "Programme of visits to all schools established"
    assert report.actions[0].rag == "Amber"


# --- damaged input ---------------------------------------------------------------------------


def _refused(text: str, source: str = "damaged.txt") -> LoadError:
    with pytest.raises(LoadError) as caught:
        LOADER.read(text, source)
    assert caught.value.path == source
    assert str(caught.value).startswith(f"{source}: ")
    assert "\n" not in str(caught.value)
    return caught.value


def test_cut_off_mid_row(text: str) -> None:
    cut = (
        text.index(
            "Help vulnerable or underperforming pupils achieve\tHead of Schools and "
            "Learning\tSpring 2010"
        )
        + 60
    )
    error = _refused(text[:cut])
    assert "cut off" in error.reason


def test_cut_off_inside_the_last_progress_cell(text: str) -> None:
    error = _refused(text[: text.rindex("GCSE results for this year")])
    assert "cut off" in error.reason


def test_cut_off_inside_a_rating(text: str) -> None:
    cut = text.index("70% of Schools visited\tAmber") + len("70% of Schools visited\tAm")
    error = _refused(text[:cut])
    assert "rating" in error.reason


def test_cut_off_after_a_recommendation_line(text: str) -> None:
    lines = text.split("\n")
    error = _refused("\n".join(lines[: line_of(text, "12 Commissioners recommend")]))
    assert "recommendation 12" in error.reason


def test_cut_off_after_a_table_header(text: str) -> None:
    lines = text.split("\n")
    error = _refused("\n".join(lines[: line_of(text, "12 Commissioners recommend") + 2]))
    assert "header with no rows" in error.reason


def test_recommendation_with_no_table(text: str) -> None:
    lines = text.split("\n")
    start = line_of(text, "3 Review early years provision")
    end = line_of(text, "4.1 Work with schools on raising aspirations")
    error = _refused("\n".join(lines[:start] + lines[end - 2 :]))
    assert "recommendation 3" in error.reason and "no action table" in error.reason


def test_table_header_missing(text: str) -> None:
    lines = text.split("\n")
    header = line_of(text, "3 Review early years provision") + 2  # blank line, then the header
    assert lines[header - 1].startswith("Objective\tLead")
    error = _refused("\n".join(lines[: header - 1] + lines[header:]))
    assert "recommendation 3" in error.reason


def test_rows_before_any_header(text: str) -> None:
    """The start of the file is lost: the first rows come without their table."""
    error = _refused(text[text.index("\t\t\tProgress") :])
    assert "before any table header" in error.reason


def test_table_less_text(text: str) -> None:
    error = _refused(text[: text.index("Appendix 1")])
    assert "no action plan table" in error.reason


@pytest.mark.parametrize("junk", ["", "\t\t\t\n" * 40, "x" * 400, "Objective\tLead\tTimescale\n"])
def test_junk_is_refused(junk: str) -> None:
    _refused(junk)


def test_every_truncation_reads_or_refuses(text: str) -> None:
    """Cut after any line, the text is read or refused with LoadError: nothing else escapes."""
    lines = text.split("\n")
    outcomes = Counter()
    for end in range(len(lines)):
        try:
            LOADER.read("\n".join(lines[:end]), "cut.txt")
            outcomes["read"] += 1
        except LoadError:
            outcomes["refused"] += 1
    assert outcomes["refused"] > outcomes["read"] > 0
