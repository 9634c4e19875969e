"""When a scheduled report is due: pure functions over periods and working days.

A schedule produces the report for a period (a quarter or a financial year) a
set number of working days after the period ends, at a time of day. Working
days come from `core.working_days` (weekends, bank holidays, closure days), the
one implementation complaints and scrutiny use too.
"""

import datetime

from core.working_days import add_working_days
from indicators import periods as P


def due_on(spec, working_days_after, holidays):
    """The day the report for a period is due."""
    return add_working_days(spec.end, working_days_after, holidays)


def due_at(spec, working_days_after, run_at, holidays, tz):
    return datetime.datetime.combine(due_on(spec, working_days_after, holidays), run_at, tzinfo=tz)


def next_run(frequency, working_days_after, run_at, now, holidays):
    """The next period to report on and when, counting from `now`: the first whose due moment is still ahead.

    `now` is an aware datetime; the due moment is in its time zone. Returns (PeriodSpec, datetime).
    """
    tz = now.tzinfo
    # At most 60 working days after: a quarter's report is due before the next quarter ends, so start
    # two periods back and step forward.
    spec = P.previous(P.previous(P.containing(frequency, now.date())))
    while due_at(spec, working_days_after, run_at, holidays, tz) <= now:
        spec = P.following(spec)
    return spec, due_at(spec, working_days_after, run_at, holidays, tz)


def run_after(spec, working_days_after, run_at, holidays, tz):
    """The run that follows the one for `spec`: the next period's."""
    following = P.following(spec)
    return following, due_at(following, working_days_after, run_at, holidays, tz)
