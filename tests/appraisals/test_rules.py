"""The pure rules: windows, states, overdue steps, suppression and sign-off, table-driven."""

import datetime

import pytest

from appraisals import states, windows
from appraisals.services import sign_off_problems
from appraisals.states import State

D = datetime.date
W = windows.Windows(objective_setting=(D(2026, 4, 1), D(2026, 5, 31)), mid_year=(D(2026, 10, 1), D(2026, 12, 18)),
                    year_end=(D(2027, 3, 1), D(2027, 4, 30)))


@pytest.mark.parametrize(("ws", "expected_fields"), [
    (W, set()),
    (windows.Windows((D(2026, 5, 31), D(2026, 4, 1)), W.mid_year, W.year_end), {"objective_setting_ends"}),
    (windows.Windows(W.objective_setting, (D(2026, 5, 1), D(2026, 6, 1)), W.year_end), {"mid_year_starts"}),
    (windows.Windows((D(2026, 3, 1), D(2026, 5, 1)), W.mid_year, W.year_end), {"objective_setting_starts"}),
    (windows.Windows(W.objective_setting, W.mid_year, (D(2027, 3, 1), D(2027, 8, 1))), {"year_end_starts"}),
])
def test_it_checks_a_cycles_windows(ws, expected_fields):
    """Windows must end after they start, come in order and fall within the year (plus three months)."""
    assert set(windows.window_errors(2026, ws)) == expected_fields


@pytest.mark.parametrize(("phase", "today", "expected"), [
    ("mid_year", D(2026, 9, 30), "The mid-year review window opens on 1 October 2026"),
    ("mid_year", D(2026, 10, 1), ""),
    ("mid_year", D(2026, 12, 18), ""),
    ("mid_year", D(2026, 12, 19), "The mid-year review window closed on 18 December 2026"),
    ("year_end", D(2026, 11, 28), "The year-end review window opens on 1 March 2027"),
])
def test_it_refuses_a_review_outside_its_window(phase, today, expected):
    """A review is written and signed only while its window is open; the message names the dates."""
    refusal = windows.window_refusal(phase, W, today)
    assert refusal.startswith(expected) if expected else refusal == ""


@pytest.mark.parametrize(("today", "open_"), [
    (D(2026, 3, 31), False), (D(2026, 4, 1), True), (D(2026, 11, 28), True), (D(2027, 2, 28), True),
    (D(2027, 3, 1), False),
])
def test_it_allows_objectives_from_objective_setting_until_the_year_end_review(today, open_):
    """Objectives can be set and tailored in-year, but not once the year-end review has opened."""
    assert (windows.objective_setting_refusal(W, today) == "") is open_


@pytest.mark.parametrize(("agreed", "mid", "end", "expected"), [
    (False, False, False, State.NOT_STARTED),
    (True, False, False, State.OBJECTIVES_AGREED),
    (True, True, False, State.MID_YEAR_DONE),
    (True, True, True, State.YEAR_END_DONE),
])
def test_it_works_out_an_appraisals_state(agreed, mid, end, expected):
    assert states.appraisal_state(objectives_agreed=agreed, mid_year_done=mid, year_end_done=end) == expected


@pytest.mark.parametrize(("today", "agreed", "mid", "expected"), [
    (D(2026, 5, 31), False, False, []),
    (D(2026, 6, 1), False, False, ["objective setting"]),
    (D(2026, 11, 28), True, False, []),
    (D(2026, 12, 19), True, False, ["mid-year review"]),
    (D(2026, 12, 19), False, False, ["objective setting", "mid-year review"]),
    (D(2027, 5, 1), True, True, ["year-end review"]),
])
def test_it_finds_overdue_steps(today, agreed, mid, expected):
    """A step is overdue the day after its window closes without it being done."""
    assert states.overdue_steps(W, today, objectives_agreed=agreed, mid_year_done=mid,
                                year_end_done=False) == expected


@pytest.mark.parametrize(("count", "threshold", "shown"), [
    (0, 5, "0"), (1, 5, "fewer than 5"), (4, 5, "fewer than 5"), (5, 5, "5"), (12, 10, "12"), (3, 3, "3"),
])
def test_it_suppresses_small_counts(count, threshold, shown):
    assert states.suppress(count, threshold) == shown


def test_it_shows_no_figures_for_a_group_below_the_threshold():
    """A service of four people shows only "fewer than 5": no percentages that could pick someone out."""
    small = states.coverage_figures({"staff": 4, "agreed": 4, "linked": 3, "mid_year": 1, "year_end": 0,
                                     "overdue": 1, "support_plans": 1}, 5)
    assert small == {"suppressed": True, "staff": "fewer than 5"}
    big = states.coverage_figures({"staff": 8, "agreed": 6, "linked": 4, "mid_year": 2, "year_end": 0,
                                   "overdue": 2, "support_plans": 1}, 5)
    assert big == {"suppressed": False, "staff": "8", "agreed": 75, "linked": 50, "mid_year": 25, "year_end": 0,
                   "overdue": "fewer than 5", "support_plans": "fewer than 5"}


class R:
    def __init__(self, staff="", manager="", overall=None):
        self.staff_comments, self.manager_comments, self.overall_rating = staff, manager, overall


@pytest.mark.parametrize(("review", "agreed", "rated", "as_manager", "expected"), [
    (R(staff="Fine"), [1], [], False, []),
    (R(), [1], [], False, ["Add your comments before signing off"]),
    (R(manager="Good", overall=3), [1, 2], [1, 2], True, []),
    (R(manager="Good", overall=3), [1, 2], [1], True, ["Rate every agreed objective before signing off"]),
    (R(manager="", overall=None), [], [], True, ["Add your comments as the manager before signing off",
                                                 "Rate the overall performance before signing off"]),
])
def test_it_says_what_stops_a_sign_off(review, agreed, rated, as_manager, expected):
    assert sign_off_problems(review, agreed, rated, as_manager=as_manager) == expected
