"""Indicators name an accountable officer and a data officer; the orphaned-items page finds lost ones."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisation.ownership import orphaned_items
from tests.indicators.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def test_it_lists_indicators_whose_data_officer_has_left_in_a_fixed_number_of_queries(world):
    IndicatorFactory(code="AV FA 01", service=world.children, accountable_officer=world.manager_elsewhere,
                     data_officer=world.leaver)
    with CaptureQueriesContext(connection) as few:
        orphaned_items()
    for n in range(5):
        IndicatorFactory(code=f"AV FA 1{n}", service=world.children, accountable_officer=world.manager_elsewhere,
                         data_officer=world.leaver)
    with CaptureQueriesContext(connection) as many:
        found = [i for i in orphaned_items() if i.kind == "Indicator"]
    assert len(many) == len(few)
    assert {(str(i.item.code), i.role) for i in found} >= {("AV FA 01", "Data officer")}
    assert all(i.reason.startswith("Left on") for i in found if i.role == "Data officer")


def test_it_gives_other_apps_an_indicator_s_latest_figure_and_rag(ind):
    from indicators.selectors import latest_figures
    from indicators.services import rag_refresh
    from tests.indicators.conftest import published

    published(ind.reablement, "Q1 2024/25", 60)
    rag_refresh()
    found = latest_figures(ind.world.scrutiny_member, [ind.reablement.pk, ind.waiting.pk])
    assert found[ind.reablement.pk].latest.rag == "red"
    assert found[ind.waiting.pk].latest is None
