"""Bad input gets a clear message next to the field, and nothing is saved."""

import pytest
from django.urls import reverse

from priorities import services
from priorities.models import (
    Milestone,
    MilestoneUpdate,
    NonPriority,
    Objective,
    PlanTransition,
    Priority,
    Risk,
    ServicePlan,
)
from tests.priorities.factories import PriorityFactory, StrategicPlanFactory

pytestmark = pytest.mark.django_db


def date(prefix, day, month, year):
    return {f"{prefix}_0": str(day), f"{prefix}_1": str(month), f"{prefix}_2": str(year)}


def error_next_to(html, field_id, message):
    """The message appears in the error summary, linked to the field, and in the field's own error message."""
    assert "govuk-error-summary" in html
    assert f'href="#{field_id}"' in html
    assert f'id="{field_id.removesuffix("_0")}-error"' in html
    assert message in html


def test_it_refuses_a_milestone_due_outside_the_plan_s_year(world, plans, as_user):
    response = as_user(world.head_of_service).post(
        reverse("milestone-create", args=[plans.objective.pk]),
        {"title": "Open the new hub", "owner": world.staff.pk, **date("due_on", 15, 4, 2027)},
    )
    assert response.status_code == 400
    error_next_to(response.content.decode(), "id_due_on_0",
                  "The due date must be in 2026/27, between 1 April 2026 and 31 March 2027")
    assert not Milestone.objects.filter(title="Open the new hub").exists()


def test_it_refuses_a_date_that_does_not_exist(world, plans, as_user):
    response = as_user(world.head_of_service).post(
        reverse("milestone-create", args=[plans.objective.pk]),
        {"title": "Open the new hub", "owner": world.staff.pk, **date("due_on", 31, 2, 2027)},
    )
    error_next_to(response.content.decode(), "id_due_on_0", "Enter a real date, for example 27 3 2025")
    assert not Milestone.objects.filter(title="Open the new hub").exists()


def test_it_asks_for_each_missing_answer_in_plain_words(world, plans, as_user):
    html = as_user(world.head_of_service).post(reverse("milestone-create", args=[plans.objective.pk]), {}
                                               ).content.decode()
    for message in ("Enter the milestone", "Enter the due date", "Choose the milestone&#x27;s owner"):
        assert message in html
    assert Milestone.objects.count() == 4


@pytest.mark.parametrize(
    ("status", "percent", "field", "message"),
    [
        ("in_progress", "101", "id_percent_complete", "Enter a percentage between 0 and 100"),
        ("in_progress", "-5", "id_percent_complete", "Enter a percentage between 0 and 100"),
        ("in_progress", "sixty", "id_percent_complete", "Enter the percentage complete as a whole number from 0 to 100"),
        ("not_started", "30", "id_percent_complete", "A milestone that has not started must be 0% complete"),
        ("in_progress", "100", "id_status_0", "A milestone that is 100% complete is complete"),
    ],
)
def test_it_checks_the_percentage_against_the_status(world, plans, as_user, status, percent, field, message):
    milestone = plans.overdue
    response = as_user(world.staff).post(reverse("milestone-progress", args=[milestone.pk]), {
        "status": status, "percent_complete": percent, "note": "Update", **date("recorded_on", 28, 11, 2026)})
    html = response.content.decode()
    assert message in html
    assert "govuk-error-summary" in html
    milestone.refresh_from_db()
    assert (milestone.status, milestone.percent_complete) == ("in_progress", 40)
    assert not MilestoneUpdate.objects.exists()


def test_it_needs_a_progress_note_and_no_future_date(world, plans, as_user):
    response = as_user(world.staff).post(reverse("milestone-progress", args=[plans.overdue.pk]), {
        "status": "in_progress", "percent_complete": "60", "note": "", **date("recorded_on", 1, 12, 2026)})
    html = response.content.decode()
    assert "Enter a progress note: what has been done and what happens next" in html
    assert not MilestoneUpdate.objects.exists()
    response = as_user(world.staff).post(reverse("milestone-progress", args=[plans.overdue.pk]), {
        "status": "in_progress", "percent_complete": "60", "note": "Going well", **date("recorded_on", 1, 12, 2026)})
    assert "The date of the update must be today or in the past" in response.content.decode()
    assert not MilestoneUpdate.objects.exists()


def test_it_needs_a_reason_to_return_a_plan(world, plans, as_user):
    plan = plans.adults
    plan.status = ServicePlan.Status.SUBMITTED
    plan.save()
    response = as_user(world.director).post(reverse("service-plan-return", args=[plan.pk]), {"reason": "  "})
    error_next_to(response.content.decode(), "id_reason",
                  "Enter why the plan is being returned, so the service knows what to change")
    plan.refresh_from_db()
    assert plan.status == ServicePlan.Status.SUBMITTED
    assert not PlanTransition.objects.filter(to_status="returned").exists()


def test_it_needs_an_objective_to_serve_a_priority_or_say_why_not(world, plans, as_user):
    response = as_user(world.head_of_service).post(reverse("objective-create", args=[plans.adults.pk]), {
        "title": "Keep the lights on", "owner": world.head_of_service.pk})
    error_next_to(response.content.decode(), "id_priorities_0",
                  "Choose the priorities this objective serves, or say why it serves none")
    assert not Objective.objects.filter(title="Keep the lights on").exists()


def test_it_accepts_an_objective_that_says_why_it_serves_no_priority(world, plans, as_user):
    response = as_user(world.head_of_service).post(reverse("objective-create", args=[plans.adults.pk]), {
        "title": "Keep the lights on", "owner": world.head_of_service.pk,
        "no_priority_reason": "A statutory duty the service must meet."})
    objective = Objective.objects.get(title="Keep the lights on")
    assert response.status_code == 302
    assert objective.no_priority_reason == "A statutory duty the service must meet."
    assert objective.number == 2


def test_it_refuses_a_priority_from_another_strategic_plan(world, plans):
    other = PriorityFactory(strategic_plan=StrategicPlanFactory(first_year=2030, last_year=2031))
    with pytest.raises(services.ValidationError) as error:
        services.objective_create(plan=plans.adults, title="Elsewhere", priorities=[other],
                                  owner=world.head_of_service)
    assert "Choose priorities from Council Plan 2025-2028" in str(error.value)
    assert not Objective.objects.filter(title="Elsewhere").exists()


def test_it_refuses_a_residual_risk_worse_than_before_mitigation(world, plans, as_user):
    response = as_user(world.head_of_service).post(reverse("risk-create", args=[plans.adults.pk]), {
        "title": "Flooding", "likelihood": "2", "impact": "2", "mitigations": "Sandbags",
        "residual_likelihood": "3", "residual_impact": "3", "owner": world.head_of_service.pk,
        **date("review_on", 1, 2, 2027)})
    error_next_to(response.content.decode(), "id_residual_likelihood_0",
                  "The score after mitigation (9) cannot be higher than the score before it (4)")
    assert not Risk.objects.filter(title="Flooding").exists()


def test_it_needs_the_source_of_a_national_priority(world, plans, as_user):
    response = as_user(world.performance_officer).post(reverse("priority-create", args=[plans.strategic.pk]), {
        "title": "Safer adults", "description": "d", "area": "social_services", "origin": "national",
        "national_source": "", "rationale": "r", "owner": world.director.pk, "status": "agreed"})
    error_next_to(response.content.decode(), "id_national_source",
                  "Enter the national source, for example the Care Act 2014")
    assert not Priority.objects.filter(title="Safer adults").exists()


def test_it_needs_a_non_priority_s_review_after_its_decision(world, plans, as_user):
    response = as_user(world.performance_officer).post(reverse("non-priority-create", args=[plans.strategic.pk]), {
        "title": "Evening day centres", "reason": "Cost", "decision": "Executive agreed",
        **date("decided_on", 12, 2, 2026), **date("review_on", 1, 1, 2026)})
    error_next_to(response.content.decode(), "id_review_on_0", "The review date must be after the date of the decision")
    assert not NonPriority.objects.exists()


def test_it_refuses_a_strategic_plan_that_overlaps_another(world, plans, as_user):
    response = as_user(world.performance_officer).post(reverse("strategic-plan-create"), {
        "title": "Another plan", "first_year": "2027/28", "last_year": "2029/2030"})
    assert "each year can have only one strategic plan" in response.content.decode()
    response = as_user(world.performance_officer).post(reverse("strategic-plan-create"), {
        "title": "Another plan", "first_year": "2028/30", "last_year": "2029/30"})
    assert "Enter a financial year like 2026/27" in response.content.decode()
    assert not plans.strategic.__class__.objects.filter(title="Another plan").exists()


def test_it_changes_nothing_in_a_plan_waiting_for_approval(world, plans, as_user):
    """Once submitted, a plan's objectives cannot be changed until it is a draft again."""
    plan = plans.adults
    plan.status = ServicePlan.Status.SUBMITTED
    plan.save()
    response = as_user(world.head_of_service).post(reverse("objective-edit", args=[plans.objective.pk]), {
        "title": "Changed", "owner": world.head_of_service.pk, "priorities": [plans.p1.pk]})
    assert "Only a draft plan can be changed" in response.content.decode()
    plans.objective.refresh_from_db()
    assert plans.objective.title == "Start home care within 48 hours"


def test_it_saves_nothing_when_a_progress_update_fails_half_way(world, plans, monkeypatch):
    """The progress note and the milestone's new status are saved together or not at all."""
    def broken_save(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Milestone, "save", broken_save)
    with pytest.raises(RuntimeError):
        services.milestone_record_progress(milestone=plans.overdue, actor=world.staff, status="in_progress",
                                           percent_complete=70, note="Three zones live")
    assert not MilestoneUpdate.objects.exists()
