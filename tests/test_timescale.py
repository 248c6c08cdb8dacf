"""Timescales and dates as action plans and committee reports print them."""

from __future__ import annotations

import pytest

from inspectkg.loaders.timescale import Timescale, find_periods, parse_date, parse_timescale


@pytest.mark.parametrize(
    ("text", "start", "end", "status"),
    [
        # every wording in the bundled 2010 action plan
        ("January 2010", "2010-01-01", "2010-01-31", None),
        ("September 2010", "2010-09-01", "2010-09-30", None),
        ("Jan - March 2010", "2010-01-01", "2010-03-31", None),
        ("2010 - 2011", "2010-01-01", "2011-12-31", None),
        ("Dec 2009 - Mar 2011", "2009-12-01", "2011-03-31", None),
        ("Spring 2010", "2010-03-01", "2010-05-31", None),
        ("Summer 2010 and 2011", "2010-06-01", "2011-08-31", None),
        ("Exec Head in post by Sept 10", None, "2010-09-30", None),
        ("Improvement by July 2010 from 2009 figures.", None, "2010-07-31", None),
        ("To be in place by April 2010", None, "2010-04-30", None),
        ("Ongoing until March 2011", None, "2011-03-31", "ongoing"),
        ("Ongoing", None, None, "ongoing"),
        ("Completed", None, None, "completed"),
        ("In place", None, None, "in_place"),
        # other wordings of the same kind of cell
        ("February 2012", "2012-02-01", "2012-02-29", None),
        ("Sept - March 2011", "2010-09-01", "2011-03-31", None),
        ("by 31st March 2011", None, "2011-03-31", None),
        ("31/03/2010", "2010-03-31", "2010-03-31", None),
        ("End of March 2010", None, "2010-03-31", None),
        ("From April 2010", "2010-04-01", None, None),
        ("April 2010 onwards", "2010-04-01", None, None),
        ("from April 2010 until March 2011", "2010-04-01", "2011-03-31", None),
        ("Q2 2010", "2010-04-01", "2010-06-30", None),
        ("Autumn term 2010", "2010-09-01", "2010-12-31", None),
        ("Winter 2010", "2010-12-01", "2011-02-28", None),
        ("2010/11", "2010-09-01", "2011-08-31", None),
        ("Summer '10", "2010-06-01", "2010-08-31", None),
        ("Termly", None, None, None),
    ],
)
def test_parse_timescale(text: str, start: str | None, end: str | None, status: str | None) -> None:
    assert parse_timescale(text) == Timescale(start, end, status)


@pytest.mark.parametrize("text", [None, "", "   ", "To be confirmed"])
def test_no_timescale(text: str | None) -> None:
    assert parse_timescale(text) == Timescale()


def test_future_wording_is_not_a_status() -> None:
    """ "To be completed by ..." is a deadline, not a report that the work is done."""
    assert parse_timescale("To be completed by June 2010") == Timescale(None, "2010-06-30", None)


def test_may_the_verb_is_not_a_month() -> None:
    assert parse_timescale("Work may start once 10 schools agree") == Timescale()
    assert parse_timescale("May 10").start == "2010-05-01"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("23 April 2010", "2010-04-23"),
        ("23rd April 2010", "2010-04-23"),
        ("27 th January 2010", "2010-01-27"),
        ("Thursday, April 23, 2010", "2010-04-23"),
        ("09/11/2009", "2009-11-09"),
        ("'The Westminster Education Commission Report', September 2009", "2009-09"),
        ("Annual report 2009", "2009"),
        ("no date here", None),
        ("31 February 2010", "2010-02"),  # no such day: the month is still named
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_parse_date_last() -> None:
    text = "report of 12 October 2009, revised 8th December 2009"
    assert parse_date(text) == "2009-10-12"
    assert parse_date(text, last=True) == "2009-12-08"


def test_find_periods_keep_offsets() -> None:
    text = "Dec 2009 - Mar 2011"
    periods = find_periods(text)
    assert [text[p.begin : p.stop] for p in periods] == ["Dec 2009", "Mar 2011"]
    assert [p.precision for p in periods] == ["month", "month"]
