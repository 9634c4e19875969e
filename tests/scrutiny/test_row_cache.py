"""Each indicator's kept row (indicators/row_cache.py): rated again only when that indicator changes, and
kept apart for each audience, so nobody reads a row rated on figures they may not see."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.test import override_settings

from indicators import row_cache, selectors, services
from indicators.models import ExceptionRule, IndicatorValue, ValueStatus
from scrutiny import selectors as scrutiny_selectors
from tests.indicators.factories import ValueFactory, period
from tests.scrutiny.conftest import add_indicators

pytestmark = pytest.mark.django_db


class Builder:
    """rows_for's own builder, counting which indicators it was asked to rate."""

    def __init__(self, user):
        self.user = user
        self.asked = []

    def __call__(self, missing):
        self.asked.append(sorted(i.pk for i in missing))
        return {i.pk: i.code for i in missing}


def test_only_the_indicator_that_changed_is_rated_again(world, scrutiny):
    indicators = add_indicators(world, 3)
    build = Builder(world.scrutiny_member)
    assert row_cache.rows(world.scrutiny_member, indicators, build, kind="test") == {
        i.pk: i.code for i in indicators}
    row_cache.rows(world.scrutiny_member, indicators, build, kind="test")
    assert build.asked == [sorted(i.pk for i in indicators)]  # the second time, every row was kept

    IndicatorValue.objects.get(indicator=indicators[1], period=period("Q2 2026/27")).delete()
    row_cache.rows(world.scrutiny_member, indicators, build, kind="test")
    assert build.asked[1:] == [[indicators[1].pk]]


def test_a_figure_saved_in_bulk_retires_only_its_indicators_rows(world, scrutiny):
    indicators = add_indicators(world, 3)
    build = Builder(world.performance_officer)
    row_cache.rows(world.performance_officer, indicators, build, kind="test")
    services.values_save_many(actor=world.performance_officer, entries=[
        {"indicator": indicators[2], "period": period("Q3 2026/27"), "actual": Decimal("1")}])
    row_cache.rows(world.performance_officer, indicators, build, kind="test")
    assert build.asked[1:] == [[indicators[2].pk]]


def test_a_change_to_the_exception_rules_rates_every_indicator_again(world, scrutiny):
    indicators = add_indicators(world, 2)
    before = scrutiny_selectors.dashboard(world.scrutiny_member)
    assert len(before["watchlist"]) == 2
    ExceptionRule.objects.filter(kind=ExceptionRule.Kind.RED_RUN).update(is_active=False)  # no signal
    ExceptionRule.objects.filter(kind=ExceptionRule.Kind.BOTTOM_QUARTILE).get().delete()
    after = scrutiny_selectors.dashboard(world.scrutiny_member)
    assert after["watchlist"] == []
    assert [t.watch for t in after["rows"]] == [[], []]
    assert {t.row.indicator.pk for t in after["rows"]} == {i.pk for i in indicators}


def test_each_audience_keeps_its_own_rows(world, scrutiny):
    """A draft newer than the verified figure: the performance team and the service's data officer see it,
    a councillor does not, whoever asked first."""
    indicators = add_indicators(world, 2)
    adults = next(i for i in indicators if i.service_id == world.adults.pk)
    children = next(i for i in indicators if i.service_id == world.children.pk)
    for indicator, actual in ((adults, "11"), (children, "22")):
        ValueFactory(indicator=indicator, period=period("Q3 2026/27"), actual=Decimal(actual),
                     status=ValueStatus.DRAFT)

    def latest(user):
        return {r.indicator.pk: r.latest.actual if r.latest else None for r in selectors.rows_for(user, indicators)}

    assert latest(world.scrutiny_member) == {adults.pk: Decimal("50"), children.pk: Decimal("50")}
    assert latest(world.performance_officer) == {adults.pk: Decimal("11"), children.pk: Decimal("22")}
    # The data officer for adults sees that service's draft, and only the verified figure elsewhere.
    assert latest(world.data_officer) == {adults.pk: Decimal("11"), children.pk: Decimal("50")}
    assert latest(world.scrutiny_member) == {adults.pk: Decimal("50"), children.pk: Decimal("50")}
    assert latest(world.leaver) == {adults.pk: None, children.pk: None}  # published figures only: none here


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_the_embedded_default_keeps_the_stamps_in_the_process(world, scrutiny):
    indicators = add_indicators(world, 2)
    build = Builder(world.scrutiny_member)
    row_cache.rows(world.scrutiny_member, indicators, build, kind="test")
    row_cache.rows(world.scrutiny_member, indicators, build, kind="test")
    assert len(build.asked) == 1
    row_cache.bump([indicators[0].pk])
    row_cache.rows(world.scrutiny_member, indicators, build, kind="test")
    assert build.asked[1:] == [[indicators[0].pk]]
    assert indicators[0].pk in row_cache.STAMPS.local


def _figures_read(call):
    """Whether `call()` read any figure from the database (rather than from kept rows)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        call()
    return any("indicators_indicatorvalue" in q["sql"] for q in queries)


def test_the_nightly_job_keeps_every_audiences_rows_so_the_days_first_pages_rate_none(world, scrutiny):
    from django.contrib.auth.models import AnonymousUser

    from scrutiny.tasks import keep_rows_warm

    indicators = add_indicators(world, 3)
    ValueFactory(indicator=indicators[0], period=period("Q3 2026/27"), actual=Decimal("9"), status=ValueStatus.DRAFT)
    row_cache.VERSION.replace()  # nothing kept, as on a new day
    expected = {person: _latest(person, indicators) for person in
                (world.scrutiny_member, world.performance_officer, world.data_officer)}
    row_cache.VERSION.replace()
    entry = settings.CELERY_BEAT_SCHEDULE["indicator-rows"]
    assert (entry["task"], entry["schedule"].hour, entry["schedule"].minute) == (keep_rows_warm.name, {0}, {5})
    assert keep_rows_warm.apply().get() == [3, 3, 3]  # the public, a councillor, the performance team

    for person in (world.scrutiny_member, world.performance_officer, world.data_officer):
        assert not _figures_read(lambda p=person: selectors.rows_for(p, indicators)), person
        assert _latest(person, indicators) == expected[person]
    for person in (world.scrutiny_member, world.performance_officer):
        assert not _figures_read(lambda p=person: scrutiny_selectors.dashboard(p)), person
    assert not _figures_read(lambda: selectors.indicator_list(AnonymousUser()))


def _latest(user, indicators):
    return {r.indicator.pk: r.latest.actual if r.latest else None for r in selectors.rows_for(user, indicators)}
