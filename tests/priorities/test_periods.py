import datetime

import pytest

from priorities.periods import (
    fiscal_year_label,
    fiscal_year_of,
    parse_fiscal_year,
    same_day_next_year,
)


@pytest.mark.parametrize(
    ("day", "year"),
    [(datetime.date(2026, 4, 1), 2026), (datetime.date(2027, 3, 31), 2026), (datetime.date(2026, 3, 31), 2025)],
)
def test_it_finds_the_financial_year_of_a_date(day, year):
    assert fiscal_year_of(day) == year


@pytest.mark.parametrize(
    ("text", "year"),
    [("2026/27", 2026), ("2026-27", 2026), ("2026/2027", 2026), (" 1999/00 ", 1999), ("2026/28", None),
     ("2026", None), ("26/27", None), ("", None), (None, None)],
)
def test_it_reads_a_financial_year_as_people_write_it(text, year):
    assert parse_fiscal_year(text) == year


def test_it_writes_years_the_council_way():
    assert fiscal_year_label(2026) == "2026/27"
    assert fiscal_year_label(1999) == "1999/00"


def test_it_moves_29_february_to_28_february_a_year_on():
    assert same_day_next_year(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)
    assert same_day_next_year(datetime.date(2026, 6, 30)) == datetime.date(2027, 6, 30)
