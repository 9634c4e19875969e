"""Appraisal cycle windows and what each step of the year allows: pure functions, no I/O.

A cycle has three windows, each a (start, end) pair of dates, ends included:
objective setting, the mid-year review and the year-end review.
"""

import datetime
from dataclasses import dataclass

OBJECTIVE_SETTING = "objective_setting"
MID_YEAR = "mid_year"
YEAR_END = "year_end"
PHASES = (OBJECTIVE_SETTING, MID_YEAR, YEAR_END)
PHASE_NAMES = {OBJECTIVE_SETTING: "objective setting", MID_YEAR: "mid-year review", YEAR_END: "year-end review"}


def _day(d):
    return f"{d:%-d %B %Y}"


@dataclass(frozen=True)
class Windows:
    objective_setting: tuple
    mid_year: tuple
    year_end: tuple

    def of(self, phase):
        return getattr(self, phase)


def window_errors(year, windows: Windows):
    """What is wrong with a cycle's dates, by field name: an empty dict when they are sound.

    Each window ends on or after it starts; the windows come in order without overlapping;
    all fall between the start of the financial year and three months after its end.
    """
    errors = {}
    first, last = datetime.date(year, 4, 1), datetime.date(year + 1, 6, 30)
    previous_end = None
    for phase in PHASES:
        start, end = windows.of(phase)
        name = PHASE_NAMES[phase]
        if start is None or end is None:
            continue
        if end < start:
            errors[f"{phase}_ends"] = f"The {name} window must end on or after the day it starts"
        elif not (first <= start and end <= last):
            errors[f"{phase}_starts"] = (f"The {name} window must fall between {_day(first)} and {_day(last)}")
        elif previous_end is not None and start <= previous_end:
            errors[f"{phase}_starts"] = f"The {name} window must start after the previous window ends ({_day(previous_end)})"
        previous_end = end if end >= start else previous_end
    return errors


def window_refusal(phase, windows: Windows, today):
    """Why the step cannot be done today, or "" when its window is open."""
    start, end = windows.of(phase)
    name = PHASE_NAMES[phase]
    if today < start:
        return f"The {name} window opens on {_day(start)}. You can do this from then until {_day(end)}"
    if today > end:
        return (f"The {name} window closed on {_day(end)}. Ask HR or the performance team to extend it "
                f"if this must still be done")
    return ""


def objective_setting_refusal(windows: Windows, today):
    """Objectives are set and agreed from the start of objective setting until the year-end review opens."""
    start = windows.objective_setting[0]
    year_end_opens = windows.year_end[0]
    if today < start:
        return f"Objective setting opens on {_day(start)}"
    if today >= year_end_opens:
        return (f"Objectives can no longer be set or changed: the year-end review opened on {_day(year_end_opens)}")
    return ""


def current_phase(windows: Windows, today):
    """The window open today, or None between windows."""
    for phase in PHASES:
        start, end = windows.of(phase)
        if start <= today <= end:
            return phase
    return None


def next_review(windows: Windows, today, *, mid_year_done, year_end_done):
    """(phase, date) of the next review still to do: its window's start, or its deadline if open; None when done."""
    for phase, done in ((MID_YEAR, mid_year_done), (YEAR_END, year_end_done)):
        if done:
            continue
        start, end = windows.of(phase)
        return phase, (start if today < start else end)
    return None


def support_plan_refusal(windows: Windows, today):
    """A support plan is opened on an appraisal while its cycle runs: objective setting to the year-end close."""
    start, end = windows.objective_setting[0], windows.year_end[1]
    if today < start:
        return f"Support plans can be opened on this appraisal from {_day(start)}, when objective setting opens"
    if today > end:
        return (f"This appraisal cycle closed on {_day(end)}. Open the support plan on the person's appraisal "
                f"for the current year")
    return ""
