"""Where a person's appraisal stands, and whether a step is overdue: pure functions, no I/O."""

from enum import StrEnum

from appraisals.windows import Windows


class State(StrEnum):
    NOT_STARTED = "not_started"
    OBJECTIVES_AGREED = "objectives_agreed"
    MID_YEAR_DONE = "mid_year_done"
    YEAR_END_DONE = "year_end_done"


LABELS = {
    State.NOT_STARTED: "Not started",
    State.OBJECTIVES_AGREED: "Objectives agreed",
    State.MID_YEAR_DONE: "Mid-year done",
    State.YEAR_END_DONE: "Year-end done",
}
COLOURS = {State.NOT_STARTED: "grey", State.OBJECTIVES_AGREED: "blue", State.MID_YEAR_DONE: "turquoise",
           State.YEAR_END_DONE: "green"}


def appraisal_state(*, objectives_agreed, mid_year_done, year_end_done):
    if year_end_done:
        return State.YEAR_END_DONE
    if mid_year_done:
        return State.MID_YEAR_DONE
    if objectives_agreed:
        return State.OBJECTIVES_AGREED
    return State.NOT_STARTED


def overdue_steps(windows: Windows, today, *, objectives_agreed, mid_year_done, year_end_done):
    """The steps whose window has closed without them being done, in order."""
    steps = []
    if not objectives_agreed and today > windows.objective_setting[1]:
        steps.append("objective setting")
    if not mid_year_done and today > windows.mid_year[1]:
        steps.append("mid-year review")
    if not year_end_done and today > windows.year_end[1]:
        steps.append("year-end review")
    return steps


def suppress(count, threshold):
    """A count as published: from 1 to threshold-1 it is "fewer than N", so nobody can be picked out."""
    if count is None:
        return None
    if 0 < count < threshold:
        return f"fewer than {threshold}"
    return str(count)


def percentage(part, whole):
    if not whole:
        return None
    return round(100 * part / whole)


def coverage_figures(rows, threshold):
    """Turn one group's counts into what may be shown.

    `rows` is a dict with `staff`, `agreed`, `linked`, `mid_year`, `year_end`, `overdue` and
    `support_plans` (people on an open support plan).
    A group smaller than the threshold shows no figures at all (`suppressed` is True);
    otherwise percentages, with the overdue and support-plan counts suppressed when small.
    """
    staff = rows["staff"]
    if staff < threshold:
        return {"suppressed": True, "staff": suppress(staff, threshold)}
    return {
        "suppressed": False,
        "staff": str(staff),
        "agreed": percentage(rows["agreed"], staff),
        "linked": percentage(rows["linked"], staff),
        "mid_year": percentage(rows["mid_year"], staff),
        "year_end": percentage(rows["year_end"], staff),
        "overdue": suppress(rows["overdue"], threshold),
        "support_plans": suppress(rows["support_plans"], threshold),
    }
