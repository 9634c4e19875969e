"""Pages about "now" read recent figures only, and say the same as reading the whole history would."""

import datetime
from decimal import Decimal

import pytest

from indicators import periods as P
from indicators import rag as R
from indicators import selectors, services
from indicators.models import ExceptionRule, IndicatorValue, ValueRevision, ValueStatus
from indicators.services import rag_refresh
from tests.indicators.factories import IndicatorFactory, TargetFactory, ValueFactory, period

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def months_back(n):
    """Labels of the n months before this one, oldest first."""
    spec = P.previous(P.containing(P.MONTH, TODAY))
    found = []
    for _ in range(n):
        found.append(spec)
        spec = P.previous(spec)
    return [s.label for s in reversed(found)]


def series(indicator, labels, actuals, status=ValueStatus.PUBLISHED):
    for label, actual in zip(labels, actuals, strict=True):
        ValueFactory(indicator=indicator, period=period(label), actual=Decimal(actual), status=status)


def test_it_finds_the_latest_figure_its_target_and_travel_among_recent_and_long_past_figures(world):
    """A current monthly indicator and one whose figures stopped in 2010: each row is what the history says."""
    current = IndicatorFactory(service=world.adults, frequency="month", code="NOW 1")
    labels = months_back(14)
    series(current, labels, range(50, 64))
    year = P.fiscal_year_of(P.parse_period(labels[-1]).start)
    TargetFactory(indicator=current, period=period(P.year(year).label), value=Decimal(70))
    stopped = IndicatorFactory(service=world.adults, frequency="quarter", code="OLD 1")
    series(stopped, ["Q3 2009/10", "Q4 2009/10", "Q3 2010/11", "Q4 2010/11"], [40, 41, 45, 44])
    TargetFactory(indicator=stopped, period=period("2010/11"), value=Decimal(42))
    rag_refresh()

    rows = {r.indicator.code: r for r in selectors.indicator_list(world.scrutiny_member)}
    now = rows["NOW 1"]
    assert now.latest.period.label == labels[-1]
    assert now.latest.actual == Decimal(63)
    assert now.target.value == Decimal(70)  # the month takes its year's target
    assert now.latest.rag == R.RED
    assert (now.vs_previous.judgement, now.vs_last_year.judgement) == (R.BETTER, R.BETTER)
    old = rows["OLD 1"]
    assert old.latest.period.label == "Q4 2010/11"
    assert old.target.value == Decimal(42)
    assert old.vs_previous.judgement == R.WORSE  # 44 after 45
    assert old.vs_last_year.judgement == R.BETTER  # 44 against Q4 2009/10's 41


def test_it_shows_a_councillor_the_latest_verified_figure_not_a_newer_draft(world):
    indicator = IndicatorFactory(service=world.adults, frequency="month")
    labels = months_back(3)
    series(indicator, labels[:2], [50, 51])
    series(indicator, labels[2:], [52], status=ValueStatus.DRAFT)
    councillor = selectors.indicator_list(world.scrutiny_member)[0]
    data_officer = selectors.indicator_list(world.data_officer)[0]
    assert councillor.latest.actual == Decimal(51)
    assert data_officer.latest.actual == Decimal(52)


def test_it_says_or_more_when_a_red_run_may_go_on_before_the_periods_read(world):
    """Red for twelve quarters: the watchlist reads the last four and says "or more"."""
    ExceptionRule.objects.create(name="Red twice", kind=ExceptionRule.Kind.RED_RUN, periods=2)
    long_red = IndicatorFactory(service=world.adults, code="RED 1")
    short_red = IndicatorFactory(service=world.adults, code="RED 2")
    quarters = [s.label for s in P.series(P.QUARTER, datetime.date(2021, 4, 1), datetime.date(2024, 3, 1))]
    series(long_red, quarters, [10] * 12)
    series(short_red, quarters, [90] * 10 + [10, 10])
    for indicator in (long_red, short_red):
        for year in (2021, 2022, 2023):
            TargetFactory(indicator=indicator, period=period(P.year(year).label), value=Decimal(50))
    rag_refresh()
    reasons = {item.indicator.code: item.reason for item in selectors.watchlist(user=world.scrutiny_member)}
    assert reasons == {"RED 1": "Red for the last 4 periods or more", "RED 2": "Red for the last 2 periods"}


def test_it_shows_the_last_ten_years_on_the_indicator_page_and_every_year_when_asked(world, as_user):
    indicator = IndicatorFactory(service=world.adults, frequency="year")
    this_year = P.fiscal_year_of(TODAY)
    series(indicator, [P.year(y).label for y in range(this_year - 14, this_year)], range(40, 54))
    page = selectors.indicator_page(world.scrutiny_member, indicator)
    assert [r.period.label for r in page["rows"]] == [P.year(y).label for y in range(this_year - 9, this_year)]
    assert page["earlier_years"]
    assert page["rows"][0].vs_previous.judgement == R.BETTER  # the year before the first shown is still read
    everything = selectors.indicator_page(world.scrutiny_member, indicator, years=None)
    assert len(everything["rows"]) == 14
    client = as_user(world.scrutiny_member)
    shown = client.get(indicator.get_absolute_url()).content.decode()
    assert "Show every year" in shown
    assert P.year(this_year - 14).label not in shown
    assert P.year(this_year - 14).label in client.get(indicator.get_absolute_url() + "?years=all").content.decode()


def test_a_monthly_indicator_shows_three_years_and_every_month_when_asked(world, as_user):
    """Ten years of months is a 120-row table: the page shows the last three financial years, this one with
    the two before it (no figures yet this year here)."""
    indicator = IndicatorFactory(service=world.adults, frequency="month")
    this_year = P.fiscal_year_of(TODAY)
    months = [spec.label for year in range(this_year - 5, this_year) for spec in P.periods_of_year(year, P.MONTH)]
    series(indicator, months, [40 + n % 10 for n in range(len(months))])
    client = as_user(world.scrutiny_member)
    shown = client.get(indicator.get_absolute_url()).content.decode()
    assert "Showing the last 3 financial years" in shown
    assert months[-1] in shown
    assert months[-24] in shown
    assert months[-25] not in shown
    assert months[0] in client.get(indicator.get_absolute_url() + "?years=all").content.decode()


def test_it_imports_a_year_of_figures_rates_them_and_rates_again_the_figure_after_them(world):
    """Bulk-saved figures get their RAG (the improving rule needs the one before), and so does the next one."""
    indicator = IndicatorFactory(service=world.adults, rag_scheme=R.IMPROVING, tolerance=Decimal(0))
    TargetFactory(indicator=indicator, period=period("2023/24"), value=Decimal(60))
    later = ValueFactory(indicator=indicator, period=period("Q1 2024/25"), actual=Decimal(40))
    TargetFactory(indicator=indicator, period=period("2024/25"), value=Decimal(60))
    rag_refresh()
    entries = [{"indicator": indicator, "period": period(label), "actual": Decimal(actual)}
               for label, actual in (("Q3 2023/24", 30), ("Q4 2023/24", 50))]
    saved = services.values_save_many(actor=world.data_officer, entries=entries,
                                      action=ValueRevision.Action.IMPORTED)
    assert len(saved) == 2
    values = {v.period.label: v for v in IndicatorValue.objects.filter(indicator=indicator).select_related("period")}
    assert values["Q3 2023/24"].rag == R.RED  # below target, nothing before it to improve on
    assert values["Q4 2023/24"].rag == R.AMBER  # below target but better than the quarter before
    later.refresh_from_db()
    assert later.rag == R.RED  # worse than the newly imported quarter before it
    assert ValueRevision.objects.filter(value__indicator=indicator, action="imported").count() == 2
    assert all(v.status == ValueStatus.DRAFT and v.entered_by_id == world.data_officer.pk
               for v in (values["Q3 2023/24"], values["Q4 2023/24"]))


def test_it_reads_the_figures_for_the_direction_of_travel_with_the_recent_ones(world, django_assert_num_queries):
    """With `earlier`, the period before and the same period last year come with the recent figures: the
    direction of travel then needs no query, and says what reading them on their own says."""
    from indicators.figures import RecentFigures

    monthly = IndicatorFactory(service=world.adults, frequency="month", code="NOW 2")
    series(monthly, months_back(14), range(50, 64))
    quarterly = IndicatorFactory(service=world.adults, frequency="quarter", code="NOW 3")
    quarter = P.previous(P.containing(P.QUARTER, TODAY))
    quarters = [P.previous(P.previous(P.previous(P.previous(quarter)))), P.previous(quarter), quarter]
    series(quarterly, [q.label for q in quarters], [30, 35, 33])
    indicators = [monthly, quarterly]

    alone = RecentFigures(IndicatorValue.objects.all(), indicators).earlier_actuals()
    together = RecentFigures(IndicatorValue.objects.all(), indicators, earlier=True)
    with django_assert_num_queries(0):
        found = together.earlier_actuals()
    assert found == alone
    assert found[(quarterly.pk, quarters[1].kind, quarters[1].start)] == Decimal(35)  # the quarter before
    assert found[(quarterly.pk, quarters[0].kind, quarters[0].start)] == Decimal(30)  # a year before
    assert len(found) == 4
