"""Financial years as service plans use them: 1 April to 31 March, written `2026/27`.

Pure functions. A year is named by the calendar year it starts in: 2026 is 2026/27.
(indicators/periods.py, written alongside this app, has the same two core
functions under the same names; the two can merge into core once both land.)
"""

import datetime
import re


def fiscal_year_of(day):
    """The financial year a date falls in: 2026 for any date from 1 April 2026 to 31 March 2027."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_label(year):
    return f"{year}/{(year + 1) % 100:02d}"


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
