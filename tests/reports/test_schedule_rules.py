"""When a scheduled report falls due: working days after the period ends, at a time of day."""

import datetime
import zoneinfo

import pytest

from indicators import periods as P
from reports import schedule as rules

LONDON = zoneinfo.ZoneInfo("Europe/London")
SEVEN = datetime.time(7, 0)
# England and Wales bank holidays around the dates below.
HOLIDAYS = frozenset({datetime.date(2026, 12, 25), datetime.date(2026, 12, 28), datetime.date(2027, 1, 1),
                      datetime.date(2027, 3, 26), datetime.date(2027, 3, 29)})


@pytest.mark.parametrize(("label", "days", "due"), [
    ("Q2 2026/27", 10, datetime.date(2026, 10, 14)),   # Wed 30 Sep; ten working days on
    ("Q2 2026/27", 0, datetime.date(2026, 9, 30)),     # on the day the quarter ends
    ("Q3 2026/27", 1, datetime.date(2027, 1, 4)),      # New Year's Day and the weekend do not count
    ("Q3 2026/27", 10, datetime.date(2027, 1, 15)),
    ("2026/27", 5, datetime.date(2027, 4, 7)),          # the financial year ends on Wednesday 31 March
    ("Q4 2026/27", 5, datetime.date(2027, 4, 7)),
])
def test_it_counts_working_days_after_the_period_ends(label, days, due):
    assert rules.due_on(P.parse_period(label), days, HOLIDAYS) == due


def test_it_schedules_the_next_quarter_whose_report_is_still_ahead():
    """On 1 December the Q2 report (due 14 October) has gone: the next is Q3's, on 15 January at 07:00."""
    now = datetime.datetime(2026, 12, 1, 20, 0, tzinfo=LONDON)
    spec, at = rules.next_run("quarter", 10, SEVEN, now, HOLIDAYS)
    assert spec.label == "Q3 2026/27"
    assert at == datetime.datetime(2027, 1, 15, 7, 0, tzinfo=LONDON)


def test_it_schedules_a_report_due_later_today():
    now = datetime.datetime(2026, 10, 14, 6, 59, tzinfo=LONDON)
    spec, at = rules.next_run("quarter", 10, SEVEN, now, HOLIDAYS)
    assert (spec.label, at.date()) == ("Q2 2026/27", datetime.date(2026, 10, 14))
    later = datetime.datetime(2026, 10, 14, 7, 0, tzinfo=LONDON)
    assert rules.next_run("quarter", 10, SEVEN, later, HOLIDAYS)[0].label == "Q3 2026/27"


def test_it_reaches_back_for_a_long_delay():
    """Sixty working days after Q2 ends is late December: on 1 December Q2's report is still to come."""
    now = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=LONDON)
    spec, at = rules.next_run("quarter", 60, SEVEN, now, HOLIDAYS)
    assert spec.label == "Q2 2026/27"
    assert at.date() == datetime.date(2026, 12, 23)


def test_it_moves_on_to_the_following_period():
    spec, at = rules.run_after(P.parse_period("Q3 2026/27"), 5, SEVEN, HOLIDAYS, LONDON)
    assert spec.label == "Q4 2026/27"
    assert at == datetime.datetime(2027, 4, 7, 7, 0, tzinfo=LONDON)
    assert rules.run_after(P.parse_period("2025/26"), 0, SEVEN, HOLIDAYS, LONDON)[0].label == "2026/27"
