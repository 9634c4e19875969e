"""Scrutiny deadlines: calendar months for the executive's response, working days for call-in."""

import datetime

import pytest

from core.working_days import _bank_holidays
from scrutiny import deadlines
from scrutiny.deadlines import Standing

D = datetime.date


@pytest.mark.parametrize(("reported_on", "due_on"), [
    (D(2026, 9, 10), D(2026, 11, 10)),  # the plain case
    (D(2026, 12, 31), D(2027, 2, 28)),  # February has no 31st: its last day
    (D(2027, 12, 31), D(2028, 2, 29)),  # leap year
    (D(2026, 11, 30), D(2027, 1, 30)),  # across the year end
    (D(2026, 12, 1), D(2027, 2, 1)),
    (D(2026, 8, 31), D(2026, 10, 31)),
    (D(2026, 7, 31), D(2026, 9, 30)),  # September has 30 days
])
def test_it_gives_the_executive_two_calendar_months(reported_on, due_on):
    """The executive's response is due 2 calendar months after the report, the month's last day standing in
    for a day the month lacks."""
    assert deadlines.executive_response_due(reported_on) == due_on


@pytest.mark.parametrize(("published_on", "window_ends", "days"), [
    (D(2026, 11, 23), D(2026, 11, 30), 5),  # Monday: the next Monday
    (D(2026, 11, 27), D(2026, 12, 4), 5),  # Friday: the next Friday
    (D(2026, 12, 21), D(2026, 12, 30), 5),  # Christmas Day and Boxing Day (substitute 28th) are not working days
    (D(2027, 3, 24), D(2027, 4, 2), 5),  # Good Friday 26 March and Easter Monday 29 March 2027
    (D(2026, 11, 28), D(2026, 12, 4), 5),  # published on a Saturday
    (D(2026, 11, 23), D(2026, 11, 26), 3),  # a council with a 3-day window
])
def test_it_counts_the_call_in_window_in_working_days(published_on, window_ends, days):
    """The call-in window is counted in working days, skipping weekends and England and Wales bank holidays."""
    assert deadlines.call_in_window_ends(published_on, _bank_holidays(), days) == window_ends


@pytest.mark.parametrize(("called_in_on", "meeting_by"), [
    (D(2026, 11, 23), D(2026, 12, 7)),
    (D(2026, 12, 18), D(2027, 1, 6)),  # over Christmas and New Year
])
def test_it_gives_the_committee_ten_working_days_to_meet(called_in_on, meeting_by):
    """A called-in decision goes to the committee within 10 working days."""
    assert deadlines.call_in_meeting_by(called_in_on, _bank_holidays()) == meeting_by


@pytest.mark.parametrize(("due_on", "answered_on", "today", "expected"), [
    (None, None, D(2026, 11, 28), Standing.NOT_DUE),
    (D(2026, 11, 10), None, D(2026, 11, 10), Standing.DUE),  # due today is not yet late
    (D(2026, 11, 10), None, D(2026, 11, 11), Standing.OVERDUE),
    (D(2026, 11, 10), D(2026, 11, 10), D(2026, 12, 1), Standing.ON_TIME),
    (D(2026, 11, 10), D(2026, 11, 11), D(2026, 12, 1), Standing.LATE),
])
def test_it_flags_where_an_answer_stands(due_on, answered_on, today, expected):
    """Unanswered after its due date is overdue; answered after it is late; on the day is on time."""
    assert deadlines.standing(due_on, answered_on, today) is expected


def test_it_gives_nhs_bodies_28_days_by_default():
    """An NHS body's response to a request for information is due 28 calendar days later unless set otherwise."""
    assert deadlines.nhs_response_due(D(2026, 11, 28)) == D(2026, 12, 26)
    assert deadlines.nhs_response_due(D(2026, 11, 28), 20) == D(2026, 12, 18)


@pytest.mark.parametrize(("options", "best_first"), [
    ([("a", 3, 3, 3), ("b", 5, 2, 2)], ["a", "b"]),  # 9 each: the better quality first
    ([("a", 1, 5, 1), ("b", 5, 1, 5)], ["b", "a"]),  # 7 against 11
    ([("a", 2, 4, 3), ("b", 4, 2, 3)], ["a", "b"]),  # equal totals: the better quality first
    ([("a", 3, 3, 3), ("b", 4, 3, 2)], ["b", "a"]),  # equal totals and quality: the cheaper first
])
def test_it_ranks_best_value_options(options, best_first):
    """Options rank by cost + quality + risk (each 1 to 5), ties going to quality and then to cost."""
    from scrutiny.best_value import rank_options

    assert [s.key for s in rank_options(options)] == best_first


@pytest.mark.parametrize("bad", [0, 6, -1])
def test_it_refuses_a_score_outside_one_to_five(bad):
    """Scores run from 1 to 5."""
    from scrutiny.best_value import option_total

    with pytest.raises(ValueError, match="1 to 5"):
        option_total(bad, 3, 3)


@pytest.mark.parametrize(("published_on", "today", "called_in", "outcome", "urgent", "expected"), [
    (None, D(2026, 11, 28), False, "", False, "unpublished"),
    (D(2026, 11, 23), D(2026, 11, 30), False, "", False, "in_window"),  # the last day of the window
    (D(2026, 11, 23), D(2026, 12, 1), False, "", False, "in_effect"),  # the day after
    (D(2026, 11, 23), D(2026, 11, 24), False, "", True, "in_effect"),  # urgent: no call-in
    (D(2026, 11, 23), D(2026, 12, 10), True, "", False, "called_in"),  # awaiting the committee
    (D(2026, 11, 23), D(2026, 12, 10), True, "no_action", False, "in_effect"),
    (D(2026, 11, 23), D(2026, 12, 10), True, "refer_back", False, "referred"),
    (D(2026, 11, 23), D(2026, 12, 10), True, "refer_to_council", False, "referred"),
])
def test_it_works_out_where_a_decision_stands(published_on, today, called_in, outcome, urgent, expected):
    """A published decision can be called in until its window ends, then takes effect unless called in."""
    window_ends = deadlines.call_in_window_ends(published_on, _bank_holidays()) if published_on else None
    state = deadlines.decision_state(published_on=published_on, window_ends=window_ends, today=today,
                                     called_in=called_in, outcome=outcome, urgent=urgent)
    assert state.code == expected
