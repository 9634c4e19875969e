"""Red, amber and green along the golden thread: the rule, as pure functions.

The rule (docs/decisions/0002-golden-thread-roll-up.md says why):

Milestone, from its own status and dates, on a given day:
  1. complete                                        -> green
  2. not complete and its due date has passed        -> red    (overdue)
  3. due within 14 days and less than 50% complete   -> amber
  4. not started and not due within 14 days          -> grey   (not yet due)
  5. otherwise (under way and on course)             -> green

Objective, from its milestones; priority, from its objectives (the same rule at
each level, so a councillor reading a priority and a head of service reading an
objective see one logic):
  1. ignore grey children; with nothing left         -> grey
  2. more than a third of the rest red               -> red
  3. any red, or more than a third amber             -> amber
  4. otherwise                                       -> green

So one slipped milestone is never hidden (it turns its objective at least
amber), but one amber among many greens does not paint the whole objective
amber, and one red objective among ten does not make a priority red.

Progress (percent complete) rolls up as the plain mean of the milestones'
percentages, at objective and at priority level.
"""

import datetime
import enum
from collections.abc import Iterable
from fractions import Fraction

DUE_SOON_DAYS = 14
AMBER_BELOW_PERCENT = 50
SHARE = Fraction(1, 3)


class Rag(enum.Enum):
    """A rating, with the words and tag colour the pages show (never colour alone)."""

    GREY = ("grey", "Not yet due", "grey", 0)
    GREEN = ("green", "Green", "green", 1)
    AMBER = ("amber", "Amber", "orange", 2)
    RED = ("red", "Red", "red", 3)

    def __init__(self, code, label, colour, severity):
        self.code = code
        self.label = label
        self.colour = colour
        self.severity = severity

    def __str__(self):
        return self.label


def milestone_rag(*, complete: bool, started: bool, percent_complete: int, due_on: datetime.date,
                  today: datetime.date) -> Rag:
    """Rate one milestone on `today` (see the module docstring for the rule)."""
    if complete:
        return Rag.GREEN
    if due_on < today:
        return Rag.RED
    due_soon = (due_on - today).days <= DUE_SOON_DAYS
    if due_soon and percent_complete < AMBER_BELOW_PERCENT:
        return Rag.AMBER
    if not started and not due_soon:
        return Rag.GREY
    return Rag.GREEN


def roll_up(ratings: Iterable[Rag]) -> Rag:
    """Rate a parent (objective or priority) from its children's ratings."""
    rated = [r for r in ratings if r is not Rag.GREY]
    if not rated:
        return Rag.GREY
    reds = sum(r is Rag.RED for r in rated)
    ambers = sum(r is Rag.AMBER for r in rated)
    if Fraction(reds, len(rated)) > SHARE:
        return Rag.RED
    if reds or Fraction(ambers, len(rated)) > SHARE:
        return Rag.AMBER
    return Rag.GREEN


def mean_progress(percentages: Iterable[int]) -> int | None:
    """The mean percent complete, rounded to a whole number; None when there is nothing to average."""
    values = list(percentages)
    if not values:
        return None
    return round(sum(values) / len(values))
