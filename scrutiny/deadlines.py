"""Scrutiny deadlines, as pure functions (no database, no clock).

- The executive answers a scrutiny report within 2 calendar months of receiving
  it: 31 December gives 28 February (29 in a leap year), the month's last day
  standing in for a day the month lacks.
- An executive decision takes effect after a call-in window of working days
  (5 by default) after it is published; a called-in decision goes to the
  committee within a further number of working days (10 by default).
- NHS bodies answer a request for information within a number of calendar days
  the committee sets (28 by default, a common local rule rather than statute).

Working days come from core.working_days: one implementation, shared with complaints.
"""

import calendar
import datetime
import enum

from core.working_days import add_working_days

EXECUTIVE_RESPONSE_MONTHS = 2
CALL_IN_WORKING_DAYS = 5
CALL_IN_MEETING_WORKING_DAYS = 10
NHS_RESPONSE_DAYS = 28


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months later; the month's last day if it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def executive_response_due(reported_on: datetime.date, months: int = EXECUTIVE_RESPONSE_MONTHS) -> datetime.date:
    return add_months(reported_on, months)


def call_in_window_ends(published_on: datetime.date, holidays: frozenset,
                        working_days: int = CALL_IN_WORKING_DAYS) -> datetime.date:
    """The last day a decision can be called in; it takes effect the day after unless it is."""
    return add_working_days(published_on, working_days, holidays)


def call_in_meeting_by(called_in_on: datetime.date, holidays: frozenset,
                       working_days: int = CALL_IN_MEETING_WORKING_DAYS) -> datetime.date:
    return add_working_days(called_in_on, working_days, holidays)


def nhs_response_due(requested_on: datetime.date, days: int = NHS_RESPONSE_DAYS) -> datetime.date:
    return requested_on + datetime.timedelta(days=days)


class Standing(enum.Enum):
    """Where an answer stands against its deadline, in words and a tag colour."""

    NOT_DUE = ("not_due", "Not yet due", "grey")
    DUE = ("due", "Awaiting response", "blue")
    OVERDUE = ("overdue", "Overdue", "red")
    ON_TIME = ("on_time", "Answered on time", "green")
    LATE = ("late", "Answered late", "orange")

    def __init__(self, code, label, colour):
        self.code = code
        self.label = label
        self.colour = colour


def standing(due_on: datetime.date | None, answered_on: datetime.date | None,
             today: datetime.date) -> Standing:
    """An answer's standing: not due when the clock has not started (no due date)."""
    if due_on is None:
        return Standing.NOT_DUE
    if answered_on is not None:
        return Standing.ON_TIME if answered_on <= due_on else Standing.LATE
    return Standing.OVERDUE if today > due_on else Standing.DUE


class DecisionState(enum.Enum):
    """Where an executive decision stands in the call-in process."""

    AWAITING_PUBLICATION = ("unpublished", "Not yet published", "grey")
    IN_WINDOW = ("in_window", "Can be called in", "blue")
    CALLED_IN = ("called_in", "Called in", "orange")
    IN_EFFECT = ("in_effect", "In effect", "green")
    REFERRED = ("referred", "Referred", "red")

    def __init__(self, code, label, colour):
        self.code = code
        self.label = label
        self.colour = colour


def decision_state(*, published_on, window_ends, today, called_in, outcome="", urgent=False) -> DecisionState:
    """A decision takes effect after its call-in window unless called in; urgent decisions take effect at once.

    A called-in decision takes effect if the committee takes no action; referred back or to full council, it
    does not.
    """
    if published_on is None:
        return DecisionState.AWAITING_PUBLICATION
    if urgent:
        return DecisionState.IN_EFFECT
    if called_in:
        if outcome == "no_action":
            return DecisionState.IN_EFFECT
        if outcome in ("refer_back", "refer_to_council"):
            return DecisionState.REFERRED
        return DecisionState.CALLED_IN
    return DecisionState.IN_WINDOW if today <= window_ends else DecisionState.IN_EFFECT
