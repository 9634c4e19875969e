"""The list, the entry grid and the indicator page cost the same number of queries whatever the data size."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators import periods as P
from indicators.services import rag_refresh
from tests.indicators.factories import (
    AreaFactory,
    BenchmarkFactory,
    GroupFactory,
    IndicatorFactory,
    TargetFactory,
    ValueFactory,
    period,
)

pytestmark = pytest.mark.django_db

QUARTERS = [p.label for p in P.series(P.QUARTER, P.quarter(2022, 1).start, P.quarter(2024, 4).start)]


def build(world, indicators, quarters, areas):
    """Indicators of the adults service with values, targets and comparator figures."""
    group = GroupFactory()
    peers = [AreaFactory(ons_code=f"E060{areas:02d}{n:03d}") for n in range(areas)]
    group.areas.add(*peers)
    made = []
    for i in range(indicators):
        indicator = IndicatorFactory(service=world.adults, accountable_officer=world.head_of_service,
                                     data_officer=world.data_officer)
        made.append(indicator)
        for n, label in enumerate(quarters):
            ValueFactory(indicator=indicator, period=period(label), actual=Decimal(50 + n + i),
                         status="published" if n % 2 else "submitted", entered_by=world.data_officer,
                         commentary="Why" if n % 3 else "")
            TargetFactory(indicator=indicator, period=period(label), value=Decimal(55))
            for peer in peers:
                BenchmarkFactory(area=peer, indicator=indicator, period=period(label), value=Decimal(40 + n))
    rag_refresh()
    return made


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("persona", ["scrutiny_member", "data_officer"])
def test_it_reads_the_list_grid_and_indicator_page_in_a_fixed_number_of_queries(world, as_user, persona):
    """Five times the indicators, four times the periods and the comparators: the same query count."""
    client = as_user(getattr(world, persona))
    small = build(world, indicators=2, quarters=QUARTERS[-2:], areas=2)
    grid = reverse("indicators:entry-grid", args=[world.adults.pk, period(QUARTERS[-1]).pk])
    small_counts = {
        "list": count(client, reverse("indicators:list")),
        "page": count(client, small[0].get_absolute_url()),
        "watchlist": count(client, reverse("indicators:watchlist")),
    }
    if persona == "data_officer":
        small_counts["grid"] = count(client, grid)
    big = build(world, indicators=10, quarters=QUARTERS[-8:], areas=8)
    big_counts = {
        "list": count(client, reverse("indicators:list")),
        "page": count(client, big[0].get_absolute_url()),
        "watchlist": count(client, reverse("indicators:watchlist")),
    }
    if persona == "data_officer":
        big_counts["grid"] = count(client, grid)
    assert big_counts == small_counts
    assert small_counts["page"] <= 16


def test_it_reads_the_api_value_list_in_a_fixed_number_of_queries(world):
    """The first page and a later one (by cursor) cost the same queries for 2 values as for 58: no count."""
    from rest_framework.test import APIClient

    from organisation.models import User

    def fetch(url):
        client = APIClient()
        client.force_authenticate(User.objects.get(pk=world.performance_officer.pk))  # roles not yet loaded
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), response.json()

    build(world, indicators=1, quarters=QUARTERS[-2:], areas=1)
    small, page = fetch("/api/indicator-values/")
    assert page["next"] is None
    build(world, indicators=14, quarters=QUARTERS[-4:], areas=1)
    big, page = fetch("/api/indicator-values/")
    later, _ = fetch(page["next"])
    assert big == later == small
