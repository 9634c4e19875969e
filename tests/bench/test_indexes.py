"""The indexes that keep the pages' cost flat as a council's history grows (README, "Benchmarks").

An indicator's figures, targets and comparator figures are found through composite indexes that lead with the
indicator. A second index on the indicator alone is not only redundant: PostgreSQL took it for "these
indicators' figures in these periods" and read every figure of their history (ten times slower on ten years
of monthly figures), so it must not come back, for instance by a ForeignKey left with its default index.
"""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

LED_BY_INDICATOR = {
    "indicators_indicatorvalue": "indicator_value_unique",
    "indicators_target": "target_unique",
    "indicators_benchmarkvalue": "benchmark_indicator_period",
}


def _indexes(table):
    with connection.cursor() as cursor:
        return {name: c["columns"] for name, c in connection.introspection.get_constraints(cursor, table).items()
                if c["index"] or c["unique"]}


@pytest.mark.parametrize("table", sorted(LED_BY_INDICATOR))
def test_an_indicators_figures_are_found_by_indicator_and_period_together(table):
    indexes = _indexes(table)
    assert indexes[LED_BY_INDICATOR[table]][:2] == ["indicator_id", "period_id"]
    assert [name for name, columns in indexes.items() if columns == ["indicator_id"]] == []


def test_the_latest_completed_milestones_are_read_newest_first_from_an_index():
    """public.selectors.updates reads the few milestones completed last, not every milestone ever completed."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'milestone_completed_published'")
        (definition,) = cursor.fetchone()
    assert "(completed_on DESC)" in definition
    assert "WHERE" in definition
