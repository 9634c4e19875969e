"""The rules of support plans as pure functions: dates, owners and when a plan can be opened."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from appraisals import support, windows

D = datetime.date
TODAY = D(2026, 11, 28)
OPENED = D(2026, 11, 14)
CYCLE = windows.Windows(objective_setting=(D(2026, 4, 1), D(2026, 5, 31)), mid_year=(D(2026, 10, 1), D(2026, 12, 18)),
                        year_end=(D(2027, 3, 1), D(2027, 4, 30)))


@pytest.mark.parametrize(("today", "expected"), [
    (D(2026, 3, 31), "Support plans can be opened on this appraisal from 1 April 2026, when objective setting opens"),
    (D(2026, 4, 1), ""),
    (D(2026, 11, 28), ""),
    (D(2027, 4, 30), ""),
    (D(2027, 5, 1), "This appraisal cycle closed on 30 April 2027. Open the support plan on the person's appraisal "
                    "for the current year"),
])
def test_it_opens_plans_while_the_cycle_runs(today, expected):
    assert windows.support_plan_refusal(CYCLE, today) == expected


@pytest.mark.parametrize(("next_review_on", "expected"), [
    (None, "Enter the date of the first review"),
    (TODAY, "The first review date must be after today"),
    (D(2026, 11, 1), "The first review date must be after today"),
    (D(2026, 11, 29), ""),
])
def test_it_wants_the_first_review_still_to_come(next_review_on, expected):
    assert support.first_review_error(next_review_on, TODAY) == expected


def test_it_lets_a_past_next_review_date_stand_when_unchanged():
    """A manager rewording an overdue plan is not forced to move its review date in the same breath."""
    overdue = D(2026, 11, 20)
    assert support.next_review_error(overdue, today=TODAY, unchanged_from=overdue) == ""
    assert support.next_review_error(D(2026, 11, 21), today=TODAY, unchanged_from=overdue) == (
        "The next review date must be after today")


@pytest.mark.parametrize(("held_on", "next_review_on", "closing", "expected"), [
    (D(2026, 11, 27), D(2026, 12, 11), False, {}),
    (D(2026, 11, 27), None, True, {}),
    (None, D(2026, 12, 11), False, {"held_on": "Enter the date of the review"}),
    (D(2026, 11, 29), D(2026, 12, 11), False, {"held_on": "The review date must be today or in the past"}),
    (D(2026, 11, 13), D(2026, 12, 11), False,
     {"held_on": "The review date must be on or after the day the plan was opened, 14 November 2026"}),
    (D(2026, 11, 27), None, False, {"next_review_on": "Enter the date of the next review"}),
    (D(2026, 11, 27), TODAY, False, {"next_review_on": "The next review date must be after today"}),
    (D(2026, 11, 27), D(2026, 12, 11), True,
     {"next_review_on": "A plan that is being closed has no next review date"}),
])
def test_it_checks_a_reviews_dates(held_on, next_review_on, closing, expected):
    assert support.review_errors(held_on=held_on, next_review_on=next_review_on, closing=closing, opened_on=OPENED,
                                 today=TODAY) == expected


@pytest.mark.parametrize(("due_on", "expected"), [
    (None, "Enter the date the action is due"),
    (D(2026, 11, 13), "The due date must be on or after the day the plan was opened, 14 November 2026"),
    (OPENED, ""),
    (D(2027, 2, 1), ""),
])
def test_it_checks_an_actions_due_date(due_on, expected):
    assert support.due_date_error(due_on, OPENED) == expected


@pytest.mark.parametrize(("owner", "expected"), [
    (None, "Choose who owns the action"),
    (1, ""),
    (2, ""),
    (9, "Choose the person or someone in their line-management chain: nobody else can see the plan"),
])
def test_it_keeps_action_owners_among_those_who_can_see_the_plan(owner, expected):
    assert support.owner_error(owner, {1, 2, 3}) == expected



@given(held_on=st.dates(OPENED, TODAY), next_review_on=st.dates(TODAY + datetime.timedelta(days=1), D(2028, 3, 31)))
def test_it_accepts_any_review_held_since_the_plan_opened_that_sets_a_date_to_come(held_on, next_review_on):
    assert support.review_errors(held_on=held_on, next_review_on=next_review_on, closing=False, opened_on=OPENED,
                                 today=TODAY) == {}
