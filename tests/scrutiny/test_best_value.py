"""Best Value reviews: the 4Cs, Compare from the indicators, the options appraisal, actions into the plan."""

import datetime

import pytest
from django.urls import reverse

from priorities.models import Milestone
from scrutiny import services
from scrutiny.models import BestValueReview, DeliveryOption, ImprovementAction
from tests.priorities.factories import ObjectiveFactory, ServicePlanFactory
from tests.scrutiny.conftest import add_indicators

pytestmark = pytest.mark.django_db


def date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def text(response):
    return response.content.decode().replace("&#x27;", "'")


@pytest.fixture
def bv(world):
    return services.best_value_review_save(data={"title": "Reablement review", "service": world.adults,
                                                 "year": 2026})


def test_it_adds_a_review_with_its_four_sections_and_records_the_scope(world, scrutiny, as_user):
    """A new review gets Challenge, Compare, Consult and Compete; the scope is recorded as agreed by the committee."""
    client = as_user(world.performance_officer)
    client.post(reverse("scrutiny:best-value-create"), {"title": "Home care", "service": world.adults.pk,
                                                       "year": "2026", "stage": "programmed"})
    review = BestValueReview.objects.get(title="Home care")
    assert sorted(review.sections.values_list("c", flat=True)) == ["challenge", "compare", "compete", "consult"]
    client.post(reverse("scrutiny:best-value-scope", args=[review.pk]),
                {"scope": "All home care.", "scope_agreed_by": scrutiny.committee.pk,
                 **date("scope_agreed_on", datetime.date(2026, 11, 2))})
    review.refresh_from_db()
    assert (review.scope, review.scope_agreed_by, review.stage) == ("All home care.", scrutiny.committee, "scoping")


def test_it_refuses_a_complete_section_without_findings(world, bv, as_user):
    """A 4Cs section cannot be marked complete with no findings; the error shows by the findings."""
    section = bv.sections.get(c="challenge")
    client = as_user(world.performance_officer)
    response = client.post(reverse("scrutiny:four-cs-section", args=[section.pk]), {"is_complete": "on"})
    assert "Record the findings before marking the section complete" in text(response)
    section.refresh_from_db()
    assert not section.is_complete
    client.post(reverse("scrutiny:four-cs-section", args=[section.pk]), {"findings": "Needed.", "is_complete": "on"})
    client.post(reverse("scrutiny:four-cs-evidence-add", args=[section.pk]),
                {"title": "Care Act duties", "summary": "Statutory."})
    section.refresh_from_db()
    assert section.is_complete
    assert section.findings == "Needed."
    assert list(section.evidence.values_list("title", flat=True)) == ["Care Act duties"]


def test_it_pulls_compare_from_the_indicator_benchmarks(world, bv, as_user):
    """Compare shows the service's indicators with the comparator median and our quartile, without typing them."""
    indicators = add_indicators(world, 2)
    ours = next(i for i in indicators if i.service == world.adults)
    page = text(as_user(world.scrutiny_member).get(bv.get_absolute_url()))
    assert ours.code in page
    assert "Bottom quartile, ranked 5 of 5" in page
    assert "75.0%" in page  # the median of 60, 70, 80 and 90
    other = next(i for i in indicators if i.service != world.adults)
    assert other.code not in page.split('data-testid="compare"')[1].split("</table>")[0]


def test_it_scores_options_and_ranks_them(world, bv, as_user):
    """Options scored on cost, quality and risk are ranked by total; a score of 6 is refused by the field."""
    client = as_user(world.performance_officer)
    url = reverse("scrutiny:delivery-option-add", args=[bv.pk])
    client.post(url, {"name": "Spot purchase", "delivery": "external", "cost_score": "2", "quality_score": "2",
                      "risk_score": "3"})
    client.post(url, {"name": "Zoned contracts", "delivery": "external", "cost_score": "3", "quality_score": "4",
                      "risk_score": "3", "is_preferred": "on"})
    response = client.post(url, {"name": "Bad", "delivery": "in_house", "cost_score": "6", "quality_score": "2",
                                 "risk_score": "3"})
    assert response.status_code == 400
    assert "Choose one of the options" in text(response) or "Select a valid choice" in text(response)
    assert sorted(DeliveryOption.objects.values_list("name", flat=True)) == ["Spot purchase", "Zoned contracts"]
    page = text(client.get(bv.get_absolute_url()))
    assert page.index("Zoned contracts") < page.index("Spot purchase")
    assert "<strong>10</strong>" in page


def test_it_turns_a_recommendation_into_a_service_plan_milestone(world, bv, as_user):
    """An improvement action added under an objective of the service's draft plan becomes a milestone there,
    with the same owner and due date; completing the action completes the milestone."""
    objective = ObjectiveFactory(plan=ServicePlanFactory(service=world.adults, year=2026))
    client = as_user(world.performance_officer)
    client.post(reverse("scrutiny:improvement-action-add", args=[bv.pk]), {
        "recommendation": "Pay providers for travel.", "action": "Add travel time to the rate.",
        "owner": world.head_of_service.pk, "target": "Hours awaiting a provider under 200",
        "objective": objective.pk, **date("due_on", datetime.date(2027, 3, 1))})
    action = ImprovementAction.objects.get()
    assert action.milestone.objective == objective
    assert (action.milestone.owner, action.milestone.due_on) == (world.head_of_service, datetime.date(2027, 3, 1))
    client.post(reverse("scrutiny:improvement-action-progress", args=[action.pk]),
                {"status": "complete", "progress_note": "New rates from March."})
    action.milestone.refresh_from_db()
    assert (action.milestone.status, action.milestone.percent_complete) == ("complete", 100)


def test_it_saves_nothing_when_the_plan_refuses_the_milestone(world, bv, as_user):
    """A due date outside the plan's year is refused next to the objective or date, and no action is saved."""
    objective = ObjectiveFactory(plan=ServicePlanFactory(service=world.adults, year=2026))
    response = as_user(world.performance_officer).post(reverse("scrutiny:improvement-action-add", args=[bv.pk]), {
        "recommendation": "R", "action": "A", "owner": world.head_of_service.pk, "target": "T",
        "objective": objective.pk, **date("due_on", datetime.date(2028, 3, 1))})
    assert response.status_code == 400
    assert "The due date must be in 2026/27" in text(response)
    assert not ImprovementAction.objects.exists()
    assert not Milestone.objects.exists()


def test_it_records_the_judgement(world, bv, as_user):
    """The judgement (stars and prospects) needs reasons; with them it is saved and dated."""
    client = as_user(world.performance_officer)
    url = reverse("scrutiny:best-value-judgement", args=[bv.pk])
    assert "Give the reasons for the judgement" in text(client.post(url, {"service_stars": "2",
                                                                          "prospects": "promising"}))
    client.post(url, {"service_stars": "2", "prospects": "promising", "judgement_notes": "Good, improving."})
    bv.refresh_from_db()
    assert (bv.service_stars, bv.prospects, bv.judged_on) == (2, "promising", datetime.date(2026, 11, 28))
    assert "2 stars: good" in text(as_user(world.scrutiny_member).get(bv.get_absolute_url()))


def test_it_keeps_best_value_pages_to_readers_and_edits_to_officers(world, bv, as_user):
    """Councillors read the review but not its forms; an independent person sees nothing."""
    forms = [reverse("scrutiny:best-value-create"), reverse("scrutiny:best-value-edit", args=[bv.pk]),
             reverse("scrutiny:best-value-scope", args=[bv.pk]),
             reverse("scrutiny:four-cs-section", args=[bv.sections.first().pk]),
             reverse("scrutiny:delivery-option-add", args=[bv.pk]),
             reverse("scrutiny:improvement-action-add", args=[bv.pk]),
             reverse("scrutiny:best-value-judgement", args=[bv.pk])]
    councillor, panel = as_user(world.scrutiny_member), as_user(world.panel_member)
    assert councillor.get(reverse("scrutiny:best-value-list")).status_code == 200
    assert councillor.get(bv.get_absolute_url()).status_code == 200
    assert panel.get(bv.get_absolute_url()).status_code == 403
    for url in forms:
        assert councillor.get(url).status_code == 403, url
        assert as_user(world.performance_officer).get(url).status_code == 200, url
    assert councillor.post("/api/scrutiny/best-value-reviews/", {}).status_code == 403
    assert panel.get("/api/scrutiny/best-value-reviews/").status_code == 403


def test_it_serves_compare_and_judgement_through_the_api(world, bv, as_user):
    """GET compare gives the indicators' quartiles; POST judgement records it."""
    add_indicators(world, 2)
    rows = as_user(world.scrutiny_member).get(f"/api/scrutiny/best-value-reviews/{bv.pk}/compare/").json()
    assert [r["quartile"] for r in rows] == [4]
    response = as_user(world.performance_officer).post(
        f"/api/scrutiny/best-value-reviews/{bv.pk}/judgement/",
        {"service_stars": 1, "prospects": "uncertain", "judgement_notes": "Fair."}, content_type="application/json")
    assert response.status_code == 200
    bv.refresh_from_db()
    assert bv.prospects == "uncertain"
