"""UK financial-year periods, as pure functions.

A financial year runs from 1 April to 31 March and is written `2024/25`.
Quarters are Q1 April-June, Q2 July-September, Q3 October-December and
Q4 January-March; months are written `Apr 2024`. Imported files spell periods
in many ways: `parse_period` reads the common ones and says clearly what it
could not read.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

YEAR = "year"
QUARTER = "quarter"
MONTH = "month"
KINDS = (YEAR, QUARTER, MONTH)

MONTH_NAMES = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTH_NAMES.update({name.lower(): number for number, name in enumerate(calendar.month_name) if name})
MONTH_NAMES["sept"] = 9


class PeriodError(ValueError):
    """A period that cannot be read; the message is fit to show to the person importing."""


@dataclass(frozen=True, order=True)
class PeriodSpec:
    """One reporting period. Sorted by start date, then the longer period first."""

    start: datetime.date
    rank: int  # 0 year, 1 quarter, 2 month: the year sorts before its first quarter and month
    kind: str
    end: datetime.date

    @property
    def fiscal_year(self):
        return fiscal_year_of(self.start)

    @property
    def quarter(self):
        """1-4 within the financial year, for quarters and months; None for a year."""
        if self.kind == YEAR:
            return None
        return (self.start.month - 4) % 12 // 3 + 1

    @property
    def label(self):
        if self.kind == YEAR:
            return fiscal_year_label(self.fiscal_year)
        if self.kind == QUARTER:
            return f"Q{self.quarter} {fiscal_year_label(self.fiscal_year)}"
        return f"{calendar.month_abbr[self.start.month]} {self.start.year}"


def fiscal_year_of(day):
    """The financial year a date falls in, named by the year it starts: 2024 for 2024/25."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_label(fiscal_year):
    return f"{fiscal_year}/{(fiscal_year + 1) % 100:02d}"


def _month_end(year, month):
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def year(fiscal_year):
    return PeriodSpec(datetime.date(fiscal_year, 4, 1), 0, YEAR, datetime.date(fiscal_year + 1, 3, 31))


def quarter(fiscal_year, number):
    if number not in (1, 2, 3, 4):
        raise PeriodError(f"There is no quarter {number}: quarters run from Q1 to Q4")
    month = 4 + 3 * (number - 1)
    start_year = fiscal_year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    end_month = month + 2
    return PeriodSpec(datetime.date(start_year, month, 1), 1, QUARTER, _month_end(start_year, end_month))


def month(calendar_year, number):
    if not 1 <= number <= 12:
        raise PeriodError(f"There is no month {number}")
    return PeriodSpec(datetime.date(calendar_year, number, 1), 2, MONTH, _month_end(calendar_year, number))


def containing(kind, day):
    """The period of this kind that a date falls in."""
    fy = fiscal_year_of(day)
    if kind == YEAR:
        return year(fy)
    if kind == QUARTER:
        return quarter(fy, (day.month - 4) % 12 // 3 + 1)
    if kind == MONTH:
        return month(day.year, day.month)
    raise PeriodError(f"Unknown kind of period: {kind}")


def previous(spec):
    """The period of the same kind just before this one."""
    return containing(spec.kind, spec.start - datetime.timedelta(days=1))


def following(spec):
    return containing(spec.kind, spec.end + datetime.timedelta(days=1))


def same_period_last_year(spec):
    return containing(spec.kind, spec.start.replace(year=spec.start.year - 1))


def periods_of_year(fiscal_year, kind):
    """Every period of a kind within a financial year, in order."""
    if kind == YEAR:
        return [year(fiscal_year)]
    if kind == QUARTER:
        return [quarter(fiscal_year, n) for n in (1, 2, 3, 4)]
    return [containing(MONTH, datetime.date(fiscal_year + (m > 12), (m - 1) % 12 + 1, 1)) for m in range(4, 16)]


def series(kind, first, last):
    """Every period of a kind from the one containing `first` to the one containing `last`."""
    spec, end = containing(kind, first), containing(kind, last)
    found = []
    while spec <= end:
        found.append(spec)
        spec = following(spec)
    return found


_FY = r"(?P<fy>(?:19|20)\d\d)\s*[/\-–]\s*(?P<fy2>\d{2}|\d{4})"
_YEAR_RE = re.compile(rf"^(?:fy\s*)?{_FY}$")
_QUARTER_RE = re.compile(rf"^q(?P<q>\d)\s*(?:of\s*)?{_FY}$")
_QUARTER_AFTER_RE = re.compile(rf"^{_FY}\s*q(?P<q>\d)$")
_MONTH_RE = re.compile(r"^(?P<m>[a-z]+)[\s\-]*(?P<y>(?:19|20)?\d\d)$")
_ISO_MONTH_RE = re.compile(r"^(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})$")


def _is_fiscal_pair(match):
    first, second = int(match["fy"]), match["fy2"]
    return int(second) == ((first + 1) % 100 if len(second) == 2 else first + 1)


def _fiscal_year_from(match):
    first, expected = int(match["fy"]), int(match["fy"]) + 1
    if not _is_fiscal_pair(match):
        raise PeriodError(f"{match.string!r} is not a financial year: {first}/ must be followed by {expected % 100:02d}")
    return first


def parse_period(text):
    """Read a period as people and published files write it.

    Financial years `2024/25`, `2024-25`, `2024/2025`; quarters `Q3 2024/25`,
    `2024/25 Q3`; months `Nov 2023`, `November 2023`, `Nov-23`, `2023-11`.
    """
    cleaned = " ".join(str(text or "").strip().lower().split())
    if not cleaned:
        raise PeriodError("The period is missing")
    year_match = _YEAR_RE.match(cleaned)
    # `2023-11` is November 2023, but `2010-11` is the financial year 2010/11.
    if year_match and not (_ISO_MONTH_RE.match(cleaned) and not _is_fiscal_pair(year_match)):
        return year(_fiscal_year_from(year_match))
    if m := _QUARTER_RE.match(cleaned) or _QUARTER_AFTER_RE.match(cleaned):
        return quarter(_fiscal_year_from(m), int(m["q"]))
    if m := _ISO_MONTH_RE.match(cleaned):
        return month(int(m["y"]), int(m["m"]))
    if year_match:
        _fiscal_year_from(year_match)  # raises, naming the expected second year
    if (m := _MONTH_RE.match(cleaned)) and m["m"] in MONTH_NAMES:
        y = int(m["y"])
        return month(y + 2000 if y < 100 else y, MONTH_NAMES[m["m"]])
    raise PeriodError(
        f"{str(text).strip()!r} is not a period the portal knows: write a financial year like 2024/25, "
        "a quarter like Q3 2024/25 or a month like Nov 2023"
    )


def due_date(spec, due_days):
    """When a value for this period is due: a number of days after the period ends."""
    return spec.end + datetime.timedelta(days=due_days)
