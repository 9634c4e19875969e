"""Financial years as service plans use them: 1 April to 31 March, written `2026/27`.

Pure functions. A year is named by the calendar year it starts in: 2026 is 2026/27.
Which year a date falls in, and its label, come from indicators.periods: one rule.
"""

import datetime
import re

from indicators.periods import fiscal_year_label, fiscal_year_of

__all__ = ["fiscal_year_label", "fiscal_year_of", "parse_fiscal_year", "same_day_next_year", "year_ends",
           "year_starts"]


def year_starts(year):
    return datetime.date(year, 4, 1)


def year_ends(year):
    return datetime.date(year + 1, 3, 31)


_YEAR_RE = re.compile(r"^\s*(?P<first>(?:19|20)\d\d)\s*[/\-–]\s*(?P<second>\d{2}|\d{4})\s*$")


def parse_fiscal_year(text):
    """Read `2026/27` (or `2026-27`, `2026/2027`) as 2026; None when it is not a financial year."""
    match = _YEAR_RE.match(str(text or ""))
    if not match:
        return None
    first, second = int(match["first"]), match["second"]
    expected = first + 1
    if int(second) != (expected % 100 if len(second) == 2 else expected):
        return None
    return first


def same_day_next_year(day):
    """The same date a year later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)
