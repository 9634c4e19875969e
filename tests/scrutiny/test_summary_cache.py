"""The dashboards' and golden thread's cached summaries (core/summaries.py): current at once, and per scope.

Every page here is opened once before the change, so the change must retire a cached summary to show.
"""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import summaries
from indicators import importing, services
from indicators.models import DataImport, IndicatorValue, Target, ValueStatus
from priorities.models import ServicePlan
from tests.indicators.factories import IndicatorFactory, ValueFactory, period
from tests.priorities.factories import MilestoneFactory
from tests.scrutiny.conftest import add_indicators

pytestmark = pytest.mark.django_db

DASHBOARD = "scrutiny:dashboard"


def unstamped(html):
    """The page without what differs on every response (the CSP nonce, the CSRF token)."""
    return re.sub(r'(nonce|value)="[^"]*"', "", html)


def page(as_user, user, url):
    return as_user(user).get(url).content.decode().replace("&#x27;", "'")


def dashboard(as_user, user):
    return page(as_user, user, reverse(DASHBOARD))


def test_it_serves_the_second_request_from_the_cache(world, scrutiny, as_user, django_assert_max_num_queries):
    """The summary is kept: the second request reads far less (what is shown around it, not the figures)."""
    add_indicators(world, 2)
    client = as_user(world.scrutiny_member)
    first = client.get(reverse(DASHBOARD)).content.decode()
    with django_assert_max_num_queries(8):
        again = client.get(reverse(DASHBOARD)).content.decode()
    assert unstamped(again) == unstamped(first)


def without_latest(indicator):
    """Take away the indicator's verified Q2 figure, so a new one can be entered as a draft."""
    IndicatorValue.objects.filter(indicator=indicator, period=period("Q2 2026/27")).delete()


def test_a_figure_saved_in_bulk_shows_at_once(world, scrutiny, as_user):
    indicators = add_indicators(world, 2)
    without_latest(indicators[0])
    before = dashboard(as_user, world.performance_officer)
    assert "12,345" not in before
    services.values_save_many(actor=world.performance_officer, entries=[
        {"indicator": indicators[0], "period": period("Q2 2026/27"), "actual": Decimal("12345")}])
    assert "12,345" in dashboard(as_user, world.performance_officer)


def test_a_quiet_change_re_rated_in_bulk_shows_at_once(world, scrutiny, as_user):
    """rag_refresh writes with bulk_update (no model signal) and says so with figures_written."""
    indicators = add_indicators(world, 2)
    assert "2 indicators red or red-amber" in dashboard(as_user, world.scrutiny_member)
    Target.objects.filter(indicator=indicators[0]).update(value=Decimal("10"))  # no signal: still cached
    assert "2 indicators red or red-amber" in dashboard(as_user, world.scrutiny_member)
    assert services.rag_refresh(indicator_ids=[indicators[0].pk])
    assert "1 indicator red or red-amber" in dashboard(as_user, world.scrutiny_member)


def test_a_target_saved_shows_at_once(world, scrutiny, as_user):
    indicators = add_indicators(world, 2)
    assert "2 indicators red or red-amber" in dashboard(as_user, world.scrutiny_member)
    services.targets_save(actor=world.performance_officer, indicator=indicators[0],
                          targets=[(period("Q2 2026/27"), Decimal("10"), None)])
    assert "1 indicator red or red-amber" in dashboard(as_user, world.scrutiny_member)


def test_an_import_shows_at_once(world, scrutiny, as_user):
    indicators = add_indicators(world, 2)
    without_latest(indicators[0])
    assert "93.7%" not in dashboard(as_user, world.performance_officer)
    data = importing.write_csv(importing.VALUES_TEMPLATE,
                               [[indicators[0].code, "", "Q2 2026/27", "93.7", "", "", "", "", ""]])
    data_import = services.import_upload(actor=world.performance_officer, kind=DataImport.Kind.VALUES,
                                         file_name="figures.csv", data=data)
    services.import_start(data_import=data_import, actor=world.performance_officer)
    assert IndicatorValue.objects.get(indicator=indicators[0], period=period("Q2 2026/27")).actual == Decimal("93.7")
    assert "93.7%" in dashboard(as_user, world.performance_officer)


def test_the_golden_thread_shows_a_new_link_and_a_changed_milestone_at_once(world, scrutiny, as_user):
    add_indicators(world, 1)
    objective = ServicePlan.objects.get(service=world.adults, year=2026).objectives.get()
    url = reverse("golden-thread", args=[objective.plan.strategic_plan_id]) + "?year=2026"
    linked = IndicatorFactory(service=world.adults, name="Newly linked measure")
    ValueFactory(indicator=linked, period=period("Q2 2026/27"), actual=Decimal("42"), status=ValueStatus.VERIFIED)
    before = page(as_user, world.performance_officer, url)
    assert "Newly linked measure" not in before
    objective.indicators.add(linked)  # a many-to-many change
    after = page(as_user, world.performance_officer, url)
    assert "Newly linked measure" in after
    MilestoneFactory(objective=objective, title="A milestone added later")
    assert "A milestone added later" in page(as_user, world.performance_officer, url)


def test_a_councillor_never_sees_the_draft_an_officer_saw(world, scrutiny, as_user):
    """The performance officer's summary (drafts included) is not served to a councillor (verified only)."""
    indicators = add_indicators(world, 2)
    without_latest(indicators[0])
    services.values_save_many(actor=world.performance_officer, entries=[
        {"indicator": indicators[0], "period": period("Q2 2026/27"), "actual": Decimal("12345")}])
    assert "12,345" in dashboard(as_user, world.performance_officer)
    assert "12,345" not in dashboard(as_user, world.scrutiny_member)
    assert "12,345" in dashboard(as_user, world.performance_officer)  # both kept, each for its own scope


def test_a_data_officer_never_sees_another_services_draft_on_the_golden_thread(world, scrutiny, as_user):
    """Officers read the golden thread; drafts only for the services whose figures they enter."""
    indicators = add_indicators(world, 2)
    adults = next(i for i in indicators if i.service == world.adults)
    objective = ServicePlan.objects.get(service=world.adults, year=2026).objectives.first()
    objective.indicators.add(adults)
    without_latest(adults)
    services.values_save_many(actor=world.data_officer, entries=[
        {"indicator": adults, "period": period("Q2 2026/27"), "actual": Decimal("77.7")}])
    url = reverse("golden-thread", args=[objective.plan.strategic_plan_id]) + "?year=2026"
    assert "77.7% in Q2 2026/27" in page(as_user, world.data_officer, url)
    assert "77.7%" not in page(as_user, world.manager_elsewhere, url)  # another service's head


def test_the_scope_is_part_of_every_key(world):
    keys = {summaries.key("dashboard", user, ()) for user in (world.performance_officer, world.data_officer,
                                                               world.manager_elsewhere, world.scrutiny_member)}
    assert len(keys) == 4


def built_again(queries):
    """The indicators were read: the summary was made, not read from the cache."""
    return any('FROM "indicators_indicator"' in q["sql"] for q in queries)


def test_a_change_made_by_another_process_retires_the_summary(world, scrutiny, as_user,
                                                              django_assert_max_num_queries):
    """Another web process replaced the shared version: this one builds the summary again at once."""
    add_indicators(world, 1)
    client = as_user(world.scrutiny_member)
    client.get(reverse(DASHBOARD))
    with django_assert_max_num_queries(8):
        client.get(reverse(DASHBOARD))
    cache.set(summaries.VERSION.key, "set-by-another-process", None)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse(DASHBOARD))
    assert built_again(queries)


def test_made_up_query_strings_are_not_kept(world, scrutiny, as_user, django_assert_max_num_queries):
    """Only the real filters and pages are kept: anything else is rendered afresh, so it cannot fill the cache."""
    add_indicators(world, 1)
    client = as_user(world.scrutiny_member)
    client.get(reverse(DASHBOARD) + "?utm_source=newsletter")
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse(DASHBOARD) + "?utm_source=newsletter")
    assert built_again(queries)
    client.get(reverse(DASHBOARD) + "?framework=ascof&page=1")
    with django_assert_max_num_queries(8):
        client.get(reverse(DASHBOARD) + "?framework=ascof&page=1")


def test_the_priorities_ratings_are_kept_until_a_plan_changes_not_after_a_figure(world, scrutiny, as_user):
    """A saved figure makes the dashboard again but not its priorities' ratings, which come from the plans alone
    (core.summaries.PLANS); a saved milestone makes them again."""
    from priorities.models import Milestone

    indicator = add_indicators(world, 1)[0]
    client = as_user(world.scrutiny_member)
    client.get(reverse(DASHBOARD))
    milestone = Milestone.objects.get()
    Milestone.objects.filter(pk=milestone.pk).update(percent_complete=77)  # behind the signals' back
    figure = indicator.values.order_by("period__start").first()
    figure.commentary = "Checked again."
    figure.save()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse(DASHBOARD)).content.decode()
    assert built_again(queries)
    by_priority = page.split('data-testid="by-priority"', 1)[1].split("</table>", 1)[0]
    assert "77%" not in by_priority
    milestone.refresh_from_db()
    milestone.save()
    page = client.get(reverse(DASHBOARD)).content.decode()
    assert "77%" in page.split('data-testid="by-priority"', 1)[1].split("</table>", 1)[0]
