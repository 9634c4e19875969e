"""Working days in England: weekends, England and Wales bank holidays and council closure days.

Statutory timescales (complaints, scrutiny responses, call-in) count working
days. The arithmetic is pure; `non_working_days()` supplies the holidays from
the govuk-bank-holidays package's bundled data plus the council's own closures.
"""

import bisect
import datetime
from functools import lru_cache

from core.versioned import Kept, watch

WEEKEND = (5, 6)  # Saturday, Sunday


def is_working_day(day: datetime.date, holidays: frozenset) -> bool:
    return day.weekday() not in WEEKEND and day not in holidays


def add_working_days(start: datetime.date, days: int, holidays: frozenset) -> datetime.date:
    """The date `days` working days after `start` (day 1 is the first working day after it).

    A complaint received on a Friday with 3 working days to acknowledge is due
    on the Wednesday; received on a Saturday, it is due on the Wednesday too.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    remaining = days
    while remaining:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date, holidays: frozenset) -> int:
    """Working days after `start` up to and including `end` (negative if `end` is earlier).

    Counted, not walked: a case open for years costs the same as one open for a week (the complaints
    officer's home page works this out for every open case's deadlines).
    """
    if end < start:
        return -working_days_between(end, start, holidays)
    weeks, extra = divmod((end - start).days, 7)
    first = start.weekday()
    weekdays = weeks * 5 + sum((first + n) % 7 not in WEEKEND for n in range(1, extra + 1))
    closed = _weekday_holidays(holidays)
    return weekdays - (bisect.bisect_right(closed, end) - bisect.bisect_right(closed, start))


def _weekday_holidays(holidays) -> list:
    """The holidays that fall on weekdays, sorted (made once for each set of holidays)."""
    try:
        return _sorted_weekday_holidays(holidays)
    except TypeError:  # an unhashable set
        return sorted(day for day in holidays if day.weekday() not in WEEKEND)


@lru_cache(maxsize=8)
def _sorted_weekday_holidays(holidays) -> list:
    return sorted(day for day in holidays if day.weekday() not in WEEKEND)


@lru_cache(maxsize=1)
def _bank_holidays() -> frozenset:
    from govuk_bank_holidays.bank_holidays import BankHolidays

    calendar = BankHolidays(use_cached_holidays=True)
    return frozenset(h["date"] for h in calendar.get_holidays(division=BankHolidays.ENGLAND_AND_WALES))


def _closure_days() -> frozenset:
    from core.models import ClosureDay

    return frozenset(ClosureDay.objects.values_list("date", flat=True))


# Read by every page that counts working days (complaints, casework, scrutiny responses); changed a few
# times a year.
CLOSURE_DAYS = Kept("closure-days", _closure_days)


def non_working_days() -> frozenset:
    """Bank holidays (England and Wales) and the closure days an administrator has added."""
    return _bank_holidays() | CLOSURE_DAYS.get()


def connect():
    watch(CLOSURE_DAYS.version, models=["core.ClosureDay"], uid="kept-closure-days")
