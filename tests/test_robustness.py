"""Inputs that once hung or crashed a loader: each is read or refused, never stuck or a crash.

Every input here is large enough that the old backtracking took minutes or never finished
(time grew with the square of the input, or worse); the guard below only stops a test that
hangs, generously, so that a slow machine never fails one. Speed is measured in
`benchmarks/fuzz.py`, not here.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from inspectkg.errors import LoadError
from inspectkg.loaders import loaders, parse_text
from inspectkg.loaders.records import Report

GUARD_SECONDS = 120


class Hung(Exception):
    pass


@contextmanager
def no_hang() -> Iterator[None]:
    """Fail (not block the suite) if the body runs longer than `GUARD_SECONDS`."""

    def stop(*_: object) -> None:
        raise Hung(f"did not finish within {GUARD_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(GUARD_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def read(text: str) -> Report | LoadError:
    """The report, or the LoadError refusing it; any other exception fails the test."""
    with no_hang():
        try:
            return parse_text(text, "case.txt")
        except LoadError as err:
            assert err.__cause__ is None, f"a loader crashed: {err.__cause__!r}"
            return err


def detect_all(text: str) -> None:
    with no_hang():
        for loader in loaders().values():
            assert 0.0 <= loader.detect(text) <= 1.0


def counts(report: Report) -> dict[str, int]:
    """How many records of each list a report holds: what damage must not change."""
    return {k: len(v) for k, v in report.to_dict().items() if isinstance(v, list)}


@pytest.fixture(scope="module")
def texts(westminster_2002, westminster_apa_2006, westminster_plan_2010) -> dict[str, str]:
    return {
        p.stem: p.read_text(encoding="utf-8")
        for p in (westminster_2002, westminster_apa_2006, westminster_plan_2010)
    }


def _at_middle_break(text: str, insert: str) -> str:
    """`insert` put at the paragraph break nearest the middle of the text."""
    at = text.find("\n\n", len(text) // 2)
    return text[:at] + insert + text[at:]


def _with_line(text: str, make: Callable[[str], str]) -> str:
    """The text with its middle non-blank line replaced by `make(line)`."""
    lines = text.split("\n")
    i = len(lines) // 2
    while not lines[i].strip():
        i += 1
    lines[i] = make(lines[i])
    return "\n".join(lines)


@pytest.mark.parametrize("blank", ["", "   ", "\t"])
def test_thousands_of_blank_lines_change_nothing_read(texts, blank):
    for name, text in texts.items():
        damaged = _at_middle_break(text, f"\n{blank}" * 10_000)
        detect_all(damaged)
        report = read(damaged)
        assert isinstance(report, Report), (name, report)
        assert counts(report) == counts(parse_text(text)), name


def test_blank_lines_before_the_letter_head(texts):
    """A conversion's page breaks above an APA letter's grade table do not hide it."""
    text = texts["westminster-apa-2006"]
    lines = text.split("\n")
    damaged = "\n".join(lines[:3] + [""] * 5_000 + lines[3:])
    report = read(damaged)
    assert isinstance(report, Report)
    assert counts(report) == counts(parse_text(text))


@pytest.mark.parametrize("run", [" ", "\t", " \t"])
def test_long_runs_of_spaces(texts, run):
    for name, text in texts.items():
        damaged = _with_line(text, lambda line, run=run: line + run * 30_000 + "x")
        detect_all(damaged)
        assert not isinstance(read(damaged), Hung), name
        leading = _with_line(text, lambda line, run=run: run * 30_000 + line)
        detect_all(leading)
        read(leading)


def test_one_very_long_line_of_prose(texts):
    """A PDF extracted without line breaks: the whole report on one line is refused."""
    for name, text in texts.items():
        one_line = " ".join(text.split("\n")) * 3
        detect_all(one_line)
        assert isinstance(read(one_line), LoadError), name


def test_recommendation_line_of_100_kb(texts):
    text = texts["westminster-lea-inspection-2002"]
    bullet = text.index("\n- ", text.rindex("\nAPPENDIX"))
    long = " ".join(["ensure that the support given to schools is monitored"] * 2_000)
    damaged = text[: bullet + 3] + long + " " + text[bullet + 3 :]
    assert len(long) > 100_000
    report = read(damaged)
    assert isinstance(report, Report)
    assert any(long in r.text for r in report.recommendations)
    assert len(report.recommendations) == len(parse_text(text).recommendations)


@pytest.mark.parametrize(
    "line",
    [
        "Being healthy" + " " * 80_000 + "x",
        "Being healthy" + "\t" * 80_000 + "Grade",
        "Staying safe " + "| " * 40_000 + "Grade 5",
        "Grade" + " " * 80_000 + "3 x",
        " ".join(["Enjoying and achieving"] * 20_000),
    ],
)
def test_apa_grade_and_line_headings(texts, line):
    text = texts["westminster-apa-2006"]
    damaged = _at_middle_break(text, "\n\n" + line + "\n")
    detect_all(damaged)
    report = read(damaged)
    assert isinstance(report, Report)
    assert [(g.area, g.grade) for g in report.grades] == [
        (g.area, g.grade) for g in parse_text(text).grades
    ]


@pytest.mark.parametrize(
    "junk",
    [
        "\n" * 50_000,
        " \n" * 50_000,
        "\t\n" * 50_000,
        "1." + " " * 50_000,
        "CONTENTS" + " " * 50_000,
    ],
)
def test_detectors_on_runs(junk):
    """The detectors scan the whole text: runs of blank lines or spaces cost one pass."""
    text = "Report of the Director\n" + junk + "\nReport Author: A Person\n"
    detect_all(text)
    assert isinstance(read(text), LoadError)


@pytest.mark.parametrize("cell", ["<td></td>", "<td> </td>", "<tr><td></td><td></td></tr>"])
def test_apa_empty_table_cell(texts, cell):
    """A strengths table row of markup only (an empty cell) is skipped, not an IndexError."""
    text = texts["westminster-apa-2006"]
    lines = text.split("\n")
    header = next(i for i, line in enumerate(lines) if line.startswith("Key strengths\t"))
    damaged = "\n".join(lines[: header + 2] + [cell] + lines[header + 2 :])
    report = read(damaged)
    assert isinstance(report, Report)
    expected = parse_text(text)
    assert [s.text for s in report.strengths] == [s.text for s in expected.strengths]
    assert [s.text for s in report.areas_for_improvement] == [
        s.text for s in expected.areas_for_improvement
    ]


@pytest.mark.parametrize("width", [2, 4, 8])
def test_action_plan_whose_tabs_became_spaces(texts, width):
    text = texts["westminster-cabinet-action-plan-2010"]
    spaced = text.replace("\t", " " * width)
    report = read(spaced)
    assert isinstance(report, Report), report
    assert report.kind == "action_plan_progress"
    assert report.to_dict() == parse_text(text, "case.txt").to_dict()


def test_lea_contents_row_of_dot_leaders_and_repeated_title(texts):
    """A contents row of dots with no page number, and a title phrase printed thousands of
    times, are each scanned once."""
    text = texts["westminster-lea-inspection-2002"]
    at = text.index("\n", text.index("CONTENTS")) + 1
    dots = text[:at] + "Introduction " + ". " * 40_000 + "x\n" + text[at:]
    report = read(dots)
    assert isinstance(report, Report)
    assert counts(report)["paragraphs"] == counts(parse_text(text))["paragraphs"]
    titled = "INSPECTION OF THE " * 20_000 + "\n" + text
    detect_all(titled)
    read(titled)


@pytest.mark.parametrize(
    "unit", ["(Recommendation 1) ", "recommendations were met ", "*a ", "**a ", "__a ", "x 9 "]
)
def test_long_line_of_repeated_phrases(texts, unit):
    """A sentence of 100 kB that repeats a phrase some pattern looks for (a reference to
    recommendations, emphasis marks, a grade-like number) is read in one pass."""
    run = unit * (100_000 // len(unit))
    for text in texts.values():
        damaged = _with_line(text, lambda line: line + " " + run)
        detect_all(damaged)
        read(damaged)
