"""Financial-year periods, and reading periods as published files write them."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import periods as P

D = datetime.date


@pytest.mark.parametrize(("text", "kind", "start", "end", "label"), [
    ("2014/15", "year", D(2014, 4, 1), D(2015, 3, 31), "2014/15"),
    ("2024-25", "year", D(2024, 4, 1), D(2025, 3, 31), "2024/25"),
    ("2024/2025", "year", D(2024, 4, 1), D(2025, 3, 31), "2024/25"),
    ("1999/00", "year", D(1999, 4, 1), D(2000, 3, 31), "1999/00"),
    ("2010-11", "year", D(2010, 4, 1), D(2011, 3, 31), "2010/11"),
    ("Q1 2024/25", "quarter", D(2024, 4, 1), D(2024, 6, 30), "Q1 2024/25"),
    ("Q3 2024/25", "quarter", D(2024, 10, 1), D(2024, 12, 31), "Q3 2024/25"),
    ("q4 2024-25", "quarter", D(2025, 1, 1), D(2025, 3, 31), "Q4 2024/25"),
    ("2024/25 Q2", "quarter", D(2024, 7, 1), D(2024, 9, 30), "Q2 2024/25"),
    ("Nov 2023", "month", D(2023, 11, 1), D(2023, 11, 30), "Nov 2023"),
    ("November 2023", "month", D(2023, 11, 1), D(2023, 11, 30), "Nov 2023"),
    ("Feb 2024", "month", D(2024, 2, 1), D(2024, 2, 29), "Feb 2024"),
    ("Sept 2025", "month", D(2025, 9, 1), D(2025, 9, 30), "Sep 2025"),
    ("Nov-23", "month", D(2023, 11, 1), D(2023, 11, 30), "Nov 2023"),
    ("2023-11", "month", D(2023, 11, 1), D(2023, 11, 30), "Nov 2023"),
])
def test_it_reads_periods_as_councils_and_publishers_write_them(text, kind, start, end, label):
    """Financial years, quarters and months parse to the right dates and the portal's own label."""
    spec = P.parse_period(text)
    assert (spec.kind, spec.start, spec.end, spec.label) == (kind, start, end, label)


@pytest.mark.parametrize(("text", "message"), [
    ("", "The period is missing"),
    ("2024/26", "must be followed by 25"),
    ("Q5 2024/25", "There is no quarter 5"),
    ("Smarch 2024", "is not a period the portal knows"),
    ("2023-13", "There is no month 13"),
])
def test_it_says_clearly_what_is_wrong_with_a_period(text, message):
    """A period the portal cannot read gives a message the importer can act on."""
    with pytest.raises(P.PeriodError, match=message):
        P.parse_period(text)


@pytest.mark.parametrize(("day", "fiscal_year", "quarter"), [
    (D(2024, 3, 31), 2023, "Q4 2023/24"),
    (D(2024, 4, 1), 2024, "Q1 2024/25"),
    (D(2024, 6, 30), 2024, "Q1 2024/25"),
    (D(2024, 7, 1), 2024, "Q2 2024/25"),
    (D(2024, 12, 31), 2024, "Q3 2024/25"),
    (D(2025, 1, 1), 2024, "Q4 2024/25"),
])
def test_it_puts_each_date_in_its_financial_year_and_quarter(day, fiscal_year, quarter):
    """1 April starts the year; Q1 is April to June and Q4 January to March."""
    assert P.fiscal_year_of(day) == fiscal_year
    assert P.containing(P.QUARTER, day).label == quarter


def test_it_steps_back_to_the_previous_period_and_the_same_period_last_year():
    """Q1's previous quarter is the last year's Q4; a year back from Jan 2025 is Jan 2024."""
    assert P.previous(P.quarter(2024, 1)).label == "Q4 2023/24"
    assert P.same_period_last_year(P.quarter(2024, 3)).label == "Q3 2023/24"
    assert P.same_period_last_year(P.month(2025, 1)).label == "Jan 2024"
    assert [p.label for p in P.periods_of_year(2024, P.QUARTER)] == [
        "Q1 2024/25", "Q2 2024/25", "Q3 2024/25", "Q4 2024/25"]
    assert P.periods_of_year(2024, P.MONTH)[0].label == "Apr 2024"
    assert P.periods_of_year(2024, P.MONTH)[-1].label == "Mar 2025"


days = st.dates(min_value=D(1995, 1, 1), max_value=D(2060, 12, 31))
kinds = st.sampled_from(P.KINDS)


@given(day=days, kind=kinds)
def test_it_always_finds_a_period_that_holds_the_date_and_reads_back_from_its_label(day, kind):
    """Every date lies in exactly the period containing it, whose label parses back to itself."""
    spec = P.containing(kind, day)
    assert spec.start <= day <= spec.end
    assert P.parse_period(spec.label) == spec


@given(day=days, kind=kinds)
def test_it_makes_periods_that_follow_each_other_without_gaps(day, kind):
    """The period before ends the day before this one starts; stepping on and back returns here."""
    spec = P.containing(kind, day)
    before = P.previous(spec)
    assert before.end == spec.start - datetime.timedelta(days=1)
    assert P.previous(P.following(spec)) == spec
