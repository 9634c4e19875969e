"""Objectives measured by indicators: the figures, targets and RAG show along the golden thread."""

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from indicators.models import ValueStatus
from tests.conftest import forget_kept_summaries
from tests.indicators.factories import IndicatorFactory, TargetFactory, ValueFactory, period

pytestmark = pytest.mark.django_db


@pytest.fixture
def measured(world, plans):
    """Objective 1 of the adults plan is measured by one indicator with a verified red figure."""
    indicator = IndicatorFactory(service=world.adults, code="AV RHC 01", name="Reablement with no ongoing care")
    q2 = period("Q2 2026/27")
    TargetFactory(indicator=indicator, period=q2, value=Decimal("80"))
    ValueFactory(indicator=indicator, period=q2, actual=Decimal("61.5"), status=ValueStatus.VERIFIED, rag="red")
    plans.objective.indicators.add(indicator)
    return indicator


def test_it_shows_an_objective_s_indicator_with_its_figure_target_and_rag(world, plans, measured, as_user):
    """The head of service sees, beside the objective, the latest figure against its target, rated."""
    response = as_user(world.head_of_service).get(reverse("service-plan-detail", args=[plans.adults.pk]))
    text = response.text
    assert "Measured by" in text
    assert "AV RHC 01: Reablement with no ongoing care" in text
    assert "61.5" in text
    assert "target 80" in text
    assert "govuk-tag--red" in text.split("AV RHC 01")[0].rsplit("<li", 1)[1]


def test_it_shows_the_measures_on_the_golden_thread(world, plans, measured, as_user):
    response = as_user(world.scrutiny_member).get(reverse("golden-thread", args=[plans.strategic.pk]), {"year": 2026})
    assert "AV RHC 01: Reablement with no ongoing care" in response.text


def test_it_hides_a_draft_figure_from_a_councillor(world, plans, as_user):
    """Councillors read verified figures only; a draft never reaches the plan page for them."""
    indicator = IndicatorFactory(service=world.adults, code="AV RHC 09")
    ValueFactory(indicator=indicator, period=period("Q2 2026/27"), actual=Decimal("12.34"), status=ValueStatus.DRAFT)
    plans.objective.indicators.add(indicator)
    url = reverse("service-plan-detail", args=[plans.adults.pk])
    assert "12.3" not in as_user(world.scrutiny_member).get(url).text
    assert "no figures yet" in as_user(world.scrutiny_member).get(url).text


def test_it_links_indicators_when_a_manager_edits_the_objective(world, plans, as_user):
    mine = IndicatorFactory(service=world.adults)
    response = as_user(world.head_of_service).post(reverse("objective-edit", args=[plans.objective.pk]), {
        "title": plans.objective.title, "priorities": [plans.p1.pk], "indicators": [mine.pk],
        "owner": world.head_of_service.pk,
    })
    assert response.status_code == 302
    assert list(plans.objective.indicators.all()) == [mine]


def test_it_refuses_another_service_s_indicator_in_the_form(world, plans, as_user):
    theirs = IndicatorFactory(service=world.children)
    response = as_user(world.head_of_service).post(reverse("objective-edit", args=[plans.objective.pk]), {
        "title": plans.objective.title, "priorities": [plans.p1.pk], "indicators": [theirs.pk],
        "owner": world.head_of_service.pk,
    })
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert not plans.objective.indicators.exists()


def test_it_refuses_another_service_s_indicator_through_the_api(world, plans):
    theirs = IndicatorFactory(service=world.children, code="CH 01")
    client = APIClient()
    client.force_authenticate(world.head_of_service)
    response = client.patch(f"/api/objectives/{plans.objective.pk}/", {"indicators": [theirs.pk]}, format="json")
    assert response.status_code == 400
    assert "CH 01" in response.json()["indicators"][0]
    assert not plans.objective.indicators.exists()


def test_it_keeps_the_plan_page_constant_as_measures_grow(world, plans, measured, as_user,
                                                         django_assert_max_num_queries):
    client = as_user(world.head_of_service)
    url = reverse("service-plan-detail", args=[plans.adults.pk])
    client.get(url)
    forget_kept_summaries()
    with django_assert_max_num_queries(25) as small:
        client.get(url)
    for _ in range(6):
        extra = IndicatorFactory(service=world.adults)
        ValueFactory(indicator=extra, period=period("Q2 2026/27"), status=ValueStatus.VERIFIED)
        plans.objective.indicators.add(extra)
    forget_kept_summaries()
    with django_assert_max_num_queries(25) as large:
        client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_a_saved_figure_draws_again_only_the_golden_thread_sections_its_indicator_measures(world, plans, measured,
                                                                                           as_user):
    """Priority 2's objective is renamed without a signal: a figure saved for priority 1's indicator shows at
    once, while priority 2's section stays as it was kept until a save that says so."""
    from priorities.models import Objective

    plans.child_objective.priorities.set([plans.p2])
    url = reverse("golden-thread", args=[plans.strategic.pk])
    client = as_user(world.performance_officer)
    assert "Recruit foster carers" in client.get(url, {"year": 2026}).text
    Objective.objects.filter(pk=plans.child_objective.pk).update(title="Renamed quietly")  # sends no signal
    ValueFactory(indicator=measured, period=period("Q3 2026/27"), actual=Decimal("77.5"), status=ValueStatus.VERIFIED)

    text = client.get(url, {"year": 2026}).text
    assert "77.5% in Q3 2026/27" in text  # priority 1's section, drawn again
    assert "Recruit foster carers" in text  # priority 2's section, as kept
    assert "Renamed quietly" not in text
    plans.child_objective.refresh_from_db()
    plans.child_objective.save()
    assert "Renamed quietly" in client.get(url, {"year": 2026}).text


def test_a_plan_with_no_priorities_says_so_on_the_golden_thread(world, as_user):
    from tests.priorities.factories import StrategicPlanFactory

    strategic = StrategicPlanFactory(first_year=2025, last_year=2027)
    text = as_user(world.performance_officer).get(reverse("golden-thread", args=[strategic.pk]),
                                                   {"year": 2026}).text
    assert "This plan has no priorities yet." in text
    assert "Every objective in 2026/27 serves at least one priority." in text
