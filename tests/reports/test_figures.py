"""The scrutiny report's figures: read in a fixed number of queries, the same as the indicator page's, and
charted only where the committee needs to look."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import ValueStatus
from indicators.selectors import indicator_page
from reports import content
from reports.models import Audience, Report, ReportType
from tests.indicators.factories import IndicatorFactory, TargetFactory, ValueFactory, period
from tests.reports.conftest import LAST_QUARTER
from tests.scrutiny.conftest import add_indicators

pytestmark = pytest.mark.django_db


def scrutiny_report(committee, label=LAST_QUARTER):
    return Report(report_type=ReportType.SCRUTINY, audience=Audience.COMMITTEE, committee=committee,
                  period=period(label))


def green_indicators(world, n):
    """n local indicators on target, neither red nor on the watchlist."""
    found = []
    for _ in range(n):
        indicator = IndicatorFactory(service=world.adults)
        for label in ("Q1 2026/27", "Q2 2026/27"):
            TargetFactory(indicator=indicator, period=period(label), value=Decimal("50"))
            ValueFactory(indicator=indicator, period=period(label), actual=Decimal("90"),
                         status=ValueStatus.VERIFIED, rag="green")
        found.append(indicator)
    return found


def snapshot_queries(report):
    with CaptureQueriesContext(connection) as queries:
        content.snapshot(report, number=1)
    return len(queries)


def test_it_builds_the_scrutiny_snapshot_in_the_same_number_of_queries_for_twice_the_indicators(world, scrutiny):
    """A council with twice the indicators (red, watched and on target) costs no more queries."""
    made = add_indicators(world, 3) + green_indicators(world, 3)
    report = scrutiny_report(scrutiny.committee)
    few = snapshot_queries(report)
    made += add_indicators(world, 3) + green_indicators(world, 3)
    many = snapshot_queries(report)
    assert few == many
    assert {f"{i.code} {i.name}" for i in made} <= local_indicators(report)  # and every one is in the report


def local_indicators(report):
    """The local indicators section's indicators ("code name"), charted or in its scorecard."""
    local = next(s for s in content.snapshot(report, number=1)["sections"] if s["slug"] == "local")
    return {f"{b['code']} {b['name']}" for b in local["blocks"] if b["kind"] == "indicator"} | {
        row[0] for b in local["blocks"] if b["kind"] == "table" for row in b["rows"]}


def test_it_charts_the_red_and_watched_indicators_and_gives_the_rest_a_scorecard_row(world, scrutiny):
    red = add_indicators(world, 2)
    green = green_indicators(world, 2)
    report = scrutiny_report(scrutiny.committee)
    local = next(s for s in content.snapshot(report, number=1)["sections"] if s["slug"] == "local")
    assert [b["code"] for b in local["blocks"] if b["kind"] == "indicator"] == [i.code for i in red]
    scorecard = local["blocks"][-1]
    assert scorecard["caption"].startswith("Scorecard: the other 2 local indicators")
    assert [row[0] for row in scorecard["rows"]] == [f"{i.code} {i.name}" for i in green]
    assert scorecard["rows"][0][1:4] == ["Q2 2026/27: 90.0%", "50.0%", {"text": "Green", "tag": "green"}]
    assert "Trend charts for the 2 indicators that need the committee's attention" in local["intro"]
    assert "the other 2 are in the scorecard" in local["intro"]


def test_an_indicators_report_figures_are_its_indicator_pages(packs):
    """The bulk read gives each indicator the same block as its indicator page's series would."""
    reader = content.member_reader()
    end = period("Q1 2026/27").end
    figures = content.indicators_in_scope(reader, None, end)
    assert {f.indicator.pk for f in figures} >= {i.pk for i in packs.indicators}
    for f in figures:
        page = indicator_page(reader, f.indicator)
        expected = content.IndicatorFigures(f.indicator, [r for r in page["rows"] if r.period.end <= end],
                                            page["group"])
        assert f.block() == expected.block()
    assert figures[0].block()["latest"] == "60.0%"
