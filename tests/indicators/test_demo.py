"""The demo council's indicators: fast, idempotent, honest about whose figures are whose."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators import demo, selectors
from indicators.models import (
    BenchmarkValue,
    ComparatorArea,
    ComparatorGroup,
    Indicator,
    IndicatorValue,
)
from organisation import demo as organisation_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    organisation_demo.seed(password="demo-portal-2026")
    with CaptureQueriesContext(connection) as queries:
        count = demo.seed()
    return count, len(queries)


def test_it_seeds_about_forty_indicators_in_bulk_and_only_once(seeded):
    """The library has the PAF, ASCOF and local indicators, written in bulk (seed_demo runs on every start:
    about 2 s on SQLite); a second run changes nothing."""
    count, queries = seeded
    assert 38 <= count <= 45
    assert queries < 150  # bulk writes: a row-by-row seed would take thousands
    codes = set(Indicator.objects.values_list("code", flat=True))
    assert {"PAF A1", "PAF B11", "PAF C32", "PAF D55", "PAF D56", "ASCOF 1A", "ASCOF 2A(2)", "ASCOF 3A",
            "ASCOF 4A"} <= codes
    values = IndicatorValue.objects.count()
    assert demo.seed() == count
    assert IndicatorValue.objects.count() == values


def test_it_labels_real_councils_as_themselves_and_never_mixes_them_with_ours(seeded):
    """Trafford's peers are real areas with their ONS codes; the demo council has no comparator figures."""
    trafford = ComparatorArea.objects.get(ons_code="E08000009")
    assert trafford.name == "Trafford"
    assert not ComparatorArea.objects.filter(ons_code="E06000099").exists()
    group = ComparatorGroup.objects.get(is_default=True)
    assert group.areas.count() == 16
    assert BenchmarkValue.objects.filter(area=trafford, indicator__code="ASCOF 3A", period__label="2014/15").get(
    ).value is not None


def test_it_has_red_and_deteriorating_indicators_for_the_watchlist(seeded):
    items = selectors.watchlist()
    kinds = {i.rule.kind for i in items}
    assert {"red_run", "deteriorating", "bottom_quartile"} <= kinds
    assert any(i.indicator.code == "ASCOF 2A(2)" and i.rule.kind == "bottom_quartile" for i in items)
    assert IndicatorValue.objects.filter(rag="red").exclude(commentary="").count() == IndicatorValue.objects.filter(
        rag="red", status__in=["submitted", "verified", "published"]).count()


def test_it_leaves_the_latest_quarter_for_the_data_officer_to_enter(seeded):
    """Tom Reed's services have the latest quarter still to enter: the browser journey starts there."""
    from indicators import periods as P

    latest = P.previous(P.containing(P.QUARTER, demo.timezone.localdate()))
    missing = Indicator.objects.filter(service__name="Reablement and Home Care", frequency="quarter").exclude(
        values__period__start=latest.start)
    assert missing.count() == 2
