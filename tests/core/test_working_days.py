"""Working-day arithmetic across weekends, bank holidays, Easter and year ends."""

import datetime

import pytest

from core.working_days import _bank_holidays, add_working_days, working_days_between

D = datetime.date


@pytest.fixture(scope="module")
def holidays():
    return _bank_holidays()


@pytest.mark.parametrize(("start", "days", "due", "why"), [
    (D(2025, 3, 3), 3, D(2025, 3, 6), "Monday + 3 is Thursday"),
    (D(2025, 3, 7), 3, D(2025, 3, 12), "Friday + 3 skips the weekend"),
    (D(2025, 3, 8), 3, D(2025, 3, 12), "received on a Saturday counts from Monday"),
    (D(2025, 4, 17), 1, D(2025, 4, 22), "Maundy Thursday + 1 skips Good Friday, the weekend and Easter Monday"),
    (D(2025, 4, 17), 10, D(2025, 5, 6), "10 working days across Easter and the early May bank holiday (5 May)"),
    (D(2025, 12, 23), 3, D(2025, 12, 30), "Christmas Day and Boxing Day do not count"),
    (D(2025, 12, 31), 1, D(2026, 1, 2), "New Year's Day does not count, across the year end"),
    (D(2026, 12, 24), 1, D(2026, 12, 29), "Boxing Day on a Saturday moves to Monday 28th"),
    (D(2025, 5, 2), 1, D(2025, 5, 6), "early May bank holiday"),
    (D(2025, 3, 3), 0, D(2025, 3, 3), "no working days leaves the date alone"),
    (D(2026, 3, 2), 20, D(2026, 3, 30), "children's stage 1 extended to 20 days"),
])
def test_it_adds_working_days(holidays, start, days, due, why):
    assert add_working_days(start, days, holidays) == due, why


@pytest.mark.parametrize(("start", "end", "count"), [
    (D(2025, 3, 3), D(2025, 3, 10), 5),
    (D(2025, 4, 17), D(2025, 4, 22), 1),
    (D(2025, 3, 10), D(2025, 3, 3), -5),
    (D(2025, 12, 24), D(2026, 1, 2), 4),
])
def test_it_counts_working_days_between_dates(holidays, start, end, count):
    assert working_days_between(start, end, holidays) == count


def test_it_never_lands_on_a_weekend_or_holiday(holidays):
    start = D(2024, 1, 1)
    for offset in range(0, 800, 7):
        for days in (1, 3, 10, 20, 25, 65):
            due = add_working_days(start + datetime.timedelta(days=offset), days, holidays)
            assert due.weekday() < 5
            assert due not in holidays
            assert working_days_between(start + datetime.timedelta(days=offset), due, holidays) == days


@pytest.mark.django_db
def test_it_counts_council_closure_days_as_non_working():
    from core.models import ClosureDay
    from core.working_days import non_working_days

    ClosureDay.objects.create(date=D(2025, 12, 29), reason="Christmas closure")
    assert add_working_days(D(2025, 12, 23), 3, non_working_days()) == D(2025, 12, 31)


@pytest.mark.django_db
def test_closure_days_are_read_once_until_one_changes_or_a_backup_is_restored(django_assert_num_queries):
    from core.models import ClosureDay
    from core.versioned import retire_all
    from core.working_days import non_working_days

    day = D(2027, 3, 3)
    non_working_days()
    with django_assert_num_queries(0):
        assert day not in non_working_days()
    ClosureDay.objects.create(date=day, reason="Council closure")
    with django_assert_num_queries(1):
        assert day in non_working_days()
    ClosureDay.objects.filter(date=day).update(reason="Moved")  # no signal: kept as it was read
    with django_assert_num_queries(0):
        non_working_days()
    retire_all()  # as `manage.py restore` does once the database is replaced
    with django_assert_num_queries(1):
        assert day in non_working_days()
